"""Validating the handbook's setup: mkdocs.yml, snippets/org.yml and the handbook settings.

Every mistake a trainer or an adopting organisation can make in these files
becomes a `Problem` with the file, the line, what is wrong and how to fix it,
in Chinese, and all of them are collected in one run (never a traceback).
`handbook check`, the MkDocs hook and `handbook zensical` all read the setup
through `handbook.settings.load_settings`, which calls this module.

YAML is parsed once into a node tree, so every value keeps its line; the data
are built from the same nodes.  MkDocs' own config validation runs as well
(when MkDocs is installed) for everything this module does not know about.
"""
from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem
from .schema import closest
from .source import _YAML_PROBLEMS

DEFAULT_ORG_FILE = "snippets/org.yml"
# Settings under `extra.handbook` in mkdocs.yml: name -> (default, example for the fix).
HANDBOOK_SETTINGS = {"review_every_days": (180, 180), "due_soon_days": (30, 30)}
# A key followed by a full-width colon and no half-width one: 公司名称：华炫科技
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:：#\"'][^:：#]*?)\s*：")


class _TagTolerantLoader(yaml.SafeLoader):
    """mkdocs.yml carries !!python/name, !relative and !ENV tags meant for MkDocs:
    composing ignores them, and constructing reads them as plain values."""


_TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class YamlFile:
    """A YAML file read for validation: its data, its node tree, its problems."""
    path: Path
    shown: str                     # the path as named in messages (relative to the project)
    data: object = None
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, line: int, code: str, **details) -> None:
        self.problems.append(Problem(self.shown, line, code, {"file": self.shown, **details}))

    def line_of(self, *keys: str) -> int:
        """1-based line of the value at keys (or of the deepest key found)."""
        node, line = self.node, 1
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                break
        return line


def shown_path(path: Path, project: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(project).resolve()).as_posix()
    except ValueError:
        return str(path)


