"""Live preview (`make serve` = `mkdocs serve --dirty`): only changed pages are
rebuilt, the search index stays complete, and each page still shows its problems."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import BIN, FIXTURES, fixture_settings
from test_build import small_project  # noqa: F401  (fixture)

from handbook.checks import PageCache, check_sources
from handbook.live_index import LiveIndex

BASE_SCENARIO = (FIXTURES / "base" / "scenario.md").read_text(encoding="utf-8")


def page_source(path: str, id: str, channel: str = "柜面") -> tuple[str, bytes]:
    """The known-good fixture scenario under another id, without its references."""
    text = "".join(line for line in BASE_SCENARIO.splitlines(keepends=True) if not line.startswith(("risks:", "policies:")))
    text = text.replace("id: scn-base", f"id: {id}").replace("channels: [柜面]", f"channels: [{channel}]")
    return path, text.encode("utf-8")


def codes(report) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in report.errors]


def test_page_cache_rechecks_changed_pages_and_always_checks_across_pages():
    cache, settings = PageCache(), fixture_settings()
    a, b = page_source("a.md", "scn-a"), page_source("b.md", "scn-b")
    assert codes(check_sources([a, b], settings, cache=cache)) == []
    broken = page_source("b.md", "scn-b", channel="微信")
    assert codes(check_sources([a, broken], settings, cache=cache)) == codes(check_sources([a, broken], settings))
    assert codes(check_sources([a, broken], settings, cache=cache)) and cache.pages[a][0] is cache.pages[a][0]
    duplicate = page_source("b.md", "scn-a")  # unchanged a.md is cached; the duplicate id is still found
    assert ("b.md", "duplicate-id") in codes(check_sources([a, duplicate], settings, cache=cache))
    assert set(cache.pages) == {a, duplicate}  # old versions are dropped
    other = fixture_settings()
    other.org_values = {**other.org_values, "公司名称": "另一家公司"}
    check_sources([a], other, cache=cache)
    assert cache.settings == other and set(cache.pages) == {a}


def test_live_index_replaces_each_page_and_keeps_the_others(tmp_path):
    def entry(location, text="旧"):
        return {"location": location, "title": location, "text": text}

    index_file = tmp_path / "search_index.json"
    live = LiveIndex()
    material = [entry(""), entry("#a"), entry("scenarios/"), entry("scenarios/x/"), entry("guide/maintenance/")]
    live.start_build()
    for url, count in (("", 2), ("scenarios/", 3), ("scenarios/x/", 4), ("guide/maintenance/", 5)):
        live.page_rendered(url, material[:count])
    # A dirty rebuild of the home page ("" is a prefix of every URL) and the generated page.
    live.start_build()
    rebuilt = [entry("", "新"), entry("guide/maintenance/")]
    live.page_rendered("", rebuilt[:1])
    live.page_rendered("guide/maintenance/", rebuilt)
    index_file.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": rebuilt}), encoding="utf-8")
    live.write(index_file, {"./", "scenarios/", "guide/maintenance/"})  # scenarios/x/ was deleted
    data = json.loads(index_file.read_text(encoding="utf-8"))
    assert data["config"] == {"lang": ["zh"]}
    assert [(e["location"], e["text"]) for e in data["docs"]] == [
        ("", "新"), ("scenarios/", "旧"), ("guide/maintenance/", "旧")]


def test_a_generated_file_is_rebuilt_only_when_its_content_changed(tmp_path):
    from mkdocs.config import load_config

    from handbook.kept_files import KeptFiles

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: 手册\nplugins: []\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "hooks"  # File.generated names the plugin whose event is running
    kept = KeptFiles()

    def build(content):  # what a dirty build does with the file
        file = kept.file(config, "guide/maintenance.md", content)
        modified = file.is_modified()
        if modified:
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text(file.content_string, encoding="utf-8")
        kept.build_finished()
        return modified

    assert build("# 甲") and not build("# 甲") and build("# 乙") and not build("# 乙")
    kept.file(config, "guide/maintenance.md", "# 丙")  # a build that failed before it finished
    assert build("# 丙")
    (tmp_path / "site" / "guide" / "maintenance" / "index.html").unlink()  # the built copy is gone
    assert build("# 丙")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(condition, server, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise AssertionError(f"timed out waiting for {what}:\n{server.communicate()[0][-3000:]}")


def test_dirty_live_preview_keeps_search_complete_and_shows_problems(small_project):  # noqa: F811
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-f", str(small_project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=small_project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def locations():
        return sorted(e["location"] for e in json.loads(_get(url + "search/search_index.json"))["docs"])

    def indexed(text):
        return any(text in e["text"].replace("\u200b", "") for e in json.loads(_get(url + "search/search_index.json"))["docs"])

    try:
        _wait_for(lambda: _get(url + "search/handbook-search-data.js"), server, "the first build")
        before = locations()
        home = small_project / "docs" / "index.md"
        time.sleep(1)
        home.write_text(home.read_text(encoding="utf-8") + "\n预览新内容甲\n", encoding="utf-8")
        _wait_for(lambda: indexed("预览新内容甲"), server, "the new text in the search index")
        scenario = small_project / "docs" / "base" / "scenario.md"
        scenario.write_text(scenario.read_text(encoding="utf-8").replace("channels: [柜面]", "channels: [微信]"),
                            encoding="utf-8")
        _wait_for(lambda: "本页有 1 个格式问题" in _get(url + "base/scenario/"), server, "the problem on the page")
        time.sleep(1)
        assert locations() == before  # every page's sections, once each
        assert indexed("预览新内容甲") and indexed("先起身")
        # The generated 内容维护 page was not rebuilt by these saves; a save that changes it rebuilds it.
        assert "2020-01-01" not in _get(url + "guide/maintenance/")
        scenario.write_text(scenario.read_text(encoding="utf-8").replace("reviewed: 2026-11-01", "reviewed: 2020-01-01"),
                            encoding="utf-8")
        _wait_for(lambda: "2020-01-01" in _get(url + "guide/maintenance/"), server, "the maintenance page updated")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_compiled_templates_are_reused_until_their_source_changes():
    import jinja2

    from handbook.template_cache import MemoryBytecodeCache

    cache, compiled = MemoryBytecodeCache(), []

    class Counting(jinja2.Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    def render(source):  # a new environment per rebuild, as MkDocs makes one
        env = Counting(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)
        return env.get_template("page.html").render(name="甲")

    assert render("{{ name }}") == render("{{ name }}") == "甲" and len(compiled) == 1
    assert render("改了：{{ name }}") == "改了：甲" and len(compiled) == 2
