"""Hostile indicator tables (issue 12; review P8, P18, P19, P28, P31, P33): figures never invented or lost, a
table bounded before the work, a bad cell named. Bombs and big tables are built here, at test time."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import edit, run

HEADER = "indicator,period,value,unit,region,source\n"
ROW_2019 = "地区生产总值,2019,5.1,万亿元,东北三省,示例数据\n"
ROW_2024 = "地区生产总值,2024,6.3,万亿元,东北三省,示例数据\n"
TABLE = "data/indicators/northeast.csv"
DATE = ("--date", "2024-05-01")


def _table(project: Path, text: str | bytes, name: str = TABLE) -> Path:
    path = project / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _digest(project: Path) -> str:
    return (project / "out/northeast/2024-05-01/analyst/digest.md").read_text(encoding="utf-8")


def _xlsx(project: Path, rows: list[list[object]], merge: str = "", text_cells: tuple[str, ...] = ()) -> None:
    """An .xlsx table in place of the CSV (the config pointed at it); `text_cells` are kept as text, not formulas."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref in text_cells:
        sheet[ref].data_type = "s"
    if merge:
        sheet.merge_cells(merge)
    book.save(project / "data/indicators/northeast.xlsx")
    edit(project / "briefing.yaml", "northeast.csv", "northeast.xlsx")


# --- P8: figures silently lost or wrong -------------------------------------------------------------------


def test_an_unterminated_quote_is_an_error_naming_the_row(fresh: Path):
    _table(fresh, HEADER + ROW_2019.replace("示例数据", '"示例数据') + ROW_2024)
    run("tab/unterminated_quote", "build", *DATE, cwd=fresh).handled(2).says("northeast.csv:2:", "quote")


def test_a_line_break_inside_a_cell_is_an_error_naming_the_row(fresh: Path):
    _table(fresh, HEADER + ROW_2019.replace("示例数据", '"示例数据\n地区生产总值,2024,6.3,万亿元,东北三省,x"'))
    run("tab/newline_in_cell", "validate", cwd=fresh).handled(2).says("northeast.csv:2:", "line break")


def test_latin1_read_as_gb18030_is_refused(fresh: Path):
    _table(fresh, (HEADER + "地区生产总值,2019,5.1,万亿元,Région,x\n").replace("地区生产总值", "GDP")
           .replace("万亿元", "EUR bn").encode("latin-1"))
    run("tab/latin1_noeuro", "build", *DATE, cwd=fresh).handled(2).says("northeast.csv", "UTF-8", "R間ion")


def test_a_gbk_table_is_still_read(fresh: Path):
    _table(fresh, (HEADER + ROW_2019 + ROW_2024).encode("gb18030"))
    run("tab/gbk", "build", *DATE, cwd=fresh).handled(0)
    assert "6.3" in _digest(fresh)


