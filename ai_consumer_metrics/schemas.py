"""The table schemas: one pandera ``DataFrameModel`` per table. The schema is the documentation.

Each field carries a ``description`` and ``metadata={"unit": ...}`` (``None`` where
the column has no unit). The build copies both into the Parquet files' Arrow field
metadata, and the data dictionary is generated from here, so a column is described
in exactly one place.

The models validate the DataFrames that :func:`ai_consumer_metrics.load` returns:
strings are pandas' ``str`` dtype (:func:`ai_consumer_metrics.store.string_dtype`;
missing = NaN, as ``pandas.read_parquet`` gives them), numbers ``float64``
(missing = NaN), offsets and counts ``int64``, flags ``bool``, dates
``datetime64[ms]`` (a calendar date at midnight; Parquet stores ``date32``).

This module imports pandera; the package's ``__init__`` never imports it.

Example::

    >>> from ai_consumer_metrics.schemas import SCHEMAS
    >>> figures = SCHEMAS["figures"].validate(acm.load("figures"))
    >>> figures.value.dtype
    dtype('float64')
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

# The analysis-table vocabularies live in the pandera-free checks (consistency.py),
# which the build and `acm validate` use without this module.
from ai_consumer_metrics.consistency import ANALYSIS_TABLES, GROWTH_BASES, GROWTH_UNITS, PERIOD_BASES
from ai_consumer_metrics.vocabulary import QUALIFIERS  # how sure the source is about the number

#: The status of a scanner mention in the coverage table.
COVERAGE_STATUSES = ("claimed", "dismissed", "auto")
#: Separator of the multi-valued string columns (authors, aliases, allowed_units, figure_ids).
LIST_SEPARATOR = "; "

#: Targets of the foreign keys (``references=`` of a field): "table.column".
SOURCE, ENTITY, METRIC, FIGURE = "sources.source_id", "entities.entity_id", "metrics.metric_id", "figures.figure_id"

String = Series[pd.StringDtype]
Float = Series[np.float64]
Int = Series[np.int64]
Bool = Series[bool]
Date = Series[pa.DateTime]


def _f(description: str, unit: str | None = None, *, references: str | None = None, **kwargs) -> object:
    # ``references`` ("table.column") declares a foreign key: datapackage.json carries it
    # and validate_tables checks it, from this one declaration.
    metadata = {"unit": unit} if references is None else {"unit": unit, "references": references}
    return pa.Field(description=description, metadata=metadata, **kwargs)


def _nullable(description: str, unit: str | None = None, **kwargs) -> object:
    return _f(description, unit, nullable=True, **kwargs)


class _Table(pa.DataFrameModel):
    """What every table's model says: exactly these columns, in this order."""

    class Config:
        strict = True
        ordered = True


