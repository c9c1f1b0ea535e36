"""The Chinese figure scanner: every number in a text, with its value, unit and qualifier.

This is **where a number is parsed** (see ``docs/design.md``). :func:`scan` takes
any string and returns :class:`Mention` objects whose ``text`` is exactly
``original[start:end]``. Internally the text goes through the text layer
(:mod:`extract.textlayer`: traditional → simplified, pinyin glosses
removed, full-width → ASCII), one compiled regular expression finds candidates in
the normalised text, and a small interpreter turns each candidate into a mention.

Vocabulary (exact strings)
--------------------------
kind
    ``quantity`` and ``range`` are figures; ``date``, ``time``, ``duration``,
    ``ordinal``, ``identifier``, ``reference``, ``list_number`` are not.
unit
    ``""`` (bare magnitude), an ISO 4217 code for money (``CNY`` ``USD`` ``HKD`` ``JPY`` ``EUR``
    ``GBP`` ``KRW`` ``TWD`` ``CHF`` ``SGD`` ``RUB`` …, ``ai_consumer_metrics.vocabulary.CURRENCIES``),
    ``percent``, ``percentage_points``, ``multiple``, ``times``, ``persons``,
    ``person_times``, ``establishments``, ``items``, ``orders``, ``pieces``,
    ``shares`` (股), ``units``; for durations ``years`` ``quarters`` ``months`` ``weeks`` ``days``
    ``hours`` ``minutes`` ``seconds``.
qualifier
    ``exact``, ``approx``, ``at_least``, ``at_most``.

Reading rules worth knowing (decisions, not accidents)
------------------------------------------------------
* **Small Chinese counts.** A Chinese numeral of two or more with a measure word is
  a count and is reported (``两家`` → 2 establishments, ``三个核心方向`` → 3 units,
  ``六大业务`` → 6 units: N大 "N major" counts as units). A lone ``一`` with a count
  measure word is the article "a/one" (``一个``, ``一家``, ``一次``) and is *not*
  reported; ``一`` with a scale, percent, multiple or duration is (``一亿``,
  ``一成``, ``一倍``, ``一年``). Arabic numerals are always reported.
* **Bare Chinese numerals** (no unit, no qualifier) are reported only when they have
  place-value structure with 百/千/万/亿 (``一千二百``, ``十二万``, ``百万``), a decimal point
  (``三点八``) or a sign (``负十七``); a single ``三`` or ``十`` in prose is a word, not a figure. A lone scale character
  (``百``, ``千``, ``万``, ``亿``) needs a qualifier before it (``近百家``, ``上万件``,
  ``均破亿``) or 余/多 after it (``百余家``), which keeps 百度, 千问, 千人千面,
  万物 out.
* **Vague scales**: ``数亿``/``几十万``/``十几亿`` → the scale, ``at_least``.
* **Digit counts**: ``三位数增长`` → 100 ``percent`` ``at_least`` (``两位数`` 10, …);
  ``个位数`` → 9 ``at_most`` (single digits). Without a following growth word the unit is ``""``.
* **Doubling**: ``翻倍``/``翻番``/``翻一番`` → 2 ``multiple``; ``翻两番`` → 4.
  ``一倍``/``18倍`` keep the written number.
* **Halves**: ``两年半`` → 2.5 years; ``半年`` → 0.5 years; ``一半``/``半数`` → 50
  percent; ``过半`` → 50 percent ``at_least``. ``半壁江山`` is not a figure.
* **Bare years**: an Arabic integer 1990–2039 with nothing attached is a ``date``
  (``2025天猫超级品牌私享会``).
* **Durations** (``六个季度``, ``48小时``, ``三到五年``) are kind ``duration``;
  a duration range has a ``(low, high)`` value. ``N季度`` without 个 (``三季度``) is
  the quarter, a ``date``; ``N月`` is a month (``date``) except ``两月``/``近三月``.
* **兆** is 10^12 only in a trillion's context (``十二兆三千億``, ``20兆元``); elsewhere it is
  mainland "mega" (``1000兆宽带``) and no scale.
* **Every way of writing a number** (discounts ``七折`` → 70 percent, ``4万3000``, financial
  capitals, ``5又四分之三``, coins ``八元五角``, ``三五十万元`` ranges …): docs/design.md, "Reading
  decisions for every way Chinese writes a number".
* **English scales, versions, loose ranges, 亿级, 1/3, 两成五 …**: see the decisions
  listed in ``docs/design.md`` (scanner section), tested in ``tests/test_figures_general.py``.
* URLs and e-mail addresses are skipped; letter-only tickers (``BABA``) carry no
  digits and produce no mention.

Example::

    >>> [(m.text, m.value, m.unit, m.qualifier) for m in scan("营收约1200亿元，同比增长34%")]
    [('约1200亿元', 120000000000.0, 'CNY', 'approx'), ('34%', 34.0, 'percent', 'exact')]
"""
from __future__ import annotations

import re
from collections import deque, namedtuple
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import repeat
from operator import ge, gt, itemgetter, methodcaller

from extract.numerals import CN_BIG_SCALES, CN_DIGITS, CN_SMALL_SCALES, CN_TENS, TRILLION, fmt_number, parse_number
from extract.textlayer import normalize as _normalize
# One definition of the vocabulary, shared with the pipeline, registries and schemas.
from ai_consumer_metrics.vocabulary import COUNT_UNITS, DURATION_UNITS, FIGURE_KINDS, KINDS, QUALIFIERS, UNITS
from ai_consumer_metrics.vocabulary import CURRENCIES as _MONEY
from ai_consumer_metrics.vocabulary import DOLLAR, DOLLAR_CURRENCIES

