"""Shortcuts the check takes on a large handbook find what the plain definitions find."""
from __future__ import annotations

import random

from handbook.checks import Report, check_forbidden_in_approved
from handbook.normalise import normalise
from handbook.outline import parse_outline
from handbook.source import parse_page


def _page(path: str, says: list[str], donts: list[str]) -> str:
    say = "".join(f"    - {text}\n" for text in says)
    dont = "".join(f"    - {text}\n" for text in donts)
    return (f"---\nid: scn-{path}\nkind: scenario\n---\n\n# 页\n\n## 情境\n\n"
            f'!!! say "这样说"\n{say}\n!!! dont "不要这样说"\n{dont}')


def test_forbidden_in_approved_is_every_pair_compared():
    """One automaton pass per approved phrase reports, in the same order, what
    comparing every forbidden phrase with every approved phrase reports."""
    rng = random.Random(15)

    def phrase(low: int, high: int) -> str:
        return "".join(rng.choice("您好请稍等，我马上办！ ") for _ in range(rng.randint(low, high)))
    report = Report()
    for n in range(60):
        page = parse_page(f"p{n}.md", _page(str(n), [phrase(4, 14) for _ in range(4)],
                                            [phrase(1, 4) for _ in range(3)]).encode())
        report.pages.append(page)
        report.outlines[page.path] = parse_outline(page.body, page.body_start)
    approved, forbidden = [], {}
    for page in report.pages:
        for block in report.outlines[page.path].blocks():
            for item in block.phrases:
                text = normalise(item.text)
                if block.type == "say":
                    approved.append((page.path, item.line, text))
                elif len(text) >= 2:
                    forbidden.setdefault(text, f"{page.path}:{item.line}")
    expected = [(path, line, text, where) for text, where in forbidden.items()
                for path, line, said in approved if text in said]
    found = [(p.path, p.line, p.details["phrase"], p.details["where"]) for p in check_forbidden_in_approved(report)]
    assert found == expected and len(expected) > 50
