"""Folding agents' text and the handbook's lines into one comparable form.

Agents say 啥 for 什么, 你 for 您, 这儿 for 这里, add 呗/啊/嘛 and drop
punctuation; traditional characters arrive from some keyboards.  Folding both
sides the same way lets the matcher compare what was said, not how it was
typed.  Every folded character remembers the index of the character it came
from, so a finding can point at the agent's own words (line, column, text).

Steps, in order (the browser's handbook-wording.js repeats them exactly, from
the data `fold_data()` exports, so both agree on every line):
1. per character: NFKC (full-width → half-width), lower case, traditional →
   simplified with OpenCC's character table (shared with search);
2. colloquial forms → the handbook's form, leftmost-longest (COLLOQUIAL);
3. particles and fillers (PARTICLES) and every non-word character dropped;
   a dropped punctuation mark leaves a clause break.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import ahocorasick

from ..search_prep import traditional_to_simplified

# Colloquial or variant form → the form the handbook's lines use.  Data, not
# code: add a pair here when agents are heard saying a new variant.  Both the
# utterance and the forbidden line are folded with it, so the direction only
# has to be consistent.
COLLOQUIAL = {
    "啥": "什么", "咋": "怎么", "干嘛": "干什么", "干吗": "干什么",
    "您": "你", "俺": "我", "咱们": "我们", "甭": "不用",
    "明儿": "明天", "今儿": "今天", "昨儿": "昨天",
    "这儿": "这", "这里": "这", "那儿": "那", "那里": "那", "哪儿": "哪", "哪里": "哪", "上哪": "去哪",
    "一会儿": "会", "一会": "会", "会儿": "会", "一下": "下",
    "没有": "没", "看见": "看到", "碰到": "遇到", "刚刚": "刚才", "肯定": "一定",
}
# Sentence-final particles and fillers: they change the tone, not what is said.
PARTICLES = set("啊呀哇呗嘛吗哈哦噢喔嘞咯啦吧呢呐哟嗯哎唉诶儿")
BREAK = " "


def _char_fold(char: str, t2s: dict[str, str]) -> str:
    folded = "".join(t2s.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())
    return "".join(c if c.isalnum() else BREAK for c in folded)


@lru_cache(maxsize=1)
def _colloquial_automaton():
    # pyahocorasick: one pass finds the leftmost-longest colloquial form at
    # every position, whatever the number and lengths of the forms.
    automaton = ahocorasick.Automaton()
    for form, standard in COLLOQUIAL.items():
        automaton.add_word(form, (len(form), standard))
    automaton.make_automaton()
    return automaton


class Folder:
    def __init__(self):
        self.t2s = traditional_to_simplified()
        self.automaton = _colloquial_automaton()
        self._chars: dict[str, str] = {}

    def fold(self, text: str) -> tuple[str, list[int]]:
        """(folded text with BREAK between clauses, source index of each folded character)."""
        chars = self._chars
        step1: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            folded = chars.get(char)
            if folded is None:
                folded = chars[char] = _char_fold(char, self.t2s)
            for c in folded:
                step1.append(c)
                origin.append(index)
        flat = "".join(step1)
        out: list[str] = []
        where: list[int] = []
        position = 0
        for end, (length, standard) in self.automaton.iter_long(flat):
            start = end - length + 1
            _keep(flat, origin, position, start, out, where)
            for c in standard:
                out.append(c)
                where.append(origin[start])
            position = end + 1
        _keep(flat, origin, position, len(flat), out, where)
        return "".join(out), where


def _keep(flat, origin, start, end, out, where):
    for i in range(start, end):
        c = flat[i]
        if c in PARTICLES:
            continue
        if c == BREAK and (not out or out[-1] == BREAK):
            continue
        out.append(c)
        where.append(origin[i])


@lru_cache(maxsize=1)
def folder() -> Folder:
    return Folder()


def fold_data() -> dict:
    """What the browser needs to fold exactly as `Folder.fold` does."""
    return {"t2s": traditional_to_simplified(), "colloquial": COLLOQUIAL, "particles": "".join(sorted(PARTICLES))}
