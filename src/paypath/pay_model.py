"""The one pay model: what a role pays in a US area at a seniority, base and total comp.

Every surface that shows a pay figure (``paypath pay``, the offer check, ``roles
compare``, the advisor, the web) asks :func:`estimate_pay`; none turns data into pay
figures its own way.

The model (a log-pay ratio model; tables fitted by ``scripts/build_pay_model.py`` into
``data/pay/model.json``)::

    log median_base = log OEWS_median(role's SOC codes, national)  (BLS OEWS May 2025)
                    + area term: metro_scale * PERM metro effect, or
                                 beta * log(OEWS_median(area) / OEWS_median(national))
                    + role_offset[role]                              (DOL OFLC PERM titles)
                    + seniority_shape[level] + base_offset[level]    (PERM shape, calibrated)
                    + role_level_offset[role][level]                 (Levels.fyi, pooled)
                    + years_slope[level] * (years - centre[level])   (only with ``years``)
                    + time_pass_through * log index(as_of)           (Indeed posted wages)
    log median_total = log median_base + total_over_base[family][level] + total_geo * area term
                     + (years_slope_total - years_slope)[level] * (years - centre[level])
    pN = median * exp(scale_low|high * spread[role][level][pN])      (N = 10, 25, 75, 90)

* **Occupation x area level**: BLS OEWS, the role's SOC codes combined by employment
  (:func:`paypath.wages.role_wages`). OEWS counts base wages only. ``beta`` (the
  geographic pass-through, one coefficient fitted on the Levels.fyi training split, about
  0.7) says how much of OEWS's area-vs-national difference reaches the offers: tech pay
  varies less between metros than the whole occupation's does. Where PERM has 30+
  filings in the metro, the area term is instead the PERM metro effect (log offered wage
  by metro after level, year and role; shrunk by n / (n + 50)) times ``metro_scale`` (one
  coefficient, Levels.fyi training split): OEWS ranks San Jose above San Francisco and
  New York, tech offers do not.
* **Role within its SOC** (``role_offset``): roles that share a SOC (ML engineer, software
  engineer, SRE, DevOps on 15-1252) are separated by their job titles in PERM filings:
  the mean log offered wage of filings whose title classifies as the role
  (:func:`paypath.titles.classify_title`), minus that of all filings in the role's SOC
  codes, after controlling for state, prevailing-wage level and fiscal year (OLS). Partial
  pooling toward the SOC figure: the offset is shrunk by ``n / (n + 50)`` for the role's
  filings and again for the SOC's, so a thin role (blockchain developer: 9 filings) gets
  almost exactly its SOC's figure, and says so in ``notes``. A role whose own SOC codes
  have fewer than 1,000 PERM filings is measured instead against the SOC most of its
  filings are coded as, plus OEWS's ratio of that SOC to the role's (``bridge`` in
  ``role_offset``): only the AI research scientist (SOC 15-1221 has 385 filings, 12% above
  what OEWS implies for it, while 264 of the role's 755 filings are coded 15-1252). Its
  offset moved from -0.075 (log; against the thin SOC) to +0.058, placing it between software
  and ML engineers, as its PERM filings are (after state, level and year: +10% over
  software engineer titles, -4% under ML engineer titles).
* **Seniority** (``level``: junior / mid / senior / staff / principal, or ``years`` via
  :func:`level_for_years`): the shape comes from PERM's prevailing-wage levels I-IV
  (junior = I, mid = II, senior = III, staff = IV, principal one more staff-senior step);
  one offset per level (5 coefficients) is calibrated on the **training split** of the
  Levels.fyi offers (split by a hash of the company; the held-out half is only used by
  ``bench/pay_accuracy.py``). The calibration makes the figures describe what offers at
  employers that report to Levels.fyi (mostly larger tech firms) pay. No employer counts
  for more than 500 offers in any calibration median, quantile or regression (one
  employer was a quarter of the training offers; with the cap the figures describe the
  market, not its pay policy). On top, a
  **role x seniority offset** with partial pooling: the median log-base residual of the
  cell's training offers, shrunk toward 0 (the level's figure) by ``n / (n + 100)``; it
  corrects what PERM titles get wrong for a role at one level (data scientists and
  product managers at Levels.fyi employers). ``source`` gives the cell's n.
* **Years within the level** (only when ``years`` is given, e.g. ``paypath pay --years
  9``): ``years_slope[level]``, the slope of log pay on years of experience (capped at
  ``years_cap``, 30) *within* role x metro cells of the level's training offers, times the
  distance from the level's centre (the mean years of its training offers), for base and
  for total. A 9-year senior is placed above a 5-year one (base slopes per year: junior
  1.6%, mid 5.9%, senior 2.7%, staff 1.0%, principal 0.6%). Without ``years`` (a
  ``level`` only) the figure is the level's typical offer. The spread is still the
  level's (it includes the spread of years within the level, so it is a little wide for
  a given years). The offer check does not use this term: its verdict places an offer
  among peers of the same seniority *bucket*, and on a nested training split the term
  lowered base agreement with those peers from 0.823 to 0.798.
* **Spread** (p10, p25, p75, p90): the empirical quantiles of log pay of the training
  offers around the *model's* median (so the band includes the employer spread and the
  model's own error: where a new offer from an employer the model has not seen falls),
  per role x seniority, partially pooled toward the level's quantiles by
  ``n / (n + 200)``; a thin role keeps the level's shape. Base and total each have two
  factors, ``spread_scale_low`` on p10/p25 and ``spread_scale_high`` on p75/p90, chosen on
  a grid to maximise the offer check's agreement with peers, out of sample inside the
  training split (calibrated on half its companies, scored on the other half).
* **Base -> total**: the median log ratio of total comp (base + bonus + yearly stock) to
  base per level, for individual contributors and for managers, plus ``total_geo`` times
  the area term (stock is a larger share where pay is higher: San Francisco, Seattle);
  Levels.fyi training split, 11 coefficients. The bundled survey rows carry total comp
  only, so they cannot give this ratio.
* **As of** (``as_of`` "YYYY-MM", default May 2025, the OEWS reference month): figures are
  aged with a monthly US posted-wage index chained from Indeed Hiring Lab's year-on-year
  growth (CC BY 4.0); 2025-05 = 1, raised to ``time_pass_through`` (one coefficient: the
  slope of log base on the log index *within* role x seniority x metro x employer cells
  of the Levels.fyi training split, about 0.47: tech offers moved with the all-jobs
  posted-wage index only in part). The employer is in the cell because the mix of
  employers reporting to Levels.fyi shifted over 2017-2021; without it the slope is 0.37
  (biased low by that mix). The Levels.fyi calibration is done in May 2025 units of that
  index.
* **Employer** (optional): ``employer_offset`` from PERM (``data/pay/employers.csv``, the
  1,500 employers with the most filings): the employer's mean log offered wage after
  state, level, fiscal year and role, shrunk by ``n / (n + 20)``; names are matched with
  :func:`paypath.employer_names.employer_key`. It shifts base and total alike (PERM has
  no bonus or stock). PERM wages are often the floor of the offered range, so an
  employer that files wide ranges reads low. An employer not in the table gets the
  market's figure and a note saying so.

Nothing falls back silently: where OEWS publishes no wage for the role's SOC codes in the
area, ``base`` and ``total`` are ``None`` and ``base_reason`` says why and what to try.
Every figure is annual USD in the United States, labelled ``kind`` base or total.
"""

