"""The registries load, and every validation rule rejects a bad file with a message naming file and entry."""
from __future__ import annotations

import json
import re
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.registry import (
    ENTITIES_PATH,
    ENTITY_CATEGORIES,
    METRICS_PATH,
    TABLE_UNITS,
    RegistryError,
    alias_index,
    ancestors,
    load_entities,
    load_markets,
    load_metrics,
    market_index,
    top_group,
    unknown_markets,
)

GOOD_ENTITIES = """
[alibaba_group]
name_en = "Alibaba Group"
name_zh = "阿里巴巴集团"
kind = "company"
aliases = ["阿里巴巴", "阿里"]
fiscal_year_end = "03-31"

[qwen_app]
name_en = "Qwen app"
name_zh = "千问"
kind = "app"
parent = "alibaba_group"
aliases = ["千问App", "通义千问"]
"""

GOOD_METRICS = """
[mau]
name = "Monthly active users"
description = "Distinct users active in a month."
allowed_units = ["persons"]
table = "user_metrics"
"""


def write(tmp_path: Path, text: str, name: str = "reg.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entities_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as info:
        load_entities(path)
    message = str(info.value)
    assert str(path) in message  # every error names the file
    return message


def metrics_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as info:
        load_metrics(path)
    message = str(info.value)
    assert str(path) in message
    return message


# ------------------------------------------------------------------ good files


def test_small_entity_file_loads_with_defaults(tmp_path):
    entities = load_entities(write(tmp_path, GOOD_ENTITIES))
    qwen = entities["qwen_app"]
    assert qwen.entity_id == "qwen_app"
    assert qwen.parent == "alibaba_group"
    assert qwen.aliases == ("千问App", "通义千问")
    assert qwen.fiscal_year_end == "12-31"  # default when absent
    assert entities["alibaba_group"].fiscal_year_end == "03-31"
    assert entities["alibaba_group"].parent is None
    assert ancestors(entities, "qwen_app") == ["alibaba_group"]


def test_alias_index_is_case_insensitive(tmp_path):
    index = alias_index(load_entities(write(tmp_path, GOOD_ENTITIES)))
    assert index["千问app"] == "qwen_app"
    assert index["alibaba group"] == "alibaba_group"


def test_small_metric_file_loads(tmp_path):
    metrics = load_metrics(write(tmp_path, GOOD_METRICS))
    assert metrics["mau"].allowed_units == ("persons",)
    assert metrics["mau"].table == "user_metrics"
    assert metrics["mau"].note == ""


# ------------------------------------------------------------------ the shipped registries


def test_shipped_entities_load_and_cover_the_seed_articles():
    entities = load_entities()
    for needed in (
        "alibaba_group", "taotian_group", "alibaba_ecommerce_business_group", "alibaba_cloud",
        "qwen_app", "quark", "ant_group", "alipay", "lingguang", "zhixiaobao", "anzhener",
        "ant_digital_technologies", "oceanbase", "bytedance", "doubao", "douyin_ecommerce",
        "kuaishou_ecommerce", "tencent", "tencent_fintech_business_services", "yuanbao",
        "pinduoduo", "jd_com", "xiaohongshu", "baidu", "ernie_bot", "deepseek", "damai",
        "china_ecommerce_market", "china_ai_cloud_market", "others",
    ):
        assert needed in entities, needed
    assert entities["qwen_app"].parent == "alibaba_group"
    assert entities["alipay"].parent == "ant_group"
    assert entities["doubao"].parent == "bytedance"
    assert entities["yuanbao"].parent == "tencent"
    assert entities["taotian_group"].parent == "alibaba_group"
    assert entities["alibaba_group"].fiscal_year_end == "03-31"
    assert entities["ant_group"].fiscal_year_end == "12-31"
    index = alias_index(entities)
    for alias in ("千问", "通义千问", "qwen", "千问app"):
        assert index[alias] == "qwen_app", alias


def test_shipped_metrics_load():
    metrics = load_metrics()
    assert metrics["market_share"].allowed_units == ("percent",)
    assert metrics["market_share"].table == "market_shares"
    assert metrics["capex"].table == "financials"
    for m in ("mau", "dau", "wau", "users"):
        assert metrics[m].table == "user_metrics"
        assert metrics[m].allowed_units == ("persons",)


@pytest.mark.parametrize("path", [ENTITIES_PATH, METRICS_PATH], ids=["entities", "metrics"])
def test_shipped_tables_are_in_alphabetical_order(path):
    # The ordering rule is what lets two people append without colliding.
    ids = [m[1] for m in re.finditer(r"(?m)^\[([^\]]+)\]\s*$", path.read_text(encoding="utf-8"))]
    assert ids == list(tomllib.loads(path.read_text(encoding="utf-8")))
    assert ids == sorted(ids), f"{path.name}: tables out of alphabetical order"


# ------------------------------------------------------------------ file-level errors


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(RegistryError, match="no such file") as info:
        load_entities(path)
    assert str(path) in str(info.value)


def test_invalid_toml(tmp_path):
    assert "not valid TOML" in entities_error(tmp_path, "[alibaba_group\nname_en = 1\n")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[x]\nname_en = "é"\n'.encode("latin-1"))
    with pytest.raises(RegistryError, match="not UTF-8"):
        load_entities(path)


# ------------------------------------------------------------------ entity checks


@pytest.mark.parametrize("bad_id", ["AlibabaGroup", "alibaba-group", "_alibaba", "alibaba__group", "1688_group", "阿里"])
def test_entity_id_must_be_snake_case(tmp_path, bad_id):
    text = f'["{bad_id}"]\nname_en = "x"\nname_zh = "x"\nkind = "company"\n'
    message = entities_error(tmp_path, text)
    assert bad_id in message and "snake_case" in message


def test_entity_missing_required_key(tmp_path):
    message = entities_error(tmp_path, '[baidu]\nname_en = "Baidu"\nkind = "company"\n')
    assert "[baidu]" in message and "name_zh" in message


def test_entity_unknown_key_catches_typos(tmp_path):
    text = GOOD_ENTITIES.replace('parent = "alibaba_group"', 'parnet = "alibaba_group"')
    message = entities_error(tmp_path, text)
    assert "[qwen_app]" in message and "parnet" in message


def test_entity_empty_name(tmp_path):
    message = entities_error(tmp_path, '[baidu]\nname_en = " "\nname_zh = "百度"\nkind = "company"\n')
    assert "[baidu]" in message and "name_en" in message


def test_entity_kind_from_the_list(tmp_path):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('kind = "app"', 'kind = "application"'))
    assert "[qwen_app]" in message and "'application'" in message and "business_group" in message