class Figures(_Table):
    """One row per figure: a number an archived article states, cited to the character."""

    figure_id: String = _f(
        "Stable identifier: the first 12 hex digits of sha256 over source_id, value_start, "
        "value_end, entity_id and metric. Unchanged by rebuilds.", unique=True,
        str_matches=r"^[0-9a-f]{12}$")
    source_id: String = _f("The archived article the figure is quoted from (sources.source_id).", references=SOURCE)
    entity_id: String = _f("Who or what the figure is about (entities.entity_id).", references=ENTITY)
    metric: String = _f("What is measured (metrics.metric_id).", references=METRIC)
    value: Float = _f("The figure in base units, as the text prints it: 7.5亿 is 750000000.0, 35.8% is "
                      "35.8, and a fall worded as a fall keeps its printed size (下滑1% is 1.0; the "
                      "growth table signs it -1.0). The low end for a range.", "see column unit")
    value_high: Float = _nullable("The high end of a range (NaN unless the text gives a range).",
                                  "see column unit")
    unit: String = _f("Unit of value: CNY, USD, HKD, percent, percentage_points, multiple, times, "
                      "persons, person_times, establishments, items, orders, pieces, shares, units, ... "
                      "(the scanner's vocabulary, ai_consumer_metrics.vocabulary.UNITS)")
    unit_implied: Bool = _f("True where the unit comes from context, not from the text: a bare "
                            "magnitude (9000亿的GMV read as CNY), a bare '$' read as the dollar "
                            "the context means ($77.35 on 9988.HK read as HKD; the note gives the "
                            "other reading), or a Taiwan or Hong Kong article's bare 元 read as "
                            "its own dollar (營收500億元 as TWD).")
    qualifier: String = _f("How the source hedges the number: exact, approx (约, 近), "
                           "at_least (超过, 以上), at_most (不到, 以内).", isin=QUALIFIERS)
    period: String = _f("The period the figure refers to, as a canonical label: a year (2023), a quarter "
                        "(2024Q2), a fiscal quarter or year (FY2026Q2, FY2024), a month (2025-01), a span "
                        "(2024Q4/2025Q3), a day the figure stands as of (as of 2026-02-10), an event "
                        "(Double 11 2020). The dates are in period_start and period_end.")
    period_start: Date = _f("First day of the period.", "date")
    period_end: Date = _f("Last day of the period (inclusive).", "date")
    scope: String = _f("The market or segment the figure covers, e.g. 'China e-commerce apps'.")
    quote: String = _f("The verbatim sentence or clause of the archived text that states the figure.")
    quote_start: Int = _f("Offset of the quote in the archived text (Python str index, "
                          "text[quote_start:quote_end] == quote).", "characters", ge=0)
    quote_end: Int = _f("End offset (exclusive) of the quote in the archived text.", "characters", ge=0)
    value_text: String = _f("The words of the figure itself inside the quote (e.g. 约1.55亿元).")
    value_start: Int = _f("Offset of value_text in the archived text.", "characters", ge=0)
    value_end: Int = _f("End offset (exclusive) of value_text in the archived text.", "characters", ge=0)
    attributed_to: String = _nullable("Who the article credits for the number (QuestMobile, 艾瑞咨询); "
                                      "null where the article itself states it.")
    via: String = _nullable("The intermediate publisher the article took the number from (新浪财经).")
    reference: String = _nullable("The article's own reference-list entry for the number, e.g. [3] "
                                  "(see the source_references table).")
    note: String = _nullable("Curator's note: doubts, disagreements with other sources, context.")

    class Config:
        description = "Every figure in the archived article bodies, one row per claim, with its exact quote and offsets."

    @pa.dataframe_check(error="quote_end must be greater than quote_start")
    def quote_span(cls, df: pd.DataFrame) -> pd.Series:
        return df["quote_end"] > df["quote_start"]

    @pa.dataframe_check(error="value_text must lie inside the quote: "
                              "quote_start <= value_start < value_end <= quote_end")
    def value_inside_quote(cls, df: pd.DataFrame) -> pd.Series:
        return ((df["value_start"] >= df["quote_start"]) & (df["value_end"] <= df["quote_end"])
                & (df["value_end"] > df["value_start"]))

    @pa.dataframe_check(error="period_end must not be before period_start")
    def period_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["period_end"] >= df["period_start"]

    @pa.dataframe_check(error="value_high, where given, must be >= value")
    def range_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_high"].isna() | (df["value_high"] >= df["value"])

    @pa.dataframe_check(error="value must be a finite number")
    def value_finite(cls, df: pd.DataFrame) -> pd.Series:
        return pd.Series(np.isfinite(df["value"].to_numpy()), index=df.index)


