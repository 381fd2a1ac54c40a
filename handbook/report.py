"""Problems as JSON, for editors and CI annotations.

One object per problem: path (relative to the project directory, so an editor
or a CI annotation finds the file from the repository root), line and column
(1-based; 0 when the problem concerns the whole file, column 1 otherwise: the
checks report lines), rule, message, fix and severity ("error" fails the build,
"notice" is only reported).
"""
from __future__ import annotations

import json
from pathlib import Path


def problem_dict(problem, prefix: str = "") -> dict:
    return {
        "path": f"{prefix}{problem.path}",
        "line": problem.line,
        "column": 1 if problem.line else 0,
        "rule": problem.code,
        "message": problem.message,
        "fix": problem.fix,
        "severity": problem.rule.severity,
    }


def docs_prefix(settings) -> str:
    """docs/ as seen from the project directory ("" when it lies elsewhere)."""
    try:
        return Path(settings.docs_dir).resolve().relative_to(Path(settings.project_dir).resolve()).as_posix() + "/"
    except (TypeError, ValueError):
        return ""


def problems_json(settings, problems) -> str:
    setup = {id(p) for p in settings.problems}
    prefix = docs_prefix(settings)
    items = [problem_dict(p, "" if id(p) in setup else prefix) for p in problems]
    return json.dumps({"problems": items, "errors": sum(1 for i in items if i["severity"] == "error")},
                      ensure_ascii=False, indent=2)
