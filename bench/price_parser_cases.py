"""Run price-parser's own test cases against paypath's salary parser.

    .venv/bin/python bench/price_parser_cases.py

Reads ../shared/data/price-parser-tests/test_price_parsing.py as data (the Example(...)
entries, with ast; the module is never imported) and parses each ``price_raw`` with
``parse_salary``. A case passes when the amount matches (the low end of a range, or the one
value) and, where the expected currency sign is one paypath knows, the ISO code matches too;
a case expecting no price passes when nothing is found. Prints the pass count by list and
writes bench/out/price_parser_cases.json.
"""

from __future__ import annotations

import ast
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from paypath.salary import default_fx_table, parse_salary
from paypath.salary.lexicon import CURRENCY_SIGNS, currency_of

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT.parent / "shared" / "data" / "price-parser-tests" / "test_price_parsing.py"
OUT = ROOT / "bench" / "out" / "price_parser_cases.json"
# Lists of cases read; the decimal-separator list needs a separator hint we do not take.
LISTS = (
    "PRICE_PARSING_EXAMPLES_BUGS_CAUGHT",
    "PRICE_PARSING_EXAMPLES_NEW",
    "PRICE_PARSING_EXAMPLES",
    "PRICE_PARSING_EXAMPLES_2",
    "PRICE_PARSING_EXAMPLES_NO_PRICE",
    "PRICE_PARSING_EXAMPLES_NO_CURRENCY",
    "PRICE_PARSING_EXAMPLES_3",
    "PRICE_PARSING_EXAMPLES_XFAIL",
    "PRICE_PARSING_EXAMPLES_XFAIL_CURRENCIES_TO_BE_ADDED",
)
# What paypath deliberately does not read (a salary parser, not a shop-price parser); such
# cases are counted apart, not as failures. Where the expected currency is only in
# price-parser's currency hint (not in the text), only the amount is checked.
UNSUPPORTED = {
    "zero_price": "an amount of 0 ('Free!', '$0.00') is no salary: paypath returns None",
    "spaced_decimal": "shop layouts that split the decimals ('$119. 95', '1.837, 32 €')",
    "single_letter_currency": "one-letter signs (R, L, P, Q, E, D, K) are too often not money",
}
_SPACED_DECIMAL = re.compile(r"\d[.,] \d\d(?!\d)|\d€ \d")


@dataclass(frozen=True)
class Case:
    group: str
    currency_raw: str | None
    price_raw: str | None
    currency: str | None
    amount: float | None


def _value(node: ast.expr) -> object:
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Decimal":
        return float(ast.literal_eval(node.args[0]))
    return ast.literal_eval(node)


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    """Every Example(...) of the lists in LISTS, read with ast."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)):
            continue
        name = getattr(node.targets[0], "id", "")
        if name not in LISTS:
            continue
        for item in node.value.elts:
            if isinstance(item, ast.Call) and getattr(item.func, "id", "") == "Example":
                args = [_value(a) for a in item.args[:5]]
                amount = args[4]
                cases.append(
                    Case(
                        group=name.removeprefix("PRICE_PARSING_"),
                        currency_raw=args[0] if isinstance(args[0], str) else None,
                        price_raw=args[1] if isinstance(args[1], str) else None,
                        currency=args[2] if isinstance(args[2], str) else None,
                        amount=float(amount) if isinstance(amount, int | float) else None,
                    )
                )
    return cases


def expected_iso(sign: str | None) -> str | None:
    """The ISO code of price-parser's expected currency sign, when paypath knows the sign."""
    if sign is None:
        return None
    code = currency_of(sign.strip())
    known = sign.strip() in CURRENCY_SIGNS or code in default_fx_table()
    return code if known and code is not None else None


def category(case: Case) -> str | None:
    """The UNSUPPORTED key a case falls under, or None when it counts."""
    if case.amount == 0:
        return "zero_price"
    if case.price_raw and _SPACED_DECIMAL.search(case.price_raw):
        return "spaced_decimal"
    if case.currency is not None and len(case.currency.strip()) == 1 and case.currency.isalpha():
        return "single_letter_currency"
    return None


def check(case: Case) -> bool:
    """Whether paypath reads the case as price-parser expects."""
    if case.price_raw is None:
        return True  # nothing to parse: both parsers return nothing
    salary = parse_salary(case.price_raw)
    if case.amount is None:
        return salary is None
    if salary is None:
        return False
    got = salary.min if salary.min is not None else salary.max
    if got is None or not math.isclose(got, case.amount, rel_tol=1e-6, abs_tol=1e-9):
        return False
    iso = expected_iso(case.currency)
    in_text = case.currency is not None and case.currency.strip() in case.price_raw
    return iso is None or not in_text or salary.currency == iso


def evaluate(cases: list[Case]) -> dict[str, dict[str, int]]:
    """Per list: passed, total (counted cases), and how many were set apart as unsupported."""
    out: dict[str, dict[str, int]] = {}
    for case in cases:
        row = out.setdefault(case.group, {"passed": 0, "total": 0, "unsupported": 0})
        if category(case) is not None:
            row["unsupported"] += 1
            continue
        row["total"] += 1
        row["passed"] += check(case)
    return out


def pass_rate(results: dict[str, dict[str, int]], skip: tuple[str, ...] = ()) -> float:
    rows = [r for g, r in results.items() if g not in skip]
    return sum(r["passed"] for r in rows) / sum(r["total"] for r in rows)


def main() -> None:
    results = evaluate(load_cases())
    write = sys.stdout.write
    write(f"{'list':<40} {'passed':>7} {'counted':>8} {'rate':>6} {'set apart':>10}\n")
    for group, r in results.items():
        rate = r["passed"] / r["total"]
        line = f"{r['passed']:>7} {r['total']:>8} {rate:>6.1%} {r['unsupported']:>10}"
        write(f"{group:<40} {line}\n")
    passed = sum(r["passed"] for r in results.values())
    total = sum(r["total"] for r in results.values())
    xfail = ("EXAMPLES_XFAIL", "EXAMPLES_XFAIL_CURRENCIES_TO_BE_ADDED")
    write(f"{'ALL':<40} {passed:>7} {total:>8} {passed / total:>6.1%}\n")
    write(f"{'ALL but price-parser XFAIL lists':<40} {pass_rate(results, xfail):>23.1%}\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {"by_list": results, "passed": passed, "total": total, "unsupported": UNSUPPORTED}
    OUT.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
