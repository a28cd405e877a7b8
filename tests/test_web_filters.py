"""Filters and form fields: every bad value gets a message naming the field, the page and
the API apply one rule (the same model), and no internals or CLI wording reach a person."""

from __future__ import annotations

import html
import re

import pytest

from _web_client import assert_error, client

C = client()
LEAKS = ("--skills", "--resume", "paypath ", "could not convert", "XML_PARSE", "Traceback")


def _page_errors(text: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'role="alert"[^>]*>([^<]*)<', text)]


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("min_n=-5", "min_n", "greater than or equal to 1"),
        ("min_n=abc", "min_n", "valid integer"),
        ("country=ZZZ", "country", "should match pattern"),
    ],
)
def test_market_filters_share_one_rule_on_page_and_api(query: str, field: str, words: str) -> None:
    api = C.get(f"/api/market/stats?{query}")
    assert api.status_code == 422
    api_message = assert_error(api.json(), "invalid_input")
    page = C.get(f"/market?{query}")
    assert page.status_code == 422
    (page_message,) = _page_errors(page.text)
    for message in (api_message, page_message):
        assert f"'{field}'" in message and words in message
    assert "<table" not in page.text.split('role="alert"')[1]  # no table under a bad filter


def test_a_country_without_data_is_named_with_codes_that_have_data() -> None:
    api = C.get("/api/market/stats?country=ZZ")
    assert api.status_code == 404
    message = assert_error(api.json(), "unknown_area")
    assert "'ZZ' has no pay data" in message and "US" in message
    page = C.get("/market?country=ZZ")
    assert page.status_code == 422
    assert _page_errors(page.text) == [message]


def test_an_unknown_grouping_is_refused_with_the_choices() -> None:
    page = C.get("/market?by=bogus")
    assert page.status_code == 422
    (message,) = _page_errors(page.text)
    assert "field 'by'" in message and "'role,seniority'" in message and "'bogus'" in message
    api = C.get("/api/market/stats?by=bogus")
    assert "query 'by'" in assert_error(api.json(), "invalid_input")


def test_an_unknown_role_filter_is_said_once() -> None:
    page = C.get("/market?role=nope")
    assert page.status_code == 422
    assert len(_page_errors(page.text)) == 1


def test_valid_filters_still_give_tables() -> None:
    page = C.get("/market?by=role,seniority&country=us&min_n=5")
    assert page.status_code == 200
    assert not _page_errors(page.text)
    assert "<table" in page.text


@pytest.mark.parametrize("years", ["0", "0.01", "11"])
def test_offer_vesting_years_out_of_range_is_refused_on_page_and_api(years: str) -> None:
    page = C.get(f"/offer?role=data-scientist&salary=150000&equity=400000&vesting_years={years}")
    assert page.status_code == 422
    (message,) = _page_errors(page.text)
    assert "'vesting_years'" in message
    api = C.post(
        "/api/offer",
        json={
            "role": "data-scientist",
            "salary": 150000,
            "equity": 400000,
            "vesting_years": float(years),
        },
    )
    assert api.status_code == 422
    assert "'vesting_years'" in assert_error(api.json(), "invalid_input")


def test_a_blank_vesting_period_means_four_years() -> None:
    page = C.get("/offer?role=data-scientist&salary=150000&vesting_years=")
    assert page.status_code == 200


@pytest.mark.parametrize(("field", "value"), [("salary", "15x0000"), ("years", "abc")])
def test_a_number_that_is_not_one_names_its_field(field: str, value: str) -> None:
    url = (
        f"/offer?role=data-scientist&salary=150000&{field}={value}"
        if field != "salary"
        else f"/offer?role=data-scientist&salary={value}"
    )
    page = C.get(url)
    assert page.status_code == 422
    (message,) = _page_errors(page.text)
    assert f"field '{field}'" in message and "not a number" in message
    assert not any(leak in message for leak in LEAKS)


def test_advisor_errors_speak_plainly() -> None:
    page = C.get("/advisor?skills=basket+weaving")
    (message,) = _page_errors(page.text)
    assert "no known skills" in message
    assert not any(leak in message for leak in LEAKS)
    api = C.post("/api/advise", json={"skills": ["basket weaving"]})
    assert not any(leak in assert_error(api.json()) for leak in LEAKS)


def test_check_refuses_an_unknown_area_instead_of_echoing_it() -> None:
    api = C.post("/api/check", json={"text": "no claims here", "area": "<b>Narnia</b>"})
    assert api.status_code == 404
    assert "unknown area" in assert_error(api.json(), "unknown_area")


def test_check_replies_are_bounded() -> None:
    text = "Data scientists earn $150,000 a year. " * 3000
    api = C.post("/api/check", json={"text": text})
    assert api.status_code == 200
    body = api.json()
    assert len(body["pay_claims"]) == 200
    assert any("first 200 of 3,000 pay claims" in c for c in body["caveats"])
    assert len(api.content) < 1_000_000
