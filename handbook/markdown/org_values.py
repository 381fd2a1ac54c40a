"""`{{ 公司名称 }}` → the organisation's value from snippets/org.yml.

A Markdown extension, not a MkDocs hook, so the substitution also happens
under any other renderer that loads Python-Markdown extensions (Zensical).
Code spans and fenced code are left alone, so the trainer guide can show the
syntax itself.  Unknown names are left as typed; `handbook check` reports them.
A relative `file` is resolved against the project (the directory of mkdocs.yml):
the MkDocs hook passes it as an absolute path, Zensical tells its root directory.
"""
from __future__ import annotations

from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from ..outline import step_fence, substitute
from ..settings import load_org_values
from .context import resolve

__all__ = ["OrgValuesExtension", "makeExtension", "substitute"]


class OrgValuesPreprocessor(Preprocessor):
    def __init__(self, md, values):
        super().__init__(md)
        self.values = values

    def run(self, lines):
        fence = None
        result = []
        for line in lines:
            in_code, fence = step_fence(line, fence)
            result.append(substitute(line, self.values) if "{{" in line and not in_code else line)
        return result


class OrgValuesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "file": ["snippets/org.yml", "YAML file of name: value pairs"],
            "values": [{}, "Values given inline (override the file)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        path = resolve(md, self.getConfig("file"))
        values = dict(load_org_values(path)) if Path(path).is_file() else {}
        values.update(self.getConfig("values") or {})
        # After pymdownx.snippets (32) so included text is substituted too,
        # before fenced code is stashed (25+).
        md.preprocessors.register(OrgValuesPreprocessor(md, values), "handbook_org_values", 31)


def makeExtension(**kwargs):
    return OrgValuesExtension(**kwargs)
