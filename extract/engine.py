"""Where a number is validated: quote lookup, parse-versus-declaration, coverage.

For one source, :func:`check_source` finds every declared quote in the archived
original text, checks that the scanner reads the declared ``value_text`` exactly
as the person declared it, checks entity, metric, unit, qualifier and period
against the registries, and accounts for every number the scanner finds in the
body (claimed by a figure, dismissed by a person, or a non-figure kind). All
problems are collected in the result, one line each naming the declaration's
``file:line``; the build raises them together as one :class:`BuildError`.

Example::

    >>> from extract.corpus import Corpus, check_source_id
    >>> from extract.registry import load_entities, load_metrics
    >>> outcome = check_source_id("2026-02-10-ginlix-qwen-ticketing", Corpus.at(), load_entities(), load_metrics())
    >>> outcome.errors, outcome.result.counts["unaccounted"]
    ([], 0)
"""
from __future__ import annotations

from extract import REPO_ROOT

import difflib
import functools
import hashlib
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

# Non-figure kinds (AUTO_KINDS) are accounted for automatically, with the kind as the reason.
from ai_consumer_metrics.vocabulary import (AUTO_KINDS, CURRENCIES, DOLLAR, DOLLAR_CURRENCIES, FIGURE_KINDS,
                                             QUALIFIERS, YUAN_CURRENCIES)
from extract.declare import DISMISS_REASONS, Dismissal, Figure
from extract.direction import check_direction
from extract.numerals import fmt_number

REL_TOL = 1e-9
_SENTENCE_STOPS = "。！？!?；;\n"


class BuildError(Exception):
    """The build refuses: ``errors`` holds one line per problem.

    Example::

        >>> print(BuildError(["extract/extractors/x.py:12: value mismatch", "data/sources/x.txt:3: unaccounted"]))
        2 errors:
        extract/extractors/x.py:12: value mismatch
        data/sources/x.txt:3: unaccounted
    """

    def __init__(self, errors: Iterable[str]):
        self.errors = list(errors)
        n = len(self.errors)
        super().__init__(f"{n} error{'s' if n != 1 else ''}:\n" + "\n".join(self.errors))


@dataclass
class SourceResult:
    """What :func:`check_source` found for one source: table rows and coverage counts.

    Example::

        >>> SourceResult("2026-02-10-ginlix-qwen-ticketing").counts["mentions"]
        0
    """

    source_id: str
    figures: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)
    #: One line per problem, each naming its file:line; empty when the source builds.
    errors: list[str] = field(default_factory=list)
    #: (value_start, value_end) -> what each figure declaration located there claims.
    claims: dict = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Mentions in the body by status (unaccounted is 0 for a result that was returned).

        Example::

            >>> SourceResult("s", coverage=[{"status": "claimed"}, {"status": "auto"}]).counts["claimed"]
            1
        """
        out = {"mentions": len(self.coverage), "claimed": 0, "unreviewed": 0, "dismissed": 0, "auto": 0,
               "unaccounted": 0}
        for row in self.coverage:
            out[row["status"]] += 1
        return out


def figure_id(source_id: str, value_start: int, value_end: int, entity: str, metric: str) -> str:
    """Stable id of a figure: 12 hex digits of sha256 over what identifies it.

    The same declaration of the same archived text gets the same id on every
    build; editing other declarations or reordering them changes nothing.

    Example::

        >>> figure_id("2026-01-30-yilan-ant-vs-alibaba", 120, 126, "alipay", "daily_orders")
        '212e9fa46fb3'
    """
    key = "\x1f".join([source_id, str(value_start), str(value_end), entity, metric])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@functools.lru_cache(maxsize=4096)
def rel_path(file: str | os.PathLike) -> str:
    """A path relative to the repository where it lies inside it, else as given.

    Cached: every declaration names its file, and ``os.path.relpath`` on each of
    them was a tenth of the per-source time of a large build.

    Example::

        >>> rel_path(REPO_ROOT / "extract" / "engine.py")
        'extract/engine.py'
        >>> rel_path("/elsewhere/x.py")
        '/elsewhere/x.py'
    """
    try:
        rel = os.path.relpath(file, REPO_ROOT)
    except ValueError:
        return str(file)
    return str(file) if rel.startswith("..") else rel


def where(declared: object) -> str:
    """``file:line`` of a declaration (see :class:`extract.declare.Declared`).

    Example::

        >>> from types import SimpleNamespace
        >>> where(SimpleNamespace(file=REPO_ROOT / "extract" / "steps" / "s1.py", line=12))
        'extract/steps/s1.py:12'
    """
    return f"{rel_path(getattr(declared, 'file', '?'))}:{getattr(declared, 'line', '?')}"


def show(text: str) -> str:
    """A text quoted on one line (newlines shown as \\n).

    Example::

        >>> print(show("营收\\n增长"))
        "营收\\n增长"
    """
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"'


def reading(value: object, unit: str, qualifier: str, value_high: float | None = None) -> str:
    """One reading of a figure: ``2480000 orders exact`` or ``3-5 percent approx``.

    Example::

        >>> reading(2480000.0, "orders", "exact")
        '2480000 orders exact'
        >>> reading([3.0, 5.0], "percent", "approx")
        '3-5 percent approx'
    """
    if isinstance(value, (tuple, list)):
        value, value_high = value[0], value[1]
    num = fmt_number(value) if value_high is None else f"{fmt_number(value)}-{fmt_number(value_high)}"
    return f"{num} {unit or '(no unit)'} {qualifier}"


def sentence_around(text: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence containing text[start:end], cut to ``limit`` characters each side.

    Example::

        >>> sentence_around("第一句。阿里云收入增长34%。第三句", 8, 11)
        '阿里云收入增长34%。'
    """
    s = start
    while s > 0 and text[s - 1] not in _SENTENCE_STOPS and start - s < limit:
        s -= 1
    e = end
    while e < len(text) and text[e] not in _SENTENCE_STOPS and e - end < limit:
        e += 1
    if e < len(text) and text[e] not in "\n":
        e += 1
    return text[s:e]


