"""Load the lexicons: tab-separated data files with a header line and # comments.

The lexicons live in the top-level ``lexicons/`` folder of the source tree and are shipped inside
the wheel as ``gzbg/lexicons``. A researcher can point ``--lexicon DIR`` at a folder of their own;
any file missing there is taken from the shipped set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gzbg.vocab import Relation

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
CUES = {"review", "plan", "review_heading", "plan_heading", "level_metric", "headline", "headline_end", "span_past",
        "span_future", "annex_heading", "not_heading", "review_vote", "plan_vote", "plan_turn", "opening_end",
        "headline_span", "headline_gdp", "index_metric", "this_year", "plan_heading_weak", "forecast",
        "benchmark_clause", "address", "relation_lead", "relation_tail"}

COMPARATORS = {">=", ">", "<=", "<", "~", "="}
MEASURES = {"growth", "change", "level", "amount"}
OUTCOME_CUES = {"preliminary", "ceiling", "floor", "span"}
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
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def words_regex(self, key: str, words, template: str) -> re.Pattern[str]:
        """One compiled alternation of ``words`` (longest first; a list or a function making it),
        placed in ``template`` at {}: one regex search replaces a loop of str.endswith."""
        def make():
            ordered = sorted(set(words() if callable(words) else words), key=len, reverse=True)
            return re.compile(template.format("|".join(map(re.escape, ordered)) or "(?!)"))
        return self.memo(("regex", key), make)

    def cue_patterns(self, cue: str) -> tuple[re.Pattern[str], ...]:
        return self.memo(("cue", cue), lambda: tuple(p for p, c in self.cues if c == cue))

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
        def make():
            found = [c for c in self.comparators if c.position == position]
            return tuple(sorted(found, key=lambda c: len(c.word), reverse=True))
        return self.memo(("comparators", position), make)

    def predicates_longest_first(self) -> tuple[Predicate, ...]:
        return self.memo("predicates", lambda: tuple(sorted(self.predicates.values(), key=lambda p: len(p.word), reverse=True)))


def default_dir() -> Path:
    """The shipped lexicons: inside the installed package, or the source tree's folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "lexicons", here.parents[1] / "lexicons"):
        if (candidate / "units.tsv").is_file():
            return candidate
    raise LexiconError(f"the shipped lexicons are missing (looked in {here / 'lexicons'})")


