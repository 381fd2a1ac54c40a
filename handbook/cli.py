"""`handbook` command: the content checks without MkDocs.

    handbook check [--config mkdocs.yml]   every problem, file:line, in Chinese
    handbook fix   [--config mkdocs.yml]   rewrite GBK/BOM/CRLF/tab files as UTF-8, LF; apply safe style rules
    handbook schema                        print the front matter JSON Schema
    handbook rules                         print the rule catalogue as a Markdown table
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import house_rules, style
from .checks import check_docs
from .fixer import fix_docs
from .freshness import maintenance_text
from .rules import RULES
from .schema import json_schema
from .settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description="客服知识库内容检查")
    parser.add_argument("command", choices=["check", "fix", "schema", "rules"])
    parser.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml 的路径")
    args = parser.parse_args(argv)
    # Trainers' terminals on Windows may not be UTF-8; never crash on printing Chinese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")

    if args.command == "schema":
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.command == "rules":
        print(rules_table())
        return 0
    config = Path(args.config)
    if not config.is_file():
        print(f"找不到配置文件 {config}，请在知识库根目录运行，或用 --config 指明路径。", file=sys.stderr)
        return 2
    settings = load_settings(config)
    try:
        return _run(args.command, settings)
    except BrokenPipeError:  # output piped into `head` and cut short
        return 0


def _run(command: str, settings) -> int:
    if command == "fix":
        for line in fix_docs(settings.docs_dir):
            print(line)
        house = house_rules.load(settings.snippets_dir)
        for line in style.fix_docs(settings.docs_dir, house.style_rules, house_rules.STYLE_EXEMPT):
            print(line)
        return 0
    return run_check(settings)


def run_check(settings) -> int:
    report = check_docs(settings)
    docs = settings.docs_dir
    for problem in report.errors:
        print(problem.format(prefix=""), end="\n\n")
    print(maintenance_text(report.pages, settings))
    errors = len(report.errors)
    print(f"\n检查了 {len(report.pages)} 个页面（{docs}）：", end="")
    if errors:
        files = len({p.path for p in report.errors})
        print(f"{errors} 个问题，涉及 {files} 个文件。请按「改法」逐条修改。")
        return 1
    print("没有问题。")
    return 0


def rules_table() -> str:
    rows = ["| 代码 | 问题 | 改法 | 构建结果 |", "|---|---|---|---|"]
    for rule in RULES.values():
        message, fix = _readable(rule.message), _readable(rule.fix)
        outcome = "失败" if rule.severity == "error" else "只提醒"
        rows.append(f"| `{rule.code}` | {message} | {fix} | {outcome} |")
    return "\n".join(rows)


def _readable(template: str) -> str:
    """A message template as a trainer reads it: placeholders become 「…」."""
    class Blank(dict):
        def __missing__(self, key):
            return "名称" if key == "name" else "…"
    return template.format_map(Blank()).replace("|", "\\|")


if __name__ == "__main__":
    sys.exit(main())
