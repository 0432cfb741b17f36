"""Looking for page furniture ("A/RES/81/163  Page 3") takes time in proportion to the line, however many slashes
it holds: a line of 40,000 characters, a slash every second, is read in well under a second. The document's symbol
was "[A-Z][\\w./-]*/[\\w./-]+", which tried every slash of the line as its own, each reading on to the line's end
(14 s here)."""

from __future__ import annotations

import time

import pytest

from briefing.ingest.repair import parse_text


@pytest.mark.parametrize("line", ["A/" * 20_000, "Page 3 " + "A/" * 20_000 + " x"])
def test_a_line_dense_with_slashes_is_read_in_bounded_time(line):
    start = time.monotonic()
    document = parse_text("Title\n\n" + line + "\n", "slashes", "slashes.txt")
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.05 s it takes
    assert [p.text for p in document.paragraphs] == [line]


@pytest.mark.parametrize("line", ["A/RES/81/163  Page 3", "Page 3 of 5  S/2024/12", "p. 3"])
def test_a_page_line_beside_a_symbol_is_still_furniture(line):
    document = parse_text(f"Title\n\nFirst we act.\n{line}\nThen we act again.\n", "symbol", "symbol.txt")
    assert all(line not in p.text for p in document.paragraphs)
