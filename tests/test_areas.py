"""Area resolution: the names people type -> BLS OEWS areas (see paypath.areas docstring)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.areas import list_areas, resolve_area, resolve_area_detail
from paypath.errors import PaypathError, UnknownArea


@pytest.mark.parametrize(
    ("typed", "code", "kind"),
    [
        pytest.param("national", "0000000", "national", id="national"),
        pytest.param("US", "0000000", "national", id="US"),
        pytest.param("United States", "0000000", "national", id="united-states"),
        pytest.param("California", "0600000", "state", id="state-name"),
        pytest.param("CA", "0600000", "state", id="state-abbr"),
        pytest.param("  california ", "0600000", "state", id="state-case-space"),
        pytest.param("New York", "3600000", "state", id="new-york-prefers-state"),
        pytest.param("NY", "3600000", "state", id="NY"),
        pytest.param("San Jose", "0041940", "metro", id="city-unique"),
        pytest.param("Austin, TX", "0012420", "metro", id="city-state"),
        pytest.param("Austin, Texas", "0012420", "metro", id="city-state-name"),
        pytest.param("Portland, OR", "0038900", "metro", id="city-state-disambiguates"),
        pytest.param("Springfield, IL", "0044100", "metro", id="springfield-il"),
        pytest.param(
            "New York-Newark-Jersey City, NY-NJ", "0035620", "metro", id="exact-metro-name"
        ),
        pytest.param("0041940", "0041940", "metro", id="bls-code"),
        pytest.param(
            "Capital/Northern New York nonmetropolitan area", "3600001", "nonmetro", id="nonmetro"
        ),
    ],
)
def test_resolve_area(typed: str, code: str, kind: str) -> None:
    area = resolve_area(typed)
    assert (area.code, area.type) == (code, kind)


def test_new_york_lists_the_metro_as_alternative() -> None:
    area, alternatives = resolve_area_detail("New York")
    assert area.type == "state"
    assert [a.code for a in alternatives] == ["0035620"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param(
            "Portland",
            {"Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA"},
            id="portland",
        ),
        pytest.param(
            "Springfield",
            {
                "Springfield, IL",
                "Springfield, MA",
                "Springfield, MO",
                "Springfield, OH",
                "Eugene-Springfield, OR",
            },
            id="springfield",
        ),
    ],
)
def test_ambiguous_city_lists_every_metro(typed: str, expected: set[str]) -> None:
    with pytest.raises(UnknownArea) as info:
        resolve_area(typed)
    assert set(info.value.suggestions) == expected
    assert "ambiguous" in str(info.value)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        pytest.param("Californa", "California", id="typo-state"),
        pytest.param("San Josee", "San Jose-Sunnyvale-Santa Clara, CA", id="typo-metro"),
        pytest.param("Massachusets", "Massachusetts", id="typo-long-state"),
    ],
)
def test_unknown_area_suggests_close_matches(typed: str, suggested: str) -> None:
    with pytest.raises(UnknownArea) as info:
        resolve_area(typed)
    assert suggested in info.value.suggestions
    assert isinstance(info.value, LookupError)


def test_list_areas_by_type() -> None:
    counts = {t: len(list_areas(t)) for t in ("national", "state", "metro", "nonmetro")}
    assert counts["national"] == 1
    assert counts["state"] >= 51  # 50 states + DC (+ territories BLS publishes)
    assert counts["metro"] > 350
    assert counts["nonmetro"] > 100
    assert sum(counts.values()) == len(list_areas())
    assert {a.state for a in list_areas("state")} >= {"CA", "TX", "NY", "DC"}


def test_list_areas_rejects_unknown_type() -> None:
    with pytest.raises(UnknownArea):
        list_areas("county")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_resolve_area_never_crashes(text: str) -> None:
    try:
        area = resolve_area(text)
    except UnknownArea as exc:
        assert isinstance(exc, PaypathError)
        return
    assert area in list_areas()
