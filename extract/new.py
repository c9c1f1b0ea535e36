"""``python -m extract new FILE --id ID ...``: archive a new source and draft its extractor.

Three steps, each refusing to overwrite anything:

1. copy FILE byte for byte to ``data/sources/<id>.txt`` (strict UTF-8, the id
   checked with the archive's own rule in :mod:`extract.sources`);
2. write ``data/sources/<id>.json`` with every key the archive requires, the
   sha256, and a body range covering the whole text (stripped): adjust
   ``body_start``/``body_end`` (and ``body_first``/``body_last``) to leave out
   site furniture;
3. draft ``extract/extractors/<id>.py`` (:mod:`extract.draft`): one claim per figure
   mention, each ``reviewed=False`` so the build refuses it until checked.

The archive is read back with :func:`extract.sources.read_source` before the
draft is written; on any failure nothing new is left behind.

Example::

    $ python -m extract new article.txt --id 2026-03-01-36kr-doubao-mau \\
          --title "豆包月活破亿" --publisher 36氪 --date 2026-03-01
    >>> new_source("article.txt", source_id="2026-03-01-36kr-doubao-mau", title="豆包月活破亿",
    ...            publisher="36氪", published="2026-03-01", root=tmp)  # doctest: +SKIP
"""
from __future__ import annotations

from extract import REPO_ROOT

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from extract import sources as _sources

_SNIPPET = 12


class NewSourceError(Exception):
    """``new`` refuses: the message is one line naming the file and the problem.

    Example::

        >>> new_source("article.txt", source_id="Bad Id", title="t", publisher=None,
        ...            published="2026-03-05")  # doctest: +SKIP
        Traceback (most recent call last):
        NewSourceError: ...
    """


@dataclass
class NewSource:
    """What :func:`new_source` wrote.

    Example::

        >>> result = new_source("article.txt", source_id="2026-03-05-test-ai-apps", title="AI应用观察",
        ...                     publisher="测试日报", published="2026-03-05")  # doctest: +SKIP
        >>> result.n_claims, result.extractor_path.name  # doctest: +SKIP
        (5, 's2026_03_05_test_ai_apps.py')
    """

    source_id: str
    text_path: Path
    meta_path: Path
    extractor_path: Path
    n_claims: int
    body_start: int
    body_end: int


def _paths(root: Path, source_id: str) -> tuple[Path, Path, Path]:
    from extract.corpus import Corpus  # the repository layout is written down once, there

    corpus = Corpus.at(root)
    return (corpus.sources / f"{source_id}.txt", corpus.sources / f"{source_id}.json",
            corpus.extractor(source_id))


def detect_script(text: str) -> str:
    """``Hant`` when converting to simplified changes more than 3% of the Han characters, else ``Hans``.

    Example::

        >>> detect_script("阿里巴巴的營收"), detect_script("阿里巴巴的营收")
        ('Hant', 'Hans')
    """
    import opencc

    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return "Hans"
    simplified = opencc.OpenCC("t2s").convert("".join(han))
    changed = sum(a != b for a, b in zip(han, simplified))
    return "Hant" if changed > 0.03 * len(han) else "Hans"


def metadata(source_id: str, raw: bytes, text: str, *, file_name: str, title: str, publisher: str | None,
             published: str, precision: str = "day", url: str | None = None, authors: list[str] = (),
             platform: str | None = None, estimated_note: str | None = None) -> dict:
    """The metadata JSON object for a new source, body = the whole text stripped.

    Example::

        >>> text = "  豆包月活跃用户达3.2亿。  "
        >>> meta = metadata("2026-03-05-x", text.encode("utf-8"), text, file_name="a.txt", title="t",
        ...                 publisher="测试日报", published="2026-03-05")
        >>> meta["body_start"], meta["body_end"], meta["body_first"], meta["script"]
        (2, 15, '豆包月活跃用户达3.2亿', 'Hans')
    """
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        raise NewSourceError(f"{file_name}: the text is empty or only whitespace")
    body = text[start:end]
    owner = publisher or "the publisher"
    return {
        "source_id": source_id,
        "file": f"{source_id}.txt",
        "seed_file": file_name,
        "title": title,
        "publisher": publisher,
        "platform": platform,
        "authors": list(authors),
        "published": published,
        "published_precision": precision,
        "published_estimated": estimated_note is not None,
        "published_note": estimated_note,
        "url": url,
        "language": "zh",
        "script": detect_script(text),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "body_start": start,
        "body_end": end,
        "body_first": body[:_SNIPPET],
        "body_last": body[-_SNIPPET:],
        "rights": ("Archived verbatim only so that every figure in the dataset can be cited and verified "
                   f"against the exact characters; copyright in the text stays with {owner}. The archive is "
                   "not covered by the dataset's licence and is not redistributed as part of it."),
        "references": [],
        "notes": None,
    }


def _normalise_date(value: str, precision: str) -> str:
    # "2025-05" with month precision and "2025" with year precision are what a person types.
    if precision == "month" and len(value) == 7:
        return value + "-01"
    if precision == "year" and len(value) == 4:
        return value + "-01-01"
    return value


