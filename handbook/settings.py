"""Handbook-wide settings, read without MkDocs.

The review interval lives in mkdocs.yml under `extra.handbook`; organisation
values (company name, hotline, …) live in snippets/org.yml.  Both are read here
with PyYAML so the standalone check sees exactly what the build sees.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml carries !!python/name and !ENV tags meant for MkDocs; read them as plain values."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Settings:
    docs_dir: Path
    org_values: dict[str, str] = field(default_factory=dict)
    review_every_days: int = 180
    due_soon_days: int = 30
    today: dt.date = field(default_factory=dt.date.today)
    snippets_dir: Path | None = None  # roles.yml and style.yml (handbook/house_rules.py)


def load_settings(config_file: Path | None = None, docs_dir: Path | None = None) -> Settings:
    config_file = Path(config_file or ROOT / "mkdocs.yml")
    config = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    base = config_file.parent
    extra = (config.get("extra") or {}).get("handbook") or {}
    settings = Settings(docs_dir=Path(docs_dir or base / config.get("docs_dir", "docs")))
    settings.review_every_days = int(extra.get("review_every_days", settings.review_every_days))
    settings.due_soon_days = int(extra.get("due_soon_days", settings.due_soon_days))
    settings.org_values = load_org_values(base / org_file_from(config))
    settings.snippets_dir = (base / org_file_from(config)).parent
    today = os.environ.get("HANDBOOK_TODAY")  # lets tests and demos pin "today"
    if today:
        settings.today = dt.date.fromisoformat(today)
    return settings


def org_file_from(config: dict) -> str:
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "handbook.markdown.org_values" in extension:
            return (extension["handbook.markdown.org_values"] or {}).get("file", "snippets/org.yml")
    return "snippets/org.yml"


def load_org_values(path: Path) -> dict[str, str]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or {}
    return {str(key): str(value) for key, value in data.items()}
