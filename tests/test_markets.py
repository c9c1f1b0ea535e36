"""Markets come from the registry: a market share whose scope names no registered market
fails the build, with a suggestion and the file to edit."""
from __future__ import annotations

import pyarrow as pa
import pytest

import ai_consumer_metrics as acm
from ai_consumer_metrics.consistency import AnalysisError
from extract.analysis import arrow_tables, derive
from extract.engine import BuildError
from extract.registry import load_entities, load_markets, load_metrics


@pytest.fixture
def shipped():
    return acm.load("figures"), acm.load("sources")


def _a_share(figures):
    shares = figures.index[figures["metric"].map(lambda m: load_metrics()[m].table) == "market_shares"]
    assert len(shares), "the shipped figures hold market shares"
    return shares[0]


def test_the_shipped_figures_name_registered_markets(shipped):
    figures, sources = shipped
    tables = derive(figures, load_entities(), load_metrics(), sources)
    assert set(tables["market_shares"]["market"]) <= set(load_markets())


def _unknown_market_cases():
    """(market, hint) from the registry itself, so new markets cannot change what is expected."""
    known = sorted(load_markets())
    # a known name with its last letter lost (and not itself a market): the close one is named
    typo, name = next((k[:-1], k) for k in known if k[:-1] not in known)
    return [("Zqx unregistered market 7", "(known: "),  # like no market at all: the known ones are listed
            (typo, f"(did you mean {name!r}?)")]


@pytest.mark.parametrize("market, hint", _unknown_market_cases())
def test_an_unknown_market_is_refused_with_a_suggestion(shipped, market, hint):
    figures, sources = shipped
    i = _a_share(figures)
    figures.loc[i, "scope"] = market
    with pytest.raises(AnalysisError) as exc:
        derive(figures, load_entities(), load_metrics(), sources)
    message = str(exc.value)
    assert f"figure {figures.loc[i, 'figure_id']} of {figures.loc[i, 'source_id']}: unknown market {market!r}" in message
    assert hint in message and "data/entities.toml" in message


def test_the_build_hook_reports_an_unknown_market_as_a_build_error(shipped):
    figures, sources = shipped
    i = _a_share(figures)
    figures.loc[i, "scope"] = "China AI assistants"
    tables = {"figures": pa.Table.from_pandas(figures), "sources": pa.Table.from_pandas(sources)}
    with pytest.raises(BuildError) as exc:
        arrow_tables(tables, load_entities(), load_metrics())
    assert any("unknown market 'China AI assistants'" in e for e in exc.value.errors)


def test_the_entities_table_carries_the_market_names(shipped):
    entities = acm.load("entities")
    named = entities.dropna(subset=["market_name"])
    assert set(named["market_name"]) == set(load_markets())
    assert set(named["kind"]) == {"market"}
    # and the built table's categories are the registry's
    registry = load_entities()
    assert dict(zip(entities["entity_id"], entities["category"])) == {k: e.category for k, e in registry.items()}
