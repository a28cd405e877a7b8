"""Claim checker: read prose about tech pay and set each claim beside the data.

``check_claims(text)`` finds, with their spans in the text it was given:

* role mentions: headings are classified with :func:`paypath.titles.classify_title`;
  sentences are searched for the catalog's role titles and multi-word title patterns;
* pay claims: every salary :func:`paypath.salary.find_salaries` finds, tied to the role
  named in the same line, else to the role of the enclosing section (the last role
  heading above it), else to the last role named earlier in the same paragraph (lines up
  to a blank one: "...become a cybersecurity architect. / ...average salary of $129,000");
* skill claims: skills listed under "Skills required"-style lines (checked against the
  role's market demand) and skills in sentences that say they raise pay (checked against
  the measured pay premium and its 95% confidence interval).

Each pay claim is compared with the pay distribution :mod:`paypath.pay_model` gives for
it (the one place that turns data into pay): in the US, for a catalog role, the model's
**base** salary distribution of the role at mid level in ``area`` (an article's "X earn
$Y" names no seniority; the model separates roles that share a SOC code); for a BLS
occupation outside the catalog, OEWS's published base percentiles
(:func:`~paypath.pay_model.occupation_pay`); elsewhere, the market rows of that country
(survey **total** comp, :func:`~paypath.pay_model.market_pay`). ``OfficialPay.kind``,
``label`` and ``source`` say which. A figure attributed to the BLS is also checked
against BLS's own published median (``bls_median``). The market column beside it is
:func:`~paypath.pay_model.market_pay` for the role.
HTML input is reduced to text first; spans then index that text (``ClaimReport.text``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from paypath.catalog import Role, get_role, load_roles
from paypath.claim_reading import (
    cites_bls,
    country_in,
    currency_country,
    non_claim_reason,
    occupation_in,
    reading_fixes,
)
from paypath.errors import InputError, InsufficientData, PaypathError
from paypath.pay_model import (
    PayDistribution,
    estimate_pay,
    market_pay,
    occupation_pay,
    official_wages,
)
from paypath.salary import Salary, find_salaries
from paypath.skills import default_extractor
from paypath.titles import classify_title
from paypath.verdict import Placement, offer_verdict, percentile_of, place

if TYPE_CHECKING:
    from paypath.market.analytics import Demand, Premium
    from paypath.market.store import Store

__all__ = [
    "MAX_TEXT_CHARS",
    "ClaimReport",
    "MarketPay",
    "OfficialPay",
    "PayClaim",
    "RoleMention",
    "SkillClaim",
    "UncheckedFigure",
    "check_claims",
    "percentile_position",
]

MAX_TEXT_CHARS = 2_000_000
PayVerdict = Literal["within", "above", "below", "no data"]
SkillVerdict = Literal["supported", "contradicted", "inconclusive", "untested"]

SHARED_SOC_CAVEAT = (
    "BLS wages are per SOC occupation; the pay model separates roles that share a SOC code "
    "by their job titles in DOL PERM filings (thin roles stay close to the SOC figure)."
)
BASE_ONLY_CAVEAT = (
    "US figures are base salary (the pay model, anchored on BLS OEWS, which counts base "
    "wages only: no bonus or equity)."
)
TOTAL_CAVEAT = (
    "Compared with survey respondents' total compensation (base + bonus + equity): a base "
    "salary claim reads lower against it."
)
MODEL_LEVEL = "mid"  # an article's "X earn $Y" names no seniority
SURVEY_CAVEAT = (
    "Market figures come from survey respondents' total compensation; some roles have "
    "few respondents, and cells below the minimum n are suppressed."
)


class RoleMention(BaseModel):
    role_id: str
    title: str
    start: int
    end: int
    text: str
    how: Literal["heading", "sentence"]
    score: float


class OfficialPay(BaseModel):
    """The distribution a claim is compared with (see the module doc for which one)."""

    area: str
    kind: Literal["base", "total"] = "base"
    label: str = "pay model"  # short name of the benchmark: "pay model, base, mid level"
    level: str | None = None  # the model's seniority, when the figure is the model's
    n: int = 0
    method: str = ""
    bls_median: float | None = None  # BLS OEWS's published median, for citation checks
    soc_codes: list[str]
    weights: dict[str, float]
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    shared_with: list[str]
    notes: list[str]
    source: str


class MarketPay(BaseModel):
    n: int
    p25: float | None
    median: float | None
    p75: float | None
    source: str


class PayClaim(BaseModel):
    role_id: str
    role_title: str
    start: int
    end: int
    text: str
    claimed_min_usd: float | None
    claimed_max_usd: float | None
    open_ended: bool
    currency: str
    period: str
    official: OfficialPay | None
    market: MarketPay | None
    min_percentile: str | None
    max_percentile: str | None
    verdict: PayVerdict
    detail: str
    caveats: list[str]
    band: str | None = None  # paypath.verdict band of the claim's midpoint
    percentile: float | None = None
    median: float | None = None  # the matching BLS median
    diff_pct: float | None = None  # claim midpoint vs that median, percent
    soc_code: str | None = None  # set when the role is a BLS occupation outside the catalog
    citation: str | None = None  # for a figure attributed to the BLS: does it match a release?
    place: str = "US"  # "US" (BLS, ``area``) or the ISO code of the country it is compared in


class UncheckedFigure(BaseModel):
    start: int
    end: int
    text: str
    reason: str


class SkillClaim(BaseModel):
    skill_id: str
    name: str
    kind: Literal["required", "raises pay"]
    role_id: str | None
    start: int
    end: int
    text: str
    premium: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None
    demand_share: float | None = None
    verdict: SkillVerdict
    detail: str
    source: str | None = None


class ClaimReport(BaseModel):
    text: str
    area: str
    roles: list[RoleMention]
    pay_claims: list[PayClaim]
    skill_claims: list[SkillClaim]
    caveats: list[str]
    sources: list[str]
    unchecked: list[UncheckedFigure] = []
    empty_reason: str | None = None  # why no pay claim was checked, when none was


# --------------------------------------------------------------------------- text


class _TextOnly(HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_HTML_HINT = re.compile(r"<(html|body|p|div|h[1-6]|li|table|br)\b", re.IGNORECASE)


def _plain_text(text: str) -> str:
    if not _HTML_HINT.search(text):
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[_Line]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield _Line(pos, pos + len(body), body)
        pos += len(raw)


_NUMBERING = re.compile(r"^\s*(?:#{1,6}\s*|\d{1,2}[.)]\s+|[*_]{1,2})*")
_TRAILING = re.compile(r"[*_:#\s]+$")


def _heading_text(line: str) -> str | None:
    """The heading's words if ``line`` looks like a heading, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or stripped.endswith((".", "?", "!", ",", ";")):
        return None
    if "$" in stripped or "|" in stripped or stripped.startswith(("-", "•", "*  ")):
        return None
    words = _TRAILING.sub("", _NUMBERING.sub("", stripped))
    return words if 0 < len(words.split()) <= 8 else None


