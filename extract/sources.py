"""Reading the archive: verbatim article bytes plus the metadata beside them.

Each source is two files in ``data/sources/``: ``<source_id>.txt`` (the article's
bytes, never edited) and ``<source_id>.json`` (metadata; keys in ``REQUIRED_KEYS``, plus the optional ``OPTIONAL_KEYS``).
:func:`read_source` checks everything a figure's citation relies on — the id, the
UTF-8, the sha256, the metadata's keys and types, the body range — and raises
:class:`ArchiveError` with a one-line message naming the file on the first problem.
The build turns that into exit status 1.

Example::

    >>> src = read_source("2026-01-30-yilan-ant-vs-alibaba")
    >>> src.published.isoformat(), src.body[:9]
    ('2026-01-30', '蚂蚁集团和阿里巴巴')
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ArchiveError", "Source", "read_source", "list_sources", "DEFAULT_ROOT", "REQUIRED_KEYS", "OPTIONAL_KEYS"]

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "data" / "sources"

_SAFE_ID = re.compile(r"^[0-9a-z][0-9a-z-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

_STR, _OPT_STR, _INT, _BOOL, _LIST = "a string", "a string or null", "an integer", "true or false", "a list"

# key -> the type it must have (checked by _check_type); the key set is exact, so a
# misspelt key is an error rather than a silently missing value.
REQUIRED_KEYS: dict[str, str] = {
    "source_id": _STR,
    "file": _STR,
    "seed_file": _STR,
    "title": _STR,
    "publisher": _OPT_STR,
    "platform": _OPT_STR,
    "authors": _LIST,
    "published": _STR,
    "published_precision": _STR,
    "published_estimated": _BOOL,
    "published_note": _OPT_STR,
    "url": _OPT_STR,
    "language": _STR,
    "script": _STR,
    "sha256": _STR,
    "body_start": _INT,
    "body_end": _INT,
    "body_first": _STR,
    "body_last": _STR,
    "rights": _STR,
    "references": _LIST,
    "notes": _OPT_STR,
}
# Keys a metadata file may leave out (older archives predate them); absent means null.
OPTIONAL_KEYS: dict[str, str] = {
    # The publisher's English or romanised name (虎嗅 -> "Huxiu"), so a chart drawn
    # without a CJK font can still name it; null where publisher is null.
    "publisher_en": _OPT_STR,
}
_PRECISIONS = ("day", "month", "year")
_SCRIPTS = ("Hans", "Hant")
_REFERENCE_KEYS = {"n": _INT, "publisher": _STR, "title": _STR, "url": _OPT_STR}


class ArchiveError(Exception):
    """A problem with an archived source; the message is one line naming the file."""


@dataclass(frozen=True)
class Source:
    """One verified archived article.

    Example::

        >>> src = read_source("2024-06-18-huxiu-ant-grows-outward")
        >>> src.body.endswith("目前有超150家基")   # the text is truncated there
        True
    """

    source_id: str
    path: Path
    meta: dict = field(repr=False)
    text: str = field(repr=False)
    body_start: int
    body_end: int
    published: _dt.date

    @property
    def body(self) -> str:
        """The article itself: ``text[body_start:body_end]``."""
        return self.text[self.body_start : self.body_end]


def _show(path: Path) -> str:
    """The path as a person would type it: relative to the working directory if inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _check_type(value, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _OPT_STR:
        return value is None or isinstance(value, str)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _LIST:
        return isinstance(value, list)
    raise AssertionError(kind)


def _decode(raw: bytes, where: str) -> str:
    """Strict UTF-8 without a byte-order mark."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise ArchiveError(
            f"{where}: not valid UTF-8: byte 0x{bad} at offset {exc.start} (line {line}): {exc.reason}"
        ) from None
    if text.startswith("\ufeff"):
        raise ArchiveError(f"{where}: starts with a UTF-8 byte-order mark (BOM); archive files must be UTF-8 without a BOM")
    return text


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArchiveError(f"{_show(path)}: no such file ({what})") from None
    except IsADirectoryError:
        raise ArchiveError(f"{_show(path)}: is a directory, expected a file ({what})") from None
    except OSError as exc:
        raise ArchiveError(f"{_show(path)}: cannot read: {exc.strerror}") from None


def _load_meta(path: Path, source_id: str) -> dict:
    where = _show(path)
    raw = _read_bytes(path, f"the metadata of source {source_id!r}")
    if not raw.strip():
        raise ArchiveError(f"{where}: metadata file is empty")
    try:
        meta = json.loads(_decode(raw, where))
    except json.JSONDecodeError as exc:
        raise ArchiveError(f"{where}: not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(meta, dict):
        raise ArchiveError(f"{where}: metadata must be a JSON object, got {type(meta).__name__}")

    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise ArchiveError(f"{where}: missing key(s): {', '.join(missing)}")
    unknown = sorted(set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise ArchiveError(f"{where}: unknown key(s): {', '.join(unknown)} (allowed: the keys in extract/sources.py REQUIRED_KEYS and OPTIONAL_KEYS)")
    for key in OPTIONAL_KEYS:
        meta.setdefault(key, None)
    for key, kind in {**REQUIRED_KEYS, **OPTIONAL_KEYS}.items():
        if not _check_type(meta[key], kind):
            raise ArchiveError(f"{where}: key {key!r} must be {kind}, got {json.dumps(meta[key], ensure_ascii=False)[:60]}")
    for key in ("title", "rights", "body_first", "body_last", "language"):
        if not meta[key].strip():
            raise ArchiveError(f"{where}: key {key!r} is empty")
    if meta["publisher_en"] is not None and not meta["publisher_en"].strip():
        raise ArchiveError(f"{where}: key 'publisher_en' is empty (use null where there is no English name)")
    if meta["publisher_en"] is not None and meta["publisher"] is None:
        raise ArchiveError(f"{where}: publisher_en is {meta['publisher_en']!r} but publisher is null "
                           "(an English name needs the publisher it translates)")

    if meta["source_id"] != source_id:
        raise ArchiveError(f"{where}: source_id is {meta['source_id']!r}, expected {source_id!r} (the file name)")
    if meta["file"] != f"{source_id}.txt":
        raise ArchiveError(f"{where}: file is {meta['file']!r}, expected {source_id + '.txt'!r}")
    if not all(isinstance(a, str) and a.strip() for a in meta["authors"]):
        raise ArchiveError(f"{where}: authors must be a list of non-empty strings")
    if meta["script"] not in _SCRIPTS:
        raise ArchiveError(f"{where}: script must be one of {', '.join(_SCRIPTS)}, got {meta['script']!r}")
    if not _SHA256.match(meta["sha256"]):
        raise ArchiveError(f"{where}: sha256 must be 64 lowercase hex digits, got {meta['sha256']!r}")
    if meta["url"] is not None and not re.match(r"^https?://\S+$", meta["url"]):
        raise ArchiveError(f"{where}: url must be an http(s) URL or null, got {meta['url']!r}")
    if meta["published_estimated"] and not (meta["published_note"] or "").strip():
        raise ArchiveError(f"{where}: published_estimated is true but published_note does not say why")
    _check_references(meta["references"], where)
    return meta


def _check_references(refs: list, where: str) -> None:
    for i, ref in enumerate(refs):
        if not isinstance(ref, dict) or set(ref) != set(_REFERENCE_KEYS):
            raise ArchiveError(f"{where}: references[{i}] must be an object with exactly the keys n, publisher, title, url")
        for key, kind in _REFERENCE_KEYS.items():
            if not _check_type(ref[key], kind):
                raise ArchiveError(f"{where}: references[{i}].{key} must be {kind}")
    numbers = [r["n"] for r in refs]
    if len(set(numbers)) != len(numbers):
        raise ArchiveError(f"{where}: references: duplicate numbers {numbers}")


def _published(meta: dict, where: str) -> _dt.date:
    value, precision = meta["published"], meta["published_precision"]
    if precision not in _PRECISIONS:
        raise ArchiveError(f"{where}: published_precision must be one of {', '.join(_PRECISIONS)}, got {precision!r}")
    if not _ISO_DATE.match(value):
        raise ArchiveError(f"{where}: published must be an ISO date YYYY-MM-DD, got {value!r}")
    try:
        date = _dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArchiveError(f"{where}: published {value!r} is not a valid date: {exc}") from None
    # A coarse date is stored as the first day of its month/year, so sorting and
    # period arithmetic never imply a precision the source does not have.
    if precision == "month" and date.day != 1:
        raise ArchiveError(f"{where}: published {value!r} has month precision: use the 1st of the month")
    if precision == "year" and (date.month, date.day) != (1, 1):
        raise ArchiveError(f"{where}: published {value!r} has year precision: use January 1st")
    return date


def _check_body(meta: dict, text: str, where: str) -> tuple[int, int]:
    start, end = meta["body_start"], meta["body_end"]
    if not (0 <= start < end <= len(text)):
        raise ArchiveError(f"{where}: body range [{start}, {end}) is not a non-empty range within the text (length {len(text)})")
    first, last = meta["body_first"], meta["body_last"]
    if len(first) > end - start or len(last) > end - start:
        raise ArchiveError(f"{where}: body_first/body_last are longer than the body [{start}, {end})")
    found = text[start : start + len(first)]
    if found != first:
        raise ArchiveError(f"{where}: body_first {first!r} does not match the text at body_start {start}: {found!r}")
    found = text[end - len(last) : end]
    if found != last:
        raise ArchiveError(f"{where}: body_last {last!r} does not match the text ending at body_end {end}: {found!r}")
    return start, end


def _check_id(source_id) -> None:
    if not isinstance(source_id, str) or not _SAFE_ID.match(source_id):
        raise ArchiveError(
            f"source id {source_id!r} is not a safe slug (lowercase letters, digits and '-', "
            "starting with a letter or digit; no '/', '..' or spaces)"
        )


def read_source(source_id: str, root: str | os.PathLike | None = None) -> Source:
    """Read and verify one archived source; raise :class:`ArchiveError` on any problem.

    Checks, in order: the id is a safe slug; ``<id>.json`` exists, is UTF-8 JSON with
    exactly the keys of ``REQUIRED_KEYS`` (plus any of ``OPTIONAL_KEYS``)
    and their types; ``<id>.txt`` exists, is
    non-empty strict UTF-8 without a BOM, and its sha256 matches; the publication
    date and precision are valid; the body range lies in the text and its
    ``body_first``/``body_last`` snippets match.

    Example::

        >>> read_source("2025-05-liuhai-alibaba-ai-rebuild").meta["script"]
        'Hant'
        >>> try:
        ...     read_source("../x")
        ... except ArchiveError as exc:
        ...     print(exc)
        source id '../x' is not a safe slug (lowercase letters, digits and '-', starting with a letter or digit; no '/', '..' or spaces)
    """
    _check_id(source_id)
    base = Path(root) if root is not None else DEFAULT_ROOT
    json_path, txt_path = base / f"{source_id}.json", base / f"{source_id}.txt"
    meta = _load_meta(json_path, source_id)
    meta_where = _show(json_path)

    where = _show(txt_path)
    raw = _read_bytes(txt_path, f"named by {meta_where}")
    if not raw:
        raise ArchiveError(f"{where}: file is empty")
    text = _decode(raw, where)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"]:
        raise ArchiveError(
            f"{where}: sha256 mismatch: expected {meta['sha256'][:12]}…, got {digest[:12]}… "
            f"(the archive must hold the article's bytes unchanged; line endings and encoding count)"
        )
    published = _published(meta, meta_where)
    start, end = _check_body(meta, text, meta_where)
    return Source(source_id=source_id, path=txt_path, meta=meta, text=text, body_start=start, body_end=end, published=published)


def list_sources(root: str | os.PathLike | None = None) -> list[str]:
    """Ids of the archived sources, sorted: every ``*.txt`` or ``*.json`` stem in ``root``.

    A stray half of a pair is listed too, so reading it reports the missing half.

    Example::

        >>> list_sources()[0]
        '2024-06-18-huxiu-ant-grows-outward'
    """
    base = Path(root) if root is not None else DEFAULT_ROOT
    if not base.is_dir():
        raise ArchiveError(f"{_show(base)}: archive directory not found")
    return sorted({p.stem for p in base.iterdir() if p.suffix in (".txt", ".json") and p.is_file()})