class Sources(_Table):
    """One row per archived article, from its metadata file."""

    source_id: String = _f("Identifier of the archived article: data/sources/<source_id>.txt.", unique=True)
    title: String = _f("Title as the article gives it.")
    publisher: String = _nullable("Who published the article (the outlet or author account); null where "
                                  "the text names none (never guessed).")
    publisher_en: String = _nullable("The publisher's name in English or romanised (壹览商业 -> Yilan Shangye), "
                                     "for readers and charts without Chinese fonts; null where the "
                                     "publisher is null or has no English name recorded.")
    platform: String = _nullable("The site that carried it, where different from the publisher.")
    authors: String = _nullable("Authors, separated by '; ' (null where none are named).")
    published: Date = _f("Publication date (the 1st of the month where published_precision is month).", "date")
    published_precision: String = _f("Precision of published: day, month or year.",
                                     isin=("day", "month", "year"))
    published_estimated: Bool = _f("True where the article carries no date and published is an estimate.")
    published_note: String = _nullable("Why and how the date was estimated.")
    url: String = _nullable("Where the article was found, where known.")
    language: String = _f("Language of the text (BCP 47), e.g. zh.")
    script: String = _f("Script of the text: Hans (simplified) or Hant (traditional).", isin=("Hans", "Hant"))
    sha256: String = _f("sha256 of the archived file's bytes (hex).", str_matches=r"^[0-9a-f]{64}$")
    body_start: Int = _f("Offset where the article body starts (ads, navigation outside).", "characters", ge=0)
    body_end: Int = _f("Offset (exclusive) where the article body ends.", "characters", ge=0)
    rights: String = _f("Rights statement for the quoted text.")
    notes: String = _nullable("Curator's notes on the source.")
    n_figures: Int = _f("Number of rows of figures quoting this source.", "rows", ge=0)

    class Config:
        description = "The archived articles every figure is quoted from, with their metadata."

    @pa.dataframe_check(error="body_end must be greater than body_start")
    def body_span(cls, df: pd.DataFrame) -> pd.Series:
        return df["body_end"] > df["body_start"]


class References(_Table):
    """One row per entry of an article's own reference list."""

    source_id: String = _f("The article whose reference list this is (sources.source_id).", references=SOURCE)
    n: Int = _f("Number of the entry in the list: [n] in the text.", ge=1)
    publisher: String = _f("Publisher the entry names.")
    title: String = _f("Title the entry names.")
    url: String = _nullable("URL the entry gives, where any.")

    class Config:
        unique = ["source_id", "n"]
        description = "The articles' own reference lists, which figures.reference points into."


class Entities(_Table):
    """The entity registry (data/entities.toml) as a table."""

    entity_id: String = _f("snake_case identifier.", unique=True, str_matches=r"^[a-z0-9_]+$")
    name_en: String = _f("English name.")
    name_zh: String = _f("Chinese name.")
    kind: String = _f("company, business_group, app, product, market or other.")
    category: String = _f("Line of business the figures are about, to compare like with like: ai_assistant, "
                          "super_app, shopping, content_platform, ticketing, membership, cloud, "
                          "enterprise_software, fintech, internet_group, other (data/entities.toml says what "
                          "each means).", str_matches=r"^[a-z_]+$")
    parent: String = _nullable("entity_id of the parent (Alipay → Ant Group).", references=ENTITY)
    aliases: String = _nullable("Other names in the texts, separated by '; ' (千问; 通义千问; Qwen).")
    fiscal_year_end: String = _f("Last day of the fiscal year, MM-DD (Alibaba: 03-31).",
                                 str_matches=r"^\d\d-\d\d$")
    market_name: String = _nullable("For a market: its name in market_shares.market (China e-commerce).")
    note: String = _nullable("Curator's note.")

    class Config:
        description = "Companies, apps, products and markets the figures are about."


class Metrics(_Table):
    """The metric registry (data/metrics.toml) as a table."""

    metric_id: String = _f("Identifier (mau, market_share, capex, ...).", unique=True)
    name: String = _f("Short English name.")
    description: String = _f("What exactly is measured.")
    allowed_units: String = _f("Units a figure of this metric may have, separated by '; '.")
    table: String = _f("The analysis table the metric lands in.", isin=ANALYSIS_TABLES)
    note: String = _nullable("Curator's note.")

    class Config:
        description = "What the figures measure, with the units each metric allows."


