"""Indicator tables in CSV, Excel (.xlsx), Parquet or a database query, tidy or wide, read through a declared layout.

tidy: one row per figure (indicator, period, value, unit, region, source).
wide: one row per indicator and one column per period (指标, 单位, 地区, 2019, …, 2023);
an empty period cell means "no figure for that period".

Errors name the file, the row as a spreadsheet shows it (the header is row 1), the
column by its header name and, in a workbook, the cell (D7), so the person who
keeps the table can fix it; a query's or a Parquet file's rows are counted in its
result. Every table is read through pandas: CSV (every cell as text, blank records
kept, so row numbers stay exact), Parquet, a query's result, and a workbook, with
openpyxl as pandas' engine. pandas' values of a sheet keep neither a cell's number
format (a 59.94% cell reads 0.5994) nor its merged ranges nor whether a formula's
result was ever saved, and each of these changes a figure: they are read from the
workbook pandas opened (ExcelFile.book, opened whole, not read-only), and the
formulas from a second opening only when the sheets hold any.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from briefing import languages
from briefing.errors import InputError, LayoutError, LimitExceeded
from briefing.ingest.charset import plausibly_chinese
from briefing.ingest.files import read_whole
from briefing.languages import LANGUAGES, scale_of
from briefing.languages.common import (HALF_MONTHS, PERCENT_SIGNS, QUARTER_MONTHS, RANGE_MARKS, half_width, months,
                                       plain_signs)
from briefing.model import Indicator, InputLimits, TableLayout, TableSpec
from briefing.patterns import lazy

FORMS = ("tidy", "wide")
FIELDS = ("indicator", "period", "value", "unit", "region", "source")
REQUIRED = {"tidy": ("indicator", "period", "value", "unit"), "wide": ("indicator", "unit")}
# The header names a field is known by when the config does not map it: its own, then each language's.
HEADERS = {field: tuple(dict.fromkeys((field,) + tuple(name for pack in LANGUAGES.values()
                                                        for name in pack.words.headers[field])))
           for field in FIELDS}
_PERIOD = lazy(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?(?:-\d\d-\d\d)?(?:/\d{4}-\d\d-\d\d)?")
_RANGE_DASH = lazy(r"\s*[" + RANGE_MARKS + r"]\s*")
_NUMBER = lazy(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_EXAMPLES = languages.get(languages.DEFAULT).words  # a message's examples are in the default language
_YEAR = _EXAMPLES.periods["year"]
PERIOD_FIX = (f"name a period: 2023, {_YEAR.format(year=2023)}, 2019-2023, a month 2025-05, months 2025-01/2025-05, "
              "a quarter 2025Q1, a half 2025H1, or days 2024-01-01/2024-04-09")
CELL_CHARS = 10_000  # characters of one cell: a name, a unit or a source note is far shorter
_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # invisible, and no font or Word file can hold them
_UNPRINTABLE = lazy(r"[\x00-\x1f\x7f]")  # line breaks and control characters
_FORMULA_STARTS = ("=", "+", "-", "@")
# A spreadsheet formula written as text (=HYPERLINK(…), +cmd|…, @SUM(…)): it would run when pasted into a sheet.
_FORMULA_TEXT = lazy(r"[=@]|[+-]\s*[A-Za-z_][\w.]*\s*[(|!]")


TIDY = TableLayout()


@dataclass(frozen=True)
class Cell:
    """One cell as a spreadsheet holds it: a text, a number, a date or nothing, and where it is."""

    value: object
    ref: str = ""  # "D7" in a workbook; a CSV has no cell addresses worth quoting
    percent: bool = False  # a workbook cell formatted as a percentage (0.5994 shown as 59.94%)
    merged_from: str = ""  # a workbook cell covered by a merged range: the range's first cell ("C2"), whose value it shows
    text: str = field(init=False, repr=False, compare=False)  # the value as text: read several times a cell

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.value.strip() if type(self.value) is str else _as_text(self.value))


@dataclass(frozen=True)
class UnsavedFormula:
    """A formula whose result the file does not hold: written by a program, never opened in Excel."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True)
class Grid:
    """A table as a spreadsheet shows it: the header and the numbered rows under it."""

    file: str  # the path, as messages show it
    source_id: str  # what an indicator's origin shows: the file's name, and the sheet when one was chosen
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    sheet: str | None = None
    sha256: str = ""  # of the very bytes parsed: the manifest records this version of the file
    rows_of: str = ""  # a table that no spreadsheet shows (a query's result): its rows are counted from 1 in it

    def at(self, number: int) -> int | str:
        """Where a row is, as a message says it: the row as the spreadsheet shows it, or row 3 of a query's result."""
        if not self.rows_of:
            return number
        return f"the columns of {self.rows_of}" if number == 0 else f"row {number} of {self.rows_of}"

    @property
    def header_place(self) -> str:
        return "" if self.rows_of else f" (row {self.header_row})"

    def cell(self, cells: tuple[Cell, ...], column: int) -> Cell:
        return cells[column] if column < len(cells) else Cell(None)


