"""What the speed-ups of targets and metrics keep: the records and answers of the plain code."""

import dataclasses

from gzbg import lexicons
from gzbg.extraction.pipeline import _layout, _scan
from gzbg.extraction.targets import Bound, Target, targets


def _targets_of(text: str) -> list[Target]:
    lex = lexicons.load()
    norm, paras, *_ = _layout(text, "", lex, None)
    return targets(norm, _scan(norm, lex)[0], paras, lex)


def test_targets_makes_the_records_its_classes_make():
    """targets makes its bounds and targets from dicts written out (_bound_of, _target_of): every
    field, in the order of the class."""
    found = _targets_of("至少实施1个项目。粮食产量稳定在3.5%\n以内,新建和改造5个以上。")
    assert len(found) == 3 and any(t.bound.prefix for t in found) and any(t.bound.suffix for t in found)
    for target in found:
        for record, cls in ((target, Target), (target.bound, Bound)):
            assert list(vars(record)) == [f.name for f in dataclasses.fields(cls)]
            assert record == dataclasses.replace(record) and repr(record) == repr(dataclasses.replace(record))


# Windows around quantities of the corpus's reports, with what the code before metrics.Nouns
# answered for them (the same answers checked against commit da0fc08).
NOUNS_BEFORE = [
    ("更新改造地下管网", ("地下管网", "更新改造", False)),
    ("完成改造", ("改造", "", True)),  # verbs only: the work itself is measured
    ("新开工", ("", "新开工", False)),  # the caller takes the noun from the clause before
    ("地区生产总值跨越", ("地区生产总值", "", False)),
    ("“教共体”覆盖率", ("教共体覆盖率", "", False)),
    ("", ("", "", False)),
]
NOUNS_AFTER = [  # window, noun after a measure, noun after a counting word
    ("老旧小区改造", "老旧小区", "老旧小区"),
    ("聚力攻坚专项", "", "聚力攻坚专项"),  # jieba tags 聚力 as a verb: counted things only
    ("企业(园区)", "企业(园区)", "企业(园区)"),
    ("的强村", "强村", "强村"),
    ("品牌入选首批中国消费名品", "品牌", "品牌"),
    ("", "", ""),
]


def test_nouns_answers_as_the_functions_did():
    """targets asks a Nouns, which fetches the kept results once per text; noun_before and
    noun_after ask one each time. Both give what the functions gave before, fresh or kept."""
    from gzbg.extraction import tagging
    from gzbg.extraction.metrics import Nouns, noun_after, noun_before

    lex = lexicons.load()
    tagging.reset()  # nothing kept: the first round computes, the second reads what it kept
    for _ in range(2):
        nouns = Nouns(lex)
        for window, expected in NOUNS_BEFORE:
            assert nouns.before(window) == noun_before(window, lex) == expected, window
        for window, measured, counted in NOUNS_AFTER:
            assert nouns.after(window) == noun_after(window, lex) == measured, window
            assert nouns.after(window, True) == noun_after(window, lex, True) == counted, window
