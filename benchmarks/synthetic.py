"""Synthetic corpora for the build at scale: generated Chinese business articles, each
archived exactly as the real archive is and each with a generated extractor.

    .venv/bin/python benchmarks/synthetic.py OUT --articles 1000 [--seed 0]
    .venv/bin/python -m extract build --root OUT --out /tmp/tables --jobs 2

``OUT`` is laid out like this repository, so the whole pipeline runs on it
unchanged (archive sha256 checks, text layer, scanner, every declaration checked,
coverage with nothing unaccounted, periods, registries, pandera schemas, Parquet):

* ``OUT/data/sources/<id>.txt`` + ``<id>.json``: the article bytes and metadata made
  by :func:`extract.new.metadata` and written as ``python -m extract new`` writes them,
  with the body range set to leave out the header and the footer (site furniture);
* ``OUT/data/entities.toml``, ``OUT/data/metrics.toml``: copies of the real registries;
* ``OUT/extract/extractors/<id>.py``: ``FIGURES`` and ``DISMISSED`` for every number in
  the body, written from what the generator planted, never read back from the scanner:
  the build is what checks that the scanner reads each planted figure as declared.

Article ``i`` comes from its own ``random.Random`` seeded with ``(seed, i)``: it is the
same article in a corpus of 100 and in one of 10,000. An article is a title, a byline
and an ad (outside the body), then a lede and three to five sections of two to four
sentences, some headed ``一、``. Figures come in many forms: 亿元/万元/万亿元, 美元,
港元, ``人民币``, thousands separators, Chinese numerals (``三百二十亿元``), %,
``百分之…``, 个百分点, 倍, 月活/日活/周活 with and without 人, 家/项/个/次/单/人次,
ranges (``120亿元至150亿元``, ``15%-20%``) and the hedges 约, 近, 超过, 逾, 突破,
不到, 左右, 多; periods as years, quarters, halves, months, ``截至…月底``, fiscal
years and ``去年``; dates, ordinals, list numbers, reference marks and durations
that the build accounts for by kind; and numbers a person dismisses (reporters'
store visits, reading-time furniture, restated figures, survey counts).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_CN_DIGITS = "零一二三四五六七八九"
_QUARTERS = "一二三四"
_SCALES = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_CURRENCIES = (("元", "CNY"), ("元", "CNY"), ("元", "CNY"), ("美元", "USD"), ("港元", "HKD"))

# (before the number, after the unit, qualifier): the hedges the scanner folds into a mention.
_HEDGES = (("", "", "exact"),) * 5 + (
    ("超过", "", "at_least"), ("约", "", "approx"), ("近", "", "approx"), ("", "左右", "approx"),
    ("逾", "", "at_least"), ("不到", "", "at_most"), ("突破", "", "at_least"),
)

# Market-share markets: scope, Chinese name, a ceiling per entity that keeps the
# smallest shares any sources give adding up to under 100 % (extract/analysis.py checks it),
# and the category of the market entity registered for a market the registry lacks.
_MARKETS = (
    ("China AI cloud", "中国AI云市场", {"alibaba_cloud": 35, "baidu": 20, "tencent": 15, "bytedance": 12},
     "cloud"),
    ("China e-commerce", "中国电商市场", {"taotian_group": 40, "pinduoduo": 25, "jd_com": 18,
                                         "douyin_ecommerce": 12}, "shopping"),
    ("China AI assistant apps", "中国AI助手应用市场", {"doubao": 35, "qwen_app": 25, "deepseek": 20,
                                                      "yuanbao": 12}, "ai_assistant"),
)


def _register_markets(path: Path) -> None:
    """Append the generator's markets the copied registry lacks: the build refuses a
    market share whose market is not registered (extract/registry.py ``market_name``)."""
    from extract.registry import load_markets

    known = load_markets(path)
    with path.open("a", encoding="utf-8") as out:
        for scope, zh, _, category in _MARKETS:
            if scope not in known:
                eid = re.sub(r"[^a-z0-9]+", "_", scope.lower()).strip("_") + "_market"
                out.write(f'\n[{eid}]\nname_en = "{scope} market"\nname_zh = "{zh}"\nkind = "market"\n'
                          f'category = "{category}"\nmarket_name = "{scope}"\n')


_PUBLISHERS = ("合成财经", "模拟商业评论", "示例科技观察", "虚构产业研究")
_AUTHORS = ("林晓", "周明", "陈思远", "王可", "赵一帆", "刘青")
_TOPICS = ("流量", "用户", "云计算", "电商", "生态", "商业化")
_FILLERS = (
    "{a}和{b}在这条赛道上的竞争仍在加剧。",
    "业内人士认为，{a}的打法更加注重长期投入。",
    "从产品形态看，{b}正在把更多精力放在智能助手上。",
    "这意味着行业格局可能迎来新的变化。",
    "不过，外界对{a}的商业化节奏仍有分歧。",
    "多位分析师指出，监管环境和宏观经济都会影响后续走势。",
    "{b}方面表示，公司会继续加大技术投入。",
    "对于普通消费者来说，这些变化最直接的体现是服务更便捷。",
    "与此同时，{a}也在调整组织架构，希望提升决策效率。",
    "市场普遍关注{b}能否把用户规模转化为收入。",
)
_HEADINGS = ("巨头的新战场", "用户增长的逻辑", "商业化的考验", "生态之争", "下一步怎么走")


@dataclass
class Plant:
    """One number the generator put in a sentence: a figure (``fig`` holds figure() keywords) or a dismissal."""

    offset: int
    value_text: str
    fig: dict | None = None
    reason: str | None = None
    note: str | None = None


@dataclass
class Sentence:
    """A sentence built piece by piece, remembering where each planted number starts."""

    text: str = ""
    plants: list[Plant] = field(default_factory=list)

    def say(self, text: str) -> Sentence:
        self.text += text
        return self

    def figure(self, value_text: str, **fig) -> Sentence:
        self.plants.append(Plant(len(self.text), value_text, fig=fig))
        self.text += value_text
        return self

    def dismiss(self, value_text: str, reason: str, note: str | None = None) -> Sentence:
        self.plants.append(Plant(len(self.text), value_text, reason=reason, note=note))
        self.text += value_text
        return self


# -- numbers as a Chinese business text writes them -------------------------------

def cn_int(n: int) -> str:
    """An integer below 10,000 in Chinese numerals: 320 → 三百二十, 1205 → 一千二百零五.

    Example::

        >>> cn_int(320), cn_int(15), cn_int(1205)
        ('三百二十', '十五', '一千二百零五')
    """
    if not 0 <= n < 10_000:
        raise ValueError(f"cn_int takes 0..9999, got {n}")
    if n == 0:
        return "零"
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if (value == 10 and d == 1 and not out) else _CN_DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    return out


def decimal_text(rng: random.Random, lo: float, hi: float, places: int) -> str:
    """A number in [lo, hi) with up to ``places`` decimals, as printed (no trailing zeros)."""
    text = f"{rng.uniform(lo, hi):.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_of(number: str, scale: int = 1) -> float:
    """The value a printed number means, computed in decimal: ``value_of("1.55", 10**8)`` → 155000000.0."""
    return float(Decimal(number.replace(",", "")) * scale)


def with_commas(number: str) -> str:
    whole, _, frac = number.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def hedge(rng: random.Random, allow_suffix: bool = True) -> tuple[str, str, str]:
    while True:
        h = rng.choice(_HEDGES)
        if allow_suffix or not h[1]:
            return h


def money(rng: random.Random) -> tuple[str, float, str, str]:
    """(value_text, value, unit, qualifier) for an amount of money."""
    word, unit = rng.choice(_CURRENCIES)
    before, after, qualifier = hedge(rng)
    form = rng.random()
    if form < 0.12 and unit == "CNY":
        n = rng.randint(11, 999)
        number, value = cn_int(n) + "亿", float(n * 100_000_000)
    elif form < 0.22:
        number = decimal_text(rng, 1.0, 9.9, 2)
        number, value = number + "万亿", value_of(number, _SCALES["万亿"])
    elif form < 0.32:
        raw = decimal_text(rng, 1000, 9999, 2)
        number, value = with_commas(raw) + "亿", value_of(raw, _SCALES["亿"])
    elif form < 0.42:
        raw = str(rng.randint(500, 9900))
        number, value = raw + "万", value_of(raw, _SCALES["万"])
    else:
        raw = decimal_text(rng, 1, 999, rng.choice((0, 1, 2)))
        number, value = raw + "亿", value_of(raw, _SCALES["亿"])
    prefix = "人民币" if unit == "CNY" and not before and rng.random() < 0.15 else ""
    return f"{before}{prefix}{number}{word}{after}", value, unit, qualifier


def percent(rng: random.Random, lo: float = 0.5, hi: float = 80, *, hedged: bool = True,
            allow_words: bool = True) -> tuple[str, float, str]:
    """(value_text, value, qualifier) for a percentage: 35.2%, 约8%, 百分之三十五."""
    before, after, qualifier = hedge(rng) if hedged else ("", "", "exact")
    if allow_words and rng.random() < 0.12:
        n = rng.randint(max(1, int(lo)), max(2, int(hi)))
        return f"{before}百分之{cn_int(n)}{after}", float(n), qualifier
    number = decimal_text(rng, lo, hi, rng.choice((0, 1, 1, 2)))
    return f"{before}{number}%{after}", value_of(number), qualifier


def people(rng: random.Random) -> tuple[str, float, str, bool, str]:
    """(value_text, value, unit, unit_implied, qualifier) for a count of users."""
    before, after, qualifier = hedge(rng)
    if rng.random() < 0.5:
        number = decimal_text(rng, 1, 9.9, 2)
        scale = "亿"
    else:
        number = str(rng.randint(100, 9900))
        scale = "万"
    value = value_of(number, _SCALES[scale])
    if rng.random() < 0.4:
        return f"{before}{number}{scale}人{after}", value, "persons", False, qualifier
    return f"{before}{number}{scale}{after}", value, "persons", True, qualifier


def count(rng: random.Random, word: str, lo: int, hi: int) -> tuple[str, float, str]:
    """(value_text, value, qualifier) for a count with a measure word: 300多家, 一千二百家, 超过45万家."""
    form = rng.random()
    n = rng.randint(lo, hi)
    if form < 0.2:
        n = min(n, 9999)  # Chinese numerals here go up to 九千九百九十九
        return f"{cn_int(n)}{word}", float(n), "exact"
    if form < 0.35:
        n = max(10, n // 10 * 10)
        return f"{n}多{word}", float(n), "at_least"
    if form < 0.5 and hi >= 10_000:
        number = decimal_text(rng, 1, 99, 1)
        return f"超过{number}万{word}", value_of(number, 10_000), "at_least"
    before, _, qualifier = hedge(rng, allow_suffix=False)
    return f"{before}{n}{word}", float(n), qualifier


# -- the article -----------------------------------------------------------------

@dataclass
class Article:
    """One generated article: its text, body range, metadata fields and planted numbers."""

    source_id: str
    published: dt.date
    title: str
    publisher: str
    author: str
    header: str
    body: str
    footer: str
    plants: list[tuple[int, Sentence, Plant]]  # (sentence offset in the body, sentence, plant)
    references: list[dict]

    @property
    def text(self) -> str:
        return self.header + self.body + self.footer


class _Context:
    def __init__(self, rng: random.Random, published: dt.date, entities: dict):
        self.rng = rng
        self.published = published
        self.entities = entities
        self.cited = False

    def pick(self, kinds: tuple[str, ...]) -> tuple[str, str]:
        pool = [e for e in self.entities.values() if e.kind in kinds]
        e = self.rng.choice(pool)
        return e.entity_id, e.name_zh

    def period(self, entity_id: str) -> str:
        """A period as the text writes it (the extractor declares the label it resolves to)."""
        rng, year = self.rng, self.rng.randint(self.published.year - 3, self.published.year - 1)
        fye = self.entities[entity_id].fiscal_year_end
        forms = ["year", "quarter", "quarter", "month", "half", "as_of", "last_year"]
        if fye != "12-31":
            forms.append("fiscal")
        form = rng.choice(forms)
        if form == "year":
            return f"{year}年"
        if form == "quarter":
            return f"{year}年第{_QUARTERS[rng.randrange(4)]}季度"
        if form == "month":
            return f"{year}年{rng.randint(1, 12)}月"
        if form == "half":
            return f"{year}年上半年"
        if form == "as_of":
            return f"截至{year}年{rng.choice((3, 6, 9, 12))}月底"
        if form == "fiscal":
            return f"{year}财年"
        return "去年"

    def source_note(self, s: Sentence) -> str | None:
        """Sometimes credit a research firm at the start of the sentence."""
        if self.rng.random() < 0.25:
            firm = self.rng.choice(("QuestMobile", "艾瑞咨询", "易观分析"))
            s.say(f"据{firm}数据，")
            return firm
        return None

    def cite(self, s: Sentence) -> str | None:
        """Sometimes put a reference mark [1] right after the number."""
        if self.rng.random() < 0.15:
            self.cited = True
            s.say("[1]")
            return "[1]"
        return None


_COMPANIES = ("company", "business_group")
_APPS = ("app",)


def _revenue(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_COMPANIES)
    period = c.period(ent)
    firm = c.source_note(s)
    vt, value, unit, q = money(c.rng)
    metric = c.rng.choice(("revenue", "revenue", "net_profit", "operating_profit", "gmv"))
    word = {"revenue": "实现营收", "net_profit": "净利润为", "operating_profit": "经营利润达到", "gmv": "GMV为"}[metric]
    s.say(f"{period}，{name}{word}").figure(vt, entity=ent, metric=metric, period=period, scope="China",
                                            value=value, unit=unit, qualifier=q, attributed_to=firm)
    ref = c.cite(s)
    if ref:
        s.plants[-1].fig["reference"] = ref
    if c.rng.random() < 0.7:
        pt, pv, pq = percent(c.rng, 0.5, 60)
        up = c.rng.random() < 0.75
        verb = "同比增长" if up else "同比下降"
        direction = {} if up else {"direction": "fall"}
        s.say(f"，{verb}").figure(pt, entity=ent, metric=f"{metric}_growth", period=period, scope="China",
                                   value=pv, unit="percent", qualifier=pq, **direction)
    return s.say("。")


def _users(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_APPS)
    period = c.period(ent)
    firm = c.source_note(s)
    metric, word = c.rng.choice((("mau", "月活跃用户"), ("mau", "月活"), ("dau", "日活用户"),
                                 ("wau", "周活跃用户"), ("users", "用户规模")))
    vt, value, unit, implied, q = people(c.rng)
    verb = c.rng.choice(("达到", "为", "已达", ""))
    s.say(f"{period}，{name}的{word}{verb}").figure(
        vt, entity=ent, metric=metric, period=period, scope="China mobile apps", value=value, unit=unit,
        unit_implied=implied, qualifier=q, attributed_to=firm)
    ref = c.cite(s)
    if ref:
        s.plants[-1].fig["reference"] = ref
    if c.rng.random() < 0.4:
        pt, pv, pq = percent(c.rng, 1, 150, allow_words=False)
        s.say("，较上年同期增长").figure(pt, entity=ent, metric="user_growth", period=period,
                                      scope="China mobile apps", value=pv, unit="percent", qualifier=pq)
    return s.say("。")


def _share(c: _Context) -> Sentence:
    s = Sentence()
    scope, market, ceilings, _ = c.rng.choice(_MARKETS)
    ent = c.rng.choice(sorted(ceilings))
    name = c.entities[ent].name_zh
    period = c.period(ent)
    firm = c.source_note(s)
    cap = ceilings[ent]
    number = decimal_text(c.rng, cap / 2, cap, 1)
    before = c.rng.choice(("", "", "约", "近"))
    vt = f"{before}{number}%"
    s.say(f"{period}，在{market}中，{name}以").figure(
        vt, entity=ent, metric="market_share", period=period, scope=scope, value=value_of(number),
        unit="percent", qualifier="approx" if before else "exact", attributed_to=firm)
    s.say(f"的份额位居第{_QUARTERS[c.rng.randrange(4)]}")
    if c.rng.random() < 0.4:
        pp = decimal_text(c.rng, 0.1, 9.9, 1)
        s.say("，点击率环比提升").figure(f"{pp}个百分点", entity=ent, metric="ctr_growth", period=period,
                                      scope=scope, value=value_of(pp), unit="percentage_points",
                                      qualifier="exact")
    return s.say("。")


def _capex(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_COMPANIES)
    period = c.period(ent)
    vt, value, unit, q = money(c.rng)
    metric, word = c.rng.choice((("capex", "资本开支"), ("rd_spend", "研发投入"), ("subsidy", "补贴投入")))
    s.say(f"{period}，{name}的{word}为").figure(vt, entity=ent, metric=metric, period=period,
                                                scope="China", value=value, unit=unit, qualifier=q)
    if metric == "rd_spend" and c.rng.random() < 0.5:
        pt, _, _ = percent(c.rng, 3, 25, hedged=False, allow_words=False)
        s.say("，占营收的比重为").dismiss(pt, "not_business_figure",
                                     "R&D intensity: the registry has no metric for a ratio to revenue")
    return s.say("。")


def _range(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_COMPANIES)
    period = c.period(ent)
    if c.rng.random() < 0.5:
        lo = c.rng.randint(20, 800)
        hi = lo + c.rng.randint(10, 200)
        s.say(f"{period}，{name}的营收在").figure(
            f"{lo}亿元至{hi}亿元", entity=ent, metric="revenue", period=period, scope="China",
            value=float(lo * 100_000_000), value_high=float(hi * 100_000_000), unit="CNY", qualifier="exact")
        s.say("之间")
    else:
        lo = c.rng.randint(3, 30)
        hi = lo + c.rng.randint(2, 15)
        s.say(f"{period}，{name}的营收同比增长").figure(
            f"{lo}%-{hi}%", entity=ent, metric="revenue_growth", period=period, scope="China",
            value=float(lo), value_high=float(hi), unit="percent", qualifier="exact")
    return s.say("。")


def _operations(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_APPS)
    period = c.period(ent)
    kind = c.rng.randrange(6)
    if kind == 0:
        vt, v, q = count(c.rng, "家", 20, 900_000)
        s.say(f"{period}，接入{name}的商户").figure(vt, entity=ent, metric="merchants", period=period,
                                                 scope="China", value=v, unit="establishments", qualifier=q)
    elif kind == 1:
        vt, v, q = count(c.rng, "家", 10, 3000)
        s.say(f"{period}，{name}合作的医院有").figure(vt, entity=ent, metric="hospitals", period=period,
                                                   scope="China", value=v, unit="establishments", qualifier=q)
    elif kind == 2:
        vt, v, q = count(c.rng, "项", 5, 400)
        s.say(f"{period}，{name}上线了").figure(vt, entity=ent, metric="features", period=period,
                                             scope="China", value=v, unit="items", qualifier=q)
        s.say("新功能")
    elif kind == 3:
        number = str(c.rng.randint(10, 9000))
        s.say(f"{period}，{name}的日订单量峰值达到").figure(
            f"{number}万单", entity=ent, metric="daily_orders", period=period, scope="China",
            value=value_of(number, 10_000), unit="orders", qualifier="exact")
    elif kind == 4:
        number = decimal_text(c.rng, 1, 30, 1)
        s.say(f"{period}，用户平均每天打开{name}").figure(
            f"{number}次", entity=ent, metric="usage_frequency", period=period, scope="China",
            value=value_of(number), unit="times", qualifier="exact")
    else:
        number = decimal_text(c.rng, 1, 50, 1)
        s.say(f"{period}，{name}累计服务").figure(
            f"超过{number}亿人次", entity=ent, metric="person_times_served", period=period, scope="China",
            value=value_of(number, 100_000_000), unit="person_times", qualifier="at_least")
    return s.say("。")


def _stock(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(("company",))
    period = f"{c.published.year}年{c.published.month}月{max(1, c.published.day - 1)}日"
    price = decimal_text(c.rng, 5, 600, 2)
    s.say(f"{period}，{name}股价报收于每股").figure(
        f"{price}港元", entity=ent, metric="share_price", period=period, scope="Hong Kong listing",
        value=value_of(price), unit="HKD", qualifier="exact")
    pt, pv, pq = percent(c.rng, 0.1, 12, hedged=False, allow_words=False)
    s.say("，当日上涨").figure(pt, entity=ent, metric="share_price_change", period=period,
                             scope="Hong Kong listing", value=pv, unit="percent", qualifier=pq)
    return s.say("。")


def _visit(c: _Context) -> Sentence:
    s = Sentence()
    n = c.rng.randint(3, 60)
    s.say("记者走访了").dismiss(f"{n}家", "not_business_figure", "the reporter's sample of stores")
    return s.say(f"门店，店员普遍反映{c.rng.choice(('客流明显回升', '线上订单占比提高', '年轻用户更多'))}。")


def _survey(c: _Context) -> Sentence:
    s = Sentence()
    n = c.rng.randint(20, 500)
    m = c.rng.randint(1, n - 1)
    # The scanner takes 用户 after 位 as part of the count (N位用户, persons).
    s.say("在受访的").dismiss(f"{n}位用户", "not_business_figure", "survey sample size")
    s.say("中，有").dismiss(f"{m}位", "not_business_figure", "survey answer count")
    return s.say("表示愿意继续使用。")


def _horizon(c: _Context) -> Sentence:
    s = Sentence()
    ent, name = c.pick(_COMPANIES)
    vt, value, unit, q = money(c.rng)
    years = c.rng.choice(("三年", "五年", "两年"))
    s.say(f"{name}宣布未来{years}内将投入").figure(
        vt, entity=ent, metric="capex_plan", period=f"{c.published.year}年", scope="AI infrastructure",
        value=value, unit=unit, qualifier=q, note=f"plan over {years} announced in {c.published.year}")
    return s.say("用于AI基础设施建设。")


_FIGURE_SENTENCES = (_revenue, _revenue, _users, _users, _share, _capex, _range, _operations,
                     _operations, _stock, _horizon)
_OTHER_SENTENCES = (_visit, _survey)


def _restate(c: _Context, earlier: list[Sentence]) -> Sentence | None:
    """A later sentence repeating an earlier figure: dismissed as a duplicate."""
    figs = [p for s in earlier for p in s.plants if p.fig and p.fig["metric"] in ("revenue", "mau", "gmv")]
    if not figs:
        return None
    p = c.rng.choice(figs)
    name = c.entities[p.fig["entity"]].name_zh
    s = Sentence().say(f"值得再强调一次，{name}的这一数字是")
    return s.dismiss(p.value_text, "duplicate", "restates a figure given earlier in the article").say("。")


def _clean_names(entities: dict) -> dict:
    """Entities whose Chinese name the scanner reads no number in (百度 and 千问 are fine; checked, not assumed)."""
    from extract.scanner import scan

    return {k: e for k, e in entities.items()
            if e.kind not in ("other", "market") and not scan(f"据悉{e.name_zh}表示")}


def article(i: int, seed: int, entities: dict) -> Article:
    """Generate article ``i`` of the corpus with this ``seed`` (independent of the corpus size).

    Example::

        >>> a = article(0, 0, _clean_names(load_entities()))  # doctest: +SKIP
        >>> a.source_id  # doctest: +SKIP
        '2024-11-07-synthetic-00000'
    """
    rng = random.Random(f"{seed}:{i}")
    published = dt.date(2023, 6, 1) + dt.timedelta(days=rng.randrange(1100))
    c = _Context(rng, published, entities)
    names = [e.name_zh for e in entities.values()]
    a_name, b_name = rng.sample(names, 2)
    title = f"{a_name}与{b_name}的{rng.choice(_TOPICS)}之争"
    publisher, author = rng.choice(_PUBLISHERS), rng.choice(_AUTHORS)
    header = (f"{title}\n作者：{author}  来源：{publisher}  {published.year}年{published.month}月"
              f"{published.day}日\n广告：扫码关注，领取88元红包\n\n")
    footer = f"\n\n（完）\n本文阅读量{rng.randint(2, 90)}000，点赞{rng.randint(10, 999)}\n"

    paragraphs: list[list[Sentence]] = []
    lede = [Sentence().say(rng.choice(_FILLERS).format(a=a_name, b=b_name))]
    if rng.random() < 0.3:
        n, m = rng.randint(2, 9) * 1000 + rng.randint(0, 999), rng.randint(3, 15)
        s = Sentence().say("（全文共").dismiss(f"{n}字", "page_furniture", "reading-time line")
        lede.append(s.say(f"，阅读大约需要{m}分钟）"))
    lede.append(rng.choice(_FIGURE_SENTENCES)(c))
    paragraphs.append(lede)
    earlier = list(lede)
    for section in range(rng.randint(3, 5)):
        para: list[Sentence] = []
        for _ in range(rng.randint(2, 4)):
            roll = rng.random()
            if roll < 0.6:
                s = rng.choice(_FIGURE_SENTENCES)(c)
            elif roll < 0.72:
                s = rng.choice(_OTHER_SENTENCES)(c)
            elif roll < 0.8:
                s = _restate(c, earlier) or Sentence().say(rng.choice(_FILLERS).format(a=a_name, b=b_name))
            else:
                s = Sentence().say(rng.choice(_FILLERS).format(a=a_name, b=b_name))
            para.append(s)
            earlier.append(s)
        if rng.random() < 0.5:
            para.insert(0, Sentence().say(f"{cn_int(section + 1)}、{rng.choice(_HEADINGS)}\n"))
        paragraphs.append(para)

    # The text says the period in its own words; the extractor declares the label they resolve to.
    from extract.periods import resolve_phrase

    for para in paragraphs:
        for s in para:
            for p in s.plants:
                if p.fig is not None and "period" in p.fig and "said" not in p.fig:  # a restated sentence recurs
                    fye = c.entities[p.fig["entity"]].fiscal_year_end or "12-31"
                    p.fig["said"] = p.fig["period"]
                    p.fig["period"] = resolve_phrase(p.fig["said"], published, fye).label
    body, plants = "", []
    for p_i, para in enumerate(paragraphs):
        if p_i:
            body += "\n\n"
        for s in para:
            plants.extend((len(body), s, p) for p in s.plants)
            body += s.text
    refs = [{"n": 1, "publisher": "QuestMobile", "title": "中国移动互联网年度报告", "url": None}] if c.cited else []
    sid = f"{published.isoformat()}-synthetic-{i:05d}"
    return Article(sid, published, title, publisher, author, header, body, footer, plants, refs)


# -- the archive and the extractor -------------------------------------------------

def _nth(haystack: str, needle: str, at: int) -> int | None:
    """Which occurrence (from 1) of ``needle`` starts at ``at``; None when it is the only one."""
    starts, i = [], haystack.find(needle)
    while i != -1:
        starts.append(i)
        i = haystack.find(needle, i + 1)
    return None if len(starts) == 1 else starts.index(at) + 1


def _lit(v) -> str:
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{int(v):_}" if v.is_integer() and abs(v) < 1e18 else repr(v)
    return repr(v)


def extractor_source(a: Article, seed: int, i: int) -> str:
    """The extractor module for an article: one figure()/dismiss() per planted number."""
    text = a.text
    base = len(a.header)
    figures, dismissed = [], []
    for s_off, s, p in a.plants:
        q_at = base + s_off
        args = [_lit(s.text), _lit(p.value_text)]
        extra = {}
        qn = _nth(text, s.text, q_at)
        vn = _nth(s.text, p.value_text, p.offset)
        if qn:
            extra["quote_nth"] = qn
        if vn:
            extra["value_nth"] = vn
        if p.fig is not None:
            said = p.fig.get("said")
            kw = {k: v for k, v in p.fig.items()
                  if v is not None and k != "said" and not (k == "unit_implied" and not v)}
            kw.update(extra)
            lines = [f"{k}={_lit(v)}," + (f"  # {said}" if k == "period" and said and said != v else "")
                     for k, v in kw.items()]
            figures.append("    figure(\n        " + ",\n        ".join(args) + ",\n        "
                           + "\n        ".join(lines) + "\n    ),")
        else:
            kw = {"reason": p.reason, "note": p.note, **extra}
            dismissed.append("    dismiss(" + ", ".join(args) + ", "
                             + ", ".join(f"{k}={_lit(v)}" for k, v in kw.items() if v is not None) + "),")
    return (f'"""Synthetic article {i} (benchmarks/synthetic.py, seed {seed}): generated text, not a real source."""\n'
            "from extract.declare import dismiss, figure\n\n"
            "FIGURES = [\n" + "\n".join(figures) + ("\n" if figures else "") + "]\n\n"
            "DISMISSED = [\n" + "\n".join(dismissed) + ("\n" if dismissed else "") + "]\n")


def archive(a: Article, folder: Path) -> tuple[Path, Path]:
    """Write ``<id>.txt`` and ``<id>.json`` exactly as ``python -m extract new`` does."""
    from extract.new import metadata

    text = a.text
    raw = text.encode("utf-8")
    meta = metadata(a.source_id, raw, text, file_name=f"synthetic/{a.source_id}.txt", title=a.title,
                    publisher=a.publisher, published=a.published.isoformat(),
                    url=f"https://example.org/synthetic/{a.source_id}", authors=[a.author])
    start, end = len(a.header), len(a.header) + len(a.body)
    meta.update(body_start=start, body_end=end, body_first=text[start:start + 12],
                body_last=text[end - 12:end], references=a.references,
                rights="Synthetic text generated by benchmarks/synthetic.py for benchmarks; no rights reserved.",
                notes="Generated: header (title, byline, ad) and footer (reading counts) are outside the body.")
    txt, js = folder / f"{a.source_id}.txt", folder / f"{a.source_id}.json"
    txt.write_bytes(raw)
    js.write_bytes((json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return txt, js


@dataclass
class CorpusStats:
    """What :func:`generate` wrote."""

    root: Path
    articles: int
    figures: int
    dismissed: int
    bytes: int


def generate(root: str | Path, n: int, seed: int = 0) -> CorpusStats:
    """Write a corpus of ``n`` synthetic articles under ``root`` (laid out like the repository).

    Example::

        >>> stats = generate("/tmp/corpus", 100)  # doctest: +SKIP
        >>> stats.articles, stats.figures > 500  # doctest: +SKIP
        (100, True)
    """
    from extract.corpus import Corpus
    from extract.registry import load_entities

    root = Path(root)
    corpus = Corpus.at(root)
    sources, steps = corpus.sources, corpus.extractors
    sources.mkdir(parents=True, exist_ok=True)
    steps.mkdir(parents=True, exist_ok=True)
    for path in Path(REPO / "data").glob("*.toml"):  # the registries
        shutil.copyfile(path, root / "data" / path.name)
    _register_markets(root / "data" / "entities.toml")
    entities = _clean_names(load_entities(root / "data" / "entities.toml"))
    n_fig = n_dis = size = 0
    for i in range(n):
        a = article(i, seed, entities)
        archive(a, sources)
        corpus.extractor(a.source_id).write_text(extractor_source(a, seed, i), encoding="utf-8")
        n_fig += sum(p.fig is not None for _, _, p in a.plants)
        n_dis += sum(p.fig is None for _, _, p in a.plants)
        size += len(a.text.encode("utf-8"))
    return CorpusStats(root, n, n_fig, n_dis, size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the corpus into (laid out like the repository)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stats = generate(args.out, args.articles, args.seed)
    print(f"wrote {stats.articles} articles ({stats.bytes / 1e6:.1f} MB of text), {stats.figures} figures, "
          f"{stats.dismissed} dismissals to {stats.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
