"""How many advisor personas get the role a recruiter would name (issue #15, item 5).

Reads ``tests/fixtures/advisor_personas.yaml`` and prints, for each persona, the advisor's
top three roles, then top-1 and top-3 hit counts. Run it on two checkouts to compare
(``PYTHONPATH=src python bench/advisor_personas.py [--json]``); the personas file is read
from this script's checkout, so copy it over when measuring an older one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from paypath.advisor import build_profile, recommend_roles

PERSONAS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "advisor_personas.yaml"


def run(path: Path = PERSONAS) -> dict[str, object]:
    personas = yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]
    rows = []
    for p in personas:
        profile = build_profile(p["skills"], years=p.get("years"))
        top = recommend_roles(profile, limit=3)
        ids = [r.id for r in top]
        rows.append(
            {
                "name": p["name"],
                "expected": p["expected"],
                "top3": [(r.id, r.fit, r.score) for r in top],
                "top1_hit": ids[0] == p["expected"],
                "top3_hit": p["expected"] in ids,
            }
        )
    return {
        "personas": len(rows),
        "top1": sum(r["top1_hit"] for r in rows),
        "top3": sum(r["top3_hit"] for r in rows),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--personas", type=Path, default=PERSONAS, help="personas YAML file")
    args = parser.parse_args()
    result = run(args.personas)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for r in result["rows"]:  # type: ignore[attr-defined]
        mark = "ok " if r["top1_hit"] else ("top3" if r["top3_hit"] else "MISS")
        top = ", ".join(f"{i} {f:.2f}" for i, f, _ in r["top3"])
        print(f"{mark:4} {r['name']:<30} want {r['expected']:<28} got {top}")
    print(
        f"top-1: {result['top1']}/{result['personas']}  "
        f"top-3: {result['top3']}/{result['personas']}"
    )


if __name__ == "__main__":
    main()
