"""The sign-off checks of issue 13, run by checks.py on every page.

Roles (snippets/roles.yml), house style (snippets/style.yml), the spoken
version of a policy and the line of business a page serves.  The files are
read once per run (`load`); problems with the files themselves are reported
against the file, so a bad rule never hides the pages' problems.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import roles as roles_mod
from . import style
from .outline import Outline, substitute
from .problems import Problem
from .schema import closest
from .source import Page

SPOKEN_MAX = 60          # characters an agent can say in one breath or two
SPOKEN_TITLE = "先这样说"
STYLE_EXEMPT = ("guide/",)  # the trainer guide shows wrong forms on purpose
CONTENT_KINDS = ("scenario", "risk", "policy")


@dataclass
class HouseData:
    roles: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)
    style_rules: list = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)


def fingerprint(snippets_dir: Path | None) -> bytes:
    """The roles and style files as they are now (a cache of checked pages is only valid for these)."""
    if snippets_dir is None:
        return b""
    files = [Path(snippets_dir) / name for name in ("roles.yml", "style.yml")]
    return b"\0".join(f.read_bytes() if f.is_file() else b"" for f in files)


def load(snippets_dir: Path | None) -> HouseData:
    data = HouseData()
    if snippets_dir is None:
        return data
    data.roles, problems = roles_mod.load_roles(Path(snippets_dir) / "roles.yml")
    data.aliases = roles_mod.aliases(data.roles)
    data.file_problems += [Problem("../snippets/roles.yml", 0, "roles-file", {"problem": p}) for p in problems]
    data.style_rules, broken = style.load_rules(Path(snippets_dir) / "style.yml")
    data.file_problems += [Problem("../snippets/style.yml", 0, "style-rule-broken", {"name": n, "problem": p})
                           for n, p in broken]
    return data


def spoken_block(page: Page, outline: Outline):
    """A policy's spoken version: the say block before its first ## section."""
    if page.meta.get("kind") != "policy":
        return None
    return next((b for b in outline.lead_blocks if b.type == "say"), None)


def check_page(page: Page, outline: Outline, data: HouseData, org_values: dict[str, str]) -> None:
    # The alias and the style checks both read the scoped lines; exempt pages need neither.
    exempt = page.path.startswith(STYLE_EXEMPT)
    lines = [] if exempt else list(style.scoped_lines(page.body, page.body_start))
    _check_roles(page, outline, data, lines)
    if not exempt:
        for line, column, rule, found, replacement in style.check_lines(lines, data.style_rules):
            page.problems.append(Problem(page.path, line, "style", {
                "message": rule.message, "found": found, "replacement": replacement,
                "auto": "（make fix 可自动修改）" if rule.auto else ""}, column=column))
    _check_spoken(page, outline, org_values)


def _check_roles(page: Page, outline: Outline, data: HouseData, lines: list) -> None:
    for line, text in (outline.text_lines if "[[" in outline.prose else ()):
        for match in roles_mod.ROLE_REF.finditer(text):
            name = match.group(1)
            if name not in data.roles and name != roles_mod.TABLE:
                page.problem(line, "unknown-role", name=name, suggestion=closest(name, data.roles),
                             known="、".join(data.roles) or "（snippets/roles.yml 里还没有角色）")
    if not data.aliases or page.path.startswith(STYLE_EXEMPT):
        return
    said = [(page.line_of(key), page.meta[key]) for key in ("escalate_to", "first_response")
            if isinstance(page.meta.get(key), str)]
    anywhere = roles_mod.any_alias(data.aliases)
    if not anywhere.search(outline.prose) and not any(anywhere.search(text) for _, text in said):
        return  # no alias anywhere on the page (the usual case)
    instructions = _instruction_lines(outline, lines) + said
    for line, text in instructions:
        for _, alias, role in roles_mod.alias_uses(text, data.aliases):
            page.problem(line, "role-alias", alias=alias, role=role)


def _instruction_lines(outline: Outline, lines: list) -> list[tuple[int, str]]:
    """Prose a trainer writes for agents: not wording, headings, quotes or customer lines
    (`lines`: the page's `style.scoped_lines`)."""
    spoken = {line for line, _, scopes in lines if "正文" not in scopes or "这样说" in scopes}
    return [(line, text) for line, text in outline.text_lines
            if line not in spoken and not text.lstrip().startswith(("#", ">", "!!!", "???"))]


def _check_spoken(page: Page, outline: Outline, org_values: dict[str, str]) -> None:
    if page.meta.get("kind") != "policy":
        return
    block = spoken_block(page, outline)
    if block is None or not block.phrases:
        page.problem(outline.h1_line or page.body_start, "policy-missing-spoken", limit=SPOKEN_MAX)
        return
    for phrase in block.phrases:
        said = substitute(phrase.text, org_values)
        length = sum(1 for c in said if not unicodedata.category(c).startswith(("P", "Z")))
        if length > SPOKEN_MAX:
            page.problem(phrase.line, "policy-spoken-too-long", length=length, limit=SPOKEN_MAX)
