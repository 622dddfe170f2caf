"""Load the lexicons: tab-separated data files with a header line and # comments.

The lexicons live in the top-level ``lexicons/`` folder of the source tree and are shipped inside
the wheel as ``gzbg/lexicons``. A researcher can point ``--lexicon DIR`` at a folder of their own;
any file missing there is taken from the shipped set.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from gzbg.vocab import Bound, Direction, Level, Measure, Relation, UnitCategory, Wording, values
from gzbg.vocab import Comparator as ComparatorValue

__all__ = ["Lexicons", "LexiconError", "Synonym", "load", "default_dir"]

REQUIRED_COLUMNS = {
    "units.tsv": ("unit", "category", "canonical", "not_before"),
    "comparators.tsv": ("word", "position", "comparator", "wording"),
    "nonquantities.tsv": ("pattern", "reason"),
    "predicates.tsv": ("word", "measure", "direction"),
    "qualifiers.tsv": ("word", "kind"),
    "terms.tsv": ("term", "pos"),
    "fillers.tsv": ("word", "kind"),
    "cues.tsv": ("pattern", "cue"),
    "wording.tsv": ("word", "wording"),
    "places.tsv": ("name", "level", "aliases"),
    "cities.tsv": ("name", "level", "parent", "aliases"),
    "compounds.tsv": ("compound", "parts"),
    "synonyms.tsv": ("term", "group", "whole"),
    "outcomes.tsv": ("pattern", "cue"),
    "relations.tsv": ("pattern", "relation", "scope"),
    "indicators.tsv": ("code", "label_zh", "label_en", "wordings", "measures", "units", "bound", "unit_std"),
    "unit_conversions.tsv": ("unit", "unit_std", "factor"),
}
# cues.tsv may list one pattern under several cues (这五年: review and span_past).
KEY_WIDTH = {"cues.tsv": 2}
CUES = {
    "review",
    "plan",
    "review_heading",
    "plan_heading",
    "level_metric",
    "headline",
    "headline_end",
    "span_past",
    "span_future",
    "annex_heading",
    "not_heading",
    "review_vote",
    "plan_vote",
    "plan_turn",
    "opening_end",
    "headline_span",
    "headline_gdp",
    "index_metric",
    "this_year",
    "plan_heading_weak",
    "forecast",
    "benchmark_clause",
    "address",
    "relation_lead",
    "relation_tail",
}
# Kinds of cues.tsv whose entries are words, matched as written (not patterns): the extractor
# looks for them with str methods or joins them into an alternation of its own.
WORD_CUES = {
    "list_joiner",
    "alternative",
    "range_joiner",
    "copula",
    "list_etc",
    "respectively",
    "share_of",
    "origin",
    "total",
    "annual",
    "rate_item",
    "metric_trail",
    "metric_lead",
    "year_last",
    "year_this",
    "year_next",
}
CUES |= WORD_CUES
# One word each, all of one length: a December report's text is read shifted a year (今年 → 去年,
# 明年 → 今年) and every offset must hold.
YEAR_WORDS = ("year_last", "year_this", "year_next")

OUTCOME_CUES = {"preliminary", "span"} | values(Bound)  # ceiling, floor: the outcome reads as a bound
# the values of the lexicons' own columns (the table's value sets are in gzbg.vocab)
POSITIONS = {"prefix", "suffix", "infix"}  # comparators.tsv: where the word stands around the number
QUALIFIER_KINDS = {"cue", "head"}
FILLER_KINDS = {"time", "modal", "scope", "weak", "benchmark", "clause"}
RELATION_SCOPES = {"headline", "plan"}
DROPPED = "-"  # the group of a synonyms.tsv term that carries no meaning (全省, 预期目标)


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file and line."""


