"""Shared fixtures: a tiny synthetic corpus with its registry, scanner and period stubs.

The engine and build tests run on these so that they test the engine, not the
real scanner, periods or extractors (tests/test_dataset.py covers the real data).
:class:`Repo` writes a corpus folder of its own (archive, registries, extractor
files) and builds it with the same :func:`extract.build.build` the command line
runs; only the engine's scanner and period resolver are swapped for the stubs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import contextlib
import json

from extract import build as build_mod
from extract import engine
from extract.declare import dismiss, figure

HEADER = "广告：扫码领取100元红包\n"
BODY = ("2024年，甲公司营收达到1.5亿元，同比增长12.5%。乙公司月活跃用户超过3000万人，约占市场的20%。"
        "第3季度，甲公司日订单约248万单。行业增速为10-15%。重要的事说两遍：营收达到1.5亿元。")
FOOTER = "\n广告：关注领50元"
TEXT = HEADER + BODY + FOOTER
SOURCE_ID = "2024-06-01-test-source"


# -- a stub scanner with the real Mention contract ----------------------------

@dataclass(frozen=True)
class StubMention:
    text: str
    start: int
    end: int
    value: object
    unit: str
    qualifier: str
    kind: str


_NUM = r"\d+(?:\.\d+)?"
_PATTERN = re.compile(
    rf"(?P<date>\d{{4}}年(?:\d{{1,2}}月)?)"
    rf"|(?P<ordinal>第\d+)"
    rf"|(?P<range>(?P<lo>{_NUM})-(?P<hi>{_NUM})%)"
    rf"|(?P<pre>约|超过)?(?P<num>{_NUM})(?P<scale>亿|万)?(?P<unit>元|人|单|%|倍)?"
)
_SCALE = {None: 1, "万": 1e4, "亿": 1e8}
_UNIT = {None: "", "元": "CNY", "人": "persons", "单": "orders", "%": "percent", "倍": "multiple"}
_QUAL = {None: "exact", "约": "approx", "超过": "at_least"}


def stub_scan(text: str) -> list[StubMention]:
    """Digits with 万/亿, a few units and qualifiers; years as dates; 第N as ordinals; N-M% as ranges."""
    out = []
    for m in _PATTERN.finditer(text):
        s, e = m.span()
        if m["date"]:
            out.append(StubMention(m[0], s, e, float(m[0][:4]), "", "exact", "date"))
        elif m["ordinal"]:
            out.append(StubMention(m[0], s, e, float(m[0][1:]), "", "exact", "ordinal"))
        elif m["range"]:
            out.append(StubMention(m[0], s, e, (float(m["lo"]), float(m["hi"])), "percent", "exact", "range"))
        else:
            value = float(m["num"]) * _SCALE[m["scale"]]
            out.append(StubMention(m[0], s, e, value, _UNIT[m["unit"]], _QUAL[m["pre"]], "quantity"))
    return out


# -- periods -----------------------------------------------------------------

@dataclass(frozen=True)
class StubPeriod:
    label: str
    start: dt.date
    end: dt.date


def stub_resolve_period(expr: str, published: dt.date, fiscal_year_end: str = "12-31") -> StubPeriod:
    """'2024' → the year; '2024-06' → the month; 'backwards' → a period ending before it starts."""
    if re.fullmatch(r"\d{4}", expr):
        y = int(expr)
        return StubPeriod(expr, dt.date(y, 1, 1), dt.date(y, 12, 31))
    if re.fullmatch(r"\d{4}-\d\d", expr):
        y, m = map(int, expr.split("-"))
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return StubPeriod(expr, dt.date(y, m, 1), nxt - dt.timedelta(days=1))
    if expr == "backwards":
        return StubPeriod(expr, dt.date(2024, 12, 31), dt.date(2024, 1, 1))
    raise ValueError(f"cannot read period {expr!r}")


# -- registries and source -----------------------------------------------------

@dataclass(frozen=True)
class StubEntity:
    entity_id: str
    name_en: str
    name_zh: str
    kind: str = "company"
    parent: str | None = None
    aliases: tuple = ()
    fiscal_year_end: str = "12-31"
    note: str | None = None


@dataclass(frozen=True)
class StubMetric:
    metric_id: str
    name: str
    description: str
    allowed_units: tuple
    table: str
    note: str | None = None


ENTITIES = {
    "jia": StubEntity("jia", "Jia Co", "甲公司", aliases=("甲",)),
    "yi": StubEntity("yi", "Yi Co", "乙公司", parent="jia", fiscal_year_end="03-31"),
    "market": StubEntity("market", "The market", "行业", kind="market"),
}
METRICS = {
    "revenue": StubMetric("revenue", "Revenue", "Revenue", ("CNY", "USD"), "financials"),
    "revenue_growth": StubMetric("revenue_growth", "Revenue growth", "YoY", ("percent", "percentage_points"), "growth"),
    "mau": StubMetric("mau", "MAU", "Monthly active users", ("persons",), "user_metrics"),
    "market_share": StubMetric("market_share", "Share", "Share", ("percent",), "market_shares"),
    "daily_orders": StubMetric("daily_orders", "Daily orders", "Orders a day", ("orders",), "other_figures"),
}


@dataclass
class StubSource:
    source_id: str
    path: Path
    meta: dict
    text: str
    body_start: int
    body_end: int
    published: dt.date
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.text[self.body_start:self.body_end]


def make_source(folder: Path, text: str = TEXT, body_start: int = len(HEADER),
                body_end: int | None = None, source_id: str = SOURCE_ID) -> StubSource:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{source_id}.txt"
    path.write_bytes(text.encode("utf-8"))
    body_end = len(text) - len(FOOTER) if body_end is None else body_end
    meta = {
        "source_id": source_id, "file": path.name, "seed_file": "seeds/999_test.txt", "title": "测试文章",
        "publisher": "测试", "platform": None, "authors": ["张三", "李四"], "published": "2024-06-01",
        "published_precision": "day", "published_estimated": False, "published_note": None,
        "url": None, "language": "zh", "script": "Hans",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "body_start": body_start, "body_end": body_end, "body_first": text[body_start:body_start + 12],
        "body_last": text[body_end - 12:body_end], "rights": "test text",
        "references": [{"n": 1, "publisher": "某报", "title": "某文", "url": None}], "notes": None,
    }
    return StubSource(source_id, path, meta, text, body_start, body_end, dt.date(2024, 6, 1))


def good_figures() -> list:
    """Declarations that account for every mention in BODY."""
    return [
        figure("甲公司营收达到1.5亿元，同比", "1.5亿元", entity="jia", metric="revenue", period="2024",
               scope="China", value=1.5e8, unit="CNY"),
        figure("同比增长12.5%", "12.5%", entity="jia", metric="revenue_growth", period="2024",
               scope="China", value=12.5, unit="percent", reference="[1]"),
        figure("乙公司月活跃用户超过3000万人", "超过3000万人", entity="yi", metric="mau", period="2024",
               scope="China", value=3e7, unit="persons", qualifier="at_least", attributed_to="QuestMobile"),
        figure("约占市场的20%", "20%", entity="yi", metric="market_share", period="2024-06",
               scope="China", value=20, unit="percent"),
        figure("甲公司日订单约248万单", "约248万单", entity="jia", metric="daily_orders", period="2024",
               scope="China", value=2.48e6, unit="orders", qualifier="approx", note="a note"),
        figure("行业增速为10-15%", "10-15%", entity="market", metric="revenue_growth", period="2024",
               scope="China", value=10, value_high=15, unit="percent"),
    ]


def good_dismissed() -> list:
    return [dismiss("重要的事说两遍：营收达到1.5亿元", "1.5亿元", reason="duplicate",
                    note="the same revenue as the first sentence")]


#: The real build, bound at import: tests monkeypatch ``extract.build.build`` to call Repo.build.
_BUILD = build_mod.build

#: Declarations handed to the generated extractor files, by source id. The files import them
#: from here, so each declaration keeps the test file and line it was written on (errors name them).
PENDING: dict[str, tuple[list, list]] = {}


def write_entities(path: Path, entities: dict) -> None:
    """The registry file data/entities.toml for ``entities`` (StubEntity or the real Entity)."""
    lines = []
    for eid, e in sorted(entities.items()):
        lines += [f"[{eid}]", f"name_en = {json.dumps(e.name_en)}", f"name_zh = {json.dumps(e.name_zh)}",
                  f"kind = {json.dumps(e.kind)}"]
        if e.parent:
            lines.append(f"parent = {json.dumps(e.parent)}")
        if e.aliases:
            lines.append(f"aliases = {json.dumps(list(e.aliases), ensure_ascii=False)}")
        lines.append(f"fiscal_year_end = {json.dumps(e.fiscal_year_end or '12-31')}")
        if e.note:
            lines.append(f"note = {json.dumps(e.note, ensure_ascii=False)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_metrics(path: Path, metrics: dict) -> None:
    """The registry file data/metrics.toml for ``metrics``."""
    lines = []
    for mid, m in sorted(metrics.items()):
        lines += [f"[{mid}]", f"name = {json.dumps(m.name)}", f"description = {json.dumps(m.description)}",
                  f"allowed_units = {json.dumps(list(m.allowed_units))}", f"table = {json.dumps(m.table)}"]
        if m.note:
            lines.append(f"note = {json.dumps(m.note, ensure_ascii=False)}")
        if getattr(m, "event", False):
            lines.append("event = true")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_source(folder: Path, source: StubSource) -> None:
    """Archive a source in ``folder``: its text and metadata, as extract new would."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{source.source_id}.txt").write_bytes(source.text.encode("utf-8"))
    (folder / f"{source.source_id}.json").write_text(json.dumps(source.meta, ensure_ascii=False, indent=2),
                                                     encoding="utf-8")


