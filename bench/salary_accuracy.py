"""Accuracy of parse_salary / find_salaries on the labelled pay strings.

    PYTHONPATH=src .venv/bin/python bench/salary_accuracy.py [--json] [--show-misses]

Input: tests/fixtures/salary_strings.csv (text, expected min, max, currency, period, kind,
flag, origin), written from the text of real postings and adverts, not from the parser.
A pay row is right when parse_salary gives the same min, max, currency, period, kind and
placeholder flag; a non-pay row (kind "none") is right when parse_salary gives None and
find_salaries finds nothing. Prints accuracy, the false-positive rate on the non-pay rows
and how many pay rows find_salaries also finds. Run it with PYTHONPATH pointing at another
checkout's src/ (e.g. main's) for a before/after from the same labels.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path
from typing import Any

from paypath.salary import find_salaries, parse_salary

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "fixtures" / "salary_strings.csv"


def load() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _num(value: str) -> float | None:
    return float(value) if value else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def check(row: dict[str, str]) -> tuple[bool, str]:
    """Whether the parser reads ``row`` as labelled, and what it read."""
    got = parse_salary(row["text"])
    if row["kind"] == "none":
        found = find_salaries(row["text"])
        ok = got is None and not found
        return ok, f"parse={_show(got)} find={[_show(s) for s in found]}"
    if got is None:
        return False, "parse=None"
    placeholder = bool(getattr(got, "placeholder", False))
    ok = (
        _same(got.min, _num(row["min"]))
        and _same(got.max, _num(row["max"]))
        and got.currency == row["currency"]
        and got.period == row["period"]
        and got.kind == row["kind"]
        and placeholder == (row["flag"] == "placeholder")
    )
    return ok, f"parse={_show(got)}{' placeholder' if placeholder else ''}"


def _show(s: Any) -> str:
    if s is None:
        return "None"
    return f"{s.min}-{s.max} {s.currency}/{s.period} {s.kind}"


def measure() -> dict[str, Any]:
    rows = load()
    pay = [r for r in rows if r["kind"] != "none"]
    nonpay = [r for r in rows if r["kind"] == "none"]
    misses = []
    right = 0
    for row in rows:
        ok, got = check(row)
        right += ok
        if not ok:
            misses.append({"text": row["text"], "expected": _expected(row), "got": got})
    false_pos = sum(not check(r)[0] for r in nonpay)
    found = sum(bool(find_salaries(r["text"])) for r in pay)
    return {
        "labels": str(LABELS.relative_to(ROOT)),
        "rows": len(rows),
        "pay_rows": len(pay),
        "non_pay_rows": len(nonpay),
        "accuracy": right / len(rows),
        "pay_accuracy": sum(check(r)[0] for r in pay) / len(pay),
        "false_positive_rate": false_pos / len(nonpay),
        "find_recall_on_pay_rows": found / len(pay),
        "misses": misses,
    }


def _expected(row: dict[str, str]) -> str:
    if row["kind"] == "none":
        return "no salary"
    flag = f" {row['flag']}" if row["flag"] else ""
    sides = f"{row['min'] or None}-{row['max'] or None}"
    return f"{sides} {row['currency']}/{row['period']} {row['kind']}{flag}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    result = measure()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"labels: {result['labels']} ({result['rows']} rows: {result['pay_rows']} pay, "
        f"{result['non_pay_rows']} non-pay)"
    )
    print(f"accuracy (all rows):        {result['accuracy']:.1%}")
    print(f"accuracy (pay rows):        {result['pay_accuracy']:.1%}")
    print(f"false-positive rate:        {result['false_positive_rate']:.1%}")
    print(f"find_salaries recall (pay): {result['find_recall_on_pay_rows']:.1%}")
    if args.show_misses:
        for miss in result["misses"]:
            print(f"  MISS {miss['text']!r}")
            print(f"       want {miss['expected']}\n       got  {miss['got']}")


if __name__ == "__main__":
    main()
