"""Salary strings per second on one core: paypath's parse_salary beside price-parser.

    .venv/bin/python bench/salary_throughput.py [--seconds 1.0]

Input: every `Salary Estimate` of ../shared/data/glassdoor-ds/glassdoor_jobs.csv and
../shared/data/glassdoor-da/DataAnalyst.csv (3,209 strings, 492 distinct). Three paypath
figures, all in the same run as price-parser's `Price.fromstring`:

* cached: parse_salary as shipped (an lru_cache; real data repeats strings),
* uncached: the same strings with the cache cleared before every pass,
* unique: every string made distinct and still plausible (row i sets the upper amount's last
  digits and cents: "$53K-$91K" -> "$53K-$91,00i.00"; hourly ones get cents; "-1" -> "-i"),
  so no call hits the cache (before issue 18 this added i*1000 K to the upper amount, which
  made most strings billions a year, now refused as implausible),
* scanner only: the unique strings through the general scanner, without the fast path for
  the dominant "$A-$B" field shape (what any other shape costs).

The headline is the paired figure: best of 15 interleaved passes of price-parser and of
parse_salary on the unique strings (the cached path is not the headline).

Also times find_salaries over the LinkedIn sample's job descriptions (characters per second)
and the 100 KB adversarial strings of tests/test_salary.py (seconds each; they must stay well
under one), and the linear-growth table: adversarial and realistic text of 10 KB, 100 KB and
1 MB through find_salaries + parse_salary (issue 20). Prints tables and writes
bench/out/salary_throughput.json.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from price_parser import Price

from paypath.salary import find_salaries, parse_salary
from paypath.salary.parse import _scan, clear_cache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FILES = (DATA / "glassdoor-ds" / "glassdoor_jobs.csv", DATA / "glassdoor-da" / "DataAnalyst.csv")
OUT = ROOT / "bench" / "out" / "salary_throughput.json"


def load_strings() -> list[str]:
    out: list[str] = []
    for path in FILES:
        with path.open(encoding="utf-8", newline="") as fh:
            out.extend(row["Salary Estimate"] for row in csv.DictReader(fh))
    return out


def rate(fn: Callable[[list[str]], None], strings: list[str], seconds: float) -> float:
    """Strings per second: whole passes over ``strings`` for at least ``seconds``."""
    fn(strings)  # warm up
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        fn(strings)
        done += len(strings)
    return done / elapsed


def paired_best(strings: list[str], unique: list[str], rounds: int = 15) -> tuple[float, float]:
    """Best-of-``rounds`` strings/s of price-parser and of parse_salary on unique strings,
    one pass of each in turn (on a shared machine, interleaving keeps the noise fair)."""
    best_pp = best_unique = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        run_price_parser(strings)
        best_pp = max(best_pp, len(strings) / (time.perf_counter() - start))
        clear_cache()
        start = time.perf_counter()
        run_uncached(unique)
        best_unique = max(best_unique, len(unique) / (time.perf_counter() - start))
    return best_pp, best_unique


def run_price_parser(strings: list[str]) -> None:
    for s in strings:
        Price.fromstring(s)


def run_cached(strings: list[str]) -> None:
    for s in strings:
        parse_salary(s)


def run_uncached(strings: list[str]) -> None:
    clear_cache()
    for s in strings:
        parse_salary(s)


def run_scanner(strings: list[str]) -> None:
    for s in strings:
        _scan(s, prose=False, default_currency="USD", factors=None, fx=None)


ADVERSARIAL = {
    "digit-comma": "1," * 50_000,
    "dollars": "$" * 100_000,
    "one-number": "9" * 100_000,
    "ranges": "$1-" * 33_000,
    "space-groups": "1 000 " * 17_000,
    "period-words": "per hour " * 11_000,
}


# Text that once made a regex backtrack, and realistic text, grown to each size: time must
# grow linearly (about 10x per 10x of input). Issue 20: 100K spaces + "$120k" took 34 s.
SCALING: dict[str, Callable[[int], str]] = {
    "leading-spaces": lambda n: " " * (n - 5) + "$120k",
    "leading-newlines": lambda n: "\n" * (n - 5) + "$120k",
    "indian-groups": lambda n: "1" + ",11" * (n // 3),
    "digit-comma": lambda n: "1," * (n // 2),
    "one-number": lambda n: "9" * n,
    "dollars": lambda n: "$" * n,
    "ranges": lambda n: "$1-" * (n // 3),
    "units-each-end": lambda n: "$41/hr - " * (n // 9),
    "space-groups": lambda n: "1 000 " * (n // 6),
    "grade-words": lambda n: "Band 6 Level 5 - " * (n // 17),
    "years": lambda n: "5+ years of experience " * (n // 23),
    "tabs-then-k": lambda n: "5" + " \t" * (n // 2) + "k",
}
SIZES = (10_000, 100_000, 1_000_000)


def realistic(n: int, docs: list[str]) -> str:
    """LinkedIn descriptions joined until ``n`` characters."""
    out, size = [], 0
    for doc in itertools.cycle(docs):
        out.append(doc)
        size += len(doc) + 1
        if size >= n:
            return "\n".join(out)[:n]
    raise AssertionError("unreachable")


def scaling(docs: list[str], sizes: tuple[int, ...] = SIZES) -> dict[str, list[float]]:
    """Seconds for find_salaries + parse_salary (cache cleared) at each size."""
    makers: dict[str, Callable[[int], str]] = dict(SCALING)
    makers["realistic-linkedin"] = lambda n: realistic(n, docs)
    out: dict[str, list[float]] = {}
    for name, make in makers.items():
        row = []
        for n in sizes:
            text = make(n)
            clear_cache()
            start = time.perf_counter()
            find_salaries(text)
            parse_salary(text)
            row.append(time.perf_counter() - start)
        out[name] = row
    return out


def descriptions() -> list[str]:
    path = DATA / "linkedin-postings" / "postings_sample1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["description"] for row in csv.DictReader(fh)]


def adversarial_seconds() -> dict[str, float]:
    out = {}
    for name, text in ADVERSARIAL.items():
        start = time.perf_counter()
        find_salaries(text)
        clear_cache()
        parse_salary(text)
        out[name] = time.perf_counter() - start
    return out


def make_unique(strings: list[str]) -> list[str]:
    """Every string made distinct and still a plausible salary: "$53K-$91K" (row i) ->
    "$53K-$91,ddd.cc" with ddd.cc from i; "$17-$24 Per Hour" -> "$17.aa-$24.bb Per Hour"."""
    out = []
    for i, s in enumerate(strings, start=1):
        if s == "-1":
            out.append(f"-{i}")
            continue
        head, dash, tail = s.partition("-$")
        digits = "".join(itertools.takewhile(str.isdigit, tail))
        rest = tail[len(digits) :]
        if rest[:1] in ("K", "k"):
            upper = f"{digits},{i % 1000:03d}.{i // 1000:02d}"
            out.append(f"{head}{dash}{upper}{rest[1:]}")
        else:
            out.append(f"{head}.{i // 100:02d}{dash}{digits}.{i % 100:02d}{rest}")
    assert len(set(out)) == len(out)
    return out


def main(seconds: float = 1.0, scale: bool = True) -> None:
    strings = load_strings()
    unique = make_unique(strings)
    rows = {
        "price-parser Price.fromstring": rate(run_price_parser, strings, seconds),
        "paypath parse_salary (cached)": rate(run_cached, strings, seconds),
        "paypath parse_salary (cache cleared each pass)": rate(run_uncached, strings, seconds),
        "paypath parse_salary (unique strings)": rate(run_uncached, unique, seconds),
        "paypath scanner only (unique strings)": rate(run_scanner, unique, seconds),
    }
    base = rows["price-parser Price.fromstring"]
    write = sys.stdout.write
    write(f"{len(strings)} Glassdoor salary strings ({len(set(strings))} distinct), one core\n")
    write(f"{'parser':<48} {'strings/s':>12} {'vs price-parser':>16}\n")
    for name, value in rows.items():
        write(f"{name:<48} {value:>12,.0f} {value / base:>15.2f}x\n")
    pp_best, unique_best = paired_best(strings, unique)
    write(
        f"headline, best of 15 interleaved passes: price-parser {pp_best:,.0f}/s, parse_salary "
        f"on unique strings {unique_best:,.0f}/s = {unique_best / pp_best:.2f}x\n"
    )
    docs = descriptions()
    chars = sum(map(len, docs))
    start = time.perf_counter()
    mentions = sum(len(find_salaries(d)) for d in docs)
    doc_seconds = time.perf_counter() - start
    write(f"\nfind_salaries over {len(docs)} LinkedIn descriptions ({chars / 1e6:.1f} MB): ")
    write(f"{doc_seconds:.2f} s, {chars / doc_seconds / 1e6:.2f} MB/s, {mentions} mentions\n")
    adversarial = adversarial_seconds()
    write("100 KB adversarial strings (find_salaries + parse_salary), seconds: ")
    write(", ".join(f"{k} {v:.3f}" for k, v in adversarial.items()) + "\n")
    grown = scaling(docs) if scale else {}
    if grown:
        write(f"\nlinear growth, find_salaries + parse_salary, seconds at {SIZES} characters:\n")
    for name, row in grown.items():
        steps = " ".join(f"{b / max(a, 1e-6):5.1f}x" for a, b in itertools.pairwise(row))
        write(f"{name:<20} " + " ".join(f"{t:8.4f}" for t in row) + f"   growth per 10x: {steps}\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "strings": len(strings),
        "distinct": len(set(strings)),
        "per_second": rows,
        "ratio_vs_price_parser": {k: v / base for k, v in rows.items()},
        "paired_best_of_15": {"price_parser": pp_best, "unique": unique_best},
        "find_salaries_mb_per_s": chars / doc_seconds / 1e6,
        "adversarial_seconds": adversarial,
        "scaling_sizes": SIZES,
        "scaling_seconds": grown,
    }
    OUT.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument(
        "--no-scaling", action="store_true", help="skip the 10 KB-1 MB growth table"
    )
    args = parser.parse_args()
    main(args.seconds, scale=not args.no_scaling)
