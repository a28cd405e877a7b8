"""Write N realistic job postings in JobSpy's CSV schema, for ingest benchmarks.

Titles, descriptions, companies, locations and salary figures come from the real postings
in ../shared/data (LinkedIn sample, Glassdoor data science and data analyst scrapes) and
are recombined with a seeded random generator, so the output is reproducible and most
rows are distinct postings (a few exact repeats are kept on purpose, as in real scrapes).

    .venv/bin/python bench/gen_postings.py 100000 /tmp/postings.csv [--seed 7]

A name ending in ``.gz`` writes gzip (level 1: fast, about 4x smaller). ``--parts K``
writes K files ``part-00.csv.gz``… into the folder OUT, N postings in all: part k uses seed
``seed + k`` (its job URLs, which name the seed, never collide with another part's) and
may repeat postings of the part before it, so the planted repeats (about 2%) also cross
files, as the same posting scraped twice does. For a 10M corpus within a small disk:

    nice -n 19 .venv/bin/python bench/gen_postings.py 10000000 /tmp/spark10m --parts 10
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from paypath.salary import parse_salary

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COLUMNS = (
    "site", "job_url", "title", "company", "location", "date_posted", "job_type", "interval",
    "min_amount", "max_amount", "currency", "is_remote", "description",
)  # fmt: skip
INTERVALS = {"HOURLY": "hourly", "YEARLY": "yearly", "MONTHLY": "monthly", "WEEKLY": "weekly"}
REPEAT_SHARE = 0.02  # share of rows that repeat an earlier posting (cross-site duplicates)


@dataclass
class Pools:
    titles: list[str]
    descriptions: list[str]
    companies: list[str]
    locations: list[str]
    pays: list[tuple[str, str, str]]  # (interval, min, max)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_pools(data: Path = DATA) -> Pools:
    pools = Pools([], [], [], [], [])
    for row in _csv(data / "linkedin-postings" / "postings_sample1000.csv"):
        pools.titles.append(row["title"])
        pools.descriptions.append(row["description"])
        pools.companies.append(row["company_name"])
        pools.locations.append(row["location"])
        low = row["min_salary"] or row["med_salary"]
        high = row["max_salary"] or row["med_salary"]
        if low and row["pay_period"] in INTERVALS:
            pools.pays.append((INTERVALS[row["pay_period"]], low, high))
    for name in ("glassdoor-ds/glassdoor_jobs.csv", "glassdoor-ds/Uncleaned_DS_jobs.csv"):
        for row in _csv(data / name):
            pools.titles.append(row["Job Title"])
            pools.descriptions.append(row["Job Description"])
            pools.companies.append(row["Company Name"].split("\n")[0])
            pools.locations.append(row["Location"])
            salary = parse_salary(row["Salary Estimate"])
            if salary is not None and salary.min is not None:
                high = salary.max if salary.max is not None else salary.min
                interval = "hourly" if salary.period == "hour" else "yearly"
                pools.pays.append((interval, f"{salary.min:.0f}", f"{high:.0f}"))
    return pools


def _rows(
    n: int, seed: int, pools: Pools, carried: list[list[str]] | None = None
) -> Iterator[list[str]]:
    """``n`` rows; repeats copy a recent row, starting from ``carried`` (another part's)."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    recent: list[list[str]] = list(carried or [])
    for i in range(n):
        if recent and rng.random() < REPEAT_SHARE:
            again = list(rng.choice(recent))
            again[0], again[1] = "google", f"https://www.google.com/search?q=job{i}"
            yield again
            continue
        interval, low, high = rng.choice(pools.pays) if rng.random() < 0.6 else ("", "", "")
        description = rng.choice(pools.descriptions)
        # a second paragraph from another posting varies the text, as real boilerplate does
        extra = rng.choice(pools.descriptions)[:400]
        row = [
            rng.choice(("indeed", "linkedin", "glassdoor", "zip_recruiter")),
            f"https://example.com/jobs/{seed}/{i}",
            rng.choice(pools.titles),
            rng.choice(pools.companies),
            rng.choice(pools.locations),
            (start + timedelta(days=rng.randrange(365))).isoformat(),
            rng.choice(("fulltime", "fulltime", "fulltime", "contract", "parttime")),
            interval,
            low,
            high,
            "USD" if low else "",
            str(rng.random() < 0.2),
            f"{description}\n\n{extra}",
        ]
        if len(recent) < 1000:
            recent.append(row)
        elif rng.random() < 0.01:
            recent[rng.randrange(1000)] = row
        yield row


def write(
    n: int, out: Path, seed: int = 7, pools: Pools | None = None, carry_seed: int | None = None
) -> Path:
    """Write ``n`` postings to ``out`` (gzip when it ends in .gz); with ``carry_seed``,
    repeats may copy the first rows of the file written with that seed."""
    pools = pools or load_pools()
    carried = None
    if carry_seed is not None:
        carried = list(_rows(CARRIED_ROWS, carry_seed, pools))
    out.parent.mkdir(parents=True, exist_ok=True)
    with _open(out) as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(_rows(n, seed, pools, carried))
    return out


def _open(out: Path) -> TextIO:
    if out.name.endswith(".gz"):
        return gzip.open(out, "wt", compresslevel=1, encoding="utf-8", newline="")
    return out.open("w", encoding="utf-8", newline="")


CARRIED_ROWS = 1000  # rows of the part before that a part may repeat


def write_parts(
    n: int, folder: Path, parts: int, seed: int = 7, only: set[int] | None = None
) -> list[Path]:
    """``n`` postings in ``parts`` gzip files in ``folder`` (see the module docstring);
    ``only`` writes just those parts (to write the others in another process)."""
    pools = load_pools()
    sizes = [n // parts + (1 if k < n % parts else 0) for k in range(parts)]
    written = []
    for k, size in enumerate(sizes):
        if only is not None and k not in only:
            continue
        # written under a name no input glob takes, then renamed: an interrupted run
        # leaves no part that looks whole
        final = folder / f"part-{k:02d}.csv.gz"
        partial = write(
            size, folder / f".writing-{k:02d}.gz", seed + k, pools, seed + k - 1 if k else None
        )
        written.append(partial.replace(final))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument(
        "out", type=Path, nargs="?", default=Path(tempfile.gettempdir()) / "paypath-postings.csv"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--parts", type=int, default=0, help="write this many gzip files into the folder OUT"
    )
    parser.add_argument("--only", help="with --parts: write only these parts (e.g. 0,2,4)")
    args = parser.parse_args()
    if args.parts:
        only = {int(k) for k in args.only.split(",")} if args.only else None
        paths = write_parts(args.n, args.out, args.parts, args.seed, only)
        size = sum(p.stat().st_size for p in paths)
        print(f"wrote {len(paths)} files to {args.out} ({size / 1e6:.0f} MB)")
        return
    path = write(args.n, args.out, args.seed)
    print(f"wrote {args.n:,} postings to {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
