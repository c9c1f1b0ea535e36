"""First guesses for a drafted claim: the metric from the cue words around a number.

Used by ``python -m extract new`` (:mod:`extract.draft`) to pre-fill the claims a
person then reviews; the entity and the period come from the article's context
(:mod:`extract.context`). Every guess is only a starting point: the draft marks each
claim ``reviewed=False`` and the build refuses it until a person has checked it.

Matching runs on the normalised text (:mod:`extract.textlayer`), so traditional-script
and Hong Kong usage (營收, 月活躍用戶, 純利, 經營溢利, 按年) hits the same cue words.
A cue whose metric the registry lacks (毛利, 回购, 自由现金流) gives a *proposed*
metric: :data:`PROPOSED_METRICS` holds the entry the draft writes to
``data/metrics.toml``, marked ``unreviewed = true``.

Example::

    >>> from extract.registry import load_entities, load_metrics
    >>> g = Guesser(load_entities(), load_metrics())
    >>> g.metric("支付宝月活跃用户达到9亿", 8, "")
    'mau'
    >>> g.metric("期内净收入为279亿元,按年增9.4%", 16, "percent")
    'revenue_growth'
    >>> g.metric("期内毛利为180亿元", 5, "CNY"), "gross_profit" in g.proposals
    ('gross_profit', True)
"""
from __future__ import annotations

import re

from ai_consumer_metrics.vocabulary import CURRENCIES

