"""Citations for figures: who said the number, where, and in which exact words.

:func:`cite` takes a ``figure_id`` or any row that carries one (from ``figures``
or from an analysis table such as ``market_shares``) and returns the citation as
plain text, Markdown or BibTeX: publisher, title, authors, date (marked when it
is estimated), URL where known, the verbatim quote, and the attribution chain
from whoever the article credits to the article itself
(``QuestMobile, via 新浪财经 [3], via Ginlix AI``).

Example::

    >>> import ai_consumer_metrics as acm
    >>> row = acm.load("market_shares").iloc[0]
    >>> print(acm.cite(row, style="markdown"))  # doctest: +ELLIPSIS
    > ...
    — ...
    Figure: ... Attribution: ... Dataset figure `...`.
    ...
"""
from __future__ import annotations

import difflib
import json
import re
from typing import Any, Mapping

import pandas as pd

STYLES = ("text", "markdown", "bibtex")

#: strftime format of a publication date at each precision (anything else: the year).
_DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m"}

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class CitationError(LookupError):
    """The figure cannot be cited: unknown id, no figure_id in the row, or a bad style.

    Example::

        >>> cite({"entity_id": "doubao"})
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.citation.CitationError: cite() needs a figure_id string or a row with a figure_id column (got dict)
    """


def cite(figure: Any, style: str = "text", *, data_dir: Any = None, figures: pd.DataFrame | None = None,
         sources: pd.DataFrame | None = None, references: pd.DataFrame | None = None) -> "Citation":
    """Return the citation of one figure as ``text``, ``markdown`` or ``bibtex``.

    The result is a :class:`Citation`: a ``str`` holding the citation in that style
    (with the curator's note on the figure, where there is one), which a notebook
    renders with the quoted figure marked.

    ``figure`` is a ``figure_id`` string, or a row (pandas Series, dict, namedtuple)
    with a ``figure_id`` field from any of the package's tables. ``figures``,
    ``sources`` and ``references`` default to the tables in ``data_dir`` (default:
    the installed dataset); pass DataFrames to cite from tables you hold already.

    Raises :class:`CitationError` for an unknown id, listing the closest known ids.

    Example::

        >>> from ai_consumer_metrics import load
        >>> first = load("figures").figure_id.iloc[0]
        >>> bib = cite(first, style="bibtex")
        >>> bib.startswith("@misc{" + first + ",") and "  title = {{" in bib
        True
    """
    if style not in STYLES:
        raise CitationError(f"unknown citation style {style!r}; use one of: {', '.join(STYLES)}")
    figure_id = _figure_id_of(figure)
    from ai_consumer_metrics.store import load, read_manifest

    from_disk = figures is None and sources is None
    figures = load("figures", data_dir) if figures is None else figures
    sources = load("sources", data_dir) if sources is None else sources
    if references is None and from_disk and "source_references" in read_manifest(data_dir)["tables"]:
        references = load("source_references", data_dir)
    fig = _lookup(figures, "figure_id", figure_id, what="figure")
    src = _lookup(sources, "source_id", fig["source_id"], what="source")
    if references is not None:
        mine = references[references["source_id"] == src["source_id"]]
        src["references"] = mine.to_dict("records")
    text = {"text": _text, "markdown": _markdown, "bibtex": _bibtex}[style](fig, src)
    return Citation(text, fig, src, style)


class Citation(str):
    """A citation: the text of the style asked for, that a notebook renders as a card.

    It is a ``str`` (``print(cite(...))``, ``==``, ``in`` and writing it to a file work
    as on any string), and IPython / Jupyter display it through ``_repr_markdown_``
    and ``_repr_html_``: publisher, date (marked when estimated), the quote with the
    figure's characters marked, the attribution and the curator's note. ``.figure``
    and ``.source`` hold the rows it was made from.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> c = acm.cite(acm.load("figures").iloc[0])
        >>> isinstance(c, str), c.splitlines()[1].startswith("Quote:")
        (True, True)
        >>> "<mark>" in c._repr_html_() and "**" in c._repr_markdown_()
        True
    """

    def __new__(cls, text: str, figure: Mapping, source: Mapping, style: str = "text"):
        self = super().__new__(cls, text)
        self.figure, self.source, self.style = dict(figure), dict(source), style
        return self

    def __getnewargs__(self):  # copy and pickle rebuild it with its rows
        return str(self), self.figure, self.source, self.style

    def __repr__(self) -> str:
        # The REPL and a notebook's plain-text view show the citation, not a quoted string.
        return str(self)

    def _repr_markdown_(self) -> str:
        return _markdown(self.figure, self.source, mark=True)

    def _repr_html_(self) -> str:
        return _html(self.figure, self.source)


