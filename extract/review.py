"""``python -m extract review SOURCE_ID -o review.html``: check an extractor against its article.

Writes one self-contained HTML page (inline CSS, no script, no external file):
the archived text with the body in full colour and everything outside it dimmed;
every number the scanner finds highlighted by status — claimed (green),
unreviewed draft (amber), dismissed (grey, with the reason), auto-accounted
non-figure (light), unaccounted (red) — with each claimed figure's metric,
entity, period and value in a tooltip, in a label beside it, and in a table.
Problems the engine reports are listed at the top, so the page works on an
extractor that does not build yet, which is when it is needed.

Example::

    $ python -m extract review SOURCE_ID -o review.html
    >>> from extract.sources import list_sources
    >>> page = review_html(list_sources()[0])
    >>> 'class="m claimed"' in page
    True
"""
from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("claimed", "unreviewed", "dismissed", "auto", "unaccounted")


@dataclass
class Mark:
    """One scanner mention on the page.

    Example::

        >>> Mark(120, 126, "248万单", "quantity", "2480000 orders exact", "claimed").status
        'claimed'
    """

    start: int
    end: int
    text: str
    kind: str
    reading: str
    status: str                 # one of STATUSES, or "outside" the body
    reason: str | None = None
    note: str | None = None
    claims: list[dict] = field(default_factory=list)   # metric, entity, period, value, figure_id


@dataclass
class Review:
    """Everything the page shows for one source.

    Example::

        >>> from extract.sources import list_sources
        >>> review = collect(list_sources()[0])
        >>> review.count("unaccounted"), review.errors
        (0, [])
    """

    source: object
    extractor: Path
    marks: list[Mark]
    errors: list[str]
    #: Registry entries proposed by ``python -m extract new`` (``unreviewed = true``): (file, id, summary).
    proposed: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many of the page's marks have ``status`` (one of :data:`STATUSES`, or ``outside``).

        Example::

            >>> marks = [Mark(0, 2, "3亿", "quantity", "300000000 persons exact", s) for s in ("claimed", "auto", "claimed")]
            >>> Review(None, Path("s.py"), marks, []).count("claimed")
            2
        """
        return sum(m.status == status for m in self.marks)


def collect(source_id: str, root: str | Path | None = None) -> Review:
    """Read the source and its extractor and give every mention the engine's status.

    The statuses, claims and errors are the engine's own (:func:`extract.corpus.check_one`,
    the check the build makes), so the page works on an extractor that does not build yet.

    Example::

        >>> from extract.sources import list_sources
        >>> r = collect(list_sources()[-1])
        >>> r.count("unaccounted"), r.errors
        (0, [])
    """
    from extract.corpus import Corpus, check_one, read_extractor
    from extract.engine import reading
    from extract.registry import load_entities, load_metrics
    from extract.scanner import scan
    from extract.sources import read_source

    corpus = Corpus.at(root)
    source = read_source(source_id, root=corpus.sources)
    ex_path = corpus.extractor(source_id)
    # One scan serves the engine's check and the marks outside the body: scanning is most of the cost.
    mentions = scan(source.text)
    # Proposed (unreviewed) entries load here: the page exists to review them.
    entities = load_entities(corpus.entities, allow_unreviewed=True)
    metrics = load_metrics(corpus.metrics, allow_unreviewed=True)
    outcome = check_one(source, read_extractor(ex_path), entities, metrics, scan=lambda text: mentions)
    result = outcome.result
    status = {(r["start"], r["end"]): r for r in (result.coverage if result else ())}
    claims = result.claims if result else {}

    marks: list[Mark] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if marks and m.start < marks[-1].end:
            continue  # overlapping mentions cannot both be highlighted; the first one wins
        row = status.get((m.start, m.end))
        inside = source.body_start <= m.start and m.end <= source.body_end
        mark = Mark(m.start, m.end, m.text, m.kind, reading(m.value, m.unit, m.qualifier),
                    (row["status"] if row else "unaccounted") if inside else "outside")
        if row:
            mark.reason, mark.note = row["reason"], row["note"]
            mark.claims = claims.get((m.start, m.end), [])
        marks.append(mark)
    return Review(source, ex_path, marks, outcome.errors, proposed_entries(entities, metrics))


def proposed_entries(entities: dict, metrics: dict) -> list[tuple[str, str, str]]:
    """(registry file, id, summary) of every entry still marked ``unreviewed = true``.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> proposed_entries(load_entities(), load_metrics())
        []
    """
    out = [("data/entities.toml", e.entity_id, f"{e.name_zh} · {e.name_en} · {e.kind}"
            + (f" · parent {e.parent}" if e.parent else ""))
           for e in entities.values() if getattr(e, "unreviewed", False)]
    out += [("data/metrics.toml", m.metric_id, f"{m.name} · {', '.join(m.allowed_units)} · table {m.table}")
            for m in metrics.values() if getattr(m, "unreviewed", False)]
    return out


CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 4px} .meta{color:#555;font-size:13px}
.legend span{margin-right:12px;font-size:13px}
.errors{background:#fff0f0;border:1px solid #e99;margin:12px 20px;padding:8px 12px;font-size:13px}
.errors li{font-family:monospace;white-space:pre-wrap}
main{display:flex;gap:16px;padding:12px 20px;align-items:flex-start}
#text{flex:3;background:#fff;border:1px solid #ddd;padding:12px 16px;white-space:pre-wrap;line-height:1.9;font-size:15px}
#side{flex:2;font-size:12px;position:sticky;top:0;max-height:100vh;overflow:auto}
.outside{color:#aaa} .body{color:#111}
mark.m{padding:1px 2px;border-radius:3px}
mark.claimed{background:#a5e3a5;outline:1px solid #2e8b2e}
mark.unreviewed{background:#ffd27f;outline:1px dashed #c77d00}
mark.dismissed{background:#ddd;color:#666;text-decoration:line-through}
mark.auto{background:#eef4ff}
mark.unaccounted{background:#ff9a9a;outline:2px solid #c00}
mark.outside{background:none;color:#aaa}
.lab{font-size:11px;color:#1d5e1d;background:#eaf7ea;border-radius:3px;padding:0 3px;margin-left:2px;vertical-align:super}
.proposed{background:#fff8e6;border:1px solid #e0b050;margin:12px 20px;padding:8px 12px;font-size:13px}
.proposed li{font-family:monospace}
.lab.dis{color:#666;background:#f0f0f0} .lab.bad{color:#900;background:#ffe5e5} .lab.unrev{color:#7a4a00;background:#fff1d6}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #e5e5e5;padding:3px 4px;text-align:left;vertical-align:top}
tr.claimed td:first-child{border-left:4px solid #2e8b2e} tr.unaccounted td:first-child{border-left:4px solid #c00}
tr.dismissed td:first-child{border-left:4px solid #aaa} tr.unreviewed td:first-child{border-left:4px solid #c77d00}
tr.auto td:first-child{border-left:4px solid #cdd9f0}
"""


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _claim_text(c: dict) -> str:
    return f"{c['metric']} · {c['entity']} · {c['period']} · {c['value']}"


