"""The server-rendered pages: they render, carry the security headers, load nothing from
the internet, escape what users type, and embed chart data the chart script can read."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from _web_client import client
from paypath.catalog import load_roles
from paypath.pay_model import estimate_pay
from paypath.web.charts import Chart, Mark, Series
from paypath.web.render import chart_json, money
from paypath.web.security import CSP

C = client()
ROLE_IDS = [r.id for r in load_roles()]
PAGES = ["/", *(f"/roles/{r}" for r in ROLE_IDS)]


class _Refs(HTMLParser):
    """Collects every URL a page asks the browser to load, and every inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline_scripts: list[str] = []
        self.json_blocks: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"] or "")
        if tag == "script" and not a.get("src"):
            self._in_script = a.get("type") or "text/javascript"
        if any(k.startswith("on") for k in a) or "style" in a:
            self.inline_scripts.append(f"<{tag} {a}>")

    def handle_data(self, data: str) -> None:
        if self._in_script == "application/json":
            self.json_blocks.append(data)
        elif self._in_script is not None and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def _parse(html: str) -> _Refs:
    refs = _Refs()
    refs.feed(html)
    return refs


@pytest.mark.parametrize("path", PAGES, ids=PAGES)
def test_page_renders_with_security_headers(path: str) -> None:
    response = C.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", [*PAGES, "/docs"], ids=[*PAGES, "/docs"])
def test_page_loads_only_local_assets_and_no_inline_script(path: str) -> None:
    refs = _parse(C.get(path).text)
    assert refs.loads, "a page links its stylesheet and scripts"
    for url in refs.loads:
        assert url.startswith("/static/"), url
        assert C.get(url).status_code == 200, url
    assert refs.inline_scripts == []


def test_docs_page_runs_swagger_ui_from_the_package() -> None:
    response = C.get("/docs")
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text.lower()
    assert "script-src 'self';" in response.headers["content-security-policy"]
    bundle = C.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 500_000


def test_home_ranks_the_seed_roles_by_band_with_a_chart() -> None:
    html = C.get("/").text
    seed = sorted(
        (r for r in load_roles() if r.salary_band),
        key=lambda r: (-(r.salary_band.min if r.salary_band else 0), r.id),
    )
    positions = [html.index(f'href="/roles/{r.id}"') for r in seed]
    assert positions == sorted(positions)
    blocks = _parse(html).json_blocks
    spec = json.loads(blocks[0])
    assert [row["label"] for row in spec["rows"]][: len(seed)] == [r.title for r in seed]
    for row in spec["rows"]:
        assert all("Source" in m["title"] or "source" in m["title"] for m in row["marks"])


@pytest.mark.parametrize("role_id", ROLE_IDS, ids=ROLE_IDS)
def test_role_page_shows_responsibilities_skills_and_related(role_id: str) -> None:
    role = next(r for r in load_roles() if r.id == role_id)
    html = C.get(f"/roles/{role_id}").text
    for item in role.responsibilities:
        assert _escaped(item) in html
    for related in role.related:
        assert f'href="/roles/{related}"' in html
    if any(s.required for s in role.skills):
        assert ">Required<" in html


def _escaped(text: str) -> str:
    return str(escape(text))


def test_numbers_carry_their_source_on_hover() -> None:
    html = C.get("/roles/ml-engineer").text
    numbers = re.findall(r'<span class="num"[^>]*>', html)
    assert numbers
    assert all('title="' in n and "Source" in n for n in numbers)


def test_role_page_state_table_is_the_models_base_labelled_with_sources() -> None:
    html = C.get("/roles/site-reliability-engineer").text
    assert "Base salary by state" in html and "pay model" in html
    section = html[html.index("Base salary by state") :]
    base = estimate_pay("site-reliability-engineer", "Texas", level="mid").base
    assert base is not None
    row = re.search(r"<td>Texas</td>(.*?)</tr>", section, re.S)
    assert row is not None
    cells = re.findall(r'title="Source: ([^"]*)"[^>]*>([^<]*)<', row.group(1))
    assert [v for _, v in cells] == [
        money(x) for x in (base.p10, base.p25, base.median, base.p75, base.p90)
    ]
    assert all(str(escape(base.source)) == src for src, _ in cells)


def test_offer_page_with_an_employer_shows_the_models_figure_there() -> None:
    query = "role=software-engineer&salary=190000&location=Seattle&employer=Microsoft"
    html = C.get(f"/offer?{query}").text
    assert "peers at Microsoft" in html and 'id="employer-note"' in html
    at = estimate_pay("software-engineer", "Seattle", level="mid", employer="Microsoft").base
    assert at is not None and money(at.median) in html
    unknown = C.get("/offer?role=software-engineer&salary=190000&employer=Nobody+Widgets").text
    assert "no employer-specific evidence" in unknown and "peers at" not in unknown


def test_favicon_is_served_locally() -> None:
    response = C.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"


@given(st.text(max_size=200))
def test_chart_json_is_inert_inside_a_script_block(label: str) -> None:
    chart = Chart(title=label, series=[Series("s", label, "range")])
    chart.add_row(label, [Mark("s", label, lo=1.0, hi=2.0)])
    embedded = str(chart_json(chart.spec()))
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == json.loads(json.dumps(chart.spec()))


def test_user_input_is_escaped_in_pages() -> None:
    attack = '<script>alert("x")</script>'
    html = C.get("/offer", params={"role": "ml-engineer", "salary": "1", "location": attack}).text
    assert attack not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("value", "short", "shown"),
    [
        pytest.param(152_300.4, False, "$152,300", id="positive"),
        pytest.param(-1_600.0, False, "−$1,600", id="negative-sign-before-dollar"),
        pytest.param(-0.2, False, "$0", id="rounds-to-zero-no-sign"),
        pytest.param(-152_300.0, True, "−$152k", id="negative-short"),
        pytest.param(None, False, "–", id="missing"),
    ],
)
def test_money_puts_the_sign_before_the_dollar(
    value: float | None, short: bool, shown: str
) -> None:
    assert money(value, short=short) == shown
