"""Fit paypath's pay model tables into ``src/paypath/data/pay/model.json``.

Run from the repository root (reads ``../shared/data``; a few minutes on one core)::

    PYTHONPATH=src python scripts/build_pay_model.py

What it fits (the model itself is documented in ``paypath.pay_model``):

1. **Role offsets within a SOC** (DOL OFLC PERM filings FY2023 + FY2026 H1, public
   domain). Each filing's title is classified with ``paypath.titles.classify_title``; its
   log offered wage is residualised on worksite state, prevailing-wage level (I-IV) and
   fiscal year by OLS. A role's raw offset is the mean residual of its filings minus the
   mean residual of all filings in the role's SOC codes (SOC 2010 codes crosswalked to
   2018). It is shrunk toward 0 (the SOC's own figure) by ``n / (n + K_ROLE)`` for the role's
   filings and again for the SOC's (``n_soc / (n_soc + K_ROLE)``). Where the role's own SOC
   codes have fewer than ``MIN_BRIDGE_FILINGS`` filings (only the AI research scientist's
   15-1221: 385), the role is measured against the SOC most of its filings are coded as,
   plus the OEWS ratio of that SOC to the role's (:func:`bridge_offset`).
2. **Seniority shape** (PERM): the OLS coefficients of levels I-IV, mapped junior=I,
   mid=II, senior=III, staff=IV; principal extrapolates one more staff-senior step.
3. **Calibration on the Levels.fyi training split** (``bench/_levels_fyi.py``: split by a
   hash of the company; the held-out half is never read here). ``time_pass_through`` (one
   number): the OLS slope of log base on the log wage index within role x seniority x
   metro x employer cells (0.47; 0.37 without the employer, biased by the shift in who
   reported); every offer is put in May 2025 units with ``index ** tau``. ``years_base`` /
   ``years_total`` (per seniority): the slope of log pay on years within role x metro
   cells of the level and the level's mean years (used only when a caller gives years).
   **No employer counts for more than ``COMPANY_CAP`` (500) offers** in the medians,
   quantiles and regressions below (:func:`company_weights`): one employer was 41% of a
   training half, and the model was learning its pay policy. Per seniority:
   the median log ratio of base to the model's uncalibrated base (5); per role x
   seniority, the median residual after that, shrunk by ``n / (n + K_CELL)``; the median
   log total/base ratio for individual contributors and for managers (2 x 5), after
   ``total_geo`` (one number: OLS of log total/base on the area term, with family x level
   dummies; stock is a larger share where pay is higher); the quantiles (p10, p25, p75,
   p90) of log base and log total around the model's median, per seniority and per role x
   seniority shrunk toward the seniority's by ``n / (n + K_SPREAD)``. Then the spread
   scales (below and above the median, base and total) on a grid, chosen on a nested
   split of the training companies (calibrated on part "fit", scored on part "select").

   Measured on that nested split and not kept (base agreement on "select" at the same
   spread scales, against 0.823 without them): the years term in the offer check (0.798:
   peers are seniority buckets); a Levels.fyi metro offset (0.760-0.782); a spread factor
   per metro (0.782-0.799: the fit half's Seattle is one employer's narrow bands). Kept:
   the employer cap of 500, 0.855 after its own scale search (0.823 without it, same
   search; cell error 5.7% -> 3.3%); a cap of 200 scored the same.
6. **Metro effects** (PERM): OLS of log offered wage on metro (worksite city -> metro
   with the place table), level, fiscal year and role; centred, shrunk by n / (n + 50),
   for metros with 30+ filings. The Levels.fyi training split calibrates their scale
   (``metro_scale``, one number); ``geo_pass_through`` (one number) scales the OEWS
   area-vs-national ratio for areas without a PERM metro effect.
5. **Employer offsets** (PERM): an employer's mean residual after state, level, fiscal
   year and role, on the filings of ``paypath.perm_filings.read_perm_filings`` (the same
   filters, role per filing and employer grouping as ``scripts/build_employers.py``'s
   "who pays most" table), shrunk by ``n / (n + 20)``; the
   1,500 employers with the most filings (at least 15) go to ``data/pay/employers.csv``.
4. **Wage index** (Indeed Hiring Lab posted-wage growth, United States, CC BY 4.0):
   a monthly level chained from the year-on-year growth, 2025-05 = 1. Months before the
   series (2018 and earlier) are extrapolated at the first year's growth.

No Levels row, company or PERM filing is shipped: only the coefficients above and counts.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from paypath.pay_model import EMPLOYER_MIN_FILINGS, EMPLOYERS_MAX

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "paypath" / "data" / "pay" / "model.json"
sys.path.insert(0, str(ROOT / "bench"))

K_ROLE = 50.0
#: A role's own SOC codes need this many PERM filings to measure its offset against
#: (:func:`bridge_offset` otherwise).
MIN_BRIDGE_FILINGS = 1000
K_EMPLOYER = 20.0
K_METRO = 50.0
#: Partial pooling on the Levels.fyi training split: a role x seniority cell's median
#: offset is shrunk toward 0 (the level's) by n / (n + K_CELL), its spread quantiles
#: toward the level's by n / (n + K_SPREAD).
K_CELL = 100.0
K_SPREAD = 200.0
MIN_METRO_N = 30
#: Years of experience beyond this count as this many in the years term (few offers
#: report more; the within-level slope is not extrapolated past them).
YEARS_CAP = 30.0
#: No employer counts for more than this many offers in the Levels.fyi calibration
#: (:func:`company_weights`); None: every offer counts 1.
COMPANY_CAP: float | None = 500.0
MIN_EMPLOYER_N = EMPLOYER_MIN_FILINGS  # the pay model's own figures (its notes cite them)
MAX_EMPLOYERS = EMPLOYERS_MAX
EMPLOYERS_OUT = OUT.parent / "employers.csv"
LEVEL_OF_PW = {"Level I": "junior", "Level II": "mid", "Level III": "senior", "Level IV": "staff"}
SENIORITIES = ("junior", "mid", "senior", "staff", "principal")
MANAGER_ROLES = {"software-engineering-manager"}
#: SOC 2010 -> SOC 2018 for the computer and math codes PERM FY2023 still uses.
SOC_2010 = {
    "15-1132": "15-1252", "15-1133": "15-1252", "15-1199": "15-1299", "15-1121": "15-1211",
    "15-1122": "15-1212", "15-1141": "15-1242", "15-1142": "15-1244", "15-1143": "15-1241",
    "15-1134": "15-1254", "15-1131": "15-1251", "15-1151": "15-1232", "15-1152": "15-1231",
    "15-1111": "15-1221",
}  # fmt: skip


def wage_index() -> dict[str, float]:
    df = pd.read_csv(SHARED / "indeed-hiring-lab" / "posted-wage-growth-by-country.csv")
    us = df[df["jobcountry"] == "US"].copy()
    us["month"] = pd.to_datetime(us["month"], format="%b-%y").dt.strftime("%Y-%m")
    growth = dict(zip(us["month"], us["posted_wage_growth_yoy"].astype(float), strict=True))
    months = sorted(growth)
    level = {m: 1.0 for m in months[:12]}  # first year: relative levels set below
    for m in months[12:]:
        prev = f"{int(m[:4]) - 1}{m[4:]}"
        level[m] = level[prev] * (1 + growth[m])
    first = {m[5:]: growth[m] for m in months[:12]}
    for year in range(int(months[0][:4]) - 1, 2015, -1):  # back-extrapolate
        for mm, g in first.items():
            nxt = f"{year + 1}-{mm}"
            level[f"{year}-{mm}"] = level[nxt] / (1 + g)
    ref = level["2025-05"]
    return {m: round(v / ref, 5) for m, v in sorted(level.items())}


def perm_rows() -> pd.DataFrame:
    from paypath.titles import classify_title

    files = [str(SHARED / "dol-oflc" / f"perm_fy{y}.parquet") for y in (2023, 2026)]
    q = f"""select fiscal_year fy, job_title, employer_name, replace(soc_code, '.00', '') soc,
              upper(worksite_state) st, worksite_city city, wage_annual w, pw_wage_level lvl
            from read_parquet({files!r})
            where wage_annual between 30000 and 1500000 and pw_wage_level like 'Level%'
              and (soc_code like '15-%' or soc_code like '11-%')"""
    df = duckdb.connect().sql(q).df()
    df["soc"] = df["soc"].map(lambda s: SOC_2010.get(s, s))
    titles = df["job_title"].fillna("").unique()
    roles = {t: classify_title(t).role for t in titles}
    df["role"] = df["job_title"].fillna("").map(roles)
    df["level"] = df["lvl"].map(LEVEL_OF_PW)
    df["lw"] = np.log(df["w"])
    return df.dropna(subset=["level", "st"])


def fit_metros(df: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Metro effects: OLS of log wage on metro (or state, outside a known metro), level,
    fiscal year and role (SOC for other titles); centred on the filings' mean, shrunk by
    ``n / (n + K_METRO)``; metros with at least ``MIN_METRO_N`` filings."""
    from _levels_fyi import metro_of

    pairs = {(c, s) for c, s in zip(df["city"].fillna(""), df["st"], strict=True)}
    metro = {p: metro_of(f"{p[0].strip().title()}, {p[1]}") for p in pairs}
    unit = [
        metro[(c, s)] or f"state:{s}" for c, s in zip(df["city"].fillna(""), df["st"], strict=True)
    ]
    frame = df.assign(unit=unit, group=df["role"].where(df["role"] != "other", "soc:" + df["soc"]))
    fit = smf.ols("lw ~ C(unit) + C(level) + C(fy) + C(group)", data=frame).fit()
    eff = {
        u: float(fit.params.get(f"C(unit)[T.{u}]", 0.0)) for u in frame["unit"].unique()
    }  # the alphabetically first unit is the reference (0)
    counts = frame["unit"].value_counts()
    mean = sum(eff[u] * n for u, n in counts.items()) / counts.sum()
    out = {}
    for u, n in counts.items():
        if str(u).startswith("state:") or n < MIN_METRO_N:
            continue
        out[str(u)] = {"g": round((eff[u] - mean) * n / (n + K_METRO), 4), "n": int(n)}
    return out