def test_entity_parent_must_exist(tmp_path):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('parent = "alibaba_group"', 'parent = "alibaba"'))
    assert "[qwen_app]" in message and "'alibaba'" in message


def test_entity_parent_cycle(tmp_path):
    text = """
[a_co]
name_en = "A"
name_zh = "甲"
kind = "company"
parent = "c_co"

[b_co]
name_en = "B"
name_zh = "乙"
kind = "company"
parent = "a_co"

[c_co]
name_en = "C"
name_zh = "丙"
kind = "company"
parent = "b_co"
"""
    message = entities_error(tmp_path, text)
    assert "cycle" in message and "a_co" in message and "b_co" in message and "c_co" in message


def test_entity_self_parent_is_a_cycle(tmp_path):
    text = '[a_co]\nname_en = "A"\nname_zh = "甲"\nkind = "company"\nparent = "a_co"\n'
    assert "cycle" in entities_error(tmp_path, text)


def test_alias_unique_across_entities(tmp_path):
    text = GOOD_ENTITIES.replace('aliases = ["千问App", "通义千问"]', 'aliases = ["千问App", "阿里"]')
    message = entities_error(tmp_path, text)
    assert "'阿里'" in message and "[alibaba_group]" in message and "[qwen_app]" in message


def test_alias_clash_ignores_case(tmp_path):
    text = GOOD_ENTITIES.replace('aliases = ["阿里巴巴", "阿里"]', 'aliases = ["阿里巴巴", "千问app"]')
    message = entities_error(tmp_path, text)
    assert "千问" in message and "already used" in message


