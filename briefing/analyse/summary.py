"""Summary: each source's news lead, then its most central sentences that read on their own, within a length.

The lead (who, what, where, when: "新华社北京4月23日电 ……习近平23日下午在重庆主持召开……") opens the summary,
condensed by the source's language pack; in a briefing of several sources each has its own, in their order.
The other sentences are ranked TextRank-style on a similarity graph (each sentence linked to its neighbours
within a window, so a huge document costs time in proportion); Chinese sentences are compared by character
bigrams (no dictionary to load), English ones by words. A sentence the summary takes reads on its own: a
dropped subject is given the paragraph's speaker ("习近平强调，要……") or the sentence is left out, and so is
one that leans on the sentence before it ("从环比看，……", "This …"), a filler (a note on method, a source line)
and one that repeats a headline directive, listed right below the summary. A sentence too close to one
already chosen is skipped. After the leads, the most important first: a shorter summary (the executive's
key points) is the same sentences, fewer. The same input always gives the same summary.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from dataclasses import dataclass

from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.base import Language, SummaryRules
from briefing.languages.common import ends_sentence
from briefing.model import Directive, Document, SummaryCandidate

_REDUNDANT = 0.5
_REPEATS = 0.6  # a sentence this close to a headline directive repeats it
_LEAD_PARAGRAPHS = 3  # a source's lead is in its first paragraphs of sentences, or it has none
_FULL_GRAPH = 400  # up to this many sentences every pair is compared; beyond, a window keeps it linear
_WINDOW = 20  # each sentence is compared with this many on either side in a longer text


@dataclass(frozen=True)
class _Sentence:
    """A sentence of a source as the graph ranks it, and as a summary would show it (None: never shown)."""

    document: Document
    paragraph: int
    text: str
    shown: str | None
    grams: frozenset[str]  # what it is compared by (_grams), made once: the graph and the repeat check share it
    lead: bool = False


def summarise(documents: tuple[Document, ...], length: int,
              directives: tuple[Directive, ...] = ()) -> tuple[str, ...]:
    """Up to `length` characters (Chinese) or words (English): the leads, then the most central sentences."""
    return fill(candidates(documents, directives), length)


def candidates(documents: tuple[Document, ...], directives: tuple[Directive, ...] = ()) -> tuple[SummaryCandidate, ...]:
    """Every sentence a summary may take, in document order, each with its centrality.

    Every sentence of the sources is ranked (a personalised PageRank leaning towards the opening paragraphs
    and the headline directives, as an analyst's summary does); only those that read on their own are kept.
    """
    speakers = _speakers(directives)
    found = [s for document in documents for s in _sentences(document, directives, speakers.get(document.source_id, ""))]
    if not found:
        return ()
    said = {(d.source_id, d.paragraph): d for d in directives}
    grams = [s.grams for s in found]
    scores = _rank(grams, [_prior(s.document, s.paragraph, s.text, said) for s in found])
    return tuple(SummaryCandidate(s.shown, score, languages.width(s.shown), g, s.lead)
                 for s, score, g in zip(found, scores, grams) if s.shown)


def fill(candidates: tuple[SummaryCandidate, ...], length: int) -> tuple[str, ...]:
    """Within `length`: each source's lead, in their order, then the most central candidates, most central first,
    none too close to one taken before it."""
    order = [i for i, c in enumerate(candidates) if c.lead]
    order += sorted((i for i, c in enumerate(candidates) if not c.lead), key=lambda i: (-candidates[i].score, i))
    chosen: list[int] = []
    used = 0
    for i in order:
        size = candidates[i].width
        if used + size > length:
            continue
        if any(_similarity(candidates[i].grams, candidates[j].grams) > _REDUNDANT for j in chosen):
            continue
        chosen.append(i)
        used += size
    return tuple(candidates[i].text for i in chosen)


def _sentences(document: Document, directives: tuple[Directive, ...], principal: str) -> list[_Sentence]:
    """The document's sentences, each with how a summary shows it: the first of its opening paragraphs that
    stands alone is its lead."""
    pack = languages.get(document.language)
    listed = _listed(document, directives)
    # A numbered item's speaker is its introduction's, in another paragraph; a lead's names itself.
    by_paragraph = {d.paragraph: d for d in reversed(directives) if d.source_id == document.source_id and d.kind != "lead"}
    found: list[_Sentence] = []
    seeking = _LEAD_PARAGRAPHS  # the opening paragraphs with sentences, where a lead is looked for
    for paragraph in document.paragraphs:
        known = by_paragraph.get(paragraph.index)
        speaker, verb = (known.speaker, known.verb) if known else ("", "")
        before = len(found)
        for sentence in pack.sentences(paragraph.text):
            sentence = sentence.strip()
            speaker, verb = _speaking(pack, sentence, speaker, verb, principal)
            if not ends_sentence(sentence) or languages.width(sentence) < pack.min_width:
                continue
            grams = _grams(sentence)
            shown = _shown(pack, document, sentence, grams, speaker, verb, principal, listed, seeking > 0)
            found.append(_Sentence(document, paragraph.index, sentence, shown, grams, bool(shown) and seeking > 0))
            seeking = 0 if shown and seeking > 0 else seeking
        seeking -= 1 if seeking > 0 and len(found) > before else 0
    return found


def _shown(pack: Language, document: Document, sentence: str, grams: frozenset[str], speaker: str, verb: str,
           principal: str, listed: list[tuple[str, frozenset[str]]], lead: bool) -> str | None:
    """The sentence as the summary shows it, a lead condensed; None for a filler, a repeat of a listed directive,
    or a sentence that does not read on its own (a question, a list's introduction, a piece of a quotation …)."""
    rules = pack.summary
    shown = _standing(rules, document, _named(sentence, principal), speaker, verb, lead)
    # The costlier looks last: a third of the sentences do not read on their own (a speech's bare tasks).
    if shown is None or rules.filler(sentence) or _repeats(sentence, grams, listed):
        return None
    return shown


def _standing(rules: SummaryRules, document: Document, named: str, speaker: str, verb: str, lead: bool) -> str | None:
    """The sentence (its pronoun named) as it reads on its own, a lead condensed; None when it does not."""
    if lead:
        named = rules.lead(named, document.date)
        return named if rules.attribute(named, "", "") == named else None
    return rules.attribute(named, speaker, verb)


def _speaking(pack: Language, sentence: str, speaker: str, verb: str, principal: str) -> tuple[str, str]:
    """Who speaks from this sentence on in its paragraph: the one it names with a verb of saying ("他" is the one
    speaking already, else the source's principal speaker), or the one before."""
    opens = pack.summary.said(sentence)
    if not opens:
        return speaker, verb
    who, said = opens
    if who in pack.pronouns:
        who = speaker or principal
    return (who, said) if who else (speaker, verb)


def _listed(document: Document, directives: tuple[Directive, ...]) -> list[tuple[str, frozenset[str]]]:
    """What the briefing lists below the summary: the source's headline directives and its own box of points."""
    texts = [d.text for d in directives if d.is_headline and d.source_id == document.source_id]
    texts += list(document.highlights)
    return [(text.strip(), _grams(text)) for text in texts if text.strip()]


def _repeats(sentence: str, grams: frozenset[str], listed: list[tuple[str, frozenset[str]]]) -> bool:
    """Whether the sentence (its grams) is (nearly) the text of a listed directive, or holds it."""
    return any(text in sentence or sentence in text or _similarity(grams, g) >= _REPEATS for text, g in listed)


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
        if directive.is_headline:
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
    for pack in LANGUAGES.values():  # a plain loop: called for every sentence, a generator costs a quarter more
        found = pack.grams(text)
        if found is not None:
            return found
    raise ValueError("no language pack makes grams of every text")  # the registry's last pack (en) always does


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
    # grams two sentences share (a few hundred of thousands), and the sizes count every gram. Each gram is
    # numbered once (in C loops: dict.fromkeys, map); numpy counts them and keeps those of two or more sentences.
    every = list(itertools.chain.from_iterable(grams))
    numbers = {gram: n for n, gram in enumerate(dict.fromkeys(every))}
    columns = np.fromiter(map(numbers.__getitem__, every), dtype=np.intp, count=len(every))
    sentence = np.repeat(np.arange(len(grams)), [len(g) for g in grams])
    kept = np.bincount(columns, minlength=len(numbers)) > 1
    shared = kept[columns]
    row = (np.cumsum(kept) - 1)[columns[shared]]  # the shared grams renumbered 0, 1, 2 …
    by_gram = np.zeros((max(int(kept.sum()), 1), len(grams)))  # Aᵀ: a row per shared gram, a column per sentence
    by_gram[row, sentence[shared]] = 1.0
    # A·Aᵀ: the grams two sentences share, whole numbers (exact in floating point). analyse() runs with one BLAS
    # thread (threadpoolctl), so the product starts none; it is 4 to 9 times faster than summing each sentence's rows.
    overlap = by_gram.T @ by_gram
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
        # How many grams it shares with each neighbour, counted as they are found (a gram is in a sentence's set
        # once): len(g & grams[j]) without the intersection.
        shared = Counter(itertools.chain.from_iterable(_near(index[gram], low, high) for gram in g))
        shared.pop(i, None)
        size = len(g)
        for j in sorted(shared):  # in order: the grams' follows Python's hash seed, and the totals below are
            weights[i][j] = shared[j] / math.sqrt(size * len(grams[j]))  # sums of floats; as _similarity
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
