"""Adding a source end to end: ``python -m extract new``, review the draft, build, load.

Runs on a temporary copy of the repository layout (data/ and extract/steps/) with
the real scanner, periods and registries, and an article written here.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.build import build
from extract.engine import BuildError
from extract.new import NewSourceError, new_source

REPO = Path(__file__).resolve().parent.parent
SID = "2026-03-05-test-ai-apps"
ARTICLE = """导航：首页 > 科技

AI应用观察：豆包与千问的一季度

据QuestMobile数据，2026年2月豆包月活跃用户达3.2亿，在中国AI应用中的市场份额为35.5%。

阿里巴巴2025年研发投入超过200亿元，营收同比增长12.5%。

蚂蚁集团旗下的安诊儿已接入近百家医院。

（完）
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "extract").mkdir(parents=True)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "extract" / "steps", root / "extract" / "steps",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def _build(root: Path, out: Path):
    return build(out, sources_root=root / "data" / "sources", steps_dir=root / "extract" / "steps",
                 entities_path=root / "data" / "entities.toml", metrics_path=root / "data" / "metrics.toml",
                 version="0.0.0-test")


def _new(article: Path, root: Path):
    return new_source(article, source_id=SID, title="AI应用观察：豆包与千问的一季度", publisher="测试日报",
                      published="2026-03-05", url="https://example.com/a", authors=["张三"], root=root)


def _claims(code: str) -> list[str]:
    return re.findall(r"    figure\(.*?\n    \),", code, flags=re.S)


def _review(code: str, fixes: dict[str, dict[str, str]]) -> str:
    """Do what a person does: fix the guesses of the claims named (by value_text), confirm them."""
    out = code
    for block in _claims(code):
        value_text = re.search(r'figure\([^\n]*\n\s+"[^"]*",\n\s+"([^"]*)"', block)[1]
        if value_text not in fixes:
            continue
        new = block.replace("        reviewed=False,\n", "")
        for key, val in fixes[value_text].items():
            new, n = re.subn(rf'{key}="[^"]*"', f'{key}="{val}"', new)
            assert n == 1, (key, block)
        out = out.replace(block, new)
    return out


