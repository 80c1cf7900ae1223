"""Benchmark: sphinx_blogposts against plain Sphinx + MyST (and ABlog when installed).

    python benchmarks/run.py                 # N = 200 and 1,000, -j 1 and -j 2
    python benchmarks/run.py --sizes 10000   # the large corpus too (slow)
    python benchmarks/run.py --liquid        # every post also carries Liquid
    python benchmarks/run.py --profile large # a real-shaped 5,000-post Jekyll site, -j 1 and -j 2

For each corpus size the same synthetic posts (see ``corpus.py``) are built
as plain Sphinx + MyST (the floor), with sphinx_blogposts (collections,
archives, feeds, redirects on) and with ABlog if it is importable.  It times
a fresh full build and a rebuild after editing one post's body, with -j 1 and
-j 2, taking the median of ``--runs`` runs, and reports peak memory and how
many documents were read and written.  Ratios are against plain Sphinx in the
same run; nothing here is a pass/fail test.

``--profile large`` builds ``corpus.write_large_site`` instead: a real-shaped
Jekyll site (posts in 17 language folders, a few hundred pages, a menu,
Liquid reading ``_data/``, raw figures), as plain Sphinx + MyST and with
sphinx_blogposts (ABlog does not read a Jekyll site), one run by default.
Every profile also reports a rebuild with no change, the output's size and
number of HTML files, and the CPU time of each build and its parallel
workers, which a busy machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import compileall
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

from corpus import write_large_variant, write_variant  # noqa: E402


def build(src: Path, out: Path, jobs: int, fresh: bool) -> dict:
    cmd = [sys.executable, str(HERE / "build_once.py"), str(src), str(out), "-j", str(jobs)]
    if fresh:
        cmd.append("-E")
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def output_size(out: Path) -> tuple[float, int]:
    """The output's size in MB (doctrees left out) and its number of HTML files."""
    size, pages = 0, 0
    for path in out.rglob("*"):
        if ".doctrees" in path.parts or not path.is_file():
            continue
        size += path.stat().st_size
        pages += path.suffix == ".html"
    return size / 1e6, pages


def edited_post(src: Path, profile: str) -> Path:
    """The post whose body the one-post rebuild edits (the same file for every variant)."""
    folder = src / "_posts" if profile == "synthetic" else src / "en" / "news" / "_posts"
    return sorted(folder.glob("*.md"))[0]


def measure(variant: str, size: int, jobs: int, runs: int, workdir: Path, liquid: bool = False,
            profile: str = "synthetic") -> dict:  # fmt: skip
    name = f"{profile}-{variant}-{size}{'-liquid' if liquid else ''}"
    src = workdir / name
    if not src.exists():
        if profile == "large":
            write_large_variant(src, size, variant)
        else:
            write_variant(src, size, variant, liquid)
    fulls, incrementals, unchanged = [], [], []
    out = workdir / f"out-{name}-{jobs}"
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        fulls.append(build(src, out, jobs, fresh=True))
        # one writer's edit: a sentence added to one post's body
        post = edited_post(src, profile)
        post.write_text(post.read_text(encoding="utf-8") + f"\nOne more sentence ({run}).\n", encoding="utf-8")
        incrementals.append(build(src, out, jobs, fresh=False))
        unchanged.append(build(src, out, jobs, fresh=False))  # nothing changed: nothing to do
    megabytes, html_files = output_size(out)
    pick = lambda rs, key: statistics.median(r[key] for r in rs)  # noqa: E731
    return {
        "profile": profile,
        "variant": variant,
        "size": size,
        "jobs": jobs,
        "full": pick(fulls, "seconds"),
        "full_cpu": pick(fulls, "cpu"),
        "incremental_cpu": pick(incrementals, "cpu"),
        "incremental": pick(incrementals, "seconds"),
        "unchanged": pick(unchanged, "seconds"),
        "peak_mb": max(r["peak_mb"] for r in fulls),
        "read": fulls[0]["read"],
        "written": fulls[0]["written"],
        "inc_read": incrementals[-1]["read"],
        "inc_written": incrementals[-1]["written"],
        "none_read": unchanged[-1]["read"],
        "none_written": unchanged[-1]["written"],
        "inc_files": incrementals[-1].get("files", 0),
        "none_files": unchanged[-1].get("files", 0),
        "output_mb": megabytes,
        "html_files": html_files,
    }


