"""Indicator tables, tidy and wide, CSV and .xlsx: the same figures whichever way a table is laid out,
and errors that name the file, the row, the column and (in a workbook) the cell.

Workbooks are made here with openpyxl, in tmp_path, so no binary fixture is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from briefing.config import TABLE_KEYS, load_config
from briefing.errors import InputError
from briefing.model import Indicator
from briefing.errors import LayoutError
from briefing.ingest.tables import TableLayout, period_of, read_table
from conftest import ROOT, run_cli

TIDY_CSV = ROOT / "data" / "indicators" / "western-region.csv"
WIDE_CSV = ROOT / "tests" / "tables" / "western-region-wide.csv"
WIDE = TableLayout(form="wide")
SOURCE = "新华社 2024-04-23"
# The sample table, wide: the header, then one row per indicator (None: no figure for that year).
WIDE_ROWS = [
    ["指标", "单位", "地区", 2019, 2020, 2021, 2022, 2023, "来源"],
    ["地区生产总值", "万亿元", "西部地区", 20.5, None, None, None, 26.9, SOURCE],
    ["工业增加值", "万亿元", "西部地区", 5.8, None, None, None, 8.1, SOURCE],
    ["居民人均可支配收入", "万元", "西部地区", 2.4, None, None, None, 3.1, SOURCE],
    ["进出口总额", "万亿元", "西部地区", None, None, None, None, 3.7, SOURCE],
    ["常住人口城镇化率", "%", "西部地区", None, None, None, None, 59.94, SOURCE],
]
def facts(indicators: tuple[Indicator, ...]) -> list[tuple]:
    """What a figure says, without where it came from (file and row differ between layouts)."""
    return [(i.name, i.period, i.value, i.unit, i.number, i.normalized_value, i.normalized_unit, i.region, i.quote)
            for i in indicators]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An .xlsx with the given sheets, each a list of rows; the first sheet is the one opened by default."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def error_of(path: Path, sheet: str | None = None, layout: TableLayout | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_table(path, sheet, layout)
    return caught.value.line()


# --- The same figures, whatever the layout ------------------------------------------------------


def test_wide_csv_reads_as_the_tidy_table():
    tidy = read_table(TIDY_CSV)
    wide = read_table(WIDE_CSV, layout=WIDE)
    assert len(tidy) == 8 and facts(wide) == facts(tidy)
    assert [i.table_row for i in wide] == [2, 2, 3, 3, 4, 4, 5, 6]  # the row a spreadsheet shows
    assert wide[0].origin == "western-region-wide.csv, row 2"


def test_wide_xlsx_reads_as_the_tidy_table(tmp_path: Path):
    path = workbook(tmp_path / "wide.xlsx", {"说明": [["notes only"]], "西部": WIDE_ROWS})
    wide = read_table(path, "西部", WIDE)
    assert facts(wide) == facts(read_table(TIDY_CSV))
    assert wide[0].origin == "wide.xlsx[西部], row 2"  # the sheet is named: a workbook may hold several tables


def test_tidy_xlsx_reads_as_the_tidy_csv(tmp_path: Path):
    rows = [line.split(",") for line in TIDY_CSV.read_text(encoding="utf-8").splitlines()]
    path = workbook(tmp_path / "tidy.xlsx", {"Sheet1": [rows[0]] + [[r[0], int(r[1]), float(r[2]), *r[3:]] for r in rows[1:]]})
    assert facts(read_table(path)) == facts(read_table(TIDY_CSV))


def test_a_mapped_non_english_header(tmp_path: Path):
    path = tmp_path / "tidy-zh.csv"
    path.write_text("项目,年度,数据值,计量单位,区域,出处\n"
                    + "".join(f"{i.name},{i.period},{i.value},{i.unit},{i.region},{i.quote}\n" for i in read_table(TIDY_CSV)),
                    encoding="utf-8")
    layout = TableLayout(columns={"indicator": "项目", "period": "年度", "value": "数据值", "unit": "计量单位",
                                  "region": "区域", "source": "出处"})
    assert facts(read_table(path, layout=layout)) == facts(read_table(TIDY_CSV))


def test_a_mapped_wide_header_with_a_period_pattern(tmp_path: Path):
    """Only the columns the pattern names are periods; 2019-2023 (a growth column) and 备注 are left alone."""
    rows = [["名称", "计量单位", "区域", "2019年", "2023年", "2019-2023", "备注"],
            ["地区生产总值", "万亿元", "西部地区", "20.5", "26.9", "31.2", "现价"]]
    path = workbook(tmp_path / "wide.xlsx", {"Sheet1": rows})
    layout = TableLayout("wide", {"indicator": "名称", "unit": "计量单位", "region": "区域"}, r"20\d\d年")
    assert [(i.period, i.value) for i in read_table(path, layout=layout)] == [("2019", "20.5"), ("2023", "26.9")]


def test_chinese_headers_are_known_without_a_mapping(tmp_path: Path):
    path = tmp_path / "tidy.csv"
    path.write_text("指标,时期,数值,单位\n地区生产总值,2023年,26.9,万亿元\n", encoding="utf-8")
    assert facts(read_table(path)) == [("地区生产总值", "2023", "26.9", "万亿元", 26.9, 26.9e12, "元", "", "")]


@pytest.mark.parametrize("written, number, shown, unit", [
    ("1,234.5", 1234.5, "1,234.5", "万元"),
    ("２６．９", 26.9, "26.9", "万元"),
    ("１，２３４", 1234.0, "1,234", "万元"),
    ("-3.2", -3.2, "-3.2", "万元"),
    ("－3.2", -3.2, "-3.2", "万元"),
    (" 7 ", 7.0, "7", "万元"),
])
def test_value_cells_as_people_write_them(tmp_path: Path, written: str, number: float, shown: str, unit: str):
    path = tmp_path / "t.csv"
    path.write_text(f'indicator,period,value,unit\nX,2023,"{written}",{unit}\n', encoding="utf-8")
    [figure] = read_table(path)
    assert (figure.number, figure.value, figure.unit) == (number, shown, unit)


def test_a_trailing_percent_sign(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("指标,单位,2022,2023\n城镇化率,,59.3%,５９．９４％\n增速,%,5.1%,5.2\n", encoding="utf-8")
    assert [(i.value, i.unit, i.number) for i in read_table(path, layout=WIDE)] == [
        ("59.3", "%", 59.3), ("59.94", "%", 59.94), ("5.1", "%", 5.1), ("5.2", "%", 5.2)]


def test_a_workbook_percentage_cell(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["指标", "单位", 2023])
    book.active.append(["城镇化率", "%", 0.5994])
    book.active["C2"].number_format = "0.00%"  # shown as 59.94% in Excel
    book.save(tmp_path / "p.xlsx")
    [figure] = read_table(tmp_path / "p.xlsx", layout=WIDE)
    assert (figure.value, figure.number, figure.unit) == ("59.94", 59.94, "%")


def test_a_merged_region_cell_covers_its_rows(tmp_path: Path):
    book = openpyxl.Workbook()
    for row in (["指标", "单位", "地区", 2023], ["地区生产总值", "万亿元", "西部地区", 26.9], ["工业增加值", "万亿元", None, 8.1]):
        book.active.append(row)
    book.active.merge_cells("C2:C3")
    book.save(tmp_path / "m.xlsx")
    assert [i.region for i in read_table(tmp_path / "m.xlsx", layout=WIDE)] == ["西部地区", "西部地区"]


def test_blank_rows_and_notes_keep_the_row_numbers(tmp_path: Path):
    """A blank line is skipped but still counted, so row 5 in a message is row 5 in the spreadsheet."""
    path = tmp_path / "t.csv"
    path.write_text("指标,单位,2022,2023\n地区生产总值,万亿元,25.7,26.9\n\n工业增加值,万亿元,,8.1\n注：初步核算数,,,\n",
                    encoding="utf-8")
    assert [(i.name, i.period, i.table_row) for i in read_table(path, layout=WIDE)] == [
        ("地区生产总值", "2022", 2), ("地区生产总值", "2023", 2), ("工业增加值", "2023", 4)]


def test_a_gb18030_csv(tmp_path: Path):
    """Excel on a Chinese Windows saves CSV in GB18030 (ANSI)."""
    path = tmp_path / "t.csv"
    path.write_bytes("指标,单位,2023\n地区生产总值,万亿元,26.9\n".encode("gb18030"))
    assert read_table(path, layout=WIDE)[0].name == "地区生产总值"


@pytest.mark.parametrize("header, period", [
    ("2023", "2023"), ("2023年", "2023"), ("２０２３", "2023"), ("2019—2023年", "2019-2023"),
    ("2019-2023", "2019-2023"), ("2024-01-01/2024-04-09", "2024-01-01/2024-04-09"),
    ("备注", None), ("2024年1月", "2024-01-01/2024-01-31"), ("增速", None),  # a month is a period (issue 14)
])
def test_what_counts_as_a_period(header: str, period: str | None):
    assert period_of(header) == period


# --- Table errors: the file, the row, the column, the cell, and the fix -----------------------


def test_text_in_a_workbook_number_cell_names_the_cell(tmp_path: Path):
    rows = [list(r) for r in WIDE_ROWS]
    rows[3][5] = "n/a"  # row 4 of the sheet, column F (2021)
    path = workbook(tmp_path / "wide.xlsx", {"西部": rows})
    assert error_of(path, "西部", WIDE) == (
        f'{path}:4: cell 西部!F4, column 2021: "n/a" is not a number '
        "(write the number alone (20.5, 1,234 or 3.5%); leave the cell empty when there is no figure)")
    assert error_of(path, None, WIDE).startswith(f'{path}:4: cell F4, column 2021: "n/a" is not a number')


def test_text_in_a_csv_number_cell_names_the_row_and_column(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_text(WIDE_CSV.read_text(encoding="utf-8").replace(",8.1,", ",八点一,"), encoding="utf-8")
    assert error_of(path, layout=WIDE).startswith(f'{path}:3: column 2023: "八点一" is not a number')


def test_a_decimal_comma_is_not_read_as_thousands(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('indicator,period,value,unit\nX,2023,"20,5",万元\n', encoding="utf-8")
    assert 'column value: "20,5" is not a number (use a point for decimals: 20.5)' in error_of(path)


def test_a_duplicate_in_a_wide_table(tmp_path: Path):
    path = tmp_path / "wide.csv"
    text = WIDE_CSV.read_text(encoding="utf-8")
    path.write_text(text + text.splitlines()[1].replace("20.5", "") + "\n", encoding="utf-8")
    assert error_of(path, layout=WIDE) == (f"{path}:7: duplicate row: 西部地区生产总值 2023 is also on row 2 "
                                           "(keep one row per indicator, period and region)")


def test_a_missing_mapped_column_names_the_key(tmp_path: Path):
    path = workbook(tmp_path / "wide.xlsx", {"Sheet1": WIDE_ROWS})
    with pytest.raises(LayoutError) as caught:
        read_table(path, layout=TableLayout("wide", {"indicator": "名称"}))
    assert caught.value.key == ("columns", "indicator")
    assert caught.value.line().startswith(f'{path}:1: no column "名称" in wide.xlsx (the header (row 1) has 指标, 单位')


@pytest.mark.parametrize("case, rows, layout, message", [
    ("no period column", [["指标", "单位", "备注"], ["GDP", "元", "x"]], WIDE, "no period columns in the header: 指标, 单位, 备注"),
    ("no unit column", [["指标", 2023], ["GDP", 1]], WIDE, "missing column unit; the header has 指标, 2023"),
    ("empty unit", [["指标", "单位", 2023], ["GDP", None, 1]], WIDE, "cell B2, column 单位: is empty"),
    ("empty name", [["指标", "单位", 2023], [None, "元", 1]], WIDE, "cell A2, column 指标: is empty"),
    ("same period twice", [["指标", "单位", 2023, "2023年"], ["GDP", "元", 1, 2]], WIDE,
     'columns "2023" and "2023年" are the same period'),
    ("percent with another unit", [["指标", "单位", 2023], ["GDP", "万元", "5%"]], WIDE,
     "cell B2, column 单位: the figure has a % sign but the unit is 万元"),
    ("a date as a value", [["indicator", "period", "value", "unit"], ["GDP", 2023, dt.datetime(2023, 1, 1), "元"]], None,
     'cell C2, column value: "2023-01-01" is not a number'),
    ("an unsaved formula", [["指标", "单位", 2022, 2023], ["GDP", "元", 1, "=C2*2"]], WIDE,
     'cell D2, column 2023: "=C2*2" is a formula whose result the file does not hold'),
    ("bad period", [["indicator", "period", "value", "unit"], ["GDP", "去年", 1, "元"]], None,
     'cell B2, column period: "去年" is not a period'),
    ("a wide table read as tidy", WIDE_ROWS, None, "add form: wide to this table in the config"),
    ("only a header", [["指标", "单位", 2023]], WIDE, "no figures under the header"),
    ("no figure at all", [["指标", "单位", 2023], ["GDP", "元", None]], WIDE, "no figures under the header"),
    ("two columns of one name", [["指标", "指标", "单位", 2023], ["GDP", "GDP", "元", 1]], WIDE, 'two columns are named "指标"'),
])
def test_table_errors(tmp_path: Path, case: str, rows: list, layout: TableLayout | None, message: str):
    path = workbook(tmp_path / "t.xlsx", {"Sheet1": rows})
    line = error_of(path, layout=layout)
    assert line.startswith(f"{path}:") and message in line and "(" in line, line  # every message has a fix


def test_an_empty_sheet(tmp_path: Path):
    path = workbook(tmp_path / "t.xlsx", {"西部": WIDE_ROWS, "东部": []})
    assert error_of(path, "东部", WIDE).startswith(f'{path}:1: the sheet "东部" is empty')


def test_an_unknown_sheet(tmp_path: Path):
    path = workbook(tmp_path / "t.xlsx", {"西部": WIDE_ROWS, "东部": WIDE_ROWS})
    assert error_of(path, "中部", WIDE) == f'{path}: no sheet "中部" in t.xlsx (use one of: 西部, 东部)'


@pytest.mark.parametrize("content", [b"", b"indicator,period\n", b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0 an old .xls"])
def test_a_broken_workbook(tmp_path: Path, content: bytes):
    path = tmp_path / "t.xlsx"
    path.write_bytes(content)
    assert error_of(path).startswith(f"{path}: not a readable Excel workbook")


def test_a_truncated_workbook(tmp_path: Path):
    whole = workbook(tmp_path / "whole.xlsx", {"Sheet1": WIDE_ROWS}).read_bytes()
    path = tmp_path / "t.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "not a readable Excel workbook" in error_of(path)


# --- The config: the layout declared, and its errors at the config's line ----------------------


def config_with(project: Path, table: str) -> Path:
    """The sample project with its table entry replaced by `table` (YAML lines, indented as a list item)."""
    path = project / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - table: data/indicators/western-region.csv\n"
    assert old in text
    path.write_text(text.replace(old, table), encoding="utf-8")
    return path


def line_of(config: Path, key: str) -> int:
    return next(n for n, line in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if line.strip().startswith(key))


def test_the_config_declares_a_layout(project: Path):
    (project / "data/indicators/wide.csv").write_text(WIDE_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(config_with(project, "  - table: data/indicators/wide.csv\n    form: wide\n"
                                              "    columns: {indicator: 指标, unit: 单位, region: 地区, source: 来源}\n"
                                              '    periods: "20\\\\d\\\\d"\n'))
    [spec] = config.tables
    assert spec.layout == TableLayout("wide", {"indicator": "指标", "unit": "单位", "region": "地区", "source": "来源"},
                                      r"20\d\d")
    assert facts(read_table(spec.path, spec.sheet, spec.layout)) == facts(read_table(TIDY_CSV))


def test_config_errors_are_collected_with_their_lines(project: Path):
    workbook(project / "data/indicators/wide.xlsx", {"西部": WIDE_ROWS})
    config = config_with(project, "  - table: data/indicators/wide.xlsx\n    form: long\n    sheets: 西部\n"
                                  "    columns: {indicator: 指标, period: 时期, unit: 2023}\n    periods: 2019\n"
                                  "  - table: data/indicators/western-region.csv\n    sheet: 西部\n"
                                  "  - table: data/indicators/wide.xlsx\n    form: wide\n    sheet: 西部\n"
                                  "    columns: {indicator: 名称}\n")
    with pytest.raises(InputError) as caught:
        load_config(config)
    lines = caught.value.line().splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "indicators.0.sheets: unknown key (use one of: table, sql, database, sheet, form, columns, periods)",
        'indicators.0.periods: expected a text, got 2019 (wide form: a pattern matching every period column\'s header '
        "(default: headers that are a year or a range))",
        "indicators.1.sheet: a CSV file has no sheets (remove sheet:, or give the .xlsx file)",
        'indicators.2.columns.indicator: no column "名称" in wide.xlsx (the header (row 1) has 指标, 单位, 地区, '
        "2019, 2020, 2021, 2022, 2023, 来源)",
    ]
    assert [int(line.split(":")[1]) for line in lines] == [
        line_of(config, "sheets:"), line_of(config, "periods:"), line_of(config, "sheet: 西部"),
        line_of(config, "columns: {indicator: 名称}")]


@pytest.mark.parametrize("entry, message", [
    ("form: long", 'indicators.0.form: expected tidy or wide, got "long"'),
    ("form: wide\n    columns: {value: 数值}", "indicators.0.columns.value: unknown key (a wide table's period columns"),
    ("columns: {name: 指标}", "indicators.0.columns.name: unknown key (use one of: indicator, period, value, unit"),
    ("columns: {indicator: 2023}", 'indicators.0.columns.indicator: expected the column\'s header name, got 2023'),
    ("columns: {indicator: 指标, region: 指标}", 'indicators.0.columns: "指标" is given for two fields'),
    ("periods: '20\\d\\d'", "indicators.0.periods: only a wide table has period columns"),
    ("form: wide\n    periods: '20[0-9'", "indicators.0.periods: not a valid pattern"),
    ("columns: 指标", 'indicators.0.columns: expected a mapping, got "指标"'),
    ("sheet: 2023", 'indicators.0.sheet: expected a text, got 2023 (the sheet of an .xlsx file, by name'),
])
def test_layout_errors_in_the_config(project: Path, entry: str, message: str):
    config = config_with(project, f"  - table: data/indicators/western-region.csv\n    {entry}\n")
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert re.search(r"briefing\.yaml:\d+: ", caught.value.line()) and message in caught.value.line(), caught.value.line()


def test_an_old_excel_file_is_refused_with_a_fix(project: Path):
    (project / "data/indicators/old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as caught:
        load_config(config_with(project, "  - table: data/indicators/old.xls\n"))
    assert "indicators.0.table: cannot read .xls tables (save it as .xlsx or .csv)" in caught.value.line()


def test_the_readme_documents_every_table_key():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Indicator tables", 1)[1].split("\n## ", 1)[0]
    assert all(f"{key}:" in section for key in TABLE_KEYS), [k for k in TABLE_KEYS if f"{k}:" not in section]
    assert "form: wide" in section and "tidy" in section


# --- Through the real command -------------------------------------------------------------------


def _build(config: Path, out: Path):
    return run_cli("build", str(config), "--date", "2024-04-23", "--out", str(out))


def _wide_xlsx(project: Path) -> str:
    workbook(project / "data/indicators/wide.xlsx", {"说明": [["见西部表"]], "西部": WIDE_ROWS})
    return "  - table: data/indicators/wide.xlsx\n    sheet: 西部\n    form: wide\n"


def _without_tables(digest: str) -> str:
    """The digest with each table figure's origin (file, sheet, row) left out, since they differ by layout."""
    return re.sub(r"[\w\-]+(?:\.(?:csv|xlsx))?(?:\[[^\]]*\])?(?:, row \d+| #\d+|，第\d+行)", "TABLE", digest)


