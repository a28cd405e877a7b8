"""`paypath advise`, `paypath path` and `paypath offer` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.resume import MAX_BYTES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "resumes"
runner = CliRunner()


def _json(args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    return doc


def test_advise_json_for_skills() -> None:
    doc = _json(
        [
            "advise",
            "--skills",
            "Terraform,AWS,Kubernetes,networking",
            "--years",
            "6",
            "--salary",
            "120000",
            "--json",
        ]
    )
    roles = doc["roles"]
    assert isinstance(roles, list) and roles
    assert roles[0]["id"] in {
        "cloud-solutions-architect",
        "devops-engineer",
        "site-reliability-engineer",
    }
    assert roles[0]["expected_pay"]["source"]
    assert isinstance(doc["next_skills"], list)
    profile = doc["profile"]
    assert isinstance(profile, dict) and profile["salary"] == 120000


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "txt"])
def test_advise_from_a_resume_never_echoes_its_text(fmt: str) -> None:
    path = FIXTURES / f"ml_researcher.{fmt}"
    result = runner.invoke(app, ["advise", "--resume", str(path), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["roles"][0]["id"] in {"ai-research-scientist", "ml-engineer"}
    assert "Northwind" not in result.stdout  # the résumé text is not in the output
    assert "pytorch" in doc["profile"]["skills"]


def test_advise_human_output() -> None:
    result = runner.invoke(app, ["advise", "--skills", "sql,excel,tableau", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "data-analyst" in result.stdout and "Sources:" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["advise", "--skills", "basket weaving"], "no known skills", id="no-skills"),
        pytest.param(
            ["advise", "--skills", "python", "--location", "Atlantis"],
            "Atlantis",
            id="unknown-area",
        ),
        pytest.param(
            ["advise", "--resume", str(FIXTURES / "no_text.pdf")], "scanned", id="scanned-pdf"
        ),
        pytest.param(["path", "data-analyst", "astronaut"], "unknown role", id="unknown-role"),
        pytest.param(
            ["offer", "--role", "ml-engineer", "--salary", "-3"], "plausible", id="bad-salary"
        ),
    ],
)
def test_errors_exit_1_with_a_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message.lower() in result.output.lower()


def test_oversized_resume_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "cv.txt"
    big.write_bytes(b"python " * (MAX_BYTES // 7 + 10))
    result = runner.invoke(app, ["advise", "--resume", str(big)])
    assert result.exit_code == 1 and "5 MB" in result.output


def test_path_json() -> None:
    doc = _json(["path", "data-analyst", "ml-engineer", "--json"])
    steps = doc["steps"]
    assert isinstance(steps, list)
    assert steps[0]["role"] == "data-analyst" and steps[-1]["role"] == "ml-engineer"


def test_path_human_output() -> None:
    result = runner.invoke(app, ["path", "systems-administrator", "cloud-solutions-architect"])
    assert result.exit_code == 0 and "Dijkstra" in result.stdout


def test_offer_json() -> None:
    doc = _json(
        [
            "offer",
            "--role",
            "ml-engineer",
            "--salary",
            "165000",
            "--bonus",
            "15000",
            "--equity",
            "200000",
            "--vesting-years",
            "4",
            "--signon",
            "20000",
            "--json",
        ]
    )
    assert doc["total"] == 165000 + 15000 + 50000 + 5000
    base = doc["base_vs_peers"]
    assert isinstance(base, dict) and base["verdict"] in {"below", "within", "above"}
    assert doc["sources"]


def test_offer_human_output() -> None:
    result = runner.invoke(app, ["offer", "--role", "data-scientist", "--salary", "110000"])
    assert result.exit_code == 0, result.output
    assert "peers" in result.stdout and "verdict" in result.stdout