class Coverage(_Table):
    """One row per scanner mention in an article body, and what became of it."""

    source_id: String = _f("The archived article (sources.source_id).", references=SOURCE)
    start: Int = _f("Offset of the mention in the archived text.", "characters", ge=0)
    end: Int = _f("End offset (exclusive) of the mention.", "characters", ge=0)
    text: String = _f("The mention as it stands in the text.")
    kind: String = _f("What the scanner took it for: quantity, range, date, time, duration, "
                      "ordinal, identifier, reference, list_number.")
    value: Float = _nullable("The scanner's value in base units (the low end of a range; NaN where none).",
                             "see column unit")
    value_high: Float = _nullable("The scanner's high end of a range (NaN unless a range).", "see column unit")
    unit: String = _nullable("The scanner's unit ('' for a bare magnitude).")
    qualifier: String = _nullable("The scanner's qualifier.", isin=QUALIFIERS)
    status: String = _f("claimed (a figure row), dismissed (by a person, with a reason) or "
                        "auto (a non-figure kind).", isin=COVERAGE_STATUSES)
    reason: String = _nullable("Why the mention is not a figure: the dismissal reason, or the kind "
                               "for auto; null where claimed.")
    figure_ids: String = _nullable("The figure_id(s) claiming the mention, separated by '; '.")
    note: String = _nullable("The dismissal's note.")

    class Config:
        unique = ["source_id", "start", "end"]
        description = "Every number the scanner finds in the article bodies, claimed, dismissed or auto-dismissed."

    @pa.dataframe_check(error="end must be greater than start")
    def span(cls, df: pd.DataFrame) -> pd.Series:
        return df["end"] > df["start"]

    @pa.dataframe_check(error="claimed rows need figure_ids; others need a reason")
    def status_fields(cls, df: pd.DataFrame) -> pd.Series:
        claimed = df["status"] == "claimed"
        return (claimed & df["figure_ids"].notna()) | (~claimed & df["reason"].notna())


#: Every table the build writes, in manifest order.
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "figures": Figures,
    "sources": Sources,
    "source_references": References,
    "entities": Entities,
    "metrics": Metrics,
    "coverage": Coverage,
}


def table_description(name: str) -> str:
    """The one-line description of a table, from its model's Config.

    Example::

        >>> table_description("figures")[:12]
        'Every figure'
    """
    return SCHEMAS[name].to_schema().description


def fields(name: str) -> list[dict]:
    """The columns of a table: name, dtype, nullable, description, unit, references.

    ``references`` is the ``table.column`` a foreign-key column points at (None for
    other columns).

    Example::

        >>> fields("figures")[0]["name"]
        'figure_id'
    """
    out = []
    for col_name, col in SCHEMAS[name].to_schema().columns.items():
        out.append({
            "name": col_name,
            "dtype": _kind(col.dtype),
            "nullable": bool(col.nullable),
            "description": col.description,
            "unit": (col.metadata or {}).get("unit"),
            "references": (col.metadata or {}).get("references"),
        })
    return out


def foreign_keys() -> list[tuple[str, str, str, str]]:
    """Every declared foreign key: (table, column, referenced table, referenced column).

    Example::

        >>> ("figures", "source_id", "sources", "source_id") in foreign_keys()
        True
    """
    out = []
    for name in SCHEMAS:
        for f in fields(name):
            if f["references"]:
                target, target_column = f["references"].split(".")
                out.append((name, f["name"], target, target_column))
    return out


def _kind(dtype: object) -> str:
    text = str(dtype)
    if text.startswith("string"):
        return "string"
    if text.startswith("datetime64"):
        return "date"
    if text in ("float64", "int64", "bool"):
        return text
    raise TypeError(f"schemas: no storage type for dtype {text}")


def arrow_schema(name: str):
    """The Arrow schema the build writes for a table, with each field's description
    (and unit, where it has one) in the field metadata.

    The same texts are repeated as plain file-level key-value entries,
    ``description.<column>`` and ``unit.<column>``, because Arrow field metadata
    lives inside the encoded ``ARROW:schema`` entry that only pyarrow decodes,
    while DuckDB (``parquet_kv_metadata``) and polars (``read_parquet_metadata``)
    read the plain entries.

    Example::

        >>> arrow_schema("figures").field("value").metadata[b"unit"]
        b'see column unit'
        >>> arrow_schema("figures").metadata[b"unit.value"]
        b'see column unit'
    """
    import pyarrow as pa_

    types = {"string": pa_.string(), "float64": pa_.float64(), "int64": pa_.int64(),
             "bool": pa_.bool_(), "date": pa_.date32()}
    out = []
    file_meta = {b"description": table_description(name).encode("utf-8")}
    for f in fields(name):
        meta = {b"description": f["description"].encode("utf-8")}
        if f["unit"]:
            meta[b"unit"] = f["unit"].encode("utf-8")
        out.append(pa_.field(f["name"], types[f["dtype"]], nullable=f["nullable"], metadata=meta))
        for key, value in meta.items():
            file_meta[key + b"." + f["name"].encode("utf-8")] = value
    return pa_.schema(out, metadata=file_meta)


