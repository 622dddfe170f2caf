import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

# The shared corpus sits beside the repository (../shared/corpus) on developer machines and CI.
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "provinces-2026").glob("*.txt"))


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
