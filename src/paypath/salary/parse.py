"""Find and read pay statements in text: "$170-180k", "60.000 € brutto/Jahr", "₹12-15 LPA".

The scanner is one pass over the numbers of the text. Each number becomes a token (its
currency sign before or after, its multiplier), neighbouring tokens joined by a range word
become one statement, and the words around a statement give its period, its open side and
its kind (base, bonus, signing, equity, other).

Two modes: a salary *field* (:func:`parse_salary`) reads any positive number as pay; a
whole *document* (:func:`find_salaries`) keeps only numbers with a currency, or numbers a
pay word introduces, and drops what is not pay (years, phone numbers, 401(k), funding).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from paypath.errors import CurrencyError, InputError, SalaryParseError
from paypath.salary.fx import FxTable, default_fx_table
from paypath.salary.lexicon import (
    AMBIGUOUS_CODES,
    CURRENCY_SIGNS,
    ISO_CODES,
    KIND_WORDS,
    MULTIPLIERS,
    PERIOD_ADVERBS,
    PERIOD_NOUNS,
    alternation,
    currency_of,
    multiplier_of,
    period_of,
)
from paypath.salary.model import DEFAULT_FACTORS, PERIODS, AnnualFactors, Kind, Period, Salary

__all__ = ["MAX_ANNUAL_USD", "clear_cache", "find_salaries", "parse_salary"]

_NUMBER = (
    r"(?=\d)(?P<num>\d{1,2}(?:,\d\d){1,4},\d{3}(?:\.\d{1,2})?(?!\d)"  # Indian 12,00,000
    r"|\d{1,3}(?P<sep>[,.'’\u00a0\u202f ])\d{3}(?:(?P=sep)\d{3})*"
    r"(?:(?!(?P=sep))[.,]\d{1,3})?(?!\d)"
    r"|\d+(?:[.,]\d+)?)"
)
_TIGHT_MULT = ("m", "M", "mm", "MM", "mn", "bn", "B", "Bn", "L", "cr", "Cr", "Mio.", "Mio")
_MULT = (
    rf"(?:[ \u00a0]?(?P<mult>{alternation(m for m in MULTIPLIERS if m not in _TIGHT_MULT)})"
    rf"|(?P<tight>{alternation(_TIGHT_MULT)}))(?![^\W\d_A-Z])"
)
_TOKEN_RE = re.compile(rf"{_NUMBER}(?:{_MULT})?")


_ALL_SIGNS = [*CURRENCY_SIGNS, *ISO_CODES]
_SIGNS = alternation(_ALL_SIGNS)
_WORD_SIGNS = alternation(w for w in _ALL_SIGNS if w[0].isalpha())
_SYMBOL_SIGNS = alternation(w for w in _ALL_SIGNS if not w[0].isalpha())
_PREFIX_RE = re.compile(
    rf"(?:(?<![^\W\d_])(?P<cur>{_WORD_SIGNS})|(?P<sym>{_SYMBOL_SIGNS}))[ \u00a0:]{{0,2}}\Z"
)
_CODE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?P<cur>[A-Z]{3})[ \u00a0]?\Z")
_SUFFIX_RE = re.compile(rf"(?:[,.]-)?[ \u00a0]{{0,2}}(?P<cur>{_SIGNS})(?![^\W\d_])")
_RANGE_GAP_RE = re.compile(
    r"[ \u00a0]*(?:-{1,2}|–|—|‒|−|~|_|\*|/|to|and|till|until|bis|a|à|até|hasta|do)[ \u00a0]*",
    re.IGNORECASE,
)
_FILLER = r"(?:(?:gross|brutto|netto|net|base|before\s+tax|pre-tax|ctc|salary)[ \t]*)?"
_CONNECTOR = r"(?:/[ \t]*|(?:per|a|an|each|every|pro|por|par|im|al|in|the)[ \t]+)"
_PERIOD_AFTER_RE = re.compile(
    rf"[ \t]*(?:[,(][ \t]*)?{_FILLER}(?:(?P<adv>{alternation(PERIOD_ADVERBS)})"
    rf"|{_CONNECTOR}(?:(?:single|one)[ \t]+)?(?P<noun>{alternation(PERIOD_NOUNS)}))(?![^\W\d_])",
    re.IGNORECASE,
)
_PERIOD_BEFORE_RE = re.compile(
    r"(?P<w>hourly|daily|weekly|monthly|annual|annually|yearly|per\s+(?:hour|annum|year|month))"
    r"\b[^\d\n]{0,30}\Z",
    re.IGNORECASE,
)
_KINDS = alternation(KIND_WORDS)
_KIND_AFTER_RE = re.compile(
    rf"[ \t]*(?:(?!(?:plus|and|with|or|\+)\b)[\w-]+[ \t]+){{0,2}}?(?P<w>{_KINDS})\b",
    re.IGNORECASE,
)
_KIND_BEFORE_RE = re.compile(
    rf"(?P<w>{_KINDS})(?:[ \t]+[\w-]+){{0,2}}[ \t]*[:=(–-]?[ \t]*"
    r"(?:(?:of|up\s+to|upto|worth|at|around|approx\.?|is|~)[ \t]*)?\Z",
    re.IGNORECASE,
)
_OPEN_MAX_RE = re.compile(
    r"(?:up\s*to|max(?:imum)?\.?|as\s+much\s+as|no\s+more\s+than|not\s+to\s+exceed|bis\s+zu"
    r"|até|hasta|under|below|less\s+than)[ \t]*:?[ \t]*\Z",
    re.IGNORECASE,
)
_OPEN_MIN_RE = re.compile(
    r"(?:from|starting(?:\s+(?:at|from))?|starts\s+at|at\s+least|min(?:imum)?\.?(?:\s+of)?"
    r"|a\s+partir\s+de|desde|over|more\s+than|in\s+excess\s+of|upwards\s+of|north\s+of|above)"
    r"[ \t]*:?[ \t]*\Z",
    re.IGNORECASE,
)
_OPEN_MIN_AFTER_RE = re.compile(
    r"\+(?![\d])|[ \t]+(?:or\s+more|and\s+above|and\s+up|or\s+higher)\b", re.IGNORECASE
)
_PAY_WORD_RE = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|comp|wage|wages|rate|earn|earning|earnings"
    r"|income|base|ote|ctc|package|remuneration|stipend|gehalt|lohn|salario|salário|salaire"
    r"|vergütung|range)\b",
    re.IGNORECASE,
)
_NOT_PAY_AFTER_RE = re.compile(
    r"[ \t]*(?:in\s+)?(?:funding|raised|revenue|arr|valuation|series|seed|budget|in\s+sales"
    r"|customers|users|market|assets|aum|loans?|grants?|investment|in\s+capital|life\b"
    r"|ad&d|insurance|polic(?:y|ies))\b",
    re.IGNORECASE,
)
# A grade, band, level or step number ("Band 6 ($93,000 - ...)", "Grade 3 Step 2, $68,500"):
# a classification, not pay.
_GRADE_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:grade|band|level|step|lvl|tier|pay\s+point|classification|aps|el|ee"
    r"|vps|ps|clerk\s+grade|pay\s+grade|pay\s+band|salary\s+band)[ \t]*[:#]?[ \t]*\Z",
    re.IGNORECASE,
)
_COMMISSION_ONLY_RE = re.compile(
    r"commission[\s-]*(?:only|based)|100\s*%\s*commission|straight\s+commission",
    re.IGNORECASE,
)
# What a salary field may hold beside its amount and still be only an amount.
_FIELD_LABEL_RE = re.compile(
    r"\((?:glassdoor|employer)\s+est\.\)|\b(?:our\s+)?(?:price|cost|amount|each|inc|incl"
    r"|vat|gst|ht|ttc)\b",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W\d_][\w.'-]*")
_NOT_PAY_UNITS = frozenset({
    "year", "years", "yr", "yrs", "yo", "month", "months", "week", "weeks", "day", "days",
    "night", "nights", "hour", "hours", "hrs", "minute", "minutes", "min", "mins", "second",
    "seconds", "sec", "people", "persons", "person", "employees", "staff", "members",
    "engineers", "users", "customers", "clients", "times", "miles", "km", "kg", "lbs", "lb",
    "pounds", "percent", "pct", "beds", "rooms", "seats", "stores", "locations", "offices",
    "countries", "states", "cities", "students", "patients", "shifts", "steps", "levels",
    "grades", "bands", "points", "star", "stars", "phone", "tel", "telephone", "call", "fax",
    "ext", "mobile", "cell", "room", "suite", "version", "ver", "v", "age", "ages", "aged",
})  # fmt: skip
# An amount over this much a year (USD) is not a salary: "$1,000,000,000", "1e308".
MAX_ANNUAL_USD = 5_000_000.0
# Words before an amount in a document that make it something other than pay: insurance
# cover, revenue, contract values, gift sizes, the reader's current income.
_NOT_PAY_BEFORE_RE = re.compile(
    r"\b(?:insurance|revenue|gifts?|donations?|contracts|contract\s+(?:value|size|worth)"
    r"|budget|assets|funding|valuation"
    r"|if\s+you\s+(?:make|earn)|you\s+currently\s+(?:make|earn))\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[\n;|•]|\.\s")
_WINDOW = 48


@dataclass(slots=True)
class _Token:
    start: int  # the currency sign before the number, if any
    end: int  # after the multiplier and any currency sign after it
    number: float
    mult: float
    mult_period: Period | None
    mult_currency: str | None
    sign: str  # the currency as written ("" when none)


def _number_value(raw: str, sep: str | None) -> float:
    if sep is None:
        if raw.count(",") > 1:  # Indian grouping 12,00,000
            return float(raw.replace(",", ""))
        return float(raw.replace(",", "."))
    decimal = max(raw.rfind("."), raw.rfind(","))
    if decimal > 0 and raw[decimal] != sep:  # 1.234,56 / 1,234.56 / 120'000.50
        return float(raw[:decimal].replace(sep, "") + "." + raw[decimal + 1 :])
    return float(raw.replace(sep, ""))


_DIGIT_NEXT_RE = re.compile(r"[ \u00a0]?\d")
_NUMBER_CHARS = frozenset("0123456789.,")
_INDIAN_TIGHT = frozenset({"L", "Cr", "cr"})
_RETIREMENT = frozenset({"401", "403", "457"})


def _is_retirement_plan(text: str, num: str, mult_word: str, end: int) -> bool:
    """401(k)/401k/403(b) plans (with no currency sign before them)."""
    return num in _RETIREMENT and (
        mult_word in ("k", "K") or text.startswith(("(k)", "(b)", "(K)"), end)
    )


def _is_sign_not_mult(text: str, at: int, mult_word: str) -> bool:
    """ "1 KD", "80 Kč", "50 Lei": a currency sign that starts like a multiplier."""
    post = _SUFFIX_RE.match(text, at)
    return post is not None and len(post.group("cur")) > len(mult_word)


def _is_code(sign: str) -> bool:
    return len(sign) == 3 and sign.isupper()


def _is_negative(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace())


def _sign_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """The currency written before a number ("$", "US$", "NZD $", "CHF ") and where it starts."""
    pre = _PREFIX_RE.search(text, max(floor, start - 12), start)
    if pre is None:
        return None
    sign, begin = pre.group("cur") or pre.group("sym"), pre.start()
    code = _CODE_BEFORE_RE.search(text, max(floor, begin - 5), begin) if sign == "$" else None
    if code is not None and code.group("cur") in ISO_CODES:  # "NZD $", not "OTE $"
        return code.group("cur"), code.start()
    return sign, begin


def _token(text: str, m: re.Match[str], floor: int) -> _Token | None:
    start, end = m.start(), m.end()
    if start and text[start - 1] in _NUMBER_CHARS:  # ".75", the tail of "1.2.3"
        return None
    mult_word = m.group("mult") or m.group("tight") or ""
    if mult_word and _is_sign_not_mult(
        text, m.start("mult") if m.group("mult") else m.start("tight"), mult_word
    ):
        mult_word, end = "", m.end("num")
    if _is_negative(text, start) or text.startswith(("%", " %"), end):
        return None
    before = _sign_before(text, start, floor)
    if before is None and start and text[start - 1].isalpha():  # "H1B", "Q4"
        return None
    if before is None and _is_retirement_plan(text, m.group("num"), mult_word, end):
        return None
    sign, start = before if before is not None else ("", start)
    post = _SUFFIX_RE.match(text, end)
    if post is not None and _DIGIT_NEXT_RE.match(text, post.end()):
        post = None  # "Band 7 £46,148": the sign is the next number's
    if post is not None and (not sign or (sign == "$" and _is_code(post.group("cur")))):
        sign, end = post.group("cur"), post.end()  # "60.000 €", "$1,190.00 AUD"
    if mult_word in _INDIAN_TIGHT and currency_of(sign) != "INR":  # "3L" is not 3 lakh
        mult_word, end = "", m.start("tight")
    mult, mult_period, mult_currency = multiplier_of(mult_word)
    value = _number_value(m.group("num"), m.group("sep"))
    return _Token(start, end, value, mult, mult_period, mult_currency, sign)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        token = _token(text, m, out[-1].end if out else 0)
        if token is not None:
            out.append(token)
    return out


def _joins(text: str, a: _Token, b: _Token) -> bool:
    """Whether ``a`` and ``b`` are the two ends of one range ("$50k - $60k", "20 to 25",
    "$41/hr - $57/hr", "£52k pa – £61k pa": a period after the first end is allowed)."""
    gap = a.end
    if b.start - gap > 14:
        return False
    if (pm := _PERIOD_AFTER_RE.match(text, gap, b.start)) is not None:
        gap = pm.end()
    if _RANGE_GAP_RE.fullmatch(text, gap, b.start) is None:
        return False
    if a.sign and b.sign and not _same_currency(a.sign, b.sign):
        return False
    lo = a.number * (b.mult if a.mult == 1.0 and b.number >= a.number else a.mult)
    if lo == 0:  # "$0 - $79,000": a job-board placeholder, kept and flagged
        return bool(a.sign or b.sign) and b.number > 0
    return 0 < lo <= b.number * b.mult


def _same_currency(x: str, y: str) -> bool:
    """Signs of one currency; a bare "$" fits any dollar code ("$142,000 - $171,000 USD")."""
    cx, cy = currency_of(x), currency_of(y)
    return cx == cy or cx is None or cy is None


def _groups(text: str, tokens: list[_Token]) -> list[tuple[_Token, _Token | None]]:
    groups: list[tuple[_Token, _Token | None]] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        if i + 1 < len(tokens) and _joins(text, a, tokens[i + 1]):
            groups.append((a, tokens[i + 1]))
            i += 2
        else:
            groups.append((a, None))
            i += 1
    return groups


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    lo: float | None
    hi: float | None
    sign: str
    currency: str | None
    period: Period | None
    kind: Kind
    pay_word: bool
    not_pay: bool


def _shared_thousands(lo: float, hi: float) -> bool:
    return lo < 1000 <= hi and lo * 1000 <= hi < lo * 3000 and lo == int(lo)


def _window_before(text: str, start: int, floor: int) -> str:
    chunk = text[max(floor, start - _WINDOW) : start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(chunk)]
    return chunk[cuts[-1] :] if cuts else chunk


def _window_after(text: str, end: int, ceiling: int) -> str:
    chunk = text[end : min(ceiling, end + _WINDOW)]
    cut = _CLAUSE_END.search(chunk)
    return chunk[: cut.start()] if cut is not None else chunk


def _kind(before: str, after: str) -> Kind:
    m = _KIND_AFTER_RE.match(after) or _KIND_BEFORE_RE.search(before)
    return KIND_WORDS[m.group("w").lower()] if m is not None else "base"


def _period_after(text: str, end: int) -> tuple[Period | None, int]:
    """The period written right after a statement ("per hour", "/yr", "p.a.") and its end."""
    pm = _PERIOD_AFTER_RE.match(text, end)
    if pm is None:
        return None, end
    return period_of(pm.group("adv") or pm.group("noun")), pm.end()


def _open_sides(
    text: str, before: str, amount: float, end: int, period: Period | None
) -> tuple[float | None, float | None, int, Period | None]:
    """A single amount as (min, max): "up to $X" -> (None, X); "from $X", "$X+" -> (X, None)."""
    opened = _OPEN_MIN_AFTER_RE.match(text, end)
    if opened is not None and opened.group().startswith("+"):
        end = opened.end()
        if period is None:  # "$2,500+ per year"
            period, end = _period_after(text, end)
        return amount, None, end, period
    if opened is not None or _OPEN_MIN_RE.search(before):
        return amount, None, end, period
    if _OPEN_MAX_RE.search(before):
        return None, amount, end, period
    return amount, amount, end, period


def _range_low(a: _Token, b: _Token) -> float:
    if a.mult == 1.0 and b.mult != 1.0 and a.number <= b.number:
        return a.number * b.mult  # a shared suffix: "$170-180k"
    if a.mult == b.mult == 1.0 and _shared_thousands(a.number, b.number):
        return a.number * 1000  # "60-75.000 €", "$20-25,000"
    return a.number * a.mult


def _read_group(text: str, a: _Token, b: _Token | None, floor: int, ceiling: int) -> _Found:
    last = b or a
    before = _window_before(text, a.start, floor)
    period, end = _period_after(text, last.end)
    period = period or last.mult_period or a.mult_period
    lo: float | None
    hi: float | None
    if b is not None:
        lo, hi = _range_low(a, b), b.number * b.mult
    else:
        lo, hi, end, period = _open_sides(text, before, a.number * a.mult, end, period)
    if period is None:
        pb = _PERIOD_BEFORE_RE.search(before)
        period = period_of(pb.group("w")) if pb is not None else None
    sign = a.sign or last.sign
    if sign and currency_of(sign) is None and last.sign and currency_of(last.sign):
        sign = last.sign  # "$60,000 - $75,000 CAD": the code names the dollar
    code = currency_of(sign) if sign else (a.mult_currency or last.mult_currency)
    kind = _kind(before, _window_after(text, end, ceiling))
    kind_word = kind != "base" or _PAY_WORD_RE.search(before) is not None
    if kind == "base" and _COMMISSION_ONLY_RE.search(before):
        kind = "commission"
    return _Found(
        start=a.start,
        end=end,
        lo=lo,
        hi=hi,
        sign=sign,
        currency=code,
        period=period,
        kind=kind,
        pay_word=_PAY_WORD_RE.search(before) is not None,
        not_pay=_NOT_PAY_AFTER_RE.match(_window_after(text, end, ceiling)) is not None
        or (not kind_word and _NOT_PAY_BEFORE_RE.search(before) is not None),
    )


def _infer_period(usd: float, currency: str) -> Period:
    """A guess from the size of the amount (per unit, in USD); flagged as inferred."""
    if currency == "USD":
        bounds: tuple[tuple[float, Period], ...] = ((200, "hour"), (1000, "day"), (15000, "month"))
    else:
        bounds = ((100, "hour"), (5000, "month"))
    for limit, period in bounds:
        if usd < limit:
            return period
    return "year"


def _salary(
    text: str, found: _Found, default_currency: str, factors: AnnualFactors | None, fx: FxTable
) -> Salary | None:
    currency = found.currency or default_currency
    lo, hi = found.lo, found.hi
    amount = hi if hi is not None else lo
    if amount is None or amount <= 0 or (lo is not None and lo < 0):
        return None
    info = fx.info(currency)
    per_unit = info[0] if info is not None else 0.0
    period = found.period or (
        _infer_period(amount * (per_unit or 1.0), currency) if found.kind == "base" else "year"
    )
    factor = _FACTORS[period] if factors is None else factors.of(period)
    annual_lo = lo * factor if lo is not None else None
    annual_hi = hi * factor if hi is not None else None
    if info is not None and (annual_hi or annual_lo or 0.0) * per_unit > MAX_ANNUAL_USD:
        return None  # not a salary: see implausible_reason
    return _construct(
        {
            "text": text[found.start : found.end],
            "start": found.start,
            "end": found.end,
            "min": lo,
            "max": hi,
            "currency": currency,
            "currency_text": found.sign,
            "currency_inferred": found.currency is None,
            "placeholder": lo == 0,
            "period": period,
            "period_inferred": found.period is None,
            "kind": found.kind,
            "annual_min": annual_lo,
            "annual_max": annual_hi,
            "annual_min_usd": annual_lo * per_unit if annual_lo is not None and info else None,
            "annual_max_usd": annual_hi * per_unit if annual_hi is not None and info else None,
            "fx_rate": per_unit,
            "fx_date": info[1] if info is not None else fx.date,
            "fx_source": info[2] if info is not None else f"no rate for {currency} in the FX table",
        }
    )


_FACTORS: dict[str, float] = {p: DEFAULT_FACTORS.of(p) for p in PERIODS}
_FIELDS_SET = frozenset(Salary.model_fields)


def _construct(values: dict[str, object]) -> Salary:
    """A Salary from values the parser has already validated (pydantic's model_construct,
    without its per-call bookkeeping: the parser builds one per number it reads)."""
    salary = Salary.__new__(Salary)
    object.__setattr__(salary, "__dict__", values)
    object.__setattr__(salary, "__pydantic_fields_set__", set(_FIELDS_SET))
    object.__setattr__(salary, "__pydantic_extra__", None)
    object.__setattr__(salary, "__pydantic_private__", None)
    return salary


def _is_prose_pay(found: _Found, salary: Salary) -> bool:
    """In a document, keep a number only when it reads as pay."""
    explicit = bool(found.sign) and found.sign not in AMBIGUOUS_CODES
    implied = not found.sign and found.currency is not None  # "12 LPA" is INR
    if found.not_pay or not (explicit or implied or found.pay_word):
        return False
    bare = not explicit and found.currency is None
    if bare and salary.period_inferred and (salary.max or salary.min or 0) < 1000:
        return False
    top = salary.annual_max_usd or salary.annual_min_usd or 0.0
    if top > 5_000_000 or (top > 1_000_000 and not found.pay_word):
        return False
    single = salary.min is None or salary.max is None or salary.min == salary.max
    amount_usd = top / (2080 if salary.period == "hour" else 1)
    return not (single and salary.period_inferred and not found.pay_word and amount_usd < 7)


# Between two amounts of one list: "up to $5,250 for full-time, $2,650 for part-time".
_LIST_GAP_RE = re.compile(r"[^\n.;:$]{0,24},[ \t]*(?:(?:and|or)[ \t]+)?")


def _inherit_kind(text: str, previous: Salary, found: _Found) -> None:
    """An amount listed right after a non-base one, with no word of its own, is of that kind
    (a tuition allowance's part-time figure is not base pay)."""
    end = previous.end
    if previous.kind == "base" or end is None or end > found.start:
        return
    if _LIST_GAP_RE.fullmatch(text, end, found.start) is not None:
        found.kind = previous.kind


def _is_grade(text: str, a: _Token, floor: int) -> bool:
    """A bare number after "Grade", "Band", "Level", "Step", "APS"...: a classification."""
    bare = not a.sign and a.mult_currency is None
    return bare and _GRADE_BEFORE_RE.search(text, max(floor, a.start - 24), a.start) is not None


@dataclass(slots=True)
class _FieldWords:
    """The words of a salary field outside its labels, found once per field (so checking
    each number against them is a bisect, and a field is read in linear time)."""

    starts: list[int]
    ends: list[int]
    words: list[str]

    @classmethod
    def of(cls, text: str) -> _FieldWords:
        masked = _FIELD_LABEL_RE.sub(lambda m: " " * len(m.group()), text)
        spans = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(masked)]
        return cls([a for a, _, _ in spans], [b for _, b, _ in spans], [w for _, _, w in spans])


