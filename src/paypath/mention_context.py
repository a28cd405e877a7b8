"""Mention context: is a skill mention asked of the candidate, or only mentioned?

A job posting names technologies in many places: in what it asks of the candidate
("3+ years of experience with Python"), but also in its title line ("Senior Java
Software Engineer"), in a description of the company and its stack ("We run on
Azure/Docker/Kubernetes", "Our QA team works from our offices") and in its benefits and
culture ("MacBook Pro or Linux laptop", "We firmly believe in teamwork").
:func:`mention_contexts` gives each mention one of :data:`CONTEXTS`:

``requirement``
    a skill the text asks of the candidate (also responsibilities: what the hire will do);
``title``
    part of a job title: a title line, or a role phrase ("a Unity Gameplay Programmer");
``company``
    a description of the company, its stack, team, process or values;
``benefits``
    what the employer offers (equipment, learning budget, mentoring programs, perks).

The decision reads the sentence a mention sits in, the heading in effect above it and
the sentence before it, with explicit cues; the first that applies wins:

1. **Title**: the line under a ``Role:``/``Job title:`` heading; the first line of a
   text of several lines when it is short and names a role head ("Engineer",
   "Developer", "Tester"...); or, outside a requirements section, a *title line*: at
   most 12 words (placeholders such as ``<ORGANIZATION>`` not counted), no lowercase
   word of four letters or more outside parentheses, a role head, and
   :func:`~paypath.titles.classify_title` reads a tech role; or the headline of a line
   that goes on with posting metadata ("Backend Engineer (Python) <ORGANIZATION> Date
   posted: ..."): what comes before "Date posted:" / "Posted:".
2. **The words around the mention**: followed by a role head and preceded by an
   article or a seniority, with up to three capitalised words between ("a Unity Gameplay
   Programmer", "Senior Java Developer", "a dedicated Senior BPMN Camunda Java
   Developer", "As an SRE in Cloud Services you'll ...") it is ``title``, unless it is
   what someone worked as ("5 years as a Java developer"); a capitalised name followed
   by "team" ("our QA team is working from our offices") is ``company``.
3. **The sentence's own words**, in this order (Aho-Corasick over fixed phrase lists):
   requirement phrases ("experience with/in", "knowledge of", "proficient",
   "familiarity", "you have/bring/know", "required", "must", "nice to have", "a plus",
   "preferred", "N+ years", "looking for", "the ideal candidate"); benefit phrases ("we
   offer", "you will get", "laptop", "salary", "holidays", "health insurance",
   "learning budget", "mentoring program", "attend conferences", "flat hierarchy",
   "training courses", "team events"); duties ("you will", "this role",
   "responsible for"); the employer as subject ("We ...", "Our ...", "<ORGANIZATION>
   ...", "Join ..."); weaker requirement words that also describe companies ("ability
   to", "expertise", "background in"); a sentence opening with a duty verb ("Design
   ...", "Build ..."); a description of the stack ("is written in", "built with", "runs
   on", "we use", "we rely on", "our ... platform"). A "sentence" of 60 words or more is
   an unpunctuated dump and its words are not read.
4. **The heading in effect**: the nearest heading above ("Requirements",
   "Qualifications", "What you'll do", "Technologies" -> requirement; "Benefits", "What
   we offer", "Perks" -> benefits; "About us", "Our tech stack", "Company description",
   "Culture" -> company; neutral headings such as "Job description" reset it). A
   heading is a short line that ends with ``:`` or ``?``, or opens with one of these
   words and has no final full stop; a longer line ending with ``:`` ("Alongside pay we
   offer:") is read with the sentence cues. An inline heading ("Requirements: Python,
   SQL") counts for the rest of its line and what follows.
5. **The previous sentence**: with no heading in effect, a prose sentence without cues
   continues the topic of the last sentence that had one ("We are a small team in
   Lisbon. Most of the backend is Go and PostgreSQL.") -- unless that one was about
   something of the employer's ("Our platform ..."), whose topic ends with it.
6. Otherwise ``requirement``: a bare list of technologies, or a short text with no
   sentence context ("Python, C, Java and C/C++"), is what the text asks for.

The cue lists and their order were chosen by reading SkillSpan's TECH train and dev
splits (Zhang et al., NAACL 2022, MIT licence); its test split is only reported
(``bench/skill_extraction.py``). Nothing is fitted.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import Any, Generic, Literal, TypeVar

import ahocorasick

from paypath.paragraphs import ParagraphMemo, paragraphs

__all__ = ["CONTEXTS", "Context", "context_cues", "mention_contexts"]

Context = Literal["requirement", "title", "company", "benefits"]
CONTEXTS: tuple[Context, ...] = ("requirement", "title", "company", "benefits")
_Section = tuple[Context, str] | None  # the heading in effect: (its context, its cue)
_Cue = tuple[Context, str]
_T = TypeVar("_T")

# Postings repeat their lines: an employer's boilerplate ("About us", benefits, equal
# opportunity) recurs in each of its postings, and one job is scraped from several boards.
# The pure steps below (a line's heading, a sentence's cues) are remembered per process for
# that many distinct lines up to that many characters; a longer text is read every time.
_MEMO_SIZE = 1 << 14
_MEMO_CHARS = 400


class _Memo(Generic[_T]):
    """A pure function of one text, remembered for short texts (``plain``: not remembered)."""

    def __init__(self, plain: Callable[[str], _T]) -> None:
        self.plain = plain
        self._remembered = lru_cache(maxsize=_MEMO_SIZE)(plain)
        self.__doc__ = plain.__doc__

    def __call__(self, text: str) -> _T:
        if len(text) > _MEMO_CHARS:
            return self.plain(text)
        return self._remembered(text)

    def cache_clear(self) -> None:
        self._remembered.cache_clear()


# ------------------------------------------------------------------ sentence cues


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_REQUIREMENT_CUES = (
    *(
        f"{noun} {prep}"
        for noun in ("experience", "experienced", "experiences")
        for prep in _split(
            "with in of using on as building working developing designing writing running "
            "creating leading managing implementing deploying maintaining"
        )
    ),
    "experience is",
    *(f"knowledge {prep}" for prep in ("of", "in", "about", "on")),
    "knowledgeable",
    *(f"understanding {prep}" for prep in ("of", "on", "in")),
    "understands",
    "you understand",
    "familiar",
    "familiarity",
    "familiarized",
    "familiarised",
    "proficient",
    "proficiency",
    "expert in",
    "expert on",
    "expert with",
    "skilled",
    "exposure to",
    "hands on experience",
    "fluent",
    "fluency",
    "comfortable with",
    "comfortable using",
    "comfortable working",
    "require",
    "requires",
    "required",
    "prerequisite",
    "pre requisite",
    "must",
    "nice to have",
    *(
        f"{a} {size}{gain}"
        for a in ("a", "an")
        for size in ("", "big ", "huge ", "strong ", "real ")
        for gain in ("plus", "bonus", "advantage")
    ),
    "bonus points",
    "preferred",
    "preferably",
    "desired",
    "desirable",
    "ideally",
    "essential",
    "years of",
    *(f"you {verb}" for verb in _split("ve have bring know possess master should need are re")),
    *(
        f"{you} {article}{adjective}"
        for you in ("you re", "you are")
        for article in ("", "a ", "an ")
        for adjective in _split(
            "fluent experienced skilled familiar comfortable expert proficient passionate able"
        )
    ),
    *(f"your {noun}" for noun in _split("experience knowledge skills background expertise")),
    "looking for",
    "searching for",
    *(f"{ask} you" for ask in ("can", "do", "are", "have", "will")),  # "Do you know Go?"
    *(f"{want} to {see}" for want in ("want", "love", "like") for see in ("see", "know")),
    "you can demonstrate",
    "demonstrated",
    "demonstrable",
    "proven",
    *(f"looking to {verb}" for verb in _split("hire expand grow add find recruit strengthen")),
    "seeking",
    "we d like",
    "we would like",
    "we d love",
    "we would love",
    *(f"we {verb}" for verb in _split("expect require need want")),
    *(
        f"{adjective} {noun}"
        for adjective in ("ideal", "successful", "suitable", "preferred")
        for noun in ("candidate", "candidates")
    ),
    *(f"candidate {verb}" for verb in _split("with should must will")),
    *(f"candidates {verb}" for verb in _split("with should must will")),
    "qualification",
    "qualifications",
    "certified in",
    "certified as",
    "certification in",
    "certifications in",
    "degree",
)
# words that ask something of the candidate, but also describe what a company does
# ("the ability to generate tests", "a strong background in methodology"): they count
# only when the employer is not the subject of the sentence
_WEAK_REQUIREMENT_CUES = (
    "expertise",
    "skills in",
    "skills with",
    "skill in",
    "background in",
    "exposure",
    "interest in",
    "hands on",
    "competent",
    "competence",
    "competency",
    "competencies",
    "ability to",
    "able to",
)
_BENEFIT_CUES = (
    "we offer",
    "we provide",
    "we ll offer",
    "we ll provide",
    *(
        f"{you} {verb}"
        for you in ("you", "you ll", "you will")
        for verb in ("get", "receive", "be offered", "have access")
    ),
    *(
        f"{what} benefits"
        for what in ("great", "competitive", "excellent", "full", "employee", "our", "generous")
    ),
    "benefits include",
    "benefits package",
    "perks",
    "laptop",
    "laptops",
    "macbook",
    "salary",
    "salaries",
    "compensation package",
    "competitive compensation",
    "holiday",
    "holidays",
    "vacation",
    "paid time off",
    "paid leave",
    "parental leave",
    "pension",
    *(
        f"{what} insurance"
        for what in ("health", "medical", "dental", "vision", "life", "disability", "private")
    ),
    "insurance plan",
    "insurance plans",
    "healthcare plan",
    "healthcare plans",
    "private healthcare",
    "gym",
    "stock option",
    "stock options",
    "equity package",
    "relocation",
    *(
        f"{what} budget"
        for what in ("learning", "training", "education", "conference", "development")
    ),
    "budget for",
    *(
        f"{what} {kind}"
        for what in ("mentoring", "mentorship", "coaching", "training", "development")
        for kind in ("program", "programs", "programme", "programmes", "scheme")
    ),
    "mentoring from",
    "mentoring by",
    "coaching from",
    "attend conferences",
    *(
        f"career {what}"
        for what in _split("development growth progression opportunities path paths")
    ),
    "personal development",
    "professional development",
    "professional growth",
    "flexible working",
    "flexible work",
    "flexible hours",
    *(f"free {what}" for what in _split("lunch food fruit drinks coffee snacks breakfast")),
    "flat hierarchy",
    "flat hierarchies",
    "open communication",
    *(f"{what} events" for what in ("team", "company", "employee", "social")),
    *(f"{what} {kind}" for what in ("training", "language") for kind in ("course", "courses")),
    "subsidised",
    "subsidized",
    "home office",
    "accessories",
    "office equipment",
    "the equipment you need",
)
# what the hire will do, anywhere in the sentence ("In this role you will ...")
_DUTY_CUES = (
    "you will",
    "you ll",
    "you would",
    "you are responsible",
    "you re responsible",
    "responsible for",
    "your role",
    "this role",
    "the role",
    "in this position",
    "your main task",
    "your tasks",
    "your responsibilities",
    "your responsibility",
    "your day",
    "your job",
)
_COMPANY_CUES = (
    *(
        f"{verb} {prep}"
        for verb in ("written", "built", "developed", "implemented", "hosted", "deployed")
        for prep in ("in", "on", "with", "using")
    ),
    "stored in",
    "is based on",
    "are based on",
    "based mostly on",
    "running on",
    "runs on",
    "run on",
    "powered by",
    *(
        f"we {verb}"
        for verb in (
            "use",
            "run",
            "rely",
            "leverage",
            "follow",
            "build",
            "built",
            "develop",
            "work with",
            "love",
            "value",
            "believe",
            "operate",
            "embrace",
            "combine",
            "loosely",
            "take advantage",
        )
    ),
    "is a leading",
    "is the leading",
    "is a global",
    "a world leader",
)
_YEARS = re.compile(r" \d+ (?:\d+ )?(?:years?|yrs) ")  # "3+ years", "5-10 years"
_ING_EXPERIENCE = re.compile(r" \w+ing experience | experience \w+ing ")  # "coding experience"
_OUR_STACK = re.compile(
    r" our (?:\w+ ){0,3}(?:stack|tech|technology|technologies|platforms?|products?|back ?ends?|"
    r"front ?ends?|infrastructure|codebase|architecture|servers|services|systems|applications|"
    r"apps) "
)
# the employer is the subject: "We ...", "Our ...", "<ORGANIZATION> is ...", "Join our ..."
_COMPANY_START = re.compile(
    r"(?:we\b|we'|our\b|ours\b|us\b|<organization>|(?:the|this|our) (?:team|company|group|"
    r"department|product|platform)\b|join\b|at <organization>|here at\b|founded\b|"
    r"headquartered\b)"
)
_POSSESSIVE_START = re.compile(r"(?:our|ours|the|this)\b")  # "Our X ...": X's topic ends there
# what the hire will do: "You will ...", or a line that opens with a verb ("Design ...")
_DUTY = re.compile(
    r"(?:you ?(?:'|’) ?ll\b|you will\b|you would\b|(?:\w+ly )?(?:design|build|develop|work|own|"
    r"write|maintain|create|implement|collaborate|help|drive|lead|deliver|support|manage|deploy|"
    r"define|ensure|participate|contribute|improve|automate|test|review|mentor|take|perform|"
    r"leverage|make|shape|adopt|architect|integrate|optimi[sz]e|scale|monitor|research|"
    r"analy[sz]e|investigate|troubleshoot|debug|configure|operate|run|coach|plan|evaluate|"
    r"identify|partner|communicate|engage|establish|set up|setup|champion|live|use|apply|learn|"
    r"extend|migrate|refactor|document|prototype|provide|translate|guide|solve)\b)"
)
_CUE_SEPARATORS = str.maketrans(
    {c: " " for c in string.punctuation + "’‘“”–—•·"} | {c: " " for c in string.whitespace}
)


def _phrase_key(text: str) -> str:
    """Lowercase, punctuation as spaces, padded: ``" nice to have "``."""
    return " " + " ".join(text.lower().translate(_CUE_SEPARATORS).split()) + " "


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every cue phrase, value (kind, phrase)."""
    automaton = ahocorasick.Automaton()
    tables: tuple[tuple[str, Iterable[str]], ...] = (
        ("requirement", _REQUIREMENT_CUES),
        ("weak requirement", _WEAK_REQUIREMENT_CUES),
        ("benefits", _BENEFIT_CUES),
        ("duty", _DUTY_CUES),
        ("company", _COMPANY_CUES),
    )
    for kind, phrases in tables:
        for phrase in phrases:
            key = _phrase_key(phrase)
            if not automaton.exists(key):
                automaton.add_word(key, (kind, phrase))
    automaton.make_automaton()
    return automaton


