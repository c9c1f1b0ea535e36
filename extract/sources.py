"""Reading the archive: verbatim article bytes plus the metadata beside them.

Each source is two files in ``data/sources/``: ``<source_id>.txt`` (the article's
bytes, never edited) and ``<source_id>.json`` (metadata: the keys of :class:`SourceMeta`,
a pydantic model that says what each key must hold). :func:`read_source` checks
everything a figure's citation relies on — the id, the UTF-8, the sha256, the
metadata's keys and types, the body range — and raises :class:`ArchiveError` with a
one-line message naming the file and the key on the first problem.
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
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, ValidationError, ValidationInfo, field_validator, model_validator

from extract import REPO_ROOT
from extract.engine import rel_path
from extract.validation import STRICT, NonEmpty, problems

__all__ = ["ArchiveError", "Source", "SourceMeta", "Reference", "read_source", "list_sources", "DEFAULT_ROOT",
           "REQUIRED_KEYS", "OPTIONAL_KEYS"]

DEFAULT_ROOT = REPO_ROOT / "data" / "sources"

_SAFE_ID = re.compile(r"^[0-9a-z][0-9a-z-]*$")

_PRECISIONS = ("day", "month", "year")
_SCRIPTS = ("Hans", "Hant")


class Reference(BaseModel):
    """One entry of an article's own reference list (``[n] publisher - title (url)``).

    Example::

        >>> Reference.model_validate({"n": 1, "publisher": "财联社", "title": "t", "url": None}).n
        1
    """

    model_config = STRICT
    n: int = Field(description="an integer")
    publisher: str = Field(description="a string")
    title: str = Field(description="a string")
    url: str | None = Field(description="a string or null")


class SourceMeta(BaseModel):
    """The keys of ``data/sources/<source_id>.json``, each with what it must hold.

    ``read_source`` validates a metadata file with this model (the source id, which
    the file name gives, in the validation context), then checks the text file
    against it. Example::

        >>> sorted(SourceMeta.model_fields)[:3]
        ['authors', 'body_end', 'body_first']
    """

    model_config = STRICT
    source_id: str = Field(description="a string: the file name without .json")
    file: str = Field(description="a string: the text file's name")
    seed_file: str = Field(description="a string")
    title: NonEmpty = Field(description="a string")
    publisher: str | None = Field(description="a string or null")
    platform: str | None = Field(description="a string or null")
    authors: list[NonEmpty] = Field(description="a list of non-empty strings")
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="an ISO date YYYY-MM-DD")
    published_precision: Literal[_PRECISIONS] = Field(description=f"one of {', '.join(_PRECISIONS)}")
    published_estimated: bool = Field(description="true or false")
    published_note: str | None = Field(description="a string or null")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        description="an http(s) URL or null")
    language: NonEmpty = Field(description="a string")
    script: Literal[_SCRIPTS] = Field(description=f"one of {', '.join(_SCRIPTS)}")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="64 lowercase hex digits")
    body_start: int = Field(description="an integer")
    body_end: int = Field(description="an integer")
    body_first: NonEmpty = Field(description="a string")
    body_last: NonEmpty = Field(description="a string")
    rights: NonEmpty = Field(description="a string")
    references: list[Reference] = Field(description="a list of references")
    notes: str | None = Field(description="a string or null")
    # Optional: older archives predate it. The publisher's English or romanised name
    # (虎嗅 -> "Huxiu"), so a chart drawn without a CJK font can still name it.
    publisher_en: str | None = Field(None, description="a string or null")

    @field_validator("publisher_en")
    @classmethod
    def _english_name(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("is empty (use null where there is no English name)")
        return value

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            _dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date: {exc}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> SourceMeta:
        expected = (info.context or {}).get("source_id")
        if expected is not None and self.source_id != expected:
            raise ValueError(f"source_id is {self.source_id!r}, expected {expected!r} (the file name)")
        if expected is not None and self.file != f"{expected}.txt":
            raise ValueError(f"file is {self.file!r}, expected {expected + '.txt'!r}")
        if self.publisher_en is not None and self.publisher is None:
            raise ValueError(f"publisher_en is {self.publisher_en!r} but publisher is null "
                             "(an English name needs the publisher it translates)")
        if self.published_estimated and not (self.published_note or "").strip():
            raise ValueError("published_estimated is true but published_note does not say why")
        # A coarse date is stored as the first day of its month/year, so sorting and
        # period arithmetic never imply a precision the source does not have.
        date = _dt.date.fromisoformat(self.published)
        if self.published_precision == "month" and date.day != 1:
            raise ValueError(f"published {self.published!r} with published_precision 'month': "
                             "use the 1st of the month")
        if self.published_precision == "year" and (date.month, date.day) != (1, 1):
            raise ValueError(f"published {self.published!r} with published_precision 'year': use January 1st")
        numbers = [r.n for r in self.references]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"references: duplicate numbers {numbers}")
        return self


#: The keys a metadata file must have, in the order ``extract new`` writes them.
REQUIRED_KEYS: tuple[str, ...] = tuple(k for k, f in SourceMeta.model_fields.items() if f.is_required())
#: Keys a metadata file may leave out; absent means null.
OPTIONAL_KEYS: tuple[str, ...] = tuple(k for k, f in SourceMeta.model_fields.items() if not f.is_required())


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
        raise ArchiveError(f"{rel_path(path)}: no such file ({what})") from None
    except IsADirectoryError:
        raise ArchiveError(f"{rel_path(path)}: is a directory, expected a file ({what})") from None
    except OSError as exc:
        raise ArchiveError(f"{rel_path(path)}: cannot read: {exc.strerror}") from None


def _load_meta(path: Path, source_id: str) -> dict:
    where = rel_path(path)
    raw = _read_bytes(path, f"the metadata of source {source_id!r}")
    if not raw.strip():
        raise ArchiveError(f"{where}: metadata file is empty")
    try:
        meta = json.loads(_decode(raw, where))
    except json.JSONDecodeError as exc:
        raise ArchiveError(f"{where}: not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(meta, dict):
        raise ArchiveError(f"{where}: metadata must be a JSON object, got {type(meta).__name__}")

    try:
        SourceMeta.model_validate(meta, context={"source_id": source_id})
    except ValidationError as exc:
        raise ArchiveError(f"{where}: {problems(exc, SourceMeta)[0]}") from None
    for key in OPTIONAL_KEYS:
        meta.setdefault(key, None)
    return meta


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
    exactly the keys of ``REQUIRED_KEYS`` (plus any of ``OPTIONAL_KEYS``), each
    holding what :class:`SourceMeta` says, the publication date valid at its
    precision; ``<id>.txt`` exists, is non-empty strict UTF-8 without a BOM, and its
    sha256 matches; the body range lies in the text and its
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
    meta_where = rel_path(json_path)

    where = rel_path(txt_path)
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
    start, end = _check_body(meta, text, meta_where)
    return Source(source_id=source_id, path=txt_path, meta=meta, text=text, body_start=start, body_end=end,
                  published=_dt.date.fromisoformat(meta["published"]))


def list_sources(root: str | os.PathLike | None = None) -> list[str]:
    """Ids of the archived sources, sorted: every ``*.txt`` or ``*.json`` stem in ``root``.

    A stray half of a pair is listed too, so reading it reports the missing half.

    Example::

        >>> list_sources()[0]
        '2024-06-18-huxiu-ant-grows-outward'
    """
    base = Path(root) if root is not None else DEFAULT_ROOT
    if not base.is_dir():
        raise ArchiveError(f"{rel_path(base)}: archive directory not found")
    return sorted({p.stem for p in base.iterdir() if p.suffix in (".txt", ".json") and p.is_file()})
