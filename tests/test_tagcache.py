"""The tag cache (issue 13): only ever slower, never wrong — damaged entries, a damaged file and
threads sharing it give exactly the rows of a run without it."""

import json
import sqlite3
import threading
from pathlib import Path

import pytest

import gzbg
from gzbg.extraction import tagcache, tagging

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache folder for this test; the taggers of earlier tests are forgotten before and after."""
    monkeypatch.setenv("GZBG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tagcache, "_warned", False)
    tagging.reset()
    yield tmp_path
    tagging.reset()


def rows(text: str) -> str:
    """Every row and column as CSV text: exact, and NaN equals NaN."""
    return gzbg.extract(text).to_csv(index=False)


@pytest.fixture(scope="module")
def sample():
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def uncached(sample):
    """The sample's rows with the cache turned off."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GZBG_CACHE_DIR", "")
        tagging.reset()
        found = rows(sample)
        tagging.reset()
    return found


def filled(cache_dir: Path, sample: str) -> sqlite3.Connection:
    """Run once so that the cache holds the sample's tags, then forget them in memory."""
    rows(sample)
    tagging.reset()
    db = sqlite3.connect(cache_dir / "tags.sqlite", isolation_level=None)
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] > 20
    return db


def test_a_filled_cache_gives_the_same_rows(cache_dir, sample, uncached):
    filled(cache_dir, sample).close()
    assert rows(sample) == uncached


def test_wrong_but_valid_tags_are_discarded(cache_dir, sample, uncached, capsys):
    db = filled(cache_dir, sample)
    # Every entry rewritten with real words and real tags, but not jieba's: all nouns.
    for text, value in db.execute("SELECT text, tags FROM entries").fetchall():
        nouns = json.dumps([[w, "n"] for w, _ in json.loads(value)], ensure_ascii=False)
        db.execute("UPDATE entries SET tags=? WHERE text=?", (nouns, text))
    # And some with words that do not join back into the text, checksum and all.
    text = db.execute("SELECT text FROM entries LIMIT 1").fetchone()[0]
    other = json.dumps([["别的", "n"]], ensure_ascii=False)
    db.execute(
        "UPDATE entries SET tags=?, checksum=? WHERE text=?",
        (other, tagcache._checksum(tagcache.fingerprint(gzbg.lexicons.load().terms), text, other), text),
    )
    db.close()
    assert rows(sample) == uncached
    assert capsys.readouterr().err.count("gzbg: tag cache") == 1  # warned once, however many entries


def test_a_value_that_is_not_json_is_discarded(cache_dir, sample, uncached):
    db = filled(cache_dir, sample)
    db.execute('UPDATE entries SET tags=\'[["地区", "n"\' ')
    db.close()
    assert rows(sample) == uncached


def test_a_damaged_file_is_read_around(cache_dir, sample, uncached, capsys):
    filled(cache_dir, sample).close()
    for path in cache_dir.glob("tags.sqlite*"):
        data = bytearray(path.read_bytes())
        for k in range(0, len(data), 97):  # bytes damaged all through the file, header included
            data[k] ^= 0x5A
        path.write_bytes(bytes(data))
    assert rows(sample) == uncached
    err = capsys.readouterr().err
    assert err.count("gzbg: tag cache") == 1 and "same rows" in err


def test_a_read_only_cache_is_read_around(cache_dir, sample, uncached, monkeypatch, capsys):
    filled(cache_dir, sample).close()
    # Opened read-only (as a file a user cannot write is; file modes do not bind root, who runs CI).
    connect = sqlite3.connect
    monkeypatch.setattr(tagcache.sqlite3, "connect", lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
    assert rows(sample + "新增就业岗位12万个。") == uncached_with_more(sample)
    assert "gzbg: tag cache" in capsys.readouterr().err


def uncached_with_more(sample: str) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GZBG_CACHE_DIR", "")
        tagging.reset()
        found = rows(sample + "新增就业岗位12万个。")
        tagging.reset()
    return found


def test_a_locked_cache_is_read_around(cache_dir, sample, uncached, monkeypatch):
    filled(cache_dir, sample).close()
    monkeypatch.setattr(tagcache, "LOCK_TIMEOUT", 0.01)
    holder = sqlite3.connect(cache_dir / "tags.sqlite", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert rows(sample) == uncached
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_eight_threads_give_the_sequential_rows(cache_dir, sample, uncached):
    texts = [sample] + [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "gold").glob("*.txt"))[:3]]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GZBG_CACHE_DIR", "")
        tagging.reset()
        expected = [rows(t) for t in texts]
        tagging.reset()
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            results[k] = rows(texts[k % len(texts)])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    for round_ in ("first", "second: reads what the first wrote"):
        threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [], round_
        assert [results[k] for k in range(8)] == [expected[k % len(texts)] for k in range(8)], round_
        tagging.reset()


def test_entries_of_old_fingerprints_are_pruned(tmp_path):
    path = tmp_path / "tags.sqlite"
    for k in range(tagcache.KEEP_FINGERPRINTS + 2):
        cache = tagcache.TagCache(path, f"fp{k}")
        cache.put("增长", (("增长", "v"),))
        cache.flush()
    db = sqlite3.connect(path)
    kept = {fp for (fp,) in db.execute("SELECT DISTINCT fp FROM entries")}
    assert kept == {f"fp{k}" for k in range(2, tagcache.KEEP_FINGERPRINTS + 2)}
    assert tagcache.TagCache(path, "fp5").get("增长") == (("增长", "v"),)


def test_the_memo_is_bounded(monkeypatch, cache_dir):
    monkeypatch.setattr(tagging, "MEMO_SIZE", 3)
    lex = gzbg.lexicons.load()
    for text in ("新增就业", "地区生产总值", "粮食产量", "居民收入", "新增就业"):
        tagging.tag(text, lex)
    memory = tagging._taggers[lex.terms].memory
    assert list(memory) == ["粮食产量", "居民收入", "新增就业"]
