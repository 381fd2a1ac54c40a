"""Handbook-wide settings, read without MkDocs.

The review interval lives in mkdocs.yml under `extra.handbook`; organisation
values (company name, hotline, …) live in snippets/org.yml (or the file named by
the `handbook.markdown.org_values` extension), resolved relative to mkdocs.yml,
so a build started from another directory reads the same file.  Everything
wrong in these files is collected in `Settings.problems` (see configuration.py):
loading never raises for bad input.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import configuration
from .file_memo import by_file
from .problems import Problem

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Settings:
    docs_dir: Path
    org_values: dict[str, str] = field(default_factory=dict)
    review_every_days: int = 180
    due_soon_days: int = 30
    today: dt.date = field(default_factory=dt.date.today)
    project_dir: Path | None = None      # the directory of mkdocs.yml
    org_file: Path | None = None
    site_dir: Path | None = None         # where the builder writes the site
    builder: str = "mkdocs"              # "mkdocs" or "zensical"
    problems: list[Problem] = field(default_factory=list)  # setup problems (config files)
    snippets_dir: Path | None = None  # roles.yml and style.yml (handbook/house_rules.py)
    live_preview: bool = False        # `mkdocs serve`: nothing that every save would rewrite in full
    # MkDocs' own validation, still running (load_settings(validation_in_background=True));
    # `finish_setup_checks` waits for it and puts its problems where they belong in `problems`.
    pending_validation: Callable[[], None] | None = field(default=None, compare=False, repr=False)


def load_settings(config_file: Path | None = None, docs_dir: Path | None = None, *,
                  validate_with_mkdocs: bool = False, validation_in_background: bool = False) -> Settings:
    """Settings from mkdocs.yml and the org file, with every setup problem in `problems`.

    `validate_with_mkdocs` also runs MkDocs' own config validation (the build
    does that itself; `handbook check` asks for it).  With `validation_in_background`
    it runs while the caller goes on, and its problems are in `problems` only
    after `finish_setup_checks(settings)`."""
    config_file = Path(config_file or ROOT / "mkdocs.yml")
    project = config_file.resolve().parent
    config = configuration.read_yaml(config_file, project)
    data = config.data if isinstance(config.data, dict) else {}
    if config.ok and not isinstance(config.data, dict):
        config.problem(1, "config-not-mapping")
    docs_name = data.get("docs_dir") if isinstance(data.get("docs_dir"), str) else "docs"
    settings = Settings(docs_dir=Path(docs_dir or project / docs_name), project_dir=project)
    site_name = data.get("site_dir") if isinstance(data.get("site_dir"), str) else "site"
    settings.site_dir = project / site_name
    days = configuration.handbook_settings(config)
    settings.review_every_days, settings.due_soon_days = days["review_every_days"], days["due_soon_days"]
    if config.ok or config.data is not None:
        configuration.check_nav(config, settings.docs_dir)
    finish_validation = None
    if validate_with_mkdocs and validation_in_background:
        finish_validation = configuration.mkdocs_validation_started(config)
    elif validate_with_mkdocs:
        configuration.mkdocs_validation(config)
    settings.org_file = project / configuration.org_file_from(data)
    org = configuration.read_yaml(settings.org_file, project)
    settings.org_values = configuration.org_values(org)
    settings.problems = config.problems + org.problems
    if finish_validation is not None:
        settings.pending_validation = _validation_joined(finish_validation, config.problems, settings.problems)
    settings.snippets_dir = settings.org_file.parent
    today = os.environ.get("HANDBOOK_TODAY")  # lets tests and demos pin "today"
    if today:
        try:
            settings.today = dt.date.fromisoformat(today)
        except ValueError:
            settings.problems.append(Problem("HANDBOOK_TODAY", 0, "setting-bad-today", {"value": today}))
    return settings


def _validation_joined(finish, config_problems: list[Problem], problems: list[Problem]) -> Callable[[], None]:
    at = len(config_problems)  # MkDocs' problems follow mkdocs.yml's own, as when validated at once

    def join() -> None:
        finish()
        problems[at:at] = config_problems[at:]
    return join


def finish_setup_checks(settings: Settings) -> Settings:
    """Wait for MkDocs' validation started by load_settings(validation_in_background=True)."""
    if settings.pending_validation is not None:
        join, settings.pending_validation = settings.pending_validation, None
        join()
    return settings


@by_file
def load_org_values(path: Path) -> dict[str, str]:
    """The org file's values alone (for the Markdown extension); problems are reported by the check.

    Shared between callers (file_memo): copy before changing it.
    """
    org = configuration.read_yaml(Path(path), Path(path).resolve().parent)
    return configuration.org_values(org)
