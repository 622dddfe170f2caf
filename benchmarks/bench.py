"""Speed and memory of gzbg, as ratios to jieba on the same machine in the same run.

    python benchmarks/bench.py            # all three measures (a few minutes)
    python benchmarks/bench.py --quick    # smaller corpus, fewer repeats

1. cold start: `gzbg extract samples/xinxiang-2026-excerpt.txt -f csv` as a whole process, against
   `python -c "import pandas, jieba; jieba.initialize()"` (medians of N runs; the tag cache warm,
   as after any first run, and also cold, with an empty cache directory).
2. throughput: characters per second over ../shared/corpus repeated to >= 20 MB, with --jobs 1
   and --jobs 2, against jieba's POS tagger (jieba.posseg.cut) over one copy of the same text.
   Each gzbg run starts with an empty tag cache, so repeated text is not read from disk.
3. peak memory (max RSS) of `gzbg extract --jobs 1` over 1x and 10x the corpus.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE = ROOT / "samples" / "xinxiang-2026-excerpt.txt"
GZBG = [sys.executable, "-m", "gzbg"]


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, after if after > before else 0


def peak_rss(command: list[str], env: dict) -> int:
    """Peak RSS of one command, measured by /usr/bin/time when available (KiB)."""
    if shutil.which("time") or Path("/usr/bin/time").exists():
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *command], check=True, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return int(out.stderr.strip().splitlines()[-1])
    return timed(command, env)[1]


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "provinces-2026").glob("*.txt"))


def build_corpus(folder: Path, copies: int) -> int:
    """``copies`` copies of the corpus as files; returns the number of characters."""
    chars = 0
    for k in range(copies):
        for path in corpus_files():
            text = path.read_text(encoding="utf-8")
            (folder / f"{k:03d}-{path.parent.name}-{path.name}").write_text(text, encoding="utf-8")
            chars += len(text)
    return chars


def env_with_cache(directory: str) -> dict:
    env = dict(os.environ)
    env["GZBG_CACHE_DIR"] = directory
    return env


def cold_start(repeats: int) -> None:
    base = [sys.executable, "-c", "import pandas, jieba; jieba.initialize()"]
    command = [*GZBG, "extract", str(SAMPLE), "-f", "csv"]
    with tempfile.TemporaryDirectory() as cache:
        env = env_with_cache(cache)
        first = timed(command, env)[0]  # fills the cache
        warm = statistics.median(timed(command, env)[0] for _ in range(repeats))
    cold = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(timed(command, env_with_cache(cache))[0])
    baseline = statistics.median(timed(base)[0] for _ in range(repeats))
    print(f"cold start: gzbg {warm:.2f} s (tag cache warm), {statistics.median(cold):.2f} s (cache empty; "
          f"first run {first:.2f} s); baseline import pandas+jieba {baseline:.2f} s")
    print(f"  ratio {warm / baseline:.2f} (warm), {statistics.median(cold) / baseline:.2f} (cache empty)")


def jieba_rate(text: str) -> float:
    import jieba
    import jieba.posseg

    jieba.initialize()
    start = time.perf_counter()
    for _ in jieba.posseg.cut(text):
        pass
    return len(text) / (time.perf_counter() - start)


def throughput(copies: int) -> None:
    one = "\n".join(p.read_text(encoding="utf-8") for p in corpus_files())
    base = jieba_rate(one)
    with tempfile.TemporaryDirectory() as folder:
        chars = build_corpus(Path(folder), copies)
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"throughput over {copies}x the corpus: {chars:,} characters, {size / 1e6:.1f} MB")
        for jobs in (1, 2):
            with tempfile.TemporaryDirectory() as cache:
                command = [*GZBG, "extract", folder, "-f", "csv", "-j", str(jobs), "-q"]
                elapsed = timed(command, env_with_cache(cache))[0]
            rate = chars / elapsed
            print(f"  --jobs {jobs}: {elapsed:.1f} s, {rate:,.0f} chars/s, {rate / base:.1f}x jieba.posseg ({base:,.0f} chars/s)")


def memory(copies: int) -> None:
    for k in (1, copies):
        with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as cache:
            chars = build_corpus(Path(folder), k)
            out = Path(folder) / "out.csv"
            rss = peak_rss([*GZBG, "extract", folder, "-o", str(out), "-j", "1", "-q"], env_with_cache(cache))
            print(f"peak memory, {k}x corpus ({chars:,} chars): {rss / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2x corpus, 3 repeats, memory at 1x and 3x")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench: {CORPUS} is missing")
    cold_start(3 if args.quick else 7)
    throughput(2 if args.quick else 8)
    memory(3 if args.quick else 10)


if __name__ == "__main__":
    main()
