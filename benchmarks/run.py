"""Benchmark: sphinx_blogposts against plain Sphinx + MyST (and ABlog when installed).

    python benchmarks/run.py                 # N = 200 and 1,000, -j 1 and -j 2
    python benchmarks/run.py --sizes 10000   # the large corpus too (slow)
    python benchmarks/run.py --liquid        # every post also carries Liquid

For each corpus size the same synthetic posts (see ``corpus.py``) are built
as plain Sphinx + MyST (the floor), with sphinx_blogposts (collections,
archives, feeds, redirects on) and with ABlog if it is importable.  It times
a fresh full build and a rebuild after editing one post's body, with -j 1 and
-j 2, taking the median of ``--runs`` runs, and reports peak memory and how
many documents were read and written.  Ratios are against plain Sphinx in the
same run; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_variant  # noqa: E402


def build(src: Path, out: Path, jobs: int, fresh: bool) -> dict:
    cmd = [sys.executable, str(HERE / "build_once.py"), str(src), str(out), "-j", str(jobs)]
    if fresh:
        cmd.append("-E")
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(variant: str, size: int, jobs: int, runs: int, workdir: Path, liquid: bool = False) -> dict:
    src = workdir / f"{variant}-{size}{'-liquid' if liquid else ''}"
    if not src.exists():
        write_variant(src, size, variant, liquid)
    fulls, incrementals = [], []
    for run in range(runs):
        out = workdir / f"out-{variant}-{size}-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        fulls.append(build(src, out, jobs, fresh=True))
        # one writer's edit: a sentence added to one post's body
        post = next((src / "_posts").glob("*.md"))
        post.write_text(post.read_text(encoding="utf-8") + f"\nOne more sentence ({run}).\n", encoding="utf-8")
        incrementals.append(build(src, out, jobs, fresh=False))
    pick = lambda rs, key: statistics.median(r[key] for r in rs)  # noqa: E731
    return {
        "variant": variant,
        "size": size,
        "jobs": jobs,
        "full": pick(fulls, "seconds"),
        "incremental": pick(incrementals, "seconds"),
        "peak_mb": max(r["peak_mb"] for r in fulls),
        "read": fulls[0]["read"],
        "written": fulls[0]["written"],
        "inc_read": incrementals[-1]["read"],
        "inc_written": incrementals[-1]["written"],
    }


def table(results: list[dict]) -> str:
    plain = {(r["size"], r["jobs"]): r for r in results if r["variant"] == "plain"}
    lines = [
        "| posts | builder | -j | full (s) | × plain | one-post rebuild (s) | × plain | peak MB | read / written (full) | read / written (rebuild) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        base = plain.get((r["size"], r["jobs"]))
        ratio_full = f"{r['full'] / base['full']:.2f}" if base else "–"
        ratio_inc = f"{r['incremental'] / base['incremental']:.2f}" if base else "–"
        lines.append(
            f"| {r['size']:,} | {r['variant']} | {r['jobs']} | {r['full']:.2f} | {ratio_full} | "
            f"{r['incremental']:.2f} | {ratio_inc} | {r['peak_mb']:.0f} | {r['read']} / {r['written']} | "
            f"{r['inc_read']} / {r['inc_written']} |"
        )
    return "\n".join(lines)


def machine() -> str:
    import os

    import sphinx

    import myst_parser

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Sphinx {sphinx.__version__}, myst-parser {myst_parser.__version__}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--liquid", action="store_true", help="every post also carries Liquid (see corpus.LIQUID)")
    args = parser.parse_args()
    variants = ["plain", "blogposts"] + (["ablog"] if importlib.util.find_spec("ablog") else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="blogposts-bench-") as tmp:
        for size in args.sizes:
            for jobs in args.jobs:
                for variant in variants:
                    result = measure(variant, size, jobs, args.runs, Path(tmp), args.liquid)
                    results.append(result)
                    print(json.dumps(result), file=sys.stderr, flush=True)
    corpus = "posts with Liquid" if args.liquid else "posts"
    text = f"Machine: {machine()}; {corpus}; median of {args.runs} runs.\n\n{table(results)}\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
