"""End to end in real headless Chromium: the pages load, charts draw, forms work, and the
browser logs no console error (a CSP violation or a failed request would log one).

Needs the system Chromium (`apt-get install chromium chromium-driver`; `make system-deps`).
The server runs in a thread on a free loopback port; nothing leaves the machine.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn

from paypath.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.fail("headless Chromium is missing: run `make system-deps` (apt chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@dataclass
class Visit:
    page: Any
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any, base_url: str) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(path: str, *, width: int = 1280) -> Visit:
        page = browser.new_page(viewport={"width": width, "height": 900})
        v = Visit(page)
        page.on("console", lambda m: v.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.problems.append(f"uncaught: {e}"))
        page.on(
            "requestfailed",
            lambda r: v.problems.append(f"failed: {r.url}"),
        )
        page.on(
            "request",
            lambda r: None if r.url.startswith(base_url) else v.problems.append(f"ext: {r.url}"),
        )
        page.goto(base_url + path, wait_until="networkidle")
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.page.close()


def _chart_svgs(page: Any) -> int:
    return int(page.locator("figure.chart[data-rendered=true] svg").count())


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_home_draws_the_pay_chart(visit: Any, width: int) -> None:
    v = visit("/", width=width)
    assert v.page.locator("h1").inner_text() == "Where the money flows in tech"
    assert _chart_svgs(v.page) >= 1
    marks = v.page.locator("#home-chart svg g.mark")
    assert marks.count() >= 10
    assert "Source" in marks.first.locator("title").text_content()
    svg_width = v.page.locator("#home-chart svg").bounding_box()["width"]
    assert svg_width <= width
    assert v.problems == []


def test_role_page_links_to_related_roles(visit: Any) -> None:
    v = visit("/roles/ml-engineer")
    assert "Machine Learning Engineer" in v.page.locator("h1").inner_text()
    v.page.locator(".chips a", has_text="Data Scientist").first.click()
    v.page.wait_for_load_state("networkidle")
    assert v.page.url.endswith("/roles/data-scientist")
    assert v.problems == []


def test_api_docs_work_offline(visit: Any) -> None:
    v = visit("/docs")
    v.page.wait_for_selector(".opblock", timeout=10_000)
    assert v.page.locator(".opblock").count() >= 2
    assert v.problems == []


def test_unknown_page_shows_the_error_page(visit: Any) -> None:
    v = visit("/roles/astronaut")
    assert "astronaut" in v.page.locator(".error-message").inner_text()
    # The 404 itself is the only console entry a browser logs here.
    assert all("404" in p for p in v.problems)


RESUME = b"""# Priya Raman
Data analyst, 4 years of experience.

