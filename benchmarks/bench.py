"""Speed and memory of gzbg, as ratios to jieba on the same machine in the same run.

    python benchmarks/bench.py                  # everything, over all of ../shared/corpus/reports (long)
    python benchmarks/bench.py --limit 3000000  # a spread subset of 3 million characters (a few minutes)

1. throughput: ``gzbg.extract`` over distinct report text (each report once), tag cache off, one
   process, against ``jieba.posseg.cut`` over the same texts, side by side (report by report, each
   by both, who goes first alternating); both warmed first (dictionaries loaded), so only the reading is timed.
2. cold start: ``python -c "import gzbg; gzbg.extract('…')"`` as a whole process (tag cache warm,
   as after any first run, and empty) against ``python -c "import pandas, jieba; jieba.initialize()"``.
3. ``gzbg extract --jobs N`` over the same texts as files, N = 1, 2, …, up to the CPUs.
4. peak memory (max RSS) of ``gzbg extract --jobs 1`` over 1x and 10x the texts.
5. pathological inputs, each in a process of its own: a 1000-line statistics table without
   punctuation, 200,000 random numerals, a 5 MB single line; time against an ordinary text of the
   same number of characters (corpus reports), and peak memory; the best of three processes on
   each side, taken by turns.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "corpus" / "reports"
# The sentence of the cold-start command: one quantity, so that tagging runs.
COLD_TEXT = "今年新增城镇就业12万人以上。"
# What a warmed process has read before it is timed: the lexicons, jieba's dictionary and cn2an
# (imported with the first Chinese numeral gzbg does not read itself, a third of a second) are
# loaded once per process, not per report.
WARM_TEXT = "今年地区生产总值增长5%左右,新增城镇就业12万人。新增就业一千二百三十四万人。"
# Lines of the pathological table, random numerals and bytes of the single line (issue 13).
TABLE_LINES = 1000
RANDOM_NUMERALS = 200_000
SINGLE_LINE_BYTES = 5_000_000
# Fresh processes per pathological input and per ordinary text (the best is kept): with three, the
# table's ratio on one commit came out anywhere from 2.0 to 3.6 from run to run on a shared machine.
PATHOLOGICAL_RUNS = 5


def report_files(limit: int | None) -> list[Path]:
    """Every report (sorted), or a spread of them — shuffled with a fixed seed — up to ``limit``
    characters, so that a subset holds reports of every level and decade."""
    files = sorted(p for p in REPORTS.rglob("*") if p.suffix in (".md", ".txt"))
    if limit is None:
        return files
    random.Random(13).shuffle(files)
    chosen, chars = [], 0
    for path in files:
        if chars >= limit:
            break
        chosen.append(path)
        chars += len(path.read_text(encoding="utf-8"))
    return sorted(chosen)


def child(code: str, *args: str, cache: str = "") -> tuple[float, str]:
    """Wall time of a fresh ``python -c code args`` and its standard output."""
    env = dict(os.environ, GZBG_CACHE_DIR=cache)
    # An installed gzbg starts from the bytecode pip compiled; a machine that sets
    # PYTHONDONTWRITEBYTECODE would charge every start of a source checkout with compiling it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:  # jieba's loading messages on stderr are shown only with a failure
        sys.exit(f"bench: a child process failed:\n{done.stderr}")
    return time.perf_counter() - start, done.stdout


def throughput(files: list[Path]) -> None:
    os.environ["GZBG_CACHE_DIR"] = ""
    import jieba
    import jieba.posseg

    import gzbg

    texts = [(p.read_text(encoding="utf-8"), str(p.relative_to(REPORTS))) for p in files]
    chars = sum(len(t) for t, _ in texts)
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for _ in jieba.posseg.cut("地区生产总值增长5%左右"):
        pass
    gzbg.extract(WARM_TEXT)
    # Side by side: each report read by gzbg and by jieba one right after the other, so that the
    # load of a shared machine at any moment weighs on both alike; each report once (distinct
    # text). Who goes first alternates from report to report: the one that runs second finds the
    # processor's caches filled by the other, and neither should always be that one.
    ours = theirs = 0.0
    rows = 0
    for k, (text, doc) in enumerate(texts):
        for side in ("gzbg", "jieba") if k % 2 == 0 else ("jieba", "gzbg"):
            start = time.perf_counter()
            if side == "gzbg":
                rows += len(gzbg.extract(text, doc=doc))
                ours += time.perf_counter() - start
            else:
                for _ in jieba.posseg.cut(text):
                    pass
                theirs += time.perf_counter() - start
    print(f"throughput over {len(files)} reports, {chars:,} characters (distinct text, tag cache off, one process, report by report):")
    print(f"  gzbg.extract     {ours:7.1f} s  {chars / ours:>9,.0f} chars/s  ({rows:,} rows)")
    print(f"  jieba.posseg.cut {theirs:7.1f} s  {chars / theirs:>9,.0f} chars/s")
    print(f"  ratio {theirs / ours:.1f}x jieba.posseg.cut")


def cold_start(repeats: int) -> None:
    ours = f"import gzbg; gzbg.extract({COLD_TEXT!r})"
    base = "import pandas, jieba; jieba.initialize()"
    with tempfile.TemporaryDirectory() as cache:
        child(ours, cache=cache)  # fills the cache
        warm = statistics.median(child(ours, cache=cache)[0] for _ in range(repeats))
    empty = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as cache:
            empty.append(child(ours, cache=cache)[0])
    baseline = statistics.median(child(base)[0] for _ in range(repeats))
    print(f"cold start (median of {repeats}): {ours!r}")
    print(
        f"  tag cache warm {warm:.2f} s = {warm / baseline:.2f}x, cache empty {statistics.median(empty):.2f} s = "
        f"{statistics.median(empty) / baseline:.2f}x the baseline {base!r} ({baseline:.2f} s)"
    )


def copy_files(files: list[Path], folder: Path, copies: int) -> int:
    chars = 0
    for k in range(copies):
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            target = folder / f"{k:02d}" / path.relative_to(REPORTS)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            chars += len(text)
    return chars


_RUN_CLI = """
import resource, sys, time
from gzbg.cli import main
start = time.perf_counter()
try:
    main()
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(time.perf_counter() - start, max(own, kids))
"""


def cli(folder: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak RSS (KiB, the largest process) of ``gzbg extract folder --jobs N``, cache off."""
    _, out = child(_RUN_CLI, "extract", str(folder), "-o", str(folder.parent / "out.csv"), "-j", str(jobs), "-q")
    seconds, rss = out.split()
    return float(seconds), int(rss)