# ----------------------------------------------------------------- role mentions


@cache
def _role_pattern() -> re.Pattern[str]:
    """Role titles and multi-word title patterns, longest first, with plurals."""
    phrases: dict[str, str] = {}
    for role in load_roles():
        for phrase in (role.title, *role.title_patterns):
            key = phrase.lower().strip()
            if len(key.split()) >= 2 and key not in phrases:
                phrases[key] = role.id
    ordered = sorted(phrases, key=len, reverse=True)
    _PHRASE_ROLES.update(phrases)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?:s|es)?(?![\w-])", re.IGNORECASE)


_PHRASE_ROLES: dict[str, str] = {}
_SRE = re.compile(r"\bSREs?\b")


def _sentence_roles(line: _Line) -> Iterator[RoleMention]:
    pattern = _role_pattern()
    for m in pattern.finditer(line.text):
        key = re.sub(r"[\s-]+", " ", m.group(0).lower())
        role_id = _PHRASE_ROLES.get(key) or _PHRASE_ROLES.get(key.removesuffix("s"))
        role_id = role_id or _PHRASE_ROLES.get(key.removesuffix("es"))
        if role_id is None:
            continue
        yield _mention(
            role_id, line.start + m.start(), line.start + m.end(), m.group(0), "sentence", 1.0
        )
    for m in _SRE.finditer(line.text):
        yield _mention(
            "site-reliability-engineer",
            line.start + m.start(),
            line.start + m.end(),
            m.group(0),
            "sentence",
            0.9,
        )