def fit_employers() -> list[dict[str, object]]:
    """Employer offsets: mean residual of an employer's filings after state, wage level, fiscal
    year and role, shrunk by ``n / (n + K_EMPLOYER)``. Filings, roles and employer grouping:
    ``paypath.perm_filings.read_perm_filings``, shared with scripts/build_employers.py."""
    from paypath.perm_filings import read_perm_filings

    files = [SHARED / "dol-oflc" / f"perm_fy{y}.parquet" for y in (2023, 2026)]
    f = read_perm_filings(files).rows.assign(level=lambda d: d["level"].fillna("unknown"))
    e = smf.ols("lw ~ C(state) + C(level) + C(fy)", data=f).fit().resid
    frame = f.assign(e2=e - e.groupby(f["role"]).transform("mean"))
    out = []
    for key, g in frame.groupby("employer_key"):
        n = len(g)
        if n < MIN_EMPLOYER_N:
            continue
        shrunk = float(g["e2"].mean()) * n / (n + K_EMPLOYER)
        display_name = str(g["employer"].mode().iloc[0])
        out.append({"key": key, "employer": display_name, "offset": round(shrunk, 4), "n": n})
    out.sort(key=lambda r: -int(r["n"]))  # type: ignore[call-overload]
    return out[:MAX_EMPLOYERS]


