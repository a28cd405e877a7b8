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
   filings and again for the SOC's (``n_soc / (n_soc + K_ROLE)``).
2. **Seniority shape** (PERM): the OLS coefficients of levels I-IV, mapped junior=I,
   mid=II, senior=III, staff=IV; principal extrapolates one more staff-senior step.
3. **Calibration on the Levels.fyi training split** (``bench/_levels_fyi.py``: split by a
   hash of the company; the held-out half is never read here). ``time_pass_through`` (one
   number): the OLS slope of log base on the log wage index within role x seniority x
   metro cells; every offer is put in May 2025 units with ``index ** tau``. Per seniority:
   the median log ratio of base to the model's uncalibrated base (5); per role x
   seniority, the median residual after that, shrunk by ``n / (n + K_CELL)``; the median
   log total/base ratio for individual contributors and for managers (2 x 5), after
   ``total_geo`` (one number: OLS of log total/base on the area term, with family x level
   dummies; stock is a larger share where pay is higher); the quantiles (p10, p25, p75,
   p90) of log base and log total around the model's median, per seniority and per role x
   seniority shrunk toward the seniority's by ``n / (n + K_SPREAD)``. Then the spread
   scales (below and above the median, base and total) on a grid, chosen on a nested
   split of the training companies (calibrated on part "fit", scored on part "select").
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

import duckdb
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "paypath" / "data" / "pay" / "model.json"
sys.path.insert(0, str(ROOT / "bench"))

K_ROLE = 50.0
K_EMPLOYER = 20.0
K_METRO = 50.0
#: Partial pooling on the Levels.fyi training split: a role x seniority cell's median
#: offset is shrunk toward 0 (the level's) by n / (n + K_CELL), its spread quantiles
#: toward the level's by n / (n + K_SPREAD).
K_CELL = 100.0
K_SPREAD = 200.0
MIN_METRO_N = 30
MIN_EMPLOYER_N = 15
MAX_EMPLOYERS = 1500
EMPLOYERS_OUT = OUT.parent / "employers.csv"
LEVEL_OF_PW = {"Level I": "junior", "Level II": "mid", "Level III": "senior", "Level IV": "staff"}
SENIORITIES = ("junior", "mid", "senior", "staff", "principal")
MANAGER_ROLES = {"software-engineering-manager"}
#: SOC 2010 -> SOC 2018 for the computer and math codes PERM FY2023 still uses.
SOC_2010 = {
    "15-1132": "15-1252", "15-1133": "15-1252", "15-1199": "15-1299", "15-1121": "15-1211",
    "15-1122": "15-1212", "15-1141": "15-1242", "15-1142": "15-1244", "15-1143": "15-1241",
    "15-1134": "15-1254", "15-1131": "15-1251", "15-1151": "15-1232", "15-1152": "15-1231",
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


def fit_perm(df: pd.DataFrame) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    from paypath.catalog import load_roles

    fit = smf.ols("lw ~ C(st) + C(level) + C(fy)", data=df).fit()
    df["e"] = fit.resid
    lv = {
        "junior": 0.0,
        **{s: float(fit.params.get(f"C(level)[T.{s}]", 0.0)) for s in ("mid", "senior", "staff")},
    }
    # level dummies are alphabetical: junior is the reference
    lv["principal"] = lv["staff"] + (lv["staff"] - lv["senior"])
    roles: dict[str, dict[str, float]] = {}
    for role in load_roles():
        own = df[df["role"] == role.id]["e"]
        soc = df[df["soc"].isin(role.soc_codes)]["e"]
        n = len(own)
        if n == 0 or len(soc) == 0:
            roles[role.id] = {"offset": 0.0, "raw": 0.0, "n": n, "n_soc": len(soc)}
            continue
        raw = float(own.mean() - soc.mean())
        shrunk = raw * n / (n + K_ROLE) * len(soc) / (len(soc) + K_ROLE)
        roles[role.id] = {
            "offset": round(shrunk, 4),
            "raw": round(raw, 4),
            "n": n,
            "n_soc": len(soc),
        }
    return roles, {k: round(v, 4) for k, v in lv.items()}


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
    has = df["metro"].isin(list(metros))
    df["gp"] = [metros[m]["g"] if m in metros else 0.0 for m in df["metro"]]
    df["go"] = df["geo"].where(~has, 0.0)
    b_all = df.dropna(subset=["lb"]).assign(res=lambda d: d["lb"] - d["pred0"])
    geo_fit = smf.ols("res ~ C(seniority) + gp + go - 1", data=b_all).fit()
    gamma = float(geo_fit.params["gp"])
    beta_all = smf.ols("res ~ C(seniority) + geo - 1", data=b_all).fit()
    beta = float(beta_all.params["geo"])
    df["gterm"] = np.where(has, gamma * df["gp"], beta * df["geo"])
    df["pred0"] = df["pred0"] + df["gterm"]
    # total/base: how much more of the pay is bonus and stock where base pay is higher
    tb = df.dropna(subset=["lb"]).assign(
        tr=lambda d: d["lt"] - d["lb"],
        fam=lambda d: np.where(d["role"].isin(MANAGER_ROLES), "manager", "ic"),
    )
    kappa = float(smf.ols("tr ~ C(fam):C(seniority) + gterm - 1", data=tb).fit().params["gterm"])
    df["lt_adj"] = df["lt"] - kappa * df["gterm"]
    out: dict[str, object] = {"n_rows": len(df), "n_companies": int(df["company"].nunique())}
    offsets, ratio = {}, defaultdict(dict)
    for s in SENIORITIES:
        d = df[df["seniority"] == s]
        b = d.dropna(subset=["lb"])
        offsets[s] = round(float(np.median(b["lb"] - b["pred0"])), 4)
        for fam, mask in (
            ("ic", ~b["role"].isin(MANAGER_ROLES)),
            ("manager", b["role"].isin(MANAGER_ROLES)),
        ):
            sub = b[mask]
            ratio[fam][s] = (
                round(float(np.median(sub["lt_adj"] - sub["lb"])), 4) if len(sub) >= 30 else None
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
    the log index within role x seniority x metro cells (both demeaned by cell)."""
    d = df.dropna(subset=["base"])
    cell = [d["role"], d["seniority"], d["metro"]]
    y = np.log(d["base"]) - np.log(d["base"]).groupby(cell).transform("mean")
    x = d["li"] - d["li"].groupby(cell).transform("mean")
    return float((x * y).sum() / (x * x).sum())


def role_level_offsets(b: pd.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
    """Per role x seniority: the median log base residual after the level's offset, shrunk
    toward 0 by ``n / (n + K_CELL)`` (partial pooling toward the level)."""
    res = b["lb"] - b["pred_b"]
    out: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (role, s), g in res.groupby([b["role"], b["seniority"]]):
        n = len(g)
        out[str(role)][str(s)] = {
            "offset": round(float(g.median()) * n / (n + K_CELL), 4),
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
        level[str(s)] = {f"p{q}": float(np.percentile(g, q)) for q in qs}
    by_role: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (role, s), g in res.groupby([d["role"], d["seniority"]]):
        w = len(g) / (len(g) + K_SPREAD)
        by_role[str(role)][str(s)] = {
            f"p{q}": round(w * float(np.percentile(g, q)) + (1 - w) * level[str(s)][f"p{q}"], 4)
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
