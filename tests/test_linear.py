"""Cost linear in the input (issue 13): tables without punctuation, long runs of numerals and
long lines are read with bounded work per quantity. No timings here (they live in
benchmarks/bench.py and the README); these tests pin the rules that keep the cost linear."""

import random
import re
from pathlib import Path

import pytest

import gzbg
from gzbg import lexicons
from gzbg.extraction import sentences
from gzbg.extraction.table import MAX_SENTENCE, SENTENCE_EXCERPT

GOLD = Path(__file__).parent / "gold"
_RUN = re.compile(r"^(\[[^\]]+\])[+*]")


def test_every_pattern_opening_with_a_run_is_guarded():
    """A nonquantities.tsv pattern that opens with a run ([0-9]+强) starts with a look-behind for
    the same class, so a long run of numerals is not re-read from every position in it."""
    for pattern, _ in lexicons.load().nonquantity_patterns:
        text = pattern.pattern
        guard = re.match(r"^\(\?<!(\[[^\]]+\])\)", text)
        body = text[guard.end() :] if guard else text
        run = _RUN.match(body)
        if run:
            assert guard is not None and guard.group(1) == run.group(1), text


def test_the_guards_change_no_match():
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    texts.append("跨越3个千亿元台阶,百万千瓦级,12345级,5千瓦级,15分钟健身圈,1小时通勤圈,二十大,十三五")
    for pattern, _ in lexicons.load().nonquantity_patterns:
        unguarded = re.compile(re.sub(r"^\(\?<!\[[^\]]+\]\)", "", pattern.pattern))
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in unguarded.finditer(text)]


