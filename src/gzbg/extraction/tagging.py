"""Word segmentation and part-of-speech tags from jieba, loaded on first use.

Only the short windows around quantities are tagged, never the whole report: tagging is the
slowest step of the pipeline, and the metric needs a dozen characters of context at most. Tags
are kept in memory (the latest MEMO_SIZE texts) and in a disk cache (``tagcache``): a rerun never
loads jieba's dictionary. Safe to call from several threads at once.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import OrderedDict

from gzbg.extraction.tagcache import TagCache, open_cache
from gzbg.lexicons import Lexicons

__all__ = ["tag", "flush", "reset", "MEMO_SIZE"]

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
        self.tokenizer = None

    def _jieba(self):
        if self.tokenizer is None:
            self.tokenizer = _tokenizer(self.terms)
        return self.tokenizer

    def tag(self, text: str) -> Tags:
        with self.lock:
            found = self.memory.get(text)
            if found is not None:
                self.memory.move_to_end(text)
                return found
        found = self.disk.get(text) if self.disk is not None else None
        if found is None:
            found = tuple((p.word, p.flag) for p in self._jieba().cut(text, HMM=False))
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
_tokenizers: dict[tuple, object] = {}
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
            found = _tokenizers[terms] = _pos_tokenizer(base)
        return found


def tag(text: str, lex: Lexicons) -> Tags:
    """(word, POS) pairs of a short text; the same text is tagged once."""
    if not text:
        return ()
    tagger = _taggers.get(lex.terms)
    if tagger is None:
        with _taggers_lock:
            tagger = _taggers.get(lex.terms)
            if tagger is None:
                tagger = _taggers[lex.terms] = _Tagger(lex.terms)
    return tagger.tag(text)


def flush() -> None:
    """Write new tags to the disk cache (also done at exit)."""
    for tagger in list(_taggers.values()):
        if tagger.disk is not None:
            tagger.disk.flush()


def reset() -> None:
    """Write and close the disk cache, then forget the taggers of this process: the next call
    opens the cache that GZBG_CACHE_DIR names then, with an empty memory."""
    with _taggers_lock:
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


atexit.register(flush)
