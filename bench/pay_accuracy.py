"""Pay accuracy on held-out Levels.fyi US offers: does paypath's offer check agree with peers?

Run from the repository root against the code on ``PYTHONPATH`` (so the same script
measures main's offer check, the "before", and this branch's, the "after")::

    PYTHONPATH=src python bench/pay_accuracy.py [--min-peers 30] [--json OUT]
    PYTHONPATH=/work/main/src python bench/pay_accuracy.py   # before

Data and split (``bench/_levels_fyi.py``): US Levels.fyi rows 2017-2021 with a catalog
role, a metro and a base salary; split by a hash of the company, and only the
**held-out** half is used here (the pay model's few calibration coefficients were fitted
on the other half). Peer groups: held-out rows of the same role, seniority (from years)
and metro.

Targets (issue #15):

(a) **Verdict agreement**: for every held-out offer whose peer group has at least
    ``--min-peers`` *other* offers, the peer position is ``offer_verdict(place(offer,
    peers))`` with ``paypath.verdict`` on the peers' p10..p90 (leave-one-out); paypath's
    is the offer check's verdict (``evaluate_offer`` with the offer's role, base, bonus =
    total - base, location, years and, where supported, ``as_of`` the offer month). An
    error or a missing verdict counts as disagreement. Targets: base >= 80%, total >=
    75% on >= 500 offers. "Always within" is reported for reference.
(b) **Cell medians**: for role x seniority x metro cells with n >= 30, the median over
    cells of |paypath median / peer median - 1|, where paypath's cell median is the
    median of the offer check's benchmark medians over the cell's offers. Target <= 10%.
(c) **Role order**: per role, over *all* held-out offers of the role (any peer-group
    size), the peer median vs the median of paypath's benchmark medians for those
    offers; Spearman rank correlation >= 0.85. Also: how many distinct national
    mid-level base medians the offer check gives across the catalog roles.

Also reported, to find the misses: the peer x paypath verdict confusion matrix and the
agreement by role and by seniority, for base and total.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _levels_fyi import levels_us
from paypath.catalog import load_roles
from paypath.errors import PaypathError
from paypath.offer import evaluate_offer
from paypath.verdict import offer_verdict, place

PCTS = (10, 25, 50, 75, 90)
KEYS = ("p10", "p25", "median", "p75", "p90")


def _dist(values: np.ndarray) -> dict[str, float]:
    return dict(zip(KEYS, np.percentile(values, PCTS).tolist(), strict=True))


def _cmp(check: Any, kind: str) -> Any:
    names = (
        ("base_vs_peers", "base_vs_bls")
        if kind == "base"
        else ("total_vs_peers", "total_vs_market")
    )
    for name in names:
        if hasattr(check, name):
            return getattr(check, name)
    raise AttributeError(f"offer check has none of {names}")


def run(min_peers: int, split: str = "heldout", part: str | None = None) -> dict[str, Any]:
    """The figures on one split: "heldout" (the benchmark) or "train" (with ``part``
    "select": what ``scripts/build_pay_model.py`` uses to choose the spread scales; never
    the benchmark)."""
    df = levels_us()
    df = df[(df["split"] == split) & df["metro"].notna() & df["base"].notna()].copy()
    if part is not None:
        df = df[df["part"] == part]
    df = df.reset_index(drop=True)
    has_as_of = "as_of" in inspect.signature(evaluate_offer).parameters
    cell = ["role", "seniority", "metro"]
    df["cell_n"] = df.groupby(cell)["total"].transform("size")
    everyone = df
    rows = df[df["cell_n"] - 1 >= min_peers].copy()

    # peer position, leave-one-out
    peer_base, peer_total = [], []
    groups = {k: g.index.to_numpy() for k, g in df.groupby(cell)}
    for i, r in rows.iterrows():
        idx = groups[(r["role"], r["seniority"], r["metro"])]
        others = idx[idx != i]
        for kind, out in (("base", peer_base), ("total", peer_total)):
            placed = place(float(r[kind]), _dist(df.loc[others, kind].to_numpy()))
            out.append(offer_verdict(placed.band))
    rows["peer_base"], rows["peer_total"] = peer_base, peer_total

    # paypath
    t0 = time.perf_counter()
    verdicts: dict[str, list[Any]] = {"base": [], "total": []}
    medians: dict[str, list[float | None]] = {"base": [], "total": []}
    errors: Counter[str] = Counter()
    for r in everyone.itertuples():
        kwargs: dict[str, Any] = {
            "bonus": float(r.total - r.base) if r.total > r.base else 0.0,
            "location": r.location,
            "years": float(r.yearsofexperience),
        }
        if has_as_of:
            kwargs["as_of"] = r.month
        try:
            check = evaluate_offer(r.role, float(r.base), **kwargs)
        except PaypathError as exc:
            errors[type(exc).__name__] += 1
            for kind in ("base", "total"):
                verdicts[kind].append(None)
                medians[kind].append(None)
            continue
        for kind in ("base", "total"):
            c = _cmp(check, kind)
            verdicts[kind].append(c.verdict)
            medians[kind].append(c.position.median if c.position is not None else None)
    seconds = time.perf_counter() - t0
    for kind in ("base", "total"):
        everyone[f"pp_{kind}"] = verdicts[kind]
        everyone[f"pp_{kind}_median"] = medians[kind]
        rows[f"pp_{kind}"] = everyone.loc[rows.index, f"pp_{kind}"]
        rows[f"pp_{kind}_median"] = everyone.loc[rows.index, f"pp_{kind}_median"]

    out: dict[str, Any] = {
        "offers": len(rows),
        "companies": int(rows["company"].nunique()),
        "split": split,
        "min_peers": min_peers,
        "as_of_used": has_as_of,
        "errors": dict(errors),
        "seconds_offer_checks": round(seconds, 1),
    }
    for kind in ("base", "total"):
        agree = rows[f"pp_{kind}"] == rows[f"peer_{kind}"]
        out[f"agreement_{kind}"] = round(float(agree.mean()), 4)
        out[f"always_within_{kind}"] = round(float((rows[f"peer_{kind}"] == "within").mean()), 4)
        out[f"no_verdict_{kind}"] = round(float(rows[f"pp_{kind}"].isna().mean()), 4)
        answered = rows[f"pp_{kind}"].notna()
        out[f"agreement_{kind}_where_answered"] = (
            round(float(agree[answered].mean()), 4) if answered.any() else None
        )
        out[f"peer_mix_{kind}"] = (
            rows[f"peer_{kind}"].value_counts(normalize=True).round(3).to_dict()
        )
        out[f"paypath_mix_{kind}"] = (
            rows[f"pp_{kind}"].fillna("none").value_counts(normalize=True).round(3).to_dict()
        )
        by_level = rows.assign(agree=agree).groupby("seniority")["agree"].mean().round(3)
        out[f"agreement_{kind}_by_seniority"] = by_level.to_dict()
        by_role = rows.assign(agree=agree).groupby("role")["agree"].agg(["size", "mean"])
        out[f"agreement_{kind}_by_role"] = {
            str(r): [int(n), round(float(m), 3)] for r, (n, m) in by_role.iterrows()
        }
        confusion = pd.crosstab(rows[f"peer_{kind}"], rows[f"pp_{kind}"].fillna("none"))
        out[f"confusion_{kind}"] = {  # peer verdict -> paypath verdict -> offers
            str(p): {str(v): int(c) for v, c in line.items()} for p, line in confusion.iterrows()
        }

    # (b) cell medians
    all_cells = df.groupby(cell)
    rows_cells = rows.groupby(cell)
    errs: dict[str, list[float]] = {"base": [], "total": []}
    for key, g in all_cells:
        if len(g) < 30 or key not in rows_cells.groups:
            continue
        mine = rows_cells.get_group(key)
        for kind in ("base", "total"):
            pm = mine[f"pp_{kind}_median"].dropna()
            if len(pm):
                errs[kind].append(abs(float(pm.median()) / float(g[kind].median()) - 1))
    for kind in ("base", "total"):
        e = errs[kind]
        out[f"cells_{kind}"] = len(e)
        out[f"cell_median_abs_err_{kind}"] = round(float(np.median(e)), 4) if e else None

    # (c) role order
    from scipy.stats import spearmanr

    out["role_order_offers"] = len(everyone)
    for kind in ("base", "total"):
        peer = everyone.groupby("role")[kind].median()
        mine = everyone.groupby("role")[f"pp_{kind}_median"].median()
        both = pd.concat([peer, mine], axis=1).dropna()
        rho = spearmanr(both.iloc[:, 0], both.iloc[:, 1]).statistic if len(both) > 2 else None
        out[f"role_spearman_{kind}"] = None if rho is None else round(float(rho), 3)
        out[f"role_medians_{kind}"] = {
            r: [round(float(a)), round(float(b))] for r, (a, b) in both.iterrows()
        }
    national: dict[str, float | None] = {}
    for role in load_roles():
        try:
            c = _cmp(evaluate_offer(role.id, 100_000.0, years=3.0), "base")
            national[role.id] = c.position.median if c.position is not None else None
        except PaypathError:
            national[role.id] = None
    known = [v for v in national.values() if v is not None]
    out["national_mid_base_medians"] = national
    out["distinct_national_mid_base_medians"] = f"{len(set(known))} of {len(national)}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-peers", type=int, default=30)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    result = run(args.min_peers)
    text = json.dumps(result, indent=1, default=str)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
