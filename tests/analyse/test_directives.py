from __future__ import annotations

import re

import pytest

from briefing.analyse.directives import find_directives
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from conftest import SAMPLE
from conftest import SIX

VERBS = ("强调", "指出", "强调", "指出", "强调", "指出")


def _check_sample(doc):
    headlines, others = find_directives(doc)
    assert [d.text[:len(s)] for d, s in zip(headlines, SIX)] == list(SIX)
    assert len(headlines) == 6
    assert {d.speaker for d in headlines} == {"习近平"}
    assert tuple(d.verb for d in headlines) == VERBS
    assert [d.rank for d in headlines] == [1, 2, 3, 4, 5, 6]
    for d in headlines:
        paragraph = doc.paragraphs[d.paragraph - 1].text
        assert paragraph.startswith("习近平") and d.text in paragraph
        assert d.text.endswith("。") and d.actions
    assert headlines[0].text == "要坚持把发展特色优势产业作为主攻方向，因地制宜发展新兴产业，加快西部地区产业转型升级。"
    assert "深化东中西部科技创新合作，建好国家自主创新示范区、科技成果转移转化示范区。" in headlines[0].actions
    assert not any("领导小组" in d.text for d in headlines)  # the closing organisational paragraph
    assert [o.speaker for o in others] == ["李强", "丁薛祥"]
    return headlines


def test_sample_six_directives():
    headlines = _check_sample(read_document(SAMPLE))
    assert all(d.highlighted for d in headlines)


def test_sample_without_the_sidebar_box():
    raw = SAMPLE.read_text(encoding="utf-8")
    without = re.sub(r"\n习近平强调——\n\n(?:- .*\n)+", "\n", raw)
    assert "习近平强调——" not in without and without.count("- 要坚持") == 0
    doc = parse_text(without, "no-box", "no-box-2024-04-23.txt", name="no-box-2024-04-23.txt")
    assert not doc.highlights
    headlines = _check_sample(doc)
    assert not any(d.highlighted for d in headlines)


def test_pronoun_resolves_to_the_speaker_named_last():
    text = ("标题\n\n李强指出，形势很好。\n\n王明指出，形势稳定。\n\n他强调，要抓好落实。\n\n"
            "王明指出，要稳住就业。\n\n李强表示，要扩大开放。\n")
    headlines, others = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [("王明", "强调", "要抓好落实。"), ("王明", "指出", "要稳住就业。")]
    # Remarks that are not instructions are still theirs, for the record; only instructions are headlines.
    assert [(d.speaker, d.text) for d in others] == [("李强", "形势很好。"), ("李强", "要扩大开放。")]


def test_achievements_and_principles_are_not_directives():
    text = ("标题\n\n习近平指出，5年来，各地取得重大成效。\n\n习近平强调，要坚持改革开放，推动发展。扩大开放。\n\n"
            "习近平最后强调，领导小组要加强统筹。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.text for d in headlines] == ["要坚持改革开放，推动发展。"]
    assert headlines[0].actions == ("扩大开放。",)


def test_a_mixed_document_is_read_paragraph_by_paragraph():
    text = ("标题\n\n习近平强调，要坚持开放合作，推动共同发展。\n\n"
            "Xi Jinping stressed that efforts should be made to deepen trade ties with Central Asia.\n\n"
            "习近平指出，要加快建设物流枢纽。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("习近平", "要坚持开放合作，推动共同发展。"),
        ("Xi Jinping", "efforts should be made to deepen trade ties with Central Asia."),
        ("习近平", "要加快建设物流枢纽。"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("标题\n\n会议强调，要重点抓好以下工作：一是稳就业；二是促消费；三是防风险。\n",
     [("会议", "强调", "稳就业；", "numbered"), ("会议", "强调", "促消费；", "numbered"), ("会议", "强调", "防风险。", "numbered")]),
    ("标题\n\n会议要求，今年要扎实做好以下工作：扩大有效投资；加快产业升级；保障改善民生。\n",
     [("会议", "要求", "扩大有效投资；", "list-item"), ("会议", "要求", "加快产业升级；", "list-item"),
      ("会议", "要求", "保障改善民生。", "list-item")]),
    ("标题\n\n会议认为，过去一年主要做了以下工作：一是经济增长5%；二是就业稳定。\n", []),
    ("标题\n\n全会指出，推进改革具有重要意义。\n\n全会强调，要深化改革。\n", [("全会", "强调", "要深化改革。", "lead")]),
])
def test_communique_and_work_report_forms(text, expected):
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text, d.kind) for d in headlines] == expected


def test_resolution_operative_clauses_not_preambular():
    text = ("Resolution 1\n\nThe Security Council,\n\nRecalling its earlier resolutions,\n\n"
            "Noting with concern that 2 million people are displaced,\n\n1. Decides to extend the mission;\n\n"
            "2. Calls upon Member States to contribute;\n\n3. Decides to remain seized of the matter.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("the Security Council", "Decides", "Decides to extend the mission;"),
        ("the Security Council", "Calls upon", "Calls upon Member States to contribute;"),
        ("the Security Council", "Decides", "Decides to remain seized of the matter."),
    ]
