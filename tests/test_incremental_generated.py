"""Live preview makes every generated file again on each save, reusing what it
worked out for the pages that did not change (checks.PageCache, rebuild_memo,
the wording matcher's counts, the search vocabulary).  Whatever a long-running
`mkdocs serve` makes after a series of edits must be byte for byte what a fresh
process makes from the same files, as `mkdocs build` would."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT, copy_project

from handbook import generated
from handbook.checks import PageCache, check_docs
from handbook.settings import load_settings
from handbook.source import page_url

KINDS = ("page", "asset", "site")

# The same steps the hook takes on each rebuild (on_config, on_files, on_post_build),
# given a search index written the way the builder writes one.
RENDER = f"""
import json, sys
from pathlib import Path
from handbook import generated
from handbook.checks import check_docs
from handbook.settings import load_settings
project = Path(sys.argv[1])
settings = load_settings(project / "mkdocs.yml")
settings.site_dir, settings.live_preview = project / "site", True
print(json.dumps(generated.render({KINDS!r}, check_docs(settings), settings), ensure_ascii=False))
"""


def write_index(project, report) -> None:
    """A search index of the current pages, as Material's plugin and LiveIndex leave it."""
    docs = [{"location": page_url(page.path), "title": str(page.meta.get("title") or ""), "text": page.text or ""}
            for page in report.pages]
    index = {"config": {"separator": r"[\s\u200b\-_,:!=\[\]()\"`/，。、；：！？（）【】《》“”‘’·…～~]+"}, "docs": docs}
    target = project / "site" / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_generated_files_after_edits_equal_a_fresh_process(tmp_path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    cache = PageCache()

    def live():  # one rebuild in this (long-running) process
        settings = load_settings(project / "mkdocs.yml")
        settings.site_dir, settings.live_preview = project / "site", True
        report = check_docs(settings, cache)
        write_index(project, report)
        return generated.render(KINDS, report, settings)

    def fresh():
        result = subprocess.run([sys.executable, "-c", RENDER, str(project)], cwd=ROOT, check=True,
                                capture_output=True, text=True)
        return json.loads(result.stdout)

    edits = [
        # a line of prose (what tools/bench_preview.py saves) that restates a clause of a drafted note
        lambda: edit(docs / "scenarios" / "greeting.md", "先问候，再问需要。", "先问候，再问需要。这一句不在回访五步的第⑤步里。"),
        # approved and forbidden wording, a drafted line, a drafted note, a review date
        lambda: (edit(docs / "scenarios" / "greeting.md", "早上好，欢迎光临，请问", "早上好，欢迎光临本厅，请问"),
                 edit(docs / "scenarios" / "greeting.md", "什么事？办什么？", "什么事？要办什么？"),
                 edit(docs / "scenarios" / "greeting.md", "请问有什么可以帮您的吗？", "请问今天有什么可以帮您的吗？"),
                 edit(docs / "policies" / "callback-standard.md", "手册把它也用在回访结束时。",
                      "手册把它也用在回访结束时，回访结束以后等对方挂机再放下电话。"),
                 edit(docs / "scenarios" / "greeting.md", "reviewed: 2026-11-20", "reviewed: 2020-01-20")),
        # a new page, a deleted page
        lambda: (shutil.copy(docs / "scenarios" / "greeting.md", docs / "scenarios" / "greeting-copy.md"),
                 edit(docs / "scenarios" / "greeting-copy.md", "id: scn-greeting", "id: scn-greeting-copy"),
                 (docs / "scenarios" / "waiting.md").unlink()),
        # an organisation value (every page's text changes)
        lambda: edit(project / "snippets" / "org.yml", "公司名称: 华炫科技", "公司名称: 华炫燃气"),
    ]
    live()
    for number, change in enumerate(edits, 1):
        change()
        ours, theirs = live(), fresh()
        differ = sorted(path for path in set(ours) | set(theirs) if ours.get(path) != theirs.get(path))
        assert not differ, f"after edit {number}, generated files differ from a fresh process's: {differ}"


def test_per_build_memo_computes_new_arguments_only_and_forgets_unused_ones():
    from handbook.rebuild_memo import PerBuild

    calls = []
    memo = PerBuild(lambda text, n: calls.append(text) or text * n)
    assert memo.map([("甲", 2), ("乙", 1), ("甲", 2)]) == ["甲甲", "乙", "甲甲"] and calls == ["甲", "乙"]
    assert memo.map([("甲", 2), ("丙", 1)]) == ["甲甲", "丙"] and calls == ["甲", "乙", "丙"]
    assert memo.map([("乙", 1)]) == ["乙"] and calls == ["甲", "乙", "丙", "乙"]  # not kept after the last call