def attribution_chain(fig: Mapping[str, Any], src: Mapping[str, Any]) -> str:
    """Who the number passed through, first to last: ``QuestMobile, via 新浪财经 [3], via Ginlix AI``.

    The figure's ``attributed_to`` comes first; then its ``via`` (or, when only a
    reference mark like ``[3]`` is declared, the publisher of that entry in the
    article's reference list); then the article's publisher and the platform that
    carried it. A name is not repeated: when the figure is credited to the very
    outlet it was reached through, that outlet appears once, with its mark.

    Example::

        >>> attribution_chain({"attributed_to": "QuestMobile", "via": "新浪财经", "reference": "[3]"},
        ...                   {"publisher": "Ginlix AI", "platform": None})
        'QuestMobile, via 新浪财经 [3], via Ginlix AI'
        >>> attribution_chain({"attributed_to": "维科网", "reference": "[8]"},
        ...                   {"publisher": "Ginlix AI", "references": [{"n": 8, "publisher": "维科网"}]})
        '维科网 [8], via Ginlix AI'
    """
    parts: list[str] = []
    origin = _str(fig.get("attributed_to"))
    via = _str(fig.get("via"))
    ref = _str(fig.get("reference"))
    if not via and ref:
        via = _reference_publisher(src, ref)
    if via:
        parts.append(f"{via} {ref}" if ref else via)
    elif ref:
        parts.append(f"reference {ref}")
    # An article without a named outlet is credited to its authors.
    publisher = _str(src.get("publisher")) or ", ".join(_authors(src))
    platform = _str(src.get("platform"))
    for name in (publisher, platform):
        if name and name not in parts:
            parts.append(name)
    if origin and origin != via and (not parts or parts[0] != origin):
        parts.insert(0, origin)
    return ", via ".join(parts)


# ---------------------------------------------------------------- styles


def _text(fig: Mapping, src: Mapping) -> str:
    head = [_str(src.get("publisher"))]
    if _str(src.get("platform")):
        head[0] += f" (on {src['platform']})"
    head.append(f"“{_str(src.get('title'))}”")
    authors = _authors(src)
    if authors:
        head.append("by " + ", ".join(authors))
    head.append(_date_text(src))
    if _str(src.get("url")):
        head.append(_str(src.get("url")))
    lines = [
        ", ".join(h for h in head if h) + ".",
        f"Quote: “{fig['quote']}”{_span(fig)}.",
        f"Figure: {_figure_line(fig)}.",
        f"Attribution: {attribution_chain(fig, src)}.",
        *_reference_lines(fig, src, lambda t: f"“{t}”", str, str),
        *([f"Note: {_note(fig)}"] if _note(fig) else []),
        f"Dataset: ai-consumer-metrics, figure_id {fig['figure_id']}.",
    ]
    return "\n".join(lines)


def _markdown(fig: Mapping, src: Mapping, *, mark: bool = False) -> str:
    title = _md(_str(src.get("title")))
    url = _str(src.get("url"))
    title = f"[*{title}*]({url})" if url else f"*{title}*"
    who = _md(_str(src.get("publisher")))
    if _str(src.get("platform")):
        who += f" (on {_md(src['platform'])})"
    bits = [who, title]
    authors = _authors(src)
    if authors:
        bits.append("by " + ", ".join(_md(a) for a in authors))
    bits.append(_date_text(src))
    before, figure, after = _quote_parts(fig) if mark else (str(fig["quote"]), "", "")
    quote = _md(before) + (f"**{_md(figure)}**" if figure else "") + _md(after)
    return "\n".join([
        "\n".join(f"> {line}" for line in quote.splitlines() or [""]),
        "",
        f"— {', '.join(b for b in bits if b)}.{_span(fig)}",
        f"Figure: {_md(_figure_line(fig))}. Attribution: {_md(attribution_chain(fig, src))}. "
        f"Dataset figure `{fig['figure_id']}`.",
        *_reference_lines(fig, src, lambda t: f"*{_md(t)}*", _md, lambda u: f"<{u}>"),
        *([f"Note: {_md(_note(fig))}"] if _note(fig) else []),
    ])