@_Memo
def _cue(sentence: str) -> _Cue | None:
    """The context a sentence's own words give, and the cue, or None (step 3 above)."""
    key = _phrase_key(sentence)
    found: dict[str, str] = {}
    for _, (kind, phrase) in _cue_automaton().iter(key):
        found.setdefault(kind, phrase)
    if "requirement" not in found:
        hit = _YEARS.search(key) if "year" in key or "yrs" in key else None
        if hit is None and " experience " in key:
            hit = _ING_EXPERIENCE.search(key)
        if hit is not None:
            found["requirement"] = hit.group().strip()
    if "requirement" in found:
        return "requirement", f"requirement cue {found['requirement']!r}"
    if "benefits" in found:
        return "benefits", f"benefit cue {found['benefits']!r}"
    if "duty" in found:
        return "requirement", f"duty cue {found['duty']!r}"
    lowered = sentence.lower()
    if start := _COMPANY_START.match(lowered):
        return "company", f"company cue {start.group()!r}"
    if "weak requirement" in found:
        return "requirement", f"requirement cue {found['weak requirement']!r}"
    if start := _DUTY.match(lowered):
        return "requirement", f"duty cue {start.group()!r}"
    if "company" not in found and " our " in key and (hit := _OUR_STACK.search(key)):
        found["company"] = hit.group().strip()
    if "company" in found:
        return "company", f"company cue {found['company']!r}"
    return None


