"""Signs: the direction word governing a number, the declaration checked against it, the signed change."""
from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from extract.declare import figure
from extract.direction import FALL_WORDS, RISE_WORDS, check_direction, signed, text_direction, value_offset

GROWTH = NS(metric_id="revenue_growth", table="growth")
LEVEL = NS(metric_id="revenue", table="financials")
# Traditional-script and full-width forms a Hong Kong or Taiwan article prints.
TRADITIONAL_FALLS = {"減少": "减少", "縮水": "缩水", "下滑": "下滑", "下跌": "下跌", "縮減": "缩减"}
TRADITIONAL_RISES = {"增長": "增长", "漲幅": "涨幅", "上漲": "上涨", "提升": "提升"}

subjects = st.sampled_from(["营收", "净利润", "淘天集团收入", "經營利潤", "GMV", "月活"])
bases = st.sampled_from(["", "同比", "环比", "較去年同期"])
numbers = st.decimals(min_value="0.1", max_value="999", places=1).map(str)


def _at(sentence: str, number: str) -> int:
    return sentence.rindex(number)


@settings(max_examples=80, deadline=None)
@given(subjects, bases, st.sampled_from(FALL_WORDS), numbers)
def test_a_fall_word_before_the_number_is_a_fall(subject, basis, word, number):
    sentence = f"{subject}{basis}{word}{number}%"
    assert text_direction(sentence, _at(sentence, number)) == ("fall", word)


@settings(max_examples=80, deadline=None)
@given(subjects, bases, st.sampled_from(RISE_WORDS), numbers)
def test_a_rise_word_before_the_number_is_a_rise(subject, basis, word, number):
    sentence = f"{subject}{basis}{word}{number}%"
    assert text_direction(sentence, _at(sentence, number)) == ("rise", word)


@pytest.mark.parametrize("word, simplified", [*TRADITIONAL_FALLS.items(), *TRADITIONAL_RISES.items()])
def test_traditional_script_reads_as_its_simplified_word(word, simplified):
    sentence = f"公司營收同比{word}１２％"
    found = text_direction(sentence, sentence.index("１２"))
    assert found is not None and found[1] == simplified
    assert found[0] == ("fall" if word in TRADITIONAL_FALLS else "rise")


@pytest.mark.parametrize("sentence, number, expected", [
    ("收入增长20%,利润却下降5%", "5%", "fall"),       # the word of the number's own clause
    ("收入增长20%,利润却下降5%", "20%", "rise"),
    ("两年的增幅分别为49.2%、68%", "68%", "rise"),     # a list shares its word
    ("下降的只是成本,营收为1,200亿元", "1,200亿元", None),  # a thousands separator is not a clause end
    ("阿里云AI业务连续六个季度实现三位数增长", "三位数", "rise"),  # the word after the number
    ("员工超过12万人", "12万", None),
])
def test_the_word_is_read_in_the_numbers_clause(sentence, number, expected):
    found = text_direction(sentence, sentence.index(number))
    assert (found[0] if found else None) == expected


def _declared(quote, value_text, **kw):
    return figure(quote, value_text, entity="x", metric=kw.pop("metric", "revenue_growth"), period="2024",
                  scope="s", value=kw.pop("value", 5), unit="percent", **kw)


def test_a_fall_declared_as_a_plain_growth_fails_naming_the_line():
    problems = check_direction(_declared("利润同比下降5%", "5%"), GROWTH, "x.py:7")
    assert len(problems) == 1 and problems[0].startswith("x.py:7: the text words a fall (下降)")
    assert 'direction="fall"' in problems[0]


def test_a_declared_fall_the_text_words_as_a_rise_fails():
    problems = check_direction(_declared("利润同比增长5%", "5%", direction="fall"), GROWTH, "x.py:9")
    assert problems == ['x.py:9: direction="fall" declared but the text words a rise (增长) for 5% '
                       'in quote "利润同比增长5%"']


@pytest.mark.parametrize("quote, value_text, value, high", [
    ("跌幅介乎-5%至-3%之間", "-5%至-3%", -5, -3), ("收入按季下跌-5%", "-5%", -5, None),
    ("利润同比下降负3%", "负3%", -3, None), ("營收按年減少-2.5%", "-2.5%", -2.5, None),
])
def test_a_number_the_text_signs_needs_no_direction_beside_a_fall_word(quote, value_text, value, high):
    kw = {"value_high": high} if high is not None else {}
    assert check_direction(_declared(quote, value_text, value=value, **kw), GROWTH, "x") == []
    problems = check_direction(_declared(quote, value_text, value=value, direction="fall", **kw), GROWTH, "x")
    assert len(problems) == 1 and "declare no direction" in problems[0]


def test_the_sign_the_table_gives_a_worded_fall_is_shown_as_numbers():
    (problem,) = check_direction(_declared("利润同比下降3%至5%", "3%至5%", value=3, value_high=5), GROWTH, "x")
    assert "(the table signs it -5 to -3)" in problem


def test_agreeing_declarations_pass():
    assert check_direction(_declared("利润同比下降5%", "5%", direction="fall"), GROWTH, "x") == []
    assert check_direction(_declared("利润同比增长5%", "5%"), GROWTH, "x") == []
    assert check_direction(_declared("利润同比增长5%", "5%", direction="rise"), GROWTH, "x") == []


def test_direction_on_a_level_metric_or_an_unknown_word_is_refused():
    assert "not a change" in check_direction(_declared("收入5亿", "5亿", direction="fall"), LEVEL, "x")[0]
    assert "must be one of" in check_direction(_declared("下降5%", "5%", direction="down"), GROWTH, "x")[0]


def test_value_nth_picks_the_occurrence():
    assert value_offset("增长5%,下降5%", "5%", 2) == 7


def test_signed_swaps_the_ends_of_a_falling_range():
    assert signed(3.0, 5.0, "fall") == (-5.0, -3.0)
    assert signed(3.0, None, None) == (3.0, None)


def test_the_build_refuses_a_fall_declared_without_its_direction(tmp_path):
    """End to end through the engine: take a real declaration of a fall, drop its direction."""
    from extract.corpus import Corpus, check_source_id
    from extract.registry import load_entities, load_metrics

    root = ct.copy_corpus(tmp_path)
    corpus = Corpus.at(root)
    for path in sorted(corpus.extractors.glob("*.py")):
        calls = [c for c in ct.figure_calls(path) if c.kwargs.get("direction") == "fall"]
        if calls:
            break
    else:
        pytest.skip("no declaration of a fall in the corpus")
    text = ct.call_text(path, calls[0])
    ct.replace_call(path, calls[0], text.replace(' direction="fall",', ""))
    outcome = check_source_id(path.stem, corpus, load_entities(corpus.entities), load_metrics(corpus.metrics))
    assert any(f"{path.name}:" in e and 'declare direction="fall"' in e for e in outcome.errors), outcome.errors
