"""Word segmentation and part-of-speech tags from jieba, loaded on first use.

Only the short windows around quantities are tagged, never the whole report: tagging is the
slowest step of the pipeline, and the metric needs a dozen characters of context at most. Tags
are kept in memory (the latest MEMO_SIZE texts) and in a disk cache (``tagcache``): a rerun never
loads jieba's dictionary. Safe to call from several threads at once.
"""

from __future__ import annotations

import atexit
import logging
import math
import re
import threading
from collections import OrderedDict
from typing import Any

from gzbg.extraction.tagcache import TagCache, open_cache
from gzbg.lexicons import Lexicons

__all__ = ["tag", "kept", "flush", "reset", "MEMO_SIZE"]

# Texts whose tags are kept in memory per process. A report asks for the same short window two or
# three times (metric, qualifier, verb), close together, so a few thousand would do; 20,000 also
# keeps the windows that recur across reports (地区生产总值增长) and costs about 10 MB at most.
MEMO_SIZE = 20_000

Tags = tuple[tuple[str, str], ...]


class _Tagger:
    def __init__(self, terms) -> None:
        self.terms = terms
        self.memory: OrderedDict[str, Tags] = OrderedDict()
        self.lock = threading.Lock()
        self.disk: TagCache | None = open_cache(terms)
        self.word_tagger: _WordTagger | None = None
        self.kept: dict[str, dict] = {}

    def _word_tagger(self):
        if self.word_tagger is None:
            self.word_tagger = _tokenizer(self.terms)
        return self.word_tagger

    def tag(self, text: str) -> Tags:
        # A hit (a third of the calls) reads and reorders the memory without the lock: each of
        # get and move_to_end is one call into C, done whole under the GIL, so that the worst
        # another thread can do between them is evict the text (then it is simply not moved).
        # Only the insertion and eviction below, two steps that must not interleave, take the
        # lock. The lock on every hit cost a quarter of the memo's time (tag() over the recorded
        # calls of a corpus pass, its tagger stubbed: 96 ms instead of 132).
        found = self.memory.get(text)
        if found is not None:
            try:
                self.memory.move_to_end(text)
            except KeyError:
                pass
            return found
        found = self.disk.get(text) if self.disk is not None else None
        if found is None:
            found = self._word_tagger().tag(text)
            if self.disk is not None:
                self.disk.put(text, found)
        with self.lock:
            self.memory[text] = found
            if len(self.memory) > MEMO_SIZE:
                self.memory.popitem(last=False)
        return found


_taggers: dict[tuple, _Tagger] = {}
_taggers_lock = threading.Lock()
# jieba's tokenizers by domain terms: loading the dictionary takes a second, and a tokenizer is
# a pure function of its terms, so reset() keeps them.
_tokenizers: dict[tuple, _WordTagger] = {}
_tokenizers_lock = threading.Lock()


def _tokenizer(terms):
    with _tokenizers_lock:
        found = _tokenizers.get(terms)
        if found is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            base = jieba.Tokenizer()
            for term, pos in terms:
                base.add_word(term, freq=None, tag=pos)
            found = _tokenizers[terms] = _WordTagger(_pos_tokenizer(base))
        return found


def tag(text: str, lex: Lexicons) -> Tags:
    """(word, POS) pairs of a short text; the same text is tagged once."""
    if not text:
        return ()
    return _tagger_of(lex).tag(text)


def kept(lex: Lexicons, name: str) -> dict:
    """A dict for results computed from the tags (metrics' nouns by window), kept as long as the
    tags in memory: reset() forgets both, so that a text read after it is tagged again (and goes
    through the disk cache) as before any result was kept."""
    results = _tagger_of(lex).kept
    found = results.get(name)
    if found is None:
        found = results[name] = {}
    return found


# The Lexicons last asked for and its tagger: finding a tagger by the domain terms hashes the
# whole tuple of terms (a microsecond), and a process reads with one Lexicons almost always.
_recent: tuple[Lexicons, _Tagger] | None = None