def _html(fig: Mapping, src: Mapping) -> str:
    from html import escape

    before, figure, after = _quote_parts(fig)
    title = escape(_str(src.get("title")))
    url = _str(src.get("url"))
    if url:
        title = f'<a href="{escape(url, quote=True)}">{title}</a>'
    who = escape(_str(src.get("publisher")) or ", ".join(_authors(src)))
    if _str(src.get("platform")):
        who += f" (on {escape(_str(src.get('platform')))})"
    rows = [f"<blockquote>{escape(before)}<mark>{escape(figure)}</mark>{escape(after)}</blockquote>",
            f"<p>— {who}, <i>{title}</i>, {escape(_date_text(src))}.{escape(_span(fig))}</p>",
            f"<p>Figure: {escape(_figure_line(fig))}. Attribution: {escape(attribution_chain(fig, src))}. "
            f"Dataset figure <code>{escape(str(fig['figure_id']))}</code>.</p>"]
    if _note(fig):
        rows.append(f"<p>Note: {escape(_note(fig))}</p>")
    return '<div class="acm-citation">' + "".join(rows) + "</div>"


def _quote_parts(fig: Mapping) -> tuple[str, str, str]:
    """The quote cut around the figure's own characters: (before, figure, after).

    The offsets are the archived text's; a row without them (or whose value text is
    not where they say) gets the first occurrence of its value text, else no mark.
    """
    quote = _str(fig.get("quote"))
    value = _str(fig.get("value_text"))
    qs, vs, ve = fig.get("quote_start"), fig.get("value_start"), fig.get("value_end")
    if all(x is not None and not pd.isna(x) for x in (qs, vs, ve)):
        i, j = int(vs) - int(qs), int(ve) - int(qs)
        if 0 <= i <= j <= len(quote) and (not value or quote[i:j] == value):
            return quote[:i], quote[i:j], quote[j:]
    i = quote.find(value) if value else -1
    if i < 0:
        return quote, "", ""
    return quote[:i], value, quote[i + len(value):]


def _note(fig: Mapping) -> str:
    return " ".join(_str(fig.get("note")).split())


def _bibtex(fig: Mapping, src: Mapping) -> str:
    published = _published(src)
    fields: list[tuple[str, str]] = [("title", "{" + _tex(_str(src.get("title"))) + "}")]
    authors = _authors(src)
    # A publisher without named authors is a corporate author: double braces keep
    # BibTeX from splitting it into first and last names.
    if authors:
        fields.append(("author", " and ".join(_tex(a) for a in authors)))
    elif _str(src.get("publisher")):
        fields.append(("author", "{" + _tex(_str(src.get("publisher"))) + "}"))
    if _str(src.get("publisher")):
        fields.append(("organization", _tex(_str(src.get("publisher")))))
    if _str(src.get("platform")):
        fields.append(("howpublished", _tex(f"{src['platform']}")))
    if published is not None:
        ts, precision = published
        fields.append(("year", str(ts.year)))
        if precision in ("day", "month"):
            fields.append(("month", _MONTHS[ts.month - 1]))
        fields.append(("date", ts.strftime(_DATE_FORMATS.get(precision, "%Y"))))
    if _str(src.get("url")):
        fields.append(("url", _str(src.get("url"))))
    fields.append(("language", _str(src.get("language")) or "zh"))
    note = [f"Quote: ``{_tex(fig['quote'])}''", f"Figure: {_tex(_figure_line(fig))}",
            f"Attribution: {_tex(attribution_chain(fig, src))}",
            *_reference_lines(fig, src, lambda t: f"``{_tex(t)}''", _tex, _tex)]
    if _note(fig):
        note.append(f"Curator's note: {_tex(_note(fig))}")
    if _truthy(src.get("published_estimated")):
        note.append("Publication date estimated" + (
            f": {_tex(_str(src.get('published_note')))}" if _str(src.get("published_note")) else ""))
    # (a part may end with its own full stop: a reference line, a curator's sentence)
    fields.append(("note", ". ".join(part.rstrip(".") for part in note)))
    body = ",\n".join(f"  {k} = {v}" if k == "month" else f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{_bibkey(fig['figure_id'])},\n{body}\n}}"


# ---------------------------------------------------------------- helpers


