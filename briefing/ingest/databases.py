"""Indicator tables kept in a database: the result of an SQL query, read through pandas.

A SQLite file (the embedded default, Python's own sqlite3) is opened read-only; a server
(PostgreSQL, MySQL) is reached through SQLAlchemy when the user has installed its driver
(`pip install 'briefing[postgres]'`). Every query runs in a read-only transaction, within
limits.query_seconds, and at most limits.table_rows rows are fetched. A password is never
written in the config: `${NAME}` in a URL is taken from the environment (and a driver's own
variables, such as PGPASSWORD, work as they always do); a URL is shown with its password hidden.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from briefing.errors import InputError, LimitExceeded
from briefing.model import InputLimits, Query, TableSpec
from briefing.model.config import hidden_password
from briefing.patterns import lazy

_VARIABLE = lazy(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# How each server is told, once connected, that this session only reads and how long a statement may run.
_READ_ONLY = {
    "postgresql": ("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "SET statement_timeout = {ms}"),
    "mysql": ("SET SESSION TRANSACTION READ ONLY", "SET SESSION max_execution_time = {ms}"),
}
DRIVERS = {"postgresql": "postgres", "mysql": "mysql"}  # dialect -> the extra that installs its driver


def shown(spec: TableSpec) -> str:
    """The database as messages show it: the SQLite file, or the server's URL with its password hidden."""
    assert spec.query is not None
    return hidden_password(spec.query.url) if spec.query.url else str(spec.path)


def source_id(spec: TableSpec) -> str:
    """What a figure's origin names: the SQLite file's name, or the server's database name."""
    assert spec.query is not None
    if not spec.query.url:
        return spec.path.name
    return spec.query.url.rsplit("/", 1)[-1].split("?", 1)[0] or "database"


def run_query(spec: TableSpec, limits: InputLimits = InputLimits()):
    """The query's result as a DataFrame of Python values (None where SQL has NULL): InputError when the
    database cannot be opened, the query fails, takes too long or returns more than limits.table_rows rows."""
    import pandas as pd

    query = spec.query
    assert query is not None
    where = shown(spec)
    connection, close = _sqlite(spec.path, limits, where) if not query.url else _server(query, limits, where)
    try:
        chunks = pd.read_sql_query(query.sql, connection, chunksize=limits.table_rows + 1, coerce_float=False)
        frame = next(chunks, None)
        if frame is not None and len(frame) > limits.table_rows:
            raise LimitExceeded(where, f"the query returns more than {limits.table_rows:,} rows, over the limit of "
                                       f"{limits.table_rows:,}", "table_rows")
    except InputError:
        raise
    except Exception as exc:  # each driver raises its own errors, all of them a query the database refused
        if _timed_out(exc):
            raise InputError(where, f"the query ran longer than {limits.query_seconds:g} s",
                             "make it cheaper (an index, a view), or raise limits.query_seconds in briefing.yaml") from None
        raise InputError(where, f"the query failed: {_first_line(exc)}", "check the sql: of this table in briefing.yaml") from None
    finally:
        close()
    if frame is None:
        frame = pd.DataFrame()
    return frame.astype(object).where(frame.notna(), None)


def _sqlite(path: Path, limits: InputLimits, where: str):
    """A read-only connection to a SQLite file, which interrupts a statement running past query_seconds."""
    import sqlite3

    if not path.is_file():
        raise InputError(where, "database not found", "check database: in briefing.yaml; a SQLite file's path is "
                                                      "relative to briefing.yaml")
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=limits.query_seconds)
        connection.execute("PRAGMA query_only = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a file that is no database fails here
    except sqlite3.Error as exc:
        raise InputError(where, f"not a readable SQLite database ({_first_line(exc)})",
                         "give a SQLite file, or a server's URL (postgresql://…)") from None
    deadline = time.monotonic() + limits.query_seconds
    connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    return connection, connection.close


def _server(query: Query, limits: InputLimits, where: str):
    """A connection to a database server through SQLAlchemy, read-only and with a statement timeout."""
    url = _expanded(query.url, where)
    dialect = url.split(":", 1)[0].split("+", 1)[0]
    try:
        import sqlalchemy
    except ImportError:
        extra = DRIVERS.get(dialect, "postgres")
        raise InputError(where, "reading a database server needs SQLAlchemy and the server's driver",
                         f"pip install 'briefing[{extra}]'") from None
    try:
        engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.NullPool)
        connection = engine.connect()
    except ImportError as exc:
        raise InputError(where, f"the driver for {dialect} is not installed ({exc.name})",
                         f"pip install 'briefing[{DRIVERS.get(dialect, 'postgres')}]'") from None
    except Exception as exc:  # a wrong URL, a refused connection, a wrong password
        raise InputError(where, f"cannot connect: {_first_line(exc)}", "check database: in briefing.yaml, and that the "
                                                                        "server is running") from None
    ms = int(limits.query_seconds * 1000)
    try:
        for statement in _READ_ONLY.get(dialect, ()):
            connection.exec_driver_sql(statement.format(ms=ms))
        connection.commit()  # the session's settings hold from the next transaction on: the query's
    except Exception as exc:  # a server that refuses them: the query never runs on a session that could write
        connection.close()
        engine.dispose()
        raise InputError(where, f"the server would not make the session read-only ({_first_line(exc)})",
                         "give a database user that may set its session read-only, or a SQLite file") from None

    def close() -> None:
        connection.close()
        engine.dispose()

    return connection, close


def _expanded(url: str, where: str) -> str:
    """${NAME} in a URL replaced by the environment's value (a password stays out of briefing.yaml)."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise InputError(where, f"the environment has no {name}, which database: names",
                             f"set {name} in the environment the build runs in (cron's too)")
        from urllib.parse import quote

        return quote(os.environ[name], safe="")

    return _VARIABLE.sub(value, url)


def _cause(exc: BaseException) -> BaseException:
    """The driver's own error: pandas and SQLAlchemy wrap it (with the whole query in their words)."""
    while exc.__cause__ is not None or getattr(exc, "orig", None) is not None:
        exc = getattr(exc, "orig", None) or exc.__cause__
    return exc


def _timed_out(exc: BaseException) -> bool:
    """SQLite interrupted by the progress handler, or a server's statement timeout."""
    text = str(_cause(exc)).lower()
    return text == "interrupted" or "statement timeout" in text or "max_execution_time" in text


def _first_line(exc: BaseException) -> str:
    exc = _cause(exc)
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