def test_alias_may_not_reuse_another_entitys_name(tmp_path):
    text = GOOD_ENTITIES.replace('aliases = ["千问App", "通义千问"]', 'aliases = ["阿里巴巴集团"]')
    assert "already used" in entities_error(tmp_path, text)


def test_aliases_must_be_a_list_of_strings(tmp_path):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('aliases = ["千问App", "通义千问"]', 'aliases = "千问App"'))
    assert "[qwen_app]" in message and "aliases" in message


@pytest.mark.parametrize("fye", ["3-31", "03-32", "13-31", "02-29", "March"])
def test_fiscal_year_end_must_be_a_real_day(tmp_path, fye):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('"03-31"', f'"{fye}"'))
    assert "[alibaba_group]" in message and "fiscal_year_end" in message


def test_entity_id_key_must_agree_with_table_name(tmp_path):
    text = GOOD_ENTITIES.replace('[qwen_app]\n', '[qwen_app]\nentity_id = "qwen"\n')
    message = entities_error(tmp_path, text)
    assert "[qwen_app]" in message and "'qwen'" in message


def test_entry_must_be_a_table(tmp_path):
    assert "must be a table" in entities_error(tmp_path, 'baidu = "Baidu"\n')


# ------------------------------------------------------------------ metric checks


def test_metric_id_must_be_snake_case(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace("[mau]", "[MonthlyActives]"))
    assert "MonthlyActives" in message and "snake_case" in message


def test_metric_missing_required_key(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace('table = "user_metrics"\n', ""))
    assert "[mau]" in message and "table" in message


def test_metric_unknown_key(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS + 'unit = "persons"\n')
    assert "[mau]" in message and "unit" in message


def test_metric_unit_from_vocabulary(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace('["persons"]', '["people"]'))
    assert "[mau]" in message and "'people'" in message


def test_metric_bare_magnitude_is_not_a_unit(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace('["persons"]', '[""]'))
    assert "[mau]" in message


def test_metric_needs_a_unit(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace('["persons"]', "[]"))
    assert "[mau]" in message and "at least one unit" in message


def test_metric_table_from_the_list(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS.replace('"user_metrics"', '"users"'))
    assert "[mau]" in message and "'users'" in message and "market_shares" in message


def test_metric_unit_must_fit_its_table(tmp_path):
    text = GOOD_METRICS.replace('["persons"]', '["CNY"]')
    message = metrics_error(tmp_path, text)
    assert "[mau]" in message and "'CNY'" in message and "user_metrics" in message


def test_every_table_has_a_unit_family():
    assert set(TABLE_UNITS) == {"market_shares", "user_metrics", "financials", "growth", "other_figures"}


# ------------------------------------------------------------------ every problem at once, one line each


def test_all_problems_of_a_file_are_reported_one_line_each(tmp_path):
    text = GOOD_ENTITIES.replace('kind = "app"', 'kind = "application"').replace(
        'fiscal_year_end = "03-31"', 'fiscal_year_end = "3-31"') + '\n[baidu]\nname_en = "Baidu"\nkind = "company"\n'
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as info:
        load_entities(path)
    lines = str(info.value).splitlines()
    assert len(lines) == len(info.value.args) == 3
    assert all(line.startswith(f"{path}: [") for line in lines)
    assert any("[qwen_app] kind must be one of" in line for line in lines)
    assert any("[alibaba_group] fiscal_year_end '3-31'" in line for line in lines)
    assert any("[baidu] missing key(s): name_zh" in line for line in lines)