@dataclass(frozen=True)
class Columns:
    """Where each field is in a table's header, and (wide form) the period columns."""

    index: dict[str, int]
    periods: tuple[tuple[int, str], ...] = ()  # (column index, period)


@dataclass(frozen=True)
class Table:
    """A table's figures, and the digest of the one version of the file they were read from."""

    indicators: tuple[Indicator, ...]
    sha256: str


def read_table(path: Path, sheet: str | None = None, layout: TableLayout | None = None,
               limits: InputLimits = InputLimits()) -> tuple[Indicator, ...]:
    """Every figure of an indicator table as an Indicator pointing back to its row; InputError when it is wrong
    or over one of `limits` (its size on disk, what a workbook unzips to, its rows)."""
    return read_table_file(path, sheet, layout, limits).indicators


def read_table_file(path: Path, sheet: str | None = None, layout: TableLayout | None = None,
                    limits: InputLimits = InputLimits()) -> Table:
    """read_table, with the digest of the bytes read (a table rewritten while it is read is read again, as a
    source is: ingest.files.read_whole)."""
    return figures_of(read_grid(Path(path), sheet, limits), layout or TIDY)


def read_spec(spec: TableSpec, limits: InputLimits = InputLimits()) -> Table:
    """A table of the config: its file, or the result of its query against its database."""
    if spec.query is None:
        return read_table_file(spec.path, spec.sheet, spec.layout, limits)
    from briefing.ingest import databases

    frame = databases.run_query(spec, limits)
    return figures_of(frame_grid(databases.shown(spec), databases.source_id(spec), frame, "the query's result"),
                      spec.layout)


def figures_of(grid: Grid, layout: TableLayout) -> Table:
    """The grid's figures, read through the declared layout."""
    columns = locate(grid, layout)
    figures = _wide(grid, columns) if layout.form == "wide" else _tidy(grid, columns)
    if not figures:  # a table the config names but that adds nothing is a mistake to show, not to publish
        raise InputError(grid.file, "no figures under the header", "add rows of figures, or remove the table from the config",
                         grid.at(grid.header_row + 1))
    return Table(_no_duplicates(grid, figures), grid.sha256)


def frame_grid(file: str, source_id: str, frame, rows_of: str) -> Grid:
    """A DataFrame (a query's result, a Parquet file) as a grid: its columns are the header, its rows counted
    from 1; the digest is of its content, so an unchanged result is an unchanged input."""
    header = tuple(" ".join(str(c).split()) for c in frame.columns)
    records = frame.itertuples(index=False, name=None)
    rows = tuple((n, cells) for n, cells in ((n, tuple(Cell(v) for v in record)) for n, record in enumerate(records, 1))
                 if any(c.text for c in cells))
    digest = hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()
    return Grid(file, source_id, header, 0, rows, None, digest, rows_of)


# --- Reading the file into a grid -------------------------------------------------------------


def read_grid(path: Path, sheet: str | None = None, limits: InputLimits = InputLimits()) -> Grid:
    """The header and rows of a table file (a CSV file, or one sheet of a workbook: the first unless named)."""
    reader = TABLE_READERS.get(path.suffix.lower(), TABLE_READERS[".csv"])
    if sheet and not reader.sheets:
        raise LayoutError(str(path), ("sheet",), "a CSV file has no sheets", "remove sheet:, or give the .xlsx file")
    _check_size(path, limits)
    data = read_whole(path, limits)  # one version of the file, read once: what is parsed is what is hashed
    return replace(reader.read(path, sheet, limits, data), sha256=hashlib.sha256(data).hexdigest())


def _check_size(path: Path, limits: InputLimits) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "table not found", "check the path in the config") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the table ({exc.strerror})", "check the file") from None
    if size > limits.source_mb * 2 ** 20:
        raise LimitExceeded(str(path), f"the file is {size / 2 ** 20:.1f} MB, over the limit of {limits.source_mb:g} MB",
                            "source_mb")


def over_rows(path: Path, limits: InputLimits, where: str = "the table") -> LimitExceeded:
    return LimitExceeded(str(path), f"{where} has more than {limits.table_rows:,} rows, over the limit of "
                                    f"{limits.table_rows:,}", "table_rows")


