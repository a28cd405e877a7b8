"""The claim checker on the seed article and on texts that state claims in other shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paypath.claims import ClaimReport, check_claims, percentile_position
from paypath.claims_report import render_html
from paypath.cli import app
from paypath.errors import InputError

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_fe5159adbbef7dec.txt"

SEED_BANDS = {
    "ai-research-scientist": (160_000, 240_000),
    "ml-engineer": (150_000, 210_000),
    "cloud-solutions-architect": (145_000, 190_000),
    "cybersecurity-architect": (155_000, 220_000),
    "data-scientist": (130_000, 180_000),
    "devops-engineer": (130_000, 175_000),
    "blockchain-developer": (140_000, 200_000),
    "software-engineering-manager": (170_000, 230_000),
    "ai-product-manager": (150_000, 210_000),
    "site-reliability-engineer": (140_000, 185_000),
}


@pytest.fixture(scope="module")
def seed_report() -> ClaimReport:
    return check_claims(SEED.read_text(encoding="utf-8"))


def test_seed_article_all_ten_roles_and_bands_with_spans(seed_report: ClaimReport) -> None:
    found = {c.role_id: (c.claimed_min_usd, c.claimed_max_usd) for c in seed_report.pay_claims}
    assert found == {k: (float(lo), float(hi)) for k, (lo, hi) in SEED_BANDS.items()}
    for claim in seed_report.pay_claims:
        assert seed_report.text[claim.start : claim.end] == claim.text
        assert "$" in claim.text
    headings = {m.role_id for m in seed_report.roles if m.how == "heading"}
    assert set(SEED_BANDS) <= headings


def test_seed_article_claims_have_official_data_and_verdicts(seed_report: ClaimReport) -> None:
    for claim in seed_report.pay_claims:
        assert claim.official is not None, claim.role_id
        assert claim.official.source.startswith("BLS OEWS May 2025")
        assert claim.verdict in {"within", "above", "below"}
        assert any("base wages" in c for c in claim.caveats)
    devops = next(c for c in seed_report.pay_claims if c.role_id == "devops-engineer")
    assert devops.official is not None and "ml-engineer" in devops.official.shared_with


def test_seed_article_open_ended_top_is_kept(seed_report: ClaimReport) -> None:
    ai = next(c for c in seed_report.pay_claims if c.role_id == "ai-research-scientist")
    assert ai.open_ended
    ml = next(c for c in seed_report.pay_claims if c.role_id == "ml-engineer")
    assert not ml.open_ended


def test_seed_article_skill_claims(seed_report: ClaimReport) -> None:
    raises = {c.skill_id for c in seed_report.skill_claims if c.kind == "raises pay"}
    assert {"ai-fluency", "systems-thinking"} <= raises
    required = {(c.role_id, c.skill_id) for c in seed_report.skill_claims if c.kind == "required"}
    assert ("ai-research-scientist", "pytorch") in required
    assert ("ml-engineer", "kubernetes") in required
    assert ("blockchain-developer", "solidity") in required
    ai = next(c for c in seed_report.skill_claims if c.skill_id == "ai-fluency")
    assert ai.verdict in {"supported", "contradicted", "inconclusive"}
    assert ai.premium is not None and ai.ci_low is not None and ai.ci_high is not None
    assert ai.ci_low <= ai.premium <= ai.ci_high


OTHER_SHAPES = [
    pytest.param(
        "| Role | Pay |\n|---|---|\n| Data Scientist | $120,000 – $165,000 |\n"
        "| DevOps Engineer | $110k-$150k |\n",
        {"data-scientist": (120_000, 165_000), "devops-engineer": (110_000, 150_000)},
        id="markdown-table",
    ),
    pytest.param(
        "Salaries we see:\n- Site Reliability Engineer: $150,000 to $190,000\n"
        "- Blockchain Developer: $130,000 - $170,000\n",
        {
            "site-reliability-engineer": (150_000, 190_000),
            "blockchain-developer": (130_000, 170_000),
        },
        id="bullet-list",
    ),
    pytest.param(
        "Most data scientists earn between $100,000 and $140,000 a year in Ohio.",
        {"data-scientist": (100_000, 140_000)},
        id="between-x-and-y",
    ),
    pytest.param(
        "## Machine Learning Engineer\n\nContractors bill $90 per hour.\n",
        {"ml-engineer": (90 * 2080, 90 * 2080)},
        id="hourly-under-heading",
    ),
    pytest.param(
        "<html><body><h2>Cloud Solutions Architect</h2><p>Pay: $140,000 – $185,000 per year.</p>"
        "</body></html>",
        {"cloud-solutions-architect": (140_000, 185_000)},
        id="html",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_SHAPES)
def test_other_claim_shapes(text: str, expected: dict[str, tuple[int, int]]) -> None:
    report = check_claims(text)
    got = {c.role_id: (c.claimed_min_usd, c.claimed_max_usd) for c in report.pay_claims}
    assert got == {k: (pytest.approx(lo), pytest.approx(hi)) for k, (lo, hi) in expected.items()}
    for claim in report.pay_claims:
        assert report.text[claim.start : claim.end] == claim.text


def test_other_currency_is_converted_to_usd() -> None:
    report = check_claims("## Data Scientist\n\nIn London data scientists earn £70,000 a year.\n")
    (claim,) = report.pay_claims
    assert claim.currency == "GBP"
    assert claim.claimed_min_usd is not None and claim.claimed_min_usd > 70_000


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Cloud bills rise faster than office rent once did.", id="prose"),
        pytest.param("Our team of 12 engineers shipped 3 releases in 2025.", id="numbers-not-pay"),
        pytest.param("Data scientists are in demand; call 555-123-4567.", id="role-no-pay"),
    ],
)
def test_texts_without_pay_claims(text: str) -> None:
    assert check_claims(text).pay_claims == []


def test_role_mentions_in_sentences_have_spans() -> None:
    text = "In many companies ML engineers earn more than traditional software engineers."
    report = check_claims(text)
    ids = [m.role_id for m in report.roles]
    assert ids == ["ml-engineer", "software-engineer"]
    for m in report.roles:
        assert text[m.start : m.end] == m.text


def test_percentile_position_interpolates() -> None:
    report = check_claims(SEED.read_text(encoding="utf-8"))
    off = report.pay_claims[0].official
    assert off is not None and off.p25 is not None and off.median is not None
    assert percentile_position(off.median, off) == "p50"
    assert percentile_position((off.p25 + off.median) / 2, off) == "p38"
    assert percentile_position(1.0, off) == "p0.5"  # log-normal tail, clamped (paypath.verdict)


def test_too_long_text_is_refused() -> None:
    with pytest.raises(InputError, match="split the document"):
        check_claims("x" * 2_000_001)


def test_html_report_is_self_contained(seed_report: ClaimReport) -> None:
    html = render_html(seed_report)
    assert html.count("<svg") == 10
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "AI Research Scientist" in html and "BLS OEWS May 2025" in html


def test_cli_check_seed_json_and_html(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", str(SEED), "--json", "--html", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["pay_claims"]) == 10
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_cli_check_table_lists_roles() -> None:
    result = CliRunner().invoke(app, ["check", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "Pay claims vs the pay model" in result.stdout and "model mid" in result.stdout
    assert "Cybersecurity" in result.stdout and "verdict" in result.stdout
    for column in ("pct", "median", "diff"):
        assert column in result.stdout