def fit_perm(df: pd.DataFrame) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
    from paypath.catalog import load_roles

    fit = smf.ols("lw ~ C(st) + C(level) + C(fy)", data=df).fit()
    df["e"] = fit.resid
    lv = {
        "junior": 0.0,
        **{s: float(fit.params.get(f"C(level)[T.{s}]", 0.0)) for s in ("mid", "senior", "staff")},
    }
    # level dummies are alphabetical: junior is the reference
    lv["principal"] = lv["staff"] + (lv["staff"] - lv["senior"])
    roles: dict[str, dict[str, Any]] = {}
    for role in load_roles():
        own_rows = df[df["role"] == role.id]
        own = own_rows["e"]
        soc = df[df["soc"].isin(role.soc_codes)]["e"]
        n = len(own)
        if n == 0 or len(soc) == 0:
            roles[role.id] = {"offset": 0.0, "raw": 0.0, "n": n, "n_soc": len(soc)}
            continue
        raw = float(own.mean() - soc.mean())
        bridge: dict[str, Any] = {}
        if len(soc) < MIN_BRIDGE_FILINGS:
            bridge = bridge_offset(df, own_rows, role.id)
            if bridge:
                raw, soc = float(bridge["raw"]), df[df["soc"] == bridge["soc"]]["e"]
        shrunk = raw * n / (n + K_ROLE) * len(soc) / (len(soc) + K_ROLE)
        roles[role.id] = {
            "offset": round(shrunk, 4),
            "raw": round(raw, 4),
            "n": n,
            "n_soc": len(soc),
            **({"bridge": bridge} if bridge else {}),
        }
    return roles, {k: round(v, 4) for k, v in lv.items()}