def _csv_grid(path: Path, sheet: str | None, limits: InputLimits, data: bytes) -> Grid:
    """A CSV file through pandas' parser, every cell a text and every record kept (a blank one too), so that
    rows are numbered as a spreadsheet shows them."""
    records = _csv_records(path, _decode(path, data), limits)
    rows = tuple((number, tuple(Cell(v) for v in record)) for number, record in enumerate(records, 1))
    grid = _grid(str(path), path.name, rows, None)
    for number, cells in grid.rows:
        if len(cells) > len(grid.header) and any(c.text for c in cells[len(grid.header):]):
            width = len(cells) - next(i for i, c in enumerate(reversed(cells)) if c.text)
            raise InputError(str(path), f"row {number} has {width} fields but the header has {len(grid.header)}",
                             "quote values that contain commas", number)
    return grid


_BAD_WIDTH = lazy(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = lazy(r"EOF inside string starting at row (\d+)")


def _csv_records(path: Path, text: str, limits: InputLimits) -> list[list[str]]:
    """The records of a CSV text, at most table_rows under the header. A record wider than the first is read
    again with room for CELLS_A_ROW fields (its extra fields may be empty: a trailing comma)."""
    import pandas as pd

    options = dict(header=None, dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False,
                   skipinitialspace=True, nrows=limits.table_rows + 2)
    for names in (None, range(CELLS_A_ROW)):
        try:
            frame = pd.read_csv(io.StringIO(text), names=names, **options)
            break
        except pd.errors.EmptyDataError:
            return []
        except pd.errors.ParserError as exc:
            problem = _csv_problem(path, str(exc), names is not None)
            if problem is not None:
                raise problem from None
    if len(frame) > limits.table_rows + 1:  # the header, then at most table_rows rows
        raise over_rows(path, limits)
    return frame.values.tolist()


def _csv_problem(path: Path, message: str, wide: bool) -> InputError | None:
    """What pandas' parser found, in the words of the table's keeper; None for a record wider than the first,
    read again with room for more fields (unless it was already)."""
    quote = _OPEN_QUOTE.search(message)
    if quote:
        return InputError(str(path), "the CSV is malformed from this row on (a quote opened and never closed takes "
                                     "in the rows after it)", "close the quote, or save it again as CSV from a "
                                                              "spreadsheet", int(quote.group(1)) + 1)
    width = _BAD_WIDTH.search(message)
    if width and not wide:
        return None
    if width:
        return InputError(str(path), f"row {width.group(2)} has {width.group(3)} fields, more than the "
                                     f"{CELLS_A_ROW} a table may have", "quote values that contain commas",
                          int(width.group(2)))
    return InputError(str(path), f"the CSV is malformed ({message.split(': ', 1)[-1][:200]})",
                      "save it again as CSV from a spreadsheet")


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030, the two encodings a spreadsheet saves Chinese CSV in."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(str(path), "the table is neither UTF-8 nor GB18030 text", "save it as UTF-8 CSV") from None
    if not plausibly_chinese(text):  # any bytes decode as GB18030: Latin-1 "Région" would read "R間ion"
        line, shown = _first_strange(text)
        raise InputError(str(path), f'the table is not UTF-8, and as GB18030 it reads "{shown}", '
                                    "which is not Chinese text (Latin-1 or another legacy encoding?)",
                         "save it as UTF-8 CSV", line)
    return text


def _first_strange(text: str) -> tuple[int, str]:
    """The line and the words where a GB18030 reading first shows a character that is not ASCII."""
    for number, line in enumerate(text.splitlines(), 1):
        at = next((i for i, ch in enumerate(line) if ord(ch) > 127), None)
        if at is not None:
            return number, line[max(0, at - 10):at + 10]
    return 1, text[:20]


def _xlsx_grid(path: Path, sheet: str | None, limits: InputLimits, data: bytes) -> Grid:
    """One sheet of a workbook through pandas (openpyxl its engine): the values pandas reads, and from the
    workbook pandas opened, what its reader drops and each of which changes a figure: a cell's number format (a
    59.94% cell holds 0.5994), the merged ranges, and which formulas' results were never saved."""
    formulas = check_workbook(path, limits, data)  # from the zip's directory and its rows, before a workbook is built
    with _excel_file(path, data, formulas=False) as workbook:
        name = _sheet_name(workbook.sheet_names, path, sheet)
        frame = _read_sheet(workbook, name, path)
        unsaved = _unsaved_formulas(path, data, name, frame) if formulas else {}
        rows = tuple(_sheet_rows(frame, workbook.book[name], unsaved))
    source_id = f"{path.name}[{sheet}]" if sheet else path.name
    return _grid(str(path), source_id, rows, name if sheet else None)


_ROW_TAG = lazy(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = lazy(rb"<(?:\w+:)?c[\s>/]")
_FORMULA_TAG = lazy(rb"<(?:\w+:)?f[\s>/]")
CELLS_A_ROW = 100  # a sheet may hold table_rows x this many cells: a wide table has a column per period, not thousands


def check_workbook(path: Path, limits: InputLimits, data: bytes | None = None) -> bool:
    """A workbook within limits.unpacked_mb (as its zip directory says) and each sheet within limits.table_rows
    (rows counted in the sheet's XML as it streams), before a workbook is built in memory; whether any sheet
    holds a formula."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # opening it says it is damaged, in the words users know
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limits.unpacked_mb * 2 ** 20:
            raise LimitExceeded(str(path), f"unzips to {unpacked / 2 ** 20:,.0f} MB, over the limit of "
                                           f"{limits.unpacked_mb:g} MB", "unpacked_mb")
        sheets = [info for info in archive.infolist()
                  if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")]
        return any([_count_rows(archive, info, path, limits) for info in sheets])  # every sheet counted


def _count_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limits: InputLimits) -> bool:
    """Raises LimitExceeded for a sheet over the rows or cells a table may have; whether it holds a formula."""
    rows = cells = formulas = 0
    tail = b""
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(1 << 20)
                block = tail + chunk
                cut = block.rfind(b"<") if chunk else len(block)  # no tag straddles a cut made before a "<"
                cut = len(block) if cut <= 0 else cut
                rows += len(_ROW_TAG.findall(block, 0, cut))
                cells += len(_CELL_TAG.findall(block, 0, cut))
                formulas = formulas or _FORMULA_TAG.search(block, 0, cut) is not None
                tail = block[cut:]
                if rows > limits.table_rows + 1:
                    raise over_rows(path, limits, f"the sheet {info.filename.rsplit('/', 1)[-1]}")
                if cells > (limits.table_rows + 1) * CELLS_A_ROW:
                    raise LimitExceeded(str(path), f"the sheet {info.filename.rsplit('/', 1)[-1]} has more than "
                                                   f"{(limits.table_rows + 1) * CELLS_A_ROW:,} cells, over the limit "
                                                   f"of {CELLS_A_ROW} a row for {limits.table_rows:,} rows",
                                        "table_rows")
                if not chunk:
                    return bool(formulas)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, RuntimeError):
        return False  # opening it says it is damaged


def _sheet_name(names: list[str], path: Path, sheet: str | None) -> str:
    if sheet is not None and sheet not in names:
        raise LayoutError(str(path), ("sheet",), f'no sheet "{sheet}" in {path.name}', f"use one of: {', '.join(names)}")
    return sheet if sheet is not None else names[0]


def _excel_file(path: Path, data: bytes, formulas: bool):
    """The workbook as pandas opens it, openpyxl its engine: whole (not read-only, so that merged ranges and
    number formats are there), with each formula's saved result, or (formulas=True) the formulas themselves."""
    try:
        import pandas as pd

        with warnings.catch_warnings():  # openpyxl warns about workbook features it ignores (data validation, styles)
            warnings.simplefilter("ignore")
            return pd.ExcelFile(io.BytesIO(data), engine="openpyxl",
                                engine_kwargs={"read_only": False, "data_only": not formulas})
    except ImportError:
        raise InputError(str(path), "reading .xlsx needs openpyxl", "pip install -e . again, or save the table as CSV") from None
    except Exception as exc:  # a damaged file fails deep inside zipfile or the XML parser, in many ways
        raise InputError(str(path), f"not a readable Excel workbook ({type(exc).__name__})",
                         "open it in Excel and save it again as .xlsx, or save the table as CSV") from None


def _read_sheet(workbook, name: str, path: Path):
    """A sheet's values as pandas reads them, every cell as it is (no header, no NA guessing: 'NA' is a text)."""
    import pandas as pd

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.read_excel(workbook, sheet_name=name, header=None, dtype=object, keep_default_na=False,
                                 na_filter=False)
    except Exception as exc:
        raise InputError(str(path), f"not a readable Excel workbook ({type(exc).__name__})",
                         "open it in Excel and save it again as .xlsx, or save the table as CSV") from None


def _unsaved_formulas(path: Path, data: bytes, name: str, frame) -> dict[tuple[int, int], UnsavedFormula]:
    """The sheet's formulas with no saved result (written by a program, never opened in Excel), by (row,
    column): the workbook is opened a second time, with its formulas, only when its sheets have any."""
    empty = {(r + 1, c + 1) for r, c in zip(*_blank(frame))}  # pandas reads a sheet from A1
    if not empty:
        return {}
    with _excel_file(path, data, formulas=True) as written:
        sheet = written.book[name]
        return {(r, c): UnsavedFormula(str(sheet.cell(r, c).value)) for r, c in sorted(empty)
                if sheet.cell(r, c).data_type == "f"}


def _blank(frame) -> tuple[list[int], list[int]]:
    """Where the sheet's values are empty: a formula whose result was never saved reads as nothing."""
    import numpy as np

    rows, columns = np.nonzero((frame.to_numpy(dtype=object) == "") if frame.size else np.zeros((0, 0), bool))
    return rows.tolist(), columns.tolist()


def _sheet_rows(frame, worksheet, unsaved: dict[tuple[int, int], UnsavedFormula]) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """Rows of cells as the spreadsheet shows them, from A1 as row and cell numbers count: pandas' values, a
    formula by its saved result, an error (#DIV/0!) by its code, a merged cell across its range, a percentage
    cell marked as one."""
    records = frame.itertuples(index=False, name=None)  # pandas reads a sheet from A1, as openpyxl's rows count
    values = {(r + 1, c + 1): value for r, record in enumerate(records) for c, value in enumerate(record)}
    values.update(unsaved)
    merged: dict[tuple[int, int], str] = {}  # a covered cell: the first cell of its range
    for cells in worksheet.merged_cells.ranges:
        value = values.get((cells.min_row, cells.min_col))
        first = worksheet.cell(cells.min_row, cells.min_col).coordinate
        covered = [(r, c) for r in range(cells.min_row, cells.max_row + 1)
                   for c in range(cells.min_col, cells.max_col + 1) if (r, c) != (cells.min_row, cells.min_col)]
        values.update({at: value for at in covered})
        merged.update({at: first for at in covered})
    for row in worksheet.iter_rows(min_row=1, max_row=len(frame), min_col=1, max_col=frame.shape[1]):
        yield row[0].row, tuple(Cell(_shown_value(c, values.get((c.row, c.column))), c.coordinate,
                                     "%" in (c.number_format or ""), merged.get((c.row, c.column), "")) for c in row)


def _shown_value(cell, value: object) -> object:
    """A value as the sheet shows it: an empty cell is nothing, an error cell its code (pandas reads it as NaN)."""
    if isinstance(value, float) and math.isnan(value) and cell.data_type == "e":
        return cell.value
    return None if isinstance(value, str) and value == "" else value


def _grid(file: str, source_id: str, rows: tuple, sheet: str | None) -> Grid:
    """The first non-blank row is the header; blank rows keep their numbers but hold no figure."""
    filled = [(n, cells) for n, cells in rows if any(c.text for c in cells)]
    if not filled:
        where = f'the sheet "{sheet}"' if sheet else "the table"
        raise InputError(file, f"{where} is empty",
                         "give a header row (indicator, period, value, unit, …) and data rows", 1)
    header_row, header = filled[0]
    names = tuple(" ".join(c.text.split()) for c in header)
    while names and not names[-1]:
        names = names[:-1]
    return Grid(file, source_id, names, header_row, tuple(filled[1:]), sheet)




@dataclass(frozen=True)
class TableReader:
    """How one table format is read into a grid: a file (and a sheet, for a format that has sheets)."""

    read: Callable[[Path, str | None, InputLimits, bytes], Grid]
    sheets: bool = False


def _parquet_grid(path: Path, sheet: str | None, limits: InputLimits, data: bytes) -> Grid:
    """A Parquet file (pyarrow, the extra briefing[parquet]), its rows and size checked from its footer first."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(str(path), "reading Parquet needs pyarrow", "pip install 'briefing[parquet]', or save the "
                                                                     "table as CSV") from None
    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        if meta.num_rows > limits.table_rows:
            raise over_rows(path, limits)
        if unpacked > limits.unpacked_mb * 2 ** 20:
            raise LimitExceeded(str(path), f"holds {unpacked / 2 ** 20:,.0f} MB of data, over the limit of "
                                           f"{limits.unpacked_mb:g} MB", "unpacked_mb")
        import pandas as pd

        frame = pd.read_parquet(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # pyarrow's ArrowInvalid and OSError, on a file that is no Parquet or is damaged
        raise InputError(str(path), f"not a readable Parquet file ({str(exc).splitlines()[0][:200]})",
                         "write it again, or save the table as CSV") from None
    return frame_grid(str(path), path.name, frame.astype(object).where(frame.notna(), None), "the Parquet file")


# By file extension; a table of any other extension is refused by the config.
TABLE_READERS: dict[str, TableReader] = {".csv": TableReader(_csv_grid), ".xlsx": TableReader(_xlsx_grid, sheets=True),
                                         ".parquet": TableReader(_parquet_grid)}
# --- Finding the columns ----------------------------------------------------------------------


def locate(grid: Grid, layout: TableLayout) -> Columns:
    """The column of each field (by the config's names, else the usual ones) and the period columns."""
    index: dict[str, int] = {}
    fields = FIELDS if layout.form == "tidy" else tuple(f for f in FIELDS if f not in ("period", "value"))
    for name in fields:
        found = _column_of(grid, name, layout)
        if found is not None:
            index[name] = found
    missing = [f for f in REQUIRED[layout.form] if f not in index]
    if missing:
        raise InputError(grid.file, f"missing column {', '.join(missing)}; the header has {_listed(grid.header)}",
                         _header_fix(grid, layout, missing), grid.at(grid.header_row))
    if layout.form == "tidy":
        return Columns(index)
    return Columns(index, _period_columns(grid, layout, set(index.values())))


def _column_of(grid: Grid, name: str, layout: TableLayout) -> int | None:
    declared = layout.columns.get(name)
    wanted = (declared,) if declared else HEADERS[name]
    matches = [i for i, h in enumerate(grid.header) if h.casefold() in {w.casefold() for w in wanted}]
    if declared and not matches:
        raise LayoutError(grid.file, ("columns", name), f'no column "{declared}" in {Path(grid.file).name}',
                          f"the header{grid.header_place} has {_listed(grid.header)}", grid.at(grid.header_row))
    if len(matches) > 1:
        raise InputError(grid.file, f'two columns are named "{grid.header[matches[0]]}"',
                         "give every column its own name", grid.at(grid.header_row))
    return matches[0] if matches else None


def _header_fix(grid: Grid, layout: TableLayout, missing: list[str]) -> str:
    if layout.form == "tidy" and "value" in missing and any(period_of(h) for h in grid.header):
        return "the header has a column per period: add form: wide to this table in the config"
    usual = "; ".join(f"{f}: {' or '.join(HEADERS[f])}" for f in missing)
    return f"name the columns ({usual}), or map the table's own names under columns: in the config"


def _period_columns(grid: Grid, layout: TableLayout, taken: set[int]) -> tuple[tuple[int, str], ...]:
    pattern = re.compile(layout.periods) if layout.periods else None
    found: list[tuple[int, str]] = []
    for i, header in enumerate(grid.header):
        if i in taken or not header:
            continue
        period = period_of(header)
        if pattern is not None and pattern.fullmatch(header):
            if period is None:
                raise LayoutError(grid.file, ("periods",), f'column "{header}" matches periods but is not a period',
                                  PERIOD_FIX, grid.at(grid.header_row))
            found.append((i, period))
        elif pattern is None and period is not None:
            found.append((i, period))
    if not found:
        raise LayoutError(grid.file, ("periods",) if pattern else ("form",),
                          f"no period columns in the header: {_listed(grid.header)}",
                          f"a wide table has one column per period, named 2019, {_YEAR.format(year=2020)} …; "
                          "or set periods: to a pattern of their names", grid.at(grid.header_row))
    return _distinct_periods(grid, found)


def _distinct_periods(grid: Grid, found: list[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    seen: dict[str, int] = {}
    for i, period in found:
        if period in seen:
            raise InputError(grid.file, f'columns "{grid.header[seen[period]]}" and "{grid.header[i]}" '
                                        f"are the same period", "keep one column per period", grid.at(grid.header_row))
        seen[period] = i
    return tuple(found)


_ISO_MONTHS = lazy(r"((?:19|20)\d\d)[-.](\d\d?)(?:/(?:19|20)\d\d[-.](\d\d?))?")  # 2025-05, 2025-01/2025-05
_ISO_PARTS = lazy(r"((?:19|20)\d\d)\s*-?\s*([QH])([1-4])", re.I)  # 2025Q1, 2025-H1


@lru_cache(maxsize=4096)  # a table's periods repeat row after row
def period_of(text: str) -> str | None:
    """A period header or cell as the model keeps it; None when it is none. Years and ranges ('2023', '2023年',
    '2019—2023年', '２０２３' → 2023, 2019-2023), days (2024-04-23, 2024-01-01/2024-04-09), and months, quarters and
    halves as their days, in digits or in words (2025-05, 2025年1—5月, 2025Q1, 2025年一季度, 2025年上半年,
    Q1 2025 → 2025-05-01/2025-05-31 …), as the text reader reads them, so a table's figure meets the text's."""
    written = half_width(text).strip()
    candidate = _neutral_period(written) or _RANGE_DASH.sub("-", _plain_period(written).strip())
    return candidate if candidate and _PERIOD.fullmatch(candidate) else None


def _neutral_period(text: str) -> str | None:
    """A month, months, a quarter or a half written in digits and letters alone, as their days."""
    if m := _ISO_MONTHS.fullmatch(text):
        first, last = int(m[2]), int(m[3] or m[2])
        return months(int(m[1]), first, last) if not m[3] or text[:4] == text[-7:-3] else None
    if m := _ISO_PARTS.fullmatch(text):
        parts = QUARTER_MONTHS if m[2].upper() == "Q" else HALF_MONTHS
        span = parts.get(int(m[3]))
        return months(int(m[1]), *span) if span else None
    return None


def _plain_period(text: str) -> str:
    """A period as any language writes it, in digits and dashes ("2019至2023年" → "2019-2023")."""
    for pack in LANGUAGES.values():
        text = pack.plain_period(text)
    return text


def _listed(header: tuple[str, ...]) -> str:
    shown = [h for h in header if h]
    return ", ".join(shown[:12]) + (" …" if len(shown) > 12 else "") if shown else "no names"


# --- Rows to indicators -----------------------------------------------------------------------


def _tidy(grid: Grid, columns: Columns) -> list[Indicator]:
    figures = []
    for number, cells in grid.rows:
        _check_cells(grid, number, cells, columns)
        labels = _labels(grid, number, cells, columns)
        period_column = columns.index["period"]
        period_cell = grid.cell(cells, period_column)
        period = period_of(period_cell.text)
        if period is None:
            problem = "is empty" if not period_cell.text else f'"{period_cell.text}" is not a period'
            raise InputError(grid.file, f"{_where(grid, period_cell, period_column)}: {problem}", PERIOD_FIX, grid.at(number))
        figures.append(_figure(grid, number, cells, columns, labels, period, columns.index["value"]))
    return figures


def _wide(grid: Grid, columns: Columns) -> list[Indicator]:
    figures = []
    for number, cells in grid.rows:
        present = [(i, period) for i, period in columns.periods if grid.cell(cells, i).text]
        if not present:
            continue  # a row of labels with no figure yet, or a note under the table
        _check_cells(grid, number, cells, columns)
        labels = _labels(grid, number, cells, columns)
        figures.extend(_figure(grid, number, cells, columns, labels, period, i) for i, period in present)
    return figures


def _check_cells(grid: Grid, number: int, cells: tuple[Cell, ...], columns: Columns) -> None:
    """The row's cells that a figure is read from hold one line of visible text, of a bounded length, and no
    spreadsheet formula written as text; InputError naming the row and the cell otherwise."""
    labels = {i for name, i in columns.index.items() if name not in ("period", "value")}
    for column in sorted(set(columns.index.values()) | {i for i, _ in columns.periods}):
        cell = grid.cell(cells, column)
        problem = _cell_problem(cell, column in labels)
        if problem:
            what, fix = problem
            raise InputError(grid.file, f"{_where(grid, cell, column)}: {what}", fix, grid.at(number))


def _cell_problem(cell: Cell, label: bool) -> tuple[str, str] | None:
    text = cell.text
    if len(text) <= CELL_CHARS and not _UNPRINTABLE.search(text) and not (label and text.startswith(_FORMULA_STARTS)):
        return None  # nearly every cell: one look
    if len(text) > CELL_CHARS:
        return (f"the cell holds {len(text):,} characters, over the limit of {CELL_CHARS:,}",
                "shorten it: a name, a unit or a source note is a line")
    if "\n" in text or "\r" in text:
        return ("a line break inside the cell (in a CSV, a quote opened and never closed takes in the rows after it)",
                "close the quote, or put the cell's text on one line")
    control = _CONTROL.search(text)
    if control:
        return (f"holds the control character U+{ord(control.group()):04X}, which is invisible and cannot be printed",
                "delete it (retype the cell)")
    if label and _FORMULA_TEXT.match(text):
        return (f'"{text[:40]}" is a spreadsheet formula written as text, which a spreadsheet would run',
                "write the text the cell should show, without the formula")
    return None


def _labels(grid: Grid, number: int, cells: tuple[Cell, ...], columns: Columns) -> dict[str, str]:
    """The row's indicator, unit, region and source, by field; a figure needs an indicator name."""
    labels = {name: " ".join(grid.cell(cells, i).text.split()) for name, i in columns.index.items()
              if name not in ("period", "value")}
    if not labels["indicator"]:
        column = columns.index["indicator"]
        raise InputError(grid.file, f"{_where(grid, grid.cell(cells, column), column)}: is empty",
                         "fill in the indicator's name", grid.at(number))
    return labels


def _figure(grid: Grid, number: int, cells: tuple[Cell, ...], columns: Columns, labels: dict[str, str],
            period: str, column: int) -> Indicator:
    """The figure in one value cell, with the row's labels; InputError naming the cell when it is no number."""
    cell = grid.cell(cells, column)
    where = _where(grid, cell, column)
    if cell.merged_from:  # a figure stands in one cell: copied into the rows a merge covers, it would be invented
        raise InputError(grid.file, f"{where}: is merged with {cell.merged_from}, so its figure was written for "
                                    f"{cell.merged_from}'s row only", "unmerge the cells and write each row's figure",
                         number)
    if not cell.text:
        raise InputError(grid.file, f"{where}: is empty", "fill in the value", grid.at(number))
    try:
        figure, written, percent = parse_value(cell)
    except ValueError as exc:
        fix = ("write the number alone (20.5, 1,234 or 3.5%); leave the cell empty when there is no figure"
               if columns.periods else "write the number alone (20.5) and the unit in the unit column")
        raise InputError(grid.file, f'{where}: "{cell.text}" {exc}', fix, grid.at(number)) from None
    unit = _unit(grid, number, grid.cell(cells, columns.index["unit"]), columns.index["unit"], percent)
    factor, base = scale_of(unit)
    if not math.isfinite(figure * factor):  # 1e308 万亿元 is 1e320 元: inf, and every change of it NaN
        shown = cell.text if len(cell.text) <= 20 else f"{figure:.6g}"  # 1e+308, not its 309 digits
        raise InputError(grid.file, f'{where}: "{shown}" {unit} is too large to compute with',
                         "check the figure and its unit", grid.at(number))
    return Indicator(
        name=labels["indicator"], period=period, value=written, unit=unit, number=figure,
        normalized_value=figure * factor, normalized_unit=base, region=labels.get("region", ""),
        quote=labels.get("source", ""), source_id=grid.source_id, table_row=number,
        exact=isinstance(cell.value, (int, float)),  # a workbook's or a database's number: no rounding written
    )


def _unit(grid: Grid, number: int, cell: Cell, column: int, percent: bool) -> str:
    """The row's unit; a figure written with a % sign needs the unit % or none."""
    unit = cell.text
    if percent and (not unit or unit in PERCENT_SIGNS):
        return unit or "%"
    if percent:
        raise InputError(grid.file, f"{_where(grid, cell, column)}: the figure has a % sign but the unit is {unit}",
                         "drop the % from the figure, or make the unit %", grid.at(number))
    if not unit:
        raise InputError(grid.file, f"{_where(grid, cell, column)}: is empty",
                         f"fill in the unit ({', '.join(_EXAMPLES.units)} …)", grid.at(number))
    return unit


def _where(grid: Grid, cell: Cell, column: int) -> str:
    """'column 2021' in a CSV; 'cell D7, column 2021' in a workbook (with the sheet when one was chosen)."""
    name = f"column {grid.header[column]}" if column < len(grid.header) and grid.header[column] else f"column {column + 1}"
    if not cell.ref:
        return name
    return f"cell {grid.sheet}!{cell.ref}, {name}" if grid.sheet else f"cell {cell.ref}, {name}"


def parse_value(cell: Cell) -> tuple[float, str, bool]:
    """The number in a value cell, the figure as it will be shown, and whether it was a percentage.

    Accepts 1,234.5, full-width digits (２６．９) and a trailing %; raises ValueError saying what else it is.
    """
    value = cell.value
    if isinstance(value, UnsavedFormula):
        raise ValueError("is a formula whose result the file does not hold (open and save it in Excel, WPS or LibreOffice)")
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        raise ValueError("is not a number")
    if isinstance(value, (int, float)):
        number = round(float(value) * 100, 10) if cell.percent else float(value)  # 0.5994 -> 59.94, not 59.940000000000005
        if not math.isfinite(number):
            raise ValueError("is not a number")
        return number, _plain(number), cell.percent
    text = plain_signs(half_width(str(value))).strip()
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    if not _NUMBER.fullmatch(text):
        raise ValueError("is not a number" if not re.fullmatch(r"\d+,\d{1,2}", text) else
                         "is not a number (use a point for decimals: 20.5)")
    number = float(text.replace(",", ""))
    if not math.isfinite(number):  # 400 digits: float() gives inf
        raise ValueError("is too large to compute with")
    return number, text.lstrip("+"), percent


def _plain(number: float) -> str:
    """A workbook number as a person would write it: 26.9, not 26.899999999999999."""
    return format(round(number, 10), ".15g")


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return _plain(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _no_duplicates(grid: Grid, figures: list[Indicator]) -> tuple[Indicator, ...]:
    """One figure per indicator, period and region: a second one is a mistake, not a choice."""
    seen: dict[tuple[str, str, str], int | None] = {}
    for i in figures:
        key = (i.name, i.period, i.region)
        if key in seen:
            raise InputError(grid.file, f"duplicate row: {i.label} {i.period} is also on row {seen[key]}",
                             "keep one row per indicator, period and region", grid.at(i.table_row))
        seen[key] = i.table_row
    return tuple(figures)
