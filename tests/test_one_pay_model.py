"""The one-pay-model rule (issue #15): only :mod:`paypath.pay_model` turns data into a pay
figure, and every surface asks it.

Two halves:

* **Structure**, read from the source's syntax trees (imports, calls, the data files named),
  not by matching text: who may import the BLS OEWS lookups, who may turn market rows
  into pay percentiles, who may compute quantiles or medians, and who may open the pay
  tables. Each exception is listed with the reason it is not a second pay model; a new
  module that needs one must add itself here, in review.
* **Behaviour**: the claim checker, ``roles compare``, the home page, the role page's
  by-state table, the offer check's employer comparison and the advisor's next-skill dollars
  show the model's figures (equal to :func:`paypath.pay_model.estimate_pay`'s), not their own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from paypath.claims import check_claims
from paypath.market.store import bundled_store
from paypath.pay_model import estimate_pay, market_pay, occupation_pay, official_wages

SRC = Path(__file__).resolve().parents[1] / "src" / "paypath"

#: paypath.wages functions that read the BLS OEWS table.
OEWS_LOOKUPS = frozenset({"role_wages", "percentiles", "lookup", "wages_by_state"})
#: numpy / pandas / statistics calls that compute a quantile or a median.
QUANTILE_CALLS = frozenset(
    {"quantile", "quantiles", "percentile", "median", "nanquantile", "nanpercentile", "nanmedian"}
)
#: Files that hold wages or the fitted pay model.
PAY_TABLES = (
    "wages.csv.gz",
    "model.json",
    "pay/employers.csv",
    "oflc/employers.csv",
    "oflc/soc_by_fy.csv",
)

ALLOWED_OEWS = {
    "pay_model.py": "the pay model (and its official_wages doorway to the published statistic)",
    "__init__.py": "the package's lazy public re-export of role_wages/percentiles",
}
ALLOWED_PAY_STATS = {
    "pay_model.py": "market_pay: the market rows' figure where the model has none",
    "market/analytics.py": "defines pay_stats",
    "cli/market_analytics.py": "`market stats`: the user's market statistics shown as such",
    "web/api_market.py": "/api/market/stats: the same statistics, JSON",
    "__init__.py": "the package's lazy public re-export",
}
ALLOWED_QUANTILES = {
    "market/engines/_sql.py": "the SQL behind pay_stats, and the premium sample's pay trim",
}
ALLOWED_TABLES = {
    "wages.py": "reads the BLS OEWS extract",
    "pay_model.py": "reads the fitted model and its PERM employer offsets",
    # Descriptive tables of DOL filings, shown as such (labelled, no verdict):
    "employers.py": "PERM offered wages per employer ('who pays most'), labelled descriptive; "
    "built from paypath.perm_filings's filings, roles and employer grouping, the same as the "
    "model's employer offsets; the offer check's employer comparison is estimate_pay's",
    "trends.py": "median offered wage per SOC and fiscal year (a trend, labelled OFLC)",
}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _imported(tree: ast.Module, module: str) -> set[str]:
    """Names imported from ``module`` anywhere in the file (top level or in functions)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module:
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.Import) and any(a.name == module for a in node.names):
            names.add("*")  # `import paypath.wages`: everything reachable
    return names


def _called(tree: ast.Module) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            out.add(name)
    return out


def _strings(tree: ast.Module) -> set[str]:
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_only_the_pay_model_reads_the_oews_tables() -> None:
    offenders = {
        rel: sorted(hit)
        for rel, tree in _modules()
        if rel not in ALLOWED_OEWS and rel != "wages.py"
        if (hit := _imported(tree, "paypath.wages") & (OEWS_LOOKUPS | {"*"}))
    }
    assert offenders == {}, (
        "use paypath.pay_model (estimate_pay for pay, official_wages for BLS's own figure)"
    )


def test_only_the_pay_model_and_market_stats_turn_market_rows_into_pay() -> None:
    offenders = sorted(
        rel
        for rel, tree in _modules()
        if rel not in ALLOWED_PAY_STATS
        and "pay_stats" in _imported(tree, "paypath.market.analytics")
    )
    assert offenders == [], "use paypath.pay_model.market_pay"


def test_no_module_computes_quantiles_outside_the_pay_model() -> None:
    offenders = {
        rel: sorted(hit)
        for rel, tree in _modules()
        if rel not in ALLOWED_QUANTILES and rel != "pay_model.py"
        if (hit := _called(tree) & QUANTILE_CALLS)
    }
    assert offenders == {}


def test_only_wages_and_the_pay_model_open_the_pay_tables() -> None:
    offenders = {
        rel: sorted(name for name in PAY_TABLES if any(name in s for s in strings))
        for rel, tree in _modules()
        if rel not in ALLOWED_TABLES
        for strings in [_strings(tree)]
        if any(name in s for s in strings for name in PAY_TABLES)
    }
    assert offenders == {}


def test_descriptive_tables_give_no_verdict() -> None:
    """The modules allowed to read the filings tables describe them; none places a pay
    figure in them (paypath.verdict) or builds its own distribution of employer pay."""
    trees = dict(_modules())
    for rel in ALLOWED_TABLES.keys() - {"wages.py", "pay_model.py"}:
        assert not _imported(trees[rel], "paypath.verdict"), rel


def test_both_employer_builders_share_one_reading_of_the_filings() -> None:
    scripts = SRC.parents[1] / "scripts"
    for name in ("build_employers.py", "build_pay_model.py"):
        tree = ast.parse((scripts / name).read_text(encoding="utf-8"))
        assert "read_perm_filings" in _imported(tree, "paypath.perm_filings"), name


