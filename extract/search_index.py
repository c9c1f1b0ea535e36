"""The search index that ``ai_consumer_metrics.find`` (module ``ai_consumer_metrics.search``) reads: written by the build, beside the tables.

The package cannot import OpenCC or this package (a user's install has neither), so
everything a search needs that takes OpenCC is computed here, once per build, and
shipped as data in ``search_index.json``:

- ``figures``: for every figure, one search text: its quote, value text, scope,
  period and attribution, its entity's id and names (English, Chinese, aliases) and
  the same of each group above it (字节跳动 finds Doubao), its metric's id, name and the
  Chinese cue words drafts read it from (营收, 月活), (not the article's title: a title naming two companies
  would match every figure of the article); each part normalised
  by the text layer (pinyin glosses removed, traditional → simplified, full-width →
  ASCII) and case-folded, parts separated by a newline so that a search term never
  spans two of them;
- ``fold_from`` / ``fold_to`` (and ``fold_multi`` for any character that becomes
  several): the text layer's per-character table, so a query in traditional script
  or full-width forms is folded exactly as the texts were;
- ``gloss_pattern``: the text layer's regular expression for a pinyin gloss, so a
  query copied with glosses (``發(fā)生``) loses them as the quotes did;
- ``built_from``: the sha256 of each table the texts came from, as the manifest has
  it, so ``find`` can tell an index left over from another build.

The file is deterministic (sorted keys, figures in table order), so a rebuild
reproduces it byte for byte. Called from :func:`extract.build.write_tables` after the
tables are in place.

Example::

    >>> search_text(["阿里想靠AI重構(gòu)阿里", None, "Qwen App"])
    '阿里想靠ai重构阿里\\nqwen app'
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from extract import textlayer

#: The file name, inside the data folder.
INDEX_FILE = "search_index.json"
INDEX_FORMAT = 1
# The tables whose text goes into the index; their hashes are recorded in ``built_from``.
_FROM = ("figures", "entities", "metrics")


def search_text(parts) -> str:
    """The searchable form of ``parts`` (missing parts skipped): normalised, case-folded, one per line.

    Example::

        >>> search_text(["淘寶(bǎo)市場占有率８３.６％"])
        '淘宝市场占有率83.6%'
    """
    out = []
    for part in parts:
        if part is None or part != part or not str(part).strip():  # None or NaN
            continue
        out.append(" ".join(textlayer.normalize(str(part)).normalized.casefold().split()))
    return "\n".join(dict.fromkeys(out))


def _rows_by(table, key: str) -> dict:
    return {row[key]: row for row in table.to_pylist()} if table is not None else {}


def _split(value) -> list[str]:
    return [v.strip() for v in str(value).split(";") if v.strip()] if value else []


def index(tables: dict) -> dict:
    """The index for ``tables`` (name → pyarrow Table), without ``built_from``.

    Example::

        >>> import pyarrow as pa
        >>> figs = pa.table({"figure_id": ["f1"], "quote": ["豆包月活躍用戶"], "entity_id": ["doubao"],
        ...                  "metric": ["mau"]})
        >>> index({"figures": figs})["figures"]["f1"].split("\\n")[:4]  # quote, entity, metric, its cue words
        ['豆包月活跃用户', 'doubao', 'mau', '月活跃用户']
    """
    from extract.guess import METRIC_CUES

    entities = _rows_by(tables.get("entities"), "entity_id")
    metrics = _rows_by(tables.get("metrics"), "metric_id")
    # The Chinese words drafts read a metric from (营收, 月活 ...): a query in Chinese finds the metric too.
    cues: dict[str, list[str]] = {}
    for cue, metric in METRIC_CUES.items():
        cues.setdefault(metric, []).append(cue)
    texts = {}
    for fig in tables["figures"].to_pylist():
        met = metrics.get(fig.get("metric"), {})
        metric_id = fig.get("metric")
        names = []
        # The entity and the groups above it: 字节跳动 finds Doubao, Alibaba finds Taotian.
        seen, eid = set(), fig.get("entity_id")
        while eid and eid not in seen:
            seen.add(eid)
            ent = entities.get(eid, {})
            names += [eid, ent.get("name_en"), ent.get("name_zh"), *_split(ent.get("aliases"))]
            eid = ent.get("parent")
        texts[fig["figure_id"]] = search_text([
            fig.get("quote"), fig.get("value_text"), fig.get("scope"), fig.get("period"),
            fig.get("attributed_to"), fig.get("via"), *names,
            metric_id, metric_id.replace("_", " ") if metric_id else None, met.get("name"),
            *cues.get(metric_id, ()),
        ])
    table = textlayer.conversion_table()
    single = sorted((k, v) for k, v in table.items() if len(v) == 1)
    return {
        "format": INDEX_FORMAT,
        "gloss_pattern": textlayer.GLOSS_RE.pattern,
        "fold_from": "".join(chr(k) for k, _ in single),
        "fold_to": "".join(v for _, v in single),
        "fold_multi": {chr(k): v for k, v in sorted(table.items()) if len(v) != 1},
        "figures": texts,
    }


def write_search_index(out: Path, tables: dict, manifest: dict) -> Path:
    """Write ``search_index.json`` into the data folder ``out`` for the tables just written.

    Written to a temporary file and renamed, so a reader never sees half a file.

    Example::

        >>> import tempfile, pyarrow as pa
        >>> folder = Path(tempfile.mkdtemp())
        >>> figs = pa.table({"figure_id": ["f1"], "quote": ["豆包"]})
        >>> manifest = {"tables": {"figures": {"sha256": "ab" * 32}}}
        >>> json.loads(write_search_index(folder, {"figures": figs}, manifest).read_text("utf-8"))["built_from"]
        {'figures': 'abababababababababababababababababababababababababababababababab'}
    """
    data = index(tables)
    data["built_from"] = {n: manifest["tables"][n]["sha256"] for n in _FROM if n in manifest["tables"]}
    path = Path(out) / INDEX_FILE
    tmp = path.with_name(f".{INDEX_FILE}.{os.getpid()}.tmp")
    tmp.write_bytes((json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
                    .encode("utf-8"))
    os.replace(tmp, path)
    return path
