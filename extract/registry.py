"""The entity and metric registries: ``data/entities.toml`` and ``data/metrics.toml``.

Every figure names an entity (who the number is about) and a metric (what the
number measures). Both registries are plain TOML, one ``[id]`` table per entry in
alphabetical order, so that two people appending entries touch different lines.
This module reads them with :mod:`tomllib` and validates each entry with a pydantic
model (:class:`EntityEntry`, :class:`MetricEntry`: strict types, no unknown keys),
then checks what spans entries (parents exist, no cycles, names unique). Every
problem is one line naming the file, the entry and the key; a
:class:`RegistryError` carries all of a file's problems at once.

Markets are entities too: an entity of kind ``market`` that declares a
``market_name`` is the market a market share's ``scope`` names
(:func:`load_markets`), so a made-up market is refused with a suggestion.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> entities = load_entities()
    >>> entities["alipay"].parent
    'ant_group'
    >>> entities["doubao"].category
    'ai_assistant'
    >>> load_metrics()["mau"].allowed_units
    ('persons',)
"""
from __future__ import annotations

from extract import REPO_ROOT

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from ai_consumer_metrics.vocabulary import ANALYSIS_TABLES as METRIC_TABLES, CURRENCIES
from ai_consumer_metrics.vocabulary import DOLLAR
from ai_consumer_metrics.vocabulary import UNITS as _SCANNER_UNITS
from extract.engine import rel_path
from extract.validation import STRICT, NonEmpty, one_line, problems, suggest

__all__ = [
    "ENTITY_CATEGORIES",
    "ENTITY_KINDS",
    "METRIC_TABLES",
    "UNITS",
    "Entity",
    "EntityEntry",
    "Metric",
    "MetricEntry",
    "RegistryError",
    "TABLE_UNITS",
    "alias_index",
    "ancestors",
    "load_entities",
    "load_markets",
    "load_metrics",
    "market_index",
    "unknown_markets",
]

_DATA = REPO_ROOT / "data"
ENTITIES_PATH = _DATA / "entities.toml"
METRICS_PATH = _DATA / "metrics.toml"

ENTITY_KINDS = ("company", "business_group", "app", "product", "market", "other")

#: What line of business an entity's figures are about, so that like is compared with
#: like: AI assistants apart from super-apps and shopping apps. Independent of ``kind``
#: (what the entity is: company, app, ...): ``kind = "app"`` holds Alipay and Taobao as
#: well as Doubao. A company whose one app carries its figures takes the app's category.
ENTITY_CATEGORIES = {
    "ai_assistant": "consumer AI assistants (chat, search, health, finance) and the units that run them",
    "super_app": "an app bundling payments, services and third-party mini-programs",
    "shopping": "e-commerce: marketplaces, retailers, shopping channels and their markets",
    "content_platform": "short-video, social and content-community platforms",
    "ticketing": "tickets for shows, sports and cinema",
    "membership": "a platform's membership or loyalty programme",
    "cloud": "cloud computing and AI infrastructure, and its markets",
    "enterprise_software": "software and technology sold to businesses (databases, blockchain, IoT)",
    "fintech": "payments, wealth management, credit and other financial technology",
    "internet_group": "a diversified internet company with several lines of business",
    "other": "none of these: a market's residual share, a surveyed population",
    "unclassified": "not classified yet (the default; the shipped registry has none)",
}

#: Units as the scanner (:mod:`extract.scanner`) names them. A metric may
#: only allow units from this vocabulary, so a declared unit can always be compared
#: with the scanner's reading. The bare magnitude ``""`` is deliberately absent: a
#: metric says what its numbers count, and ``unit_implied`` covers bare mentions.
# A metric's units are what a figure is stored in: never a bare magnitude, and never the
# scanner's undecided "dollar" (a declaration names which dollar, with unit_implied=True).
UNITS = _SCANNER_UNITS - {"", DOLLAR}
#: Any ISO 4217 code the scanner reads (vocabulary.CURRENCIES) may stand in ``financials``.

