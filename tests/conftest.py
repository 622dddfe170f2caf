import os
import sys
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

# The shared corpus sits beside the repository (../shared/corpus) on developer machines and CI.
CORPUS = ROOT.parent / "shared" / "corpus"
# CI sets GZBG_REQUIRE_CORPUS=1: there a missing corpus is an error, not a quarter of the cases
# silently skipped.
if os.environ.get("GZBG_REQUIRE_CORPUS") == "1" and not CORPUS.is_dir():
    raise pytest.UsageError(f"GZBG_REQUIRE_CORPUS=1 but {CORPUS} is missing")
# Tests never write into the user's cache: one temporary tag cache for the run (subprocesses inherit it).
os.environ.setdefault("GZBG_CACHE_DIR", tempfile.mkdtemp(prefix="gzbg-test-cache-"))


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "provinces-2026").glob("*.txt"))


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


@pytest.fixture(scope="session")
def corpus_results():
    """Every report of ../shared/corpus/reports/ read once for the whole run, as gzbg check and gzbg
    show read them (2 processes; texts kept for the review page)."""
    from gzbg.read.inputs import expand_inputs
    from gzbg.runner import Settings, run

    items, failures = expand_inputs([str(CORPUS / "reports")])
    assert failures == []
    return list(run(items, Settings(None, None, None, fingerprint=True, review=True), jobs=2))
