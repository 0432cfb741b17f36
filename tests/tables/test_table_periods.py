"""Periods of every grain in a table (months, cumulative months, quarters, halves; in digits, in Chinese, in
English) are read as the text reader reads them, so a table's figure and the text's meet in one row."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.analyse import analyse
from briefing.enrich import enrich
from briefing.enrich.figures import merged
from briefing.ingest import read_document
from briefing.ingest.tables import period_of, read_table

MAY = "2025-05-01/2025-05-31"
JAN_MAY = "2025-01-01/2025-05-31"
Q1 = "2025-01-01/2025-03-31"
H1 = "2025-01-01/2025-06-30"


@pytest.mark.parametrize("written, period", [
    ("2025-05", MAY), ("2025.05", MAY), ("2025年5月", MAY), ("2025年5月份", MAY), ("May 2025", MAY),
    ("2025年1—5月", JAN_MAY), ("2025年1-5月", JAN_MAY), ("2025年1至5月", JAN_MAY), ("2025-01/2025-05", JAN_MAY),
    ("January–May 2025", JAN_MAY), ("Jan-May 2025", JAN_MAY),
    ("2025Q1", Q1), ("2025-Q1", Q1), ("2025年一季度", Q1), ("2025年第一季度", Q1), ("Q1 2025", Q1),
    ("first quarter of 2025", Q1), ("2025年第二季度", "2025-04-01/2025-06-30"),
    ("2025年前三季度", "2025-01-01/2025-09-30"), ("2025年上半年", H1), ("2025H1", H1), ("H1 2025", H1),
    ("first half of 2025", H1), ("2025年下半年", "2025-07-01/2025-12-31"),
    ("2023", "2023"), ("2023年", "2023"), ("2019—2023年", "2019-2023"), ("2024-04-23", "2024-04-23"),
    ("2025-13", None), ("2025年13月", None), ("2025年5—1月", None), ("2025Q5", None), ("去年", None),
])
def test_every_grain_of_period(written: str, period: str | None):
    assert period_of(written) == period


RELEASE = """国家统计局发布1—5月份国民经济运行数据

国家统计局 2025年6月16日

1—5月份，全国固定资产投资191947亿元，同比增长3.7%。

一季度，全国国内生产总值318758亿元。

上半年，全国居民人均可支配收入21840元。
"""
TABLE = """indicator,period,value,unit,region
固定资产投资,2025年1—5月,191947,亿元,全国
国内生产总值,2025Q1,318758,亿元,全国
居民人均可支配收入,2025年上半年,21840,元,全国
"""


def test_a_tables_periods_meet_the_texts(tmp_path: Path):
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    document = read_document(tmp_path / "release.txt")
    analysis = enrich(analyse((document,), read_table(tmp_path / "table.csv")))
    rows = {(row[0].name, row[0].period): sorted(i.table_row is not None for i in row)
            for row in merged(analysis.indicators) if row[0].unit in ("亿元", "元")}
    assert rows == {("固定资产投资", JAN_MAY): [False, True], ("国内生产总值", Q1): [False, True],
                    ("居民人均可支配收入", H1): [False, True]}