def read_table(path: Path, columns: tuple[str, ...], key_width: int = 1) -> list[dict[str, str]]:
    """Rows of one lexicon file as dicts; the header must contain ``columns``.

    The first ``key_width`` columns identify a row; a second row with the same key is an error.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read ({exc})") from exc
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
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
        row = dict(zip(header, (c.strip() for c in cells)))
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


def _check(value: str, allowed: set[str], path: Path, what: str) -> str:
    if value not in allowed:
        raise LexiconError(f"{path}: {what} {value!r} is not one of {sorted(allowed)}")
    return value


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
    units = {r["unit"]: Unit(r["unit"], r["category"], r["canonical"] or r["unit"], tuple(r["not_before"].split()))
             for r in rows}

    path, rows = tables["comparators.tsv"]
    comparators = tuple(
        Comparator(
            r["word"],
            _check(r["position"], {"prefix", "suffix", "infix"}, path, "position"),
            _check(r["comparator"], COMPARATORS, path, "comparator"),
            _check(r["wording"] or "neutral", {"hard", "soft", "neutral"}, path, "wording"),
        )
        for r in rows
    )

    path, rows = tables["nonquantities.tsv"]
    patterns = []
    for r in rows:
        try:
            patterns.append((re.compile(r["pattern"]), r["reason"] or "name"))
        except re.error as exc:
            raise LexiconError(f"{path}: bad pattern {r['pattern']!r}: {exc}") from exc

    path, rows = tables["predicates.tsv"]
    predicates = {
        r["word"]: Predicate(
            r["word"],
            _check(r["measure"], MEASURES, path, "measure"),
            _check(r["direction"], {"up", "down", ""}, path, "direction"),
        )
        for r in rows
    }

    path, rows = tables["qualifiers.tsv"]
    kinds = {r["word"]: _check(r["kind"], {"cue", "head"}, path, "kind") for r in rows}
    qualifier_cues = frozenset(w for w, k in kinds.items() if k == "cue")
    qualifier_heads = frozenset(w for w, k in kinds.items() if k == "head")
    _, rows = tables["terms.tsv"]
    terms = tuple((r["term"], r["pos"] or "n") for r in rows)
    path, rows = tables["fillers.tsv"]
    fillers = {r["word"]: _check(r["kind"], {"time", "modal", "scope", "weak", "benchmark", "clause"}, path, "kind") for r in rows}
    path, rows = tables["cues.tsv"]
    cues = _patterns(path, rows, CUES)
    path, rows = tables["wording.tsv"]
    wording = {r["word"]: _check(r["wording"], {"hard", "soft"}, path, "wording") for r in rows}
    path, rows = tables["synonyms.tsv"]
    synonyms = []
    for r in rows:
        if not r["group"]:
            raise LexiconError(f"{path}: term {r['term']!r} has no group (write {DROPPED} to drop it)")
        whole = _check(r["whole"], {"yes", ""}, path, "whole") == "yes"
        synonyms.append(Synonym(r["term"], r["group"], whole))
    path, rows = tables["outcomes.tsv"]
    outcome_cues = _patterns(path, rows, OUTCOME_CUES)
    path, rows = tables["places.tsv"]
    places = tuple(
        (r["name"], _check(r["level"], {"national", "province"}, path, "level"), tuple(r["aliases"].split()))
        for r in rows
    )
    path, rows = tables["cities.tsv"]
    cities = tuple(
        (r["name"], _check(r["level"], {"city", "county", "district"}, path, "level"), r["parent"],
         tuple(r["aliases"].split()))
        for r in rows
    )
    known = {name for name, _, _ in places} | {c[0] for c in cities}
    for name, _, parent, _ in cities:
        if parent not in known:
            raise LexiconError(f"{path}: {name}: unknown parent {parent!r}")
    path, rows = tables["indicators.tsv"]
    indicators = []
    for number, r in enumerate(rows, 1):
        try:
            wordings = re.compile(r["wordings"])
        except re.error as exc:
            raise LexiconError(f"{path}: indicator {r['code']}: bad wordings {r['wordings']!r}: {exc}") from exc
        measures = frozenset() if "*" in r["measures"].split() else frozenset(r["measures"].split())
        for m in measures:
            _check(m, MEASURES, path, "measures")
        indicators.append(Indicator(r["code"], r["label_zh"], r["label_en"], wordings, measures,
                                    frozenset() if "*" in r["units"].split() else frozenset(r["units"].split()),
                                    _check(r["bound"], {"floor", "ceiling"}, path, "bound"), r["unit_std"]))
    path, rows = tables["unit_conversions.tsv"]
    try:
        conversions = {(r["unit"], r["unit_std"]): float(r["factor"]) for r in rows}
    except ValueError as exc:
        raise LexiconError(f"{path}: a factor is not a number ({exc})") from exc
    path, rows = tables["relations.tsv"]
    relations = tuple(
        (p, r["relation"], _check(r["scope"], {"headline", "plan"}, path, "scope"))
        for (p, _), r in zip(_patterns(path, rows, {m.value for m in Relation}, column="relation"), rows)
    )
    _, rows = tables["compounds.tsv"]
    compounds = {r["compound"]: tuple(r["parts"].split()) for r in rows}
    return Lexicons(
        compounds=compounds, units=units, comparators=comparators, nonquantity_patterns=tuple(patterns), predicates=predicates,
        qualifier_cues=qualifier_cues, qualifier_heads=qualifier_heads, terms=terms, fillers=fillers,
        cues=cues, wording=wording, places=places, synonyms=tuple(synonyms), outcome_cues=outcome_cues,
        relations=relations, cities=cities, indicators=tuple(indicators), conversions=conversions,
    )


def _patterns(path: Path, rows: list[dict[str, str]], allowed: set[str],
              column: str = "cue") -> tuple[tuple[re.Pattern[str], str], ...]:
    """(compiled pattern, cue) pairs of a cue lexicon; a bad pattern or cue names the file."""
    found = []
    for r in rows:
        try:
            found.append((re.compile(r["pattern"]), _check(r[column], allowed, path, column)))
        except re.error as exc:
            raise LexiconError(f"{path}: bad pattern {r['pattern']!r}: {exc}") from exc
    return tuple(found)
