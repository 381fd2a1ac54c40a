"""`handbook wording`: check agents' replies and transcripts against the handbook.

    handbook wording [--format text|json] [--input auto|text|csv|jsonl]
                     [--column NAME] [--agent 坐席,客服] [--customer 客户] FILE... | -

Exit status: 0 nothing found, 1 something found, 2 an input could not be read
(the readable inputs are still checked and reported).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli import arg, command
from .inputs import (
    AGENTS,
    CUSTOMERS,
    FORMATS,
    Reading,
    Speakers,
    Unreadable,
    read_input,
)

if TYPE_CHECKING:
    from .checker import Finding

# The checker (folding tables, matcher) is imported when the command runs: every
# `handbook` command line imports this module to register the subcommand.

ARGUMENTS = [
    arg("files", nargs="+", metavar="FILE", help="要检查的文件；- 表示标准输入"),
    arg("--format", choices=["text", "json"], default="text", help="输出格式"),
    arg("--input", choices=FORMATS, default="auto",
        help="输入格式：text 每行一句（可带「坐席：」等说话人）、csv、jsonl；默认按扩展名判断"),
    arg("--column", help="CSV / JSON lines 里坐席文本所在的列名（默认找 text、content、内容…）"),
    arg("--agent", default=",".join(AGENTS), help="坐席的说话人名称，逗号分隔（只检查这些人说的话）"),
    arg("--customer", default=",".join(CUSTOMERS), help="客户的说话人名称，逗号分隔（不检查）"),
]


@command("wording", "检查坐席的回复和通话记录里有没有手册「不要这样说」的话（也能认出换了说法的）", *ARGUMENTS)
def run(args, settings) -> int:
    from ..checks import check_docs
    from .checker import Checker

    checker = Checker(check_docs(settings), settings)
    speakers = Speakers(_names(args.agent), _names(args.customer))
    reading = Reading()
    for name in args.files:
        path = "-" if name == "-" else name
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as error:
            reading.unreadable.append(Unreadable(path, 0, f"无法读取文件（{error.strerror or error}）"))
            continue
        read_input(path, data, args.input, args.column, speakers, reading)
    findings = [f for utterance in reading.utterances for f in checker.check(utterance)]
    try:
        if args.format == "json":
            print(json.dumps(json_report(findings, reading), ensure_ascii=False, indent=2))
        else:
            print(text_report(findings, reading))
    except BrokenPipeError:
        return 0
    if reading.unreadable:
        return 2
    return 1 if findings else 0


def _names(value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.replace("，", ",").split(",") if n.strip())


def json_report(findings: list[Finding], reading: Reading) -> dict:
    return {
        "findings": [f.as_json() for f in findings],
        "checked_lines": len(reading.utterances),
        "unreadable": [{"path": u.path, "line": u.line, "message": u.message} for u in reading.unreadable],
    }


def text_report(findings: list[Finding], reading: Reading) -> str:
    from .checker import labelled
    from .pairs import DRAFT_LABEL

    out = []
    for problem in reading.unreadable:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        out.append(f"{where}: 无法检查：{problem.message}")
    for f in findings:
        draft = f"「{DRAFT_LABEL}」" if f.draft else ""
        out.append(f"{f.path}:{f.line}:{f.column}: 「{f.text}」像手册里不要说的"
                   f"「{f.forbidden}」{draft}（{f.source}，{f.situation}）")
        for say, draft in zip(f.say, f.say_draft):
            out.append(f"    可以这样说：{labelled(say, draft)}")
    lines = len(reading.utterances)
    if findings:
        out.append(f"\n检查了 {lines} 句坐席的话：{len(findings)} 处要改，"
                   f"涉及 {len({(f.path, f.line) for f in findings})} 句。")
    else:
        out.append(f"\n检查了 {lines} 句坐席的话：没有发现手册里不要说的话。")
    return "\n".join(out)
