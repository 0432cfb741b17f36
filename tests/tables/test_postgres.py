"""Indicator tables from a PostgreSQL server, started here from a temporary data folder on a port of 127.0.0.1
(skipped where pg_ctl is not on the machine): the same figures as the sample's CSV, read-only, the password taken
from the environment and never written to the manifest."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.ingest.tables import read_spec, read_table
from briefing.model import Query, TableSpec
from conftest import ROOT

pytest.importorskip("sqlalchemy")
pytest.importorskip("psycopg")
PG_CTL = shutil.which("pg_ctl")
pytestmark = pytest.mark.skipif(PG_CTL is None, reason="no PostgreSQL server on this machine (pg_ctl)")
CSV = ROOT / "data" / "indicators" / "western-region.csv"
PASSWORD = "s3cret-不写入"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user() -> list[str]:
    """initdb refuses root: as root, the server runs as the postgres (or nobody) user."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
        except KeyError:
            continue
    pytest.skip("running as root with no user to run PostgreSQL as")


@pytest.fixture(scope="module")
def server() -> str:
    """A server of our own with the sample's figures in a table and a view; its URL without the password. Its
    folder is made in the system's temporary folder, which the server's user can reach (pytest's is root's own)."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    data, port = folder / "data", _free_port()
    prefix = _as_server_user()
    if prefix:
        shutil.chown(folder, user=prefix[2])
        os.chmod(folder, 0o700)
    (folder / "pw").write_text(PASSWORD, encoding="utf-8")
    if prefix:
        shutil.chown(folder / "pw", user=prefix[2])
    bin_dir = Path(os.path.realpath(PG_CTL)).parent
    subprocess.run(prefix + [str(bin_dir / "initdb"), "-D", str(data), "-U", "office", "--auth=scram-sha-256",
                             f"--pwfile={folder / 'pw'}", "-E", "UTF8"], check=True, capture_output=True, timeout=120)
    subprocess.run(prefix + [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                             f"-h 127.0.0.1 -p {port} -k {folder}", "start"], check=True, capture_output=True,
                   timeout=120)
    url = f"postgresql+psycopg://office@127.0.0.1:{port}/postgres"
    import sqlalchemy

    engine = sqlalchemy.create_engine(url.replace("office@", f"office:{PASSWORD}@"))
    rows = [line.split(",") for line in CSV.read_text(encoding="utf-8").splitlines()[1:]]
    with engine.begin() as db:
        db.exec_driver_sql("CREATE TABLE figures (indicator text, period int, value numeric, unit text, "
                           "region text, note text)")
        for row in rows:
            db.exec_driver_sql("INSERT INTO figures VALUES (%s, %s, %s, %s, %s, %s)",
                               (row[0], int(row[1]), row[2], row[3], row[4], row[5]))
        db.exec_driver_sql("CREATE VIEW tidy AS SELECT indicator, period, value, unit, region, note AS source "
                           "FROM figures")
    engine.dispose()
    yield url
    subprocess.run(prefix + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(folder, ignore_errors=True)


def facts(indicators) -> list[tuple]:
    return [(i.name, i.period, i.value, i.unit, i.number, i.region, i.quote) for i in indicators]


def test_a_server_view_gives_the_csv_figures(server: str, monkeypatch):
    monkeypatch.setenv("OFFICE_DB_PASSWORD", PASSWORD)
    url = server.replace("office@", "office:${OFFICE_DB_PASSWORD}@")
    found = read_spec(TableSpec(Path(), query=Query("SELECT * FROM tidy ORDER BY indicator, period", url)))
    assert sorted(facts(found.indicators)) == sorted(facts(read_table(CSV)))
    assert found.indicators[0].origin == "postgres, row 1"


def test_the_server_is_only_read(server: str, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # the driver's own variable works as well
    with pytest.raises(InputError) as caught:
        read_spec(TableSpec(Path(), query=Query("DELETE FROM figures RETURNING *", server)))
    assert "read-only transaction" in caught.value.line()


def test_a_missing_variable_and_a_wrong_password(server: str, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(InputError) as caught:
        read_spec(TableSpec(Path(), query=Query("SELECT 1", server.replace("office@", "office:${NOT_SET_ANYWHERE}@"))))
    assert "the environment has no NOT_SET_ANYWHERE" in caught.value.line()
    with pytest.raises(InputError) as caught:
        read_spec(TableSpec(Path(), query=Query("SELECT 1", server.replace("office@", "office:wrong@"))))
    assert "cannot connect" in caught.value.line() and "wrong" not in caught.value.line()


def test_a_build_never_writes_the_password(server: str, tmp_path: Path):
    (tmp_path / "sources").mkdir()
    shutil.copy(next((ROOT / "data" / "sources").glob("*.txt")), tmp_path / "sources" / "a.txt")
    url = server.replace("office@", "office:${OFFICE_DB_PASSWORD}@")
    config = tmp_path / "briefing.yaml"
    config.write_text(f"title: 数据库简报\nsources: [sources/*.txt]\nindicators:\n  - database: \"{url}\"\n"
                      "    sql: SELECT * FROM tidy\naudiences:\n  analyst: {template: analyst}\n", encoding="utf-8")
    env = {**os.environ, "OFFICE_DB_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([os.sys.executable, "-m", "briefing", "build", str(config), "--verbose"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    written = "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*")
                      if p.is_file() and p.suffix in (".json", ".md", ".log", ".yaml"))
    assert PASSWORD not in written and PASSWORD not in result.stdout + result.stderr
    manifest = json.loads(next(tmp_path.rglob("manifest.json")).read_text(encoding="utf-8"))
    assert any(f["kind"] == "query" and "office:***@" in f["path"] for f in manifest["inputs"]["files"])
