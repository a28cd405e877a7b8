"""Issue #20's page fixes: gzip, the /roles index, shareable advisor URLs, offer caveats,
the paginated premium table and the copy (plurals, area names, source names)."""

from __future__ import annotations

import html
import re

from _web_client import client
from paypath.catalog import load_roles

C = client()


def test_pages_and_json_are_gzipped() -> None:
    plain = C.get("/market", headers={"accept-encoding": "identity"})
    packed = C.get("/market", headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.text == plain.text  # the client inflates it
    assert packed.num_bytes_downloaded < len(plain.content) / 5
    assert "content-security-policy" in packed.headers  # security headers still set
    api = C.get("/api/roles", headers={"accept-encoding": "gzip"})
    assert api.headers["content-encoding"] == "gzip"


def test_the_roles_index_links_every_role() -> None:
    page = C.get("/roles")
    assert page.status_code == 200
    for role in load_roles():
        assert f'href="/roles/{role.id}"' in page.text
    assert C.get("/").text.count('href="/roles"') >= 1


def test_advisor_results_have_a_get_url_that_gives_them_again() -> None:
    posted = C.post("/advisor", data={"skills": "python, sql", "salary": "150000"})
    url = html.unescape(re.search(r'id="share-link" href="([^"]+)"', posted.text).group(1))
    assert url.startswith("/advisor?") and "skills=python" in url and "salary=150000" in url
    again = C.get(url)
    assert again.status_code == 200
    roles = re.compile(r'<a href="/roles/([a-z-]+)"')
    results = lambda text: roles.findall(text.split('id="results"')[1])  # noqa: E731
    assert results(again.text) == results(posted.text)


def test_offer_page_shows_the_caveats_its_json_carries() -> None:
    query = {"role": "ai-product-manager", "salary": "150000"}
    api = C.post("/api/offer", json={"role": "ai-product-manager", "salary": 150000})
    compared = api.json()["base_vs_peers"]
    notes = [compared["note"]]
    assert "verdict suppressed" in notes[0]  # 10 PERM filings: too thin for a verdict
    page = C.get("/offer", params=query)
    text = html.unescape(page.text)
    for note in notes:
        assert note in text
    assert "in national" not in text and "the US (national)" in text


def test_premium_table_is_paginated() -> None:
    first = C.get("/market")
    body = first.text.split('id="premiums"')[1].split("<tbody>")[1]
    rows = body.split("</tbody>")[0].count("<tr>")
    assert rows == 50
    assert "Page 1 of" in first.text
    nxt = html.unescape(re.search(r'rel="next" href="([^"]+)"', first.text).group(1))
    second = C.get(nxt)
    assert second.status_code == 200 and "Page 2 of" in second.text
    assert C.get("/market?page=999").status_code == 422


def test_copy_names_sources_and_counts_plainly() -> None:
    home = C.get("/").text
    assert "so-survey" not in home and "Stack Overflow Developer Survey" in home
    one = C.get("/advisor?skills=python").text
    assert "1 skill recognised" in one and "1 skills" not in one