def _is_field_pay(text: str, found: _Found, field: _FieldWords) -> bool:
    """In a salary field, a number with no currency is pay only when a pay word introduces
    it ("Salary: 85k/95k") or the field holds nothing else ("120000", "85,000 - 95,000
    per year"): "5+ years of experience with Java" is not $5 an hour."""
    if found.sign or found.currency is not None or found.pay_word:
        return not found.not_pay
    before = bisect_right(field.ends, found.start)  # words ending before the amount
    after = bisect_left(field.starts, found.end)  # the first word after it
    outside = before + len(field.words) - after
    if outside == 0:
        return True
    # One word after the number, apart from it, may be a currency the tables lack ("6790
    # Dinara"), unless it is a unit of something else ("6 weeks", "5 years"); "120000abc",
    # "1e308" and "Python 3.11" are not pay.
    tail = text[found.end : found.end + 1]
    return (
        outside == 1
        and before == 0
        and (tail.isspace() or not tail.isascii())
        and field.words[after].lower().rstrip(".") not in _NOT_PAY_UNITS
    )


def _may_be_pay(text: str, a: _Token, b: _Token | None, floor: int) -> bool:
    """A cheap first look in a document: a currency, or a pay word just before."""
    if a.sign or a.mult_currency or (b is not None and (b.sign or b.mult_currency)):
        return True
    return _PAY_WORD_RE.search(_window_before(text, a.start, floor)) is not None