def _mention(role_id: str, start: int, end: int, text: str, how: str, score: float) -> RoleMention:
    return RoleMention(
        role_id=role_id,
        title=get_role(role_id).title,
        start=start,
        end=end,
        text=text,
        how="heading" if how == "heading" else "sentence",
        score=round(score, 3),
    )


def _heading_role(line: _Line) -> RoleMention | None:
    words = _heading_text(line.text)
    if words is None:
        return None
    match = classify_title(words)
    if match.role == "other" or match.score < 0.5:
        return None
    offset = line.text.find(words)
    start = line.start + max(offset, 0)
    return _mention(match.role, start, start + len(words), words, "heading", match.score)


# ------------------------------------------------------------------ comparisons


def percentile_position(value: float, official: object) -> str | None:
    """Where ``value`` sits in the official distribution, "p37", by :mod:`paypath.verdict`."""
    pct, _note = percentile_of(official, value)
    if pct is None:
        return None
    return f"p{pct:.0f}" if 1 <= pct <= 99 else f"p{pct:.1f}"  # tails: p0.5, p99.5


def _official_pay(dist: PayDistribution, **fields: Any) -> OfficialPay:
    """An :class:`OfficialPay` with ``dist``'s p10..p90, kind, n and method."""
    pcts = {k: getattr(dist, k) for k in ("p10", "p25", "median", "p75", "p90")}
    return OfficialPay(**pcts, kind=dist.kind, n=dist.n, method=dist.method, **fields)


def _pay_distribution(
    role_or_soc: str, area: str, country: str = "US", store: Store | None = None
) -> OfficialPay | None:
    """THE pay lookup for claims: (catalog role id or "soc:XX-XXXX", area, country) -> the
    distribution to compare with, annual USD, all from :mod:`paypath.pay_model` (see the
    module doc)."""
    if country != "US":
        return _country_distribution(role_or_soc, country, store)
    if role_or_soc.startswith("soc:"):
        soc = role_or_soc[4:]
        occ = occupation_pay(soc, area)
        if occ is None:
            return None
        return _official_pay(
            occ,
            area=official_wages(soc, area).area,
            label="BLS OEWS, base, all levels",
            bls_median=occ.median,
            soc_codes=[soc],
            weights={soc: 1.0},
            shared_with=[],
            notes=[],
            source=occ.source,
        )
    est = estimate_pay(role_or_soc, area, level=MODEL_LEVEL)
    if est.base is None:
        return None
    try:
        bls = official_wages(role_or_soc, area)
    except InsufficientData:
        bls = None
    return _official_pay(
        est.base,
        area=est.area,
        label=f"pay model, base, {est.level} level",
        level=est.level,
        bls_median=bls.median if bls is not None else None,
        soc_codes=list(get_role(role_or_soc).soc_codes),
        weights=dict(getattr(bls, "weights", {})),
        shared_with=list(getattr(bls, "shared_with", [])),
        notes=list(est.notes),
        source=est.base.source,
    )