def jobs_and_memory(files: list[Path]) -> None:
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one"
        chars = copy_files(files, one, 1)
        print(f"gzbg extract --jobs N over the same {len(files)} reports ({chars:,} characters), tag cache off:")
        first = None
        for jobs in sorted({1, 2, cpus}):
            seconds, rss = cli(one, jobs)
            first = first or seconds
            print(f"  --jobs {jobs}: {seconds:6.1f} s  {chars / seconds:>9,.0f} chars/s  speed-up {first / seconds:.2f}")
        ten = Path(tmp) / "ten"
        ten_chars = copy_files(files, ten, 10)
        _, rss_one = cli(one, 1)
        _, rss_ten = cli(ten, 1)
        print(
            f"peak memory, --jobs 1: {rss_one / 1024:.0f} MiB at 1x ({chars:,} chars), "
            f"{rss_ten / 1024:.0f} MiB at 10x ({ten_chars:,} chars)"
        )


def table(lines: int) -> str:
    r = random.Random(0)
    names = ["社会消费品零售总额", "粮食产量", "进出口总额", "地区生产总值", "固定资产投资", "一般公共预算收入"]
    rows = [
        f"{r.choice(names)} {r.randint(100, 9999)}万吨 增长{r.randint(1, 9)}.{r.randint(0, 9)}% {r.randint(10, 999)}亿美元"
        for _ in range(lines)
    ]
    return "附表\n" + "\n".join(rows) + "\n"