from __future__ import annotations

import csv
import json
import math
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from paypath.catalog import get_role
from paypath.errors import InputError
from paypath.resources import data_path

if TYPE_CHECKING:
    from paypath.market.engines import StoreLike
    from paypath.wages import RoleWages, WagePercentiles

__all__ = [
    "AS_OF_DEFAULT",
    "EMPLOYERS_MAX",
    "EMPLOYER_MIN_FILINGS",
    "LEVELS",
    "MARKET_MIN_N",
    "MIN_ROLE_FILINGS",
    "EmployerOffset",
    "PayDistribution",
    "PayEstimate",
    "PayUplift",
    "employer_offset",
    "estimate_pay",
    "level_for_years",
    "market_pay",
    "model_info",
    "occupation_pay",
    "official_wages",
    "official_wages_by_state",
    "pay_uplift",
    "wage_growth_factor",
    "wage_index",
]

LEVELS: tuple[str, ...] = ("junior", "mid", "senior", "staff", "principal")
AS_OF_DEFAULT = "2025-05"
#: Below this many PERM filings a role's figure is (almost) its SOC's, and notes say so.
MIN_ROLE_FILINGS = 100
#: The PERM employers that get an offset (``scripts/build_pay_model.py`` writes them): at
#: most EMPLOYERS_MAX, those with the most filings, each with EMPLOYER_MIN_FILINGS or more.
EMPLOYER_MIN_FILINGS = 15
EMPLOYERS_MAX = 1500
MANAGER_ROLES = frozenset({"software-engineering-manager"})
COUNTRY = "US"
_AS_OF = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")
Kind = Literal["base", "total"]


