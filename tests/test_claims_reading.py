"""The claim checker on small texts written for these tests: tables, nearest role, open
ends, non-US places, non-claims, roles outside the catalog, BLS citations."""

from __future__ import annotations

import pytest

from paypath.claim_reading import non_claim_reason, occupation_in, reading_fixes
from paypath.claims import check_claims
from paypath.pay_model import official_wages
from paypath.verdict import place


def _rows(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.role_id) for c in check_claims(text).pay_claims]


def test_markdown_table_rows_take_the_role_in_their_row() -> None:
    text = (
        "| Occupation | Median pay |\n|---|---|\n"
        "| Data scientist | $108,000 |\n| Computer programmer | $97,000 |\n"
    )
    assert _rows(text) == [("$108,000", "data-scientist"), ("$97,000", "soc:15-1251")]


def test_nearest_role_in_the_clause_wins() -> None:
    text = "While data analysts earn about $70,000, data scientists make $118,000."
    assert _rows(text) == [("$70,000", "data-analyst"), ("$118,000", "data-scientist")]


def test_role_in_the_next_sentence_does_not_take_the_figure() -> None:
    text = "DevOps engineers can make up to $190,000. Data engineers earn over $140,000."
    claims = check_claims(text).pay_claims
    assert [(c.role_id, c.open_ended) for c in claims] == [
        ("devops-engineer", True),
        ("data-engineer", True),
    ]
    assert claims[0].claimed_max_usd == 190_000.0


def test_non_us_place_is_compared_in_that_country_not_with_bls() -> None:
    claim = check_claims("Software engineers in London earn £64,000 a year.").pay_claims[0]
    assert claim.place == "GB" and claim.currency == "GBP"
    assert claim.official is not None and claim.official.area == "GB"
    assert "BLS" not in claim.official.source


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, data scientists were in demand.",
        "Data scientists take home £3,100 per month after tax.",
        "A junior data scientist earns roughly £15k less than a senior one.",
        "Our data engineers cut cloud spend by $150,000 a year.",
        "The average US worker earns $59,000, far below what data scientists expect.",
    ],
)
def test_non_claims_produce_no_row(text: str) -> None:
    assert check_claims(text).pay_claims == []


def test_role_outside_the_catalog_uses_the_bls_occupation_or_is_listed_unchecked() -> None:
    claim = check_claims("Database administrators earn $98,000 per year.").pay_claims[0]
    assert claim.role_id == "soc:15-1242" and claim.official is not None
    assert claim.official.soc_codes == ["15-1242"]
    coded = check_claims("Workers in SOC 15-1255 earn $90,000.").pay_claims[0]
    assert coded.soc_code == "15-1255"
    report = check_claims("Prompt whisperers earn $150,000.")
    assert report.pay_claims == []
    assert [u.reason for u in report.unchecked] == ["role not recognised"]
    assert report.empty_reason == "figures found but no role"
    assert check_claims("Nothing to see here.").empty_reason == "no pay figure found"


def test_bls_citation_is_checked_against_the_release() -> None:
    current = check_claims("Data scientists: $150,000.").pay_claims[0].official
    published = official_wages("data-scientist").median  # BLS's own table, not the model
    assert current is not None and published is not None
    assert current.bls_median == published and current.median != published
    cited = f"According to the BLS, data scientists earn ${published:,.0f} a year."
    claim = check_claims(cited).pay_claims[0]
    assert claim.citation is not None and claim.citation.startswith("matches the current")
    old = "According to the BLS, data scientists earn $94,280 a year."
    claim = check_claims(old).pay_claims[0]
    assert claim.citation is not None and claim.citation.startswith("does not match")


def test_verdict_fields_come_from_the_one_rule() -> None:
    claim = check_claims("Data scientists earn $150,000.").pay_claims[0]
    assert claim.official is not None
    at = place(150_000.0, claim.official)
    assert (claim.band, claim.percentile, claim.median) == (at.band, at.percentile, at.median)


def test_reading_helpers() -> None:
    assert occupation_in("Computer network architects") == (
        "15-1241",
        "Computer Network Architects",
    )
    assert occupation_in("prompt engineer") is None
    fixed, plus = reading_fixes("Lead: 30-50+ LPA; Rs.698,412")
    assert len(fixed) == len("Lead: 30-50+ LPA; Rs.698,412") and "Rs 698,412" in fixed
    assert plus == {11}
    assert non_claim_reason("in 2024 it grew", 3, 7, "2024") is not None


def test_check_and_roles_compare_give_the_seed_bands_the_same_verdict() -> None:
    from pathlib import Path

    from paypath.wages import compare_bands

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_fe5159adbbef7dec.txt"
    checked = {c.role_id: c.band for c in check_claims(seed.read_text(encoding="utf-8")).pay_claims}
    compared = {c.role_id: c.verdict_national for c in compare_bands()}
    assert checked["ai-research-scientist"] is not None
    for role_id, band in checked.items():
        assert compared[role_id].startswith(f"article {band} ("), role_id


def test_html_report_quotes_the_sentence_with_the_figure_marked_and_lists_unchecked() -> None:
    from paypath.claims_report import render_html

    report = check_claims(
        "Data scientists earn $150,000 in <b>Ohio</b>.\nPrompt whisperers earn $150,000."
    )
    html = render_html(report)
    assert "Data scientists earn <mark>$150,000</mark>" in html
    assert "Figures not checked" in html and "role not recognised" in html
    assert "<b>Ohio</b>" not in html  # the quote is escaped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "You could become a cybersecurity architect.\nThe average salary is $129,000.\n"
            "Pay for this role hovers around $129,000.",
            ["cybersecurity-architect", "cybersecurity-architect"],
            id="paragraph-topic-carries",
        ),
        pytest.param(
            "You could become a cybersecurity architect.\n\nThe average salary is $129,000.",
            [],
            id="blank-line-ends-the-paragraph",
        ),
        pytest.param(
            "Data Engineer $150,000 - $200,000\nChief Happiness Officer $250,000 - $300,000",
            ["data-engineer"],
            id="a-row-with-its-own-pay-does-not-carry",
        ),
        pytest.param(
            "Data scientists do well.\nThe median wage for computer occupations was $104,420.",
            [],
            id="an-occupation-group-is-not-a-claim",
        ),
    ],
)
def test_a_figure_without_a_role_takes_its_paragraphs_topic(text: str, expected: list[str]) -> None:
    assert [c.role_id for c in check_claims(text).pay_claims] == expected