def bridge_offset(df: pd.DataFrame, own: pd.DataFrame, role_id: str) -> dict[str, Any]:
    """A role whose own SOC codes have fewer than ``MIN_BRIDGE_FILINGS`` PERM filings is
    measured against the SOC most of its own filings are coded as (the bridge) instead,
    and the OEWS ratio of that SOC to the role's anchor is added back:
    ``raw = mean e(role) - mean e(bridge) + log(OEWS(bridge) / OEWS(role's SOC codes))``.
    The role's own SOC mean is the bridge between PERM titles and OEWS's figure; a thin SOC
    is a poor one (SOC 15-1221's 385 filings sit 12% above what OEWS's median for it
    implies, while the AI research scientists' 774 filings are mostly coded 15-1252 and
    15-2041). Empty when no SOC with an OEWS median and enough filings qualifies."""
    from paypath.pay_model import official_wages

    anchor = oews_median(role_id, "national")
    if anchor is None:
        return {}
    for code, n_own in own["soc"].value_counts().items():
        n_code = int((df["soc"] == code).sum())
        if n_code < MIN_BRIDGE_FILINGS:
            continue
        try:
            median = official_wages(str(code)).median
        except Exception:
            continue
        if median is None:
            continue
        gap = float(own["e"].mean() - df[df["soc"] == code]["e"].mean())
        oews_ratio = math.log(float(median) / anchor)
        return {
            "soc": str(code),
            "n_own": int(n_own),
            "n_soc": n_code,
            "raw": round(gap + oews_ratio, 4),
            "oews_ratio": round(oews_ratio, 4),
        }
    return {}


def oews_median(role: str, metro: str) -> float | None:
    from paypath.wages import role_wages

    try:
        return role_wages(role, metro).median
    except Exception:
        return None


