"""``python -m extract new FILE --id ID ...``: archive a new source and draft its extractor.

Three steps, each refusing to overwrite anything:

1. copy FILE byte for byte to ``data/sources/<id>.txt`` (strict UTF-8, the id
   checked with the archive's own rule in :mod:`extract.sources`);
2. write ``data/sources/<id>.json`` with every key the archive requires, the
   sha256, and a body range covering the whole text (stripped); ``python -m extract
   body <id> --first "..." --last "..."`` then narrows it to the article from its
   first and last words (:func:`set_body`), leaving out site furniture;
3. draft ``extract/extractors/<id>.py`` (:mod:`extract.draft`): one claim per figure
   mention, each ``reviewed=False`` so the build refuses it until checked; a name or
   metric the registries lack is added to ``data/entities.toml`` /
   ``data/metrics.toml`` as a stub marked ``unreviewed = true``, which the build
   refuses until a person has checked it.

The archive is read back with :func:`extract.sources.read_source` before the
draft is written; on any failure nothing new is left behind.

Example::

    $ python -m extract new article.txt --id 2026-03-01-36kr-doubao-mau \\
          --title "豆包月活破亿" --publisher 36氪 --publisher-en 36Kr --date 2026-03-01
    $ python -m extract body 2026-03-01-36kr-doubao-mau --first "豆包月活破亿" --last "同比增长12%。"

    >>> repo = _example_repo()
    >>> r = new_source(repo / "article.txt", source_id="2026-03-01-36kr-doubao-mau", title="豆包月活破亿",
    ...                publisher="36氪", publisher_en="36Kr", published="2026-03-01", root=repo)
    >>> r.n_claims, r.extractor_path.name
    (3, '2026-03-01-36kr-doubao-mau.py')
    >>> set_body("2026-03-01-36kr-doubao-mau", "豆包月活破亿", "同比增长12%。", root=repo)
    (9, 46)
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
from extract.textlayer import detect_script

_SNIPPET = 12


class NewSourceError(Exception):
    """``new`` refuses: the message is one line naming the file and the problem.

    Example::

        >>> try:
        ...     new_source("article.txt", source_id="Bad Id", title="t", publisher=None,
        ...                published="2026-03-05", root=_example_repo())
        ... except NewSourceError as exc:
        ...     print(exc)
        source id 'Bad Id' is not a safe slug ...
    """


@dataclass
class NewSource:
    """What :func:`new_source` wrote.

    Example::

        >>> repo = _example_repo()
        >>> result = new_source(repo / "article.txt", source_id="2026-03-05-test-ai-apps", title="AI应用观察",
        ...                     publisher="测试日报", published="2026-03-05", root=repo)
        >>> result.n_claims, result.extractor_path.name, result.proposed_entities
        (3, '2026-03-05-test-ai-apps.py', [])
    """

    source_id: str
    text_path: Path
    meta_path: Path
    extractor_path: Path
    n_claims: int
    body_start: int
    body_end: int
    proposed_entities: list[str] = ()
    proposed_metrics: list[str] = ()
    todo: int = 0


def _example_repo() -> Path:
    """A throwaway repository with this checkout's registries and one short article (for the examples)."""
    import atexit
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="acm-new-"))
    atexit.register(shutil.rmtree, root, True)
    (root / "data" / "sources").mkdir(parents=True)
    for name in ("entities.toml", "metrics.toml"):
        shutil.copy(REPO_ROOT / "data" / name, root / "data" / name)
    (root / "article.txt").write_text("首页 > 科技\n\n豆包月活破亿\n\n2026年2月,豆包月活跃用户达3.2亿,同比增长12%。\n\n（完）\n",
                                      encoding="utf-8")
    return root


def _paths(root: Path, source_id: str) -> tuple[Path, Path, Path]:
    from extract.corpus import Corpus  # the repository layout is written down once, there

    corpus = Corpus.at(root)
    return (corpus.sources / f"{source_id}.txt", corpus.sources / f"{source_id}.json",
            corpus.extractor(source_id))