def _tooltip(mark: Mark) -> str:
    if mark.claims:
        lines = [("UNREVIEWED draft: " if not c["reviewed"] else "") + _claim_text(c)
                 + (f" (figure {c['figure_id']})" if c["figure_id"] else "") for c in mark.claims]
        return "\n".join(lines)
    if mark.status in ("dismissed", "auto"):
        return f"{mark.status}: {mark.reason}" + (f" — {mark.note}" if mark.note else "")
    if mark.status == "unaccounted":
        return f"UNACCOUNTED {mark.kind}: {mark.reading}; claim it or dismiss it"
    return f"outside the body: {mark.kind} {mark.reading}"


def _label(n: int, mark: Mark) -> str:
    if mark.status in ("claimed", "unreviewed") and mark.claims:
        cls = "lab" if mark.status == "claimed" else "lab unrev"
        text = "; ".join(f"{c['metric']} · {c['entity']}" for c in mark.claims)
        return f'<a class="{cls}" href="#row-{n}">{n} {_e(text)}</a>'
    if mark.status == "dismissed":
        return f'<a class="lab dis" href="#row-{n}">{n} {_e(mark.reason)}</a>'
    if mark.status == "unaccounted":
        return f'<a class="lab bad" href="#row-{n}">{n} unaccounted</a>'
    return ""


