"""More published BLS OEWS May 2025 figures, BLS footnotes and the builder's column layout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from paypath import wages

REPO = Path(__file__).resolve().parents[1]

# Published BLS OEWS May 2025 cross-industry figures (oe.data.0.Current, bls.gov/oes).
PUBLISHED = [
    pytest.param("15-1252", "national", "mean", 148100, id="software-developers-mean"),
    pytest.param("15-1252", "national", "p90", 214670, id="software-developers-p90"),
    pytest.param("15-1252", "national", "employment", 1687890, id="software-developers-emp"),
    pytest.param("15-1221", "national", "p25", 103570, id="research-scientists-p25"),
    pytest.param("11-1011", "national", "median", 213990, id="chief-executives-median"),
    pytest.param("15-1252", "California", "median", 174410, id="software-developers-ca"),
    pytest.param("15-1252", "CA", "p90", 272670, id="software-developers-ca-p90"),
    pytest.param("11-3021", "NY", "p90", 323670, id="it-managers-new-york-p90"),
    pytest.param("11-3021", "New York", "median", 214300, id="it-managers-new-york-median"),
]


@pytest.mark.parametrize(("soc", "area", "key", "expected"), PUBLISHED)
def test_published_figures(soc: str, area: str, key: str, expected: int) -> None:
    assert getattr(wages.percentiles(soc, area), key) == expected


def test_software_developers_hourly_and_rse() -> None:
    w = wages.percentiles("15-1252")
    assert w.hourly["median"] == pytest.approx(65.38)
    assert w.hourly["p90"] == pytest.approx(103.21)
    assert (w.rse_employment, w.rse_mean) == (0.6, 0.4)
    assert (w.soc_title, w.top_coded, w.footnotes) == ("Software Developers", [], [])


# A real top-coded cell of the May 2025 release (cross-industry, metro 0024340, SOC 29-1211
# Anesthesiologists), outside the shipped scope: BLS gives "-" with footnote 5 for p90.
TOP_CODED_CELL = dict(
    zip(
        ["area_code", "soc", *wages._FIELDS, "footnotes"],
        ["0024340", "291211", "270", "3.8", "203.07", "422390", "1.7", "89.41", "94.79",
         "109.98", "185.00", "-", "185960", "197150", "228760", "384800", "-",
         "h_p90:5;a_p90:5"],
        strict=True,
    )
)  # fmt: skip


def test_top_coded_values_are_lower_bounds() -> None:
    area = wages.Area(code="0024340", name="Grand Rapids-Wyoming-Kentwood, MI", type="metro")
    w = wages._wage_row(TOP_CODED_CELL, "291211", area, wages._extract())
    assert (w.p90, w.hourly["p90"]) == (239200, 115.00)
    assert w.top_coded == ["p90", "hourly.p90"]
    assert w.median == 228760 and "median" not in w.top_coded
    assert any("239,200" in f for f in w.footnotes)


def test_builder_columns_match_the_reader() -> None:
    spec = importlib.util.spec_from_file_location("build_oews", REPO / "scripts/build_oews.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(module.FIELDS) == wages._FIELDS
