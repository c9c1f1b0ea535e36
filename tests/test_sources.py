"""The archive: the files are the seeds' bytes, the metadata is sound, and every way
the archive can go wrong gives a one-line ArchiveError naming the file."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.sources import DEFAULT_ROOT, OPTIONAL_KEYS, REQUIRED_KEYS, ArchiveError, Source, list_sources, read_source

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"  # present in the team's work tree only

# Every archived source, from the archive itself: adding a source needs no edit here.
IDS = sorted(p.stem for p in DEFAULT_ROOT.glob("*.json"))
SEED_OF = {sid: json.loads((DEFAULT_ROOT / f"{sid}.json").read_text(encoding="utf-8"))["seed_file"] for sid in IDS}
# sha256 of the seed files as handed to the team: the archive must never drift from them,
# even where the seed folder itself is absent (a fresh clone).
SEED_SHA256 = {
    "000_7cdc2e7551ae78a4.txt": "32b3e2047b52ede1dc6c8bf50b46ade0afe97ca7f10667d36ac37985a25ee94f",
    "001_f83ae916aec76218.txt": "4d77a087dab792d9be62288168cea404e5d9ad4e7fef1453fc04850ffe05de44",
    "002_2e7e5f05ccb72b15.txt": "54b6a86ae97f99ce56b82e99ea02a64702cda91e891a6bfda35fe13e0cead0fc",
    "003_f4ccd612babc709f.txt": "e8005003fc0567a99525226ae7e477e7f6c57ad5949e129878757ccb64320345",
    "004_aec1c1457b9d3803.txt": "99aca3d81171056204d92f6bf1dfc37868fc58dc82161ea5af6c49d516b0d76d",
}
# The sources archived from the seeds (later ones were added with `extract new` from their own files).
SEEDED = [sid for sid in IDS if SEED_OF[sid] in SEED_SHA256]


def test_list_sources():
    assert list_sources() == IDS == sorted(p.stem for p in DEFAULT_ROOT.glob("*.txt"))
    assert sorted(SEED_OF[sid] for sid in SEEDED) == sorted(SEED_SHA256), "a seed is missing from the archive"


@pytest.mark.parametrize("sid", SEEDED)
def test_archived_bytes_are_the_seeds(sid):
    data = (DEFAULT_ROOT / f"{sid}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256[SEED_OF[sid]]
    seed = SEEDS / SEED_OF[sid]
    if seed.exists():
        assert data == seed.read_bytes()


@pytest.mark.parametrize("sid", IDS)
def test_every_source_reads_and_its_metadata_is_sound(sid):
    src = read_source(sid)
    assert isinstance(src, Source) and src.source_id == sid
    meta = src.meta
    assert [k for k in meta if k not in OPTIONAL_KEYS] == list(REQUIRED_KEYS)
    assert isinstance(meta["seed_file"], str) and meta["seed_file"]
    assert meta["language"] == "zh"
    assert src.published == dt.date.fromisoformat(meta["published"])
    assert src.body == src.text[src.body_start : src.body_end]
    # the body is trimmed: no leading/trailing blank lines are part of it
    assert src.body == src.body.strip()
    # the id's date prefix agrees with the metadata's date at its precision
    assert sid.startswith(meta["published"][: {"day": 10, "month": 7, "year": 4}[meta["published_precision"]]])


def test_000_body_excludes_site_furniture():
    src = read_source("2026-01-30-yilan-ant-vs-alibaba")
    body = src.body
    for outside in ("违规处罚", "羽毛", "分享到朋友圈", "立即兑换", "鸟哥笔记小乔", "作者/李彦"):
        assert outside not in body and outside in src.text
    assert "日销248万单" in body and "阿里仍有蚂蚁33%的股份" in body
    assert src.meta["publisher"] == "壹览商业" and src.meta["authors"] == ["李彦"]
    assert "木鱼" in src.meta["notes"]


def test_001_body_keeps_the_reference_list_and_the_list_is_parsed():
    src = read_source("2026-02-10-ginlix-qwen-ticketing")
    assert "参考文献" in src.body and "相关阅读推荐" not in src.body and "不构成投资建议" not in src.body
    refs = src.meta["references"]
    assert [r["n"] for r in refs] == list(range(1, 10))
    for r in refs:
        line = f"[{r['n']}] {r['publisher']} - {r['title']}" + (f" ({r['url']})" if r["url"] else "")
        assert re.search("^" + re.escape(line) + "$", src.body, re.M), line
    assert refs[8]["url"] is None and refs[0]["url"] == "https://cls.cn/subject/1321"
    cited = {int(n) for n in re.findall(r"\[(\d)\]", src.body[: src.body.index("参考文献")])}
    assert cited <= {r["n"] for r in refs}


def test_002_body_range():
    src = read_source("2024-09-20-qunmai-tencent-alibaba")
    assert src.body.startswith("长期以来各自发展生态的腾讯和阿里")
    assert "全文共3678字" in src.body  # between the lede and section 1: see the metadata's notes
    assert "3678" in src.meta["notes"]
    assert "群脉SCRM" not in src.body and "携手群脉" not in src.body


def test_003_estimated_date_and_unknown_publisher():
    src = read_source("2025-05-liuhai-alibaba-ai-rebuild")
    m = src.meta
    assert (m["published"], m["published_precision"], m["published_estimated"]) == ("2025-05-01", "month", True)
    for evidence in ("5月7日", "5月10日", "510阿里日", "今年5月"):
        assert evidence in m["published_note"] and evidence in src.body
    assert m["publisher"] is None and "republication" in m["notes"]
    assert m["script"] == "Hant" and m["authors"] == ["劉海"]
    assert "請輸入評論" not in src.body and "原文標題" not in src.body


def test_004_truncated_with_url():
    src = read_source("2024-06-18-huxiu-ant-grows-outward")
    assert src.body.endswith("目前有超150家基") and "TRUNCATED" in src.meta["notes"]
    assert src.meta["url"] == "https://mp.weixin.qq.com/s/ky1pXxPJ6jLdLaBUexK6fA"
    assert "GPTNB" not in src.body and "title:" not in src.body


# --- failure modes, each on a copy in tmp_path ---------------------------------------

SID = "2026-01-30-yilan-ant-vs-alibaba"


@pytest.fixture
def archive(tmp_path):
    for sid in IDS:
        for ext in (".txt", ".json"):
            shutil.copy(DEFAULT_ROOT / f"{sid}{ext}", tmp_path / f"{sid}{ext}")
    return tmp_path


def _txt(root: Path) -> Path:
    return root / f"{SID}.txt"


def _edit_meta(root: Path, **changes) -> None:
    path = root / f"{SID}.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is _DELETE:
            del meta[key]
        else:
            meta[key] = value
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


_DELETE = object()


def _expect(root: Path, pattern: str, file_suffix: str = ".txt", sid: str = SID) -> str:
    with pytest.raises(ArchiveError) as info:
        read_source(sid, root)
    msg = str(info.value)
    assert "\n" not in msg
    assert f"{sid}{file_suffix}:" in msg, msg
    assert re.search(pattern, msg), msg
    return msg


def test_copy_reads_fine(archive):
    assert read_source(SID, archive).text == read_source(SID).text
    assert list_sources(archive) == IDS


def test_changed_byte(archive):
    data = bytearray(_txt(archive).read_bytes())
    i = data.index("248".encode())
    data[i] = ord("9")
    _txt(archive).write_bytes(bytes(data))
    _expect(archive, r"sha256 mismatch: expected 32b3e2047b52…, got [0-9a-f]{12}…")


def test_truncated_file(archive):
    data = _txt(archive).read_bytes()
    _txt(archive).write_bytes(data[: len(data) // 2])
    _expect(archive, r"sha256 mismatch|not valid UTF-8")


def test_truncated_file_at_character_boundary(archive):
    text = _txt(archive).read_text(encoding="utf-8")
    _txt(archive).write_bytes(text[:-10].encode("utf-8"))
    _expect(archive, r"sha256 mismatch")


def test_gbk_bytes(archive):
    text = _txt(archive).read_text(encoding="utf-8")
    _txt(archive).write_bytes(text.encode("gbk", errors="replace"))
    _expect(archive, r"not valid UTF-8: byte 0x[0-9a-f]{2} at offset \d+ \(line 1\)")


def test_bom(archive):
    _txt(archive).write_bytes(b"\xef\xbb\xbf" + _txt(archive).read_bytes())
    _expect(archive, r"byte-order mark \(BOM\)")


def test_crlf_copy(archive):
    _txt(archive).write_bytes(_txt(archive).read_bytes().replace(b"\n", b"\r\n"))
    _expect(archive, r"sha256 mismatch.*line endings")


def test_empty_file(archive):
    _txt(archive).write_bytes(b"")
    _expect(archive, r"file is empty")


def test_missing_text_file(archive):
    _txt(archive).unlink()
    _expect(archive, r"no such file \(named by .*\.json\)")


def test_missing_metadata_file(archive):
    (archive / f"{SID}.json").unlink()
    _expect(archive, r"no such file", ".json")
    assert SID in list_sources(archive)  # the stray half is still listed, so the build reports it


def test_metadata_not_json(archive):
    (archive / f"{SID}.json").write_text('{"source_id": "x",', encoding="utf-8")
    _expect(archive, r"not valid JSON: line 1 column \d+", ".json")


def test_metadata_not_an_object(archive):
    (archive / f"{SID}.json").write_text("[]", encoding="utf-8")
    _expect(archive, r"must be a JSON object", ".json")


def test_missing_key(archive):
    _edit_meta(archive, sha256=_DELETE)
    _expect(archive, r"missing key\(s\): sha256", ".json")


def test_unknown_key(archive):
    _edit_meta(archive, editors=["木鱼"])
    _expect(archive, r"unknown key\(s\): editors", ".json")


def test_publisher_en_is_optional_and_defaults_to_null(archive):
    _edit_meta(archive, publisher_en=_DELETE)
    assert read_source(SID, archive).meta["publisher_en"] is None


def test_every_named_publisher_has_an_english_name():
    for sid in IDS:
        meta = read_source(sid).meta
        # a chart without CJK fonts names the publisher by this; null only where the
        # publisher itself is unknown (the liuhai republication)
        assert (meta["publisher_en"] is None) == (meta["publisher"] is None), sid
        assert meta["publisher_en"] is None or meta["publisher_en"].isascii(), sid
    assert read_source("2026-01-30-yilan-ant-vs-alibaba").meta["publisher_en"] == "Yilan Shangye"


@pytest.mark.parametrize(
    "changes, pattern",
    [
        ({"publisher_en": 3}, r"publisher_en must be a string or null, got 3$"),
        ({"publisher_en": ["Yilan"]}, r'publisher_en must be a string or null, got \["Yilan"\]$'),
        ({"publisher_en": "  "}, r"publisher_en is empty \(use null"),
        ({"publisher": None}, r"publisher_en is 'Yilan Shangye' but publisher is null"),
    ],
)
def test_malformed_publisher_en(archive, changes, pattern):
    _edit_meta(archive, **changes)
    _expect(archive, pattern, ".json")


@pytest.mark.parametrize(
    "changes, pattern",
    [
        ({"published": "2026-1-30"}, r"published must be an ISO date YYYY-MM-DD, got '2026-1-30'"),
        ({"published": "30/01/2026"}, r"published must be an ISO date"),
        ({"published": "2026-02-30"}, r"'2026-02-30' is not a valid date"),
        ({"published": "20260130"}, r"published must be an ISO date"),
        ({"published_precision": "week"}, r"published_precision must be one of day, month, year"),
        ({"published_precision": "month"}, r"published '2026-01-30' with published_precision 'month': use the 1st"),
        ({"published_precision": "year", "published": "2026-01-30"}, r"published_precision 'year': use January 1st"),
        ({"published_estimated": True}, r"published_note does not say why"),
        ({"published_estimated": "no"}, r"published_estimated must be true or false, got 'no'$"),
        ({"body_start": "79"}, r"body_start must be an integer, got '79'$"),
        ({"body_start": True}, r"body_start must be an integer, got true$"),
        ({"authors": "李彦"}, r"authors must be a list of non-empty strings, got '李彦'$"),
        ({"authors": [""]}, r"authors must be a list of non-empty strings; item 0 is ''$"),
        ({"title": 3}, r"title must be a string, got 3$"),
        ({"title": " "}, r"title is empty$"),
        ({"script": "Latn"}, r"script must be one of Hans, Hant"),
        ({"sha256": "ABC"}, r"sha256 must be 64 lowercase hex digits"),
        ({"url": "mp.weixin.qq.com/s/x"}, r"url must be an http\(s\) URL or null"),
        ({"source_id": "other"}, r"source_id is 'other', expected"),
        ({"file": "other.txt"}, r"file is 'other.txt'"),
        ({"references": [{"n": 1, "title": "t"}]}, r"references\[0\] must be an object with exactly the keys"),
        ({"references": [{"n": "1", "publisher": "p", "title": "t", "url": None}]}, r"references\[0\]\.n must be an integer"),
    ],
)
def test_malformed_metadata(archive, changes, pattern):
    _edit_meta(archive, **changes)
    _expect(archive, pattern, ".json")


@pytest.mark.parametrize(
    "changes, pattern",
    [
        ({"body_start": 3100, "body_end": 79}, r"body range \[3100, 79\) is not a non-empty range"),
        ({"body_end": 10**6}, r"body range .* within the text \(length 6260\)"),
        ({"body_start": -1}, r"body range"),
        ({"body_start": 80}, r"body_first '蚂蚁集团和阿里巴巴,这两' does not match the text at body_start 80"),
        ({"body_end": 3101}, r"body_last .* does not match the text ending at body_end 3101"),
        ({"body_first": "x" * 5000}, r"longer than the body"),
    ],
)
def test_bad_body_range(archive, changes, pattern):
    _edit_meta(archive, **changes)
    _expect(archive, pattern, ".json")


@pytest.mark.parametrize("bad", ["../x", "a/b", "..", "", "X-upper", "-lead", "a b", "a.txt", "a\\b", None])
def test_unsafe_id(archive, bad):
    with pytest.raises(ArchiveError, match=r"is not a safe slug"):
        read_source(bad, archive)  # type: ignore[arg-type]


def test_missing_archive_dir(tmp_path):
    with pytest.raises(ArchiveError, match="archive directory not found"):
        list_sources(tmp_path / "nope")


# --- the metadata model: every problem names the key, on one line ----------------------


def test_unknown_key_suggests_the_close_one(archive):
    _edit_meta(archive, publisher_eng="Yilan")
    msg = _expect(archive, r"unknown key\(s\): publisher_eng \(did you mean 'publisher_en'\?\)", ".json")
    assert "allowed: source_id, file," in msg  # and says which keys there are


def test_several_missing_keys_are_named_together(archive):
    _edit_meta(archive, rights=_DELETE, notes=_DELETE)
    _expect(archive, r"missing key\(s\): rights, notes$", ".json")


def test_missing_keys_are_reported_before_bad_values(archive):
    _edit_meta(archive, rights=_DELETE, title=3)
    _expect(archive, r"missing key\(s\): rights$", ".json")


@pytest.mark.parametrize(
    "refs, pattern",
    [
        ([{"n": 1, "publisher": "p", "title": "t", "url": None, "date": "2025"}],
         r"references\[0\] must be an object with exactly the keys n, publisher, title, url: unknown date"),
        ([{"n": 1, "publisher": "p", "title": "t", "url": None}, "[2] p - t"],
         r"references\[1\] must be an object, got '\[2\] p - t'"),
        ([{"n": 1, "publisher": "p", "title": "t", "url": None}] * 2, r"references: duplicate numbers \[1, 1\]"),
        ({"n": 1}, r"references must be a list of references, got \{\"n\": 1\}"),
    ],
)
def test_malformed_references(archive, refs, pattern):
    _edit_meta(archive, references=refs)
    _expect(archive, pattern, ".json")


def test_a_source_pickles():
    # Worker processes send sources and their errors back to the parent.
    import pickle

    src = read_source(SID)
    assert pickle.loads(pickle.dumps(src)) == src
    err = ArchiveError("data/sources/x.json: title is empty")
    assert str(pickle.loads(pickle.dumps(err))) == str(err)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-10, 10**7) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                     max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(key=st.sampled_from(REQUIRED_KEYS + OPTIONAL_KEYS), value=_JSON)
def test_any_value_reads_or_fails_on_one_line_naming_the_key(key, value):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for ext in (".txt", ".json"):
            shutil.copy(DEFAULT_ROOT / f"{SID}{ext}", root / f"{SID}{ext}")
        _edit_meta(root, **{key: value})
        try:
            src = read_source(SID, root)
        except ArchiveError as exc:
            msg = str(exc)
            assert "\n" not in msg and "pydantic" not in msg, msg
            if f"{SID}.json:" in msg:
                # Body bounds are checked against the text: the message gives the range instead.
                assert key in msg or (key in ("body_start", "body_end") and "body range" in msg), msg
            else:
                assert f"{SID}.txt: sha256 mismatch" in msg and key == "sha256", msg
        else:
            assert src.meta[key] == value
