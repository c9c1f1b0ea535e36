"""The build at scale: synthetic corpora of 100, 1,000 and 10,000 articles built end to end.

Not a test: run it by hand and read the tables.

    .venv/bin/python benchmarks/build_scale.py                 # 100, 1,000, 10,000 articles
    .venv/bin/python benchmarks/build_scale.py --quick         # 50 and 200 articles, a minute
    .venv/bin/python benchmarks/build_scale.py --sizes 100,2000 --speedup-at 2000

Each corpus comes from :mod:`synthetic` (generated articles, each archived with its
metadata and sha256 and given a generated extractor, so the whole pipeline runs:
archive checks, text layer, scanner, every declaration, coverage, registries,
periods, analysis tables, pandera schemas, Parquet, manifest, atomic swap). Every
build runs in a fresh Python process (``python -m extract build --root CORPUS --out
TMP``, as a user types it), so imports are in the time and nothing is warm:

* **seconds**: wall time of the whole process, start to exit;
* **per-source s**: of which the per-source work (read + sha256, text layer, scan,
  declarations, coverage), the part ``--jobs`` spreads over processes;
* **peak RSS**: the build process's own peak (``getrusage(RUSAGE_SELF)``); with
  ``--jobs N`` the workers' largest peak is shown beside it.

Flat per-article cost is the target: 10,000 articles within 11x the time and the
memory of 1,000. Timings on a shared machine vary; the load average is printed.
:func:`main` takes an argv list and returns 0, so ``benchmarks/run.py`` can call it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402  (benchmarks/synthetic.py, beside this file)

DEFAULT_SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (50, 200)
TARGET_RATIO = 11.0

# Runs in the fresh build process: the build exactly as `python -m extract build` runs it,
# plus a timer around the per-source phase and the process's own peak memory at exit.
_CHILD = r"""
import contextlib, io, json, resource, sys, time
from extract import jobs
from extract.__main__ import main

real, spent = jobs.run_sources, {}
def timed(*args, **kwargs):
    t = time.perf_counter()
    try:
        return real(*args, **kwargs)
    finally:
        spent["per_source"] = time.perf_counter() - t
jobs.run_sources = timed
summary = io.StringIO()
with contextlib.redirect_stdout(summary):
    code = main(["build", *sys.argv[1:]])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "per_source": spent.get("per_source"), "rss_kb": own,
                  "workers_rss_kb": workers, "summary_tail": summary.getvalue()[-400:]}))
"""


@dataclass
class Run:
    """One build of one corpus."""

    articles: int
    figures: int
    jobs: int
    seconds: float
    per_source: float
    rss_mb: float
    workers_rss_mb: float


def machine() -> str:
    """One line naming the machine the numbers came from."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}; load average {load}")


def build_once(corpus: Path, articles: int, figures: int, jobs: int) -> Run:
    """Build ``corpus`` in a fresh process into a temporary folder; raise if the build fails."""
    with tempfile.TemporaryDirectory(prefix="acm-build-") as tmp:
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CHILD, "--root", str(corpus), "--out", str(Path(tmp) / "data"),
                               "--jobs", str(jobs)], cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - t
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"build of {articles} articles failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    if got["code"] != 0:
        raise RuntimeError(f"build of {articles} articles refused:\n{done.stderr[-3000:]}")
    return Run(articles, figures, jobs, seconds, got["per_source"], got["rss_kb"] / 1024,
               got["workers_rss_kb"] / 1024)


