"""A disk cache of part-of-speech tags, so a rerun does not load jieba's dictionary at all.

Keyed by the tagged text and by a fingerprint of jieba's version and the domain terms, so a
lexicon change or a jieba upgrade starts a fresh table. SQLite (standard library) lets parallel
worker processes share one file safely. Set GZBG_CACHE_DIR to move it, or to "" to turn it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

__all__ = ["TagCache", "open_cache"]


def _cache_dir() -> Path | None:
    configured = os.environ.get("GZBG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gzbg"


class TagCache:
    """Tags by text for one fingerprint; lookups hit SQLite, new tags are written in batches."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.pending: dict[str, str] = {}
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS tags (fp TEXT, text TEXT, tags TEXT, PRIMARY KEY (fp, text))")

    def get(self, text: str):
        if text in self.pending:
            return json.loads(self.pending[text])
        row = self.db.execute("SELECT tags FROM tags WHERE fp=? AND text=?", (self.fingerprint, text)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, text: str, tags) -> None:
        self.pending[text] = json.dumps(tags, ensure_ascii=False)
        if len(self.pending) >= 500:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO tags VALUES (?, ?, ?)",
                [(self.fingerprint, t, v) for t, v in self.pending.items()],
            )
        except sqlite3.Error:  # a cache that cannot be written is only slower, never wrong
            pass
        self.pending.clear()


def fingerprint(terms) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        jieba_version = version("jieba")
    except PackageNotFoundError:
        jieba_version = "?"
    digest = hashlib.sha1(repr((jieba_version, tuple(terms))).encode("utf-8")).hexdigest()
    return digest[:16]


def open_cache(terms) -> TagCache | None:
    directory = _cache_dir()
    if directory is None:
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return TagCache(directory / "tags.sqlite", fingerprint(terms))
    except (OSError, sqlite3.Error):
        return None
