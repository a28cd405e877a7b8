"""The claim-check page: an article in, its pay and skill claims beside the data out."""

from __future__ import annotations

from dataclasses import dataclass

from paypath.claims import ClaimReport, PayClaim
from paypath.errors import PaypathError
from paypath.web.api_check import run_check
from paypath.web.charts import Chart, Mark, Series
from paypath.web.models import CheckIn
from paypath.web.render import money
from paypath.web.security import TEXT_MAX_CHARS

__all__ = ["CheckPage", "check_page"]


@dataclass
class CheckPage:
    form: dict[str, str]
    report: ClaimReport | None = None
    error: str | None = None
    chart: Chart | None = None


def _claim_marks(claim: PayClaim) -> list[Mark]:
    claimed = claim.text
    marks = [
        Mark(
            "claim",
            f"Claimed: {claimed} (source: the article)",
            lo=claim.claimed_min_usd,
            hi=claim.claimed_max_usd or claim.claimed_min_usd,
            open=claim.open_ended,
        )
    ]
    off = claim.official
    if off is not None:
        marks.append(
            Mark(
                "bls",
                f"{off.label}, {off.area}: p25 {money(off.p25)}, median "
                f"{money(off.median)}, p90 {money(off.p90)}. Source: {off.source}",
                lo=off.p25,
                hi=off.p90,
                mid=off.median,
            )
        )
    mkt = claim.market
    if mkt is not None:
        marks.append(
            Mark(
                "market",
                f"Market median {money(mkt.median)} (n={mkt.n:,}). Source: {mkt.source}",
                value=mkt.median,
            )
        )
    return marks


def _chart(report: ClaimReport) -> Chart:
    chart = Chart(
        title="Claimed pay against the data (USD per year)",
        series=[
            Series("claim", "Claimed in the article", "range"),
            Series("bls", "Compared with: p25–p90 (tick: median)", "range"),
            Series("market", "Market median", "point"),
        ],
    )
    for claim in report.pay_claims[:20]:
        chart.add_row(claim.role_title, _claim_marks(claim), href=f"/roles/{claim.role_id}")
    return chart


def check_page(form: dict[str, str], text: str | None) -> CheckPage:
    page = CheckPage(form=form)
    if not text or not text.strip():
        return page
    if len(text) > TEXT_MAX_CHARS:
        page.error = f"the text is over {TEXT_MAX_CHARS:,} characters; check a shorter part"
        return page
    try:
        page.report = run_check(CheckIn(text=text, area=form.get("area") or "national"))
    except PaypathError as exc:
        page.error = exc.message
        return page
    except ValueError as exc:
        page.error = f"{exc}; check the area name"
        return page
    page.chart = _chart(page.report)
    return page
