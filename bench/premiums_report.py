"""Skill premiums on the bundled data, with 95% CIs and n (issue #15, item 6).

Prints the all-roles premium of a few skills the issue names, plus the top of the ranking.
Run it on two checkouts to compare before/after:
``PYTHONPATH=src python bench/premiums_report.py [--json]``.
"""

from __future__ import annotations

import argparse
import json

from paypath.market.analytics import skill_premiums
from paypath.market.store import bundled_store

SKILLS = ("python", "snowflake", "terraform", "homebrew", "presto", "kubernetes", "rust", "npm")


def run() -> dict[str, object]:
    premiums = skill_premiums(bundled_store())
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
        "controls": premiums[0].controls if premiums else [],
        "ranked": len(premiums),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    result = run()
    if parser.parse_args().json:
        print(json.dumps(result, indent=1))
        return
    for skill, r in result["skills"].items():  # type: ignore[attr-defined]
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


if __name__ == "__main__":
    main()