#: Units each analysis table can hold (``other_figures`` takes any known unit). A
#: metric whose units its table cannot hold would only fail later, in the build.
TABLE_UNITS = {
    "market_shares": frozenset({"percent"}),
    "user_metrics": frozenset({"persons", "person_times", "units"}),
    "financials": CURRENCIES,
    "growth": frozenset({"percent", "percentage_points", "multiple"}),
    "other_figures": UNITS,
}

_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_FYE_RE = re.compile(r"^(\d\d)-(\d\d)$")
_UNIT_LIST = tuple(sorted(UNITS))


class RegistryError(Exception):
    """A registry file is missing, not TOML, or has invalid entries.

    Each argument is one problem, one line naming the file, the entry and the key;
    ``str()`` gives them one per line. Example::

        >>> print(RegistryError("a.toml: [x] kind ...", "a.toml: [y] note ..."))
        a.toml: [x] kind ...
        a.toml: [y] note ...
    """

    def __str__(self) -> str:
        return "\n".join(map(str, self.args))


@dataclass(frozen=True)
class Entity:
    """Who or what a figure is about: a company, business group, app, product or market.

    ``parent`` is the ``entity_id`` of the owner (``None`` at the top);
    ``fiscal_year_end`` is ``"MM-DD"`` and anchors ``FY`` periods for this entity;
    ``category`` is one of :data:`ENTITY_CATEGORIES`; ``market_name`` is set on a
    market the figures name in their ``scope`` (``"China e-commerce"``).
    """

    entity_id: str
    name_en: str
    name_zh: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...]
    fiscal_year_end: str
    note: str
    category: str = "unclassified"
    market_name: str | None = None
    unreviewed: bool = False


@dataclass(frozen=True)
class Metric:
    """What a figure measures, the units it may carry and the analysis table it lands in.

    ``event`` marks a one-off event (an announced plan) whose amount identifies it,
    which ``acm.conflicts()`` checks for being dated differently by two sources.
    """

    metric_id: str
    name: str
    description: str
    allowed_units: tuple[str, ...]
    table: str
    note: str
    event: bool = False
    unreviewed: bool = False


class EntityEntry(BaseModel):
    """One ``[entity_id]`` table of ``data/entities.toml``: its keys and what each must hold.

    Example::

        >>> EntityEntry.model_validate({"name_en": "Doubao", "name_zh": "豆包", "kind": "app",
        ...                             "category": "ai_assistant"}).fiscal_year_end
        '12-31'
    """

    model_config = STRICT
    entity_id: str | None = Field(None, description="a string: the table's own name (optional)")
    name_en: NonEmpty = Field(description="a non-empty string")
    name_zh: NonEmpty = Field(description="a non-empty string")
    kind: Literal[ENTITY_KINDS] = Field(description=f"one of {', '.join(ENTITY_KINDS)}")
    category: Literal[tuple(ENTITY_CATEGORIES)] = Field(
        "unclassified", description=f"one of {', '.join(ENTITY_CATEGORIES)}")
    parent: str = Field("", description="a string: the entity_id of the owner")
    aliases: list[NonEmpty] = Field([], description="a list of non-empty strings")
    fiscal_year_end: str = Field("12-31", description='a string "MM-DD"')
    market_name: NonEmpty | None = Field(None, description="a non-empty string")
    note: str = Field("", description="a string")
    unreviewed: bool = Field(False, description="true or false: proposed by `python -m extract new`, not yet checked")

    @field_validator("fiscal_year_end")
    @classmethod
    def _real_day(cls, value: str) -> str:
        m = _FYE_RE.match(value)
        try:
            if not m:
                raise ValueError
            date(2001, int(m[1]), int(m[2]))  # a non-leap year: 02-29 cannot end every fiscal year
        except ValueError:
            raise ValueError(f"{value!r} is not a valid MM-DD day (31 March is \"03-31\")") from None
        return value

    @model_validator(mode="after")
    def _market_name_on_markets(self) -> EntityEntry:
        if self.market_name is not None and self.kind != "market":
            raise ValueError(f"market_name {self.market_name!r} needs kind = \"market\", not {self.kind!r}")
        return self


