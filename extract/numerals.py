"""Numeral strings to numbers: Arabic, Chinese, and the mixed forms business writing uses.

Kept apart from the scanner (:mod:`extract.scanner`) so the arithmetic
can be read and tested on its own. Everything here works on one numeral string; the
scanner decides where numerals are and what they mean.

Arithmetic is done on integers (``1.55亿`` is ``155 * 10**8 // 10**2``), so values
written with a handful of decimals come out exact, not ``155000000.00000003``.
"""
from __future__ import annotations

import re

__all__ = ["parse_number", "fmt_number", "CN_DIGITS", "CN_TENS", "CN_SMALL_SCALES", "CN_BIG_SCALES", "TRILLION"]

#: Chinese digit characters (common, formal/financial, and traditional forms). The
#: one definition of the digits: the scanner builds its character classes from it and
#: :mod:`extract.periods` reads dates with it. 参 is the simplified form the text layer
#: gives the traditional financial 參 (參拾 → 参拾); the scanner reads it as three only
#: before a financial place value, since 参 alone is "take part".
CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "参": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Twenty, thirty and forty in one character, as Hong Kong and Taiwan still write them
#: (廿五 = 25, 卅多 = 30 and more): read as the two characters they stand for.
CN_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
_TENS_TABLE = str.maketrans(CN_TENS)
#: Place values below 万.
CN_SMALL_SCALES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Section markers, highest last. 兆 is 10^12 here, as Taiwan and Hong Kong finance
#: writes it (十二兆三千億元); in mainland technical usage it is 10^6 (兆字节, 兆瓦), so the
#: scanner only hands this parser a 兆 in a trillion's context (see docs/design.md).
CN_BIG_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
#: The character that means 10^12 (:data:`CN_BIG_SCALES`), for the scanner's context rule.
TRILLION = "兆"
_SECTIONS = sorted(set(CN_BIG_SCALES.values()), reverse=True)

_ARABIC_RE = re.compile(r"(\d+)(?:\.(\d+))?")
# Thousands separators: ASCII comma, full-width comma, or a thin/normal space
# between digit groups of three.
_THOUSANDS_RE = re.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
_WS_RE = re.compile(r"\s+")


class _Num:
    """An exact non-negative rational ``num / 10**dec`` built from integers."""

    __slots__ = ("num", "dec", "width")

    def __init__(self, num: int, dec: int = 0, width: int = 0):
        # width: how many integer digits were written (3000 → 4), for 4万3000 vs 4万3
        self.num, self.dec, self.width = num, dec, width

    def scaled(self, factor: int) -> "_Num":
        return _Num(self.num * factor, self.dec)

    def plus(self, other: "_Num") -> "_Num":
        d = max(self.dec, other.dec)
        return _Num(self.num * 10 ** (d - self.dec) + other.num * 10 ** (d - other.dec), d)

    def __float__(self) -> float:
        return self.num / 10**self.dec if self.dec else float(self.num)


def _tokens(s: str) -> list:
    """Split into Arabic number tokens (``_Num``) and single characters."""
    out: list = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if "0" <= ch <= "9":
            m = _ARABIC_RE.match(s, i)
            whole, frac = m.group(1), m.group(2) or ""
            out.append(_Num(int(whole + frac), len(frac), len(whole)))
            i = m.end()
        else:
            out.append(ch)
            i += 1
    return out


def _coefficient(tok) -> _Num | None:
    if isinstance(tok, _Num):
        return tok
    d = CN_DIGITS.get(tok)
    return None if d is None else _Num(d)


def _is_scale(t) -> bool:
    return isinstance(t, str) and t in CN_SMALL_SCALES


