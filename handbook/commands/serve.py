"""`handbook serve`: MkDocs' live preview, with the setup watched in Chinese.

Page and org-file problems reach the preview through the MkDocs hook.  A broken
mkdocs.yml cannot: MkDocs fails to reload it, prints an English traceback and
holds page requests until a rebuild succeeds.  So this command runs `mkdocs serve` and, each
time mkdocs.yml or the org file changes, prints the setup problems with file,
line and fix (and says when they are gone); the preview resumes once the file is right.
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from ..cli import arg, command, print_setup_problems
from ..settings import load_settings

POLL_SECONDS = 1.0


def _stamp(paths: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else None) for p in paths)


def watch_setup(config: Path, stop: threading.Event, out=sys.stdout) -> None:
    settings = load_settings(config)
    paths = [config, Path(settings.org_file)]
    seen, broken = _stamp(paths), bool(settings.problems)
    while not stop.wait(POLL_SECONDS):
        now = _stamp(paths)
        if now == seen:
            continue
        seen = now
        settings = load_settings(config)
        paths = [config, Path(settings.org_file)]
        if settings.problems:
            print("\n设置文件有问题（改好之前预览页面打不开或不刷新）：\n", file=out)
            for problem in settings.problems:
                print(problem.format(prefix="  "), end="\n\n", file=out)
            broken = True
        elif broken:
            print("\n设置文件的问题已经改好。\n", file=out)
            broken = False
        out.flush()


@command("serve", "本地预览（MkDocs）：保存后自动刷新；设置文件写错时用中文指出文件、行号和改法",
         arg("--dev-addr", default="127.0.0.1:8000", help="预览地址（默认 127.0.0.1:8000）"))
def serve(args, settings) -> int:
    if print_setup_problems(settings):
        print("设置有问题，没有启动预览。请按「改法」修改后再运行。")
        return 1
    config = Path(args.config).resolve()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    stop = threading.Event()
    watcher = threading.Thread(target=watch_setup, args=(config, stop), daemon=True)
    watcher.start()
    # --dirty: a save rebuilds only the pages that changed (the hook keeps the search
    # index complete and caches checks and templates); the navigation of other pages
    # catches up on the next start.
    server = subprocess.Popen([str(mkdocs), "serve", "--dirty", "-f", str(config), "--dev-addr", args.dev_addr],
                              cwd=config.parent)
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches mkdocs too; let it finish
        return server.wait()
    finally:
        stop.set()
