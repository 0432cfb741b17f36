"""Markdown inside a .txt is read as Markdown, on evidence; its markup never reaches the Document."""

from __future__ import annotations

from pathlib import Path

from briefing.extract import analysis_json
from briefing.ingest import read_document
from briefing.ingest.readers.markdown import looks_like_markdown, read_markdown

ORDER = """\
# Keeping the Lowland Canals Open

**Office of the Regional Governor**
**Executive Order 2025-07**

By the authority vested in me as Governor, I hereby order as follows:

## Section 1. Purpose.

Silt has narrowed the lowland canals, and barges now wait *days* for a passage that once took hours.

## Section 2. Orders.

**Sec. 2. Dredging.** The Canal Board shall publish a dredging schedule for every canal within 60 days, \
as the [Canal Act](https://example.org/canal-act) requires.

- The Canal Board shall report on its progress each quarter.
- The Treasury shall set aside the funds the schedule needs.
"""


def _read(tmp_path: Path, text: str, name: str = "order.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def test_a_txt_in_markdown_has_its_headings_as_blocks_and_no_markup(tmp_path: Path):
    doc = _read(tmp_path, ORDER)
    assert doc.title == "Keeping the Lowland Canals Open"
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["Office of the Regional Governor", "Executive Order 2025-07"]
    assert "Section 2. Orders." in texts
    assert not any(mark in doc.text for mark in ("**", "##", "](", "*days*"))
    assert "barges now wait days for a passage" in doc.text
    assert "as the Canal Act requires." in doc.text


def test_bold_title_lines_and_a_list_under_a_heading_are_no_sidebar_box(tmp_path: Path):
    doc = _read(tmp_path, ORDER)
    assert doc.highlights == ()
    assert not any(r.kind == "sidebar" for r in doc.repairs)
    assert "The Treasury shall set aside the funds the schedule needs." in [p.text for p in doc.paragraphs]


def test_a_bold_line_ending_in_a_colon_heads_the_documents_own_list(tmp_path: Path):
    text = ("# Canal Works\n\nThe board met on Monday and reviewed the works.\n\n**The board agreed:**\n\n"
            "- to dredge the Dunmore reach first\n- to publish the schedule in June\n")
    doc = _read(tmp_path, text)
    assert doc.highlights == ()
    assert [p.text for p in doc.paragraphs][-3:] == ["The board agreed:", "to dredge the Dunmore reach first",
                                                     "to publish the schedule in June"]


def test_markup_never_reaches_a_directive(tmp_path: Path):
    path = tmp_path / "2025-05-02-order.txt"
    path.write_text(ORDER, encoding="utf-8")
    found = analysis_json(path)
    texts = [d["text"] for d in found["directives"]]
    assert any(t.startswith("The Canal Board shall publish a dredging schedule") for t in texts)
    assert not any("*" in t or "](" in t for t in texts)
    assert not any("*" in i["quote"] for i in found["indicators"])


def test_front_matter_gives_the_title_and_the_date(tmp_path: Path):
    text = ("---\ntitle: 绿溪县春季农田水利工作通知\ndate: 2025-03-12\nauthor: 县水利局\n---\n\n"
            "## 一、目标任务，基本要求\n\n全年新修小型水渠四十条，今年一季度已完成十二条。\n")
    doc = _read(tmp_path, text, "notice.txt")
    assert doc.title == "绿溪县春季农田水利工作通知" and doc.date == "2025-03-12"
    assert [p.text for p in doc.paragraphs] == ["一、目标任务，基本要求", "全年新修小型水渠四十条，今年一季度已完成十二条。"]
    assert "author" not in doc.text and "---" not in doc.text


def test_a_heading_in_markdown_is_never_glued_to_the_paragraph_after_it(tmp_path: Path):
    text = "# 通知\n\n## 加快推进灌区改造，\n全县要在汛前完成灌区渠道清淤。\n\n## 强化资金保障\n\n各乡镇要足额安排配套资金。\n"
    doc = _read(tmp_path, text)
    assert [p.text for p in doc.paragraphs] == ["加快推进灌区改造，", "全县要在汛前完成灌区渠道清淤。", "强化资金保障",
                                                "各乡镇要足额安排配套资金。"]


def test_a_plain_text_with_one_star_or_one_bold_run_is_not_markdown(tmp_path: Path):
    text = "Canal notes\n\nThe fund* grew this year, and the **board** will report on it in June.\n\n* unaudited\n"
    assert not looks_like_markdown(text)
    doc = _read(tmp_path, text)
    assert doc.paragraphs[0].text == "The fund* grew this year, and the **board** will report on it in June."


def test_evidence_is_several_lines_of_markup_or_front_matter():
    assert looks_like_markdown("# Title\n\nText with a [link](https://example.org).\n")
    assert looks_like_markdown("---\ndate: 2025-01-02\n---\nplain text\n")
    assert not looks_like_markdown("# A single heading line is not enough\nplain text\n")


def test_setext_headings_and_escapes():
    marked = read_markdown("Canal Report\n============\n\nCosts rose 5\\* percent.\n")
    assert "Canal Report" in marked.headings
    assert "Costs rose 5* percent." in marked.text


def test_a_wrong_front_matter_date_is_no_date():
    assert read_markdown("---\ndate: 2025-02-30\n---\n\ntext\n").date is None