class MetricEntry(BaseModel):
    """One ``[metric_id]`` table of ``data/metrics.toml``: its keys and what each must hold.

    Example::

        >>> MetricEntry.model_validate({"name": "MAU", "description": "Monthly actives.",
        ...                             "allowed_units": ["persons"], "table": "user_metrics"}).event
        False
    """

    model_config = STRICT
    metric_id: str | None = Field(None, description="a string: the table's own name (optional)")
    name: NonEmpty = Field(description="a non-empty string")
    description: NonEmpty = Field(description="a non-empty string")
    allowed_units: list[Literal[_UNIT_LIST]] = Field(
        description=f"a list of units from: {', '.join(_UNIT_LIST)}")
    table: Literal[METRIC_TABLES] = Field(description=f"one of {', '.join(METRIC_TABLES)}")
    note: str = Field("", description="a string")
    event: bool = Field(False, description="true or false")
    unreviewed: bool = Field(False, description="true or false: proposed by `python -m extract new`, not yet checked")

    @field_validator("allowed_units")
    @classmethod
    def _some_unit(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("must name at least one unit")
        return value

    @model_validator(mode="after")
    def _units_fit_table(self) -> MetricEntry:
        misfit = [u for u in self.allowed_units if u not in TABLE_UNITS[self.table]]
        if misfit:
            raise ValueError(f"unit(s) {', '.join(map(repr, misfit))} cannot go in table {self.table!r} "
                             f"(it takes {', '.join(sorted(TABLE_UNITS[self.table]))})")
        return self


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(f"{rel_path(path)}: no such file") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{rel_path(path)}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{rel_path(path)}: not valid TOML: {exc}") from None


def _entries(path: Path, model: type[BaseModel], id_key: str) -> tuple[dict[str, BaseModel], list[str], set[str]]:
    """Validate every entry of a registry file; (valid entries, problem lines, every entry's id)."""
    where = rel_path(path)
    valid, lines = {}, []
    data = _read(path)
    for entry, table in data.items():
        at = f"{where}: [{entry}]"
        if not _ID_RE.match(entry):
            lines.append(f"{at} id must be snake_case (lowercase letters, digits, single underscores)")
            continue
        if not isinstance(table, dict):
            lines.append(f"{at} must be a table, got {type(table).__name__}")
            continue
        try:
            valid[entry] = model.model_validate(table)
        except ValidationError as exc:
            lines += [f"{at} {p}" for p in problems(exc, model, obj="a table")]
            continue
        if getattr(valid[entry], id_key) not in (None, entry):
            lines.append(f"{at} {id_key} = {getattr(valid[entry], id_key)!r} disagrees with the table name")
    return valid, lines, set(data)


def _pending(where: str, entries: dict, allow: bool) -> list[str]:
    # `python -m extract new` proposes entries it cannot confirm; only a person may.
    if allow:
        return []
    return [f"{where}: [{k}] is a proposed entry not reviewed yet (unreviewed = true, written by "
            f"`python -m extract new`): edit {where}, check its names, kind, category and parent (an entity) "
            "or units and table (a metric), give a proposed_xxxxxx id a real one (here and in the extractor), "
            "then delete its `unreviewed = true` line"
            for k, v in entries.items() if v.unreviewed]


def _alias_key(name: str) -> str:
    # "千问App" and "千问app" must collide: the check is about what a reader would confuse.
    return " ".join(name.casefold().split())


def load_entities(path: str | Path | None = None, *, allow_unreviewed: bool = False) -> dict[str, Entity]:
    """Read and validate the entity registry; return entities keyed by ``entity_id``.

    Checks: snake_case ids; each entry against :class:`EntityEntry` (required keys,
    no unknown keys, ``kind`` in :data:`ENTITY_KINDS`, ``category`` in
    :data:`ENTITY_CATEGORIES`, ``fiscal_year_end`` a real ``MM-DD`` day,
    ``market_name`` only on markets); ``parent`` exists; no parent cycles; names,
    aliases and market names unique across entities (case-insensitive); no entry
    proposed by ``python -m extract new`` (``unreviewed = true``) unless
    ``allow_unreviewed`` (the draft and the review page read them; the build does not).

    Example::

        >>> load_entities()["qwen_app"].parent
        'alibaba_group'
    """
    path = Path(path) if path is not None else ENTITIES_PATH
    where = rel_path(path)
    valid, lines, ids = _entries(path, EntityEntry, "entity_id")
    entities = {
        entry: Entity(entity_id=entry, name_en=e.name_en, name_zh=e.name_zh, kind=e.kind,
                      parent=e.parent or None, aliases=tuple(e.aliases), fiscal_year_end=e.fiscal_year_end,
                      note=e.note, category=e.category, market_name=e.market_name, unreviewed=e.unreviewed)
        for entry, e in valid.items()
    }
    lines += _pending(where, entities, allow_unreviewed)
    # Parents are checked against every entry of the file, valid or not, so that one bad
    # entry is reported once rather than again as each child's missing parent.
    lines += _parent_problems(entities, where, ids)
    lines += _name_clashes(entities, where)
    if lines:
        raise RegistryError(*map(one_line, lines))
    return entities


def _parent_problems(entities: dict[str, Entity], where: str, ids: set[str]) -> list[str]:
    lines = []
    for e in entities.values():
        if e.parent is not None and e.parent not in ids:
            lines.append(f"{where}: [{e.entity_id}] parent {e.parent!r} is not an entity in this file"
                         f"{suggest(e.parent, ids)}")
    for e in entities.values():
        seen = [e.entity_id]
        node = e
        while node.parent is not None and node.parent in entities:
            if node.parent in seen:
                chain = " -> ".join(seen + [node.parent])
                lines.append(f"{where}: [{e.entity_id}] parent chain has a cycle: {chain}")
                break
            seen.append(node.parent)
            node = entities[node.parent]
    return lines


def _name_clashes(entities: dict[str, Entity], where: str) -> list[str]:
    lines = []
    owner: dict[str, str] = {}
    for e in entities.values():
        for name in dict.fromkeys((e.name_en, e.name_zh, *e.aliases)):
            key = _alias_key(name)
            other = owner.get(key)
            if other is not None and other != e.entity_id:
                lines.append(f"{where}: [{e.entity_id}] name or alias {name!r} is already used by [{other}]")
            owner[key] = e.entity_id
    markets: dict[str, str] = {}
    for e in entities.values():
        if e.market_name is not None:
            other = markets.setdefault(_alias_key(e.market_name), e.entity_id)
            if other != e.entity_id:
                lines.append(f"{where}: [{e.entity_id}] market_name {e.market_name!r} is already used by [{other}]")
    return lines


def load_metrics(path: str | Path | None = None, *, allow_unreviewed: bool = False) -> dict[str, Metric]:
    """Read and validate the metric registry; return metrics keyed by ``metric_id``.

    Checks each entry against :class:`MetricEntry`: snake_case ids, required keys
    present and no unknown keys, a non-empty ``allowed_units`` list drawn from
    :data:`UNITS`, ``table`` in :data:`METRIC_TABLES`, and every allowed unit one
    that table can hold (:data:`TABLE_UNITS`); no ``unreviewed = true`` entry unless
    ``allow_unreviewed``.

    Example::

        >>> load_metrics()["market_share"].table
        'market_shares'
    """
    path = Path(path) if path is not None else METRICS_PATH
    valid, lines, _ = _entries(path, MetricEntry, "metric_id")
    lines += _pending(rel_path(path), valid, allow_unreviewed)
    if lines:
        raise RegistryError(*map(one_line, lines))
    return {
        entry: Metric(metric_id=entry, name=m.name, description=m.description,
                      allowed_units=tuple(m.allowed_units), table=m.table, note=m.note, event=m.event,
                      unreviewed=m.unreviewed)
        for entry, m in valid.items()
    }


def alias_index(entities: dict[str, Entity]) -> dict[str, str]:
    """Map every name and alias (case-folded) to its ``entity_id``.

    Example::

        >>> alias_index(load_entities())["千问app"]
        'qwen_app'
    """
    index: dict[str, str] = {}
    for e in entities.values():
        for name in (e.entity_id, e.name_en, e.name_zh, *e.aliases):
            index.setdefault(_alias_key(name), e.entity_id)
    return index


def ancestors(entities: dict[str, Entity], entity_id: str) -> list[str]:
    """The parent chain of an entity, nearest first (the registry guarantees no cycles).

    Example::

        >>> ancestors(load_entities(), "alipay")
        ['ant_group']
    """
    chain = []
    parent = entities[entity_id].parent
    while parent is not None:
        chain.append(parent)
        parent = entities[parent].parent
    return chain


def market_index(entities: Any) -> dict[str, str]:
    """Market name (as a market share's ``scope`` gives it) -> ``entity_id`` of the market.

    ``entities`` is the registry dict or the built ``entities`` table (a DataFrame
    with a ``market_name`` column); a table without that column has no markets.

    Example::

        >>> market_index(load_entities())["China e-commerce"]
        'china_ecommerce_market'
    """
    if hasattr(entities, "columns"):
        if "market_name" not in entities.columns:
            return {}
        pairs = zip(entities["market_name"], entities["entity_id"])
    else:
        pairs = ((getattr(e, "market_name", None), eid) for eid, e in dict(entities).items())
    return {name: eid for name, eid in pairs if isinstance(name, str)}


def load_markets(path: str | Path | None = None) -> dict[str, Entity]:
    """The markets of the entity registry, keyed by the name the figures use.

    Example::

        >>> load_markets()["China AI cloud"].name_zh
        '中国AI云市场'
    """
    entities = load_entities(path)
    return {name: entities[eid] for name, eid in market_index(entities).items()}


def unknown_markets(rows: Iterable[tuple[str, str, object]], entities: Any) -> list[str]:
    """One line per ``(figure_id, source_id, market)`` whose market the registry does not know.

    The markets are the ``market_name`` keys of ``data/entities.toml``; a registry
    that names no market at all (a test corpus) checks nothing.

    Example::

        >>> import pandas as pd
        >>> entities = pd.DataFrame({"entity_id": ["cloud", "ecom"], "market_name": ["China AI cloud", "China e-commerce"]})
        >>> rows = [("f1", "2026-01-30-x", "Global robot vacuums"), ("f2", "2026-01-30-x", "China AI cloud"),
        ...         ("f3", "2026-01-30-x", "China e-comerce")]
        >>> for line in unknown_markets(rows, entities):
        ...     print(line)
        figure f1 of 2026-01-30-x: unknown market 'Global robot vacuums' (known: China AI cloud, China e-commerce): fix the figure's scope in extract/extractors/2026-01-30-x.py, or add the market to data/entities.toml as an entity with kind = "market", market_name = "Global robot vacuums"
        figure f3 of 2026-01-30-x: unknown market 'China e-comerce' (did you mean 'China e-commerce'?): fix the figure's scope in extract/extractors/2026-01-30-x.py, or add the market to data/entities.toml as an entity with kind = "market", market_name = "China e-comerce"
    """
    known = market_index(entities)
    if not known:
        return []
    listed = ", ".join(sorted(known)[:8]) + (", …" if len(known) > 8 else "")
    hint = lambda market: suggest(str(market), known) or f" (known: {listed})"  # noqa: E731
    return [f"figure {fid} of {sid}: unknown market {market!r}{hint(market)}: fix the figure's "
            f"scope in extract/extractors/{sid}.py, or add the market to data/entities.toml as an entity "
            f"with kind = \"market\", market_name = {json.dumps(str(market), ensure_ascii=False)}"
            for fid, sid, market in rows if market not in known]
