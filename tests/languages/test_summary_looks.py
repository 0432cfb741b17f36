"""The cheap looks the summary's rules take before a costly pattern never skip a sentence the pattern would read."""

from __future__ import annotations

import pytest

from briefing.languages.common import holds_any
from briefing.languages.en import summary as en

# A phrase for each of _METHOD's alternatives, in the cases re.IGNORECASE allows (the four letters it takes for an
# ASCII one that str.lower keeps apart among them).
METHOD = ["Figures may not add up due to rounding.", "SEASONALLY ADJUSTED", "after seasonal adjustment",
          "Adjusted for Inflation", "the methodology changed", "on a comparable basis", "on the same basis as before",
          "subject to revision", "the definition of", "definitions used", "Preliminary data", "preliminary figures",
          "ROUNDıNG", "\u017feasonal adjustment", "methodology \u212a", "adjusted for \u0130nflation"]


@pytest.mark.parametrize("text", METHOD)
def test_a_note_of_method_passes_the_look(text: str) -> None:
    assert en._METHOD.search(text), text  # the pattern reads it
    assert holds_any(text, en._METHOD_WORDS)
    assert en.filler(text)


def test_a_sentence_without_the_words_is_no_note_of_method() -> None:
    assert not holds_any("Exports rose across the region this year.", en._METHOD_WORDS)
    assert not en.filler("Exports rose across the region this year.")
    assert not en.filler("Seasonally adjusted, exports rose 5 percent.")  # a figure of its own


@pytest.mark.parametrize("sentence, heading", [
    ("Protecting the Grid Against Extreme Weather.", True), ("The plan was approved by the council today.", False),
    ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve.", True),
    ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen.", False), ("A b c.", False)])
def test_a_heading_is_short_and_in_title_case(sentence: str, heading: bool) -> None:
    assert en._heading(sentence) is heading
