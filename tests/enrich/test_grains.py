"""A series is one grain (issue 14): monthly points and annual points are not one line, a cumulative 1—5月 is
never a point of the months, and a text's figure of a period meets the table's row of that very period (CSV and
SQLite alike). Charts of months and quarters are labelled in the briefing's language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing.analyse import analyse
from briefing.enrich import enrich
from briefing.enrich.charts import plan_charts
from briefing.enrich.figures import key_figures, merged
from briefing.enrich.narratives import narratives
from briefing.ingest import read_document
from briefing.ingest.tables import read_spec, read_table
from briefing.model import Query, TableSpec

RELEASE = """国家统计局发布5月份国民经济运行数据

国家统计局 2025年6月16日

2025年上半年，全国规模以上工业增加值同比增长6.4%。2025年1—5月，全国社会消费品零售总额为20.3万亿元。2025年5月，全国社会消费品零售总额为4.1万亿元。

一季度，全国国内生产总值为31.9万亿元。
"""
ROWS = [  # indicator, period, value: months, the months so far (1—N月), years, quarters
    ("社会消费品零售总额", "2025年1月", "4.0"), ("社会消费品零售总额", "2025年2月", "3.8"),
    ("社会消费品零售总额", "2025年3月", "4.0"), ("社会消费品零售总额", "2025年4月", "3.9"),
    ("社会消费品零售总额", "2025年5月", "4.1"),
    ("社会消费品零售总额", "2025年1—2月", "7.8"), ("社会消费品零售总额", "2025年1—3月", "11.8"),
    ("社会消费品零售总额", "2025年1—4月", "15.7"), ("社会消费品零售总额", "2025年1—5月", "20.4"),
    ("社会消费品零售总额", "2023", "47.1"), ("社会消费品零售总额", "2024", "48.8"),
    ("国内生产总值", "2024Q1", "29.6"), ("国内生产总值", "2024年二季度", "31.6"),
    ("国内生产总值", "2024年第三季度", "32.9"), ("国内生产总值", "2024Q4", "34.9"),
    ("国内生产总值", "2025年一季度", "31.9"),
]
MONTHS = [f"2025-{m:02d}-01/2025-{m:02d}-{d}" for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31))]
SO_FAR = [f"2025-01-01/2025-{m:02d}-{d}" for m, d in ((2, 28), (3, 31), (4, 30), (5, 31))]
QUARTERS = ["2024-01-01/2024-03-31", "2024-04-01/2024-06-30", "2024-07-01/2024-09-30", "2024-10-01/2024-12-31",
            "2025-01-01/2025-03-31"]


def csv_table(folder: Path, rows=ROWS) -> Path:
    path = folder / "release.csv"
    path.write_text("indicator,period,value,unit,region\n"
                    + "".join(f"{name},{period},{value},万亿元,全国\n" for name, period, value in rows), encoding="utf-8")
    return path


def sqlite_table(folder: Path, rows=ROWS) -> TableSpec:
    """The same rows as an office keeps them: names and figures in two tables, the query a join."""
    path = folder / "release.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript("CREATE TABLE indicators (id INTEGER PRIMARY KEY, name TEXT UNIQUE, unit TEXT);"
                         "CREATE TABLE figures (indicator INTEGER, period TEXT, value TEXT, region TEXT);")
        for name, period, value in rows:
            db.execute("INSERT OR IGNORE INTO indicators (name, unit) VALUES (?, '万亿元')", (name,))
            db.execute("INSERT INTO figures SELECT id, ?, ?, '全国' FROM indicators WHERE name = ?", (period, value, name))
    db.close()
    return TableSpec(path, query=Query("SELECT i.name AS indicator, f.period, f.value, i.unit, f.region "
                                       "FROM figures f JOIN indicators i ON i.id = f.indicator ORDER BY f.rowid"))


def enriched(folder: Path, table):
    (folder / "release.txt").write_text(RELEASE, encoding="utf-8")
    return enrich(analyse((read_document(folder / "release.txt"),), table))


@pytest.fixture(params=["csv", "sqlite"])
def analysis(request, tmp_path: Path):
    table = read_table(csv_table(tmp_path)) if request.param == "csv" else read_spec(sqlite_table(tmp_path)).indicators
    return enriched(tmp_path, table)


def by_grain(analysis) -> dict[tuple[str, str], list[str]]:
    return {(s.name, s.grain): [p.period for p in s.points] for s in analysis.series}


def test_a_series_is_one_grain(analysis):
    assert by_grain(analysis) == {
        ("社会消费品零售总额", "month"): MONTHS, ("社会消费品零售总额", "to-date"): SO_FAR,
        ("社会消费品零售总额", "year"): ["2023", "2024"], ("国内生产总值", "quarter"): QUARTERS}
    keys = [s.key for s in analysis.series]
    assert len(set(keys)) == len(keys)


def test_changes_within_a_grain(analysis):
    series = {(s.name, s.grain): s for s in analysis.series}
    months = series[("社会消费品零售总额", "month")]
    assert months.change == pytest.approx(0.1) and months.pct_change == pytest.approx(2.5) and months.cagr is None
    quarters = series[("国内生产总值", "quarter")]
    assert quarters.pct_change == pytest.approx((31.9 / 29.6 - 1) * 100) and quarters.cagr is None
    so_far = series[("社会消费品零售总额", "to-date")]
    assert so_far.change is None and so_far.pct_change is None  # 1—2月 and 1—5月 are sums of different lengths
    years = series[("社会消费品零售总额", "year")]
    assert years.cagr == pytest.approx((48.8 / 47.1 - 1) * 100)


def test_the_texts_cumulative_figure_meets_the_tables_cumulative_row(analysis):
    series = {(s.name, s.grain): s for s in analysis.series}
    so_far = series[("社会消费品零售总额", "to-date")]
    point = so_far.points[-1]
    assert sorted(i.value for i in point.indicators) == ["20.3", "20.4"] and point.conflict
    table = "release.csv第10行" if point.indicators[1].source_id == "release.csv" else "release.sqlite第9行"
    assert so_far.flags == (f"社会消费品零售总额 2025年1—5月：来源不一致：20.3万亿元（release第2段）；20.4万亿元（{table}）",)
    months = series[("社会消费品零售总额", "month")]
    may = months.points[-1]
    assert sorted((i.value, i.table_row is None) for i in may.indicators) == [("4.1", False), ("4.1", True)]
    assert not any(p.conflict for p in months.points) and not months.flags
    assert series[("国内生产总值", "quarter")].points[-1].conflict is False  # 一季度 31.9 = 2025年一季度 31.9


def test_a_cumulative_text_figure_never_meets_a_monthly_row(tmp_path: Path):
    """With no 1—5月 row in the table, the text's 1—5月 stands alone: not compared with, nor merged into, May."""
    rows = [row for row in ROWS if "—" not in row[1]]
    found = enriched(tmp_path, read_table(csv_table(tmp_path, rows)))
    series = {(s.name, s.grain): s for s in found.series}
    assert [i.value for p in series[("社会消费品零售总额", "to-date")].points for i in p.indicators] == ["20.3"]
    assert not any(s.flags for s in found.series)
    rows = {(row[0].period, tuple(sorted(i.value for i in row))) for row in merged(found.indicators)
            if row[0].name == "社会消费品零售总额" and row[0].period in (MONTHS[-1], SO_FAR[-1])}
    assert rows == {(MONTHS[-1], ("4.1", "4.1")), (SO_FAR[-1], ("20.3",))}


