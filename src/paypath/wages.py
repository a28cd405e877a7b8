"""Official wage benchmarks: BLS OEWS May 2025 by occupation (SOC) and area, offline.

The extract under ``data/oews/`` is built by ``scripts/build_oews.py`` from BLS's published
release (see ``data/oews/meta.json`` for source files and checksums). It is a gzipped CSV
read once per process into a dict keyed by (area code, SOC); lookups afterwards are dict
reads, so :func:`role_wages` for every catalog role takes well under a millisecond each.

Values are BLS's own figures. Where BLS publishes none (footnote 4: only hourly or only
annual wages; footnote 8: estimate not released) the value is ``None``. Where BLS top-codes
a wage (footnote 5: ">= $115.00 per hour or $239,200 per year") the value is that bound and
its key is listed in ``top_coded``: a lower bound, never an estimate.

Combined role wages: a role maps to one or more SOC codes. :func:`role_wages` weights each
code by its OEWS employment in the area and reports the weights. The combined mean is exact
(an employment-weighted mean of means); the combined percentiles are an employment-weighted
average of the codes' percentiles, an approximation of the pooled distribution's percentiles
(OEWS does not publish microdata to pool). Every result says so in ``notes``.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from paypath.areas import Area, list_areas, resolve_area, resolve_area_detail
from paypath.catalog import get_role, load_roles
from paypath.errors import DataError, UnknownRole, UnknownSOC
from paypath.pay_model import PayDistribution
from paypath.resources import data_path

__all__ = [
    "KEYS",
    "Area",
    "BandComparison",
    "RoleWages",
    "WagePercentiles",
    "band_verdict",
    "compare_bands",
    "list_areas",
    "lookup",
    "percentiles",
    "release_info",
    "resolve_area",
    "role_wages",
    "wages_by_state",
]

KEYS = ("p10", "p25", "median", "p75", "p90")
#: Columns of ``data/oews/wages.csv.gz`` after area_code and soc (see scripts/build_oews.py).
_FIELDS = (
    "employment", "rse_employment", "h_mean", "a_mean", "rse_wage",
    "h_p10", "h_p25", "h_median", "h_p75", "h_p90", "a_p10", "a_p25", "a_median", "a_p75", "a_p90",
)  # fmt: skip
_SOC_RE = re.compile(r"^\s*(\d{2})-?(\d{4})\s*$")
_TOP_CODE_FOOTNOTE = "5"
_NOT_PUBLISHED = {"4", "8"}
_AREA_NOTE = "no OEWS estimate is published for this occupation in this area"
COMBINED_NOTE = (
    "Combined percentiles are the employment-weighted average of each SOC code's published "
    "percentiles: an approximation, not the percentile of the pooled distribution. "
    "The combined mean is exact."
)


class WagePercentiles(BaseModel):
    """BLS OEWS wages for one occupation in one area (annual USD; ``hourly`` in USD/hour)."""

    model_config = ConfigDict(frozen=True)

    soc: str
    soc_title: str
    area: str
    area_code: str
    area_type: str
    employment: int | None
    mean: float | None
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    hourly: dict[str, float | None] = Field(default_factory=dict)  # mean, p10 .. p90
    top_coded: list[str] = Field(default_factory=list)  # keys whose value is a lower bound
    rse_employment: float | None = None  # percent
    rse_mean: float | None = None  # percent
    footnotes: list[str] = Field(default_factory=list)
    source: str = "BLS OEWS May 2025"


class RoleWages(BaseModel):
    """BLS OEWS wages for a catalog role: its SOC codes combined by employment weight."""

    model_config = ConfigDict(frozen=True)

    role_id: str
    soc: str = ""  # the role's SOC codes, comma-separated ("15-1241, 15-1299")
    area: str
    area_code: str = ""
    area_type: str = ""
    weights: dict[str, float]  # SOC -> employment share
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    mean: float | None
    employment: int | None
    top_coded: list[str] = Field(default_factory=list)
    by_soc: list[WagePercentiles]
    shared_with: list[str]  # other roles on the same SOC codes
    notes: list[str]
    source: str


# --------------------------------------------------------------------------- loading


class _Extract:
    def __init__(self) -> None:
        meta = json.loads(data_path("oews/meta.json").read_text("utf-8"))
        self.meta: dict[str, Any] = meta
        self.source = f"BLS OEWS {meta.get('release') or 'May 2025'}"
        self.rows: dict[tuple[str, str], dict[str, str]] = {}
        with gzip.open(data_path("oews/wages.csv.gz"), "rt", encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                self.rows[(r["area_code"], r["soc"])] = r
        with data_path("oews/occupations.csv").open(encoding="utf-8", newline="") as fh:
            self.titles = {r["soc"]: r["title"] for r in csv.DictReader(fh)}
        with data_path("oews/footnotes.csv").open(encoding="utf-8", newline="") as fh:
            self.footnotes = {r["code"]: r["text"] for r in csv.DictReader(fh)}
        self.area_socs: set[str] = set(meta.get("area_socs", []))
        top = self.footnotes.get(_TOP_CODE_FOOTNOTE, "")
        m = re.search(r"\$([\d,.]+) per hour or \$([\d,.]+) per year", top)
        if not m:
            raise DataError("OEWS extract: top-code footnote 5 is missing or unreadable")
        self.top_hourly = float(m.group(1).replace(",", ""))
        self.top_annual = float(m.group(2).replace(",", ""))


@cache
def _extract() -> _Extract:
    return _Extract()


def release_info() -> dict[str, Any]:
    """The extract's metadata: release, source files and checksums, row counts."""
    return dict(_extract().meta)


