"""The entity and metric registries: ``data/entities.toml`` and ``data/metrics.toml``.

Every figure names an entity (who the number is about) and a metric (what the
number measures). Both registries are plain TOML, one ``[id]`` table per entry in
alphabetical order, so that two people appending entries touch different lines.
This module reads them with :mod:`tomllib` and refuses anything it cannot trust:
each problem is reported as a :class:`RegistryError` naming the file and the entry.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> entities = load_entities()
    >>> entities["alipay"].parent
    'ant_group'
    >>> load_metrics()["mau"].allowed_units
    ('persons',)
"""
from __future__ import annotations

from extract import REPO_ROOT

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ai_consumer_metrics.vocabulary import CURRENCIES
from ai_consumer_metrics.vocabulary import UNITS as _SCANNER_UNITS

__all__ = [
    "ENTITY_KINDS",
    "METRIC_TABLES",
    "UNITS",
    "Entity",
    "Metric",
    "RegistryError",
    "TABLE_UNITS",
    "alias_index",
    "ancestors",
    "load_entities",
    "load_metrics",
]

_DATA = REPO_ROOT / "data"
ENTITIES_PATH = _DATA / "entities.toml"
METRICS_PATH = _DATA / "metrics.toml"

ENTITY_KINDS = ("company", "business_group", "app", "product", "market", "other")

#: The analysis table a metric's figures land in (see docs/design.md).
METRIC_TABLES = ("market_shares", "user_metrics", "financials", "growth", "other_figures")

#: Units as the scanner (:mod:`extract.scanner`) names them. A metric may
#: only allow units from this vocabulary, so a declared unit can always be compared
#: with the scanner's reading. The bare magnitude ``""`` is deliberately absent: a
#: metric says what its numbers count, and ``unit_implied`` covers bare mentions.
UNITS = _SCANNER_UNITS - {""}
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

_ENTITY_REQUIRED = ("name_en", "name_zh", "kind")
_ENTITY_OPTIONAL = ("entity_id", "parent", "aliases", "fiscal_year_end", "note", "unreviewed")
_METRIC_REQUIRED = ("name", "description", "allowed_units", "table")
_METRIC_OPTIONAL = ("metric_id", "note", "event", "unreviewed")


class RegistryError(Exception):
    """A registry file is missing, not TOML, or has an invalid entry (the message names both)."""


@dataclass(frozen=True)
class Entity:
    """Who or what a figure is about: a company, business group, app, product or market.

    ``parent`` is the ``entity_id`` of the owner (``None`` at the top);
    ``fiscal_year_end`` is ``"MM-DD"`` and anchors ``FY`` periods for this entity.
    """

    entity_id: str
    name_en: str
    name_zh: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...]
    fiscal_year_end: str
    note: str
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


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(f"{path}: no such file") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from None