def metadata(source_id: str, raw: bytes, text: str, *, file_name: str, title: str, publisher: str | None,
             published: str, precision: str = "day", url: str | None = None, authors: list[str] = (),
             platform: str | None = None, estimated_note: str | None = None,
             publisher_en: str | None = None) -> dict:
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
        "publisher_en": publisher_en,
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
               publisher_en: str | None = None, root: str | Path | None = None) -> NewSource:
    """Archive ``file`` as ``source_id`` under ``root`` (the repository) and draft its extractor.

    Raises :class:`NewSourceError` (one line) and leaves nothing behind on any problem.

    Example::

        >>> repo = _example_repo()
        >>> r = new_source(repo / "article.txt", source_id="2026-03-01-x", title="t", publisher="p",
        ...                published="2026-03-01", root=repo)
        >>> r.extractor_path.name
        '2026-03-01-x.py'
    """
    from extract.draft import draft
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
                    authors=authors, platform=platform, estimated_note=estimated_note,
                    publisher_en=publisher_en)
    corpus = Corpus.at(root)
    # Entries proposed for earlier drafts are names the draft may use again.
    entities = load_entities(corpus.entities, allow_unreviewed=True)
    metrics = load_metrics(corpus.metrics, allow_unreviewed=True)
    registries = {path: path.read_bytes() for path in (corpus.entities, corpus.metrics)}
    written: list[Path] = []
    try:
        txt.parent.mkdir(parents=True, exist_ok=True)
        _write_new(txt, raw, written)
        _write_new(meta_path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), written)
        try:
            source = _sources.read_source(source_id, root=txt.parent)
        except _sources.ArchiveError as exc:
            raise NewSourceError(str(exc)) from None
        drafted = draft(source, entities, metrics)
        code = drafted.code
        compile(code, str(extractor), "exec")  # a draft that does not parse is a bug here, not the user's
        extractor.parent.mkdir(parents=True, exist_ok=True)
        _write_new(extractor, code.encode("utf-8"), written)
        proposed_e = {k: v for k, v in drafted.proposed_entities.items() if k not in entities}
        proposed_m = {k: v for k, v in drafted.proposed_metrics.items() if k not in metrics}
        if proposed_e:
            add_entries(corpus.entities, {k: entity_stub(k, name, quote, source_id)
                                          for k, (name, quote) in proposed_e.items()})
        if proposed_m:
            add_entries(corpus.metrics, {k: metric_stub(k, *v, source_id=source_id) for k, v in proposed_m.items()})
        # The registries must still load: a stub that breaks them is a bug here.
        load_entities(corpus.entities, allow_unreviewed=True)
        load_metrics(corpus.metrics, allow_unreviewed=True)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for path, data in registries.items():
            path.write_bytes(data)
        raise
    return NewSource(source_id, txt, meta_path, extractor, len(drafted.claims), meta["body_start"], meta["body_end"],
                     sorted(proposed_e), sorted(proposed_m), code.count('="TODO",'))


def _toml(value) -> str:
    # JSON strings and lists are valid TOML basic strings and arrays (ensure_ascii=False keeps 知乎 readable).
    return json.dumps(value, ensure_ascii=False)


def entity_stub(entity_id: str, name_zh: str, quote: str, source_id: str) -> str:
    """The ``data/entities.toml`` entry proposed for a name the registry lacks.

    Example::

        >>> print(entity_stub("proposed_5e311c", "知乎", "知乎用户量同比增长了8%", "2026-03-05-x"))
        [proposed_5e311c]
        name_en = "TODO English name of 知乎"
        name_zh = "知乎"
        kind = "company"
        category = "unclassified"
        unreviewed = true
        note = "Proposed by `python -m extract new` for 2026-03-05-x (知乎用户量同比增长了8%). Check name_en, kind (company | business_group | app | product | market | other), category, parent and fiscal_year_end; rename the id here and in the extractor; then delete `unreviewed = true`."
    """
    note = (f"Proposed by `python -m extract new` for {source_id} ({quote[:40]}). Check name_en, kind "
            "(company | business_group | app | product | market | other), category, parent and fiscal_year_end; rename the "
            "id here and in the extractor; then delete `unreviewed = true`.")
    return "\n".join([f"[{entity_id}]", f"name_en = {_toml('TODO English name of ' + name_zh)}",
                      f"name_zh = {_toml(name_zh)}", 'kind = "company"', 'category = "unclassified"',
                      "unreviewed = true", f"note = {_toml(note)}"])