def validate_tables(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Check every table against its schema and the tables against each other.

    Returns one line per problem (empty when all is well); never raises on bad data.

    Example::

        >>> frames = {n: acm.load(n) for n in SCHEMAS}
        >>> validate_tables(frames)
        []
        >>> frames["figures"] = frames["figures"].assign(metric="no_such_metric")
        >>> validate_tables(frames)[:1]
        ['figures.metric: unknown no_such_metric']
    """
    errors: list[str] = []
    for name, model in SCHEMAS.items():
        if name not in frames:
            errors.append(f"{name}: table missing")
            continue
        try:
            model.validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            for row in exc.failure_cases.head(50).itertuples(index=False):
                errors.append(f"{name}: column {row.column} failed {row.check}: {row.failure_case!r}"
                              + ("" if row.index is None or pd.isna(row.index) else f" (row {row.index})"))
        except pa.errors.SchemaError as exc:
            errors.append(f"{name}: {exc}".splitlines()[0])
    if errors:
        return errors
    return _cross_checks(frames)


def _cross_checks(frames: dict[str, pd.DataFrame]) -> list[str]:
    errors: list[str] = []
    fig, src, met = frames["figures"], frames["sources"], frames["metrics"]

    def missing(column: pd.Series, valid: pd.Series, what: str) -> None:
        bad = sorted(set(column.dropna()) - set(valid))
        if bad:
            errors.append(f"{what}: unknown {', '.join(map(str, bad))}")

    for name, column, target, target_column in foreign_keys():
        if name in frames and target in frames:
            missing(frames[name][column], frames[target][target_column], f"{name}.{column}")

    allowed = {m: set(u.split(LIST_SEPARATOR)) for m, u in zip(met["metric_id"], met["allowed_units"])}
    for fid, m, u in zip(fig["figure_id"], fig["metric"], fig["unit"]):
        if m in allowed and u not in allowed[m]:
            errors.append(f"figures {fid}: unit {u} not allowed for metric {m}")

    counts = fig["source_id"].value_counts()
    for sid, n in zip(src["source_id"], src["n_figures"]):
        if int(counts.get(sid, 0)) != int(n):
            errors.append(f"sources {sid}: n_figures is {n} but figures has {int(counts.get(sid, 0))} rows")

    bounds = dict(zip(src["source_id"], zip(src["body_start"], src["body_end"])))
    for fid, sid, qs, qe in zip(fig["figure_id"], fig["source_id"], fig["quote_start"], fig["quote_end"]):
        if sid in bounds and not (bounds[sid][0] <= qs and qe <= bounds[sid][1]):
            errors.append(f"figures {fid}: quote {qs}-{qe} outside the body of {sid}")

    claimed = set()
    for ids in frames["coverage"]["figure_ids"].dropna():
        claimed.update(ids.split(LIST_SEPARATOR))
    ids = set(fig["figure_id"])
    if claimed != ids:
        for fid in sorted(claimed - ids):
            errors.append(f"coverage: claims unknown figure {fid}")
        for fid in sorted(ids - claimed):
            errors.append(f"figures {fid}: no coverage row claims it")
    return errors


# ---------------------------------------------------------------- analysis tables
# Derived from figures by extract/analysis.py; one row per figure, routed by the
# metric's table. The columns every analysis table shares are declared once, in the
# mixins below. pandera orders inherited columns by the reversed method resolution
# order, so a table lists its mixins from its last group of columns to its first:
# ``class T(_Cited, _Scoped, _Dated, _TValues, _Measure, _Who)`` gives who, metric,
# values, period, scope, citation. A table redeclares a shared column only to word
# its description for that table; the column keeps its inherited position.


class _Who(_Table):
    entity_id: String = _f("Who or what the figure is about (entities.entity_id).", references=ENTITY)
    group_id: String = _f("The top-level group of entity_id: entities.parent followed to the top "
                          "(taotian_group → alibaba_group; the entity itself where it has no parent). "
                          "Group by it to follow a company across reorganisations.", references=ENTITY)


class _Measure(_Table):
    metric: String


class _Dated(_Table):
    period: String = _f("The period the figure refers to (figures.period).")
    period_start: Date = _f("First day of the period.", "date")
    period_end: Date = _f("Last day of the period (inclusive).", "date")
    period_basis: String = _f("Where the period comes from: stated (the quote writes the date), "
                              "publication (the quote does not; the period ends on the article's "
                              "date, a present-tense figure), context (elsewhere: the article around "
                              "the quote, a reference, the curator's reading; see note). Filter "
                              "period_basis == 'stated' for periods the text itself states.",
                              isin=PERIOD_BASES)

    @pa.dataframe_check(error="period_end must not be before period_start")
    def period_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["period_end"] >= df["period_start"]


class _Scoped(_Table):
    scope: String = _f("The market or segment the figure covers.")


class _Cited(_Table):
    qualifier: String = _f("How the source hedges the number: exact, approx, at_least, at_most.",
                           isin=QUALIFIERS)
    note: String = _nullable("The curator's note on the figure (figures.note): doubts, the alternative "
                             "reading where the period or unit is an interpretation, context. Read it "
                             "before using the number.")
    source_id: String = _f("The archived article the figure is quoted from (sources.source_id).", references=SOURCE)
    figure_id: String = _f("The figure this row is (figures.figure_id): acm.cite(figure_id) gives its citation.",
                           references=FIGURE, unique=True, str_matches=r"^[0-9a-f]{12}$")


class _Market(_Table):
    market: String = _f("The market the share is of, as the figure's scope gives it (e.g. 'China e-commerce').")


class _ShareValues(_Table):
    share_pct: Float = _f("Share of the market, in percent (35.8 is 35.8 %). The low end of a range.",
                          "percent", ge=0, le=100)
    share_pct_high: Float = _nullable("High end of a range of shares (NaN unless a range).", "percent",
                                      ge=0, le=100)


class MarketShares(_Cited, _Dated, _ShareValues, _Market, _Who):
    """One row per market-share figure."""

    entity_id: String = _f("Who holds the share (entities.entity_id); 'others' is the residual of a split.",
                           references=ENTITY)
    period: String = _f("The period the share refers to (figures.period).")

    class Config:
        description = ("Market shares: entity, market, period, share in percent; within one market and "
                       "period the shares add up to at most 100 %.")


class _UserValues(_Table):
    user_count: Float = _f("The count in base units (7.5亿 is 750000000.0). The low end of a range. "
                           "Signed for a *_change metric: a fall is negative.", "see column unit")
    user_count_high: Float = _nullable("High end of a range (NaN unless a range).", "see column unit")
    unit: String = _f("Unit of user_count: persons, person_times or units.")


class UserMetrics(_Cited, _Scoped, _Dated, _UserValues, _Measure, _Who):
    """One row per user-count figure (MAU, DAU, WAU, users, ...)."""

    entity_id: String = _f("The app, product or company counted (entities.entity_id).", references=ENTITY)
    metric: String = _f("What is counted: mau, dau, wau, users, ... (metrics.metric_id). "
                        "Never mix metrics in one sum or chart.", references=METRIC)
    period: String = _f("The period the count refers to (figures.period).")

    class Config:
        description = "User counts: monthly, daily and weekly actives and other user numbers, with the metric beside each count."


def _currency_doubt() -> object:
    return _f("True where the currency is a reading from context, not a word of the text "
              "(figures.unit_implied): a bare magnitude read as a currency, a bare '$', which "
              "does not say whose dollar, or a bare 元 read as the Taiwan, Hong Kong or Macau "
              "dollar (the note gives the other reading).")


class _MoneyValues(_Table):
    amount: Float = _f("The amount in currency units (约1200亿元 is 120000000000.0). The low end of a range.",
                       "see column currency")
    amount_high: Float = _nullable("High end of a range (NaN unless a range).", "see column currency")
    currency: String = _f("ISO 4217 currency of amount: CNY, USD, HKD, and any other code the scanner reads (JPY, EUR, GBP, KRW, TWD).", str_matches=r"^[A-Z]{3}$")
    currency_doubt: Bool = _currency_doubt()


class Financials(_Cited, _Scoped, _Dated, _MoneyValues, _Measure, _Who):
    """One row per money figure (revenue, profit, capex, R&D, GMV, subsidies, ...)."""

    entity_id: String = _f("The company, group or business (entities.entity_id).", references=ENTITY)
    metric: String = _f("What the money is: revenue, net_profit, capex, capex_plan, rd_spend, gmv, "
                        "subsidy, ... (metrics.metric_id).", references=METRIC)
    period: String = _f("The period the amount refers to (figures.period).")
    scope: String = _f("What the amount covers (segment, plan horizon).")

    class Config:
        description = "Money figures: revenue, profit, capex and capex plans, R&D, GMV, subsidies, with ISO currency."


class _GrowthValues(_Table):
    change: Float = _f("The signed change: 34.0 with change_unit percent is +34 %, and a fall the text "
                       "words as a fall is negative (下滑1% is -1.0, 骤降85% is -85.0; figures.value keeps "
                       "the printed 1.0). The low end of a range; qualifier bounds the signed value "
                       "(下降超过5% is at_most -5.0).",
                       "see column change_unit")
    change_high: Float = _nullable("High end of a range (NaN unless a range).", "see column change_unit")
    change_unit: String = _f("Unit of change: percent (relative), percentage_points, or multiple (x times).",
                             isin=GROWTH_UNITS)
    basis: String = _f("What the change compares against: yoy (同比, same period a year earlier), "
                       "sequential (环比, the period before), cagr (compound annual rate), or unspecified. "
                       "Taken from, in order: the metric id, the basis word nearest the figure in the "
                       "quote, the figure's scope and note, the metric's note in the registry.",
                       isin=GROWTH_BASES)


class Growth(_Cited, _Scoped, _Dated, _GrowthValues, _Measure, _Who):
    """One row per growth figure: a change in percent, percentage points or a multiple."""

    entity_id: String = _f("Whose figure changed (entities.entity_id).", references=ENTITY)
    metric: String = _f("What changed: revenue_growth, gmv_growth, user_growth, ... (metrics.metric_id).",
                        references=METRIC)
    period: String = _f("The period the change refers to (figures.period).")
    scope: String = _f("What the change covers (segment, market).")

    class Config:
        description = "Growth figures: change in percent, percentage points or a multiple, with its basis (yoy, ...)."


class _OtherValues(_Table):
    value: Float = _f("The figure in base units. The low end of a range.", "see column unit")
    value_high: Float = _nullable("High end of a range (NaN unless a range).", "see column unit")
    unit: String = _f("Unit of value (establishments, items, orders, persons, percent, USD, ...).")
    currency_doubt: Bool = _currency_doubt()


class OtherFigures(_Cited, _Scoped, _Dated, _OtherValues, _Measure, _Who):
    """Every figure that is not a share, a user count, money or growth: merchants, hospitals,
    benefits, orders, employees, share prices, ... as the source gives it."""

    metric: String = _f("What is measured: merchants, hospitals, member_benefits, daily_orders, "
                        "employees, ... (metrics.metric_id).", references=METRIC)

    class Config:
        description = "All other figures (merchants, hospitals, benefits, orders, employees, ...), value and unit as the source gives them."


#: The analysis tables, built from figures by extract/analysis.py.
ANALYSIS_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "market_shares": MarketShares,
    "user_metrics": UserMetrics,
    "financials": Financials,
    "growth": Growth,
    "other_figures": OtherFigures,
}
SCHEMAS.update(ANALYSIS_SCHEMAS)
