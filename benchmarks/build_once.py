"""Run one sphinx-build in this process and print what it cost, as JSON.

Used by ``run.py`` as a subprocess, so each build's peak memory is its own:
``python benchmarks/build_once.py SRC OUT [-j N] [-E]``.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from sphinx.application import Sphinx

    src, out = argv[0], argv[1]
    jobs = int(argv[argv.index("-j") + 1]) if "-j" in argv else 1
    fresh = "-E" in argv
    counts = {"read": 0, "written": 0}
    start, started_ns = time.perf_counter(), time.time_ns()
    app = Sphinx(src, src, out, f"{out}/.doctrees", "html", status=io.StringIO(), warning=io.StringIO(),
                 freshenv=fresh, parallel=jobs)  # fmt: skip
    app.connect("env-before-read-docs", lambda app, env, docnames: counts.__setitem__("read", len(docnames)))
    app.connect("doctree-resolved", lambda app, doctree, docname: counts.__setitem__("written", counts["written"] + 1))
    app.build()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the build and its parallel workers: steadier than wall time on a busy machine
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    # HTML files this build wrote (documents, list pages, redirect pages...), by their time
    files = sum(1 for p in Path(out).rglob("*.html") if ".doctrees" not in p.parts and p.stat().st_mtime_ns >= started_ns)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_kb / 1024, **counts, "files": files,
                      "status": app.statuscode}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
