"""BLS OEWS May 2025: published figures, the shipped extract's integrity, role wages."""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from paypath.catalog import get_role, load_roles
from paypath.errors import UnknownArea, UnknownRole, UnknownSOC
from paypath.resources import data_path
from paypath.wages import (
    COMBINED_NOTE,
    KEYS,
    band_verdict,
    compare_bands,
    list_areas,
    lookup,
    percentiles,
    release_info,
    role_wages,
    wages_by_state,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_OEWS = REPO.parent / "shared" / "data" / "oews" / "oews-2025.sqlite.gz"


def _rows() -> list[dict[str, str]]:
    with gzip.open(data_path("oews/wages.csv.gz"), "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# Published on https://www.bls.gov/oes/current/ (May 2025, national, cross-industry).
@pytest.mark.parametrize(
    ("soc", "field", "value"),
    [
        pytest.param("15-1252", "median", 135_980, id="software-developers-median"),
        pytest.param("15-1221", "median", 140_300, id="research-scientists-median"),
        pytest.param("151252", "median", 135_980, id="soc-without-dash"),
    ],
)
def test_published_national_figures(soc: str, field: str, value: float) -> None:
    w = percentiles(soc)
    assert getattr(w, field) == value
    assert w.area_type == "national"
    assert w.source == "BLS OEWS May 2025"


@pytest.mark.parametrize(
    "soc", [pytest.param(s, id=s) for s in ("15-1252", "15-1221", "15-1212", "11-3021")]
)
@pytest.mark.parametrize("area", ["national", "CA", "Austin, TX", "San Jose", "Texas"])
def test_percentiles_are_ordered(soc: str, area: str) -> None:
    w = percentiles(soc, area)
    values = [getattr(w, k) for k in KEYS]
    assert all(v is not None for v in values), w
    assert values == sorted(values)
    assert w.employment and w.employment > 0


def test_hourly_times_2080_matches_annual_for_every_row() -> None:
    """Catch mislabelled hourly percentiles: hourly x 2,080 must equal the annual twin.

    BLS rounds hourly to cents and annual to tens of dollars, so allow 2,080 x $0.005 + $5.
    Rows with only annual or only hourly wages must say why (footnote 4 or 8 on the gap);
    top-coded values (footnote 5) are bounds and are skipped.
    """
    tolerance = 2080 * 0.005 + 5
    checked = one_sided = 0
    for r in _rows():
        notes = dict(p.split(":") for p in r["footnotes"].split(";") if p)
        for k in ("mean", *KEYS):
            h, a = r[f"h_{k}"], r[f"a_{k}"]
            if "5" in (notes.get(f"h_{k}"), notes.get(f"a_{k}")):
                continue
            if h == "-" or a == "-":
                missing = f"h_{k}" if h == "-" else f"a_{k}"
                assert notes.get(missing) in {"4", "8"}, (r["area_code"], r["soc"], k)
                one_sided += h != a
                continue
            assert abs(float(h) * 2080 - float(a)) <= tolerance, (r["area_code"], r["soc"], k)
            checked += 1
    assert checked > 50_000
    assert one_sided > 0  # the annual-only rows (teachers, pilots, ...) were exercised


def test_annual_only_rows_keep_hourly_none() -> None:
    w = percentiles("25-1011")  # Business teachers, postsecondary: annual only (footnote 4)
    assert w.median is not None
    assert w.hourly["median"] is None
    assert any("hourly wages or annual salaries" in f for f in w.footnotes)


def test_every_national_occupation_and_catalog_soc_in_every_area() -> None:
    rows = _rows()
    national = {r["soc"] for r in rows if r["area_code"] == "0000000"}
    assert len(national) == release_info()["occupations"]
    by_area: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by_area[r["area_code"]].add(r["soc"])
    assert set(by_area) == {a.code for a in list_areas()}
    socs = {s.replace("-", "") for role in load_roles() for s in role.soc_codes}
    california = by_area["0600000"]
    assert socs <= california
    assert {"113021", "119041", "151252", "151299"} <= california


def test_meta_records_release_sources_and_checksums() -> None:
    meta = release_info()
    assert meta["release"] == "May 2025"
    assert meta["rows"] == len(_rows())
    assert "oews-2025.sqlite.gz" in meta["source_files"]
    assert len(meta["source_files"]["oews-2025.sqlite.gz"]["sha256"]) == 64


def test_shipped_extract_is_small() -> None:
    folder = data_path("oews")
    size = sum(p.stat().st_size for p in Path(str(folder)).iterdir())
    assert size < 3_000_000


@pytest.mark.parametrize(
    ("soc", "area", "error"),
    [
        pytest.param("15-9999", "national", UnknownSOC, id="unknown-soc"),
        pytest.param("not-a-soc", "national", UnknownSOC, id="malformed"),
        pytest.param("29-1141", "CA", UnknownSOC, id="national-only-code-in-area"),
        pytest.param("15-1252", "Atlantis", UnknownArea, id="unknown-area"),
    ],
)
def test_percentiles_errors(soc: str, area: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        percentiles(soc, area)


def _sharing() -> dict[str, set[str]]:
    by_soc: dict[str, set[str]] = defaultdict(set)
    for r in load_roles():
        for s in r.soc_codes:
            by_soc[s].add(r.id)
    return {r.id: {o for s in r.soc_codes for o in by_soc[s]} - {r.id} for r in load_roles()}


@pytest.mark.parametrize("role_id", [pytest.param(r.id, id=r.id) for r in load_roles()])
def test_role_wages_for_every_role(role_id: str) -> None:
    rw = role_wages(role_id)
    assert rw.weights.keys() == {w.soc for w in rw.by_soc} == set(get_role(role_id).soc_codes)
    assert sum(rw.weights.values()) == pytest.approx(1, abs=1e-3)
    assert rw.median is not None
    assert sorted(rw.shared_with) == sorted(_sharing()[role_id])
    if rw.shared_with:
        assert any("cannot tell" in n for n in rw.notes)
    if len(rw.by_soc) > 1:
        assert COMBINED_NOTE in rw.notes
        total = sum(w.employment or 0 for w in rw.by_soc)
        for k in (*KEYS, "mean"):
            expected = sum((w.employment or 0) * getattr(w, k) for w in rw.by_soc) / total
            assert getattr(rw, k) == pytest.approx(expected, abs=1)
    else:
        assert rw.median == rw.by_soc[0].median


def test_ml_engineer_shares_software_developers() -> None:
    rw = role_wages("ml-engineer")
    assert rw.by_soc[0].soc == "15-1252"
    assert rw.median == 135_980
    assert "devops-engineer" in rw.shared_with


def test_new_york_notes_the_metro_alternative() -> None:
    rw = role_wages("data-scientist", "New York")
    assert rw.area_type == "state"
    assert any("New York-Newark-Jersey City" in n for n in rw.notes)


def test_role_wages_unknown_role() -> None:
    with pytest.raises(UnknownRole):
        role_wages("astronaut")


def test_wages_by_state() -> None:
    states = list_areas("state")
    soc_rows = wages_by_state("15-1252")
    role_rows = wages_by_state("data-scientist")
    assert [w.area_code for w in soc_rows] == [a.code for a in states]
    assert len(role_rows) == len(states)
    ca = next(w for w in soc_rows if w.area_code == "0600000")
    assert ca == percentiles("15-1252", "California")
    with pytest.raises(UnknownRole):
        wages_by_state("astronaut")


def test_lookup_dispatches_on_soc_or_role() -> None:
    assert lookup("15-1221").median == 140_300
    assert lookup("ai-research-scientist").median == 140_300
    with pytest.raises(UnknownRole):
        lookup("astronaut")


def test_compare_bands_covers_the_seed_roles() -> None:
    rows = compare_bands("San Jose")
    seed = {r.id for r in load_roles() if r.seed}
    assert seed <= {c.role_id for c in rows}
    assert all(c.role_id in seed or get_role(c.role_id).salary_band for c in rows)
    for c in rows:
        assert c.area is not None and c.area.area_code == "0041940"
        # the verdict is the pay model's (the figure `paypath check` uses), not BLS's
        assert c.model_area is not None and c.model_national is not None
        assert c.verdict_area == band_verdict(c.article_min, c.article_max, c.model_area, "model")
        model = band_verdict(c.article_min, c.article_max, c.model_national, "model")
        assert c.verdict_national == model
        if c.national.shared_with:
            assert any("cannot tell" in n for n in c.notes)


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        pytest.param(60_000, 80_000, "article low", id="below-p10"),
        pytest.param(90_000, 100_000, "article low", id="below-p25"),
        pytest.param(120_000, 150_000, "article typical", id="within"),
        pytest.param(170_000, 190_000, "article high", id="above-p75"),
        pytest.param(240_000, None, "article high", id="open-band-above-p90"),
    ],
)
def test_band_verdicts_against_real_national_figures(
    low: float, high: float | None, verdict: str
) -> None:
    # 15-1252 national: p10 82,460; p25 105,210; p75 171,980; p90 214,670
    assert band_verdict(low, high, role_wages("ml-engineer")).startswith(verdict + " (")


def test_builder_reproduces_shipped_extract(tmp_path: Path) -> None:
    """Run scripts/build_oews.py on the shared SQLite release (about 3 s)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_oews", REPO / "scripts/build_oews.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    meta = module.build(SHARED_OEWS, tmp_path)
    shipped = json.loads(data_path("oews/meta.json").read_text("utf-8"))
    assert meta["wages_csv_sha256"] == shipped["wages_csv_sha256"]
    assert (meta["rows"], meta["areas"]) == (shipped["rows"], shipped["areas"])
    for name in ("areas.csv", "occupations.csv", "footnotes.csv", "wages.csv.gz"):
        assert (tmp_path / name).read_bytes() == data_path(f"oews/{name}").read_bytes(), name