def metric_stub(metric_id: str, name: str, description: str, units, table: str, *, source_id: str) -> str:
    """The ``data/metrics.toml`` entry proposed for a metric the registry lacks.

    Example::

        >>> print(metric_stub("gross_profit", "Gross profit", "Revenue less cost of revenue.", ("CNY",),
        ...                   "financials", source_id="2026-03-05-x").splitlines()[:5])
        ['[gross_profit]', 'name = "Gross profit"', 'description = "Revenue less cost of revenue."', 'allowed_units = ["CNY"]', 'table = "financials"']
    """
    note = (f"Proposed by `python -m extract new` for {source_id}: check the description, units and table, "
            "then delete `unreviewed = true`.")
    return "\n".join([f"[{metric_id}]", f"name = {_toml(name)}", f"description = {_toml(description)}",
                      f"allowed_units = {_toml(list(units))}", f"table = {_toml(table)}", "unreviewed = true",
                      f"note = {_toml(note)}"])


def add_entries(path: Path, stubs: dict[str, str]) -> None:
    r"""Insert registry entries into ``path`` in alphabetical order of their ids (the file's convention).

    Example::

        >>> p = _example_repo() / "r.toml"
        >>> _ = p.write_text("# head\n\n[alpha]\nname = 1\n\n[gamma]\nname = 3\n", encoding="utf-8")
        >>> add_entries(p, {"beta": "[beta]\nname = 2"})
        >>> [line for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("[")]
        ['[alpha]', '[beta]', '[gamma]']
    """
    import re

    text = path.read_text(encoding="utf-8")
    for key in sorted(stubs):
        heads = [(m.group(1), m.start()) for m in re.finditer(r"^\[([A-Za-z0-9_]+)\]\s*$", text, re.M)]
        later = [pos for name, pos in heads if name > key]
        block = stubs[key].rstrip("\n") + "\n\n"
        if later:
            text = text[:later[0]] + block + text[later[0]:]
        else:
            text = text.rstrip("\n") + "\n\n" + block.rstrip("\n") + "\n"
    path.write_text(text, encoding="utf-8")


class BodyError(NewSourceError):
    """``body`` refuses: the words are not in the text, not unique, or in the wrong order.

    Example::

        >>> issubclass(BodyError, NewSourceError)
        True
    """


def set_body(source_id: str, first: str, last: str, root: str | Path | None = None) -> tuple[int, int]:
    """Set the body of an archived source from its first and last words; return (body_start, body_end).

    ``first`` must occur once in the text and ``last`` once after it; the metadata's
    ``body_start``/``body_end``/``body_first``/``body_last`` are rewritten and the
    source is read back (:func:`extract.sources.read_source`) before the file is kept.

    Example::

        >>> repo = _example_repo()
        >>> _ = new_source(repo / "article.txt", source_id="2026-03-05-x", title="t", publisher="p",
        ...                published="2026-03-05", root=repo)
        >>> set_body("2026-03-05-x", "2026年2月", "同比增长12%。", root=repo)
        (17, 46)
        >>> try:
        ...     set_body("2026-03-05-x", "豆包", "。", root=repo)
        ... except BodyError as exc:
        ...     print(exc)
        /...2026-03-05-x.txt: the first words '豆包' occur more than once; give more of them
    """
    from extract.corpus import Corpus

    root = Path(root) if root is not None else REPO_ROOT
    txt, meta_path, _ = _paths(root, source_id)
    try:
        meta_raw = meta_path.read_bytes()
        text = _sources._decode(txt.read_bytes(), str(txt))
    except OSError as exc:
        raise BodyError(f"{exc.filename}: cannot read: {exc.strerror} (is {source_id!r} archived?)") from None
    meta = json.loads(meta_raw.decode("utf-8"))

    def once(words: str, lo: int, what: str) -> int:
        if not words:
            raise BodyError(f"{meta_path}: --{what} is empty")
        at = text.find(words, lo)
        if at == -1:
            raise BodyError(f"{txt}: the {what} words {words!r} are not in the text"
                            + (" after the first words" if lo else "") + "; copy them from the .txt file exactly")
        if text.find(words, at + 1) != -1:
            raise BodyError(f"{txt}: the {what} words {words!r} occur more than once"
                            + (" after the first words" if lo else "") + "; give more of them")
        return at

    start = once(first, 0, "first")
    end = once(last, start, "last") + len(last)
    meta.update(body_start=start, body_end=end, body_first=first, body_last=last)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    try:
        _sources.read_source(source_id, root=Corpus.at(root).sources)
    except _sources.ArchiveError as exc:
        meta_path.write_bytes(meta_raw)
        raise BodyError(str(exc)) from None
    return start, end


