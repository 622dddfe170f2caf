"""Headings, paragraphs and topic phrases (stage 2), on the sample and corpus reports."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, needs_corpus
from gzbg.extraction.sections import find_paragraph, headings, paragraphs
from gzbg.extraction.sentences import sentence_spans
from gzbg.read.decode import normalise

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"


@pytest.mark.parametrize(
    "line, level, label, title",
    [
        ("一、2025年工作回顾", 1, "一、", "2025年工作回顾"),
        ("二、“十五五”时期的主要目标任务", 1, "二、", "“十五五”时期的主要目标任务"),
        ("（一）全力办好国家大事，纵深推进京津冀协同发展", 2, "(一)", "全力办好国家大事,纵深推进京津冀协同发展"),
        ("(六)着力推动乡村全面振兴。坚持农业农村优先发展。", 2, "(六)", "着力推动乡村全面振兴"),
        ("第一部分 过去五年的工作", 1, "第一部分", "过去五年的工作"),
        ("1.扩大有效投资。", 3, "1.", "扩大有效投资"),
    ],
)
def test_heading_forms(line, level, label, title):
    (h,) = headings(normalise(line))
    assert (h.level, h.label, h.title) == (level, label, title)


@pytest.mark.parametrize("line", ["1.5万亩高标准农田。", "3、5个县。", "一是稳增长。", "二、三、四产业协调发展。"])
def test_not_headings(line):
    assert headings(normalise(line)) == []


def test_sample_sections_and_topics():
    text = normalise(SAMPLE.read_text(encoding="utf-8"))
    paras = paragraphs(text)
    at = text.index("36.9万亩")
    p = find_paragraph(paras, at)
    assert p.section.text == "(六)着力推动乡村全面振兴"
    assert p.topic == "提升农业综合生产能力"
    assert [h.label for h in headings(text)] == ["(六)", "(七)", "(八)", "(九)"]


@needs_corpus
def test_guangdong_target_sentence_spans_its_line_break():
    """主要预期目标 stands alone on a line; the target sentence continues on the next."""
    text = normalise((CORPUS / "province-guangdong-2026.txt").read_text(encoding="utf-8"))
    at = text.index("4.5%—5%")
    p = find_paragraph(paragraphs(text), at)
    assert "主要预期目标" in text[p.start : p.end]


@needs_corpus
@pytest.mark.parametrize(
    "name, first_parts",
    [
        ("national-china-2024.txt", ["一、2023年工作回顾", "二、2024年经济社会发展总体要求和政策取向", "三、2024年政府工作任务"]),
        ("provinces-2026/hebei-2026.txt", ["一、“十四五”时期经济社会发展回顾", "二、“十五五”时期的主要目标任务", "三、2026年主要工作"]),
    ],
)
def test_report_parts(name, first_parts):
    text = normalise((CORPUS / name).read_text(encoding="utf-8"))
    parts = [h.text for h in headings(text) if h.level == 1]
    assert parts[:3] == first_parts


def test_sentences_split_on_terminators():
    text = "提升农业综合生产能力。强化耕地保护;严守耕地红线!好吗?"
    spans = sentence_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["提升农业综合生产能力。", "强化耕地保护;", "严守耕地红线!", "好吗?"]


def _split_then_trimmed(text, start, end):
    """Sentences as defined: text[start:end] cut after each run of terminators and the closing
    quotes that follow, each piece without its blank edges, blank pieces left out."""
    cuts = [start] + [m.end() for m in re.finditer(r"[。!?;]+[”’」』)]*", text[start:end])] + [end]
    cuts[1:-1] = [start + c for c in cuts[1:-1]]
    spans = []
    for s, e in zip(cuts, cuts[1:]):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


@given(st.text(st.sampled_from("。!?;”’」』)) \t\n\u3000\u00a0甲乙,")), st.integers(0, 3), st.integers(0, 3))
def test_sentence_spans_are_the_text_cut_at_terminators_and_trimmed(text, head, tail):
    start, end = min(head, len(text)), max(min(head, len(text)), len(text) - tail)
    assert sentence_spans(text, start, end) == _split_then_trimmed(text, start, end)


@pytest.mark.parametrize("lead", ["各位代表", "同志们"])
def test_an_address_to_the_assembly_is_no_topic(lead):
    # cues.tsv `address` (各位代表！ closes the national reports; 同志们： the older ones)
    text = f"（一）扩大内需\n{lead}。今年要扎实做好各项工作，新增城镇就业11万人。\n（二）稳定就业\n推动高质量充分就业。实施就业优先战略。\n"
    paras = paragraphs(normalise(text))
    assert [p.topic for p in paras if p.heading is None] == ["", "推动高质量充分就业"]
