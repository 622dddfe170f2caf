"""Shared code of the build_*_gold.py scripts that write the hand-annotated gold files.

Each build script holds only its data: the rows a person decided by reading the report
(a context string that occurs once in the text, the item inside it, and the annotation),
plus the few checks that belong to that text alone (how its units are written, etc.).
Everything else is here: locating the context, re-deriving each value from the written
number, the field and overlap checks, and writing the two TSV files
(<name>.quantities.tsv, <name>.nonquantities.tsv) with their header comments.

The gold is built by script, not typed as TSV, because the start/end offsets must be
computed from the text (str.find on a unique context) and verified
(text[start:end] == item), never typed by hand. tests/test_gold_files.py reruns every
script and checks that the committed TSV files are exactly what the scripts write.
"""

import argparse
import os
import re
import unicodedata
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))

QCOLS = ["start", "end", "quantity", "value", "value_max", "unit", "comparator", "role", "period", "measure", "direction", "metric"]
NCOLS = ["start", "end", "text", "reason"]

COMPARATORS = {"=", ">", ">=", "<", "<=", "~"}
ROLES = {"target", "qualifier"}
PERIODS = {"review", "plan"}
MEASURES = {"growth", "change", "level", "amount"}
DIRECTIONS = {"", "up", "down"}
REASONS = {"year", "date", "ordinal", "quoted-name", "slogan", "level", "programme", "name", "idiom", "enumeration", "per-unit-denominator"}

MULT = {"": 1, "百": 100, "千": 10**3, "万": 10**4, "百万": 10**6, "亿": 10**8, "万亿": 10**12}
CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")


def read_text(path):
    """The report text, decoded as UTF-8; it must not start with a BOM (offsets count from 0)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert not text.startswith("\ufeff"), path
    return text


def out_dir_arg(doc):
    """The output folder named on the command line (default: None, i.e. tests/gold)."""
    parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=None, help="folder to write the two TSV files into (default: tests/gold)")
    return parser.parse_args().out_dir


def locate(text, ctx, item):
    """(start, end) of item: ctx occurs exactly once in text and item exactly once in ctx."""
    n = text.count(ctx)
    assert n == 1, ("context not unique", ctx, n)
    c = text.find(ctx)
    assert ctx.count(item) == 1, ("item not once in context", ctx, item)
    start = c + ctx.find(item)
    end = start + len(item)
    assert text[start:end] == item
    return start, end


def fmt(x):
    """A plain decimal string without exponent or trailing zeros: 1.50 -> 1.5, 1E+4 -> 10000."""
    return format(Decimal(x).normalize(), "f")


def cn_small(s):
    """Chinese numeral below 10000 (implicit 一 before a leading 十/百/千)."""
    total, digit = 0, None
    for ch in s:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNIT[ch]
            digit = None
    return total + (digit or 0)


def derive(item):
    """Re-derive (value, value_max) from the written item, independently of the row.

    Reads Arabic numbers (full-width forms normalised), ranges (至, —, -), 多/余, the
    multipliers 万/亿/万亿, Chinese numerals below 10000, 百分之N and 翻N番 (×2^N); returns None when the
    item starts with none of these."""
    s = unicodedata.normalize("NFKC", item)
    if s.startswith("翻") and s.endswith("番"):
        return Decimal(2) ** Decimal(cn_small(s[1:-1])), None  # 翻N番: ×2^N
    if s.startswith("百分之"):
        return Decimal(cn_small(s[3:])), None
    if s.startswith("每") and re.search(r"\d", s):
        s = s[re.search(r"\d", s).start() :]  # drop the per-unit denominator 每…
    m = re.match(r"^(\d+(?:\.\d+)?)%?(?:(?:至|—|-)(\d+(?:\.\d+)?))?(?:多|余)?(万亿|亿|万)?", s)
    if m:
        mult = MULT[m.group(3) or ""]
        lo = Decimal(m.group(1)) * mult
        hi = Decimal(m.group(2)) * mult if m.group(2) else None
        return lo, hi
    m = re.match(r"^([零一二两三四五六七八九十百千]+)(?:多|余)?(万亿|亿|万)?", s)
    if not m:
        return None
    return Decimal(cn_small(m.group(1))) * MULT[m.group(2) or ""], None


def check_value(item, value, vmax):
    """The typed value and value_max are plain numbers and equal what derive() reads in item."""
    assert PLAIN_NUMBER.fullmatch(value), (item, value)
    assert vmax == "" or PLAIN_NUMBER.fullmatch(vmax), (item, vmax)
    derived = derive(item)
    assert derived is not None, ("value cannot be re-derived", item)
    lo, hi = derived
    assert lo == Decimal(value), (item, value, lo)
    assert (hi is None and vmax == "") or (hi is not None and hi == Decimal(vmax)), (item, vmax, hi)


def check_metric(metric, names=()):
    """metric is non-empty and has no digit outside the given names (PM2.5, 5G …)."""
    bare = metric
    for name in names:
        bare = bare.replace(name, "")
    assert metric and not re.search(r"\d", bare), metric


def from_written(rows, check=None):
    """Turn rows that give the number as written and its multiplier,
    (context, item, number, multiplier, value_max, unit, comparator, role, period, measure,
    direction, metric, expected value), into the usual rows
    (context, item, value, value_max, unit, …, metric), checking number × multiplier ==
    expected value. check(row) is called on each written row for the script's own checks."""
    out = []
    for row in rows:
        (ctx, item, num, mult, vmax, unit, comp, role, period, measure, direction, metric, expected) = row
        value = fmt(Decimal(num) * MULT[mult])
        assert value == expected, (item, value, expected)
        if check:
            check(row)
        out.append((ctx, item, expected, vmax, unit, comp, role, period, measure, direction, metric))
    return out


