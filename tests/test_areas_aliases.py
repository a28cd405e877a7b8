"""Area names beyond the BLS wording: nicknames, "City, ST" for big metros, shared cities."""

from __future__ import annotations

import pytest

from paypath.areas import list_areas, resolve_area
from paypath.errors import UnknownArea

NYC = "New York-Newark-Jersey City, NY-NJ"
DC_METRO = "Washington-Arlington-Alexandria, DC-VA-MD-WV"


@pytest.mark.parametrize(
    ("typed", "name", "kind"),
    [
        pytest.param("New York, NY", NYC, "metro", id="ny-ny"),
        pytest.param("NYC", NYC, "metro", id="nyc"),
        pytest.param("new york city", NYC, "metro", id="new-york-city"),
        pytest.param("Jersey City", NYC, "metro", id="secondary-city"),
        pytest.param("Bay Area", "San Francisco-Oakland-Fremont, CA", "metro", id="bay-area"),
        pytest.param("Silicon Valley", "San Jose-Sunnyvale-Santa Clara, CA", "metro", id="valley"),
        pytest.param("Seattle", "Seattle-Tacoma-Bellevue, WA", "metro", id="seattle"),
        pytest.param("Washington, DC", DC_METRO, "metro", id="dc-metro"),
        pytest.param("DC", "District of Columbia", "state", id="dc-abbr"),
        pytest.param("Washington", "Washington", "state", id="washington-state"),
        pytest.param("", "National", "national", id="empty-is-national"),
    ],
)
def test_resolves(typed: str, name: str, kind: str) -> None:
    area = resolve_area(typed)
    assert (area.name, area.type) == (name, kind)


def test_city_in_two_metros_is_ambiguous() -> None:
    with pytest.raises(UnknownArea) as info:
        resolve_area("Arlington")
    assert set(info.value.suggestions) == {"Dallas-Fort Worth-Arlington, TX", DC_METRO}


def test_every_bls_area_name_resolves_to_itself_or_its_state() -> None:
    for area in list_areas():
        got = resolve_area(area.name)
        assert got.code == area.code or (got.type == "state" and area.type != "state"), area.name
