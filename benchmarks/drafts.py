"""How often ``python -m extract new`` drafts entity, metric and period right, left TODO, or wrong.

    .venv/bin/python benchmarks/drafts.py                 # the labelled set in benchmarks/drafts/
    .venv/bin/python benchmarks/drafts.py --set DIR -v    # another set; -v lists every miss

A labelled set is a folder of articles (``NAME.txt``, UTF-8) each with a sidecar
``NAME.json``: ``title``, ``publisher``, ``published`` and ``figures``, a list of
``[at, value_text, entity, metric, period]``. ``at`` is a short stretch of the article
containing ``value_text`` and found once in it (so labels survive edits elsewhere and
never depend on offsets); ``entity`` is a registry id or ``?名字`` for a firm the
registry lacks (right when the draft proposes that name); ``metric`` a metric id
(registered or one the draft may propose); ``period`` a canonical label, compared by
the dates it spans (2025Q3 and FY2026Q2 are the same quarter for a March year end).
A ``null`` label says the text does not give that field: only TODO is right there.

Each article goes through :func:`extract.new.new_source` in a throwaway copy of this
repository's registries, exactly as a contributor runs it; the drafted extractor is
then executed (``figure()`` records what was written) and each claim matched to its
label by where its value lies in the text.

Targets (issue 14): per field, right >= 85% and wrong <= 3%. Exit status 0 when they
hold, 1 when one is missed.
"""
from __future__ import annotations

import argparse
import json
import runpy
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

FIELDS = ("entity", "metric", "period")
TARGET_RIGHT, TARGET_WRONG = 85.0, 3.0


def _span(label: str, published: date, fye: str):
    from extract.context import resolve_phrase

    r = resolve_phrase(label, published, fye)
    return None if r is None else (r[1], r[2])


def _drafted(article: Path, meta: dict, workdir: Path):
    """Run `extract new` on ``article`` in a fresh repository under ``workdir``; return (figures, entities)."""
    from extract.new import new_source
    from extract.registry import load_entities

    root = workdir / article.stem
    (root / "data" / "sources").mkdir(parents=True)
    for name in ("entities.toml", "metrics.toml"):
        shutil.copy(REPO / "data" / name, root / "data" / name)
    sid = f"{meta['published']}-bench-{article.stem}"
    result = new_source(article, source_id=sid, title=meta["title"], publisher=meta["publisher"],
                        published=meta["published"], root=root)
    figures = runpy.run_path(str(result.extractor_path))["FIGURES"]
    return figures, load_entities(root / "data" / "entities.toml", allow_unreviewed=True)


def _offset(text: str, quote: str, quote_nth: int | None, value: str, value_nth: int | None) -> int:
    i, n = -1, quote_nth or 1
    for _ in range(n):
        i = text.find(quote, i + 1)
    j, m = -1, value_nth or 1
    for _ in range(m):
        j = quote.find(value, j + 1)
    return i + j


def score_article(article: Path, workdir: Path) -> tuple[Counter, list[str], int]:
    """(counts keyed (field, verdict), lines describing misses, drafted claims without a label)."""
    from extract.textlayer import normalize

    meta = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    published = date.fromisoformat(meta["published"])
    figures, entities = _drafted(article, meta, workdir)
    by_start = {_offset(text, f.quote, f.quote_nth, f.value_text, f.value_nth): f for f in figures}
    counts: Counter = Counter()
    misses: list[str] = []
    labelled = set()
    simp = lambda s: normalize(s).normalized.casefold()  # noqa: E731
    for at, value, *truth in meta["figures"]:
        where = text.find(at)
        if where == -1 or text.find(at, where + 1) != -1 or value not in at:
            raise SystemExit(f"{article.with_suffix('.json')}: label {at!r} must occur once in the article "
                             f"and contain {value!r}")
        start = where + at.index(value)
        labelled.add(start)
        fig = by_start.get(start)
        if fig is None:
            counts["missing"] += 1
            misses.append(f"  {article.stem}: {value} ({at}): not drafted")
            continue
        label = dict(zip(FIELDS, truth))
        for field in FIELDS:
            want, got = label[field], getattr(fig, field)
            if got == "TODO":
                verdict = "right" if want is None else "todo"
            elif want is None:
                verdict = "wrong"
            elif field == "entity" and want.startswith("?"):
                e = entities.get(got)
                verdict = "right" if e is not None and e.unreviewed and simp(e.name_zh) == simp(want[1:]) else "wrong"
            elif field == "period":
                fye = getattr(entities.get(label["entity"] or ""), "fiscal_year_end", "12-31") or "12-31"
                a, b = _span(want, published, fye), _span(got, published, fye)
                if a is None:
                    raise SystemExit(f"{article.with_suffix('.json')}: period label {want!r} does not resolve")
                verdict = "right" if a == b else "wrong"
            else:
                verdict = "right" if want == got else "wrong"
            counts[(field, verdict)] += 1
            if verdict != "right":
                shown = got + (f" = {entities[got].name_zh}" if field == "entity" and got in entities else "")
                misses.append(f"  {article.stem}: {value} ({at}) {field}: drafted {shown!r}, label {want!r}")
    unlabelled = sum(1 for s in by_start if s not in labelled)
    return counts, misses, unlabelled


def main(argv: list[str] | None = None) -> int:
    """Score every article of the set; print the table; 0 when the targets hold."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default=str(HERE / "drafts"), help="folder of NAME.txt + NAME.json")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every claim not drafted right")
    ap.add_argument("--quick", action="store_true", help="accepted for benchmarks/run.py; the set is small")
    args = ap.parse_args(argv)
    articles = sorted(Path(args.set).glob("*.txt"))
    if not articles:
        print(f"no articles in {args.set}", file=sys.stderr)
        return 2
    total: Counter = Counter()
    all_misses: list[str] = []
    unlabelled = 0
    with tempfile.TemporaryDirectory(prefix="acm-drafts-") as tmp:
        for article in articles:
            counts, misses, extra = score_article(article, Path(tmp))
            total.update(counts)
            all_misses += misses
            unlabelled += extra
    n = sum(total[("entity", v)] for v in ("right", "todo", "wrong"))
    print(f"# Drafts of `python -m extract new`: {len(articles)} articles, {n} labelled figures "
          f"({total['missing']} labelled but not drafted, {unlabelled} drafted without a label)\n")
    print("| field | right | left TODO | wrong | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    ok = True
    for field in FIELDS:
        right, todo, wrong = (100.0 * total[(field, v)] / n if n else 0.0 for v in ("right", "todo", "wrong"))
        met = right >= TARGET_RIGHT and wrong <= TARGET_WRONG
        ok &= met
        print(f"| {field} | {right:.1f}% | {todo:.1f}% | {wrong:.1f}% | right >= {TARGET_RIGHT:.0f}%, "
              f"wrong <= {TARGET_WRONG:.0f}%: {'met' if met else 'MISSED'} |")
    if args.verbose and all_misses:
        print("\nNot right:")
        print("\n".join(all_misses))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
