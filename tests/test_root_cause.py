"""Root cause first: one broken page is one problem, listed first, with its knock-on effects in one line."""
from __future__ import annotations

import os
import subprocess
import time

from conftest import FIXTURES, fixture_settings

from handbook.checks import check_sources, file_age
from handbook.links import Project

BASE = sorted((FIXTURES / "base").glob("*.md"))


def sources(**replace):
    out = []
    for path in BASE:
        text = path.read_text(encoding="utf-8")
        for old, new in replace.get(path.name, []):
            text = text.replace(old, new)
        out.append((f"base/{path.name}", text.encode("utf-8")))
    return out


def test_a_page_that_cannot_be_read_is_the_one_problem_and_comes_first():
    # The risk page's front matter breaks; the scenario page refers to risk-base.
    report = check_sources(sources(**{"risk.md": [("level: 高", "level:\t高")]}), fixture_settings(), Project())
    assert [(p.path, p.code) for p in report.errors] == [("base/risk.md", "front-matter-tab")]
    cause = report.errors[0]
    assert cause.knock_on == ("base/scenario.md:7",)
    assert "连带：另有 1 处因为这个问题而报错（base/scenario.md:7），改好这一处后会一起消失" in cause.format()


def test_causes_are_listed_before_unrelated_problems():
    report = check_sources(sources(**{"risk.md": [("level: 高", "level:\t高")],
                                      "policy.md": [("category: 时限", "category: 很急")]}),
                           fixture_settings(), Project())
    assert [p.code for p in report.errors] == ["front-matter-tab", "bad-value"]


def test_a_renamed_page_is_reported_at_the_nav_line_with_its_links():
    config = "site_name: t\nnav:\n  - base/scenario.md\n  - base/risk.md\n  - base/policy.md\n"
    pages = sources(**{"scenario.md": [("先起身，再问候。", "先起身，再问候。见[规定](policy.md)。")]})
    pages = [(("base/policy-new.md" if path == "base/policy.md" else path), data) for path, data in pages]
    report = check_sources(pages, fixture_settings(), Project(config_text=config))
    assert [(p.path, p.line, p.code) for p in report.errors] == [("mkdocs.yml", 5, "nav-not-found")]
    assert "是不是改名成了「base/policy-new.md」" in report.errors[0].message
    assert report.errors[0].knock_on == ("base/scenario.md:15",)


def test_duplicate_id_is_reported_on_the_newer_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    old, new = docs / "z-old.md", docs / "a-new.md"
    text = (FIXTURES / "base" / "scenario.md").read_bytes()
    new.write_bytes(text)
    old.write_bytes(text)
    os.utime(new, (time.time(), time.time()))
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    age = file_age(docs)  # not a git checkout: the modification time decides
    report = check_sources([("a-new.md", text), ("z-old.md", text)], fixture_settings(docs), age=age)
    assert [(p.path, p.code) for p in report.errors if p.code == "duplicate-id"] == [("a-new.md", "duplicate-id")]


def test_in_git_an_uncommitted_copy_is_newer_than_the_committed_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (FIXTURES / "base" / "scenario.md").read_bytes()
    (docs / "z-old.md").write_bytes(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(git + ["init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(git + ["add", "."], cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "old page"], cwd=tmp_path, check=True)
    (docs / "a-copy.md").write_bytes(text)  # sorts first, modified last, but not committed
    os.utime(docs / "z-old.md", (time.time() + 60, time.time() + 60))  # mtime would say the old one is newer
    report = check_sources([("a-copy.md", text), ("z-old.md", text)], fixture_settings(docs), age=file_age(docs))
    assert [(p.path, p.code) for p in report.errors if p.code == "duplicate-id"] == [("a-copy.md", "duplicate-id")]
