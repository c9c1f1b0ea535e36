"""Which way a change goes, as the text words it: 下滑1% is a fall, 增长34% a rise.

Figures record the number the text prints (下滑1% is 1.0); the analysis tables
carry the signed change (-1.0). The sign must come from the text, not from a
metric name: a declaration says ``direction="fall"`` for a figure the text words
as a fall, and :func:`check_direction` (called by the engine for every figure)
refuses a declaration whose direction contradicts the direction word governing
the number in its quote, naming the file and line.

The direction word is read in the normalised text (simplified script, pinyin
glosses removed), so 減少, 縮水 and 漲 read as 减少, 缩水 and 涨. It is the word
nearest the number before it inside the same clause (``同比下滑 1%``,
``增幅分别为49.2%、68%``), else the nearest after it (``三位数增长``); clauses end at
``，。；：！？`` and line breaks, never at ``、`` (a list shares its word).

Only *signed* metrics are checked and signed: those whose figures land in the
``growth`` table, and metrics named ``*_change`` (a change in a count, such as
``user_change``).

Example::

    >>> text_direction("其中核心电商业务淘天集团收入同比下滑 1%", 19)
    ('fall', '下滑')
    >>> text_direction("阿里云收入同比增长34%", 9)
    ('rise', '增长')
    >>> text_direction("增幅分别为49.2%、68%", 11)
    ('rise', '增幅')
    >>> signed(1.0, None, "fall")
    (-1.0, None)
"""
from __future__ import annotations

import re

__all__ = ["DIRECTIONS", "FALL_WORDS", "RISE_WORDS", "check_direction", "is_signed", "signed",
           "text_direction", "value_offset"]

#: What a declaration may say: the text words a rise or a fall.
DIRECTIONS = ("rise", "fall")
#: Words (simplified script) that word a change as a fall.
FALL_WORDS = ("负增长", "下降", "下滑", "下跌", "下调", "回落", "减少", "缩水", "缩减", "萎缩", "降低",
              "骤降", "暴跌", "大跌", "跌幅", "降幅", "跌", "降", "减", "亏")
#: Words (simplified script) that word a change as a rise.
RISE_WORDS = ("增长", "增幅", "增速", "增加", "上升", "上涨", "涨幅", "提升", "提高", "攀升", "翻番",
              "增", "升", "涨")
_WORDS = sorted([(w, "fall") for w in FALL_WORDS] + [(w, "rise") for w in RISE_WORDS],
                key=lambda p: -len(p[0]))
_PATTERN = re.compile("|".join(re.escape(w) for w, _ in _WORDS))
_KIND = dict(_WORDS)
# Clause ends, after the text layer has made full-width punctuation ASCII; a decimal
# point (49.2%) and a thousands separator (1,200) are not.
_CLAUSE_END = re.compile(r"[;:!?。；：！？\n]|\.(?!\d)|,(?!\d{3}(?!\d))")


def is_signed(metric_id: str, table: str | None) -> bool:
    """True for a metric whose figures are signed changes: the ``growth`` table, or ``*_change``.

    Example::

        >>> is_signed("revenue_growth", "growth"), is_signed("user_change", "user_metrics")
        (True, True)
        >>> is_signed("revenue", "financials")
        False
    """
    return table == "growth" or metric_id.endswith("_change")


def text_direction(quote: str, value_offset: int | None) -> tuple[str, str] | None:
    """(``"rise"`` or ``"fall"``, the word) governing the number at ``value_offset`` in ``quote``.

    ``value_offset`` is where the number starts inside the quote (the start of
    ``value_text``); ``None`` reads the whole quote. Returns ``None`` where the
    clause has no direction word.

    Example::

        >>> text_direction("市值在短短16個月內縮水三分之二", 12)
        ('fall', '缩水')
        >>> text_direction("實現三位數增長", 2)
        ('rise', '增长')
        >>> text_direction("员工超过12万", 2) is None
        True
    """
    if not isinstance(quote, str) or not quote:
        return None
    from extract.textlayer import normalize  # opencc: build time only

    layer = normalize(quote)
    text = layer.normalized
    at = 0 if value_offset is None else layer.to_normalized(*(2 * (max(0, min(value_offset, len(quote))),)))[0]
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    lo = starts[-1] if starts else 0
    end = _CLAUSE_END.search(text, at)
    hi = end.start() if end else len(text)
    before = [m for m in _PATTERN.finditer(text, lo, at)]
    if before:
        m = before[-1]
        return _KIND[m.group()], m.group()
    after = _PATTERN.search(text, at, hi)
    if after:
        return _KIND[after.group()], after.group()
    return None