def test_the_guard_sees_what_it_guards() -> None:
    """The checks are live: they find the known readers (so an empty offender list means
    something)."""
    trees = dict(_modules())
    assert _imported(trees["pay_model.py"], "paypath.wages") & OEWS_LOOKUPS
    assert "pay_stats" in _imported(trees["pay_model.py"], "paypath.market.analytics")
    assert "quantile_fn" in {n.attr for n in ast.walk(trees["market/engines/_sql.py"])
                             if isinstance(n, ast.Attribute)}  # fmt: skip
    assert any("model.json" in s for s in _strings(trees["pay_model.py"]))


# ------------------------------------------------------------------ behaviour


@pytest.mark.parametrize("role", ["ml-engineer", "software-engineer", "data-analyst"])
def test_a_us_claim_is_compared_with_the_models_mid_level_base(role: str) -> None:
    title = {"ml-engineer": "ML engineers", "software-engineer": "Software engineers"}
    text = f"{title.get(role, 'Data analysts')} earn $150,000 a year."
    claim = check_claims(text).pay_claims[0]
    model = estimate_pay(role, "national", level="mid").base
    assert claim.role_id == role and claim.official is not None and model is not None
    got = [getattr(claim.official, k) for k in ("p10", "p25", "median", "p75", "p90")]
    assert got == [model.p10, model.p25, model.median, model.p75, model.p90]
    assert claim.official.kind == "base" and claim.official.level == "mid"
    assert claim.official.source == model.source
    assert claim.median == model.median


def test_roles_on_one_soc_are_told_apart_in_claims() -> None:
    ml = check_claims("ML engineers earn $150,000.").pay_claims[0].official
    swe = check_claims("Software engineers earn $150,000.").pay_claims[0].official
    assert ml is not None and swe is not None
    assert ml.bls_median == swe.bls_median  # one SOC, one BLS figure
    assert ml.median != swe.median  # the model separates them


def test_an_occupation_outside_the_catalog_uses_occupation_pay() -> None:
    claim = check_claims("Computer network architects earn $130,000.").pay_claims[0]
    occ = occupation_pay("15-1241")
    assert claim.official is not None and occ is not None
    assert (claim.official.median, claim.official.kind) == (occ.median, "base")
    assert claim.official.bls_median == official_wages("15-1241").median


def test_a_claim_abroad_is_compared_with_total_comp_and_says_so() -> None:
    claim = check_claims("In London, data scientists earn £70,000.").pay_claims[0]
    market = market_pay(bundled_store(), "data-scientist", "GB")
    assert claim.official is not None and market is not None
    assert claim.official.median == market.median and claim.official.kind == "total"
    assert "total" in claim.official.label
    assert any("total compensation" in c for c in claim.caveats)


def test_home_page_model_column_is_the_models_figure() -> None:
    from paypath.web.views import home

    rows = home().rows
    assert rows
    for row in rows:
        model = estimate_pay(row.role.id, "national", level="mid").base
        assert model is not None and row.model_median.value == model.median


def test_role_page_states_are_the_models_base_per_state() -> None:
    from paypath.web.views import STATE_LEVEL, role_page

    page = role_page("ml-engineer")
    assert len(page.states) >= 45
    for row in page.states:
        base = estimate_pay("ml-engineer", row.area, level=STATE_LEVEL).base
        assert base is not None and row.kind == "base" and row.source == base.source
        got = (row.p10, row.p25, row.median, row.p75, row.p90)
        assert got == (base.p10, base.p25, base.median, base.p75, base.p90)
    assert [r.median for r in page.states] == sorted((r.median for r in page.states), reverse=True)


def test_roles_on_one_soc_get_their_own_state_figures() -> None:
    from paypath.web.views import role_page

    ml = {r.area: r.median for r in role_page("ml-engineer").states}
    swe = {r.area: r.median for r in role_page("software-engineer").states}
    shared = ml.keys() & swe.keys()
    assert len(shared) >= 45 and all(ml[a] != swe[a] for a in shared)


def test_web_offer_with_an_employer_is_estimate_pays_figure_there() -> None:
    from paypath.web.api_advice import offer_check
    from paypath.web.models import OfferIn

    check = offer_check(
        OfferIn(role="data-engineer", salary=150_000.0, location="Texas", employer="Amazon")
    )
    vs = check.vs_employer
    assert vs is not None and vs.base_vs_employer is not None
    pos = vs.base_vs_employer.position
    base = estimate_pay("data-engineer", "Texas", level="mid", employer="Amazon").base
    assert pos is not None and base is not None
    assert (pos.p25, pos.median, pos.p75) == (base.p25, base.median, base.p75)


def test_advisors_skill_dollars_are_the_models() -> None:
    """Next-skill uplift = the supported premium (capped at its 95% CI's lower end) x the
    model's base median for the role, area and seniority (pay_model.pay_uplift)."""
    from paypath.advisor import build_profile, next_skills
    from paypath.pay_evidence import role_premiums
    from paypath.pay_model import pay_uplift

    profile = build_profile(["python, sql"], years=6, location="Washington")
    base = estimate_pay("data-engineer", "Washington", years=6).base
    premiums, _ = role_premiums("data-engineer")
    assert base is not None
    found = next_skills(profile, "data-engineer", limit=None)
    assert any(s.uplift for s in found), "some next skill has a supported premium"
    for s in found:
        premium = premiums.get(s.id)
        if premium is None:
            assert s.uplift is None
            continue
        low = premium.ci_low
        supported = 0.0 if low is None or low <= 0 else min(premium.premium, low)
        worth = pay_uplift("data-engineer", supported, "Washington", years=6)
        assert worth.base_median == base.median and worth.source == base.source
        assert s.uplift == worth.usd == round(supported * base.median, -2)
