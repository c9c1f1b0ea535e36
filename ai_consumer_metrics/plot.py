"""Charts that carry their sources: market shares, user metrics, financials.

Every function draws on an optional ``ax``, returns the matplotlib ``Axes`` and never
calls ``show()``. Every chart gets a footnote naming the publisher and date of each
article its numbers come from (``est.`` where the date is estimated), and every value
label carries the figure's qualifier (``≈`` approx, ``≥`` at least, ``≤`` at most).

Labels are English by default, from the entity registry. ``lang="zh"`` draws Chinese
names when matplotlib knows a CJK font (Noto Sans CJK, Source Han Sans, WenQuanYi, ...);
without one it warns and falls back to English, so a chart never shows empty boxes;
for the same reason English footnotes name publishers by the sources table's
``publisher_en`` (壹览商业 -> Yilan Shangye) and credited organisations by an English
name (36氪 -> 36Kr, see :mod:`ai_consumer_metrics.names_en`), falling back to the source id.

``data=None`` reads the packaged tables with :func:`ai_consumer_metrics.load`. Pass a
DataFrame (the analysis table) or a mapping ``{"market_shares": df, "figures": df,
"sources": df, "entities": df}`` to plot other data; tables left out are loaded.

Example::

    >>> import tempfile, matplotlib.pyplot as plt, ai_consumer_metrics.plot as acmplot
    >>> ax = acmplot.market_shares("China e-commerce", "2024")
    >>> ax.figure.savefig(tempfile.mkdtemp() + "/shares.png", bbox_inches="tight")
    >>> plt.close("all")
"""
from __future__ import annotations

import argparse
import sys
import warnings
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ai_consumer_metrics.names_en import english_name, registry_names

__all__ = [
    "PlotError",
    "QUALIFIER_MARKS",
    "cjk_font",
    "financials",
    "footnote",
    "market_share_trend",
    "market_shares",
    "plot_command",
    "user_metrics",
]

#: The mark put before a value for each qualifier of the figures table.
QUALIFIER_MARKS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}

#: Families tried first when looking for a CJK font, most common first.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Source Han Sans", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "Heiti SC", "SimHei", "Noto Serif CJK SC", "Source Han Serif SC",
    "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback", "Arial Unicode MS",
)
# Substrings of other family names worth probing for CJK glyphs.
_CJK_HINTS = ("cjk", "han sans", "han serif", "wenquanyi", "hei", "ming", "song",
              "kai", "yahei", "gothic", "fallback", "unicode")
_CJK_PROBE = "中文数据阿里巴巴腾讯"

# Entity ids that mean "the rest of the market"; drawn last and in grey.
_RESIDUAL = {"others", "other", "rest"}


class PlotError(ValueError):
    """A selection that cannot be drawn honestly (unknown market, mixed metrics, ...).

    Example::

        >>> user_metrics(["mau", "dau"])
        Traceback (most recent call last):
        ...
        ai_consumer_metrics.plot.PlotError: user_metrics: one metric per chart, got ['mau', 'dau']; ...
    """


# --------------------------------------------------------------------------- fonts