@pytest.mark.parametrize("layout", ["csv", "xlsx"])
def test_a_wide_table_builds_the_same_briefing(project: Path, sample_build: Path, layout: str):
    if layout == "csv":
        (project / "data/indicators/wide.csv").write_text(WIDE_CSV.read_text(encoding="utf-8"), encoding="utf-8")
        table = "  - table: data/indicators/wide.csv\n    form: wide\n"
    else:
        table = _wide_xlsx(project)
    result = _build(config_with(project, table), project / "out")
    assert result.returncode == 0, result.stderr
    edition = project / "out" / "western-development" / "2024-04-23"
    for audience in ("executive", "analyst"):
        assert (edition / audience / "briefing.docx").stat().st_size > 10_000
        built = (edition / audience / "digest.md").read_text(encoding="utf-8")
        assert _without_tables(built) == _without_tables((sample_build / audience / "digest.md").read_text(encoding="utf-8"))
    assert "wide" in (edition / "analyst" / "digest.md").read_text(encoding="utf-8")


def test_a_mapped_wide_workbook_builds(project: Path):
    rows = [["项目", "计量单位", "区域", "2019年", "2023年", "出处"]] + [[r[0], r[1], r[2], r[3], r[7], r[8]] for r in WIDE_ROWS[1:]]
    workbook(project / "data/indicators/mapped.xlsx", {"Sheet1": rows})
    config = config_with(project, "  - table: data/indicators/mapped.xlsx\n    form: wide\n"
                                  "    columns: {indicator: 项目, unit: 计量单位, region: 区域, source: 出处}\n"
                                  '    periods: "20\\\\d\\\\d年"\n')
    result = _build(config, project / "out")
    assert result.returncode == 0, result.stderr
    digest = (project / "out/western-development/2024-04-23/analyst/digest.md").read_text(encoding="utf-8")
    # the text states the same figure: one row citing the workbook first, then the paragraph
    assert "| 西部地区工业增加值 | 2019年 | 5.8万亿元 | mapped，第3行；新华社第22段 |" in digest


