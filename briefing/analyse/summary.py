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
from collections import Counter

from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.common import ends_sentence
from briefing.model import Directive, Document, SummaryCandidate

_REDUNDANT = 0.5
_FULL_GRAPH = 400  # up to this many sentences every pair is compared; beyond, a window keeps it linear
_WINDOW = 20  # each sentence is compared with this many on either side in a longer text


def summarise(documents: tuple[Document, ...], length: int,
              directives: tuple[Directive, ...] = ()) -> tuple[str, ...]:
    """Up to `length` characters (Chinese) or words (English) of the most central sentences."""
    return fill(candidates(documents, directives), length)


def candidates(documents: tuple[Document, ...], directives: tuple[Directive, ...] = ()) -> tuple[SummaryCandidate, ...]:
    """Every sentence a summary may take, in document order, each with its centrality.

    The ranking leans towards the opening paragraphs and the headline directives
    (a personalised PageRank), as an analyst's summary does. A sentence that opens
    with a pronoun ("他指出，…") names the speaker instead, so it reads on its own.
    """
    found = [(document, index, text) for document in documents for index, text in _candidates(document)]
    if not found:
        return ()
    said = {(d.source_id, d.paragraph): d for d in directives}
    grams = [_grams(text) for _, _, text in found]
    scores = _rank(grams, [_prior(document, index, text, said) for document, index, text in found])
    speakers = _speakers(directives)
    named = [_named(text, speakers.get(document.source_id, "")) for document, _, text in found]
    return tuple(SummaryCandidate(text, score, languages.width(text), g) for text, score, g in zip(named, scores, grams))


def fill(candidates: tuple[SummaryCandidate, ...], length: int) -> tuple[str, ...]:
    """The most central candidates within `length`, none too close to one taken before it, in document order."""
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(candidates)), key=lambda i: (-candidates[i].score, i)):
        size = candidates[i].width
        if used + size > length:
            continue
        if any(_similarity(candidates[i].grams, candidates[j].grams) > _REDUNDANT for j in chosen):
            continue
        chosen.append(i)
        used += size
    return tuple(candidates[i].text for i in sorted(chosen))


def _candidates(document: Document) -> list[tuple[int, str]]:
    found = []
    pack = languages.get(document.language)
    for paragraph in document.paragraphs:
        for sentence in pack.sentences(paragraph.text):
            sentence = sentence.strip()
            if ends_sentence(sentence) and languages.width(sentence) >= pack.min_width:
                found.append((paragraph.index, sentence))
    return found


def _prior(document: Document, paragraph: int, text: str, said: dict[tuple[str, int], Directive]) -> float:
    """Where a reader looks first: the opening paragraphs, and the sentences that state a directive."""
    weight = 1.0
    if paragraph <= 2:
        weight += 1.0
    directive = said.get((document.source_id, paragraph))
    if directive and directive.text.strip()[:12] in text:
        weight += 2.0
    return weight


def _speakers(directives: tuple[Directive, ...]) -> dict[str, str]:
    """The principal speaker of each source: the one its headline directives name."""
    found: dict[str, str] = {}
    for directive in directives:
        found.setdefault(directive.source_id, directive.speaker)
    return found


def _named(sentence: str, speaker: str) -> str:
    """"他指出，……" → "习近平指出，……" when the source's speaker is known."""
    if not speaker:
        return sentence
    for pack in LANGUAGES.values():
        match = pack.opening_pronoun.match(sentence)
        if match:
            return speaker + pack.gap + sentence[match.end():]
    return sentence


def _grams(text: str) -> frozenset[str]:
    """What a sentence is compared by: the grams of the first pack whose script the sentence is in."""
    return next(found for pack in LANGUAGES.values() if (found := pack.grams(text)) is not None)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _near(positions: list[int], low: int, high: int) -> list[int]:
    """The sorted positions between low and high."""
    return positions[bisect.bisect_left(positions, low):bisect.bisect_right(positions, high)]


def _rank(grams: list[frozenset[str]], prior: list[float], damping: float = 0.85, rounds: int = 30) -> list[float]:
    """Personalised PageRank over the sentence-similarity graph (weights are the similarities)."""
    mean = sum(prior) / len(prior)
    teleport = [(1 - damping) * p / mean for p in prior]
    if len(grams) <= _FULL_GRAPH:
        return _rank_all_pairs(grams, teleport, damping, rounds)
    return _rank_in_windows(grams, teleport, damping, rounds)


def _rank_all_pairs(grams: list[frozenset[str]], teleport: list[float], damping: float, rounds: int) -> list[float]:
    """Every pair compared at once: the similarity matrix from a sentence-by-gram incidence matrix."""
    import numpy as np

    # A gram of one sentence only adds to its own diagonal entry, which is set to 0: the matrix holds only the
    # grams two sentences share (a few hundred of thousands), and the sizes count every gram.
    counts: Counter[str] = Counter()
    for g in grams:
        counts.update(g)
    vocabulary = {gram: column for column, gram in enumerate(gram for gram, n in counts.items() if n > 1)}
    shared = [[vocabulary[gram] for gram in g if gram in vocabulary] for g in grams]  # any column order will do
    by_gram = np.zeros((max(len(vocabulary), 1), len(grams)))  # Aᵀ: a row per gram, a column per sentence
    by_gram[[c for columns in shared for c in columns], [i for i, columns in enumerate(shared) for _ in columns]] = 1.0
    # A·Aᵀ row by row, each the sum of the rows of the sentence's grams: the same whole numbers as a matrix
    # product, without the BLAS threads that a product this small spends more time starting than computing.
    overlap = np.array([by_gram[columns].sum(axis=0) for columns in shared]).reshape(len(grams), len(grams))
    sizes = np.array([float(len(g)) for g in grams])
    norms = np.sqrt(np.outer(sizes, sizes))
    norms[norms == 0] = 1.0
    similarity = overlap / norms
    np.fill_diagonal(similarity, 0.0)
    totals = similarity.sum(axis=0)
    totals[totals == 0] = 1.0
    transition = similarity / totals[np.newaxis, :]
    scores = np.ones(len(grams))
    base = np.array(teleport)
    for _ in range(rounds):
        scores = base + damping * (transition @ scores)
    return [round(float(x), 9) for x in scores]


def _rank_in_windows(grams: list[frozenset[str]], teleport: list[float], damping: float, rounds: int) -> list[float]:
    """A long text: each sentence linked to its neighbours within a window, in time linear in the length."""
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
    edges = [[(j, w / totals[j]) for j, w in sorted(weights[i].items())] for i in range(n)]
    scores = [1.0] * n
    for _ in range(rounds):
        new = [teleport[i] + damping * sum(scores[j] * w for j, w in edges[i]) for i in range(n)]
        settled = max((abs(a - b) for a, b in zip(new, scores)), default=0.0) < 1e-6
        scores = new
        if settled:
            break
    return scores