def calibrate(
    roles: dict[str, dict[str, float]],
    shape: dict[str, float],
    index: dict[str, float],
    metros: dict[str, dict[str, float]],
    part: str | None = None,
) -> dict[str, object]:
    """The Levels.fyi calibration on the training split (``part`` "fit": on its first half
    only, for choosing the spread scales on the other)."""
    from _levels_fyi import levels_us

    df = levels_us()
    df = df[(df["split"] == "train") & df["metro"].notna()].copy()
    if part is not None:
        df = df[df["part"] == part]
    first = min(index)
    df["idx"] = [index.get(m, index[first]) for m in df["month"]]
    df["li"] = np.log(df["idx"])
    tau = time_pass_through(df)
    df["yrs"] = df["yearsofexperience"].astype(float).clip(upper=YEARS_CAP)
    years = {
        kind: years_slopes(df, np.log(df[kind]) - tau * df["li"]) for kind in ("base", "total")
    }
    anchors: dict[tuple[str, str], float | None] = {}
    for key in set(zip(df["role"], df["metro"], strict=True)):
        anchors[key] = oews_median(*key)
    national = {r: oews_median(r, "national") for r in df["role"].unique()}
    df["anchor"] = [anchors[k] for k in zip(df["role"], df["metro"], strict=True)]
    df = df[df["anchor"].notna()].copy()
    df["nat"] = [national[r] for r in df["role"]]
    df["geo"] = np.log(df["anchor"] / df["nat"])
    df["pred0"] = [
        math.log(a) + roles[r]["offset"] + shape[s]
        for a, r, s in zip(df["nat"], df["role"], df["seniority"], strict=True)
    ]
    df["lb"] = np.log(df["base"]) - tau * df["li"]
    df["lt"] = np.log(df["total"]) - tau * df["li"]
    df["w"] = company_weights(df["company"])
    has = df["metro"].isin(list(metros))
    df["gp"] = [metros[m]["g"] if m in metros else 0.0 for m in df["metro"]]
    df["go"] = df["geo"].where(~has, 0.0)
    b_all = df.dropna(subset=["lb"]).assign(res=lambda d: d["lb"] - d["pred0"])
    geo_fit = smf.wls("res ~ C(seniority) + gp + go - 1", data=b_all, weights=b_all["w"]).fit()
    gamma = float(geo_fit.params["gp"])
    beta_all = smf.wls("res ~ C(seniority) + geo - 1", data=b_all, weights=b_all["w"]).fit()
    beta = float(beta_all.params["geo"])
    df["gterm"] = np.where(has, gamma * df["gp"], beta * df["geo"])
    df["pred0"] = df["pred0"] + df["gterm"]
    # total/base: how much more of the pay is bonus and stock where base pay is higher
    tb = df.dropna(subset=["lb"]).assign(
        tr=lambda d: d["lt"] - d["lb"],
        fam=lambda d: np.where(d["role"].isin(MANAGER_ROLES), "manager", "ic"),
    )
    tb_fit = smf.wls("tr ~ C(fam):C(seniority) + gterm - 1", data=tb, weights=tb["w"]).fit()
    kappa = float(tb_fit.params["gterm"])
    df["lt_adj"] = df["lt"] - kappa * df["gterm"]
    out: dict[str, object] = {"n_rows": len(df), "n_companies": int(df["company"].nunique())}
    offsets, ratio = {}, defaultdict(dict)
    for s in SENIORITIES:
        d = df[df["seniority"] == s]
        b = d.dropna(subset=["lb"])
        offsets[s] = round(wquantile(b["lb"] - b["pred0"], b["w"], 0.5), 4)
        for fam, mask in (
            ("ic", ~b["role"].isin(MANAGER_ROLES)),
            ("manager", b["role"].isin(MANAGER_ROLES)),
        ):
            sub = b[mask]
            ratio[fam][s] = (
                round(wquantile(sub["lt_adj"] - sub["lb"], sub["w"], 0.5), 4)
                if len(sub) >= 30
                else None
            )
    for s in SENIORITIES:  # a thin manager cell takes the IC ratio plus the managers' mean gap
        if ratio["manager"][s] is None:
            gaps = [
                ratio["manager"][k] - ratio["ic"][k]
                for k in SENIORITIES
                if ratio["manager"][k] is not None
            ]
            ratio["manager"][s] = round(
                ratio["ic"][s] + (sum(gaps) / len(gaps) if gaps else 0.0), 4
            )
    df["pred_b"] = df["pred0"] + df["seniority"].map(offsets)
    role_level = role_level_offsets(df.dropna(subset=["lb"]))
    df["pred_b"] += [
        role_level.get(r, {}).get(s, {}).get("offset", 0.0)
        for r, s in zip(df["role"], df["seniority"], strict=True)
    ]
    fam = np.where(df["role"].isin(MANAGER_ROLES), "manager", "ic")
    df["pred_t"] = (
        df["pred_b"]
        + [ratio[f][s] for f, s in zip(fam, df["seniority"], strict=True)]
        + kappa * df["gterm"]
    )
    b_rows = df.dropna(subset=["lb"])
    spread_b, spread_b_role = spreads(b_rows, b_rows["lb"] - b_rows["pred_b"])
    spread_t, spread_t_role = spreads(df, df["lt"] - df["pred_t"])
    out.update(
        {
            "time_pass_through": round(tau, 4),
            "years_cap": YEARS_CAP,
            "years_base": years["base"],
            "years_total": years["total"],
            "role_level_offset": role_level,
            "base_spread_role": spread_b_role,
            "total_spread_role": spread_t_role,
            "geo_pass_through": round(beta, 4),
            "metro_scale": round(gamma, 4),
            "total_geo": round(kappa, 4),
            "base_offset": offsets,
            "base_spread": spread_b,
            "total_spread": spread_t,
            "total_over_base": dict(ratio),
            "n_by_seniority": df["seniority"].value_counts().to_dict(),
        }
    )
    return out


