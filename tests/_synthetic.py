"""A small synthetic dataset for the analysis, citation, dictionary and CLI tests.

Built by hand, independent of the archived articles and of the build, so those
tests run (and can fail) before and regardless of the real tables. The figures
are plausible but invented; nothing here is shipped.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

GINLIX = "2026-02-10-ginlix-qwen-ticketing"
LIUHAI = "2025-05-liuhai-alibaba-ai-rebuild"


def fid(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()[:12]


def _figure(n, source_id, entity_id, metric, value, unit, quote, value_text, *, period="2024",
            start="2024-01-01", end="2024-12-31", scope="China e-commerce", qualifier="exact",
            value_high=None, attributed_to=None, via=None, reference=None, note=None, at=100):
    q0 = at + 40 * n
    v0 = q0 + quote.index(value_text)
    return {
        "figure_id": fid(n), "source_id": source_id, "entity_id": entity_id, "metric": metric,
        "value": float(value), "value_high": None if value_high is None else float(value_high),
        "unit": unit, "unit_implied": False, "qualifier": qualifier, "period": period,
        "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end), "scope": scope,
        "quote": quote, "quote_start": q0, "quote_end": q0 + len(quote),
        "value_text": value_text, "value_start": v0, "value_end": v0 + len(value_text),
        "attributed_to": attributed_to, "via": via, "reference": reference, "note": note,
    }


def figures() -> pd.DataFrame:
    rows = [
        _figure(1, LIUHAI, "taotian_group", "market_share", 33, "percent", "阿里淘天占比33%", "33%"),
        _figure(2, LIUHAI, "jd_com", "market_share", 17, "percent", "京東17%", "17%"),
        _figure(3, LIUHAI, "pinduoduo", "market_share", 19, "percent", "拼多多19%", "19%"),
        _figure(4, LIUHAI, "douyin_ecommerce", "market_share", 18, "percent", "抖音電商18%", "18%"),
        _figure(5, LIUHAI, "others", "market_share", 13, "percent", "其余13%則由視頻號瓜分", "13%"),
        _figure(6, GINLIX, "qwen_app", "mau", 1.55e8, "persons", "千问月活跃用户约1.55亿", "约1.55亿",
                qualifier="approx", period="2026-01", start="2026-01-01", end="2026-01-31",
                scope="China AI apps", attributed_to="QuestMobile", via="新浪财经", reference="[3]"),
        _figure(7, GINLIX, "qwen_app", "dau", 1.0e7, "persons", "日活超过1000万", "超过1000万",
                qualifier="at_least", period="2026-01", start="2026-01-01", end="2026-01-31",
                scope="China AI apps", reference="[2]"),
        _figure(8, GINLIX, "alibaba_cloud", "revenue", 39_824_000_000, "CNY",
                "阿里云收入虽同比增长34%至398.24亿元", "398.24亿元", period="2025-Q3",
                start="2025-07-01", end="2025-09-30", scope="Alibaba Cloud Intelligence"),
        _figure(9, GINLIX, "alibaba_cloud", "revenue_growth", 34, "percent",
                "阿里云收入虽同比增长34%至398.24亿元", "34%", period="2025-Q3",
                start="2025-07-01", end="2025-09-30", scope="Alibaba Cloud Intelligence"),
        _figure(10, LIUHAI, "xiaohongshu", "ctr_growth", 20, "percent",
                "點(diǎn)擊率提升了20%", "20%", scope="brand notes on Xiaohongshu"),
        _figure(11, GINLIX, "alipay", "merchants", 4.0e6, "establishments", "超过400万家商户接入",
                "超过400万家", qualifier="at_least", period="as of 2026-02",
                start="2026-02-01", end="2026-02-28", scope="Alipay merchant services"),
        _figure(12, LIUHAI, "taobao", "market_share", 83.6, "percent", "2007年淘寶市場占有率高達83.6%",
                "83.6%", period="2007", start="2007-01-01", end="2007-12-31",
                scope="China C2C e-commerce", attributed_to="艾瑞咨询"),
        _figure(13, GINLIX, "alibaba_group", "capex_plan", 3.8e11, "CNY",
                "三年内投入超3800亿元用于云和AI基础设施建设", "超3800亿元", qualifier="at_least",
                period="2025-02", start="2025-02-01", end="2025-02-28", scope="cloud and AI infrastructure"),
    ]
    df = pd.DataFrame(rows)
    for col in ("figure_id", "source_id", "entity_id", "metric", "unit", "qualifier", "period", "scope",
                "quote", "value_text", "attributed_to", "via", "reference", "note"):
        df[col] = df[col].astype("string")
    for col in ("period_start", "period_end"):
        df[col] = df[col].astype("datetime64[ms]")
    for col in ("quote_start", "quote_end", "value_start", "value_end"):
        df[col] = df[col].astype("int64")
    df["value_high"] = df["value_high"].astype("float64")
    return df


ENTITY_PARENTS = {
    "alibaba_group": None, "taotian_group": "alibaba_group", "taobao": "taotian_group",
    "alibaba_cloud": "alibaba_group", "qwen_app": "alibaba_group", "jd_com": None,
    "pinduoduo": None, "douyin_ecommerce": "bytedance", "bytedance": None, "others": None,
    "xiaohongshu": None, "alipay": "ant_group", "ant_group": None,
}

METRIC_TABLES = {
    "market_share": "market_shares", "mau": "user_metrics", "dau": "user_metrics",
    "revenue": "financials", "capex_plan": "financials", "revenue_growth": "growth",
    "ctr_growth": "growth", "merchants": "other_figures",
}


def entities() -> pd.DataFrame:
    ids = sorted(ENTITY_PARENTS)
    return pd.DataFrame({
        "entity_id": ids, "name_en": [i.replace("_", " ").title() for i in ids], "name_zh": ["实体"] * len(ids),
        "kind": ["other" if i == "others" else "company" for i in ids],
        "category": ["other" if i == "others" else "shopping" for i in ids],
        "parent": [ENTITY_PARENTS[i] for i in ids], "aliases": [None] * len(ids),
        "fiscal_year_end": ["12-31"] * len(ids), "market_name": [None] * len(ids), "note": [None] * len(ids),
    }).astype({c: "string" for c in ("entity_id", "name_en", "name_zh", "kind", "category", "parent", "aliases",
                                      "fiscal_year_end", "market_name", "note")})


def metrics() -> pd.DataFrame:
    ids = sorted(METRIC_TABLES)
    return pd.DataFrame({
        "metric_id": ids, "name": ids, "description": [f"the {i}" for i in ids],
        "allowed_units": ["percent" if METRIC_TABLES[i] in ("market_shares", "growth") else
                          "persons" if METRIC_TABLES[i] == "user_metrics" else
                          "establishments" if i == "merchants" else "CNY; USD; HKD" for i in ids],
        "table": [METRIC_TABLES[i] for i in ids],
        "note": ["Year on year unless the figure says otherwise." if i == "revenue_growth" else None
                 for i in ids],
    }).astype("string")


def sources() -> pd.DataFrame:
    df = pd.DataFrame([
        {"source_id": GINLIX, "title": "千问接入大麦:一句话买票", "publisher": "Ginlix AI",
         "publisher_en": "Ginlix AI", "platform": None,
         "authors": None, "published": pd.Timestamp("2026-02-10"), "published_precision": "day",
         "published_estimated": False, "published_note": None, "url": "https://example.org/ginlix",
         "language": "zh", "script": "Hans", "sha256": "a" * 64, "body_start": 0, "body_end": 9000,
         "rights": "quoted for citation", "notes": None, "n_figures": 0},
        {"source_id": LIUHAI, "title": "阿里想靠AI重構阿里", "publisher": "刘海",
         "publisher_en": "Liu Hai", "platform": "知乎",
         "authors": "刘海; 王五", "published": pd.Timestamp("2025-05-01"), "published_precision": "month",
         "published_estimated": True, "published_note": "no date in the text; estimated from content",
         "url": None, "language": "zh", "script": "Hant", "sha256": "b" * 64, "body_start": 0,
         "body_end": 9000, "rights": "quoted for citation", "notes": None, "n_figures": 0},
    ])
    counts = figures()["source_id"].value_counts()
    df["n_figures"] = [int(counts.get(s, 0)) for s in df["source_id"]]
    for col in ("source_id", "title", "publisher", "publisher_en", "platform", "authors", "published_precision",
                "published_note", "url", "language", "script", "sha256", "rights", "notes"):
        df[col] = df[col].astype("string")
    df["published"] = df["published"].astype("datetime64[ms]")
    df["body_start"] = df["body_start"].astype("int64")
    df["body_end"] = df["body_end"].astype("int64")
    return df


def references() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": [GINLIX, GINLIX, GINLIX], "n": [1, 2, 3],
        "publisher": ["财联社", "网易新闻", "新浪财经"], "title": ["t1", "t2", "t3"],
        "url": ["https://cls.cn/1", None, "https://finance.sina.com.cn/3"],
    }).astype({"source_id": "string", "publisher": "string", "title": "string", "url": "string",
               "n": "int64"})


def coverage() -> pd.DataFrame:
    """One claimed mention per figure, as the engine records it."""
    f = figures()
    df = pd.DataFrame({
        "source_id": f["source_id"], "start": f["value_start"], "end": f["value_end"],
        "text": f["value_text"], "kind": "quantity", "value": f["value"], "value_high": f["value_high"],
        "unit": f["unit"], "qualifier": f["qualifier"], "status": "claimed", "reason": None,
        "figure_ids": f["figure_id"], "note": None,
    })
    for col in ("source_id", "text", "kind", "unit", "qualifier", "status", "reason", "figure_ids", "note"):
        df[col] = df[col].astype("string")
    return df.sort_values(["source_id", "start"]).reset_index(drop=True)


def analysis_tables() -> dict[str, pd.DataFrame]:
    from extract.analysis import derive

    return derive(figures(), entities(), metrics(), sources())


def write_dataset(out_dir: Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write Parquet files with the schemas' Arrow metadata and a manifest, as the build does."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ai_consumer_metrics import schemas

    if tables is None:
        tables = {"figures": figures(), "sources": sources(), "source_references": references(),
                  "entities": entities(), "metrics": metrics(), "coverage": coverage(),
                  **analysis_tables()}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"dataset": "ai-consumer-metrics", "version": "0.0.0-test", "tables": {}}
    for name, df in tables.items():
        schema = schemas.arrow_schema(name)
        table = pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
        table = table.replace_schema_metadata(schema.metadata)
        path = out_dir / f"{name}.parquet"
        pq.write_table(table, path)
        manifest["tables"][name] = {
            "file": path.name, "rows": len(df), "columns": schema.names,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "description": schemas.table_description(name),
        }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return out_dir