def _tagger_of(lex: Lexicons) -> _Tagger:
    global _recent
    recent = _recent
    if recent is not None and recent[0] is lex:
        return recent[1]
    tagger = _taggers.get(lex.terms)
    if tagger is None:
        with _taggers_lock:
            tagger = _taggers.get(lex.terms)
            if tagger is None:
                tagger = _taggers[lex.terms] = _Tagger(lex.terms)
    _recent = (lex, tagger)
    return tagger


def flush() -> None:
    """Write new tags to the disk cache (also done at exit)."""
    for tagger in list(_taggers.values()):
        if tagger.disk is not None:
            tagger.disk.flush()


def reset() -> None:
    """Write and close the disk cache, then forget the taggers of this process: the next call
    opens the cache that GZBG_CACHE_DIR names then, with an empty memory."""
    global _recent
    with _taggers_lock:
        _recent = None
        for tagger in _taggers.values():
            if tagger.disk is not None:
                tagger.disk.close()
        _taggers.clear()


def _pos_tokenizer(base):
    """jieba's POS tagger over ``base``. Importing jieba.posseg has already read the tags of the
    default dictionary (a second, for its module-level tagger); a tagger over the same dictionary
    takes a copy of that table instead of reading the file again. The domain terms' tags are
    merged in by jieba on first use, as usual (the copy keeps the module's table untouched)."""
    import jieba.posseg

    shared = jieba.posseg.dt
    if shared.tokenizer.dictionary != base.dictionary:
        return jieba.posseg.POSTokenizer(base)
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = base
    tagger.word_tag_tab = dict(shared.word_tag_tab)
    return tagger


# What jieba's POS tagger cuts into words by its dictionary: runs of Han characters, Latin letters,
# digits and + # & . _ (its re_han_internal). Every other character is a word of its own tagged x.
_DICTIONARY_RUN = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._]+")
# One Latin letter or digit as a word: jieba joins consecutive ones into one word tagged eng.
_LATIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LATIN_CHAR = re.compile("[a-zA-Z0-9]")  # one of _LATIN_CHARS
_LATIN_TAG = "eng"
_UNKNOWN_TAG = "x"
# jieba keeps a Windows line break together as one word.
_CRLF = "\r\n"