def _occurrences(haystack: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(haystack) if hi is None else hi
    out, i = [], haystack.find(needle, lo, hi)
    while i != -1 and needle:
        out.append(i)
        i = haystack.find(needle, i + 1, hi)
    return out


def _mention_value(m: object) -> tuple[float | None, float | None]:
    v = getattr(m, "value", None)
    if isinstance(v, (tuple, list)):
        return float(v[0]), float(v[1])
    return (None if v is None else float(v)), None


def _describe(m: object) -> str:
    return f"{show(m.text)} at {m.start}-{m.end} ({m.kind}, {reading(m.value, m.unit, m.qualifier)})"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Checker:
    """Checks one source; collects errors rather than stopping at the first."""

    def __init__(self, source, entities, metrics, scan, resolve_period, extractor_file):
        self.source = source
        self.text: str = source.text
        self.lo, self.hi = source.body_start, source.body_end
        self.entities = entities
        self.metrics = metrics
        self.resolve_period = resolve_period
        self.extractor_file = extractor_file
        self.errors: list[str] = []
        # The value span and period of the declaration checked last (None where it did not locate).
        self.last_span: tuple[int, int] | None = None
        self.last_period = None
        # Spans a failing declaration did locate: not reported again as unaccounted.
        self.attempted: set[tuple[int, int]] = set()
        self.mentions = []        # inside the body, scanner order
        self.by_span: dict[tuple[int, int], object] = {}
        for m in scan(self.text):
            inside = self.lo <= m.start and m.end <= self.hi
            overlaps = m.start < self.hi and m.end > self.lo
            if inside:
                self.mentions.append(m)
                self.by_span.setdefault((m.start, m.end), m)
            elif overlaps and m.kind in FIGURE_KINDS:
                self.errors.append(
                    f"{self._src_at(m.start)}: mention {_describe(m)} straddles the body range "
                    f"[{self.lo}, {self.hi}); fix body_start/body_end in the source's metadata")

    def _src_at(self, offset: int) -> str:
        path = getattr(self.source, "path", None)
        name = rel_path(path) if path else self.source.source_id
        return f"{name}:{_line_of(self.text, offset)} (offset {offset})"

    # -- locating ---------------------------------------------------------
    def locate(self, decl: Figure | Dismissal, what: str) -> tuple[int, int, int, int] | None:
        """(quote_start, quote_end, value_start, value_end) in the original, or None after an error."""
        at = where(decl.declared)
        quote = decl.quote
        if not quote:
            self.errors.append(f"{at}: {what} has an empty quote")
            return None
        hits = _occurrences(self.text, quote)
        if not hits:
            self.errors.append(f"{at}: quote not found in {self.source.source_id}: {show(quote)}"
                               + self._near_miss(quote))
            return None
        nth = decl.quote_nth
        if nth is None:
            if len(hits) > 1:
                self.errors.append(
                    f"{at}: ambiguous quote {show(quote)}: occurs {len(hits)} times in "
                    f"{self.source.source_id} (offsets {', '.join(map(str, hits))}); "
                    "lengthen it or give quote_nth")
                return None
            nth = 1
        if not 1 <= nth <= len(hits):
            self.errors.append(f"{at}: quote_nth={nth} but quote {show(quote)} occurs {len(hits)} time(s)")
            return None
        qs = hits[nth - 1]
        qe = qs + len(quote)
        if qs < self.lo or qe > self.hi:
            self.errors.append(
                f"{at}: quote {show(quote)} at {qs}-{qe} is not wholly inside the body "
                f"[{self.lo}, {self.hi}) of {self.source.source_id}; delete the declaration (text outside "
                f"the body is not the article's) or move the body with python -m extract body")
            return None
        vt = decl.value_text
        vhits = [qs + i for i in _occurrences(quote, vt)] if vt else []
        if not vhits:
            self.errors.append(f"{at}: value_text {show(vt)} not found inside quote {show(quote)}")
            return None
        vnth = decl.value_nth
        if vnth is None:
            if len(vhits) > 1:
                # Occurrences that are not whole scanner mentions (the 5% inside 15%) cannot be meant.
                aligned = [v for v in vhits if (v, v + len(vt)) in self.by_span]
                if len(aligned) != 1:
                    self.errors.append(
                        f"{at}: ambiguous value_text {show(vt)}: occurs {len(vhits)} times in quote "
                        f"{show(quote)}; give value_nth")
                    return None
                vhits = aligned
            vnth = 1
        if not 1 <= vnth <= len(vhits):
            self.errors.append(f"{at}: value_nth={vnth} but value_text {show(vt)} occurs "
                               f"{len(vhits)} time(s) in quote {show(quote)}")
            return None
        vs = vhits[vnth - 1]
        return qs, qe, vs, vs + len(vt)

    def _near_miss(self, quote: str) -> str:
        normalized = self._in_normalized(quote)
        if normalized:
            return normalized
        # Point at the longest prefix that does occur: usually the typo is just after it.
        lo, hi = 0, len(quote)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if quote[:mid] in self.text:
                lo = mid
            else:
                hi = mid - 1
        if lo >= 4:
            at = self.text.find(quote[:lo])
            return f"; the text has {show(self.text[at:at + min(len(quote) + 4, lo + 12)])} (differs after {lo} characters)"
        return ""

    def _in_normalized(self, quote: str) -> str:
        # A quote copied from the simplified/normalised text of a traditional-script source:
        # name the original characters so the declaration can quote them verbatim.
        try:
            from extract.textlayer import normalize

            layer = normalize(self.text)
            at = layer.normalized.find(quote)
            if at == -1:
                return ""
            s, e = layer.to_original(at, at + len(quote))
        except Exception:  # the hint is a courtesy; never let it hide the real error
            return ""
        return f"; it matches the normalised text, the original reads {show(self.text[s:e])} at {s}-{e}"

    def mention_at(self, decl, span, at) -> object | None:
        m = self.by_span.get(span)
        if m is None:
            vs, ve = span
            near = [x for x in self.mentions if x.start < ve and x.end > vs]
            self.attempted.update((x.start, x.end) for x in near)
            what = "; the scanner reads " + "; ".join(_describe(x) for x in near) if near else \
                "; the scanner finds no number there"
            self.errors.append(f"{at}: value_text {show(decl.value_text)} at {vs}-{ve} in quote "
                               f"{show(decl.quote)} is not a scanner mention{what}")
        return m

    # -- figures ----------------------------------------------------------
    def check_figure(self, fig: Figure) -> dict | None:
        at = where(fig.declared)
        n_errors = len(self.errors)
        self.last_span = self.last_period = None
        loc = self.locate(fig, "figure")
        entity = self._entity(fig, at)
        metric = self._metric(fig, at)
        if fig.qualifier not in QUALIFIERS:
            self.errors.append(f"{at}: unknown qualifier {fig.qualifier!r} for quote {show(fig.quote)}; "
                               f"use one of {', '.join(QUALIFIERS)}")
        if not math.isfinite(fig.value) or (fig.value_high is not None and not math.isfinite(fig.value_high)):
            self.errors.append(f"{at}: declared value is not a finite number in quote {show(fig.quote)}")
        if metric is not None and fig.unit not in metric.allowed_units:
            # Another currency for a money metric (a Taiwan article's TWD) is a registry edit.
            hint = (f"; if {fig.metric!r} can be in {fig.unit}, add {fig.unit!r} to its allowed_units in "
                    f"data/metrics.toml" if fig.unit in CURRENCIES and set(metric.allowed_units) & CURRENCIES else "")
            self.errors.append(
                f"{at}: unit {fig.unit!r} is not allowed for metric {fig.metric!r} "
                f"(allowed: {', '.join(metric.allowed_units)}) in quote {show(fig.quote)}{hint}")
        period = self.last_period = self._period(fig, at, entity)
        self._reference(fig, at)
        self.errors += check_direction(fig, metric, at)
        if loc is None:
            return None
        qs, qe, vs, ve = loc
        self.last_span = (vs, ve)
        self.attempted.add((vs, ve))
        m = self.mention_at(fig, (vs, ve), at)
        if m is not None:
            self._compare(fig, m, at)
        if len(self.errors) > n_errors:
            return None
        return {
            "figure_id": figure_id(self.source.source_id, vs, ve, fig.entity, fig.metric),
            "source_id": self.source.source_id,
            "entity_id": fig.entity,
            "metric": fig.metric,
            "value": float(fig.value),
            "value_high": None if fig.value_high is None else float(fig.value_high),
            "unit": fig.unit,
            "unit_implied": bool(fig.unit_implied),
            "qualifier": fig.qualifier,
            "period": period.label,
            "period_start": period.start,
            "period_end": period.end,
            "scope": fig.scope,
            "quote": fig.quote,
            "quote_start": qs,
            "quote_end": qe,
            "value_text": fig.value_text,
            "value_start": vs,
            "value_end": ve,
            "attributed_to": fig.attributed_to,
            "via": fig.via,
            "reference": fig.reference,
            "note": fig.note,
        }

    def _compare(self, fig: Figure, m, at: str) -> None:
        declared = reading(fig.value, fig.unit, fig.qualifier, fig.value_high)
        parsed = reading(m.value, m.unit, m.qualifier)
        both = f"in quote {show(fig.quote)}: declared {declared}, parsed {show(m.text)} as {parsed}"
        if m.kind not in FIGURE_KINDS:
            self.errors.append(f"{at}: value_text {show(m.text)} is a {m.kind} mention, not a figure; "
                               f"dismissal is automatic, drop the figure ({both})")
            return
        low, high = _mention_value(m)
        if m.kind == "range" and fig.value_high is None:
            self.errors.append(f"{at}: the text gives a range; declare value and value_high {both}")
        elif m.kind == "quantity" and fig.value_high is not None:
            self.errors.append(f"{at}: value_high declared but the text gives one number {both}")
        elif low is None or not math.isclose(fig.value, low, rel_tol=REL_TOL) or (
                high is not None and not math.isclose(fig.value_high, high, rel_tol=REL_TOL)):
            self.errors.append(f"{at}: value mismatch {both}")
        if m.unit == DOLLAR or fig.unit == DOLLAR:
            self._compare_dollar(fig, m, at, both)
        elif fig.unit != m.unit:
            if m.unit == "" and fig.unit_implied:
                pass
            elif m.unit == "":
                self.errors.append(f"{at}: unit mismatch: the text gives a bare magnitude; "
                                   f"set unit_implied=True if {fig.unit!r} is clear from context {both}")
            elif fig.unit in YUAN_CURRENCIES and _bare_yuan(m):
                # 元 is the unit of four currencies; the scanner reads the mainland's
                if not fig.unit_implied:
                    self.errors.append(f"{at}: the text writes a bare 元, which the scanner reads as CNY; set "
                                       f"unit_implied=True to read it as {fig.unit!r} from context (a Taiwan, Hong "
                                       f"Kong or Macau article's own 元; say why in the note) {both}")
            else:
                self.errors.append(f"{at}: unit mismatch {both}")
        elif fig.unit_implied and m.unit:
            self.errors.append(f"{at}: unit_implied=True but the text states the unit {m.unit!r} {both}")
        if fig.qualifier in QUALIFIERS and fig.qualifier != m.qualifier:
            self.errors.append(f"{at}: qualifier mismatch {both}")

    def _compare_dollar(self, fig: Figure, m, at: str, both: str) -> None:
        # A bare $ says "a dollar" and not whose: the currency is the curator's reading of
        # the context, declared as such (unit_implied) so that the row records it.
        kinds = ", ".join(sorted(DOLLAR_CURRENCIES))
        if fig.unit == DOLLAR:
            self.errors.append(f"{at}: unit {DOLLAR!r} is the scanner's reading of a bare '$', not a currency; "
                               f"declare the dollar the context means ({kinds}) with unit_implied=True {both}")
        elif m.unit != DOLLAR:
            self.errors.append(f"{at}: unit mismatch {both}")
        elif fig.unit not in DOLLAR_CURRENCIES:
            self.errors.append(f"{at}: unit mismatch: a bare '$' is a dollar ({kinds}), not {fig.unit!r} {both}")
        elif not fig.unit_implied:
            self.errors.append(f"{at}: the text writes a bare '$', which does not say whose dollar; set "
                               f"unit_implied=True to read it as {fig.unit!r} from context (and say why in the "
                               f"note) {both}")

    def _entity(self, fig: Figure, at: str):
        entity = self.entities.get(fig.entity)
        if entity is None:
            self.errors.append(f"{at}: unknown entity {fig.entity!r}{_suggest_entity(fig.entity, self.entities)} "
                               f"in quote {show(fig.quote)}; if it is new, add it to data/entities.toml "
                               f"(the file's header lists the keys)")
        return entity

    def _metric(self, fig: Figure, at: str):
        metric = self.metrics.get(fig.metric)
        if metric is None:
            close = difflib.get_close_matches(fig.metric, list(self.metrics), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.errors.append(f"{at}: unknown metric {fig.metric!r}{hint} in quote {show(fig.quote)}; "
                               f"if it is new, add it to data/metrics.toml (the file's header lists the keys)")
        return metric

    def _period(self, fig: Figure, at: str, entity):
        fye = getattr(entity, "fiscal_year_end", None) or "12-31"
        try:
            period = self.resolve_period(fig.period, self.source.published, fye)
        except Exception as exc:  # PeriodError, or a bug in periods: either way name the declaration
            if type(exc).__name__ == "NotALabel":
                # The phrase resolves; the declaration must say its label once, the phrase as a comment.
                self.errors.append(f"{at}: {exc}")
                return None
            kind = "" if type(exc).__name__ in ("PeriodError", "ValueError") else f"{type(exc).__name__}: "
            self.errors.append(f"{at}: cannot resolve period {fig.period!r} "
                               f"(published {self.source.published}): {kind}{exc}")
            return None
        if period.end < period.start:
            self.errors.append(f"{at}: period {fig.period!r} resolves to {period.label} which ends "
                               f"{period.end} before it starts {period.start}")
            return None
        return period

    def _reference(self, fig: Figure, at: str) -> None:
        ref = fig.reference
        if not ref or not (ref.startswith("[") and ref.endswith("]") and ref[1:-1].isdigit()):
            return
        listed = {r.get("n") for r in (self.source.meta.get("references") or []) if isinstance(r, dict)}
        if int(ref[1:-1]) not in listed:
            self.errors.append(f"{at}: reference {ref} is not in the reference list of "
                               f"{self.source.source_id} (entries: {sorted(listed) or 'none'})")

    def unreviewed(self, decl: Figure | Dismissal) -> bool:
        """Refuse a drafted declaration (``reviewed=False``); True when it was refused."""
        if getattr(decl, "reviewed", True):
            self.last_span = self.last_period = None
            return False
        what = "claim" if isinstance(decl, Figure) else "dismissal"
        self.errors.append(f"{where(decl.declared)}: unreviewed {what}: confirm or dismiss it, then drop "
                           f"reviewed=False: quote {show(decl.quote)}, value {show(decl.value_text)}")
        # Its mention is not reported a second time as unaccounted; a draft that does not
        # even locate is still only reported as unreviewed.
        n_errors = len(self.errors)
        loc = self.locate(decl, what)
        del self.errors[n_errors:]
        self.last_span = None if loc is None else (loc[2], loc[3])
        self.last_period = None
        if loc is not None:
            self.attempted.add(self.last_span)
            if isinstance(decl, Figure):
                entity = self.entities.get(decl.entity)
                n_errors = len(self.errors)
                self.last_period = self._period(decl, where(decl.declared), entity)
                del self.errors[n_errors:]  # the draft's period is shown, not reported
        return True

    # -- dismissals and coverage -------------------------------------------
    def check_dismissal(self, d: Dismissal) -> tuple[tuple[int, int], Dismissal] | None:
        at = where(d.declared)
        n_errors = len(self.errors)
        if d.reason not in DISMISS_REASONS:
            close = difflib.get_close_matches(d.reason, list(DISMISS_REASONS), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.errors.append(f"{at}: unknown dismissal reason {d.reason!r}{hint} for quote {show(d.quote)}")
        loc = self.locate(d, "dismissal")
        if loc is None:
            return None
        span = loc[2], loc[3]
        self.attempted.add(span)
        m = self.by_span.get(span)
        if m is None:
            near = [x for x in self.mentions if x.start < span[1] and x.end > span[0]]
            what = "; the scanner reads " + "; ".join(_describe(x) for x in near) if near else ""
            self.errors.append(f"{at}: dismissal matches no scanner mention: value_text {show(d.value_text)} "
                               f"at {span[0]}-{span[1]} in quote {show(d.quote)}{what}")
            return None
        return None if len(self.errors) > n_errors else (span, d)


def _suggest_entity(name: str, entities: dict) -> str:
    for e in entities.values():
        names = [getattr(e, "name_zh", None), getattr(e, "name_en", None), *getattr(e, "aliases", ())]
        if any(n and n.casefold() == name.casefold() for n in names):
            return f" ({name!r} is a name of {e.entity_id!r}; use the id)"
    # An id typed short (tencent_fintech for tencent_fintech_business_services) is a prefix of
    # the one meant, which difflib's ratio ranks below a short unrelated id (tencent).
    longer = sorted(e for e in entities if e.startswith(name))
    close = longer[:1] or difflib.get_close_matches(name, list(entities), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _bare_yuan(m) -> bool:
    from extract.scanner import bare_yuan  # (the scan is handed in; its module loads when a unit needs it)

    return bare_yuan(m)


def _default_scan():
    from extract.scanner import scan

    return scan


def _default_resolve_period():
    from extract.periods import declared_period

    return declared_period


def check_source(
    source,
    figures: Iterable[Figure],
    dismissed: Iterable[Dismissal],
    *,
    entities: dict,
    metrics: dict,
    scan: Callable | None = None,
    resolve_period: Callable | None = None,
    extractor_file: str | None = None,
) -> SourceResult:
    """Validate one source's declarations against its archived text; never raises for them.

    ``source`` has ``source_id, text, body_start, body_end, published, meta``
    (an :class:`extract.sources.Source`). The result holds the rows of the figures
    that check, a coverage status for every mention in the body (claimed,
    unreviewed, dismissed, auto or unaccounted), what each located declaration
    claims (for the review page), and one error line per problem: the build writes a
    source only when ``errors`` is empty.

    Example::

        >>> from types import SimpleNamespace
        >>> src = SimpleNamespace(source_id="s", text="", body_start=0, body_end=0, published=None, meta={})
        >>> check_source(src, [], [], entities={}, metrics={}, scan=lambda t: []).errors
        []
    """
    ck = _Checker(source, entities, metrics, scan or _default_scan(),
                  resolve_period or _default_resolve_period(), extractor_file)
    rows: list[dict] = []
    claims: dict[tuple[int, int], list[str]] = {}
    declared: dict[tuple[int, int], list[dict]] = {}
    first_decl: dict[str, Figure] = {}
    for fig in figures:
        reviewed = not ck.unreviewed(fig)
        row = ck.check_figure(fig) if reviewed else None
        span = ck.last_span
        if span is not None:
            declared.setdefault(span, []).append(_claim(fig, row, ck.last_period))
        if row is None:
            continue
        fid = row["figure_id"]
        if fid in first_decl:
            ck.errors.append(
                f"{where(fig.declared)}: duplicate figure_id {fid}: same source, value span "
                f"{row['value_start']}-{row['value_end']}, entity {fig.entity!r} and metric {fig.metric!r} "
                f"as {where(first_decl[fid].declared)} (quote {show(fig.quote)})")
            continue
        first_decl[fid] = fig
        rows.append(row)
        claims.setdefault((row["value_start"], row["value_end"]), []).append(fid)

    dismissals: dict[tuple[int, int], Dismissal] = {}
    for d in dismissed:
        if ck.unreviewed(d):
            if ck.last_span is not None:
                dismissals.setdefault(ck.last_span, d)
            continue
        found = ck.check_dismissal(d)
        if found is None:
            continue
        span, d = found
        if span in claims:
            ck.errors.append(f"{where(d.declared)}: dismisses {show(d.value_text)} at {span[0]}-{span[1]}, "
                             f"which figure {', '.join(claims[span])} claims")
        elif span in dismissals:
            ck.errors.append(f"{where(d.declared)}: {show(d.value_text)} at {span[0]}-{span[1]} is already "
                             f"dismissed at {where(dismissals[span].declared)}")
        else:
            dismissals[span] = d

    coverage: list[dict] = []
    seen: set[tuple[int, int]] = set()
    hint = f" in {rel_path(extractor_file)}" if extractor_file else ""
    for m in sorted(ck.mentions, key=lambda m: (m.start, m.end)):
        span = (m.start, m.end)
        if span in seen:
            continue
        seen.add(span)
        low, high = _mention_value(m)
        row = {"source_id": source.source_id, "start": m.start, "end": m.end, "text": m.text,
               "kind": m.kind, "value": low,
               "value_high": high, "unit": m.unit,
               "qualifier": m.qualifier, "status": None, "reason": None, "figure_ids": None, "note": None}
        if span in declared:
            reviewed = all(c["reviewed"] for c in declared[span])
            row.update(status="claimed" if reviewed else "unreviewed",
                       figure_ids="; ".join(sorted(claims.get(span, ()))) or None)
        elif span in dismissals:
            d = dismissals[span]
            row.update(status="dismissed" if getattr(d, "reviewed", True) else "unreviewed",
                       reason=d.reason, note=d.note)
        elif m.kind in AUTO_KINDS:
            row.update(status="auto", reason=m.kind)
        elif span in ck.attempted:
            row.update(status="unaccounted")  # a declaration located it but failed: its error says why
        elif m.kind in FIGURE_KINDS:
            row.update(status="unaccounted")
            ck.errors.append(
                f"{ck._src_at(m.start)}: unaccounted mention {show(m.text)} ({m.kind}, "
                f"{reading(m.value, m.unit, m.qualifier)}) in {show(sentence_around(ck.text, m.start, m.end))}; "
                f"claim it with figure() or dismiss() it{hint}")
        else:
            ck.errors.append(f"{ck._src_at(m.start)}: the scanner gave mention {show(m.text)} the unknown "
                             f"kind {m.kind!r}")
            continue
        coverage.append(row)

    rows.sort(key=lambda r: (r["value_start"], r["metric"], r["entity_id"], r["figure_id"]))
    return SourceResult(source.source_id, rows, coverage, ck.errors, declared)


def _claim(fig: Figure, row: dict | None, period) -> dict:
    """What one located figure declaration claims, as the review page shows it."""
    return {"metric": fig.metric, "entity": fig.entity,
            "period": row["period"] if row else (period.label if period else f"{fig.period} (unresolved)"),
            "value": reading(fig.value, fig.unit, fig.qualifier, fig.value_high),
            "figure_id": row["figure_id"] if row else None, "reviewed": fig.reviewed,
            "scope": fig.scope, "attributed_to": fig.attributed_to, "note": fig.note}