def _write_new(path: Path, data: bytes, written: list[Path]) -> None:
    with open(path, "xb") as fh:  # "x": never overwrite, even if the file appeared meanwhile
        written.append(path)
        fh.write(data)


def main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract new``.

    Example::

        >>> repo = _example_repo()
        >>> main(argparse.Namespace(file=repo / "article.txt", id="2026-03-05-test-ai-apps", title="t",
        ...                         publisher="p", publisher_en=None, date="2026-03-05", precision="day",
        ...                         url=None, authors=None, platform=None, estimated=None, root=repo))
        archived .../data/sources/2026-03-05-test-ai-apps.txt
        ...
        0
    """
    authors = [a.strip() for a in (args.authors or "").split(",") if a.strip()]
    try:
        result = new_source(args.file, source_id=args.id, title=args.title, publisher=args.publisher,
                            published=args.date, precision=args.precision, url=args.url, authors=authors,
                            platform=args.platform, estimated_note=args.estimated,
                            publisher_en=args.publisher_en, root=args.root)
    except NewSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (_sources.ArchiveError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"archived {result.text_path}")
    print(f"wrote    {result.meta_path}")
    print(f"drafted  {result.extractor_path}: {result.n_claims} unreviewed claim(s), "
          f"{result.todo} field(s) left TODO (each comment says why)")
    for path, ids in (("data/entities.toml", result.proposed_entities), ("data/metrics.toml", result.proposed_metrics)):
        if ids:
            print(f"proposed {len(ids)} entr{'y' if len(ids) == 1 else 'ies'} in {path} (unreviewed = true): "
                  f"{', '.join(ids)}; check them there")
    print(f"hint: the body is the whole text [{result.body_start}, {result.body_end}); to leave out navigation, "
          f"ads and footers: python -m extract body {result.source_id} --first \"<first words>\" "
          "--last \"<last words>\"")
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
    p.add_argument("--publisher-en", default=None, dest="publisher_en",
                   help="the publisher's English or romanised name (36氪 -> 36Kr): charts without CJK fonts use it")
    p.add_argument("--date", required=True, help="publication date YYYY-MM-DD (YYYY-MM / YYYY with --precision)")
    p.add_argument("--precision", choices=("day", "month", "year"), default="day")
    p.add_argument("--url", default=None)
    p.add_argument("--authors", default=None, help="comma-separated")
    p.add_argument("--platform", default=None, help="the site that carried it, if not the publisher")
    p.add_argument("--estimated", default=None, metavar="NOTE",
                   help="the date is estimated: say why (sets published_estimated)")
    p.add_argument("--root", default=None, help="repository root (default: this checkout)")
    p.set_defaults(func=main)

    b = sub.add_parser("body", help="set an archived source's body from its first and last words")
    b.add_argument("source_id")
    b.add_argument("--first", required=True, help="the body's first words, copied from the .txt (unique in it)")
    b.add_argument("--last", required=True, help="the body's last words, copied from the .txt (unique after --first)")
    b.add_argument("--root", default=None, help="repository root (default: this checkout)")
    b.set_defaults(func=body_main)


def body_main(args: argparse.Namespace) -> int:
    """Entry point of ``python -m extract body``.

    Example::

        >>> repo = _example_repo()
        >>> _ = new_source(repo / "article.txt", source_id="2026-03-05-x", title="t", publisher="p",
        ...                published="2026-03-05", root=repo)
        >>> body_main(argparse.Namespace(source_id="2026-03-05-x", first="豆包月活破亿", last="12%。", root=repo))
        body of 2026-03-05-x: [9, 46)
        0
    """
    try:
        start, end = set_body(args.source_id, args.first, args.last, root=args.root)
    except NewSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"body of {args.source_id}: [{start}, {end})")
    return 0
