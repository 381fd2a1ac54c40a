"""MkDocs hooks for the handbook: wiring only.

Each event hands its work to a plain function in the `handbook` package, which
the tests and `handbook check` call without MkDocs.  Content problems are
logged as errors (so `mkdocs build --strict` fails, listing all of them) and a
non-strict `mkdocs build` is stopped too; `mkdocs serve` keeps running and shows
each page's problems on the page, so trainers see them in the live preview.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook import cards, freshness, search_prep
from handbook.checks import PageCache, check_docs
from handbook.live_index import LiveIndex
from handbook.settings import load_settings
from handbook.template_cache import MemoryBytecodeCache

log = logging.getLogger("mkdocs.hooks.handbook")
MAINTENANCE_PAGE = "guide/maintenance.md"

_state: dict = {"command": None, "settings": None, "report": None, "live_index": None, "page_urls": set(),
                "check_cache": None, "templates": None, "vocabulary": None}


def on_startup(command, dirty):
    _state["command"] = command
    if command == "serve":  # each save checks and compiles again only what changed
        _state["check_cache"] = PageCache()
        _state["templates"] = MemoryBytecodeCache()
        _state["vocabulary"] = {}
    if command == "serve" and dirty:  # `make serve`: only changed pages are rebuilt
        _state["live_index"] = LiveIndex()


@event_priority(100)  # before Material's search plugin reads its jieba settings
def on_config(config):
    settings = _state["settings"] = load_settings(config.config_file_path, docs_dir=config.docs_dir)
    report = _state["report"] = check_docs(settings, _state["check_cache"])
    if _state["live_index"] is not None:
        _state["live_index"].start_build()
    search = config.plugins.get("material/search")
    if search is not None:
        path = search_prep.write_user_dictionary(report.pages, Path(config.config_file_path).parent)
        search.config.jieba_dict_user = str(path)
    return config


def on_files(files, config):
    settings, report = _state["settings"], _state["report"]
    for problem in report.errors:
        log.error(problem.format())
    overdue = [p for p in report.notices if p.code == "review-overdue"]
    if overdue:
        log.info(f"{len(overdue)} 个页面已过复核期，见「{MAINTENANCE_PAGE}」")
    # A file MkDocs cannot decode would stop the build with a traceback; leave it
    # out (it is reported above) so every other problem still gets reported.
    for path in report.unreadable():
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
    files.append(File.generated(config, MAINTENANCE_PAGE,
                                content=freshness.maintenance_markdown(report.pages, settings)))
    _state["page_urls"] = {file.url for file in files.documentation_pages()}
    return files


def on_env(env, config, files):
    if _state["templates"] is not None:
        env.bytecode_cache = _state["templates"]
    return env


def on_page_markdown(markdown, page, config, files):
    card = cards.card_for(page.meta)
    if card:
        markdown = cards.insert_after_title(markdown, card)
    if _state["command"] == "serve":
        own = [p for p in _state["report"].errors if p.path == page.file.src_uri]
        if own:
            markdown = cards.insert_after_title(markdown, cards.problems_card(own))
    return markdown


@event_priority(-100)  # after Material's search plugin has indexed the page
def on_page_context(context, page, config, nav):
    search = config.plugins.get("material/search")
    if _state["live_index"] is not None and search is not None:
        _state["live_index"].page_rendered(page.url, search.search_index.entries)
    return context


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    if config.plugins.get("material/search") is not None and _state["report"] is not None:
        if _state["live_index"] is not None:
            _state["live_index"].write(Path(config.site_dir) / "search" / "search_index.json", _state["page_urls"])
        search_prep.write_query_data(Path(config.site_dir), _state["report"].pages, _state["vocabulary"])
    errors = _state["report"].errors if _state["report"] else []
    if errors and _state["command"] != "serve":
        files = len({p.path for p in errors})
        raise Abort(f"内容检查发现 {len(errors)} 个问题（{files} 个文件），见上方 ERROR 行；"
                    f"不构建也可以运行 make check 查看。")