- Built dashboards in Tableau and Power BI over PostgreSQL and Snowflake.
- Wrote Python (pandas, scikit-learn) models for churn; scheduled them with Airflow.
- Shipped A/B test analyses; SQL every day; some AWS (S3, Redshift).
"""


def test_advisor_form_ranks_roles_with_charts(visit: Any) -> None:
    v = visit("/advisor")
    page = v.page
    page.fill("#skills", "python, sql, pandas, scikit-learn, docker, aws")
    page.fill("#location", "California")
    page.fill("#years", "4")
    page.fill("#salary", "125000")
    page.select_option("#current", "data-analyst")
    page.select_option("#target", "ml-engineer")
    page.click("#advisor-form button[type=submit]")
    page.wait_for_selector("#results")
    assert page.locator("#ranked-roles tbody tr").count() >= 5
    assert page.locator("#next-skills tbody tr").count() >= 1
    assert page.locator("#career-path li").count() >= 2
    assert page.locator("#pay-chart[data-rendered=true] svg g.mark").count() >= 5
    assert v.problems == []


def test_advisor_reads_an_uploaded_resume(visit: Any) -> None:
    v = visit("/advisor", width=390)
    page = v.page
    page.set_input_files(
        "#resume", {"name": "priya.md", "mimeType": "text/markdown", "buffer": RESUME}
    )
    page.click("#advisor-form button[type=submit]")
    page.wait_for_selector("#results")
    profile = page.locator("#results").inner_text()
    assert "priya.md" in profile and "4 years" in profile
    assert page.locator("#results .chips li").count() >= 5
    assert v.problems == []


def test_advisor_explains_what_to_fix(visit: Any) -> None:
    v = visit("/advisor")
    v.page.fill("#skills", "basket weaving")
    v.page.click("#advisor-form button[type=submit]")
    v.page.wait_for_selector("#form-error")
    assert "basket weaving" in v.page.locator("#form-error").inner_text()


def test_offer_check_shows_verdicts_and_chart(visit: Any) -> None:
    v = visit("/offer?role=ml-engineer&salary=165000&location=Washington&years=6&bonus=15000")
    assert v.page.locator(".verdict").count() == 2
    assert v.page.locator("#offer-chart[data-rendered=true] svg line.ref-line").count() >= 1
    assert v.problems == []


def test_market_explorer_charts_pay_and_premiums(visit: Any) -> None:
    v = visit("/market")
    v.page.select_option("#by", "role,seniority")
    v.page.click("#market-form button[type=submit]")
    v.page.wait_for_load_state("networkidle")
    assert "by=role%2Cseniority" in v.page.url
    assert v.page.locator("#stats-chart[data-rendered=true] svg rect").count() >= 2
    assert v.page.locator("#premium-chart[data-rendered=true] svg circle").count() >= 1
    assert v.problems == []


def test_claim_check_sets_claims_beside_the_data(visit: Any) -> None:
    v = visit("/check")
    v.page.fill(
        "#text",
        "2. Machine Learning Engineer\n\nAverage salary: $150,000 to $210,000.\n",
    )
    v.page.click("#check-form button[type=submit]")
    v.page.wait_for_selector("#results")
    assert "Machine Learning Engineer" in v.page.locator("#results").inner_text()
    assert v.problems == []


# Issue #20: phone layout, tap-able sources, chart axes, and the page fixes in a browser.


def test_phone_header_keeps_its_side_padding(visit: Any) -> None:
    v = visit("/", width=390)
    brand = v.page.locator(".site-header .brand").bounding_box()
    assert brand["x"] >= 8
    assert v.problems == []


@pytest.mark.parametrize("path", ["/", "/market", "/roles", "/roles/data-scientist"])
def test_phone_tables_stack_instead_of_scrolling_sideways(visit: Any, path: str) -> None:
    v = visit(path, width=390)
    overflow = v.page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390, f"{path} scrolls sideways: {overflow}px wide"
    cell = v.page.locator("table.data.stack tbody td[data-label]").first
    assert cell.evaluate("td => getComputedStyle(td).display") != "table-cell"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-label")
    assert v.problems == []


def test_a_tap_on_a_number_shows_its_source(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page.goto(base_url + "/", wait_until="networkidle")
        page.locator("table.data .num[title]").first.tap()
        tip = page.locator(".source-tip")
        assert tip.count() == 1 and tip.is_visible()
        assert "Source" in tip.inner_text()
        page.keyboard.press("Escape")
        assert page.locator(".source-tip").count() == 0
        page.locator("#home-chart svg g.mark").first.tap(force=True)
        assert "Source" in page.locator("#home-chart .source-tip").inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
@pytest.mark.parametrize(
    ("path", "chart"),
    [("/", "#home-chart"), ("/offer?role=data-analyst&salary=90000", "#offer-chart")],
)
def test_pay_chart_axes_start_from_the_data_not_zero(
    visit: Any, width: int, path: str, chart: str
) -> None:
    v = visit(path, width=width)
    ticks = v.page.locator(f"{chart} svg text.axis-label").all_text_contents()
    assert len(ticks) >= 2
    assert ticks[0] not in ("$0", "$0k"), ticks
    assert v.problems == []


def test_roles_index_and_shareable_advice(visit: Any) -> None:
    v = visit("/roles")
    v.page.click("text=Data Scientist")
    v.page.wait_for_url("**/roles/data-scientist")
    v = visit("/advisor")
    v.page.fill("#skills", "python, sql")
    v.page.click("#advisor-form button[type=submit]")
    v.page.wait_for_selector("#results")
    shown = v.page.locator("#results").first.inner_text()
    v.page.click("#share-link")
    v.page.wait_for_selector("#results")
    assert "/advisor?skills=python" in v.page.url
    assert v.page.locator("#results").first.inner_text() == shown
    assert v.problems == []


def test_bad_filters_and_offer_caveats_are_visible(visit: Any) -> None:
    v = visit("/market?country=ZZ&min_n=5")
    assert "'ZZ' has no pay data" in v.page.locator("[role=alert]").first.inner_text()
    v = visit("/offer?role=ai-product-manager&salary=150000")
    caveats = v.page.locator(".caveats li")
    assert caveats.count() >= 1 and any("SOC" in t for t in caveats.all_inner_texts())
    v = visit("/offer?role=data-scientist&salary=150000&vesting_years=0")
    assert "vesting_years" in v.page.locator("#form-error").inner_text()
