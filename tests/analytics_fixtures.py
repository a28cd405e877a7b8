"""Real-data stores for the analytics and engine tests.

``survey_store()`` holds the Stack Overflow Developer Survey 2024 subset
(``../shared/data/so-survey-2024``, ODbL), mapped to the store schema by a deliberately
small loader (a handful of DevTypes, countries and technologies), so the analytics tests
do not depend on the ingest code. The schema is the store's own ``SCHEMA_SQL`` when
``paypath.market.store`` exists, else the DDL of docs/CONTRACTS.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from paypath.market.store import refresh_pay_facts

SURVEY = (
    Path(__file__).resolve().parents[2] / "shared/data/so-survey-2024/survey_data_updated.csv.bz2"
)

CONTRACT_DDL = """
CREATE TABLE postings (
  id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, source_file VARCHAR, record_kind VARCHAR,
  title VARCHAR, role_id VARCHAR, seniority VARCHAR, role_score DOUBLE,
  company VARCHAR, city VARCHAR, region VARCHAR, country VARCHAR,
  salary_text VARCHAR, salary_min DOUBLE, salary_max DOUBLE, currency VARCHAR, period VARCHAR,
  period_inferred BOOLEAN, pay_usd DOUBLE, pay_min_usd DOUBLE, pay_max_usd DOUBLE,
  comp_kind VARCHAR, years_experience DOUBLE, ai_use BOOLEAN, remote VARCHAR,
  posted_at DATE, description VARCHAR, ingest_id VARCHAR
);
CREATE TABLE posting_skills (posting_id VARCHAR, skill_id VARCHAR, mentions INTEGER,
                             PRIMARY KEY (posting_id, skill_id));
CREATE TABLE quarantine (ingest_id VARCHAR, source VARCHAR, source_file VARCHAR,
                         row_number BIGINT, reason VARCHAR, raw VARCHAR);
CREATE TABLE ingests (id VARCHAR PRIMARY KEY, source VARCHAR, source_file VARCHAR,
                      file_sha256 VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,
                      read BIGINT, stored BIGINT, duplicates BIGINT, quarantined BIGINT);
"""

ROLES = {
    "Developer, full-stack": "software-engineer",
    "Developer, back-end": "software-engineer",
    "Developer, front-end": "software-engineer",
    "Developer, mobile": "software-engineer",
    "Developer, desktop or enterprise applications": "software-engineer",
    "Engineering manager": "software-engineering-manager",
    "Data engineer": "data-engineer",
    "DevOps specialist": "devops-engineer",
    "Data scientist or machine learning specialist": "data-scientist",
    "Cloud infrastructure engineer": "cloud-solutions-architect",
    "Developer, AI": "ml-engineer",
    "Engineer, site reliability": "site-reliability-engineer",
    "Developer, QA or test": "qa-engineer",
    "Security professional": "security-engineer",
    "Blockchain": "blockchain-developer",
    "Data or business analyst": "data-analyst",
    "Product manager": "product-manager",
    "System administrator": "systems-administrator",
}
COUNTRIES = {
    "United States of America": "US",
    "Germany": "DE",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Ukraine": "UA",
    "India": "IN",
    "France": "FR",
    "Canada": "CA",
    "Netherlands": "NL",
    "Poland": "PL",
    "Brazil": "BR",
    "Australia": "AU",
    "Spain": "ES",
    "Italy": "IT",
    "Sweden": "SE",
    "Switzerland": "CH",
}
TECH = {
    "Python": "python",
    "SQL": "sql",
    "JavaScript": "javascript",
    "TypeScript": "typescript",
    "Java": "java",
    "Go": "go",
    "Rust": "rust",
    "R": "r",
    "Scala": "scala",
    "Bash/Shell (all shells)": "bash",
    "PowerShell": "powershell",
    "Solidity": "solidity",
    "Amazon Web Services (AWS)": "aws",
    "Microsoft Azure": "azure",
    "Google Cloud": "gcp",
    "Docker": "docker",
    "Kubernetes": "kubernetes",
    "Terraform": "terraform",
    "Ansible": "ansible",
    "Snowflake": "snowflake",
    "Databricks SQL": "databricks",
}
SKILL_COLUMNS = (
    "LanguageHaveWorkedWith",
    "PlatformHaveWorkedWith",
    "ToolsTechHaveWorkedWith",
    "DatabaseHaveWorkedWith",
)


@dataclass
class MemoryStore:
    """Quacks like ``paypath.market.store.Store`` for analytics (``.con``)."""

    con: duckdb.DuckDBPyConnection
    bundled: bool = False
    path: Path | None = field(default=None)


def schema_sql() -> str:
    try:
        from paypath.market.store import SCHEMA_SQL
    except ImportError:
        return CONTRACT_DDL
    return str(SCHEMA_SQL)


def _years(value: object) -> float | None:
    if not isinstance(value, str) or not value:
        return None
    if value.startswith("Less than"):
        return 0.5
    if value.startswith("More than"):
        return 50.0
    return float(value)


def _ai(value: object) -> bool | None:
    if not isinstance(value, str) or not value:
        return None
    return value == "Yes"


@cache
def survey_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(postings, posting_skills) rows of the survey subset, read once per process."""
    raw = pd.read_csv(
        SURVEY,
        usecols=[
            "ResponseId",
            "DevType",
            "Country",
            "YearsCodePro",
            "ConvertedCompYearly",
            "AISelect",
            *SKILL_COLUMNS,
        ],
        dtype=str,
        keep_default_na=False,
    )
    ids = "so-" + raw["ResponseId"]
    pay = pd.to_numeric(raw["ConvertedCompYearly"], errors="coerce")
    postings = pd.DataFrame(
        {
            "id": ids,
            "source": "so-survey",
            "record_kind": "survey",
            "title": raw["DevType"],
            "role_id": raw["DevType"].map(ROLES).fillna("other"),
            "seniority": None,
            "country": raw["Country"].map(COUNTRIES),
            "pay_usd": pay,
            "comp_kind": "total",
            "years_experience": raw["YearsCodePro"].map(_years),
            "ai_use": raw["AISelect"].map(_ai).astype("boolean"),
        }
    )
    pairs = []
    for column in SKILL_COLUMNS:
        items = raw[column].str.split(";").explode()
        skill = items.map(TECH)
        keep = skill.notna()
        pairs.append(pd.DataFrame({"posting_id": ids[items.index[keep]], "skill_id": skill[keep]}))
    skills = pd.concat(pairs).drop_duplicates().reset_index(drop=True)
    skills["mentions"] = 1
    return postings, skills


def load_frames(
    con: duckdb.DuckDBPyConnection, postings: pd.DataFrame, skills: pd.DataFrame
) -> None:
    """Insert frames (any subset of the postings columns) into a store's tables."""
    con.register("postings_df", postings)
    con.register("skills_df", skills)
    columns = ", ".join(postings.columns)
    con.execute(f"INSERT INTO postings ({columns}) SELECT {columns} FROM postings_df")
    con.execute(
        "INSERT INTO posting_skills (posting_id, skill_id, mentions) "
        "SELECT posting_id, skill_id, mentions FROM skills_df"
    )
    con.unregister("postings_df")
    con.unregister("skills_df")
    refresh_pay_facts(con)  # the sorted pay table the statistics read, as ingest does


def empty_store() -> MemoryStore:
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    return MemoryStore(con)


def survey_store() -> MemoryStore:
    store = empty_store()
    load_frames(store.con, *survey_frames())
    return store