@dataclass(frozen=True)
class Unit:
    surface: str
    category: str
    canonical: str
    not_before: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    code: str
    label_zh: str
    label_en: str
    wordings: re.Pattern[str]
    measures: frozenset[str]  # empty: any
    units: frozenset[str]  # empty: any; "-" admits a row without a unit
    bound: str  # floor or ceiling
    unit_std: str


@dataclass(frozen=True)
class Comparator:
    word: str
    position: str
    comparator: str
    wording: str


@dataclass(frozen=True)
class Predicate:
    word: str
    measure: str
    direction: str


@dataclass(frozen=True)
class Synonym:
    term: str
    group: str  # DROPPED for a word left out of the comparison
    whole: bool  # the term means its group only as the whole metric


_T = TypeVar("_T")

# The key of the cache of derived values in a Lexicons' __dict__ (see Lexicons.memo).
_MEMO = "_memo"


class _FirstOf:
    """Patterns tried in turn: for a list that cannot be joined into one alternation."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns

    def search(self, text: str) -> re.Match[str] | None:
        for p in self.patterns:
            m = p.search(text)
            if m:
                return m
        return None


PatternSet = re.Pattern[str] | _FirstOf


def any_of(patterns: tuple[re.Pattern[str], ...]) -> PatternSet:
    """One search that matches where any of ``patterns`` does: a pattern alone, or their
    alternation (one pass of the regex engine instead of a Python loop), when joining them cannot
    change what each matches: no groups (a back-reference would count them anew) and the default
    flags (a global flag cannot stand inside an alternation)."""
    if len(patterns) == 1:
        return patterns[0]
    if patterns and all(p.groups == 0 and p.flags == re.UNICODE for p in patterns):
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    return _FirstOf(patterns)


@dataclass(frozen=True)
class Lexicons:
    units: dict[str, Unit]
    comparators: tuple[Comparator, ...]
    nonquantity_patterns: tuple[tuple[re.Pattern[str], str], ...]
    predicates: dict[str, Predicate]
    qualifier_cues: frozenset[str]
    qualifier_heads: frozenset[str]
    terms: tuple[tuple[str, str], ...]
    fillers: dict[str, str]
    cues: tuple[tuple[re.Pattern[str], str], ...]
    wording: dict[str, str]
    places: tuple[tuple[str, str, tuple[str, ...]], ...]
    compounds: dict[str, tuple[str, ...]]
    synonyms: tuple[Synonym, ...] = ()
    outcome_cues: tuple[tuple[re.Pattern[str], str], ...] = ()
    # (name, level, parent, aliases) of cities.tsv: prefecture cities and corpus counties
    cities: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    indicators: tuple[Indicator, ...] = ()
    # (unit, unit_std) → factor, of unit_conversions.tsv
    conversions: dict[tuple[str, str], float] = field(default_factory=dict)
    # (pattern, relation, scope) of relations.tsv
    relations: tuple[tuple[re.Pattern[str], str, str], ...] = ()

    def memo(self, key, make):
        """A value derived from the lexicons, made once (the dataclass is frozen; its __dict__ is
        still a dict, used here as a cache)."""
        try:
            return self.__dict__[_MEMO][key]
        except KeyError:
            cache = self.__dict__.setdefault(_MEMO, {})
            if key not in cache:
                cache[key] = make()
            return cache[key]

    def derived(self, build: Callable[[Lexicons], _T]) -> _T:
        """``build(self)``, made once and kept under the function itself: the bundles of words a
        stage reads on every quantity are fetched with one look-up and no closure per call."""
        cache = self.__dict__.get(_MEMO)
        found = cache.get(build) if cache is not None else None
        return found if found is not None else self.memo(build, lambda: build(self))

    def _made(self, key):
        """The value ``memo`` made under ``key``, or None: the look-up the hot accessors below
        try first, as they run hundreds of thousands of times a corpus and a call of ``memo``
        with a new closure each time cost more than the look-up itself."""
        cache = self.__dict__.get(_MEMO)
        return cache.get(key) if cache is not None else None

    def words_regex(self, key: str, words, template: str) -> re.Pattern[str]:
        """One compiled alternation of ``words`` (longest first; a list or a function making it),
        placed in ``template`` at {}: one regex search replaces a loop of str.endswith."""
        try:
            return self.__dict__[_MEMO][("regex", key)]
        except KeyError:
            pass

        def make():
            ordered = sorted(set(words() if callable(words) else words), key=len, reverse=True)
            return re.compile(template.format("|".join(map(re.escape, ordered)) or "(?!)"))

        return self.memo(("regex", key), make)

    def word_starts(self, key: str, words) -> re.Pattern[str]:
        """A search whose matches start where one of ``words`` (a list or a function making it)
        does, overlapping words too: one character each, a word's first with a look-ahead for the
        rest of the words opening with it (确(?=保)|严(?=格控制)|…). Its alternatives open with
        literals, so the regex engine skips to the words' first characters in C, where a pattern
        opening with a look-ahead ((?=(?:确保|…))) is tried at every position: a quarter of the time
        over the reports; over the sentences of the corpus's targets, where wording words start
        0.086 s → 0.065 s, predicates 0.153 s → 0.116 s, against that look-ahead guarded by the class
        of the first characters (best of 8, the Python loop included)."""
        try:
            return self.__dict__[_MEMO][("word_starts", key)]
        except KeyError:
            pass

        def make():
            rests_by_first: dict[str, set[str]] = {}
            for word in set(words() if callable(words) else words):
                if not word:
                    return re.compile("")  # a word that starts anywhere
                rests_by_first.setdefault(word[0], set()).add(word[1:])
            alternatives = []
            for first, rests in sorted(rests_by_first.items()):
                if "" in rests:  # the character alone is a word: it starts one wherever it stands
                    alternatives.append(re.escape(first))
                else:
                    ahead = "|".join(map(re.escape, sorted(rests, key=len, reverse=True)))
                    alternatives.append(f"{re.escape(first)}(?={ahead})")
            return re.compile("|".join(alternatives) or "(?!)")

        return self.memo(("word_starts", key), make)

    def cue_patterns(self, cue: str) -> tuple[re.Pattern[str], ...]:
        try:
            return self.__dict__[_MEMO][("cue", cue)]
        except KeyError:
            return self.memo(("cue", cue), lambda: tuple(p for p, c in self.cues if c == cue))

    def cue_search(self, cue: str) -> PatternSet:
        """The patterns of ``cue`` as one: its search finds a match exactly when one of them
        matches (which match, when several do, is not said)."""
        try:
            return self.__dict__[_MEMO][("cue_search", cue)]
        except KeyError:
            return self.memo(("cue_search", cue), lambda: any_of(self.cue_patterns(cue)))

    def cue_words(self, cue: str) -> tuple[str, ...]:
        """The words of a word kind of cues.tsv (WORD_CUES), in file order."""
        try:
            return self.__dict__[_MEMO][("cue_words", cue)]
        except KeyError:
            return self.memo(("cue_words", cue), lambda: tuple(p.pattern for p, c in self.cues if c == cue))

    @property
    def units_longest_first(self) -> tuple[str, ...]:
        return self.memo("units", lambda: tuple(sorted(self.units, key=len, reverse=True)))

    def units_starting_with(self, char: str) -> tuple[str, ...]:
        """Units whose first character is ``char``, longest first."""

        def index():
            by_char: dict[str, list[str]] = {}
            for unit in self.units_longest_first:
                by_char.setdefault(unit[0], []).append(unit)
            return {c: tuple(u) for c, u in by_char.items()}

        return self.memo("units_by_char", index).get(char, ())

    def outcome_patterns(self, cue: str) -> tuple[re.Pattern[str], ...]:
        return self.memo(("outcome", cue), lambda: tuple(p for p, c in self.outcome_cues if c == cue))

    def comparators_at(self, position: str) -> tuple[Comparator, ...]:
        found = self._made(("comparators", position))
        if found is not None:
            return found

        def make():
            found = [c for c in self.comparators if c.position == position]
            return tuple(sorted(found, key=lambda c: len(c.word), reverse=True))

        return self.memo(("comparators", position), make)

    def nonquantity_search(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """The patterns of nonquantities.tsv as run over a whole text: the same matches, compiled
        for speed (see run_first)."""
        return self.memo("nonquantity_search", lambda: tuple((run_first(p), reason) for p, reason in self.nonquantity_patterns))

    def predicate_last_chars(self) -> frozenset[str]:
        """The last characters of the predicates: a predicate that ends at a position ends with the
        character there, and before most numbers stands none of these (a search is skipped)."""
        return self.memo("predicate_last_chars", lambda: frozenset(w[-1] for w in self.predicates))

    def predicates_longest_first(self) -> tuple[Predicate, ...]:
        return self.memo("predicates", lambda: tuple(sorted(self.predicates.values(), key=lambda p: len(p.word), reverse=True)))


def default_dir() -> Path:
    """The shipped lexicons: inside the installed package, or the source tree's folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "lexicons", here.parents[1] / "lexicons"):
        if (candidate / "units.tsv").is_file():
            return candidate
    raise LexiconError(f"the shipped lexicons are missing (looked in {here / 'lexicons'})")


