"""`handbook fix`: rewrite files into UTF-8 with LF line ends, losing nothing.

Only mechanical, lossless changes are made: GBK/GB18030 and UTF-16 (with its
BOM, Notepad's "Unicode") are decoded and saved as UTF-8, a BOM is dropped, CRLF
becomes LF, tabs in the front matter become two spaces, a full-width colon after
a front matter key becomes `: ` and a missing space after a key's colon is added.
Anything that needs judgement stays a reported problem.
"""
from __future__ import annotations

from pathlib import Path

from .source import COLON_NO_SPACE, FULLWIDTH_COLON_KEY, UTF16_BOMS


def fix_text(data: bytes) -> tuple[str, list[str]]:
    changes = []
    if data.startswith(UTF16_BOMS):
        data = data.decode("utf-16").encode("utf-8")  # raises if it is not UTF-16 after all
        changes.append("UTF-16 → UTF-8")
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
            tight = COLON_NO_SPACE.match(fixed)
            if tight and not fixed.lstrip().startswith(("-", "#")):
                fixed = f"{tight.group('indent')}{tight.group('key')}: {tight.group('value')}"
            if fixed != lines[i]:
                lines[i] = fixed
                if "页头 Tab/冒号" not in changes:
                    changes.append("页头 Tab/冒号")
    return "\n".join(lines), changes


def fix_docs(docs_dir: Path, result: dict | None = None):
    """Rewrite every page; yields one line per file changed or left alone.

    `result["unfixed"]` counts the files that could not be converted, so the
    command exits non-zero when something is left for the trainer to do.
    """
    result = result if result is not None else {}
    changed = result["unfixed"] = 0
    for path in sorted(Path(docs_dir).rglob("*.md")):
        data = path.read_bytes()
        try:
            text, changes = fix_text(data)
        except UnicodeError:
            result["unfixed"] += 1
            yield f"{path}: 既不是 UTF-8，也不是 GBK 或 UTF-16，未改动；请在编辑器里用 UTF-8 编码另存"
            continue
        if changes:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed += 1
            yield f"{path}: {'、'.join(changes)}"
    yield f"改写了 {changed} 个文件。" + (f"{result['unfixed']} 个文件没能改写，见上面。" if result["unfixed"] else "")


def run_fix(docs_dir: Path) -> int:
    """`handbook fix`: print what was done; exit 1 when files were left unfixed."""
    result: dict = {}
    for line in fix_docs(docs_dir, result):
        print(line)
    return 1 if result["unfixed"] else 0
