"""`paypath skills …` through Typer's CliRunner: the JSON contracts and error exits."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from paypath.cli import app

runner = CliRunner()


def test_resolve_json_contract() -> None:
    result = runner.invoke(app, ["skills", "resolve", "k8s", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "id": "kubernetes",
        "name": "Kubernetes",
        "category": "devops",
    }


def test_resolve_unknown_exits_1_with_close_matches() -> None:
    result = runner.invoke(app, ["skills", "resolve", "kubernets"])
    assert result.exit_code == 1
    assert "kubernetes" in result.output


def test_resolve_stdin_is_json_lines_in_order() -> None:
    result = runner.invoke(app, ["skills", "resolve", "-"], input="GCP\nnope-nope\nGolang\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["gcp", None, "go"]
    assert "error" in rows[1]


def test_extract_json_contract_with_counts() -> None:
    text = "Python, C and k8s. More Python."
    result = runner.invoke(app, ["skills", "extract", "--text", text, "--json"])
    doc = json.loads(result.stdout)
    assert doc["scope"] == "all"
    assert doc["counts"] == {"python": 2, "c": 1, "kubernetes": 1}
    for item in doc["skills"]:
        assert set(item) == {"id", "name", "start", "end", "text", "context"}
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["context"] == "requirement"


POSTING = """Senior Java Software Engineer
About us
We run on Azure and Kubernetes.
Requirements
- 3+ years of experience with Python and PostgreSQL
Benefits
- MacBook Pro or Linux laptop
"""


def test_extract_scope_all_labels_every_mention() -> None:
    result = runner.invoke(app, ["skills", "extract", "--text", POSTING, "--json"])
    doc = json.loads(result.stdout)
    contexts = {item["text"]: item["context"] for item in doc["skills"]}
    assert contexts == {
        "Java": "title",
        "Azure": "company",
        "Kubernetes": "company",
        "Python": "requirement",
        "PostgreSQL": "requirement",
        "Linux": "benefits",
    }


def test_extract_scope_requirements_keeps_what_is_asked() -> None:
    args = ["skills", "extract", "--text", POSTING, "--scope", "requirements", "--json"]
    doc = json.loads(runner.invoke(app, args).stdout)
    assert doc["scope"] == "requirements"
    assert doc["counts"] == {"python": 1, "postgresql": 1}
    assert {item["context"] for item in doc["skills"]} == {"requirement"}


def test_extract_table_shows_contexts_and_bad_scope_exits_1() -> None:
    result = runner.invoke(app, ["skills", "extract", "--text", POSTING])
    assert result.exit_code == 0
    assert "title" in result.stdout and "company" in result.stdout
    bad = runner.invoke(app, ["skills", "extract", "--text", POSTING, "--scope", "most"])
    assert bad.exit_code == 1
    assert "unknown scope" in bad.output and "requirements" in bad.output


def test_extract_reads_stdin_and_prints_a_table() -> None:
    result = runner.invoke(app, ["skills", "extract", "-"], input="Terraform on Azure")
    assert result.exit_code == 0
    assert "terraform" in result.stdout and "azure" in result.stdout


def test_list_and_show() -> None:
    listed = json.loads(
        runner.invoke(app, ["skills", "list", "--category", "math", "--json"]).stdout
    )
    assert {"linear-algebra", "probability", "statistics"} <= {s["id"] for s in listed}
    assert runner.invoke(app, ["skills", "list", "--category", "nope"]).exit_code == 1
    shown = json.loads(runner.invoke(app, ["skills", "show", "golang", "--json"]).stdout)
    assert shown["id"] == "go" and shown["effort_weeks"] > 0
    assert "Golang" in runner.invoke(app, ["skills", "show", "go"]).stdout
