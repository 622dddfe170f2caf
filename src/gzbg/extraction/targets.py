"""Stage 5: each quantity becomes a target row — comparator, role, metric and its place.

Works on the normalised text; the quantities come from ``quantities.scan`` and the paragraphs
from ``sections.paragraphs``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from gzbg.extraction.metrics import Nouns, format_metric
from gzbg.extraction.quantities import Quantity
from gzbg.extraction.records import dict_maker
from gzbg.extraction.sections import Paragraph
from gzbg.extraction.sentences import LIST_BREAKS, clause_end, clause_start, sentence_spans
from gzbg.extraction.tables import first_cell_name
from gzbg.extraction.tagging import tag
from gzbg.lexicons import Comparator, Lexicons, PatternSet
from gzbg.vocab import COUNTING_CATEGORIES
from gzbg.vocab import Comparator as ComparatorValue

__all__ = ["Target", "Bound", "find_comparator", "targets"]


_VERB_GAP = 3
# A comparator before a verb has at least this many characters (至少实施: 至少, not 超).
_BEFORE_VERB_WIDTH = 2
_SPACE = " \n"


@dataclass(frozen=True)
class Bound:
    """The comparator of a quantity and the words that gave it."""

    comparator: str
    prefix: Comparator | None
    suffix: Comparator | None
    prefix_gap: int = 0  # characters between the prefix word and the number (至少实施1个: 2)
    suffix_space: int = 0  # white space before the suffix word (控制在3.5%\n以内: a line break)
    prefix_space: int = 0  # white space after an adjacent prefix word

    @property
    def start_before(self) -> int:
        """How many characters right before the number belong to the comparator."""
        return len(self.prefix.word) + self.prefix_space if self.prefix and not self.prefix_gap else 0

    @property
    def length_after(self) -> int:
        return self.suffix_space + len(self.suffix.word) if self.suffix else 0


@dataclass(frozen=True)
class Target:
    quantity: Quantity
    bound: Bound
    role: str
    metric: str
    noun: str
    paragraph: Paragraph
    sentence: tuple[int, int]
    group: int | None


# A Bound and a Target from the dict of their fields, in order, without their __init__ (records.
# dict_maker): one of each per quantity. A dict written out takes half the time of one zipped from
# the names and the values (a bound and a target 112,000 times, as many as the corpus's
# quantities: 0.17 s → 0.08 s).
_bound_of = dict_maker(Bound)
_target_of = dict_maker(Target)


def _target(
    q: Quantity, bound: Bound, role: str, metric: str, noun: str, paragraph: Paragraph, sentence: tuple[int, int], group: int | None
) -> Target:
    return _target_of(
        {
            "quantity": q,
            "bound": bound,
            "role": role,
            "metric": metric,
            "noun": noun,
            "paragraph": paragraph,
            "sentence": sentence,
            "group": group,
        }
    )


def find_comparator(text: str, q: Quantity, lex: Lexicons) -> Bound:
    """Comparator words on either side of the quantity: 至少建成2个以上 → >=."""
    return _comparator(text, q, lex, _target_words(lex))


def _comparator(text: str, q: Quantity, lex: Lexicons, words: _TargetWords) -> Bound:
    """find_comparator with the words of targets at hand (read once per text, not per quantity)."""
    start, end = q.start, q.end
    # A line break may fall between a number and its word (控制在3.5%\n以内): skip white space.
    after = end
    while after < len(text) and text[after] in _SPACE:
        after += 1
    before = start
    while before > 0 and text[before - 1] in _SPACE:
        before -= 1
    suffixes, prefixes = words.suffixes, words.prefixes
    m = suffixes.pattern.match(text, after) if text[after : after + 1] in suffixes.first_chars else None
    suffix = suffixes.first[m.group(0)] if m else None
    m = (
        prefixes.pattern.search(text, max(0, before - prefixes.longest), before)
        if text[before - 1 : before] in prefixes.last_chars
        else None
    )
    prefix = prefixes.first[m.group(0)] if m else None
    gap = 0
    if prefix is None and text[start - 1 : start] in words.predicate_last_chars:
        # 至少实施1个: a two-character comparator may stand before the clause's verb.
        # (no wider than the text before the quantity: a wider slice is the same text again)
        predicates = lex.predicates
        for width in range(1, min(_VERB_GAP, start) + 1):
            if text[start - width : start] not in predicates:
                continue
            prefix = _long_prefix_ending(text, start - width, words.long_prefixes, lex)
            if prefix is not None:
                gap = width
                break
    if suffix is not None:
        comparator = suffix.comparator
    elif prefix is not None:
        comparator = prefix.comparator
    else:
        return _MORE_THAN if q.more_than else _EQUAL
    return _bound_of(
        {
            "comparator": comparator,
            "prefix": prefix,
            "suffix": suffix,
            "prefix_gap": gap,
            "suffix_space": after - end if suffix else 0,
            "prefix_space": start - before if prefix and not gap else 0,
        }
    )


# The bound of a quantity without a comparator word (88% of the corpus's): one of these two for
# all of them, a Bound being frozen, instead of a new record (a dict and an object) each time.
_MORE_THAN = Bound(ComparatorValue.gt.value, None, None)  # 5300多栋
_EQUAL = Bound(ComparatorValue.eq.value, None, None)


@dataclass(frozen=True)
class _Words:
    """Comparator words of one position as one alternation, longest first: the first comparator
    of comparators_at (longest first, then file order) that a word names, and the longest word."""

    pattern: re.Pattern[str]
    first: dict[str, Comparator]
    longest: int
    # The last characters of the words: a word that ends right before a number ends with the
    # character there, and most numbers have none of these before them (the search is skipped).
    last_chars: frozenset[str]
    first_chars: frozenset[str]  # likewise for a word right after a number (most numbers: none)


@dataclass(frozen=True)
class _TargetWords:
    """What targets reads from the lexicons, made once per Lexicons: one look-up per call instead
    of one per word kind. Tuples of words are for str.endswith, which takes them all at once."""

    suffixes: _Words  # comparator words matched right after a number
    prefixes: _Words  # comparator words ending right before one
    long_prefixes: _Words  # the prefixes of two characters or more (至少实施1个)
    qualifier_cues: tuple[str, ...]
    qualifier_heads: tuple[str, ...]
    predicates: tuple[str, ...]
    predicate_last_chars: frozenset[str]  # lex.predicate_last_chars(), read here for every quantity
    share_of: tuple[str, ...]
    list_joiner: tuple[str, ...]
    list_etc: tuple[str, ...]
    respectively: tuple[str, ...]
    benchmark_clause: PatternSet
    level_metric: PatternSet


def _comparator_words(lex: Lexicons, key: str, position: str, template: str, shortest: int = 1) -> _Words:
    found = [c for c in lex.comparators_at(position) if len(c.word) >= shortest]
    first: dict[str, Comparator] = {}
    for c in found:
        first.setdefault(c.word, c)
    pattern = lex.words_regex(key, [c.word for c in found], template)
    return _Words(pattern, first, max((len(w) for w in first), default=0), frozenset(w[-1] for w in first), frozenset(w[0] for w in first))


def _build_target_words(lex: Lexicons) -> _TargetWords:
    """The comparator words are one regex for each position instead of a str.startswith per
    comparator per quantity. The same comparator as the loop over comparators_at: at one position
    only one word of a given length fits, and the anchored search from the longest word's length
    back finds the longest that ends there."""
    return _TargetWords(
        suffixes=_comparator_words(lex, "comparators_suffix", "suffix", "(?:{})"),
        prefixes=_comparator_words(lex, "comparators_prefix", "prefix", r"(?:{})\Z"),
        long_prefixes=_comparator_words(lex, "comparators_long_prefix", "prefix", r"(?:{})\Z", shortest=_BEFORE_VERB_WIDTH),
        qualifier_cues=tuple(lex.qualifier_cues),
        qualifier_heads=tuple(lex.qualifier_heads),
        predicates=tuple(lex.predicates),
        predicate_last_chars=lex.predicate_last_chars(),
        share_of=lex.cue_words("share_of"),
        list_joiner=lex.cue_words("list_joiner"),
        list_etc=lex.cue_words("list_etc"),
        respectively=lex.cue_words("respectively"),
        benchmark_clause=lex.cue_search("benchmark_clause"),
        level_metric=lex.cue_search("level_metric"),
    )


def _target_words(lex: Lexicons) -> _TargetWords:
    return lex.derived(_build_target_words)


def _long_prefix_ending(text: str, end: int, long_prefixes: _Words, lex: Lexicons) -> Comparator | None:
    """The first comparator of comparators_at("prefix") of two characters or more that ends at
    ``end`` (before a verb: 至少实施1个)."""
    m = long_prefixes.pattern.search(text, max(0, end - long_prefixes.longest), end)
    return long_prefixes.first[m.group(0)] if m else None


def _share_prefixes(text: str, qs: list[Quantity], bounds: list[Bound], lex: Lexicons) -> list[Bound]:
    """分别突破300亿元和3000亿元: a prefix comparator covers the items of its list that follow it,
    and a closing word (左右, 以上) the bare numbers just before it."""
    if len(qs) < 2:
        return bounds  # nothing to share (most sentences hold one quantity)
    shared = list(bounds)
    # The text between two numbers is read last: the other conditions fail far more often.
    for k in range(1, len(qs)):
        prev = shared[k - 1]
        if (
            prev.prefix is not None
            and prev.suffix is None
            and shared[k].prefix is None
            and shared[k].suffix is None
            and not qs[k].more_than
            and qs[k].unit == qs[k - 1].unit
            and _joins(text[qs[k - 1].end + prev.length_after : qs[k].start], lex)
        ):
            shared[k] = Bound(prev.comparator, prev.prefix, None, prev.prefix_gap)
    for k in range(len(qs) - 2, -1, -1):
        # 分别增长3%、6%左右: numbers joined with nothing between share the list's closing word;
        # 和美村100个、富美村200个以上 keeps it on the last (a noun stands between).
        nxt = shared[k + 1]
        if (
            nxt.suffix is not None
            and shared[k].prefix is None
            and shared[k].suffix is None
            and not qs[k].more_than
            and qs[k].unit == qs[k + 1].unit
            and _joins(text[qs[k].end : qs[k + 1].start], lex)
        ):
            shared[k] = Bound(nxt.comparator, None, nxt.suffix, 0)
    return shared


def _is_qualifier(q: Quantity, bound: Bound, before: str, after: str, lex: Lexicons, words: _TargetWords, nouns: Nouns) -> bool:
    """A quantity that only says which things are meant: 投资30亿元以上的项目, 3岁以下婴幼儿."""
    relaxed = q.category in COUNTING_CATEGORIES or q.category in ("age", "voltage")
    # 5万元以上的强村: whatever follows 的 is a noun, whatever jieba calls it.
    followed_by_noun = len(after) > 1 and after.startswith("的") or (bool(after) and nouns.after(after, relaxed) != "")
    if not followed_by_noun:
        return False
    if after.endswith(words.share_of):  # 首批5个国家公园之一: the number names the set, not a target
        return True
    if before.endswith(words.qualifier_cues):
        return True
    if q.category in ("age", "voltage"):
        return True
    if q.category in ("people", "households") and bound.suffix is not None:
        return True  # 30户以上自然村, 60岁以上: a size of what follows, not a count of it
    if q.category in COUNTING_CATEGORIES or q.category in ("percent", "points", "permille"):
        return False
    # 年产1亿标块以下的生产线, 亿元以上项目, 海拔5000米以上乡镇: a measure bounded and then a noun.
    if after.startswith("的") or bound.suffix is not None:
        return True
    # 吉化120万吨乙烯转型升级项目: the noun right after the measure is a project or a plant.
    head = nouns.after(after)
    if head.endswith(words.qualifier_heads):
        return True
    # 弗迪12吉瓦时动力电池, 粮油千亩高产片: a measure between two nouns sits inside a name; after
    # a verb (推进36.9万亩高标准农田建设) it is the size of the work.
    if head and before and q.unit and not before.endswith(words.predicates):
        last = tag(before[-_NAME_TAIL:], lex)
        return bool(last) and last[-1][1] in _NAME_TAGS
    return False


# Characters before a quantity tagged to see whether a name ends there: enough for the last
# word or two (弗迪12吉瓦时: 弗迪), few enough that the tags stay local and cheap.
_NAME_TAIL = 6
# Parts of speech of a noun or name right before a quantity (jieba's tags).
_NAME_TAGS = {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng"}
# A comma also joins the numbers of one list (分别增长3%,6%左右): punctuation, so not a cue word.
_LIST_COMMA = ","


def _joiner_length(text: str, start: int, end: int, lex: Lexicons) -> int:
    """The length of the list joiner (cues.tsv list_joiner: 和, 及, 、和 …) opening text[start:end], 0 if none."""
    m = _list_joiners(lex).match(text, start, end)
    return m.end() - start if m else 0


def _list_joiners(lex: Lexicons) -> re.Pattern[str]:
    """The list joiners as one alternation, longest first."""
    return lex.words_regex("list_joiner", lambda: lex.cue_words("list_joiner"), "{}")


def _joins(joiner: str, lex: Lexicons) -> bool:
    """The text between two numbers joins them as items of one list (、 和 及 …, cues.tsv list_joiner)."""
    return joiner == _LIST_COMMA or joiner in _target_words(lex).list_joiner


def _split_subjects(text: str, sentence: tuple[int, int], mark: int, lex: Lexicons) -> list[str]:
    start = clause_start(text, sentence[0], mark, LIST_BREAKS)
    end = mark
    if not text[start:mark].strip() and start > sentence[0] + 1:
        # 城市居民人均可支配收入和农民人均纯收入，分别增加1154元和664元: 分别 opens its clause,
        # and the subjects are the clause before it — unless that clause states numbers of its
        # own (收入达49020元、24660元，分别增长8%、8.5%), whose metrics name the later ones.
        before = clause_start(text, sentence[0], start - 1, LIST_BREAKS)
        if not _DIGIT.search(text, before, start - 1):
            start, end = before, start - 1
    return [s for s in _list_joiners(lex).split(text[start:end]) if s]


_DIGIT = re.compile("[0-9]")


def _expand_compound(name: str, lex: Lexicons) -> list[str]:
    """城乡居民收入 → [城镇居民收入, 农村居民收入]; 一二三产增加值 → [一产…, 二产…, 三产…]
    (compounds.tsv); else the name alone."""
    for compound, parts in lex.compounds.items():
        if compound in name:
            return [name.replace(compound, part, 1) for part in parts]
    return [name]


def _distribute_head(names: list[str], lex: Lexicons) -> list[str]:
    """通讯器材、家用电器、新能源汽车零售额 → each item gets the shared head noun 零售额."""
    if len(names) < 2:
        return names
    last = names[-1]
    etc = next((w for w in _target_words(lex).list_etc if w in last[1:-1]), None)
    if etc is not None:
        # 食品、石化、医药、信息等产业增加值: what follows 等 is shared by every item.
        item, head = last.rsplit(etc, 1)
        return [n if n.endswith(head) else n + head for n in names[:-1]] + [item + head]
    width = len(names[0])
    if (
        all(len(n) == width for n in names[:-1])
        and len(last) > width
        and any({*names[:-1], last[:width]} <= set(parts) for parts in lex.compounds.values())
    ):
        # 城镇、农村居民人均可支配收入 / 一产、二产、三产增加值: modifiers that compounds.tsv names as
        # parts of one whole share all the rest.
        rest = last[width:]
        return [n + rest for n in names[:-1]] + [last]
    tokens = tag(last, lex)
    head = tokens[-1][0] if len(tokens) > 1 else ""
    if not head:
        return names
    complete = _target_words(lex).level_metric
    return [n if n.endswith(head) or complete.search(n) else n + head for n in names[:-1]] + [last]


def targets(text: str, quantities: list[Quantity], paragraphs: list[Paragraph], lex: Lexicons) -> list[Target]:
    """Targets in text order; quantities outside every paragraph are dropped (cannot happen)."""
    result: list[Target] = []
    words = _target_words(lex)
    nouns = Nouns(lex)
    q_starts = [q.start for q in quantities]
    group_id = 0
    for para in paragraphs:
        lo = bisect.bisect_left(q_starts, para.start)
        hi = bisect.bisect_left(q_starts, para.end)
        if lo == hi:
            continue
        row_name = first_cell_name(text[para.start : para.end]) if para.table_row else None
        if row_name is not None:
            # A row of a statistics table names what each of its numbers measures in its first
            # cell: no words around a number to read (and thousands of rows in a long 附表).
            for q in quantities[lo:hi]:
                result.append(
                    _target(q, _comparator(text, q, lex, words), "target", row_name, row_name, para, (para.start, para.end), None)
                )
            continue
        for sent in sentence_spans(text, para.start, para.end):
            # by bisection: a one-line text is one paragraph of thousands of sentences
            sent_start, sent_end = sent
            first = bisect.bisect_left(q_starts, sent_start, lo, hi)
            if first == hi or q_starts[first] >= sent_end:
                continue  # no quantity (most sentences): told before the second bisection and a slice
            in_sentence = quantities[first : bisect.bisect_left(q_starts, sent_end, first, hi)]
            bounds = _share_prefixes(text, in_sentence, [_comparator(text, q, lex, words) for q in in_sentence], lex)
            # Pass 1: roles, which the metric of a counting quantity depends on.
            roles = []
            windows = []
            prev_end = sent_start  # where the words of the quantity before end
            for k, (q, b) in enumerate(zip(in_sentence, bounds)):
                # A clause break sought from where the words of the quantity before end, not from
                # the sentence's start: the words begin no earlier anyway (the max, which also
                # keeps prev_end when those words run past this quantity's start).
                left = max(clause_start(text, prev_end, q.start), prev_end)
                if k and left == prev_end:
                    # 办理人大代表建议1401件和政协提案895件: the word joining the items of a list
                    # after the last number is no part of the next item's name.
                    left += _joiner_length(text, left, q.start, lex)
                before = text[left : q.start - b.start_before]
                after_start = prev_end = q.end + b.length_after
                next_start = in_sentence[k + 1].start if k + 1 < len(in_sentence) else sent_end
                after = text[after_start : min(clause_end(text, after_start, sent_end), next_start)]
                windows.append((before, after))
                roles.append("qualifier" if _is_qualifier(q, b, before, after, lex, words, nouns) else "target")
            for k in range(len(in_sentence) - 2, -1, -1):
                # 750千伏和330千伏电网工程: items of one list share the last item's role.
                q, nxt = in_sentence[k], in_sentence[k + 1]
                if roles[k + 1] == "qualifier" and q.unit == nxt.unit and _joins(text[q.end + bounds[k].length_after : nxt.start], lex):
                    roles[k] = "qualifier"
            # 分别: A、B、C分别增长3.5%、6%和5% — one subject per quantity.
            subjects: dict[int, str] = {}
            groups: dict[int, int] = {}
            # The first of the words in the sentence, by a loop: a generator cost more than the finds.
            mark = -1
            for word in words.respectively:
                found = text.find(word, sent_start, sent_end)
                if found >= 0 and (mark < 0 or found < mark):
                    mark = found
            if mark >= 0:
                # The items are the quantities of the clause after 分别, joined by 、 和 及.
                list_end = clause_end(text, mark, sent_end, LIST_BREAKS)
                listed = [k for k, q in enumerate(in_sentence) if mark < q.start < list_end and roles[k] == "target"]
                names = _distribute_head(_split_subjects(text, sent, mark, lex), lex)
                if len(names) == 1 and len(listed) >= 2:
                    names = _expand_compound(names[0], lex)
                if listed and len(names) == len(listed):
                    group_id += 1
                    for k, name in zip(listed, names):
                        subjects[k] = name
                        groups[k] = group_id
            # Pass 2: metrics.
            last_noun = ""
            for k, (q, b) in enumerate(zip(in_sentence, bounds)):
                before, after = windows[k]
                role = roles[k]
                subject = subjects.get(k)
                if role == "target" and k + 1 < len(in_sentence) and roles[k + 1] == "qualifier":
                    # 1个投资30亿元以上的项目: the counted noun stands after the qualifier.
                    nxt = in_sentence[k + 1]
                    tail_start = nxt.end + bounds[k + 1].length_after
                    after = text[tail_start : clause_end(text, tail_start, sent_end)]
                counting = q.category in COUNTING_CATEGORIES or after.startswith("的")
                noun_b, action, verb_only = nouns.before(before if subject is None else subject)
                noun_a = nouns.after(after, counting)
                if subject:
                    noun = noun_b
                elif role == "qualifier":
                    noun = noun_a or noun_b
                elif noun_a and (counting or not noun_b or verb_only):
                    noun = noun_a
                elif verb_only and last_noun:
                    noun, action = last_noun, noun_b  # 由66户整合至12户: the verb is the action
                elif not noun_b and after:
                    noun = nouns.before(after)[0]  # 5次调高城乡居民基础养老金标准
                else:
                    noun = noun_b
                if role == "target" and last_noun and not subject and words.benchmark_clause.search(before):
                    # 赤字规模4.06万亿元，比上年年初预算增加1800亿元: a clause that opens with its
                    # benchmark speaks of the subject before it, not of 年初.
                    noun, action = last_noun, ""
                elif role == "target" and not verb_only and (noun_b or noun):
                    last_noun = noun_b or noun
                if not noun:
                    noun = last_noun or para.topic
                metric = format_metric(noun, action if role == "target" else "")
                result.append(_target(q, b, role, metric, noun, para, sent, groups.get(k)))
    return result