class Row(dict):
    """One row of a lexicon file: column → cell, and the 1-based ``line`` it was read from."""

    def __init__(self, cells, line: int):
        super().__init__(cells)
        self.line = line


def read_table(path: Path, columns: tuple[str, ...], key_width: int = 1) -> list[Row]:
    """Rows of one lexicon file (dicts that know their line); the header must contain ``columns``.

    The first ``key_width`` columns identify a row; a second row with the same key is an error.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read ({exc})") from exc
    header: list[str] | None = None
    rows: list[Row] = []
    seen: set[tuple[str, ...]] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in columns if c not in header]
            if missing:
                raise LexiconError(f"{path}:{number}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{path}:{number}: {len(cells)} cells, header has {len(header)}")
        row = Row(zip(header, (c.strip() for c in cells)), number)
        for name in header:
            row.setdefault(name, "")
        key = tuple(row[c] for c in columns[:key_width])
        if not key[0]:
            raise LexiconError(f"{path}:{number}: empty {columns[0]}")
        if key in seen:
            shown = key[0] if key_width == 1 else key
            raise LexiconError(f"{path}:{number}: duplicate entry {shown!r}")
        seen.add(key)
        rows.append(row)
    if header is None:
        raise LexiconError(f"{path}: no header line")
    return rows


def _file(name: str, directory: Path | None) -> Path:
    if directory is not None and (directory / name).is_file():
        return directory / name
    return default_dir() / name


def _check(value: str, allowed: type[Enum] | set[str] | frozenset[str], path: Path, row: Row, what: str, empty: bool = False) -> str:
    """``value`` when it is one of ``allowed`` (an Enum of gzbg.vocab, or the values of a
    lexicon's own column), or empty when ``empty`` admits that; else an error naming file and line."""
    known = values(allowed) if isinstance(allowed, type) else frozenset(allowed)
    if value not in known and not (empty and value == ""):
        shown = ", ".join(sorted(known)) + (" or empty" if empty else "")
        raise LexiconError(f"{path}:{row.line}: {what} {value!r} is not one of {shown}")
    return value


# Reached through importlib: the parser is public as sre_parse before Python 3.11, private after.
_sre_parse = importlib.import_module("re._parser" if hasattr(re, "_parser") else "sre_parse")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _nested_repeat(parsed) -> bool:
    """True when a repeat (+, *, {m,n} with n > 1) holds another inside it: (a+)+, (?:[0-9]+年)*.
    Such a pattern can backtrack for exponential time on a text that almost matches."""

    def repeats_inside(items, under_repeat: bool) -> bool:
        for op, av in items:
            if op.name in _REPEATS:
                low, high, body = av
                if high > 1 and under_repeat:
                    return True
                if repeats_inside(body, under_repeat or high > 1):
                    return True
                continue
            for part in av if isinstance(av, (tuple, list)) else (av,):
                subs = part if isinstance(part, list) else [part]
                for sub in subs:
                    if isinstance(sub, _sre_parse.SubPattern) and repeats_inside(sub, under_repeat):
                        return True
        return False

    return repeats_inside(parsed, False)


# A pattern that opens with a run guarded by a look-behind for the same class, (?<![0-9])[0-9]+强:
# the class holds no escape, so that its closing bracket is the first one.
_GUARDED_RUN = re.compile(r"\(\?<!(\[[^\]\\]+\])\)(\[[^\]\\]+\])\+")


def run_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a guarded run, (?<![X])[X]+…, written [X](?<![X][X])[X]*…: the same matches
    (after one character of the class, the look-behind over two sees the character before the
    run, or the text's start), but the pattern now opens with its class, which the regex engine
    skips to, instead of an assertion it tries at every position (a third of the time).
    Any other pattern is returned as it is."""
    m = _GUARDED_RUN.match(pattern.pattern)
    if m is None or m.group(1) != m.group(2) or pattern.flags & ~re.UNICODE:
        return pattern
    run = m.group(1)
    return re.compile(f"{run}(?<!{run}{run}){run}*{pattern.pattern[m.end() :]}")


def matches_from_starts(pattern: re.Pattern[str], text: str, starts: set[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match of it starts at one of ``starts`` and none is
    empty: the starts tried in order, each at or after the end of the last match, as finditer
    resumes (the searches from a literal anchor of quantities and headline)."""
    last_end = 0
    for start in sorted(starts):
        if start >= last_end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                last_end = m.end()


def literal_anchor(source: str) -> tuple[tuple[str, ...], int, int] | None:
    """Words of which every match of the regular expression ``source`` holds one at a place of
    its top level: its first run of literal characters, else its first alternation of literal
    words; with the fewest and the most characters a match holds before them: (('台阶',), 1, 3)
    for (?:亿元|万亿元|元)台阶, (('级', '强县', '县'), 0, 2) for (?:万吨|吨)?(?:级|强县|县). None
    when there is neither or the source does not parse. Read by scan to search a nonquantity
    pattern from its words (quantities._AnchoredSearch)."""
    try:
        parsed = _sre_parse.parse(source)
    except re.error:
        return None
    fewest = most = 0
    literal = ""
    first_words = None
    for op, av in parsed:
        if op.name == "LITERAL":
            literal += chr(av)
            continue
        if literal:
            break
        words = _literal_words(op, av)
        if words and first_words is None:
            first_words = (words, fewest, most)
        low, high = _sre_parse.SubPattern(parsed.state, [(op, av)]).getwidth()
        fewest, most = fewest + low, most + high
    return ((literal,), fewest, most) if literal else first_words


def _literal_words(op, av) -> tuple[str, ...] | None:
    """The words of an item of a parsed pattern that is an alternation of literal words
    ((?:级|强县|县)) or a class of single characters ([级县]): each match of the item is one of
    them. None for any other item."""
    if op.name == "BRANCH" and all(branch and all(o.name == "LITERAL" for o, _ in branch) for branch in av[1]):
        return tuple("".join(chr(c) for _, c in branch) for branch in av[1])
    if op.name == "IN" and all(o.name == "LITERAL" for o, _ in av):
        return tuple(chr(c) for _, c in av)
    return None


def compile_pattern(pattern: str, path: Path, row: Row, column: str = "pattern") -> re.Pattern[str]:
    """A lexicon's regular expression, compiled; a bad one, or one that nests a repeat inside a
    repeat (see _nested_repeat), is an error naming file and line. Patterns come from files a
    researcher may pass with --lexicon, so the restriction keeps every search linear enough."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{path}:{row.line}: bad {column} {pattern!r}: {exc}") from exc
    if _nested_repeat(_sre_parse.parse(pattern)):
        raise LexiconError(
            f"{path}:{row.line}: {column} {pattern!r} nests a repeat inside a repeat, as (a+)+ does, "
            "which can take exponential time: write it without the nesting"
        )
    return compiled


@lru_cache(maxsize=8)
def load(directory: Path | None = None) -> Lexicons:
    """Read and validate every lexicon once per directory."""
    if directory is not None and not Path(directory).is_dir():
        raise LexiconError(f"{directory}: not a folder of lexicons")
    tables = {}
    for name, columns in REQUIRED_COLUMNS.items():
        path = _file(name, directory)
        tables[name] = (path, read_table(path, columns, key_width=KEY_WIDTH.get(name, 1)))

    path, rows = tables["units.tsv"]
    units = {
        r["unit"]: Unit(
            r["unit"], _check(r["category"], UnitCategory, path, r, "category"), r["canonical"] or r["unit"], tuple(r["not_before"].split())
        )
        for r in rows
    }

    path, rows = tables["comparators.tsv"]
    comparators = tuple(
        Comparator(
            r["word"],
            _check(r["position"], POSITIONS, path, r, "position"),
            _check(r["comparator"], ComparatorValue, path, r, "comparator"),
            _check(r["wording"] or Wording.neutral.value, Wording, path, r, "wording"),
        )
        for r in rows
    )

    path, rows = tables["nonquantities.tsv"]
    patterns = [(compile_pattern(r["pattern"], path, r), r["reason"] or "name") for r in rows]

    path, rows = tables["predicates.tsv"]
    predicates = {
        r["word"]: Predicate(
            r["word"],
            _check(r["measure"], Measure, path, r, "measure"),
            _check(r["direction"], Direction, path, r, "direction", empty=True),
        )
        for r in rows
    }

    path, rows = tables["qualifiers.tsv"]
    kinds = {r["word"]: _check(r["kind"], QUALIFIER_KINDS, path, r, "kind") for r in rows}
    qualifier_cues = frozenset(w for w, k in kinds.items() if k == "cue")
    qualifier_heads = frozenset(w for w, k in kinds.items() if k == "head")
    _, rows = tables["terms.tsv"]
    terms = tuple((r["term"], r["pos"] or "n") for r in rows)
    path, rows = tables["fillers.tsv"]
    fillers = {r["word"]: _check(r["kind"], FILLER_KINDS, path, r, "kind") for r in rows}
    path, rows = tables["cues.tsv"]
    cues = _patterns(path, rows, CUES)
    _check_words(path, rows)
    path, rows = tables["wording.tsv"]
    # a cue word makes a wording hard or soft; neutral is what no cue gives
    wording = {r["word"]: _check(r["wording"], values(Wording) - {Wording.neutral.value}, path, r, "wording") for r in rows}
    path, rows = tables["synonyms.tsv"]
    synonyms = []
    for r in rows:
        if not r["group"]:
            raise LexiconError(f"{path}:{r.line}: term {r['term']!r} has no group (write {DROPPED} to drop it)")
        whole = _check(r["whole"], {"yes"}, path, r, "whole", empty=True) == "yes"
        synonyms.append(Synonym(r["term"], r["group"], whole))
    path, rows = tables["outcomes.tsv"]
    outcome_cues = _patterns(path, rows, OUTCOME_CUES)
    path, rows = tables["places.tsv"]
    places = tuple(
        (r["name"], _check(r["level"], {Level.national.value, Level.province.value}, path, r, "level"), tuple(r["aliases"].split()))
        for r in rows
    )
    path, rows = tables["cities.tsv"]
    cities = tuple(
        (
            r["name"],
            _check(r["level"], values(Level) - {Level.national.value, Level.province.value}, path, r, "level"),
            r["parent"],
            tuple(r["aliases"].split()),
        )
        for r in rows
    )
    known = {name for name, _, _ in places} | {c[0] for c in cities}
    for r in rows:
        if r["parent"] not in known:
            raise LexiconError(f"{path}:{r.line}: {r['name']}: unknown parent {r['parent']!r}")
    path, rows = tables["indicators.tsv"]
    indicators = []
    for r in rows:
        wordings = compile_pattern(r["wordings"], path, r, "wordings")
        measures = frozenset() if "*" in r["measures"].split() else frozenset(r["measures"].split())
        for m in measures:
            _check(m, Measure, path, r, "measures")
        indicators.append(
            Indicator(
                r["code"],
                r["label_zh"],
                r["label_en"],
                wordings,
                measures,
                frozenset() if "*" in r["units"].split() else frozenset(r["units"].split()),
                _check(r["bound"], Bound, path, r, "bound"),
                r["unit_std"],
            )
        )
    path, rows = tables["unit_conversions.tsv"]
    conversions = {}
    for r in rows:
        try:
            conversions[(r["unit"], r["unit_std"])] = float(r["factor"])
        except ValueError:
            raise LexiconError(f"{path}:{r.line}: factor {r['factor']!r} is not a number") from None
    path, rows = tables["relations.tsv"]
    relations = tuple(
        (p, r["relation"], _check(r["scope"], RELATION_SCOPES, path, r, "scope"))
        for (p, _), r in zip(_patterns(path, rows, Relation, column="relation"), rows)
    )
    _, rows = tables["compounds.tsv"]
    compounds = {r["compound"]: tuple(r["parts"].split()) for r in rows}
    return Lexicons(
        compounds=compounds,
        units=units,
        comparators=comparators,
        nonquantity_patterns=tuple(patterns),
        predicates=predicates,
        qualifier_cues=qualifier_cues,
        qualifier_heads=qualifier_heads,
        terms=terms,
        fillers=fillers,
        cues=cues,
        wording=wording,
        places=places,
        synonyms=tuple(synonyms),
        outcome_cues=outcome_cues,
        relations=relations,
        cities=cities,
        indicators=tuple(indicators),
        conversions=conversions,
    )


# Characters that would make an entry a pattern rather than a word (- and ~ are words: 3-5%, 3~5%).
_REGEX_SYNTAX = set("\\()[]{}?*+|^$.")


def _check_words(path: Path, rows: list[Row]) -> None:
    """A word kind of cues.tsv holds plain words; the year words are one each, of one length."""
    for r in rows:
        if r["cue"] in WORD_CUES and any(c in _REGEX_SYNTAX for c in r["pattern"]):
            raise LexiconError(f"{path}:{r.line}: a {r['cue']} cue is a word, not a pattern: {r['pattern']!r}")
    for kind in YEAR_WORDS:
        found = [r for r in rows if r["cue"] == kind]
        if not found:
            raise LexiconError(f"{path}: no {kind} word")
        if len(found) > 1:
            raise LexiconError(f"{path}:{found[1].line}: a second {kind} word (one only)")
    years = [r for r in rows if r["cue"] in YEAR_WORDS]
    for r in years:
        if len(r["pattern"]) != len(years[0]["pattern"]):
            raise LexiconError(f"{path}:{r.line}: the words of {', '.join(YEAR_WORDS)} differ in length")


def _patterns(path: Path, rows: list[Row], allowed: type[Enum] | set[str], column: str = "cue") -> tuple[tuple[re.Pattern[str], str], ...]:
    """(compiled pattern, cue) pairs of a cue lexicon; a bad pattern or cue names file and line."""
    return tuple((compile_pattern(r["pattern"], path, r), _check(r[column], allowed, path, r, column)) for r in rows)
