"""Levels.fyi offers (2017-2021, ../shared/data/levels-fyi) read for the pay benchmark.

Not shipped and not a paypath input: the rows are only read by ``bench/pay_accuracy.py``
and, for the *training* split only, by ``scripts/build_pay_model.py``.

* US rows only: ``location`` is "City, ST" with a US state abbreviation.
* Role (documented mapping): Levels titles map to catalog roles; a Software Engineer's
  ``tag`` refines it (ML / AI -> ml-engineer, DevOps -> devops-engineer, Site Reliability
  (SRE) -> site-reliability-engineer, Security -> security-engineer, Data ->
  data-engineer, Testing (SDET) -> qa-engineer). Titles with no catalog role are dropped.
* Seniority from years of experience: junior < 2, mid < 5, senior < 10, staff < 15,
  principal after (the same rule as :func:`paypath.pay_model.level_for_years`, written out
  here so the peer groups do not depend on the code under test).
* Metro: read from the data files alone (``src/paypath/data/places/places.csv``, Census
  place -> CBSA, then a BLS metro whose name lists the city and state), again so the peer
  groups are the same whichever paypath version is benchmarked. Other rows are dropped.
* Split: by company. ``sha1(normalised company) % 2`` -> 0 = training, 1 = held out, so
  no employer is on both sides (Amazon is wholly on one side, which is the point: a
  held-out company's offers are new to the model).
* Model selection inside the training half: ``part`` splits the training companies again
  by a second hash (``fit`` / ``select``), so a choice such as the spread scale is made on
  companies the rest of the calibration did not see (``None`` for held-out rows).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from functools import cache
from pathlib import Path

import pandas as pd

ZIP = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "levels-fyi"
ZIP = ZIP / "Levels_Fyi_Salary_Data.zip"

TITLE_ROLE = {
    "Software Engineer": "software-engineer",
    "Product Manager": "product-manager",
    "Software Engineering Manager": "software-engineering-manager",
    "Data Scientist": "data-scientist",
    "Business Analyst": "data-analyst",
    "Solution Architect": "cloud-solutions-architect",
}
SWE_TAG_ROLE = {
    "ML / AI": "ml-engineer",
    "DevOps": "devops-engineer",
    "Site Reliability (SRE)": "site-reliability-engineer",
    "Security": "security-engineer",
    "Data": "data-engineer",
    "Testing (SDET)": "qa-engineer",
}
_US = re.compile(r"^[^,]+, ([A-Z]{2})$")


DATA = Path(__file__).resolve().parents[1] / "src" / "paypath" / "data"


def seniority_of(years: float) -> str:
    """Peer seniority by years: the pay model's own rule (junior < 2, mid < 5, senior < 10,
    staff < 15, principal after)."""
    from paypath.pay_model import level_for_years

    return level_for_years(years)


@cache
def _metro_tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    areas = pd.read_csv(DATA / "oews" / "areas.csv", dtype=str)
    metros = areas[areas["area_type"] == "metro"]
    by_code = dict(zip(metros["area_code"], metros["area_name"], strict=True))
    places = pd.read_csv(DATA / "places" / "places.csv", dtype=str)
    by_place = {
        (p.lower(), s.lower()): by_code["00" + c]
        for p, s, c in zip(places["place"], places["state"], places["cbsa"], strict=True)
        if "00" + c in by_code
    }
    return by_code, by_place


def metro_of(location: str) -> str | None:
    """The BLS metro name of "City, ST", from the data files alone (None when unknown)."""
    by_code, by_place = _metro_tables()
    city, _, st = location.rpartition(",")
    city, st = city.strip().lower(), st.strip().lower()
    if (city, st) in by_place:
        return by_place[(city, st)]
    for name in by_code.values():
        head, _, tail = name.rpartition(",")
        if city in {c.strip().lower() for c in head.split("-")} and st in {
            t.strip().lower() for t in tail.split("-")
        }:
            return name
    return None


def company_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", str(name).lower()).strip()
    key = re.sub(r"\b(inc|llc|corp|corporation|com|web services)\b", "", key).strip()
    return key


def part_of(company: str) -> str:
    """The training half's own split: "fit" or "select" (a second hash of the company)."""
    h = int(hashlib.sha1(("nested:" + company_key(company)).encode()).hexdigest(), 16)
    return "fit" if h % 2 == 0 else "select"


def split_of(company: str) -> str:
    h = int(hashlib.sha1(company_key(company).encode()).hexdigest(), 16)
    return "train" if h % 2 == 0 else "heldout"


@cache
def levels_us() -> pd.DataFrame:
    """US Levels rows with role, seniority, metro, year, base, total and split."""
    with zipfile.ZipFile(ZIP) as z, z.open("Levels_Fyi_Salary_Data.csv") as fh:
        df = pd.read_csv(fh, low_memory=False)
    df = df[df["location"].astype(str).str.match(_US)].copy()
    role = df["title"].map(TITLE_ROLE)
    swe = df["title"] == "Software Engineer"
    role = role.where(~swe, df["tag"].map(SWE_TAG_ROLE).fillna("software-engineer"))
    df["role"] = role
    df = df[df["role"].notna()].copy()
    metros = {loc: metro_of(str(loc)) for loc in df["location"].unique()}
    df["metro"] = df["location"].map(metros)
    df["seniority"] = [seniority_of(float(y)) for y in df["yearsofexperience"]]
    ts = pd.to_datetime(df["timestamp"], format="mixed")
    df["year"] = ts.dt.year
    df["month"] = ts.dt.strftime("%Y-%m")
    df["base"] = df["basesalary"].astype(float)
    df["total"] = df["totalyearlycompensation"].astype(float)
    df = df[(df["total"] >= 20_000) & (df["total"] < 5_000_000)]
    df.loc[df["base"] <= 0, "base"] = float("nan")  # component breakdown not reported
    df["split"] = df["company"].astype(str).map(split_of)
    df["part"] = df["company"].astype(str).map(part_of).where(df["split"] == "train")
    cols = ["company", "role", "seniority", "metro", "location", "year", "month"]
    return df[[*cols, "yearsofexperience", "base", "total", "split", "part"]].reset_index(drop=True)