def render(review: Review) -> str:
    """The HTML page for a :class:`Review` (everything escaped; see the module docstring).

    Example::

        >>> from extract.sources import list_sources
        >>> html = render(collect(list_sources()[0]))
        >>> html.startswith("<!DOCTYPE html>")
        True
    """
    src = review.source
    text, lo, hi = src.text, src.body_start, src.body_end
    numbers = {id(m): i + 1 for i, m in enumerate(x for x in review.marks if x.status != "outside")}
    parts: list[str] = []
    pos = 0

    def plain(a: int, b: int) -> None:
        # Split a stretch of plain text at the body's edges so each piece gets its shade.
        for s, e, cls in ((a, min(b, lo), "outside"), (max(a, lo), min(b, hi), "body"), (max(a, hi), b, "outside")):
            if s < e:
                parts.append(f'<span class="{cls}">{_e(text[s:e])}</span>')

    for mark in review.marks:
        plain(pos, mark.start)
        n = numbers.get(id(mark))
        anchor = f' id="m-{n}"' if n else ""
        parts.append(f'<mark class="m {mark.status}"{anchor} data-status="{mark.status}" '
                     f'title="{_e(_tooltip(mark))}">{_e(mark.text)}</mark>')
        if n:
            parts.append(_label(n, mark))
        pos = mark.end
    plain(pos, len(text))

    rows = []
    for mark in review.marks:
        n = numbers.get(id(mark))
        if not n:
            continue
        what = "<br>".join(_e(("UNREVIEWED: " if not c["reviewed"] else "") + _claim_text(c)) for c in mark.claims) \
            or _e(mark.reason or "")
        rows.append(f'<tr class="{mark.status}" id="row-{n}"><td><a href="#m-{n}">{n}</a></td>'
                    f"<td>{_e(mark.text)}</td><td>{_e(mark.status)}</td><td>{what}</td>"
                    f"<td>{_e(mark.reading)}</td></tr>")
    meta = src.meta
    counts = ", ".join(f"{s} {review.count(s)}" for s in STATUSES)
    errors = ""
    if review.errors:
        errors = ('<section class="errors"><b>The build refuses this source:</b><ul>'
                  + "".join(f"<li>{_e(e)}</li>" for e in review.errors) + "</ul></section>")
    legend = "".join(f'<span><mark class="m {s}">{s}</mark></span>' for s in STATUSES)
    proposed = ""
    if review.proposed:
        proposed = ('<section class="proposed" id="proposed"><b>Proposed registry entries (unreviewed = true): '
                    "the build refuses them until you check each one in its file and delete that line</b><ul>"
                    + "".join(f"<li>{_e(f)} [{_e(i)}] {_e(what)}</li>" for f, i, what in review.proposed)
                    + "</ul></section>")
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<title>review: {_e(src.source_id)}</title>
<style>{CSS}</style></head>
<body>
<header><h1>{_e(meta.get('title'))}</h1>
<div class="meta">{_e(src.source_id)} · {_e(meta.get('publisher'))} · {_e(meta.get('published'))}
 · extractor {_e(review.extractor.name)} · body [{lo}, {hi}) · <span id="counts">{_e(counts)}</span></div>
<div class="legend">{legend}</div></header>
{errors}
{proposed}
<main><div id="text">{''.join(parts)}</div>
<aside id="side"><table id="mentions"><thead><tr><th>#</th><th>text</th><th>status</th>
<th>metric · entity · period · value / reason</th><th>scanner</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></aside></main>
</body></html>
"""


def review_html(source_id: str, root: str | Path | None = None) -> str:
    """The review page for one source, as a string (see the module example).

    Example::

        >>> from extract.sources import list_sources
        >>> review_html(list_sources()[0]).count("<mark ") > 0
        True
    """
    return render(collect(source_id, root))


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract review``.

    Example::

        >>> import tempfile
        >>> from extract.sources import list_sources
        >>> out = Path(tempfile.mkdtemp()) / "review.html"
        >>> main(argparse.Namespace(source_id=list_sources()[0], output=str(out), root=None))
        wrote ...review.html: claimed ...
        0
    """
    from extract.registry import RegistryError
    from extract.sources import ArchiveError

    try:
        review = collect(args.source_id, args.root)
    except (ArchiveError, RegistryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = Path(args.output)
    out.write_text(render(review), encoding="utf-8")
    print(f"wrote {out}: " + ", ".join(f"{s} {review.count(s)}" for s in STATUSES))
    if review.errors:
        print(f"the build refuses this source: {len(review.errors)} problem(s), listed at the top of the page")
    return 0


def add_parser(sub) -> None:
    """Register ``review`` on the ``python -m extract`` command line.

    Example::

        >>> sub = argparse.ArgumentParser(prog="python -m extract").add_subparsers()
        >>> add_parser(sub)
        >>> sub.choices["review"].parse_args(["2026-02-10-ginlix-qwen-ticketing"]).output
        'review.html'
    """
    p = sub.add_parser("review", help="write an HTML page showing every number of a source and its status")
    p.add_argument("source_id")
    p.add_argument("-o", "--output", default="review.html")
    p.add_argument("--root", default=None, help="repository root (default: this checkout)")
    p.set_defaults(func=main)