def test_run_first_changes_no_match():
    """lexicons.run_first rewrites the guarded patterns for speed: the same spans and groups, at
    the text's start, after a longer run and in the gold texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    texts += ["12强,1234567强", "强12强", "x5号线9号线", "二十大一二三大", "12.5亿元台阶", "1小时通勤圈,15分钟健身圈"]
    lex = lexicons.load()
    rewritten = 0
    for (pattern, _), (fast, _) in zip(lex.nonquantity_patterns, lex.nonquantity_search()):
        rewritten += fast is not pattern
        for text in texts:
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert rewritten  # the shipped guarded patterns are rewritten
    assert lexicons.run_first(re.compile("[0-9]+强")).pattern == "[0-9]+强"
    assert lexicons.run_first(re.compile(r"(?<![0-9])[0-9.]+强")).pattern == r"(?<![0-9])[0-9.]+强"


def table(lines: int) -> str:
    names = ["社会消费品零售总额", "粮食产量", "进出口总额"]
    return "附表\n" + "\n".join(f"{names[k % 3]} {100 + k}万吨 增长{k % 9 + 1}.5% {10 + k}亿美元" for k in range(lines)) + "\n"


def test_a_long_table_gives_every_cell_its_row_as_sentence():
    text = table(300)
    df = gzbg.extract(text)
    assert len(df) == 900
    assert all(text[s:e] == q for s, e, q in zip(df.start, df["end"], df.quantity))
    last = df.iloc[-1]
    assert (last.quantity, last.value, last.unit) == ("309亿美元", 309e8, "美元")
    assert df.iloc[-3][["quantity", "value", "unit"]].tolist() == ["399万吨", 3990000.0, "吨"]
    lines = text.splitlines()
    assert df.sentence.tolist() == [line for line in lines[1:] for _ in range(3)]


def test_a_long_line_without_punctuation_has_a_bounded_sentence_column():
    """The table's rows run together on one line: one sentence of 900 quantities, each shown
    with an excerpt around it."""
    text = table(300).replace("\n", " ")
    df = gzbg.extract(text)
    assert len(df) == 900
    assert all(text[s:e] == q for s, e, q in zip(df.start, df["end"], df.quantity))
    assert all(len(s) <= 2 * SENTENCE_EXCERPT + len(q) + 2 for s, q in zip(df.sentence, df.quantity))  # two … marks
    assert df.sentence.iloc[450].startswith("…") and df.sentence.iloc[450].endswith("…")


def test_a_sentence_up_to_the_limit_is_shown_whole():
    sentence = "新建" + "、".join(["道路"] * 600) + "共120公里。"
    assert len(sentence) < MAX_SENTENCE
    df = gzbg.extract(sentence)
    assert df.sentence.tolist() == [sentence]


def test_random_numerals_give_rows_that_point_at_their_text():
    """Random numerals in short runs (a separator every 30 characters, below MAX_NUMERAL) are read
    numeral by numeral; run together they are one numeral run and give no row (numeral_runs.tsv)."""
    r = random.Random(7)
    text = "".join(r.choice("0123456789一二三四五六七八九十百千万亿") for _ in range(3000))
    assert gzbg.extract(text).empty
    text = "、".join(text[k : k + 30] for k in range(0, len(text), 30))
    df = gzbg.extract(text)
    assert len(df) > 0
    assert all(text[s:e] == q for s, e, q in zip(df.start, df["end"], df.quantity))


@pytest.mark.parametrize("lower,pos", [(0, 5000), (100, 3000), (4000, 5000)])
def test_a_clause_is_cut_at_max_clause(lower, pos):
    text = "字" * 6000
    assert sentences.clause_start(text, lower, pos) == max(lower, pos - sentences.MAX_CLAUSE)
    assert sentences.clause_end(text, pos, 6000) == min(6000, pos + sentences.MAX_CLAUSE)
    assert sentences.clause_start("甲,乙丙", 0, 4) == 2 and sentences.clause_end("甲,乙丙", 0, 4) == 1


def test_a_run_longer_than_max_numeral_is_no_number():
    from gzbg.extraction.numbers import MAX_NUMERAL, parse_numeral

    assert parse_numeral("三" * (MAX_NUMERAL + 1)) is None and parse_numeral("7" * (MAX_NUMERAL + 1)) is None
    assert parse_numeral("一千二百三十四万五千六百七十八") == 12345678
    assert gzbg.extract("三" * 5000 + "万吨," + "7" * 5000 + "万元。").empty
    assert gzbg.extract("新增就业一千二百三十四万五千六百七十八人。").value.tolist() == [12345678.0]


def test_the_literal_a_nonquantity_pattern_is_skipped_without_is_in_each_of_its_matches():
    """scan searches a nonquantities.tsv pattern only in a text that holds the literal read from
    its source (quantities._required_literal); the literal must stand in every match."""
    from gzbg.extraction.quantities import _required_literal

    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    texts.append("跨越3个千亿元台阶,百万千瓦级,12345级,5千瓦级,15分钟健身圈,1小时通勤圈,二十大,十三五,城乡二元结构,3号线,百强")
    for pattern, _ in lexicons.load().nonquantity_search():
        literal = _required_literal(pattern)
        for text in texts:
            assert all(literal in m.group() for m in pattern.finditer(text)), pattern.pattern
    assert _required_literal(re.compile("[0-9](?<![0-9][0-9])[0-9]*号线")) == "号线"
    assert _required_literal(re.compile("一二?三")) == "一"
    assert _required_literal(re.compile("甲|乙")) == ""


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_a_report_leaves_the_garbage_collector_as_it_found_it(enabled, monkeypatch):
    """The collector is paused while a report is read (a table's rows made it run full passes)
    and left as it was after, also when the reading fails."""
    import gc

    import gzbg.extraction.pipeline as pipeline

    seen = []
    real = pipeline.scan

    def scan_seeing_the_collector(*args):
        seen.append(gc.isenabled())
        return real(*args)

    def failing_scan(*args):
        raise RuntimeError("a failure in the middle of a report")

    (gc.enable if enabled else gc.disable)()
    try:
        monkeypatch.setattr(pipeline, "scan", scan_seeing_the_collector)
        gzbg.extract("今年新增城镇就业12万人。")
        assert seen == [False] and gc.isenabled() is enabled
        monkeypatch.setattr(pipeline, "scan", failing_scan)
        with pytest.raises(RuntimeError):
            gzbg.extract("今年新增城镇就业12万人。")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_collector_stays_paused_until_the_rows_are_a_table(monkeypatch):
    """Turned back on while the rows still live, the collector's first pass walks all of them:
    gzbg.extract keeps it paused while it builds the DataFrame, and restores it after."""
    import gc

    import gzbg.extraction.table as table

    seen = []
    real = table.to_dataframe

    def to_dataframe_seeing_the_collector(*args):
        seen.append(gc.isenabled())
        return real(*args)

    gc.enable()
    monkeypatch.setattr(table, "to_dataframe", to_dataframe_seeing_the_collector)
    frame = gzbg.extract("今年新增城镇就业12万人。")
    assert seen == [False] and gc.isenabled() and len(frame) == 1


def _phrases_by_finditer(patterns, text):
    return sorted((m.start(), m.end(), reason) for pattern, reason in patterns for m in pattern.finditer(text) if m.end() > m.start())


def _phrases_by_searches(patterns, text):
    from gzbg.extraction.quantities import _phrase_searches

    spans: list = []
    for search in _phrase_searches(tuple(patterns)):
        search.add_spans(text, spans)
    return sorted(spans)


# Patterns of the shapes scan searches in its own ways, and of shapes it must leave to finditer:
# words that overlap one another (甲乙, 乙丙; 丙丙 overlaps itself) and words that do not (子丑,
# 寅卯辰), a lead before a literal that starts with a character of the lead's class, a class whose
# anchors overlap, a literal with an optional last character, a look-ahead and a look-behind beyond
# the lead, a match that reaches over the next run (5丁abc12丁d3丁e: the run 12 is passed over, 3
# is not), characters between lead and literal (a bounded number, some of the lead's class, or
# unbounded), an escaped backslash before a class escape, alternations of words (one opening with a
# character of the run's class) and a class of characters after a lead.
_SHAPES = [
    "子丑",
    "寅卯辰",
    "甲乙",
    "乙丙",
    "丙丙",
    "丁戊",
    "戊己庚",
    "甲乙丙",
    "[0-9](?<![0-9][0-9])[0-9]*1号",
    "[0-9甲](?<![0-9甲][0-9甲])[0-9甲]*乙(?:丙|丁)?",
    "[甲乙]甲乙",
    "[一二]元(?=乙|丙)",
    "[0-9](?<![0-9][0-9])[0-9]*号线?",
    "[0-9](?<![0-9][0-9])[0-9]*丁(?<=[0-9]丁)戊",
    "(?<![0-9])[0-9]+强",
    "[0-9]+强",
    "[0-9]{2}丁",
    "[0-9](?<![0-9][0-9])[0-9]*丁[^,]{0,4}",
    "[0-9](?<![0-9][0-9])[0-9]*(?:亿|万亿)?元台阶",
    "[0-9甲](?<![0-9甲][0-9甲])[0-9甲]*(?:甲乙|乙)丙",
    "[一二](?:甲|乙乙)丙",
    "[0-9](?<![0-9][0-9])[0-9]*[^,]{0,3}圈",
    r"[0-9](?<![0-9][0-9])[0-9]*丁\\\d",
    r"[0-9](?<![0-9][0-9])[0-9]*[^,]*圈",
    "[0-9](?<![0-9][0-9])[0-9]*(?:亿|元)?(?:级|强县|县)",
    "[0-9甲](?<![0-9甲][0-9甲])[0-9甲]*(?:乙|甲丙)",
    "[一二](?:丙|丁丁)?[戊己]",
]


def test_the_phrase_searches_find_what_finditer_finds():
    """scan searches a nonquantity pattern from its literal, and plain words in one alternation
    (quantities._phrase_searches): the same spans as finditer of every pattern alone, for the
    shipped patterns and for other shapes a --lexicon may bring."""
    from gzbg.extraction.quantities import _phrase_searches

    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    r = random.Random(11)
    alphabet = "0123一二十年行动大强元结构个方面号线亿万级县台阶圈甲乙丙丁戊己庚子丑寅卯辰,1\\"
    texts += ["".join(r.choice(alphabet) for _ in range(3000)) for _ in range(20)]
    texts += ["甲乙丙丙丙乙丙甲乙", "12号线3号1号11号", "甲乙甲乙乙丙", "一元乙二元丙", "甲甲乙甲乙乙", "12丁戊丁戊3丁戊"]
    texts += [
        "5丁abc12丁d3丁e",
        "子丑寅卯辰子丑",
        "3亿元台阶12万亿元台阶",
        "1甲乙丙甲乙丙",
        "一甲丙二乙乙丙",
        "1丁\\5,1a圈22圈",
        "3亿级12县4强县5元强县",
        "一丁丁戊二己一丙戊",
    ]
    shipped = list(lexicons.load().nonquantity_search())
    own = [(re.compile(p), f"r{k}") for k, p in enumerate(_SHAPES)]
    kinds = {type(s).__name__ for s in _phrase_searches(tuple(own))}
    assert kinds == {"_PlainSearch", "_LiteralsSearch", "_AnchoredSearch"}
    for patterns in (shipped, own, shipped + own):
        for text in texts:
            assert _phrases_by_searches(patterns, text) == _phrases_by_finditer(patterns, text)


def test_the_shipped_patterns_are_searched_from_their_literals():
    """The shapes of the shipped patterns are read as scan's fast searches: the run-led patterns
    with a literal after the run, and the plain words as one alternation (a change of shape that
    falls back to finditer is a slowdown, not an error)."""
    from gzbg.extraction.quantities import _anchored_search, _AnchoredSearch, _LiteralsSearch, _phrase_searches

    searches = _phrase_searches(lexicons.load().nonquantity_search())
    anchored = {s.pattern.pattern for s in searches if isinstance(s, _AnchoredSearch)}
    assert any(p.endswith("号线") for p in anchored) and any(p.startswith("[一二]元") for p in anchored)
    assert any(p.endswith("台阶") for p in anchored) and any(p.endswith("圈") for p in anchored)
    assert any(p.endswith("(?:级|强县|县)") for p in anchored)
    words = [s for s in searches if isinstance(s, _LiteralsSearch)]
    assert len(words) == 1 and "千方百计" in words[0].reasons and "一带一路" in words[0].reasons
    # A literal that opens with a character of the run (1号 after [0-9]) would be walked back from
    # all along a long run of digits: left to finditer, as a run with no bound before the literal.
    for shape in ("[0-9](?<![0-9][0-9])[0-9]*1号", "[0-9](?<![0-9][0-9])[0-9]*[^,]*圈"):
        assert _anchored_search(re.compile(shape), "") is None
