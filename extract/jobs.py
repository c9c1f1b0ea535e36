"""The per-source work of a build, in this process or in worker processes (``--jobs N``).

Every source is an independent task: read its archive file and check the sha256
(:func:`extract.sources.read_source`), import its extractor, scan the text and
check every declaration and the coverage (:func:`extract.build.check_one`). A task
returns a small :class:`extract.build.SourceOutcome` (rows, or error lines; never
the article text). The parent merges the outcomes in sorted source-id order
(:func:`extract.build.merge`), so the tables are byte-identical whatever the
number of workers, and writes them only when no task reported an error. ``jobs=1``
runs the very same task function in-process.

Example::

    >>> outcomes = run_sources(list_sources(), Corpus.at(), entities=load_entities(),
    ...                        metrics=load_metrics(), jobs=2)  # doctest: +SKIP
    >>> [o.source_id for o in outcomes] == sorted(list_sources())  # doctest: +SKIP
    True
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from extract.build import (
    REPO_ROOT,
    SourceOutcome,
    _extractor_from_file,
    _missing_extractor,
    _steps_package,
    check_one,
    module_stem,
)
from extract.engine import BuildError

#: Ids handed to a worker at a time: big enough to amortise the inter-process
#: round trip, small enough that the last chunks still spread over the workers.
MAX_CHUNK = 64


@dataclass(frozen=True)
class Corpus:
    """Where a build reads its inputs. ``Corpus.at(root)`` is a folder laid out like this repository.

    Example::

        >>> Corpus.at("/tmp/corpus").steps
        PosixPath('/tmp/corpus/extract/steps')
    """

    sources: Path
    steps: Path
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
        return cls(base / "data" / "sources", base / "extract" / "steps",
                   base / "data" / "entities.toml", base / "data" / "metrics.toml")

    def override(self, **paths: str | os.PathLike | None) -> Corpus:
        """The same corpus with the parts given (not None) replaced.

        Example::

            >>> Corpus.at("/tmp/corpus").override(steps="/tmp/steps", sources=None).steps
            PosixPath('/tmp/steps')
        """
        return replace(self, **{k: Path(v) for k, v in paths.items() if v is not None})


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one).

    Example::

        >>> cpu_count() >= 1
        True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_jobs(value: str | int) -> int:
    """``--jobs``: a count of worker processes; ``0`` or ``auto`` means one per CPU.

    Example::

        >>> parse_jobs("3"), parse_jobs("auto") == cpu_count()
        (3, True)
    """
    text = str(value).strip().lower()
    if text == "auto":
        return cpu_count()
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"--jobs takes a number of processes or 'auto', got {value!r}") from None
    if n < 0:
        raise ValueError(f"--jobs cannot be negative, got {n}")
    return n or cpu_count()


class SourceTask:
    """The per-source work, reading from a :class:`Corpus`; picklable state only.

    Example::

        >>> task = SourceTask(Corpus.at(), set(list_sources()), load_entities(), load_metrics())  # doctest: +SKIP
        >>> task("2026-01-30-yilan-ant-vs-alibaba").errors  # doctest: +SKIP
        []
    """

    def __init__(self, corpus: Corpus, known: frozenset[str] | set[str], entities: dict, metrics: dict):
        self.corpus = corpus
        self.steps = Path(corpus.steps).resolve()
        self.package = _steps_package(self.steps)
        self.known = frozenset(known)
        self.entities = entities
        self.metrics = metrics

    def __call__(self, source_id: str) -> SourceOutcome:
        """The outcome of one source: its rows, or the errors that refuse it.

        Example::

            >>> outcome = SourceTask(Corpus.at("/nonexistent"), set(), {}, {})("2026-01-30-x")
            >>> "no such file" in outcome.errors[0]
            True
        """
        from extract.sources import ArchiveError, read_source

        try:
            source = read_source(source_id, root=self.corpus.sources)
        except ArchiveError as exc:
            return SourceOutcome(source_id, [str(exc)])
        path = self.steps / f"{module_stem(source_id)}.py"
        if not path.is_file():
            return SourceOutcome(source_id, [_missing_extractor(self.steps, source_id)])
        got = _extractor_from_file(path, self.package, self.known.__contains__)
        if isinstance(got, str):
            return SourceOutcome(source_id, [got])
        return check_one(source, got, self.entities, self.metrics)


# One task object per worker process, set up once by the pool's initializer so that
# the registries and the id set cross the process boundary once, not once per source.
_TASK: SourceTask | None = None


def _init_worker(corpus: Corpus, known: frozenset[str], entities: dict, metrics: dict) -> None:
    global _TASK
    _TASK = SourceTask(corpus, known, entities, metrics)


def _run_in_worker(source_id: str) -> SourceOutcome:
    return _TASK(source_id)


def _warm_up() -> None:
    """Load the scanner, the text layer (OpenCC) and the period parser before the pool starts.

    Forked workers inherit them instead of each paying the imports again (about half
    a second per worker); with another start method this only costs the parent the
    time it would spend anyway.
    """
    from extract.engine import _default_resolve_period, _default_scan

    _default_scan()("约1.5亿元")
    _default_resolve_period()


def chunk_size(n_tasks: int, jobs: int) -> int:
    """Ids per hand-over: about four chunks per worker, at most :data:`MAX_CHUNK`.

    Example::

        >>> chunk_size(1000, 2), chunk_size(3, 4)
        (64, 1)
    """
    return max(1, min(MAX_CHUNK, n_tasks // (jobs * 4)))


def run_sources(source_ids: list[str], corpus: Corpus, *, entities: dict, metrics: dict,
                jobs: int = 1) -> list[SourceOutcome]:
    """The outcome of every source, in the order of ``source_ids``.

    ``jobs`` > 1 spreads the sources over that many worker processes (never more
    than there are sources). A worker that dies (killed, out of memory) is a
    :class:`BuildError`; any other exception propagates as it would in-process.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> outcomes = run_sources(["2026-01-30-yilan-ant-vs-alibaba"], Corpus.at(), entities=load_entities(),
        ...                        metrics=load_metrics(), jobs=1)  # doctest: +SKIP
        >>> [o.errors for o in outcomes]  # doctest: +SKIP
        [[]]
    """
    jobs = max(1, min(int(jobs), len(source_ids)))
    if jobs == 1:
        task = SourceTask(corpus, set(source_ids), entities, metrics)
        return [task(sid) for sid in source_ids]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm_up()
    known = frozenset(source_ids)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(corpus, known, entities, metrics)) as pool:
        try:
            return list(pool.map(_run_in_worker, source_ids, chunksize=chunk_size(len(source_ids), jobs)))
        except BrokenProcessPool as exc:
            raise BuildError([f"a build worker process died ({exc}); nothing was written. "
                              "Rerun with --jobs 1 to see the source it was working on"]) from None