def test_unknown_key_suggests_the_close_one(tmp_path):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace("aliases = [\"千问App\"", "alias = [\"千问App\""))
    assert "[qwen_app] unknown key(s): alias (did you mean 'aliases'?)" in message
    assert "allowed: entity_id, name_en" in message  # says which keys there are


def test_wrong_type_names_key_and_value(tmp_path):
    message = metrics_error(tmp_path, GOOD_METRICS + "event = \"yes\"\n")
    assert message.endswith("[mau] event must be true or false, got 'yes'")


def test_default_path_is_shown_relative_to_the_repository(tmp_path, monkeypatch):
    import extract.registry as registry

    bad = registry.ENTITIES_PATH.parent / f".h3-test-{tmp_path.name}.toml"
    bad.write_text('[baidu]\nname_en = "Baidu"\nkind = "company"\n', encoding="utf-8")
    try:
        with pytest.raises(RegistryError) as info:
            load_entities(bad)
    finally:
        bad.unlink()
    assert str(info.value).startswith(f"data/{bad.name}: [baidu] missing key(s): name_zh")


def test_registries_and_errors_pickle():
    # Worker processes receive the registries; errors travel back.
    import pickle

    entities, metrics = load_entities(), load_metrics()
    assert pickle.loads(pickle.dumps(entities)) == entities
    assert pickle.loads(pickle.dumps(metrics)) == metrics
    err = RegistryError("a.toml: [x] kind ...", "a.toml: [y] note ...")
    assert str(pickle.loads(pickle.dumps(err))) == str(err)


# Text JSON can escape for TOML: the Basic Multilingual Plane (JSON writes other characters as surrogate pairs).
_TEXT = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=6)
_TOML_VALUES = st.one_of(st.booleans(), st.integers(-5, 5), _TEXT, st.lists(_TEXT, max_size=3))


@settings(max_examples=150, deadline=None)
@given(key=st.sampled_from(["entity_id", "name_en", "name_zh", "kind", "category", "parent", "aliases",
                            "fiscal_year_end", "market_name", "note", "nmae_en"]),
       value=_TOML_VALUES)
def test_any_value_loads_or_fails_naming_file_entry_and_key(key, value):
    table = {"name_en": "Yi Co", "name_zh": "乙公司", "kind": "market", key: value}
    text = "[yi]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in table.items())  # TOML reads JSON's escapes
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), text)
        try:
            entities = load_entities(path)
        except RegistryError as exc:
            for line in str(exc).splitlines():
                assert line.startswith(f"{path}: [yi] "), line
                assert key in line or key == "parent" and "not an entity" in line or "cycle" in line, line
                assert "pydantic" not in line, line
        else:
            assert entities["yi"].entity_id == "yi"


# ------------------------------------------------------------------ categories


def test_category_defaults_to_unclassified_and_is_a_closed_vocabulary(tmp_path):
    assert load_entities(write(tmp_path, GOOD_ENTITIES))["qwen_app"].category == "unclassified"
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('kind = "app"', 'kind = "app"\ncategory = "chatbot"'))
    assert "[qwen_app] category must be one of ai_assistant, super_app" in message and "'chatbot'" in message


def test_every_shipped_entity_is_classified():
    unclassified = [e.entity_id for e in load_entities().values() if e.category == "unclassified"]
    assert not unclassified, f"data/entities.toml: give these a category: {unclassified}"


def test_the_header_of_entities_toml_explains_every_category():
    header = ENTITIES_PATH.read_text(encoding="utf-8").split("\n[", 1)[0]
    for category in ENTITY_CATEGORIES:
        if category != "unclassified":
            assert f"#{' ' * 22}{category}" in header or f"  {category} " in header, category


