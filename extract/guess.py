"""First guesses for a drafted claim: metric, entity and period from the words around a number.

Used by ``python -m extract new`` (:mod:`extract.draft`) to pre-fill the claims a
person then reviews. Every guess is only a starting point: the draft marks each
claim ``reviewed=False`` and the build refuses it until a person has checked it.

Matching runs on the normalised text (:mod:`extract.textlayer`), so
traditional-script articles (營收, 月活躍用戶) hit the simplified cue words and aliases.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> g = Guesser(load_entities(), load_metrics())
    >>> g.metric("支付宝月活跃用户达到9亿", 8, "")
    'mau'
    >>> g.entity("支付宝月活跃用户达到9亿", 8)
    'alipay'
"""
from __future__ import annotations

import re
from datetime import date

#: Cue word → metric. Longer cues are tried first where they overlap (月活跃用户 before 月活).
METRIC_CUES: dict[str, str] = {
    "月活跃用户": "mau", "月活用户": "mau", "月活": "mau", "MAU": "mau",
    "日活跃用户": "dau", "日活用户": "dau", "日活": "dau", "DAU": "dau",
    "周活跃用户": "wau", "周活用户": "wau", "周活": "wau", "WAU": "wau",
    "市场份额": "market_share", "市场占有率": "market_share", "占有率": "market_share", "市占率": "market_share", "占比": "market_share", "份额": "market_share",
    "研发投入": "rd_spend", "研发支出": "rd_spend", "研发费用": "rd_spend",
    "资本开支": "capex", "资本支出": "capex",
    "营业收入": "revenue", "营收": "revenue", "收入": "revenue",
    "GMV": "gmv", "成交额": "gmv", "交易额": "gmv", "交易规模": "gmv",
    "净利润": "net_profit", "经营利润": "operating_profit",
    "医院": "hospitals", "商家": "merchants", "员工": "employees",
    "用户": "users",
}
#: Words saying the number is a change of the base metric, not its level.
GROWTH_CUES = ("同比增长", "环比增长", "增长", "增速", "增幅", "上涨", "提升")
DECLINE_CUES = ("同比下降", "环比下降", "下降", "下滑", "减少", "跌")
#: Relative period words tried when the sentence has no date (longest first).
PERIOD_WORDS = ("截至目前", "至今", "目前", "上半年", "今年", "去年", "前年")
_CLAUSE_STOPS = "，,；;。！？!?\n"
_CUE_RE = re.compile("|".join(re.escape(c) for c in sorted(METRIC_CUES, key=len, reverse=True)), re.I)
_GROWTH_RE = re.compile("|".join(map(re.escape, GROWTH_CUES + DECLINE_CUES)))


