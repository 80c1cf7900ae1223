"""Screenshots of the example site in several Sphinx themes, for docs/gallery.md.

Builds ``examples/`` once per theme into a temporary folder, serves each build
on loopback, opens the same pages in headless Chromium (Playwright) at a
1200x900 viewport and saves them as JPEG files in ``docs/_static/gallery/``::

    python tools/gallery_screenshots.py [--chromium /usr/bin/chromium] [--quality 70]

Needs the ``test`` extra (Playwright, the themes) and a Chromium executable
(Debian: ``apt-get install chromium``).  Run it again after a change that
alters how the example site looks, and commit the new images.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
OUTPUT = REPO / "docs" / "_static" / "gallery"

#: html_theme value -> file name prefix.
THEMES = {
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata",
    "sphinx_book_theme": "book",
}
#: Page of the built example site -> file name suffix.
PAGES = {
    "_notas/0001_atardeceres.html": "post",
    "notas/index.html": "index",
}
VIEWPORT = {"width": 1200, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Largest file we accept in the repository.
MAX_BYTES = 150_000


def find_chromium(explicit: str | None) -> str:
    candidates = [explicit, os.environ.get("BLOGPOSTS_CHROMIUM")]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("no Chromium found: pass --chromium PATH or install Debian's 'chromium' package")


def build(theme: str, outdir: Path) -> None:
    from sphinx.cmd.build import build_main

    status = build_main(["-q", "-b", "html", "-D", f"html_theme={theme}", str(EXAMPLES), str(outdir)])
    if status:
        sys.exit(f"the example site did not build with {theme}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", help="the Chromium executable")
    parser.add_argument("--quality", type=int, default=70, help="JPEG quality (default 70)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the images go")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium = find_chromium(args.chromium)
    args.output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="blogposts-gallery-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for theme, prefix in THEMES.items():
                outdir = Path(tmp) / theme
                build(theme, outdir)
                with serve(outdir) as base:
                    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
                    page = context.new_page()
                    for path, suffix in PAGES.items():
                        response = page.goto(f"{base}/{path}", wait_until="networkidle")
                        if response is None or response.status != 200:
                            sys.exit(f"{theme}: {path} did not load")
                        target = args.output / f"{prefix}-{suffix}.jpg"
                        page.screenshot(path=str(target), type="jpeg", quality=args.quality)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    total = 0
    for path in written:
        size = path.stat().st_size
        total += size
        flag = "  (too large!)" if size > MAX_BYTES else ""
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {size // 1024} KB{flag}")
    print(f"total: {total // 1024} KB")
    return 1 if any(p.stat().st_size > MAX_BYTES for p in written) else 0


if __name__ == "__main__":
    sys.exit(main())