class _WordTagger:
    """The words and tags of jieba's ``POSTokenizer.cut(text, HMM=False)``, computed the same way
    (each run cut along the route of greatest total log frequency over jieba's dictionary, the
    later end winning a tie) with the same floating-point sums, but in one pass per run instead of
    jieba's generators, DAG dictionary and a log per candidate word: tagging took a third of the
    time of extract. tests/test_tagging.py checks it word for word against jieba."""

    def __init__(self, pos_tokenizer) -> None:
        pos_tokenizer.makesure_userdict_loaded()  # merges the domain terms' tags, as cut() would
        self.jieba = pos_tokenizer  # jieba's own, the reference the tests compare with
        words = pos_tokenizer.tokenizer
        words.check_initialized()
        self.frequency: dict[str, int] = words.FREQ  # a word's count; 0 for a prefix only
        self.log_total = math.log(words.total)
        self.tags: dict[str, str] = pos_tokenizer.word_tag_tab
        # The fragments met so far as a tree of characters: a fragment's node is (weight, the nodes
        # of the fragments one character longer, its (word, tag) pair), found from its prefix's node
        # by its last character, so that trying the next fragment costs a look-up of one character
        # instead of a new slice of the run and the hash of it. The weight is log(count) -
        # log(total), the same float jieba computes each time, or None (and no pair) for a prefix of
        # words that is no word itself; a fragment that is no prefix of any word is kept as None in
        # place of a node. The pair is made once per word, so that the words of a route are not
        # sliced from the run and looked up in the tags again: that was most of _run's time. At
        # most the size of jieba's dictionary, in practice the words of the texts read.
        self.fragments: dict[str, _Fragment | None] = {}

    def tag(self, text: str) -> tuple[tuple[str, str], ...]:
        found: list[tuple[str, str]] = []
        if _DICTIONARY_RUN.fullmatch(text):
            # One run and nothing else: nine windows in ten (no punctuation or space in them).
            self._run(text, found)
            return tuple(found)
        at = 0
        for run in _DICTIONARY_RUN.finditer(text):
            self._other(text, at, run.start(), found)
            self._run(run.group(), found)
            at = run.end()
        self._other(text, at, len(text), found)
        return tuple(found)

    @staticmethod
    def _other(text: str, lo: int, hi: int, found: list[tuple[str, str]]) -> None:
        k = lo
        while k < hi:
            width = 2 if text.startswith(_CRLF, k, hi) else 1
            found.append((text[k : k + width], _UNKNOWN_TAG))
            k += width

    def _run(self, run: str, found: list[tuple[str, str]]) -> None:
        words = self._route(run)
        k, n = 0, len(run)
        if _LATIN_CHAR.search(run) is None:
            # No Latin letter or digit (most runs): no word is joined with the next.
            while k < n:
                pair = words[k]
                found.append(pair)
                k += len(pair[0])
            return
        latin = ""
        while k < n:
            pair = words[k]
            word = pair[0]
            if len(word) == 1 and word in _LATIN_CHARS:
                latin += word
            else:
                if latin:
                    found.append((latin, _LATIN_TAG))
                    latin = ""
                found.append(pair)
            k += len(word)
        if latin:
            found.append((latin, _LATIN_TAG))

    def _route(self, run: str) -> list[tuple[str, str]]:
        """The word (with its tag) that starts at each position on the best route through ``run``."""
        roots, missing = self.fragments, _MISSING
        frequency, log, log_total, tags = self.frequency.get, math.log, self.log_total, self.tags.get
        # The characters as a list: indexing a str makes a new string of any character outside
        # Latin-1 (every Han character), once for each fragment tried.
        chars = list(run)
        n = len(chars)
        best = [0.0] * (n + 1)
        words: list[tuple[str, str]] = [_NO_PAIR] * n
        alone = 0.0 - log_total
        no_word = -math.inf
        for k in range(n - 1, -1, -1):
            top = no_word
            chosen = None
            longer = roots
            stop = k
            # run[k:stop + 1], one character longer each time, while it is a prefix of some word
            while stop < n:
                char = chars[stop]
                node = longer.get(char, missing)
                if node is missing:
                    # Looked up in jieba's dictionary once and kept among the nodes of its prefix
                    # (here, not in a method: a call for each new fragment cost a fifth of the time).
                    fragment = run[k : stop + 1]
                    count = frequency(fragment)
                    if count is None:
                        node = None
                    elif count:
                        node = (log(count) - log_total, {}, (fragment, tags(fragment, _UNKNOWN_TAG)))
                    else:
                        node = (None, {}, None)
                    longer[char] = node
                if node is None:
                    break
                stop += 1
                weight, longer, pair = node
                if weight is not None:
                    score = weight + best[stop]
                    if score >= top:
                        top, chosen = score, pair
            if chosen is None:  # no word starts here: the character alone, as jieba does
                best[k] = alone + best[k + 1]
                chosen = (chars[k], tags(chars[k], _UNKNOWN_TAG))
            else:
                best[k] = top
            words[k] = chosen
        return words


# A fragment of a run in the tree of fragments met: its weight, the nodes of the fragments one
# character longer (by that character) and its (word, tag) pair; weight and pair are None for a
# prefix only.
_Fragment = tuple["float | None", "dict[str, _Fragment | None]", "tuple[str, str] | None"]


# Not yet looked up in jieba's dictionary (None in place of a node: no prefix of any word).
_MISSING: Any = object()
# What a route's list of words holds before the word at a position is known.
_NO_PAIR = ("", "")


atexit.register(flush)
