"""Employer names as filed -> display names (paypath.employer_names)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paypath.employer_names import employer_key, normalize_employer


@pytest.mark.parametrize(
    ("filed", "display"),
    [
        pytest.param("Google LLC", "Google", id="google-llc"),
        pytest.param("Google Inc.", "Google", id="google-inc"),
        pytest.param("GOOGLE LLC", "Google", id="google-shouting"),
        pytest.param("Google Public Sector LLC ", "Google", id="google-subsidiary"),
        pytest.param("Amazon.com Services LLC", "Amazon", id="amazon-com"),
        pytest.param("AMAZON.COM SERVICES LLC", "Amazon", id="amazon-com-caps"),
        pytest.param("Amazon Web Services", "Amazon", id="aws"),
        pytest.param("AMAZON DEVELOPMENT CENTER U.S., INC", "Amazon", id="amazon-dev-center"),
        pytest.param("Meta Platforms", "Meta", id="meta"),
        pytest.param(" Meta Platforms, Inc.", "Meta", id="meta-inc-leading-space"),
        pytest.param("Facebook", "Meta", id="facebook"),
        pytest.param("FACEBOOK, INC.", "Meta", id="facebook-inc"),
        pytest.param("NVIDIA Corporation", "NVIDIA", id="nvidia"),
        pytest.param("JP MORGAN CHASE  CO", "JPMorgan Chase", id="jpm-ampersand-lost"),
        pytest.param("JPMORGAN CHASE & CO.", "JPMorgan Chase", id="jpm"),
        pytest.param("ERNST  YOUNG U.S. LLP", "EY", id="ey"),
        pytest.param("Cisco Systems, Inc. (acquired Splunk, Inc.)", "Cisco", id="parenthetical"),
        pytest.param("WAL-MART ASSOCIATES, INC.", "Walmart", id="wal-mart"),
        pytest.param("TikTok Inc.", "ByteDance", id="tiktok"),
        pytest.param("McKinsey & Company Inc. United States", "McKinsey", id="mckinsey"),
    ],
)
def test_known_employers_fold_to_one_display_name(filed: str, display: str) -> None:
    assert normalize_employer(filed) == display


@pytest.mark.parametrize(
    ("filed", "display"),
    [
        pytest.param("WAYNE FARMS LLC", "Wayne Farms", id="caps-to-title"),
        pytest.param("Koch Foods of Gadsden, LLC", "Koch Foods of Gadsden", id="mixed-kept"),
        pytest.param("THE DEVEREUX FOUNDATION", "Devereux Foundation", id="leading-the"),
        pytest.param("The Citadel", "The Citadel", id="the-kept-on-one-word"),
        pytest.param("HCL America Solutions, Inc.", "HCLTech", id="hcl"),
        pytest.param("TW Services, Inc", "TW Services", id="acronym"),
        pytest.param("LOWE'S COMPANIES, INC.", "Lowe's", id="apostrophe"),
        pytest.param(
            "Management Health Systems, LLC DBA MedPro", "Management Health Systems", id="dba"
        ),
        pytest.param("Riviana Foods Inc", "Riviana Foods", id="riviana-is-not-rivian"),
        pytest.param("RIVIAN AUTOMOTIVE, LLC", "Rivian", id="rivian"),
        pytest.param("Nokian Tyres, Inc.", "Nokian Tyres", id="nokian-is-not-nokia"),
        pytest.param("Apple Hospitality REIT", "Apple Hospitality REIT", id="not-apple"),
        pytest.param("APPLE INC.", "Apple", id="apple"),
        pytest.param("Intelligent Systems Inc", "Intelligent Systems", id="not-intel"),
        pytest.param("Gilead Farms LLC", "Gilead Farms", id="not-gilead-sciences"),
        pytest.param("U.S. BANK NATIONAL ASSOCIATION", "US Bank", id="periods-and-na"),
        pytest.param("U.S. Bank", "US Bank", id="periods"),
    ],
)
def test_unknown_employers_keep_their_words(filed: str, display: str) -> None:
    assert normalize_employer(filed) == display


@pytest.mark.parametrize("blank", ["", "   ", "., &", "()"])
def test_a_name_without_words_is_empty(blank: str) -> None:
    assert normalize_employer(blank) == ""


def test_key_groups_case_variants() -> None:
    assert employer_key("Deloitte Consulting LLP") == employer_key("DELOITTE CONSULTING LLP")
    assert employer_key("Microsoft Corporation ") == "microsoft"


@given(st.text(max_size=60))
def test_normalising_is_idempotent_and_total(name: str) -> None:
    once = normalize_employer(name)
    assert normalize_employer(once) == once
    assert once == once.strip()


def test_a_name_that_is_only_a_suffix_is_kept() -> None:
    # Stripping never empties a name: "Inc." alone is an (odd) name, not a suffix.
    assert normalize_employer(", Inc.") == "Inc"
