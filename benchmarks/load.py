"""Cold start and peak memory of ``ai_consumer_metrics.load()`` beside ``pandas.read_parquet``.

Not a test: run it by hand and read the tables.

    .venv/bin/python benchmarks/load.py [--samples 15] [--table figures] [--quick]

Cold start: every sample is a fresh interpreter (``sys.executable -c ...``) that runs one
contender and reports, from inside the child, the seconds from the first line of its script
(the interpreter is already up) until the DataFrame exists, and its peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``, which includes the interpreter). The parent
also times the whole process around ``subprocess.run`` (fork/exec, interpreter start-up,
exit). Contenders run in rotating order, one sample each per round, after one unrecorded
warm-up round (the page cache then holds every file for all of them):

* ``ai_consumer_metrics.load(TABLE)``: manifest, sha256 of the file, typed columns;
* ``pandas.read_parquet(FILE)`` of the same installed file: the floor for any Parquet-backed
  package (``FILE`` is what ``acm.path(TABLE)`` returns in a child, so it is the file the
  installed package reads, whichever install that is);
* ``palmerpenguins.load_penguins()``: a dataset package users know (a CSV inside the package);
* ``python`` alone: the interpreter's share of both columns.

Ratios are of medians, against ``pandas.read_parquet``; the target is <= 1.10x for time and
memory. Warm: every table loaded again and again in one process, ``acm.load`` beside
``pandas.read_parquet`` of the same file (which neither checks nor types the columns).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 1.10

# The child's clock starts at the first line of its script; what follows is timed.
_CHILD = """\
import time as _time
_t0 = _time.perf_counter()
{body}
_secs = _time.perf_counter() - _t0
import json as _json, resource as _resource, sys as _sys
_rss = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss
_rss = _rss if _sys.platform != "darwin" else _rss // 1024  # macOS reports bytes, Linux KiB
print(_json.dumps({{"secs": _secs, "rss_kib": _rss, "modules": len(_sys.modules),
                   "shape": None if df is None else list(df.shape)}}))
