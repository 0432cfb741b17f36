"""A text's figure and a table's figure of one indicator, period and region are compared after the rounding
each states and what its qualifier allows; a disagreement is flagged with both sources, and each shown figure
cites only the source that says it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as Word

from briefing.enrich.figures import merged
from briefing.enrich.reconcile import agree
from briefing.enrich.series import build_series
from briefing.model import Indicator
from conftest import run_cli


def figure(value: str, unit: str = "万亿元", qualifier: str = "", exact: bool = False, region: str = "西部地区",
           row: int | None = None, factor: float = 1e12) -> Indicator:
    number = float(value)
    return Indicator(name="地区生产总值", period="2023", value=value, unit=unit, number=number,
                     normalized_value=number * factor, normalized_unit="元", qualifier=qualifier, region=region,
                     source_id="table.csv" if row else "text", table_row=row, paragraph=None if row else 4,
                     exact=exact)


@pytest.mark.parametrize("text, table, same", [
    (figure("26.9"), figure("27.0", row=3), False),        # each states a tenth: 26.85–26.95 and 26.95–27.05
    (figure("26.9"), figure("27", row=3), True),           # the table rounds to a whole number
    (figure("26.9"), figure("26.94", row=3), True),
    (figure("26.9"), figure("26.96", row=3), False),
    (figure("26.9"), figure("26.94", row=3, exact=True), True),  # a workbook's number is exact
    (figure("26.9"), figure("27", row=3, exact=True), False),
    (figure("3.7", qualifier="超过"), figure("3.92", row=8), True),
    (figure("3.7", qualifier="超过"), figure("3.6", row=8), False),
    (figure("7", unit="万只", qualifier="多", factor=1e4), figure("74000", unit="只", row=2, factor=1), True),
    (figure("7", unit="万只", qualifier="多", factor=1e4), figure("81000", unit="只", row=2, factor=1), False),
    (figure("5", unit="%", qualifier="约", factor=1), figure("5.2", unit="%", row=2, factor=1), True),
    (figure("5", unit="%", qualifier="不到", factor=1), figure("5.2", unit="%", row=2, factor=1), False),
    (figure("3.7"), figure("37000", unit="亿元", row=8, factor=1e8), True),  # one figure, two scales
])
def test_agreement_after_the_rounding_each_states(text: Indicator, table: Indicator, same: bool):
    assert agree(text, table) is same and agree(table, text) is same
    rows = merged((text, table))
    assert len(rows) == (1 if same else 2)


def test_a_disagreement_is_flagged_with_both_sources():
    (series,) = build_series((figure("20.5", row=None), replace(figure("26.9"), paragraph=24),
                              figure("20.5", row=2), figure("27.0", row=3)))
    [flag] = [f for f in series.flags if "2023" in f]
    assert "26.9万亿元（text第24段）" in flag and "27.0万亿元（table.csv第3行）" in flag


def test_the_country_is_not_a_region():
    national = replace(figure("126.1", row=2), region="全国")
    (west, country) = build_series((figure("26.9"), national, replace(figure("20.5", row=4), period="2019")))
    assert {p.period for p in west.points} == {"2019", "2023"} and not west.flags
    assert [p.indicators[0].region for p in country.points] == ["全国"]


def test_a_figure_of_no_region_meets_the_one_region_it_can_be():
    nowhere = figure("26.9", region="")
    (series,) = build_series((nowhere, figure("27.0", row=3)))
    assert series.points[0].conflict


def project_with_table_value(project: Path, old: str, new: str) -> Path:
    table = project / "data" / "indicators" / "western-region.csv"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new), encoding="utf-8")
    return project


def test_the_text_and_a_table_that_disagree_through_the_real_command(project: Path):
    project_with_table_value(project, "地区生产总值,2023,26.9,", "地区生产总值,2023,27.0,")
    result = run_cli("build", "briefing.yaml", "--date", "2024-04-23", "--audience", "analyst", cwd=project)
    assert result.returncode == 0, result.stderr
    edition = project / "out" / "western-development" / "2024-04-23" / "analyst"
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    flags = digest.split("### 待核对", 1)[1].split("###", 1)[0]
    assert "26.9万亿元" in flags and "27.0万亿元（western-region.csv第3行）" in flags
    rows = [line for line in digest.splitlines() if line.startswith(("| 西部地区生产总值 | 2023年 |", "| 地区生产总值 | 2023年 |"))]
    assert len(rows) == 2, rows  # one row each, each citing only its own source
    by_value = {row.split(" | ")[2]: row.split(" | ")[3] for row in rows}
    assert "western-region" not in by_value["26.9万亿元"] and "新华社" in by_value["26.9万亿元"]
    assert "新华社" not in by_value["27.0万亿元"] and "western-region" in by_value["27.0万亿元"]
    word = Word(str(edition / "briefing.docx"))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(c.text for t in word.tables for r in t.rows
                                                                  for c in r.cells)
    assert "27.0万亿元" in text and "26.9万亿元" in text
