"""The generated-content registry (handbook/generated.py) as other modules use it."""
from __future__ import annotations

import pytest
from conftest import fixture_settings

from handbook import generated
from handbook.checks import Report


def test_registry_entries_are_well_formed():
    paths = [entry.path for entry in generated.GENERATED]
    assert len(paths) == len(set(paths))
    assert all(entry.kind in generated.KINDS and callable(entry.make) for entry in generated.GENERATED)
    assert "guide/maintenance.md" in generated.source_paths()


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        generated.Generated("x.js", "script", lambda report, settings: "")


def test_one_line_adds_an_asset_and_none_means_nothing(monkeypatch, tmp_path):
    entries = [generated.Generated("assets/data.js", "asset", lambda report, settings: "var x = 1;\n"),
               generated.Generated("skipped.md", "page", lambda report, settings: None),
               generated.Generated("after.txt", "site", lambda report, settings: "built")]
    monkeypatch.setattr(generated, "GENERATED", entries)
    files = generated.render(("page", "asset"), Report(), fixture_settings(tmp_path))
    assert files == {"assets/data.js": "var x = 1;\n"}
    assert generated.source_paths() == {"assets/data.js", "skipped.md"}
    written = generated.write(tmp_path, files)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["assets/data.js"]
    stamp = (tmp_path / "assets" / "data.js").stat().st_mtime_ns
    assert generated.write(tmp_path, files) == []  # unchanged: not touched, so no watcher rebuilds
    assert (tmp_path / "assets" / "data.js").stat().st_mtime_ns == stamp


def test_generated_pages_are_not_checked_as_trainers_pages(tmp_path):
    from handbook.checks import check_docs

    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "maintenance.md").write_text("# 内容维护\n", encoding="utf-8")  # no front matter
    report = check_docs(fixture_settings(tmp_path))
    assert report.problems == []
