"""Run the labelled trainer-mistake set (tests/trainer_mistakes/mistakes.yml).

Each mistake is applied to an in-memory copy of the real handbook (pages, nav,
snippets) and the content check runs over the copy.  A mistake is handled well
when its rule is reported at its line, in Chinese, without a traceback (and,
for `only`, with no other error anywhere).  Prints the share handled well and
the mistakes that render broken but pass the check.

    .venv/bin/python tools/bench_mistakes.py [-v]

Also imported by tests/test_trainer_mistakes.py, which holds the floors.
"""
from __future__ import annotations

import inspect
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "trainer_mistakes" / "mistakes.yml"
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Outcome:
    mistake: dict
    handled: bool
    passed_broken: bool = False     # renders broken, and the check reported nothing
    notes: list[str] = field(default_factory=list)


def load_mistakes(path: Path = SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_project() -> dict[str, bytes]:
    """Every file the check may read, by project-relative path, as check_docs sees the
    project: pages the build generates (handbook.generated) are not the trainers' to
    check, and the assets it generates are there for links to point at."""
    from handbook.generated import entries, source_paths

    generated = {f"docs/{path}" for path in source_paths()}
    files = {}
    for folder in ("docs", "snippets"):
        for path in sorted((ROOT / folder).rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if path.is_file() and "__pycache__" not in path.parts and rel not in generated:
                files[rel] = path.read_bytes() if path.suffix in (".md", ".yml", ".txt") else b""
    for entry in entries("asset"):
        files.setdefault(f"docs/{entry.path}", b"")
    files["mkdocs.yml"] = (ROOT / "mkdocs.yml").read_bytes()
    return files


def _project_path(name: str) -> str:
    return name if name == "mkdocs.yml" or name.startswith("snippets/") else f"docs/{name}"


def apply(mistake: dict, files: dict[str, bytes]) -> tuple[dict[str, bytes], str, str]:
    """The edited copy, the path the problem must be reported in, and its edited text."""
    files = dict(files)
    target = _project_path(mistake["file"])
    if "copy" in mistake:
        files[target] = files[_project_path(mistake["copy"])]
    if "new" in mistake:
        files[target] = mistake["new"].encode("utf-8")
    text = files[target].decode("utf-8")
    if "replace" in mistake:
        old, new = mistake["replace"]
        if old not in text:
            raise ValueError(f"{mistake['what']}: {old!r} is not in {mistake['file']}")
        text = text.replace(old, new, 1)
    if "append" in mistake:
        text += mistake["append"]
    data = text.encode("utf-8")
    save = mistake.get("save")
    if save == "gbk":
        data = text.encode("gbk")
    elif save == "utf16":
        data = text.encode("utf-16")  # with a BOM, as Notepad saves "Unicode"
    elif save == "bom-crlf":
        data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    final = target
    if mistake.get("delete"):
        del files[target]
    elif "rename" in mistake:
        del files[target]
        final = _project_path(mistake["rename"])
        files[final] = data
    else:
        files[target] = data
    where = _project_path(mistake["expect"]["in"]) if "in" in mistake["expect"] else final
    shown = files.get(where, b"").decode("utf-8", errors="replace") if where in files else text
    return files, where, shown


def expected_line(expect: dict, text: str) -> int:
    if "line" in expect:
        return expect["line"]
    at = expect["at"]
    index = text.find(at)
    if index < 0:
        raise ValueError(f"{at!r} not found in the edited file")
    index += len(at) - len(at.lstrip("\n"))
    return text.count("\n", 0, index) + 1


def run_check(files: dict[str, bytes]):
    """The check over an in-memory project, through whichever API this version has."""
    from handbook import checks
    from handbook.settings import load_settings

    settings = load_settings(ROOT / "mkdocs.yml")
    sources = [(path[len("docs/"):], data) for path, data in sorted(files.items())
               if path.startswith("docs/") and path.endswith(".md")]
    if hasattr(checks, "check_project"):
        return checks.check_project(files, settings)
    if "project" in inspect.signature(checks.check_sources).parameters:  # pragma: no cover
        return checks.check_sources(sources, settings, project=files)
    return checks.check_sources(sources, settings)


def _docs_relative(where: str) -> str:
    return where.removeprefix("docs/")


def judge(mistake: dict, base: dict[str, bytes]) -> Outcome:
    """Raises ValueError when the mistake no longer applies to the page (the set is stale:
    fix its anchor text), so a stale entry is never counted as the check's failure."""
    expect = mistake["expect"]
    files, where, text = apply(mistake, base)
    if expect["code"] != "none":
        expected_line(expect, text)
    try:
        report = run_check(files)
    except Exception:  # noqa: BLE001 — a traceback is a failure of the check, not of the set
        return Outcome(mistake, False, bool(mistake.get("broken")), [traceback.format_exc(limit=3)])
    errors = report.errors
    if expect["code"] == "none":
        ok = not errors
        return Outcome(mistake, ok, False, [p.format() for p in errors[:3]])
    path = _docs_relative(where)
    line = expected_line(expect, text)
    notes = []
    hits = [p for p in report.problems if p.code == expect["code"] and p.path == path and p.line == line]
    if not hits:
        notes.append(f"expected {expect['code']} at {path}:{line}; got " +
                     "; ".join(f"{p.code}@{p.path}:{p.line}" for p in errors[:6]) or "nothing")
    for problem in hits[:1]:
        words = problem.message + problem.fix
        if not CJK.search(words) or ENGLISH_PHRASE.search(words):
            notes.append(f"not Chinese: {problem.message}")
    if mistake.get("only"):
        others = [p for p in errors if p not in hits]
        if others:
            notes.append("also reported: " + "; ".join(f"{p.code}@{p.path}:{p.line}" for p in others[:6]))
    passed_broken = bool(mistake.get("broken")) and not errors
    return Outcome(mistake, not notes, passed_broken, notes)


def run(path: Path = SET) -> list[Outcome]:
    base = real_project()
    return [judge(mistake, base) for mistake in load_mistakes(path)]


def main(argv: list[str]) -> int:
    outcomes = run()
    handled = sum(o.handled for o in outcomes)
    broken = [o for o in outcomes if o.mistake.get("broken")]
    passed = [o for o in outcomes if o.passed_broken]
    for outcome in outcomes:
        if not outcome.handled and ("-v" in argv or "--verbose" in argv):
            print(f"NOT HANDLED: {outcome.mistake['what']}\n    " + "\n    ".join(outcome.notes))
    print(f"trainer mistakes handled well: {handled}/{len(outcomes)} = {handled / len(outcomes):.1%}")
    late = [o for o in outcomes if o.mistake.get("added") == "after-tuning"]
    if late:
        first = [o for o in outcomes if o not in late]
        print(f"    written before tuning: {sum(o.handled for o in first)}/{len(first)}; "
              f"held out (added after tuning): {sum(o.handled for o in late)}/{len(late)}")
    print(f"render broken but the check passed: {len(passed)}/{len(broken)}")
    for outcome in passed:
        print(f"    {outcome.mistake['what']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
