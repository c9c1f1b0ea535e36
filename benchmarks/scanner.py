"""Throughput of the figure scanner beside ``cn2an.transform`` on a >= 10 MB corpus.

Not a test: run it by hand and read the table.

    .venv/bin/python benchmarks/scanner.py [--mb 10] [--rounds 5] [--repeats 3] [--cn2an-repeats 1]

The corpus is the archived source texts (``data/sources/*.txt``; the seed files if
the archive is absent), whole articles, repeated until it reaches the requested
size: four simplified-script articles and one traditional-script article full of
pinyin glosses, which exercises every path of the text layer. Both tools see
exactly the same text, read two ways:

* **documents**: one call per article, as a user scans a file or a web page;
* **one string**: the whole corpus in a single call.

Every timing is the CPU time of this process (``time.process_time``): both tools are
single-threaded, and on a shared machine wall time also counts the other jobs' turns on
the CPU. CPU time still drifts with the neighbours (a run can take half as long again as
the next), so the two targets are measured in **paired rounds**: each round runs ``scan``
and then ``cn2an.transform`` once each on the same reading, back to back, and takes their
ratio; the verdict is the median of the ``--rounds`` ratios, with their range. A slow
window then slows both tools of a round instead of one (measuring the scanner's best of
several runs against a single cn2an run, as an earlier version did, let the verdict move
with whichever tool happened to land in a quiet moment). The table's seconds for these
rows are the medians of the rounds. Nothing is cached between calls or rounds beyond the
pure readings the scanner memoises (the same as any long-running process): each call
normalises and scans its text from scratch. cn2an is also timed one call per line (how
it is meant to be used; ``--cn2an-repeats`` runs, the best); the last column is against
the *fastest* cn2an reading, the scanner's worst case. ``scan`` includes the text layer
(OpenCC conversion, glosses, full-width); the "of which" rows split the one-string time
into the parts ``scan`` runs, each timed on its own in ``--repeats`` rounds (one whole
scan, then each part back to back; the rows are medians over the rounds): the text layer,
the scanner on already-normalised text and, of the latter, the part spent inside the
regular-expression engine alone (the master pattern's ``finditer`` over the normalised
text, no Python per match), what is left being Python interpreting the matches (its own
row, the difference within each round), and mapping offsets back with building the
``Mention`` objects. The per-call cost is a difference (documents minus one string, best
of ``--repeats``); a line after the table gives the fixed cost of one call on a
one-sentence text. The last lines print both ratios against their targets (documents
>= 10x, one string >= 15x) and the share of each part (of the parts' sum, per round),
with the ratio the regular-expression engine and the text layer alone would allow.

"Quantities found": for ``scan``, mentions of kind quantity or range; for cn2an,
which has no notion of a figure, the Arabic number runs in its output (every year,
list number and reference mark counts), so its count is an upper bound.

"Figures read correctly" answers *finding more of the figures* against the
dataset's declared figures (``ai_consumer_metrics.load("figures")``, each checked
by hand against its source): ``scan`` of the source text counts when a mention
spans exactly ``value_start..value_end`` and carries the declared value (both ends
for a range); cn2an counts when ``cn2an.transform(value_text)`` contains the
declared number, read generously: a percent as its number, ``a/b`` as a percent,
a number followed by 万/亿/萬/億 (or 万亿) scaled to base units, or the bare number.
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
from statistics import median

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import cpu_model  # noqa: E402  (one definition of the machine line for every benchmark)
sys.path.insert(0, str(REPO))

from extract.scanner import _MASTER, _mentions_of, _scan_normalized, _wide_commas_of, scan  # noqa: E402
from extract.textlayer import normalize  # noqa: E402

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A number in cn2an's output with what may follow it: a fraction's denominator, a scale.
_CN2AN_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:/(\d+(?:\.\d+)?)|\s?(万亿|萬億|[万亿萬億]))?")
_SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "萬億": 1e12}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def cn2an_readings(out: str) -> list[float]:
    """Every value a reader could take from one cn2an output: bare, scaled, or a fraction as a percent.

    Example::

        >>> cn2an_readings("超过1.5亿人, 2/3")
        [1.5, 150000000.0, 2.0, 66.66666666666667]
    """
    values = []
    for m in _CN2AN_NUMBER.finditer(out):
        x = float(m[1].replace(",", ""))
        if m[2]:
            values += [x, 100.0 * x / float(m[2])] if float(m[2]) else [x]
        elif m[3]:
            values += [x, x * _SCALES[m[3]]]
        else:
            values.append(x)
    return values


def figure_recall(cn2an) -> tuple[int, int, int]:
    """(declared figures, read correctly by ``scan``, read correctly by cn2an); see the module docstring."""
    import math

    import ai_consumer_metrics

    figs = ai_consumer_metrics.load("figures")
    texts = {}
    n = ok_scan = ok_cn2an = 0
    for f in figs.itertuples(index=False):
        if f.source_id not in texts:
            text = (REPO / "data" / "sources" / f"{f.source_id}.txt").read_text(encoding="utf-8")
            texts[f.source_id] = {(m.start, m.end): m.value for m in scan(text)}
        n += 1
        want = [float(f.value)]
        if f.value_high is not None and not (isinstance(f.value_high, float) and math.isnan(f.value_high)):
            want.append(float(f.value_high))
        got = texts[f.source_id].get((int(f.value_start), int(f.value_end)))
        got = list(got) if isinstance(got, tuple) else [got]
        if None not in got and len(got) == len(want) and all(map(_close, got, want)):
            ok_scan += 1
        readings = cn2an_readings(cn2an.transform(f.value_text, "cn2an"))
        if all(any(_close(r, w) for r in readings) for w in want):
            ok_cn2an += 1
    return n, ok_scan, ok_cn2an


def documents(min_mb: float) -> list[str]:
    """The archived articles, whole, repeated in order until they total ``min_mb`` MB of UTF-8."""
    files = sorted((REPO / "data" / "sources").glob("*.txt")) or sorted(Path("/work/shared/seeds").glob("*.txt"))
    if not files:
        sys.exit("no source texts found under data/sources or /work/shared/seeds")
    articles = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(a.encode("utf-8")) + 1 for a in articles)
    reps = int(min_mb * 1e6 // size) + 1
    return articles * reps


def best_of(n: int, fn):
    """(fastest seconds, result of the last run) over ``n`` runs of ``fn``."""
    best = float("inf")
    result = None
    for _ in range(n):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def paired_rounds(n: int, readings: dict, scanner, other) -> dict:
    """Per reading, the seconds of ``scanner`` and ``other`` in each of ``n`` back-to-back rounds.

    Each round times both tools once on every reading (the scanner first); a reading's
    ratio is then ``other / scanner`` within one round, so a slow window on a shared
    machine slows both sides of it.

        >>> r = paired_rounds(2, {"x": ["a"]}, lambda p: None, lambda p: None)
        >>> sorted(r["x"]), len(r["x"]["scan"]), len(r["x"]["other"])
        (['other', 'scan', 'scan_result'], 2, 2)
    """
    out = {k: {"scan": [], "other": [], "scan_result": None} for k in readings}
    for _ in range(n):
        for k, pieces in readings.items():
            t0 = time.process_time()
            res = [scanner(p) for p in pieces]
            out[k]["scan"].append(time.process_time() - t0)
            out[k]["scan_result"] = res
            t0 = time.process_time()
            for p in pieces:
                other(p)
            out[k]["other"].append(time.process_time() - t0)
    return out


_PARTS = ("text layer", "scanner", "regex", "mapping")


def breakdown_rounds(n: int, text: str) -> dict[str, list[float]]:
    """Per round, the seconds of each part of one ``scan(text)``, timed back to back.

    The parts are the ones ``scan`` runs, in its order: the text layer, the scanner on the
    normalised text (of which the master regex's ``finditer`` alone, no Python per match),
    and mapping offsets back with building the ``Mention`` objects. Each is timed on its
    own, so a share is a measurement, not the difference of two noisy totals.

        >>> r = breakdown_rounds(2, "营收约1.5亿元，增长３４％。")
        >>> list(r) == list(_PARTS), all(len(v) == 2 for v in r.values())
        (True, True)
    """
    out: dict[str, list[float]] = {k: [] for k in _PARTS}
    clock = time.process_time
    for _ in range(n):
        t1 = clock()
        layer = normalize(text)
        # (the text layer's part, as in scan: full-width commas between digits, for a list of prices)
        wide = _wide_commas_of(text, layer)
        t3 = clock()
        found = _scan_normalized(layer.normalized, wide)
        t4 = clock()
        sum(1 for _ in _MASTER.finditer(layer.normalized))
        t5 = clock()
        _mentions_of(text, layer, found)
        t6 = clock()
        for k, v in zip(_PARTS, (t3 - t1, t4 - t3, t5 - t4, t6 - t5)):
            out[k].append(v)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (UTF-8), at least this")
    ap.add_argument("--rounds", type=int, default=5,
                    help="paired rounds (scan, then cn2an, on each reading) for the two targets; the median ratio is the verdict")
    ap.add_argument("--repeats", type=int, default=5, help="runs per breakdown timing; the best is reported")
    ap.add_argument("--cn2an-repeats", type=int, default=1, help="runs of cn2an one call per line; the best is reported")
    args = ap.parse_args()

    docs = documents(args.mb)
    text = "\n".join(docs) + "\n"
    mb = len(text.encode("utf-8")) / 1e6
    import cn2an

    warnings.simplefilter("ignore")  # cn2an warns on every bare 千/万 it cannot convert
    # One-time set-up outside the timing, as for any library: the OpenCC table, the compiled
    # patterns, the text layer's lookup array (built, with numpy's import, on the first text
    # of 512+ characters), cn2an's own tables; then one untimed pass of each reading by each
    # tool, as in a process that has run before. The warm-up text is not part of the corpus.
    scan("預熱：營收約1.5億元，增長３４％。" * 40)
    readings = {"documents": docs, "one string": [text]}
    paired_rounds(1, readings, scan, lambda p: cn2an.transform(p, "cn2an"))
    rounds = paired_rounds(args.rounds, readings, scan, lambda p: cn2an.transform(p, "cn2an"))
    med = {k: (median(r["scan"]), median(r["other"])) for k, r in rounds.items()}
    ratios = {k: sorted(o / s_ for s_, o in zip(r["scan"], r["other"])) for k, r in rounds.items()}
    ms_docs = [m for ms in rounds["documents"]["scan_result"] for m in ms]
    ms_one = rounds["one string"]["scan_result"][0]
    t_docs, t_one = med["documents"][0], med["one string"][0]

    rows = []  # (tool, reading, seconds, quantities, all mentions)
    rows.append(("figures.scan", "documents", t_docs, sum(m.is_figure for m in ms_docs), len(ms_docs)))
    rows.append(("figures.scan", "one string", t_one, sum(m.is_figure for m in ms_one), len(ms_one)))
    # The breakdown: --repeats rounds, each timing one whole scan and then each of its parts
    # back to back (breakdown_rounds); the rows are medians over the rounds, and "Python
    # reading the matches" is, in each round, the scanner on normalised text minus the regex.
    t_one_best, _ = best_of(args.repeats, lambda: scan(text))
    t_docs_best, _ = best_of(args.repeats, lambda: [scan(d) for d in docs])
    parts = breakdown_rounds(args.repeats, text)
    part = {k: median(v) for k, v in parts.items()}
    python_part = median(max(sc - rx, 1e-9) for sc, rx in zip(parts["scanner"], parts["regex"]))
    found = _scan_normalized(normalize(text).normalized)
    rows.append(("  of which: textlayer.normalize", "one string", part["text layer"], None, None))
    rows.append(("  of which: scanner on normalised text", "one string", part["scanner"],
                 sum(1 for r in found if r[5] in ("quantity", "range")), len(found)))
    rows.append(("    of which: the master regex alone (C engine)", "one string", part["regex"], None, None))
    rows.append(("    of which: Python reading the matches (the rest)", "one string", python_part, None, None))
    rows.append(("  of which: offsets mapped back, Mention objects built", "one string", part["mapping"], None, None))
    rows.append(("  per-call cost: documents minus one string", "documents", max(t_docs_best - t_one_best, 1e-9),
                 None, None))
    # The fixed cost of one call, on a sentence with one figure: what a call costs before its text does.
    sentence = "营收约1.5亿元。"
    n_calls = 2000
    t_call, _ = best_of(args.repeats, lambda: [scan(sentence) for _ in range(n_calls)])
    t_call /= n_calls

    lines = text.splitlines(keepends=True)
    cn2an_rows = []
    for reading, pieces in readings.items():
        out = [cn2an.transform(x, "cn2an") for x in pieces]
        cn2an_rows.append(("cn2an.transform", reading, med[reading][1], sum(len(_NUMBER.findall(o)) for o in out), None))
    secs, out = best_of(args.cn2an_repeats, lambda: [cn2an.transform(x, "cn2an") for x in lines])
    cn2an_rows.append(("cn2an.transform", "per line", secs, sum(len(_NUMBER.findall(o)) for o in out), None))
    rows += cn2an_rows
    best_cn2an = min(r[2] for r in cn2an_rows)

    print(f"machine: {platform.platform()}; {os.cpu_count()} CPUs; {cpu_model()}; "
          f"Python {platform.python_version()}; cn2an {getattr(cn2an, '__version__', '?')}")
    print(f"corpus: {mb:.2f} MB ({len(text):,} characters): {len(docs):,} archived articles, whole, repeated; "
          f"documents and one string: medians of {args.rounds} paired rounds; breakdown rows: medians of "
          f"{args.repeats} rounds; cn2an per line: best of {args.cn2an_repeats}\n")
    print("| tool | reading | seconds | MB/s | quantities found | all mentions | speed vs fastest cn2an |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, reading, secs, figs, total in rows:
        print(f"| {name} | {reading} | {secs:.3f} | {mb / secs:.2f} | {'' if figs is None else f'{figs:,}'} | "
              f"{'' if total is None else f'{total:,}'} | {best_cn2an / secs:.1f}x |")
    n_figs, ok_scan, ok_cn2an = figure_recall(cn2an)
    print(f"\nfigures read correctly, of the dataset's {n_figs} declared figures (declared value at the "
          f"declared span): figures.scan {ok_scan}, cn2an.transform {ok_cn2an}")

    def verdict(k: str) -> str:
        r = ratios[k]
        return f"{median(r):.1f}x (rounds {r[0]:.1f}-{r[-1]:.1f}x)"

    print(f"\nscan vs cn2an read the same way, median of {args.rounds} paired rounds: documents "
          f"{verdict('documents')} (target: >= 10x), one string {verdict('one string')} (target: >= 15x)")
    print(f"one call on a one-sentence text ({sentence}): {t_call * 1e6:.0f} µs; times {len(docs):,} documents: "
          f"{t_call * len(docs):.3f} s of the documents' {t_docs_best:.3f} s (best run)")
    one = med["one string"][1]
    # Shares of the parts' sum within each round, then the median over rounds: a slow
    # moment in one round moves that round's parts together, not one share.
    def share(values: list[float]) -> float:
        return median(v / (tl + sc + mp) for v, tl, sc, mp in
                      zip(values, parts["text layer"], parts["scanner"], parts["mapping"]))

    py = [max(sc - rx, 0.0) for sc, rx in zip(parts["scanner"], parts["regex"])]
    bound = median(o / (rx + tl) for o, rx, tl in zip(rounds["one string"]["other"], parts["regex"], parts["text layer"]))
    print(f"where the one-string time goes (medians of {args.repeats} rounds, each part timed on its own): "
          f"text layer {share(parts['text layer']):.0%}, master regex {share(parts['regex']):.0%}, Python reading "
          f"the matches {share(py):.0%}, mapping and Mention objects {share(parts['mapping']):.0%}; the regex and "
          f"the text layer alone bound the one-string ratio at {bound:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
