"""The words and signs salaries are written with: currencies, multipliers, periods, kinds.

Everything the parser recognises is listed here, as data. The regular expressions built
from these tables are alternations of literals and bounded repeats, so matching is linear
in the input (no nested quantifiers that could backtrack catastrophically).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from paypath.salary.model import Kind, Period

__all__ = [
    "AMBIGUOUS_CODES",
    "CURRENCY_SIGNS",
    "ISO_CODES",
    "KIND_WORDS",
    "MULTIPLIERS",
    "PERIOD_ADVERBS",
    "PERIOD_NOUNS",
    "alternation",
    "currency_of",
    "multiplier_of",
    "period_of",
]

# Sign or word -> ISO 4217 code. "$" alone is the caller's default currency (None here).
# Ambiguous signs take the most common reading, documented: "¥" -> JPY (CN¥/RMB/元 -> CNY),
# "kr" -> SEK ("kr." -> DKK), "Rs"/"₨" -> INR, "R" is not read (too often not money).
CURRENCY_SIGNS: dict[str, str | None] = {
    "$": None, "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "S$": "SGD", "SG$": "SGD", "NZ$": "NZD",
    "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "NT$": "TWD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "JP¥": "JPY", "円": "JPY", "CN¥": "CNY", "RMB": "CNY", "元": "CNY",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "₨": "INR", "INR.": "INR", "Fr.": "CHF",
    "SFr.": "CHF", "zł": "PLN", "kr.": "DKK", "kr": "SEK", "Kr": "SEK", "₩": "KRW",
    "원": "KRW", "₪": "ILS", "₺": "TRY", "TL": "TRY", "₴": "UAH", "грн": "UAH", "₽": "RUB",
    "руб": "RUB", "₱": "PHP", "₦": "NGN", "฿": "THB", "₫": "VND", "Kč": "CZK", "Ft": "HUF",
    "lei": "RON", "лв": "BGN", "Rp": "IDR", "RM": "MYR", "KSh": "KES", "Ksh": "KES",
    "E£": "EGP", "Dhs": "AED", "AED": "AED", "₡": "CRC", "₲": "PYG", "₸": "KZT", "₾": "GEL",
    "₼": "AZN", "₵": "GHS", "৳": "BDT", "₤": "GBP", "KD": "KWD", "€uro": "EUR",
    "dollars": None, "dollar": None, "euros": "EUR", "pounds sterling": "GBP",
    "rupees": "INR", "Lei": "RON", "LEI": "RON", "Zł": "PLN", "ZŁ": "PLN", "zl": "PLN",
    "pln": "PLN", "рублей": "RUB", "руб.": "RUB", "тг": "KZT", "so'm": "UZS", "KShs": "KES",
    "ש\"ח": "ILS", "ש'ח": "ILS", "CHf": "CHF", "chf": "CHF", "yen": "JPY", "euro": "EUR",
}  # fmt: skip
# ISO 4217 codes read as currencies in text: every code of the shipped FX table and of the
# Stack Overflow 2024 survey's Currency answers (a test checks the table is covered).
ISO_CODES: frozenset[str] = frozenset({
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BND", "BOB", "BRL", "BSD", "BTN", "BYN", "CAD", "CDF", "CHF", "CLP", "CNY",
    "COP", "CRC", "CUP", "CZK", "DKK", "DOP", "DZD", "EGP", "ETB", "EUR", "FJD", "GBP", "GEL",
    "GGP", "GHS", "GIP", "GTQ", "GYD", "HKD", "HNL", "HUF", "IDR", "ILS", "IMP", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KRW", "KWD", "KZT", "LKR", "MAD",
    "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
    "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SDG", "SEK", "SGD", "SLE", "SLL", "SOS", "SRD", "SYP",
    "THB", "TJS", "TMT", "TND", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "WST", "XAF", "XOF", "XPF", "YER", "ZAR", "ZMW",
})  # fmt: skip
# ISO codes that are also common English words: read only in a salary field, not in prose.
AMBIGUOUS_CODES = frozenset({"ALL", "CUP", "TOP", "BOB", "MOP", "PEN", "SOS", "MAD", "BAM", "ANG"})

# Multiplier word -> (factor, implied period or None, implied currency or None).
MULTIPLIERS: dict[str, tuple[float, Period | None, str | None]] = {
    "k": (1e3, None, None), "K": (1e3, None, None), "thousand": (1e3, None, None),
    "m": (1e6, None, None), "M": (1e6, None, None), "mm": (1e6, None, None),
    "MM": (1e6, None, None), "mn": (1e6, None, None), "million": (1e6, None, None),
    "Mio.": (1e6, None, None), "Mio": (1e6, None, None), "bn": (1e9, None, None),
    "billion": (1e9, None, None), "trillion": (1e12, None, None), "B": (1e9, None, None),
    "Bn": (1e9, None, None), "L": (1e5, None, "INR"), "lakh": (1e5, None, "INR"),
    "lakhs": (1e5, None, "INR"), "lac": (1e5, None, "INR"), "lacs": (1e5, None, "INR"),
    "Lakh": (1e5, None, "INR"), "Lakhs": (1e5, None, "INR"), "Lac": (1e5, None, "INR"),
    "Lacs": (1e5, None, "INR"), "LPA": (1e5, "year", "INR"), "lpa": (1e5, "year", "INR"),
    "Lpa": (1e5, "year", "INR"), "crore": (1e7, None, "INR"), "crores": (1e7, None, "INR"),
    "Crore": (1e7, None, "INR"), "Cr": (1e7, None, "INR"), "cr": (1e7, None, "INR"),
    "CPA": (1e7, "year", "INR"),
}  # fmt: skip

# Words read after a connector ("per", "a", "/", "pro", "por", ...): "per hour", "/yr".
PERIOD_NOUNS: dict[str, Period] = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "hora": "hour",
    "stunde": "hour", "std": "hour", "std.": "hour", "heure": "hour",
    "day": "day", "diem": "day", "d": "day", "tag": "day", "dia": "day", "día": "day",
    "jour": "day", "week": "week", "wk": "week", "w": "week", "woche": "week",
    "semana": "week", "semaine": "week", "month": "month", "mo": "month", "mth": "month",
    "mon": "month", "monat": "month", "mês": "month", "mes": "month", "mois": "month",
    "mån": "month", "månad": "month", "mensem": "month", "miesiąc": "month",
    "year": "year", "yr": "year", "y": "year", "annum": "year", "anum": "year",
    "ann": "year", "jahr": "year", "ano": "year", "año": "year", "an": "year",
    "år": "year", "a": "year", "rok": "year",
}  # fmt: skip
# Words that name a period on their own: "hourly", "p.a.", "monatlich", "por mês" (as one).
PERIOD_ADVERBS: dict[str, Period] = {
    "hourly": "hour", "ph": "hour", "hr": "hour", "hrs": "hour", "p/h": "hour",
    "p.h.": "hour", "p.h": "hour",
    "stündlich": "hour", "daily": "day", "p.d.": "day", "pd": "day", "weekly": "week",
    "p.w.": "week", "pw": "week", "wöchentlich": "week", "monthly": "month", "pcm": "month",
    "p.c.m.": "month", "p.m.": "month", "monatlich": "month", "mensal": "month",
    "mensuel": "month", "mensuales": "month", "mensual": "month", "månadslön": "month",
    "annually": "year", "annual": "year", "yearly": "year", "p.a.": "year", "p.a": "year",
    "pa": "year", "jährlich": "year", "anual": "year", "annuel": "year", "brutto/jahr": "year",
    "brutto/monat": "month", "lpa": "year", "ctc": "year",
}  # fmt: skip

KIND_WORDS: dict[str, Kind] = {
    "sign-on": "signing", "sign on": "signing", "signon": "signing", "signing": "signing",
    "joining bonus": "signing", "hiring bonus": "signing", "welcome bonus": "signing",
    "bonus": "bonus", "bonuses": "bonus", "commission": "commission",
    "commissions": "commission", "incentive": "bonus", "ote": "total",
    "on-target earnings": "total", "on target earnings": "total", "package": "total",
    "total compensation": "total", "total comp": "total", "total remuneration": "total",
    "total rewards": "total", "total reward": "total", "equity": "equity", "rsu": "equity",
    "rsus": "equity",
    "stock": "equity", "options": "equity", "shares": "equity", "relocation": "other",
    "stipend": "other", "allowance": "other", "reimbursement": "other", "tuition": "other",
    "referral": "other", "student loan": "other", "loan": "other", "perk": "other",
    "wellness": "other", "per employee": "other", "401(k)": "other", "gift card": "other",
    "learning budget": "other",
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "US$" beats "$")."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in items)


def currency_of(sign: str) -> str | None:
    """The ISO code of a sign or code as written; None for a bare "$"/"dollars"."""
    if sign in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[sign]
    lowered = sign.lower()
    for key, code in CURRENCY_SIGNS.items():
        if key.lower() == lowered:
            return code
    return sign.upper()


def multiplier_of(word: str) -> tuple[float, Period | None, str | None]:
    return MULTIPLIERS.get(word) or MULTIPLIERS.get(word.lower()) or (1.0, None, None)


def period_of(word: str) -> Period | None:
    key = word.lower().replace(" ", "")
    return PERIOD_ADVERBS.get(key) or PERIOD_NOUNS.get(key.rstrip("."))