"""

from run import INSTALL  # noqa: E402  (benchmarks/run.py, beside this file: one install line)

BENCH_HINT = "missing benchmark dependency {name!r}: " + INSTALL


def contenders(table: str, file: str) -> dict[str, str]:
    """Label -> the Python statements a child runs; each leaves its result in ``df``."""
    return {
        f'ai_consumer_metrics.load("{table}")': f"import ai_consumer_metrics\ndf = ai_consumer_metrics.load({table!r})",
        "pandas.read_parquet(same file)": f"import pandas\ndf = pandas.read_parquet({file!r})",
        "palmerpenguins.load_penguins()": "import palmerpenguins\ndf = palmerpenguins.load_penguins()",
        "python (interpreter only)": "df = None",
    }


def run_child(body: str, cwd: str) -> tuple[dict | None, float, str]:
    """(the child's report or None, wall seconds around the process, stderr tail)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD.format(body=body)], cwd=cwd,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return None, wall, f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, ""


def installed_file(table: str, cwd: str) -> str:
    """The installed Parquet file of ``table``, as a fresh process resolves it."""
    proc = subprocess.run([sys.executable, "-c", f"import ai_consumer_metrics as a; print(a.path({table!r}))"],
                          cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"cannot import ai_consumer_metrics from {sys.executable}: "
                         'pip install -e ".[bench,test]" -c constraints.txt\n' + proc.stderr.strip()[-500:])
    return proc.stdout.strip()


def cold(table: str, samples: int) -> list[dict]:
    """Per contender: median/min child seconds, wall seconds, peak RSS, shape, failures."""
    with tempfile.TemporaryDirectory() as cwd:  # nothing importable from the working directory
        file = installed_file(table, cwd)
        bodies = contenders(table, file)
        labels = list(bodies)
        runs: dict[str, list] = {label: [] for label in labels}
        failures: dict[str, list[str]] = {label: [] for label in labels}
        for label in labels:  # warm-up round, not recorded
            report, _, err = run_child(bodies[label], cwd)
            if report is None and "ModuleNotFoundError" in err and "palmerpenguins" in err:
                raise SystemExit(BENCH_HINT.format(name="palmerpenguins"))
        for i in range(samples):
            for label in labels[i % len(labels):] + labels[:i % len(labels)]:
                report, wall, err = run_child(bodies[label], cwd)
                if report is None:
                    failures[label].append(err)
                else:
                    runs[label].append((report, wall))
    rows = []
    for label in labels:
        got = runs[label]
        if not got:
            rows.append({"label": label, "n": 0, "failures": failures[label]})
            continue
        secs = [r["secs"] for r, _ in got]
        walls = [w for _, w in got]
        rss = [r["rss_kib"] / 1024 for r, _ in got]
        rows.append({
            "label": label, "n": len(got), "failures": failures[label], "shape": got[-1][0]["shape"],
            "modules": got[-1][0]["modules"],
            "secs_med": statistics.median(secs), "secs_min": min(secs),
            "wall_med": statistics.median(walls), "wall_min": min(walls),
            "rss_med": statistics.median(rss), "rss_min": min(rss), "file": file,
        })
    return rows


def _ratio(x: float | None, ref: float | None) -> str:
    # Below a millisecond (the bare interpreter's "load") a ratio says nothing.
    return "" if not x or not ref or x < 1e-3 else f"{x / ref:.2f}x"


def print_cold(rows: list[dict], table: str) -> dict:
    """Print the cold-start table; return the acm/pandas ratios (median time, wall, memory)."""
    ref = rows[1]
    print(f"### Cold start in a fresh process: `{table}` ({rows[0].get('file', '?')})\n")
    print("| contender | rows x cols | modules | import+load s (median / min) | vs pandas "
          "| whole process s (median / min) | vs pandas | peak RSS MiB (median) | vs pandas | failed runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        if not r["n"]:
            print(f"| {r['label']} | | | | | | | | | {len(r['failures'])} |")
            continue
        shape = "" if r["shape"] is None else f"{r['shape'][0]} x {r['shape'][1]}"
        print(f"| {r['label']} | {shape} | {r['modules']} | {r['secs_med']:.3f} / {r['secs_min']:.3f} | "
              f"{_ratio(r['secs_med'], ref.get('secs_med'))} | {r['wall_med']:.3f} / {r['wall_min']:.3f} | "
              f"{_ratio(r['wall_med'], ref.get('wall_med'))} | {r['rss_med']:.1f} | "
              f"{_ratio(r['rss_med'], ref.get('rss_med'))} | {len(r['failures'])} |")
    for r in rows:
        for err in sorted(set(r["failures"])):
            print(f"\n{r['label']}: {r['failures'].count(err)} run(s) failed: {err}")
    acm = rows[0]
    if not acm["n"] or not ref["n"]:
        print("\nno ratio: a contender never completed")
        return {}
    ratios = {"time": acm["secs_med"] / ref["secs_med"], "wall": acm["wall_med"] / ref["wall_med"],
              "memory": acm["rss_med"] / ref["rss_med"]}
    verdict = ", ".join(f"{k} {v:.2f}x {'ok' if v <= TARGET else 'MISSES'}" for k, v in ratios.items())
    print(f"\nacm.load vs pandas.read_parquet (medians; target <= {TARGET:.2f}x): {verdict}; "
          f"{acm['n']} samples each, rotating order")
    return ratios


def warm(repeats: int) -> list[tuple]:
    """(table, rows, cols, acm median s, acm min s, pandas median s) for every table, in-process."""
    import pandas as pd

    import ai_consumer_metrics as acm

    out = []
    for name in acm.tables()["name"]:
        file = acm.path(name)
        acm.load(name), pd.read_parquet(file)  # first calls import and cache, not timed
        t_acm, t_pd = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            df = acm.load(name)
            t_acm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            pd.read_parquet(file)
            t_pd.append(time.perf_counter() - t0)
        out.append((name, df.shape[0], df.shape[1], statistics.median(t_acm), min(t_acm), statistics.median(t_pd)))
    return out


def print_warm(rows: list[tuple], repeats: int) -> None:
    print(f"\n### Warm: `load()` of every table, in one process ({repeats} calls each)\n")
    print("| table | rows | cols | acm.load ms (median / min) | pandas.read_parquet ms (median) | vs pandas |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, n, c, med, best, pdm in rows:
        print(f"| {name} | {n} | {c} | {med * 1e3:.2f} / {best * 1e3:.2f} | {pdm * 1e3:.2f} | {med / pdm:.2f}x |")
    print("\n(acm.load also parses the manifest, hashes the file and types every column; "
          "pandas.read_parquet does none of that.)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=15, help="fresh processes per contender (default 15)")
    ap.add_argument("--table", default="figures", help="table for the cold start (default figures)")
    ap.add_argument("--repeats", type=int, default=50, help="warm calls per table (default 50)")
    ap.add_argument("--quick", action="store_true", help="5 samples, 10 warm calls")
    args = ap.parse_args(argv)
    if args.quick:
        args.samples, args.repeats = min(args.samples, 5), min(args.repeats, 10)
    os.environ.pop("PYTHONPATH", None)  # children import what is installed, like a user's would
    ratios = print_cold(cold(args.table, args.samples), args.table)
    print_warm(warm(args.repeats), args.repeats)
    return 0 if ratios and max(ratios.values()) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
