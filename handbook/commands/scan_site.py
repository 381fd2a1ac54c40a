"""`handbook scan-site`: the safety net after any build (see handbook/site_scan.py)."""
from __future__ import annotations

from pathlib import Path

from ..cli import arg, command
from ..site_scan import run_scan_site


@command("scan-site", "检查构建好的网站里有没有原样显示的 Markdown 标记，报告源文件和行号",
         arg("site_dir", nargs="?", default="site", help="构建好的网站目录（默认 site）"))
def scan_site(args, settings) -> int:
    return run_scan_site(Path(args.site_dir), settings.docs_dir)
