"""Job title -> catalog role id (or ``other``) + seniority.

``classify_title("Sr. Data Scientist/ML Engineer - Remote")`` reads a title the way a
compensation analyst does:

1. **Normalise**: lower case, ASCII, abbreviations spelled out (``Sr.`` -> senior, ``SWE``,
   ``MTS``, ``ML``, ``Mgr``), plurals folded, misspelt words corrected against the title
   vocabulary (rapidfuzz, cached per token).
2. **Segment** on ``-``, ``/``, ``,``, ``(``, ``|``, ``&``, ``or``: each segment is read on its
   own, and the first segment that names a role is the primary one.
3. **Match** each segment, leftmost-longest, against a lexicon of phrases: the catalog's
   ``title_patterns`` (roles.yaml), non-tech phrases that mean ``other``, *domains*
   ("machine learning", "data engineering", "cybersecurity"), *heads* ("engineer",
   "analyst", "manager") and seniority words. A segment without a catalog phrase is composed
   from its domain and head ("Azure ML Infrastructure Engineer" -> ml-engineer).
4. **Qualify**: domains elsewhere in the title refine a generic role ("Software Engineer,
   Machine Learning" -> ml-engineer, "Member of Technical Staff - Pretraining" ->
   ai-research-scientist, "Product Manager - AI" -> ai-product-manager) and non-tech science
   words veto a research title ("Research Scientist, Immunology" -> other).

Mapping rules worth knowing (see ``bench/data/README.md`` for the labelling guide):

* Leaders keep the role of what they lead, with the seniority of their rank: "Director of
  Data Science" -> data-scientist/director, "Engineering Manager" ->
  software-engineering-manager/manager, "Head of Machine Learning" -> ml-engineer/director.
* Scientists and researchers of ML/AI (machine learning scientist, applied scientist,
  research scientist/engineer) -> ai-research-scientist; ML engineers -> ml-engineer.
* Business, BI, systems and reporting analysts -> data-analyst; analytics engineers and data
  architects/modelers -> data-engineer; security analysts -> security-engineer.
* Program, project, hardware, mechanical, sales, design roles -> other.
* Seniority is the highest rank named (intern wins outright), ``I``/``II``/``III``/``IV``/``V``
  after a title mean junior/mid/senior/staff/principal; a title naming no rank is ``mid``.

A title that could be several roles is ``ambiguous`` with a lower ``score`` and the other
readings in ``alternatives``; nothing is guessed silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from paypath.catalog import load_roles
from paypath.errors import DataError
from paypath.resources import load_yaml

__all__ = [
    "OTHER",
    "SENIORITIES",
    "TitleMatch",
    "classify_title",
    "seniority_from_level",
]

OTHER = "other"
SENIORITIES: tuple[str, ...] = (
    "intern",
    "junior",
    "mid",
    "senior",
    "staff",
    "principal",
    "lead",
    "manager",
    "director",
    "vp",
    "c-level",
)
_RANK = {name: i for i, name in enumerate(SENIORITIES)}


@dataclass(frozen=True)
class TitleMatch:
    """How a title reads: catalog role (or ``other``), seniority and how sure we are."""

    title: str
    role: str
    seniority: str
    score: float
    ambiguous: bool = False
    alternatives: tuple[tuple[str, float], ...] = ()


# ------------------------------------------------------------------ lexicon

Kind = Literal["role", "other", "domain", "head", "seniority"]

# rewrites on the lower-cased title, each tried only when its trigger substring is present
_PHRASE_MAP: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("/", re.compile(r"\bci\s*/\s*cd\b"), " cicd "),
    ("/", re.compile(r"\bui\s*/\s*ux\b"), " uiux "),
    ("&", re.compile(r"\br\s*&\s*d\b"), " rnd "),
    ("+", re.compile(r"\bc\+\+"), " cpp "),
    ("#", re.compile(r"\bc#"), " csharp "),
    (".net", re.compile(r"(?<![a-z])\.net\b"), " dotnet "),
    (".js", re.compile(r"\bnode\.js\b"), " nodejs "),
    ("artificial", re.compile(r"\bartificial intelligence\b"), " ai "),
    ("president", re.compile(r"\bassistant vice[ -]president\b"), " avp "),
    ("president", re.compile(r"\bvice[ -]president\b"), " vp "),
    ("technology", re.compile(r"\binformation technology\b"), " it "),
    ("co-op", re.compile(r"\bco-op\b"), " coop "),
    ("level", re.compile(r"\bentry[ -]level\b"), " entlvl "),
    ("level", re.compile(r"\bmid[ -]level\b"), " midlvl "),
    ("level", re.compile(r"\bsenior[ -]level\b"), " senlvl "),
)
_SPLIT = re.compile(
    r"\s+[-–—]+\s*|\s*[-–—]+\s+|[–—/,|():;!?\[\]{}\"*]|\s&\s|&|\s+(?:or|and|with|w)\s+|\.{2,}"
)
_TOKEN = re.compile(r"[a-z0-9+#]+")
# domains whose composed roles non-tech words veto ("Scientist - in vivo pharmacology")
_VETOED_DOMAINS = frozenset({"research", "ml", "software", "it", "qa", "sre", "devops", "infra"})
_NOT_BEFORE_NUMERAL = frozenset({"grade", "band", "step", "tier", "year", "years", "top"})
_NOT_AFTER_NUMERAL = frozenset({"years", "year", "yrs", "yr", "months", "weeks", "days"})


@dataclass(frozen=True)
class _Rules:
    """``data/title_lexicon.yaml``, validated (its comments explain each table)."""

    token_map: dict[str, str]
    plurals: frozenset[str]
    domains: dict[str, str]  # phrase -> domain key
    domain_order: tuple[str, ...]
    heads: dict[str, str]  # word -> head kind
    compose: dict[tuple[str, str], str]  # (domain key, head kind) -> role
    domain_only: dict[str, str]
    refine: dict[str, dict[str, str]]
    researchy: frozenset[str]
    weak: frozenset[str]
    vetoable: frozenset[str]  # weak included
    veto: frozenset[str]
    other_phrases: tuple[str, ...]
    seniority_words: dict[str, str]  # phrase -> seniority
    ic_manager_words: frozenset[str]
    numerals: dict[str, str]


def _inverse(table: dict[str, list[str]]) -> dict[str, str]:
    return {phrase: key for key, phrases in table.items() for phrase in phrases}


@cache
def _rules() -> _Rules:
    raw = load_yaml("title_lexicon.yaml")
    try:
        rules = _Rules(
            token_map={str(k): str(v) for k, v in raw["token_map"].items()},
            plurals=frozenset(raw["plurals"]),
            domains=_inverse(raw["domains"]),
            domain_order=tuple(raw["domain_order"]),
            heads=_inverse(raw["heads"]),
            compose={(d, h): r for d, row in raw["compose"].items() for h, r in row.items()},
            domain_only=dict(raw["domain_only"]),
            refine={k: dict(v) for k, v in raw["refine"].items()},
            researchy=frozenset(raw["researchy"]),
            weak=frozenset(raw["weak"]),
            vetoable=frozenset(raw["weak"]) | frozenset(raw["vetoable"]),
            veto=frozenset(raw["veto"]),
            other_phrases=tuple(raw["other_phrases"]),
            seniority_words=_inverse(raw["seniority_words"]),
            ic_manager_words=frozenset(raw["ic_manager_words"]),
            numerals={str(k): str(v) for k, v in raw["numerals"].items()},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"title_lexicon.yaml is malformed ({exc!r}); reinstall paypath") from exc
    _check(rules)
    return rules


def _check(rules: _Rules) -> None:
    """Every role, domain, head and seniority the lexicon names exists."""
    roles = {r.id for r in load_roles()} | {OTHER}
    named = set(rules.compose.values()) | set(rules.domain_only.values())
    named |= {r for table in rules.refine.values() for r in table.values()} | set(rules.refine)
    keys = set(rules.domains.values())
    problems = [f"unknown role {r!r}" for r in sorted(named - roles)]
    problems += [
        f"domain {k!r} missing from domain_order" for k in sorted(keys - set(rules.domain_order))
    ]
    problems += [
        f"unknown seniority {v!r}"
        for v in sorted(set(rules.seniority_words.values()) | set(rules.numerals.values()))
        if v not in _RANK
    ]
    problems += [
        f"unknown head kind {h!r}" for _, h in rules.compose if h not in set(rules.heads.values())
    ]
    if problems:
        raise DataError("title_lexicon.yaml: " + "; ".join(problems))


@dataclass(frozen=True)
class _Entry:
    kind: Kind
    value: str
    phrase: str


@dataclass
class _Segment:
    tokens: list[str]
    entries: list[_Entry] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    role: str
    score: float
    segment: int
    phrase: str
    weak: bool = False  # one generic phrase ("Developer"): `other` stays a reading


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[tuple[str, ...], _Entry]
    longest: dict[str, int]  # first token -> longest phrase starting with it
    vocabulary: tuple[str, ...]
    known: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    phrases: dict[tuple[str, ...], _Entry] = {}

    def add(text: str, kind: Kind, value: str) -> None:
        key = tuple(_tokens(text))
        if key and key not in phrases:
            phrases[key] = _Entry(kind, value, " ".join(key))

    for role in load_roles():  # catalog phrases win over everything else
        for pattern in (role.title, *role.title_patterns):
            add(pattern, "role", role.id)
    for text in _rules().other_phrases:
        add(text, "other", OTHER)
    for text, value in _rules().seniority_words.items():
        add(text, "seniority", value)
    for text, value in _rules().domains.items():
        add(text, "domain", value)
    for text, value in _rules().heads.items():
        add(text, "head", value)
    vocabulary = sorted({tok for key in phrases for tok in key if len(tok) >= 5 and tok.isalpha()})
    longest: dict[str, int] = {}
    for key in phrases:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return _Lexicon(phrases, longest, tuple(vocabulary), frozenset(vocabulary))


# ------------------------------------------------------------------ normalising


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\x00-\x7f]+", " - ", kept)


def _tokens(text: str) -> list[str]:
    """Tokens of one segment, abbreviations spelled out and plurals folded."""
    rules, out = _rules(), []
    for raw in _TOKEN.findall(text.lower()):
        word = raw[:-1] if raw in rules.plurals else raw
        for part in rules.token_map.get(word, word).split():
            out.extend(rules.token_map.get(part, part).split())
    return out


@lru_cache(maxsize=65536)
def _correct(token: str) -> str:
    """A misspelt title word corrected against the lexicon vocabulary (or unchanged)."""
    lex = _lexicon()
    if len(token) < 6 or not token.isalpha() or token in lex.known:
        return token
    found = process.extractOne(token, lex.vocabulary, scorer=fuzz.ratio, score_cutoff=88)
    if found is None or found[0][0] != token[0]:
        return token
    return str(found[0])


def _segments(title: str) -> list[_Segment]:
    text = _ascii(title).lower()
    for trigger, pattern, repl in _PHRASE_MAP:
        if trigger in text:
            text = pattern.sub(repl, text)
    parts = (_tokens(p) for p in _SPLIT.split(text))
    return [_Segment([_correct(t) for t in toks]) for toks in parts if toks]


def _scan(segment: _Segment) -> None:
    """Leftmost-longest lexicon matches of one segment."""
    lex = _lexicon()
    toks, i = segment.tokens, 0
    while i < len(toks):
        for n in range(min(lex.longest.get(toks[i], 0), len(toks) - i), 0, -1):
            entry = lex.phrases.get(tuple(toks[i : i + n]))
            if entry is not None:
                segment.entries.append(entry)
                i += n
                break
        else:
            i += 1


# ------------------------------------------------------------------ seniority


def _seniority(segments: list[_Segment], role: str) -> str:
    """The highest rank the title names; an intern is an intern; numerals when nothing else."""
    ranks = [r for seg in segments for r in _segment_ranks(seg)]
    if "intern" in ranks:
        return "intern"
    if ranks:
        return max(ranks, key=_RANK.__getitem__)
    numeral = next((n for seg in segments if (n := _numeral(seg.tokens))), None)
    if numeral is not None:
        return numeral
    return "manager" if role == "software-engineering-manager" else "mid"


def _segment_ranks(seg: _Segment) -> list[str]:
    ranks: list[str] = []
    for entry in seg.entries:
        if entry.kind == "seniority":
            if entry.phrase == "manager" and _ic_manager(seg.tokens):
                continue
            ranks.append(entry.value)
        elif entry.kind in ("role", "other"):  # "Product Manager" is a job, not a rank
            phrase = entry.phrase
            if phrase.endswith("manager") and not _ic_manager(phrase.split()):
                ranks.append("manager")
            if phrase in {"cto", "chief technology officer"}:
                ranks.append("c-level")
            for prefix, rank in (
                ("director ", "director"),
                ("head ", "director"),
                ("vp ", "vp"),
                ("senior ", "senior"),
            ):
                if phrase.startswith(prefix):
                    ranks.append(rank)
    return ranks


def _ic_manager(tokens: list[str]) -> bool:
    """``... product manager``: the word before "manager" names an individual contributor."""
    for prev, tok in zip(["", *tokens], tokens, strict=False):
        if tok == "manager" and prev in _rules().ic_manager_words:
            return True
    return False


def _numeral(tokens: list[str]) -> str | None:
    """``Engineer II`` -> mid: a roman or small arabic numeral after a word (not "3 years")."""
    numerals = _rules().numerals
    for i, tok in enumerate(tokens):
        if tok not in numerals:
            continue
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if prev in _NOT_BEFORE_NUMERAL or nxt in _NOT_AFTER_NUMERAL or "+" in tok:
            continue
        if prev == "" and tok in {"i", "v"} and len(tokens) > 1:  # "I am", but "Analyst - I"
            continue
        return numerals[tok]
    return None


# ------------------------------------------------------------------ roles


def _segment_candidate(index: int, seg: _Segment) -> _Candidate | None:
    roles = [e for e in seg.entries if e.kind in ("role", "other")]
    domains = [e.value for e in seg.entries if e.kind == "domain"]
    heads = [e.value for e in seg.entries if e.kind == "head"] + [
        _leader(e) for e in seg.entries if e.kind == "seniority" and _RANK[e.value] >= _RANK["lead"]
    ]
    rules = _rules()
    vetoed = not rules.veto.isdisjoint(seg.tokens)
    if roles:
        entry = max(roles, key=lambda e: (e.kind == "role", len(e.phrase.split())))
        if entry.kind == "other":
            return _Candidate(OTHER, 0.9, index, entry.phrase)
        if entry.phrase in rules.vetoable and vetoed:
            return _Candidate(OTHER, 0.6, index, entry.phrase)
        role, refined = _refine(entry, domains)
        if refined:
            return _Candidate(role, 0.8, index, entry.phrase)
        weak = entry.phrase in rules.weak
        return _Candidate(role, 0.65 if weak else 0.9, index, entry.phrase, weak)
    for head in heads:
        for key in sorted(set(domains), key=rules.domain_order.index):
            composed = _compose(key, head)
            if composed is None:
                continue
            if vetoed and key in _VETOED_DOMAINS:
                return _Candidate(OTHER, 0.6, index, f"{key} {head}")
            weak = head == "consultant" or key in ("security", "it", "cloud")
            return _Candidate(composed, 0.65 if weak else 0.8, index, f"{key} {head}", weak)
    return None


def _leader(entry: _Entry) -> str:
    """A rank word used as the head noun: a tech lead leads work, a manager leads people."""
    return "lead" if entry.value == "lead" else "leader"


def _compose(key: str, head: str) -> str | None:
    if head == "lead":
        if key in ("software", "engineering"):
            return "software-engineer"
        head = "leader"
    return _rules().compose.get((key, head))


def _refine(entry: _Entry, domains: list[str]) -> tuple[str, bool]:
    """A generic catalog role narrowed by a domain ("Software Engineer, ML" -> ml-engineer)."""
    table = dict(_rules().refine.get(entry.value, {}))
    if entry.phrase in _rules().researchy:
        table.update({"ml": "ai-research-scientist", "research": "ai-research-scientist"})
    for key in sorted(set(domains), key=_rules().domain_order.index):
        if key in table:
            return table[key], True
    return entry.value, False


def _qualified(first: _Candidate, segments: list[_Segment]) -> _Candidate:
    """Apply domains from segments that name no role to the primary candidate."""
    loose = [
        e.value
        for i, seg in enumerate(segments)
        if i != first.segment and not any(x.kind in ("role", "other") for x in seg.entries)
        for e in seg.entries
        if e.kind == "domain"
    ]
    entry = _lexicon().phrases.get(tuple(first.phrase.split()))
    if entry is None or entry.kind != "role" or entry.value != first.role:
        return first
    vetoed = any(
        t in _rules().veto for i, s in enumerate(segments) if i != first.segment for t in s.tokens
    )
    if vetoed and first.phrase in _rules().vetoable:
        return _Candidate(OTHER, 0.55, first.segment, first.phrase)
    role, refined = _refine(entry, loose)
    if refined:
        return _Candidate(
            role, 0.75 if first.weak else min(first.score, 0.8), first.segment, first.phrase
        )
    return first


def _fallback(segments: list[_Segment]) -> _Candidate | None:
    """No segment names a role: a head in one segment and a domain in another, or a domain."""
    heads = [e.value for s in segments for e in s.entries if e.kind == "head"] + [
        _leader(e)
        for s in segments
        for e in s.entries
        if e.kind == "seniority" and _RANK[e.value] >= _RANK["lead"]
    ]
    domains = sorted(
        {e.value for s in segments for e in s.entries if e.kind == "domain"},
        key=_rules().domain_order.index,
    )
    for head in heads:
        for key in domains:
            role = _compose(key, head)
            if role is not None and key not in ("software", "cloud", "product"):
                return _Candidate(role, 0.6, 0, f"{key} {head}")
    for key in domains:
        if key in _rules().domain_only:
            return _Candidate(_rules().domain_only[key], 0.45, 0, key)
    return None


def _other_score(segments: list[_Segment]) -> float:
    """How sure a title is *not* a catalog role: less so when it has tech words."""
    techy = sum(
        1
        for s in segments
        for e in s.entries
        if e.kind == "domain" and e.value not in ("product", "engineering", "data")
    )
    heads = sum(1 for s in segments for e in s.entries if e.kind == "head" and e.value != "leader")
    return 0.9 if techy == 0 and heads == 0 else 0.75 if techy == 0 else 0.55


@lru_cache(maxsize=262144)
def _classify(key: str) -> tuple[str, str, float, bool, tuple[tuple[str, float], ...]]:
    segments = _segments(key)
    if not segments:
        return OTHER, "mid", 0.0, True, ()
    for seg in segments:
        _scan(seg)
    found = [c for i, s in enumerate(segments) if (c := _segment_candidate(i, s)) is not None]
    if found:
        primary = _qualified(found[0], segments)
    else:
        fallback = _fallback(segments)
        primary = fallback or _Candidate(OTHER, _other_score(segments), 0, "")
    others: dict[str, float] = {}
    for cand in found[1:]:
        if cand.role != primary.role:
            others[cand.role] = max(others.get(cand.role, 0.0), round(cand.score * 0.6, 2))
    score = primary.score
    if primary.weak and primary.role != OTHER and OTHER not in others:
        others[OTHER] = round(1 - score, 2)
    if others:
        score = min(score, 0.6)
    ambiguous = score < 0.6 or bool(others)
    if primary.role == OTHER and primary.score >= 0.75 and not others:
        ambiguous = False
    alternatives = tuple(sorted(others.items(), key=lambda kv: -kv[1])[:3])
    seniority = _seniority(segments, primary.role)
    return primary.role, seniority, round(score, 2), ambiguous, alternatives


def classify_title(title: str) -> TitleMatch:
    """The catalog role (or ``"other"``) and seniority of a job title.

    >>> m = classify_title("Sr. Machine Learning Engineer II - Remote")
    >>> (m.role, m.seniority)
    ('ml-engineer', 'senior')
    """
    key = " ".join(title.split())
    role, seniority, score, ambiguous, alternatives = _classify(key.lower())
    return TitleMatch(key, role, seniority, score, ambiguous, alternatives)


# ------------------------------------------------------------------ levels


_DS_LEVELS = {"EN": "junior", "MI": "mid", "SE": "senior", "EX": "director"}
_LADDERS: dict[str, dict[int, str]] = {
    # Google-style L levels, used when the company is unknown
    "l": {
        1: "junior",
        2: "junior",
        3: "junior",
        4: "mid",
        5: "senior",
        6: "staff",
        7: "staff",
        8: "principal",
        9: "principal",
        10: "principal",
    },
    "e": {
        3: "junior",
        4: "mid",
        5: "senior",
        6: "staff",
        7: "staff",
        8: "principal",
        9: "principal",
    },
    "ict": {1: "junior", 2: "junior", 3: "mid", 4: "senior", 5: "staff", 6: "principal"},
    "ic": {
        1: "junior",
        2: "junior",
        3: "mid",
        4: "senior",
        5: "staff",
        6: "principal",
        7: "principal",
    },
    "p": {1: "junior", 2: "mid", 3: "senior", 4: "staff", 5: "principal", 6: "principal"},
    "m": {1: "manager", 2: "manager", 3: "director", 4: "director", 5: "vp", 6: "vp"},
}
_AMAZON = {4: "junior", 5: "mid", 6: "senior", 7: "principal", 8: "director", 10: "vp"}
_LEVEL_CODE = re.compile(r"^(ict|ic|l|e|p|m)[\s-]?(\d{1,2})[a-z]?\b", re.IGNORECASE)


def seniority_from_level(level: str, company: str | None = None) -> str | None:
    """Seniority of a company level code or level name; ``None`` when it says nothing.

    Reads ds_salaries experience codes (``EN``/``MI``/``SE``/``EX``), Levels.fyi codes
    (``L5``, ``E4``, ``ICT3``, ``IC4``, ``P2``, ``M1``; Amazon's and Microsoft's own ladders
    when ``company`` says so) and worded levels ("Senior", "SDE II", "Staff Engineer").
    """
    text = " ".join(level.split())
    if text.upper() in _DS_LEVELS:
        return _DS_LEVELS[text.upper()]
    firm = (company or "").strip().lower()
    if text.isascii() and text.isdigit():  # Microsoft's 59-80 ladder: the one bare-number one
        number = int(text)
        return _microsoft(number) if 59 <= number <= 80 else None
    code = _LEVEL_CODE.match(text)
    if code:
        ladder, number = code.group(1).lower(), int(code.group(2))
        if ladder == "l" and firm.startswith("amazon"):
            return _AMAZON.get(number)
        return _LADDERS[ladder].get(number)
    if not _TOKEN.search(text.lower()):
        return None
    segments = _segments(text.lower())
    for seg in segments:
        _scan(seg)
    said = any(_segment_ranks(s) or _numeral(s.tokens) for s in segments)
    return _seniority(segments, OTHER) if said else None


def _microsoft(number: int) -> str:
    if number <= 60:
        return "junior"
    if number <= 62:
        return "mid"
    if number <= 64:
        return "senior"
    if number <= 67:
        return "principal"
    return "director"
