"""Latency of employer queries on the bundled OFLC employer table: cold and warm.

Target: warm employer queries (top payers, an employer's profile, the pay model at an employer)
under 50 ms each. Reports best-of-N and median of N warm calls.

    PYTHONPATH=src .venv/bin/python bench/employer_latency.py [--repeat N]

Prints a table and writes bench/out/employer_latency.json.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _latency import best_and_median, ms_since, repeat_from_argv, write_json

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "employer_latency.json"
TARGET_MS = 50.0


def main(repeat: int = 200) -> None:
    start = time.perf_counter()
    from paypath.employers import employer_profile, top_payers
    from paypath.pay_model import estimate_pay

    import_ms = ms_since(start)
    start = time.perf_counter()
    top_payers("ml-engineer", "California")
    cold_ms = ms_since(start)
    queries: dict[str, Callable[[], Any]] = {
        "top_payers ml-engineer California": lambda: top_payers("ml-engineer", "California"),
        "top_payers software-engineer US": lambda: top_payers("software-engineer"),
        "top_payers software-engineer San Jose": lambda: top_payers(
            "software-engineer", "San Jose"
        ),
        "employer_profile Google LLC": lambda: employer_profile("Google LLC"),
        "employer_profile Amazon CA": lambda: employer_profile("Amazon", "CA"),
        "estimate_pay swe CA employer=NVIDIA": lambda: estimate_pay(
            "software-engineer", "CA", employer="NVIDIA"
        ),
    }
    results = {name: best_and_median(query, repeat) for name, query in queries.items()}
    worst = max(r["median_ms"] for r in results.values())
    print(f"import {import_ms:.0f} ms; first query (loads the table) {cold_ms:.0f} ms")
    print(f"{'query':42} {'best ms':>9} {'median ms':>10}")
    for name, r in results.items():
        print(f"{name:42} {r['best_ms']:9.3f} {r['median_ms']:10.3f}")
    verdict = "PASS" if worst < TARGET_MS else "FAIL"
    print(f"worst warm median {worst:.3f} ms; target < {TARGET_MS:.0f} ms: {verdict}")
    write_json(
        OUT,
        {
            "import_ms": import_ms,
            "cold_ms": cold_ms,
            "repeat": repeat,
            "queries": results,
            "target_ms": TARGET_MS,
            "pass": worst < TARGET_MS,
        },
    )


if __name__ == "__main__":
    main(repeat_from_argv(__doc__, 200))
