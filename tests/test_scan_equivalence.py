"""The scanner's bulk fast paths give exactly what the straightforward paths give.

``scan()`` maps spans back column-wise (numpy on big texts), builds mentions in bulk
and the text layer builds its segment table from one ``re.split``; each is checked
here against the plain per-item computation it replaced, on the archived sources
(one of them full of pinyin glosses) and on generated text.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from extract import textlayer
from extract.scanner import Mention, _scan_normalized, scan
from extract.textlayer import _find_glosses, _normalize_with, normalize

SOURCES = sorted((Path(__file__).resolve().parents[1] / "data" / "sources").glob("*.txt"))
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in SOURCES}
CORPUS = "\n".join(TEXTS.values()) + "\n"


def reference_segments(text: str) -> list[tuple[int, int, int, int]]:
    """The segment table as a loop over the glosses (the layer's definition, one gloss at a time)."""
    segments, o, n = [], 0, 0
    for gs, ge in _find_glosses(text):
        if gs > o:
            segments.append((n, o, gs - o, gs - o))
            n += gs - o
        segments.append((n, gs, 0, ge - gs))
        o = ge
    if o < len(text) or not segments:
        segments.append((n, o, len(text) - o, len(text) - o))
    return segments


def reference_scan(text: str) -> list[Mention]:
    """scan() one mention at a time: map each span with to_original, drop overlaps."""
    layer = normalize(text)
    out, last_end = [], 0
    for r in _scan_normalized(layer.normalized):
        if r[1] <= r[0]:
            continue
        s, e = layer.to_original(r[0], r[1])
        if s < last_end or e <= s:
            continue
        out.append(Mention(text[s:e], s, e, *r[2:]))
        last_end = e
    return out


def generated_texts(n: int, seed: int = 7) -> list[str]:
    """Archive fragments with glosses, full-width forms and numbers spliced in."""
    rng = random.Random(seed)
    bits = ["構(gòu)", "數（shù）據(jù)", "１２％", "约1200亿元", "\n1. ", "三到五年", "近百家", "3-5亿", "億", "　",
            "[3]", "2024年", "超过150万人次", "(yilan)", "$77.35"]
    docs = list(TEXTS.values())
    out = []
    for _ in range(n):
        d = rng.choice(docs)
        s = rng.randrange(len(d))
        chars = list(d[s:s + rng.randrange(1, 3000)])
        for _ in range(rng.randrange(0, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(bits))
        out.append("".join(chars))
    return out


CASES = list(TEXTS.items()) + [("corpus", CORPUS)] + [(f"generated{i}", t) for i, t in enumerate(generated_texts(30))]


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_segment_table_matches_the_gloss_loop(name, text):
    layer = normalize(text)
    built = list(zip(layer._n, layer._o, layer._nlen, layer._olen))
    assert built == reference_segments(text)


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_column_mapping_matches_to_original(name, text):
    layer = normalize(text)
    n = len(layer.normalized)
    rng = random.Random(n)
    spans = [(r[0], r[1]) for r in _scan_normalized(layer.normalized) if r[1] > r[0]]
    spans += sorted((a, a + rng.randrange(1, 12)) for a in (rng.randrange(n) for _ in range(300)) if a + 12 <= n)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    got = layer._to_original_columns(starts, ends)
    assert list(zip(*got)) == [layer.to_original(s, e) for s, e in spans]


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_bulk_scan_matches_the_per_mention_path(name, text):
    assert scan(text) == reference_scan(text)


def test_the_gloss_source_exercises_the_vectorised_mapping():
    """The archive must keep a text whose mapping is not the identity, or the tests above prove little."""
    layers = [normalize(t) for t in TEXTS.values()]
    assert any(not layer.is_identity and len(layer._n) >= 8 for layer in layers)


def test_documents_scanned_alone_or_joined_give_the_same_mentions():
    joined, offset, expected = scan(CORPUS), 0, []
    for text in TEXTS.values():
        expected += [(m.text, m.start + offset, m.end + offset, m.value, m.unit, m.qualifier, m.kind) for m in scan(text)]
        offset += len(text) + 1
    assert [(m.text, m.start, m.end, m.value, m.unit, m.qualifier, m.kind) for m in joined] == expected


def test_an_expanding_table_maps_columns_like_to_original():
    """Segments whose two sides differ in length are atomic; the vectorised lookup must keep them whole."""
    table = dict(textlayer._conversion_table())
    table[ord("㈱")] = "(株)"  # one character to three
    text = ("營收１２億㈱構(gòu)成長" * 40) + "㈱"
    layer = _normalize_with(text, table, False)
    n = len(layer.normalized)
    spans = [(a, b) for a in range(n) for b in range(a + 1, min(n, a + 6) + 1)]
    got = layer._to_original_columns([s for s, _ in spans], [e for _, e in spans])
    assert list(zip(*got)) == [layer.to_original(s, e) for s, e in spans]


def test_scan_never_touches_process_wide_collector_state(monkeypatch):
    """No process-wide switch during a call: scan() must work with the collector's switches unusable."""
    import gc

    def forbidden(*args, **kwargs):
        raise AssertionError("scan() changed the garbage collector's state")

    for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold"):
        monkeypatch.setattr(gc, name, forbidden)
    assert scan("营收约1200亿元，同比增长34%")[0].value == 120000000000.0
    assert scan(CORPUS) == reference_scan(CORPUS)


def test_threads_scanning_at_once_read_what_one_thread_reads():
    from concurrent.futures import ThreadPoolExecutor

    texts = list(TEXTS.values()) + generated_texts(8, seed=11)
    expected = [scan(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(scan, texts * 3))
    assert got == expected * 3
