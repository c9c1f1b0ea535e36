"""Every performance figure of the project, with the machine it ran on, in one command.

    .venv/bin/python benchmarks/run.py            # the full run (~10 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # a short smoke run; smaller samples and corpora
    .venv/bin/python benchmarks/run.py --parts load,readers

Each part runs as its own process (``sys.executable benchmarks/<part>.py``), so one part's
imports, caches and memory cannot flatter or burden the next:

* ``load``: cold start and peak memory of ``acm.load`` vs ``pandas.read_parquet`` and
  ``palmerpenguins``; warm ``load()`` of every table (benchmarks/load.py);
* ``scanner``: figure-scanner throughput vs ``cn2an.transform`` on a >= 10 MB corpus
  (benchmarks/scanner.py);
* ``build``: the build on synthetic corpora of growing size, and ``--jobs`` speed-up
  (benchmarks/build_scale.py);
* ``readers``: DuckDB and polars reading the installed Parquet files directly
  (benchmarks/readers.py).

Output is Markdown; the summary at the end lists each part's exit status (load and readers:
0 when their targets hold, 1 when one is missed; scanner and build exit 0 when they ran, and
their verdict is the line under their table; anything else: the part failed).
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSTALL = 'pip install -e ".[bench,test]" -c constraints.txt'

# part -> (script, arguments for the full run, arguments for --quick, what it measures)
PARTS = {
    "load": ("load.py", [], ["--quick"], "cold start, memory, warm load()"),
    "scanner": ("scanner.py", ["--mb", "10"], ["--mb", "1", "--rounds", "3", "--repeats", "1", "--cn2an-repeats", "1"],
                "scanner MB/s vs cn2an"),
    "build": ("build_scale.py", [], ["--quick"], "build at scale, --jobs speed-up"),
    "readers": ("readers.py", [], [], "DuckDB and polars on the installed files"),
}
# Modules each part needs beyond the package's own dependencies.
NEEDS = {"load": ["palmerpenguins"], "scanner": ["cn2an"], "build": [], "readers": ["duckdb", "polars"]}
# Parts whose exit status says whether their targets hold (the others exit 0 when they ran).
VERDICT = {"load", "readers"}
VERSIONS = ["ai-consumer-metrics", "pandas", "pyarrow", "numpy", "pandera", "opencc", "cn2an", "duckdb",
            "polars", "palmerpenguins"]


def cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo; elsewhere what platform knows)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "?"


def machine() -> str:
    """One Markdown block naming the machine, the interpreter and the package versions."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in VERSIONS:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = "/".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return "\n".join([
        f"- platform: {platform.platform()}",
        f"- CPU: {cpu_model()}; {os.cpu_count()} logical cores ({usable} usable); memory {memory_gib()}; "
        f"load average at start {load}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {sys.executable}",
        f"- {', '.join(versions)}",
        f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
    ])


def missing_modules(parts: list[str]) -> list[str]:
    return sorted({m for p in parts for m in NEEDS[p] if importlib.util.find_spec(m) is None})


def run_part(name: str, quick: bool) -> tuple[int | None, float]:
    """Run one part with its output streaming through; (exit status or None if absent, seconds)."""
    script, full, short, what = PARTS[name]
    path = HERE / script
    mode = " (--quick: smaller than the issue's figures)" if quick and short else ""
    print(f"\n## {what}: benchmarks/{script}{mode}\n", flush=True)
    if not path.exists():
        print(f"benchmarks/{script} does not exist in this checkout; part skipped.")
        return None, 0.0
    t0 = time.perf_counter()
    rc = subprocess.run([sys.executable, str(path), *(short if quick else full)], cwd=HERE.parent).returncode
    return rc, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a short run: fewer samples, smaller corpora")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help=f"comma-separated parts to run, in order (default: {','.join(PARTS)})")
    args = ap.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    missing = missing_modules(parts)
    if missing:
        print(f"missing benchmark dependencies ({', '.join(missing)}): {INSTALL}", file=sys.stderr)
        return 2

    print("# ai-consumer-metrics: performance\n")
    print(machine(), flush=True)
    results = [(p, *run_part(p, args.quick)) for p in parts]

    print("\n## Summary\n")
    print("| part | exit status | seconds |")
    print("| --- | --- | ---: |")
    meaning = {0: "0 (targets hold)", 1: "1 (a target missed: see its table)", None: "absent"}
    for name, rc, secs in results:
        status = meaning.get(rc, f"{rc} (failed)")
        if rc == 0 and name not in VERDICT:
            status = "0 (ran; its verdict is in its table)"
        print(f"| {name} | {status} | {secs:.0f} |")
    return max((rc or 0) for _, rc, _ in results)


if __name__ == "__main__":
    sys.exit(main())