def _country_distribution(
    role_or_soc: str, country: str, store: Store | None
) -> OfficialPay | None:
    if store is None or role_or_soc.startswith("soc:"):
        return None
    dist = market_pay(store, role_or_soc, country)
    if dist is None:
        return None
    return _official_pay(
        dist,
        area=country,
        label=f"market survey {country}, total comp",
        soc_codes=[],
        weights={},
        shared_with=[],
        notes=[f"market survey respondents in {country} (n={dist.n}), converted to USD"],
        source=dist.source,
    )


def _market(store: Store | None, role_id: str, country: str | None) -> MarketPay | None:
    if store is None:
        return None
    dist = market_pay(store, role_id, country)
    if dist is None:
        return None
    return MarketPay(n=dist.n, p25=dist.p25, median=dist.median, p75=dist.p75, source=dist.source)


def _verdict(
    lo: float | None, hi: float | None, official: OfficialPay | None
) -> tuple[PayVerdict, str, Placement | None]:
    """Place the claim's midpoint with :func:`paypath.verdict.place` (the one rule)."""
    lo = lo if lo is not None else hi  # "up to $X": the claim is about its top
    if official is None or official.median is None or lo is None:
        return "no data", "no figures for this role and place", None
    top = hi if hi is not None else lo
    mid = (lo + top) / 2
    at = place(mid, official)
    words = offer_verdict(at.band)
    if words is None:
        return "no data", "no percentiles for this role and area", None
    pct = f"p{at.percentile:.0f}" if at.percentile is not None else "?"
    diff = f"{at.diff_pct:+.0f}%" if at.diff_pct is not None else "?"
    detail = (
        f"claimed midpoint ${mid:,.0f} sits at {pct} ({at.band}) of {official.label} in "
        f"{official.area}; median ${official.median:,.0f}, difference {diff}"
    )
    return words, detail, at


def _pay_claim(
    salary: Salary,
    role: Role | tuple[str, str],
    official: OfficialPay | None,
    market: MarketPay | None,
    *,
    plus_after: bool = False,
) -> PayClaim:
    lo, hi = salary.annual_min_usd, salary.annual_max_usd
    open_ended = hi is None or lo is None or "+" in salary.text or plus_after
    verdict, detail, at = _verdict(lo, hi, official)
    if isinstance(role, Role):
        role_id, role_title, soc = role.id, role.title, None
    else:
        role_id, role_title, soc = f"soc:{role[0]}", role[1], role[0]
    caveats = [BASE_ONLY_CAVEAT if official is None or official.kind == "base" else TOTAL_CAVEAT]
    if official and official.shared_with:
        others = ", ".join(official.shared_with)
        caveats.append(f"{SHARED_SOC_CAVEAT} Same SOC codes as: {others}.")
    if market is None:
        caveats.append("No market figure: too few survey respondents for this role.")
    else:
        caveats.append(SURVEY_CAVEAT)
    return PayClaim(
        role_id=role_id,
        role_title=role_title,
        soc_code=soc,
        start=salary.start or 0,
        end=salary.end or 0,
        text=salary.text,
        claimed_min_usd=lo,
        claimed_max_usd=hi,
        open_ended=open_ended,
        currency=salary.currency,
        period=salary.period,
        official=official,
        market=market,
        min_percentile=percentile_position(lo, official) if lo and official else None,
        max_percentile=percentile_position(hi, official) if hi and official else None,
        verdict=verdict,
        detail=detail,
        caveats=caveats,
        band=at.band if at else None,
        percentile=at.percentile if at else None,
        median=at.median if at else None,
        diff_pct=at.diff_pct if at else None,
    )


# ---------------------------------------------------------------- skill claims

