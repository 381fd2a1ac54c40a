"""`handbook check` and `handbook fix` as a trainer runs them."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BIN, FIXTURES, ROOT

from handbook.cli import rules_table
from handbook.fixer import fix_text


def make_project(tmp_path: Path, *broken: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "base", project / "docs" / "base")
    for name in broken:
        shutil.copy(FIXTURES / "broken" / name, project / "docs" / name)
    (project / "snippets").mkdir()
    shutil.copy(ROOT / "snippets" / "org.yml", project / "snippets" / "org.yml")
    (project / "mkdocs.yml").write_text("site_name: t\nextra:\n  handbook:\n    review_every_days: 3650\n", encoding="utf-8")
    return project


def run(project: Path, *args: str):
    return subprocess.run([str(BIN / "handbook"), *args, "--config", str(project / "mkdocs.yml")],
                          check=False, capture_output=True, text=True)


def test_check_passes_on_clean_pages(tmp_path):
    result = run(make_project(tmp_path), "check")
    assert result.returncode == 0, result.stdout
    assert "没有问题" in result.stdout


def test_check_lists_every_problem_with_file_line_and_fix(tmp_path):
    result = run(make_project(tmp_path, "tab.md", "bad-value.md", "encoding.md"), "check")
    assert result.returncode == 1
    out = result.stdout
    assert "tab.md:6: 页头里有 Tab 字符" in out
    assert "bad-value.md:5: 键「channels」的值「微信」不在允许的范围内" in out
    assert "encoding.md:4: 文件不是 UTF-8 编码" in out
    assert out.count("改法：") == 3
    assert "3 个问题，涉及 3 个文件" in out
    assert "Traceback" not in result.stderr


def test_missing_config_is_a_clear_message(tmp_path):
    result = subprocess.run([str(BIN / "handbook"), "check", "--config", str(tmp_path / "nope.yml")],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 2 and "找不到配置文件" in result.stderr


def test_fix_rewrites_windows_files_without_losing_text(tmp_path):
    project = make_project(tmp_path, "encoding.md", "bom-crlf.md", "tab.md", "fullwidth-colon.md")
    original = (FIXTURES / "broken" / "encoding.md").read_bytes().decode("gbk")
    result = run(project, "fix")
    assert result.returncode == 0
    assert "GBK → UTF-8" in result.stdout and "CRLF → LF" in result.stdout
    assert (project / "docs" / "encoding.md").read_text(encoding="utf-8") == original
    after = run(project, "check").stdout
    # Only the fixtures' shared id remains; every encoding/layout problem is gone.
    assert {line.split("[")[-1] for line in after.splitlines() if line.endswith("]")} == {"duplicate-id]"}


def test_fix_leaves_clean_text_alone():
    text = (FIXTURES / "base" / "scenario.md").read_bytes()
    fixed, changes = fix_text(text)
    assert changes == [] and fixed.encode("utf-8") == text


def test_rule_table_in_the_guide_is_up_to_date():
    committed = (ROOT / "snippets" / "rules-table.md").read_text(encoding="utf-8").strip()
    assert committed == rules_table().strip(), "run: .venv/bin/handbook rules > snippets/rules-table.md"


def test_module_entry_point_works():
    result = subprocess.run([sys.executable, "-m", "handbook", "rules"], check=False, capture_output=True, text=True)
    assert result.returncode == 0 and "forbidden-in-approved" in result.stdout


def test_json_schema_for_editors_is_up_to_date_and_valid():
    import json

    from handbook.schema import json_schema

    committed = json.loads((ROOT / "handbook" / "front-matter.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(json_schema())), "run: .venv/bin/handbook schema > handbook/front-matter.schema.json"
    scenario = next(v for v in committed["allOf"] if v["if"]["properties"]["kind"]["const"] == "scenario")
    assert {"channels", "category", "owner", "reviewed"} <= set(scenario["then"]["required"])


def test_fix_converts_utf16_and_exits_non_zero_when_a_file_is_left(tmp_path):
    project = make_project(tmp_path)
    text = (FIXTURES / "base" / "scenario.md").read_text(encoding="utf-8")
    (project / "docs" / "utf16.md").write_bytes(text.replace("scn-base", "scn-utf16").encode("utf-16"))
    result = run(project, "fix")
    assert result.returncode == 0, result.stdout
    assert "UTF-16 → UTF-8" in result.stdout
    assert (project / "docs" / "utf16.md").read_text(encoding="utf-8") == text.replace("scn-base", "scn-utf16")
    (project / "docs" / "binary.md").write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate
    result = run(project, "fix")
    assert result.returncode == 1
    assert "binary.md: 既不是 UTF-8" in result.stdout and "1 个文件没能改写" in result.stdout


def test_fix_adds_the_missing_space_after_a_key_colon():
    fixed, changes = fix_text("---\ntitle:招呼\nowner: 组\n---\n\n# 招呼\n".encode())
    assert fixed.startswith("---\ntitle: 招呼\nowner: 组\n") and changes == ["页头 Tab/冒号"]


def test_overdue_pages_say_how_long_ago_not_a_negative_count(tmp_path):
    project = make_project(tmp_path)
    (project / "mkdocs.yml").write_text("site_name: t\nextra:\n  handbook:\n    review_every_days: 30\n",
                                        encoding="utf-8")
    out = run(project, "check").stdout
    assert "已过期" in out and "剩余 -" not in out
