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


def test_nouns_answers_as_noun_before_and_noun_after():
    """targets asks a Nouns, which fetches the kept results once per text: the same answers as
    the functions, from the same kept results."""
    from gzbg.extraction.metrics import Nouns, noun_after, noun_before

    lex = lexicons.load()
    nouns = Nouns(lex)
    for window in ("更新改造地下管网", "完成造林", "新开工", "地区生产总值跨越", "“教共体”覆盖率", ""):
        assert nouns.before(window) == noun_before(window, lex)
    for window in ("老旧小区改造", "聚力攻坚专项", "企业(园区)", "的强村", ""):
        for counted in (False, True):
            assert nouns.after(window, counted) == noun_after(window, lex, counted)
    assert noun_before("更新改造地下管网", lex) == ("地下管网", "更新改造", False)
    assert noun_after("老旧小区改造", lex, True) == "老旧小区"
