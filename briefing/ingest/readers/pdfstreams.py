"""What a PDF's streams decode to, bounded (limits.unpacked_mb) before pdfminer decodes them.

pdfminer inflates a stream whole (zlib.decompress) and undoes a PNG predictor through a row of
/Columns Python ints, so an 851-byte PDF asks for gigabytes. It has no hook for a limit, so while
`bounded_streams` is open, PDFStream.decode first measures the stream: its inflated size, counted
a megabyte at a time and never kept, and the row its predictor would build; then it decodes and
charges what it gave to the document's budget. Outside `bounded_streams` (another thread, another
caller) pdfminer decodes as it always does.
"""

from __future__ import annotations

import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

from briefing.errors import InputError
from briefing.ingest.files import megabytes
from briefing.model import InputLimits

_CHUNK = 2 ** 20
_SLOT = 8  # bytes pdfminer spends on each byte of a predictor row: a list of Python ints


@dataclass
class _Budget:
    name: str
    limit: int  # bytes all the streams of the document may decode to
    left: int

    def refuse(self, what: str, size: int) -> InputError:
        return InputError(self.name, f"{what} {megabytes(size)}, over the limit of {megabytes(self.limit)}",
                          "raise limits.unpacked_mb in briefing.yaml")


_BUDGET: ContextVar[_Budget | None] = ContextVar("pdf_stream_budget", default=None)


@contextmanager
def bounded_streams(name: str, limits: InputLimits) -> Iterator[None]:
    """Within this block, the streams of the PDF `name` decode to at most limits.unpacked_mb in all."""
    _install()
    most = int(limits.unpacked_mb * 2 ** 20)
    token = _BUDGET.set(_Budget(name, most, most))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _install() -> None:
    from pdfminer.pdftypes import PDFStream

    if getattr(PDFStream.decode, "bounded", False):
        return
    decode = PDFStream.decode

    def bounded_decode(stream: PDFStream) -> None:
        budget = _BUDGET.get()
        if budget is not None:
            _measure(stream, budget)
        decode(stream)
        if budget is not None:
            budget.left -= len(stream.data or b"")
            if budget.left < 0:
                raise budget.refuse("its streams decode to more than", budget.limit - budget.left)

    bounded_decode.bounded = True
    PDFStream.decode = bounded_decode


def _measure(stream, budget: _Budget) -> None:
    """Refuse a stream before it is decoded: its predictor's rows, and what its first filter inflates to."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    filters = stream.get_filters()
    for _, params in filters:
        if isinstance(params, dict) and "Predictor" in params:
            row = _number(params.get("Columns", 1)) * _number(params.get("Colors", 1)) \
                * max(_number(params.get("BitsPerComponent", 8)), 8) // 8
            if row * _SLOT > budget.left:
                raise budget.refuse("a stream's predictor rows (/Columns) take", row * _SLOT)
    if filters and filters[0][0] in LITERALS_FLATE_DECODE and not stream.decipher and stream.rawdata:
        inflated = _inflated_size(stream.rawdata, budget.left)
        if inflated > budget.left:
            raise budget.refuse("a stream inflates to more than", budget.limit - budget.left + inflated)


def _inflated_size(data: bytes, most: int) -> int:
    """What zlib inflates `data` to, counted to just past `most`; a damaged stream counts as far as it goes."""
    inflater, total = zlib.decompressobj(), 0
    try:
        out = inflater.decompress(data, _CHUNK)
        total = len(out)
        while out and total <= most:
            out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
            total += len(out)
    except zlib.error:
        pass
    return total


def _number(value: object) -> int:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else 1