def comments(source, title, script):
    """The usual header comments (quantities, non-quantities) for a report next to the script."""
    generated = f"# Generated by {script}; offsets are Python str indices into the UTF-8 text."
    return (
        [f"# Gold quantities for {source} ({title}), annotated by hand per GUIDE.md.", generated],
        [f"# Gold non-quantities for {source}: numerals that must produce no quantity row (GUIDE.md).", generated],
    )


def summary(qrows, nrows):
    nrev = sum(1 for r in qrows if r[8] == "review")
    return f"quantities: {len(qrows)} (review {nrev}, plan {len(qrows) - nrev}); non-quantities: {len(nrows)}"


def write_tsv(path, comment_lines, columns, rows):
    with open(path, "w", encoding="utf-8") as f:
        for line in comment_lines:
            f.write(line + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


def build(
    text, quantities, nonquantities, *, name, header, out_dir=None, check=None, metric_names=(), by_eye=(), check_rows=None, report=summary
):
    """Check every row and write <name>.quantities.tsv and <name>.nonquantities.tsv.

    quantities: (context, item, value, value_max, unit, comparator, role, period, measure,
    direction, metric); nonquantities: (context, item, reason). header: the comment lines
    of the two files (quantities, non-quantities). check(row): the script's own checks on
    a quantity row. metric_names: names whose digits a metric may carry. by_eye: items
    whose value derive() cannot read (checked by eye). check_rows(qrows, nrows): the
    script's checks on the sorted rows, before anything is written. Returns the rows."""
    items = {row[1] for row in quantities}
    for item in by_eye:
        assert item in items, ("by_eye item is not a quantity", item)
    spans, qrows, nrows = [], [], []
    for row in quantities:
        ctx, item, value, vmax, unit, comp, role, period, measure, direction, metric = row
        start, end = locate(text, ctx, item)
        if item not in by_eye:
            check_value(item, value, vmax)
        assert comp in COMPARATORS and role in ROLES, row
        assert period in PERIODS, row
        assert measure in MEASURES, row
        assert direction in DIRECTIONS, row
        assert (measure in {"growth", "change"}) == (direction != ""), row
        if role == "qualifier":
            assert measure == "level", row
        check_metric(metric, metric_names)
        if check:
            check(row)
        qrows.append((start, end, item, fmt(value), fmt(vmax) if vmax else "", unit, comp, role, period, measure, direction, metric))
        spans.append((start, end))
    for ctx, item, reason in nonquantities:
        assert reason in REASONS, reason
        start, end = locate(text, ctx, item)
        nrows.append((start, end, item, reason))
        spans.append((start, end))
    # no two rows may overlap (this also rules out duplicates)
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, ("overlap", text[s1:e1], text[s2:e2], s1, s2)
    qrows.sort()
    nrows.sort()
    if check_rows:
        check_rows(qrows, nrows)
    out_dir = out_dir or HERE
    qheader, nheader = header
    write_tsv(os.path.join(out_dir, name + ".quantities.tsv"), qheader, QCOLS, qrows)
    write_tsv(os.path.join(out_dir, name + ".nonquantities.tsv"), nheader, NCOLS, nrows)
    print(report(qrows, nrows))
    return qrows, nrows


def unit_written(row) -> None:
    """The unit stands in the item (full-width forms normalised); a per-unit unit a/b by a and
    the first character of b; % may be written 百分之; 倍 is the unit of 翻N番."""
    item, unit = row[1], row[4]
    norm = unicodedata.normalize("NFKC", item)
    if "/" in unit:
        num, den = unit.split("/")
        assert num in norm and den[0] in norm, row
    elif unit == "%" and norm.startswith("百分之"):
        pass
    elif unit == "倍" and norm.startswith("翻") and norm.endswith("番"):
        pass  # 翻N番 is a factor of 2^N
    else:
        assert unit in norm, row


def period_split(text: str, plan_heading: str):
    """A whole-file check: everything before the plan heading is review, everything after plan."""
    split = text.index(plan_heading)

    def check(qrows, nrows):
        for r in qrows:
            assert (r[8] == "review") == (r[0] < split), r

    return check
