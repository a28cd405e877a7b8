"""The skill taxonomy (data/skills.yaml): size, integrity, and Stack Overflow survey coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paypath.catalog import SKILL_CATEGORIES, load_roles, load_skills
from paypath.errors import UnknownSkill
from paypath.skills import normalize_name, resolve_skill

ROLE_SKILL_IDS = sorted({s.skill for r in load_roles() for s in r.skills})

# Every technology string of the Stack Overflow Developer Survey 2024
# (../shared/data/so-survey-2024/survey_data_updated.csv.bz2), by column, ';'-split.
SURVEY: dict[str, list[str]] = {
    "LanguageHaveWorkedWith": [
        "Ada",
        "Apex",
        "Assembly",
        "Bash/Shell (all shells)",
        "C",
        "C#",
        "C++",
        "Clojure",
        "Cobol",
        "Crystal",
        "Dart",
        "Delphi",
        "Elixir",
        "Erlang",
        "F#",
        "Fortran",
        "GDScript",
        "Go",
        "Groovy",
        "HTML/CSS",
        "Haskell",
        "Java",
        "JavaScript",
        "Julia",
        "Kotlin",
        "Lisp",
        "Lua",
        "MATLAB",
        "MicroPython",
        "Nim",
        "OCaml",
        "Objective-C",
        "PHP",
        "Perl",
        "PowerShell",
        "Prolog",
        "Python",
        "R",
        "Ruby",
        "Rust",
        "SQL",
        "Scala",
        "Solidity",
        "Swift",
        "TypeScript",
        "VBA",
        "Visual Basic (.Net)",
        "Zephyr",
        "Zig",
    ],
    "DatabaseHaveWorkedWith": [
        "BigQuery",
        "Cassandra",
        "Clickhouse",
        "Cloud Firestore",
        "Cockroachdb",
        "Cosmos DB",
        "Couch DB",
        "Couchbase",
        "Databricks SQL",
        "Datomic",
        "DuckDB",
        "Dynamodb",
        "Elasticsearch",
        "EventStoreDB",
        "Firebase Realtime Database",
        "Firebird",
        "H2",
        "IBM DB2",
        "InfluxDB",
        "MariaDB",
        "Microsoft Access",
        "Microsoft SQL Server",
        "MongoDB",
        "MySQL",
        "Neo4J",
        "Oracle",
        "PostgreSQL",
        "Presto",
        "RavenDB",
        "Redis",
        "SQLite",
        "Snowflake",
        "Solr",
        "Supabase",
        "TiDB",
    ],
    "PlatformHaveWorkedWith": [
        "Alibaba Cloud",
        "Amazon Web Services (AWS)",
        "Cloudflare",
        "Colocation",
        "Databricks",
        "Digital Ocean",
        "Firebase",
        "Fly.io",
        "Google Cloud",
        "Heroku",
        "Hetzner",
        "IBM Cloud Or Watson",
        "Linode, now Akamai",
        "Managed Hosting",
        "Microsoft Azure",
        "Netlify",
        "OVH",
        "OpenShift",
        "OpenStack",
        "Oracle Cloud Infrastructure (OCI)",
        "PythonAnywhere",
        "Render",
        "Scaleway",
        "Supabase",
        "VMware",
        "Vercel",
        "Vultr",
    ],
    "WebframeHaveWorkedWith": [
        "ASP.NET",
        "ASP.NET CORE",
        "Angular",
        "AngularJS",
        "Astro",
        "Blazor",
        "CodeIgniter",
        "Deno",
        "Django",
        "Drupal",
        "Elm",
        "Express",
        "FastAPI",
        "Fastify",
        "Flask",
        "Gatsby",
        "Htmx",
        "Laravel",
        "NestJS",
        "Next.js",
        "Node.js",
        "Nuxt.js",
        "Phoenix",
        "Play Framework",
        "React",
        "Remix",
        "Ruby on Rails",
        "Solid.js",
        "Spring Boot",
        "Strapi",
        "Svelte",
        "Symfony",
        "Vue.js",
        "WordPress",
        "Yii 2",
        "jQuery",
    ],
    "EmbeddedHaveWorkedWith": [
        "Arduino",
        "Boost.Test",
        "CMake",
        "CUTE",
        "Cargo",
        "Catch2",
        "GNU GCC",
        "LLVM's Clang",
        "MSVC",
        "Meson",
        "Micronaut",
        "Ninja",
        "PlatformIO",
        "QMake",
        "Rasberry Pi",
        "SCons",
        "ZMK",
        "build2",
        "cppunit",
        "doctest",
    ],
    "MiscTechHaveWorkedWith": [
        ".NET (5+) ",
        ".NET Framework (1.0 - 4.8)",
        ".NET MAUI",
        "Apache Kafka",
        "Apache Spark",
        "CUDA",
        "Capacitor",
        "Cordova",
        "DirectX",
        "Electron",
        "Flutter",
        "GTK",
        "Hadoop",
        "Hugging Face Transformers",
        "Ionic",
        "JAX",
        "Keras",
        "Ktor",
        "MFC",
        "NumPy",
        "OpenCL",
        "OpenGL",
        "Opencv",
        "Pandas",
        "Qt",
        "Quarkus",
        "RabbitMQ",
        "React Native",
        "Roslyn",
        "Ruff",
        "Scikit-Learn",
        "Spring Framework",
        "SwiftUI",
        "Tauri",
        "TensorFlow",
        "Tidyverse",
        "Torch/PyTorch",
        "Xamarin",
        "mlflow",
    ],
    "ToolsTechHaveWorkedWith": [
        "APT",
        "Ansible",
        "Ant",
        "Bun",
        "Chef",
        "Chocolatey",
        "Composer",
        "Dagger",
        "Docker",
        "Godot",
        "Google Test",
        "Gradle",
        "Homebrew",
        "Kubernetes",
        "MSBuild",
        "Make",
        "Maven (build tool)",
        "Ninja",
        "Nix",
        "NuGet",
        "Pacman",
        "Pip",
        "Podman",
        "Pulumi",
        "Puppet",
        "Terraform",
        "Unity 3D",
        "Unreal Engine",
        "Visual Studio Solution",
        "Vite",
        "Webpack",
        "Yarn",
        "npm",
        "pnpm",
    ],
}
# Not covered, on purpose: hosting arrangements and a linter, not skills a job ad asks for.
NOT_COVERED = {
    "Colocation": "a way of renting data-centre space, not a technology skill",
    "Managed Hosting": "a hosting contract, not a technology skill",
    "Ruff": "a Python linter; too narrow to be a skill, and a common word in text",
}
SURVEY_CASES = [
    pytest.param(column, tech, id=f"{column.removesuffix('HaveWorkedWith')}:{tech.strip()}")
    for column, techs in SURVEY.items()
    for tech in techs
    if tech not in NOT_COVERED
]
# Where the survey string must land (the rest only has to resolve to something).
EXPECTED = {
    "Bash/Shell (all shells)": "bash",
    "Google Cloud": "gcp",
    "Microsoft Azure": "azure",
    "Amazon Web Services (AWS)": "aws",
    "C": "c",
    "C++": "cpp",
    "C#": "csharp",
    "Go": "go",
    "R": "r",
    ".NET (5+) ": "dotnet",
    "Torch/PyTorch": "pytorch",
    "Oracle": "oracle-database",
    "Hadoop": "hadoop",
    "Apache Spark": "apache-spark",
    "Scikit-Learn": "scikit-learn",
}


@pytest.mark.parametrize(("column", "tech"), SURVEY_CASES)
def test_survey_technology_resolves(column: str, tech: str) -> None:
    skill = resolve_skill(tech)
    assert skill.id == EXPECTED.get(tech, skill.id), (column, tech)


@pytest.mark.parametrize("tech", sorted(NOT_COVERED))
def test_uncovered_survey_strings_are_really_unknown(tech: str) -> None:
    with pytest.raises(UnknownSkill):
        resolve_skill(tech)


def test_at_least_500_skills_with_every_field() -> None:
    skills = load_skills()
    assert len(skills) >= 500
    for skill in skills:
        assert skill.category in SKILL_CATEGORIES, skill.id
        assert skill.effort_weeks is not None and skill.effort_weeks > 0, skill.id
        assert skill.related, skill.id
        assert skill.id not in skill.related, skill.id


@pytest.mark.parametrize("skill_id", ROLE_SKILL_IDS)
def test_every_role_skill_is_in_the_taxonomy(skill_id: str) -> None:
    assert resolve_skill(skill_id).id == skill_id


def test_no_surface_form_belongs_to_two_skills() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for skill in load_skills():
        for form in {normalize_name(a.text) for a in skill.surface_forms()}:
            if owner.setdefault(form, skill.id) != skill.id:
                clashes.append((form, owner[form], skill.id))
    assert clashes == []


def test_context_rules_compile_and_accept_only_rules_can_accept() -> None:
    for skill in load_skills():
        if skill.context is not None:
            for pattern in (*skill.context.reject, *skill.context.accept):
                re.compile(pattern)
            if skill.context.needs_accept:
                assert skill.context.accept, skill.id
                assert any(a.ambiguous for a in skill.aliases), skill.id


def test_one_letter_and_common_word_forms_are_ambiguous_or_case_sensitive() -> None:
    for skill in load_skills():
        for alias in skill.surface_forms():
            form = normalize_name(alias.text)
            if alias.extract and len(form) <= 2 and not {"#", "+"} & set(form):
                assert alias.case_sensitive or alias.ambiguous, (skill.id, alias.text)


@pytest.mark.parametrize(
    ("skill_id", "phrases"),
    [
        pytest.param("ai-fluency", ["AI fluency", "AI literacy", "AI-assisted development"]),
        pytest.param("systems-thinking", ["systems thinking", "big-picture thinking"]),
        pytest.param("security-awareness", ["security awareness", "security mindset"]),
        pytest.param(
            "executive-communication",
            ["communication with executives", "executive presence", "presenting to executives"],
        ),
        pytest.param("adaptability", ["adaptability", "comfortable with ambiguity"]),
    ],
)
def test_meta_skills_catch_their_phrasing(skill_id: str, phrases: list[str]) -> None:
    from paypath.skills import extract_skills

    for phrase in phrases:
        assert resolve_skill(phrase).id == skill_id
        assert [m.id for m in extract_skills(f"We value {phrase} here.")] == [skill_id]
    assert resolve_skill(skill_id).category in {"soft", "practice"}


def test_effort_is_documented_in_the_yaml_header() -> None:
    text = (Path(__file__).resolve().parents[1] / "src/paypath/data/skills.yaml").read_text()
    header = text.split("skills:", 1)[0]
    assert "effort_weeks" in header and "tier" in header
