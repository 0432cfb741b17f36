"""pandas is the table layer (issue 14, "Done when"): every table is read through it (openpyxl only as its Excel
engine), and the same figures come out of a CSV file, a workbook, a Parquet file and a SQLite query, periods of
every grain included."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

import briefing
from briefing.ingest.tables import read_spec, read_table
from briefing.model import Query, TableSpec

HAND_READERS = {"csv", "openpyxl", "xlrd", "pyexcel"}  # modules that read a table without pandas
ROWS = [("社会消费品零售总额", "2025年1—5月", "20.4", "万亿元", "全国"),
        ("社会消费品零售总额", "2025年5月", "4.1", "万亿元", "全国"),
        ("国内生产总值", "2025年一季度", "31.9", "万亿元", "全国"),
        ("居民人均可支配收入", "2025年上半年", "21840", "元", "全国"),
        ("常住人口城镇化率", "2023", "59.94", "%", "西部地区"),
        ("地区生产总值", "2019", "20.5", "万亿元", "西部地区")]
HEADER = ("indicator", "period", "value", "unit", "region")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_nothing_reads_a_table_without_pandas():
    package = Path(briefing.__file__).parent  # the package under test
    hand = {str(p.relative_to(package)): sorted(_imports(p) & HAND_READERS) for p in package.rglob("*.py")}
    assert {module: names for module, names in hand.items() if names} == {}


def facts(indicators) -> list[tuple]:
    return [(i.name, i.period, i.value, i.unit, i.number, i.region, i.table_row) for i in indicators]


def test_the_same_figures_from_csv_xlsx_parquet_and_sql(tmp_path: Path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(ROWS, columns=HEADER)
    frame.to_csv(tmp_path / "figures.csv", index=False)
    numbers = frame.assign(value=frame["value"].astype(float))  # a workbook and Parquet hold numbers as numbers
    numbers.to_excel(tmp_path / "figures.xlsx", index=False, engine="openpyxl")
    with sqlite3.connect(tmp_path / "figures.sqlite") as db:
        numbers.to_sql("figures", db, index=False)
    db.close()
    expected = facts(read_table(tmp_path / "figures.csv"))
    assert [row[:2] for row in expected][:4] == [
        ("社会消费品零售总额", "2025-01-01/2025-05-31"), ("社会消费品零售总额", "2025-05-01/2025-05-31"),
        ("国内生产总值", "2025-01-01/2025-03-31"), ("居民人均可支配收入", "2025-01-01/2025-06-30")]
    assert facts(read_table(tmp_path / "figures.xlsx")) == expected
    query = TableSpec(tmp_path / "figures.sqlite", query=Query("SELECT * FROM figures"))
    assert facts(read_spec(query).indicators) == [row[:6] + (n,) for n, row in enumerate(expected, 1)]
    pytest.importorskip("pyarrow")  # briefing[parquet]; the checks above have run
    numbers.to_parquet(tmp_path / "figures.parquet")
    assert facts(read_table(tmp_path / "figures.parquet")) == [row[:6] + (n,) for n, row in enumerate(expected, 1)]
