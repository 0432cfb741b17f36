"""Chinese conventions everywhere in a Chinese briefing, and English ones in an English one (issue 13): periods
and changes in the briefing's words, citations by the source's publisher or title and date, no internal
identifiers in the public edition, every message in the briefing's language. Read back from the digests and
from the Word files (python-docx)."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from docx import Document as Word

from briefing.enrich.figures import key_figures
from briefing.extract import analysis_markdown
from briefing.model import Indicator, Point, Series, SourceFailure
from briefing.publish.history import _note
from briefing.render.context import build_context
from conftest import ROOT, SAMPLE, run_cli

EDITIONS = ("executive", "analyst", "public", "jianbao")
SLUG = "xinhua-2024-04-23-western-development"


def _digest(build: Path, name: str) -> str:
    """The digest's text as a reader sees it: Markdown's link targets and emphasis marks left out."""
    text = (build / name / "digest.md").read_text(encoding="utf-8")
    return re.sub(r"\]\([^)]*\)", "]", text).replace("**", "")


def _word_text(build: Path, name: str) -> str:
    doc = Word(str(build / name / "briefing.docx"))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _cells(build: Path, name: str, header: str) -> list[str]:
    """The cells under a column header, in every Word table that has it."""
    doc = Word(str(build / name / "briefing.docx"))
    found = []
    for table in doc.tables:
        heads = [c.text for c in table.rows[0].cells]
        if header in heads:
            found += [r.cells[heads.index(header)].text for r in table.rows[1:]]
    return found


@pytest.mark.parametrize("name", EDITIONS)
def test_no_iso_period_shows_in_a_chinese_edition(golden_build: Path, name: str):
    for text in (_digest(golden_build, name), _word_text(golden_build, name)):
        assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{4}|（\d{4}）", text), re.findall(
            r".{12}(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{4}|（\d{4}）).{6}", text)[:3]


def test_periods_in_the_indicators_table_are_in_chinese(golden_build: Path):
    periods = _cells(golden_build, "analyst", "时期")
    assert "截至2024年4月23日" in periods and "2024年1月1日—4月23日" in periods and "2019—2023年" in periods
    assert "2023年" in periods
    digest = _digest(golden_build, "analyst")
    assert "| 截至2024年4月23日 |" in digest and "（2023年）" in digest


def test_changes_are_worded_in_chinese_with_full_width_parentheses(golden_build: Path):
    for name in ("analyst", "executive"):
        changes = [c for c in _cells(golden_build, name, "变化") if c]
        assert changes and all(re.fullmatch(r"(增长|下降|提高)\d+(\.\d)?(%|个百分点)（\d{4}—\d{4}年）", c)
                               for c in changes), changes
        assert "增长39.7%（2019—2023年）" in changes
    for name in EDITIONS:  # no ASCII parenthesis, comma or colon the project writes into Chinese text
        for text in (_digest(golden_build, name), _word_text(golden_build, name)):
            assert " pp" not in text and not re.search(r"[\u4e00-\u9fff][(),:]|[(),:][\u4e00-\u9fff]", text), \
                re.findall(r".{8}(?:[\u4e00-\u9fff][(),:]|[(),:][\u4e00-\u9fff]).{8}", text)[:3]


def _series(unit: str, first: float, last: float, language_name: str) -> Series:
    ind = Indicator(name=language_name, period="2024", value=str(last), unit=unit, number=last,
                    normalized_value=last, normalized_unit=unit)
    points = (Point("2021", first, (ind,)), Point("2024", last, (ind,)))
    change = last - first
    return Series(key=language_name, name=language_name, unit=unit, points=points, change=change,
                  pct_change=100 * change / first)


def test_a_change_is_worded_in_the_briefings_language():
    rate, level = _series("%", 50.0, 53.2, "rate"), _series("万亿元", 20.0, 18.0, "level")
    assert [i.measure for i in key_figures((rate, level), "zh")] == ["下降10.0%（2021—2024年）",
                                                                     "提高3.2个百分点（2021—2024年）"]
    assert [i.measure for i in key_figures((rate, level), "en")] == ["down 10.0% (2021–2024)",
                                                                     "up 3.2 points (2021–2024)"]


def test_directives_are_cited_by_publisher_date_and_paragraph_in_the_analyst_edition(golden_build: Path):
    for text in (_digest(golden_build, "analyst"), _word_text(golden_build, "analyst")):
        assert "（习近平强调；新华社2024年4月23日，第6段）" in text
        assert "第6段（新华社2024年4月23日；引用：指示1）" in text  # the annex
        assert SLUG not in text and "¶" not in text and ".csv" not in text and not re.search(r"#\d", text)
    assert "western-region，第4行" in _digest(golden_build, "analyst")  # a table by its name and row


def test_table_cells_cite_in_short(golden_build: Path):
    cited = _cells(golden_build, "analyst", "出处")
    assert cited and all(len(c) <= 36 for c in cited), max(cited, key=len)  # three lines of a cell at most
    assert "新华社第22段" in cited


def test_the_executive_edition_has_no_paragraph_references(golden_build: Path):
    for text in (_digest(golden_build, "executive"), _word_text(golden_build, "executive")):
        assert "¶" not in text and "段" not in text and SLUG not in text
        assert "要坚持统筹发展和安全，提升能源资源等重点领域安全保障能力。（习近平指出）" in text


@pytest.mark.parametrize("name", ("public", "jianbao"))
def test_the_public_editions_show_no_internal_identifier(golden_build: Path, name: str):
    for text in (_digest(golden_build, name), _word_text(golden_build, name)):
        assert SLUG not in text and "western-region" not in text and ".csv" not in text
        assert not re.search(r"¶|#\d|第\d+[段行]|row \d", text)


def test_a_chart_note_names_each_source_once_by_its_publisher():
    """The sample's figures come from the Xinhua text and a table whose source column says 新华社 2024-04-23:
    one source, named once, by its publisher and date (never its file name), in every edition's charts."""
    from briefing.ingest import read_document
    from briefing.ingest.tables import read_table
    from briefing.pipeline import analyse_document

    table = read_table(ROOT / "data/indicators/western-region.csv")
    plans = analyse_document(read_document(SAMPLE), table).chart_plans
    assert plans and [p.source for p in plans] == ["资料来源：新华社2024年4月23日"] * len(plans)


