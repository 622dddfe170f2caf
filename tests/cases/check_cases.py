"""Check tests/cases/sentences.tsv against the corpus (does not use gzbg).

Every `quantity` must occur in its `sentence`, every `sentence` must occur verbatim in its
`source` file, the columns must be well formed, and each class needs at least 6 sentences
from at least 2 different reports.  Exit status 1 on any error.

    python3 tests/cases/check_cases.py [path/to/sentences.tsv]
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus"  # ../shared/corpus beside the repository
COLUMNS = "class source sentence quantity value value_max unit comparator role metric".split()
CLASSES = {
    "percent",
    "points",
    "multiplier",
    "range",
    "chinese-numeral",
    "comparator",
    "per-unit",
    "qualifier",
    "count",
    "review",
    "not-quantity",
    "domain-term",
}
COMPARATORS = {"=", ">=", ">", "<=", "<", "~"}
ROLES = {"target", "qualifier"}
FORBIDDEN = {"xinxiang-2026-excerpt.txt", "hebei-2026.txt", "jilin-2026.txt", "xizang-2026.txt"}
NUMERAL_CHARS = set("0123456789.０１２３４５６７８９一二两三四五六七八九十百千万亿")
MULT = {"万": 1e4, "亿": 1e8, "万亿": 1e12}


def source_path(name: str) -> Path | None:
    for p in (CORPUS / name, CORPUS / "provinces-2026" / name):
        if p.is_file():
            return p
    return None


def report_key(name: str) -> str:
    """province-guangdong-2026.txt and provinces-2026/guangdong-2026.txt are the same report."""
    return re.sub(r"^(province|municipality)-", "", name)


def arabic_value(q: str) -> float | None:
    """Value of a quantity that starts with Arabic digits (first number only), else None."""
    m = re.match(r"(?:每\S*?)?(\d+(?:\.\d+)?)(?:多|余)?(万亿|万|亿)?", q)
    if not m or not q[0].isdigit():
        return None
    return float(m.group(1)) * MULT.get(m.group(2) or "", 1)


def main(path: Path) -> int:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    errors: list[str] = []
    warnings: list[str] = []
    if header != COLUMNS:
        errors.append(f"bad header: {header}")
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts: dict[str, str] = {}
    per_class: dict[str, set[tuple[str, str]]] = defaultdict(set)
    sentence_class: dict[tuple[str, str], str] = {}
    for i, r in enumerate(rows, start=2):
        where = f"row {i} ({r.get('quantity')!r})"
        if None in r or any(v is None for v in r.values()):
            errors.append(f"{where}: wrong number of columns")
            continue
        c, src, s, q = r["class"], r["source"], r["sentence"], r["quantity"]
        if c not in CLASSES:
            errors.append(f"{where}: unknown class {c!r}")
        if src in FORBIDDEN:
            errors.append(f"{where}: source {src} must not be used")
        p = source_path(src)
        if p is None:
            errors.append(f"{where}: no corpus file {src}")
        else:
            if src not in texts:
                texts[src] = p.read_text(encoding="utf-8")
            if s not in texts[src]:
                errors.append(f"{where}: sentence not found verbatim in {src}: {s[:40]}…")
        if len(s) > 125:
            warnings.append(f"{where}: sentence has {len(s)} characters")
        key = (src, s)
        if sentence_class.setdefault(key, c) != c:
            errors.append(f"{where}: same sentence listed under two classes")
        per_class[c].add(key)
        if q == "-":
            if any(r[k] for k in COLUMNS[4:]):
                errors.append(f"{where}: a no-quantity row must leave the other columns empty")
            if c != "not-quantity":
                warnings.append(f"{where}: no-quantity row outside class not-quantity")
            continue
        if c == "not-quantity":
            errors.append(f"{where}: class not-quantity must have quantity '-'")
        if q not in s:
            errors.append(f"{where}: quantity not in sentence")
        else:
            # the span must stand alone somewhere: "5%" only inside "5.5%" would be a wrong span
            starts = [m.start() for m in re.finditer(re.escape(q), s)]
            alone = [i for i in starts if i == 0 or s[i - 1] not in NUMERAL_CHARS]
            if not alone:
                errors.append(f"{where}: quantity occurs only inside a longer number")
            elif len(alone) < len(starts):
                warnings.append(f"{where}: quantity also occurs inside a longer number")
        try:
            v = float(r["value"])
        except ValueError:
            errors.append(f"{where}: value {r['value']!r} is not a number")
            continue
        if r["value_max"]:
            try:
                if float(r["value_max"]) <= v:
                    errors.append(f"{where}: value_max not above value")
            except ValueError:
                errors.append(f"{where}: value_max {r['value_max']!r} is not a number")
        av = arabic_value(q)
        if av is not None and abs(av - v) > 1e-9 * max(1.0, abs(v)):
            errors.append(f"{where}: value {v} does not match the number written ({av})")
        if r["comparator"] not in COMPARATORS:
            errors.append(f"{where}: comparator {r['comparator']!r}")
        if r["role"] not in ROLES:
            errors.append(f"{where}: role {r['role']!r}")
        if not r["metric"] or re.search(r"[0-9０-９]", re.sub(r"PM_?2\.5", "", r["metric"])):
            errors.append(f"{where}: metric must be a noun phrase without digits")
    # several rows for one sentence must not repeat the same quantity text unless it occurs repeatedly
    by_sentence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        if r.get("quantity") not in (None, "-"):
            by_sentence[(r["source"], r["sentence"])].append(r["quantity"])
    for (src, s), qs in by_sentence.items():
        for q in set(qs):
            if qs.count(q) > s.count(q):
                errors.append(f"{src}: {q!r} listed {qs.count(q)} times but occurs {s.count(q)} times in {s[:30]}…")
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["class"]] += 1
    for c in sorted(CLASSES):
        sents = per_class.get(c, set())
        reports = {report_key(src) for src, _ in sents}
        if len(sents) < 6 or len(reports) < 2:
            errors.append(f"class {c}: {len(sents)} sentences from {len(reports)} reports (need 6 from 2)")
        print(f"{c:16s} {counts[c]:4d} lines {len(sents):3d} sentences {len(reports):3d} reports")
    print(f"{'total':16s} {len(rows):4d} lines")
    if len(rows) < 100:
        errors.append("fewer than 100 lines")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "sentences.tsv"))
