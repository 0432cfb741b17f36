"""English directives are found in time in proportion to the paragraph, however it is written: a paragraph of
opening quotation marks with no closing one, and a bare title that speaks again and again ("The President said
that …") with no name for it in the document, are read in well under a second at 100 KB. Before, every opening
mark read on to the paragraph's end (_QUOTE.finditer), and every statement of the title searched the whole document
for its name: time in the square of the length (90 s and 33 s at 200 KB)."""

from __future__ import annotations

import time

import pytest

from briefing.analyse.directives import find_directives
from briefing.ingest.repair import parse_text
from briefing.languages.en import directives


@pytest.mark.parametrize("unit", ["“", "He said “we must act. ", "The President said that we must act. "])
def test_a_paragraph_of_one_phrase_is_read_in_bounded_time(unit):
    text = "Title\n\n" + unit * (100_000 // len(unit)) + "\n"
    document = parse_text(text, "hostile", "hostile.txt")
    start = time.monotonic()
    find_directives(document)
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.3 s it takes


@pytest.mark.parametrize("text", [
    '“We must act together now,” Xi said. “Unclosed and long enough here. "We will keep going on,” he added.',
    '"One quotation is closed here" and "another one that he said," Biden said, "and a third," she said.',
    '“Short,” he said. “A longer one for the finder,” Mr Smith stressed, “again and again, ” he noted',
    '“x “We must act together now,” Xi said.',
])
def test_the_quotations_are_those_finditer_finds(text):
    assert [m.span() for m in directives._quotes(text)] == [m.span() for m in directives._QUOTE.finditer(text)]
