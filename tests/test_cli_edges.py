"""CLI edges (issue #20): non-finite amounts, huge skill lists, role typos, ids in narrow
terminals, and commands that load no heavy library they do not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.errors import InputError, UnknownRole
from paypath.profile import MAX_SKILL_NAMES, build_profile

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308"])
@pytest.mark.parametrize("option", ["--equity", "--bonus", "--salary", "--vesting-years"])
def test_offer_refuses_non_finite_amounts(option: str, value: str) -> None:
    args = ["offer", "--role", "ml-engineer", "--salary", "150000", option, value]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"{option} must be a number" in result.output
    assert "nan/yr" not in result.output and "Traceback" not in result.output


def test_a_huge_skill_list_is_refused_at_once() -> None:
    names = [f"skill{i}" for i in range(20_000)]
    with pytest.raises(InputError, match=f"20,000 skill names.*at most {MAX_SKILL_NAMES}"):
        build_profile(names)


def test_unknown_skill_names_are_listed_briefly() -> None:
    with pytest.raises(InputError, match="and 40 more") as caught:
        build_profile([f"zzz-not-a-skill-{i}" for i in range(50)])
    assert len(str(caught.value)) < 1000


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("ml-enginer", "ml-engineer"),
        ("data-scientst", "data-scientist"),
        ("DevOps-Engineer", "devops-engineer"),
    ],
)
def test_role_typos_get_did_you_mean(typo: str, meant: str) -> None:
    from paypath.catalog import get_role

    with pytest.raises(UnknownRole, match=f"did you mean '{meant}'"):
        get_role(typo)
    result = runner.invoke(app, ["roles", "show", typo])
    assert result.exit_code == 1 and f"did you mean '{meant}'" in result.output


def _narrow(args: list[str]) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_role_ids_are_never_cut_in_an_80_column_terminal() -> None:
    from paypath.catalog import load_roles

    listing = _narrow(["roles", "list"])
    advice = _narrow(["advise", "--skills", "python,sql,people-management", "--top", "17"])
    for role in load_roles():
        assert role.id in listing
    assert "…" not in listing and "…" not in advice
    assert "software-engineering-manager" in listing
    for line in listing.splitlines() + advice.splitlines():
        assert len(line) <= 80


HEAVY = ("pandas", "duckdb", "statsmodels", "fastapi", "numpy")
# the data tables behind some commands: `--help` must not load them (issue #20: 1.07 s)
TABLES = ("paypath.employers", "paypath.pay_model", "paypath.trends", "paypath.catalog")


def _imported(args: list[str], watched: tuple[str, ...] = HEAVY) -> set[str]:
    code = (
        "import sys\nfrom paypath.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('MODULES:' + ' '.join(sorted(m for m in sys.modules if m in "
        f"{watched!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("MODULES:")][-1]
    return set(line.removeprefix("MODULES:").split())


@pytest.mark.parametrize(
    "args",
    [["--help"], ["roles", "list", "--json"], ["skills", "resolve", "k8s", "--json"]],
)
def test_light_commands_load_no_heavy_library(args: list[str]) -> None:
    assert _imported(args) == set()


def test_help_loads_no_data_table() -> None:
    assert _imported(["--help"], HEAVY + TABLES) == set()


def test_the_pay_commands_level_choices_are_the_pay_models() -> None:
    from paypath.cli.pay import LEVELS as CLI_LEVELS
    from paypath.pay_model import LEVELS

    assert CLI_LEVELS == LEVELS