class PayDistribution(BaseModel):
    """One pay distribution (annual USD; United States except :func:`market_pay`'s)."""

    kind: Kind  # "base" (salary) or "total" (base + bonus + yearly stock)
    country: str = COUNTRY
    currency: str = "USD"
    p10: float
    p25: float
    median: float
    p75: float
    p90: float
    n: int  # observations behind the role/seniority adjustment (see ``source``)
    source: str
    method: str


class PayEstimate(BaseModel):
    """What a role pays in an area at a seniority: base and total comp, each or a reason."""

    role: str
    title: str
    area: str
    area_type: str
    level: str
    years: float | None
    employer: str | None
    as_of: str
    base: PayDistribution | None
    base_reason: str | None = None
    total: PayDistribution | None
    total_reason: str | None = None
    method: str
    sources: list[str]
    notes: list[str]


@cache
def _employers() -> dict[str, tuple[str, float, int]]:
    """employer key -> (display name, offset, n filings)."""
    out: dict[str, tuple[str, float, int]] = {}
    with data_path("pay/employers.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out[r["key"]] = (r["employer"], float(r["offset"]), int(r["n"]))
    return out


@cache
def _model() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(data_path("pay/model.json").read_text("utf-8"))
    return data


def model_info() -> dict[str, Any]:
    """The fitted tables (role offsets, seniority, calibration, index) and their sources."""
    return dict(_model())


def level_for_years(years: float | None) -> str:
    """junior < 2 years, mid < 5, senior < 10, staff < 15, principal after (mid if unknown)."""
    if years is None:
        return "mid"
    if not math.isfinite(years) or years < 0 or years > 70:
        raise InputError(f"years of experience {years!r} must be a number from 0 to 70")
    if years < 2:
        return "junior"
    if years < 5:
        return "mid"
    if years < 10:
        return "senior"
    return "staff" if years < 15 else "principal"


def wage_index(as_of: str) -> float:
    """The posted-wage index at ``as_of`` ("YYYY-MM"), May 2025 = 1."""
    m = _AS_OF.match(as_of.strip())
    index: dict[str, float] = _model()["wage_index"]
    if not m:
        raise InputError(f"as-of date {as_of!r} must look like 2025-05")
    key = f"{m.group(1)}-{m.group(2)}"
    if key not in index:
        first, last = min(index), max(index)
        raise InputError(f"as-of date {as_of!r} is outside the wage index ({first} .. {last})")
    return float(index[key])


def wage_growth_factor(start: str, end: str | None = None) -> tuple[float, str]:
    """(growth of US advertised wages from month ``start`` to ``end``, ``end``): the ratio of
    the posted-wage index, ``end`` defaulting to its latest month. The one index any aging
    reads: ``estimate_pay(as_of=...)`` raises it to the fitted ``time_pass_through`` (the
    only place pay is aged; ``trends.current_pay`` shows that figure beside BLS's)."""
    last = end or max(_model()["wage_index"])
    return wage_index(last) / wage_index(start), last


def _level(level: str | None, years: float | None) -> str:
    if level is not None:
        key = level.strip().lower()
        if key not in LEVELS:
            raise InputError(f"level {level!r} is not one of: {', '.join(LEVELS)}")
        if years is not None and level_for_years(years) != key:
            raise InputError(
                f"--years {years:g} means {level_for_years(years)}, not {key}: give one of them"
            )
        return key
    return level_for_years(years)


def _years_term(kind: Kind, lvl: str, years: float | None) -> float:
    """``slope * (min(years, cap) - centre)`` for the level (log pay; 0 without years)."""
    cal = _model()["calibration"]
    row = cal.get(f"years_{kind}", {}).get(lvl)
    if years is None or row is None:
        return 0.0
    capped = min(float(years), float(cal.get("years_cap", 30.0)))
    return float(row["slope"]) * (capped - float(row["centre"]))


def _spread(kind: Kind, role_id: str, lvl: str) -> dict[str, float]:
    """The role x seniority spread quantiles (partially pooled), else the level's."""
    cal = _model()["calibration"]
    by_role: dict[str, dict[str, dict[str, float]]] = cal.get(f"{kind}_spread_role", {})
    own = by_role.get(role_id, {}).get(lvl)
    return dict(own) if own is not None else dict(cal[f"{kind}_spread"][lvl])


def _dist(
    kind: Kind, median: float, spread: dict[str, float], n: int, source: str
) -> PayDistribution:
    cal = _model()["calibration"]
    prefix = "spread_scale" if kind == "base" else "spread_scale_total"
    low = float(cal.get(f"{prefix}_low", 1.0))
    high = float(cal.get(f"{prefix}_high", 1.0))

    def at(q: str) -> float:
        scale = low if q in ("p10", "p25") else high
        return float(round(median * math.exp(spread[q] * scale), -2))

    return PayDistribution(
        kind=kind,
        p10=at("p10"),
        p25=at("p25"),
        median=float(round(median, -2)),
        p75=at("p75"),
        p90=at("p90"),
        n=n,
        source=source,
        method=(
            "median from the log-pay model; p10..p90 = median x exp(quantile of training "
            "offers' log pay around the model's median, role x seniority pooled toward the "
            "level)"
        ),
    )


@lru_cache(maxsize=4096)
def estimate_pay(
    role_id: str,
    area: str = "national",
    *,
    years: float | None = None,
    level: str | None = None,
    employer: str | None = None,
    as_of: str | None = None,
) -> PayEstimate:
    """Base and total-comp distributions for a role in a US area at a seniority (see module doc).

    Raises :class:`~paypath.errors.UnknownRole`, :class:`~paypath.errors.UnknownArea` or
    :class:`~paypath.errors.InputError` (bad years, level or as-of date).
    """
    from paypath.areas import resolve_area_detail
    from paypath.errors import InsufficientData, UnknownSOC
    from paypath.wages import role_wages

    if not isinstance(role_id, str) or not role_id.strip():
        raise InputError("a role id is required (see `paypath roles list`)")
    role = get_role(role_id)
    where, _alts = resolve_area_detail(area or "national")
    lvl = _level(level, years)
    when = as_of or AS_OF_DEFAULT
    idx, _ = wage_growth_factor(AS_OF_DEFAULT, when)  # the index is 1 at AS_OF_DEFAULT
    model = _model()
    offset = model["role_offset"].get(role.id, {"offset": 0.0, "n": 0, "n_soc": 0})
    cal = model["calibration"]
    notes: list[str] = []
    sources = [model["sources"]["oews"], model["sources"]["perm"], model["sources"]["levels"]]
    tau = float(cal.get("time_pass_through", 1.0))
    aging = idx**tau
    if when != AS_OF_DEFAULT:
        sources.append(model["sources"]["index"])
        notes.append(
            f"aged from May 2025 to {when}: posted-wage index x{idx:.3f}, of which offers "
            f"follow {tau:.2f} (x{aging:.3f})"
        )
    employer_shift = 0.0
    if employer is not None:
        found = employer_offset(employer)
        if found is None:
            notes.append(
                f"no employer-specific evidence for {employer!r} (not among the PERM "
                f"employers with {EMPLOYER_MIN_FILINGS}+ filings): the figures are the "
                f"market's, not {employer}'s"
            )
        else:
            employer, employer_shift = found.employer, found.offset
            notes.append(
                f"employer offset for {employer}: {math.exp(employer_shift) - 1:+.1%} "
                f"from {found.n:,} PERM filings (shrunk toward the market)"
            )
    method = (
        "log-pay model: OEWS median for the role's SOC codes (national, x the area's OEWS "
        "difference ^ beta) x role offset within the SOC (PERM titles, shrunk toward the "
        "SOC) x seniority (PERM levels, calibrated on a Levels.fyi training split) x wage "
        "index; total = base x total/base ratio by level"
    )
    base_reason: str | None = None
    anchor: float | None = None
    try:
        wages = role_wages(role.id, where.name if where.type != "national" else "national")
        anchor = wages.median
        if anchor is None:
            base_reason = (
                f"BLS OEWS publishes no median for {wages.soc} in {where.name}; "
                "try the state or 'national'"
            )
        elif wages.top_coded and "median" in wages.top_coded:
            base_reason = f"BLS top-codes the median for {wages.soc} in {where.name}"
            anchor = None
    except (InsufficientData, UnknownSOC) as exc:
        base_reason = exc.message
    n_role = int(offset.get("n", 0))
    if n_role < MIN_ROLE_FILINGS:
        notes.append(
            f"only {n_role} PERM filings are titled as {role.id}: its figure is essentially "
            f"that of SOC {', '.join(role.soc_codes)}"
        )
    header: dict[str, Any] = {
        "role": role.id,
        "title": role.title,
        "area": where.name,
        "area_type": where.type,
        "level": lvl,
        "years": years,
        "employer": employer,
        "as_of": when,
    }
    if anchor is None:
        reason = base_reason or "no OEWS anchor"
        return PayEstimate(
            **header,
            base=None,
            base_reason=reason,
            total=None,
            total_reason=f"no base figure to build total comp on: {reason}",
            method=method,
            sources=sources,
            notes=notes,
        )
    national = role_wages(role.id, "national").median or anchor
    beta = float(cal["geo_pass_through"])
    metro = model["metro_effect"].get(where.name)
    if metro is not None:
        geo = float(cal["metro_scale"]) * float(metro["g"])
        geo_text = f"in {where.name} (metro effect from {int(metro['n']):,} PERM filings); "
    else:
        geo = beta * math.log(anchor / national)
        geo_text = (
            f"in {where.name} (OEWS area difference x {beta:.2f}); "
            if where.type != "national"
            else "(US); "
        )
    cell = cal.get("role_level_offset", {}).get(role.id, {}).get(lvl, {"offset": 0.0, "n": 0})
    years_base = _years_term("base", lvl, years)
    years_total = _years_term("total", lvl, years)
    if years is not None and (years_base or years_total):
        notes.append(
            f"{years:g} years within {lvl}: base {math.exp(years_base) - 1:+.1%}, total "
            f"{math.exp(years_total) - 1:+.1%} against the level's typical offer "
            f"({float(cal['years_base'][lvl]['centre']):.1f} years; slope within the level "
            "from Levels.fyi training offers)"
        )
    log_base = (
        math.log(national)
        + geo
        + float(offset["offset"])
        + float(model["seniority_shape"][lvl])
        + float(cal["base_offset"][lvl])
        + float(cell["offset"])
        + tau * math.log(idx)
        + employer_shift
        + years_base
    )
    n_level = int(cal["n_by_seniority"].get(lvl, 0))
    base = _dist(
        "base",
        math.exp(log_base),
        _spread("base", role.id, lvl),
        n_role,
        f"BLS OEWS May 2025 {', '.join(role.soc_codes)} national median "
        + geo_text
        + f"role offset from {n_role:,} PERM filings; seniority from {n_level:,} "
        f"Levels.fyi training offers ({int(cell['n']):,} of them {role.id}, {lvl})",
    )
    family = "manager" if role.id in MANAGER_ROLES else "ic"
    ratio = (
        float(cal["total_over_base"][family][lvl])
        + float(cal["total_geo"]) * geo
        + years_total
        - years_base
    )
    total = _dist(
        "total",
        math.exp(log_base + ratio),
        _spread("total", role.id, lvl),
        n_level,
        f"base above x total/base ratio {math.exp(ratio):.2f} ({family}, {lvl}) from "
        f"{n_level:,} Levels.fyi training offers",
    )
    return PayEstimate(
        **header,
        base=base,
        total=total,
        method=method,
        sources=sources,
        notes=notes,
    )


# ------------------------------------------------------------- other entry points
# What the surfaces that are not "a role at a seniority in a US area" need. They live here
# so that no other module turns wage tables or market rows into a pay figure
# (tests/test_one_pay_model.py guards the rule).

#: Fewest market rows behind a :func:`market_pay` figure.
MARKET_MIN_N = 10


def official_wages(role_or_soc: str, area: str = "national") -> RoleWages | WagePercentiles:
    """BLS OEWS May 2025 as published, for a catalog role (its SOC codes combined) or one
    SOC code: for surfaces that show or cite the official statistic *as* BLS's (the
    ``wages`` command, BLS columns beside the model, citation checks). Not paypath's pay
    figure for a role: that is :func:`estimate_pay`, which separates roles on one SOC."""
    from paypath.wages import lookup

    return lookup(role_or_soc, area)


def official_wages_by_state(role_or_soc: str) -> list[RoleWages] | list[WagePercentiles]:
    """:func:`official_wages` in every state (BLS area order)."""
    from paypath.wages import wages_by_state

    return wages_by_state(role_or_soc)


def occupation_pay(soc: str, area: str = "national") -> PayDistribution | None:
    """Base pay of a BLS occupation outside the role catalog: OEWS's published percentiles
    for the SOC code in ``area`` (the model has no role offset or seniority for it), or
    None where OEWS publishes no median there."""
    from paypath.wages import percentiles

    occ = percentiles(soc, area)
    if occ.median is None or occ.p25 is None or occ.p75 is None:
        return None
    return PayDistribution(
        kind="base",
        p10=occ.p10 if occ.p10 is not None else occ.p25,
        p25=occ.p25,
        median=occ.median,
        p75=occ.p75,
        p90=occ.p90 if occ.p90 is not None else occ.p75,
        n=occ.employment or 0,
        source=f"{occ.source}, SOC {occ.soc} {occ.soc_title}, {occ.area}",
        method=(
            "BLS OEWS published percentiles of the occupation (all seniorities; n is OEWS's "
            "employment estimate, not a sample size)"
        ),
    )


def market_pay(
    store: StoreLike, role_id: str, country: str | None, *, kind: str | None = None
) -> PayDistribution | None:
    """What the market rows in ``store`` say a role pays in ``country`` (ISO code; None:
    every country pooled): their p10..p90 of annual USD pay, or None below
    ``MARKET_MIN_N`` rows; ``kind`` keeps one record kind ("survey", "posting"...). The
    bundled rows are survey respondents' total compensation; rows of your own store count
    as recorded. Used where the model has no figure (outside the US) and beside it (the
    claim checker's market column, the home page's survey median)."""
    from paypath.errors import InsufficientData
    from paypath.market.analytics import pay_stats

    where = {"role_id": role_id}
    if country:
        where["country"] = country
    if kind:
        where["kind"] = kind
    try:
        rows = pay_stats(store, by=("role_id",), where=where, min_n=MARKET_MIN_N)
    except InsufficientData:
        return None
    row = next((r for r in rows if not r.suppressed and r.median is not None), None)
    if row is None:
        return None
    p10, p25, median, p75, p90 = row.p10, row.p25, row.median, row.p75, row.p90
    if p10 is None or p25 is None or median is None or p75 is None or p90 is None:
        return None
    pooled = country or "all countries pooled"
    return PayDistribution(
        kind="total",
        country=country or "pooled",
        p10=p10,
        p25=p25,
        median=median,
        p75=p75,
        p90=p90,
        n=row.n,
        source=row.source,
        method=(
            f"percentiles of the market rows for {role_id} in {pooled} (n={row.n}), "
            "annual pay converted to USD; survey rows are total compensation"
        ),
    )


# ------------------------------------------------------------- employer and skill uplift
# The offer check's employer comparison and the advisor's next-skill dollars ask these.


class EmployerOffset(BaseModel):
    """The model's PERM employer offset (``data/pay/employers.csv``) for one employer."""

    employer: str  # display name, as :func:`paypath.employer_names.normalize_employer` gives
    offset: float  # log points, shrunk toward the market (0)
    n: int  # PERM filings behind it
    source: str


def employer_offset(name: str) -> EmployerOffset | None:
    """The employer offset :func:`estimate_pay` applies for ``employer=name``, or None when
    the model has no employer-specific evidence (then it answers with the market's figure).
    Raises :class:`~paypath.errors.InputError` for a name with no words in it."""
    from paypath.employer_names import employer_key

    key = employer_key(name)
    if not key:
        raise InputError(f"employer {name!r} has no name in it; give e.g. 'Microsoft'")
    hit = _employers().get(key)
    if hit is None:
        return None
    display, offset, n = hit
    return EmployerOffset(
        employer=display,
        offset=offset,
        n=n,
        source=(
            "U.S. Department of Labor, OFLC disclosure data: PERM FY2023 and FY2026 H1; "
            f"{display}'s mean log offered wage after state, wage level, fiscal year and "
            f"role, from {n:,} filings, shrunk toward the market (scripts/build_pay_model.py)"
        ),
    )


class PayUplift(BaseModel):
    """What a pay premium (a share of pay) is worth in dollars for a role: ``share`` x the
    model's base median for the role, area and seniority (annual USD, US)."""

    kind: Kind = "base"
    share: float
    usd: float | None  # None when the model has no base figure (see ``reason``)
    base_median: float | None
    level: str
    area: str
    source: str
    reason: str | None = None


def pay_uplift(
    role_id: str,
    share: float,
    area: str = "national",
    *,
    years: float | None = None,
    level: str | None = None,
) -> PayUplift:
    """``share`` (0.05 = +5%) of the base median :func:`estimate_pay` gives ``role_id`` in
    ``area`` at the seniority (``level``, else from ``years``), rounded to $100: the one way
    a premium becomes dollars (the advisor's next-skill uplift)."""
    if not math.isfinite(share):
        raise InputError(f"a pay premium must be a finite share of pay, not {share!r}")
    est = estimate_pay(role_id, area, years=years, level=level)
    base = est.base
    if base is None:
        return PayUplift(
            share=share,
            usd=None,
            base_median=None,
            level=est.level,
            area=est.area,
            source="none",
            reason=est.base_reason,
        )
    return PayUplift(
        share=share,
        usd=float(round(share * base.median, -2)),
        base_median=base.median,
        level=est.level,
        area=est.area,
        source=base.source,
    )
