"""The corpus a build reads, and the per-source check that build, jobs, review and tests share.

A corpus is a folder laid out like this repository::

    data/sources/<source_id>.txt, .json     the archive (extract/sources.py)
    data/entities.toml, data/metrics.toml   the registries (extract/registry.py)
    extract/extractors/<source_id>.py       one extractor per source: FIGURES, DISMISSED

An extractor's source id is its file name: ``extract/extractors/2026-01-30-yilan-ant-vs-alibaba.py``
declares the figures of ``data/sources/2026-01-30-yilan-ant-vs-alibaba.txt``. Nothing in the
file repeats it.

:func:`check_one` runs the engine on one source and returns a :class:`SourceOutcome`
(rows and coverage, or every error), never raising: the build (in-process or in
worker processes), the review page and the tests all call it.

Example::

    >>> Corpus.at("/tmp/corpus").extractor("2026-01-30-x")
    PosixPath('/tmp/corpus/extract/extractors/2026-01-30-x.py')
"""
from __future__ import annotations

from extract import REPO_ROOT

import importlib.util
import os
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from extract.declare import Dismissal, Figure
from extract.engine import SourceResult, check_source, rel_path

#: Import names of extractor modules (file names hold hyphens, so they are never importable by name).
_PACKAGE = "_acm_extractors"
_SEP = "; "


@dataclass(frozen=True)
class Corpus:
    """Where a build reads its inputs. ``Corpus.at(root)`` is a folder laid out like this repository.

    Example::

        >>> Corpus.at("/tmp/corpus").extractors
        PosixPath('/tmp/corpus/extract/extractors')
        >>> Corpus.at("/tmp/corpus").override(extractors="/tmp/x", sources=None).extractors
        PosixPath('/tmp/x')
    """

    sources: Path
    extractors: Path
    entities: Path
    metrics: Path

    @classmethod
    def at(cls, root: str | os.PathLike | None = None) -> Corpus:
        """The corpus in ``root`` (default: this repository).

        Example::

            >>> Corpus.at("/tmp/corpus").entities
            PosixPath('/tmp/corpus/data/entities.toml')
        """
        base = Path(root) if root is not None else REPO_ROOT
        return cls(base / "data" / "sources", base / "extract" / "extractors",
                   base / "data" / "entities.toml", base / "data" / "metrics.toml")

    def override(self, **paths: str | os.PathLike | None) -> Corpus:
        """The same corpus with the parts given (not None) replaced."""
        return replace(self, **{k: Path(v) for k, v in paths.items() if v is not None})

    def extractor(self, source_id: str) -> Path:
        """The extractor file of a source: its id is the file name."""
        return self.extractors / f"{source_id}.py"


@dataclass
class Extractor:
    """One extractor module: the declarations for one source."""

    source_id: str
    file: Path
    figures: list[Figure]
    dismissed: list[Dismissal]


