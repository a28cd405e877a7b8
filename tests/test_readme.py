"""README examples cannot rot: every CLI line in it runs, and the library example too."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paypath.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHARED = ROOT.parent / "shared"


def _cli_lines() -> list[str]:
    block = re.search(r"## CLI.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line.startswith("paypath ")]


LINES = _cli_lines()
# `serve` blocks forever; it is covered by the web tests.
RUNNABLE = [line for line in LINES if line != "paypath serve"]


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    assert "paypath serve" in LINES


@pytest.mark.parametrize("line", RUNNABLE, ids=[" ".join(x.split()[1:3]) for x in RUNNABLE])
def test_readme_cli_line_runs(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = [a.replace("../shared", str(SHARED)) for a in shlex.split(line)[1:]]
    if "--db" in args and "ingest" not in args:  # the store the ingest line makes
        CliRunner().invoke(
            app,
            [
                "market",
                "ingest",
                str(SHARED / "data/linkedin-postings/postings_sample1000.csv"),
                "--source",
                "linkedin",
                "--db",
                "demo.duckdb",
            ],
        )
    if "--dataset" in args:  # the dataset the `ingest --out` line makes
        sample = str(SHARED / "data/linkedin-postings/postings_sample1000.csv")
        CliRunner().invoke(
            app, ["market", "ingest", sample, "--source", "linkedin", "--out", "demo-dataset"]
        )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"## Library\n\n```python\n(.*?)```", README, re.S)
    assert block is not None
    (tmp_path / "article.txt").write_text(
        (SHARED / "seed/000_fe5159adbbef7dec.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert len(namespace["report"].pay_claims) == 10  # type: ignore[attr-defined]
