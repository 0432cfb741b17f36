"""Summary: the most central sentences of the sources, in document order, within a length.

Sentences are ranked TextRank-style on a similarity graph (each sentence linked to
its neighbours within a window, so a huge document costs time in proportion); Chinese sentences are
compared by character bigrams (no dictionary to load), English ones by words.
A sentence too close to one already chosen is skipped, so the summary does not
repeat itself. The same input always gives the same summary.
"""

from __future__ import annotations

import bisect
import math
import re

from briefing.model import Document
from briefing.text import CJK, ends_sentence, sentences, width

_MIN_WIDTH = {"zh": 12, "en": 8}
_REDUNDANT = 0.5
_WINDOW = 80  # each sentence is compared with this many on either side: linear in the document's length


def summarise(documents: tuple[Document, ...], length: int) -> tuple[str, ...]:
    """Up to `length` characters (Chinese) or words (English) of the most central sentences."""
    candidates = [(d_i, s_i, text) for d_i, document in enumerate(documents)
                  for s_i, text in enumerate(_candidates(document))]
    if not candidates or length <= 0:
        return ()
    grams = [_grams(text) for _, _, text in candidates]
    scores = _rank(grams)
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(candidates)), key=lambda i: (-scores[i], i)):
        size = width(candidates[i][2])
        if used + size > length:
            continue
        if any(_similarity(grams[i], grams[j]) > _REDUNDANT for j in chosen):
            continue
        chosen.append(i)
        used += size
    return tuple(candidates[i][2] for i in sorted(chosen))


def _candidates(document: Document) -> list[str]:
    found = []
    for paragraph in document.paragraphs:
        for sentence in sentences(paragraph.text, document.language):
            sentence = sentence.strip()
            if ends_sentence(sentence) and width(sentence) >= _MIN_WIDTH.get(document.language, 8):
                found.append(sentence)
    return found


def _grams(text: str) -> frozenset[str]:
    han = "".join(CJK.findall(text))
    if han:
        return frozenset(han[i:i + 2] for i in range(len(han) - 1))
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _near(positions: list[int], low: int, high: int) -> list[int]:
    """The sorted positions between low and high."""
    return positions[bisect.bisect_left(positions, low):bisect.bisect_right(positions, high)]


def _rank(grams: list[frozenset[str]], damping: float = 0.85, rounds: int = 30) -> list[float]:
    """PageRank over the sentence-similarity graph (weights are the similarities)."""
    n = len(grams)
    index: dict[str, list[int]] = {}
    for i, g in enumerate(grams):
        for gram in g:
            index.setdefault(gram, []).append(i)
    weights: list[dict[int, float]] = [{} for _ in range(n)]
    for i, g in enumerate(grams):
        low, high = i - _WINDOW, i + _WINDOW
        neighbours = {j for gram in g for j in _near(index[gram], low, high) if j != i}
        for j in neighbours:
            weights[i][j] = _similarity(g, grams[j])
    totals = [sum(w.values()) or 1.0 for w in weights]
    scores = [1.0] * n
    for _ in range(rounds):
        scores = [(1 - damping) + damping * sum(scores[j] * w / totals[j] for j, w in weights[i].items())
                  for i in range(n)]
    return scores
