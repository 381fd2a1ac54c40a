"""`handbook` command: checks, generated content and builds without MkDocs hooks.

    handbook check    [--config mkdocs.yml] [--format text|json]   every problem, file:line, in Chinese
    handbook fix      [--config mkdocs.yml]   rewrite GBK/BOM/CRLF/tab files as UTF-8, LF; apply safe style rules
    handbook generate [--config mkdocs.yml] [--site]   write generated pages/assets into docs/ (or site files)
    handbook zensical [--config mkdocs.yml] [--serve]  check, generate, build (or preview) with Zensical
    handbook serve    [--config mkdocs.yml]   MkDocs' live preview, setup mistakes named in Chinese
    handbook schema                          print the front matter JSON Schema
    handbook rules                           print the rule catalogue as a Markdown table
    handbook dictionary                      print the jieba user dictionary the MkDocs build uses
    handbook scan-site [SITE_DIR]            raw Markdown left in the built pages, at its source line
    handbook wording FILE...                 agents' text checked against the forbidden lines

Adding a subcommand: a function decorated with `@command(...)`, in this file or
in a new module under handbook/commands/ (every module there is imported, so a
new file needs no change here):

    from handbook.cli import arg, command

    @command("wording", "检查话术用词", arg("--strict", action="store_true"))
    def wording(args, settings) -> int:
        ...

`settings` is the loaded `handbook.settings.Settings` (setup problems already
printed and fatal), or None with `needs_settings=False`.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .rules import RULES


@dataclass
class Command:
    name: str
    help: str
    run: Callable[..., int]
    arguments: list[tuple[tuple, dict]] = field(default_factory=list)
    needs_settings: bool = True
    # The command calls settings.finish_setup_checks before it reads the setup problems,
    # so MkDocs' own validation of mkdocs.yml can run while it does other work.
    validates_meanwhile: bool = False


COMMANDS: dict[str, Command] = {}


def arg(*flags, **options) -> tuple[tuple, dict]:
    """One argparse argument for `command`: the same parameters as `add_argument`."""
    return flags, options


def command(name: str, help: str, *arguments, needs_settings: bool = True, validates_meanwhile: bool = False):
    def register(run):
        COMMANDS[name] = Command(name, help, run, list(arguments), needs_settings, validates_meanwhile)
        return run
    return register


def _discover() -> None:
    from . import commands

    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}")


def parser() -> argparse.ArgumentParser:
    _discover()
    top = argparse.ArgumentParser(prog="handbook", description="客服知识库：内容检查、生成内容和构建")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令")
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        if cmd.needs_settings:
            p.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml 的路径（默认：当前目录的 mkdocs.yml）")
        for flags, options in cmd.arguments:
            p.add_argument(*flags, **options)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Trainers' terminals on Windows may not be UTF-8; never crash on printing Chinese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    cmd = COMMANDS[args.command]
    try:
        if not cmd.needs_settings:
            return cmd.run(args, None)
        config = Path(args.config)
        if not config.is_file():
            print(f"找不到配置文件 {config}。改法：在知识库根目录（mkdocs.yml 所在的目录）运行，"
                  f"或用 --config 指明 mkdocs.yml 的路径。", file=sys.stderr)
            return 2
        return cmd.run(args, _settings(config, cmd.validates_meanwhile))
    except BrokenPipeError:  # output piped into `head` and cut short
        return 0


def _settings(config: Path, in_background: bool):
    from .settings import load_settings

    return load_settings(config, validate_with_mkdocs=True, validation_in_background=in_background)


def print_setup_problems(settings, output_format: str = "text") -> bool:
    """Print setup problems (mkdocs.yml, org.yml); True when there were any."""
    if settings.problems and output_format == "text":
        for problem in settings.problems:
            print(problem.format(prefix=""), end="\n\n")
    return bool(settings.problems)


# --- built-in commands --------------------------------------------------------

@command("check", "列出全部问题（设置和页面），不构建网站",
         arg("--format", choices=["text", "json"], default="text",
             help="text：给人看（默认）；json：给编辑器和 CI 用，每个问题一个对象"),
         arg("--setup-only", action="store_true", help="只检查设置（mkdocs.yml、snippets/org.yml），不检查页面"),
         validates_meanwhile=True)
def check(args, settings) -> int:
    from .checks import check_docs
    from .freshness import maintenance_text
    from .report import problems_json
    from .settings import finish_setup_checks

    if args.setup_only:
        finish_setup_checks(settings)
        if args.format == "json":
            print(problems_json(settings, settings.problems))
        elif print_setup_problems(settings):
            print(f"设置有 {len(settings.problems)} 个问题。请按「改法」修改后再运行。")
        return 1 if settings.problems else 0

    # The pages and outlines of a large handbook are one growing heap that stays alive
    # until the process ends: the cyclic garbage collector would walk it again and
    # again for nothing (a tenth of the check at 2,000 pages).  Reference counting
    # still frees everything dropped on the way.
    gc.disable()
    try:
        report = check_docs(settings) if Path(settings.docs_dir).is_dir() else None  # while MkDocs validates
    finally:
        gc.enable()
    finish_setup_checks(settings)
    if report is None:
        from .problems import Problem
        settings.problems.append(Problem(str(settings.docs_dir), 0, "config-file-missing",
                                         {"path": str(settings.docs_dir), "file": "mkdocs.yml"}))
    content = report.problems if report else []
    if args.format == "json":
        print(problems_json(settings, settings.problems + content))
        return 1 if settings.problems or (report and report.errors) else 0
    print_setup_problems(settings)
    if report is None:
        return 1
    for problem in report.errors:
        print(problem.format(prefix=""), end="\n\n")
    print(maintenance_text(report.pages, settings, report.outlines))
    errors = len(report.errors) + len(settings.problems)
    print(f"\n检查了 {len(report.pages)} 个页面（{settings.docs_dir}）：", end="")
    if errors:
        files = len({p.path for p in report.errors + settings.problems})
        print(f"{errors} 个问题，涉及 {files} 个文件。请按「改法」逐条修改。")
        return 1
    print("没有问题。")
    return 0


@command("fix", "把 GBK、BOM、CRLF、页头 Tab 或全角冒号的文件改写成标准格式，并按 snippets/style.yml 改好可以自动改的用词")
def fix(args, settings) -> int:
    from . import house_rules, style
    from .fixer import run_fix

    status = run_fix(settings.docs_dir)
    house = house_rules.load(settings.snippets_dir)
    for line in style.fix_docs(settings.docs_dir, house.style_rules, house_rules.STYLE_EXEMPT):
        print(line)
    return status


@command("generate", "写出生成的页面和文件（内容维护页等），供不运行 MkDocs 钩子的构建工具使用",
         arg("--site", action="store_true", help="写网站目录里的生成文件（构建之后运行）"),
         arg("--list", action="store_true", help="只列出登记的生成内容"),
         arg("--clean", action="store_true", help="删除写进 docs/ 的生成文件"))
def generate(args, settings) -> int:
    from . import generated
    from .checks import check_docs

    if args.list:
        for entry in generated.entries():
            print(f"{entry.kind:<6} {entry.path:<40} {entry.make.__module__}.{entry.make.__name__}")
        return 0
    if args.clean:
        for path in sorted(generated.source_paths()):
            target = Path(settings.docs_dir) / path
            if target.is_file():
                target.unlink()
                print(f"已删除 {target}")
        return 0
    if print_setup_problems(settings):
        return 1
    report = check_docs(settings)
    if args.site:
        written = generated.write(settings.site_dir, generated.render(("site",), report, settings))
    else:
        written = generated.write(settings.docs_dir, generated.render(("page", "asset"), report, settings))
    for path in written:
        print(f"已生成 {path}")
    return 0


@command("schema", "输出页头（front matter）的 JSON Schema", needs_settings=False)
def schema(args, settings) -> int:
    from .schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


@command("rules", "以 Markdown 表格输出全部检查规则", needs_settings=False)
def rules(args, settings) -> int:
    print(rules_table())
    return 0


@command("dictionary", "输出 MkDocs 构建用的 jieba 分词词典")
def dictionary(args, settings) -> int:
    from . import search_prep
    from .checks import check_docs

    glossary = Path(settings.project_dir) / "snippets" / "glossary.md"
    words = search_prep.dictionary_words(check_docs(settings).pages,
                                         glossary.read_text(encoding="utf-8") if glossary.is_file() else "")
    print(search_prep.user_dictionary_text(words), end="")
    return 0


def rules_table() -> str:
    rows = ["| 代码 | 问题 | 改法 | 构建结果 |", "|---|---|---|---|"]
    for rule in RULES.values():
        message, fix_text = _readable(rule.message), _readable(rule.fix)
        outcome = "失败" if rule.severity == "error" else "只提醒"
        rows.append(f"| `{rule.code}` | {message} | {fix_text} | {outcome} |")
    return "\n".join(rows)


def _readable(template: str) -> str:
    """A message template as a trainer reads it: placeholders become 「…」."""
    class Blank(dict):
        def __missing__(self, key):
            return {"name": "名称", "file": "文件"}.get(key, "…")
    # Escaped so the guide shows link examples as text, not as links the build follows.
    return template.format_map(Blank()).replace("|", "\\|").replace("[", "\\[")


if __name__ == "__main__":
    sys.exit(main())
