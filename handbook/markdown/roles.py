"""`[[投诉人员]]` → the role's name with its duties as a tooltip; `[[角色表]]` → the table.

Roles are defined once in snippets/roles.yml (handbook/roles.py reads it).  A
preprocessor, like org_values, so it works under any Python-Markdown renderer;
code is left alone so the trainer guide can show the syntax.  An unknown name
is left as typed; `handbook check` reports it.
"""
from __future__ import annotations

import html
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from ..outline import INLINE_CODE, step_fence
from ..roles import ROLE_REF, TABLE, load_roles, table_markdown, tooltip


def render_line(line: str, roles) -> list[str]:
    if line.strip() == f"[[{TABLE}]]":
        indent = line[: len(line) - len(line.lstrip())]
        return [indent + row for row in table_markdown(roles).split("\n")]

    def replace(match):
        role = roles.get(match.group(1))
        if role is None:
            return match.group(0)
        return f'<span class="role" title="{html.escape(tooltip(role))}">{html.escape(role.name)}</span>'

    out, last = [], 0
    for span in INLINE_CODE.finditer(line):
        out.append(ROLE_REF.sub(replace, line[last:span.start()]))
        out.append(span.group(0))
        last = span.end()
    out.append(ROLE_REF.sub(replace, line[last:]))
    return ["".join(out)]


class RolesPreprocessor(Preprocessor):
    def __init__(self, md, roles):
        super().__init__(md)
        self.roles = roles

    def run(self, lines):
        fence, result = None, []
        for line in lines:
            in_code, fence = step_fence(line, fence)
            result.extend(render_line(line, self.roles) if "[[" in line and not in_code else [line])
        return result


class RolesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"file": ["snippets/roles.yml", "YAML file of roles"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        roles, _ = load_roles(Path(self.getConfig("file")))  # file problems: `handbook check`
        md.preprocessors.register(RolesPreprocessor(md, roles), "handbook_roles", 30)


def makeExtension(**kwargs):
    return RolesExtension(**kwargs)
