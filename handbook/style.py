"""House style as data: substitution rules in snippets/style.yml.

In the manner of prh and Vale's `substitution` rules, each rule is a regular
expression, the preferred form, a message and its own examples; trainers add
rules without touching code.  A rule's examples are its test: every 不对
example must match and be fixed by the replacement, every 对 example must not
match.  A rule whose examples fail (or whose pattern is not a valid regular
expression) is reported and not applied, so one bad rule never fails a page.

Scopes: 这样说 (approved wording only: what agents say aloud), 正文 (everything
except 不要这样说 blocks and quoted customer lines), 全部 (every line of the
body).  Code spans and fenced code are never touched.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .outline import INLINE_CODE, step_fence
from .prefilter import any_of

SCOPES = ("这样说", "正文", "全部")
# The scopes a line can belong to (scoped_lines): shared, never changed.
_ALL, _PROSE, _SAID = frozenset({"全部"}), frozenset({"全部", "正文"}), frozenset({"全部", "这样说", "正文"})
_BLOCK = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]*(?P<type>[^\s\"]*)")


@dataclass
class StyleRule:
    name: str
    pattern: re.Pattern
    replacement: str
    message: str
    scope: str = "全部"
    auto: bool = False
    wrong: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)

    def fix(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)

    def failures(self) -> list[str]:
        """What is wrong with the rule's own examples (empty: the rule is sound)."""
        out = []
        for example in self.wrong:
            if not self.pattern.search(example):
                out.append(f"不对的例子「{example}」没有被找出来")
            elif self.pattern.search(self.fix(example)):
                out.append(f"不对的例子「{example}」改成「{self.fix(example)}」后仍然不符合")
        for example in self.right:
            if self.pattern.search(example):
                out.append(f"对的例子「{example}」被误报")
        if not self.wrong:
            out.append("至少要有一个「不对」的例子")
        return out


def load_rules(path: Path) -> tuple[list[StyleRule], list[tuple[str, str]]]:
    """(sound rules, [(rule name, problem)]) — broken rules are reported, not used."""
    if not Path(path).is_file():
        return [], []
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or []
    except yaml.YAMLError as error:
        return [], [("（整个文件）", f"不是有效的 YAML：{getattr(error, 'problem', error)}")]
    if not isinstance(data, list):
        return [], [("（整个文件）", "应当是以「- 名称: …」开头的规则列表")]
    rules, problems = [], []
    for index, spec in enumerate(data, 1):
        name = str((spec or {}).get("名称") or f"第 {index} 条") if isinstance(spec, dict) else f"第 {index} 条"
        if not isinstance(spec, dict) or not spec.get("查找") or "改为" not in spec:
            problems.append((name, "要写「查找」和「改为」"))
            continue
        try:
            pattern = re.compile(str(spec["查找"]))
        except re.error as error:
            problems.append((name, f"「查找」不是有效的正则表达式：{error}"))
            continue
        scope = str(spec.get("范围") or "全部")
        if scope not in SCOPES:
            problems.append((name, f"「范围」只能是 {'、'.join(SCOPES)}"))
            continue
        examples = spec.get("例子") or {}
        rule = StyleRule(name, pattern, str(spec["改为"]), str(spec.get("说明") or name), scope,
                         spec.get("自动修改") in (True, "是"),
                         [str(e) for e in examples.get("不对") or []], [str(e) for e in examples.get("对") or []])
        failures = rule.failures()
        if failures:
            problems.append((name, "；".join(failures)))
        else:
            rules.append(rule)
    return rules, problems


