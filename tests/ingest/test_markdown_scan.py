"""A Markdown line is read in time in proportion to its length, however many marks it opens and never closes:
100 KB of "a **b", "[a", "[a](b" or "<http://a" is read in well under a second. Each opening was tried to the
line's end (the bold run, the link, the autolink patterns): 20,000 characters took 2.4–6.3 s, 100 KB minutes."""

from __future__ import annotations

import time

import pytest

from briefing.ingest.readers.markdown import _inline, looks_like_markdown, read_markdown


@pytest.mark.parametrize("unit", ["a **b", "a __b", "[a", "[a](b", "[a](b \"c", "<http://a"])
def test_a_line_of_unclosed_marks_is_read_in_bounded_time(unit):
    text = "# Title\n\n" + unit * (100_000 // len(unit)) + "\n"
    start = time.monotonic()
    looks_like_markdown(text)
    read_markdown(text)
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.05 s it takes


@pytest.mark.parametrize("line, text", [
    ("**Bold** and __also bold__, **not closed", "Bold and also bold, **not closed"),
    ("a **b **c** d", "a b **c d"),  # the first closing mark after a character that is not a space
    ("***three*** marks", "three marks"),
    ("see [the plan](https://example.org/plan \"The plan\") and <https://example.org>",
     "see the plan and https://example.org"),
    ("a stray [ before [a link](x)", "a stray [ before a link"),  # a link's text holds no "["
    ("<http://a<http://b>", "<http://ahttp://b"),  # an address holds no "<"
])
def test_what_the_marks_leave(line, text):
    assert _inline(line) == text
