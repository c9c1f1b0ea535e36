"""The text layer: a normalised view of a source with an exact offset map back.

Matching and number parsing work on one canonical form of Chinese business text;
citations must point at the archived characters. :func:`normalize` produces the
canonical form and a :class:`TextLayer` that maps spans in both directions.

Three normalisations, applied in this order:

1. **Pinyin glosses removed.** ``構(gòu)`` → ``構``; ``數(shù)據(jù)`` → ``數據``. A gloss is a
   parenthesised run (ASCII or full-width parentheses, in any combination) of Latin
   letters, directly after a CJK character, that carries at least one pinyin tone
   mark (ā á ǎ à … ǖ ǘ ǚ ǜ, ń ň ǹ ḿ, or a combining tone mark). Syllables may be
   separated by a space, apostrophe or hyphen: ``數據(shù jù)`` is a gloss too.
   Toneless parentheses are *kept*: ``壹览商业(yilanshangye)`` is a handle, and a
   toneless ``(shu)`` cannot be told apart from an abbreviation or a name, so it
   stays. Anything else in parentheses (``(職級P11)``, ``(https://…)``) stays.
2. **Traditional → simplified**, with OpenCC's ``t2s`` configuration applied to
   each character in isolation (OpenCC itself decides every character's mapping;
   see :func:`conversion_table`). Converting per character rather than by phrase
   keeps the layer context-free, which is what makes the offset map exact: the
   normalised form of any substring is the matching substring of the normalised
   form. With OpenCC 1.4.2 the per-character result equals the phrase-level result
   on the archived traditional-script source; the few phrase-dependent choices
   (``乾隆`` stays ``乾隆`` phrase-wise, becomes ``干隆`` per character) do not
   touch numbers, units or company names.
3. **Width and spaces.** Full-width ASCII forms U+FF01–U+FF5E become ASCII
   (``％``→``%``, ``，``→``,``, ``（``→``(``, ``１２``→``12``); the full-width
   currency signs U+FFE0–U+FFE6 become their ordinary forms (``￥``→``¥``); the
   ideographic space U+3000 and the no-break spaces U+00A0, U+2007, U+202F
   become a plain space. Every one of these is one character to one character.

Example::

    >>> layer = normalize("阿里想靠AI重構(gòu)阿里，增長１２％")
    >>> layer.normalized
    '阿里想靠AI重构阿里,增长12%'
    >>> s = layer.normalized.index("重构阿里")
    >>> layer.to_original(s, s + 4)
    (6, 15)
    >>> layer.original[6:15]
    '重構(gòu)阿里'
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate, repeat

__all__ = ["GLOSS_RE", "TextLayer", "conversion_table", "detect_script", "normalize"]

# Pinyin letters bearing a tone mark, both cases; plus the combining tone marks
# (macron, acute, caron, grave) for text typed with decomposed accents.
_TONED = (
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
    "ĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛŃŇǸḾ"
    "\u0300\u0301\u0304\u030c"
)
_PINYIN_LETTER = "a-zA-ZüÜêÊ\u0308" + _TONED
_SYLLABLES = f"[{_PINYIN_LETTER}]+(?:[ '’\\-][{_PINYIN_LETTER}]+)*"
_CJK_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af\u3007"
# The pattern starts with the parenthesis (not a look-behind) so the regex engine
# can skip to candidate positions with its character-set scan; the CJK predecessor
# and the tone mark are then checked inside the engine, so a parenthesis that is
# not a gloss costs no Python. The tone look-ahead runs over the same characters
# the syllables are made of, so it sees exactly the gloss's own letters.
# Public because the search index ships this pattern for its readers to apply.
GLOSS_RE = re.compile(
    f"[(（](?<=[{_CJK_CLASS}][(（])(?=[{_PINYIN_LETTER} '’\\-]*[{_TONED}])({_SYLLABLES})[)）]"
)


def _width_table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    table.update({0xFFE0: "¢", 0xFFE1: "£", 0xFFE2: "¬", 0xFFE3: "¯", 0xFFE4: "¦", 0xFFE5: "¥", 0xFFE6: "₩"})
    for space in (0x3000, 0x00A0, 0x2007, 0x202F):
        table[space] = " "
    return table


# Code points OpenCC is asked about: everything outside ASCII in the BMP and the
# supplementary ideographic planes (2 and 3). One call converts them all, so the
# table costs about 0.05 s once per process.
_OPENCC_RANGES = ((0x80, 0xD800), (0xE000, 0x10000), (0x20000, 0x323B0))

_TABLE: dict[int, str] | None = None
_TABLE_IS_1_TO_1 = True


def conversion_table() -> dict[int, str]:
    """The combined per-character table (OpenCC t2s + width + spaces), built once.

    Each character is converted by OpenCC on a line of its own, so no phrase rule
    can span two of them: the result is OpenCC's own character-level choice. The
    table is shared: read it, do not change it.

    Example::

        >>> table = conversion_table()
        >>> "數據１２".translate(table)
        '数据12'
    """
    global _TABLE, _TABLE_IS_1_TO_1
    if _TABLE is None:
        import opencc  # lazy: keeps ``import ai_consumer_metrics`` fast

        chars = [chr(c) for lo, hi in _OPENCC_RANGES for c in range(lo, hi)]
        converter = opencc.OpenCC("t2s")
        converted = converter.convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # a converter that touched the separators
            converted = [converter.convert(c) for c in chars]
        table = {ord(c): out for c, out in zip(chars, converted) if out != c}
        width = _width_table()
        # A full-width form is first narrowed, then would be converted; ASCII never
        # converts, so the narrowed form is final.
        table.update(width)
        _TABLE_IS_1_TO_1 = all(len(v) == 1 for v in table.values())
        _TABLE = table
    return _TABLE


# The same pattern with the whole gloss as its only group, for ``re.split``: the
# split hands back the text between glosses and the glosses themselves as one list
# built in C, so a text with tens of thousands of glosses costs no Python per gloss.
_GLOSS_SPLIT_RE = re.compile("(" + GLOSS_RE.pattern.replace(f"({_SYLLABLES})", f"(?:{_SYLLABLES})") + ")")


# A gloss holds at least one tone-marked letter; a text without one has no gloss.
_TONED_RE = re.compile(f"[{_TONED}]")


def _find_glosses(text: str) -> list[tuple[int, int]]:
    """Original ``[start, end)`` of every pinyin gloss, in order."""
    return [m.span() for m in GLOSS_RE.finditer(text)]


def _split_glosses(text: str) -> list[str]:
    """``[text, gloss, text, gloss, ..., text]``: the text cut at every pinyin gloss.

    Example::

        >>> _split_glosses("重構(gòu)阿里")
        ['重構', '(gòu)', '阿里']
    """
    return _GLOSS_SPLIT_RE.split(text)


class TextLayer:
    """A normalised text and the exact map between its offsets and the original's.

    The map is piecewise: a list of segments, each a normalised range
    ``[n, n + nlen)`` produced by an original range ``[o, o + olen)``. Where
    ``nlen == olen`` the segment maps character by character; where they differ the
    segment is atomic (a span touching it takes all of it); ``nlen == 0`` is a
    removed gloss. Segments are few (two per gloss), so memory stays small on
    megabytes of text.

    Example::

        >>> layer = normalize("數(shù)據(jù)顯示")
        >>> layer.normalized
        '数据显示'
        >>> layer.to_original(0, 2)        # the gloss after 據 is at the edge: excluded
        (0, 7)
        >>> layer.to_normalized(0, 7)      # 數(shù)據 → 数据
        (0, 2)
    """

    __slots__ = ("_original", "_normalized", "_n", "_o", "_nlen", "_olen", "_identity")

    def __init__(self, original: str, normalized: str, segments: list[tuple[int, int, int, int]]):
        cols = tuple(zip(*segments)) if segments else ((), (), (), ())
        # (object.__setattr__ directly: this class's own __setattr__ is the lock, and a
        # Python-level call per slot would cost more than the rest of a short text's layer)
        setattr_ = object.__setattr__
        setattr_(self, "_original", original)
        setattr_(self, "_identity", len(segments) <= 1 and len(original) == len(normalized))
        setattr_(self, "_n", array("q", cols[0]))
        setattr_(self, "_o", array("q", cols[1]))
        setattr_(self, "_nlen", array("q", cols[2]))
        setattr_(self, "_olen", array("q", cols[3]))
        setattr_(self, "_normalized", normalized)  # set last: it locks the instance (see __setattr__)

    @classmethod
    def _whole(cls, original: str, normalized: str) -> "TextLayer":
        """The layer of a text normalised character for character: one segment, the identity map."""
        self = object.__new__(cls)
        setattr_ = object.__setattr__
        n = len(original)
        setattr_(self, "_original", original)
        setattr_(self, "_identity", n == len(normalized))
        setattr_(self, "_n", array("q", (0,)))
        setattr_(self, "_o", array("q", (0,)))
        setattr_(self, "_nlen", array("q", (n,)))
        setattr_(self, "_olen", array("q", (n,)))
        setattr_(self, "_normalized", normalized)
        return self

    @classmethod
    def _from_columns(cls, original: str, normalized: str, n: array, o: array, nlen: array, olen: array) -> "TextLayer":
        """A layer from its segment table given column by column (``array('q')`` each), as built in bulk."""
        self = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(self, "_original", original)
        setattr_(self, "_identity", len(n) <= 1 and len(original) == len(normalized))
        setattr_(self, "_n", n)
        setattr_(self, "_o", o)
        setattr_(self, "_nlen", nlen)
        setattr_(self, "_olen", olen)
        setattr_(self, "_normalized", normalized)
        return self

    @property
    def original(self) -> str:
        """The text as given."""
        return self._original

    @property
    def normalized(self) -> str:
        """The normalised text (see the module docstring)."""
        return self._normalized

    def __setattr__(self, name, value):
        if hasattr(self, "_normalized"):
            raise AttributeError("TextLayer is immutable")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"TextLayer(original={len(self._original)} chars, normalized={len(self._normalized)} chars, segments={len(self._n)})"

    @staticmethod
    def _check(start: int, end: int, length: int, what: str) -> None:
        if not (0 <= start <= end <= length):
            raise ValueError(f"span [{start}, {end}) is not within the {what} text of length {length}")

    def _map(self, start: int, end: int, length: int, what: str, first, last) -> tuple[int, int]:
        # Both directions: ``first(i)`` is where the character at ``i`` starts on the other
        # side, ``last(i)`` where it ends; an empty span sits after the preceding character.
        self._check(start, end, length, what)
        if self._identity:
            return start, end
        if start == end:
            if start == 0:
                return 0, 0
            at = last(start - 1)
            return at, at
        s = first(start)
        return s, max(s, last(end - 1))  # a span that is all gloss maps to nothing

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span to the original span that produced it.

        Glosses inside the span are included; glosses at either edge are not. An
        empty span maps to an empty span just after the preceding character.

        Example::

            >>> normalize("內(nèi)容１２％").to_original(2, 5)
            (7, 10)
        """
        return self._map(start, end, len(self._normalized), "normalized", self._orig_start, self._orig_end)

    @property
    def is_identity(self) -> bool:
        """True when every normalised offset equals its original offset (no gloss, no expansion).

        Example::

            >>> normalize("增长１２％").is_identity, normalize("構(gòu)").is_identity
            (True, False)
        """
        return self._identity

    def to_original_spans(self, spans) -> list[tuple[int, int]]:
        """:meth:`to_original` for many non-empty spans at once, the same results in the same order.

        Made for a scanner's output (spans sorted by start): the segment search
        resumes where the previous span's ended, so a megabyte text with thousands
        of glosses maps tens of thousands of spans in a few milliseconds. Unsorted
        input is still correct, only slower.

        Example::

            >>> normalize("重構(gòu)阿里１２％").to_original_spans([(0, 4), (4, 7)])
            [(0, 9), (9, 12)]
        """
        n_len = len(self._normalized)
        if self._identity:
            return [(s, e) if 0 <= s < e <= n_len else self.to_original(s, e) for s, e in spans]
        ns, os_, nlens, olens = self._n, self._o, self._nlen, self._olen
        last = len(ns) - 1
        out = []
        append = out.append
        k = 0
        for s, e in spans:
            if not (0 <= s < e <= n_len):
                append(self.to_original(s, e))  # empty or out-of-range: the general path
                continue
            if ns[k] > s or (k < last and ns[k + 1] <= s):
                k = bisect_right(ns, s) - 1
            n, nlen = ns[k], nlens[k]
            # Stay on segment k while it still holds s; a removed gloss shares its n with the
            # segment after it, so the test ns[k + 1] <= s moves past it as bisect would.
            start = os_[k] + (s - n) if nlen == olens[k] else os_[k]
            i = e - 1
            if k < last and ns[k + 1] <= i:
                k = bisect_right(ns, i, k) - 1
            n, nlen, olen = ns[k], nlens[k], olens[k]
            end = os_[k] + (i - n) + 1 if nlen == olen else os_[k] + olen
            append((start, end))
        return out

    def _to_original_columns(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`to_original_spans` for spans given as two columns, returned as two columns.

        Every span must be non-empty and within the normalised text (a scanner's
        output is). On a layer with glosses and many spans the segment lookups run
        vectorised in numpy (a binary search per span, the same as :meth:`to_original`).

        Example::

            >>> normalize("重構(gòu)阿里１２％")._to_original_columns([0, 4], [4, 7])
            ([0, 9], [9, 12])
        """
        if self._identity:
            return starts, ends
        if len(starts) < 64 or len(self._n) < 8:
            spans = self.to_original_spans(zip(starts, ends))
            return [s for s, _ in spans], [e for _, e in spans]
        try:
            import numpy as np  # lazy, as in _lookup_array
        except ImportError:  # pragma: no cover
            spans = self.to_original_spans(zip(starts, ends))
            return [s for s, _ in spans], [e for _, e in spans]
        ns, os_ = np.frombuffer(self._n, dtype=np.int64), np.frombuffer(self._o, dtype=np.int64)
        nlens, olens = np.frombuffer(self._nlen, dtype=np.int64), np.frombuffer(self._olen, dtype=np.int64)
        s = np.array(starts, dtype=np.int64)
        i = np.array(ends, dtype=np.int64) - 1
        # The last segment whose normalised start is <= the offset (bisect_right - 1):
        # a removed gloss shares its start with the segment after it, which wins.
        k = np.searchsorted(ns, s, side="right") - 1
        ostart = np.where(nlens[k] == olens[k], os_[k] + (s - ns[k]), os_[k])
        k = np.searchsorted(ns, i, side="right") - 1
        oend = np.where(nlens[k] == olens[k], os_[k] + (i - ns[k]) + 1, os_[k] + olens[k])
        return ostart.tolist(), oend.tolist()

    @staticmethod
    def _across(i: int, src, src_len, dst, dst_len, end: int) -> int:
        """Where character ``i`` of one side starts (``end`` 0) or ends (``end`` 1) on the other.

        ``src``/``dst`` are the segments' offsets on the two sides, ``src_len``/``dst_len``
        their lengths: within a segment of equal lengths characters map one to one; a
        segment that changed length (a gloss, a multi-character conversion) maps whole.
        """
        k = bisect_right(src, i) - 1
        if src_len[k] == dst_len[k]:
            return dst[k] + (i - src[k]) + end
        return dst[k] + dst_len[k] * end

    def _orig_start(self, i: int) -> int:
        return self._across(i, self._n, self._nlen, self._o, self._olen, 0)

    def _orig_end(self, i: int) -> int:
        return self._across(i, self._n, self._nlen, self._o, self._olen, 1)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map an original half-open span to the normalised span covering it.

        Characters of a removed gloss map to nothing, so a span that is all gloss
        maps to an empty span at the gloss's place.

        Example::

            >>> layer = normalize("重構(gòu)阿里")
            >>> layer.to_normalized(0, 6)
            (0, 2)
            >>> layer.to_normalized(1, 8)
            (1, 3)
        """
        return self._map(start, end, len(self._original), "original", self._norm_start, self._norm_end)

    def _norm_start(self, j: int) -> int:
        return self._across(j, self._o, self._olen, self._n, self._nlen, 0)

    def _norm_end(self, j: int) -> int:
        return self._across(j, self._o, self._olen, self._n, self._nlen, 1)


# Texts shorter than this are translated with ``str.translate``; above it a lookup
# array does the same per-character mapping in one vectorised pass (about ten times
# faster on megabytes, and worth its fixed cost from a few hundred characters on).
_LUT_MIN_CHARS = 512
_LUT = None  # numpy array: code point -> code point, for the 1:1 global table


def _lookup_array(table: dict[int, str]):
    """The 1:1 global ``table`` as a numpy array indexed by code point, or None without numpy."""
    global _LUT
    if _LUT is None:
        try:
            import numpy as np  # lazy; pandas depends on it, so it is always present in practice
        except ImportError:  # pragma: no cover - fall back to str.translate
            _LUT = False
            return None
        lut = np.arange(0x110000, dtype=np.uint32)
        keys = np.fromiter(table.keys(), dtype=np.uint32, count=len(table))
        vals = np.fromiter((ord(v) for v in table.values()), dtype=np.uint32, count=len(table))
        lut[keys] = vals
        _LUT = lut
    return None if _LUT is False else _LUT


def _translate_1to1(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)`` for a table whose every value is one character."""
    if len(text) < _LUT_MIN_CHARS or table is not _TABLE:
        return text.translate(table)
    lut = _lookup_array(table)
    if lut is None:
        return text.translate(table)
    import numpy as np

    # surrogatepass: a lone surrogate is a code point like any other here (it maps to itself).
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return lut.take(codes).astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _segments_for_piece(piece: str, o: int, n: int, table: dict[int, str], irregular: re.Pattern):
    """Translate one gloss-free piece with a table that has non-1:1 entries; return its text and segments."""
    parts, segs = [], []
    last = 0
    for m in irregular.finditer(piece):
        j = m.start()
        if j > last:
            chunk = piece[last:j].translate(table)
            segs.append((n, o + last, j - last, j - last))
            parts.append(chunk)
            n += j - last
        rep = table[ord(piece[j])]
        segs.append((n, o + j, len(rep), 1))
        parts.append(rep)
        n += len(rep)
        last = j + 1
    if last < len(piece):
        parts.append(piece[last:].translate(table))
        segs.append((n, o + last, len(piece) - last, len(piece) - last))
    return "".join(parts), segs


def _normalize_with(text: str, table: dict[int, str], one_to_one: bool) -> TextLayer:
    if one_to_one:
        # A 1:1 table commutes with slicing and joining, so the text between glosses
        # is joined first and translated once. Every column of the segment table is a
        # running sum over the split's part lengths (a gloss adds nothing to the
        # normalised side), so the table is built in C however many glosses there are.
        # Most texts carry no tone mark at all, hence no gloss: one character-class scan
        # answers that in about half the time the split takes to find nothing.
        parts = _split_glosses(text) if _TONED_RE.search(text) else [text]
        if len(parts) == 1:
            return TextLayer._whole(text, _translate_1to1(text, table))
        olen = list(map(len, parts))
        nlen = olen.copy()
        nlen[1::2] = repeat(0, len(parts) // 2)
        o = list(accumulate(olen, initial=0))
        n = list(accumulate(nlen, initial=0))
        o.pop()
        n.pop()
        if 0 in olen[0::2]:  # text between two glosses is empty: it has no segment
            keep = [i for i, x in enumerate(olen) if x]
            o, n, olen, nlen = ([col[i] for i in keep] for col in (o, n, olen, nlen))
        out = _translate_1to1("".join(parts[0::2]), table)
        return TextLayer._from_columns(text, out, array("q", n), array("q", o), array("q", nlen), array("q", olen))
    glosses = _find_glosses(text)
    odd = "".join(re.escape(chr(k)) for k, v in table.items() if len(v) != 1)
    irregular = re.compile(f"[{odd}]")
    pieces, segments = [], []
    o = n = 0
    for gs, ge in glosses + [(len(text), len(text))]:
        out, segs = _segments_for_piece(text[o:gs], o, n, table, irregular)
        pieces.append(out)
        segments.extend(segs)
        n += len(out)
        if ge > gs:
            segments.append((n, gs, 0, ge - gs))
        o = ge
    return TextLayer(text, "".join(pieces), segments)


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


def normalize(text: str) -> TextLayer:
    """Normalise ``text`` for matching and parsing; keep the map back to it.

    Pure ASCII text is returned as is without loading OpenCC.

    Example::

        >>> layer = normalize("淘寶(bǎo)市場占有率高達83.6％")
        >>> layer.normalized
        '淘宝市场占有率高达83.6%'
        >>> layer.original[slice(*layer.to_original(7, 14))]
        '高達83.6％'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    if text.isascii():
        return TextLayer._whole(text, text)
    table = conversion_table()
    return _normalize_with(text, table, _TABLE_IS_1_TO_1)
