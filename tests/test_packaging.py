"""Installing the project gives a working `handbook`: every subpackage, the data files,
the declared runtime dependencies (requirements.txt stays the exact lock)."""
from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a clean copy of the sources (the work tree gets no build/ or egg-info),
    by the build backend pyproject.toml names (pip fetches it, as `make setup` does)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "handbook", source / "handbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copy(ROOT / "README.md", source / "README.md")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                             "-w", str(out), str(source)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return next(out.glob("handbook-*.whl"))


def test_wheel_has_every_subpackage_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in sorted({p.parent for p in (ROOT / "handbook").rglob("*.py")}):
        init = package.relative_to(ROOT) / "__init__.py"
        assert init.as_posix() in names, f"{init} missing from the wheel"
    for data in (ROOT / "handbook").rglob("*.json"):
        assert data.relative_to(ROOT).as_posix() in names, f"{data.name} missing from the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    parser = configparser.ConfigParser()
    parser.read_string(zipfile.ZipFile(wheel).read(entry_points).decode())
    assert parser["console_scripts"]["handbook"] == "handbook.cli:main"


def test_installed_wheel_runs_help_and_check(wheel, tmp_path):
    # A fresh environment with only the wheel; its dependencies come from this
    # environment's site-packages through a path entry (no editable install, no network).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True)
    deps = next(p for p in map(Path, sys.path) if p.name == "site-packages" and (p / "yaml").is_dir())
    (site / "zz-handbook-test-deps.pth").write_text(str(deps) + "\n", encoding="utf-8")
    # Run outside the work tree, so the current directory cannot supply `handbook`.
    where = subprocess.check_output([str(python), "-c", "import handbook.markdown.furniture as m; print(m.__file__)"],
                                    text=True, cwd=tmp_path)
    assert where.startswith(str(site)), where
    assert subprocess.run([str(python), "-m", "handbook", "--help"], check=False, capture_output=True,
                          cwd=tmp_path).returncode == 0
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "base", project / "docs" / "base")
    shutil.copytree(FIXTURES / "setup", project / "snippets", ignore=shutil.ignore_patterns("mkdocs*"))
    shutil.copy(FIXTURES / "setup" / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "index.md").write_text(
        "---\nid: home\nkind: article\ntitle: 首页\nowner: 测试组\nreviewed: 2026-11-01\n---\n\n# 首页\n", encoding="utf-8")
    result = subprocess.run([str(python), "-m", "handbook", "check", "--config", str(project / "mkdocs.yml")],
                            check=False, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and "没有问题" in result.stdout, result.stdout + result.stderr
    schema = subprocess.run([str(python), "-m", "handbook", "schema"], check=False, capture_output=True, text=True,
                            cwd=tmp_path)
    assert schema.returncode == 0 and '"properties"' in schema.stdout


def test_runtime_dependencies_are_declared_and_locked():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower() for spec in declared}
    imported = {"pyyaml", "markdown", "pymdown-extensions", "jieba", "opencc", "mkdocs", "mkdocs-material"}
    assert imported <= names, imported - names
    lock = {line.split("==")[0].lower(): line.split("==")[1] for line in
            (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines() if "==" in line}
    assert names <= set(lock), "every declared dependency is pinned exactly in requirements.txt"
