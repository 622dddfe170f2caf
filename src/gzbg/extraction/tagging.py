"""Word segmentation and part-of-speech tags from jieba, loaded on first use.

Only the short windows around quantities are tagged, never the whole report: tagging is the
slowest step of the pipeline, and the metric needs a dozen characters of context at most. Tags
are kept in memory and in a disk cache (``cache.py``): a rerun never loads jieba's dictionary.
"""

from __future__ import annotations

import atexit
import logging

from gzbg.extraction.tagcache import open_cache
from gzbg.lexicons import Lexicons

__all__ = ["tag", "flush"]


class _Tagger:
    def __init__(self, terms) -> None:
        self.terms = terms
        self.memory: dict[str, tuple[tuple[str, str], ...]] = {}
        self.disk = open_cache(terms)
        self.tokenizer = None

    def _jieba(self):
        if self.tokenizer is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            base = jieba.Tokenizer()
            for term, pos in self.terms:
                base.add_word(term, freq=None, tag=pos)
            self.tokenizer = jieba.posseg.POSTokenizer(base)
        return self.tokenizer

    def tag(self, text: str) -> tuple[tuple[str, str], ...]:
        found = self.memory.get(text)
        if found is not None:
            return found
        cached = self.disk.get(text) if self.disk is not None else None
        if cached is not None:
            found = tuple((w, p) for w, p in cached)
        else:
            found = tuple((p.word, p.flag) for p in self._jieba().cut(text, HMM=False))
            if self.disk is not None:
                self.disk.put(text, found)
        self.memory[text] = found
        return found


_taggers: dict[tuple, _Tagger] = {}


def tag(text: str, lex: Lexicons) -> tuple[tuple[str, str], ...]:
    """(word, POS) pairs of a short text; the same text is tagged once."""
    if not text:
        return ()
    tagger = _taggers.get(lex.terms)
    if tagger is None:
        tagger = _taggers[lex.terms] = _Tagger(lex.terms)
    return tagger.tag(text)


def flush() -> None:
    """Write new tags to the disk cache (also done at exit)."""
    for tagger in _taggers.values():
        if tagger.disk is not None:
            tagger.disk.flush()


atexit.register(flush)
