"""Employer names as filed -> one display name per employer.

``normalize_employer("AMAZON.COM SERVICES LLC")`` is ``"Amazon"``. Filings name the same
employer many ways: legal entities ("Amazon Web Services, Inc.", "Amazon Development Center
U.S., Inc"), case ("GOOGLE LLC" / "Google LLC"), punctuation ("JP MORGAN CHASE  CO",
"JPMorgan Chase & Co."), renamed companies ("Facebook, Inc." -> Meta) and trading names
("... DBA MedPro"). The reading:

1. **Clean**: Unicode folded to ASCII, parentheticals ("(acquired Splunk, Inc.)", "(USA)")
   and anything after "d/b/a" dropped, punctuation other than ``&``, ``'`` and ``-`` removed.
2. **Strip legal suffixes** from the end, repeatedly: LLC, Inc., Corporation, Ltd, LLP, L.P.,
   PLC, N.A., GmbH, Company... and a leading "The".
3. **Known employers**: the cleaned name's words are matched, from the start and on word
   boundaries, against a hand-made table of parent companies and their filing entities
   (``_KNOWN``), so "Rivian Automotive" is Rivian but "Riviana Foods" is not, and "Nokia of
   America" is Nokia but "Nokian Tyres" is not.
4. **Display**: an unknown employer keeps its own words, case folded to title case where the
   filing shouted in capitals ("WAYNE FARMS LLC" -> "Wayne Farms"), acronyms without vowels
   and two-letter words kept upper ("HCL", "TW", "US Bank").

:func:`employer_key` is the lower-case form of the display name, for grouping and lookups.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["employer_key", "normalize_employer"]

_LEGAL_SUFFIXES: frozenset[tuple[str, ...]] = frozenset(
    tuple(s.split())
    for s in (
        "llc",
        "l l c",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "ltd",
        "limited",
        "llp",
        "l l p",
        "lp",
        "l p",
        "plc",
        "pllc",
        "pc",
        "p c",
        "psc",
        "na",
        "n a",
        "national association",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "nv",
        "pvt",
        "private",
        "pty",
        "and all its subsidiaries and affiliates",
        "all its subsidiaries affiliates",
        "all its subsidiaries and affiliates",
        "and affiliates",
        "united states",
    )
)
_MAX_SUFFIX_WORDS = max(len(s) for s in _LEGAL_SUFFIXES)

# Parent company -> word prefixes of the names its entities file under. Matching is on whole
# words from the start of the cleaned, suffix-stripped name (lower case, "&" dropped); a
# prefix ending in "=" must be the whole name (a bare "Apple" is Apple, "Apple Hospitality
# REIT" is not). Built by reading the most frequent employer names in the FY2023 and FY2026
# PERM filings and checking each prefix against the names it would catch.
_KNOWN: dict[str, tuple[str, ...]] = {
    "Amazon": (
        "amazon",
        "amazoncom",
        "amazoncomca",
        "amazon web services",
        "a2z development center",
    ),
    "Google": ("google",),
    "Meta": ("meta platforms", "facebook"),
    "Microsoft": ("microsoft",),
    "Apple": ("apple=", "apple computer"),
    "NVIDIA": ("nvidia",),
    "Intel": ("intel", "intel americas", "intel federal"),
    "IBM": ("ibm", "international business machines"),
    "Oracle": ("oracle america", "oracle financial services", "oracle="),
    "Cisco": ("cisco systems", "cisco management", "cisco"),
    "Salesforce": ("salesforce", "salesforcecom"),
    "Deloitte": ("deloitte",),
    "EY": ("ernst young", "ey="),
    "PwC": ("pricewaterhousecoopers", "pwc"),
    "KPMG": ("kpmg",),
    "Accenture": ("accenture",),
    "Cognizant": ("cognizant technology solutions", "cognizant"),
    "Tata Consultancy Services": ("tata consultancy services",),
    "Infosys": ("infosys",),
    "Wipro": ("wipro",),
    "HCLTech": ("hcl america", "hcl technologies"),
    "Capgemini": ("capgemini",),
    "LTIMindtree": ("ltimindtree", "mindtree", "larsen toubro infotech"),
    "JPMorgan Chase": ("jpmorgan chase", "jp morgan chase", "jpmorgan", "jp morgan"),
    "Goldman Sachs": ("goldman sachs",),
    "Morgan Stanley": ("morgan stanley",),
    "Citi": ("citigroup", "citibank", "citicorp"),
    "Bank of America": ("bank of america", "merrill lynch"),
    "Wells Fargo": ("wells fargo",),
    "Capital One": ("capital one",),
    "American Express": ("american express",),
    "Mastercard": ("mastercard",),
    "Visa": ("visa usa", "visa us a", "visa technology operations", "visa technology and", "visa="),
    "Walmart": ("walmart", "wal-mart", "wal mart"),
    "ByteDance": ("bytedance", "tiktok"),
    "Bloomberg": ("bloomberg",),
    "Uber": ("uber technologies", "uber freight"),
    "Qualcomm": ("qualcomm",),
    "Samsung": ("samsung",),
    "Micron": ("micron technology", "micron semiconductor"),
    "Rivian": ("rivian", "rivian automotive"),
    "Tesla": ("tesla=", "tesla motors"),
    "LinkedIn": ("linkedin",),
    "PayPal": ("paypal",),
    "Adobe": ("adobe=", "adobe systems"),
    "VMware": ("vmware",),
    "Netflix": ("netflix",),
    "Citadel": (
        "citadel americas",
        "citadel securities",
        "citadel enterprise americas",
        "citadel information services",
    ),
    "Nokia": ("nokia of america", "nokia="),
    "Yahoo": ("yahoo", "oath holdings"),
    "Siemens": ("siemens",),
    "Hewlett Packard Enterprise": ("hewlett packard enterprise",),
    "HP": ("hp=", "hp inc="),
    "Dell": ("dell technologies", "dell usa", "dell marketing", "dell products"),
    "Broadcom": ("broadcom",),
    "AMD": ("advanced micro devices", "amd="),
    "Snowflake": ("snowflake=", "snowflake computing"),
    "Databricks": ("databricks",),
    "Airbnb": ("airbnb",),
    "DoorDash": ("doordash",),
    "Workday": ("workday",),
    "ServiceNow": ("servicenow",),
    "Intuit": ("intuit",),
    "eBay": ("ebay",),
    "Twitter": ("twitter", "x corp"),
    "Stripe": ("stripe=",),
    "OpenAI": ("openai", "open ai"),
    "Anthropic": ("anthropic",),
    "Fidelity Investments": ("fmr", "fidelity investments", "fidelity technology group"),
    "Charles Schwab": ("charles schwab",),
    "UnitedHealth Group": ("unitedhealth group", "united healthcare services", "optum services"),
    "CVS Health": ("cvs pharmacy", "cvs rx services", "cvs health", "caremark"),
    "McKinsey": ("mckinsey",),
    "Boston Consulting Group": ("boston consulting group",),
}

_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "at", "on", "de", "a", "an", "to"})
_VOWELS = frozenset("aeiouy")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _clean_words(name: str) -> list[str]:
    """Filed name -> words (original case) without parentheticals, DBA tails or punctuation."""
    text = _ascii(name)
    text = re.sub(r"\([^)]*\)?", " ", text)
    text = re.split(r"(?i)\b(?:d/b/a|dba|f/k/a|fka|formerly)\b", text)[0]
    text = text.replace(".", "")  # "U.S." -> "US", "Amazon.com" -> "Amazoncom", "L.P." -> "LP"
    text = re.sub(r"[^A-Za-z0-9&'\- ]+", " ", text)
    text = text.replace("&", " & ")
    return [w.strip("'-") for w in text.split() if w.strip("'-")]


def _strip_suffixes(words: list[str]) -> list[str]:
    """Drop legal suffixes (and '&' left dangling) from the end, and a leading 'The'."""
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        while words and words[-1] == "&":
            words.pop()
        lowered = [w.lower() for w in words if w != "&"]
        for size in range(min(_MAX_SUFFIX_WORDS, len(lowered) - 1), 0, -1):
            if tuple(lowered[-size:]) in _LEGAL_SUFFIXES:
                dropped = 0
                while dropped < size:
                    if words.pop() != "&":
                        dropped += 1
                changed = True
                break
    while words and words[-1] == "&":
        words.pop()
    if len(words) > 2 and words[0].lower() == "the":  # "The Citadel" keeps its article
        words = words[1:]
    return words


@lru_cache(maxsize=1)
def _known_table() -> tuple[tuple[tuple[str, ...], bool, str], ...]:
    """(word prefix, whole name only, display name), longest prefix first."""
    pairs = [
        (tuple(prefix.rstrip("=").split()), prefix.endswith("="), display)
        for display, prefixes in _KNOWN.items()
        for prefix in prefixes
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _known(words: list[str]) -> str | None:
    lowered = tuple(w.lower() for w in words if w != "&")
    for prefix, whole, display in _known_table():
        if lowered == prefix if whole else lowered[: len(prefix)] == prefix:
            return display
    return None


def _display_word(word: str, index: int, shouting: bool) -> str:
    if not shouting:
        return word
    lower = word.lower()
    if index > 0 and lower in _SMALL_WORDS:
        return lower
    letters = [c for c in lower if c.isalpha()]
    if letters and (len(letters) <= 2 or (len(letters) <= 4 and not _VOWELS.intersection(letters))):
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))


@lru_cache(maxsize=65536)
def normalize_employer(name: str) -> str:
    """One display name for an employer as filed ("GOOGLE LLC" -> "Google").

    Returns "" for a name with no words in it (blank, punctuation only).
    """
    words = _strip_suffixes(_clean_words(name))
    if not words:
        return ""
    known = _known(words)
    if known is not None:
        return known
    letters = [c for c in "".join(words) if c.isalpha()]
    shouting = bool(letters) and (
        all(c.isupper() for c in letters) or all(c.islower() for c in letters)
    )
    return " ".join(_display_word(w, i, shouting) for i, w in enumerate(words))


def employer_key(name: str) -> str:
    """The lower-case key of an employer's display name, for grouping and lookups."""
    return normalize_employer(name).lower()