def table(results: list[dict]) -> str:
    plain = {(r["size"], r["jobs"]): r for r in results if r["variant"] == "plain"}
    lines = [
        "| posts | builder | -j | full (s) | × plain | one-post rebuild (s) | × plain | no-change (s) | peak MB "
        "| output MB (× plain) | HTML files | read / written: full | one post (HTML files written) | no change (HTML files) "
        "| CPU full (s, × plain) "
        "| CPU one post (s, × plain) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|",
    ]
    for r in results:
        base = plain.get((r["size"], r["jobs"]))
        ratio = lambda key: f"{r[key] / base[key]:.2f}" if base else "–"  # noqa: E731
        lines.append(
            f"| {r['size']:,} | {r['variant']} | {r['jobs']} | {r['full']:.2f} | {ratio('full')} | "
            f"{r['incremental']:.2f} | {ratio('incremental')} | {r['unchanged']:.2f} | {r['peak_mb']:.0f} | "
            f"{r['output_mb']:.1f} ({ratio('output_mb')}) | {r['html_files']:,} | {r['read']} / {r['written']} | "
            f"{r['inc_read']} / {r['inc_written']} ({r['inc_files']}) | {r['none_read']} / {r['none_written']} ({r['none_files']}) | "
            f"{r['full_cpu']:.1f} ({ratio('full_cpu')}) | {r['incremental_cpu']:.2f} ({ratio('incremental_cpu')}) |"
        )
    return "\n".join(lines)


def speedups(results: list[dict]) -> str:
    """The gain of -j 2 over -j 1 for each builder and size, when both were run."""
    by = {(r["variant"], r["size"], r["jobs"]): r for r in results}
    lines = []
    for (variant, size, jobs), r in by.items():
        one = by.get((variant, size, 1))
        if jobs > 1 and one:
            lines.append(f"- {variant}, {size:,} posts: -j {jobs} speed-up over -j 1: {one['full'] / r['full']:.2f}× "
                         f"(wall time; CPU time {r['full_cpu'] / one['full_cpu']:.2f}× -j 1's)")
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
    parser.add_argument("--profile", choices=["synthetic", "large"], default="synthetic",
                        help="synthetic posts (corpus.write_variant) or a real-shaped Jekyll site (corpus.write_large_site)")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of posts (synthetic: 200 1000; large: 5000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, help="runs of each measure, the median kept (synthetic: 3; large: 1)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--workdir", type=Path, help="build here and keep the sites and outputs (default: a temporary folder)")
    parser.add_argument("--liquid", action="store_true", help="every post also carries Liquid (see corpus.LIQUID)")
    parser.add_argument("--variants", nargs="+", choices=["plain", "blogposts", "ablog"],
                        help="what to build (default: plain, blogposts and, when installed, ablog)")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.profile == "large" else 3)
    sizes = args.sizes or ([5000] if args.profile == "large" else [200, 1000])
    ablog = args.profile == "synthetic" and importlib.util.find_spec("ablog") is not None  # not a Jekyll site reader
    variants = args.variants or ["plain", "blogposts"] + (["ablog"] if ablog else [])
    # every build loads compiled modules, as an installed package does (an editable
    # install under PYTHONDONTWRITEBYTECODE would compile ours in every build)
    import sphinx_blogposts

    compileall.compile_dir(str(Path(sphinx_blogposts.__file__).parent), quiet=1)
    results = []
    with tempfile.TemporaryDirectory(prefix="blogposts-bench-") as tmp:
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            tmp = str(args.workdir)
        for size in sizes:
            for jobs in args.jobs:
                for variant in variants:
                    result = measure(variant, size, jobs, args.runs, Path(tmp), args.liquid, args.profile)
                    results.append(result)
                    print(json.dumps(result), file=sys.stderr, flush=True)
    corpus = "large profile" if args.profile == "large" else "posts with Liquid" if args.liquid else "posts"
    text = f"Machine: {machine()}; {corpus}; median of {args.runs} runs.\n\n{table(results)}\n\n{speedups(results)}\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
