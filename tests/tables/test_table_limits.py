"""The checks behind the hostile-table cases (tests/hostile/test_tables.py), one by one: the limits' defaults, the
GB18030 plausibility test, the cell checks, derived figures that overflow, chart texts that cannot grow."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from briefing.errors import InputError
from briefing.ingest.charset import plausibly_chinese
from briefing.ingest.tables import CELL_CHARS, LimitExceeded, read_table
from briefing.model import InputLimits


def _csv(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "t.csv"
    path.write_bytes(("indicator,period,value,unit,source\n" + body).encode(encoding))
    return path


@pytest.mark.parametrize("text, chinese", [("地区生产总值,万亿元", True), ("plain ascii", True), ("R間ion", False),
                                           ("Gr靶e,Région", False), ("地区 A股 指数", True)])
def test_a_gb18030_reading_is_kept_only_when_it_is_chinese(text: str, chinese: bool):
    assert plausibly_chinese(text) is chinese


def test_rows_are_counted_against_the_default_limit_while_read(tmp_path: Path):
    rows = InputLimits().table_rows
    path = _csv(tmp_path, "".join(f"n{i},2019,1,元,x\n" for i in range(rows + 1)))
    with pytest.raises(LimitExceeded) as caught:
        read_table(path)
    assert caught.value.limit == "table_rows"
    assert str(caught.value).endswith(f"more than {rows:,} rows, over the limit of {rows:,} "
                                      "(raise limits.table_rows in briefing.yaml)")
    assert len(read_table(path, limits=InputLimits(table_rows=rows + 1))) == rows + 1


def test_a_table_file_over_source_mb_is_refused_before_it_is_read(tmp_path: Path):
    path = _csv(tmp_path, "n,2019,1,元," + "x" * 2 ** 20 + "\n")
    with pytest.raises(LimitExceeded, match=r"the file is 1\.0 MB, over the limit of 0\.5 MB"):
        read_table(path, limits=InputLimits(source_mb=0.5))


def test_a_workbook_is_measured_by_its_zip_directory(tmp_path: Path):
    path = tmp_path / "t.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["indicator", "period", "value", "unit"])
    book.active.append(["n", 2019, 1.5, "元"])
    book.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"0" * 3 * 2 ** 20)
    with pytest.raises(LimitExceeded, match="unzips to 3 MB, over the limit of 2 MB") as caught:
        read_table(path, limits=InputLimits(unpacked_mb=2))
    assert caught.value.limit == "unpacked_mb"
    assert len(read_table(path)) == 1


@pytest.mark.parametrize("cell, words", [
    ("a\x07b", "control character U+0007"), ("a\x00b", "control character U+0000"),
    ('"a\nb"', "a line break inside the cell"), ("x" * (CELL_CHARS + 1), f"{CELL_CHARS + 1:,} characters"),
    ("=HYPERLINK(\"http://x\")", "a spreadsheet formula written as text"), ("@SUM(A1)", "formula"),
    ("+cmd|' /C calc'!A0", "formula")])
def test_a_cell_that_cannot_be_printed_or_would_run_is_named(tmp_path: Path, cell: str, words: str):
    path = _csv(tmp_path, f"n,2019,1,元,ok\nn,2020,2,元,{cell}\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.place == 3 and "column source" in caught.value.problem and words in caught.value.problem


@pytest.mark.parametrize("cell", ["-其中：工业", "+5% 以上", "来源：统计局"])
def test_ordinary_labels_that_start_with_a_sign_are_kept(tmp_path: Path, cell: str):
    (figure,) = read_table(_csv(tmp_path, f"n,2019,1,元,{cell}\n"))
    assert figure.quote == cell


def test_a_value_too_large_for_a_float_is_named(tmp_path: Path):
    with pytest.raises(InputError, match="column value: \"9{40}.*too large"):
        read_table(_csv(tmp_path, "n,2019," + "9" * 400 + ",元,x\n"))


def test_derived_figures_that_overflow_are_left_out():
    from briefing.enrich.series import build_series
    from briefing.model import Indicator

    def level(period: str, value: float) -> Indicator:
        return Indicator(name="n", period=period, value=str(value), unit="元", number=value,
                         normalized_value=value, normalized_unit="元")

    (series,) = build_series((level("2019", 1e-300), level("2024", 1e300), level("2025", float("inf"))))
    assert [p.period for p in series.points] == ["2019", "2024"]  # the infinite figure is no point
    assert series.pct_change is None and series.cagr is None and series.change == 1e300


def test_a_chart_text_is_at_most_three_lines_and_a_label_never_300_digits():
    from briefing.render.charts.draw import _number, _wrap

    wrapped = _wrap("很长的指标名称" * 1000, 20)
    assert wrapped.count("\n") == 2 and wrapped.endswith("…")
    assert _wrap("地区生产总值", 20) == "地区生产总值"
    assert _number(1e300) == "1e+300" and _number(12345.6) == "12,346"
