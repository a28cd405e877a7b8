"""Title classification: the labelled set, tricky real titles, levels, and the CLI."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from paypath.catalog import load_roles
from paypath.cli import app
from paypath.titles import OTHER, SENIORITIES, TitleMatch, classify_title, seniority_from_level

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "bench" / "data" / "titles_labelled.csv"
HOLDOUT = ROOT / "bench" / "data" / "titles_holdout.csv"
ROLE_IDS = {r.id for r in load_roles()} | {OTHER}


def _labelled(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _labelled(LABELLED)
SETS = [pytest.param(ROWS, id="labelled"), pytest.param(_labelled(HOLDOUT), id="holdout")]


# ------------------------------------------------------------------ the labelled set


def test_labelled_set_is_large_valid_and_stratified() -> None:
    titles = [r["title"].lower() for r in ROWS]
    assert len(set(titles)) == len(titles) >= 400
    assert {r["role"] for r in ROWS} <= ROLE_IDS
    assert {r["seniority"] for r in ROWS} <= set(SENIORITIES)
    by_source = Counter(r["source"] for r in ROWS)
    assert set(by_source) == {
        "ds-salaries",
        "glassdoor-ds",
        "glassdoor-da",
        "linkedin",
        "levels-fyi",
    }
    assert min(by_source.values()) >= 50
    linkedin_other = sum(1 for r in ROWS if r["source"] == "linkedin" and r["role"] == OTHER)
    assert linkedin_other >= 100


@pytest.mark.parametrize("rows", SETS)
def test_role_accuracy(rows: list[dict[str, str]]) -> None:
    misses = [r["title"] for r in rows if classify_title(r["title"]).role != r["role"]]
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.90, f"role accuracy {accuracy:.3f}; misses: {misses[:20]}"


@pytest.mark.parametrize("rows", SETS)
def test_seniority_accuracy(rows: list[dict[str, str]]) -> None:
    misses = [r["title"] for r in rows if classify_title(r["title"]).seniority != r["seniority"]]
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.90, f"seniority accuracy {accuracy:.3f}; misses: {misses[:20]}"


def test_holdout_is_disjoint_from_the_labelled_set() -> None:
    holdout = {r["title"].lower() for r in _labelled(HOLDOUT)}
    assert len(holdout) >= 100
    assert holdout.isdisjoint(r["title"].lower() for r in ROWS)


def test_every_catalog_title_pattern_reads_as_its_role() -> None:
    wrong = [
        (role.id, pattern, classify_title(pattern).role)
        for role in load_roles()
        for pattern in (role.title, *role.title_patterns)
        if classify_title(pattern).role != role.id
    ]
    assert wrong == []


# ------------------------------------------------------------------ tricky real titles

TRICKY = [
    # (title, role, seniority): real titles from ../shared/data, plus the examples
    ("Sr. Data Engineer (ETL Developer)", "data-engineer", "senior"),
    ("IT - Data Engineer II", "data-engineer", "mid"),
    ("Data Analyst â Junior", "data-analyst", "junior"),
    ("Data Analyst...........................!", "data-analyst", "mid"),
    ("Marketing Data Analyst - Remote", "data-analyst", "mid"),
    ("Data Scientist (Active TS SCI with Polygraph)", "data-scientist", "mid"),
    ("Director, Data Science", "data-scientist", "director"),
    ("Director of Data Science", "data-scientist", "director"),
    ("Head of Machine Learning", "ml-engineer", "director"),
    ("Sr. Manager, Data Science - Marketing Mix Media", "data-scientist", "manager"),
    ("Machine Learning Engineer (NLP)", "ml-engineer", "mid"),
    ("Computer Vision Software Engineer", "ml-engineer", "mid"),
    ("Machine Learning Scientist", "ai-research-scientist", "mid"),
    ("Member of Technical Staff - Pretraining", "ai-research-scientist", "mid"),
    ("Analytics Engineer", "data-engineer", "mid"),
    ("Business Analyst", "data-analyst", "mid"),
    ("Engineering Manager", "software-engineering-manager", "manager"),
    ("Software Engineering Manager", "software-engineering-manager", "manager"),
    ("VP of Engineering", "software-engineering-manager", "vp"),
    ("Software Engineer, SDEII", "software-engineer", "mid"),
    ("Software Engineer, SWE III", "software-engineer", "senior"),
    ("Software Engineer II (AWS)", "software-engineer", "mid"),
    ("Software Development Engineer in Test", "qa-engineer", "mid"),
    ("SRE/DevOps Support Engineer (W2)", "site-reliability-engineer", "mid"),
    ("Cloud DevOps Engineer", "devops-engineer", "mid"),
    ("AWS Cloud Architect (W2 Only)", "cloud-solutions-architect", "mid"),
    ("Information Security Manager", "security-engineer", "manager"),
    ("Senior Windows System Administrator", "systems-administrator", "senior"),
    ("Technical Product Manager - Cloud", "product-manager", "mid"),
    ("Product Manager - AI", "ai-product-manager", "mid"),
    ("Artificial Intelligence Engineer Intern - Chatbot", "ml-engineer", "intern"),
    ("Tableau Data Analyst Intern", "data-analyst", "intern"),
    (
        "🚀 Join Our Team as a Senior iOS Developer at ABHI IT SYSTEMS INC 🌐 🚀",
        "software-engineer",
        "senior",
    ),
    ("Data Scientist, Entry-level", "data-scientist", "junior"),
    ("Solution Architect, Sr principal", "cloud-solutions-architect", "principal"),
    ("Staff Machine Learning Engineer", "ml-engineer", "staff"),
    ("Lead Dotnet Developer", "software-engineer", "lead"),
    ("Java Technical Lead", "software-engineer", "lead"),
    ("Sofware Enginer", "software-engineer", "mid"),  # misspelt
]


@pytest.mark.parametrize(
    ("title", "role", "seniority"), [pytest.param(*t, id=t[0][:40]) for t in TRICKY]
)
def test_tricky_titles(title: str, role: str, seniority: str) -> None:
    match = classify_title(title)
    assert (match.role, match.seniority) == (role, seniority)


NON_TECH = [
    "Registered Nurse",
    "Chef",
    "Structural Engineer",
    "Structural Design Engineer",
    "Sales Associate",
    "Mechanical Engineer",
    "Hardware Engineer",
    "Sales Engineer",
    "Board Certified Behavior Analyst",
    "Research Scientist, Immunology - Cancer Biology",
    "Scientist - CVRM Metabolism - in vivo pharmacology",
    "Manufacturing Engineering Manager",
    "Heavy Equipment Mechanic",
    "Technical Program Manager",
    "Product Designer",
    "Heat Treat Operator",
    "Armed Security Guard",
    "Business Development Representative",
    # operations research (SOC 15-2031) is optimisation, not AI research: no catalog role
    "Operations Research Scientist",
    "Senior Operations Research Engineer",
]


@pytest.mark.parametrize("title", NON_TECH, ids=NON_TECH)
def test_non_tech_titles_are_other(title: str) -> None:
    assert classify_title(title).role == OTHER


AMBIGUOUS = [
    # (title, reading, other reading)
    ("Data Scientist/ML Engineer", "data-scientist", "ml-engineer"),
    ("Managing Data Scientist/ML Engineer", "data-scientist", "ml-engineer"),
    ("Customer Data Scientist/Sales Engineer", "data-scientist", OTHER),
    ("Developer", "software-engineer", OTHER),
    ("Member of Technical Staff", "software-engineer", OTHER),
]


@pytest.mark.parametrize(
    ("title", "role", "alternative"), [pytest.param(*a, id=a[0]) for a in AMBIGUOUS]
)
def test_ambiguous_titles_say_so(title: str, role: str, alternative: str) -> None:
    match = classify_title(title)
    assert match.role == role
    assert match.ambiguous
    assert match.score <= 0.6
    assert alternative in dict(match.alternatives)


def test_clear_titles_are_confident() -> None:
    for title in ("Senior Data Scientist", "Machine Learning Engineer", "Registered Nurse"):
        match = classify_title(title)
        assert not match.ambiguous and match.score >= 0.8 and match.alternatives == ()


def test_empty_title_has_no_confidence() -> None:
    assert classify_title("  ") == TitleMatch("", OTHER, "mid", 0.0, True, ())


# ------------------------------------------------------------------ properties

NOISE = [" - Remote", " (AWS)", " - Hybrid", ", Remote", " (W2 Only)", " - 100% Remote"]


@settings(max_examples=150, deadline=None)
@given(row=st.sampled_from(ROWS), noise=st.sampled_from(NOISE))
def test_location_and_contract_noise_do_not_change_the_reading(
    row: dict[str, str], noise: str
) -> None:
    plain, noisy = classify_title(row["title"]), classify_title(row["title"] + noise)
    assert (noisy.role, noisy.seniority) == (plain.role, plain.seniority)


@settings(max_examples=150, deadline=None)
@given(row=st.sampled_from(ROWS))
def test_case_does_not_matter(row: dict[str, str]) -> None:
    upper, lower = classify_title(row["title"].upper()), classify_title(row["title"].lower())
    assert (upper.role, upper.seniority, upper.score, upper.ambiguous, upper.alternatives) == (
        lower.role,
        lower.seniority,
        lower.score,
        lower.ambiguous,
        lower.alternatives,
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_classifies(text: str) -> None:
    match = classify_title(text)
    assert match.role in ROLE_IDS
    assert match.seniority in SENIORITIES
    assert 0.0 <= match.score <= 1.0
    assert match.ambiguous or match.score >= 0.6
    assert all(role in ROLE_IDS and role != match.role for role, _ in match.alternatives)


# ------------------------------------------------------------------ levels

LEVELS = [
    ("EN", None, "junior"),
    ("MI", None, "mid"),
    ("SE", None, "senior"),
    ("EX", None, "director"),
    ("L3", None, "junior"),
    ("L5", None, "senior"),
    ("L6", "Amazon", "senior"),
    ("L7", "Amazon", "principal"),
    ("E6", "Facebook", "staff"),
    ("ICT4", "Apple", "senior"),
    ("63", "Microsoft", "senior"),
    ("65", None, "principal"),
    ("Senior Software Engineer", None, "senior"),
    ("SDE II", None, "mid"),
    ("Staff Engineer", None, "staff"),
    ("Principal MTS", None, "principal"),
    ("Director", None, "director"),
    ("Vice President", None, "vp"),
    ("Band 8", None, None),
    ("Squad Step", None, None),
]


@pytest.mark.parametrize(
    ("level", "company", "seniority"),
    [pytest.param(*lv, id=f"{lv[0]}-{lv[1]}") for lv in LEVELS],
)
def test_seniority_from_level(level: str, company: str | None, seniority: str | None) -> None:
    assert seniority_from_level(level, company) == seniority


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from([None, "Amazon", "Microsoft", "Google"]))
@example("²", None)  # a digit to str.isdigit, not to int(): found by this test
@example("٦٢", "Microsoft")  # Arabic-Indic digits
def test_any_level_text_reads_or_says_nothing(level: str, company: str | None) -> None:
    assert seniority_from_level(level, company) in (*SENIORITIES, None)


# ------------------------------------------------------------------ CLI

runner = CliRunner()


def test_cli_classify_json() -> None:
    result = runner.invoke(app, ["roles", "classify", "Sr. Data Scientist - Remote", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["role"] == "data-scientist" and doc["seniority"] == "senior"
    assert set(doc) >= {"title", "role", "seniority", "score", "ambiguous", "alternatives"}


def test_cli_classify_stdin_json_lines_in_order() -> None:
    titles = ["Registered Nurse", "Data Scientist/ML Engineer", "Staff Software Engineer"]
    result = runner.invoke(
        app, ["roles", "classify", "-", "--json"], input="\n".join(titles) + "\n"
    )
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["title"] for d in docs] == titles
    assert [d["role"] for d in docs] == [OTHER, "data-scientist", "software-engineer"]
    assert docs[1]["ambiguous"] and docs[1]["alternatives"][0]["role"] == "ml-engineer"


def test_cli_classify_table() -> None:
    result = runner.invoke(app, ["roles", "classify", "Engineering Manager"])
    assert result.exit_code == 0, result.output
    assert "software-engineering-manager" in result.stdout