def new_source(file: str | Path, *, source_id: str, title: str, publisher: str | None, published: str,
               precision: str = "day", url: str | None = None, authors: list[str] = (),
               platform: str | None = None, estimated_note: str | None = None,
               root: str | Path | None = None) -> NewSource:
    """Archive ``file`` as ``source_id`` under ``root`` (the repository) and draft its extractor.

    Raises :class:`NewSourceError` (one line) and leaves nothing behind on any problem.

    Example::

        >>> r = new_source("a.txt", source_id="2026-03-01-x", title="t", publisher="p",
        ...                published="2026-03-01", root=tmp_repo)  # doctest: +SKIP
        >>> r.extractor_path.name  # doctest: +SKIP
        's2026_03_01_x.py'
    """
    from extract.draft import draft_extractor
    from extract.corpus import Corpus
    from extract.registry import load_entities, load_metrics

    root = Path(root) if root is not None else REPO_ROOT
    file = Path(file)
    try:
        _sources._check_id(source_id)
    except _sources.ArchiveError as exc:
        raise NewSourceError(str(exc)) from None
    txt, meta_path, extractor = _paths(root, source_id)
    for path in (txt, meta_path, extractor):
        if path.exists():
            raise NewSourceError(f"{path}: already exists; refusing to overwrite (choose another --id)")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise NewSourceError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        text = _sources._decode(raw, str(file))
    except _sources.ArchiveError as exc:
        raise NewSourceError(str(exc)) from None
    meta = metadata(source_id, raw, text, file_name=file.name, title=title, publisher=publisher,
                    published=_normalise_date(published, precision), precision=precision, url=url,
                    authors=authors, platform=platform, estimated_note=estimated_note)
    corpus = Corpus.at(root)
    entities = load_entities(corpus.entities)
    metrics = load_metrics(corpus.metrics)
    written: list[Path] = []
    try:
        txt.parent.mkdir(parents=True, exist_ok=True)
        _write_new(txt, raw, written)
        _write_new(meta_path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), written)
        try:
            source = _sources.read_source(source_id, root=txt.parent)
        except _sources.ArchiveError as exc:
            raise NewSourceError(str(exc)) from None
        code = draft_extractor(source, entities, metrics)
        compile(code, str(extractor), "exec")  # a draft that does not parse is a bug here, not the user's
        extractor.parent.mkdir(parents=True, exist_ok=True)
        _write_new(extractor, code.encode("utf-8"), written)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return NewSource(source_id, txt, meta_path, extractor, sum(line.strip() == "reviewed=False," for line in code.splitlines()),
                     meta["body_start"], meta["body_end"])


def _write_new(path: Path, data: bytes, written: list[Path]) -> None:
    with open(path, "xb") as fh:  # "x": never overwrite, even if the file appeared meanwhile
        written.append(path)
        fh.write(data)


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract new``.

    Example::

        >>> main(argparse.Namespace(file="article.txt", id="2026-03-05-test-ai-apps", title="t",
        ...                         publisher=None, date="2026-03-05", url=None, authors=None))  # doctest: +SKIP
        archived data/sources/2026-03-05-test-ai-apps.txt
        ...
        0
    """
    authors = [a.strip() for a in (args.authors or "").split(",") if a.strip()]
    try:
        result = new_source(args.file, source_id=args.id, title=args.title, publisher=args.publisher,
                            published=args.date, precision=args.precision, url=args.url, authors=authors,
                            platform=args.platform, estimated_note=args.estimated, root=args.root)
    except NewSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (_sources.ArchiveError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"archived {result.text_path}")
    print(f"wrote    {result.meta_path}")
    print(f"drafted  {result.extractor_path}: {result.n_claims} unreviewed claim(s)")
    print(f"hint: the body is the whole text [{result.body_start}, {result.body_end}); set body_start/body_end "
          f"(and body_first/body_last) in {result.meta_path.name} to leave out navigation, ads and footers")
    print(f"next: python -m extract review {result.source_id} -o review.html; edit the draft; "
          "python -m extract build")
    return 0


def add_parser(sub) -> None:
    """Register ``new`` on the ``python -m extract`` command line.

    Example::

        >>> sub = argparse.ArgumentParser(prog="python -m extract").add_subparsers()
        >>> add_parser(sub)
        >>> "new" in sub.choices
        True
    """
    p = sub.add_parser("new", help="archive a UTF-8 article and draft its extractor (claims to review)")
    p.add_argument("file", help="the article as UTF-8 text")
    p.add_argument("--id", required=True, help="source id: YYYY-MM-DD-publisher-topic (lowercase, digits, '-')")
    p.add_argument("--title", required=True)
    p.add_argument("--publisher", required=True)
    p.add_argument("--date", required=True, help="publication date YYYY-MM-DD (YYYY-MM / YYYY with --precision)")
    p.add_argument("--precision", choices=("day", "month", "year"), default="day")
    p.add_argument("--url", default=None)
    p.add_argument("--authors", default=None, help="comma-separated")
    p.add_argument("--platform", default=None, help="the site that carried it, if not the publisher")
    p.add_argument("--estimated", default=None, metavar="NOTE",
                   help="the date is estimated: say why (sets published_estimated)")
    p.add_argument("--root", default=None, help="repository root (default: this checkout)")
    p.set_defaults(func=main)