def test_an_agreeing_cumulative_row_is_one_figure_citing_both(tmp_path: Path):
    rows = [(n, p, "20.3" if p == "2025年1—5月" else v) for n, p, v in ROWS]
    found = enriched(tmp_path, read_table(csv_table(tmp_path, rows)))
    row = next(r for r in merged(found.indicators) if r[0].name == "社会消费品零售总额" and r[0].period == SO_FAR[-1])
    assert sorted(i.table_row is not None for i in row) == [False, True]
    so_far = next(s for s in found.series if s.grain == "to-date")
    assert [len(p.indicators) for p in so_far.points] == [1, 1, 1, 2] and not any(p.conflict for p in so_far.points)
    assert not any(s.flags for s in found.series)


def test_months_and_years_are_never_one_chart(analysis):
    plans = analysis.chart_plans
    for plan in plans:
        grains = {s.grain for p in plan.panels for s in p.series}
        assert len(grains) <= 1, plan.title
    assert sorted(p.title for p in plans) == sorted([
        "全国社会消费品零售总额，2025年1月—5月", "全国社会消费品零售总额，2025年1—2月至1—5月累计",
        "全国社会消费品零售总额：2023年与2024年", "全国国内生产总值，2024年一季度—2025年一季度"])


@pytest.mark.parametrize("language, months, quarters, so_far", [
    ("zh", ("2025年1月", "2月", "3月", "4月", "5月"), ("2024年一季度", "二季度", "三季度", "四季度", "2025年一季度"),
     ("2025年1—2月", "1—3月", "1—4月", "1—5月")),
    ("en", ("Jan 2025", "Feb", "Mar", "Apr", "May"), ("2024 Q1", "Q2", "Q3", "Q4", "2025 Q1"),
     ("Jan–Feb 2025", "Jan–Mar", "Jan–Apr", "Jan–May")),
])
def test_the_x_axis_in_the_briefings_language(analysis, language, months, quarters, so_far):
    """Each tick: its period, its label, and its label with its year (said where the year is new)."""
    plans = plan_charts(analysis.series, analysis.indicators, language)
    ticks = {s.grain: plan.ticks for plan in plans for p in plan.panels for s in p.series}
    assert [t[0] for t in ticks["month"]] == MONTHS and [t[0] for t in ticks["quarter"]] == QUARTERS
    assert [t[0] for t in ticks["to-date"]] == SO_FAR and ticks.get("year", ()) == ()  # years keep their axis
    for grain, expected in (("month", months), ("quarter", quarters), ("to-date", so_far)):
        year_said = [n == 0 or t[0][:4] != ticks[grain][n - 1][0][:4] for n, t in enumerate(ticks[grain])]
        assert tuple(t[2] if said else t[1] for t, said in zip(ticks[grain], year_said)) == expected


