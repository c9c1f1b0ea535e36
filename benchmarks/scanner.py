"""Throughput of the figure scanner beside ``cn2an.transform`` on a >= 10 MB corpus.

Not a test: run it by hand and read the table.

    .venv/bin/python benchmarks/scanner.py [--mb 10]

The corpus repeats the archived source texts (``data/sources/*.txt``; the seed
files if the archive is absent) until it reaches the requested size. Both tools
see the same text. cn2an is timed two ways, one call per line (how it is meant to
be used) and one call per 20,000-character chunk (fewer calls, its best case);
the ratio column compares against the faster of the two. ``scan`` includes the text
layer (OpenCC conversion, glosses, full-width); the "scanner only" row runs on the
already-normalised text to show where the time goes.

"Quantities found": for ``scan``, mentions of kind quantity or range; for cn2an,
which has no notion of a figure, the Arabic number runs in its output (every year,
list number and reference mark counts), so its count is an upper bound.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ai_consumer_metrics.figures import _scan_normalized, scan  # noqa: E402
from ai_consumer_metrics.textlayer import normalize  # noqa: E402

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def corpus(min_mb: float) -> str:
    files = sorted((REPO / "data" / "sources").glob("*.txt")) or sorted(Path("/work/shared/seeds").glob("*.txt"))
    if not files:
        sys.exit("no source texts found under data/sources or /work/shared/seeds")
    unit = "\n".join(p.read_text(encoding="utf-8") for p in files) + "\n"
    reps = int(min_mb * 1e6 // len(unit.encode("utf-8"))) + 1
    return unit * reps


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (UTF-8), at least this")
    args = ap.parse_args()

    text = corpus(args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    scan("预热 1.5亿")  # build the OpenCC table and compile patterns outside the timing

    rows = []
    t_scan, ms = timed(lambda: scan(text))
    figures = sum(1 for m in ms if m.is_figure)
    rows.append(("ai_consumer_metrics.figures.scan", t_scan, figures, len(ms)))
    t_norm, layer = timed(lambda: normalize(text))
    rows.append(("  of which: textlayer.normalize", t_norm, None, None))
    t_only, found = timed(lambda: _scan_normalized(layer.normalized))
    rows.append(("  of which: scanner on normalised text", t_only, sum(1 for r in found if r[5] in ("quantity", "range")), len(found)))

    import cn2an

    warnings.simplefilter("ignore")  # cn2an warns on every bare 千/万 it cannot convert
    lines = text.splitlines(keepends=True)
    t_line, out_line = timed(lambda: "".join(cn2an.transform(line, "cn2an") for line in lines))
    rows.append(("cn2an.transform, per line", t_line, len(_NUMBER.findall(out_line)), None))
    chunks = [text[i:i + 20_000] for i in range(0, len(text), 20_000)]
    t_chunk, out_chunk = timed(lambda: "".join(cn2an.transform(c, "cn2an") for c in chunks))
    rows.append(("cn2an.transform, per 20k-char chunk", t_chunk, len(_NUMBER.findall(out_chunk)), None))

    best_cn2an = min(t_line, t_chunk)
    print(f"machine: {platform.platform()}; {os.cpu_count()} CPUs; {platform.processor() or platform.machine()}; "
          f"Python {platform.python_version()}; cn2an {getattr(cn2an, '__version__', '?')}")
    print(f"corpus: {mb:.2f} MB ({len(text):,} characters), archived sources repeated\n")
    print("| tool | MB | seconds | MB/s | quantities found | all mentions | ratio vs best cn2an |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, secs, figs, total in rows:
        print(f"| {name} | {mb:.2f} | {secs:.2f} | {mb / secs:.2f} | {'' if figs is None else f'{figs:,}'} | "
              f"{'' if total is None else f'{total:,}'} | {best_cn2an / secs:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
