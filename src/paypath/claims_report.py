"""A self-contained HTML report of a :class:`~paypath.claims.ClaimReport`.

One file, no scripts and no external resources: CSS is inline and each role's chart is
an inline SVG drawn here (claimed band; the distribution it is compared with, p10–p90 with
p25–p75 box and median: the pay model's base in the US, survey total comp elsewhere;
market IQR with median), so the report opens offline and can be mailed as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from paypath.claims import ClaimReport, OfficialPay, PayClaim

__all__ = ["render_html"]

WIDTH = 640
BAR_H = 18


def _short(off: OfficialPay) -> str:
    """A bar's name: "Model base", "BLS base" (an occupation), "Survey total" (abroad)."""
    source = "Model" if off.level else ("BLS" if off.kind == "base" else "Survey")
    return f"{source} {off.kind}"


@dataclass(frozen=True)
class _Bar:
    label: str
    x: float
    width: float
    y: int
    css: str
    tick: float | None
    title: str


@dataclass(frozen=True)
class _Chart:
    claim: PayClaim
    bars: tuple[_Bar, ...]
    axis: tuple[tuple[float, str], ...]
    height: int


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("paypath", "data/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _chart(claim: PayClaim) -> _Chart:
    values = [claim.claimed_min_usd, claim.claimed_max_usd]
    if claim.official:
        values += [claim.official.p10, claim.official.p90]
    if claim.market:
        values += [claim.market.p25, claim.market.p75]
    known = [v for v in values if v is not None]
    lo, hi = min(known) * 0.9, max(known) * 1.05
    left, span = 150.0, WIDTH - 170.0

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * span if hi > lo else left

    bars: list[_Bar] = []
    cmin = claim.claimed_min_usd or 0.0
    cmax = claim.claimed_max_usd or cmin
    bars.append(
        _Bar(
            "Claimed",
            x(cmin),
            max(x(cmax) - x(cmin), 2),
            10,
            "claim",
            None,
            f"claimed ${cmin:,.0f}–${cmax:,.0f}{'+' if claim.open_ended else ''}",
        )
    )
    off = claim.official
    if off and off.p25 is not None and off.p75 is not None:
        p10 = off.p10 if off.p10 is not None else off.p25
        p90 = off.p90 if off.p90 is not None else off.p75
        bars.append(
            _Bar(
                f"{_short(off)} p10–p90",
                x(p10),
                max(x(p90) - x(p10), 2),
                40,
                "bls-outer",
                None,
                f"{off.source}: p10 ${p10:,.0f}, p90 ${p90:,.0f}",
            )
        )
        bars.append(
            _Bar(
                f"{_short(off)} p25–p75",
                x(off.p25),
                max(x(off.p75) - x(off.p25), 2),
                40,
                "bls",
                x(off.median) if off.median else None,
                f"{off.source}: p25 ${off.p25:,.0f}, median "
                f"${(off.median or 0):,.0f}, p75 ${off.p75:,.0f}",
            )
        )
    mkt = claim.market
    if mkt and mkt.p25 is not None and mkt.p75 is not None:
        bars.append(
            _Bar(
                "Market IQR",
                x(mkt.p25),
                max(x(mkt.p75) - x(mkt.p25), 2),
                70,
                "market",
                x(mkt.median) if mkt.median else None,
                f"{mkt.source}: p25 ${mkt.p25:,.0f}, median ${(mkt.median or 0):,.0f}, "
                f"p75 ${mkt.p75:,.0f}, n={mkt.n}",
            )
        )
    step = 50_000 if hi - lo > 150_000 else 25_000
    ticks = [t for t in range(int(lo // step + 1) * step, int(hi), step)]
    axis = tuple((x(t), f"${t // 1000}k") for t in ticks)
    return _Chart(claim, tuple(bars), axis, 110)


QUOTE_CHARS = 160  # at most this much of the line on each side of the figure


def quote(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The line (sentence or table row) around ``text[start:end]``: (before, figure, after)."""
    lo = max(text.rfind("\n", 0, start) + 1, start - QUOTE_CHARS)
    hi_nl = text.find("\n", end)
    hi = min(hi_nl if hi_nl >= 0 else len(text), end + QUOTE_CHARS)
    return text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip()


def render_html(report: ClaimReport, *, title: str = "paypath claim check") -> str:
    """The report as one HTML document."""
    charts = [_chart(c) for c in report.pay_claims if c.claimed_min_usd is not None]
    quotes = [quote(report.text, c.start, c.end) for c in report.pay_claims]
    unchecked = [(u, quote(report.text, u.start, u.end)) for u in report.unchecked]
    return (
        _env()
        .get_template("claims_report.html.j2")
        .render(
            report=report,
            charts=charts,
            quotes=quotes,
            unchecked=unchecked,
            title=title,
            width=WIDTH,
            bar_h=BAR_H,
        )
    )