def test_key_figures_of_every_grain(analysis):
    shown = {(i.name, i.period, i.measure) for i in key_figures(analysis.series)}
    assert ("社会消费品零售总额", MONTHS[-1], "增长2.5%（2025年1月—5月）") in shown
    assert ("国内生产总值", QUARTERS[-1], "增长7.8%（2024年一季度—2025年一季度）") in shown
    assert ("社会消费品零售总额", SO_FAR[-1], "") in shown  # the months so far: a figure, no change


def test_narratives_say_the_periods_of_their_grain(analysis):
    said = narratives(analysis.series, analysis.indicators, "zh")
    assert "全国社会消费品零售总额由2025年1月的4.0万亿元增至2025年5月的4.1万亿元，增长2.5%。" in said
    assert "全国国内生产总值由2024年一季度的29.6万亿元增至2025年一季度的31.9万亿元，增长7.8%。" in said
    assert not any("累计" in s or "1—2月" in s for s in said)  # the months so far have no change to narrate


def test_months_quarters_and_sums_so_far_through_the_real_command(tmp_path: Path):
    """The text and a SQLite query, built by the command: the Word briefing and the digest say each grain's
    periods, chart the months, the quarters and the sums so far apart, and flag the 1—5月 that disagrees."""
    from docx import Document

    from conftest import run_cli

    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    spec = sqlite_table(tmp_path)
    sql = spec.query.sql
    (tmp_path / "briefing.yaml").write_text(
        "title: 统计月报\nsources: [release.txt]\nindicators:\n  - database: release.sqlite\n"
        f"    sql: {sql}\n  - from_sources: true\naudiences:\n  analyst: {{template: analyst}}\n", encoding="utf-8")
    built = run_cli("build", "--date", "2025-06-16", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    edition = next(tmp_path.glob("out/*/2025-06-16/analyst"))
    flag = "⚑ 社会消费品零售总额 2025年1—5月：来源不一致：20.3万亿元（release第2段）；20.4万亿元（release.sqlite第9行）"
    captions = ["图1\u3000全国社会消费品零售总额（万亿元），2025年1—2月至1—5月累计",
                "图2\u3000全国社会消费品零售总额（万亿元），2025年1月—5月",
                "图3\u3000全国社会消费品零售总额（万亿元），2023年与2024年",
                "图4\u3000全国国内生产总值（万亿元），2024年一季度—2025年一季度"]
    word = Document(str(edition / "briefing.docx"))
    paragraphs = [p.text for p in word.paragraphs]
    assert flag in paragraphs
    assert [p.text for p in word.paragraphs if p.style.name == "Caption"] == captions
    assert len(word.inline_shapes) == 4
    key = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert ["全国社会消费品零售总额（2025年5月）", "4.1万亿元", "增长2.5%（2025年1月—5月）"] in [r[:3] for r in key]
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert f"- {flag}" in digest
    assert "*" + captions[1].replace("图2\u3000", "图2　") + "*" in digest
    assert "- 全国社会消费品零售总额由2025年1月的4.0万亿元增至2025年5月的4.1万亿元，增长2.5%。" in digest
    assert "引用：全国社会消费品零售总额）" in digest  # its May and its 1—5月 cite their paragraph once
    assert "| 全国社会消费品零售总额 | 2025年5月 | 4.1万亿元 | 《国家统计局发布5月份国民经济运行数据》第2段；release.sqlite，第5行 |" in digest


def test_halves_and_days_are_series_of_their_own(tmp_path: Path):
    """上半年 and 下半年 are a series of halves (1—6月 among halves is the first half, not a sum so far); stocks on
    a day (截至5月底, 2025-06-30) a series of days, whose change is computed and which no year joins."""
    rows = [("国内生产总值", "2024年上半年", "61.7"), ("国内生产总值", "2024年下半年", "73.2"),
            ("国内生产总值", "2025H1", "66.1"), ("国内生产总值", "2024", "134.9"),
            ("人民币存款余额", "2025-03-31", "310.2"), ("人民币存款余额", "2025-06-30", "316.5"),
            ("人民币存款余额", "2024", "302.3")]
    (tmp_path / "release.txt").write_text("国家统计局发布数据\n\n国家统计局 2025年6月16日\n\n"
                                          "截至5月底，全国人民币存款余额为313.7万亿元。\n", encoding="utf-8")
    found = enrich(analyse((read_document(tmp_path / "release.txt"),), read_table(csv_table(tmp_path, rows))))
    assert by_grain(found) == {
        ("国内生产总值", "half"): ["2024-01-01/2024-06-30", "2024-07-01/2024-12-31", "2025-01-01/2025-06-30"],
        ("国内生产总值", "year"): ["2024"],
        ("人民币存款余额", "day"): ["2025-03-31", "2025-05-31", "2025-06-30"], ("人民币存款余额", "year"): ["2024"]}
    days = next(s for s in found.series if s.grain == "day")
    assert days.change == pytest.approx(6.3) and days.cagr is None
    ticks = next(p.ticks for p in found.chart_plans if p.panels[0].series[0].grain == "half")
    assert [label for _, label, _ in ticks] == ["上半年", "下半年", "上半年"] and ticks[0][2] == "2024年上半年"
