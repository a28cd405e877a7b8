"""Latency of BLS OEWS lookups: cold load of the shipped extract, and warm role_wages.

Target: `role_wages` for all 17 catalog roles in one area under 100 ms warm (the advisor
calls it once per role per request). Fresh areas (not cached yet) are timed too.

    .venv/bin/python bench/wages_latency.py [--repeat N]

Prints a table and writes bench/out/wages_latency.json.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _latency import repeat_from_argv, timed, write_json

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "wages_latency.json"
TARGET_MS = 100.0


def main(repeat: int = 50) -> None:
    from paypath.catalog import load_roles
    from paypath.wages import list_areas, percentiles, role_wages, wages_by_state

    roles = [r.id for r in load_roles()]
    cold_ms = timed(lambda: percentiles("15-1252"))  # loads the extract

    def all_roles(area: str) -> float:
        return timed(lambda: [role_wages(rid, area) for rid in roles])

    metros = [a.name for a in list_areas("metro")]
    fresh = [all_roles(metros[i]) for i in range(min(repeat, len(metros)))]
    warm = [all_roles("Austin, TX") for _ in range(repeat)]
    by_state_ms = timed(lambda: wages_by_state("data-scientist"))
    result = {
        "roles": len(roles),
        "cold_load_ms": round(cold_ms, 1),
        "fresh_area_all_roles_ms_median": round(statistics.median(fresh), 2),
        "warm_all_roles_ms_median": round(statistics.median(warm), 3),
        "warm_all_roles_ms_max": round(max(warm), 3),
        "wages_by_state_ms": round(by_state_ms, 1),
        "target_ms": TARGET_MS,
        "meets_target": max(warm) < TARGET_MS and statistics.median(fresh) < TARGET_MS,
    }
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    write_json(OUT, result)


if __name__ == "__main__":
    main(repeat_from_argv(__doc__, 50))
