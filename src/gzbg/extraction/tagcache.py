"""A disk cache of part-of-speech tags, so a rerun does not load jieba's dictionary at all.

Keyed by the tagged text and by a fingerprint of jieba's version and the domain terms, so a
lexicon change or a jieba upgrade starts afresh (the entries of older fingerprints are pruned).
SQLite (standard library) lets parallel worker processes share one file safely; each thread has
its own connection. Set GZBG_CACHE_DIR to move it, or to "" to turn it off.

The cache can only make tagging slower, never wrong: an entry is used only when it carries the
checksum written with it, its words join back into its text and its tags are jieba's; any other
entry is discarded and tagged afresh. Any error of the cache itself (a damaged file, a locked or
read-only database) turns the cache off for the rest of the process, with one line on stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

__all__ = ["TagCache", "open_cache", "fingerprint", "JIEBA_TAGS"]

# The tags jieba 0.42 gives (those of its dictionary, plus m, eng and x for numbers, Latin words
# and anything unknown). A cached tag outside these and the domain terms' tags is damage.
JIEBA_TAGS = frozenset(
    "a ad ag an b c d df dg e eng f g h i j k l m mg mq n ng nr nrfg nrt ns nt nz o p q r rg rr rz s t tg "
    "u ud ug uj ul uv uz v vd vg vi vn vq x y z zg".split()
)
# New tags are written in batches of this many: one transaction per batch, not per text.
BATCH = 500
# Seconds a connection waits for another process's write before the cache counts as locked.
# Writes are short batches, so a wait this long means something else holds the file.
LOCK_TIMEOUT = 10.0
# Fingerprints (lexicon versions) whose entries are kept; older ones are deleted when a new one
# opens, so editing terms.tsv again and again does not grow the file without end. A few, not one:
# a user may switch between the shipped lexicons and a --lexicon folder.
KEEP_FINGERPRINTS = 4
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (fp TEXT, text TEXT, tags TEXT, checksum TEXT, PRIMARY KEY (fp, text))",
    "CREATE TABLE IF NOT EXISTS fingerprints (fp TEXT PRIMARY KEY, used REAL)",
    "DROP TABLE IF EXISTS tags",  # the first layout, without checksums
)

_warned = False
_warn_lock = threading.Lock()


def _warn(path: Path, reason: str) -> None:
    """One line on stderr, once per process, whatever goes wrong how often."""
    global _warned
    with _warn_lock:
        if _warned:
            return
        _warned = True
    print(f"gzbg: tag cache {path}: {reason}; tagging without it (slower, same rows)", file=sys.stderr)


def _cache_dir() -> Path | None:
    configured = os.environ.get("GZBG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gzbg"


def _checksum(fp: str, text: str, tags: str) -> str:
    return hashlib.blake2b("\0".join((fp, text, tags)).encode("utf-8"), digest_size=8).hexdigest()


class TagCache:
    """Tags by text for one fingerprint; lookups hit SQLite, new tags are written in batches.

    Safe to share between threads: each thread opens its own connection, and the batch of
    pending writes is guarded by a lock.
    """

    def __init__(self, path: Path, fingerprint: str, known_tags=JIEBA_TAGS) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.known_tags = frozenset(known_tags)
        self.pending: dict[str, str] = {}
        self.lock = threading.Lock()
        self.local = threading.local()
        self.connections: list[sqlite3.Connection] = []
        self.working = True
        db = self._db()
        for statement in _SCHEMA:
            db.execute(statement)
        self._prune(db)

    def _db(self) -> sqlite3.Connection:
        db = getattr(self.local, "db", None)
        if db is None:
            # each thread uses only its own connection; close() may end them all from one thread
            db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None, check_same_thread=False)
            with self.lock:
                self.connections.append(db)
            db.execute("PRAGMA journal_mode=WAL")
            self.local.db = db
        return db

    def _prune(self, db: sqlite3.Connection) -> None:
        """Record this fingerprint as used now; delete the entries of all but the latest few."""
        db.execute("INSERT OR REPLACE INTO fingerprints VALUES (?, ?)", (self.fingerprint, time.time()))
        old = [fp for (fp,) in db.execute("SELECT fp FROM fingerprints ORDER BY used DESC").fetchall()[KEEP_FINGERPRINTS:]]
        for fp in old:
            if fp != self.fingerprint:
                db.execute("DELETE FROM entries WHERE fp=?", (fp,))
                db.execute("DELETE FROM fingerprints WHERE fp=?", (fp,))

    def _fail(self, error: Exception) -> None:
        self.working = False
        _warn(self.path, f"{type(error).__name__}: {error}")

    def _valid(self, text: str, value: str, checksum: str | None) -> tuple[tuple[str, str], ...] | None:
        """The tags of an entry, or None when the entry is not what was written for ``text``."""
        if checksum != _checksum(self.fingerprint, text, value):
            return None
        try:
            pairs = json.loads(value)
        except ValueError:
            return None
        if not isinstance(pairs, list):
            return None
        found = []
        for pair in pairs:
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(isinstance(x, str) for x in pair)
                or pair[1] not in self.known_tags
                or not pair[0]
            ):
                return None
            found.append((pair[0], pair[1]))
        if "".join(w for w, _ in found) != text:
            return None
        return tuple(found)

    def get(self, text: str) -> tuple[tuple[str, str], ...] | None:
        """The cached tags of ``text``; None when absent, damaged (then deleted) or the cache fails."""
        if not self.working:
            return None
        with self.lock:
            value = self.pending.get(text)
        if value is not None:
            return self._valid(text, value, _checksum(self.fingerprint, text, value))
        try:
            db = self._db()
            row = db.execute("SELECT tags, checksum FROM entries WHERE fp=? AND text=?", (self.fingerprint, text)).fetchone()
            if row is None:
                return None
            found = self._valid(text, *row)
            if found is None:
                _warn(self.path, "a damaged entry was found and discarded")
                db.execute("DELETE FROM entries WHERE fp=? AND text=?", (self.fingerprint, text))
            return found
        except (sqlite3.Error, ValueError, TypeError) as error:  # ValueError: a NUL or bad text in a page
            self._fail(error)
            return None

    def put(self, text: str, tags) -> None:
        if not self.working:
            return
        value = json.dumps([list(p) for p in tags], ensure_ascii=False)
        with self.lock:
            self.pending[text] = value
            full = len(self.pending) >= BATCH
        if full:
            self.flush()

    def flush(self) -> None:
        with self.lock:
            batch, self.pending = self.pending, {}
        if not batch or not self.working:
            return
        rows = [(self.fingerprint, t, v, _checksum(self.fingerprint, t, v)) for t, v in batch.items()]
        try:
            db = self._db()
            with db:  # one transaction per batch
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._fail(error)

    def close(self) -> None:
        """Write what is pending, then close every thread's connection."""
        self.flush()
        self.working = False
        with self.lock:
            connections, self.connections = self.connections, []
        for db in connections:
            try:
                db.close()
            except sqlite3.Error:
                pass


def fingerprint(terms) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        jieba_version = version("jieba")
    except PackageNotFoundError:
        jieba_version = "?"
    digest = hashlib.sha1(repr((jieba_version, tuple(terms))).encode("utf-8")).hexdigest()
    return digest[:16]


def open_cache(terms) -> TagCache | None:
    """The cache for these domain terms, or None when it is turned off or cannot be opened."""
    directory = _cache_dir()
    if directory is None:
        return None
    path = directory / "tags.sqlite"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return TagCache(path, fingerprint(terms), JIEBA_TAGS | {pos for _, pos in terms})
    except (OSError, sqlite3.Error) as error:
        _warn(path, f"{type(error).__name__}: {error}")
        return None