_REQUIRED_CUE = re.compile(
    r"\b(skills?\s+(required|needed|you need)|requirements?|what you need|must[- ]have|"
    r"key skills|qualifications)\b",
    re.IGNORECASE,
)
_PAY_CUE = re.compile(
    r"\b((increase|raise|boost|lift)[sd]?\s+(your\s+|the\s+)?(pay|salar\w*|compensation|earnings)|"
    r"(salar\w*|pay|compensation)\s+(increase|boost|premium)s?|pay\s+more|earn\s+more|"
    r"higher\s+(pay|salar\w*)|multipliers?|(command|carr(y|ies))\s+(a\s+)?premium)",
    re.IGNORECASE,
)
DEMAND_FLOOR = 0.05  # a "required" skill listed by fewer records than this is not borne out
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


@dataclass
class _Section:
    role_id: str | None = None
    mode: Literal["none", "required", "raises pay"] = "none"


def _skill_evidence(claims: list[SkillClaim], store: Store | None) -> list[SkillClaim]:
    if store is None:
        return [c.model_copy(update={"detail": "no market data loaded"}) for c in claims]
    from paypath.market.analytics import skill_demand, skill_premiums

    premiums: dict[str, Premium] | None = None
    demand: dict[str, dict[str, Demand]] = {}
    checked = []
    for claim in claims:
        if claim.kind == "raises pay":
            if premiums is None:
                premiums = {p.skill: p for p in skill_premiums(store)}
            checked.append(_with_premium(claim, premiums))
        elif claim.role_id is not None:
            if claim.role_id not in demand:
                rows = skill_demand(store, claim.role_id, top=1000)
                demand[claim.role_id] = {d.skill: d for d in rows}
            checked.append(_with_demand(claim, demand[claim.role_id]))
        else:
            checked.append(claim)
    return checked


def _with_premium(claim: SkillClaim, premiums: dict[str, Premium]) -> SkillClaim:
    key = claim.skill_id
    if key == "ai-fluency" and key not in premiums:
        key = "ai-use"
    premium = premiums.get(key)
    if premium is None:
        return claim.model_copy(
            update={"detail": "the market data has too little support to measure this premium"}
        )
    verdict: SkillVerdict = (
        "supported"
        if premium.ci_low > 0
        else "contradicted"
        if premium.ci_high < 0
        else "inconclusive"
    )
    detail = (
        f"measured premium {premium.premium:+.1%} (95% CI {premium.ci_low:+.1%} to "
        f"{premium.ci_high:+.1%}, n={premium.n})"
    )
    return claim.model_copy(
        update={
            "premium": premium.premium,
            "ci_low": premium.ci_low,
            "ci_high": premium.ci_high,
            "n": premium.n,
            "verdict": verdict,
            "detail": detail,
            "source": premium.source,
        }
    )


def _with_demand(claim: SkillClaim, demand: dict[str, Demand]) -> SkillClaim:
    found = demand.get(claim.skill_id)
    if found is None:
        return claim.model_copy(
            update={"detail": f"not among the skills seen for {claim.role_id} in the market data"}
        )
    return claim.model_copy(
        update={
            "demand_share": found.share,
            "n": found.n,
            "verdict": "supported" if found.share >= DEMAND_FLOOR else "inconclusive",
            "detail": f"{found.share:.0%} of {claim.role_id} records list it (n={found.n})",
            "source": found.source,
        }
    )


def _line_skills(line: _Line, section: _Section) -> list[SkillClaim]:
    kind: Literal["required", "raises pay"] | None = None
    if _PAY_CUE.search(line.text):
        kind = "raises pay"
    elif section.mode != "none" and (_LIST_ITEM.match(line.text) or section.mode == "required"):
        kind = section.mode
    if kind is None:
        return []
    claims = []
    for m in default_extractor().extract(line.text):
        claims.append(
            SkillClaim(
                skill_id=m.id,
                name=m.name,
                kind=kind,
                role_id=section.role_id if kind == "required" else None,
                start=line.start + m.start,
                end=line.start + m.end,
                text=line.text.strip(),
                verdict="untested",
                detail="",
            )
        )
    return claims


# -------------------------------------------------------------------- the check


