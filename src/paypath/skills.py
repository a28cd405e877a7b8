"""Skill extraction and resolution over the skill taxonomy (``data/skills.yaml``).

:class:`SkillExtractor` finds skill mentions in free text with one Aho-Corasick
automaton (pyahocorasick) over every extractable surface form:

1. the text is lowercased once and every separator becomes a space, keeping
   ``+ # .`` inside tokens ("C++", "C#", ".NET", "Node.js"; a sentence-final dot
   and a ``+`` before a letter are separators), so spans map 1:1 onto the input;
2. keys are padded with spaces, so a hit is always a whole token sequence;
3. case-sensitive aliases ("Go", "R", "Swift") must match the original text exactly;
4. overlapping hits keep the leftmost-longest ("Google Cloud Platform", not "Google");
5. ambiguous aliases are kept only with context evidence (the skill's
   :class:`~paypath.catalog.ContextRule`: reject first, then accept, then other
   technology skills nearby);
6. a *tag line* -- a line of lowercase tokens, no sentence words among them ("at", "the",
   "we"...), most of which name skills, as job boards print a posting's technology tags
   ("java spring-boot go amazon-web-services") -- is its own evidence: each token there
   that names a skill by any of its names, aliases or id is a mention, case rules and
   ambiguity aside ("go", "spring", "c", "aws").

With a ``scope``, each mention also gets its :mod:`~paypath.mention_context`: whether
the text asks it of the candidate (``"requirement"``) or only names it in a title line, a
description of the company and its stack, or the benefits. ``scope="requirements"``
keeps only the first kind ("which skills does this posting ask for?"); ``scope="all"``
keeps every mention, classified. Without a scope (the default) nothing is classified
and extraction runs at full speed.

:func:`resolve_skill` maps a user-typed name, id or alias to one skill.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick
from rapidfuzz import fuzz, process

from paypath.catalog import Alias, Skill, load_skills
from paypath.errors import InputError, UnknownSkill
from paypath.mention_context import Context, mention_contexts
from paypath.paragraphs import ParagraphMemo, paragraphs
from paypath.scope import SCOPE_HELP, SCOPES, Scope

__all__ = [
    "SCOPES",
    "SCOPE_HELP",
    "Scope",
    "SkillExtractor",
    "SkillMention",
    "default_extractor",
    "extract_skills",
    "normalize_name",
    "resolve_skill",
    "resolve_skills",
]

# Categories whose unambiguous mentions count as evidence for an ambiguous neighbour.
_EVIDENCE_CATEGORIES = frozenset(
    {
        "language",
        "framework",
        "library",
        "cloud",
        "data",
        "ml",
        "devops",
        "database",
        "tool",
        "os",
        "blockchain",
        "security",
    }
)
_NEAR = 80  # characters either side in which neighbouring skills count as evidence


_ASCII_SEPARATORS = str.maketrans(
    {chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "+#._")}
)
_LIST_JOINER = re.compile(r"\s*(?:[,/&]|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*")
_END_DOT = re.compile(r"\.(?!\w)")  # a dot that ends no token: "Python."
# a line of lowercase tokens (letters, digits, "+#.-_/") separated by spaces or commas
_TAG_LINE = re.compile(r"[ \t]*[a-z0-9.+#][a-z0-9.+#/_ \t,-]*\r?")
_TAG_LINE_CHARS = 300  # a longer line is prose, not a posting's tags
_TAG = re.compile(r"[^\s,]+")
_TAG_JOINERS = frozenset({"and", "or", "&"})
# words of a sentence, never of a tag list: "excel at communication" is no tag line
_SENTENCE_WORDS = (
    "a an the at to of in on for with by from as into about is are was be been am we you "
    "our your us they their it its this that these those will would can could should must "
    "may who what which when where how have has had do does not no so if but all any some "
    "more most very just also than then there here up out"
)
_TAG_STOPWORDS = frozenset(_SENTENCE_WORDS.split())
_TAG_SHARE = 0.6  # of a tag line's tokens (joiners aside) that must name skills

# paragraphs whose hits an extractor remembers: up to this many characters in all (it
# forgets them all when full: tens of MB at most), and up to this long each
_BLOCK_MEMO_CHARS = 1 << 24
_BLOCK_CHARS = 8_000
_VERDICT_MEMO = 1 << 16  # (skill, window) verdicts an extractor remembers (windows: ~80 chars)

_PLUS_WORD = re.compile(r"\+(?=[^\W\d_])")  # "Python+SQL", but not "C++17"


def _fold(error: UnicodeError) -> tuple[str, int]:
    """Encode-error handler: one ASCII stand-in per non-ASCII character (spans stay valid)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join("_" if c.isalnum() else " " for c in chunk), error.end