def _check_keys(path: Path, entry: str, table: object, required: tuple, optional: tuple) -> dict:
    if not isinstance(table, dict):
        raise RegistryError(f"{path}: [{entry}] must be a table, got {type(table).__name__}")
    missing = [k for k in required if k not in table]
    if missing:
        raise RegistryError(f"{path}: [{entry}] missing required key(s): {', '.join(missing)}")
    unknown = sorted(set(table) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join(required + optional)
        raise RegistryError(f"{path}: [{entry}] unknown key(s): {', '.join(unknown)} (allowed: {allowed})")
    return table


def _string(path: Path, entry: str, table: dict, key: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise RegistryError(f"{path}: [{entry}] {key} must be a string, got {value!r}")
    if required and not value.strip():
        raise RegistryError(f"{path}: [{entry}] {key} must not be empty")
    return value


def _flag(path: Path, entry: str, table: dict, key: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise RegistryError(f"{path}: [{entry}] {key} must be true or false, got {value!r}")
    return value


def _string_list(path: Path, entry: str, table: dict, key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(f"{path}: [{entry}] {key} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _check_id(path: Path, entry: str, table: dict, id_key: str) -> None:
    if not _ID_RE.match(entry):
        raise RegistryError(f"{path}: [{entry}] id must be snake_case (lowercase letters, digits, single underscores)")
    if id_key in table and table[id_key] != entry:
        raise RegistryError(f"{path}: [{entry}] {id_key} = {table[id_key]!r} disagrees with the table name")


def _refuse_unreviewed(path: Path, entries: dict, allow: bool) -> None:
    # `python -m extract new` proposes entries it cannot confirm; only a person may.
    pending = [k for k, v in entries.items() if v.unreviewed]
    if pending and not allow:
        raise RegistryError(
            f"{path}: proposed entr{'y' if len(pending) == 1 else 'ies'} not reviewed yet: "
            f"{', '.join(f'[{k}]' for k in pending)} (written by `python -m extract new`, marked "
            f"`unreviewed = true`). Edit {path.parent.name}/{path.name}: check each entry's names, kind/parent "
            "(entities) or units/table (metrics), rename a proposed_xxxxxx id (and in the extractor), "
            "then delete its `unreviewed = true` line"
        )


def _alias_key(name: str) -> str:
    # "千问App" and "千问app" must collide: the check is about what a reader would confuse.
    return " ".join(name.casefold().split())


def load_entities(path: str | Path | None = None, *, allow_unreviewed: bool = False) -> dict[str, Entity]:
    """Read and validate the entity registry; return entities keyed by ``entity_id``.

    Checks: snake_case ids, required keys present and no unknown keys, ``kind`` in
    :data:`ENTITY_KINDS`, ``parent`` exists, no parent cycles, ``fiscal_year_end`` a
    real ``MM-DD`` day, names and aliases unique across entities (case-insensitive); no
    entry proposed by ``python -m extract new`` (``unreviewed = true``) unless
    ``allow_unreviewed`` (the draft and the review page read them; the build does not).

    Example::

        >>> load_entities()["qwen_app"].parent
        'alibaba_group'
    """
    path = Path(path) if path is not None else ENTITIES_PATH
    data = _read(path)
    entities: dict[str, Entity] = {}
    for entry, table in data.items():
        table = _check_keys(path, entry, table, _ENTITY_REQUIRED, _ENTITY_OPTIONAL)
        _check_id(path, entry, table, "entity_id")
        kind = _string(path, entry, table, "kind")
        if kind not in ENTITY_KINDS:
            raise RegistryError(f"{path}: [{entry}] kind {kind!r} is not one of {', '.join(ENTITY_KINDS)}")
        fye = _string(path, entry, table, "fiscal_year_end", required=False) or "12-31"
        m = _FYE_RE.match(fye)
        try:
            if not m:
                raise ValueError
            date(2001, int(m[1]), int(m[2]))  # a non-leap year: 02-29 cannot end every fiscal year
        except ValueError:
            raise RegistryError(f"{path}: [{entry}] fiscal_year_end {fye!r} is not a valid MM-DD day") from None
        parent = _string(path, entry, table, "parent", required=False) or None
        entities[entry] = Entity(
            entity_id=entry,
            name_en=_string(path, entry, table, "name_en"),
            name_zh=_string(path, entry, table, "name_zh"),
            kind=kind,
            parent=parent,
            aliases=_string_list(path, entry, table, "aliases"),
            fiscal_year_end=fye,
            note=_string(path, entry, table, "note", required=False),
            unreviewed=_flag(path, entry, table, "unreviewed"),
        )
    _refuse_unreviewed(path, entities, allow_unreviewed)

    for e in entities.values():
        if e.parent is not None and e.parent not in entities:
            raise RegistryError(f"{path}: [{e.entity_id}] parent {e.parent!r} is not an entity in this file")
    for e in entities.values():
        seen = [e.entity_id]
        node = e
        while node.parent is not None:
            if node.parent in seen:
                chain = " -> ".join(seen + [node.parent])
                raise RegistryError(f"{path}: [{e.entity_id}] parent chain has a cycle: {chain}")
            seen.append(node.parent)
            node = entities[node.parent]

    owner: dict[str, str] = {}
    for e in entities.values():
        for name in dict.fromkeys((e.name_en, e.name_zh, *e.aliases)):
            key = _alias_key(name)
            other = owner.get(key)
            if other is not None and other != e.entity_id:
                raise RegistryError(
                    f"{path}: [{e.entity_id}] name or alias {name!r} is already used by [{other}]"
                )
            owner[key] = e.entity_id
    return entities


def load_metrics(path: str | Path | None = None, *, allow_unreviewed: bool = False) -> dict[str, Metric]:
    """Read and validate the metric registry; return metrics keyed by ``metric_id``.

    Checks: snake_case ids, required keys present and no unknown keys, a non-empty
    ``allowed_units`` list drawn from :data:`UNITS`, ``table`` in :data:`METRIC_TABLES`,
    and every allowed unit one that table can hold (:data:`TABLE_UNITS`); no
    ``unreviewed = true`` entry unless ``allow_unreviewed``.

    Example::

        >>> load_metrics()["market_share"].table
        'market_shares'
    """
    path = Path(path) if path is not None else METRICS_PATH
    data = _read(path)
    metrics: dict[str, Metric] = {}
    for entry, table in data.items():
        table = _check_keys(path, entry, table, _METRIC_REQUIRED, _METRIC_OPTIONAL)
        _check_id(path, entry, table, "metric_id")
        units = _string_list(path, entry, table, "allowed_units")
        if not units:
            raise RegistryError(f"{path}: [{entry}] allowed_units must name at least one unit")
        bad = [u for u in units if u not in UNITS]
        if bad:
            raise RegistryError(
                f"{path}: [{entry}] unknown unit(s) {', '.join(map(repr, bad))}; known units: {', '.join(sorted(UNITS))}"
            )
        where = _string(path, entry, table, "table")
        if where not in METRIC_TABLES:
            raise RegistryError(f"{path}: [{entry}] table {where!r} is not one of {', '.join(METRIC_TABLES)}")
        misfit = [u for u in units if u not in TABLE_UNITS[where]]
        if misfit:
            raise RegistryError(
                f"{path}: [{entry}] unit(s) {', '.join(map(repr, misfit))} cannot go in table {where!r} "
                f"(it takes {', '.join(sorted(TABLE_UNITS[where]))})"
            )
        metrics[entry] = Metric(
            metric_id=entry,
            name=_string(path, entry, table, "name"),
            description=_string(path, entry, table, "description"),
            allowed_units=units,
            table=where,
            note=_string(path, entry, table, "note", required=False),
            event=_flag(path, entry, table, "event"),
            unreviewed=_flag(path, entry, table, "unreviewed"),
        )
    _refuse_unreviewed(path, metrics, allow_unreviewed)
    return metrics


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
