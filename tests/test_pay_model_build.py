"""The pay model's fitting helpers (scripts/build_pay_model.py): weighted quantiles, the
employer cap and the years slopes do what their docstrings say."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_pay_model.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_pay_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_pay_model"] = module
    spec.loader.exec_module(module)
    return module


def test_equal_weights_give_the_midpoint_quantile(build: ModuleType) -> None:
    values = pd.Series([1.0, 2.0, 3.0, 4.0])
    ones = pd.Series([1.0] * 4)
    assert build.wquantile(values, ones, 0.5) == pytest.approx(2.5)
    assert build.wquantile(values, ones, 0.0) == 1.0 and build.wquantile(values, ones, 1.0) == 4.0


def test_a_heavy_value_pulls_the_weighted_median(build: ModuleType) -> None:
    values = pd.Series([10.0, 1.0, 2.0])
    assert build.wquantile(values, pd.Series([1.0, 1.0, 1.0]), 0.5) == pytest.approx(2.0)
    # sorted 1, 2, 10 with weights 1, 1, 8: cumulative midpoints 0.05, 0.15, 0.6
    pulled = build.wquantile(values, pd.Series([8.0, 1.0, 1.0]), 0.5)
    assert pulled == pytest.approx(2.0 + 8.0 * (0.5 - 0.15) / (0.6 - 0.15))


def test_no_employer_counts_for_more_than_the_cap(build: ModuleType) -> None:
    cap = build.COMPANY_CAP
    assert cap is not None
    n_big = int(cap) * 4
    company = pd.Series(["Big"] * n_big + ["Small"] * 3)
    w = build.company_weights(company)
    assert w[company == "Big"].sum() == pytest.approx(cap)
    assert (w[company == "Small"] == 1.0).all()


def test_years_slope_is_fitted_within_cells(build: ModuleType) -> None:
    # two metros with different pay levels and different years mixes: the within-cell
    # slope is the true 3% a year, not the 10%+ a pooled fit would see
    rng = np.random.default_rng(7)
    rows = []
    for metro, level_pay, years in (("A", 11.0, (5, 6, 7)), ("B", 11.6, (7, 8, 9))):
        for y in years:
            for _ in range(20):
                rows.append(("swe", "senior", metro, float(y), level_pay + 0.03 * y))
    df = pd.DataFrame(rows, columns=["role", "seniority", "metro", "yrs", "lp"])
    lp = df["lp"] + rng.normal(0, 0.001, len(df))
    got = build.years_slopes(df, lp)["senior"]
    assert got["slope"] == pytest.approx(0.03, abs=0.002)
    assert got["centre"] == pytest.approx(df["yrs"].mean(), abs=0.001)
    assert got["n"] == len(df)


def test_a_missing_employer_name_still_gets_a_weight(build: ModuleType) -> None:
    w = build.company_weights(pd.Series(["A", None, "A"], dtype=object))
    assert not w.isna().any() and (w > 0).all()


def test_a_missing_value_is_an_error_not_a_silent_nan(build: ModuleType) -> None:
    with pytest.raises(ValueError, match="finite"):
        build.wquantile(pd.Series([1.0, float("nan")]), pd.Series([1.0, 1.0]), 0.5)
