"""Location strings from the real sources -> (city, region, country ISO-2, remote)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paypath.market.locations import Place, country_code, parse_location


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Austin, TX", Place("Austin", "TX", "US"), id="us-city-state"),
        pytest.param("New York, NY 10001", Place("New York", "NY", "US"), id="us-zip"),
        pytest.param("Redwood City, CA", Place("Redwood City", "CA", "US"), id="levels"),
        pytest.param("Denver, Colorado", Place("Denver", "CO", "US"), id="us-state-name"),
        pytest.param("Remote", Place(None, None, None, remote=True), id="remote"),
        pytest.param("United States", Place(None, None, "US"), id="country-only"),
        pytest.param("Berlin, Germany", Place("Berlin", None, "DE"), id="city-country"),
        pytest.param("Bengaluru, KA, India", Place("Bengaluru", "KA", "IN"), id="city-region"),
        pytest.param(
            "San Francisco Bay Area", Place("San Francisco Bay Area", None, None), id="metro-kept"
        ),
    ],
)
def test_parse_location(text: str, expected: Place) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("United States of America", "US", id="so-usa"),
        pytest.param("United Kingdom of Great Britain and Northern Ireland", "GB", id="so-uk"),
        pytest.param("Iran, Islamic Republic of...", "IR", id="so-iran"),
        pytest.param("Russian Federation", "RU", id="so-russia"),
        pytest.param("Germany", "DE", id="name"),
        pytest.param("DE", "DE", id="alpha-2"),
        pytest.param("Hong Kong (S.A.R.)", "HK", id="so-hk"),
        pytest.param("Nomadic", None, id="so-not-a-country"),
        pytest.param("", None, id="empty"),
    ],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


@given(st.text(max_size=80))
def test_parse_location_never_raises(text: str) -> None:
    place = parse_location(text)
    assert place.country is None or (len(place.country) == 2 and place.country.isupper())
