"""`make cards`: print the desk cards (handbook/desk_cards.py) to PDF with headless Chromium.

    .venv/bin/python tools/make_cards.py [--out build/cards] [--config mkdocs.yml]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import (  # the tests' Chromium setup: one place
    chromium,
    chromium_missing_message,
)

from handbook.checks import check_docs
from handbook.desk_cards import cards_from, documents, print_pdfs
from handbook.settings import load_settings


def main() -> int:
    parser = argparse.ArgumentParser(description="打印用的话术卡片（PDF）")
    parser.add_argument("--out", default=str(ROOT / "build" / "cards"), help="PDF 输出目录")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml 的路径")
    args = parser.parse_args()
    missing = chromium_missing_message()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    settings = load_settings(Path(args.config))
    docs = documents(cards_from(check_docs(settings), settings))
    with chromium() as browser:
        written = print_pdfs(docs, Path(args.out), browser)
    print(f"写好了 {len(written)} 个 PDF：{args.out}/A4、A5（每页一张）和 booklets（每个分类一本）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
