"""The bundled employer table (paypath.employers): pinned cells and queries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from paypath.employer_names import employer_key
from paypath.employers import LABEL, employer_profile, list_employers, top_payers
from paypath.errors import InputError, UnknownArea, UnknownEmployer, UnknownRole
from paypath.pay_model import employer_offset, estimate_pay

# Computed by hand from the raw rows of ../shared/data/dol-oflc/perm_fy20*.parquet with
# DuckDB, without paypath's code: certified cases ("Certified", "Certified-Expired"), employer
# names matched by prefix (NOKIA OF AMERICA..., CISCO..., META PLATFORMS.../FACEBOOK...),
# worksite_state = 'CA', SOC codes whose only catalog role is the one named (15-1253 QA;
# 15-1221 and its SOC 2010 predecessor 15-1111 research scientists), wage_annual (all 'Year'),
# median / quantile_cont(0.25, 0.75). E.g. Meta's 42 values: the 21st and 22nd are 147,182
# and 147,245, so the median is 147,213.5.
PINNED = [
    pytest.param("Nokia", "qa-engineer", "all", 12, 155_821, 167_295, 189_081, id="nokia-qa"),
    pytest.param("Cisco", "qa-engineer", "all", 13, 141_107, 144_400, 171_448, id="cisco-qa"),
    pytest.param(
        "Meta", "ai-research-scientist", "all", 42, 147_182, 147_214, 155_647, id="meta-rs"
    ),
    pytest.param(
        "Meta", "ai-research-scientist", "2023", 41, 147_182, 147_182, 152_342, id="meta-rs-23"
    ),
]


@pytest.mark.parametrize(("employer", "role", "year", "n", "p25", "median", "p75"), PINNED)
def test_cells_match_medians_computed_by_hand(
    employer: str, role: str, year: str, n: int, p25: int, median: int, p75: int
) -> None:
    rows = employer_profile(employer, "California", fiscal_year=year).rows
    cell = next(r for r in rows if r.role == role)
    assert (cell.n, cell.p25, cell.median, cell.p75) == (n, p25, median, p75)


def test_top_payers_are_ranked_by_median_with_source_and_caveat() -> None:
    ranking = top_payers("ml-engineer", "California")
    assert (ranking.area, ranking.area_name) == ("CA", "California")
    medians = [r.median for r in ranking.rows]
    assert medians == sorted(medians, reverse=True) and len(medians) >= 5
    assert all(r.n >= 10 and r.role == "ml-engineer" for r in ranking.rows)
    assert "Department of Labor" in ranking.source and "no bonus or equity" in ranking.caveat


def test_limit_metro_and_year() -> None:
    assert len(top_payers("software-engineer", limit=3).rows) == 3
    metro = top_payers("software-engineer", "San Jose")
    assert metro.area == "San Jose-Sunnyvale-Santa Clara, CA" and metro.rows
    assert {r.fiscal_year for r in top_payers("software-engineer", fiscal_year=2026).rows} == {
        "2026"
    }


def test_an_area_without_filings_is_an_empty_ranking() -> None:
    assert top_payers("blockchain-developer", "Wyoming").rows == []


def test_employer_names_are_read_like_filings() -> None:
    assert employer_profile("GOOGLE LLC").employer == "Google"
    assert employer_profile("facebook").employer == "Meta"


def test_unknown_employer_suggests_close_names() -> None:
    with pytest.raises(UnknownEmployer) as err:
        employer_profile("Gooogle")
    assert "Google" in err.value.suggestions


@pytest.mark.parametrize(
    ("call", "error"),
    [
        pytest.param(lambda: top_payers("astronaut"), UnknownRole, id="role"),
        pytest.param(lambda: top_payers("ml-engineer", "Atlantis"), UnknownArea, id="area"),
        pytest.param(lambda: top_payers("ml-engineer", fiscal_year=1999), InputError, id="fy"),
        pytest.param(lambda: top_payers("ml-engineer", limit=0), InputError, id="limit"),
    ],
)
def test_bad_queries_say_what_went_wrong(call: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


def test_the_upstream_employer_group_labels_are_not_shipped() -> None:
    names = set(list_employers())
    assert "Meta" in names and "Meta (Facebook)" not in names
    assert "EY (Ernst & Young)" not in names


def test_the_tables_are_labelled_descriptive_and_give_no_verdict() -> None:
    ranking = top_payers("software-engineer")
    profile = employer_profile("Google")
    assert ranking.label == profile.label == LABEL and "descriptive" in LABEL
    assert "--employer" in LABEL
    fields = set(type(ranking.rows[0]).model_fields)
    assert not fields & {"verdict", "placement", "band", "percentile"}


def _table_position_and_offset() -> pd.DataFrame:
    """Per employer in both tables: its position in the "who pays most" table (the
    n-weighted mean, over its US role cells, of log(its median / the role's n-weighted
    geometric mean median)) and the pay model's employer offset."""
    rows = []
    for role in ("software-engineer", "data-analyst", "data-engineer", "data-scientist"):
        for r in top_payers(role, limit=10_000).rows:
            rows.append((employer_key(r.employer), role, r.n, float(np.log(r.median))))
    cells = pd.DataFrame(rows, columns=["key", "role", "n", "lm"])
    centre = (cells["lm"] * cells["n"]).groupby(cells["role"]).sum() / cells.groupby("role")[
        "n"
    ].sum()
    cells["rel"] = (cells["lm"] - cells["role"].map(centre)) * cells["n"]
    by = cells.groupby("key")
    out = pd.DataFrame({"rel": by["rel"].sum() / by["n"].sum()})
    out["offset"] = [getattr(employer_offset(k), "offset", np.nan) for k in out.index]
    return out.dropna()


def test_an_employers_table_rank_and_model_offset_agree() -> None:
    """Both are built from the same filings (paypath.perm_filings), so they must order the
    employers alike. Not identically: the offset is taken after wage level, state and
    fiscal year, the table's medians are as filed (an employer filing mostly senior roles
    ranks higher in the table than in the model). Measured 2026-12 on the shipped tables:
    470 employers, Spearman 0.61, same sign 69%."""
    both = _table_position_and_offset()
    assert len(both) >= 300
    rho = both["rel"].rank().corr(both["offset"].rank())
    same_sign = float((np.sign(both["rel"]) == np.sign(both["offset"])).mean())
    assert rho >= 0.5 and same_sign >= 0.62


def test_the_offset_is_the_one_estimate_pay_applies() -> None:
    found = employer_offset("NVIDIA Corporation")
    assert found is not None and found.employer == "NVIDIA" and found.n >= 15
    market = estimate_pay("software-engineer", "CA").base
    at = estimate_pay("software-engineer", "CA", employer="NVIDIA").base
    assert market is not None and at is not None
    assert at.median == pytest.approx(market.median * np.exp(found.offset), abs=100)
    assert employer_offset("A Company Nobody Ever Filed For") is None
