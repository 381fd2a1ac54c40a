"""MkDocs hooks for the handbook: wiring only.

Each event hands its work to a plain function in the `handbook` package, which
the tests, `handbook check` and `handbook zensical` call without MkDocs:

* setup and content checks (handbook.settings, handbook.checks): problems are
  logged as errors, so `mkdocs build --strict` fails listing all of them, and a
  non-strict build is stopped too; `mkdocs serve` keeps running and shows each
  page's problems on the page (a page it cannot decode shows them instead of a 404);
* generated content from the registry (handbook.generated): pages and assets
  are added in memory (never written into docs/, so `mkdocs serve` does not
  rebuild in a loop), "site" files are written after the build;
* page furniture (handbook.furniture) and the jieba dictionary (handbook.search_prep).
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook import cards, freshness, furniture, gc_tuning, generated, search_prep
from handbook.checks import PageCache, Report, check_docs
from handbook.kept_files import KeptFiles
from handbook.live_index import LiveIndex
from handbook.settings import load_settings
from handbook.template_cache import MemoryBytecodeCache

log = logging.getLogger("mkdocs.hooks.handbook")
SEARCH_FLAG = "handbook_search_data"  # config.extra flag read by overrides/main.html
PREPARED_FLAG = "handbook_prepared_index"  # likewise: fetch the prepared index's docs.json

_state: dict = {"command": None, "settings": None, "report": None, "customer": ({}, []),
                "live_index": None, "page_urls": set(), "check_cache": None, "templates": None, "kept": None}


def on_startup(command, dirty):
    _state["command"] = command
    gc_tuning.tune_for_build()
    if command == "serve":  # each save checks and compiles again only what changed
        _state["check_cache"] = PageCache()
        _state["templates"] = MemoryBytecodeCache()
    if command == "serve" and dirty:  # `make serve`: only changed pages are rebuilt
        _state["live_index"] = LiveIndex()
        _state["kept"] = KeptFiles()  # generated files that did not change are not built again


@event_priority(100)  # before Material's search plugin reads its jieba settings
def on_config(config):
    settings = _state["settings"] = load_settings(config.config_file_path, docs_dir=config.docs_dir)
    settings.site_dir = Path(config.site_dir)
    settings.live_preview = _state["command"] == "serve"
    report = _state["report"] = check_docs(settings, _state["check_cache"]) if Path(settings.docs_dir).is_dir() \
        else Report()
    if _state["live_index"] is not None:
        _state["live_index"].start_build()
    _state["pages"] = {page.path: page for page in report.pages}
    _state["index"] = furniture.page_index(report.pages)
    # The org file relative to mkdocs.yml, not to the directory the build was started from.
    options = config.mdx_configs.get("handbook.markdown.org_values")
    if options is not None and settings.org_file is not None:
        options["file"] = str(settings.org_file)
    search = config.plugins.get("material/search")
    config.extra[SEARCH_FLAG] = search is not None
    # The browser loads the index prepared at build time (handbook/search_prepared.py),
    # except in live preview, where Material's worker indexes search_index.json.
    config.extra[PREPARED_FLAG] = search is not None and not settings.live_preview
    if search is not None:
        path = search_prep.write_user_dictionary(report.pages, Path(config.config_file_path).parent)
        search.config.jieba_dict_user = str(path)
    project = Path(config.config_file_path).parent
    _state["customer"] = search_prep.load_customer_synonyms(project / search_prep.CUSTOMER_SYNONYMS)
    return config


def _problems():
    return _state["settings"].problems + _state["report"].errors


def on_files(files, config):
    settings, report = _state["settings"], _state["report"]
    for problem in _problems():
        log.error(problem.format())
    for message in _state["customer"][1]:  # the search's customer vocabulary file
        log.error(message)
    overdue = [p for p in report.notices if p.code == "review-overdue"]
    if overdue:
        log.info(f"{len(overdue)} 个页面已过复核期，见「{freshness.MAINTENANCE_PAGE}」")
    # A file MkDocs cannot decode would stop the build with a traceback.  The build
    # leaves it out (it is reported above); the live preview shows its problems.
    for path in report.unreadable():
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
            if _state["command"] == "serve":
                own = [p for p in report.errors if p.path == path]
                files.append(File.generated(config, path, content=cards.unreadable_page(path, own)))
    for path, content in generated.render(("page", "asset"), report, settings).items():
        stale = files.get_file_from_path(path)  # a copy `handbook zensical` left in docs/
        if stale is not None:
            files.remove(stale)
        kept = _state["kept"]
        files.append(kept.file(config, path, content) if kept is not None else
                     File.generated(config, path, content=content))
    _state["page_urls"] = {file.url for file in files.documentation_pages()}
    return files


def on_env(env, config, files):
    if _state["templates"] is not None:
        env.bytecode_cache = _state["templates"]
    return env


def on_page_markdown(markdown, page, config, files):
    pages = _state["pages"]
    source = pages.get(page.file.src_uri)
    if source is not None and source.text is not None:
        markdown = furniture.decorate(markdown, source, _state["index"], _state["settings"])
    if _state["command"] == "serve" and source is not None and source.text is not None:
        # This page's problems, and the setup's (mkdocs.yml, org.yml) on every page.
        own = [p for p in _problems() if p.path == page.file.src_uri or p.path not in pages]
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
    settings, report = _state["settings"], _state["report"]
    search = config.plugins.get("material/search")
    if _state["live_index"] is not None and search is not None:  # a --dirty rebuild indexed only changed pages
        _state["live_index"].write(Path(config.site_dir) / "search" / "search_index.json", _state["page_urls"])
    if report is not None:
        generated.write(Path(config.site_dir), generated.render(("site",), report, settings))
    if _state["kept"] is not None:
        _state["kept"].build_finished()
    problems = _problems() if report is not None else []
    if problems and _state["command"] != "serve":
        files = len({p.path for p in problems})
        raise Abort(f"检查发现 {len(problems)} 个问题（{files} 个文件），见上方 ERROR 行；"
                    f"不构建也可以运行 make check 查看。")
