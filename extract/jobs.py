"""The per-source work of a build, in this process or in worker processes (``--jobs N``).

Every source is an independent task: read its archive file and check the sha256
(:func:`extract.sources.read_source`), import its extractor, scan the text and
check every declaration and the coverage (:func:`extract.corpus.check_one`). A task
returns a small :class:`extract.corpus.SourceOutcome` (rows, or error lines; never
the article text). The parent merges the outcomes in sorted source-id order
(:func:`extract.build.merge`), so the tables are byte-identical whatever the
number of workers, and writes them only when no task reported an error. ``jobs=1``
runs the very same task function in-process.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> from extract.sources import list_sources
    >>> outcomes = run_sources(list_sources(), Corpus.at(), entities=load_entities(),
    ...                        metrics=load_metrics(), jobs=2)
    >>> [o.source_id for o in outcomes] == list_sources() and all(o.ok for o in outcomes)
    True
"""
from __future__ import annotations

import os



from extract.corpus import Corpus, SourceOutcome, check_source_id
from extract.engine import BuildError

#: Ids handed to a worker at a time: big enough to amortise the inter-process
#: round trip, small enough that the last chunks still spread over the workers.
MAX_CHUNK = 64


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
    """The per-source work, reading from a :class:`~extract.corpus.Corpus`; picklable state only.

    Example::

        >>> outcome = SourceTask(Corpus.at("/nonexistent"), {}, {})("2026-01-30-x")
        >>> "no such file" in outcome.errors[0]
        True
    """

    def __init__(self, corpus: Corpus, entities: dict, metrics: dict):
        self.corpus = corpus
        self.entities = entities
        self.metrics = metrics

    def __call__(self, source_id: str) -> SourceOutcome:
        """The outcome of one source: its rows, or the errors that refuse it.

        Example::

            >>> SourceTask(Corpus.at("/nonexistent"), {}, {})("2026-01-30-x").ok
            False
        """
        return check_source_id(source_id, self.corpus, self.entities, self.metrics)


# One task object per worker process, set up once by the pool's initializer so that
# the registries and the id set cross the process boundary once, not once per source.
_TASK: SourceTask | None = None


def _init_worker(corpus: Corpus, entities: dict, metrics: dict) -> None:
    global _TASK
    _TASK = SourceTask(corpus, entities, metrics)


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

        >>> outcomes = run_sources(["2099-01-01-not-archived"], Corpus.at(), entities={}, metrics={})
        >>> outcomes[0].ok
        False
    """
    jobs = max(1, min(int(jobs), len(source_ids)))
    if jobs == 1:
        task = SourceTask(corpus, entities, metrics)
        return [task(sid) for sid in source_ids]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm_up()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(corpus, entities, metrics)) as pool:
        try:
            return list(pool.map(_run_in_worker, source_ids, chunksize=chunk_size(len(source_ids), jobs)))
        except BrokenProcessPool as exc:
            raise BuildError([f"a build worker process died ({exc}); nothing was written. "
                              "Rerun with --jobs 1 to see the source it was working on"]) from None
