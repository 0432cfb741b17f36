"""Looking for a Chinese lead ("习近平强调，……") takes time in proportion to the paragraph, however many marks it
holds: a paragraph of 200,000 characters, a half-width comma every tenth, is read in well under a second. An
unbounded look-ahead for the verb, tried at every mark, read to the paragraph's end each time (80 s here)."""

from __future__ import annotations

import time

import pytest

from briefing.languages.zh import directives


@pytest.mark.parametrize("paragraph", ["经济社会发展取得成效," * 20_000 + "他说，要加强。", "啊!" * 100_000 + "说"])
def test_a_paragraph_dense_with_marks_is_read_in_bounded_time(paragraph):
    start = time.monotonic()
    found = list(directives._LEAD.finditer(paragraph))
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.05 s it takes
    assert len(found) <= 2
