"""The same handbook built with Zensical (`handbook zensical`): checks first, generated
content, page furniture, and the handbook's search layer in Zensical's search."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from browser import RequestLog, serve_site
from conftest import BIN, FIXTURES, ROOT, run_zensical
from search_eval import load_queries, report, summarise
from zensical_search import RUN_QUERY, open_search, run_queries

INDEX = """---
id: home
kind: article
title: 首页
owner: 测试组
reviewed: 2026-11-01
---

# 首页

{{ 公司名称 }}，见[基础场景](base/scenario.md)。
"""


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_generated_pages_and_data_are_in_the_zensical_site(zensical_site):
    maintenance = html(zensical_site, "guide/maintenance")
    assert "内容维护" in maintenance and "已过期" in maintenance
    assert (zensical_site / "search" / "handbook-search-data.js").is_file()
    assert "handbook-zensical-search.js" in html(zensical_site, "")


def test_furniture_and_org_values_under_zensical(zensical_site):
    risk = html(zensical_site, "risks/group-visit")
    assert "速查 · 风险等级：高" in risk and "立即通知投诉人员" in risk
    assert "负责人：投诉处理组" in risk and "上次复核：" in risk
    related = risk.split('id="hb-related"')[1]
    assert 'href="../storm-type/"' in related and "暴怒威胁型" in related
    assert "{{ 公司名称 }}" not in html(zensical_site, "scenarios/greeting")


def small_project(tmp_path):
    project = tmp_path / "project"
    for name in ("snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "base", project / "docs" / "base")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text(INDEX, encoding="utf-8")
    return project


def test_content_error_stops_the_zensical_build(tmp_path):
    project = small_project(tmp_path)
    shutil.copy(FIXTURES / "broken" / "bad-value.md", project / "docs" / "bad-value.md")
    result = run_zensical(project)
    assert result.returncode == 1
    assert "bad-value.md:5: 键「channels」的值「微信」不在允许的范围内" in result.stdout and "没有构建" in result.stdout
    assert not (project / "site" / "index.html").exists()


def test_setup_error_stops_the_zensical_build(tmp_path):
    project = small_project(tmp_path)
    (project / "snippets" / "org.yml").write_text("- 公司名称: 华炫科技\n", encoding="utf-8")
    result = run_zensical(project)
    assert result.returncode == 1 and "snippets/org.yml:1:" in result.stdout and "Traceback" not in result.stderr


def test_small_project_builds_with_zensical(tmp_path):
    project = small_project(tmp_path)
    result = run_zensical(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "华炫科技" in html(project / "site", "")
    # The generated page was written where Zensical reads it, and it is git-ignored in the real tree.
    assert (project / "docs" / "guide" / "maintenance.md").is_file()


def test_generated_sources_are_git_ignored():
    from handbook.generated import source_paths

    for path in source_paths():
        ignored = subprocess.run(["git", "check-ignore", "-q", f"docs/{path}"], cwd=ROOT, check=False)
        assert ignored.returncode == 0, f"add /docs/{path} to .gitignore (it is generated)"


def test_mkdocs_without_the_hook_keeps_materials_own_search(tmp_path):
    project = small_project(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n  - hooks/handbook_build.py\n", ""), encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                            check=False, capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "handbook-search.js" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# --- search in the browser ------------------------------------------------------

# A little under the measured figures (tools/bench_builders.py), so a regression fails.
FLOOR_HIT1, FLOOR_HIT3 = 0.70, 0.82


@pytest.fixture(scope="module")
def zensical_search(zensical_site, browser):
    with serve_site(zensical_site) as url:
        context = browser.new_context(locale="zh-CN")
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_search(page, url)
        yield page, url, requests, errors
        context.close()


@pytest.mark.browser
def test_zensical_search_meets_the_floors(zensical_search):
    page, url, requests, errors = zensical_search
    outcomes = run_queries(page, url, load_queries())
    summary = summarise(outcomes)
    assert summary.hit1 >= FLOOR_HIT1 and summary.hit3 >= FLOOR_HIT3, report(outcomes)
    assert requests.external == [] and errors == []


@pytest.mark.browser
def test_zensical_search_takes_traditional_characters_and_synonyms(zensical_search):
    page, _, _, _ = zensical_search
    for query, target in (("群訪", "risks/group-visit/"), ("举报", "risks/")):
        hrefs = page.evaluate(RUN_QUERY, query)["hrefs"]
        assert any(target in href for href in hrefs[:5]), (query, hrefs[:5])


@pytest.mark.browser
def test_without_its_data_zensicals_own_search_still_answers(zensical_site, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(zensical_site, site)
    (site / "search" / "handbook-search-data.js").unlink()
    with serve_site(site) as url:
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_search(page, url)
        hrefs = page.evaluate(RUN_QUERY, "群访")["hrefs"]
        context.close()
    assert any("risks/group-visit/" in href for href in hrefs), hrefs
    assert errors == []


def test_a_broken_link_fails_the_zensical_build_like_the_strict_mkdocs_build(tmp_path):
    project = small_project(tmp_path)
    page = project / "docs" / "base" / "risk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见[不存在的页面](nowhere.md)。\n", encoding="utf-8")
    result = run_zensical(project)
    assert result.returncode == 1
    # The handbook's own check finds it first (handbook/links.py), with line and fix, and nothing is built.
    assert "base/risk.md:20:" in result.stdout and "[link-not-found]" in result.stdout and "没有构建" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