def _scan(
    text: str,
    *,
    prose: bool,
    default_currency: str,
    factors: AnnualFactors | None,
    fx: FxTable | None,
) -> list[Salary]:
    table = fx if fx is not None else default_fx_table()
    tokens = _tokens(text)
    groups = _groups(text, tokens)
    out: list[Salary] = []
    field: _FieldWords | None = None
    for i, (a, b) in enumerate(groups):
        floor = (groups[i - 1][1] or groups[i - 1][0]).end if i else 0
        ceiling = groups[i + 1][0].start if i + 1 < len(groups) else len(text)
        if _is_grade(text, a, floor) or (prose and not _may_be_pay(text, a, b, floor)):
            continue
        found = _read_group(text, a, b, floor, ceiling)
        if prose and out and found.kind == "base" and not found.pay_word:
            _inherit_kind(text, out[-1], found)
        salary = _salary(text, found, default_currency, factors, table)
        if salary is None:
            continue
        if prose:
            keep = _is_prose_pay(found, salary)
        else:
            field = field or _FieldWords.of(text)
            keep = _is_field_pay(text, found, field)
        if keep:
            out.append(salary)
            if not prose and salary.kind == "base":
                break  # a field: the first base pay is the answer
    return out


def find_salaries(
    text: str,
    *,
    default_currency: str = "USD",
    factors: AnnualFactors | None = None,
    fx: FxTable | None = None,
) -> list[Salary]:
    """Every pay statement in a document, in text order, with its span (``start``/``end``).

    Keeps numbers with a currency, or that a pay word introduces ("Salary: 120,000");
    drops years, team sizes, phone numbers, 401(k), funding and revenue. Bonuses, signing
    bonuses and equity are returned with their ``kind`` so callers can keep them apart.
    """
    _check(text, default_currency)
    return _scan(
        text, prose=True, default_currency=default_currency.upper(), factors=factors, fx=fx
    )