@dataclass
class SourceOutcome:
    """The per-source work's answer: the rows of one source, or every error it has.

    Small and picklable (no article text), so that a worker process can send it
    back to the parent, which merges the outcomes in sorted source-id order.
    ``result`` is the engine's result even when there are errors (the review page
    shows its coverage statuses); the build writes only outcomes without errors.

    Example::

        >>> SourceOutcome("2026-01-30-x", ["bad"]).ok
        False
    """

    source_id: str
    errors: list[str] = field(default_factory=list)
    result: SourceResult | None = None
    source_row: dict | None = None
    references: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the source builds: a result and no error."""
        return self.result is not None and not self.errors


# -- extractors ------------------------------------------------------------------

def import_error(path: Path, exc: BaseException) -> str:
    """One line naming ``file:line`` for an extractor that does not import.

    Example::

        >>> import_error(Path("/x/a.py"), SyntaxError("invalid syntax", ("/x/a.py", 3, 1, "")))
        '/x/a.py:3: cannot import: SyntaxError: invalid syntax'
    """
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f"{rel_path(path)}:{exc.lineno}: cannot import: SyntaxError: {exc.msg}"
    line = next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__))
                 if Path(f.filename) == path), "?")
    return f"{rel_path(path)}:{line}: cannot import: {type(exc).__name__}: {exc}"


def read_extractor(path: Path) -> Extractor | str:
    """Import one extractor file and check what it declares; the Extractor, or the error line.

    Example::

        >>> print(read_extractor(Path("/nonexistent/2026-01-30-x.py")))
        /nonexistent/2026-01-30-x.py: missing: source '2026-01-30-x' has no extractor
    """
    path = Path(path)
    name = rel_path(path)
    if not path.is_file():
        return f"{name}: missing: source {path.stem!r} has no extractor"
    spec = importlib.util.spec_from_file_location(f"{_PACKAGE}.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # an extractor that does not import is a build error, named
        return import_error(path, exc)
    if hasattr(module, "SOURCE_ID"):
        return f"{name}: remove SOURCE_ID: an extractor's source id is its file name ({path.stem!r})"
    figures = getattr(module, "FIGURES", None)
    dismissed = getattr(module, "DISMISSED", [])
    if not isinstance(figures, (list, tuple)) or not all(isinstance(f, Figure) for f in figures):
        return f"{name}: FIGURES must be a list of figure(...) declarations"
    if not isinstance(dismissed, (list, tuple)) or not all(isinstance(d, Dismissal) for d in dismissed):
        return f"{name}: DISMISSED must be a list of dismiss(...) declarations"
    return Extractor(path.stem, path, list(figures), list(dismissed))


def stray_extractors(source_ids: list[str], folder: Path) -> list[str]:
    """Errors for extractor files that belong to no archived source.

    Example::

        >>> stray_extractors([], Path("/nonexistent"))
        []
    """
    known = set(source_ids)
    return [f"{rel_path(p)}: no archived source {p.stem!r} (data/sources/{p.stem}.txt does not exist); "
            "rename the file to its source id or remove it"
            for p in sorted(Path(folder).glob("*.py")) if p.stem != "__init__" and p.stem not in known]


# -- rows --------------------------------------------------------------------

def joined(items) -> str | None:
    """A list as one ``"; "``-separated string (None when empty), as the tables store lists.

    Example::

        >>> joined(["a", "b"]), joined([])
        ('a; b', None)
    """
    items = [str(i) for i in (items or ())]
    return _SEP.join(items) if items else None


def _source_row(source, n_figures: int) -> dict:
    """The row of the sources table for one archived source."""
    meta = source.meta
    return {
        "source_id": source.source_id,
        "title": meta.get("title"),
        "publisher": meta.get("publisher"),
        "publisher_en": meta.get("publisher_en"),
        "platform": meta.get("platform"),
        "authors": joined(meta.get("authors")),
        "published": source.published,
        "published_precision": meta.get("published_precision"),
        "published_estimated": bool(meta.get("published_estimated", False)),
        "published_note": meta.get("published_note"),
        "url": meta.get("url"),
        "language": meta.get("language"),
        "script": meta.get("script"),
        # read_source hashed the very bytes it decoded and checked them against the metadata.
        "sha256": meta.get("sha256"),
        "body_start": source.body_start,
        "body_end": source.body_end,
        "rights": meta.get("rights"),
        "notes": meta.get("notes"),
        "n_figures": n_figures,
    }


def _reference_rows(source) -> list[dict]:
    """Rows of the references table: the source's own reference list."""
    refs = source.meta.get("references") or []
    return [{"source_id": source.source_id, "n": r.get("n"), "publisher": r.get("publisher"),
             "title": r.get("title"), "url": r.get("url")} for r in refs]


# -- the per-source check ------------------------------------------------------

def check_one(source, extractor: Extractor | str, entities: dict, metrics: dict, *,
              scan: Callable | None = None, resolve_period: Callable | None = None) -> SourceOutcome:
    """Run the engine on one source: its figures, coverage, sources row and references.

    ``extractor`` is what :func:`read_extractor` returned (an error line is passed
    through). Never raises for a problem of the source: its lines are in ``errors``.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> from extract.sources import list_sources, read_source
        >>> corpus, sid = Corpus.at(), list_sources()[0]
        >>> outcome = check_one(read_source(sid), read_extractor(corpus.extractor(sid)), load_entities(), load_metrics())
        >>> outcome.ok, outcome.source_row["n_figures"] == len(outcome.result.figures)
        (True, True)
    """
    sid = source.source_id
    if isinstance(extractor, str):
        return SourceOutcome(sid, [extractor])
    result = check_source(source, extractor.figures, extractor.dismissed, entities=entities,
                          metrics=metrics, scan=scan, resolve_period=resolve_period,
                          extractor_file=str(extractor.file))
    if result.errors:
        return SourceOutcome(sid, list(result.errors), result)
    return SourceOutcome(sid, [], result, _source_row(source, len(result.figures)), _reference_rows(source))


def check_source_id(source_id: str, corpus: Corpus, entities: dict, metrics: dict, **engine) -> SourceOutcome:
    """Read one source of ``corpus`` and its extractor, and check them (:func:`check_one`).

    Example::

        >>> "no such file" in check_source_id("2026-01-30-x", Corpus.at("/nonexistent"), {}, {}).errors[0]
        True
    """
    from extract.sources import ArchiveError, read_source

    try:
        source = read_source(source_id, root=corpus.sources)
    except ArchiveError as exc:
        return SourceOutcome(source_id, [str(exc)])
    return check_one(source, read_extractor(corpus.extractor(source_id)), entities, metrics, **engine)
