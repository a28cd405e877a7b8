"""`paypath wages` and `paypath roles compare` over the shipped BLS OEWS extract."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.cli._output import console
from paypath.pay_model import estimate_pay
from paypath.wages import band_verdict, role_wages

runner = CliRunner()


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich tables wide enough that cells are not truncated."""
    monkeypatch.setattr(console, "width", 250)


DESIGN_KEYS = {"soc", "area", "p10", "p25", "median", "p75", "p90", "mean", "employment", "source"}


@pytest.mark.parametrize(
    ("args", "median"),
    [
        pytest.param(["15-1252"], 135980, id="soc-national"),
        pytest.param(["15-1221"], 140300, id="research-scientists"),
        pytest.param(["ml-engineer"], 135980, id="role-on-15-1252"),
        pytest.param(["15-1252", "--area", "CA"], 174410, id="soc-california"),
    ],
)
def test_wages_json(args: list[str], median: int) -> None:
    result = runner.invoke(app, ["wages", *args, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= DESIGN_KEYS
    assert doc["median"] == median
    assert doc["source"] == "BLS OEWS May 2025"


def test_role_json_shows_weights_and_sharing() -> None:
    result = runner.invoke(
        app, ["wages", "cloud-solutions-architect", "--area", "Austin, TX", "--json"]
    )
    doc = json.loads(result.stdout)
    assert doc["area"] == "Austin-Round Rock-San Marcos, TX"
    assert set(doc["weights"]) == {"15-1241", "15-1299"}
    assert any("approximation" in n for n in doc["notes"])


@pytest.mark.usefixtures("wide")
def test_wages_table_mentions_shared_soc() -> None:
    result = runner.invoke(app, ["wages", "devops-engineer"])
    assert result.exit_code == 0
    assert "cannot tell" in result.stdout and "$135,980" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(["wages", "15-1252", "--area", "Portland"], "ambiguous", id="ambiguous-area"),
        pytest.param(["wages", "astronaut"], "neither a catalog role", id="unknown-role"),
        pytest.param(["wages", "99-9999"], "not in BLS OEWS", id="unknown-soc"),
    ],
)
def test_wages_errors_exit_1(args: list[str], fragment: str) -> None:
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 1
    assert fragment in result.output


def test_roles_compare_json() -> None:
    result = runner.invoke(app, ["roles", "compare", "--area", "San Jose", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 10  # the seed article's roles
    ml = next(r for r in rows if r["role_id"] == "ml-engineer")
    assert ml["national"]["p25"] == 105210 and ml["national"]["p90"] == 214670
    assert ml["area"]["area"] == "San Jose-Sunnyvale-Santa Clara, CA"
    model = estimate_pay("ml-engineer", level="mid").base
    assert model is not None and ml["model_national"]["median"] == model.median
    assert ml["verdict_national"] == band_verdict(150000, 210000, model, "model")
    assert any("cannot tell" in n for n in ml["notes"])


@pytest.mark.usefixtures("wide")
def test_roles_compare_table() -> None:
    result = runner.invoke(app, ["roles", "compare", "--area", "TX"])
    assert result.exit_code == 0
    assert "ai-research-scientist" in result.stdout and "article high" in result.stdout
    assert "BLS p25–p90 (Texas)" in result.stdout


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        pytest.param(250_000, 300_000, "article high", id="above-p90"),
        pytest.param(180_000, 190_000, "article high", id="above-p75"),
        pytest.param(120_000, 150_000, "article typical", id="within"),
        pytest.param(90_000, 100_000, "article low", id="below-p25"),
        pytest.param(40_000, 50_000, "article low", id="below-p10"),
    ],
)
def test_band_verdicts_against_software_developers(low: int, high: int, verdict: str) -> None:
    # 15-1252 national: p10 82,460; p25 105,210; p75 171,980; p90 214,670.
    assert band_verdict(low, high, role_wages("software-engineer")).startswith(verdict + " (")
