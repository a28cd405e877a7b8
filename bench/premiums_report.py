"""Skill premiums on the bundled data, with 95% CIs and n (issue #15, item 6).

Prints the all-roles premium of a few skills the issue names, plus the top of the ranking.
``--compare`` runs, in one go: main's code and data (``git archive main``), this tree, and
this tree with ``org_size`` blanked (every row "unknown"), which isolates the org-size
control from the other differences between the two trees::

    PYTHONPATH=src python bench/premiums_report.py [--json] [--compare]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _before import run_on_main  # noqa: E402

SKILLS = ("python", "snowflake", "terraform", "homebrew", "presto", "kubernetes", "rust", "npm")


def run(*, blank_org_size: bool = False) -> dict[str, object]:
    from paypath.market.analytics import skill_premiums
    from paypath.market.store import bundled_store

    store: Any = bundled_store()
    if blank_org_size:
        store = _blanked(store)
    premiums = skill_premiums(store)
    by = {p.skill: p for p in premiums}

    def row(skill: str) -> dict[str, object] | None:
        p = by.get(skill)
        if p is None:
            return None
        return {
            "premium": round(p.premium, 4),
            "ci": [round(p.ci_low, 4), round(p.ci_high, 4)],
            "n": p.n,
            "n_without": p.n_without,
            "raw_premium": getattr(p, "raw_premium", None),
        }

    return {
        "skills": {s: row(s) for s in SKILLS},
        "top10": [(p.skill, round(p.premium, 3), p.n) for p in premiums[:10]],
        "all": {p.skill: round(p.premium, 4) for p in premiums},
        "controls": premiums[0].controls if premiums else [],
        "ranked": len(premiums),
    }


def _blanked(bundled: Any) -> Any:
    """An in-memory copy of the bundled store with org_size NULL (not cached on disk)."""
    import duckdb

    from paypath.market.store import SCHEMA_SQL, Store, quiet, refresh_pay_facts

    con = quiet(duckdb.connect(":memory:"))
    con.execute(SCHEMA_SQL)
    for table in ("postings", "posting_skills"):
        frame = bundled.con.execute(f"SELECT * FROM {table}").df()  # noqa: F841 (read by SQL)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
    con.execute("UPDATE postings SET org_size = NULL")
    refresh_pay_facts(con)
    return Store(con, None)


def compare() -> dict[str, object]:
    before = run_on_main(__file__, "--json", cache_dir=True)
    after, blank = run(), run(blank_org_size=True)
    shared = sorted(set(before["all"]) & set(after["all"]))  # type: ignore[call-overload]
    moves = [after["all"][s] - before["all"][s] for s in shared]  # type: ignore[index]
    control = [after["all"][s] - blank["all"][s] for s in shared if s in blank["all"]]  # type: ignore[index,operator]
    return {
        "before_main": before,
        "after_this_tree": after,
        "this_tree_org_size_blanked": blank,
        "skills_in_both": len(shared),
        "lower_with_org_size": sum(c < 0 for c in control),
        "higher_with_org_size": sum(c > 0 for c in control),
        "median_change_vs_main_points": round(100 * sorted(moves)[len(moves) // 2], 2),
        "median_change_from_org_size_control_points": round(
            100 * sorted(control)[len(control) // 2], 2
        ),
    }


def _print(result: dict[str, Any]) -> None:
    for skill, r in result["skills"].items():
        if r is None:
            print(f"{skill:12} not ranked")
            continue
        lo, hi = r["ci"]
        print(
            f"{skill:12} {r['premium']:+.1%} [{lo:+.1%}, {hi:+.1%}] "
            f"n={r['n']} without={r['n_without']}"
        )
    print("top 10:", result["top10"])
    print("controls:", result["controls"], "ranked:", result["ranked"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--compare", action="store_true", help="main vs this tree, one run")
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    result = compare() if args.compare else run()
    if args.json:
        print(json.dumps(result, indent=1))
        return
    if not args.compare:
        _print(result)
        return
    for name in ("before_main", "after_this_tree", "this_tree_org_size_blanked"):
        print(f"--- {name}")
        _print(result[name])  # type: ignore[arg-type]
    for key in (
        "skills_in_both",
        "lower_with_org_size",
        "higher_with_org_size",
        "median_change_vs_main_points",
    ):
        print(f"{key}: {result[key]}")
    print(
        "median_change_from_org_size_control_points: "
        f"{result['median_change_from_org_size_control_points']}"
    )


if __name__ == "__main__":
    main()