def test_a_source_failure_is_worded_in_the_briefings_language(golden_build: Path):
    from dataclasses import replace

    from briefing.model import Audience, Briefing

    audience = Audience(name="a", template=ROOT, title="a")
    briefing = Briefing(title="t", date="2024-04-23", audience=audience, documents=(), directives=(),
                        other_remarks=(), summary=(), figures=(), indicators=(), series=(), narratives=(), charts=(),
                        failed_sources=(SourceFailure("http://x/y", "HTTP 404 File not found (check the address)",
                                                      "http", "404"),), language="zh")
    assert build_context(briefing)["failed_sources"] == [
        {"source": "http://x/y", "reason": "网页无法访问（HTTP 404），请核对地址"}]
    english = build_context(replace(briefing, language="en"))["failed_sources"][0]["reason"]
    assert english == "the page could not be reached (HTTP 404): check the address"


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_error(404, "File not found")

    def log_message(self, *args):
        pass


def test_a_dead_link_is_named_in_chinese_in_a_chinese_digest(make_config):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/gone.html"
        config = make_config(sources=["data/sources/*.txt", url])
        result = run_cli("build", str(config), "--date", "2024-04-23", "--audience", "analyst")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "HTTP 404 File not found" in result.stderr  # the log's line stays English
    digest = (config.parent / "out/western-development/2024-04-23/analyst/digest.md").read_text(encoding="utf-8")
    assert f"- {url}：网页无法访问（HTTP 404），请核对地址" in digest and "File not found" not in digest


def test_a_wired_audience_gets_a_title_in_the_projects_language(tmp_path: Path):
    project = tmp_path / "p"
    assert run_cli("init", str(project)).returncode == 0
    result = run_cli("templates", "new", "minister", "--from", "executive", "--wire", "minister", cwd=project)
    assert result.returncode == 0, result.stderr
    audiences = yaml.safe_load((project / "briefing.yaml").read_text(encoding="utf-8"))["audiences"]
    assert audiences["minister"]["title"] == audiences["executive"]["title"] == "领导参阅"


def test_extract_markdown_of_a_chinese_document_is_in_chinese():
    text = analysis_markdown(SAMPLE)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 重要指示", "## 其他领导讲话", "## 摘要", "## 指标一览", "## 数据解读", "## 修复记录"]
    assert "2024年4月23日 · 33段" in text and "（习近平强调；第6段）" in text and "¶" not in text
    assert "| 截至2024年4月23日 |" in text


def test_whats_new_notes_show_periods_in_the_labels_language():
    assert _note("地区生产总值", "2023", "26.9万亿元") == "地区生产总值（2023年）：26.9万亿元"
    assert _note("藏羚羊种群数量", "2024-04-23", "7万多只") == "藏羚羊种群数量（截至2024年4月23日）：7万多只"
    assert _note("GDP", "2025-01-01/2025-05-31", "1.2 trillion") == "GDP (January–May 2025): 1.2 trillion"