def check_claims(
    text: str,
    *,
    area: str = "national",
    store: Store | None = None,
    market_country: str | None = "US",
) -> ClaimReport:
    """Find the role, pay and skill claims in ``text`` and set each beside the data.

    ``store`` is the market data (default: the bundled survey dataset);
    ``market_country`` restricts it to one country (default US, like BLS).
    """
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters; the claim checker reads at most "
            f"{MAX_TEXT_CHARS:,}: split the document"
        )
    plain = _plain_text(text)
    if store is None:
        store = _default_store()
    mentions: list[RoleMention] = []
    pay_claims: list[PayClaim] = []
    skill_claims: list[SkillClaim] = []
    section = _Section()
    official_cache: dict[str, OfficialPay | None] = {}
    market_cache: dict[str, MarketPay | None] = {}
    unchecked: list[UncheckedFigure] = []
    place: str | None = None  # the last non-US country the article named
    paragraph: str | None = None  # the last role named in this paragraph's earlier lines
    for line in _lines(plain):
        if not line.text.strip():
            paragraph = None
        line_country = country_in(line.text)  # once per line, not per figure (linear)
        line_bls = cites_bls(line.text)
        place = line_country or place
        heading = _heading_role(line)
        if heading is not None:
            mentions.append(heading)
            section = _Section(role_id=heading.role_id)
            paragraph = None
            continue
        in_line = sorted(_sentence_roles(line), key=lambda m: m.start)
        mentions += in_line
        if _REQUIRED_CUE.search(line.text) and not _LIST_ITEM.match(line.text):
            section.mode = "required"
        elif _PAY_CUE.search(line.text) and not _LIST_ITEM.match(line.text):
            section.mode = "raises pay"
        elif (
            section.mode != "none"
            and line.text.strip()
            and not _LIST_ITEM.match(line.text)
            and not line.text.rstrip().endswith(":")  # a line that introduces the list
        ):
            section.mode = "none"
        skill_claims += _line_skills(line, section)
        fixed, plus_at = reading_fixes(line.text)
        occupation: tuple[str, str] | bool | None = False  # looked up once, on demand
        starts = [m.start - line.start for m in in_line]  # in_line is sorted by start
        figures = find_salaries(fixed)
        for salary in figures:
            if salary.kind != "base" or (
                salary.annual_min_usd is None and salary.annual_max_usd is None
            ):
                continue
            s0, s1 = salary.start or 0, salary.end or 0
            moved_plus = any(s0 <= p < s1 for p in plus_at)
            if non_claim_reason(fixed, s0, s1, salary.text) is not None:
                continue
            near = _nearest(in_line, starts, line, s0, s1)
            role_id = near.role_id if near else None
            who: Role | tuple[str, str] | None = get_role(role_id) if role_id else None
            if who is None:
                if occupation is False:
                    occupation = occupation_in(line.text)
                if isinstance(occupation, tuple):
                    who, role_id = occupation, f"soc:{occupation[0]}"
            if who is None and section.role_id is not None:
                role_id = section.role_id
                who = get_role(role_id)
            if who is None and paragraph is not None:  # "...for this role hovers around $X"
                role_id = paragraph
                who = get_role(role_id)
            if who is None or role_id is None:
                unchecked.append(
                    UncheckedFigure(
                        start=line.start + s0,
                        end=line.start + s1,
                        text=salary.text,
                        reason="role not recognised",
                    )
                )
                continue
            country = (
                line_country
                or currency_country(salary.currency)
                or (place if salary.currency != "USD" else None)
                or "US"
            )
            key = f"{role_id}@{country}"
            if key not in official_cache:
                official_cache[key] = _pay_distribution(role_id, area, country, store)
                market_cache[key] = (
                    None
                    if role_id.startswith("soc:")
                    else _safe_market(
                        store, role_id, country if country != "US" else market_country
                    )
                )
            shifted = salary.model_copy(  # the article's own spelling, not the fixed one
                update={
                    "start": line.start + s0,
                    "end": line.start + s1 + moved_plus,
                    "text": line.text[s0 : s1 + moved_plus],
                }
            )
            plus_after = fixed[s1 : s1 + 1] == "+" or moved_plus
            claim = _pay_claim(
                shifted, who, official_cache[key], market_cache[key], plus_after=plus_after
            ).model_copy(update={"place": country})
            if line_bls:
                claim = claim.model_copy(update={"citation": _citation(claim)})
            pay_claims.append(claim)
        if in_line and not figures:  # prose naming the topic, not a row with its own pay
            paragraph = in_line[-1].role_id
    skill_claims = _skill_evidence(skill_claims, store)
    sources = sorted(
        {c.official.source for c in pay_claims if c.official}
        | {c.market.source for c in pay_claims if c.market}
        | {c.source for c in skill_claims if c.source}
    )
    return ClaimReport(
        text=plain,
        area=area,
        roles=mentions,
        pay_claims=pay_claims,
        skill_claims=skill_claims,
        caveats=[BASE_ONLY_CAVEAT, SHARED_SOC_CAVEAT, SURVEY_CAVEAT],
        sources=sources,
        unchecked=unchecked,
        empty_reason=_empty_reason(pay_claims, unchecked),
    )