# ------------------------------------------------------------------ headings

_HEADING_KINDS: tuple[tuple[Context | None, re.Pattern[str]], ...] = (
    ("title", re.compile(r"^(?:role|job title|job role|position|title)$")),
    (
        None,
        re.compile(
            r"^(?:(?:the|job|position|role) )?(?:description|overview|summary|details|"
            r"opportunity|introduction|location|contact|how to apply|apply|next steps|"
            r"interested)$"
        ),
    ),
    (
        "requirement",
        re.compile(
            r"\b(?:about (?:you|the (?:role|job|position|gig|opportunity|candidate)|this "
            r"(?:role|job|position|opportunity))|who you are|(?:who|what) (?:we are|we're|are we) "
            r"looking for|looking for|what (?:we need|you need|you(?:'ll| will)? (?:bring|need|do|"
            r"have))|(?:love|like) to see|(?:we|you) (?:expect|appreciate|bring|need|will need|"
            r"should have|have)|you(?:'ll| will) (?!get\b)|requirements?|qualifications?|skills?)\b"
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(?:benefits?|perks|(?:we|can|will) offer|offers?$|in it for you|why (?:join|work)|"
            r"what you(?:'ll| will)? get|compensation|rewards?)\b"
        ),
    ),
    (
        "company",
        re.compile(
            r"\b(?:our (?:[\w+-]+ )?(?:stack|tech\w*|tools|team|mission|values|story|company|"
            r"product|culture|platform)|the stack|(?:tech\w*|tools|stack) (?:we|used|in use)|"
            r"about|who we are|what we do|culture|company|equal opportunit|diversity|your team|"
            r"the team)\b"
        ),
    ),
    (
        "requirement",
        re.compile(
            r"\b(?:profile|desirable|nice[- ]to[- ]have|bonus|preferred|must[- ]haves?|"
            r"experience|expertise|technologies|tech(?:nology)? stack|responsibilit\w*|duties|"
            r"tasks?|(?:your|the|this) role|day to day|what you(?:'ll| will)? do|mission|"
            r"challenges?)\b"
        ),
    ),
)
# a heading without a colon must open with its keyword (after a determiner or two)
_HEADING_START = re.compile(
    r"^(?:(?:the|our|your|job|key|main|core|basic|minimum|preferred|additional|desired|"
    r"technical|extra|<organization>|and|&)\s+){0,3}(?:about|who|what|why|role|job|skills?|"
    r"requirements?|qualifications?|benefits?|perks|offers?|compensation|rewards?|tech\w*|"
    r"stack|team|culture|company|responsibilit\w*|duties|tasks?|profile|desirable|nice|bonus|"
    r"preferred|must|experience|expertise|mission|challenges?|day|you|we|position|"
    r"equal|diversity|description|overview|summary|opportunity|introduction|location|contact|"
    r"how|apply|next|interested|details|love|like)\b"
)
_HEADING_CHARS = 200  # a longer line is never a heading
_PROSE_CHARS = 2000  # a longer line is a dump, not a sentence whose topic carries on
_DEFAULT: _Cue = ("requirement", "default")

# ------------------------------------------------------------------ lines and mentions

_LONG_SENTENCE = 60  # words; a longer "sentence" is an unpunctuated dump: its cues are noise
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_LINE = re.compile(r"[^\r\n]+")
# a sentence ends at . ! ? and space, but not after "e.g." / "i.e." / "etc." / "incl."
_SENTENCE_END = re.compile(
    r"[.!?](?<!\be\.g\.)(?<!\be\.g \.)(?<!\bi\.e\.)(?<!\bi\.e \.)(?<!\betc\.)(?<!\bincl\.)"
    r"(?<!\bvs\.)[.!?]*\s+(?=\S)"
)
_BULLET = re.compile(r"^[\s*•·●▪◦\-–—>#+☞⌲►✓✔➤→★|]+")
_TRAILER = re.compile(r"[\s*#:?\-–—]+$")
# "Requirements: Python", and a heading glued to its text by a lost line break
# ("ResponsibilitiesDesign and build ...", "Who you areYou're ..."); validated by the lexicon
_INLINE_HEADING = re.compile(
    r"^([^:.!?]{2,40}):\s*(?=\S)|^([A-Z][A-Za-z'’& /-]{2,40}?[a-z])(?=[A-Z][a-z])"
)
_ROLE_HEAD = (
    r"(?i:engineers?|developers?|devs|programmers?|architects?|administrators?|admins?|"
    r"testers?|consultants?|analysts?|scientists?|specialists?|interns?|designers?|"
    r"ninjas?|technologists?|hackers?)"
)
_TITLE_WORDS = 12  # a longer line is not a job title
_SENTENCE_WORDS = frozenset(
    _split("is are was were be we our you your will can to has have seeking hiring looking")
)
_TITLE_GLUE = frozenset({"with", "from", "into", "within"})  # "Java Engineer with Go"
_TITLE_HEAD = re.compile(rf"\b(?:{_ROLE_HEAD}|(?i:leads?|managers?|head|director))\b")
# after a mention: up to three capitalised words, then a role head ("Gameplay Programmer",
# "reporting to our DevOps Manager")
_TITLE_AFTER = re.compile(
    rf"(?:\s+(?:[A-Z][\w.+#-]*|[a-z]+-end|full[- ]stack)){{0,3}}[\s/&-]+"
    rf"(?:{_ROLE_HEAD}|(?i:managers?))\b"
)
# before a mention: an article or a seniority, then up to three capitalised words
# ("a dedicated Senior BPMN Camunda [Java] Developer", "our first ever [SRE] Engineer")
_TITLE_BEFORE = re.compile(
    r"(?:\b(?i:an?|as|our|new|experienced|senior|sr|junior|jr|lead|principal|staff|"
    r"mid-level|skilled|talented|passionate|dedicated|motivated|hands-on|hire|hiring|seeking|"
    r"the|your|first|ever|future|next)"
    r"|[,(])(?:\s+[A-Z][\w.+#/-]*){0,3}\s*$"
)
_TEAM_AFTER = re.compile(
    r"(?:[\s/&-]+(?!(?:and|or|with|of|a|an|the|great|good|strong)\b)[\w.+#-]+){0,3}?"
    r"[\s/&-]+(?:team|teams|squad|department)\b(?! (?:building|members?|players?|spirit))"
)
_TEAM_WORD = re.compile(r"team|squad|department")
# a lowercase team is one when owned: "our industry-leading data analytics team"
_OWNED = re.compile(r"\b(?i:our|the|your)\s+(?:[\w-]+\s+){0,2}$")
_AS_ROLE = re.compile(r"\W*as (?:an?|the)\b(?:(?!\byou\b)[^,])*$", re.IGNORECASE)  # "As an SRE "
_WORKED_AS = re.compile(r"\b(?:experience|years|worked|work|background) as\b", re.IGNORECASE)
# posting metadata after a headline: what comes before it is title, company and place
_POSTED = re.compile(r"\b(?:date posted|posted on|posted):", re.IGNORECASE)
_NEAR = 60  # characters around a mention read for a role phrase or a team name
_AS_WORDS = 6  # "As an SRE in Cloud Services": the role named right after "As a"
_OPENING_CHARS = 200  # longer than six words can be: no "As a ..." opening
_REQUIREMENT_NEAR = re.compile(
    r"\b(?:experience|knowledge|understanding|familiar\w*|proficien\w*|leading|lead|manage|"
    r"managing|building|build)\b",
    re.IGNORECASE,
)


def mention_contexts(text: str, spans: Sequence[tuple[int, int]]) -> list[Context]:
    """The context of each mention of ``text`` at ``spans`` ((start, end), in text order)."""
    return [context for context, _ in context_cues(text, spans)]


def context_cues(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[Context, str]]:
    """(context, the cue that decided it) for each mention at ``spans``, in text order.

    The cue is a short human-readable reason: ``"title line"``, ``"requirement cue
    'experience with'"``, ``"heading 'Benefits'"``, ``"default"``...
    """
    if not spans:
        return []
    starts = [s for s, _ in spans]
    reader = _Reader(multiline="\n" in text.strip())
    if "\n\n" in text and _on_lines(text, starts):
        return _paragraph_cues(reader, text, spans, starts)
    out = reader.lines(text, spans, starts, stop=True)
    out.extend(_DEFAULT for _ in range(len(starts) - len(out)))
    return out


def _on_lines(text: str, starts: list[int]) -> bool:
    """Whether ``starts`` are sorted and each on a line's character (as every mention
    found in the text is): then each mention belongs to one paragraph."""
    size = len(text)
    previous = 0
    for start in starts:
        if start < previous or start >= size or text[start] in "\r\n":
            return False
        previous = start
    return True


def _paragraph_cues(
    reader: _Reader, text: str, spans: Sequence[tuple[int, int]], starts: list[int]
) -> list[_Cue]:
    """:func:`context_cues` read paragraph by paragraph (split at blank lines), each one
    remembered with the reader's state before and after it (see :meth:`_Reader.paragraph`).
    """
    out: list[_Cue] = []
    offset = done = 0
    for block in paragraphs(text):
        end = offset + len(block)
        last = bisect.bisect_left(starts, end, done)
        out.extend(
            reader.paragraph(block, tuple([(s - offset, e - offset) for s, e in spans[done:last]]))
        )
        done = last
        if done == len(starts):
            break
        offset = end + 2
    return out


# a paragraph's cues and the reader's state after it, keyed by the paragraph, its
# mentions and the reader's state before it (up to 16M characters of paragraphs)
_PARAGRAPH_MEMO: ParagraphMemo[
    tuple[Any, ...], tuple[tuple[_Cue, ...], _Section, _Section, bool]
] = ParagraphMemo(1 << 24)


class _Reader:
    """Reads a text line by line: the heading in effect, and the topic of the last sentence."""

    def __init__(self, *, multiline: bool) -> None:
        self.section: _Section = None
        self.opening = multiline  # the next line opens a text of several lines
        self._topic: _Section = None  # the last own cue since the last heading ...
        self._unread: list[str] = []  # ... once these later sentences are read (lazily)

    def lines(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        starts: Sequence[int],
        *,
        stop: bool,
    ) -> list[_Cue]:
        """The contexts of the mentions at ``spans`` (their ``starts`` sorted), reading
        ``text`` line by line; ``stop``: once the last mention is read."""
        out: list[_Cue] = []
        done = 0
        for match in _LINE.finditer(text):
            last = bisect.bisect_left(starts, match.end(), done)
            if done == last:
                self.skip(match.group())
                continue
            out.extend(self.read(match.group(), match.start(), spans[done:last]))
            done = last
            if stop and done == len(starts):
                break
        return out

    def paragraph(self, block: str, spans: tuple[tuple[int, int], ...]) -> list[_Cue]:
        """The contexts of the mentions at ``spans`` in one paragraph, all of it read.

        Remembered: the cues and the state after a paragraph depend only on the paragraph,
        its mentions and the state before it -- the heading in effect, whether the text's
        first line is still ahead, and the topic (settled first: :meth:`topic` gives the
        same whenever it is asked, so asking it at a paragraph's edge changes nothing).
        """
        self.topic()
        key = (block, spans, self.section, self._topic, self.opening)
        known = _PARAGRAPH_MEMO.get(key)
        if known is not None:
            cues, self.section, self._topic, self.opening = known
            self._unread = []
            return list(cues)
        out = self.lines(block, spans, [s for s, _ in spans], stop=False)
        self.topic()
        _PARAGRAPH_MEMO.put(key, (tuple(out), self.section, self._topic, self.opening), len(block))
        return out

    def skip(self, line: str) -> None:
        """A line without mentions: a heading, or a sentence whose topic carries on."""
        if not line.strip():
            return
        self.opening = False
        heading = _heading(line)
        if heading is not False:
            self._open(heading)
        elif self._titled():
            self.section = None
        elif self.section is None and len(line) <= _PROSE_CHARS:
            self._unread.append(line)

    def _titled(self) -> bool:
        """Whether a title heading ("Role:") is in effect; it covers one line only."""
        return self.section is not None and self.section[0] == "title"

    def read(self, line: str, offset: int, spans: Sequence[tuple[int, int]]) -> list[_Cue]:
        """The contexts of the mentions at ``spans`` (text offsets) on ``line``."""
        if self.opening and _is_opening_title(line):
            self.opening = False
            return [("title", "first line")] * len(spans)
        self.opening = False
        if self._titled():
            short = len(_PLACEHOLDER.sub(" ", line).split()) <= _TITLE_WORDS
            self.section = None
            if short:
                return [("title", "line under a 'Role:' heading")] * len(spans)
        cues = _remembered_line_contexts(line, offset, spans, self.section, self.topic)
        if line.rstrip().endswith(":") and (heading := _heading(line)) is not False:
            self._open(heading)  # "Java technologies:" opens a list
        elif (inline := _inline_heading(_BULLET.sub("", line))) and (
            heading := _heading_kind(inline[0])
        ) is not False:
            self._open(None if heading is not None and heading[0] == "title" else heading)
        elif self.section is None and len(line) <= _PROSE_CHARS:
            self._unread.append(_SENTENCE_END.split(line)[-1])
        return cues

    def _open(self, heading: _Section) -> None:
        self.section, self._topic, self._unread = heading, None, []

    def topic(self) -> _Section:
        """The context of the last sentence with a cue of its own, read only when needed."""
        while self._unread:
            body = _tidy(self._unread.pop())
            if body.count(" ") >= _LONG_SENTENCE or (cue := _cue(body)) is None:
                continue
            if cue[1].startswith("company cue") and _POSSESSIVE_START.match(body.lower()):
                continue  # "Our platform is ...": the next sentence may be about something else
            self._topic = cue[0], f"previous sentence: {cue[1]}"
            self._unread.clear()
        return self._topic


@_Memo
def _heading(line: str) -> _Section | Literal[False]:
    """The section a heading line opens (None: a neutral heading), or False: no heading."""
    if len(line) > _HEADING_CHARS or line.rstrip().endswith("."):
        return False
    stripped = _BULLET.sub("", line).strip()
    key = _TRAILER.sub("", stripped)
    words = _PLACEHOLDER.sub("", key).split()
    if not words:
        return False
    if stripped.endswith((":", "?")):
        if len(words) > 20:
            return False
        if len(words) > 4 and (cue := _cue(_tidy(stripped))):
            return cue[0], f"heading {key!r}"  # "Alongside pay we offer:", "You bring:"
        heading = _heading_kind(key)
        return None if heading is False else heading
    if len(words) > 6 or not _HEADING_START.match(_key(key)):
        return False
    return _heading_kind(key)


@_Memo
def _inline_heading(text: str) -> tuple[str, int] | None:
    """(the heading, where the text after it starts) when ``text`` opens with one."""
    match = _INLINE_HEADING.match(text)
    if match is None:
        return None
    heading = match.group(1) or match.group(2)
    if match.group(2) is not None and (
        not _HEADING_START.match(_key(heading)) or _heading_kind(heading) is False
    ):
        return None  # "JavaScript": no heading glued to "Script"
    return heading, match.end()


def _key(heading: str) -> str:
    return " ".join(heading.lower().replace("’", "'").split())


def _heading_kind(heading: str) -> _Section | Literal[False]:
    """The section a heading's words name (None: a neutral one), or False: none."""
    key = _key(heading)
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(key):
            return None if kind is None else (kind, f"heading {heading.strip()!r}")
    return False


def _tidy(sentence: str) -> str:
    return _BULLET.sub("", sentence.replace("’", "'")).strip()


def _line_contexts(
    line: str,
    offset: int,
    spans: Sequence[tuple[int, int]],
    section: _Section,
    topic: Callable[[], _Section],
) -> list[_Cue]:
    """The contexts of the mentions at ``spans`` (offsets in the text) on one line."""
    in_requirements = section is not None and section[0] == "requirement"
    if not in_requirements and _is_title_line(line):
        return [("title", "title line")] * len(spans)
    # "Java Developer <ORGANIZATION> Date posted: ..." (the substring test is 10x cheaper)
    posted = _POSTED.search(line) if "osted" in line or "OSTED" in line else None
    header = sum(start - offset < posted.start() for start, _ in spans) if posted else 0
    if header:
        headline: _Cue = ("title", "headline before 'posted:'")
        return [headline] * header + _line_contexts(line, offset, spans[header:], section, topic)
    bounds = _sentence_starts(line)
    cues: dict[tuple[int, bool, bool], _Cue] = {}
    inline_ends: dict[int, int | None] = {}
    out: list[_Cue] = []
    for start, end in spans:
        start, end = start - offset, end - offset
        index = bisect.bisect_right(bounds, start) - 1
        begin = bounds[index]
        finish = bounds[index + 1] if index + 1 < len(bounds) else len(line)
        # the slices around a mention are bounded, so a long sentence stays linear
        opening = line[begin:start] if start - begin <= _OPENING_CHARS else None
        before = line[max(begin, start - _NEAR) : start]
        mention = _mention_cue(
            before, opening, line[start:end], line[end : min(finish, end + _NEAR)]
        )
        if mention is not None:
            out.append(mention)
            continue
        if index not in inline_ends:
            inline = _inline_heading(_tidy(line[begin:finish]))
            inline_ends[index] = inline[1] if inline else None
        heading_end = inline_ends[index]
        after_heading = heading_end is not None and start - begin > heading_end
        in_title = heading_end is not None and 0 < start - begin - heading_end <= _NEAR
        key = (index, after_heading, in_title)
        if key not in cues:
            cues[key] = _sentence_cue(line[begin:finish], section, topic, after_heading, in_title)
        out.append(cues[key])
    return out


# a line's cues, keyed by (line, its mentions' spans in it, the heading in effect): with
# whether the topic was read and what it was; up to this many characters of lines in all
_LINE_MEMO: dict[
    tuple[str, tuple[tuple[int, int], ...], _Section], tuple[tuple[_Cue, ...], bool, _Section]
] = {}
_LINE_MEMO_CHARS = 1 << 23
_line_memo_chars = [0]


def _remembered_line_contexts(
    line: str,
    offset: int,
    spans: Sequence[tuple[int, int]],
    section: _Section,
    topic: Callable[[], _Section],
) -> list[_Cue]:
    """:func:`_line_contexts`, remembered: boilerplate lines recur across postings.

    The cues are a pure function of the line, the spans in it, the heading in effect and,
    when the line reads it, the previous sentence's topic; a remembered answer that read
    the topic stands only when the topic is the same now. (Reading the topic sooner than
    the line would have changes nothing: :meth:`_Reader.topic` is the last cue of the
    sentences read so far, whenever it is asked.)
    """
    relative = tuple((start - offset, end - offset) for start, end in spans)
    key = (line, relative, section)
    known = _LINE_MEMO.get(key)
    if known is not None:
        cues, read_topic, seen = known
        if not read_topic or topic() == seen:
            return list(cues)
    asked: list[_Section] = []

    def watched() -> _Section:
        value = topic()
        asked.append(value)
        return value

    out = _line_contexts(line, 0, relative, section, watched)
    _line_memo_chars[0] += len(line)
    if _line_memo_chars[0] > _LINE_MEMO_CHARS:
        _LINE_MEMO.clear()  # cheaper than an LRU's bookkeeping on every line
        _line_memo_chars[0] = len(line)
    _LINE_MEMO[key] = (tuple(out), bool(asked), asked[0] if asked else None)
    return out


@_Memo
def _sentence_starts(line: str) -> tuple[int, ...]:
    """Where each sentence of a line starts (0 first)."""
    return (0, *(m.end() for m in _SENTENCE_END.finditer(line)))


@lru_cache(maxsize=_MEMO_SIZE)  # its texts are short: at most _NEAR and _OPENING_CHARS
def _mention_cue(before: str, opening: str | None, mention: str, after: str) -> _Cue | None:
    """A cue in the words right around a mention: a role phrase or a team name.

    ``before`` is the sentence's last ``_NEAR`` characters up to the mention, ``after``
    up to ``_NEAR`` after it; ``opening`` the whole sentence up to the mention, or None
    when that is longer than ``_OPENING_CHARS`` (too long to open with "As a ...").
    """
    role = bool(before.strip()) and bool(_TITLE_AFTER.match(after))
    role = role and bool(_TITLE_BEFORE.search(before))
    if (
        not role
        and opening is not None
        and opening.count(" ") <= _AS_WORDS
        and opening.lstrip()[:3].lower() == "as "
    ):
        role = bool(_AS_ROLE.match(opening))  # "As an SRE in Cloud Services you'll ..."
    if role:  # "a Unity Gameplay Programmer", but "5 years as a Java developer" asks for Java
        return None if _WORKED_AS.search(before) else ("title", "role phrase")
    owned = mention[:1].isupper() or bool(_OWNED.search(before))
    named_team = owned and _TEAM_WORD.search(after) and _TEAM_AFTER.match(after)
    if named_team and not _REQUIREMENT_NEAR.search(before):
        return "company", "team name"  # a named team ("our QA team"), not "an agile team"
    return None


def _sentence_cue(
    sentence: str,
    section: _Section,
    topic: Callable[[], _Section],
    after_heading: bool,
    in_title: bool,
) -> _Cue:
    """The context of a sentence's mentions (those after its inline heading, if so told)."""
    body = _tidy(sentence)
    if after_heading and (inline := _inline_heading(body)):
        heading = _heading_kind(inline[0])
        body = body[inline[1] :].strip()
        if heading is not False and heading is not None and heading[0] == "title":
            return heading if in_title else _cue(body) or _DEFAULT  # "Role: X" names X only
        if heading is not False:
            section, topic = heading, _no_topic
    if body.count(" ") >= _LONG_SENTENCE:
        return section or _DEFAULT
    if (cue := _cue(body)) is not None:
        return cue
    if section is None and _is_prose(sentence):  # a topic carries into prose, not lists
        section = topic()
    return section or _DEFAULT


def _no_topic() -> _Section:
    return None


def _is_prose(sentence: str) -> bool:
    return sentence.rstrip()[-1:] in ".!?" and sentence.count(" ") < _LONG_SENTENCE


def _is_opening_title(line: str) -> bool:
    """The first line of a posting is its title when it is short, names a role, and is no
    sentence ("Android Engineer (m/f/x) onsite or remote", not "Acme is hiring a ...")."""
    if len(line) > _HEADING_CHARS or line.rstrip().endswith((".", ":", "?", "!")):
        return False
    words = _PLACEHOLDER.sub(" ", line).lower().split()
    if len(words) > _TITLE_WORDS or not _TITLE_HEAD.search(line):
        return False
    return not _SENTENCE_WORDS.intersection(words)


@_Memo
def _is_title_line(line: str) -> bool:
    if len(line) > _HEADING_CHARS or line.rstrip().endswith((".", ":", "?", "!")):
        return False
    words = _PLACEHOLDER.sub(" ", line).split()
    if not words or len(words) > _TITLE_WORDS:
        return False
    outside: list[str] = []
    depth = 0  # words outside parentheses: "( m/f/d )", "( all genders )"
    for word in words:
        depth += word.count("(") - word.count(")")
        if depth <= 0 and not word.endswith(")"):
            outside.append(word)
    lower = [w for w in outside if w.isalpha() and len(w) > 3 and w.islower()]
    if any(w not in _TITLE_GLUE and not _TITLE_HEAD.fullmatch(w) for w in lower):
        return False  # a sentence ("we rely on Tableau"), not a capitalised title
    if not _TITLE_HEAD.search(" ".join(outside)):
        return False
    from paypath.titles import OTHER, classify_title  # imported only when a title line is seen

    return classify_title(" ".join(words)).role != OTHER