class Guesser:
    """Guesses metric, entity and period from a sentence; see the module example.

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> g = Guesser(load_entities(), load_metrics())
        >>> g.metric("阿里巴巴营收同比增长12.5%", 11, "percent"), g.entity("阿里巴巴营收同比增长12.5%", 11)
        ('revenue_growth', 'alibaba_group')
    """

    def __init__(self, entities: dict, metrics: dict):
        self.entities = entities
        self.metrics = metrics
        names: dict[str, str] = {}
        for e in entities.values():
            for name in (e.name_zh, e.name_en, *e.aliases):
                # One-character names (the 阿 of nothing) would match everywhere.
                if name and len(name) >= 2:
                    names.setdefault(name.casefold(), e.entity_id)
        self._names = names
        self._name_re = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                                   re.I) if names else None

    # -- metric ------------------------------------------------------------
    def metric(self, sentence: str, at: int, unit: str) -> str | None:
        """The metric for the number at ``sentence[at:]``, or None when no cue fits its unit.

        The nearest cue before the number in the sentence wins; then the first cue
        after it in the same clause (``3.2亿月活跃用户``). A growth or decline word
        between cue and number turns ``revenue`` into ``revenue_growth``.

        Example::

            >>> g = Guesser(load_entities(), load_metrics())  # doctest: +SKIP
            >>> g.metric("豆包月活跃用户达3.2亿", 9, "")  # doctest: +SKIP
            'mau'
        """
        before = [(m.end(), m) for m in _CUE_RE.finditer(sentence, 0, at)]
        for _, m in sorted(before, key=lambda t: (-t[0], -len(t[1].group()))):
            found = self._fit(METRIC_CUES[_cue_key(m.group())], sentence[m.end():at], unit)
            if found:
                return found
        clause_end = next((i for i in range(at, len(sentence)) if sentence[i] in _CLAUSE_STOPS), len(sentence))
        for m in _CUE_RE.finditer(sentence, at, clause_end):
            found = self._fit(METRIC_CUES[_cue_key(m.group())], "", unit)
            if found:
                return found
        return None

    def _fit(self, base: str, between: str, unit: str) -> str | None:
        change = _GROWTH_RE.search(between)
        candidates = []
        if change and unit in ("percent", "percentage_points", "multiple", "times", ""):
            # One metric whichever way the change goes (a fall is declared with direction="fall").
            candidates.append(base + "_growth")
            if base == "users":
                candidates += ["user_growth", "user_change"]
        candidates.append(base)
        for metric_id in candidates:
            metric = self.metrics.get(metric_id)
            if metric is not None and (unit == "" or unit in metric.allowed_units):
                return metric_id
        return None

    # -- entity ------------------------------------------------------------
    def entity(self, sentence: str, at: int) -> str | None:
        """The entity named nearest before ``sentence[at:]`` in the sentence; else the first one
        named after the number in its own clause; else None (the draft then says ``TODO``).

        Nothing is carried over from earlier sentences: in an article that has just named
        an app, ``本文共1500字`` or ``20元优惠券`` is not that app's figure, and a wrong
        guess is harder to spot in review than an honest ``TODO``.

        Example::

            >>> g = Guesser(load_entities(), load_metrics())  # doctest: +SKIP
            >>> g.entity("阿里巴巴研发投入超过200亿元，营收同比增长12.5%", 23)  # doctest: +SKIP
            'alibaba_group'
            >>> g.entity("本文共1500字", 3) is None  # doctest: +SKIP
            True
        """
        if self._name_re is None:
            return None
        hits = list(self._name_re.finditer(sentence, 0, at))
        if hits:
            return self._names[max(hits, key=lambda m: (m.end(), len(m.group()))).group().casefold()]
        clause_end = next((i for i in range(at, len(sentence)) if sentence[i] in _CLAUSE_STOPS), len(sentence))
        after = self._name_re.search(sentence, at, clause_end)
        return self._names[after.group().casefold()] if after else None

    # -- period ------------------------------------------------------------
    def period(self, sentence: str, at: int, dates: list[str], published: date,
               fiscal_year_end: str = "12-31") -> str:
        """A period expression that resolves: the nearest date mention before the number
        (``dates`` in sentence order, as (text, offset) pairs), a relative word, else ``至今``.

        Example::

            >>> g = Guesser(load_entities(), load_metrics())  # doctest: +SKIP
            >>> g.period("2026年2月豆包月活跃用户达3.2亿", 16, [("2026年2月", 0)], date(2026, 3, 5))  # doctest: +SKIP
            '2026年2月'
        """
        from extract.periods import PeriodError, resolve_period

        def ok(expr: str) -> bool:
            try:
                resolve_period(expr, published, fiscal_year_end)
            except (PeriodError, ValueError):
                return False
            return True

        for text, offset in sorted(dates, key=lambda d: (d[1] > at, abs(at - d[1]))):
            if ok(text):
                return text
        for word in PERIOD_WORDS:
            if word in sentence and ok(word):
                return word
        return "至今"


def _cue_key(found: str) -> str:
    for cue in METRIC_CUES:
        if cue.casefold() == found.casefold():
            return cue
    raise KeyError(found)
