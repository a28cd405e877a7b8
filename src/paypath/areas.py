"""BLS OEWS areas (national, states, metro and nonmetro areas) resolved from names people type.

Resolution rule, in order (first match wins):

1. ``national`` / ``US`` / ``USA`` / ``United States`` / empty -> the national estimate;
   a few common metro nicknames ("NYC", "Bay Area", "Silicon Valley", "LA") -> that metro.
2. An exact state name or USPS abbreviation ("California", "CA") -> the state. When a metro
   area also starts with that name ("New York" -> "New York-Newark-Jersey City, NY-NJ"),
   the state wins and the metro is returned as an alternative (callers put it in notes).
3. An exact BLS area name (case-insensitive), or a BLS area code.
4. "City, ST" -> the metro area whose name lists that city and state ("Austin, TX"), or
   the metro the place lies in per the shipped Census place -> CBSA table
   (``data/places/places.csv``: "Redmond, WA" -> Seattle, "Mountain View, CA" -> San Jose,
   "Menlo Park, CA" -> San Francisco; see its SOURCE.md).
5. "City" -> the metro area whose name lists that city, or the place table's metro, if
   exactly one does ("San Jose", "Cupertino"); several -> :class:`UnknownArea` listing them
   ("Portland", "Glendale").
6. Otherwise :class:`UnknownArea` with close matches as ``suggestions``: only names that
   score >= 80 (rapidfuzz WRatio) and have a word close to a typed word, so an unknown town is
   never "suggested" an unrelated metro.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from paypath.errors import UnknownArea
from paypath.resources import data_path

__all__ = ["Area", "AreaType", "list_areas", "resolve_area", "resolve_area_detail"]

AreaType = Literal["national", "state", "metro", "nonmetro"]

_STATE_ABBR = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}  # fmt: skip
_NATIONAL = {"", "national", "nation", "us", "u.s.", "usa", "u.s.a.", "united states",
             "united states of america", "nationwide", "all"}  # fmt: skip

#: Common names for metro areas that are not a city in the BLS name (checked after national).
_ALIASES = {
    "nyc": "New York-Newark-Jersey City, NY-NJ",
    "new york city": "New York-Newark-Jersey City, NY-NJ",
    "new york, ny": "New York-Newark-Jersey City, NY-NJ",
    "bay area": "San Francisco-Oakland-Fremont, CA",
    "sf bay area": "San Francisco-Oakland-Fremont, CA",
    "san francisco bay area": "San Francisco-Oakland-Fremont, CA",
    "sf": "San Francisco-Oakland-Fremont, CA",
    "silicon valley": "San Jose-Sunnyvale-Santa Clara, CA",
    "la": "Los Angeles-Long Beach-Anaheim, CA",
    "dfw": "Dallas-Fort Worth-Arlington, TX",
    "washington, d.c.": "Washington-Arlington-Alexandria, DC-VA-MD-WV",
}


class Area(BaseModel):
    """One BLS OEWS area."""

    model_config = ConfigDict(frozen=True)

    code: str  # BLS area code, 7 digits ("0000000" national, "0600000" California)
    name: str  # BLS name ("San Jose-Sunnyvale-Santa Clara, CA")
    type: AreaType
    state: str | None = None  # USPS abbreviation for states (None for national / metros)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("–", "-"))


@cache
def _areas() -> tuple[Area, ...]:
    out: list[Area] = []
    with data_path("oews/areas.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            kind = r["area_type"]
            out.append(
                Area(
                    code=r["area_code"],
                    name=r["area_name"],
                    type=kind,  # type: ignore[arg-type]
                    state=_STATE_ABBR.get(r["state_code"]) if kind == "state" else None,
                )
            )
    return tuple(out)


@cache
def _places() -> dict[tuple[str, str], Area]:
    """(place, state abbr) -> metro, from ``data/places/places.csv`` (Census place -> CBSA)."""
    by_code = {a.code: a for a in _areas()}
    out: dict[tuple[str, str], Area] = {}
    with data_path("places/places.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            area = by_code.get("00" + r["cbsa"])
            if area is not None:
                out[(_norm(r["place"]), r["state"].strip().lower())] = area
    return out


@cache
def _index() -> tuple[dict[str, Area], dict[str, Area], list[tuple[set[str], set[str], Area]]]:
    """(states by name/abbr, areas by exact name/code, metros as (cities, states, area))."""
    states: dict[str, Area] = {}
    exact: dict[str, Area] = {}
    metros: list[tuple[set[str], set[str], Area]] = []
    for a in _areas():
        exact[_norm(a.name)] = a
        exact[a.code] = a
        if a.type == "state":
            states[_norm(a.name)] = a
            if a.state:
                states[a.state.lower()] = a
        elif a.type == "metro":
            head, _, tail = a.name.rpartition(",")
            cities = {_norm(c) for c in head.split("-") if c.strip()}
            sts = {s.strip().lower() for s in tail.split("-") if s.strip()}
            metros.append((cities, sts, a))
    return states, exact, metros


def list_areas(type: str | None = None) -> list[Area]:
    """Every area in the shipped extract, optionally of one type (national|state|metro|nonmetro)."""
    if type is not None and type not in ("national", "state", "metro", "nonmetro"):
        raise UnknownArea(
            f"unknown area type {type!r}", suggestions=["national", "state", "metro", "nonmetro"]
        )
    return [a for a in _areas() if type is None or a.type == type]


def _suggest(text: str, limit: int = 5) -> list[str]:
    """Real matches only: names scoring >= 80 whose words include one close to a typed word."""
    words = re.findall(r"[a-z]{3,}", text.lower())
    names = [a.name for a in _areas()] + [f"{p.title()}, {st.upper()}" for p, st in _places()]
    hits = process.extract(text, names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=80)

    def shares_word(name: str) -> bool:
        theirs = re.findall(r"[a-z]{3,}", name.lower())
        return any(fuzz.ratio(w, t) >= 80 for w in words for t in theirs)

    out = [h[0] for h in hits if shares_word(h[0])]
    return list(dict.fromkeys(out))[:limit]


def resolve_area_detail(name: str) -> tuple[Area, list[Area]]:
    """The area for ``name`` plus alternatives it could also have meant (see module doc)."""
    key = _norm(name)
    states, exact, metros = _index()
    if key in _NATIONAL:
        return exact["0000000"], []
    if key in _ALIASES and _norm(_ALIASES[key]) in exact:
        return exact[_norm(_ALIASES[key])], []
    if key in states:
        state = states[key]
        alts = [m for cities, _s, m in metros if key in cities] if len(key) > 2 else []
        return state, alts
    if key in exact:
        return exact[key], []
    city, _, st = key.rpartition(",")
    if city and st.strip():
        st_key = st.strip()
        st_area = states.get(st_key)
        st_abbr = st_area.state.lower() if st_area is not None and st_area.state else st_key
        hits = [m for cities, sts, m in metros if city.strip() in cities and st_abbr in sts]
        if not hits and (city.strip(), st_abbr) in _places():
            hits = [_places()[(city.strip(), st_abbr)]]
        if len(hits) == 1:
            return hits[0], []
        if hits:
            raise UnknownArea(
                f"area {name!r} is ambiguous: {', '.join(h.name for h in hits)}",
                suggestions=[h.name for h in hits],
            )
    else:
        hits = [m for cities, _s, m in metros if key in cities]
        hits += [a for (p, _st), a in _places().items() if p == key and a not in hits]
        if len(hits) == 1:
            return hits[0], []
        if hits:
            raise UnknownArea(
                f"area {name!r} is ambiguous; did you mean one of: "
                + "; ".join(h.name for h in hits),
                suggestions=[h.name for h in hits],
            )
    suggestions = _suggest(name)
    hint = f"; close matches: {'; '.join(suggestions)}" if suggestions else ""
    raise UnknownArea(
        f"unknown area {name!r} (try a state, a metro like 'Austin, TX', or 'national'){hint}",
        suggestions=suggestions,
    )


def resolve_area(name: str) -> Area:
    """The BLS area a typed name means; :class:`UnknownArea` (with suggestions) otherwise."""
    return resolve_area_detail(name)[0]
