"""The review page, rendered by a real headless browser (Debian's chromium).

Without chromium these tests FAIL (not skip): run scripts/ensure-chromium.sh first.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.review import collect, render

from corpus_tools import REPO
from extract.sources import list_sources


def _rich_source() -> str:
    """An archived source whose page has claimed, dismissed and auto marks (derived, not named)."""
    for sid in list_sources():
        r = collect(sid)
        if all(r.count(s) for s in ("claimed", "dismissed", "auto")):
            return sid
    pytest.fail("no archived source has claimed, dismissed and auto-accounted mentions")


SID = _rich_source()
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is not installed: run scripts/ensure-chromium.sh "
                    "(or: apt-get update && apt-get install -y chromium)", pytrace=False)
    return found


def _browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run([_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review") / "review.html"
    r = subprocess.run([sys.executable, "-m", "extract", "review", SID, "-o", str(out)],
                       capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    return out


def test_rendered_dom_has_every_mention_highlighted_with_labels(page, tmp_path):
    review = collect(SID)
    r = _browser(tmp_path, "--dump-dom", page.as_uri())
    assert r.returncode == 0, r.stderr
    dom = r.stdout
    marks = re.findall(r'<mark class="m (\w+)"[^>]*data-status="(\w+)"[^>]*title="([^"]*)"[^>]*>([^<]*)</mark>', dom)
    body_marks = [m for m in marks if m[0] != "outside"]
    assert len(body_marks) == review.count("claimed") + review.count("dismissed") + review.count("auto") \
        + review.count("unaccounted") + review.count("unreviewed")
    statuses = {m[0] for m in body_marks}
    assert {"claimed", "dismissed", "auto"} <= statuses and "unaccounted" not in statuses
    by_text = {html.unescape(m[3]): html.unescape(m[2]) for m in body_marks}
    # A claimed figure: metric, entity, period and value in its tooltip ...
    mark = next(m for m in review.marks if m.status == "claimed" and len(m.claims) == 1)
    c = mark.claims[0]
    assert f"{c['metric']} · {c['entity']} · {c['period']} · {c['value']}" in by_text[mark.text]
    # ... and beside it, and in the table.
    assert re.search(rf'</mark><a class="lab" href="#row-\d+">\d+ {re.escape(c["metric"])} · '
                     rf'{re.escape(c["entity"])}</a>', dom)
    assert dom.count('<tr class="claimed"') == review.count("claimed")
    # A dismissed mention shows its reason.
    dismissed = [m for m in body_marks if m[0] == "dismissed"]
    assert all(html.unescape(m[2]).startswith("dismissed: ") for m in dismissed)
    reasons = {m.reason for m in review.marks if m.status == "dismissed"}
    assert all(any(r in html.unescape(m[2]) for r in reasons) for m in dismissed)
    # The body is in full colour; the front matter and the trailing promo are dimmed.
    assert '<span class="outside">' in dom and '<span class="body">' in dom
    assert f'id="counts">claimed {review.count("claimed")}, unreviewed 0, dismissed {review.count("dismissed")}' in dom


def test_screenshot_is_a_png(page, tmp_path):
    shot = tmp_path / "shot.png"
    r = _browser(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert r.returncode == 0, r.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_unaccounted_and_unreviewed_show_in_the_browser(tmp_path):
    """A draft extractor: its claims show as unreviewed, a deleted claim as unaccounted."""
    from extract.new import new_source

    root = tmp_path / "repo"
    (root / "extract").mkdir(parents=True)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "extract" / "extractors", root / "extract" / "extractors",
                    ignore=shutil.ignore_patterns("__pycache__"))
    art = tmp_path / "a.txt"
    art.write_text("豆包月活跃用户达3.2亿<b>。千问市场份额为35.5%。\n", encoding="utf-8")
    result = new_source(art, source_id="2026-03-05-x", title="<script>t</script>", publisher="p",
                        published="2026-03-05", root=root)
    code = result.extractor_path.read_text(encoding="utf-8")
    block = re.findall(r"    figure\(.*?\n    \),\n", code, flags=re.S)[1]
    result.extractor_path.write_text(code.replace(block, ""), encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text(render(collect("2026-03-05-x", root)), encoding="utf-8")
    assert "<script>" not in out.read_text(encoding="utf-8")  # escaped, not injected
    r = _browser(tmp_path, "--dump-dom", out.as_uri())
    assert r.returncode == 0, r.stderr
    assert re.search(r'<mark class="m unreviewed"[^>]*>3.2亿</mark>', r.stdout)
    assert re.search(r'<mark class="m unaccounted"[^>]*>35.5%</mark>', r.stdout)
    assert "The build refuses this source" in r.stdout and "unreviewed claim" in r.stdout
    assert "&lt;b&gt;" in r.stdout
