"""Shared fixtures: paths, handbook settings for fixture pages, a built site."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
ORG = {"公司名称": "华炫科技", "服务热线": "400-000-0000"}
TODAY = dt.date(2026, 11, 23)


def fixture_settings(docs_dir: Path = FIXTURES) -> Settings:
    return Settings(docs_dir=docs_dir, org_values=dict(ORG), review_every_days=180, due_soon_days=30, today=TODAY,
                    snippets_dir=FIXTURES / "snippets")


def run_build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a trainer or CI runs it (never with -q: it hides warnings)."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    return site
