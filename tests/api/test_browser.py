"""A person in a real browser: Debian's headless Chromium driven by Playwright (never a
downloaded browser). Types a document number without diacritics into the search box, picks
the suggestion, follows a task's trace up to 76/NQ-CP, and saves screenshots.

Screenshots go to $CCHC_SCREENSHOT_DIR when set (to look at them), else to pytest's tmp dir.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)),
    reason=f"Chromium is not installed at {CHROMIUM} (.ci/run installs Debian's chromium)",
)


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CCHC_SCREENSHOT_DIR", tmp_path / "screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_then_trace_to_76(live_server: str, tmp_path: Path, shots: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    with sync_api.sync_playwright() as pw:
        # An empty profile per run: --user-data-dir goes through the persistent context.
        browser = pw.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900}, locale="vi-VN",
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{live_server}/")
            assert page.locator("html").get_attribute("lang") == "vi"
            # The number as a person types it: no diacritics, no slash.
            page.fill("#q", "ke hoach 89 ubnd")
            suggestion = page.locator("a.suggestion", has_text="89/KH-UBND").first
            suggestion.wait_for()
            page.screenshot(path=str(shots / "1-search.png"), full_page=True)
            suggestion.click()
            page.wait_for_url("**/doc?iri=*")
            assert "89/KH-UBND" in page.locator("h1").inner_text()
            assert page.locator("#cites", has_text="76/NQ-CP").count() == 1
            page.screenshot(path=str(shots / "2-document.png"), full_page=True)
            # Follow the trace of the ward's task up to the national programme.
            page.locator("#items a.trace-link").last.click()
            page.wait_for_url("**/trace?node=*")
            national = page.locator("#national")
            assert "76/NQ-CP" in national.inner_text()
            step = page.locator("ol.trace li.national", has_text="76/NQ-CP")
            assert step.count() >= 1
            page.screenshot(path=str(shots / "3-trace.png"), full_page=True)
            # The document of the national act is one click away, in English on request.
            step.first.locator("a").click()
            page.wait_for_url("**/doc?iri=*")
            page.click("header a.lang")
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == "en"
            assert "Cited by" in page.content()
            page.screenshot(path=str(shots / "4-national-act-en.png"), full_page=True)
        finally:
            browser.close()
    for name in ("1-search.png", "2-document.png", "3-trace.png", "4-national-act-en.png"):
        assert (shots / name).stat().st_size > 5_000


def test_sparql_page_runs_an_example(live_server: str, tmp_path: Path, shots: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{live_server}/query")
            page.select_option("#examples", "documents")
            assert "SELECT ?doc ?source" in page.input_value("#query")
            page.click("#run")
            page.locator("#output table tr", has_text="89/KH-UBND").wait_for()
            page.screenshot(path=str(shots / "5-sparql.png"), full_page=True)
            page.fill("#query", "SELECT * WHERE { ?s ?p }")
            page.click("#run")
            assert "malformed_query" in page.locator("#error").inner_text()
        finally:
            browser.close()
