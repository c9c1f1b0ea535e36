"""Find figures by words: in quotes, entity names and metric names, in either script.

``find("豆包")``, ``find("騰訊 revenue")``, ``find("Doubao MAU")`` and a phrase copied
from an article with pinyin glosses (``發(fā)生``) all work: the query is folded the way
the build folded every figure's text (pinyin glosses removed, traditional to
simplified, full-width to ASCII, case ignored), then every word of the query must
occur in the figure's search text (quote, value text, scope, period, attribution,
entity id and names, metric id and name).

The folding table and the texts are data the build wrote (``search_index.json``, by
``extract/search_index.py``), so searching needs neither OpenCC nor the build code.
The index records the sha256 of the tables it was made from; an index that does not
match the installed tables is an error, never a silently wrong answer.

Example:

    >>> import ai_consumer_metrics as acm
    >>> hits = acm.find("豆包")
    >>> bool(hits.entity_id.str.contains("doubao").any())
    True
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .store import DATA_DIR, MANIFEST, DataIntegrityError, load, read_manifest

#: The index file the build writes beside the tables.
INDEX_FILE = "search_index.json"
_FORMAT = 1


class _Index:
    def __init__(self, data: dict):
        self.texts: dict[str, str] = data["figures"]
        self.gloss = re.compile(data["gloss_pattern"])
        table = str.maketrans(data["fold_from"], data["fold_to"])
        table.update({ord(k): v for k, v in data.get("fold_multi", {}).items()})
        self.fold_table = table

    def fold(self, text: str) -> str:
        return self.gloss.sub("", text).translate(self.fold_table).casefold()


def _read_index(folder: Path) -> _Index:
    path = folder / INDEX_FILE
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(
            f"{path}: no search index; rebuild the dataset (python -m extract build)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataIntegrityError(f"{path}: not a valid search index ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("figures"), dict):
        raise DataIntegrityError(f"{path}: not a search index of format {_FORMAT}; rebuild the dataset")
    tables = read_manifest(folder)["tables"]
    for name, sha in data.get("built_from", {}).items():
        if tables.get(name, {}).get("sha256") != sha:
            raise DataIntegrityError(
                f"{path}: made from another build's {name!r} table; rebuild the dataset (python -m extract build)")
    try:
        return _Index(data)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise DataIntegrityError(f"{path}: not a valid search index ({exc})") from None


@lru_cache(maxsize=4)
def _cached_index(folder: Path, stamp: tuple) -> _Index:
    return _read_index(folder)


def _index(data_dir) -> _Index:
    folder = Path(data_dir or DATA_DIR)
    stamps = []
    for name in (INDEX_FILE, MANIFEST):
        try:
            st = (folder / name).stat()
            stamps.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            stamps.append(None)
    return _cached_index(folder, tuple(stamps))


def fold(query: str, data_dir=None) -> str:
    """``query`` folded as the figures' search texts are: the form :func:`find` matches.

    Example::

        >>> fold("阿里雲收入 發(fā)生")
        '阿里云收入 发生'
        >>> fold("ＭＡＵ")
        'mau'
    """
    return _index(data_dir).fold(str(query))


def find(query: str, *, data_dir=None, backend: str = "pandas"):
    """The figures whose text matches every word of ``query``, as rows of the ``figures`` table.

    Words are separated by spaces; each must occur somewhere in the figure's quote,
    value text, scope, period, attribution, entity (id, English or Chinese name,
    aliases) or metric (id or name). Script, width, case
    and pinyin glosses do not matter. ``backend`` is as in :func:`ai_consumer_metrics.load`.
    The result keeps the table's order and dtypes; ``acm.cite(row)`` cites any row.

    Example::

        >>> import ai_consumer_metrics as acm
        >>> simplified, traditional = acm.find("阿里云"), acm.find("阿里雲")
        >>> simplified.figure_id.tolist() == traditional.figure_id.tolist()
        True
        >>> list(acm.find("no such words anywhere").columns) == list(acm.load("figures").columns)
        True
    """
    if not isinstance(query, str) or not query.strip():
        raise ValueError("find() needs a non-empty query string, e.g. acm.find('豆包') or acm.find('Doubao MAU')")
    index = _index(data_dir)
    words = index.fold(query).split()
    hits = {fid for fid, text in index.texts.items() if all(w in text for w in words)}
    figures = load("figures", data_dir, backend=backend)
    if backend == "polars":
        import polars as pl

        return figures.filter(pl.col("figure_id").is_in(sorted(hits)))
    return figures[figures["figure_id"].isin(hits)]