CITATION_TOLERANCE = 0.005  # a cited figure within 0.5% of a published one is that figure


def _citation(claim: PayClaim) -> str:
    """Say whether a BLS-attributed figure is the current release's median for the role.

    Only the bundled release is known offline; a figure that does not match it is said to
    be from another release (or another statistic), with the current figure beside it.
    """
    off, value = claim.official, claim.claimed_min_usd
    bls = off.bls_median if off is not None else None
    if bls is None or value is None:
        return "cited as BLS; no BLS figure for this role to compare"
    release = "BLS OEWS May 2025"
    if abs(value / bls - 1) <= CITATION_TOLERANCE:
        return f"matches the current release ({release}) median ${bls:,.0f}"
    return (
        f"does not match the current release ({release}) median ${bls:,.0f}; "
        "likely an earlier release or another statistic (earlier releases are not bundled)"
    )


def _empty_reason(pay: list[PayClaim], unchecked: list[UncheckedFigure]) -> str | None:
    if pay:
        return None
    return "figures found but no role" if unchecked else "no pay figure found"


_CLAUSE_BREAK = re.compile(r"[.;!?,](\s|$)|\|")


NEAR_CHARS = 400  # a role mention farther than this from a figure does not name it


def _nearest(
    mentions: list[RoleMention], starts: list[int], line: _Line, s0: int, s1: int
) -> RoleMention | None:
    """The role mention nearest the figure in its line: one in the same sentence or table
    cell run before any other, then the closest, one before the figure winning a tie.

    Only mentions within ``NEAR_CHARS`` are weighed (bisect on ``starts``, their sorted
    line offsets, computed once per line), so a long line with many figures and roles
    stays linear.
    """
    lo = bisect.bisect_left(starts, s0 - NEAR_CHARS)
    hi = bisect.bisect_right(starts, s1 + NEAR_CHARS)
    table_row = line.text.lstrip().startswith("|")

    def gap(m: RoleMention) -> tuple[bool, int]:
        a, b = m.start - line.start, m.end - line.start
        between = line.text[b:s0] if b <= s0 else line.text[s1:a]
        other_clause = not table_row and _CLAUSE_BREAK.search(between) is not None
        return other_clause, (s0 - b if b <= s0 else a - s1 + 1)

    return min(mentions[lo:hi], key=gap, default=None)


def _safe_market(store: Store | None, role_id: str, country: str | None) -> MarketPay | None:
    try:
        return _market(store, role_id, country)
    except InsufficientData:
        return None


def _default_store() -> Store | None:
    try:
        from paypath.market.store import bundled_store

        return bundled_store()
    except PaypathError:
        return None
