"""Indicators: every figure of a document that is tied to a period, read by the pack of its language."""

from __future__ import annotations

from briefing import languages
from briefing.model import Document, Indicator


def indicators_in(document: Document) -> tuple[Indicator, ...]:
    """Every figure of the document tied to a period, each with its exact quote (the pack's reader finds them)."""
    return languages.get(document.language).indicators(document)
