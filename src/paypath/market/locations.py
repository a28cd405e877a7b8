"""Location strings to (city, region, country ISO 3166 alpha-2).

Handles what job boards and surveys write: "Austin, TX", "New York, NY 10001",
"San Francisco Bay Area", "Remote", "Berlin, Germany", "United States", and the
Stack Overflow survey's country names ("United Kingdom of Great Britain and Northern
Ireland", "Iran, Islamic Republic of..."). Country names go through pycountry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

__all__ = ["US_STATES", "Place", "country_code", "parse_location"]

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}  # fmt: skip
_STATE_BY_NAME = {name.casefold(): code for code, name in US_STATES.items()}

# Names pycountry does not know as written (survey spellings, common short forms).
_COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "u.s.": "US", "united states": "US", "america": "US",
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB",
    "iran, islamic republic of...": "IR", "venezuela, bolivarian republic of...": "VE",
    "hong kong (s.a.r.)": "HK", "turkey": "TR", "republic of korea": "KR", "south korea": "KR",
    "democratic people's republic of korea": "KP", "kosovo": "XK", "russia": "RU",
    "the former yugoslav republic of macedonia": "MK", "republic of moldova": "MD",
    "congo, republic of the...": "CG", "democratic republic of the congo": "CD",
    "libyan arab jamahiriya": "LY", "united republic of tanzania": "TZ",
    "lao people's democratic republic": "LA", "syrian arab republic": "SY",
    "bolivia": "BO", "palestine": "PS", "côte d'ivoire": "CI", "taiwan": "TW",
}  # fmt: skip
_REMOTE = re.compile(r"\b(remote|anywhere|work from home|wfh)\b", re.IGNORECASE)
_ZIP = re.compile(r"\s+\d{5}(-\d{4})?$")


@dataclass(frozen=True)
class Place:
    city: str | None
    region: str | None
    country: str | None
    remote: bool = False


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name or code, or None when it is not a country."""
    key = name.strip().casefold()
    if not key:
        return None
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return None


@lru_cache(maxsize=65536)
def parse_location(text: str) -> Place:
    """Split a location string; unknown parts are kept as the city."""
    remote = bool(_REMOTE.search(text))
    cleaned = _ZIP.sub("", _REMOTE.sub("", text)).strip(" ,;-()")
    if not cleaned:
        return Place(None, None, "US" if "us" in text.casefold().split() else None, remote)
    parts = [p.strip() for p in cleaned.split(",") if p.strip()]
    if not parts:
        return Place(None, None, None, remote)
    last = parts[-1]
    if last.upper() in US_STATES and len(last) == 2:
        return Place(", ".join(parts[:-1]) or None, last.upper(), "US", remote)
    if last.casefold() in _STATE_BY_NAME:
        return Place(", ".join(parts[:-1]) or None, _STATE_BY_NAME[last.casefold()], "US", remote)
    code = country_code(last)
    if code is not None:
        rest = parts[:-1]
        region = rest[-1] if len(rest) >= 2 else None
        return Place(rest[0] if rest else None, region, code, remote)
    return Place(cleaned, None, None, remote)
