"""The JSON API returns what the CLI's --json prints, for the same real inputs.

Inputs are real: job descriptions and salary estimates from the Glassdoor data-science
postings in shared/data, and the roles of the catalog.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from _web_client import cli_json, client
from paypath.catalog import load_roles
from paypath.market.analytics import pay_stats, skill_premiums
from paypath.market.store import bundled_store

C = client()
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ROLE_IDS = [r.id for r in load_roles()]


def _glassdoor(n: int) -> list[dict[str, str]]:
    path = DATA / "glassdoor-ds" / "glassdoor_jobs.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # Every 97th posting: spread over the file, fixed across runs.
    return rows[::97][:n]


POSTINGS = _glassdoor(6)
POSTING_IDS = [f"{p['Job Title'][:30]}@{i}" for i, p in enumerate(POSTINGS)]


def test_roles_list_matches_the_cli() -> None:
    assert C.get("/api/roles").json() == cli_json("roles", "list")


@pytest.mark.parametrize("role_id", ROLE_IDS, ids=ROLE_IDS)
def test_role_show_matches_the_cli(role_id: str) -> None:
    assert C.get(f"/api/roles/{role_id}").json() == cli_json("roles", "show", role_id)


@pytest.mark.parametrize("posting", POSTINGS, ids=POSTING_IDS)
def test_salary_parse_matches_the_cli(posting: dict[str, str]) -> None:
    text = posting["Salary Estimate"]
    api = C.post("/api/salary/parse", json={"text": text})
    assert api.status_code == 200
    assert api.json() == cli_json("salary", "parse", text)


@pytest.mark.parametrize("posting", POSTINGS, ids=POSTING_IDS)
def test_skill_extract_matches_the_cli(posting: dict[str, str]) -> None:
    text = posting["Job Description"]
    api = C.post("/api/skills/extract", json={"text": text})
    assert api.status_code == 200
    assert api.json() == cli_json("skills", "extract", "-", stdin=text)


@pytest.mark.parametrize("name", ["k8s", "PyTorch", "postgres", "scikit-learn"])
def test_skill_resolve_matches_the_cli(name: str) -> None:
    api = C.get("/api/skills/resolve", params={"name": name})
    assert api.status_code == 200
    assert api.json() == cli_json("skills", "resolve", name)


@pytest.mark.parametrize("title", [p["Job Title"] for p in POSTINGS], ids=POSTING_IDS)
def test_title_classify_matches_the_cli(title: str) -> None:
    api = C.get("/api/roles/classify", params={"title": title})
    assert api.status_code == 200
    cli = cli_json("roles", "classify", title)
    assert {k: api.json()[k] for k in cli} == cli


def _skills_of(description: str) -> list[str]:
    found = C.post("/api/skills/extract", json={"text": description}).json()["skills"]
    return sorted({s["id"] for s in found})


@pytest.mark.parametrize("posting", POSTINGS[:3], ids=POSTING_IDS[:3])
def test_advise_matches_the_cli(posting: dict[str, str]) -> None:
    skills = _skills_of(posting["Job Description"])
    body = {"skills": skills, "years": 4, "location": "California", "salary": 120000}
    api = C.post("/api/advise", json=body)
    assert api.status_code == 200, api.text
    cli = cli_json(
        "advise",
        "--skills",
        ",".join(skills),
        "--years",
        "4",
        "--location",
        "California",
        "--salary",
        "120000",
    )
    assert api.json() == cli
    ranked = api.json()["roles"]
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)


@pytest.mark.parametrize(
    ("from_role", "to_role"),
    [("data-analyst", "ml-engineer"), ("qa-engineer", "site-reliability-engineer")],
)
def test_path_matches_the_cli(from_role: str, to_role: str) -> None:
    api = C.get("/api/path", params={"from": from_role, "to": to_role})
    assert api.status_code == 200, api.text
    assert api.json() == cli_json("path", from_role, to_role)
    steps = api.json()["steps"]
    assert steps[0]["role"] == from_role and steps[-1]["role"] == to_role


@pytest.mark.parametrize(
    ("role", "salary", "location"),
    [("ml-engineer", "165000", "Washington"), ("data-scientist", "95000", "Texas")],
)
def test_offer_matches_the_cli(role: str, salary: str, location: str) -> None:
    body = {"role": role, "salary": float(salary), "location": location, "years": 6}
    api = C.post("/api/offer", json=body)
    assert api.status_code == 200, api.text
    cli = cli_json(
        "offer", "--role", role, "--salary", salary, "--location", location, "--years", "6"
    )
    assert api.json() == cli


def _dumped(rows: list[Any]) -> list[Any]:
    # What `paypath market … --json` prints: emit_json(rows) dumps each model in JSON mode.
    return [r.model_dump(mode="json") for r in rows]


@pytest.mark.parametrize(
    ("by", "role"),
    [(["role"], None), (["role", "seniority"], None), (["country"], "data-scientist")],
    ids=["by-role", "by-role-seniority", "data-scientist-by-country"],
)
def test_market_stats_match_the_library(by: list[str], role: str | None) -> None:
    params: dict[str, Any] = {"by": by, **({"role": role} if role else {})}
    api = C.get("/api/market/stats", params=params)
    assert api.status_code == 200, api.text
    where = {"role_id": role} if role else {}
    assert api.json() == _dumped(pay_stats(bundled_store(), by, where=where, min_n=10))


@pytest.mark.parametrize("role", [None, "data-scientist"], ids=["all-roles", "data-scientist"])
def test_market_premiums_match_the_library(role: str | None) -> None:
    api = C.get("/api/market/premiums", params={"role": role} if role else {})
    assert api.status_code == 200, api.text
    assert api.json() == _dumped(skill_premiums(bundled_store(), role=role, min_n=30))
    for p in api.json():
        assert p["ci_low"] <= p["premium"] <= p["ci_high"]
