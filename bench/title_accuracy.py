"""Title classification: accuracy on the hand-labelled set, and throughput.

    .venv/bin/python bench/title_accuracy.py [--errors]

Prints role and seniority accuracy (overall and per source) on the labelled set (the rules
were developed against it) and on the held-out set (labelled after the rules were frozen),
the most frequent role confusions, and titles/s cold (distinct titles, empty caches) and warm
(a market-ingest-like stream of 1M repeated titles through the cache).
Writes bench/out/title_accuracy.json.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from paypath import titles
from paypath.titles import classify_title

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "data" / "titles_labelled.csv"
HOLDOUT = HERE / "data" / "titles_holdout.csv"
OUT = HERE / "out" / "title_accuracy.json"


def load_labelled(path: Path = LABELLED) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def evaluate(rows: list[dict[str, str]]) -> dict[str, Any]:
    role_ok = sen_ok = 0
    by_source: dict[str, list[int]] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, str]] = []
    for row in rows:
        match = classify_title(row["title"])
        r_ok, s_ok = match.role == row["role"], match.seniority == row["seniority"]
        role_ok += r_ok
        sen_ok += s_ok
        tally = by_source.setdefault(row["source"], [0, 0, 0])
        tally[0] += 1
        tally[1] += r_ok
        tally[2] += s_ok
        if not r_ok:
            confusions[row["role"], match.role] += 1
        if not (r_ok and s_ok):
            errors.append(
                {
                    **row,
                    "got_role": match.role,
                    "got_seniority": match.seniority,
                    "score": str(match.score),
                }
            )
    n = len(rows)
    return {
        "n": n,
        "role_accuracy": role_ok / n,
        "seniority_accuracy": sen_ok / n,
        "by_source": {
            s: {"n": t[0], "role": t[1] / t[0], "seniority": t[2] / t[0]}
            for s, t in sorted(by_source.items())
        },
        "confusions": [
            {"expected": e, "got": g, "count": c} for (e, g), c in confusions.most_common(12)
        ],
        "errors": errors,
    }


def throughput(rows: list[dict[str, str]]) -> dict[str, float]:
    distinct = [r["title"] for r in rows]
    variants = [f"{p} {t}{s}" for t in distinct for p, s in (("", ""), ("Sr.", " - Remote"))]
    titles._classify.cache_clear()
    titles._correct.cache_clear()
    start = time.perf_counter()
    for title in variants:
        classify_title(title)
    cold = len(variants) / (time.perf_counter() - start)
    rng = random.Random(7)
    stream = [rng.choice(variants) for _ in range(1_000_000)]
    start = time.perf_counter()
    for title in stream:
        classify_title(title)
    warm = len(stream) / (time.perf_counter() - start)
    return {"cold_titles_per_s": cold, "warm_titles_per_s": warm, "cold_n": len(variants)}


def report(name: str, result: dict[str, Any]) -> None:
    print(f"{name}: {result['n']} titles")
    print(f"  {'source':<14}{'n':>5}{'role':>8}{'seniority':>11}")
    for source, s in result["by_source"].items():
        print(f"  {source:<14}{s['n']:>5}{s['role']:>8.1%}{s['seniority']:>11.1%}")
    print(
        f"  {'all':<14}{result['n']:>5}{result['role_accuracy']:>8.1%}"
        f"{result['seniority_accuracy']:>11.1%}"
    )
    print("  role confusions (expected -> got):")
    for c in result["confusions"]:
        print(f"    {c['count']:>3}  {c['expected']} -> {c['got']}")
    if "--errors" in sys.argv:
        for e in result["errors"]:
            print(
                f"    {e['title'][:70]!r}: {e['role']}/{e['seniority']} "
                f"got {e['got_role']}/{e['got_seniority']} ({e['score']})"
            )


def real_titles() -> list[str]:
    """Every distinct title in the Glassdoor and LinkedIn files of ../shared/data."""
    data = HERE.parents[1] / "shared" / "data"
    files = [
        ("glassdoor-ds/glassdoor_jobs.csv", "Job Title"),
        ("glassdoor-ds/Uncleaned_DS_jobs.csv", "Job Title"),
        ("glassdoor-da/DataAnalyst.csv", "Job Title"),
        ("linkedin-postings/postings_sample1000.csv", "title"),
    ]
    found: set[str] = set()
    for name, column in files:
        if (data / name).exists():
            with (data / name).open(encoding="utf-8", newline="") as fh:
                found |= {row[column] for row in csv.DictReader(fh) if row.get(column)}
    return sorted(found)


def real_throughput(distinct: list[str]) -> dict[str, float]:
    titles._classify.cache_clear()
    titles._correct.cache_clear()
    start = time.perf_counter()
    matches = [classify_title(t) for t in distinct]
    rate = len(distinct) / (time.perf_counter() - start)
    return {
        "real_cold_titles_per_s": rate,
        "real_n": len(distinct),
        "real_other_share": sum(m.role == "other" for m in matches) / max(len(matches), 1),
        "real_ambiguous_share": sum(m.ambiguous for m in matches) / max(len(matches), 1),
    }


def main() -> None:
    rows = load_labelled()
    results: dict[str, Any] = {
        "labelled": evaluate(rows),
        "holdout": evaluate(load_labelled(HOLDOUT)),
    }
    for name, result in results.items():
        report(name, result)
    tp = results["throughput"] = throughput(rows) | real_throughput(real_titles())
    print(
        f"throughput: cold {tp['cold_titles_per_s']:,.0f} titles/s ({tp['cold_n']:.0f} distinct "
        f"labelled variants), cold {tp['real_cold_titles_per_s']:,.0f} titles/s "
        f"({tp['real_n']:.0f} distinct Glassdoor/LinkedIn titles; "
        f"{tp['real_ambiguous_share']:.1%} ambiguous), "
        f"warm {tp['warm_titles_per_s']:,.0f} titles/s (1M stream)"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