def size_table(runs: list[Run]) -> str:
    """The Markdown table of builds by corpus size, with the per-article costs."""
    base = runs[0]
    lines = ["| articles | figures | seconds | per-source s | ms / article | peak RSS MB | KB / article above smallest |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in runs:
        extra = "" if r is base else f"{(r.rss_mb - base.rss_mb) * 1024 / (r.articles - base.articles):.1f}"
        lines.append(f"| {r.articles:,} | {r.figures:,} | {r.seconds:.1f} | {r.per_source:.1f} | "
                     f"{r.seconds * 1000 / r.articles:.1f} | {r.rss_mb:.0f} | {extra} |")
    return "\n".join(lines)


def ratio_lines(runs: list[Run]) -> list[str]:
    """Time and memory of each size against the one ten times smaller, when both were built."""
    by_size = {r.articles: r for r in runs}
    out = []
    for r in runs:
        small = by_size.get(r.articles // 10)
        if small is None or r.articles % 10:
            continue
        t, m = r.seconds / small.seconds, r.rss_mb / small.rss_mb
        ps = r.per_source / small.per_source if small.per_source else float("nan")
        verdict = "holds" if t <= TARGET_RATIO and m <= TARGET_RATIO else "MISSED"
        out.append(f"{r.articles:,} vs {small.articles:,} articles: time x{t:.2f} (per-source phase x{ps:.2f}), "
                   f"peak memory x{m:.2f}; target within x{TARGET_RATIO:g}: {verdict}")
    return out


def speedup_table(runs: list[Run]) -> str:
    """The Markdown table of one corpus built with 1 and more worker processes."""
    one = runs[0]
    lines = ["| jobs | seconds | speed-up | per-source s | per-source speed-up | peak RSS MB (parent / largest worker) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in runs:
        workers = f"{r.rss_mb:.0f} / {r.workers_rss_mb:.0f}" if r.jobs > 1 else f"{r.rss_mb:.0f} / -"
        lines.append(f"| {r.jobs} | {r.seconds:.1f} | x{one.seconds / r.seconds:.2f} | {r.per_source:.1f} | "
                     f"x{one.per_source / r.per_source:.2f} | {workers} |")
    return "\n".join(lines)


def run(sizes: tuple[int, ...], speedup_at: int | None, jobs: tuple[int, ...] = (1, 2), seed: int = 0,
        log=print) -> str:
    """Generate, build and measure; the report as Markdown (machine line, tables, ratios).

    Example::

        >>> print(run((50, 200), speedup_at=200))  # doctest: +SKIP
    """
    sizes = tuple(sorted(set(sizes)))
    runs, speed = [], []
    with tempfile.TemporaryDirectory(prefix="acm-corpus-") as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"c{n}"
            t = time.perf_counter()
            stats = synthetic.generate(corpus, n, seed=seed)
            log(f"generated {n:,} articles ({stats.figures:,} figures, {stats.bytes / 1e6:.1f} MB) "
                f"in {time.perf_counter() - t:.0f} s; building ...")
            runs.append(build_once(corpus, n, stats.figures, jobs=1))
            if n == speedup_at:
                speed.append(runs[-1])
                for j in jobs:
                    if j != 1:
                        speed.append(build_once(corpus, n, stats.figures, jobs=j))
            shutil.rmtree(corpus, ignore_errors=True)
    parts = [machine(), "", f"Build at scale (synthetic corpora, seed {seed}, --jobs 1):", "", size_table(runs), ""]
    parts += ratio_lines(runs) or ["(no pair of sizes ten times apart: no ratio)"]
    if speed:
        parts += ["", f"--jobs at {speedup_at:,} articles:", "", speedup_table(speed)]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Command line; returns 0 (a failed build raises with its errors)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated article counts (default 100,1000,10000)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--speedup-at", type=int, default=None,
                        help="corpus size for the --jobs comparison (default 1000, or the largest size below it)")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if args.sizes:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(","))
    at = args.speedup_at or max([n for n in sizes if n <= 1_000] or [min(sizes)])
    jobs = tuple(int(j) for j in args.jobs.split(","))
    if at not in sizes:
        sizes = (*sizes, at)
    print(run(tuple(sizes), at, jobs=jobs, seed=args.seed, log=lambda m: print(m, file=sys.stderr)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