def test_a_merged_value_cell_is_not_copied_into_the_rows_it_covers(fresh: Path):
    _xlsx(fresh, [["indicator", "period", "value", "unit", "region"],
                  ["地区生产总值", 2019, 5.1, "万亿元", "东北三省"], ["地区生产总值", 2024, None, "万亿元", "东北三省"]],
          merge="C2:C3")
    run("tab/x_merged_values", "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "C3", "merged with C2")


def test_a_400_digit_value_is_an_error_naming_the_cell(fresh: Path):
    _table(fresh, HEADER + ROW_2019 + ROW_2024.replace("6.3", "9" * 400))
    outcome = run("tab/overflow", "build", *DATE, cwd=fresh).handled(2).says("northeast.csv", "column value",
                                                                            "too large")
    assert "NaN" not in outcome.stderr and not (fresh / "out").exists()


def test_an_xlsx_value_that_overflows_with_its_unit_is_an_error(fresh: Path):
    _xlsx(fresh, [["indicator", "period", "value", "unit"], ["地区生产总值", 2019, 5.1, "万亿元"],
                  ["地区生产总值", 2024, 1e308, "万亿元"]])
    run("tab/x_hugenum", "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "cell C3", "too large")


def test_a_400_digit_figure_in_a_text_never_gives_nan(fresh: Path):
    source = next((fresh / "data/sources").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\n\n地区生产总值从2019年的5.1万亿元增长至2024年的"
                      + "9" * 400 + "万亿元。\n", encoding="utf-8")
    run("tab/overflow_text", "build", *DATE, cwd=fresh).handled(0)
    digest = _digest(fresh)
    assert "NaN" not in digest and "inf" not in digest


# --- P28, P31: control characters, NUL, formulas as text -------------------------------------------------


@pytest.mark.parametrize("case, row", [("tab/control_chars", ROW_2024.replace("地区生产总值", "地区\x01生产总值")),
                                       ("tab/control_in_source", ROW_2024.replace("示例数据", "示例\x01数据")),
                                       ("tab/nul", ROW_2024.replace("示例数据", "示例\x00数据"))])
def test_a_control_character_in_a_cell_is_an_input_error_naming_it(fresh: Path, case: str, row: str):
    _table(fresh, HEADER + ROW_2019 + row)
    run(case, "build", *DATE, cwd=fresh).handled(2).says("northeast.csv:3:", "column", "control character")


def test_a_formula_written_as_text_is_refused(fresh: Path):
    _xlsx(fresh, [["indicator", "period", "value", "unit", "source"],
                  ["地区生产总值", 2019, 5.1, "万亿元", '=HYPERLINK("http://example.com/x","示例")'],
                  ["地区生产总值", 2024, 6.3, "万亿元", "示例数据"]], text_cells=("E2",))
    run("tab/x_formula_text", "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "E2", "formula")


# --- P18, P19: bounded before the work, and in time within the bounds ------------------------------------


def _rewrite(path: Path, part: str, change) -> None:
    """Rewrite one part of a workbook (its sheet, its shared strings) through `change`, streaming what it returns."""
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            if name != part:
                book.writestr(name, data)
        with book.open(part, "w") as stream:
            for piece in change(parts[part]):
                stream.write(piece)


def test_a_string_cell_that_unzips_past_the_limit_is_refused_from_the_directory(fresh: Path):
    """A 250 MB string cell in ~250 KB on disk: over the default limits.unpacked_mb (200)."""
    _xlsx(fresh, [["indicator", "period", "value", "unit", "source"], ["地区生产总值", 2019, 5.1, "万亿元", "x"],
                  ["地区生产总值", 2024, 6.3, "万亿元", "x"]])

    def huge(xml: bytes):
        head, tail = xml.split(b"<t>x</t>", 1)
        yield head + b"<t>"
        for _ in range(250):
            yield b"A" * 2 ** 20
        yield b"</t>" + tail

    _rewrite(fresh / "data/indicators/northeast.xlsx", "xl/worksheets/sheet1.xml", huge)
    run("tab/x_bigstring", "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "over the limit of 200 MB",
                                                                     "limits.unpacked_mb")


def test_a_cell_too_long_is_refused_naming_it(fresh: Path):
    _xlsx(fresh, [["indicator", "period", "value", "unit", "source"], ["地区生产总值", 2019, 5.1, "万亿元", "x" * 20_000],
                  ["地区生产总值", 2024, 6.3, "万亿元", "x"]])
    run("tab/x_longcell", "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "cell E2", "20,000 characters")


def _many_rows(rows: int):
    """A change for _rewrite: the sheet's data, then `rows` more rows of four cells, streamed."""
    def change(xml: bytes):
        head, tail = xml.split(b"</sheetData>", 1)
        yield head.replace(b'<dimension ref="A1:D2"/>', b"")
        for n in range(3, rows + 3):
            yield (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>指标{n}</t></is></c><c r="B{n}"><v>2019</v></c>'
                   f'<c r="C{n}"><v>1.5</v></c><c r="D{n}" t="inlineStr"><is><t>万亿元</t></is></c></row>').encode()
        yield b"</sheetData>" + tail
    return change


@pytest.mark.parametrize("case, rows", [("tab/x_rows100k", 100_000), ("tab/x_zipbomb", 1_000_000)])
def test_an_xlsx_of_too_many_rows_is_refused_before_openpyxl_reads_it(fresh: Path, case: str, rows: int):
    """The default limits.table_rows (10,000), counted in the sheet's XML as it streams: 1,000,000 rows (4 M
    cells, a few MB on disk) cost what 10,000 do."""
    _xlsx(fresh, [["indicator", "period", "value", "unit"], ["地区生产总值", 2019, 5.1, "万亿元"]])
    _rewrite(fresh / "data/indicators/northeast.xlsx", "xl/worksheets/sheet1.xml", _many_rows(rows))
    run(case, "build", *DATE, cwd=fresh).handled(2).says("northeast.xlsx", "10,000 rows", "limits.table_rows")


def _series(count: int, periods: int = 7) -> str:
    return HEADER + "".join(f"指标{n},{2017 + y},{(n % 97 + 1) * (1 + y / 10):.1f},万亿元,东北三省,示例数据\n"
                            for n in range(count) for y in range(periods))


@pytest.mark.parametrize("case, count", [("tab/rows100k", 14_286), ("tab/series7x2000", 2000)])
def test_a_csv_over_the_row_limit_is_refused_while_it_is_read(fresh: Path, case: str, count: int):
    _table(fresh, _series(count))  # 100,000 rows; 14,000
    run(case, "build", *DATE, cwd=fresh).handled(2).says("northeast.csv", "10,000 rows", "limits.table_rows")


def test_a_raised_row_limit_lets_a_longer_table_through(fresh: Path):
    _table(fresh, _series(30, periods=2) + "".join(f"额外{n},2019,1.5,万亿元,东北三省,x\n" for n in range(60)))
    config = fresh / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  table_rows: 100\n", encoding="utf-8")
    run("tab/rows_raised", "build", *DATE, cwd=fresh).handled(2).says("more than 100 rows")
    run("tab/rows_raised", "validate", cwd=fresh).handled(2).says("more than 100 rows")  # validate has the config's
    config.write_text(config.read_text(encoding="utf-8").replace("table_rows: 100", "table_rows: 120"), encoding="utf-8")
    run("tab/rows_raised2", "build", *DATE, cwd=fresh).handled(0)


def test_a_thousand_series_build_in_time(fresh: Path):
    _table(fresh, _series(1000))  # 7,000 rows, within the limit
    run("tab/series7x1000", "build", *DATE, cwd=fresh).handled(0)
    charts = list((fresh / "out/northeast/2024-05-01/analyst/charts").glob("*.png"))
    assert 0 < len(charts) <= 8


# --- P33: a good build prints nothing -----------------------------------------------------------------------


def test_long_names_and_vast_values_draw_without_library_warnings(fresh: Path):
    """A 9,000-character name, and levels of 300 digits: matplotlib once printed 'axes sizes collapsed to zero'."""
    name = "很长的指标名称" * 1300
    vast = "1" + "0" * 300
    _table(fresh, HEADER + f"{name},2019,1.5,万亿元,东北三省,x\n{name},2024,2.5,万亿元,东北三省,x\n"
           f"X,2019,{vast},元,,\nX,2024,{vast[:-1]}3,元,,\n")
    run("tab/long_name", "build", *DATE, cwd=fresh).handled(0)
    assert list((fresh / "out/northeast/2024-05-01/analyst/charts").glob("*.png"))