def test_entities_the_registry_calls_ai_assistants_are_classified_so():
    # The selection an analyst makes (category == "ai_assistant") must hold every entity
    # whose own name or note says it is an AI assistant, and no super-app or shopping app.
    says = re.compile(r"\bAI\b[\w -]*\bassistant\b", re.I)
    for e in load_entities().values():
        if says.search(e.name_en) or says.search(e.note):
            assert e.category == "ai_assistant", e.entity_id


def test_top_group_follows_the_parent_chain_to_the_top(tmp_path):
    text = GOOD_ENTITIES + '\n[qwen_feature]\nname_en = "F"\nname_zh = "功能"\nkind = "product"\nparent = "qwen_app"\n'
    entities = load_entities(write(tmp_path, text))
    assert top_group(entities, "qwen_feature") == "alibaba_group"
    assert top_group(entities, "alibaba_group") == "alibaba_group"
    for e in load_entities().values():  # the shipped registry: the top is an entity without parent
        assert load_entities()[top_group(load_entities(), e.entity_id)].parent is None


# ------------------------------------------------------------------ markets


MARKETS = GOOD_ENTITIES + """
[china_ai_app_market]
name_en = "China AI app market"
name_zh = "中国AI应用市场"
kind = "market"
market_name = "China AI apps"
"""


def test_markets_are_entities_with_a_market_name(tmp_path):
    path = write(tmp_path, MARKETS)
    markets = load_markets(path)
    assert list(markets) == ["China AI apps"] and markets["China AI apps"].entity_id == "china_ai_app_market"
    assert market_index(load_entities(path)) == {"China AI apps": "china_ai_app_market"}


def test_market_name_only_on_a_market(tmp_path):
    message = entities_error(tmp_path, MARKETS.replace('kind = "market"', 'kind = "company"'))
    assert "[china_ai_app_market] market_name 'China AI apps' needs kind = \"market\"" in message


def test_market_name_is_unique(tmp_path):
    text = MARKETS + '\n[cn_ai]\nname_en = "AI apps"\nname_zh = "AI应用"\nkind = "market"\nmarket_name = "china ai apps"\n'
    message = entities_error(tmp_path, text)
    assert "[cn_ai] market_name 'china ai apps' is already used by [china_ai_app_market]" in message


def test_unknown_market_is_refused_with_a_suggestion(tmp_path):
    entities = load_entities(write(tmp_path, MARKETS))
    rows = [("f1", "2026-01-30-x", "China AI app"), ("f2", "2026-01-30-x", "China AI apps"),
            ("f3", "2026-01-30-x", "Global")]
    lines = unknown_markets(rows, entities)
    assert len(lines) == 2
    assert lines[0].startswith("figure f1 of 2026-01-30-x: unknown market 'China AI app' (did you mean 'China AI apps'?)")
    assert "(known: China AI apps)" in lines[1]
    for line in lines:
        assert "extract/extractors/2026-01-30-x.py" in line and "data/entities.toml" in line


def test_a_registry_without_markets_checks_no_market():
    assert unknown_markets([("f1", "s", "Anything")], load_entities(write_tmp(GOOD_ENTITIES))) == []


def write_tmp(text: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    return write(folder, text)


def test_every_market_of_the_shipped_figures_is_registered():
    import ai_consumer_metrics as acm

    markets = load_markets()
    shares = acm.load("market_shares")
    assert len(shares) and set(shares["market"]) <= set(markets)
    for name, entity in markets.items():
        assert entity.kind == "market", name


def test_a_value_from_a_closed_list_suggests_the_close_one(tmp_path):
    message = entities_error(tmp_path, GOOD_ENTITIES.replace('kind = "app"', 'kind = "apps"'))
    assert message.endswith("got 'apps' (did you mean 'app'?)")
    message = metrics_error(tmp_path, GOOD_METRICS.replace('["persons"]', '["person"]'))
    assert message.endswith("item 0 is 'person' (did you mean 'persons'?)")
