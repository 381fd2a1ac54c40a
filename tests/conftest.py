"""Shared fixtures: paths, handbook settings for fixture pages, a built site."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import chromium, chromium_missing_message, serve_site

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
        cwd=project, check=False, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},
    )


def copy_project(target: Path) -> Path:
    """The real handbook in a scratch directory (a build there never touches the work tree)."""
    for name in ("docs", "snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "maintenance.md"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_zensical(project: Path) -> subprocess.CompletedProcess:
    """`handbook zensical` (checks, generated content, Zensical build into project/site)."""
    return subprocess.run([str(BIN / "handbook"), "zensical", "--config", str(project / "mkdocs.yml")],
                          cwd=project, check=False, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def _reused(variable: str) -> Path | None:
    """A site built once for many pytest runs (tools/run-tests-alone sets these)."""
    value = os.environ.get(variable)
    return Path(value) if value and (Path(value) / "index.html").is_file() else None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = _reused("HANDBOOK_TEST_MKDOCS_SITE")
    if site:
        return site
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    site = _reused("HANDBOOK_TEST_ZENSICAL_SITE")
    if site:
        return site
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = run_zensical(project)
    assert result.returncode == 0, f"Zensical build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return project / "site"


def pytest_collection_modifyitems(config, items):
    """HANDBOOK_TEST_REVERSE=1 runs the tests in reverse order (tools/run_tests_alone.py):
    a test that only passes after another one has run then fails."""
    if os.environ.get("HANDBOOK_TEST_REVERSE"):
        items.reverse()


# Browser tests share these: one Chromium and one served copy of the built site per module.
@pytest.fixture(scope="module")
def site_url(built_site):
    with serve_site(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    with chromium() as browser:
        yield browser


def fetch_when_served(server: subprocess.Popen, url: str, tries: int = 120) -> tuple[int | None, str]:
    """(status, page text) once `server` (a `mkdocs serve` starting up) answers `url`;
    (None, "") when it stops first or never answers."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            if server.poll() is not None:
                return None, ""
            time.sleep(0.5)
    return None, ""
