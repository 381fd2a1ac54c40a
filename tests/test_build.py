"""The strict build, as CI and trainers run it: real site, and small broken sites."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, FIXTURES, ROOT, fetch_when_served, run_build

INDEX = """---
id: home
kind: article
title: 首页
owner: 测试组
reviewed: 2026-11-01
---

# 首页

见[基础场景](base/scenario.md)。
"""


@pytest.fixture
def small_project(tmp_path) -> Path:
    """The real configuration and hooks over three known-good fixture pages (auto nav)."""
    project = tmp_path / "project"
    for name in ("snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n", encoding="utf-8")
    docs = project / "docs"
    shutil.copytree(FIXTURES / "base", docs / "base")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    return project


def build(project: Path, tmp_path: Path, *extra):
    result = run_build(project, tmp_path / "site", *extra)
    return result.returncode, result.stdout + result.stderr


def append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_real_handbook_builds_strict(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "guide" / "maintenance" / "index.html").is_file()
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 50


def test_small_project_builds(small_project, tmp_path):
    code, output = build(small_project, tmp_path)
    assert code == 0, output


@pytest.mark.parametrize("page, addition, named", [
    ("base/risk.md", "\n见[不存在的页面](nowhere.md)。\n", ["base/risk.md", "nowhere.md"]),
    ("index.md", "\n[跳转](base/scenario.md#没有这一节)\n", ["index.md", "没有这一节"]),
    ("base/policy.md", '\n--8<-- "no-such-snippet.md"\n', ["base/policy.md", "no-such-snippet.md"]),
], ids=["broken-link", "broken-anchor", "missing-snippet"])
def test_broken_reference_fails_naming_the_file(small_project, tmp_path, page, addition, named):
    append(small_project / "docs" / page, addition)
    code, output = build(small_project, tmp_path)
    assert code != 0
    assert all(name in output for name in named), output


def test_content_errors_fail_with_file_line_and_fix_and_no_traceback(small_project, tmp_path):
    page = small_project / "docs" / "base" / "scenario.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.split('!!! dont')[0] + "\n## 第二个情境\n\n正文。\n", encoding="utf-8")
    code, output = build(small_project, tmp_path)
    assert code != 0
    assert "base/scenario.md:17: 情境「客户走到柜台前」没有「不要这样说」" in output
    assert "base/scenario.md:23: 情境「第二个情境」没有「这样说」" in output
    assert "改法：" in output
    assert "Traceback" not in output


def test_non_strict_build_also_stops_on_content_errors(small_project, tmp_path):
    page = small_project / "docs" / "base" / "risk.md"
    page.write_text(page.read_text(encoding="utf-8").replace("level: 高", "level: 很高"), encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-f", str(small_project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        check=False, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "很高" in result.stderr and "Traceback" not in result.stderr


def test_gbk_file_is_reported_without_traceback(small_project, tmp_path):
    shutil.copy(FIXTURES / "broken" / "encoding.md", small_project / "docs" / "base" / "gbk.md")
    code, output = build(small_project, tmp_path)
    assert code != 0
    assert "base/gbk.md:4: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）" in output
    assert "make fix" in output
    assert "Traceback" not in output and "UnicodeDecodeError" not in output


def test_bom_and_crlf_page_builds_cleanly(small_project, tmp_path):
    shutil.copy(FIXTURES / "broken" / "bom-crlf.md", small_project / "docs" / "base" / "windows.md")
    code, output = build(small_project, tmp_path)
    assert code == 0, output
    html = (tmp_path / "site" / "base" / "windows" / "index.html").read_text(encoding="utf-8")
    assert "wording-pair" in html


def test_risk_and_policy_pages_lead_with_a_card(small_project, tmp_path):
    code, output = build(small_project, tmp_path)
    assert code == 0, output
    risk = (tmp_path / "site" / "base" / "risk" / "index.html").read_text(encoding="utf-8")
    risk = risk.split('class="md-content"')[1]
    assert "速查 · 风险等级：高" in risk and "立即通知投诉人员" in risk
    assert risk.index("速查") < risk.index("怎样识别")
    policy = (tmp_path / "site" / "base" / "policy" / "index.html").read_text(encoding="utf-8")
    assert "五个工作日内答复" in policy.split("规定</h2>")[0]


def test_overdue_pages_are_listed_not_fatal(small_project, tmp_path):
    page = small_project / "docs" / "base" / "risk.md"
    page.write_text(page.read_text(encoding="utf-8").replace("reviewed: 2026-11-01", "reviewed: 2024-01-01"),
                    encoding="utf-8")
    code, output = build(small_project, tmp_path)
    assert code == 0, output
    html = (tmp_path / "site" / "guide" / "maintenance" / "index.html").read_text(encoding="utf-8")
    overdue = html.split('<h2 id="已过期"')[1].split('<h2 id="即将到期"')[0]
    assert "基础风险" in overdue and "测试组" in overdue


def test_live_preview_keeps_serving_and_shows_problems_on_the_page(small_project, tmp_path):
    """`mkdocs serve` with a broken page: it keeps running and the page says what is wrong."""
    import socket

    page = small_project / "docs" / "base" / "scenario.md"
    page.write_text(page.read_text(encoding="utf-8").replace("channels: [柜面]", "channels: [微信]"), encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--no-livereload", "-f", str(small_project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _, html = fetch_when_served(server, f"http://127.0.0.1:{port}/base/scenario/")
        assert server.poll() is None, server.stdout.read()
        assert "本页有 1 个格式问题" in html and "微信" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_diagram_source_is_not_in_the_search_index(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "-->" not in index and "flowchart" not in index