@cache
def _fold_errors() -> str:
    codecs.register_error("paypath-skill-fold", _fold)
    return "paypath-skill-fold"


def _normalize(text: str) -> str:
    """Lowercase ``text`` and blank separators, keeping its length (spans stay valid)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ")
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if not lowered.isascii():  # non-ASCII letters join tokens, other symbols separate
        lowered = lowered.encode("ascii", _fold_errors()).decode("ascii")
    lowered = lowered.translate(_ASCII_SEPARATORS)
    lowered = _END_DOT.sub(" ", lowered)
    return _PLUS_WORD.sub(" ", lowered) if "+" in lowered else lowered


def normalize_name(name: str) -> str:
    """The lookup key of a name: lowercase, separators as single spaces."""
    return " ".join(_normalize(name.strip()).split())


def _loose(name: str) -> str:
    return re.sub(r"[^\w+#]", "", name.lower())


@dataclass(frozen=True)
class SkillMention:
    """One mention of a skill: ``text == source[start:end]``.

    ``context`` is where it sits (:data:`paypath.mention_context.CONTEXTS`), set when the
    mention was extracted with a ``scope``; ``None`` when nobody asked.
    """

    id: str
    name: str
    start: int
    end: int
    text: str
    context: Context | None = None


@dataclass(frozen=True)
class _Entry:
    skill: int  # index into SkillExtractor._skills
    alias: str
    case_sensitive: bool
    ambiguous: bool
    extract: bool = True  # False: a resolve-only name, read in tag lines only


@dataclass(frozen=True)
class _Rule:
    reject: tuple[re.Pattern[str], ...]
    accept: tuple[re.Pattern[str], ...]
    window: int
    needs_accept: bool


_DEFAULT_RULE = _Rule((), (), 40, False)
_Hit = tuple[int, int, _Entry]  # (start, end, the alias matched)
_ASKED: Context = "requirement"


class SkillExtractor:
    """Finds skill mentions in text; build once, call :meth:`extract` many times."""

    def __init__(self, skills: Iterable[Skill] | None = None) -> None:
        self._skills: tuple[Skill, ...] = tuple(load_skills() if skills is None else skills)
        self._ids = tuple(s.id for s in self._skills)
        self._rules: dict[int, _Rule] = {}
        self._evidence: tuple[bool, ...] = tuple(
            s.category in _EVIDENCE_CATEGORIES for s in self._skills
        )
        table: dict[str, list[_Entry]] = {}
        for index, skill in enumerate(self._skills):
            if skill.context is not None:
                ctx = skill.context
                self._rules[index] = _Rule(
                    tuple(re.compile(p) for p in ctx.reject),
                    tuple(re.compile(p) for p in ctx.accept),
                    ctx.window,
                    ctx.needs_accept,
                )
            for alias in skill.surface_forms():
                self._add(table, index, alias)
        self._tag_exact, self._tag_loose = _name_keys(self._skills)
        self._tag_entries = [_Entry(i, s.name, False, False) for i, s in enumerate(self._skills)]
        self._block_memo: ParagraphMemo[str, tuple[tuple[_Hit, ...], tuple[_Hit, ...]]] = (
            ParagraphMemo(_BLOCK_MEMO_CHARS)
        )
        self._verdicts: dict[tuple[int, str], bool | None] = {}  # see _verdict
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            entries.sort(key=lambda e: (not e.extract, e.ambiguous, not e.case_sensitive))
            self._automaton.add_word(f" {key} ", (len(key), tuple(entries)))
        if table:
            self._automaton.make_automaton()

    @staticmethod
    def _add(table: dict[str, list[_Entry]], index: int, alias: Alias) -> None:
        key = normalize_name(alias.text)
        if key:
            entry = _Entry(index, alias.text, alias.case_sensitive, alias.ambiguous, alias.extract)
            table.setdefault(key, []).append(entry)

    def _tag(self, token: str) -> _Entry | None:
        """The skill a tag names by any of its names (as :func:`resolve_skill` reads them)."""
        index = self._tag_exact.get(normalize_name(token))
        if index is None:
            index = self._tag_loose.get(_loose(token))
        return None if index is None else self._tag_entries[index]

    def _tag_hits(self, text: str, starts: list[int]) -> list[tuple[int, int, _Entry]]:
        """The skills named in the text's tag lines (see the module docstring, step 6).

        Only the lines holding one of ``starts`` (sorted) are read: where the automaton
        matched a key, in any case ("java", "amazon-web-services", "go"), or a resolve-only
        name ("testing"). A tag line names two skills or more, and in practice one of them
        by such a key; a line whose tags are all known only by their loose spelling
        ("babeljs sapui5") is not read.
        """
        found: list[tuple[int, int, _Entry]] = []
        line_end = -1
        for hit_start in starts:
            if hit_start < line_end:
                continue  # a line already read
            start = text.rfind("\n", 0, hit_start) + 1
            line_end = text.find("\n", hit_start)
            line_end = len(text) if line_end < 0 else line_end
            if line_end - start > _TAG_LINE_CHARS:
                continue
            line = text[start:line_end]
            if _TAG_LINE.fullmatch(line) is None:
                continue
            tokens = [t for t in _TAG.finditer(line) if t.group() not in _TAG_JOINERS]
            if len(tokens) < 2 or any(t.group() in _TAG_STOPWORDS for t in tokens):
                continue
            named = [(t, entry) for t in tokens if (entry := self._tag(t.group()))]
            if len(named) >= 2 and len(named) >= _TAG_SHARE * len(tokens):
                found.extend((start + t.start(), start + t.end(), entry) for t, entry in named)
        return found

    def _hits(self, text: str) -> tuple[list[_Hit], list[_Hit]]:
        """(case-checked hits, leftmost-longest, without overlaps; the hits of its tag
        lines), as :meth:`_plain_hits` reads the whole text.

        A text is read paragraph by paragraph (blocks split at a blank line, ``"\\n\\n"``)
        and each paragraph's hits are remembered (:meth:`_block_hits`): postings repeat
        their boilerplate. That changes nothing: normalising maps each character on its
        own (a look-ahead sees a separator either way), and a blank line becomes two
        spaces, which no key holds, so no hit spans two paragraphs; a tag line is one
        line, so it lies in one paragraph.
        """
        parts = paragraphs(text)
        if len(parts) == 1:
            found, tags = self._block_hits(text)
            return list(found), list(tags)
        kept: list[_Hit] = []
        tagged: list[_Hit] = []
        offset = 0
        for block in parts:
            found, tags = self._block_hits(block)
            if not offset:
                kept.extend(found)
                tagged.extend(tags)
            else:
                if found:
                    kept += [(s + offset, t + offset, e) for s, t, e in found]
                if tags:
                    tagged += [(s + offset, t + offset, e) for s, t, e in tags]
            offset += len(block) + 2
        return kept, tagged

    def _block_hits(self, text: str) -> tuple[tuple[_Hit, ...], tuple[_Hit, ...]]:
        """:meth:`_plain_hits` of one paragraph; remembered for paragraphs of up to
        ``_BLOCK_CHARS`` characters (see ``_BLOCK_MEMO_CHARS``)."""
        memo = self._block_memo
        size = len(text)
        if size <= _BLOCK_CHARS:
            known = memo.get(text)
            if known is not None:
                return known
        result = self._plain_hits(text)
        if size <= _BLOCK_CHARS:
            memo.put(text, result, size)
        return result

    def _plain_hits(self, text: str) -> tuple[tuple[_Hit, ...], tuple[_Hit, ...]]:
        """(the case-checked hits of ``text``, the hits of its tag lines), nothing
        remembered. A tag line is read where a key matched in any case (see
        :meth:`_tag_hits`)."""
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return (), ()
        miscased: list[int] = []
        found = self._read_hits(text, miscased)
        starts = [h[0] for h in found]
        if miscased:
            starts = sorted(starts + miscased)
        return tuple(found), tuple(self._tag_hits(text, starts))

    def _read_hits(self, text: str, miscased: list[int]) -> list[tuple[int, int, _Entry]]:
        padded = f" {_normalize(text)} "
        found: list[tuple[int, int, _Entry]] = []
        for last, (length, entries) in self._automaton.iter(padded):
            start = last - length - 1  # `last` is the trailing pad in `padded`
            end = last - 1
            for entry in entries:
                if entry.extract and (not entry.case_sensitive or text[start:end] == entry.alias):
                    found.append((start, end, entry))
                    break
            else:
                miscased.append(start)  # "go", "ios"; or a resolve-only name ("testing")
        if len(found) < 2:
            return found
        found.sort(key=lambda h: (h[0], -h[1]))
        kept: list[tuple[int, int, _Entry]] = []
        reach = -1
        for hit in found:
            if hit[0] >= reach:
                kept.append(hit)
                reach = hit[1]
        return kept

    def extract(self, text: str, scope: Scope | None = None) -> list[SkillMention]:
        """Skill mentions in ``text``, in text order.

        ``scope=None`` (default): every mention, unclassified. ``"all"``: every mention
        with its ``context``. ``"requirements"``: only the mentions the text asks of
        the candidate (context ``"requirement"``).
        """
        if scope is not None and scope not in SCOPES:
            raise InputError(f"unknown scope {scope!r}; use one of: {', '.join(SCOPES)}")
        hits = self._mentions(text)
        skills = self._skills
        if scope is None:
            return [
                SkillMention(skills[e.skill].id, skills[e.skill].name, s, t, text[s:t])
                for s, t, e in hits
            ]
        contexts = mention_contexts(text, [(s, t) for s, t, _ in hits])
        return [
            SkillMention(skills[e.skill].id, skills[e.skill].name, s, t, text[s:t], context)
            for (s, t, e), context in zip(hits, contexts, strict=True)
            if scope == "all" or context == "requirement"
        ]

    def counts(self, text: str, scope: Scope | None = None) -> dict[str, int]:
        """Skill id -> number of mentions in ``text`` (each skill once, with its count).

        ``scope`` as in :meth:`extract`: ``"requirements"`` counts only what is asked for.
        """
        return dict(Counter(m.id for m in self.extract(text, scope)))

    def tally(self, text: str) -> dict[str, tuple[int, int]]:
        """Skill id -> (mentions, of them asked for): every skill in ``text`` once, with
        how often it is named and how often in a requirement (context ``"requirement"``).

        One pass does both, for ingest: a skill named only in the title, the company's
        stack or the benefits has 0 requirement mentions.
        """
        hits = self._mentions(text)
        contexts = mention_contexts(text, [(s, t) for s, t, _ in hits])
        ids = self._ids
        named = Counter([ids[e.skill] for _, _, e in hits])  # in order of first mention
        asked = Counter(
            [ids[e.skill] for (_, _, e), c in zip(hits, contexts, strict=True) if c == _ASKED]
        )
        return {skill: (count, asked.get(skill, 0)) for skill, count in named.items()}

    def _mentions(self, text: str) -> list[tuple[int, int, _Entry]]:
        """The hits that stand: ambiguous ones only with context evidence, and every skill
        of a tag line."""
        found, tags = self._hits(text)
        hits = self._disambiguate(text, found) if any(h[2].ambiguous for h in found) else found
        if not tags:
            return hits
        ends = [e for _, e, _ in hits]  # hits do not overlap: ends are sorted too
        tags = [t for t in tags if not _overlaps(hits, ends, t[0], t[1])]
        return sorted([*hits, *tags], key=lambda h: h[0])

    def _verdict(
        self,
        text: str,
        start: int,
        end: int,
        entry: _Entry,
        seen: dict[tuple[int, str], bool | None],
    ) -> bool | None:
        """True (accept), False (reject) or None (no rule decides) for an ambiguous hit.

        ``seen`` caches the verdict per (skill, window): a text that repeats itself
        ("Go Go Go ...") costs one regex pass per distinct window; the extractor also
        remembers the last ``_VERDICT_MEMO`` verdicts across texts (a verdict is a pure
        function of the skill's rule and the window).
        """
        rule = self._rules.get(entry.skill, _DEFAULT_RULE)
        window = text[max(0, start - rule.window) : start] + "@" + text[end : end + rule.window]
        key = (entry.skill, window)
        if key in seen:
            return seen[key]
        verdicts = self._verdicts  # the same window in another posting: its boilerplate
        if key in verdicts:
            seen[key] = verdicts[key]
            return seen[key]
        verdict: bool | None
        if any(p.search(window) for p in rule.reject):
            verdict = False
        elif any(p.search(window) for p in rule.accept):
            verdict = True
        else:
            verdict = False if rule.needs_accept else None
        seen[key] = verdict
        if len(verdicts) >= _VERDICT_MEMO:
            verdicts.clear()
        verdicts[key] = verdict
        return verdict

    def _disambiguate(
        self, text: str, hits: list[tuple[int, int, _Entry]]
    ) -> list[tuple[int, int, _Entry]]:
        seen: dict[tuple[int, str], bool | None] = {}
        verdicts = [
            self._verdict(text, s, t, e, seen) if e.ambiguous else self._evidence[e.skill]
            for s, t, e in hits
        ]
        # runs of hits of one skill ("Go Go Go"): a neighbour scan jumps over them
        run_end = list(range(len(hits)))
        for k in range(len(hits) - 2, -1, -1):
            if hits[k][2].skill == hits[k + 1][2].skill:
                run_end[k] = run_end[k + 1]
        run_start = list(range(len(hits)))
        for k in range(1, len(hits)):
            if hits[k][2].skill == hits[k - 1][2].skill:
                run_start[k] = run_start[k - 1]
        kept: list[tuple[int, int, _Entry]] = []
        for i, (start, end, entry) in enumerate(hits):
            verdict = verdicts[i]
            if entry.ambiguous and verdict is None:
                verdict = _has_neighbours(text, hits, verdicts, i, (run_start, run_end))
            if verdict or not entry.ambiguous:
                kept.append((start, end, entry))
        return kept


def _has_neighbours(
    text: str,
    hits: list[tuple[int, int, _Entry]],
    verdicts: list[bool | None],
    i: int,
    runs: tuple[list[int], list[int]],
) -> bool:
    """A confirmed technology mention nearby, or undecided ambiguous ones in a list.

    Undecided neighbours count when there are two of them nearby, or one joined to
    this mention as a list item ("Rust and Go", "R/Python"). Hits are sorted and do not
    overlap, so only the hits within ``_NEAR`` characters are read, runs of this
    mention's own skill skipped at once (``runs``: each hit's run start and end).
    """
    start, end, entry = hits[i]
    run_start, run_end = runs
    undecided: set[int] = set()

    def counts(j: int) -> bool:
        s, t, e = hits[j]
        if verdicts[j]:
            return True
        if verdicts[j] is None and e.ambiguous:
            undecided.add(e.skill)
            if len(undecided) >= 2:
                return True
            if j in (i - 1, i + 1):  # only an adjacent hit can be joined by a list word
                gap = text[end:s] if s >= end else text[t:start]
                return _LIST_JOINER.fullmatch(gap) is not None
        return False

    j = run_end[i] + 1
    while j < len(hits) and hits[j][0] <= end + _NEAR:
        if hits[j][2].skill == entry.skill:
            j = run_end[j] + 1
            continue
        if counts(j):
            return True
        j += 1
    j = run_start[i] - 1
    while j >= 0 and hits[j][1] >= start - _NEAR:
        if hits[j][2].skill == entry.skill:
            j = run_start[j] - 1
            continue
        if counts(j):
            return True
        j -= 1
    return False


def _overlaps(hits: list[tuple[int, int, _Entry]], ends: list[int], start: int, end: int) -> bool:
    """Whether a span overlaps one of ``hits`` (sorted, not overlapping; ``ends`` theirs)."""
    k = bisect.bisect_right(ends, start)
    return k < len(hits) and hits[k][0] < end


@cache
def default_extractor() -> SkillExtractor:
    """The extractor over the package taxonomy, built once per process."""
    return SkillExtractor()


def extract_skills(text: str, scope: Scope | None = None) -> list[SkillMention]:
    """Skill mentions in ``text`` with the default extractor (``scope`` as in ``extract``)."""
    return default_extractor().extract(text, scope)


def _name_keys(skills: Sequence[Skill]) -> tuple[dict[str, int], dict[str, int]]:
    """(exact key -> skill index, loose key -> skill index where only one skill has it),
    over every id, name and alias, extractable or not."""
    exact: dict[str, int] = {}
    loose: dict[str, set[int]] = {}
    for index, skill in enumerate(skills):
        for name in (skill.id, skill.name, *(a.text for a in skill.aliases)):
            exact.setdefault(normalize_name(name), index)
            loose.setdefault(_loose(name), set()).add(index)
    return exact, {k: min(v) for k, v in loose.items() if k and len(v) == 1}


@cache
def _index() -> tuple[dict[str, Skill], dict[str, Skill], dict[str, str]]:
    """(exact key -> skill, loose key -> skill, display string -> skill id) for resolution."""
    skills = load_skills()
    exact, loose = _name_keys(skills)
    choices: dict[str, str] = {}
    for skill in skills:
        for name in (skill.id, skill.name, *(a.text for a in skill.aliases)):
            choices.setdefault(name, skill.id)
    return (
        {k: skills[i] for k, i in exact.items()},
        {k: skills[i] for k, i in loose.items()},
        choices,
    )


def resolve_skill(name: str) -> Skill:
    """The skill whose id, name or alias is ``name`` (any case, any separators).

    Raises :class:`UnknownSkill` listing close matches when nothing fits.
    """
    exact, loose, choices = _index()
    skill = exact.get(normalize_name(name)) or loose.get(_loose(name))
    if skill is not None:
        return skill
    close = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=20, score_cutoff=70)
    best: dict[str, str] = {}
    for choice, *_ in close:
        best.setdefault(choices[choice], choice)
    hint = ", ".join(f"{text} ({sid})" for sid, text in list(best.items())[:5])
    advice = f"; did you mean: {hint}?" if hint else ""
    raise UnknownSkill(
        f"unknown skill {name.strip()!r}{advice} (`paypath skills list` shows every skill)"
    )


def resolve_skills(names: Iterable[str]) -> tuple[list[Skill], list[str]]:
    """(resolved skills without repeats, in input order; names that resolve to nothing)."""
    resolved: dict[str, Skill] = {}
    unknown: list[str] = []
    for name in names:
        if not name.strip():
            continue
        try:
            skill = resolve_skill(name)
        except UnknownSkill:
            unknown.append(name)
        else:
            resolved.setdefault(skill.id, skill)
    return list(resolved.values()), unknown