def value_offset(quote: str, value_text: str, value_nth: int | None = None) -> int | None:
    """Where ``value_text`` starts inside ``quote`` (its ``value_nth`` occurrence, from 1).

    Example::

        >>> value_offset("增幅分别为49.2%、68%", "68%")
        11
    """
    at, n = -1, value_nth or 1
    for _ in range(n):
        at = quote.find(value_text, at + 1)
        if at < 0:
            return None
    return at


def check_direction(fig, metric, at: str) -> list[str]:
    """Problems with a declaration's ``direction``: one line each, naming ``at`` (file:line).

    ``fig`` is an :class:`extract.declare.Figure`, ``metric`` its registry entry
    (``None`` where unknown: the engine reports that). A signed metric whose text
    words a fall must declare ``direction="fall"``; a declared direction must be
    the one the text words; an unsigned metric declares none.

    Example::

        >>> from extract.declare import figure
        >>> from types import SimpleNamespace as NS
        >>> growth = NS(metric_id="revenue_growth", table="growth")
        >>> f = figure("收入同比下滑 1%", "1%", entity="x", metric="revenue_growth", period="2024",
        ...            scope="s", value=1, unit="percent")
        >>> check_direction(f, growth, "x.py:3")
        ['x.py:3: the text words a fall (下滑) before 1%; declare direction="fall" (the table signs it -1) in quote "收入同比下滑 1%"']
    """
    declared = getattr(fig, "direction", None)
    if metric is None:
        return []
    where = f'in quote "{fig.quote}"'
    if declared is not None and declared not in DIRECTIONS:
        return [f"{at}: direction must be one of {', '.join(DIRECTIONS)}, not {declared!r} {where}"]
    if not is_signed(metric.metric_id, metric.table):
        if declared is not None:
            return [f"{at}: metric {metric.metric_id!r} is not a change; drop direction={declared!r} {where}"]
        return []
    if fig.value < 0:
        # 跌幅介乎-5%至-3%, 按季下跌-5%: the text signs the number itself; a fall word beside it
        # repeats the sign, and the table keeps the number as printed
        if declared is not None:
            return [f"{at}: the text prints a negative number; declare no direction {where}"]
        return []
    found = text_direction(fig.quote, value_offset(fig.quote, fig.value_text, fig.value_nth))
    word = found[0] if found else None
    if word == "fall" and declared != "fall":
        lo, hi = signed(fig.value, getattr(fig, "value_high", None), "fall")
        shown = f"{lo:g}" if hi is None else f"{lo:g} to {hi:g}"
        return [f'{at}: the text words a fall ({found[1]}) before {fig.value_text}; declare direction="fall" '
                f"(the table signs it {shown}) {where}"]
    if declared == "fall" and word != "fall":
        said = f"a rise ({found[1]})" if found else "no direction"
        return [f'{at}: direction="fall" declared but the text words {said} for {fig.value_text} {where}']
    return []


def signed(value: float, value_high: float | None, direction: str | None) -> tuple[float, float | None]:
    """The signed (low, high) of a change: a fall of 3–5 % is (-5.0, -3.0).

    Example::

        >>> signed(3.0, 5.0, "fall"), signed(34.0, None, "rise")
        ((-5.0, -3.0), (34.0, None))
    """
    if direction != "fall":
        return value, value_high
    if value_high is None:
        return -value, None
    return -value_high, -value