# The dominant shape of salary fields ("$53K-$91K (Glassdoor est.)", "$17-$24 Per Hour",
# "Salary: $120,000 - $150,000 per year") read by one regex; anything else, or anything this
# reads differently from the scanner, goes to the scanner (a test checks they agree).
_FAST_RE = re.compile(
    r"[ \t]*(?:(?:Employer Provided Salary|Salary|Pay|Salary Range|Pay Range|Base Salary):[ \t]*)?"
    r"(\$(\d{1,3}(?:,\d{3})+|\d+)(\.\d\d)?([kK])?[ \t]*[-–—][ \t]*"
    r"\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d\d)?([kK])?"
    r"(?:[ \t]*(Per Hour|per hour|an hour|/hr|/hour|per year|a year|/yr|annually))?)"
    r"[ \t]*(?:\((?:Glassdoor|Employer) est\.\))?[ \t]*\Z"
)
_FAST_PERIODS: dict[str | None, Period | None] = {
    "Per Hour": "hour", "per hour": "hour", "an hour": "hour", "/hr": "hour", "/hour": "hour",
    "per year": "year", "a year": "year", "/yr": "year", "annually": "year", None: None,
}  # fmt: skip
_MISSING_RE = re.compile(r"(?:-\d+|n/?a|none|null|nan|)", re.IGNORECASE)