def _figure_id_of(figure: Any) -> str:
    if isinstance(figure, str):
        return figure
    if isinstance(figure, pd.Series):
        fid = figure.get("figure_id")
    elif isinstance(figure, Mapping):
        fid = figure.get("figure_id")
    else:
        fid = getattr(figure, "figure_id", None)
    if not isinstance(fid, str) or not fid:
        raise CitationError(
            "cite() needs a figure_id string or a row with a figure_id column "
            f"(got {type(figure).__name__})")
    return fid


def _lookup(table: pd.DataFrame, column: str, key: str, *, what: str) -> dict[str, Any]:
    hit = table[table[column] == key]
    if hit.empty:
        known = [str(k) for k in table[column].tolist()]
        close = difflib.get_close_matches(key, known, n=5, cutoff=0.6)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise CitationError(f"unknown {what} id {key!r} ({len(known)} known){hint}")
    return hit.iloc[0].to_dict()


def _str(v: Any) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return str(v)


def _truthy(v: Any) -> bool:
    return bool(v) and not (not isinstance(v, str) and pd.isna(v))


def _authors(src: Mapping) -> list[str]:
    a = src.get("authors")
    if a is None or isinstance(a, float):
        return []
    if isinstance(a, str):  # the sources table joins authors with "; "
        return [x.strip() for x in a.split(";") if x.strip()]
    return [str(x) for x in list(a)]


def _published(src: Mapping) -> tuple[pd.Timestamp, str] | None:
    v = src.get("published")
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return pd.Timestamp(v), _str(src.get("published_precision")) or "day"


def _date_text(src: Mapping) -> str:
    p = _published(src)
    if p is None:
        return "undated"
    ts, precision = p
    text = ts.strftime(_DATE_FORMATS.get(precision, "%Y"))
    if _truthy(src.get("published_estimated")):
        text += " (date estimated)"
    return text


def _span(fig: Mapping) -> str:
    s, e = fig.get("quote_start"), fig.get("quote_end")
    if s is None or pd.isna(s):
        return ""
    return f" (characters {int(s)}–{int(e)} of the archived text)"


def _figure_line(fig: Mapping) -> str:
    value = f"{_str(fig.get('value_text'))}"
    what = [x for x in (_str(fig.get("entity_id")), _str(fig.get("metric")), _str(fig.get("period"))) if x]
    return f"{value} ({', '.join(what)})" if what else value


def _reference_entry(src: Mapping, ref: str) -> Mapping | None:
    """Entry ``[n]`` of the article's reference list (``n``, ``publisher``, ``title``, ``url``), or None."""
    m = re.search(r"\d+", ref)
    refs = src.get("references")
    if not m or refs is None or isinstance(refs, float):
        return None
    if isinstance(refs, str):
        try:
            refs = json.loads(refs)
        except ValueError:
            return None
    for entry in list(refs):
        entry = dict(entry) if not isinstance(entry, Mapping) else entry
        if str(entry.get("n")) == m.group(0):
            return entry
    return None


def _reference_publisher(src: Mapping, ref: str) -> str:
    """The publisher of reference ``[n]`` in the article's reference list, or ''."""
    entry = _reference_entry(src, ref)
    return _str(entry.get("publisher")) if entry is not None else ""


def _reference_lines(fig: Mapping, src: Mapping, title, esc, url) -> list[str]:
    """``Reference [n]: publisher, title, URL`` for the figure's reference mark, if the list has it.

    ``title`` formats the title (quotes, italics), ``esc`` escapes plain text and ``url``
    formats the address for the style.
    """
    ref = _str(fig.get("reference"))
    entry = _reference_entry(src, ref) if ref else None
    if entry is None:
        return []
    address = _str(entry.get("url"))
    bits = [esc(_str(entry.get("publisher"))), title(_str(entry.get("title"))) if _str(entry.get("title")) else "",
            url(address) if address else ""]
    # No full stop after an address: a copied URL must not carry it.
    return [f"Reference {esc(ref)}: {', '.join(b for b in bits if b)}" + ("" if address else ".")]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(s: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _str(s))


_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
        "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def _tex(s: Any) -> str:
    return "".join(_TEX.get(ch, ch) for ch in _str(s))


def _bibkey(figure_id: str) -> str:
    # BibTeX and biber reject keys with spaces, commas, braces, quotes, # or %.
    return re.sub(r"[^\w:.\-/+]", "-", figure_id)
