"""Stage 5a: the metric a quantity measures — the noun phrase next to it, and the action.

更新改造地下管网120公里以上 → noun 地下管网, action 更新改造; 56个老旧小区 → 老旧小区;
地区生产总值增长5%左右 → 地区生产总值. The text windows come from ``targets``; this module only
reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gzbg.extraction.tagging import kept, tag
from gzbg.lexicons import Lexicons, PatternSet

__all__ = ["noun_before", "noun_after", "Nouns", "format_metric"]

_VERB_TAGS = {"v", "vd", "l", "i"}
# Tags stripped from the front of the words before a quantity: verbs and adverbs, not the
# conjunction 和 of 和美村 nor an adjective that starts a name.
_LEADING_VERBISH = {"v", "vd", "d", "ad", "l", "p", "i"}
# Particles (的, 了) that open the words only when a clause was cut before them: dropped, and
# what follows them stays (的离退休人员: 离退休 is part of the noun, not an action).
_LEADING_PARTICLES = {"uj", "ul"}
# Actions joined by a conjunction before one noun (see _joined_verbs): at most two verbs after it
# (改造提升), the rest a noun of two characters or more.
_MAX_JOINED_VERBS = 2
_MIN_JOINED_NOUN = 2
_TRAILING_VERBISH = {"v", "vd", "d", "ad", "p", "u", "uj", "ul"}
# The tags of a word that ends a noun phrase after a quantity. jieba tags some one-character
# nouns zg (县, 村): they end one too.
_NOUN_END = frozenset(("n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "j", "an", "zg"))
# 城乡居民基础养老金每人每月提高20元: the per-person, per-period words are not the metric.
_PER_WHOM = re.compile(r"(?:每(?:人|户|年|月|日|天|季度|个)+)+$")
_PLAN_PERIODS = re.compile(r"“?十[一二三四五六七八九]五”?(?:时期|期间|以来|末期|末)?")
_TIME_SPANS = re.compile(r"(?:近|过去|连续|这|前|后|未来)?[0-9一二两三四五六七八九十]+年(?:来|内|间|中)?")
_YEARS = re.compile(r"(?:到|至|在)?(?:19|20)[0-9]{2}年(?:底|末|前|内|的)?")
_SPACES = re.compile(r"\s+")  # line breaks inside a sentence (web copies) split no word
_QUOTE_MARKS = re.compile(r"[“”‘’\"《》「」]")
_PAREN = re.compile(r"\([^()]{1,12}\)")
_PUNCT_EDGES = ' ,.:;、()"“”‘’《》【】[]-—~'
_EDGES_BUT_CLOSING = _PUNCT_EDGES.replace(")", "")
# Characters every match of a pattern above holds: a window without one is not searched.
_YEAR_CHAR = "年"  # _YEARS, _TIME_SPANS
_PLAN_CHAR = "五"  # _PLAN_PERIODS (十四五, 十五五)
_PER_CHAR = "每"  # _PER_WHOM


def _strip_edges(text: str) -> str:
    """Trim punctuation, but keep a closing bracket whose opening one stays (企业(园区)) and an
    opening quote whose closing one stays (“教共体”覆盖率)."""
    if not text or (text[0] not in _PUNCT_EDGES and text[-1] not in _PUNCT_EDGES):
        return text  # nothing below changes a text that neither starts nor ends with punctuation
    keep_quote = text.startswith("“") and "”" in text
    text = text.strip(_EDGES_BUT_CLOSING)
    if keep_quote:
        text = "“" + text
    while text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].strip(_EDGES_BUT_CLOSING)
    while text.startswith(")"):
        text = text[1:]
    return text.lstrip("(") if "(" in text and ")" not in text else text


@dataclass(frozen=True)
class _MetricWords:
    """What noun_before and noun_after read from the lexicons, made once per Lexicons: a
    look-up per call instead of a dozen."""

    origins: tuple[str, ...]
    marks: tuple[str, ...]  # the origins, then the benchmark fillers (高于): a metric stands before
    any_mark: re.Pattern[str]
    trailing: _Trailing
    leading: re.Pattern[str]
    stock: PatternSet
    predicate_start: re.Pattern[str]
    action_joiners: frozenset[str]  # 和 及 与 或: join two actions before one noun (新建和改造)
    term_start: re.Pattern[str]  # a domain term of terms.tsv at a text's start


def _build_metric_words(lex: Lexicons) -> _MetricWords:
    origins = lex.cue_words("origin")
    marks = (*origins, *(w for w, k in lex.fillers.items() if k == "benchmark"))
    return _MetricWords(
        origins,
        marks,
        lex.words_regex("noun_before_marks", marks, "{}"),
        _trailing_words(lex),
        _leading_words(lex),
        lex.cue_search("level_metric"),
        lex.words_regex("predicate_start", lex.predicates, r"(?:{})"),
        frozenset((*lex.cue_words("list_joiner"), *lex.cue_words("alternative"))),
        lex.words_regex("term_start", [term for term, _ in lex.terms], "(?:{})"),
    )


def _metric_words(lex: Lexicons) -> _MetricWords:
    return lex.derived(_build_metric_words)


def _trailing_list(lex: Lexicons) -> list[str]:
    """Words that stand between a metric and its number: 增长, 达到, 稳定在, 以上 …"""
    return [
        *(p.word for p in lex.predicates.values() if p.measure != "amount"),
        *(c.word for c in lex.comparators),
        *lex.fillers,
        *lex.cue_words("metric_trail"),
        *lex.cue_words("list_joiner"),
    ]


# The words that stand between a metric and its number as _trim_end reads them: their alternation
# anchored at the end, the length of the longest, and the characters they end with.
_Trailing = tuple[re.Pattern[str], int, frozenset[str]]


def _trailing_words(lex: Lexicons) -> _Trailing:
    """The alternation of _trailing_list anchored at the end, the length of its longest word and
    the set of their last characters."""
    pattern = lex.words_regex("metric_trailing", lambda: _trailing_list(lex), r"(?:{})\Z")
    longest = lex.memo(("longest", "metric_trailing"), lambda: max(map(len, _trailing_list(lex)), default=0))
    return pattern, longest, frozenset(w[-1] for w in _trailing_list(lex))


def _leading_words(lex: Lexicons) -> re.Pattern[str]:
    """Words that open a clause before its object: 新增, 完成, 确保, 推进 …; and the 的 left by a
    qualifier (投资十亿元以上的重大项目一百二十个)."""
    return lex.words_regex(
        "metric_leading",
        lambda: [*lex.predicates, *lex.fillers, *(c.word for c in lex.comparators), *lex.cue_words("metric_lead")],
        r"(?:{})",
    )


def _trim_end(text: str, trailing: _Trailing) -> str:
    """Strip punctuation and any of the words of ``trailing`` (see _Trailing) from the end. A word
    at the end starts at most the longest word's length from it and ends with one of their last
    characters (lexicon words are never empty): a text ending otherwise is not searched, and the
    search reads only the tail, with the same result as over the whole text."""
    words, longest, last_chars = trailing
    while text:
        if text[0] in _PUNCT_EDGES or text[-1] in _PUNCT_EDGES:  # the test _strip_edges opens with
            text = _strip_edges(text)
        if not text or text[-1] not in last_chars:
            break
        m = words.search(text, max(0, len(text) - longest))
        if not m:
            break
        text = text[: m.start()]
    return text


# noun_before keeps its results by window and noun_after by (window, counted), with the tags
# (tagging.kept): pure functions of the text for one Lexicons, and over distinct reports a third
# of the windows before a quantity and five sixths of those after recur (地区生产总值, 城镇新增就业,
# or nothing). At most this many each, then emptied: a few MB.
RESULTS_KEPT = 20_000


def _joined_verbs(tokens: list[tuple[str, str]], joiners: frozenset[str]) -> int:
    """How many verbs follow a conjunction opening the words (cues.tsv list_joiner, alternative)
    and join an action before them (新建|和改造提升|高标准农田); 0 when the words are not so: no
    verb after it (和美乡村), a verb of one character, a cut into a word (和提|质改造), or less
    than a noun of _MIN_JOINED_NOUN characters left after the verbs (及退税缓|税)."""
    if len(tokens) < 3 or tokens[0][0] not in joiners:
        return 0
    verbs = 0
    while 1 + verbs < len(tokens) and verbs < _MAX_JOINED_VERBS and tokens[1 + verbs][1] in _VERB_TAGS:
        if len(tokens[1 + verbs][0]) < 2:
            return 0
        verbs += 1
    if not verbs or sum(len(word) for word, _ in tokens[1 + verbs :]) < _MIN_JOINED_NOUN:
        return 0
    return verbs


def noun_before(window: str, lex: Lexicons) -> tuple[str, str, bool]:
    """(noun phrase, action, verb only) from the words before a quantity: 更新改造地下管网 → (地下管网, 更新改造).

    When only verbs precede the number, the last content verb stands in for the noun:
    完成改造1200户 → ('改造', '', True) — the work itself is what is measured — but 新开工20万亩 →
    ('', '新开工', False), and the caller takes the noun from the clause before.
    """
    return Nouns(lex).before(window)


def noun_after(window: str, lex: Lexicons, counted: bool = False) -> str:
    """The noun phrase right after a quantity (56个老旧小区改造 → 老旧小区), or ''.

    After a counting word the words that follow are what is counted, even when jieba tags the
    first of them as a verb (10个聚力攻坚专项); after a measure they must start with a noun.
    """
    return Nouns(lex).after(window, counted)


class Nouns:
    """noun_before and noun_after over one Lexicons, for a caller that asks many times (targets:
    twice or more per quantity of a text). The dicts that keep their results (tagging.kept) and
    the words of the lexicons are fetched once, not on every call: 256,000 calls that find their
    result kept, as many as targets makes over the corpus, 0.057 s → 0.022 s."""

    __slots__ = ("lex", "words", "nouns_before", "nouns_after")

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.words = _metric_words(lex)
        self.nouns_before: dict[str, tuple[str, str, bool]] = kept(lex, "noun_before")
        self.nouns_after: dict[tuple[str, bool], str] = kept(lex, "noun_after")

    def before(self, window: str) -> tuple[str, str, bool]:
        """noun_before(window, lex)."""
        results = self.nouns_before
        found = results.get(window)
        if found is None:
            if len(results) >= RESULTS_KEPT:
                results.clear()
            found = results[window] = _noun_before(window, self.lex, self.words)
        return found

    def after(self, window: str, counted: bool = False) -> str:
        """noun_after(window, lex, counted)."""
        results = self.nouns_after
        found = results.get((window, counted))
        if found is None:
            if len(results) >= RESULTS_KEPT:
                results.clear()
            found = results[(window, counted)] = _noun_after(window, self.lex, counted)
        return found


def _noun_before(window: str, lex: Lexicons, words: _MetricWords) -> tuple[str, str, bool]:
    """What noun_before returns, computed."""
    window = _SPACES.sub("", window)
    if _YEAR_CHAR in window:
        window = _TIME_SPANS.sub("", _YEARS.sub("", window))
    if _PLAN_CHAR in window:
        window = _PLAN_PERIODS.sub("", window)
    # 生产总值从3.68万亿元增长到…, 增幅高于全国0.7个百分点: the metric stands before 从 or 高于.
    if words.any_mark.search(window):
        for mark in words.marks:
            cut = window.find(mark)
            if cut == 0 and mark not in words.origins:
                return "", "", False
            if cut > 0:
                window = window[:cut]
    window = _trim_end(window, words.trailing)
    if _PER_CHAR in window:
        window = _PER_WHOM.sub("", window)
    if window in lex.predicates or window in lex.fillers:
        return "", window if window in lex.predicates else "", False
    # A quoted name (“教共体”覆盖率) is kept whole: verbs are stripped only before it.
    quote = window.find("“")
    head, quoted = (window, "") if quote < 0 else (window[:quote], _QUOTE_MARKS.sub("", window[quote:]))
    head = _QUOTE_MARKS.sub("", head)
    actions: list[str] = []
    leading = words.leading
    while head:
        m = leading.match(head)
        if not m or (m.end() == len(head) and not quoted):
            break
        term = words.term_start.match(head)
        if term and term.end() > m.end():
            break  # 新增就业: a domain term (terms.tsv) that opens with a predicate is one noun
        if m.group(0) in lex.predicates:
            actions.append(m.group(0))
        head = _strip_edges(head[m.end() :])
    tokens = list(tag(head, lex))
    content_verb = ""
    while tokens and tokens[0][1] in _LEADING_VERBISH:
        word, pos = tokens.pop(0)
        if pos in _VERB_TAGS and len(word) >= 2 and lex.fillers.get(word) != "weak":
            content_verb = word
            actions.append(word)
    if len(tokens) > 1 and tokens[0][1] in _LEADING_PARTICLES:
        tokens.pop(0)  # 的五保对象补助标准, 了港澳服务业投资项目: what ended the words cut before it
    verbs = _joined_verbs(tokens, words.action_joiners) if actions else 0
    if verbs:
        # 新建和改造提升高标准农田: 和 joins two actions, not two nouns; the action is both.
        actions.append(actions[-1] + "".join(word for word, _ in tokens[: 1 + verbs]))
        del tokens[: 1 + verbs]
    # 地区生产总值跨越: a verb after the noun goes; a noun jieba tags as a verb (营业收入) stays.
    # The words are joined once and cut as each goes, not joined again for every test and at the end.
    phrase = "".join([w for w, _ in tokens])
    while tokens and not quoted and tokens[-1][1] in _TRAILING_VERBISH and not words.stock.search(phrase):
        phrase = phrase[: len(phrase) - len(tokens.pop()[0])]
    noun = _trim_end(phrase + quoted, words.trailing)
    if not noun and content_verb:
        return content_verb, "", True
    return noun, actions[-1] if actions else "", False


def _noun_after(window: str, lex: Lexicons, counted: bool) -> str:
    """What noun_after returns, computed."""
    window = _QUOTE_MARKS.sub("", _SPACES.sub("", window)).lstrip("的")
    if not window:
        return ""
    tokens = tag(window, lex)  # read, never changed: no copy
    if not tokens or tokens[0][1] in {"p", "c", "d", "u", "uj", "x"}:
        return ""
    if not counted and (tokens[0][1] in _VERB_TAGS or _metric_words(lex).predicate_start.match(window)):
        return ""
    last = -1
    for i, (word, pos) in enumerate(tokens):
        if word in "()":
            continue
        if last >= 0 and (lex.fillers.get(word) == "clause" or (word in lex.predicates and lex.predicates[word].measure == "amount")):
            break  # 5个品牌入选首批中国消费名品: what is said of the noun is not part of it
        if pos in _NOUN_END:
            last = i
    if last < 0:
        return ""
    noun = "".join([w for w, _ in tokens[: last + 1]])
    rest = "".join([w for w, _ in tokens[last + 1 :]])
    paren = _PAREN.match(rest)  # 企业(园区): keep the parenthesised alternative
    if paren:
        noun += paren.group(0)
    elif noun.count("(") > noun.count(")") and rest.startswith(")"):
        noun += ")"
    return _strip_edges(noun)


def format_metric(noun: str, action: str) -> str:
    """地下管网 + 更新改造 → 地下管网(更新改造): the thing measured first, the work in brackets."""
    noun = _QUOTE_MARKS.sub("", noun)
    if noun and action and action not in noun:
        return f"{noun}({action})"
    return noun or action