def read_yaml(path: Path, project: Path) -> YamlFile:
    """Read a YAML file, naming tabs, full-width colons and syntax errors by line."""
    result = YamlFile(Path(path), shown_path(path, project))
    try:
        raw = Path(path).read_bytes()
    except OSError:
        result.problem(0, "config-file-missing", path=result.shown)
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        result.problem(line, "config-encoding", start=line)
        return result
    text = text.replace("\r\n", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        if "\t" in line:
            result.problem(number, "config-tab")
        code_part = line.split(" #")[0]
        match = _FULLWIDTH_KEY.match(code_part)
        if match and ":" not in code_part.split("：")[0]:
            result.problem(number, "config-fullwidth-colon", key=match.group(1).strip())
    if result.problems:
        return result  # YAML would only repeat these less clearly
    loader = _TagTolerantLoader(text)
    try:
        result.node = loader.get_single_node()
        result.data = loader.construct_document(result.node) if result.node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if (error.problem or "").startswith("found unexpected end of stream") and error.context_mark:
            mark = error.context_mark  # where the unclosed quote or bracket opened
        result.problem((mark.line + 1) if mark else 1, "config-syntax", problem=_yaml_problem(error))
    except yaml.YAMLError as error:
        result.problem(1, "config-syntax", problem=str(error) or "无法解析")
    finally:
        loader.dispose()
    return result


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem, context = error.problem or "", error.context or ""
    for english, chinese in _YAML_PROBLEMS.items():
        if problem.startswith(english) or context.startswith(english):
            return chinese
    if problem.startswith("expected <block end>"):
        return "缩进不一致：这一行比上面同一级的行多缩进或少缩进了"
    return problem or "无法解析"


# --- mkdocs.yml -----------------------------------------------------------

def org_file_from(config: dict) -> str:
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "handbook.markdown.org_values" in extension:
            options = extension["handbook.markdown.org_values"]
            if isinstance(options, dict) and isinstance(options.get("file"), str):
                return options["file"]
    return DEFAULT_ORG_FILE


def handbook_settings(config: YamlFile) -> dict[str, int]:
    """`extra.handbook` values, each a positive whole number of days."""
    data = config.data if isinstance(config.data, dict) else {}
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    block = extra.get("handbook")
    values = {name: default for name, (default, _) in HANDBOOK_SETTINGS.items()}
    if block is None:
        return values
    if not isinstance(block, dict):
        config.problem(config.line_of("extra", "handbook"), "setting-not-mapping")
        return values
    for key, value in block.items():
        name = f"extra.handbook.{key}"
        if key not in HANDBOOK_SETTINGS:
            suggestion = closest(str(key), list(HANDBOOK_SETTINGS))
            config.problem(config.line_of("extra", "handbook", key), "setting-unknown", key=name,
                           suggestion=suggestion, known="、".join(HANDBOOK_SETTINGS))
            continue
        number = _positive_int(value)
        if number is None:
            config.problem(config.line_of("extra", "handbook", key), "setting-bad-number", key=name,
                           value="（空）" if value is None else value, example=f"{key}: {HANDBOOK_SETTINGS[key][1]}")
        else:
            values[key] = number
    return values


def _positive_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    return None


def check_nav(config: YamlFile, docs_dir: Path) -> None:
    """Nav slips MkDocs reports only as `Expected nav to be a list, got None` or
    as an English warning: a section with nothing under it (an indentation slip)."""
    data = config.data if isinstance(config.data, dict) else {}
    if "nav" not in data or not isinstance(config.node, yaml.MappingNode):
        return
    nav_node = next((value for key, value in config.node.value if key.value == "nav"), None)
    if nav_node is None:
        return
    if not isinstance(nav_node, yaml.SequenceNode):
        config.problem(nav_node.start_mark.line + 1, "nav-not-list")
        return
    _walk_nav(config, nav_node)


def _walk_nav(config: YamlFile, node: yaml.SequenceNode) -> None:
    for item in node.value:
        # Entries that name no page are reported once, by the page checks
        # (handbook/links.py, rule nav-not-found), which also recognise renamed pages.
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                title = key.value
                if isinstance(value, yaml.SequenceNode):
                    _walk_nav(config, value)
                elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null" \
                        or (isinstance(value, yaml.ScalarNode) and value.value == ""):
                    config.problem(key.start_mark.line + 1, "nav-empty-section", title=title)


def mkdocs_validation(config: YamlFile) -> None:
    """MkDocs' own validation of mkdocs.yml, for every setting not checked above.

    Loads plugins and hooks the way a build does, so it is skipped when the file
    already has problems of its own (their errors would follow from those)."""
    try:
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.utils.yaml import yaml_load
    except ImportError:  # `handbook check` without MkDocs: the other checks still run
        return
    if not config.ok or not isinstance(config.data, dict):
        return
    try:
        with open(config.path, encoding="utf-8-sig") as handle:
            data = yaml_load(handle)
        mkdocs_config = MkDocsConfig(config_file_path=str(config.path))
        mkdocs_config.load_dict(data)
        errors, _warnings = mkdocs_config.validate()
    except Exception as error:  # noqa: BLE001 — any failure is a setup problem to report, not to crash on
        config.problem(1, "config-invalid", key="mkdocs.yml", problem=str(error).splitlines()[0][:200])
        return
    for key, error in errors:
        if key == "nav" and any(p.code.startswith("nav-") for p in config.problems):
            continue  # already named with its line
        config.problem(config.line_of(*str(key).split(".")), "config-invalid", key=key, problem=_mkdocs_problem(str(error)))


def mkdocs_validation_started(config: YamlFile) -> Callable[[], None]:
    """`mkdocs_validation` in a child process while this one goes on; call the result
    to wait for it and add its problems to `config.problems`, as if run here.

    Loading MkDocs, the theme, plugins, hooks and every Markdown extension takes
    a fifth of a second whatever the handbook's size; `handbook check` reads the
    pages meanwhile.  Where the system cannot fork (Windows), or when the child
    sends nothing back, the validation runs here instead.
    """
    if not hasattr(os, "fork") or not config.ok or not isinstance(config.data, dict):
        mkdocs_validation(config)
        return lambda: None
    before = len(config.problems)
    read, write = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # else the child would print the parent's buffered text again
        stream.flush()
    pid = os.fork()
    if pid == 0:  # the child: validate, send the new problems, leave without cleaning up the parent's state
        status = 1
        try:
            os.close(read)
            mkdocs_validation(config)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(config.problems[before:]))
            status = 0
        finally:
            for stream in (sys.stdout, sys.stderr):  # what MkDocs or a plugin printed
                stream.flush()
            os._exit(status)
    os.close(write)
    _read_roles_as_validation_does(config.data)

    def finish() -> None:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            config.problems.extend(pickle.loads(data))
        else:
            mkdocs_validation(config)
    return finish


