"""Indicator tables from a database: a real SQLite file built here (tables, a view, a join), read through the
config's sql: and database:, giving the same figures as the sample's CSV; read-only, bounded, and named in
errors by the database and the row of the query's result."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.ingest.tables import read_spec, read_table
from briefing.model import InputLimits, Query, TableSpec
from conftest import ROOT, run_cli

CSV = ROOT / "data" / "indicators" / "western-region.csv"
JOIN = """SELECT i.name AS indicator, f.period, f.value, i.unit, r.name AS region, f.note AS source
          FROM figures f JOIN indicators i ON i.id = f.indicator JOIN regions r ON r.id = f.region
          ORDER BY f.rowid"""


def facts(indicators) -> list[tuple]:
    return [(i.name, i.period, i.value, i.unit, i.number, i.region, i.quote) for i in indicators]


def statistics_db(path: Path, csv: Path = CSV) -> Path:
    """The sample's table kept as an office keeps it: indicators, regions and figures in their own tables, and a
    view that joins them."""
    rows = [line.split(",") for line in csv.read_text(encoding="utf-8").splitlines()[1:]]
    with sqlite3.connect(path) as db:
        db.executescript("""
            CREATE TABLE indicators (id INTEGER PRIMARY KEY, name TEXT UNIQUE, unit TEXT);
            CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
            CREATE TABLE figures (indicator INTEGER, region INTEGER, period INTEGER, value REAL, note TEXT);
        """)
        for name, period, value, unit, region, note in rows:
            db.execute("INSERT OR IGNORE INTO indicators (name, unit) VALUES (?, ?)", (name, unit))
            db.execute("INSERT OR IGNORE INTO regions (name) VALUES (?)", (region,))
            db.execute("INSERT INTO figures SELECT i.id, r.id, ?, ?, ? FROM indicators i, regions r "
                       "WHERE i.name = ? AND r.name = ?", (int(period), float(value), note, name, region))
        db.execute(f"CREATE VIEW tidy AS {JOIN}")
    return path


def query(path: Path, sql: str) -> TableSpec:
    return TableSpec(path, query=Query(sql))


def test_a_join_and_a_view_give_the_csv_figures(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    expected = facts(read_table(CSV))
    assert facts(read_spec(query(db, JOIN)).indicators) == expected
    view = read_spec(query(db, "SELECT * FROM tidy")).indicators
    assert facts(view) == expected
    assert view[0].origin == "stats.sqlite, row 1"


def test_a_wide_query(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    sql = ("SELECT indicator AS 指标, unit AS 单位, region AS 地区, "
           "max(CASE period WHEN 2019 THEN value END) AS \"2019\", max(CASE period WHEN 2023 THEN value END) AS \"2023\" "
           "FROM tidy GROUP BY indicator, unit, region ORDER BY indicator")
    from briefing.model import TableLayout

    wide = read_spec(TableSpec(db, layout=TableLayout("wide"), query=Query(sql))).indicators
    assert sorted((i.name, i.period, i.value) for i in wide) == sorted(
        (i.name, i.period, i.value) for i in read_table(CSV))


def test_an_unchanged_result_has_an_unchanged_digest(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    first = read_spec(query(db, "SELECT * FROM tidy")).sha256
    assert read_spec(query(db, "SELECT * FROM tidy")).sha256 == first
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE figures SET value = 27.0 WHERE value = 26.9")
    assert read_spec(query(db, "SELECT * FROM tidy")).sha256 != first


def error(spec: TableSpec, limits: InputLimits = InputLimits()) -> str:
    with pytest.raises(InputError) as caught:
        read_spec(spec, limits)
    line = caught.value.line()
    assert "\n" not in line
    return line


def test_errors_name_the_database_and_the_row_of_the_result(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE figures SET value = NULL WHERE period = 2023 AND indicator = 2")
    line = error(query(db, "SELECT * FROM tidy"))
    assert line.startswith(f"{db}:row 4 of the query's result: column value: is empty")
    assert "no such column: valeur" in error(query(db, "SELECT valeur FROM tidy"))
    assert "missing column unit" in error(query(db, "SELECT indicator, period, value FROM tidy"))


def test_the_database_is_only_read(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    before = db.read_bytes()
    assert "the query failed" in error(query(db, "DELETE FROM figures RETURNING *"))
    assert "the query failed" in error(query(db, "SELECT * FROM tidy; DROP TABLE figures"))
    assert db.read_bytes() == before


def test_a_query_is_bounded_in_rows_and_time(tmp_path: Path):
    db = statistics_db(tmp_path / "stats.sqlite")
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    assert "ran longer than 0.5 s" in error(query(db, endless), InputLimits(query_seconds=0.5))
    assert "more than 3 rows" in error(query(db, "SELECT * FROM tidy"), InputLimits(table_rows=3))


def test_not_a_database(tmp_path: Path):
    (tmp_path / "stats.sqlite").write_text("indicator,period\n", encoding="utf-8")
    assert "not a readable SQLite database" in error(query(tmp_path / "stats.sqlite", "SELECT 1"))


def project(tmp_path: Path, table: str) -> Path:
    statistics_db(tmp_path / "stats.sqlite")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text((ROOT / "data" / "sources").glob("*.txt").__next__()
                                                .read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "briefing.yaml"
    config.write_text("title: 数据库简报\nsources: [sources/*.txt]\nindicators:\n" + table +
                      "\naudiences:\n  analyst: {template: analyst}\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("table, message", [
    ("  - {sql: SELECT * FROM tidy}", "indicators.0.database: missing"),
    ("  - {database: stats.sqlite}", "indicators.0.sql: missing"),
    ("  - {database: nowhere.sqlite, sql: SELECT 1}", '"nowhere.sqlite" not found'),
    ("  - {table: x.csv, database: stats.sqlite, sql: SELECT 1}", "a table is a file or a query, not both"),
    ("  - {database: stats.sqlite, sql: SELECT 1, sheet: x}", "a query has no sheets"),
    ("  - {database: stats.sqlite, sql: SELECT valeur FROM tidy}", "no such column: valeur"),
])
def test_config_errors(tmp_path: Path, table: str, message: str):
    result = run_cli("validate", str(project(tmp_path, table)), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_build_from_a_query_rebuilds_when_the_result_changes(tmp_path: Path):
    config = project(tmp_path, "  - database: stats.sqlite\n    sql: SELECT * FROM tidy")
    assert run_cli("build", str(config), "--date", "2024-04-23", cwd=tmp_path).returncode == 0
    edition = tmp_path / "out" / config.stem
    digest = next(edition.rglob("manifest.json"))
    recorded = json.loads(digest.read_text(encoding="utf-8"))
    queries = [f for f in recorded["inputs"]["files"] if f["kind"] == "query"]
    assert [q["path"] for q in queries] == [f"{tmp_path / 'stats.sqlite'}: SELECT * FROM tidy"]
    again = run_cli("build", str(config), "--date", "2024-04-23", "--verbose", cwd=tmp_path)
    assert "up to date" in again.stdout + again.stderr
    before = next(edition.rglob("analysis.json")).read_text(encoding="utf-8")
    with sqlite3.connect(tmp_path / "stats.sqlite") as connection:
        connection.execute("UPDATE figures SET value = 27.0 WHERE value = 26.9")
    changed = run_cli("build", str(config), "--date", "2024-04-23", "--verbose", cwd=tmp_path)
    assert changed.returncode == 0 and "up to date" not in changed.stdout + changed.stderr
    after = next(edition.rglob("analysis.json")).read_text(encoding="utf-8")
    assert "27000000000000.0" in after and "27000000000000.0" not in before


def test_a_parquet_file_gives_the_csv_figures(tmp_path: Path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    frame = pd.read_csv(CSV, dtype={"period": int})
    frame.to_parquet(tmp_path / "figures.parquet")
    found = read_table(tmp_path / "figures.parquet")
    assert facts(found) == facts(read_table(CSV))
    assert found[0].origin == "figures.parquet, row 1"
    frame.loc[2, "value"] = None
    frame.to_parquet(tmp_path / "holes.parquet")
    with pytest.raises(InputError) as caught:
        read_table(tmp_path / "holes.parquet")
    assert caught.value.line().startswith(f"{tmp_path / 'holes.parquet'}:row 3 of the Parquet file: column value: is empty")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        read_table(tmp_path / "broken.parquet")
    with pytest.raises(InputError, match="more than 3 rows"):
        read_table(tmp_path / "figures.parquet", limits=InputLimits(table_rows=3))


def test_the_sql_starter_project_builds(tmp_path: Path):
    made = run_cli("init", str(tmp_path / "p"), "--example", "sql", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "p"
    assert (project / "data" / "indicators" / "northeast.sqlite").is_file()
    assert not (project / "data" / "indicators" / "northeast.csv").exists()
    assert "sql: |" in (project / "briefing.yaml").read_text(encoding="utf-8")
    built = run_cli("build", "--date", "2025-03-14", cwd=project)
    assert built.returncode == 0, built.stderr
    digest = next(project.glob("out/*/2025-03-14/analyst/digest.md")).read_text(encoding="utf-8")
    assert "northeast.sqlite，第1行" in digest  # the database's figure, by its name and the row of the result
    narrative = [line for line in digest.splitlines() if "地区生产总值由2019年" in line]
    assert len(narrative) == 1, narrative  # the text's figure and the database's are one series