#: Cue word (normalised: simplified script) → metric. Longer cues are tried first where
#: they overlap (月活跃用户 before 月活, 经营溢利 before 溢利, 毛利率 before 毛利).
METRIC_CUES: dict[str, str] = {
    # users
    "月活跃用户": "mau", "月活用户": "mau", "月活": "mau", "MAU": "mau", "月均活跃用户": "mau", "月均活跃": "mau",
    "月度活跃用户": "mau",
    "日活跃用户": "dau", "日活用户": "dau", "日活": "dau", "DAU": "dau", "日均活跃用户": "dau",
    "周活跃用户": "wau", "周活用户": "wau", "周活": "wau", "WAU": "wau",
    "去重用户": "users", "用户规模": "users", "用户数": "users", "用户量": "users", "注册用户": "users",
    "用户": "users",
    "付费用户": "paying_users", "付费会员": "paying_users", "VIP会员": "paying_users", "会员数": "users",
    "会员规模": "users",
    "下载量": "downloads", "下载次数": "downloads",
    # money
    "营业收入": "revenue", "营收": "revenue", "合并营收": "revenue", "营收": "revenue", "总收入": "revenue", "净收入": "revenue", "总营收": "revenue",
    "收入": "revenue", "收益": "revenue",
    "净利润": "net_profit", "净利": "net_profit", "纯利": "net_profit", "盈利": "net_profit", "溢利": "net_profit",
    "税后净利": "net_profit", "股东应占溢利": "net_profit", "股东应占利润": "net_profit",
    "经调整盈利": "adjusted_net_profit", "存托股盈利": "eps", "经调整净利润": "adjusted_net_profit", "经调整净利": "adjusted_net_profit", "经调整纯利": "adjusted_net_profit",
    "经调整溢利": "adjusted_net_profit", "调整后净利润": "adjusted_net_profit",
    "经营亏损": "operating_loss", "营业亏损": "operating_loss",
    "亏损": "net_loss", "净亏损": "net_loss", "亏损额": "net_loss",
    "营业利益": "operating_profit", "每股盈利": "eps", "每股收益": "eps", "每股盈余": "eps", "EPS": "eps",
    "经营利润": "operating_profit", "经营溢利": "operating_profit", "营业利润": "operating_profit",
    "毛利": "gross_profit", "毛利率": "gross_margin",
    "资本开支": "capex", "资本支出": "capex",
    "研发投入": "rd_spend", "研发支出": "rd_spend", "研发费用": "rd_spend", "研发开支": "rd_spend", "研发": "rd_spend",
    "GMV": "gmv", "成交额": "gmv", "交易额": "gmv", "交易规模": "gmv", "销售额": "gmv", "成交总额": "gmv",
    "商品交易总额": "gmv", "销售总额": "gmv",
    "市场份额": "market_share", "市场占有率": "market_share", "占有率": "market_share", "市占率": "market_share",
    "份额": "market_share",
    "占比": "proportion", "渗透率": "penetration_rate",
    "回购": "buyback", "股份回购": "buyback",
    "自由现金流": "free_cash_flow",
    "市场规模": "market_size", "估值": "valuation",
    "医院": "hospitals", "商家": "merchants", "员工": "employees",
}
#: Entries the draft proposes for ``data/metrics.toml`` when a cue names a metric the
#: registry lacks: (name, description, allowed_units, table).
PROPOSED_METRICS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "paying_users": ("Paying users", "Users paying for a subscription or membership.", ("persons",), "user_metrics"),
    "downloads": ("Downloads", "App downloads in the period.", ("units", "person_times"), "user_metrics"),
    "adjusted_net_profit": ("Adjusted net profit", "Net profit on the company's adjusted (non-GAAP/non-IFRS) basis.",
                            ("CNY", "USD", "HKD"), "financials"),
    "net_loss": ("Net loss", "Loss for the period, as a positive amount.", ("CNY", "USD", "HKD"), "financials"),
    "operating_loss": ("Operating loss", "Loss from operations for the period, as a positive amount.",
                       ("CNY", "USD", "HKD"), "financials"),
    "gross_profit": ("Gross profit", "Revenue less cost of revenue.", ("CNY", "USD", "HKD"), "financials"),
    "gross_margin": ("Gross margin", "Gross profit as a percentage of revenue.", ("percent",), "other_figures"),
    "proportion": ("Share of a total", "A part as a percentage of a total the scope names (占比).", ("percent",),
                   "other_figures"),
    "penetration_rate": ("Penetration rate", "Users or buyers as a percentage of a population the scope names.",
                         ("percent",), "other_figures"),
    "buyback": ("Share buyback", "Money spent, or authorised, to buy back shares.", ("CNY", "USD", "HKD"), "financials"),
    "free_cash_flow": ("Free cash flow", "Operating cash flow less capital expenditure.", ("CNY", "USD", "HKD"),
                       "financials"),
    "eps": ("Earnings per share", "Profit attributable to shareholders per share (or per ADS, as the scope says).",
            ("CNY", "USD", "HKD"), "financials"),
    "valuation": ("Valuation", "The value put on a company in a funding round or by the market.",
                  ("CNY", "USD", "HKD"), "financials"),
}
_GROWTH_UNITS = ("percent", "percentage_points", "multiple")

#: Words saying the number is a change of the base metric, not its level (longest first).
GROWTH_CUES = ("年增", "季增", "月增", "同比增长", "同比增加", "同比上升", "同比提升", "同比上涨", "按年增长", "按年上升", "按年增加", "按年增",
               "按年升", "环比增长", "环比上升", "按季增长", "按季上升", "按季增", "按季升", "增长", "增加", "上升", "提升",
               "上涨", "增幅", "增速", "增", "升", "涨")
DECLINE_CUES = ("年减", "季减", "月减", "同比下降", "同比下滑", "同比减少", "同比下跌", "按年下降", "按年下跌", "按年减少", "按年跌", "按年减",
                "环比下降", "按季下降", "按季跌", "下降", "下滑", "减少", "下跌", "倒退", "萎缩", "收窄", "跌", "降", "减")
