"""Reading agents' text: plain lines, speaker-labelled transcripts, CSV, JSON lines.

Quality teams export chat and call transcripts from different systems.  Each
reader yields `Utterance`s (the agent's text with its line and the column it
starts at in that line) and collects `Unreadable` problems instead of raising,
so one bad file or record never hides the findings in the others.  Bytes are
decoded exactly as pages are (`handbook.source.decode`: UTF-8 with or without
BOM, CRLF; GBK is named, not guessed).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from ..source import decode

AGENTS = ("坐席", "座席", "客服", "agent")
CUSTOMERS = ("客户", "顾客", "用户", "customer")
TEXT_COLUMNS = ("text", "content", "message", "utterance", "内容", "文本", "话术", "消息")
SPEAKER_COLUMNS = ("speaker", "role", "sender", "说话人", "角色", "发送方")
FORMATS = ("auto", "text", "csv", "jsonl")
# An optional time stamp, then a speaker name and a colon (full- or half-width).
_STAMP = r"(?:\[[^\]]*\]\s*|\d{1,2}:\d{2}(?::\d{2})?\s+)?"


@dataclass
class Utterance:
    path: str
    line: int
    column: int          # 1-based column of text[0] in the file's line (or in the CSV/JSON field)
    text: str


@dataclass
class Unreadable:
    path: str
    line: int
    message: str


@dataclass
class Speakers:
    agents: tuple[str, ...] = AGENTS
    customers: tuple[str, ...] = CUSTOMERS

    def pattern(self) -> re.Pattern:
        names = sorted({*self.agents, *self.customers}, key=len, reverse=True)
        return re.compile(r"^\s*" + _STAMP + "(" + "|".join(map(re.escape, names)) + r")\s*[：:]\s*", re.IGNORECASE)

    def is_agent(self, name: str) -> bool:
        return name.lower() in {a.lower() for a in self.agents}


@dataclass
class Reading:
    utterances: list[Utterance] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def read_input(path: str, data: bytes, fmt: str = "auto", column: str | None = None,
               speakers: Speakers | None = None, reading: Reading | None = None) -> Reading:
    reading = reading or Reading()
    text, problems = decode(path, data)
    if text is None:
        problem = problems[0]
        guess = problem.details.get("guess", "")
        reading.unreadable.append(Unreadable(path, problem.line, f"不是 UTF-8 编码{guess}，请另存为 UTF-8 后再检查"))
        return reading
    speakers = speakers or Speakers()
    if fmt == "auto":
        fmt = _guess_format(path, text)
    if fmt == "csv":
        _read_csv(path, text, column, speakers, reading)
    elif fmt == "jsonl":
        _read_jsonl(path, text, column, speakers, reading)
    else:
        _read_lines(path, text, speakers, reading)
    return reading


def _guess_format(path: str, text: str) -> str:
    lower = path.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    first = next((line for line in text.split("\n") if line.strip()), "")
    return "jsonl" if first.lstrip().startswith("{") else "text"


def _read_lines(path: str, text: str, speakers: Speakers, reading: Reading) -> None:
    """One utterance per line.  When lines carry speaker labels (坐席：…), only the
    agent's turns are read; an unlabelled line continues the turn above it."""
    label = speakers.pattern()
    lines = text.split("\n")
    labelled = any(label.match(line) for line in lines)
    agent_turn = True
    for number, line in enumerate(lines, 1):
        start = 0
        if labelled:
            match = label.match(line)
            if match:
                agent_turn = speakers.is_agent(match.group(1))
                start = match.end()
            if not agent_turn:
                continue
        body = line[start:].rstrip()
        if body.strip():
            reading.utterances.append(Utterance(path, number, start + 1, body))


def _pick(names, wanted: str | None, choices) -> str | None:
    if wanted:
        return wanted if wanted in names else None
    lowered = {str(n).strip().lower(): n for n in names}
    return next((lowered[c] for c in choices if c in lowered), None)


def _read_csv(path: str, text: str, column: str | None, speakers: Speakers, reading: Reading) -> None:
    rows = csv.reader(io.StringIO(text))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        return
    name = _pick(header, column, TEXT_COLUMNS)
    if name is None:
        reading.unreadable.append(Unreadable(path, 1, _no_column(column, header)))
        return
    text_at = header.index(name)
    speaker = _pick(header, None, SPEAKER_COLUMNS)
    speaker_at = header.index(speaker) if speaker else None
    start = rows.line_num + 1
    try:
        for row in rows:
            line, start = start, rows.line_num + 1
            if text_at >= len(row):
                continue
            if speaker_at is not None and speaker_at < len(row) and not _agent_row(row[speaker_at], speakers):
                continue
            if row[text_at].strip():
                reading.utterances.append(Utterance(path, line, 1, row[text_at]))
    except csv.Error as error:
        reading.unreadable.append(Unreadable(path, rows.line_num, f"CSV 格式有误（{error}），这一行之后没有检查"))


def _agent_row(value: str, speakers: Speakers) -> bool:
    value = str(value).strip()
    return not value or speakers.is_agent(value) or value.lower() not in {c.lower() for c in speakers.customers}


def _read_jsonl(path: str, text: str, column: str | None, speakers: Speakers, reading: Reading) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            reading.unreadable.append(Unreadable(path, number, "这一行不是有效的 JSON，已跳过"))
            continue
        if not isinstance(record, dict):
            reading.unreadable.append(Unreadable(path, number, "这一行不是 JSON 对象（{…}），已跳过"))
            continue
        name = _pick(list(record), column, TEXT_COLUMNS)
        if name is None:
            reading.unreadable.append(Unreadable(path, number, _no_column(column, list(record))))
            continue
        speaker = _pick(list(record), None, SPEAKER_COLUMNS)
        if speaker and not _agent_row(record.get(speaker, ""), speakers):
            continue
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            reading.utterances.append(Utterance(path, number, 1, value))


def _no_column(column: str | None, names) -> str:
    have = "、".join(map(str, names)) or "（空）"
    if column:
        return f"找不到文本列「{column}」（有：{have}），请用 --column 指明"
    return f"找不到文本列（有：{have}），请用 --column 指明哪一列是坐席说的话"
