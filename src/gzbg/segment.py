"""Word segmentation and part-of-speech tags from jieba, loaded on first use.

Only the short windows around quantities are tagged, never the whole report: tagging is the
slowest step of the pipeline, and the metric needs a dozen characters of context at most.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from .lexicons import Lexicons

__all__ = ["tag"]

_tokenizers: dict[int, object] = {}


def _tokenizer(lex: Lexicons):
    key = id(lex.terms)
    tok = _tokenizers.get(key)
    if tok is None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        base = jieba.Tokenizer()
        for term, pos in lex.terms:
            base.add_word(term, freq=None, tag=pos)
        tok = jieba.posseg.POSTokenizer(base)
        _tokenizers[key] = tok
    return tok


@lru_cache(maxsize=65536)
def _tag_cached(text: str, key: int) -> tuple[tuple[str, str], ...]:
    tok = _tokenizers[key]
    return tuple((p.word, p.flag) for p in tok.cut(text, HMM=False))


def tag(text: str, lex: Lexicons) -> tuple[tuple[str, str], ...]:
    """(word, POS) pairs of a short text; the same text is tagged once per process."""
    if not text:
        return ()
    _tokenizer(lex)
    return _tag_cached(text, id(lex.terms))