@contextlib.contextmanager
def engine_stubs(scan=None, resolve_period=None):
    """Swap the engine's default scanner and period resolver for the duration of a build."""
    saved = engine._default_scan, engine._default_resolve_period
    if scan is not None:
        engine._default_scan = lambda: scan
    if resolve_period is not None:
        engine._default_resolve_period = lambda: resolve_period
    try:
        yield
    finally:
        engine._default_scan, engine._default_resolve_period = saved


class Repo:
    """A synthetic corpus: one source, its declarations, a tiny registry; builds into ``out``.

    ``build()`` writes the corpus into ``root/corpus`` (laid out like the repository:
    data/sources, data/entities.toml, data/metrics.toml, extract/extractors) and runs
    :func:`extract.build.build` on it, with the stub scanner and period resolver.
    """

    def __init__(self, root: Path):
        self.root = root
        self.corpus = root / "corpus"
        self.source = make_source(root / "sources")
        self.out = root / "data"

    def write(self, figures=None, dismissed=None, *, sources=None, entities=None, metrics=None) -> Path:
        """Lay the corpus out on disk; returns its root."""
        figures = good_figures() if figures is None else figures
        dismissed = good_dismissed() if dismissed is None else dismissed
        sources = [self.source] if sources is None else sources
        shutil.rmtree(self.corpus, ignore_errors=True)
        data, extractors = self.corpus / "data", self.corpus / "extract" / "extractors"
        extractors.mkdir(parents=True)
        for s in sources:
            write_source(data / "sources", s)
            PENDING[s.source_id] = (list(figures), list(dismissed))
            (extractors / f"{s.source_id}.py").write_text(
                f"import conftest\n\nFIGURES, DISMISSED = conftest.PENDING[{s.source_id!r}]\n", encoding="utf-8")
        write_entities(data / "entities.toml", ENTITIES if entities is None else entities)
        write_metrics(data / "metrics.toml", METRICS if metrics is None else metrics)
        return self.corpus

    def build(self, figures=None, dismissed=None, *, out: Path | None = None, sources=None,
              entities=None, metrics=None, scan=stub_scan, resolve_period=stub_resolve_period, **kw):
        root = self.write(figures, dismissed, sources=sources, entities=entities, metrics=metrics)
        with engine_stubs(scan, resolve_period):
            return _BUILD(out or self.out, root=root, version=kw.pop("version", "0.0.test"), **kw)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (recursively) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


@pytest.fixture(scope="session")
def _good_build(tmp_path_factory) -> Path:
    repo = Repo(tmp_path_factory.mktemp("template"))
    repo.build()
    return repo.out


@pytest.fixture
def built(repo: Repo, _good_build: Path) -> Repo:
    """A repo whose ``out`` already holds a good build (the 'previous tables').

    Built once per session and copied: a build costs ~0.4 s, a copy ~1 ms.
    """
    shutil.copytree(_good_build, repo.out)
    repo.previous = snapshot(repo.out)
    return repo
