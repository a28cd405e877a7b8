"""The one pay model: roles that share a SOC are told apart, seniority and place matter,
figures are labelled, unsupported figures are null with a reason."""

from __future__ import annotations

import math

import pytest

from paypath.errors import InputError, UnknownArea, UnknownRole
from paypath.pay_model import LEVELS, estimate_pay, level_for_years, model_info, wage_index


def _median(role: str, area: str = "national", level: str = "senior") -> float:
    base = estimate_pay(role, area, level=level).base
    assert base is not None
    return base.median


def test_roles_on_one_soc_get_different_figures() -> None:
    shared = ["ml-engineer", "software-engineer", "devops-engineer", "site-reliability-engineer"]
    medians = {r: _median(r) for r in shared}
    assert len(set(medians.values())) == len(shared)
    assert medians["ml-engineer"] > medians["software-engineer"] * 1.05


def test_data_analysts_earn_well_below_data_scientists() -> None:
    ratio = _median("data-analyst") / _median("data-scientist")
    assert 0.5 < ratio < 0.8


def test_distributions_are_ordered_and_labelled() -> None:
    est = estimate_pay("software-engineer", "San Jose, CA", years=6)
    assert est.level == "senior" and est.area == "San Jose-Sunnyvale-Santa Clara, CA"
    for dist, kind in ((est.base, "base"), (est.total, "total")):
        assert dist is not None and dist.kind == kind and dist.country == "US"
        assert dist.p10 < dist.p25 < dist.median < dist.p75 < dist.p90
        assert dist.n > 0 and dist.source
    assert est.total is not None and est.base is not None
    assert est.total.median > est.base.median


def test_seniority_raises_pay_at_every_step() -> None:
    medians = [_median("software-engineer", level=lvl) for lvl in LEVELS]
    assert medians == sorted(medians) and len(set(medians)) == len(medians)


def test_place_moves_pay_less_than_the_whole_occupation() -> None:
    beta = model_info()["calibration"]["geo_pass_through"]
    assert 0 < beta < 1
    assert _median("software-engineer", "Redmond, WA") > _median("software-engineer")


def test_as_of_ages_pay_with_the_wage_index_times_its_pass_through() -> None:
    then = estimate_pay("software-engineer", level="mid", as_of="2019-06")
    now = estimate_pay("software-engineer", level="mid").base
    assert then.base is not None and now is not None
    tau = float(model_info()["calibration"]["time_pass_through"])
    assert 0 < tau <= 1  # tech offers follow the all-jobs posted-wage index in part
    aged = now.median * wage_index("2019-06") ** tau
    assert then.base.median == pytest.approx(aged, rel=0.01)
    assert any("2019-06" in n and f"{tau:.2f}" in n for n in then.notes)
    assert wage_index("2025-05") == 1.0


def test_role_level_cell_shapes_the_median_and_the_band() -> None:
    cal = model_info()["calibration"]
    for role, level in (("data-scientist", "senior"), ("product-manager", "mid")):
        cell = cal["role_level_offset"][role][level]
        est = estimate_pay(role, level=level).base
        assert est is not None
        assert f"{cell['n']:,} of them {role}, {level}" in est.source
        spread = cal["base_spread_role"][role][level]
        low, high = cal["spread_scale_low"], cal["spread_scale_high"]
        assert est.p25 == pytest.approx(est.median * math.exp(spread["p25"] * low), rel=0.01)
        assert est.p75 == pytest.approx(est.median * math.exp(spread["p75"] * high), rel=0.01)
        assert est.p10 < est.p25 < est.median < est.p75 < est.p90


def test_unsupported_area_is_null_with_a_reason() -> None:
    est = estimate_pay("data-analyst", "Casper, WY")
    assert est.base is None and est.total is None
    assert est.base_reason and "Casper" in est.base_reason


def test_a_thin_role_says_its_figure_is_its_socs() -> None:
    est = estimate_pay("blockchain-developer")
    assert any("essentially" in n for n in est.notes)


def test_a_known_employer_shifts_pay_and_says_by_how_much() -> None:
    market = _median("software-engineer")
    meta = estimate_pay("software-engineer", level="senior", employer="META PLATFORMS, INC.")
    assert meta.employer == "Meta" and meta.base is not None
    assert meta.base.median != market
    assert any("employer offset for Meta" in n for n in meta.notes)


def test_an_unknown_employer_gets_the_market_figure_and_a_note() -> None:
    est = estimate_pay("software-engineer", level="senior", employer="Acme Widgets")
    assert est.base is not None and est.base.median == _median("software-engineer")
    assert any("not Acme Widgets's" in n for n in est.notes)
    with pytest.raises(InputError):
        estimate_pay("software-engineer", employer="!!!")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"role_id": "astronaut"}, UnknownRole),
        ({"role_id": "ml-engineer", "area": "Atlantis"}, UnknownArea),
        ({"role_id": "ml-engineer", "level": "wizard"}, InputError),
        ({"role_id": "ml-engineer", "years": -1.0}, InputError),
        ({"role_id": "ml-engineer", "years": 1.0, "level": "staff"}, InputError),
        ({"role_id": "ml-engineer", "as_of": "1999-01"}, InputError),
        ({"role_id": "ml-engineer", "as_of": "May 2025"}, InputError),
    ],
)
def test_bad_input(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        estimate_pay(**kwargs)  # type: ignore[arg-type]


def test_level_for_years_bounds() -> None:
    assert [level_for_years(y) for y in (0, 2, 5, 10, 15)] == list(LEVELS)


def test_years_move_pay_within_a_level_and_say_so() -> None:
    cal = model_info()["calibration"]
    slope, centre = cal["years_base"]["senior"]["slope"], cal["years_base"]["senior"]["centre"]
    assert slope > 0  # fitted within role x metro cells of the training offers
    five, nine = (estimate_pay("software-engineer", years=y) for y in (5.0, 9.0))
    typical = estimate_pay("software-engineer", level="senior")
    assert five.level == nine.level == typical.level == "senior"
    assert five.base is not None and nine.base is not None and typical.base is not None
    assert five.base.median < typical.base.median < nine.base.median
    assert nine.base.median / five.base.median == pytest.approx(math.exp(4 * slope), rel=0.01)
    assert nine.total is not None and typical.total is not None
    assert nine.total.median > typical.total.median
    assert any("9 years within senior" in n and f"{centre:.1f} years" in n for n in nine.notes)
    assert not any("years within" in n for n in typical.notes)


def test_years_beyond_the_cap_count_as_the_cap() -> None:
    cap = float(model_info()["calibration"]["years_cap"])
    at_cap, beyond = (estimate_pay("software-engineer", years=y) for y in (cap, cap + 10))
    assert at_cap.base is not None and beyond.base is not None
    assert at_cap.base.median == beyond.base.median