def test_validate_reads_a_wide_table(project: Path):
    result = run_cli("validate", str(config_with(project, _wide_xlsx(project))))
    assert result.returncode == 0 and "1 tables" in result.stdout, result.stderr


def _text_in_a_cell(project: Path) -> str:
    rows = [list(r) for r in WIDE_ROWS]
    rows[2][7] = "八点一"
    workbook(project / "data/indicators/wide.xlsx", {"西部": rows})
    return "  - table: data/indicators/wide.xlsx\n    sheet: 西部\n    form: wide\n"


def _duplicate(project: Path) -> str:
    workbook(project / "data/indicators/wide.xlsx", {"Sheet1": WIDE_ROWS + [WIDE_ROWS[2]]})
    return "  - table: data/indicators/wide.xlsx\n    form: wide\n"


def _corrupt(project: Path) -> str:
    (project / "data/indicators/wide.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    return "  - table: data/indicators/wide.xlsx\n    form: wide\n"


def _empty_sheet(project: Path) -> str:
    workbook(project / "data/indicators/wide.xlsx", {"西部": WIDE_ROWS, "东部": []})
    return "  - table: data/indicators/wide.xlsx\n    sheet: 东部\n    form: wide\n"


def _unknown_sheet(project: Path) -> str:
    workbook(project / "data/indicators/wide.xlsx", {"西部": WIDE_ROWS})
    return "  - table: data/indicators/wide.xlsx\n    sheet: 东部\n    form: wide\n"


def _missing_mapped_column(project: Path) -> str:
    workbook(project / "data/indicators/wide.xlsx", {"西部": WIDE_ROWS})
    return "  - table: data/indicators/wide.xlsx\n    form: wide\n    columns:\n      indicator: 指标\n      unit: 计量单位\n"


CLI_ERRORS = {
    "text in a number cell": (_text_in_a_cell, "wide.xlsx:3: cell 西部!H3, column 2023: \"八点一\" is not a number"),
    "duplicate": (_duplicate, "wide.xlsx:7: duplicate row: 西部地区工业增加值 2019 is also on row 3"),
    "corrupt workbook": (_corrupt, "wide.xlsx: not a readable Excel workbook"),
    "empty sheet": (_empty_sheet, 'wide.xlsx:1: the sheet "东部" is empty'),
    "unknown sheet": (_unknown_sheet, 'briefing.yaml:{sheet:}: indicators.0.sheet: no sheet "东部" in wide.xlsx (use one of: 西部)'),
    "missing mapped column": (_missing_mapped_column,
                              'briefing.yaml:{unit:}: indicators.0.columns.unit: no column "计量单位" in wide.xlsx'),
}


@pytest.mark.parametrize("case", sorted(CLI_ERRORS))
@pytest.mark.parametrize("command", ["build", "validate"])
def test_table_errors_through_the_command(project: Path, case: str, command: str):
    change, message = CLI_ERRORS[case]
    config = config_with(project, change(project))
    message = re.sub(r"{(\w+:)}", lambda m: str(line_of(config, m.group(1))), message)  # the key's line in the config
    result = run_cli(command, str(config), *(["--date", "2024-04-23"] if command == "build" else []))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("briefing: ") and message in result.stderr, result.stderr
    assert not (project / "out").exists()