def _soc_key(soc: str) -> str:
    m = _SOC_RE.match(soc)
    if not m:
        raise UnknownSOC(f"{soc!r} is not a SOC code (expected e.g. 15-1252)")
    return m.group(1) + m.group(2)


def _dash(soc: str) -> str:
    return f"{soc[:2]}-{soc[2:]}"


def _notes_of(row: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in filter(None, row.get("footnotes", "").split(";")):
        field, _, code = part.partition(":")
        out[field] = code
    return out


def _num(row: dict[str, str], field: str, notes: dict[str, str], ex: _Extract) -> float | None:
    raw = row[field]
    if raw not in ("-", "", "*", "#"):
        try:
            return float(raw)
        except ValueError:
            return None
    if notes.get(field) == _TOP_CODE_FOOTNOTE:
        return ex.top_hourly if field.startswith("h_") else ex.top_annual
    return None


def _wage_row(row: dict[str, str], soc: str, area: Area, ex: _Extract) -> WagePercentiles:
    notes = _notes_of(row)
    annual = {k: _num(row, f"a_{k}", notes, ex) for k in ("mean", *KEYS)}
    hourly = {k: _num(row, f"h_{k}", notes, ex) for k in ("mean", *KEYS)}
    top = [k for k in ("mean", *KEYS) if notes.get(f"a_{k}") == _TOP_CODE_FOOTNOTE]
    top += [f"hourly.{k}" for k in ("mean", *KEYS) if notes.get(f"h_{k}") == _TOP_CODE_FOOTNOTE]
    emp = _num(row, "employment", notes, ex)
    codes = sorted(set(notes.values()))
    return WagePercentiles(
        soc=_dash(soc),
        soc_title=ex.titles.get(soc, ""),
        area=area.name,
        area_code=area.code,
        area_type=area.type,
        employment=int(emp) if emp is not None else None,
        mean=annual["mean"],
        p10=annual["p10"],
        p25=annual["p25"],
        median=annual["median"],
        p75=annual["p75"],
        p90=annual["p90"],
        hourly=hourly,
        top_coded=top,
        rse_employment=_num(row, "rse_employment", notes, ex),
        rse_mean=_num(row, "rse_wage", notes, ex),
        footnotes=[ex.footnotes.get(c, f"BLS footnote {c}") for c in codes],
        source=ex.source,
    )


# --------------------------------------------------------------------------- public API


def percentiles(soc: str, area: str = "national") -> WagePercentiles:
    """BLS OEWS wages for one SOC code ("15-1252") in one area (a name people type).

    Raises :class:`UnknownSOC` for a code OEWS does not publish (or, outside the national
    table, one the extract does not carry) and :class:`UnknownArea` for an unknown area.
    A known code with no estimate in the area gives all-``None`` values and a footnote.
    """
    return _percentiles(_soc_key(soc), resolve_area(area))


def _percentiles(soc: str, where: Area) -> WagePercentiles:
    ex = _extract()
    if soc not in ex.titles:
        raise UnknownSOC(f"SOC {_dash(soc)} is not in BLS OEWS {ex.meta.get('release', '')}")
    row = ex.rows.get((where.code, soc))
    if row is not None:
        return _wage_row(row, soc, where, ex)
    if where.type != "national" and soc not in ex.area_socs:
        raise UnknownSOC(
            f"SOC {_dash(soc)} is shipped for the national estimate only; area wages are "
            "shipped for SOC 15-xxxx, 11-3021, 11-9041 and the catalog's codes"
        )
    return WagePercentiles(
        soc=_dash(soc),
        soc_title=ex.titles.get(soc, ""),
        area=where.name,
        area_code=where.code,
        area_type=where.type,
        employment=None,
        mean=None,
        p10=None,
        p25=None,
        median=None,
        p75=None,
        p90=None,
        hourly={k: None for k in ("mean", *KEYS)},
        footnotes=[_AREA_NOTE],
        source=ex.source,
    )


@cache
def _shared() -> dict[str, list[str]]:
    by_soc: dict[str, list[str]] = {}
    for r in load_roles():
        for soc in r.soc_codes:
            by_soc.setdefault(soc, []).append(r.id)
    return by_soc


def role_wages(role_id: str, area: str = "national") -> RoleWages:
    """BLS OEWS wages for a catalog role in an area, employment-weighted over its SOC codes."""
    where, alts = resolve_area_detail(area)
    return _role_wages(role_id, where, tuple(a.name for a in alts))


@cache
def _role_wages(role_id: str, where: Area, alternatives: tuple[str, ...] = ()) -> RoleWages:
    role = get_role(role_id)
    ex = _extract()
    by_soc = [_percentiles(_soc_key(s), where) for s in role.soc_codes]
    notes: list[str] = []
    emp = {w.soc: w.employment for w in by_soc if w.employment}
    total = sum(emp.values())
    if total:
        weights = {w.soc: round((w.employment or 0) / total, 4) for w in by_soc}
    else:
        weights = {w.soc: round(1 / len(by_soc), 4) for w in by_soc}
        if len(by_soc) > 1:
            notes.append("No employment estimates in this area: SOC codes weighted equally.")
    raw_w = {w.soc: ((w.employment or 0) / total if total else 1 / len(by_soc)) for w in by_soc}

    def combine(key: str) -> float | None:
        pairs: list[tuple[float, float]] = [
            (raw_w[w.soc], v) for w in by_soc if (v := getattr(w, key)) is not None and raw_w[w.soc]
        ]
        wsum = sum(p for p, _ in pairs)
        if not pairs or wsum <= 0:
            return None
        return round(sum(p * v for p, v in pairs) / wsum, 0)

    combined = {k: combine(k) for k in ("mean", *KEYS)}
    top = sorted({k for w in by_soc for k in w.top_coded if not k.startswith("hourly.")})
    if len(by_soc) > 1:
        parts = ", ".join(f"{s} {weights[s]:.0%}" for s in weights)
        notes.append(f"Weights by OEWS employment in {where.name}: {parts}.")
        notes.append(COMBINED_NOTE)
    if top:
        notes.append(
            f"BLS top-codes {', '.join(top)} for at least one SOC code: the true value is at or "
            f"above ${ex.top_annual:,.0f} and the figure shown is a lower bound."
        )
    missing = [w.soc for w in by_soc if w.median is None]
    if missing:
        notes.append(f"No published median for {', '.join(missing)} in {where.name}.")
    shared = sorted({r for s in role.soc_codes for r in _shared().get(s, []) if r != role.id})
    if shared:
        codes = ", ".join(role.soc_codes)
        notes.append(
            f"Official wages cannot tell {role.id} apart from {', '.join(shared)}: "
            f"they share SOC {codes}, so these figures are the occupation's, not the role's."
        )
    if alternatives:
        notes.append(
            f"{where.name!r} was read as the {where.type}; also matches: "
            f"{'; '.join(alternatives)} (name it exactly to use it)."
        )
    return RoleWages(
        role_id=role.id,
        soc=", ".join(role.soc_codes),
        area=where.name,
        area_code=where.code,
        area_type=where.type,
        weights=weights,
        p10=combined["p10"],
        p25=combined["p25"],
        median=combined["median"],
        p75=combined["p75"],
        p90=combined["p90"],
        mean=combined["mean"],
        employment=total or None,
        top_coded=top,
        by_soc=by_soc,
        shared_with=shared,
        notes=notes,
        source=ex.source,
    )


def wages_by_state(soc_or_role: str) -> list[RoleWages] | list[WagePercentiles]:
    """Wages in every state (and DC, PR, ...) for a role id or a SOC code, in BLS area order."""
    states = list_areas("state")
    if _SOC_RE.match(soc_or_role):
        soc = _soc_key(soc_or_role)
        return [_percentiles(soc, a) for a in states]
    try:
        get_role(soc_or_role)
    except UnknownRole:
        raise UnknownRole(
            f"{soc_or_role!r} is neither a catalog role nor a SOC code (e.g. 15-1252)"
        ) from None
    return [_role_wages(soc_or_role, a) for a in states]


def lookup(role_or_soc: str, area: str = "national") -> RoleWages | WagePercentiles:
    """Wages for a catalog role id (combined over its SOC codes) or one SOC code."""
    if _SOC_RE.match(role_or_soc):
        return percentiles(role_or_soc, area)
    try:
        get_role(role_or_soc)
    except UnknownRole:
        raise UnknownRole(
            f"{role_or_soc!r} is neither a catalog role nor a SOC code; give a role id "
            "such as 'data-scientist' or a SOC code such as 15-1252"
        ) from None
    return role_wages(role_or_soc, area)


class BandComparison(BaseModel):
    """A seed role's article pay band beside BLS OEWS wages for its SOC codes."""

    model_config = ConfigDict(frozen=True)

    role_id: str
    title: str
    soc: str
    article_min: int
    article_max: int | None
    article_open_ended: bool
    article_source: str
    national: RoleWages
    area: RoleWages | None
    verdict_national: str
    verdict_area: str | None
    notes: list[str]
    #: the pay model's mid-level base salary for the role (not the SOC): paypath.pay_model
    model_national: PayDistribution | None = None
    model_area: PayDistribution | None = None


def band_verdict(
    low: float, high: float | None, dist: RoleWages | PayDistribution, source: str = "BLS"
) -> str:
    """Where an article band's midpoint sits in ``dist`` by the one rule
    (:func:`paypath.verdict.place`, the same bands ``paypath check`` shows):
    "article typical (BLS p52)", or "(model p52)" with ``source="model"``."""
    from paypath.verdict import place

    mid = (low + high) / 2 if high else low
    at = place(mid, dist)
    if at.band is None or at.percentile is None:
        return f"no {source} estimate to compare"
    return f"article {at.band} ({source} p{at.percentile:.0f})"


def _model_verdict(low: float, high: float | None, dist: PayDistribution | None) -> str:
    if dist is None:
        return "no model estimate to compare"
    return band_verdict(low, high, dist, "model")


def compare_bands(area: str | None = None) -> list[BandComparison]:
    """Every seed role's article band beside BLS wages nationally (and in ``area`` if given).

    The verdict compares the band's midpoint (its floor for an open-ended "$X+" band without a
    top) with the pay model's mid-level base distribution for the role (the one pay model,
    :func:`paypath.pay_model.estimate_pay`; the same figure ``paypath check`` compares an
    article's claim with). The BLS percentiles of the role's SOC codes come alongside.
    """
    from paypath.pay_model import estimate_pay

    where = resolve_area_detail(area) if area else None
    out: list[BandComparison] = []
    for role in load_roles():
        band = role.salary_band
        if band is None:
            continue
        nat = role_wages(role.id)
        local = _role_wages(role.id, where[0], tuple(a.name for a in where[1])) if where else None
        notes = [
            "Article band: midpoint compared with the pay model's mid-level base salary "
            "distribution (model_national / model_area); BLS OEWS figures shown beside it."
        ]
        if band.open_ended:
            notes.append("The article's top is open-ended ('+'): its max is a floor, not a cap.")
        notes += [n for n in nat.notes if "cannot tell" in n]
        notes.append(
            "model_national / model_area: paypath's pay model, base salary of a mid-level "
            f"{role.id} (tells roles on one SOC apart)."
        )
        model_national = estimate_pay(role.id, "national", level="mid").base
        model_area = estimate_pay(role.id, where[0].name, level="mid").base if where else None
        out.append(
            BandComparison(
                role_id=role.id,
                title=role.title,
                soc=", ".join(role.soc_codes),
                article_min=band.min,
                article_max=band.max,
                article_open_ended=band.open_ended,
                article_source=band.source.title,
                national=nat,
                area=local,
                verdict_national=_model_verdict(band.min, band.max, model_national),
                verdict_area=_model_verdict(band.min, band.max, model_area) if where else None,
                notes=notes,
                model_national=model_national,
                model_area=model_area,
            )
        )
    return out