def _arabic_rest(n: _Num, place: int, after_zero: bool, text: str) -> _Num:
    """Value of Arabic digits written after a place value ``place`` (3千500, 4万3, 3千零7).

    Digits filling the places below (``3千500``, ``4万3000``) are taken as written; one
    digit alone is the next place down, as in 三千五 (``3千5`` is 3500, ``1万5`` 15000);
    after 零 the digits skip at least one place (``3千零7``, ``2千零50``).
    """
    places = len(str(place)) - 1
    if n.dec:
        raise ValueError(f"decimals after a place value in {text!r}")
    if after_zero:
        if n.num * 10 >= place:
            raise ValueError(f"零 before digits that fill the place in {text!r}")
        return n
    if n.width == places:
        return n
    if n.width == 1 and place >= 10:
        return n.scaled(place // 10)
    raise ValueError(f"{n.width} digits after a place value of {place} in {text!r}")


def _section(toks: list, text: str) -> _Num:
    """Value of a run below 万: digits with 十/百/千 and 零 (``一千零五``, ``十二``, ``3千``, ``3千零7``)."""
    if not toks:
        raise ValueError(f"empty numeral in {text!r}")
    # Digit by digit with no place values: 二〇二四 is 2024 (years, codes).
    if len(toks) > 1 and all(not isinstance(t, _Num) and t in CN_DIGITS for t in toks):
        return _Num(int("".join(str(CN_DIGITS[t]) for t in toks)))
    total = _Num(0)
    pending: _Num | None = None
    last_scale = None
    after_zero = False
    for t in toks:
        if _is_scale(t):
            scale = CN_SMALL_SCALES[t]
            if last_scale is not None and scale >= last_scale and pending is None:
                raise ValueError(f"place values out of order in {text!r}")
            total = total.plus((pending or _Num(1)).scaled(scale))
            pending, last_scale, after_zero = None, scale, False
            continue
        c = _coefficient(t)
        if c is None:
            raise ValueError(f"not a numeral character {t!r} in {text!r}")
        if c.num == 0 and not isinstance(t, _Num):
            pending, after_zero = None, True  # 零 only marks a skipped place: 一千零五
            continue
        if pending is not None:
            raise ValueError(f"two digits without a place value in {text!r}")
        pending = c
    if pending is not None:
        last = toks[-1]
        if isinstance(last, _Num) and last_scale is not None:
            total = total.plus(_arabic_rest(last, last_scale, after_zero, text))
        elif last_scale is not None and not after_zero:
            # 一万二 / 三百五: a trailing digit right after a place value means the next
            # place down (三百五 = 350); after 零 or at the start it is units.
            total = total.plus(pending.scaled(last_scale // 10))
        else:
            total = total.plus(pending)
    return total


def _value(toks: list, text: str) -> _Num:
    """Value of a token run, splitting at the highest section marker (兆, then 亿, then 万)."""
    for big in _SECTIONS:
        idx = [i for i, t in enumerate(toks) if isinstance(t, str) and CN_BIG_SCALES.get(t) == big]
        if not idx:
            continue
        k = idx[-1]
        left, right = toks[:k], toks[k + 1:]
        # 万亿 is a section of 亿 counted in 万; 亿亿 or 万万 is not a numeral
        if any(isinstance(t, str) and CN_BIG_SCALES.get(t, 0) >= big for t in left):
            raise ValueError(f"section marker repeated in {text!r}")
        value = (_value(left, text) if left else _Num(1)).scaled(big)
        if not right:
            return value
        last = right[0]
        if len(right) == 1 and isinstance(last, _Num):
            rest = _arabic_rest(last, big, False, text)  # 4万3000, 1万5
        elif len(right) == 1 and last in CN_DIGITS and CN_DIGITS[last]:
            rest = _Num(CN_DIGITS[last]).scaled(big // 10)  # 一万二 = 12000
        else:
            zero = right[0] in ("零", "〇")
            if zero:
                right = right[1:]
            if zero and len(right) == 1 and isinstance(right[0], _Num):
                rest = _arabic_rest(right[0], big, True, text)  # 3万零500
            else:
                rest = _value(right, text) if right else _Num(0)
        if float(rest) >= big:
            raise ValueError(f"more after a section marker than the section holds in {text!r}")
        return value.plus(rest)
    return _section(toks, text)


def parse_number(s: str) -> float:
    """Read one numeral string: Arabic, Chinese, or mixed, with scales.

    Accepts thousands separators (``1,200``, ``1，200``), spaces before a scale
    (``7 亿``), Chinese decimals with 点 (``三点五``), formal digits (``壹佰``),
    traditional scales (``萬``, ``億``), 兆 as 10^12, Arabic digits after a Chinese
    place value (``4万3000``, ``2千零50万``, ``3千零7``) and a leading minus or 负. Raises
    :class:`ValueError` naming the input when the string is not one numeral.

    Example::

        >>> parse_number("1.55亿")
        155000000.0
        >>> parse_number("一千二百"), parse_number("两"), parse_number("十二万")
        (1200.0, 2.0, 120000.0)
        >>> parse_number("3万亿"), parse_number("1,200")
        (3000000000000.0, 1200.0)
        >>> parse_number("4万3000"), parse_number("6万2千3百"), parse_number("叁拾贰万")
        (43000.0, 62300.0, 320000.0)
        >>> parse_number("十二兆三千億"), parse_number("廿五"), parse_number("卅三萬")
        (12300000000000.0, 25.0, 330000.0)
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_number() takes a str, not {type(s).__name__}")
    t = _WS_RE.sub("", s)
    t = _THOUSANDS_RE.sub("", t)
    t = t.translate(_FULLWIDTH_DIGITS).translate(_TENS_TABLE)
    sign = 1
    if t[:1] in ("-", "−", "负"):
        sign, t = -1, t[1:]
    elif t[:1] == "+":
        t = t[1:]
    if not t:
        raise ValueError(f"not a number: {s!r}")
    if "点" in t:
        head, _, tail = t.partition("点")
        # digits after 点, then an optional scale: 三点五亿
        digits = []
        i = 0
        while i < len(tail) and tail[i] in CN_DIGITS:
            digits.append(str(CN_DIGITS[tail[i]]))
            i += 1
        if not digits:
            raise ValueError(f"nothing after 点 in {s!r}")
        scale_part = tail[i:]
        base = _value(_tokens(head), s) if head else _Num(0)
        frac = _Num(int("".join(digits)), len(digits))
        value = base.plus(frac)
        for ch in scale_part:
            f = CN_SMALL_SCALES.get(ch) or CN_BIG_SCALES.get(ch)
            if f is None:
                raise ValueError(f"not a numeral character {ch!r} in {s!r}")
            value = value.scaled(f)
        return sign * float(value)
    toks = _tokens(t)
    for tok in toks:
        if isinstance(tok, str) and tok not in CN_DIGITS and tok not in CN_SMALL_SCALES and tok not in CN_BIG_SCALES:
            raise ValueError(f"not a numeral character {tok!r} in {s!r}")
    # Arabic digits may only be followed by scale characters: "3千", not "3二".
    for a, b in zip(toks, toks[1:]):
        if isinstance(a, _Num) and (isinstance(b, _Num) or b in CN_DIGITS):
            raise ValueError(f"Arabic and Chinese digits run together in {s!r}")
        if isinstance(b, _Num) and not (a in CN_SMALL_SCALES or a in CN_BIG_SCALES or a in ("零", "〇")):
            raise ValueError(f"Arabic digits after a Chinese digit in {s!r}")
    return sign * float(_value(toks, s))


_FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF0E: ord(".")}


def fmt_number(v: float | None) -> str:
    """A number as a person writes it: 2480000 rather than 2.48e+06 (``none`` for None).

    Example::

        >>> fmt_number(2480000.0), fmt_number(35.8), fmt_number(None)
        ('2480000', '35.8', 'none')
    """
    if v is None:
        return "none"
    # Below 1e21 a whole float prints exactly as an integer; above, repr's exponent is clearer.
    if float(v).is_integer() and abs(v) < 1e21:
        return str(int(v))
    return repr(v)
