"""`handbook fix`: rewrite files into UTF-8 with LF line ends, losing nothing.

Only mechanical, lossless changes are made: GBK/GB18030 is decoded and saved
as UTF-8, a BOM is dropped, CRLF becomes LF, tabs in the front matter become two
spaces and a full-width colon after a front matter key becomes `: `.  Anything
that needs judgement stays a reported problem.
"""
from __future__ import annotations

from pathlib import Path

from .source import FULLWIDTH_COLON_KEY


def fix_text(data: bytes) -> tuple[str, list[str]]:
    changes = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        changes.append("去掉 BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")  # raises again if it is neither: caller reports it
        changes.append("GBK → UTF-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("CRLF → LF")
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                break
            fixed = lines[i].replace("\t", "  ")
            colon = FULLWIDTH_COLON_KEY.match(fixed)
            if colon:
                fixed = fixed[:colon.end(1)] + ": " + fixed[colon.end():].lstrip()
            if fixed != lines[i]:
                lines[i] = fixed
                if "页头 Tab/全角冒号" not in changes:
                    changes.append("页头 Tab/全角冒号")
    return "\n".join(lines), changes


def fix_docs(docs_dir: Path):
    changed = 0
    for path in sorted(Path(docs_dir).rglob("*.md")):
        data = path.read_bytes()
        try:
            text, changes = fix_text(data)
        except UnicodeDecodeError:
            yield f"{path}: 既不是 UTF-8 也不是 GBK，未改动；请在编辑器里确认它的编码"
            continue
        if changes:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed += 1
            yield f"{path}: {'、'.join(changes)}"
    yield f"改写了 {changed} 个文件。"