def time_pass_through(df: pd.DataFrame) -> float:
    """How much of the posted-wage index reaches these offers: the OLS slope of log base on
    the log index within role x seniority x metro x company cells (both demeaned by cell).
    The company is in the cell because the mix of employers reporting to Levels.fyi shifted
    over 2017-2021: without it the slope is 0.37, with it 0.47 (training split; the
    same-employer slope is the pass-through, not a change in who reports)."""
    d = df.dropna(subset=["base"])
    cell = [d["role"], d["seniority"], d["metro"], d["company"].astype(str)]
    y = np.log(d["base"]) - np.log(d["base"]).groupby(cell).transform("mean")
    x = d["li"] - d["li"].groupby(cell).transform("mean")
    return float((x * y).sum() / (x * x).sum())


def years_slopes(df: pd.DataFrame, log_pay: pd.Series) -> dict[str, dict[str, float]]:
    """Per seniority: the OLS slope of log pay on years of experience (capped at
    ``YEARS_CAP``) within role x metro cells of the level (both demeaned by cell, as for
    ``time_pass_through``), and the level's centre (the mean capped years of its training
    offers), where the years term is 0. A 9-year "senior" is paid more than a 5-year one."""
    out: dict[str, dict[str, float]] = {}
    ok = log_pay.notna()
    d, lp = df[ok], log_pay[ok]
    for s, g in d.groupby("seniority"):
        cell = [g["role"], g["metro"]]
        y = lp[g.index] - lp[g.index].groupby(cell).transform("mean")
        x = g["yrs"] - g["yrs"].groupby(cell).transform("mean")
        slope = float((x * y).sum() / (x * x).sum()) if float((x * x).sum()) > 0 else 0.0
        out[str(s)] = {
            "slope": round(slope, 4),
            "centre": round(float(g["yrs"].mean()), 3),
            "n": len(g),
        }
    return out


def company_weights(company: pd.Series) -> pd.Series:
    """Each offer's weight in the calibration: 1, or ``COMPANY_CAP / n`` for a company with
    ``n > COMPANY_CAP`` offers in it, so no employer counts for more than ``COMPANY_CAP``
    offers (one employer was 41% of a training half: its pay policy would be the model's)."""
    if COMPANY_CAP is None:
        return pd.Series(1.0, index=company.index)
    key = company.fillna("").astype(str)  # a missing name is one more small "employer"
    n = key.map(key.value_counts()).astype(float)
    return (float(COMPANY_CAP) / n).clip(upper=1.0)


def wquantile(values: pd.Series, weights: pd.Series, q: float) -> float:
    """The weighted ``q`` quantile (0..1): the value where the cumulative weight, taken at
    each value's midpoint, crosses ``q`` (linear in between; equal weights: numpy's
    "linear" percentile's close relative, the Hazen definition)."""
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    if not (np.isfinite(v).all() and np.isfinite(w).all() and (w > 0).all()):
        raise ValueError("wquantile needs finite values and positive finite weights")
    order = np.argsort(v)
    v, w = v[order], w[order]
    cum = (np.cumsum(w) - 0.5 * w) / w.sum()
    return float(np.interp(q, cum, v))


def role_level_offsets(b: pd.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
    """Per role x seniority: the median log base residual after the level's offset, shrunk
    toward 0 by ``n / (n + K_CELL)`` (partial pooling toward the level)."""
    res = b["lb"] - b["pred_b"]
    out: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (role, s), g in res.groupby([b["role"], b["seniority"]]):
        n, w = len(g), b["w"][g.index]
        n_eff = float(w.sum())
        out[str(role)][str(s)] = {
            "offset": round(wquantile(g, w, 0.5) * n_eff / (n_eff + K_CELL), 4),
            "n": n,
        }
    return dict(out)


def spreads(
    d: pd.DataFrame, res: pd.Series
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, dict[str, float]]]]:
    """Quantiles (p10, p25, p75, p90) of log pay around the model's median: per seniority,
    and per role x seniority shrunk toward the seniority's by ``n / (n + K_SPREAD)``. The
    bands so describe where an offer falls around the model's figure (employer spread
    and the model's own error), not only the spread around a known cell median."""
    qs = (10, 25, 75, 90)
    level: dict[str, dict[str, float]] = {}
    for s, g in res.groupby(d["seniority"]):
        level[str(s)] = {f"p{q}": wquantile(g, d["w"][g.index], q / 100) for q in qs}
    by_role: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (role, s), g in res.groupby([d["role"], d["seniority"]]):
        cw = d["w"][g.index]
        n_eff = float(cw.sum())
        w = n_eff / (n_eff + K_SPREAD)
        by_role[str(role)][str(s)] = {
            f"p{q}": round(w * wquantile(g, cw, q / 100) + (1 - w) * level[str(s)][f"p{q}"], 4)
            for q in qs
        }
    rounded = {s: {k: round(v, 4) for k, v in qv.items()} for s, qv in level.items()}
    return rounded, dict(by_role)


