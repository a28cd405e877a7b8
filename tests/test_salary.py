"""parse_salary / find_salaries on real-world salary strings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.errors import CurrencyError, InputError, SalaryParseError
from paypath.salary import (
    DEFAULT_FACTORS,
    AnnualFactors,
    Salary,
    annualize,
    default_fx_table,
    find_salaries,
    parse_salary,
    to_usd,
)
from paypath.salary.parse import _fast, _scan, _tokens

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[name] for row in csv.DictReader(fh)]


# text, min, max, currency, period, period_inferred
CASES = [
    pytest.param("$53K-$91K (Glassdoor est.)", 53e3, 91e3, "USD", "year", True, id="glassdoor"),
    pytest.param("$17-$24 Per Hour(Glassdoor est.)", 17, 24, "USD", "hour", False, id="gd-hour"),
    pytest.param("Employer Provided Salary:$150K-$160K", 150e3, 160e3, "USD", "year", True,
                 id="gd-employer"),
    pytest.param("$110K-$150K(Employer est.)", 110e3, 150e3, "USD", "year", True, id="gd-emp-est"),
    pytest.param("$170-180k", 170e3, 180e3, "USD", "year", True, id="shared-k"),
    pytest.param("$1.5-2M", 1.5e6, 2e6, "USD", "year", True, id="shared-M"),
    pytest.param("$120,000 – $150,000 per year", 120e3, 150e3, "USD", "year", False, id="en-dash"),
    pytest.param("$120,000—$150,000 a year", 120e3, 150e3, "USD", "year", False, id="em-dash"),
    pytest.param("$50,000 to $60,000 annually", 50e3, 60e3, "USD", "year", False, id="to"),
    pytest.param("up to $150k", None, 150e3, "USD", "year", True, id="up-to"),
    pytest.param("from £40,000", 40e3, None, "GBP", "year", True, id="from"),
    pytest.param("$150k+", 150e3, None, "USD", "year", True, id="plus"),
    pytest.param("$72.5k/yr", 72.5e3, 72.5e3, "USD", "year", False, id="decimal-k-yr"),
    pytest.param("$25 an hour", 25, 25, "USD", "hour", False, id="an-hour"),
    pytest.param("Contractors bill $90 per hour.", 90, 90, "USD", "hour", False, id="sentence"),
    pytest.param("£25 ph", 25, 25, "GBP", "hour", False, id="ph"),
    pytest.param("€450 per diem", 450, 450, "EUR", "day", False, id="per-diem"),
    pytest.param("$2,000/week", 2000, 2000, "USD", "week", False, id="week"),
    pytest.param("$6,500 monthly", 6500, 6500, "USD", "month", False, id="monthly"),
    pytest.param("£45k p.a.", 45e3, 45e3, "GBP", "year", False, id="p.a."),
    pytest.param("£45,000 per annum", 45e3, 45e3, "GBP", "year", False, id="per-annum"),
    pytest.param("60.000 € brutto/Jahr", 60e3, 60e3, "EUR", "year", False, id="de-brutto-jahr"),
    pytest.param("4.500 € monatlich", 4500, 4500, "EUR", "month", False, id="de-monatlich"),
    pytest.param("R$ 8.000 por mês", 8000, 8000, "BRL", "month", False, id="pt-por-mes"),
    pytest.param("R$8.000,50/mês", 8000.5, 8000.5, "BRL", "month", False, id="pt-decimal"),
    pytest.param("120'000 CHF", 120e3, 120e3, "CHF", "year", True, id="ch-apostrophe"),
    pytest.param("CHF 120’000", 120e3, 120e3, "CHF", "year", True, id="ch-curly"),
    pytest.param("20 000 PLN", 20e3, 20e3, "PLN", "month", True, id="pl-space"),
    pytest.param("15 000 – 20 000 zł netto", 15e3, 20e3, "PLN", "month", True, id="pl-range"),
    pytest.param("₹12,00,000 per annum", 12e5, 12e5, "INR", "year", False, id="in-grouping"),
    pytest.param("12-15 LPA", 12e5, 15e5, "INR", "year", False, id="lpa"),
    pytest.param("₹ 8 lakh", 8e5, 8e5, "INR", "year", True, id="lakh"),
    pytest.param("1.2 crore", 1.2e7, 1.2e7, "INR", "year", True, id="crore"),
    pytest.param("US$ 90,000", 90e3, 90e3, "USD", "year", True, id="US$"),
    pytest.param("A$140k", 140e3, 140e3, "AUD", "year", True, id="A$"),
    pytest.param("C$95,000", 95e3, 95e3, "CAD", "year", True, id="C$"),
    pytest.param("S$8,000 per month", 8000, 8000, "SGD", "month", False, id="S$"),
    pytest.param("¥6,000,000", 6e6, 6e6, "JPY", "year", True, id="yen"),
    pytest.param("kr 45 000 per month", 45e3, 45e3, "SEK", "month", False, id="kr"),
    pytest.param("USD 120,000-150,000", 120e3, 150e3, "USD", "year", True, id="code-prefix"),
    pytest.param("100000 EUR", 100e3, 100e3, "EUR", "year", True, id="code-suffix"),
    pytest.param("NZD $100,700", 100.7e3, 100.7e3, "NZD", "year", True, id="code-then-$"),
    pytest.param("$1,190.00 AUD", 1190, 1190, "AUD", "month", True, id="$-then-code"),
    pytest.param("120000", 120e3, 120e3, "USD", "year", True, id="bare-number"),
    pytest.param("60-75.000 €", 60e3, 75e3, "EUR", "year", True, id="shared-thousands"),
    pytest.param("$20-25,000", 20e3, 25e3, "USD", "year", True, id="shared-thousands-$"),
    pytest.param("$25 - $1,500", 25, 1500, "USD", "month", True, id="not-shared"),
    pytest.param("between $90,000 and $110,000", 90e3, 110e3, "USD", "year", True, id="between"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lo", "hi", "currency", "period", "inferred"), CASES)
def test_parse_salary(
    text: str,
    lo: float | None,
    hi: float | None,
    currency: str,
    period: str,
    inferred: bool,
) -> None:
    s = parse_salary(text)
    assert s is not None
    assert (s.min, s.max, s.currency, s.period, s.period_inferred) == (
        lo,
        hi,
        currency,
        period,
        inferred,
    )
    assert s.text and s.text in text


@pytest.mark.parametrize(
    "text",
    ["-1", "", "   ", "N/A", "Competitive salary", "$0.00", "Free!", "salary: negotiable"],
    ids=["minus-one", "empty", "blank", "n/a", "words", "zero", "free", "negotiable"],
)
def test_no_salary(text: str) -> None:
    assert parse_salary(text) is None


def test_normalised_figures_trace_back_to_the_source() -> None:
    s = parse_salary("€4,000 - €5,000 per month")
    assert s is not None
    assert (s.min, s.max, s.currency_text, s.period_inferred) == (4000, 5000, "€", False)
    assert s.annual_min == 48000 and s.annual_max == 60000
    assert s.annual_min_usd is not None and s.annual_max_usd is not None
    assert s.annual_min_usd == pytest.approx(to_usd(48000, "EUR"))
    assert s.fx_rate == pytest.approx(s.annual_min_usd / s.annual_min)
    assert s.fx_date == "2024-06-28" and "ECB" in s.fx_source
    assert s.annual_mid_usd == pytest.approx((s.annual_min_usd + s.annual_max_usd) / 2)


def test_default_currency_applies_to_bare_dollar_only() -> None:
    bare, explicit = parse_salary("$100k", default_currency="CAD"), parse_salary("US$100k")
    assert bare is not None and explicit is not None
    assert (bare.currency, bare.currency_inferred) == ("CAD", True)
    assert (explicit.currency, explicit.currency_inferred) == ("USD", False)


def test_factors_are_overridable_everywhere() -> None:
    four_day = AnnualFactors(hour=1664, day=208)
    s = parse_salary("$50 per hour", factors=four_day)
    assert s is not None and s.annual_min == 50 * 1664
    assert annualize(50, "hour") == 50 * DEFAULT_FACTORS.hour == 104000
    assert annualize(1, "day") == 260 and annualize(1, "week") == 52
    assert annualize(1, "month") == 12 and annualize(1, "year") == 1


def test_bad_arguments_raise_documented_errors() -> None:
    with pytest.raises(SalaryParseError):
        parse_salary(12345)  # type: ignore[arg-type]
    with pytest.raises(CurrencyError):
        parse_salary("$5", default_currency="dollars")


# --- every real Glassdoor string --------------------------------------------------------

GLASSDOOR = _column(DATA / "glassdoor-ds" / "glassdoor_jobs.csv", "Salary Estimate") + _column(
    DATA / "glassdoor-da" / "DataAnalyst.csv", "Salary Estimate"
)


def test_every_glassdoor_salary_estimate_parses() -> None:
    assert len(GLASSDOOR) == 3209
    for text in GLASSDOOR:
        s = parse_salary(text)
        if text == "-1":
            assert s is None
            continue
        assert s is not None, text
        assert s.min is not None and s.max is not None and s.min <= s.max, text
        assert s.currency == "USD" and s.period in ("year", "hour"), text
        assert (s.period == "hour") == ("Per Hour" in text), text


def test_glassdoor_matches_ken_jee_parse() -> None:
    path = DATA / "glassdoor-ds" / "salary_data_cleaned.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 742
    for row in rows:
        s = parse_salary(row["Salary Estimate"])
        assert s is not None
        unit = 1 if row["hourly"] == "1" else 1000  # his $K figures; hourly rows as stated
        assert (s.min, s.max) == (float(row["min_salary"]) * unit, float(row["max_salary"]) * unit)
        assert (s.period == "hour") == (row["hourly"] == "1")


# --- find_salaries in whole documents -------------------------------------------------

JOB_AD = (
    "Senior Data Engineer (Remote)\n"
    "We are a team of 45 engineers, founded in 2012, and raised $20M in Series B funding.\n"
    "Requirements: 5+ years of experience with Python; 3-5 years with Spark.\n"
    "Compensation: $140,000 - $175,000 per year, plus a $5,000 signing bonus and equity.\n"
    "Benefits: 401(k) with 4% match, $1,500 learning budget. Call (415) 555-0134.\n"
    "Contract option: $85/hr.\n"
)


def test_gift_sizes_are_not_pay() -> None:
    # the real fragment "major gifts ($2,500+ per year)" is a donation size (issue 18)
    assert find_salaries("soliciting major gifts ($2,500+ per year)") == []


def test_find_salaries_in_a_job_ad() -> None:
    found = find_salaries(JOB_AD)
    summary = [(s.text, s.kind, s.min, s.max, s.period) for s in found]
    assert summary == [
        ("$140,000 - $175,000 per year", "base", 140000, 175000, "year"),
        ("$5,000", "signing", 5000, 5000, "year"),
        ("$1,500", "other", 1500, 1500, "year"),
        ("$85/hr", "base", 85, 85, "hour"),
    ]
    for s in found:
        assert s.start is not None and s.end is not None
        assert JOB_AD[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text",
    [
        "Must have 5+ years of experience and manage a team of 12.",
        "Call us at 555-123-4567 or +1 (212) 555-0199.",
        "Founded in 1999; 401(k) match up to 6%.",
        "Dates: 2024-01-15 to 2024-03-01.",
        "We raised $50 million in funding and have $2B in revenue.",
        "Ships in 3-5 days. Version 2.1.3.",
        "we’ve gone from 0 to $24B in coverage, 0 to 230 employees",
        "170 countries and territories valued at U.S. $52.2 trillion.",
        "TOP 10 reasons to join; ALL 250 staff get a PEN 2 gift",
    ],
    ids=["years-team", "phones", "401k", "dates", "funding", "misc", "B", "trillion", "codes"],
)
def test_find_salaries_ignores_numbers_that_are_not_pay(text: str) -> None:
    assert find_salaries(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sign-on bonus: $10,000", "signing"),
        ("$10k sign-on bonus", "signing"),
        ("Annual bonus of up to $20,000", "bonus"),
        ("$50,000 in RSUs vesting over 4 years", "equity"),
        ("Base salary: $150,000", "base"),
        ("$3,000 relocation package", "other"),
        ("Wellness Benefit - $500 per year to spend", "other"),
        ("Salary and Benefits: $65k to $75k", "base"),
    ],
    ids=[
        "signing-before",
        "signing-after",
        "bonus",
        "equity",
        "base",
        "relocation",
        "wellness",
        "salary-and-benefits",
    ],
)
def test_kinds_keep_bonuses_apart(text: str, kind: str) -> None:
    found = find_salaries(text)
    assert [s.kind for s in found] == [kind]


# Real LinkedIn description fragments (postings_sample1000.csv), lines glued as scraped.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Competitive salary: $50-55KComprehensive benefits", [(50e3, 55e3, "year")]),
        ("Starting Salary: $65k to $75kEmployment Type: Full", [(65e3, 75e3, "year")]),
        ("Stipend: $2,500+ per year", [(2500, None, "year")]),
        ("daily rate of an hourlyrate- $45-$55 hr Advance", [(45, 55, "hour")]),
        ("Pay: $18.00 - $24.00 per hour Benefits:401(k)Paid time off", [(18, 24, "hour")]),
        ("options 401k plan Open vacation policy", []),
        ("Candidates must be a rising 2L, 3L, or recent law school grad", []),
        ("lift 25-50 pounds", []),
    ],
    ids=["glued-K", "glued-k", "plus-period", "bare-hr", "401k-after", "401k", "2L-3L", "pounds"],
)
def test_linkedin_fragments(text: str, expected: list[tuple[float, float | None, str]]) -> None:
    assert [(s.min, s.max, s.period) for s in find_salaries(text)] == expected


def test_pay_word_admits_numbers_without_a_currency() -> None:
    found = find_salaries("Salary: 120,000 - 150,000 per year. Team size 8.")
    assert [(s.min, s.max, s.currency_inferred) for s in found] == [(120000, 150000, True)]


def test_linkedin_descriptions_agree_with_structured_fields() -> None:
    """Where a LinkedIn posting states a $ range in its text and in min/max_salary fields,
    find_salaries reads the same range from the text. The misses (about 1 in 6) were read
    by hand: the text states another figure than the fields ("$18-20/hour" vs 17-20)."""
    path = DATA / "linkedin-postings" / "postings_sample1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["min_salary"] and r["max_salary"]]
    checked = agreed = 0
    for row in rows:
        lo, hi = float(row["min_salary"]), float(row["max_salary"])
        found = find_salaries(row["description"])
        ranges = [s for s in found if s.min is not None and s.max is not None and s.min < s.max]
        if not ranges:
            continue
        checked += 1
        agreed += any((s.min, s.max) == (lo, hi) for s in ranges)
    assert checked >= 80
    assert agreed / checked >= 0.8


# --- robustness ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    s = parse_salary(text)
    assert s is None or isinstance(s, Salary)
    for found in find_salaries(text):
        assert found.start is not None and found.end is not None
        assert text[found.start : found.end] == found.text


_PIECES = st.sampled_from(
    ["$", "€", "£", "k", "K", "-", "–", " to ", " ", ",", ".", "'", "per hour", "/yr", "LPA",
     "USD", "kr", "0", "5", "12", "000", "+", "up to ", "bonus", "\n", "lakh", "%"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_salary_like_text_never_raises(text: str) -> None:
    for s in [parse_salary(text), *find_salaries(text)]:
        if s is None:
            continue
        assert s.min is None or s.min > 0 or (s.min == 0 and s.placeholder)
        assert s.min is None or s.max is None or s.min <= s.max


# Up to 3 million: above about $5M a year an amount is not read as a salary (see
# test_salary_classes.py's implausible amounts).
@given(st.integers(min_value=1, max_value=3_000_000))
def test_integers_round_trip_with_thousands_separators(n: int) -> None:
    for text in (f"${n:,}", f"${n}", f"€{n:,}".replace(",", "."), f"{n:,} CHF".replace(",", "'")):
        s = parse_salary(text)
        assert s is not None and s.min == n, text


ADVERSARIAL = [
    pytest.param("1," * 50_000, id="digit-comma"),
    pytest.param("$" * 100_000, id="dollars"),
    pytest.param("9" * 100_000, id="one-number"),
    pytest.param("$1-" * 33_000, id="ranges"),
    pytest.param("1 000 " * 17_000, id="space-groups"),
    pytest.param("per hour " * 11_000, id="period-words"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_input_is_linear(text: str) -> None:
    """100 KB strings parse; tokens are found in one pass (their count is at most linear)."""
    assert len(text) >= 99_000
    find_salaries(text)
    parse_salary(text)
    assert len(_tokens(text)) <= len(text)


# --- the fast path for the dominant field shape agrees with the scanner ------------------


def _both(text: str) -> tuple[Salary | None, Salary | None]:
    fast = _fast(text, "USD", None, default_fx_table())
    scanned = _scan(text, prose=False, default_currency="USD", factors=None, fx=None)
    return fast, (scanned[0] if scanned else None)


def test_fast_path_agrees_with_scanner_on_glassdoor() -> None:
    taken = 0
    for text in set(GLASSDOOR):
        fast, scanned = _both(text)
        if fast is not None:
            taken += 1
            assert scanned is not None and fast.model_dump() == scanned.model_dump(), text
    assert taken >= 490


_AMOUNT = st.one_of(
    st.integers(1, 999).map(str),
    st.integers(1000, 999_999).map(lambda n: f"{n:,}"),
    st.integers(1, 999).map(lambda n: f"{n}.{n % 100:02d}"),
)


@settings(max_examples=300, deadline=None)
@given(
    _AMOUNT, st.sampled_from(["", "k", "K"]), st.sampled_from(["-", " - ", "–", " — "]),
    st.sampled_from(["$", ""]), _AMOUNT, st.sampled_from(["", "k", "K"]),
    st.sampled_from(["", " per hour", " Per Hour", "/yr", " a year", " annually"]),
    st.sampled_from(["", " (Glassdoor est.)", "(Employer est.)"]),
    st.sampled_from(["", "Employer Provided Salary:", "Salary: "]),
)  # fmt: skip
def test_fast_path_agrees_with_scanner(
    a: str, ak: str, dash: str, sign: str, b: str, bk: str, per: str, est: str, label: str
) -> None:
    text = f"{label}${a}{ak}{dash}{sign}{b}{bk}{per}{est}"
    fast, scanned = _both(text)
    if fast is not None:
        assert scanned is not None and fast.model_dump() == scanned.model_dump(), text


def test_wrong_option_types_raise_documented_errors() -> None:
    with pytest.raises(InputError):
        parse_salary("$5", factors={"hour": 2000})  # type: ignore[arg-type]
    with pytest.raises(SalaryParseError):
        find_salaries(None)  # type: ignore[arg-type]