def _read_roles_as_validation_does(data: dict) -> None:
    """MkDocs' validation builds the roles extension, which reads its `file` as given
    (from the working directory) into the file memo; the check then finds that reading
    and its problems name the file the same way (snippets/roles.yml, not a full path).
    With the validation in another process, read the file here as the extension does."""
    from .roles import load_roles

    extensions = data.get("markdown_extensions")
    items = extensions.items() if isinstance(extensions, dict) else [
        next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None)
        for item in (extensions if isinstance(extensions, list) else [])]
    for name, options in items:
        if name == "handbook.markdown.roles":
            file = options.get("file", "snippets/roles.yml") if isinstance(options, dict) else "snippets/roles.yml"
            if isinstance(file, str):
                load_roles(Path(file))


# MkDocs' commonest validation messages, in the trainers' language (others are shown as MkDocs words them).
_MKDOCS_PROBLEMS = [
    (re.compile(r"Expected type: <class 'bool'>"), "应当是 true 或 false"),
    (re.compile(r"Expected type: <class 'str'>"), "应当是一段文字"),
    (re.compile(r"Expected type: <class 'int'>"), "应当是整数"),
    (re.compile(r"Expected type: <class 'list'>|Expected a list"), "应当是列表（每项一行，以「- 」开头）"),
    (re.compile(r"Expected type: <class 'dict'>"), "应当是一组「名称: 值」"),
    (re.compile(r"The path '.*' isn't an existing directory"), "这个目录不存在"),
    (re.compile(r"Unrecognised theme name"), "没有这个主题"),
    (re.compile(r"The \"(.+)\" plugin is not installed"), "没有安装这个插件"),
]


def _mkdocs_problem(message: str) -> str:
    for pattern, chinese in _MKDOCS_PROBLEMS:
        if pattern.search(message):
            return f"{chinese}（MkDocs：{message}）"
    return message


# --- snippets/org.yml ---------------------------------------------------------

def org_values(org: YamlFile) -> dict[str, str]:
    """Flat `name: value` pairs; every other shape is a problem with its line."""
    if not org.ok:
        return {}
    if org.data is None:
        return {}
    if not isinstance(org.data, dict) or not isinstance(org.node, yaml.MappingNode):
        org.problem(1, "org-not-mapping", actual=_kind_of(org.data))
        return {}
    values: dict[str, str] = {}
    for key_node, value_node in org.node.value:
        name, line = str(key_node.value), key_node.start_mark.line + 1
        value = org.data.get(key_node.value) if isinstance(key_node.value, str) else None
        if isinstance(value_node, yaml.ScalarNode) and value is None:
            org.problem(line, "org-empty-value", name=name)
        elif isinstance(value, (dict, list)):
            org.problem(line, "org-bad-value", name=name, actual=_kind_of(value))
        elif isinstance(value, str) and not value.strip():
            org.problem(line, "org-empty-value", name=name)
        else:
            values[name] = str(value)
    return values


def _kind_of(value) -> str:
    if isinstance(value, list):
        return "一个列表（行首有「- 」）"
    if isinstance(value, dict):
        return "一组「名称: 值」（下一行多缩进了）"
    if isinstance(value, str):
        return f"一段文字「{value[:20]}」（是不是冒号写成了全角「：」或漏了冒号？）"
    return f"「{value}」"