__all__ = ["Mention", "scan", "bare_yuan", "named_currencies", "CURRENCY_WORDS", "parse_number", "FIGURE_KINDS", "KINDS", "UNITS", "QUALIFIERS"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One number in a text, as the scanner read it.

    ``value`` is a float in base units for ``quantity`` (7.5亿 → 750000000.0,
    35.8% → 35.8), a ``(low, high)`` tuple for ``range`` (and for a duration range),
    a float for other kinds where one number is meant (第三 → 3.0), else ``None``.

    Example::

        >>> m = scan("超过200亿")[0]
        >>> m.as_dict()
        {'text': '超过200亿', 'start': 0, 'end': 6, 'value': 20000000000.0, 'unit': '', 'qualifier': 'at_least', 'kind': 'quantity'}
    """

    text: str
    start: int
    end: int
    value: float | tuple[float, float] | None
    unit: str
    qualifier: str
    kind: str

    @property
    def is_figure(self) -> bool:
        """True for ``quantity`` and ``range``: the kinds an extractor must claim or dismiss."""
        return self.kind in FIGURE_KINDS

    def as_dict(self) -> dict:
        """The seven JSON keys; a two-ended value becomes a ``[low, high]`` list.

        Example::

            >>> scan("3-5亿")[0].as_dict()["value"]
            [300000000.0, 500000000.0]
        """
        v = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"text": self.text, "start": self.start, "end": self.end, "value": v,
                "unit": self.unit, "qualifier": self.qualifier, "kind": self.kind}

    def describe(self) -> str:
        """One human-readable line.

        Example::

            >>> scan("约1200亿元")[0].describe()
            '[0:7] quantity 约1200亿元 = 120000000000 CNY (approx)'
        """
        if isinstance(self.value, tuple):
            v = f"{fmt_number(self.value[0])}..{fmt_number(self.value[1])}"
        elif self.value is None:
            v = "-"
        else:
            v = fmt_number(self.value)
        unit = f" {self.unit}" if self.unit else ""
        qual = "" if self.qualifier == "exact" else f" ({self.qualifier})"
        return f"[{self.start}:{self.end}] {self.kind} {self.text} = {v}{unit}{qual}"


# Bulk construction: a frozen dataclass's __init__ is a Python function setting each
# field through object.__setattr__ (about 1.3 µs a mention); writing the slots through
# their descriptors inside C-level map() calls makes the same instances in half the time.
_MENTION_SLOTS = tuple(Mention.__dict__[f.name].__set__ for f in fields(Mention))


# Below this many mentions one loop over the rows is cheaper: the column path has a fixed
# cost of about seven mentions' construction.
_COLUMNS_MIN = 48


def _mentions(n: int, columns) -> list[Mention]:
    """``n`` mentions from seven columns in field order (iterables of length ``n``)."""
    if n < _COLUMNS_MIN:
        new = object.__new__
        s0, s1, s2, s3, s4, s5, s6 = _MENTION_SLOTS
        out = []
        append = out.append
        for a, b, c, d, e, f, g in zip(*columns):
            o = new(Mention)
            s0(o, a)
            s1(o, b)
            s2(o, c)
            s3(o, d)
            s4(o, e)
            s5(o, f)
            s6(o, g)
            append(o)
        return out
    out = list(map(object.__new__, repeat(Mention, n)))
    for set_field, column in zip(_MENTION_SLOTS, columns):
        deque(map(set_field, out, column), maxlen=0)
    return out


# --------------------------------------------------------------------------- #
# Vocabulary tables
# --------------------------------------------------------------------------- #

# Character classes from the one definition of the digits (extract.numerals). 参 is
# left out: it is 三 only in 参拾/参佰/参仟 (the simplified form of the financial 參), which
# _CN_CORE reads on its own; 兆 is a scale only in a trillion's context (_TRILLION_CTX).
_CN_DIGIT = "".join(c for c in CN_DIGITS if c != "参")
# (萬, 億 never reach the scanner: the text layer simplifies them)
_SCALE_CHARS = "".join(CN_SMALL_SCALES) + "万亿"
_CN_NUM = _CN_DIGIT + _SCALE_CHARS + "".join(CN_TENS)
_SCALE_VALUE = {c: v for c, v in (CN_SMALL_SCALES | CN_BIG_SCALES).items() if c in _SCALE_CHARS + TRILLION}

# Prefix qualifiers, read by looking back from a number (so the regex only has to
# start at numerals). word → (qualifier, characters that may not precede the word:
# 预约, 最近, 通过, 线上 are not qualifiers).
_PREFIX = {
    "约为": ("approx", ""), "大约": ("approx", ""), "约合": ("approx", ""), "大概": ("approx", ""),
    "大致": ("approx", ""), "将近": ("approx", ""), "接近": ("approx", ""), "几近": ("approx", ""),
    "差不多": ("approx", ""), "约": ("approx", "预节合契制公条签违履特邀相大"),
    "近": ("approx", "最附亲靠将接几"),
    "超过": ("at_least", ""), "超出": ("at_least", ""), "超": ("at_least", "高赶"), "逾": ("at_least", ""),
    "多于": ("at_least", ""), "高于": ("at_least", ""), "大于": ("at_least", ""), "不低于": ("at_least", ""),
    "不少于": ("at_least", ""), "至少": ("at_least", ""), "最少": ("at_least", ""), "起码": ("at_least", ""),
    "突破了": ("at_least", ""), "突破": ("at_least", ""), "破": ("at_least", "打突"),
    "过": ("at_least", "通经超不越度错路"),
    "不超过": ("at_most", ""), "不到": ("at_most", ""), "不足": ("at_most", ""), "低于": ("at_most", ""),
    "少于": ("at_most", ""), "小于": ("at_most", ""), "至多": ("at_most", ""), "最多": ("at_most", ""),
    "最高": ("at_most", ""), "可达": ("at_most", ""),
    # a negated lower bound is an upper one (发行不多于1亿股, 不高于30%, 未超过50亿元)
    "不多于": ("at_most", ""), "不高于": ("at_most", ""), "不大于": ("at_most", ""), "未超过": ("at_most", ""),
    "未超出": ("at_most", ""), "未超": ("at_most", ""), "未逾": ("at_most", ""), "未达": ("at_most", ""),
    "未及": ("at_most", ""), "未满": ("at_most", ""), "不及": ("at_most", ""), "未到": ("at_most", ""),
    "近乎": ("approx", ""), "约莫": ("approx", ""), "直逼": ("approx", ""), "至少有": ("at_least", ""),
    "约达": ("approx", ""), "约有": ("approx", ""), "约占": ("approx", ""), "约值": ("approx", ""),
    "大约有": ("approx", ""), "大概有": ("approx", ""), "起码有": ("at_least", ""),
    "≈": ("approx", ""), "≥": ("at_least", ""), "≤": ("at_most", ""),
    # 股价跌破100港元: fell below (not 破, "broke through")
    "跌破": ("at_most", ""), "跌穿": ("at_most", ""), "逼近": ("approx", ""),
    "上": ("at_least", "以线网晚早马路"),
    "数": ("at_least", "指函倍分参系总变人次户量少多无岁字页票单位算"), "几": ("at_least", ""),
}
_PREFIX_LAST = frozenset(w[-1] for w in _PREFIX)
# These only attach to a bare scale: 上万, 数十亿, 几百, 过亿, 过半.
_SCALE_ONLY_PREFIX = frozenset({"上", "数", "几", "过"})

_SUFFIX_QUAL = {
    "以上": "at_least", "之上": "at_least", "开外": "at_least", "出头": "at_least", "有余": "at_least",
    "多": "at_least", "余": "at_least", "+": "at_least",
    "以下": "at_most", "以内": "at_most", "之内": "at_most",
    "左右": "approx", "上下": "approx", "前后": "approx",
    # Hong Kong's 或以上/或以下 (50%或以上), and "or more/less"
    "或以上": "at_least", "或更多": "at_least", "或更高": "at_least",
    "或以下": "at_most", "或更少": "at_most", "或更低": "at_most",
    "级": "at_least",  # 亿级, 千万级用户: of that order of magnitude
    "几": "at_least",  # 两成几: twenty-odd percent (Hong Kong and Taiwan)
}
# The suffixes that may follow a trailing 半 (三倍半左右): those of _SUFFIX_RE that are words.
_AFTER_HALF_RE = re.compile(r"以上|之上|开外|出头|有余|以下|以内|之内|左右|或以[上下]|或更[多高少低]|上下(?![游班级文来去车楼])|前后(?![端台])")
_SUFFIX_RE = (
    r"以上|之上|开外|出头|有余|多(?![元样种彩媒])|余(?![额下])|\+|以下|以内|之内|左右|或以[上下]|或更[多高少低]|"
    r"上下(?![游班级文来去车楼])|前后(?![端台])|级(?![别数])|(?<=成)几(?![乎何率])"
)

# Currency names, as the unit word after a number (3亿美元, 50瑞士法郎) and, for the
# two-character ones, before it (港币20亿元, 美元5亿). Codes are ISO 4217.
_CURRENCY_NAMES = {
    "元": "CNY", "元人民币": "CNY",
    # 500亿元港币, 50億元新台幣: the currency named after 元 is the number's
    "元港币": "HKD", "元港元": "HKD", "元美元": "USD", "元美金": "USD", "元新台币": "TWD", "元台币": "TWD",
    "元澳门币": "MOP", "元澳门元": "MOP", "人民币": "CNY", "块钱": "CNY", "圆": "CNY",
    "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "日元": "JPY", "円": "JPY",
    "欧元": "EUR", "英镑": "GBP", "韩元": "KRW", "韩币": "KRW", "新台币": "TWD", "台币": "TWD",
    "瑞士法郎": "CHF", "瑞郎": "CHF", "新加坡元": "SGD", "新元": "SGD", "卢布": "RUB",
    "澳元": "AUD", "澳大利亚元": "AUD", "加元": "CAD", "加拿大元": "CAD", "新西兰元": "NZD", "纽元": "NZD",
    "泰铢": "THB", "印度卢比": "INR", "卢比": "INR", "越南盾": "VND", "印尼盾": "IDR", "林吉特": "MYR",
    "令吉": "MYR", "菲律宾比索": "PHP", "墨西哥比索": "MXN", "澳门元": "MOP", "澳门币": "MOP", "雷亚尔": "BRL",
    "兰特": "ZAR", "里拉": "TRY", "迪拉姆": "AED", "里亚尔": "SAR", "瑞典克朗": "SEK", "挪威克朗": "NOK",
    "丹麦克朗": "DKK",
    # Taiwan and Hong Kong names (after the text layer: 日圓 → 日圆, 澳幣 → 澳币)
    "日圆": "JPY", "韩圆": "KRW", "韩圜": "KRW", "澳币": "AUD", "加币": "CAD", "纽币": "NZD", "新币": "SGD",
    "日币": "JPY", "新加坡币": "SGD", "马币": "MYR", "欧罗": "EUR",
    # Hong Kong's colloquial dollar: 30蚊, 加價2蚊 (蚊子 is the insect)
    "蚊": "HKD",
}
# Characters that may not follow a currency name (元素, 元旦, 新元素, 圆满 …).
_CURRENCY_GUARDS = {"元": "素旦宇年宵气老", "元人民币": "素旦宇年宵气老", "人民币": "素旦宇年宵气老",
                    "块钱": "素旦宇年宵气老", "圆": "满桌形周心球润弧梦顶", "新元": "素年代",
                    "新币": "种型品", "蚊": "子虫香帐帳怕"}


# (one spelling of a guard for the unit, currency and coin tables)
def _guard(chars: str) -> str:
    """The look-ahead after a word that keeps it out where one of ``chars`` follows (元素, 分钟).

        >>> _guard("素旦"), _guard("")
        ('(?![素旦])', '')
    """
    return f"(?![{re.escape(chars)}])" if chars else ""


# The coins after the yuan, pound, dollar, euro (八元五角, 三英镑二十便士): name, cents of the
# main unit, the currencies that have it, and the characters after it that make it part of
# another word (毫秒, 分钟). The pattern of the number phrase, the coin reader and its
# checks are all made from this one table.
_COIN_TABLE = (
    ("角", 10, "CNY HKD TWD", ""),
    ("毛", 10, "CNY HKD TWD", ""),
    ("毫", 10, "HKD", "秒米升克安瓦"),
    ("便士", 1, "GBP", ""),
    ("美分", 1, "USD", ""),
    ("欧分", 1, "EUR", ""),
    ("仙", 1, "HKD", ""),
    ("分", 1, "CNY HKD TWD USD EUR", "钟之析布别享成红拆期店行支散级数"),
)
_COIN_CENTS = {name: cents for name, cents, _, _ in _COIN_TABLE}
_COINS_OF = {cur: frozenset(name for name, _, curs, _ in _COIN_TABLE if cur in curs.split())
             for cur in {c for _, _, curs, _ in _COIN_TABLE for c in curs.split()}}
_COIN_LAST = frozenset(name[-1] for name, _, _, _ in _COIN_TABLE)
_COIN_WORDS = "|".join(re.escape(name) + _guard(guard) for name, _, _, guard in _COIN_TABLE)
# ISO codes a number may also follow with a space (USD 30 billion); codes that are
# also common words or acronyms (CAD drawings, PHP code, SAR, TRY) only after it.
_PREFIX_CODES = frozenset({"USD", "HKD", "CNY", "RMB", "EUR", "GBP", "JPY", "KRW", "TWD", "CHF", "SGD", "AUD",
                           "RUB", "INR", "NZD", "MOP"})
# A bare $ names a dollar without saying whose (a Hong Kong price, a Taiwan one, a US one):
# the scanner reads it as DOLLAR and the curator declares the currency context gives.
_CURRENCY_PREFIX = {"US$": "USD", "HK$": "HKD", "$": DOLLAR, "NT$": "TWD", "¥": "CNY", "RMB": "CNY",
                    "人民币": "CNY", "€": "EUR", "£": "GBP", "新台币": "TWD", "₩": "KRW"}
_CURRENCY_PREFIX |= {c: c for c in _PREFIX_CODES if c != "RMB"}
# Letters before $ that say whose dollar it is (US$, S$, A$ …), looked back from the sign;
# longest first, so that US$ is not read as S$.
_DOLLAR_MARKS = (("MOP", "MOP"), ("US", "USD"), ("HK", "HKD"), ("NT", "TWD"), ("SG", "SGD"), ("AU", "AUD"),
                 ("CA", "CAD"), ("NZ", "NZD"), ("S", "SGD"), ("A", "AUD"), ("C", "CAD"))
# Three-character currency words read by looking back from a number, with at most
# one space between (``USD 30 billion``, ``RMB 500 million``, ``人民币 50亿``).
_CURRENCY_WORDS = frozenset(w for w in _CURRENCY_PREFIX if len(w) == 3 and "$" not in w)
# Currency words before a number, of two to four characters (港币20亿元, 美元5亿, 澳门币185亿元,
# 新加坡元2亿). (加元, 新元, 加币, 新币 are left out: 追加元…, 更新元… end in the same characters.)
_CURRENCY_WORDS_CN = {w: _CURRENCY_NAMES[w] for w in ("美元", "美金", "港元", "港币", "日元", "欧元", "英镑", "韩元",
                                                      "韩币", "台币", "澳元", "澳币", "日圆", "日币", "马币", "澳门币",
                                                      "澳门元", "新加坡元", "新台币", "人民币")}


def _currency_before(t: str, k: int, floor: int, unit_text: str | None):
    """(start, code) of the currency word ending at ``k`` that names the number's currency, else None.

    人民币兑美元7.1 is a rate, not dollars; a different currency after the number wins
    (港币20亿美元), except a bare 元, which is the named currency's unit (港币20亿元).

        >>> _currency_before("澳门币185亿元", 3, 0, "元"), _currency_before("人民币兑美元7", 6, 0, None)
        ((0, 'MOP'), None)
    """
    for n in (4, 3, 2):
        if k - n >= floor and t[k - n:k] in _CURRENCY_WORDS_CN:
            if t[k - n - 1:k - n] == "兑":
                return None
            code = _CURRENCY_WORDS_CN[t[k - n:k]]
            after = _U.get(unit_text.strip()) if unit_text else None
            if after is None or after[0] not in _MONEY or after[0] == code or unit_text.strip() == "元":
                return k - n, code
            return None
    return None


_TIME_PREFIX = ("凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "夜里", "晚间", "早间", "夜间")

# Unit words after a number, declared once: each row is (words, unit, multiplier, addend,
# qualifier override, guard). A guard keeps the measure word out of a longer word (家居,
# 人工): characters that may not follow it, then optionally a raw look-ahead it also
# needs (日 below).
_UnitRow = namedtuple("_UnitRow", "words unit mult add qual guard", defaults=(1, 0.0, None, ""))
_ASCII_UNIT_GUARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# After a measure word, what makes it the start of another word (个性, 部分, 台湾, 门店, 个上市;
# but 600个上下).
_MEASURE_GUARD = ("性体股湾阶风分门署长是有能要件例草子开力额胎景所地店槛前下后于约概多型幅关家众以谓在属外口"
                  # (来 after a measure word is "about", 个来月, except in 来自/来源: 3款来自字节)
                  "籍付持撑出记次地土身届值局量(?!上(?!下(?![游班级文来去车楼]))|来(?![自源]))")
_UNIT_TABLE = (
    _UnitRow("% ％", "percent"),
    _UnitRow("‰", "percent", mult=0.1),
    _UnitRow("个百分点 百分点 个百分比 个pct 个pp", "percentage_points"),
    _UnitRow("成", "percent", mult=10, guard="为功本员长交立绩果熟型就效都"),
    # 两成五: 25 percent (成一 is too often 成一体, 达成一致)
    *(_UnitRow("成" + d, "percent", mult=10, add=float(n), guard="十百千万亿个年月日天人元家倍%")
      for d, n in zip("二三四五六七八九", range(2, 10))),
    # 1成5, 3成2: Taiwan writes the tenth of a 成 in Arabic digits too (15, 32 percent)
    *(_UnitRow(f"成{n}", "percent", mult=10, add=float(n), guard=r"0123456789.%十百千万亿个年月日天人元家倍季(?!,\d)")
      for n in range(1, 10)),
    # 七折: 70 percent of the price (the interpreter scales 七 and 6.8 by ten, see _discount)
    _UnitRow("折", "percent", guard="叠合算旧线射腾中扣返页现纸"),
    _UnitRow("倍 x X ×", "multiple", guard="数率增速"),
    _UnitRow("人次", "person_times"),
    _UnitRow("次", "times", guard="日年月要级元世"),
    *(_UnitRow(w, code, guard=_CURRENCY_GUARDS.get(w, "")) for w, code in _CURRENCY_NAMES.items()),
    # ISO codes and the analysts' shorthand for points (1.2pct, 50bp) after a number.
    *(_UnitRow(code, code, guard=_ASCII_UNIT_GUARD) for code in sorted(_MONEY)),
    _UnitRow("RMB", "CNY", guard=_ASCII_UNIT_GUARD),
    _UnitRow("pct pcts ppt ppts pp", "percentage_points", guard=_ASCII_UNIT_GUARD),
    _UnitRow("bp bps", "percentage_points", mult=0.01, guard=_ASCII_UNIT_GUARD),
    _UnitRow("个基点 基点", "percentage_points", mult=0.01),
    # 提升了3个点: percentage points only after a change verb (checked in _interpret_np)
    _UnitRow("个点", "percentage_points", guard="位子赞评"),
    _UnitRow("个人 人", "persons", guard="工民均气才物士列义字称牌单数于置居"),
    # (人工 is 人工智能; 300名工程师, 5位工作人员 are people)
    _UnitRow("名 位", "persons", guard="民均气才物士列义字称牌单数于置居"),
    _UnitRow("用户 员工 会员 消费者 网民 粉丝 开发者 骑手 名用户 位用户", "persons"),
    _UnitRow("家", "establishments", guard="居电具庭乡族长人属"),
    _UnitRow("商家 商户 企业 门店", "establishments"),
    _UnitRow("项", "items", guard="目"),
    _UnitRow("单 笔", "orders", guard="位元价品独纯一个记者"),
    _UnitRow("件", "pieces"),
    _UnitRow("股", "shares", guard="价东份票权市息本民评指"),  # 回购1000万股; not 股价, 股东 …
    # 块 is money or a measure word: _interpret_np decides from what follows (十块, 三块屏幕)
    _UnitRow("个 款 台 部 只 条 张 种 块 辆 套 份 篇 本 支 座 所 枚 颗 架 艘 场 批 轮 门 字 户 处 册 集 期 类 大",
             "units", guard=_MEASURE_GUARD),
    # (iPhone 16首发, Mate 70首销, 小米15首周: a model's launch, not sixteen songs)
    _UnitRow("首", "units", guard="发销周日月年季批次款秀映播付单创位个家轮选推席届度" + _MEASURE_GUARD),
    # Goods counted by their container: 90亿杯, 20万盒, 四箱 (包邮, 包括, 根据, 盒马, 瓶颈 are words)
    _UnitRow("杯 瓶 盒 箱 袋 罐 桶 碗 粒", "units", guard="赛颈马子包鼠头装" + _MEASURE_GUARD),
    _UnitRow("包", "units", guard="邮括含装厢容办揽机子干袱" + _MEASURE_GUARD),
    _UnitRow("根", "units", guard="据本源治基深" + _MEASURE_GUARD),
    # 间 counts shops and branches: 120間分店, 三百间门店 (the measure words' guard without 分, 门, 店)
    _UnitRow("间", "units", guard=_MEASURE_GUARD.replace("分", "", 1).replace("门", "", 1).replace("店", "", 1)),
    # Measure words of goods: weights and pairs are counted as units (no weight unit in the
    # vocabulary), a dozen (打) as twelve units.
    _UnitRow("斤 公斤 双 对", "units", guard="方向核赢层重语眼手于比外标话象抗接应称冲照待齐计较0123456789一二两三四五六七八九十"),
    _UnitRow("打", "units", mult=12, guard="折工车卡造击破响开算球败压通法入出下上一二三四五六七八九十"),
    _UnitRow("年 个年头 周年", "years", guard="代级度初底末中轻纪报"),
    _UnitRow("岁 周岁", "years"),
    _UnitRow("年半", "years", add=0.5),
    _UnitRow("个季度 季度", "quarters"),
    _UnitRow("个月 月", "months", guard="份底初末中"),
    _UnitRow("个多月", "months", qual="at_least"),
    _UnitRow("个半月", "months", add=0.5),
    _UnitRow("周 个星期 星期 个礼拜", "weeks", guard="末边年期一二三四五六日"),
    _UnitRow("天 个工作日 工作日 个交易日 交易日", "days", guard="猫津下然气空使才堂价"),
    _UnitRow("日", "days", guard="猫津下然气空使才堂价(?=均线|留存|内|以内|之内|均)"),  # 20日均线; else a date
    _UnitRow("个小时 小时 钟头", "hours"),
    _UnitRow("个多小时", "hours", qual="at_least"),
    _UnitRow("个半小时", "hours", add=0.5),
    _UnitRow("分钟", "minutes"),
    _UnitRow("秒 秒钟", "seconds", guard="杀"),
    _UnitRow("毫秒", "seconds", mult=0.001),
    # Hong Kong cents on their own: 每股派息5仙 (八仙 is the legend, kept out by _SKIP)
    _UnitRow("仙", "HKD", mult=0.01, guard="女人子境侠俠桃鹤鶴草丹"),
    # cents written on their own: 每股派息12港仙, 末期息10美仙, 5分钱, 5毛钱; and every coin of the
    # coin table that names its currency (99美分, 10欧分, 50便士: the same words as after a main unit)
    _UnitRow("港仙", "HKD", mult=0.01),
    _UnitRow("美仙", "USD", mult=0.01),
    _UnitRow("分钱", "CNY", mult=0.01),
    _UnitRow("角钱 毛钱", "CNY", mult=0.1),
    *(_UnitRow(name, curs, mult=cents / 100) for name, cents, curs, _ in _COIN_TABLE if len(name) > 1 and " " not in curs),
)
# word → (unit, multiplier, addend, qualifier override); word → guard
_U = {w: (r.unit, r.mult, r.add, r.qual) for r in _UNIT_TABLE for w in r.words.split()}
_UNIT_GUARDS = {w: r.guard for r in _UNIT_TABLE if r.guard for w in r.words.split()}


def _by_first_char(words) -> str:
    """An alternation of ``(word, tail)`` pairs (a literal word, a regex after it), factored by first character.

    Words with different first characters can never match at the same place, so
    grouping them by first character, longest first, keeps every match the plain
    longest-first alternation would make, while the regex engine tests one character
    class and one branch instead of every word at every candidate.

        >>> _by_first_char([("百度", ""), ("百科", ""), ("千问", "(?!x)")])
        '(?=[百千])(?:百(?:度|科)|千(?:问(?!x)))'
    """
    groups: dict[str, list[str]] = {}
    for w, tail in sorted(words, key=lambda wt: len(wt[0]), reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]) + tail)
    firsts = "".join(re.escape(c) for c in groups)
    alts = [re.escape(c) + (f"(?:{'|'.join(frags)})" if frags != [""] else "") for c, frags in groups.items()]
    return f"(?=[{firsts}])(?:{'|'.join(alts)})"


def _unit_alternation() -> str:
    """All unit words as one alternation, factored by first character (it runs up to three times per number)."""
    words = []
    for w in _U:
        tail = ""
        g = _UNIT_GUARDS.get(w)
        if g:
            g, _, extra = g.partition("(?")  # characters, then an optional raw look-ahead
            tail = _guard(g) + (f"(?{extra}" if extra else "")
        words.append((w, tail))
    return _by_first_char(words)


_UNITS_RE = _unit_alternation()
_UNIT_AFTER_RE = re.compile(rf"\s?(?:[百千万亿佰仟兆]|{_UNITS_RE})")

# --------------------------------------------------------------------------- #
# Patterns
# --------------------------------------------------------------------------- #
# One master pattern runs over the normalised text, starting only at numerals and
# a few rare signs (the gate), which keeps the C regex engine skipping most of the
# text. Context a regex would have to start earlier for (qualifier words, 人民币,
# US$, a minus sign, letters of Qwen3) is read by looking back in Python.
# URLs and line-initial list numbers have their own passes with literal prefixes.

_Y = r"(?:1[5-9]\d\d|20\d\d)"
# The measure words a price is quoted per (三块八一斤, 一块五一瓶): 一 before them is "one", not a coin.
_PER = "斤个份件杯盒瓶包袋只张支"
# The last characters of a road's name before a street number (南京東路三段219號: 段 too).
_ROAD_LAST = "路街道巷弄段"
_MON = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_CN_MON = r"(?:十[一二]?|[一二三四五六七八九])"
# A day in Chinese numerals (三十日, 二十一日, 九日), as Hong Kong reports date their periods
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|十[一二三四五六七八九]?|[一二三四五六七八九])\s?[日号]"
_UNIT_NEXT = r"(?:[万亿千百佰仟元家个人项件单笔位名次倍%]|[Bb]illion|[Mm]illion|[Tt]rillion|bn|mn)"
_PERIOD_SUFFIX = r"(?:初|底|末|上旬|中旬|下旬|中(?![国华央文方]))"
# English scales after a number. k/K is a thousand (10k+, 月薪15K, 128K), w a 万 (1w+,
# 10W+ only with +: 100W is watts); M/B only after a currency sign ($5M, US$1.2B), since
# 3M and 7B alone are a company and a model size.
_EN_SCALE = (
    r"(?:\s?(?:[Bb]illion|[Mm]illion|[Tt]rillion|[Tt]housand|bn|mn|tn)|[kKw]|W(?=\+)|[MB])(?![A-Za-z])"
)
_EN_SCALE_VALUE = {"billion": 10**9, "million": 10**6, "trillion": 10**12, "thousand": 10**3, "bn": 10**9,
                   "mn": 10**6, "tn": 10**12, "k": 10**3, "w": 10**4, "m": 10**6, "b": 10**9}
# ASCII words glued to a number that make it a figure, not a code like 5G or 16GB.
_ASCII_AFTER = (
    rf"(?:pcts?|ppts?|pp|bps?|RMB|{'|'.join(sorted(_MONEY))}|[Bb]illion|[Mm]illion|[Tt]rillion"
    r"|[Tt]housand|bn|mn|tn|[kKw])(?![A-Za-z])|W\+"
)

_URL_RE = re.compile(r"(?:https?|HTTPS?)://[^\s<>\"'()\[\]{}（）【】，。、；！？]+|www\.[^\s<>\"'()\[\]{}（）【】，。、；！？]+")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Anchored on the top-level domain (a literal "."), then widened in Python.
_TLD_RE = re.compile(r"\.(?:com|cn|net|org|io|html?|shtml)(?![A-Za-z0-9])(?:/[^\s，。,]*)?")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
_LIST_MARK = r"(?P<lst>\d{1,2}[.、)](?![\d.])|[一二三四五六七八九十]{1,3}、|\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\))"
_LINE_LIST_RE = re.compile(r"\n[ \t]*" + _LIST_MARK)
_FIRST_LIST_RE = re.compile(r"[ \t]*" + _LIST_MARK)

# Words that contain numeral characters but are not numbers.
_SKIP = _by_first_char([(w, "") for w in (
    "三位一体 千人千面 千人一面 千家万户 千千万万 万万 亿万 千方百计 百里挑一 一书一课 一网通办 百亿补贴 "
    "千问 百度 百货 百科 百家号 百家争鸣 百花齐放 千军万马 万人空巷 万众一心 三只松鼠 一成不变 万一 "
    "一五一十 八仙 八字 八卦 五行 六爻 半壁江山 十全十美 九牛一毛 一点一线 两点一线 三点一线 一点一滴 三五成群 七折八扣").split()]
    # names: a restaurant chain, a department store, a drinks brand, a kind of health insurance
    + [(w, "") for w in "九毛九 八佰伴 六个核桃 百万医疗 零一万物 千万补贴".split()]
    + [("千万", "(?=[不别要记莫])")]
    # 十四五规划, “十三五”时期: a Five-Year Plan (十四五个 is still 14 or 15)
    + [(w, "(?=规划|计划|期间|时期|期|末|初|开局|以来|收官|战略|目标|纲要|发展|[”\"」』])")
       for w in "十一五 十二五 十三五 十四五 十五五 十六五".split()])

_REF = r"\[\^?\d{1,3}(?:\s?[,，\-–]\s?\d{1,3})*\]|【\d{1,3}】"

_TIME = (
    r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])"
    r"|(?<![\d.])(?:[01]?\d|2[0-3])[点时](?:[0-5]?\d分|半|整)"
    rf"|(?:(?<={'|'.join(_TIME_PREFIX)})|(?<=[晚早日号]))(?:[01]?\d|2[0-3])\s?[点时](?:\s?[0-5]?\d\s?分|半|整)?(?!\d)"
)

# What may follow a year in one date: a month (and day), a quarter or half, 初/底/末.
_YEAR_TAIL = (
    rf"(?:\s?(?:{_MON}|{_CN_MON})(?:\s?[-~至到—]\s?{_MON})?\s?月份?(?:\s?{_DAY}\s?[日号])?)?"
    rf"(?:\s?(?:第?[一二三四1-4](?:季度|财季)|[上下]半年|前[二三]季度|[QH][1-4]|[春夏秋冬]季?))?{_PERIOD_SUFFIX}?"
)
_DATE_AR = r"|".join([
    # ISO-like dates and year-months: 2026-01-30, 2024/9/1, 2024.4
    rf"(?<![\d.]){_Y}[-/.]{_MON}[-/.]{_DAY}(?!\d)",
    rf"(?<![\d.]){_Y}[-/.]{_MON}(?![\d%]|[.,]\d|\s?{_UNIT_NEXT})",
    # 2024年9月12日, 2025财年第一季度, 2023年度, 2025年初
    rf"(?<![\d.]){_Y}\s?(?:财年|年度|年){_YEAR_TAIL}",
    # year ranges and lists: 2024—2026 年, 2022、2023两年
    rf"(?<![\d.]){_Y}\s?[-—–~至到]\s?{_Y}(?:\s?年)?(?!\d)",
    rf"(?<![\d.]){_Y}(?=(?:\s?[、,和与及]\s?{_Y})+\s?(?:年|财年|[两三四五六七八九十]+年))",
    rf"(?<![\d.]){_Y}(?=[两三四五六七八九十]+年)",
    rf"(?<![\d.]){_Y}\s?[QH][1-4](?!\d)",
    rf"(?<![\d.]){_Y}/\d\d\s?(?:财年|财政年度|年度)",  # 2025/26财年
    # 天猫11.11, 11.11大促: the shopping festival, as 双11
    r"(?:(?<=天猫|淘宝|京东|抖音|快手|苏宁)|(?<=拼多多))11\.11(?![\d%])|11\.11(?=大促|购物节|狂欢节|期间|当天|当日|活动|预售|全球狂欢)",
    # Taiwan's Republic of China years (民國114年 is 2025): after 民国, or 100-139 before a
    # month, a quarter or a half-year (114年第3季, 114年9月, 113年度, 114年上半年)
    r"(?:(?<=民国)\d{2,3}|(?<![\d.])1[0-3]\d(?=年(?:度|\s?(?:第?\s?[一二三四1-4](?:季度|财季|季)|[前首]\s?[二三2-4]季|[上下]半年|全年"
    rf"|(?:1[0-2]|0?[1-9])\s?月|[QH][1-4](?!\d)))))\s?(?:年度|年){_YEAR_TAIL}",
    # Taiwan's slash and dot dates with a Republic of China year: 114/10/15, 114.09.30
    rf"(?<![\d./])1[0-3]\d(?P<rocsep>[/.]){_MON}(?P=rocsep){_DAY}(?![\d./%])",
    # Hong Kong's day-first and the English month-first dates: 30/01/2026, 1/6/2025, 31.12.2025
    rf"(?<![\d./]){_DAY}(?P<dmysep>[/.]){_DAY}(?P=dmysep){_Y}(?![\d./%])",
    # two-digit years: zero-padded (05年, 08年金融危机: no duration is padded), at the start or
    # end of a year (20年底, 19年初), or after a four-digit year in a range (2019-23年, 2019年至23年)
    rf"(?<![\d.])0\d\s?年(?!代){_YEAR_TAIL}",
    r"(?<![\d.去近这前超余多])\d\d年[初底末]",
    rf"(?<![\d.]){_Y}\s?[-—–~至到]\s?\d\d\s?年(?!代)",
    r"(?<=(?:19|20)\d\d年[-—–~至到])\d\d\s?年(?!代)",
    # two-digit years before a period word: 25年Q3, 24年上半年, 24年全年, 25年第一季度
    r"(?<![\d.去近这前超余多])(?:[0-3]\d|9\d)年\s?(?:[QH][1-4](?!\d)|[上下]半年|全年|(?:1[0-2]|0?[1-9])月(?!\d)|第?\s?[一二三四1-4](?:季度|财季))",
    # 25Q1, 1H25, 2025E (analysts' periods); 3·15, 7·20 (an event's month·day); 3.15晚会
    rf"(?<![A-Za-z0-9.])(?:\d\d[QH][1-4]|[1-4][QH]\d\d|{_Y}E|{_MON}[·•・]{_DAY}|3\.?15(?=晚会|消费者权益日|国际消费者))(?![A-Za-z0-9])",
    # 5月10日, 1-2月, 3月底
    # (not after a letter, SU7月销量 is a car's monthly sales; but GMV7月, DAU 7月 are months)
    rf"(?:(?<![\d.A-Za-z])|(?<=GMV|DAU|MAU|WAU|GDP|CPI|PMI|GTV|TPV|App|APP)|(?<=ARPU))"
    rf"{_MON}(?:\s?[-~至到—]\s?{_MON})?\s?月份?(?:\s?{_DAY}\s?[日号])?{_PERIOD_SUFFIX}?",
    # (中关村大街27号, 皇后大道中99號: a street number, not a day)
    rf"(?<![\d.])(?<![{_ROAD_LAST}])(?<![路道街][东西南北中]){_DAY}\s?(?:日(?![均活内线留元圆])|号(?![线楼店位称召码]))",
    # 今（12）日, 昨(11)日: today, the 12th (Taiwan and Hong Kong news; the scan loop takes 今( in)
    r"(?<=[今昨明]\()(?:3[01]|[12]\d|0?[1-9])\)[日号]",
    # (连续3季度, 近3季度, 过去3季度, 长达, 累计: three quarters, a duration, not the third)
    r"(?<![个\d续近去达计])[1-4](?:季度|财季)|(?<=[前首])[2-4]季(?![度节])",  # (前3季, 首3季: Taiwan's first three quarters)
    r"\d0年代|(?<![\d.])\d{1,2}世纪",
    rf"(?<![\d$])(?<!\d[.,])618(?![\d%A-Za-z]|[.,]\d|\s?{_UNIT_NEXT})",
    r"(?<![\d.])\d{2,4}(?=阿里日|购物节|狂欢节|发烧节|划算节|品牌日|会员日|周年庆|女王节|妇女节)",
    # 38节 and 520 are shopping festivals only where the festival is named (3.8, 5.20: 38家, 520元 are counts)
    r"(?<![\d.])(?:38(?=节|大促|女王节|妇女节)|520(?=当天|期间|节|大促|促销|前夕))",
])
_DATE_CN = r"|".join([
    rf"[〇零一二三四五六七八九]{{4}}\s?(?:财年|年度|年)(?:\s?{_CN_MON}月份?(?:\s?{_CN_DAY})?)?",
    rf"(?<![{_CN_NUM}第个]){_CN_MON}月份?(?:\s?{_CN_DAY}|{_PERIOD_SUFFIX})?",
    r"(?<![个\d])(?:第\s?[1-4]|第[一二三四]|(?<![续近去达计])[一二三四])(?:季度|财季)|(?<=[前首])[二三]季度|(?<=[上下])半年",
    # 第三季, 第1季營收, 第二及第三季 (Hong Kong and Taiwan write the quarter without 度)
    r"第\s?[1-4一二三四](?:\s?[及和与、至到-]\s?第?\s?[1-4一二三四])?季(?![度节])|(?<=[前首])[二三]季(?![度节])",
    r"[一二三四五六七八九]{1,2}十年代|(?:[一二十]+|廿[一二]?)世纪",  # 二三十年代: the 1920s and 30s
    r"双\s?(?:11|12|十一|十二)",
    rf"(?<![{_CN_NUM}])五一(?![{_CN_NUM}])",
    r"十一(?=黄金周|长假|假期|期间|国庆)",
])

# Verbs and particles right before a number that make it an amount, not a code or a
# version (达600519, 为2.0): both the A-share-code and the version guards use them.
_VERB_BEFORE_NUMBER = "为是达至到约超近了长降升破过逾比于"
# Last characters of count nouns (商户, 用户, 门店, 企业, 会员, 消费者, 粉丝, 网民, 骑手, 商家): a
# number after them is the count (商户605110多家), not an A-share code.
_COUNT_NOUN_ENDS = "户店业员者丝民手家"

_IDENT = r"|".join([
    r"(?<![\d.])\d{4,6}\.(?i:hk|sh|sz|ss|bj|ks|tw|t)(?![A-Za-z])",
    # stock codes: 腾讯(0700), 阿里巴巴(9988) (a year in parentheses stays a date);
    # an A-share code right after the name: 贵州茅台600519
    # (小米集團-W（1810）, 百度集團－SW（9888）: Hong Kong's weighted-voting suffixes; 台灣50 ETF(0050))
    r"(?:(?<=[\u4e00-\u9fff]\()|(?<=[\u4e00-\u9fff]-W\()|(?<=[\u4e00-\u9fff]-SW\()|(?<=ETF\()|(?<=ETF \())"
    r"(?!(?:19|20)\d\d\))\d{4,6}(?=\))",
    rf"(?<=[\u4e00-\u9fff])(?<![{_VERB_BEFORE_NUMBER}有共计和与及、{_COUNT_NOUN_ENDS}])"
    rf"(?!\d{{3}}000)(?:00[0-3]|30[01]|60[0135]|68[89])\d{{3}}"
    rf"(?![\d.,%]|\s?{_UNIT_NEXT}|\s?(?:[年月日天多余来几+]|股(?![价东票]))|以[上下内]|左右|上下|之多)",
    # 股票代码600519, 证券代码：000001: a code named as one
    # (股份代號：00700, 證券代號2330, 代码为300750: Hong Kong and Taiwan codes have four or five digits)
    r"(?:(?<=代[码号])|(?<=代[码号][: 为是])|(?<=代[码号]: ))\d{4,6}(?![\d.])",
    rf"(?<![\d.])(?:1688|12306|12345|95188|4399|996)(?![\d%A-Za-z]|[.,]\d|\s?{_UNIT_NEXT})|36氪|58同城|(?<=台北)101|"
    # index names: 沪深300, 标普500, 富时100, 日经225, 中证1000, 上证50, 科创50, 纳斯达克100
    r"(?:(?<=沪深)300|(?<=标普)500|(?<=富时)100|(?<=日经)225|(?<=中证)(?:500|800|1000|2000)|(?<=上证)(?:50|180)|(?<=科创)50|(?<=斯达克)100)(?!\d)|"
    r"360(?=公司|集团|搜索|安全|浏览器|智脑|数科|金融|导航)",
    # brands: the sportswear maker 361度, the convenience stores 7-Eleven and 7-11
    r"361度|7-(?:[Ee]leven|ELEVEN)|7-11(?=便利|门店|店|超商)",
    # versions, section and IP numbers with two dots or more: 3.1.2, 192.168.1.1 (dates are read before)
    r"(?<![A-Za-z\d.])\d{1,3}(?:\.\d{1,3}){2,3}(?![\d.%])",
    r"(?<![\d.])\d+(?:\s?\+\s?(?:\d+|[A-Z])(?![A-Za-z]))+(?!\s?[%万亿元家个人项件])",
    rf"(?<![\d.,])1[3-9]\d{{9}}(?![\d.,]|\s?{_UNIT_NEXT})|(?<!\d)(?:400|800)(?:-\d{{3}}-?\d{{4}}(?!\d)|\d{{3}}-\d{{4}}(?!\d)|\d{{7}}(?!\d|\s?{_UNIT_NEXT}))|(?<!\d)0\d{{2,3}}-(?:\d{{7,8}}|\d{{3,4}} \d{{4}})(?!\d)",
    # (852) 2862 8555: an area code in parentheses (the opening one is added back in the scan loop)
    r"(?<=\()\d{2,4}\) ?\d{3,4}[ -]?\d{4}(?!\d)",
    r"(?<![\d.])(?:[15-9]0|00|[0-9]5)后",
    # round-the-clock service: 7×24小时, 24/7, 5x8
    r"(?<![\d.])(?:7\s?[xX×*]\s?24(?:\s?(?:小时|h|H)(?![A-Za-z]))?|24/7|5\s?[xX×*]\s?8)(?![\d.])",
    # ISBNs and other hyphenated codes (4+ groups), long digit runs with nothing attached
    r"(?<![\d.,-])\d{1,6}(?:-\d{1,7}){3,}(?:-[\dX])?(?![\d-])",
    rf"(?<![\d.,])\d{{12,}}(?![\d.,]|\s?{_UNIT_NEXT})",
    # display resolutions 2K/4K/5K/8K (10K, 128K are thousands)
    r"(?<![A-Za-z0-9.$¥€£₩])[2458]K(?![A-Za-z0-9+])",
    # 2B, 5G, 88VIP (not 2.5x, a multiple; not 10k, 1.2pct, 100USD: scales and units)
    rf"(?<![A-Za-z0-9.])(?<![A-Za-z]-)\d++(?:\.\d++)?(?=[A-Za-z])(?![xX](?![A-Za-z]))(?!{_ASCII_AFTER})[A-Za-z][A-Za-z0-9]*",
])
# Digits glued to letters before them (Qwen3, P11, GPT-4, FY2025, Q3, TOP10, Part.1):
# the interpreter looks back over the letters and decides.
_LETTERED = r"(?<=[A-Za-z_])\d+(?:\.\d+)*[A-Za-z0-9]*|(?<=[A-Za-z][-.])\d+(?:\.\d+)*[A-Za-z0-9]*"

_ORD = (
    rf"第\s?(?:\d+|[{_CN_NUM}]+)"
    r"|首(?=[次个家款位届度轮批季])"
    r"|(?<=前)(?:[二两三四五六七八九十]|\d{1,3})(?=名|强|位|大|甲|的|[，。、；！？,;!?)）」”]|$)"
)

# Growth words after a digit count (三位数增长, 个位数的增速): the count is a percent.
_GROWTH_AFTER = r"的?(?:增长|增速|增幅|涨幅|下滑|下降|跌幅|降幅)"
_GROWTH_AFTER_RE = re.compile(_GROWTH_AFTER)
_SPECIAL = (
    rf"(?P<ndig>[一二两双三四五六七八九十\d])位数(?P<ngrow>{_GROWTH_AFTER})?"
    r"|(?P<dbl>翻了?(?:一|两|二|三|\d)?(?:倍|番))"
    # (近倍增长, 逾倍增長: the growth is the number's; 最近倍增 is "recently doubled")
    r"|(?<=[逾近])(?<!最近)(?P<bei>倍)(?![受感数率速]|增(?![长長幅]))"
    r"|(?<=数以)(?P<nsc>[十百千万亿]+)计"
    # 連續3季, 近三季, 过去两季: Taiwan and Hong Kong count quarters without 度, after a word of
    # duration (alone, 3季 and 四季 name a quarter or the seasons)
    r"|(?:(?<=连续|过去|长达|累计)|(?<=连续 |过去 |长达 |累计 )|(?<=近)|(?<=近 ))"
    r"(?P<nji>\d{1,3}|[一二两三四五六七八九十]{1,3})\s?季(?![度节报末初中军后风])"
)


# A Chinese numeral core. Single characters are filtered here, in the regex engine,
# because they are mostly words (统一, 三超多强, 一个): a lone digit must be followed by
# something that makes it a number; a lone 一 only by what is not an article's noun.
# The financial capitals (叁拾贰万, 壹佰伍拾元: anti-forgery numerals of amounts).
_CAPITALS = "壹贰貳叁叄肆伍陆陸柒捌玖拾佰仟"
_CN_FOLLOW = rf"\s?(?:[多余几+]|来(?![自源])|[-~—–至到]|分之|{_UNITS_RE})"
_ONE_FOLLOW = (
    r"\s?(?:[百千万亿多余几+成倍半年天月周%‰折]|打(?![折工车卡造击破响开算球败压通法入出下上就])|季度|小时|分钟|秒|百分点|个(?:月|季度|小时|星期|百分点|半|多)|[-~—–至到]|"
    # (一块五, 一块八一斤: a price; 一块 alone is "together" or "a piece")
    rf"块(?!五花)[一二三四五六七八九](?![零〇二两三四五六七八九十百千万亿点块元]|一(?![{_PER}]))|"
    # (a class of first characters keeps the ~60 names from being tried at every 一)
    rf"(?=[{''.join(sorted({w[0] for w in _CURRENCY_NAMES}))}])(?:{'|'.join(sorted(_CURRENCY_NAMES, key=len, reverse=True))}))"
)
# Digits after 点: a decimal (三点八, 十二点五, 三点五亿), not a clock time (三点四十分, 八点半, 九点一刻).
_DECIMAL = rf"点[{_CN_DIGIT}]+(?![点分刻钟时半整]|十[分一二三四五六七八九])"
# 兆 is 10^12 (Taiwan, Hong Kong) only where a trillion is meant: with 亿 after it
# (十二兆三千億) or a currency name right after it (20兆元, 3.5兆日圓, 1.2兆歐元); elsewhere
# it is mega (100兆, 兆字节).
# Every currency name after a number, the longest first, each with its guard.
_CURRENCY_AFTER = "|".join(
    re.escape(w) + _guard(_CURRENCY_GUARDS.get(w, "")) for w in sorted(_CURRENCY_NAMES, key=len, reverse=True))
_TRILLION_CTX = rf"(?=[\d,零〇一二两三四五六七八九十百千拾佰仟]{{0,32}}亿|\s?(?:{_CURRENCY_AFTER}))"
# The common forms first; a run that goes on into 兆 or 参 is left to the last two
# alternatives, which one look-ahead keeps from being tried at every numeral.
_CN_CORE = (
    # (no numeral has more than 32 characters: the bound keeps a long run of numerals, which
    # is read at every position of it, from costing its length at each)
    # (大陆十家企业: ten mainland companies, not sixty)
    rf"(?!(?<=[大内登着水海新])陆)[{_CN_NUM}]{{2,32}}+(?![{_CN_NUM}{TRILLION}参])(?:{_DECIMAL})?"
    rf"|[一壹](?:{_DECIMAL}|(?={_ONE_FOLLOW}))"
    rf"|[百千万亿](?![{TRILLION}参])"
    rf"|[{''.join(c for c in _CN_NUM if c not in '一壹' + _CAPITALS)}](?:{_DECIMAL}|(?={_CN_FOLLOW}))"
    # A financial capital alone is money only (陆元; 大陆台商, 陆家嘴, 伍家 are words and names)
    rf"|[{''.join(c for c in _CN_NUM if c in _CAPITALS and c != '壹')}](?=\s?[元圆角块])"
    rf"|(?=[{_CN_NUM}]{{0,32}}+[{TRILLION}参])(?:"
    rf"[{_CN_NUM}]{{0,32}}+{TRILLION}{_TRILLION_CTX}[{_CN_NUM}]{{0,32}}+"
    # 參拾 (the traditional financial three) reaches the scanner as 参拾
    rf"|(?:[{_CN_NUM}]{{0,32}}参[拾佰仟]|[{_CN_NUM}]{{1,32}}参[十百千万亿])[{_CN_NUM}参]{{0,32}})"
)
# Arabic digits after an Arabic number's Chinese place value, in the same number:
# 4万3000, 12万5千, 6万2千3百, 2千零50万, 3千零7, 12兆3000亿. Not a date or a time after it
# (5亿2024年, 3亿1月); numerals.parse_number checks the places.
_REST = (
    # (the digits may carry thousands separators, 1億2,000萬; a place value may be a run of
    # them, 5亿2千万 and 1亿2千5百万, which parse_number reads as one)
    r"(?<=\d[十百千万亿兆佰仟])零?(?:\d{1,3}(?:,\d{3})++|\d{1,4}+)(?:[十百千万亿佰仟]++零?(?:\d{1,3}(?:,\d{3})++|\d{1,4}+)){0,6}+"
    r"[十百千万亿佰仟]{0,6}+"
    r"(?![\d.年月号季点:时/\-]|日(?![元圆]))"  # (日元, 日圆: the yen, not a day)
)


def _core(i: int, rest: bool = True) -> str:
    return (
        rf"(?:(?P<cur{i}>[$¥€£₩]) ?)?+"
        rf"(?:(?P<frac{i}>(?=[0-9{_CN_NUM}]{{1,32}}+[又分])(?:\d++|[{_CN_NUM}]++)(?:又(?:\d++|[{_CN_NUM}]++))?分之"
        # (a sign after 分之 is the share's: 百分之负三 is −3 percent)
        rf"负?(?:(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?|[{_CN_NUM}]+(?:点[{_CN_DIGIT}]+)?)"
        rf"|(?<![A-Za-z0-9./])[1-9]/(?:10|[2-9])(?![\d/.%]))"
        rf"|(?P<half{i}>一半|半数|半)"
        rf"|(?P<ar{i}>(?<![A-Za-z0-9.])(?:\d{{1,3}}+(?:,\d{{3}})++(?!\d)|\d++)(?:\.\d++)?+)"
        rf"|(?P<cn{i}>{_CN_CORE}))"
        # (来自, 来源: "comes from", not the approximate 来 of 四十来家)
        rf"(?P<fill{i}>[多余几+]|来(?![自源]))?+"
        # (佰 and 仟, the financial capitals, as scales too: Taiwan's statements count in 仟元)
        # (五百几十万: after 几 the tens belong to it, see _interpret_np)
        # (5000万千瓦, 50千克, 700千米: 千 is the unit's kilo, not a thousand)
        rf"(?P<sc{i}>(?=[\s百千万亿佰仟{TRILLION}BbMmTtkKwW十])(?:\s?[百千万亿佰仟]+(?![问度货科]|(?<=千)[瓦克米焦帕伏赫卡兆])|(?<=几)十[百千万亿佰仟]*+|{TRILLION}{_TRILLION_CTX}|{_EN_SCALE}))?+"
        rf"(?P<rest{i}>{_REST if rest else '(?!)'})?+"
        # 3亿多元, 1万多种: 多 after the scale is "more than" (多元化, 多样, 多彩 are words)
        rf"(?P<fillb{i}>多(?!元化|[样彩])|余)?+"
    )


# 八元五角, 三块五毛, 三英镑二十便士, 十块五: the coins after the main unit (_coins checks the pair).
_SUB = (
    # (叁元伍角, 伍万陆仟柒佰捌拾玖元伍角: the financial capitals count the coins too)
    rf"(?:(?=[零\d一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾])(?P<sub>零?(?:\d{{1,2}}|[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{{1,3}})(?:{_COIN_WORDS})"
    r"(?:[\d一二两三四五六七八九壹贰叁肆伍陆柒捌玖]分(?![钟之]))?"
    # (九块九包邮, 三块八一斤: a digit after 块 is its tenths unless a numeral goes on after it)
    rf"|(?<=块)(?!五花)[一二三四五六七八九](?=[^0-9零〇一二两三四五六七八九十百千万亿点毛角分块元次个天年月日号成倍折半余多来几%]|一[{_PER}]|$)"
    # (9块9包邮, 19块9, 1块5: the promotions' Arabic form)
    rf"|(?<=块)[1-9](?![0-9%零〇二两三四五六七八九十百千万亿佰仟拾点毛角分块元次个天年月日号成倍折半余多来几]|[.,]\d|一(?![{_PER}]))))"
)
# (a class of the suffixes' first characters keeps them from being tried one by one after every number)
_NP_TAIL = (rf"(?P<unit>\s?(?:{_UNITS_RE}))?+{_SUB}?+"
            rf"(?P<post>(?=[以之开出有多余+左上前级半或几])(?:{_SUFFIX_RE}|半(?![导径壁价场山岛])))?+")
# A range's separator comes within the first eight characters after the first end (a space,
# a unit word of at most _UNIT_MAX characters, a space): one scan of the characters before it
# in the engine rules most numbers out before the unit words are tried for a range.
_UNIT_MAX = max(map(len, _U))
_RANGE_GUARD = rf"(?=[^-~—–至到]{{0,{_UNIT_MAX + 2}}}+[-~—–至到])"
# (a sign before the second end, -5%至-3%, is read when the first end has one too: see _interpret_np)
_NP_RANGE = rf"(?:{_RANGE_GUARD}(?P<u1>\s?(?:{_UNITS_RE}))?+\s?(?P<sep>[-~—–至到](?!—))\s?(?P<neg2>[-−负](?=[\d{_CN_NUM}]))?{_core(2)})?+"
# The same phrase without the range part; its range groups exist but never match,
# so the interpreter reads both patterns the same way.
_NP_SINGLE = re.compile(_core(1) + _NP_RANGE.replace("(?P<u1>", "(?!)(?P<u1>", 1) + _NP_TAIL)
# The same without the digits after a place value, for a 4万30 that is not one number.
_NP_NOREST = re.compile(_core(1, rest=False) + _NP_RANGE.replace("(?P<u1>", "(?!)(?P<u1>", 1) + _NP_TAIL)

# Necessary conditions of the time, date and identifier branches, checked once at a
# digit before their alternatives are tried one by one (each alternative implies its
# guard, so no match is lost; order and results are unchanged). Most digits start a
# plain number (35.8%, 1200亿) and fail every guard in a few steps, where trying ~25
# alternatives with their look-behinds cost about 2 µs a number.
_TIME_GUARD = r"(?=\d\d?\s?[:点时])"
_DATE_GUARD = (
    r"(?=\d{4}[-/.\s财年—–~至到、,和与及两三四五六七八九十QHE]"
    r"|\d\d?(?:\s?[-~至到—月日号]|[·•・QH世季财年])|3\.?15|11\.11|618|38[节大女妇]|520[当期节大促前]|\d{2,4}[阿购狂发划品会周女妇]"
    r"|(?<=民国)\d|(?<=[今昨明]\()\d|1[0-3]\d(?:年|[/.]\d)|\d\d?[/.]\d\d?[/.]\d)"
)
_IDENT_GUARD = (
    r"(?=\d++(?:(?:\.\d++)?[A-Za-z]|\s?\+|[-)后])|\d{1,3}\.\d{1,3}\.\d|361度|\d{4,6}\.|(?<=[码号: 为是])\d{4}|(?:00[0-3]|30[01]|60[0135]|68[89])\d{3}"
    r"|\d{12}|1688|123[04]|(?<=北)101|(?<=深|普|时|经|证|创|克)\d|9518|4399|996|36[0氪]|58同|1[3-9]\d{9}|[48]00-?\d{3}|0\d\d|[57]\s?[xX×*]|24/|[2458]K)"
)
# Every Chinese date has 年, 月, 季, 世 or 财 after a run of numerals (第, spaces, 1-4 for
# 第1季度), or is 双11, 半年, 五一, 十一.
_CDATE_GUARD = r"(?=[〇零一二三四五六七八九十廿卅第\s1-4]{0,24}+[年月季世财]|第.[及和与、至到-]|双|半年|五一|十一)"

_AR_FIRST = "0-9"
_CN_FIRST = _CN_NUM
_GATE = _AR_FIRST + _CN_FIRST + "参$¥€£₩\\[【①-⑳第首双半翻倍"

_MASTER = re.compile(
    rf"(?=[{_GATE}])(?:"
    rf"(?=[{_CN_FIRST}])(?:{_SKIP})(?P<k_skip>)"
    rf"|(?=[\[【])(?:{_REF})(?P<k_ref>)"
    rf"|(?=\d)(?<![A-Za-z]){_TIME_GUARD}(?:{_TIME})(?P<k_time>)"  # (Q2:40.1%: a label, then a share)
    rf"|(?=\d){_DATE_GUARD}(?:{_DATE_AR})(?P<k_date>)"
    rf"|(?=[{_CN_FIRST}双半第]){_CDATE_GUARD}(?:{_DATE_CN})(?P<k_cdate>)"
    rf"|(?=[第首{_CN_FIRST}\d])(?:{_ORD})(?P<k_ord>)"
    rf"|(?=\d){_IDENT_GUARD}(?:{_IDENT})(?P<k_ident>)"
    rf"|(?=\d)(?:{_LETTERED})(?P<k_letter>)"
    rf"|(?=[{_CN_FIRST}\d翻双倍])(?:{_SPECIAL})(?P<k_special>)"
    rf"|[①-⑳](?P<k_circled>)"
    # (风险提示：1、需求不及预期；2、竞争加剧: list marks after a colon or a semicolon, before a word)
    rf"|(?:(?<=[:;。])|(?<=[:;。]\s))\d{{1,2}}(?:\)|[、.](?=[\u4e00-\u9fff])(?![{_CN_NUM}年月日号季]))(?P<k_list>)"
    rf"|(?:{_core(1)}{_NP_RANGE}{_NP_TAIL})(?P<k_np>)"
    r")"
)
_DIGIT_RUN = re.compile(r"\d+")
_NON_DIGIT_ORD = re.compile(r"^(?:第|前|(?i:top))\s?")
# Chinese product, model and chip names a bare number after which is a version or a
# model number, not a figure (小米14, 荣耀90, 豆包大模型1.5, 麒麟9000, 极氪001).
_NAMES_BEFORE_VERSION = (
    "模型", "千问", "通义", "文心", "一言", "豆包", "混元", "星火", "盘古", "鸿蒙", "清言", "天工", "日日新",
    "小米", "红米", "荣耀", "一加", "魅族", "真我", "畅享", "麒麟", "骁龙", "天玑", "昇腾", "鲲鹏", "龙芯",
    "玄戒", "极氪", "领克",
)
_NAMES_LAST = frozenset(n[-1] for n in _NAMES_BEFORE_VERSION)  # (one set lookup before the endswith)
# Unit words that are nouns: after a product's version number they are not its unit.
_WEEKDAYS = frozenset("一二三四五六")
_PERIOD_LABEL_RE = re.compile(r"(?:Q[1-4]|H[12]|FY|[1-4]Q|[12]H)\Z")
_UNIT_LABEL_RE = re.compile(r"(?:单位\s?:?\s?|\()(?:人民币|港币|港元|美元|新台币|日元|欧元)?\s?\Z")
_NOUN_UNITS = frozenset({"用户", "员工", "会员", "消费者", "网民", "粉丝", "开发者", "骑手", "商家", "商户", "企业", "门店"})
_VERB_BEFORE_VERSION = frozenset(_VERB_BEFORE_NUMBER)
_FALL_TO = frozenset({"跌至", "降至", "跌到", "降到"})
_CHANGE_VERBS = frozenset("提升 提高 上升 上涨 增长 增加 下降 下滑 下跌 降低 减少 回落 收窄 扩大 上调 下调".split())
# A duration after one of these words in the same clause is a measured quantity.
_MEASURE_CUES = ("时长", "用时", "耗时", "天数", "在线时间", "停留时间", "使用时间", "观看时间", "时间为", "时间达")
_MEASURE_WINDOW = 10
_CLAUSE_MARKS = "，。；：！？,;:!?\n、()"
# A cue with no clause mark after it up to the number: one regex call per duration.
_MEASURE_RE = re.compile(f"(?:{'|'.join(_MEASURE_CUES)})[^{re.escape(_CLAUSE_MARKS)}]*\\Z")
# 月/年/日/周 after a 万/亿 count that begin a metric word (月活, 日均, 年营收, 周活跃).
_PERIOD_ADJ = frozenset("月年日周")
_PERIOD_ADJ_NEXT = frozenset("活营收销均度利净交订付")


# --------------------------------------------------------------------------- #
# Interpretation
# --------------------------------------------------------------------------- #

class _Reject(Exception):
    """A candidate that is not a number after all."""


@lru_cache(maxsize=4096)
def _parse_cached(s: str) -> float:
    return parse_number(s)


@lru_cache(maxsize=512)
def _list_value(s: str) -> float | None:
    """The number of a list mark (``3``, ``十二``), or None when the mark is not one numeral (``三五十``)."""
    try:
        return parse_number(s)
    except ValueError:
        return None


def _arabic(s: str) -> float:
    """Exact value of an Arabic numeral with optional thousands commas and decimals."""
    s = s.replace(",", "")
    if "." in s:
        whole, frac = s.split(".", 1)
        return int(whole + frac) / 10 ** len(frac)
    return float(int(s))


_END1 = ("ar1", "cn1", "frac1", "half1")
_END2 = ("ar2", "cn2", "frac2", "half2")


def _core_value(m: re.Match, i: int):
    """(value, form) for end ``i`` of a number phrase."""
    return _core_value_of(*m.group(*(_END1 if i == 1 else _END2)))


@lru_cache(maxsize=8192)  # (pure: the four groups' text decides; a number recurs across an article)
def _core_value_of(ar, cn, frac, half):
    """(value, form) from the four alternative groups of one end (exactly one is set)."""
    if ar is not None:
        return _arabic(ar), "ar"
    if cn is not None:
        return _parse_cached(cn), "cn"
    if frac is not None:
        if "/" in frac:  # 1/3: a fraction only when proper (3/2 is read as a month/day)
            num, _, den = frac.partition("/")
            return (100.0 * int(num) / int(den), "frac") if int(num) < int(den) else (None, "slash")
        den, _, num = frac.partition("分之")
        whole, _, den = den.rpartition("又")
        d, n = _parse_cached(den), _parse_cached(num)
        if d == 0:
            raise _Reject
        if whole:  # 5又四分之三: a mixed number, 5.75, not a share
            if not n < d:
                raise _Reject
            return _parse_cached(whole) + n / d, "mixed"
        return 100.0 * n / d, "frac"
    return (50.0 if half in ("一半", "半数") else 0.5), half


def _exact_times(value: float, ar: str | None, scale: int) -> float:
    """``value * scale``, exact for a written decimal: 1.16亿 is 116000000.0, not 115999999.99999999."""
    if scale == 1 or ar is None or "." not in ar:
        return value * scale
    whole, _, frac = ar.replace(",", "").partition(".")
    return int(whole + frac) * scale / 10 ** len(frac)


def _times(x: float, mult: float) -> float:
    """``x * mult``; a fractional multiplier divides instead, so 230个基点 is 2.3, not 2.3000000000000003."""
    return x * mult if mult >= 1 else x / round(1 / mult)


@lru_cache(maxsize=1024)
def _scale_of(sc: str | None) -> int:
    if not sc:
        return 1
    if sc[-1] not in _SCALE_VALUE:
        return _EN_SCALE_VALUE[sc.strip().lower()]
    f = 1
    for ch in sc.strip():
        f *= _SCALE_VALUE[ch]
    return f


# Two digits that make a loose range: neighbours (两三, 七八) and 三五 ("three to five").
_LOOSE_PAIRS = frozenset({(a, a + 1) for a in range(1, 9)} | {(3, 5)})
_LOOSE_RE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])(?=[十百千万亿]|$)")


@lru_cache(maxsize=4096)
def _loose_range(cn: str):
    """(low, high) for a loose range written with two neighbouring digits, else None.

    ``二三十`` is 20–30, ``十五六`` 15–16, ``两三万`` 20,000–30,000, ``一百二三十``
    120–130: each end is the numeral with one of the two digits left out.

        >>> _loose_range("二三十"), _loose_range("一百二十")
        ((20.0, 30.0), None)
    """
    m = _LOOSE_RE.search(cn)
    if m is None:
        return None
    a, b = m.span(1)[0], m.span(2)[0]
    pre, suf = cn[:a], cn[b + 1:]
    if (pre and pre[-1] not in "十百千万亿") or not (pre or suf):
        return None
    if (CN_DIGITS[cn[a]], CN_DIGITS[cn[b]]) not in _LOOSE_PAIRS:
        return None
    try:
        return _parse_cached(pre + cn[a] + suf), _parse_cached(pre + cn[b] + suf)
    except ValueError:
        return None


# English words (metric names and acronyms, currency codes, comparison words) after
# which a number is a figure, not a model or version number; matched in any case.
_FIGURE_WORDS = frozenset(
    "capex opex revenue revenues sales profit ratio about approx around over under only than vs "
    "and or to of by at up down total cost price users downloads "
    "mau dau wau maus daus gmv gtv tpv arpu arppu arpa roi roe roa roic cagr eps pe pb ps peg gdp cpi ppi pmi "
    "kpi okr uv pv ip ctr cvr ltv cac aum tps qps yoy qoq mom ttm ebit ebitda nps tam sam arr mrr".split()
) | {c.lower() for c in _CURRENCY_WORDS if c.isascii()}


def _after_word(t: str, s: int, e: int, ar: str, floor: int):
    """A bare number after an English word and a space: ``Top 3`` (ordinal), ``iPhone 15`` (identifier).

    A product or model name with a version number (``iPhone 15``, ``Mate 60``,
    ``Claude 3.5``, ``Windows 11``, ``RTX 4090``) makes it an identifier; a word of
    ``_FIGURE_WORDS`` in any case (``MAU 7500``, ``Capex 500``) leaves it a figure.
    """
    j = s - 1
    while j - 1 >= floor and t[j - 1].isascii() and t[j - 1].isalpha():
        j -= 1
    word = t[j:s - 1]
    low = word.lower()
    if low in ("top", "no") and ar.isdigit():
        return j, e, float(ar), "", "exact", "ordinal"
    if len(word) >= 2 and low not in _FIGURE_WORDS and len(ar.split(".")[0]) <= 4:
        # iPhone 15, AI 2.0, RTX 4090, ERNIE 4.5; MAU 7500 and GMV 500 stay figures
        return j, e, None, "", "exact", "identifier"
    return None


def _prefix_before(t: str, j: int, floor: int):
    """(start, word) of a qualifier word ending at ``j`` (one space allowed), else None."""
    k = j - 1 if j - 1 >= floor and t[j - 1] == " " else j
    if k - 1 < floor or t[k - 1] not in _PREFIX_LAST:
        return None  # cheap reject: no qualifier word ends here (most numbers)
    for n in (3, 2, 1):
        if k - n < floor:
            continue
        w = t[k - n:k]
        hit = _PREFIX.get(w)
        if hit is not None:
            guard = hit[1]
            if guard and k - n - 1 >= 0 and t[k - n - 1] in guard and not (w == "约" and t[k - n - 2:k - n] == "折合"):
                continue  # (折合约10亿美元: 折合, then 约)
            return k - n, w
    return None


_NP_GROUPS = ("ar1", "cn1", "frac1", "half1", "fill1", "fillb1", "sc1", "cur1", "sep", "unit", "post", "u1", "rest1",
              "sub")


def _np_index(p: re.Pattern) -> tuple[int, ...]:
    """The numbers of ``_NP_GROUPS`` in pattern ``p`` (fetching groups by number skips a name lookup each)."""
    return tuple(map(p.groupindex.__getitem__, _NP_GROUPS))


_NP_INDEX_MASTER, _NP_INDEX_SINGLE, _NP_INDEX_NOREST = map(_np_index, (_MASTER, _NP_SINGLE, _NP_NOREST))

# Characters after 块 that make it money (十块, 十块钱, 三块多, 十块左右), not a measure word (三块屏幕).
_MONEY_AFTER_KUAI = frozenset(" ,.;:!?。、)）多左上以钱")


def _discount(v: float) -> float:
    """A discount as the percent of the price paid: 七折 and 7折 are 70, 6.8折 68, 八五折 and 85折 85.

        >>> _discount(7.0), _discount(6.8), _discount(85.0)
        (70.0, 68.0, 85.0)
    """
    if 0 < v < 10:
        return round(v * 10, 6)
    if 10 <= v < 100:
        return v
    raise _Reject


def _coins(sub: str, unit: str) -> float:
    """The coins written after a currency's main unit, in that unit (五角 → 0.5, 二十便士 → 0.2).

        >>> _coins("五角", "CNY"), _coins("二十便士", "GBP"), _coins("5", "CNY")
        (0.5, 0.2, 0.5)
    """
    allowed = _COINS_OF.get(unit, frozenset())
    if sub[-1] not in _COIN_LAST:  # 十块五: the digit after 块 is its 角
        return _parse_cached(sub) / 10
    cents = 0.0
    i = 0
    for m in _COIN_RE.finditer(sub):
        name = m.group(2)
        if name not in allowed:
            raise _Reject
        cents += _parse_cached(m.group(1)) * _COIN_CENTS[name]
        i = m.end()
    if i != len(sub):
        raise _Reject
    return cents / 100


_COIN_RE = re.compile(rf"零?(\d{{1,2}}|[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{{1,3}})({'|'.join(name for name, _, _, _ in _COIN_TABLE)})")


# The last characters of everything _interpret_np looks back for: a currency word or code
# (港币, USD), the letters before a $ (US$, HK$), a sign, a qualifier word, a space.
# The nouns a bound may stand before in an announcement (不超过每股200元, 不超过总股本的2%), and
# the bounds that may.
_BOUND_NOUNS = ("公司总股本的", "公司总股本", "总股本的", "总股本", "股本的", "每股")
_BOUND_NOUN_LAST = frozenset(n[-1] for n in _BOUND_NOUNS)
_BOUND_WORDS = frozenset({"不超过", "不高于", "不多于", "不低于", "不少于", "超过", "低于", "高于", "至少", "最多", "最高"})
_LOOKBACK_LAST = frozenset("DBYRPW币元圆金镑 负-−±ABCDEFGHIJKLMNOPQRSTUVWXYZ") | _PREFIX_LAST | _BOUND_NOUN_LAST


def _interpret_np(m: re.Match, t: str, floor: int, wide_commas: frozenset = frozenset()):
    """A number-phrase match as (start, end, value, unit, qualifier, kind); raise _Reject if none."""
    g = m.group
    s0, end = m.span()
    # One call for every group the common path reads (cheaper than one call each).
    p = m.re
    idx = (_NP_INDEX_MASTER if p is _MASTER else _NP_INDEX_SINGLE if p is _NP_SINGLE
           else _NP_INDEX_NOREST if p is _NP_NOREST else _np_index(p))
    ar, cn, frac, half, fill, fillb, sc, cur, sep, unit_text, post, u1_text, rest, sub = g(*idx)
    fill = fill or fillb
    if fill == "几" and sc is not None and cn is not None:
        # 两千几百万, 五百几十万, 一亿几千万: the places below the numeral's last one are 几's
        # (几百, 几十, 几千万), so only a higher marker after them scales the number
        top = _SCALE_VALUE.get(cn[-1], 1)
        k = 0
        sc = sc.lstrip()
        while k < len(sc) and sc[k] in _SCALE_VALUE and _SCALE_VALUE[sc[k]] < top:
            k += 1
        sc = sc[k:] or None
    if rest is not None:
        # 4万3000, 2千零50万: one number across the place values (a ValueError makes the
        # scan loop read the part before the digits alone)
        if ar is None or sc is None:
            raise _Reject
        ar, sc = ar + sc.strip() + rest, None
        if "." in ar:
            raise _Reject
        value, form = parse_number(ar), "ar"
        if g("ar2") is not None or g("cn2") is not None:
            raise _Reject
    loose = _loose_range(cn) if cn is not None and sep is None and len(cn) >= 3 else None
    if loose is not None:
        value, form = loose[0], "cn"
    elif rest is None:
        value, form = _core_value_of(ar, cn, frac, half)
    if form == "slash":
        return s0, m.end("frac1"), None, "", "exact", "date"
    if form == "ar" and s0 > floor and t[s0 - 1] == "(" and end < len(t) and t[end] == ")" and end == m.end("ar1"):
        r = _bracketed(t, s0, end, floor)
        if r is not None:
            return r
        if ar.isdigit() and cur is None and s0 - 2 >= floor and t[s0 - 2] == "第":
            return s0 - 2, end + 1, float(ar), "", "exact", "ordinal"  # 详见第（3）项
        if (len(ar) <= 2 and ar.isdigit() and cur is None and not _UNIT_AFTER_RE.match(t, end + 1)
                and not (s0 - 2 >= floor and t[s0 - 2] in "图表注" and _label(t, s0, end, floor))):  # (附注(2): below)
            # 风险提示：(1)需求不及预期；(2)竞争加剧, 附件(2)为审计报告: a list mark or a label
            # in the line (before a unit, 营收(12)亿元, the number stays a figure)
            return s0 - 1, end + 1, float(ar), "", "exact", "list_number"
    cur_unit = _CURRENCY_PREFIX[cur] if cur else None
    if form == "ar" and cur is None and s0 > floor and t[s0 - 1] in _CONTACT_BEFORE:
        r = _contact(t, s0, floor)
        if r is not None:
            return r
    if sc is not None and sc in "MB" and cur is None:
        raise _Reject  # 7B, 3M: a model size, a company

    # Looking back: currency words, a sign, a qualifier word. Most numbers follow a
    # character none of them ends with: one set lookup rules all three out.
    start = s0
    neg = pm = False
    hit = None
    if s0 > floor and t[s0 - 1] in _LOOKBACK_LAST:
        if cur == "$" and s0 > floor and "A" <= t[s0 - 1] <= "Z":
            for mark, code in _DOLLAR_MARKS:
                k = s0 - len(mark)
                # (one letter after another letter is part of a word, ABS$5: a bare $)
                if k >= floor and t[k:s0] == mark and not (len(mark) == 1 and k > 0 and t[k - 1].isascii()
                                                            and t[k - 1].isalpha()):
                    start, cur_unit = k, code
                    break
        elif cur == "$" and (named := _currency_before(t, s0, floor, unit_text)) and named[1] in DOLLAR_CURRENCIES:
            start, cur_unit = named  # 港幣$100禮券, 新台幣$500: the dollar the word before the sign names
        elif cur is None and start - 2 >= floor and t[start - 1] in "DBYRPW币元圆金镑 ":
            k = start - 1 if t[start - 1] == " " else start
            w = t[k - 3:k] if k - 3 >= floor else ""
            if w in _CURRENCY_WORDS and not (k - 4 >= 0 and t[k - 4].isascii() and t[k - 4].isalpha()):
                start, cur_unit = k - 3, _CURRENCY_PREFIX[w]
            elif k == start and (named := _currency_before(t, k, floor, unit_text)):
                start, cur_unit = named  # 港币20亿元, 美元5亿, 澳门币185亿元
        if start - 1 >= floor and form in ("ar", "cn", "mixed", "frac"):
            c = t[start - 1]
            if value and (c == "±" or c == "负" and start - 2 >= floor and t[start - 2] == "正"):
                pm, start = True, start - (1 if c == "±" else 2)  # ±3%, 正负0.5个百分点: plus or minus (±0 is zero)
            elif value and c == "-" and start - 3 >= floor and t[start - 3:start] == "+/-":
                pm, start = True, start - 3
            elif c == "负":
                neg, start = True, start - 1  # (负百分之三 too; a hyphen before 百分之 is not a sign)
            elif (form != "frac" and c in "-−"
                  and not (start - 2 >= 0 and (t[start - 2].isalnum() and t[start - 2].isascii() or t[start - 2] in "%).-"))):
                neg, start = True, start - 1
            if neg and cur_unit is None and (named := _currency_before(t, start, floor, unit_text)):
                start, cur_unit = named  # 港幣-3.2億元, 新台幣負5.6億元: the currency word before the sign
        # (the common case, no qualifier word before the number, without a call)
        hit = _prefix_before(t, start, floor) if start > floor and (t[start - 1] in _PREFIX_LAST or t[start - 1] == " ") else None
        if hit is None and start > floor and t[start - 1] in _BOUND_NOUN_LAST:
            # 不超过每股200元, 减持不超过总股本的2%: a bound before the noun the figure is of
            for noun in _BOUND_NOUNS:
                if t.endswith(noun, floor, start):
                    h = _prefix_before(t, start - len(noun), floor)
                    if h is not None and h[1] in _BOUND_WORDS:
                        hit = h
                    break
    pre = None
    bare_scale = cn is not None and cn[0] in _SCALE_CHARS and not any(c in CN_DIGITS for c in cn)
    if hit is not None:
        pstart, pword = hit
        if pword not in _SCALE_ONLY_PREFIX or bare_scale or form in ("半", "半数"):
            pre, start = pword, pstart

    value2 = form2 = None
    if sep is not None:
        value2, form2 = _core_value(m, 2)
    elif loose is not None:
        value2, sep = loose[1], ""
    if fill == "来" and not (cn and cn[-1] in "十百千万亿" or ar and ar.endswith("0")):
        raise _Reject  # 二来 "secondly"; 来 means "about" only after a round number

    info = _U.get(unit_text.strip()) if unit_text else None
    u1 = _U.get(u1_text.strip()) if u1_text else None
    if (info is not None and sc and sc[-1] in "万亿" and unit_text in _PERIOD_ADJ
            and m.end("unit") < len(t) and t[m.end("unit")] in _PERIOD_ADJ_NEXT):
        # 1.72亿月活, 2亿年营收: 月/年 qualifies the metric (monthly actives, annual
        # revenue); the count ends at the scale.
        end = m.start("unit")
        info = unit_text = post = None

    if (form == "cn" and sep is None and cn in _WEEKDAYS and s0 > floor and unit_text
            and unit_text.strip() in _NOUN_UNITS and not (pre or fill or sc or neg)):
        # 周三会员日, 星期三用户: a weekday before a noun, not three members
        k = s0 - 1 if t[s0 - 1] == "周" else s0 - 2 if s0 - 2 >= floor and t[s0 - 2:s0] in ("星期", "礼拜") else s0
        if k < s0:
            return k, s0 + 1, None, "", "exact", "date"
    if form == "cn" and sep is None:
        single_digit = len(cn) == 1 and cn in CN_DIGITS
        if single_digit and cn in "一壹" and not sc and not fill and not pre and not neg:
            if (info is None or info[0] in COUNT_UNITS) and not (sub and unit_text == "块") and unit_text != "打":
                raise _Reject  # 一个, 一家: the article "a" (一块五 is a price, 一打 a dozen)
        if info is None and not pre and not fill and not sc and not cur_unit and not post and not neg and "点" not in cn:
            # (三点八, 负十七: a decimal or a sign makes a bare Chinese numeral a quantity)
            has_big = any(c in "百千万亿佰仟" for c in cn)
            has_digit = any(c in CN_DIGITS for c in cn)
            if not (has_big and (has_digit or len(cn) >= 2)):
                raise _Reject  # a bare 三 or 十 in prose is a word
        if bare_scale and len(cn) == 1 and cn != "十" and not pre and not fill and post not in ("多", "余", "级"):
            raise _Reject  # 千人, 百家: idiom unless qualified (近百家, 百余家)
        if bare_scale and not pre and start - 1 >= floor and t[start - 1] in "每/":
            raise _Reject  # 每百万tokens, 每千人, 0.8元/百万tokens: the denominator of a rate
        if bare_scale and not pre and (lm := _UNIT_LABEL_RE.search(t, max(floor, start - 10), start)) and (
                lm.group().startswith("单位") or t.startswith(")", end)):
            raise _Reject  # 单位：百万美元, （单位：人民币百万元）, （新台幣百萬元）: a table's unit, not a figure
        if len(cn) >= 2 and all(c in CN_DIGITS for c in cn):
            lo, hi = CN_DIGITS[cn[0]], CN_DIGITS[cn[1]]
            if len(cn) == 2 and unit_text and unit_text.strip() == "折" and (lo, hi) not in _LOOSE_PAIRS:
                pass  # 八五折, 九五折: 85 and 95 percent of the price, read digit by digit
            elif len(cn) == 2 and info is not None and 0 < lo < hi:
                value, value2, sep = float(lo), float(hi), ""  # 三五年, 两三家: a loose range
            else:
                raise _Reject  # 一二, 三三: not a count
    if form in ("一半", "半数"):
        if info is not None:
            end = m.start("unit")
        info = unit_text = None
        if post == "半":
            raise _Reject
    elif form == "半":
        if info is None or info[0] not in DURATION_UNITS or fill or sc:
            if pre in ("超过", "超", "过", "逾"):  # 过半, 逾半: more than half
                return start, m.end("half1"), 50.0, "percent", "at_least", "quantity"
            if pre in ("近", "将近", "接近", "逼近"):  # 近半: nearly half
                return start, m.end("half1"), 50.0, "percent", "approx", "quantity"
            raise _Reject
    elif form == "frac" and info is not None:
        # 三分之一的用户: the fraction is the figure; a noun after it is not its unit
        end = m.start("unit")
        info = unit_text = post = None

    unit = ""
    mult, add, uqual = 1, 0.0, None
    discount = False
    if info is not None:
        unit, mult, add, uqual = info
        ut = unit_text.strip()
    if info is not None and ut in _CHECKED_UNIT_WORDS:  # (most unit words need no check: one set lookup)
        if ut == "股" and form == "cn" and not sc and not any(c in "百千万亿" for c in cn):
            raise _Reject  # 两股力量: "two strands", not two shares
        if ut == "个点" and not _after_change_verb(t, start):
            unit, end, post = "units", m.start("unit") + unit_text.index("个") + 1, None  # 3个点位
        if ut == "大" and (form != "cn" or value >= 100):
            raise _Reject
        if ut == "月" and not (form == "cn" or pre):
            raise _Reject
        if ut == "块":
            ue = m.end("unit")
            if sub or ue == len(t) or t[ue] in _MONEY_AFTER_KUAI:
                unit = "CNY"  # 十块, 三块五毛, 十块多: money, as 块钱
        if ut == "折":
            discount = True
    if sub:
        # (港幣三元五毫: the coins are the currency named before the number, as its 元 is)
        coin_unit = cur_unit if cur_unit and unit == "CNY" and unit_text.strip() in ("元", "圆") else unit
        try:
            add += _coins(sub, coin_unit)
        except _Reject:  # coins of another currency, or none: the number ends before them
            end, post = m.end("unit") if unit_text else m.start("sub"), None
    if cur_unit:
        if unit == "CNY" and cur_unit != "CNY" and unit_text.strip() in ("元", "圆"):
            unit = cur_unit  # 港币20亿元: 元 is the yuan-unit word of the currency named before
        if unit and unit != cur_unit and not (cur_unit == DOLLAR and unit in DOLLAR_CURRENCIES):
            raise _Reject  # ($5美元, $5港元: the word after a bare $ says whose dollar)
        if unit and cur and ar and "," in ar and sep is None and m.start("ar1") + ar.index(",") in wide_commas:
            # $30，450美元: a sign and a currency word around digits split by a full-width comma
            # are two prices (¥1,299元, with an ASCII comma, stays one)
            first = ar.partition(",")[0]
            return start, m.start("ar1") + len(first), float(first), unit, _PREFIX[pre][0] if pre else "exact", "quantity"
        if not unit or cur_unit != DOLLAR:
            unit = cur_unit
    if form in ("frac", "一半", "半数"):
        unit = "percent"

    if form == "ar" and sep is None:
        if not (pre or fill or sc or cur_unit or neg):
            if (len(ar) == 2 and s0 - 1 >= floor and t[s0 - 1] in "'’"
                    and _PERIOD_LABEL_RE.search(t, max(0, s0 - 3), s0 - 1)):  # (the label may be a mention before)
                return s0 - 1, s0 + 2, None, "", "exact", "date"  # Q2'25, FY'25: the year of a period
            if unit == "shares" and s0 > floor and t[s0 - 1] == "每":
                raise _Reject  # 每10股派5元: "per ten shares", a dividend's denominator
        if (s0 > floor and (t[s0 - 1] in "图表注" or t[s0 - 1] == "(" and s0 - 2 >= floor and t[s0 - 2] in "图表注") and ar.isdigit() and len(ar) <= 3 and not (pre or fill or sc or cur_unit or neg)
                and (info is None or t.startswith("所示", m.start("unit")))):
            r = _label(t, s0, m.end("ar1"), floor)
            if r is not None:
                return r
        if unit == "years" and len(ar) == 4 and ar.isdigit() and not pre:
            return s0, m.end("unit"), None, "", "exact", "date"
        if post == "级" and not sc and not info:
            return start, end, value, "", "exact", "ordinal"  # 5级, 3级: a level, not a count
        bare = not pre and not fill and not sc and not cur_unit and not neg and not post
        if bare and s0 > 0 and (info is None or unit_text.strip() in _NOUN_UNITS):
            # a version or model number, also before a noun: iPhone 15用户, 小米14用户
            if s0 - 2 >= floor and t[s0 - 1] == " " and t[s0 - 2].isascii() and t[s0 - 2].isalpha():
                r = _after_word(t, s0, m.end("ar1"), ar, floor)
                if r is not None:
                    return r
            if t[s0 - 1] in _NAMES_LAST and t.endswith(_NAMES_BEFORE_VERSION, max(0, s0 - 4), s0) and len(ar) <= 5:
                return s0, m.end("ar1"), None, "", "exact", "identifier"  # 小米14, 通义千问2.5, 麒麟9000
        if bare and info is None:
            if len(ar) == 4 and ar.isdigit() and 1990 <= int(ar) <= 2039:
                return s0, m.end("ar1"), None, "", "exact", "date"  # 2025天猫…: a bare year
            r = _label_number(t, s0, m.end("ar1"), ar, floor)
            if r is not None:
                return r
            if len(ar) == 3 and ar[1:] == ".0" and t.startswith(("时代", "版"), m.end("ar1")):
                return s0, m.end("ar1"), None, "", "exact", "identifier"  # 2.0时代
            if len(ar) == 3 and ar[1:] == ".0" and s0 > 0:
                prev = t[s0 - 1]
                if prev.isalpha() and prev not in _VERB_BEFORE_VERSION:
                    return s0, m.end("ar1"), None, "", "exact", "identifier"  # 支小宝2.0

    if (sc is None and cur_unit and not unit_text and end < len(t) and t[end] in "mb"
            and not (end + 1 < len(t) and t[end + 1].isascii() and t[end + 1].isalpha())):
        sc, end = t[end], end + 1  # US$350m, HK$3.5m, $1.2b: after a currency sign m and b are scales
    scale = _scale_of(sc) if sc else 1
    sign = -1.0 if neg else 1.0

    # Qualifier: a word before, then a word after, then 多/余 inside the number.
    if pre:
        qual = _PREFIX[pre][0]
    elif post in _SUFFIX_QUAL:
        qual = _SUFFIX_QUAL[post]
        if post == "以下" and start - 2 >= floor and t[start - 2:start] in _FALL_TO:
            start -= 2  # 跌至100港元以下: the verb belongs to the bound
    elif fill:
        qual = "approx" if fill == "来" else "at_least"
    else:
        qual = uqual or "exact"
        if unit in _MONEY and end < len(t) and t[end] == "起" and not t.startswith(("起步", "起来", "起诉", "起火"), end):
            qual, end = "at_least", end + 1  # 售价4999元起: "from", the lowest price
    if post == "半":
        if unit in DURATION_UNITS:
            add += 0.5
        elif unit_text == "成":
            add += 5.0  # 两成半: 25 percent
        elif unit == "multiple" and unit_text.strip() == "倍" and float(value).is_integer():
            add += 0.5  # 一倍半: 1.5 times (a whole number of times and a half)
        else:
            end = m.start("post")
        if end == m.end("post"):
            # 三倍半左右, 三年半以上: a qualifier after the half is the number's (one
            # suffix per match in the pattern, so the second is read here)
            hm = _AFTER_HALF_RE.match(t, end)
            if hm is not None:
                end = hm.end()
                if not pre:
                    qual = _SUFFIX_QUAL[hm.group()]

    if sep is not None:
        # A range: what is written once applies to both ends (3-5亿, 30%-40%).
        if pm and sep == "":
            pm, start = False, s0  # (±二六成: the loose range alone)
        if sep == "":
            lo, hi = _times(value * scale, mult) + add, _times(value2 * scale, mult) + add
        else:
            sc2 = g("sc2")
            if sc and not sc2:
                raise _Reject
            if sc2 is not None and sc2 in "MB" and not (cur or g("cur2")):
                raise _Reject
            scale2 = _scale_of(sc2)
            if not sc:
                scale = scale2
            if u1 is not None and (info is None or u1[0] != info[0]):
                raise _Reject  # 增长34%至398亿元 is two figures
            if (form not in ("ar", "cn") or form2 not in ("ar", "cn")) and not (
                    # 百分之二十至三十, 百分之三至百分之五: a range of percentages
                    form == "frac" and t.startswith("百分之", s0) and g("unit") is None and g("sc2") is None and (
                        form2 in ("ar", "cn") or form2 == "frac" and t.startswith("百分之", m.start("frac2")))):
                raise _Reject
            if g("cur2") and cur and g("cur2") != cur:
                raise _Reject
            if pm:
                raise _Reject  # ±3%至5%: the ± is the first figure's
            neg2 = g("neg2") is not None
            if neg2 and not neg:
                raise _Reject  # 5%至-3%: a level, then another of the other sign (two figures)
            lo = sign * (_times(_exact_times(value, ar, scale), mult) + add)
            hi = (-1.0 if neg2 else 1.0) * (_times(_exact_times(value2, g("ar2"), scale2), mult) + add)
            if neg2 and hi < lo:
                lo, hi = hi, lo  # -3%至-5%: two falls written by their size, smaller first
        if discount:
            lo, hi = _discount(lo), _discount(hi)  # 七八折, 7-8折: 70 to 80 percent of the price
        if not lo < hi:
            raise _Reject
        if sep in "至到" and hi > 3 * lo > 0 and _after_change_verb(t, start):
            raise _Reject  # 减少52亿元至2,810亿元, 下降2%至28%: the change, then the new level (two figures)
        if g("fill2") and qual == "exact":
            qual = "at_least"
        kind = "duration" if unit in DURATION_UNITS and not _measured(t, start) else "range"
        return start, end, (float(lo), float(hi)), unit, qual, kind

    # (the calls only where they change something: most numbers have no scale or multiplier)
    x = value if scale == 1 else _exact_times(value, ar, scale)
    v = sign * ((x if mult == 1 else _times(x, mult)) + add)
    if discount:
        v = _discount(v)
    if pm and qual in ("exact", "approx") and not discount:
        return start, end, (-float(v), float(v)), unit, qual, "range"  # ±3%: from −3 to +3 percent
    if pm:
        start = s0  # (±十几, ±三折: no reading as plus or minus; the number alone)
    kind = "duration" if unit in DURATION_UNITS and not _measured(t, start) else "quantity"
    return start, end, float(v), unit, qual, kind


_MB_RE = re.compile(r"(\d+(?:\.\d+)?)([mb])(?![A-Za-z0-9])")
_CURRENCY_AFTER_RE = re.compile(_CURRENCY_AFTER)


def _scaled_money(t: str, s: int, e: int, floor: int):
    """``350m美元``, ``HKD 20m``: a number with m or b (million, billion) and a currency named
    after it or coded before it, as a quantity; else None (20m is a distance, 7b a model).

        >>> _scaled_money("350m美元", 0, 4, 0)
        (0, 6, 350000000.0, 'USD', 'exact', 'quantity')
        >>> _scaled_money("跑了20m", 2, 5, 0) is None
        True
    """
    mb = _MB_RE.fullmatch(t, s, e)
    if mb is None:
        return None
    start, end = s, e
    code = None
    after = _CURRENCY_AFTER_RE.match(t, e)
    if after is not None and after.group() != "蚊":
        code, end = _CURRENCY_NAMES[after.group()], after.end()
    else:
        k = s - 1 if s - 1 >= floor and t[s - 1] == " " else s
        if k - 3 >= floor and t[k - 3:k] in _CURRENCY_WORDS and not (k - 4 >= 0 and t[k - 4].isascii() and t[k - 4].isalpha()):
            code, start = _CURRENCY_PREFIX[t[k - 3:k]], k - 3
    if code is None:
        return None
    hit = _prefix_before(t, start, floor)
    qual = _PREFIX[hit[1]][0] if hit is not None else "exact"
    value = _exact_times(float(mb.group(1)), mb.group(1), 10**6 if mb.group(2) == "m" else 10**9)
    return (hit[0] if hit is not None else start), end, float(value), code, qual, "quantity"


def _bracketed(t: str, s: int, e: int, floor: int):
    """An accountant's negative, digits in brackets with money around them, else None.

    ``HK$(120)m``, ``$(1.5)``, ``(3,210)千港元``, ``（1.2）亿元``: the number is read with the
    currency and scale around the brackets, and its sign is minus. Without a currency sign
    before the bracket, the number needs a separator, a decimal point or three digits, and a
    money unit right after the bracket (``(1)万元以下`` is a list item).

        >>> _bracketed("净亏损(3,210)千港元", 4, 9, 0)
        (3, 13, -3210000.0, 'HKD', 'exact', 'quantity')
        >>> _bracketed("分为(1)万元以下", 3, 4, 0) is None
        True
    """
    k = s - 1  # the opening bracket
    j = k
    if j - 1 >= floor and t[j - 1] in "$¥€£₩":
        j -= 1
        for mark, _ in _DOLLAR_MARKS:
            if t[j] == "$" and j - len(mark) >= floor and t.startswith(mark, j - len(mark)):
                j -= len(mark)
                break
    elif j - 3 >= floor and t[j - 3:j] in _CURRENCY_WORDS:
        j -= 3  # RMB(3.5)亿
    digits = t[s:e]
    if j == k and not ("," in digits or "." in digits or len(digits) >= 3):
        return None
    if e + 1 < len(t) and (t[e + 1].isdigit() or t[e + 1] == " " and t[e + 2:e + 3].isdigit()):
        return None  # (1)10万元: a list mark before the next number
    # The same words without the brackets, read by the one number-phrase pattern.
    before = t[j:k]
    if before in _CURRENCY_WORDS:
        before += " "  # (RMB 3.5亿: letters right before the digits would make them a code)
    probe = before + digits + t[e + 1:e + 25]
    m1 = _NP_SINGLE.match(probe, next((i for i, c in enumerate(before) if c in "$¥€£₩"), len(before)))
    if m1 is None:
        return None
    try:
        r = _interpret_np(m1, probe, 0)
    except (_Reject, ValueError):
        return None
    rs, re_, v, unit, qual, kind = r
    inner = len(before) + len(digits)
    if kind != "quantity" or not (unit in _MONEY or unit == DOLLAR) or rs != 0 or not v > 0 or (re_ <= inner and j == k):
        return None
    return j, (e + 1 if re_ <= inner else e + 1 + re_ - inner), -v, unit, qual, kind


# Words before a telephone, hotline, fax or postal number, or a website's licence number: what
# follows is an identifier however it is spaced (联系电话：+86 10 6552 8888, 電話：2862 8555,
# 热线电话12315, 邮编：100080, 京ICP备12345678号).
_CONTACT_WORDS = ("电话", "热线", "手机", "手机号", "传真", "邮编", "客服", "致电", "拨打", "号码", "ICP备", "安备",
                  "专线", "联系方式", "Tel", "TEL", "tel")
_CONTACT_LAST = frozenset(w[-1] for w in _CONTACT_WORDS)
_CONTACT_BEFORE = _CONTACT_LAST | frozenset(": 为是+")
# (an extension after 转 or a hyphen is the number's: 021-6888 8888转8001, 010-12345678-801)
_CONTACT_RUN_RE = re.compile(r"\d+(?:[ \-]\d+)*(?:转\d{1,5})?号?")


def _contact(t: str, s: int, floor: int):
    """A contact or licence number whose digits start at ``s`` as an ``identifier``, else None.

        >>> _contact("电话:2862 8555", 3, 0), _contact("营收2862亿", 2, 0)
        ((3, 12, None, '', 'exact', 'identifier'), None)
    """
    k = s
    if k > floor and t[k - 1] == "+":
        k -= 1
    while k > floor and t[k - 1] in ": 为是":
        k -= 1
    if k <= floor or t[k - 1] not in _CONTACT_LAST or not t.endswith(_CONTACT_WORDS, max(floor, k - 4), k):
        return None
    run = _CONTACT_RUN_RE.match(t, s)
    if sum(map(str.isdigit, run.group())) < 5:
        return None  # (客服24小时, 拨打3次: too short for a number to dial; the shortest hotlines have five)
    return s if t[s - 1] != "+" else s - 1, run.end(), None, "", "exact", "identifier"


# Words that number a figure, a table or a note of the article itself (图1, 附表5, 注1), and the
# characters that may stand right before a one-character one (如图2, 见表3, 第3页图1): after
# another character it ends a word (代表3家, 关注3家, 发表3篇).
_LABEL_WORDS = ("图表", "附表", "附图", "附注", "脚注", "图", "表", "注")
_LABEL_BEFORE = frozenset("如见附及和与或、页上下参详据") | frozenset(_CLAUSE_MARKS) | frozenset(" \t\"'“”「」《》【】")
_LABEL_TAIL_RE = re.compile(r"(?:[-.－]\d{1,2})*(?![\d.%])")


def _label(t: str, s: int, e: int, floor: int):
    """A figure, table or note label (图1, 表2, 图3-1, 如图2所示, 附注(2)) as a ``reference``, else None.

        >>> _label("如图2所示", 2, 3, 0), _label("代表3家", 2, 3, 0), _label("见附注(2)", 4, 5, 0)
        ((1, 3, 2.0, '', 'exact', 'reference'), None, (1, 6, 2.0, '', 'exact', 'reference'))
    """
    bracket = s - 1 >= floor and t[s - 1] == "("  # 附注(2): the number in brackets after the word
    if bracket and not t.startswith(")", e):
        return None
    for w in _LABEL_WORDS:
        k = s - bracket - len(w)
        if k >= floor and t.startswith(w, k):
            if len(w) == 1 and k > floor and t[k - 1] not in _LABEL_BEFORE and not t[k - 1].isascii():
                continue
            if bracket:
                return k, e + 1, float(t[s:e]), "", "exact", "reference"
            tail = _LABEL_TAIL_RE.match(t, e)
            if tail is None:
                return None
            return k, tail.end(), float(t[s:e]) if tail.end() == e else None, "", "exact", "reference"
    return None


_NOT_FLOOR = ("楼盘", "楼市", "楼宇", "楼层", "楼房", "楼栋", "楼面")
_ADDRESS_AFTER_RE = re.compile(r"(?:\d{1,4}(?:号楼|[楼层室](?!\d))|[A-Z]?\d{1,4}室|[A-Z]座){1,3}")


def _label_number(t: str, s: int, e: int, ar: str, floor: int):
    """A bare number ``t[s:e]`` that labels rather than counts, as an identifier or reference, else None.

    A zero-padded number (海豹06, 007号, 01 市场格局) is a label; so is a street number
    (中山路99号, with the floor after it: 99号8楼) and a floor after a building (3号楼12层); a
    section number at the start of a line (3.1 收入情况) is a reference to the article's
    own section. A building or a metro line (3号楼12层, 2号线) is an identifier.

        >>> _label_number("海豹06销量", 2, 4, "06", 0)
        (2, 4, None, '', 'exact', 'identifier')
        >>> _label_number("中山路99号8楼", 3, 5, "99", 0)
        (3, 8, None, '', 'exact', 'identifier')
        >>> _label_number("\\n3.1 收入情况", 1, 4, "3.1", 0)
        (1, 4, None, '', 'exact', 'reference')
        >>> _label_number("营收99亿", 2, 4, "99", 0) is None
        True
    """
    if len(ar) >= 2 and ar[0] == "0" and ar[1].isdigit():
        return s, e, None, "", "exact", "identifier"
    if ar.isdigit():
        prev = t[s - 1] if s > floor else ""
        road = prev and (prev in _ROAD_LAST or prev in "东西南北中" and s - 2 >= floor and t[s - 2] in "路道街")
        if e < len(t) and t[e] == "号" and road:
            after = _ADDRESS_AFTER_RE.match(t, e + 1)
            return s, after.end() if after else e + 1, None, "", "exact", "identifier"
        if t.startswith(("号楼", "号线", "号馆"), e):
            return s, e + 2, None, "", "exact", "identifier"  # 3号楼, 2号线: a building, a metro line
        if prev and prev in "号座栋幢楼" and t.startswith(("楼", "层", "室"), e) and not t.startswith(("楼盘", "层次", "层面"), e):
            return s, e + 1, None, "", "exact", "identifier"
        if (len(ar) <= 3 and t.startswith("楼", e) and "\u4e00" <= prev <= "\u9fff" and prev not in "第前后共约近超逾"
                and not t.startswith(_NOT_FLOOR, e)):
            after = _ADDRESS_AFTER_RE.match(t, e + 1)  # (中環廣場35樓3501室: the room with its floor)
            return s, after.end() if after else e + 1, None, "", "exact", "identifier"  # a floor after a building's name
        return None
    if ar.count(".") == 1 and len(ar) <= 5 and e + 1 < len(t) and t[e] in " \t\u3000" and not t[e + 1].isdigit():
        k = s
        while k > 0 and t[k - 1] in " \t\u3000":
            k -= 1
        if k == 0 or t[k - 1] == "\n":
            return s, e, None, "", "exact", "reference"
    return None


def _after_change_verb(t: str, start: int) -> bool:
    """True when a change verb (提升, 下降了 …) ends right before ``start``.

        >>> _after_change_verb("毛利率提升了3个点", 6), _after_change_verb("设了3个点", 3)
        (True, False)
    """
    w = t[max(0, start - 3):start]
    if w.endswith("了"):
        w = w[:-1]
    return w[-2:] in _CHANGE_VERBS


def _measured(t: str, start: int) -> bool:
    """True when a measurement word (时长, 使用天数, 停留时间 …) precedes ``start`` in its clause.

    A usage time (``人均单日使用时长为28.6分钟``) is a business figure; a span of time
    (``7天无理由``, ``三到五年``) is not.

        >>> _measured("日均使用时长105分钟", 6), _measured("等了105分钟", 3)
        (True, False)
    """
    return _MEASURE_RE.search(t, max(0, start - _MEASURE_WINDOW), start) is not None


def _interpret_special(m: re.Match, t: str):
    if m.group("nji") is not None:  # 連續3季: a count of quarters; 近三季, 接近三季: about that many
        hit = _prefix_before(t, m.start(), 0)
        if hit is not None and _PREFIX[hit[1]][0] == "approx":
            return hit[0], m.end(), _parse_cached(m.group("nji")), "quarters", "approx", "duration"
        return m.start(), m.end(), _parse_cached(m.group("nji")), "quarters", "exact", "duration"
    if m.group("nsc") is not None:  # 数以亿计: "counted in hundreds of millions"
        return m.start() - 2, m.end(), float(_scale_of(m.group("nsc"))), "", "at_least", "quantity"
    if m.group("ndig") is not None:
        d = m.group("ndig")
        end = m.end("ndig") + 2
        unit = "percent" if m.group("ngrow") else ""
        if d in ("一", "1"):  # 一位数: single digits, 9 at most (as 两位数 is 10 at least)
            return m.start(), end, 9.0, unit, "at_most", "quantity"
        n = 2 if d == "双" else int(_parse_cached(d))  # 双位数: double digits
        if n < 2 or n > 20:
            raise _Reject
        return m.start(), end, float(10 ** (n - 1)), unit, "at_least", "quantity"
    if m.group("bei") is not None:  # 增長逾倍: more than doubled; 近倍: nearly
        start = m.start() - 1
        return start, m.end(), 1.0, "multiple", "at_least" if t[start] == "逾" else "approx", "quantity"
    s = m.group("dbl")
    if s.endswith("番"):
        k = s[:-1].lstrip("翻了")
        value = float(2 ** (int(_parse_cached(k)) if k else 1))
    elif s[:-1].lstrip("翻了") in ("", "一"):
        value = 2.0
    else:
        raise _Reject  # 翻两倍 is used for both ×2 and ×3
    return m.start(), m.end(), value, "multiple", "exact", "quantity"


def _interpret_lettered(m: re.Match, t: str, floor: int):
    """Digits glued to letters before them: an identifier, a period label, a list mark, a rank."""
    s = m.start()
    k = s
    if k - 1 >= floor and t[k - 1] in "-.":
        k -= 1
    j = k
    while j - 1 >= floor and (t[j - 1].isascii() and (t[j - 1].isalpha() or t[j - 1] == "_")):
        j -= 1
    letters = t[j:k]
    digits = t[s:m.end()]
    low = letters.lower()
    if letters in ("Q", "H") and len(digits) == 1 and digits in "1234":
        return j, m.end(), None, "", "exact", "date"
    if low == "fy" and digits.isdigit():
        return j, m.end(), None, "", "exact", "date"
    if low in ("part", "chapter", "step") and digits.isdigit():
        return j, m.end(), float(digits), "", "exact", "list_number"
    if low in ("top", "no") and digits.isdigit():
        return j, m.end(), float(digits), "", "exact", "ordinal"
    if letters.upper() in _PREFIX_CODES and k == s:
        # Read the number on its own (the core refuses to start right after a letter).
        code = _CURRENCY_PREFIX.get(letters.upper(), "CNY")
        # (after a code spelt as a currency word, with a space, so that what follows the number
        # is read as after a currency: RMB350m, USD1.2bn are millions and billions)
        word = letters.upper() + " " if letters.upper() in _CURRENCY_WORDS else ""
        sub = word + t[s:s + 64]
        m1 = _NP_SINGLE.match(sub, len(word))
        if m1 is not None:
            r = _interpret_np(m1, sub, 0)
            if r[0] in (0, len(word)) and r[3] in ("", code) and r[5] == "quantity":
                return j, s + r[1] - len(word), r[2], code, r[4], r[5]
    return j, m.end(), None, "", "exact", "identifier"


def _urls(t: str) -> list[tuple[int, int, None]]:
    """``_URL_RE.finditer(t)`` as claims, trying the pattern only where a URL can start.

    Every URL match begins with ``http://``, ``https://`` (either all lower or all
    upper case) or ``www.``, so the literals ``://`` and ``www.`` (found by ``str.find``)
    give all possible starts; trying them left to right and skipping those inside
    an earlier match yields exactly finditer's non-overlapping matches.
    """
    starts = set()
    i = t.find("://")
    while i != -1:
        starts.update(j for j in (i - 4, i - 5) if j >= 0)
        i = t.find("://", i + 3)
    i = t.find("www.")
    while i != -1:
        starts.add(i)
        i = t.find("www.", i + 1)
    out = []
    last = 0
    match = _URL_RE.match
    for j in sorted(starts):
        if j < last:
            continue
        m = match(t, j)
        if m is not None:
            out.append((j, m.end(), None))
            last = m.end()
    return out


# Unit words whose reading depends on the number or the context (checked in _interpret_np).
_CHECKED_UNIT_WORDS = frozenset({"股", "个点", "大", "月", "块", "折"})
# Any character a master-pattern match can start with (the pattern's own gate).
_GATE_RE = re.compile(f"[{_GATE}]")

_LST_SPAN = methodcaller("span", "lst")
# Words found with str.find before the master pass: digit counts, and the halved price.
_PREPASS_WORDS = ("个位数", "对折", "半价")
_LST_STRIP = methodcaller("strip", ".、()")


def _list_claims(t: str, lists: list[re.Match]) -> list[tuple[int, int, tuple]]:
    """The list-number claims of the list-mark matches ``lists`` (in order)."""
    # Column-wise in C-level map() calls: an article can hold thousands of list lines.
    spans = list(map(_LST_SPAN, lists))
    ls, le = [s for s, _ in spans], [e for _, e in spans]
    vals = list(map(_list_value, map(_LST_STRIP, map(t.__getitem__, map(slice, ls, le)))))
    if None in vals:
        # 一二十、 or (三五十) is not one numeral: not a list mark; the master pass reads it
        keep = [v is not None for v in vals]
        ls, le, vals = [x for x, k in zip(ls, keep) if k], [x for x, k in zip(le, keep) if k], [v for v in vals if v is not None]
    return list(zip(ls, le, zip(ls, le, vals, repeat(""), repeat("exact"), repeat("list_number"))))


_CLAIM_START, _CLAIM_END = itemgetter(0), itemgetter(1)


def _prepass(t: str) -> list[tuple[int, int, tuple | None]]:
    """Spans claimed before the master pass: URLs, e-mails, domains (no mention) and line-initial list numbers."""
    claims = []
    if "://" in t or "www." in t:
        claims += _urls(t)
    if "@" in t:
        claims += [(m.start(), m.end(), None) for m in _EMAIL_RE.finditer(t)]
    # (one search for the pattern's literal "." finds whether there is any: cheaper than
    # testing each ending with `in`; finditer then starts at the first)
    first = _TLD_RE.search(t)
    if first is not None:
        for m in _TLD_RE.finditer(t, first.start()):
            j = m.start()
            while j > 0 and t[j - 1] in _HOST_CHARS:
                j -= 1
            if j < m.start() and t[j] != "." and (j == 0 or t[j - 1] not in "@/"):
                claims.append((j, m.end(), None))
    lists = []
    m0 = _FIRST_LIST_RE.match(t)
    if m0 is not None:
        lists.append(m0)
    if "\n" in t:
        lists += _LINE_LIST_RE.finditer(t)
    if not lists:
        list_claims = []  # (a sentence or a line: no list marks, and none of the column work below)
    else:
        list_claims = _list_claims(t, lists)
    words = [w for w in _PREPASS_WORDS if w in t]
    if not claims and not words:
        return list_claims  # in order and disjoint already: one per line, after the line break
    claims += list_claims
    for w in words:
        if w == "个位数":
            continue
        i = t.find(w)
        while i != -1:
            claims.append((i, i + 2, (i, i + 2, 50.0, "percent", "exact", "quantity")))  # 对折, 半价: half the price
            i = t.find(w, i + 2)
    if "个位数" in words:
        i = t.find("个位数")
        while i != -1:
            grow = _GROWTH_AFTER_RE.match(t, i + 3, i + 6)
            claims.append((i, i + 3, (i, i + 3, 9.0, "percent" if grow else "", "at_most", "quantity")))
            i = t.find("个位数", i + 3)
    if not claims:
        return claims
    # by start, the longest first where two start together (two stable C-keyed sorts)
    claims.sort(key=_CLAIM_END, reverse=True)
    claims.sort(key=_CLAIM_START)
    merged = []
    last = -1
    for c in claims:
        if c[0] >= last:
            merged.append(c)
            last = c[1]
    return merged


def _scan_normalized(t: str, wide_commas: frozenset = frozenset()) -> list[tuple[int, int, object, str, str, str]]:
    """Scan normalised text; return (start, end, value, unit, qualifier, kind) tuples in order.

    ``wide_commas``: positions in ``t`` of commas the original writes full-width (，), which
    the text layer makes ASCII; only a list of prices (``$30，450美元``) reads them.
    """
    out = []
    claims = _prepass(t)
    claims.append((len(t), len(t), None))
    pos = 0
    for cs, ce, payload in claims:
        _scan_gap(t, pos, cs, out, wide_commas)
        if payload is not None:
            out.append(payload)
        if ce > pos:
            pos = ce
    return out


def _np_shorter(m: re.Match, t: str, floor: int, endpos: int):
    """(match, reading) of a shorter number phrase where the master's whole phrase ``m`` reads as none.

    Not a range (3-5 where the ends do not pair): the first end alone. Digits after a
    place value that do not fill its places (4万30, 12万34567人): the number up to the
    place value, and the digits are read on their own after it. ``(None, None)`` when
    neither reads.
    """
    s = m.start()
    if m.group("sep") is not None:
        m1 = _NP_SINGLE.match(t, s, endpos)
        if m1 is not None and m1.end() <= m.start("sep"):
            try:
                return m1, _interpret_np(m1, t, floor)
            except (_Reject, ValueError):
                pass
    if m.group("rest1") is not None:
        m1 = _NP_NOREST.match(t, s, endpos)
        if m1 is not None:
            try:
                return m1, _interpret_np(m1, t, floor)
            except (_Reject, ValueError):
                pass
    return None, None


def _scan_gap(t: str, pos: int, endpos: int, out: list, wide_commas: frozenset = frozenset()) -> None:
    """Run the master pattern over ``t[pos:endpos]``, appending results to ``out``."""
    finditer = _MASTER.finditer
    append = out.append
    floor = pos  # nothing may reach back before the previous mention
    # One iterator while each search goes on where the last match ended (most matches):
    # finditer costs less per match than a search call. Where the reading moves the
    # position elsewhere (a rejected match, a mention that ends elsewhere), a new one
    # starts there, which is what a search from that position would find.
    while pos < endpos:
        for m in finditer(t, pos, endpos):
            kind = m.lastgroup
            s, e = m.span()
            pos = e if e > s else s + 1
            try:
                if kind == "k_np":
                    try:
                        r = _interpret_np(m, t, floor, wide_commas)
                    except (_Reject, ValueError):
                        m1, r = _np_shorter(m, t, floor, endpos)
                        if m1 is None:
                            pos = s + 1
                            break
                        pos = m1.end()
                elif kind == "k_skip":  # a word, not a number (tested early: the third most frequent kind)
                    floor = e
                    if pos == e:
                        continue
                    break
                elif kind == "k_date" or kind == "k_cdate":
                    ds = s
                    if t.startswith("半年", s) and s > floor and t[s - 1] in "上下":
                        ds = s - 1
                    elif t.startswith("季", s + 1) and s > floor and t[s - 1] in "前首":
                        ds = s - 1
                    elif s - 2 >= floor and t[s - 1] == "(" and t[s - 2] in "今昨明":
                        ds = s - 2  # 今(12)日
                    r = (ds, e, None, "", "exact", "date")
                elif kind == "k_time":
                    ts = s
                    if s - 2 >= floor and t[s - 2:s] in _TIME_PREFIX:
                        ts = s - 2
                    elif s - 3 >= floor and t[s - 1] == " " and t[s - 3:s - 1] in _TIME_PREFIX:
                        ts = s - 3
                    elif s - 1 >= floor and t[s - 1] in "晚早":
                        ts = s - 1  # 晚8点
                    r = (ts, e, None, "", "exact", "time")
                elif kind == "k_ident":
                    r = _scaled_money(t, s, e, floor) if t[e - 1] in "mb" else None
                    if r is None and s > floor and t[s - 1] in _CONTACT_BEFORE:
                        r = _contact(t, s, floor)  # 客服專線：0800-123-456: the whole number to dial
                        if r is not None and r[1] < e:
                            r = None
                    if r is None:
                        if s > floor and t[s - 1] == "(" and ")" in t[s:e]:
                            s -= 1  # (852) 2862 8555
                        r = (s, e, None, "", "exact", "identifier")
                elif kind == "k_letter":
                    r = _interpret_lettered(m, t, floor)
                elif kind == "k_ref":
                    nums = _DIGIT_RUN.findall(t, s, e)
                    r = (s, e, float(nums[0]) if len(nums) == 1 else None, "", "exact", "reference")
                elif kind == "k_ord":
                    os_ = s - 1 if s > floor and t[s - 1] == "前" and t[s] not in "第首" else s
                    mark = t[s:e]
                    v = 1.0 if mark == "首" else _parse_cached(_NON_DIGIT_ORD.sub("", mark).strip() or "0")
                    r = (os_, e, v, "", "exact", "ordinal")
                elif kind == "k_special":
                    r = _interpret_special(m, t)
                elif kind == "k_list":
                    r = (s, e, float(t[s:e - 1]), "", "exact", "list_number")
                else:  # k_circled
                    r = (s, e, float(ord(t[s]) - ord("①") + 1), "", "exact", "list_number")
            except (_Reject, ValueError, ArithmeticError, KeyError, IndexError, OverflowError):
                pos = s + 1
                break
            if r[0] >= floor and r[1] > r[0]:
                append(r)
                floor = pos = r[1]  # go on right after the mention ($30，450美元: the second price)
            if pos != e:
                break
        else:
            return


def scan(text: str) -> list[Mention]:
    """Every number in ``text`` as a :class:`Mention`, sorted by start, non-overlapping.

    Offsets index the string given; ``m.text == text[m.start:m.end]`` always holds.
    Never raises on a ``str`` (any Unicode).

    Example::

        >>> [(m.text, m.kind) for m in scan("2024年研发投入高达211.9亿元，近百家医院")]
        [('2024年', 'date'), ('211.9亿元', 'quantity'), ('近百家', 'quantity')]
    """
    if not isinstance(text, str):
        raise TypeError(f"scan() takes a str, not {type(text).__name__}")
    return _scan(text)


def _scan(text: str) -> list[Mention]:
    layer = _normalize(text)
    if _GATE_RE.search(layer.normalized) is None and not any(w in layer.normalized for w in _PREPASS_WORDS):
        return []  # no character a number can start with (a heading, a line of prose): nothing to read
    return _mentions_of(text, layer, _scan_normalized(layer.normalized, _wide_commas_of(text, layer)))


def _mentions_of(text: str, layer, found: list) -> list[Mention]:
    """The mentions of ``text`` from the readings ``found`` on its normalised ``layer``: offsets mapped back."""
    if not found:
        return []
    # Column-wise from here on: mapping, slicing and construction run in C-level
    # map() calls rather than one Python iteration per mention.
    starts, ends, values, units, quals, kinds = zip(*found)
    if not all(map(gt, ends, starts)):  # (no reading is empty today; one that were is dropped)
        found = [r for r in found if r[1] > r[0]]
        if not found:
            return []
        starts, ends, values, units, quals, kinds = zip(*found)
    ostarts, oends = layer._to_original_columns(starts, ends)
    if all(map(gt, oends, ostarts)) and all(map(ge, ostarts[1:], oends)):
        texts = map(text.__getitem__, map(slice, ostarts, oends))
        return _mentions(len(found), (texts, ostarts, oends, values, units, quals, kinds))
    # A table that expands characters makes a segment atomic, and two mentions
    # mapped into one can overlap: keep the first, as the loop below does.
    spans = zip(ostarts, oends)
    mentions = []
    append = mentions.append
    last_end = 0
    for (os_, oe), (_, _, value, unit, qual, kind) in zip(spans, found):
        if os_ < last_end or oe <= os_:
            continue
        append(Mention(text[os_:oe], os_, oe, value, unit, qual, kind))
        last_end = oe
    return mentions


def _naming_words() -> dict[str, frozenset[str]]:
    # A currency's names after a number and its marks before one, from the scanner's own
    # tables. The yuan's bare unit words (元, 圆, 块钱) name no currency of their own, and a
    # single Chinese character (円, 蚊) stands inside other words (蚊子), so neither counts.
    words: dict[str, set[str]] = {}
    for w, code in [*_CURRENCY_NAMES.items(), *_CURRENCY_PREFIX.items()]:
        if code != DOLLAR and w != "块钱" and not (len(w) == 1 and "\u4e00" <= w <= "\u9fff"):
            words.setdefault(code, set()).add(w)
    return {code: frozenset(ws) for code, ws in words.items()}


#: ISO code → the words and marks that name that currency in normalised text (人民币, RMB, ¥;
#: 新台币, NT$; 港元, HK$ …), not its unit alone.
CURRENCY_WORDS = _naming_words()


def named_currencies(text: str) -> dict[str, str]:
    """ISO code → the longest word or mark by which ``text`` (either script) names that currency.

    A bare 元 names none (it is the unit of four currencies).

    Example::

        >>> named_currencies("營收達新台幣152億元，淨利8億元"), named_currencies("净利8亿元")
        ({'TWD': '新台币'}, {})
    """
    t = _normalize(text).normalized
    found = {code: max((w for w in words if w in t), key=len, default=None) for code, words in CURRENCY_WORDS.items()}
    return {code: w for code, w in found.items() if w is not None}


def bare_yuan(m: Mention) -> bool:
    """True when ``m`` reads CNY only because its text writes 元 (圓, 块), the renminbi's unit.

    元 is also the unit of the New Taiwan, Hong Kong and Macau dollars in their own
    writing (a Taiwan article's 營收500億元 is TWD); the scanner reads the mainland's,
    and the engine lets a figure declare another with ``unit_implied=True``.

    Example::

        >>> [bare_yuan(m) for m in scan("营收500亿元，人民币3亿元，净利2億圓")]
        [True, False, True]
    """
    return m.unit == "CNY" and "CNY" not in named_currencies(m.text)


_WIDE_COMMA_RE = re.compile(r"，(?<=\d，)(?=\d)")  # starts with the literal: a fast search


_NO_COMMAS: frozenset = frozenset()


def _wide_commas(text: str) -> list[int]:
    """Offsets of full-width commas between digits (where a thousands separator could be)."""
    return [m.start() for m in _WIDE_COMMA_RE.finditer(text)]


def _wide_commas_of(text: str, layer) -> frozenset:
    """The positions in ``layer``'s normalised text of the full-width commas ``text`` writes between digits."""
    if "，" not in text:
        return _NO_COMMAS
    return frozenset(layer.to_normalized(i, i + 1)[0] for i in _wide_commas(text))