def scoped_lines(body: str, first_line: int):
    """(line number, text, scopes the line belongs to) for every body line outside code."""
    fence, block_type, block_indent = None, None, 0
    for number, raw in enumerate(body.split("\n"), first_line):
        in_code, fence = step_fence(raw, fence)
        if in_code:
            continue
        stripped = raw.strip()
        unindented = raw.lstrip(" ")
        if block_type and stripped and len(raw) - len(unindented) < block_indent:
            block_type = None
        match = _BLOCK.match(raw) if unindented[:3] in ("!!!", "???") else None
        if match:
            block_type, block_indent = match.group("type"), len(match.group("indent")) + 4
            yield number, raw, _PROSE  # the block's title is prose too
            continue
        if block_type == "say":
            scopes = _SAID
        elif block_type != "dont" and not stripped.startswith(">"):
            scopes = _PROSE
        else:
            scopes = _ALL
        yield number, raw, scopes


def _code_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in INLINE_CODE.finditer(line)] if "`" in line else []


def matches(rule: StyleRule, line: str):
    spans = _code_spans(line)
    for match in rule.pattern.finditer(line):
        if not any(start <= match.start() < end for start, end in spans):
            yield match


def check_body(body: str, first_line: int, rules: list[StyleRule]):
    """(line, column, rule, found, replacement) for every match."""
    return check_lines(scoped_lines(body, first_line), rules)


def check_lines(lines, rules: list[StyleRule]):
    """check_body over lines already scoped (`scoped_lines`), for a caller that needs them too."""
    plans = _plans(tuple((rule.pattern, rule.scope) for rule in rules))
    for number, raw, scopes in lines:
        plan = plans.get(scopes)
        if plan is None:
            plan = plans[scopes] = _plan(rules, scopes)
        applying, anywhere, unfiltered = plan
        # Most lines match no rule: one search says so; the rules then run one by one, in order.
        indices = applying if anywhere is not None and anywhere.search(raw) else unfiltered
        for index in indices:
            rule = rules[index]
            for match in matches(rule, raw):
                yield number, match.start() + 1, rule, match.group(0), match.expand(rule.replacement)


@functools.lru_cache(maxsize=16)
def _plans(rules: tuple) -> dict:
    """Per set of scopes, filled as lines come (keyed on the rules' patterns and scopes)."""
    return {}


def _plan(rules: list[StyleRule], scopes: frozenset) -> tuple[tuple[int, ...], re.Pattern | None, tuple[int, ...]]:
    """(indices of the rules for lines in `scopes`, one pattern for all of them, those it does not cover)."""
    applying = tuple(i for i, rule in enumerate(rules) if rule.scope in scopes)
    anywhere, uncovered = any_of([rules[i].pattern for i in applying])
    return applying, anywhere, tuple(applying[i] for i in uncovered)


def fix_text(text: str, rules: list[StyleRule]) -> tuple[str, int]:
    """Apply the rules marked 自动修改 to the body (front matter untouched)."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    body = "\n".join(lines[start:])
    count = 0
    auto = [r for r in rules if r.auto]
    new_lines = body.split("\n")
    for number, raw, scopes in scoped_lines(body, 0):
        line = raw
        for rule in auto:
            if rule.scope not in scopes:
                continue
            spans = _code_spans(line)
            def replace(match, rule=rule, spans=spans):
                if any(s <= match.start() < e for s, e in spans):
                    return match.group(0)
                return match.expand(rule.replacement)
            fixed = rule.pattern.sub(replace, line)
            if fixed != line:
                count += len(list(matches(rule, line)))
                line = fixed
        new_lines[number] = line
    return "\n".join(lines[:start] + new_lines), count


def fix_docs(docs_dir: Path, rules: list[StyleRule], exempt: tuple[str, ...] = ()):
    """`make fix`: apply the 自动修改 rules to every page; yields one line per changed file."""
    changed = 0
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith(exempt):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the encoding fix runs first; a file it could not read is reported there
        fixed, count = fix_text(text, rules)
        if count:
            path.write_text(fixed, encoding="utf-8", newline="\n")
            changed += 1
            yield f"{path}: 行文规范 {count} 处"
    yield f"按行文规范改写了 {changed} 个文件。"
