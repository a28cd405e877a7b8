"""Cities and suburbs resolve to their metro through the shipped Census place -> CBSA table."""

from __future__ import annotations

import csv

import pytest

from paypath.areas import list_areas, resolve_area
from paypath.errors import UnknownArea
from paypath.resources import data_path


@pytest.mark.parametrize(
    ("typed", "metro"),
    [
        ("Redmond, WA", "Seattle-Tacoma-Bellevue, WA"),
        ("Mountain View, CA", "San Jose-Sunnyvale-Santa Clara, CA"),
        ("Palo Alto", "San Jose-Sunnyvale-Santa Clara, CA"),
        ("Cupertino, CA", "San Jose-Sunnyvale-Santa Clara, CA"),
        ("Menlo Park, CA", "San Francisco-Oakland-Fremont, CA"),
        ("Cambridge, MA", "Boston-Cambridge-Newton, MA-NH"),
        ("Hillsboro, OR", "Portland-Vancouver-Hillsboro, OR-WA"),
    ],
)
def test_suburbs_resolve_to_their_metro(typed: str, metro: str) -> None:
    assert resolve_area(typed).name == metro


def test_every_place_points_at_a_shipped_metro() -> None:
    metros = {a.code for a in list_areas("metro")}
    with data_path("places/places.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    missing = [r["place"] for r in rows if "00" + r["cbsa"] not in metros]
    assert missing == []


def test_a_place_in_two_states_is_ambiguous() -> None:
    with pytest.raises(UnknownArea) as info:
        resolve_area("Glendale")
    assert set(info.value.suggestions) == {
        "Los Angeles-Long Beach-Anaheim, CA",
        "Phoenix-Mesa-Chandler, AZ",
    }


def test_unknown_place_suggests_real_matches_only() -> None:
    with pytest.raises(UnknownArea) as info:
        resolve_area("Mountan View")
    assert info.value.suggestions == ["Mountain View, CA"]
    with pytest.raises(UnknownArea) as info:
        resolve_area("Zzyzxville, QQ")
    assert info.value.suggestions == []
