"""Setup mistakes (mkdocs.yml, snippets/org.yml, handbook settings): file, line, fix, in Chinese.

One fixture per mistake in tests/fixtures/setup/, each a variation of the good
mkdocs.yml / org.yml there.  Every setup rule has one; all are reported in one
run; none ends in a traceback, in `handbook check`, a MkDocs build or the live preview.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import BIN, FIXTURES, fetch_when_served

from handbook import configuration
from handbook.rules import SETUP_CODES
from handbook.settings import finish_setup_checks, load_settings

SETUP = FIXTURES / "setup"

# fixture → (rule, file it is reported in, line, words the message or fix must contain)
EXPECTED = {
    "mkdocs-tab.yml": ("config-tab", "mkdocs.yml", 7, "Tab"),
    "mkdocs-fullwidth-colon.yml": ("config-fullwidth-colon", "mkdocs.yml", 2, "site_name: …"),
    "mkdocs-nav-indentation.yml": ("config-syntax", "mkdocs.yml", 17, "缩进"),
    "mkdocs-nav-empty-section.yml": ("nav-empty-section", "mkdocs.yml", 15, "基础"),
    "mkdocs-nav-not-list.yml": ("nav-not-list", "mkdocs.yml", 13, "列表"),
    "mkdocs-review-days-text.yml": ("setting-bad-number", "mkdocs.yml", 7, "半年"),
    "mkdocs-due-soon-negative.yml": ("setting-bad-number", "mkdocs.yml", 8, "-5"),
    "mkdocs-unknown-setting.yml": ("setting-unknown", "mkdocs.yml", 7, "review_every_days"),
    "mkdocs-handbook-not-mapping.yml": ("setting-not-mapping", "mkdocs.yml", 6, "review_every_days: 180"),
    "mkdocs-invalid.yml": ("config-invalid", "mkdocs.yml", 4, "true 或 false"),
    "mkdocs-not-mapping.yml": ("config-not-mapping", "mkdocs.yml", 1, "设置名: 值"),
    "mkdocs-gbk.yml": ("config-encoding", "mkdocs.yml", 2, "UTF-8"),
    "org-list.yml": ("org-not-mapping", "snippets/org.yml", 1, "列表"),
    "org-empty-value.yml": ("org-empty-value", "snippets/org.yml", 3, "服务热线"),
    "org-nested.yml": ("org-bad-value", "snippets/org.yml", 3, "服务热线"),
    "org-fullwidth-colon.yml": ("config-fullwidth-colon", "snippets/org.yml", 3, "服务热线: …"),
    "org-tab.yml": ("config-tab", "snippets/org.yml", 3, "Tab"),
    "org-syntax.yml": ("config-syntax", "snippets/org.yml", 3, "引号"),
}
# Rules whose broken state is not a file's content, tested below by name.
ELSEWHERE = {"config-file-missing", "setting-bad-today"}

INDEX = "---\nid: home\nkind: article\ntitle: 首页\nowner: 测试组\nreviewed: 2026-11-01\n---\n\n# 首页\n\n{{ 公司名称 }}\n"


def make_project(tmp_path: Path, *fixtures: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "base", project / "docs" / "base")
    (project / "docs" / "index.md").write_text(INDEX, encoding="utf-8")
    (project / "snippets").mkdir()
    shutil.copy(SETUP / "org.yml", project / "snippets" / "org.yml")
    shutil.copy(SETUP / "mkdocs.yml", project / "mkdocs.yml")
    for name in fixtures:
        shutil.copy(SETUP / name, project / ("snippets/org.yml" if name.startswith("org-") else "mkdocs.yml"))
    return project


def handbook(project: Path, *args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run([str(BIN / "handbook"), *args, "--config", str(project / "mkdocs.yml")],
                          check=False, capture_output=True, text=True, cwd=cwd or project,
                          env={**os.environ, **(env or {})})


def test_good_setup_has_no_problems(tmp_path):
    settings = load_settings(make_project(tmp_path) / "mkdocs.yml", validate_with_mkdocs=True)
    assert settings.problems == []
    assert settings.review_every_days == 3650 and settings.org_values["公司名称"] == "华炫科技"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_setup_mistake_is_named_with_file_line_and_fix(tmp_path, name):
    code, file, line, words = EXPECTED[name]
    settings = load_settings(make_project(tmp_path, name) / "mkdocs.yml", validate_with_mkdocs=True)
    assert [(p.code, p.path, p.line) for p in settings.problems] == [(code, file, line)], \
        [p.format() for p in settings.problems]
    problem = settings.problems[0]
    assert words in problem.message + problem.fix
    assert file in problem.message and problem.fix


@pytest.mark.parametrize("name", [None, "mkdocs-invalid.yml", "mkdocs-unknown-setting.yml", "org-list.yml"])
def test_validation_in_the_background_reports_what_validating_at_once_does(tmp_path, name):
    """`handbook check` lets MkDocs validate mkdocs.yml in a child process while it reads the pages."""
    config = make_project(tmp_path, *([name] if name else [])) / "mkdocs.yml"
    at_once = load_settings(config, validate_with_mkdocs=True)
    meanwhile = load_settings(config, validate_with_mkdocs=True, validation_in_background=True)
    finish_setup_checks(meanwhile)
    assert [p.format() for p in meanwhile.problems] == [p.format() for p in at_once.problems]
    assert meanwhile.pending_validation is None and (name is None) == (at_once.problems == [])


def test_validation_is_done_here_when_the_child_process_fails(tmp_path, monkeypatch):
    config = make_project(tmp_path, "mkdocs-invalid.yml") / "mkdocs.yml"
    parent, validate = os.getpid(), configuration.mkdocs_validation

    def dies_in_the_child(yaml_file):
        if os.getpid() != parent:
            os._exit(3)
        validate(yaml_file)
    monkeypatch.setattr(configuration, "mkdocs_validation", dies_in_the_child)
    settings = finish_setup_checks(load_settings(config, validate_with_mkdocs=True, validation_in_background=True))
    assert [p.code for p in settings.problems] == ["config-invalid"]


def test_every_setup_rule_has_a_fixture():
    assert {code for code, _, _, _ in EXPECTED.values()} | ELSEWHERE == set(SETUP_CODES)
    assert {p.name for p in SETUP.glob("*.yml")} - {"mkdocs.yml", "org.yml"} == set(EXPECTED)


def test_missing_org_file_is_named(tmp_path):
    project = make_project(tmp_path)
    (project / "snippets" / "org.yml").unlink()
    result = handbook(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "snippets/org.yml: 找不到文件 snippets/org.yml" in result.stdout


def test_bad_today_is_named(tmp_path):
    result = handbook(make_project(tmp_path), "check", env={"HANDBOOK_TODAY": "明天"})
    assert result.returncode == 1 and "HANDBOOK_TODAY" in result.stdout and "Traceback" not in result.stderr


def test_every_problem_of_every_file_in_one_run(tmp_path):
    project = make_project(tmp_path, "mkdocs-review-days-text.yml", "org-empty-value.yml")
    shutil.copy(FIXTURES / "broken" / "bad-value.md", project / "docs" / "bad-value.md")
    result = handbook(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout
    assert "mkdocs.yml:7: mkdocs.yml 的设置 extra.handbook.review_every_days" in out
    assert "snippets/org.yml:3: snippets/org.yml 的机构信息「服务热线」没有值" in out
    assert "bad-value.md:5:" in out
    assert "bad-value.md:1: 这一页没有加进导航" in out  # the copied page is not in the fixture's nav
    assert "4 个问题，涉及 3 个文件" in out


def test_empty_value_never_prints_none(tmp_path):
    project = make_project(tmp_path, "org-empty-value.yml")
    assert "None" not in load_settings(project / "mkdocs.yml").org_values.values()
    assert "服务热线" not in load_settings(project / "mkdocs.yml").org_values


def test_json_output_for_editors_and_ci(tmp_path):
    project = make_project(tmp_path, "org-list.yml")
    shutil.copy(FIXTURES / "broken" / "tab.md", project / "docs" / "tab.md")
    result = handbook(project, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    keys = {"path", "line", "column", "rule", "message", "fix", "severity"}
    assert all(set(item) == keys for item in data["problems"])
    by_rule = {item["rule"]: item for item in data["problems"]}
    assert by_rule["front-matter-tab"]["path"] == "docs/tab.md" and by_rule["front-matter-tab"]["line"] == 6
    assert by_rule["org-not-mapping"]["path"] == "snippets/org.yml" and by_rule["org-not-mapping"]["line"] == 1
    assert by_rule["front-matter-tab"]["column"] == 1 and by_rule["front-matter-tab"]["severity"] == "error"
    assert data["errors"] == sum(1 for item in data["problems"] if item["severity"] == "error") >= 2


def test_json_output_when_clean(tmp_path):
    result = handbook(make_project(tmp_path), "check", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == {"problems": [], "errors": 0}


def _mkdocs(project: Path, *args: str, cwd: Path):
    return subprocess.run([str(BIN / "mkdocs"), *args, "-f", str(project / "mkdocs.yml")], check=False,
                          capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize("name", ["org-list.yml", "org-empty-value.yml", "mkdocs-review-days-text.yml"])
def test_build_stops_on_a_setup_mistake_without_traceback(tmp_path, name):
    project = make_project(tmp_path, name)
    project.joinpath("mkdocs.yml").write_text(
        project.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    shutil.copy(Path(__file__).parent.parent / "hooks" / "handbook_build.py", project / "hooks.py")
    result = _mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"), cwd=project)
    assert result.returncode != 0
    _, file, line, _ = EXPECTED[name]
    assert f"{file}:{line}:" in result.stderr and "改法：" in result.stderr
    assert "Traceback" not in result.stderr


def test_org_values_are_read_relative_to_the_config_not_the_working_directory(tmp_path):
    project = make_project(tmp_path)
    shutil.copy(Path(__file__).parent.parent / "hooks" / "handbook_build.py", project / "hooks.py")
    project.joinpath("mkdocs.yml").write_text(
        project.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "华炫科技" in html and "{{ 公司名称 }}" not in html


def test_live_preview_with_a_broken_org_file_serves_and_names_it(tmp_path):
    """`mkdocs serve` must neither hang nor crash: every page shows the setup problem."""
    project = make_project(tmp_path, "org-list.yml")
    shutil.copy(Path(__file__).parent.parent / "hooks" / "handbook_build.py", project / "hooks.py")
    project.joinpath("mkdocs.yml").write_text(
        project.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--no-livereload", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        _, html = fetch_when_served(server, f"http://127.0.0.1:{port}/base/scenario/")
        assert server.poll() is None, server.stdout.read()
        assert "snippets/org.yml" in html and "应当是一组「名称: 值」" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_handbook_serve_names_a_mkdocs_yml_broken_while_previewing(tmp_path):
    """MkDocs cannot reload a broken mkdocs.yml (English traceback, requests held until it is
    fixed); `handbook serve` (make serve) names the mistake in Chinese, and the preview comes
    back as soon as the file is right."""
    import threading

    project = make_project(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "handbook"), "serve", "--config", str(project / "mkdocs.yml"),
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()

    def wait_for(condition, seconds=60):
        for _ in range(int(seconds / 0.25)):
            if condition():
                return True
            time.sleep(0.25)
        return False

    def serving():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        assert wait_for(serving), "".join(lines)
        shutil.copy(SETUP / "mkdocs-nav-indentation.yml", project / "mkdocs.yml")
        assert wait_for(lambda: "mkdocs.yml:17:" in "".join(lines), 30), "".join(lines)
        assert "缩进" in "".join(lines) and server.poll() is None
        # MkDocs holds page requests until a rebuild succeeds; once the file is right again it serves.
        shutil.copy(SETUP / "mkdocs.yml", project / "mkdocs.yml")
        assert wait_for(lambda: "设置文件的问题已经改好" in "".join(lines), 30), "".join(lines)
        assert wait_for(serving, 30)
    finally:
        import signal

        os.killpg(server.pid, signal.SIGTERM)  # handbook serve and the mkdocs it started
        server.wait(timeout=10)