SPREAD_SCALES = (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6)
SIDE_SCALES = (0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0)


SCALE_KEYS = {
    "base": ("spread_scale_low", "spread_scale_high"),
    "total": ("spread_scale_total_low", "spread_scale_total_high"),
}


def fit_spread_scales(model: dict[str, object]) -> dict[str, float]:
    """The factors on the spread quantiles below the median (p10, p25) and above it (p75,
    p90), for base and for total, that maximise verdict agreement with peers, chosen out of
    sample inside the training split: ``model["calibration"]`` is fitted on the training
    companies of part "fit" and scored on those of part "select"
    (``bench/pay_accuracy.run(split="train", part="select")``). Coordinate search: one
    symmetric factor on ``SPREAD_SCALES``, then the lower side with the upper fixed, then
    the upper side with the lower fixed (``SIDE_SCALES``)."""
    import pay_accuracy
    from paypath import pay_model

    cal: dict[str, float] = model["calibration"]  # type: ignore[assignment]

    def score(setting: dict[str, float]) -> dict[str, float]:
        cal.update(setting)
        OUT.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pay_model._model.cache_clear()
        pay_model.estimate_pay.cache_clear()
        got = pay_accuracy.run(30, split="train", part="select")
        print(
            f"{setting}: select-part agreement {got['agreement_base']:.4f} (base) / "
            f"{got['agreement_total']:.4f} (total)"
        )
        return {"base": got["agreement_base"], "total": got["agreement_total"]}

    chosen: dict[str, float] = {}
    tried = {v: score({k: v for pair in SCALE_KEYS.values() for k in pair}) for v in SPREAD_SCALES}
    sym = {kind: max(tried, key=lambda v: tried[v][kind]) for kind in SCALE_KEYS}
    for side in (0, 1):
        other = 1 - side
        found: dict[float, dict[str, float]] = {}
        for v in SIDE_SCALES:
            setting = {}
            for kind, pair in SCALE_KEYS.items():
                setting[pair[side]] = v
                setting[pair[other]] = chosen.get(pair[other], sym[kind])
            found[v] = score(setting)
        for kind, pair in SCALE_KEYS.items():
            chosen[pair[side]] = max(found, key=lambda v: found[v][kind])
    return chosen


def main() -> None:
    index = wage_index()
    perm = perm_rows()
    roles, shape = fit_perm(perm)
    metros = fit_metros(perm)
    cal = calibrate(roles, shape, index, metros)
    cal_fit = calibrate(roles, shape, index, metros, part="fit")
    employers = fit_employers()
    pd.DataFrame(employers).to_csv(EMPLOYERS_OUT, index=False)
    model = {
        "version": 1,
        "sources": {
            "oews": "BLS OEWS May 2025 (occupation x area levels)",
            "perm": "U.S. Department of Labor, OFLC disclosure data: PERM FY2023 and FY2026 H1 "
            f"({len(perm):,} filings in 11-/15- SOC codes with a wage level)",
            "levels": "Levels.fyi offers 2017-2021, training split by company hash "
            "(coefficients only; no rows shipped)",
            "index": "Indeed Hiring Lab posted-wage growth, United States (CC BY 4.0)",
        },
        "k_role": K_ROLE,
        "role_offset": roles,
        "seniority_shape": shape,
        "metro_effect": metros,
        "calibration": cal,
        "wage_index": index,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    model["calibration"] = cal_fit
    cal.update(fit_spread_scales(model))
    model["calibration"] = cal
    OUT.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes")
    print(json.dumps({k: model[k] for k in ("role_offset", "seniority_shape")}, indent=1))
    print(json.dumps(cal, indent=1))


if __name__ == "__main__":
    main()