def numerals(count: int) -> str:
    r = random.Random(0)
    return "".join(r.choice("0123456789一二三四五六七八九十百千万亿") for _ in range(count))


def ordinary(chars: int, files: list[Path]) -> str:
    """Report text, whole reports in turn, cut to ``chars`` characters."""
    parts, total = [], 0
    for path in files * (1 + chars // 100_000):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        total += len(text)
        if total >= chars:
            break
    return "".join(parts)[:chars]


_EXTRACT = f"""
import resource, sys, time
import gzbg
gzbg.extract({WARM_TEXT!r})
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
rows = len(gzbg.extract(text))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rows)
"""


def extract_alone(text: str) -> tuple[float, int, int]:
    """Seconds of ``gzbg.extract(text)`` in a fresh, warmed process; its peak RSS (KiB); rows."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    try:
        _, out = child(_EXTRACT, f.name)
    finally:
        os.unlink(f.name)
    seconds, rss, rows = out.split()
    return float(seconds), int(rss), int(rows)


def pathological() -> None:
    # The ordinary text: the longest reports of the whole corpus, whatever --limit reads, so that
    # the ratios do not change with it.
    corpus = sorted(report_files(None), key=lambda p: -p.stat().st_size)
    joined = ordinary(SINGLE_LINE_BYTES // 2, corpus).replace("\n", "")  # Chinese: 3 bytes a character
    one_line = joined[: _chars_for_bytes(joined, SINGLE_LINE_BYTES)]
    cases = [
        (f"{TABLE_LINES}-line table", table(TABLE_LINES)),
        (f"{RANDOM_NUMERALS:,} random numerals", numerals(RANDOM_NUMERALS)),
        (f"{SINGLE_LINE_BYTES / 1e6:.0f} MB single line", one_line),
    ]
    print(
        "pathological input, each against ordinary report text of the same length "
        f"(best of {PATHOLOGICAL_RUNS} fresh processes each, cache off):"
    )
    for name, text in cases:
        # The best of PATHOLOGICAL_RUNS fresh processes on each side, taken by turns: one run of
        # a tenth of a second on a shared machine is mostly its load.
        base_text = ordinary(len(text), corpus)
        runs = [(extract_alone(text), extract_alone(base_text)) for _ in range(PATHOLOGICAL_RUNS)]
        seconds, rss, rows = min(r[0] for r in runs)
        base, base_rss, base_rows = min(r[1] for r in runs)
        print(
            f"  {name} ({len(text):,} chars): {seconds:.2f} s, {rows:,} rows, peak {rss / 1024:.0f} MiB; "
            f"ordinary text {base:.2f} s, {base_rows:,} rows, {base_rss / 1024:.0f} MiB; ratio {seconds / base:.2f}"
        )


def _chars_for_bytes(text: str, size: int) -> int:
    """How many leading characters of ``text`` fill ``size`` bytes of UTF-8."""
    total = 0
    for k, ch in enumerate(text):
        total += len(ch.encode("utf-8"))
        if total >= size:
            return k + 1
    return len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="characters of corpus text to read (a spread subset); all of it by default")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each cold-start command (median)")
    parser.add_argument(
        "--only", choices=["throughput", "cold", "jobs", "pathological"], action="append", help="run only these measures (repeatable)"
    )
    args = parser.parse_args()
    if not REPORTS.is_dir():
        sys.exit(f"bench: {REPORTS} is missing")
    files = report_files(args.limit)
    only = set(args.only or ["throughput", "cold", "jobs", "pathological"])
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}")
    if "cold" in only:
        cold_start(args.repeats)
    if "pathological" in only:
        pathological()
    if "jobs" in only:
        jobs_and_memory(files)
    if "throughput" in only:
        throughput(files)


if __name__ == "__main__":
    main()