def _font_path(family) -> str:
    from matplotlib import font_manager as fm

    # Asked quietly: a family the machine lacks falls back to matplotlib's default font
    # without the "findfont: Font family ... not found" line findfont would log.
    try:
        return fm.findfont(fm.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return fm.findfont(fm.FontProperties(family=_default_family()))


def _default_family() -> str:
    """The family matplotlib falls back to when a font is missing (DejaVu Sans)."""
    from matplotlib import font_manager as fm

    return fm.FontManager.defaultFamily["ttf"]


def _has_glyphs(path: str, text: str) -> bool:
    from matplotlib import font_manager as fm

    font = fm.get_font(path)
    return all(ch.isspace() or font.get_char_index(ord(ch)) for ch in text)


def cjk_font() -> str | None:
    """Name of an installed font family that draws Chinese, or ``None``.

    Looks at the fonts matplotlib knows (``matplotlib.font_manager.fontManager``);
    a font added with ``fontManager.addfont(path)`` counts from the next call.

    Example::

        >>> name = cjk_font()   # "Noto Sans CJK SC" on a machine with fonts-noto-cjk, else None
        >>> name is None or isinstance(name, str)
        True
    """
    return _find_cjk_font()


def _find_cjk_font() -> str | None:
    from matplotlib import font_manager as fm

    by_name: dict[str, str] = {}
    for entry in fm.fontManager.ttflist:
        by_name.setdefault(entry.name, entry.fname)
    candidates = [n for n in CJK_FAMILIES if n in by_name]
    candidates += sorted(n for n in by_name if n not in candidates
                         and any(h in n.lower() for h in _CJK_HINTS))
    for name in candidates:
        try:
            if _has_glyphs(by_name[name], _CJK_PROBE):
                return name
        except (OSError, RuntimeError):
            continue  # unreadable font file: keep looking
    return None


@dataclass
class _Style:
    """The effective language and the fonts every text of one chart is drawn with."""

    lang: str
    family: list[str] | None  # None: matplotlib's default font only
    paths: list[str]

    @classmethod
    def for_lang(cls, lang: str) -> "_Style":
        import matplotlib

        if lang not in ("en", "zh"):
            raise PlotError(f"lang must be 'en' or 'zh', not {lang!r}")
        base_path = _font_path(matplotlib.rcParams["font.family"])
        from matplotlib import font_manager as fm

        base_name = fm.get_font(base_path).family_name
        cjk = _find_cjk_font()
        if cjk is None:
            if lang == "zh":
                warnings.warn(
                    "lang='zh' needs a CJK font, and matplotlib knows none (looked for "
                    + ", ".join(CJK_FAMILIES[:6]) + ", ...); drawing English labels. "
                    "Install one (e.g. fonts-noto-cjk) or register it with "
                    "matplotlib.font_manager.fontManager.addfont(path).",
                    UserWarning, stacklevel=3,
                )
            return cls("en", None, [base_path])
        return cls(lang, [base_name, cjk], [base_path, _font_path(cjk)])

    def drawable(self, text: str) -> bool:
        """True when every character of ``text`` has a glyph in this style's fonts."""
        return all(ch.isspace() or any(_has_glyphs(p, ch) for p in self.paths)
                   for ch in text)

    def pick(self, *candidates) -> str:
        """The first non-empty candidate that can be drawn (the last one is the fallback)."""
        texts = [str(c) for c in candidates if _present(c)]
        for text in texts:
            if self.drawable(text):
                return text
        return texts[-1] if texts else ""

    def apply(self, ax) -> None:
        """Put this style's font list on every text of ``ax`` (ticks, labels, notes)."""
        if self.family is None:
            return
        ax.tick_params(labelfontfamily=self.family)
        for text in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]:
            text.set_fontfamily(self.family)
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                text.set_fontfamily(self.family)

    def t(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en


def _present(value) -> bool:
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        pass
    return str(value).strip() != ""


# --------------------------------------------------------------------------- tables


def _frames(data, main: str) -> dict[str, pd.DataFrame | None]:
    """The analysis table plus the lookup tables a chart needs, loaded where not given."""
    given: dict[str, pd.DataFrame] = {}
    if isinstance(data, pd.DataFrame):
        given[main] = data
    elif isinstance(data, Mapping):
        given.update(data)
    elif data is not None:
        raise PlotError(f"data must be a DataFrame or a mapping of table name to "
                        f"DataFrame, not {type(data).__name__}")
    from ai_consumer_metrics import load

    out: dict[str, pd.DataFrame | None] = {}
    for name in (main, "figures", "sources", "entities", "metrics"):
        if name in given:
            out[name] = given[name]
        elif name == "figures" and "source_id" in out[main].columns and data is not None:
            out[name] = None  # the rows name their article; attributions are a bonus
        elif name in (main, "sources") or (name == "figures"
                                            and "source_id" not in out[main].columns):
            out[name] = load(name)  # without these there is no chart and no footnote
        else:
            try:
                out[name] = load(name)
            except Exception:  # noqa: BLE001 - registries only name things; ids will do
                out[name] = None
    return out


def _require(df: pd.DataFrame, table: str, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise PlotError(f"the {table!r} table has no column(s) {missing}; "
                        f"it has {list(df.columns)}")


def _choose(df: pd.DataFrame, column: str, wanted, what: str, table: str) -> pd.DataFrame:
    """Rows whose ``column`` equals ``wanted`` (case-insensitive fallback), else a clear error."""
    values = df[column].astype("string")
    hit = df[(values == str(wanted)).fillna(False).astype(bool)]
    if hit.empty:
        hit = df[(values.str.casefold() == str(wanted).casefold()).fillna(False).astype(bool)]
    if hit.empty:
        choices = sorted(values.dropna().unique())
        raise PlotError(f"no {what} {wanted!r} in the {table!r} table; "
                        f"choose one of: {', '.join(choices) or '(table is empty)'}")
    return hit


def _choose_many(df, column, wanted, what, table) -> pd.DataFrame:
    if wanted is None:
        return df
    if isinstance(wanted, str):
        wanted = [wanted]
    parts = [_choose(df, column, w, what, table) for w in wanted]
    return pd.concat(parts).loc[lambda d: ~d.index.duplicated()]


def _one_metric(metric, table: str) -> str:
    # (metric ids are lower case: "MAU" is mau, and its chart is titled as mau's)
    if isinstance(metric, str):
        return metric.lower()
    if isinstance(metric, Sequence) and len(metric) == 1:
        return str(metric[0]).lower()
    raise PlotError(f"{table}: one metric per chart, got {metric!r}; "
                    "values of different metrics are never drawn on one axis")


# Which (chart family, metric, unit) each Axes shows, so a second call cannot mix them.
_AXIS_CONTENT: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _claim_axis(ax, content: tuple) -> None:
    held = _AXIS_CONTENT.get(ax)
    if held is not None and held != content:
        raise PlotError(f"this Axes already shows {held}; drawing {content} on it "
                        "would mix metrics or currencies on one axis")
    _AXIS_CONTENT[ax] = content


# --------------------------------------------------------------------------- labels


class _Names:
    """Display names of entities, metrics and markets in the chart's language."""

    def __init__(self, frames, style: _Style):
        self.style = style
        ent = frames.get("entities")
        self.entities = (ent.set_index("entity_id") if ent is not None
                         and "entity_id" in ent.columns else pd.DataFrame())
        met = frames.get("metrics")
        self.metrics = (met.set_index("metric_id") if met is not None
                        and "metric_id" in met.columns else pd.DataFrame())

    def _entity_field(self, entity_id, field):
        if entity_id in self.entities.index and field in self.entities.columns:
            value = self.entities.loc[entity_id, field]
            if isinstance(value, pd.Series):
                value = value.iloc[0]
            return value
        return None

    def entity(self, entity_id) -> str:
        en = self._entity_field(entity_id, "name_en")
        if self.style.lang == "zh":
            return self.style.pick(self._entity_field(entity_id, "name_zh"), en, entity_id)
        return self.style.pick(en, entity_id)

    def market(self, market) -> str:
        if market in self.entities.index:
            return self.entity(market)
        # A free-text market the fonts cannot draw still must not become boxes.
        return self.style.pick(str(market).replace("_", " "),
                               str(market).encode("ascii", "replace").decode())

    def parent(self, entity_id):
        value = self._entity_field(entity_id, "parent")
        return value if _present(value) else None

    def descendants(self, entity_id) -> set:
        """``entity_id`` and every entity whose parent chain reaches it."""
        found = {entity_id}
        if "parent" not in self.entities.columns:
            return found
        parents = self.entities["parent"].dropna().astype(str)
        grew = True
        while grew:
            more = set(parents[parents.isin(found)].index) - found
            grew = bool(more)
            found |= more
        return found

    _BUILTIN_METRICS = {
        "mau": ("Monthly active users (MAU)", "月活跃用户（MAU）"),
        "dau": ("Daily active users (DAU)", "日活跃用户（DAU）"),
        "wau": ("Weekly active users (WAU)", "周活跃用户（WAU）"),
        "users": ("Users", "用户数"),
        "market_share": ("Market share", "市场份额"),
        "revenue": ("Revenue", "收入"),
        "capex": ("Capital expenditure", "资本开支"),
        "capex_plan": ("Planned capital expenditure", "计划资本开支"),
        "rd_spend": ("R&D spending", "研发投入"),
        "gmv": ("GMV", "GMV"),
        "net_profit": ("Net profit", "净利润"),
        "operating_profit": ("Operating profit", "经营利润"),
    }

    def metric(self, metric_id) -> str:
        en_zh = self._BUILTIN_METRICS.get(metric_id)
        registry = None
        if metric_id in self.metrics.index and "name" in self.metrics.columns:
            registry = self.metrics.loc[metric_id, "name"]
            if isinstance(registry, pd.Series):
                registry = registry.iloc[0]
        if self.style.lang == "zh" and en_zh:
            return self.style.pick(en_zh[1], registry, en_zh[0])
        name = self.style.pick(registry, en_zh[0] if en_zh else None,
                               str(metric_id).replace("_", " ").capitalize())
        # The abbreviations readers look for stay visible next to the registry's words.
        if metric_id in ("mau", "dau", "wau") and metric_id.upper() not in name:
            name += f" ({metric_id.upper()})"
        return name


def _number(value: float) -> str:
    """A value as the table holds it, without float noise: 33, 83.6, 2.75, 4,982, 0.0123."""
    value = float(value)
    if value == 0:
        return "0"
    if abs(value) >= 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def _value_text(value: float, qualifier, high=None) -> str:
    """``≈33``, ``≥100``; a range the source gives as two ends reads ``30–35``."""
    mark = QUALIFIER_MARKS.get(str(qualifier) if _present(qualifier) else "exact", "")
    text = _number(value)
    if _present(high) and float(high) != float(value):
        text += "–" + _number(high)
    return mark + text


def _value_texts(rows: pd.DataFrame, values, high_column: str, divisor: float,
                 suffix: str = "") -> list[str]:
    qualifiers = rows["qualifier"] if "qualifier" in rows.columns else [None] * len(rows)
    highs = (rows[high_column].astype(float) / divisor if high_column in rows.columns
             else [None] * len(rows))
    return [_value_text(v, q, h) + suffix for v, q, h in zip(values, qualifiers, highs)]


# --------------------------------------------------------------------------- footnote


@dataclass
class _Sources:
    """The articles behind a set of rows: numbered, with a footnote string."""

    order: list[str]             # source ids, in footnote order
    by_figure: dict[str, str]    # figure_id -> source id
    text: str

    def marker(self, figure_id) -> str:
        """`` [n]`` for the article a figure comes from, empty when there is one article."""
        if len(self.order) < 2:
            return ""
        return f" [{self.order.index(self.by_figure[figure_id]) + 1}]"


def _date_text(row, style: _Style) -> str:
    published = row.get("published")
    if not _present(published):
        return style.t("date unknown", "日期不详")
    stamp = pd.Timestamp(published)
    precision = row.get("published_precision") if _present(row.get("published_precision")) \
        else "day"
    text = {"year": f"{stamp:%Y}", "month": f"{stamp:%Y-%m}"}.get(str(precision),
                                                                  f"{stamp:%Y-%m-%d}")
    if _present(row.get("published_estimated")) and bool(row.get("published_estimated")):
        text += style.t(" (est.)", "（估计）")
    return text


def _sources_for(rows: pd.DataFrame, frames, style: _Style, table: str) -> _Sources:
    figures = frames.get("figures")
    if figures is not None:
        _require(figures, "figures", ["figure_id", "source_id"])
        keep = [c for c in ("figure_id", "source_id", "attributed_to") if c in figures.columns]
        link = rows[["figure_id"]].merge(figures[keep], on="figure_id", how="left")
        if "source_id" in rows.columns:  # the table's own link wins over a stale lookup
            link["source_id"] = rows["source_id"].to_numpy()
    elif "source_id" in rows.columns:
        link = rows[["figure_id", "source_id"]]
    else:
        raise PlotError(f"cannot name the sources of {table!r} rows without the "
                        "'figures' table (figure_id -> source_id)")
    credited: dict[str, list[str]] = {}
    if "attributed_to" in link.columns:
        for sid, who in zip(link["source_id"], link["attributed_to"]):
            if _present(who) and str(who) not in credited.setdefault(sid, []):
                credited[sid].append(str(who))
    unknown = sorted(set(rows["figure_id"]) - set(link.dropna(subset=["source_id"])["figure_id"]))
    if unknown:
        raise PlotError(f"figure(s) {unknown} are not in the 'figures' table, so their "
                        "source cannot be named")
    sources = frames["sources"]
    _require(sources, "sources", ["source_id"])
    meta = sources.set_index("source_id")
    by_figure = dict(zip(link["figure_id"], link["source_id"]))

    def sort_key(sid):
        published = meta.loc[sid, "published"] if sid in meta.index and \
            "published" in meta.columns else None
        return (pd.Timestamp(published) if _present(published) else pd.Timestamp.max, sid)

    order = sorted(dict.fromkeys(link["source_id"]), key=sort_key)
    known = registry_names(frames.get("entities"))
    parts = []
    for n, sid in enumerate(order, 1):
        if sid not in meta.index:
            raise PlotError(f"source {sid!r} is not in the 'sources' table")
        row = meta.loc[sid].to_dict()
        # English charts name the publisher in English (publisher_en, else a known
        # name); a Chinese name the fonts cannot draw gives way to the source id, which
        # is what acm.cite and the sources table are keyed by.
        publisher = row.get("publisher")
        english = [row.get("publisher_en"),
                   english_name(publisher, known) if _present(publisher) else None]
        # A republication whose publisher the text never names says so, not just its id.
        unnamed = None if _present(publisher) else sid + style.t(" (publisher not named)",
                                                                 "（发布方不详）")
        publisher = style.pick(*(english if style.lang == "en" else []),
                               publisher, row.get("authors"), unnamed or sid)
        part = publisher + style.t(", ", "，") + _date_text(row, style)
        credits = _credit_names(credited.get(sid, []), style, known)
        if credits:
            part += style.t(f", citing {credits}", f"，援引{credits}")
        parts.append(f"[{n}] {part}" if len(order) > 1 else part)
    head = style.t("Source: " if len(order) == 1 else "Sources: ", "来源：")
    return _Sources(order, by_figure, _wrap(head, parts, style.t("; ", "；"),
                                            width=60 if style.lang == "zh" else 110))


def _credit_names(who: list[str], style: _Style, known: dict[str, str]) -> str:
    """Who an article credits, readably: ``36Kr, QuestMobile`` in English (the Chinese
    name where no English one is known and the fonts draw it), the Chinese names in
    Chinese. A name that can be neither drawn nor translated is counted, not dropped."""
    shown, hidden = [], 0
    for name in who:
        candidates = ([english_name(name, known)] if style.lang == "en" else []) + [name]
        text = next((c for c in candidates if _present(c) and style.drawable(c)), None)
        if text is None:
            hidden += 1
        elif text not in shown:
            shown.append(text)
    if hidden:
        shown.append(style.t("a source named in Chinese" if hidden == 1
                             else f"{hidden} sources named in Chinese", f"{hidden}个来源"))
    return style.t(", ", "、").join(shown)


def _wrap(head: str, parts: list[str], sep: str, width: int) -> str:
    """Join ``parts`` into lines of about ``width`` characters, never splitting a part
    (so "publisher, date" always stays on one line)."""
    lines = [head]
    for i, part in enumerate(parts):
        piece = part + (sep.rstrip() if i < len(parts) - 1 else "")
        if lines[-1] not in ("", head) and len(lines[-1]) + 1 + len(piece) > width:
            lines.append(piece)
        else:
            spacer = "" if lines[-1] in ("", head) or sep.strip() == sep else " "
            lines[-1] += spacer + piece
    return "\n".join(lines)


def _add_footnote(ax, sources: _Sources) -> None:
    """Write the source line under the x axis (its tick labels and label included)."""
    ax.annotate(
        sources.text, xy=(0, 0),
        xycoords=("axes fraction", lambda renderer: ax.xaxis.get_tightbbox(renderer)
                  or ax.bbox),
        xytext=(0, -4), textcoords="offset points", ha="left", va="top",
        fontsize=7, color="0.3", gid="acm-footnote", annotation_clip=False,
    )


def footnote(ax) -> str | None:
    """The source footnote text of an Axes drawn by this module (``None`` if it has none).

    Example::

        >>> import matplotlib.pyplot as plt
        >>> ax = market_shares("China e-commerce", "2024")
        >>> footnote(ax).startswith("Source:")
        True
        >>> plt.close("all")
    """
    for text in ax.texts:
        if text.get_gid() == "acm-footnote":
            return text.get_text()
    return None


# --------------------------------------------------------------------------- drawing helpers


def _new_axes(ax, height: float):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(8, height), layout="constrained")
    return ax


def _barh(ax, labels, values, texts, colors=None):
    positions = list(range(len(labels)))[::-1]  # first row on top
    bars = ax.barh(positions, values, color=colors)
    ax.set_yticks(positions, labels)
    ax.bar_label(bars, labels=texts, padding=3, fontsize=8)
    ax.margins(x=0.15)
    return bars


def _periods_sorted(rows: pd.DataFrame) -> list:
    cols = [c for c in ("period_start", "period_end") if c in rows.columns]
    if cols:
        ordered = rows.sort_values(cols + ["period"], kind="stable")
    else:
        ordered = rows.sort_values("period", kind="stable")
    return list(dict.fromkeys(ordered["period"].astype(str)))


# --------------------------------------------------------------------------- charts


def market_shares(market, period=None, *, kind: str = "bar", ax=None, lang: str = "en",
                  data=None):
    """Shares of one market in one period, as horizontal bars or stacked bars.

    ``period`` is a period label of the table (``"2024"``); ``None`` takes the only
    period there is, or the latest one. ``kind="bar"`` draws one bar per row, largest
    first, the "others" row last; ``kind="stacked"`` draws one 0–100 % bar per article,
    so articles that disagree stand side by side instead of being added up.

    Example::

        >>> import matplotlib.pyplot as plt
        >>> ax = market_shares("China e-commerce", "2024")
        >>> len(ax.patches) > 0
        True
        >>> plt.close("all")
    """
    if kind not in ("bar", "stacked"):
        raise PlotError(f"kind must be 'bar' or 'stacked', not {kind!r}")
    style = _Style.for_lang(lang)
    frames = _frames(data, "market_shares")
    table = frames["market_shares"]
    _require(table, "market_shares", ["entity_id", "market", "period", "share_pct", "figure_id"])
    rows = _choose(table, "market", market, "market", "market_shares")
    if period is None:
        period = _periods_sorted(rows)[-1]
    rows = _choose(rows, "period", period, f"period for market {market!r}", "market_shares")
    names = _Names(frames, style)
    sources = _sources_for(rows, frames, style, "market_shares")
    ax = _new_axes(ax, 4.8)
    _claim_axis(ax, ("market_shares", "share_pct"))

    residual = rows["entity_id"].astype(str).str.casefold().isin(_RESIDUAL)
    rows = pd.concat([rows[~residual].sort_values("share_pct", ascending=False, kind="stable"),
                      rows[residual]])

    if kind == "bar":
        labels = [names.entity(e) + sources.marker(f)
                  for e, f in zip(rows["entity_id"], rows["figure_id"])]
        texts = _value_texts(rows, rows["share_pct"].astype(float), "share_pct_high", 1, "%")
        colors = ["0.7" if r else "C0" for r in residual.loc[rows.index]]
        _barh(ax, labels, rows["share_pct"].astype(float).tolist(), texts, colors)
        ax.set_xlabel(style.t("Share of market (%)", "市场份额（%）"))
    else:
        import matplotlib as mpl

        rows = rows.assign(_source=[sources.by_figure[f] for f in rows["figure_id"]],
                           _text=_value_texts(rows, rows["share_pct"].astype(float),
                                              "share_pct_high", 1, "%"))
        entity_order = list(dict.fromkeys(rows["entity_id"]))
        cmap = mpl.colormaps["tab10"]
        color_of = {e: ("0.7" if str(e).casefold() in _RESIDUAL else cmap(i % 10))
                    for i, e in enumerate(entity_order)}
        bar_labels = []
        for y, sid in enumerate(reversed(sources.order)):
            left = 0.0
            for _, row in rows[rows["_source"] == sid].iterrows():
                share = float(row["share_pct"])
                seg = ax.barh(y, share, left=left, color=color_of[row["entity_id"]],
                              edgecolor="white",
                              label=names.entity(row["entity_id"]))
                ax.bar_label(seg, labels=[row["_text"]],
                             label_type="center", fontsize=8, color="white")
                left += share
            n = len(sources.order) - y
            bar_labels.append(f"[{n}]" if len(sources.order) > 1 else
                              style.t("share", "份额"))
        ax.set_yticks(range(len(sources.order)), bar_labels)
        ax.set_xlim(0, 100)
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        rank = {names.entity(e): i for i, e in enumerate(entity_order)}
        unique = dict(sorted(unique.items(), key=lambda item: rank.get(item[0], len(rank))))
        ax.legend(unique.values(), unique.keys(), loc="center left",
                  bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
        ax.set_xlabel(style.t("Share of market (%)", "市场份额（%）"))
    ax.set_title(style.t(f"Market shares: {names.market(market)}, {period}",
                         f"市场份额：{names.market(market)}，{period}"))
    _add_footnote(ax, sources)
    style.apply(ax)
    return ax


#: The column of an analysis row naming its top-level group (taotian_group -> alibaba_group).
#: market_share_trend follows a group by it; a table without it (data a user passes)
#: falls back to the registry's parent chain.
GROUP_COLUMN = "group_id"


def _trend_lines(rows: pd.DataFrame, entity, names: "_Names", market) -> pd.DataFrame:
    """The rows of a trend, each with the line it belongs to in ``_line``.

    Without ``entity``, one line per top-level group (``GROUP_COLUMN``), or per entity where
    the table has no group or a group has two units in one period. With ``entity``, one
    line: the rows of that entity's group or of the entity and every entity under it.
    """
    if entity is None:
        if GROUP_COLUMN not in rows.columns:
            return rows.assign(_line=rows["entity_id"])
        # One line per top-level group, so a series spans reorganisations (alibaba_group in
        # 2017, taotian_group in 2024); a group with two of its units in one period keeps
        # a line per unit, since one line cannot hold two points at one time.
        group = rows[GROUP_COLUMN].fillna(rows["entity_id"]).astype(str)
        crowded = rows.assign(_g=group).duplicated(["_g", "period"], keep=False)
        clash = set(group[crowded])
        return rows.assign(_line=[e if g in clash else g for g, e in zip(group, rows["entity_id"])])
    if GROUP_COLUMN in rows.columns:
        hit = rows[(rows[GROUP_COLUMN] == entity).fillna(False).astype(bool)
                   | (rows["entity_id"] == entity).fillna(False).astype(bool)]
    else:
        hit = rows[rows["entity_id"].isin(names.descendants(entity))]
    if hit.empty:
        raise PlotError(f"no market_shares rows for {entity!r} (or entities under it) "
                        f"in market {market!r}; entities there: "
                        f"{', '.join(sorted(rows['entity_id'].astype(str).unique()))}")
    return hit.assign(_line=entity)


def _period_midpoints(rows: pd.DataFrame, table: str) -> pd.Series:
    """Each row's period as one instant, the middle of ``period_start``..``period_end``,
    in matplotlib's date numbers: what puts 2007, 2017 and 2024 at their true distances."""
    import matplotlib.dates as mdates

    _require(rows, table, ["period_start", "period_end"])
    start = pd.to_datetime(rows["period_start"])
    end = pd.to_datetime(rows["period_end"])
    missing = rows.loc[start.isna() | end.isna(), "period"].astype(str).unique()
    if len(missing):
        raise PlotError(f"{table}: period(s) {', '.join(missing)} have no start and end dates, so they "
                        "cannot be placed on a time axis")
    middle = start + (end - start) / 2
    return pd.Series(mdates.date2num(middle.to_numpy()), index=rows.index)


def market_share_trend(market, entity=None, *, ax=None, lang: str = "en", data=None):
    """One market's shares across the periods the articles report, one line per entity, on a time axis.

    Each point sits at the middle of its period (``period_start`` to ``period_end``), so
    the distance between points is the time between them (2007 to 2017 is ten years
    wide, 2017 to 2024 seven); the x ticks are the period labels at those instants. With
    ``entity`` (an entity id), only that entity and the entities under it in the
    registry are drawn, as one line, and a point of another entity than ``entity`` is
    labelled with that entity's name (Taobao's 2007 share on Alibaba Group's line).
    Value labels carry the qualifier mark and, with several articles, the article's
    number in the footnote.

    Example::

        >>> import matplotlib.pyplot as plt
        >>> ax = market_share_trend("China e-commerce")
        >>> len(ax.lines) > 0
        True
        >>> plt.close("all")
    """
    style = _Style.for_lang(lang)
    frames = _frames(data, "market_shares")
    table = frames["market_shares"]
    _require(table, "market_shares", ["entity_id", "market", "period", "share_pct", "figure_id"])
    rows = _choose(table, "market", market, "market", "market_shares")
    names = _Names(frames, style)
    rows = _trend_lines(rows, entity, names, market)
    rows = rows.assign(_x=_period_midpoints(rows, "market_shares"))
    ticks = rows.drop_duplicates("period").sort_values("_x")
    sources = _sources_for(rows, frames, style, "market_shares")
    ax = _new_axes(ax, 4.8)
    _claim_axis(ax, ("market_shares", "share_pct"))
    labels = []  # (x, y, text, colour) of every point
    for line_id, group in rows.groupby("_line", sort=False):
        group = group.sort_values("_x")
        (line,) = ax.plot(group["_x"], group["share_pct"].astype(float), marker="o",
                          label=names.entity(line_id))
        texts = _value_texts(group, group["share_pct"].astype(float), "share_pct_high", 1, "%")
        for text, (_, row) in zip(texts, group.iterrows()):
            if row["entity_id"] != line_id:
                text = f"{names.entity(row['entity_id'])} {text}"
            labels.append((row["_x"], float(row["share_pct"]),
                           text + sources.marker(row["figure_id"]), line.get_color()))
    ymax = max(100.0, float(rows["share_pct"].max()) * 1.1)
    _label_points(ax, labels, close=ymax * _CLOSE_FRACTION)
    ax.set_xticks(ticks["_x"].tolist(), ticks["period"].astype(str).tolist())
    lo, hi = float(ticks["_x"].min()), float(ticks["_x"].max())
    pad = max((hi - lo) * 0.08, 180.0)  # days
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(0, ymax)
    ax.set_xlabel(style.t("Time (each point at the middle of its period)", "时间（各点位于其时期的中点）"))
    ax.set_ylabel(style.t("Share of market (%)", "市场份额（%）"))
    if entity is not None:
        ax.set_title(style.t(f"{names.entity(entity)}: share of {names.market(market)}",
                             f"{names.entity(entity)}在{names.market(market)}的份额"))
    else:
        ax.set_title(style.t(f"Market shares over time: {names.market(market)}",
                             f"{names.market(market)}市场份额变化"))
        ax.legend(fontsize=8)
    _add_footnote(ax, sources)
    style.apply(ax)
    return ax


# Points of one period closer than this fraction of the y axis get stacked labels: at
# the chart's usual height a label is about 5 % of the axis tall.
_CLOSE_FRACTION = 0.08
_LABEL_STEP_PT = 11  # vertical distance between stacked labels (8 pt text plus a gap)


def _label_points(ax, labels, close: float) -> None:
    """Value labels for line points. A point with no close neighbour at its x is labelled
    just above itself; where points of one x are close (19 %, 18 %, 17 %), all labels of
    that x are stacked in a column to the right, in the points' order, each joined to its
    point by a thin leader. The column's spacing is in points, so the labels stay apart
    however the figure is resized."""
    from matplotlib.transforms import offset_copy

    by_x: dict = {}
    for item in labels:
        by_x.setdefault(item[0], []).append(item)
    for x, items in by_x.items():
        items = sorted(items, key=lambda item: -item[1])
        ys = [item[1] for item in items]
        crowded = any(a - b < close for a, b in zip(ys, ys[1:]))
        if not crowded:
            for _, y, text, colour in items:
                ax.annotate(text, (x, y), xytext=(0, 6), textcoords="offset points",
                            ha="center", fontsize=8, gid="acm-value-label")
            continue
        centre = sum(ys) / len(ys)
        for i, (_, y, text, colour) in enumerate(items):
            dy = ((len(items) - 1) / 2 - i) * _LABEL_STEP_PT
            ax.annotate(text, (x, y), xytext=(x, centre), ha="left", va="center", fontsize=8,
                        textcoords=offset_copy(ax.transData, fig=ax.figure, x=14, y=dy,
                                               units="points"),
                        color=colour, gid="acm-value-label", annotation_clip=False,
                        arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6,
                                    "shrinkA": 1, "shrinkB": 3})


def _row_labels(rows, names: _Names, sources: _Sources) -> list[str]:
    """Entity, plus the period where the chart shows several, plus the article marker;
    rows that would still read alike (Alipay's users of two services) add their scope."""
    several_entities = rows["entity_id"].nunique() > 1
    several_periods = rows["period"].nunique() > 1
    labels = []
    for _, row in rows.iterrows():
        parts = [names.entity(row["entity_id"])] if several_entities or not several_periods \
            else []
        if several_periods or not several_entities:
            parts.append(str(row["period"]))
        labels.append(", ".join(parts))
    if "scope" in rows.columns:
        counts = pd.Series(labels).value_counts()
        labels = [f"{label}\n{_shorten(names.style, row_scope)}"
                  if counts[label] > 1 and _present(row_scope) else label
                  for label, row_scope in zip(labels, rows["scope"])]
    return [label + sources.marker(f) for label, f in zip(labels, rows["figure_id"])]


def _shorten(style: _Style, text, width: int = 48) -> str:
    """``text`` cut to ``width`` characters, dropping what the fonts cannot draw."""
    text = "".join(ch for ch in str(text) if style.drawable(ch))
    text = " ".join(text.replace("()", "").replace("（）", "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _sort_rows(rows: pd.DataFrame) -> pd.DataFrame:
    cols = ["entity_id"] + [c for c in ("period_start", "period_end") if c in rows.columns]
    return rows.sort_values(cols + ["period"], kind="stable")


def user_metrics(metric: str = "mau", *, entities=None, period=None, ax=None,
                 lang: str = "en", data=None):
    """Apps compared on one user metric (``mau``, ``dau``, ``wau``, ``users``, ...).

    One metric per chart: a list of several metrics is an error, and so is drawing a
    second metric onto an Axes that already shows one. Each bar is labelled with its
    entity where the chart has several and with its period where it has several (the
    scope too, where two bars would otherwise read alike); counts are in millions
    (English) or 亿 / 万 (Chinese).

    Example::

        >>> import matplotlib.pyplot as plt
        >>> ax = user_metrics("mau", entities=["doubao", "pinduoduo"])
        >>> len(ax.patches) > 0
        True
        >>> plt.close("all")
    """
    metric = _one_metric(metric, "user_metrics")
    style = _Style.for_lang(lang)
    frames = _frames(data, "user_metrics")
    table = frames["user_metrics"]
    _require(table, "user_metrics", ["entity_id", "metric", "user_count", "period", "figure_id"])
    rows = _choose(table, "metric", metric, "metric", "user_metrics")
    rows = _choose_many(rows, "entity_id", entities, f"entity with {metric!r}", "user_metrics")
    rows = _choose_many(rows, "period", period, f"period with {metric!r}", "user_metrics")
    rows = _sort_rows(rows)
    names = _Names(frames, style)
    sources = _sources_for(rows, frames, style, "user_metrics")
    ax = _new_axes(ax, max(3.0, 1.2 + 0.45 * len(rows)))
    _claim_axis(ax, ("user_metrics", metric))

    counts = rows["user_count"].astype(float)
    if style.lang == "zh":
        divisor, unit = (1e8, "亿") if counts.max() >= 1e8 else (1e4, "万")
    else:
        divisor, unit = 1e6, "millions"
    values = (counts / divisor).tolist()
    texts = _value_texts(rows, values, "user_count_high", divisor)
    _barh(ax, _row_labels(rows, names, sources), values, texts)
    ax.set_xlabel(style.t(f"{names.metric(metric)}, {unit}", f"{names.metric(metric)}（{unit}）"))
    ax.set_title(names.metric(metric) + (f", {period}" if isinstance(period, str) else ""))
    _add_footnote(ax, sources)
    style.apply(ax)
    return ax


_CURRENCY_ZH = {"CNY": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑", "KRW": "韩元", "TWD": "新台币"}
_SCALES = {"yi": (1e8, "100 million", "亿"), "bn": (1e9, "bn", "十亿")}


def financials(metric: str, *, entities=None, scale: str = "yi", currency=None, ax=None,
               lang: str = "en", data=None):
    """Amounts of one financial metric per entity and period, in 亿 or billions.

    ``scale="yi"`` divides by 10^8 (亿元), ``scale="bn"`` by 10^9 (CNY bn). The
    selection must be in one currency: pass ``currency="CNY"`` to pick one when the
    table holds several, otherwise the mix is an error, never a shared axis.

    Example::

        >>> import matplotlib.pyplot as plt
        >>> ax = financials("gmv", scale="bn")
        >>> len(ax.patches) > 0
        True
        >>> plt.close("all")
    """
    metric = _one_metric(metric, "financials")
    if scale not in _SCALES:
        raise PlotError(f"scale must be one of {sorted(_SCALES)}, not {scale!r}")
    style = _Style.for_lang(lang)
    frames = _frames(data, "financials")
    table = frames["financials"]
    _require(table, "financials", ["entity_id", "metric", "amount", "currency", "period",
                                   "figure_id"])
    rows = _choose(table, "metric", metric, "metric", "financials")
    rows = _choose_many(rows, "entity_id", entities, f"entity with {metric!r}", "financials")
    if currency is not None:
        rows = _choose(rows, "currency", currency, f"currency for {metric!r}", "financials")
    currencies = sorted(rows["currency"].astype(str).unique())
    if len(currencies) > 1:
        raise PlotError(f"financials {metric!r}: the selection mixes currencies "
                        f"{', '.join(currencies)}; pass currency= one of them "
                        "(amounts in different currencies never share an axis)")
    cur = currencies[0]
    rows = _sort_rows(rows)
    names = _Names(frames, style)
    sources = _sources_for(rows, frames, style, "financials")
    ax = _new_axes(ax, max(3.0, 1.2 + 0.45 * len(rows)))
    _claim_axis(ax, ("financials", metric, cur, scale))

    divisor, en_unit, zh_unit = _SCALES[scale]
    values = (rows["amount"].astype(float) / divisor).tolist()
    texts = _value_texts(rows, values, "amount_high", divisor)
    _barh(ax, _row_labels(rows, names, sources), values, texts)
    unit_zh = f"{zh_unit}{_CURRENCY_ZH.get(cur, cur)}"
    ax.set_xlabel(style.t(f"{names.metric(metric)}, {cur} {en_unit}",
                          f"{names.metric(metric)}（{unit_zh}）"))
    ax.set_title(style.t(f"{names.metric(metric)} ({cur})", f"{names.metric(metric)}（{cur}）"))
    _add_footnote(ax, sources)
    style.apply(ax)
    return ax


# --------------------------------------------------------------------------- command line


def _split(value):
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="acm plot", description="Draw a chart of the dataset, with its sources in a footnote, to a file. "
                                     "Run \"acm plot CHART --help\" for a chart's options.")
    sub = parser.add_subparsers(dest="chart", required=True, metavar="CHART", help="one of:")

    def common(p):
        p.add_argument("-o", "--output", required=True,
                       help="image file to write; the extension picks the format (.png, .svg, .pdf)")
        p.add_argument("--lang", choices=("en", "zh"), default="en",
                       help="label language; zh needs a CJK font and falls back to en without one "
                            "(default: %(default)s)")
        p.add_argument("--dpi", type=int, default=150, help="resolution of a raster image (default: %(default)s)")

    def entities(p):
        p.add_argument("--entities", metavar="ID,ID,...",
                       help="comma-separated entity ids (default: every entity with the metric)")

    p = sub.add_parser("market-shares", help="one market, one period",
                       description="Shares of one market in one period, one bar per row or one stacked bar "
                                   "per article.")
    p.add_argument("--market", required=True, help="a market of the market_shares table, e.g. 'China e-commerce'")
    p.add_argument("--period", help="a period label of that market (default: the latest)")
    p.add_argument("--kind", choices=("bar", "stacked"), default="bar",
                   help="bar: one bar per row; stacked: one 0-100%% bar per article (default: %(default)s)")
    common(p)
    p = sub.add_parser("market-share-trend", help="one market across periods, on a time axis",
                       description="One market's shares across the periods the articles report: one line per "
                                   "entity, each point at the middle of its period on a time axis.")
    p.add_argument("--market", required=True, help="a market of the market_shares table, e.g. 'China e-commerce'")
    p.add_argument("--entity", help="one entity id, drawn with the entities under it in the registry as one line "
                                    "(default: every entity, one line each)")
    common(p)
    p = sub.add_parser("user-metrics", help="apps compared on one user metric",
                       description="Apps compared on one user metric, one bar per entity and period.")
    p.add_argument("--metric", default="mau", help="mau, dau, wau, users, ... (default: %(default)s)")
    entities(p)
    p.add_argument("--period", help="one period label (default: every period)")
    common(p)
    p = sub.add_parser("financials", help="one financial metric per entity and period",
                       description="Amounts of one financial metric, one bar per entity and period, in one "
                                   "currency.")
    p.add_argument("--metric", required=True, help="a metric of the financials table: revenue, gmv, capex, ...")
    entities(p)
    p.add_argument("--scale", choices=tuple(_SCALES), default="yi",
                   help="yi: in 亿 (10^8); bn: in billions (10^9) (default: %(default)s)")
    p.add_argument("--currency", help="one currency code when the selection holds several "
                                      "(default: the only one there is)")
    common(p)
    return parser


def plot_command(argv=None) -> int:
    """``acm plot CHART ... -o FILE``: draw a chart to a file; returns the exit code.

    0 on success, 2 for a bad command line or a selection that cannot be drawn
    (the message names the valid choices), 1 when the file cannot be written.

    Example::

        >>> import tempfile
        >>> plot_command(["market-shares", "--market", "China e-commerce", "-o", tempfile.mkdtemp() + "/s.png"])
        /tmp/.../s.png
        0
    """
    import matplotlib

    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help or a usage error: argparse has printed why
        return int(exc.code or 0)
    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # a command line never needs a window
    import matplotlib.pyplot as plt

    try:
        if args.chart == "market-shares":
            ax = market_shares(args.market, args.period, kind=args.kind, lang=args.lang)
        elif args.chart == "market-share-trend":
            ax = market_share_trend(args.market, args.entity, lang=args.lang)
        elif args.chart == "user-metrics":
            ax = user_metrics(_split(args.metric), entities=_split(args.entities),
                              period=args.period, lang=args.lang)
        else:
            ax = financials(_split(args.metric), entities=_split(args.entities),
                            scale=args.scale, currency=args.currency, lang=args.lang)
    except PlotError as exc:
        print(f"acm plot: error: {exc}", file=sys.stderr)
        return 2
    import os

    # matplotlib appends its default format to a name without one: say the name it writes.
    if not os.path.splitext(args.output)[1]:
        args.output += "." + plt.rcParams["savefig.format"]
    try:
        ax.figure.savefig(args.output, dpi=args.dpi, bbox_inches="tight")
    except (OSError, ValueError) as exc:
        print(f"acm plot: error: cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    finally:
        plt.close(ax.figure)
    print(args.output)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(plot_command())
