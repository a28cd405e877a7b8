"""Pay over time (paypath.trends): OFLC aggregates and Indeed Hiring Lab series."""

from __future__ import annotations

import pytest

from paypath.errors import InputError, NotFound
from paypath.pay_model import estimate_pay, model_info, official_wages, wage_index
from paypath.trends import ai_share, current_pay, posted_wage_growth, role_trend


def test_software_engineer_trend_matches_the_aggregates() -> None:
    trend = role_trend("software-engineer")
    by_year = {p.fiscal_year: p for p in trend.points}
    assert [p.fiscal_year for p in trend.points] == list(range(2015, 2027))
    # SOURCE.md: 15-1252 LCA median FY2023 $120,000 -> FY2026 $144,999
    assert (by_year[2023].median, by_year[2026].median) == (120_000, 144_999)
    assert by_year[2024].change_pct == round((125_460 / 120_000 - 1) * 100, 1)
    assert by_year[2026].partial and not by_year[2025].partial
    assert "ml-engineer" in trend.shares_soc_with
    assert len(trend.wage_growth) == 12 and trend.wage_growth[-1].month == "2026-04"


def test_perm_program_and_bad_program() -> None:
    assert role_trend("data-scientist", program="perm").points
    with pytest.raises(InputError):
        role_trend("data-scientist", program="h2b")


def test_indeed_series() -> None:
    growth = posted_wage_growth("us")
    assert growth[-1].month == "2026-04" and growth[-1].value == pytest.approx(0.023796)
    share = ai_share("US")
    assert share[0].month == "2019-01" and share[-1].month == "2026-06"
    assert share[-1].value > share[0].value
    with pytest.raises(NotFound, match="countries"):
        ai_share("ZZ")


def test_trends_pay_today_is_the_pay_models_figure_at_the_latest_index_month() -> None:
    today = current_pay("data-scientist")
    assert today is not None and today.estimate is not None
    latest = max(model_info()["wage_index"])
    assert today.estimate_month == latest
    model = estimate_pay("data-scientist", level="mid", as_of=latest).base
    assert model is not None
    assert today.estimate == model  # one aging of pay: the model's, not a second one
    then = estimate_pay("data-scientist", level="mid").base
    assert then is not None
    # the model's offers follow the posted-wage index in part (its fitted time pass-through)
    factor = wage_index(latest) / wage_index("2025-05")
    tau = float(model_info()["calibration"]["time_pass_through"])
    assert abs(model.median / then.median - factor**tau) < 0.002  # both rounded to $100
    assert "not an official statistic" in today.method


def test_pay_today_keeps_the_official_figure_beside_the_estimate() -> None:
    today = current_pay("software-engineer")
    assert today is not None
    assert today.official == official_wages("software-engineer").median  # never replaced
    assert today.official_source.startswith("BLS OEWS")
    assert today.official_month == "2025-05" and today.estimate is not None
