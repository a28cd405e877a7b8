"""Draw a stratified sample of distinct real job titles for the title-classification labelled set.

Writes ``bench/data/titles_sample.csv`` (title, source, levels_title) from ``../shared/data``.
The sample is labelled by hand afterwards (``bench/data/titles_labelled.csv``); this script
only chooses which titles to read. Seeded, so re-running gives the same sample.

``--holdout`` draws a second, smaller sample of titles not in the labelled set (different
seed; LinkedIn split into titles with and without tech words) for
``bench/data/titles_holdout.csv``, labelled after the classifier was frozen.

    .venv/bin/python scripts/sample_titles.py [--holdout]
"""

from __future__ import annotations

import csv
import random
import re
import sys
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "data" / "titles_sample.csv"

# distinct titles drawn per source (ds-salaries takes every distinct title)
CODE = r"^\s*(?:[a-z]{1,5}[ -]?\d+[a-z]?|(?:grade|band|level|step)\s*\d+.*)\s*$"
QUOTAS = {"glassdoor-ds": 90, "glassdoor-da": 90, "linkedin": 140, "levels-fyi": 45}
HOLDOUT = {
    "glassdoor-ds": 30,
    "glassdoor-da": 25,
    "linkedin": 40,
    "linkedin-tech": 25,
    "levels-fyi": 15,
}
TECH = r"engineer|develop|software|data|devops|cloud|secur|network|system|architect|scien|analyst"
LABELLED = ROOT / "bench" / "data" / "titles_labelled.csv"


def _distinct(values: pd.Series) -> list[str]:
    seen: dict[str, str] = {}
    for value in values.dropna().astype(str):
        key = " ".join(value.split()).lower()
        seen.setdefault(key, " ".join(value.split()))
    return sorted(seen.values())


def _levels() -> pd.DataFrame:
    path = DATA / "levels-fyi" / "Levels_Fyi_Salary_Data.zip"
    with zipfile.ZipFile(path) as zf, zf.open("Levels_Fyi_Salary_Data.csv") as fh:
        return pd.read_csv(fh, usecols=["title", "level"])


def main() -> None:
    holdout = "--holdout" in sys.argv
    rng = random.Random(7 if holdout else 20261123)
    quotas = HOLDOUT if holdout else QUOTAS
    taken: set[str] = set()
    if holdout:
        with LABELLED.open(encoding="utf-8", newline="") as fh:
            taken = {row["title"].lower() for row in csv.DictReader(fh)}
    rows: list[tuple[str, str, str]] = []
    ds = pd.concat(
        pd.read_csv(DATA / "ds-salaries" / f"ds_salaries_{y}.csv", usecols=["job_title"])
        for y in (2022, 2023)
    )
    if not holdout:
        rows += [(t, "ds-salaries", "") for t in _distinct(ds["job_title"])]
    sources = {
        "glassdoor-ds": pd.read_csv(DATA / "glassdoor-ds" / "glassdoor_jobs.csv")["Job Title"],
        "glassdoor-da": pd.read_csv(DATA / "glassdoor-da" / "DataAnalyst.csv")["Job Title"],
        "linkedin": pd.read_csv(DATA / "linkedin-postings" / "postings_sample1000.csv")["title"],
    }
    for name, series in sources.items():
        titles = [t for t in _distinct(series) if t.lower() not in taken]
        if holdout and name == "linkedin":
            tech = [t for t in titles if re.search(TECH, t, re.IGNORECASE)]
            rows += [(t, name, "") for t in rng.sample(tech, quotas["linkedin-tech"])]
            titles = [t for t in titles if t not in tech]
        rows += [(t, name, "") for t in rng.sample(titles, quotas[name])]
    levels = _levels()
    if not holdout:
        rows += [(t, "levels-fyi", "") for t in _distinct(levels["title"])]
    # levels written as job titles ("Senior MTS", "SDE II"), with the role column beside them
    # (title, level) pairs whose level is written in words ("Sr. MTS", "SDE II"), read together
    # as "Software Engineer, Sr. MTS"; bare company codes (L5, ICT4, Band 8) are left to
    # seniority_from_level
    level = levels["level"].astype(str)
    worded = levels[level.str.contains(r"[A-Za-z]{3}") & ~level.str.contains(CODE, case=False)]
    pairs = sorted(
        {(str(lv), str(t)) for lv, t in zip(worded["level"], worded["title"], strict=True)}
        - {(lv, t) for t, lv in (x.split(", ", 1) for x in taken if ", " in x)}
    )
    for level_text, title in rng.sample(pairs, quotas["levels-fyi"]):
        rows.append((f"{title}, {level_text}", "levels-fyi", title))
    seen: set[str] = set()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "source", "levels_title"])  # levels_title: Levels.fyi role
        for title, source, extra in rows:
            if title.lower() not in seen | taken:
                seen.add(title.lower())
                writer.writerow([title, source, extra])
    print(f"wrote {len(seen)} titles to {OUT}")


if __name__ == "__main__":
    main()