def test_new_archives_bytes_and_writes_valid_metadata(article, repo):
    result = _new(article, repo)
    txt = repo / "data" / "sources" / f"{SID}.txt"
    assert txt.read_bytes() == article.read_bytes()
    meta = json.loads(result.meta_path.read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    from extract.sources import REQUIRED_KEYS, read_source

    assert set(meta) == set(REQUIRED_KEYS)
    src = read_source(SID, root=repo / "data" / "sources")
    assert src.body == ARTICLE.strip()
    assert meta["script"] == "Hans" and meta["published"] == "2026-03-05"


def test_draft_is_python_with_one_unreviewed_claim_per_figure(article, repo):
    result = _new(article, repo)
    code = result.extractor_path.read_text(encoding="utf-8")
    compile(code, str(result.extractor_path), "exec")
    claims = _claims(code)
    assert result.n_claims == len(claims) == 5
    assert all("reviewed=False" in c for c in claims)
    by_value = {re.search(r'\n\s+"([^"]*)",\n\s+entity', c)[1]: c for c in claims}
    assert set(by_value) == {"3.2亿", "35.5%", "超过200亿元", "12.5%", "近百家"}
    # Guesses from cue words and the registry's aliases.
    assert 'entity="doubao", metric="mau", period="2026年2月"' in by_value["3.2亿"]
    assert 'unit="persons"' in by_value["3.2亿"] and "unit_implied=True" in by_value["3.2亿"]
    assert 'metric="market_share"' in by_value["35.5%"]
    assert 'entity="alibaba_group", metric="rd_spend"' in by_value["超过200亿元"]
    assert 'qualifier="at_least"' in by_value["超过200亿元"]
    assert 'metric="revenue_growth"' in by_value["12.5%"]
    assert 'entity="anzhener", metric="hospitals"' in by_value["近百家"]
    assert "value=20_000_000_000" in by_value["超过200亿元"]
    # Each quote is the sentence, verbatim and unique in the source.
    assert '"阿里巴巴2025年研发投入超过200亿元，营收同比增长12.5%。"' in by_value["12.5%"]
    assert "How to review" in code


def test_reviewed_draft_builds_and_figures_load_with_citations(article, repo, tmp_path):
    result = _new(article, repo)
    code = result.extractor_path.read_text(encoding="utf-8")
    code = _review(code, {
        "3.2亿": {"scope": "China AI apps", "period": "2026年2月"},
        "35.5%": {"scope": "China AI apps"},
        "超过200亿元": {"scope": "Alibaba Group R&D"},
        "12.5%": {"scope": "Alibaba Group revenue"},
        "近百家": {"scope": "hospitals using 安诊儿", "period": "至今"},
    })
    assert "reviewed=False" not in code.split('"""', 2)[2]
    result.extractor_path.write_text(code, encoding="utf-8")
    out = tmp_path / "out"
    report = _build(repo, out)
    assert report.results[SID].counts["unaccounted"] == 0

    import ai_consumer_metrics as acm
    from ai_consumer_metrics import store as _data

    figures = _data.load("figures", out)
    mine = figures[figures["source_id"] == SID].set_index("value_text")
    assert len(mine) == 5
    assert mine.loc["3.2亿", "metric"] == "mau" and mine.loc["3.2亿", "value"] == 320_000_000
    assert mine.loc["3.2亿", "period"] == "2026-02"
    assert mine.loc["35.5%", "value"] == 35.5
    assert mine.loc["超过200亿元", "qualifier"] == "at_least"
    text = (repo / "data" / "sources" / f"{SID}.txt").read_text(encoding="utf-8")
    for _, row in mine.iterrows():
        assert text[row["quote_start"]:row["quote_end"]] == row["quote"]
        assert text[row["value_start"]:row["value_end"]] == row.name
    sources = _data.load("sources", out).set_index("source_id")
    assert sources.loc[SID, "publisher"] == "测试日报"
    cited = acm.cite(mine.reset_index().iloc[0], data_dir=out)
    assert "测试日报" in cited and "豆包月活跃用户达3.2亿" in cited


def test_unreviewed_claim_fails_the_build_and_keeps_previous_tables(article, repo, tmp_path):
    out = tmp_path / "out"
    _build(repo, out)  # the five seeds build: these are the previous tables
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = _new(article, repo)
    code = result.extractor_path.read_text(encoding="utf-8")
    # Review every claim but the 近百家 one.
    code = _review(code, {v: {"scope": "x"} for v in ("3.2亿", "35.5%", "超过200亿元", "12.5%")})
    result.extractor_path.write_text(code, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        _build(repo, out)
    lines = [e for e in err.value.errors if "unreviewed" in e]
    assert len(lines) == 1, err.value.errors
    line_no = next(i for i, l in enumerate(code.splitlines(), 1)
                   if l.strip().startswith("figure(") and '"近百家"' in "\n".join(code.splitlines()[i:i + 3]))
    assert f"s{SID.replace('-', '_')}.py:{line_no}: unreviewed claim: confirm or dismiss it" in lines[0]
    assert "蚂蚁集团旗下的安诊儿已接入近百家医院" in lines[0]
    assert "\n" not in lines[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_command_line_refuses_overwrite_bad_id_and_non_utf8(article, repo, tmp_path):
    cmd = [sys.executable, "-m", "extract", "new", str(article), "--title", "t", "--publisher", "p",
           "--date", "2026-03-05", "--root", str(repo)]
    ok = subprocess.run(cmd + ["--id", SID], capture_output=True, text=True, cwd=REPO)
    assert ok.returncode == 0, ok.stderr
    assert "body_start" in ok.stdout and "5 unreviewed claim(s)" in ok.stdout
    again = subprocess.run(cmd + ["--id", SID], capture_output=True, text=True, cwd=REPO)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    bad_id = subprocess.run(cmd + ["--id", "../evil"], capture_output=True, text=True, cwd=REPO)
    assert bad_id.returncode == 1 and "not a safe slug" in bad_id.stderr
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(ARTICLE.encode("gbk"))
    cmd[4] = str(gbk)
    refused = subprocess.run(cmd + ["--id", "2026-03-05-gbk"], capture_output=True, text=True, cwd=REPO)
    assert refused.returncode == 1 and "not valid UTF-8" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not list((repo / "data" / "sources").glob("2026-03-05-gbk*"))


def test_bad_date_leaves_nothing_behind(article, repo):
    with pytest.raises(NewSourceError, match="not a valid date"):
        new_source(article, source_id=SID, title="t", publisher="p", published="2026-02-30", root=repo)
    assert not list((repo / "data" / "sources").glob(f"{SID}*"))
    assert not list((repo / "extract" / "steps").glob("s2026_03_05*"))


def test_unreviewed_dismissal_is_refused_too(repo, tmp_path, article):
    result = _new(article, repo)
    code = _review(result.extractor_path.read_text(encoding="utf-8"), {v: {"scope": "x"} for v in
                                                                      ("3.2亿", "35.5%", "超过200亿元", "12.5%")})
    block = [b for b in _claims(code) if '"近百家"' in b][0]
    code = code.replace(block, "").replace(
        "DISMISSED = [\n",
        'DISMISSED = [\n    dismiss("安诊儿已接入近百家医院", "近百家", reason="not_business_figure", reviewed=False),\n')
    result.extractor_path.write_text(code, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        _build(repo, tmp_path / "out")
    assert [e for e in err.value.errors if "unreviewed dismissal" in e and "近百家" in e]
    assert not [e for e in err.value.errors if "unaccounted" in e]


def test_entity_guess_stays_in_the_sentence_of_the_number(tmp_path, repo):
    """A name in an earlier sentence is not carried to unrelated numbers after it."""
    article = tmp_path / "yuanbao.txt"
    article.write_bytes("腾讯元宝月活跃用户达到1亿，阿里巴巴营收同比增长12.5%。\n本文共1500字。\n"
                        "下单即送20元优惠券，数量有限。\n".encode("utf-8"))
    result = new_source(article, source_id="2026-03-06-test-yuanbao", title="元宝", publisher="测试日报",
                        published="2026-03-06", root=repo)
    code = result.extractor_path.read_text(encoding="utf-8")
    by_value = {re.search(r'\n\s+"([^"]*)",\n\s+entity', c)[1]: c for c in _claims(code)}
    assert set(by_value) >= {"1亿", "12.5%", "1500字", "20元"}, sorted(by_value)
    assert 'entity="yuanbao", metric="mau"' in by_value["1亿"]
    # Same sentence, next clause: the nearest name before the number still counts.
    assert 'entity="alibaba_group", metric="revenue_growth"' in by_value["12.5%"]
    for value_text in ("1500字", "20元"):
        assert 'entity="TODO"' in by_value[value_text] and "no entity named nearby" in by_value[value_text]


def test_entity_named_after_the_number_only_counts_in_its_clause():
    from extract.guess import Guesser
    from extract.registry import load_entities, load_metrics

    g = Guesser(load_entities(REPO / "data" / "entities.toml"), load_metrics(REPO / "data" / "metrics.toml"))
    assert g.entity("3.2亿月活跃用户的豆包", 0) == "doubao"
    assert g.entity("共有3.2亿用户，豆包排名第一", 2) is None
    assert g.entity("本文共1500字", 3) is None
