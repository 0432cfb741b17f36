"""Indicator tables: tidy CSV or Excel (indicator, period, value, unit, region, source), validated.

Errors name the file, the row (as a spreadsheet shows it: the header is row 1) and
the column, so the person who keeps the table can fix it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from briefing.errors import InputError
from briefing.model import Indicator
from briefing.numbers import scale_of

REQUIRED = ("indicator", "period", "value", "unit")
OPTIONAL = ("region", "source")
_PERIOD = re.compile(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?(?:-\d\d-\d\d)?(?:/\d{4}-\d\d-\d\d)?")


def read_table(path: Path, sheet: str | None = None) -> tuple[Indicator, ...]:
    """Every row of a tidy indicator table as an Indicator pointing back to its row."""
    frame = _read_frame(path, sheet)
    columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(str(path), f"missing column {', '.join(missing)}", f"the header must be {','.join(REQUIRED + OPTIONAL)}", 1)
    frame.columns = columns
    found: list[Indicator] = []
    seen: dict[tuple, int] = {}
    for offset, row in enumerate(frame.to_dict("records")):
        line = offset + 2
        indicator = _row(path, line, row)
        key = (indicator.name, indicator.period, indicator.region)
        if key in seen:
            raise InputError(str(path), f"duplicate row: {indicator.name} {indicator.period} is also on row {seen[key]}",
                             "keep one row per indicator, period and region", line)
        seen[key] = line
        found.append(indicator)
    return tuple(found)


def _read_frame(path: Path, sheet: str | None):
    import pandas as pd

    try:
        if path.suffix.lower() == ".xlsx":
            return pd.read_excel(path, sheet_name=sheet or 0, dtype=str)
        return pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "table not found", "check the path in the config") from None
    except pd.errors.EmptyDataError:
        raise InputError(str(path), "the table is empty", f"give a header row ({','.join(REQUIRED + OPTIONAL)}) and data rows", 1) from None
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise InputError(str(path), "the CSV is malformed (a row has more fields than the header)",
                         "quote values that contain commas", line.group(1) if line else None) from None
    except UnicodeDecodeError:
        raise InputError(str(path), "the table is not UTF-8 text", "save it as UTF-8 CSV") from None
    except ValueError as exc:
        raise InputError(str(path), f"cannot read the sheet: {exc}", "check the sheet name") from None
    except ImportError:
        raise InputError(str(path), "reading Excel needs openpyxl", "pip install openpyxl, or save the table as CSV") from None


def _row(path: Path, line: int, row: dict) -> Indicator:
    def text(column: str) -> str:
        value = row.get(column, "")
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()

    for column in REQUIRED:
        if not text(column):
            raise InputError(str(path), f"column {column} is empty", f"fill in the {column}", f"{line}")
    value = text("value").replace(",", "")
    try:
        number = float(value)
    except ValueError:
        raise InputError(str(path), f'column value: "{text("value")}" is not a number',
                         "write the number alone (20.5) and the unit in the unit column", line) from None
    period = text("period")
    if not _PERIOD.fullmatch(period):
        raise InputError(str(path), f'column period: "{period}" is not a year or a range',
                         "write 2023, 2019-2023 or 2024-01-01/2024-04-09", line)
    unit = text("unit")
    factor, base = scale_of(unit)
    return Indicator(
        name=text("indicator"), period=period, value=text("value"), unit=unit, number=number,
        normalized_value=number * factor, normalized_unit=base, region=text("region"),
        quote=text("source"), source_id=path.name, table_row=line,
    )