def _fast(
    text: str, default_currency: str, factors: AnnualFactors | None, fx: FxTable
) -> Salary | None:
    """The "$A[k] - $B[k] [period]" shape, built directly (the same Salary the scanner makes)."""
    m = _FAST_RE.match(text)
    if m is None:
        return None
    span, a, af, ak, b, bf, bk, per = m.groups()
    if bk and b in _RETIREMENT:
        return None  # "$1-401k": the scanner decides
    lo = float(a.replace(",", "") + af if af else a.replace(",", ""))
    hi = float(b.replace(",", "") + bf if bf else b.replace(",", "")) * (1000.0 if bk else 1.0)
    lo *= 1000.0 if ak or (bk and lo * 1000.0 <= hi) else 1.0
    info = fx.info(default_currency)
    if not 0 < lo <= hi or info is None or (not (ak or bk) and _shared_thousands(lo, hi)):
        return None  # the scanner reads these
    per_unit = info[0]
    stated = _FAST_PERIODS[per]
    period = stated or _infer_period(hi * per_unit, default_currency)
    factor = _FACTORS[period] if factors is None else factors.of(period)
    if hi * factor * per_unit > MAX_ANNUAL_USD:
        return None  # the scanner refuses it too
    start = m.start(1)
    return _construct(
        {
            "text": span, "start": start, "end": start + len(span), "min": lo, "max": hi,
            "currency": default_currency, "currency_text": "$", "currency_inferred": True,
            "placeholder": False,
            "period": period, "period_inferred": stated is None, "kind": "base",
            "annual_min": lo * factor, "annual_max": hi * factor,
            "annual_min_usd": lo * factor * per_unit, "annual_max_usd": hi * factor * per_unit,
            "fx_rate": per_unit, "fx_date": info[1], "fx_source": info[2],
        }
    )  # fmt: skip


