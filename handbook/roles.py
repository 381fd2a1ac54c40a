"""Roles and escalation, defined once in snippets/roles.yml.

Each role says what it handles, whom it hands on to and, optionally, the
names the sources also used for it (`别称`).  Pages refer to a role as
`[[投诉人员]]`; the renderer shows the name with its duties as a tooltip and
a line `[[角色表]]` becomes the table of all roles.  Two checks keep the
handbook consistent: a `[[name]]` that is not defined, and an instruction
(prose outside the wording blocks, headings and quotations) that still uses a
`别称` instead of the role's name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .file_memo import by_file

ROLE_REF = re.compile(r"\[\[\s*([^\[\]]+?)\s*\]\]")
TABLE = "角色表"
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|『[^』]*』|《[^》]*》")


@dataclass
class Role:
    name: str
    handles: str
    hands_to: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str = ""


@by_file
def load_roles(path: Path) -> tuple[dict[str, Role], list[str]]:
    """(roles, problems): problems are Chinese sentences about the file itself.

    The result is shared between callers (file_memo): do not change it in place.
    """
    if not Path(path).is_file():
        return {}, []
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as error:
        return {}, [f"{path} 不是有效的 YAML：{getattr(error, 'problem', error)}"]
    if not isinstance(data, dict):
        return {}, [f"{path} 应当是「角色名: 说明」的映射"]
    roles, problems = {}, []
    for name, spec in data.items():
        spec = spec if isinstance(spec, dict) else {}
        hands_to = spec.get("交给") or []
        hands_to = [hands_to] if isinstance(hands_to, str) else [str(h) for h in hands_to]
        aliases = spec.get("别称") or []
        aliases = [aliases] if isinstance(aliases, str) else [str(a) for a in aliases]
        if not spec.get("负责"):
            problems.append(f"{path}：角色「{name}」没有写「负责」（这个角色处理什么）")
        roles[str(name)] = Role(str(name), str(spec.get("负责") or ""), hands_to, aliases, str(spec.get("说明") or ""))
    for role in roles.values():
        for target in role.hands_to:
            if target not in roles:
                problems.append(f"{path}：角色「{role.name}」交给的「{target}」没有定义")
    return roles, problems


def aliases(roles: dict[str, Role]) -> dict[str, str]:
    """alias → role name, longest first so 后台的投诉处理人员 wins over 投诉处理人员."""
    pairs = {alias: role.name for role in roles.values() for alias in role.aliases}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def alias_uses(text: str, table: dict[str, str]):
    """(column, alias, role) for each alias used outside [[…]] and quotations."""
    # Masking only hides text: a line without any alias in it has no alias use.
    if not table or not any_alias(table).search(text):
        return
    masked = ROLE_REF.sub(lambda m: "\0" * len(m.group(0)), text)
    masked = _QUOTED.sub(lambda m: "\0" * len(m.group(0)), masked)
    for name in table.values():  # the role's own name is never its alias
        masked = masked.replace(name, "\0" * len(name))
    for alias, role in table.items():
        start = masked.find(alias)
        while start >= 0:
            yield start + 1, alias, role
            masked = masked[:start] + "\0" * len(alias) + masked[start + len(alias):]
            start = masked.find(alias, start + len(alias))


def any_alias(table: dict[str, str]) -> re.Pattern:
    """A pattern that finds any of the aliases (a text it does not match has no alias use)."""
    return _any_of(tuple(table))


@functools.lru_cache(maxsize=8)
def _any_of(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, names)))


def table_markdown(roles: dict[str, Role]) -> str:
    rows = ["| 角色 | 负责 | 处理不了时交给 | 来源里的其他叫法 |", "|---|---|---|---|"]
    for role in roles.values():
        rows.append(f"| **{role.name}** | {role.handles} | {'、'.join(role.hands_to) or '—'} | "
                    f"{'、'.join(role.aliases) or '—'} |")
    return "\n".join(rows)


def tooltip(role: Role) -> str:
    text = f"负责：{role.handles}"
    if role.hands_to:
        text += f"；处理不了时交给：{'、'.join(role.hands_to)}"
    return text
