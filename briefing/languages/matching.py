"""Loose comparison of texts, as the shared evaluation's gold files are matched (../shared/eval/score.py).

A gold file of that format quotes the text as a reader copies it; a found directive or
figure is the same when, with punctuation and spaces dropped and case folded, one is
(nearly) the other. A leading modal word or the leader's attribution is not part of it.
"""

from __future__ import annotations

from briefing.patterns import lazy

_PUNCT = lazy(r"[\s\u3000，。、；：！？“”‘’（）《》〈〉【】—…·,.;:!?\"'()\[\]-]+")
_LEADS = lazy(r"^(要|習近平|习近平强调|习近平指出)")
_GLOSS = lazy(r"（.*")  # a gold speaker's gloss: 习近平（中共中央总书记）


def loose(text: str) -> str:
    """The text without punctuation, spaces, a leading modal word or attribution; lower case."""
    return _LEADS.sub("", _PUNCT.sub("", text or "")).lower()


def without_gloss(name: str) -> str:
    """A speaker's name without the gloss a gold file adds in brackets."""
    return _GLOSS.sub("", name or "")
