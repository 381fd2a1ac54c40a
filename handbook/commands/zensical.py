"""`handbook zensical`: the same checks and generated content, built with Zensical.

Zensical reads mkdocs.yml but runs no MkDocs hooks, so this command does what
hooks/handbook_build.py does around a MkDocs build: stop on any setup or content
problem, write the registry's pages and assets into docs/ (git-ignored; the
MkDocs hook replaces such copies with its own in memory), build, then write the
registry's "site" files (the search query data) into the built site.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .. import generated
from ..checks import check_docs
from ..cli import arg, command, print_setup_problems

ISSUES = re.compile(r"^(\d+) issues? found", re.MULTILINE)


def zensical_executable() -> str | None:
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.exists() else shutil.which("zensical")


@command("zensical", "用 Zensical 构建网站到 site/：先做全部检查，有问题就停下",
         arg("--serve", action="store_true", help="构建后启动 Zensical 的本地预览（不生成搜索数据，用 Zensical 自带的搜索）"),
         arg("--dev-addr", default="127.0.0.1:8000", help="预览地址（默认 127.0.0.1:8000）"))
def zensical(args, settings) -> int:
    executable = zensical_executable()
    if executable is None:
        print("没有安装 Zensical。改法：运行 make setup（按 requirements.txt 安装锁定的版本）。", file=sys.stderr)
        return 2
    if print_setup_problems(settings):
        print("设置有问题，没有构建。请按「改法」修改后再运行。")
        return 1
    settings.builder = "zensical"
    report = check_docs(settings)
    if report.errors:
        for problem in report.errors:
            print(problem.format(prefix=""), end="\n\n")
        files = len({p.path for p in report.errors})
        print(f"内容检查发现 {len(report.errors)} 个问题（{files} 个文件），没有构建。请按「改法」逐条修改。")
        return 1
    generated.write(settings.docs_dir, generated.render(("page", "asset"), report, settings))
    config = Path(args.config).resolve()
    if args.serve:
        return subprocess.call([executable, "serve", "-f", str(config), "-a", args.dev_addr], cwd=config.parent)
    # Strict like the MkDocs build, but read from Zensical's summary line: its own
    # --strict ends in a Python traceback.
    build = subprocess.run([executable, "build", "--clean", "-f", str(config)], cwd=config.parent,
                           check=False, capture_output=True, text=True)
    output = build.stdout + build.stderr
    print(output, end="")
    issues = ISSUES.search(output)
    if build.returncode != 0 or issues:
        count = issues.group(1) if issues else "若干"
        print(f"Zensical 报告了 {count} 个问题（断链、缺少的页面等，见上方 Warning 的文件和行号），网站不能发布。"
              f"改正后再运行 make zensical。")
        return 1
    generated.write(settings.site_dir, generated.render(("site",), report, settings))
    print(f"Zensical 构建完成：{settings.site_dir}")
    return 0