_CLAUSE_STOPS = "，,；;。！？!?\n"
CUE_RE = _CUE_RE = re.compile("|".join(re.escape(c) for c in sorted(METRIC_CUES, key=len, reverse=True)), re.I)
# A change word followed by 至/到 gives the new level (增至300亿元), not the change.
_CHANGE_RE = re.compile("(" + "|".join(map(re.escape, sorted(GROWTH_CUES + DECLINE_CUES, key=len, reverse=True)))
                        + ")(?!至|到|为|成)")


class Guesser:
    """Guesses the metric of a figure from a sentence; see the module example.

    ``proposals`` collects the metric ids guessed that the registry lacks, each with
    the entry the draft proposes (:data:`PROPOSED_METRICS`, or a ``*_growth``
    entry derived from its base).

    Example::

        >>> from extract.registry import load_entities, load_metrics
        >>> g = Guesser(load_entities(), load_metrics())
        >>> g.metric("阿里巴巴营收同比增长12.5%", 11, "percent")
        'revenue_growth'
    """

    def __init__(self, entities: dict, metrics: dict):
        self.entities = entities
        self.metrics = metrics
        self.proposals: dict[str, tuple[str, str, tuple[str, ...], str]] = {}

    def metric(self, sentence: str, at: int, unit: str) -> str | None:
        """The metric for the number at ``sentence[at:]``, or None when no cue fits its unit.

        The nearest cue before the number in the sentence wins; then the first cue
        after it in the same clause (``3.2亿月活跃用户``). A change word between cue and
        number turns ``revenue`` into ``revenue_growth``, whichever way it goes (the draft
        writes ``direction="fall"`` for a fall); ``增至`` is a level, not a change.

        Example::

            >>> from extract.registry import load_metrics
            >>> g = Guesser({}, load_metrics())
            >>> g.metric("豆包月活跃用户达3.2亿", 9, ""), g.metric("美图则下降了1.2%", 7, "percent")
            ('mau', None)
            >>> g.metric("经营利润为53.6亿元,同比下降85%", 18, "percent")
            'operating_profit_growth'
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

    def _entry(self, metric_id: str, base: str | None = None):
        if metric_id in self.metrics:
            m = self.metrics[metric_id]
            return m.allowed_units
        if metric_id in PROPOSED_METRICS:
            return PROPOSED_METRICS[metric_id][2]
        if base is not None and (base in self.metrics or base in PROPOSED_METRICS):
            return _GROWTH_UNITS
        return None

    def _fit(self, base: str, between: str, unit: str) -> str | None:
        # A change word between cue and number: the change metric, whichever way it goes
        # (a fall is the same metric, declared with direction="fall": see extract/direction.py).
        change = _CHANGE_RE.search(between)
        candidates: list[tuple[str, str | None]] = []
        if change and unit in _GROWTH_UNITS + ("",):
            if base == "users":
                candidates += [("user_growth", None), ("user_change", None)]
            candidates.append((base + "_growth", base))
        elif change is None or unit not in _GROWTH_UNITS:
            candidates.append((base, None))
        for metric_id, parent in candidates:
            units = self._entry(metric_id, parent)
            # A currency the money metric does not list yet (a Taiwan article's TWD revenue) is
            # still that metric: the build asks for the currency in its allowed_units.
            if units is not None and (unit == "" or unit in units or (unit in CURRENCIES and CURRENCIES & set(units))):
                if metric_id not in self.metrics:
                    self.proposals[metric_id] = PROPOSED_METRICS.get(metric_id) or _derived(metric_id, parent)
                return metric_id
        return None


def _derived(metric_id: str, base: str) -> tuple[str, str, tuple[str, ...], str]:
    return (f"{base.replace('_', ' ').capitalize()} growth",
            f"Change in {base.replace('_', ' ')} over the comparison period, in percent, percentage points or a "
            "multiple (the number the text prints; a fall is declared with direction=\"fall\").",
            _GROWTH_UNITS, "growth")


def _cue_key(found: str) -> str:
    for cue in METRIC_CUES:
        if cue.casefold() == found.casefold():
            return cue
    raise KeyError(found)