_CACHE: dict[tuple[object, object, object, object], Salary | None] = {}
_CACHE_SIZE = 8192  # about 20 MB of Salary objects at most
_MISS = object()


def clear_cache() -> None:
    """Forget parsed fields (parse_salary keeps up to 8,192 of them, then starts afresh)."""
    _CACHE.clear()


def _parse_field(
    text: str, default_currency: str, factors: AnnualFactors | None, fx: FxTable | None
) -> Salary | None:
    table = fx if fx is not None else default_fx_table()
    fast = _fast(text, default_currency, factors, table)
    if fast is not None:
        return fast
    if _MISSING_RE.fullmatch(text.strip()):  # "-1", "", "N/A": no salary (strip: linear)
        return None
    found = _scan(text, prose=False, default_currency=default_currency, factors=factors, fx=fx)
    if not found:
        return None
    return next((s for s in found if s.kind == "base"), found[0])


def parse_salary(
    text: str,
    *,
    default_currency: str = "USD",
    factors: AnnualFactors | None = None,
    fx: FxTable | None = None,
) -> Salary | None:
    """The pay a salary field states ("$53K-$91K (Glassdoor est.)"), or None when it has none.

    A bare "$" (or no sign at all) is ``default_currency``. When no period is written, it is
    inferred from the amount's size and ``period_inferred`` is True. Results are cached, so
    repeated strings are cheap.
    """
    key = (text, default_currency, factors, fx)
    try:
        hit = _CACHE.get(key, _MISS)
    except TypeError:  # an unhashable argument
        _check(text, default_currency)
        raise InputError("factors must be an AnnualFactors and fx an FxTable") from None
    if hit is not _MISS:
        return hit  # type: ignore[return-value]
    _check(text, default_currency)
    salary = _parse_field(text, default_currency.upper(), factors, fx)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = salary
    return salary


def _check(text: object, default_currency: str) -> None:
    if not isinstance(text, str):
        raise SalaryParseError(f"a salary must be given as text, not {type(text).__name__}")
    if not (isinstance(default_currency, str) and len(default_currency) == 3):
        raise CurrencyError(
            f"default currency {default_currency!r} is not an ISO 4217 code; use e.g. USD"
        )
