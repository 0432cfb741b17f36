"""Scoring the analysis against hand-written gold files: precision, recall and F1.

A gold file `NAME.gold.json` sits beside its document and says what a careful
analyst extracts from it. Two formats are read:

- the project's own (tests/gold/README.md): a directive counts as found when its
  speaker, verb, paragraph and headline text are all right; an indicator when its
  value, unit, period and sentence are;
- the shared evaluation's (../shared/eval/README.md, the real documents): texts and
  quotes compared loosely, plausible alternates neither rewarded nor penalised, and the
  matched directives' speakers and indicators' periods counted apart, exactly as
  ../shared/eval/score.py scores `briefing extract` (a test holds the two equal).

Matching is one to one, so a figure reported twice counts once and the second is a
false positive.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.ingest import read_document
from briefing.languages import LANGUAGES
from briefing.languages.common import END_MARKS, QUOTES_CLOSE, QUOTES_OPEN
from briefing.languages.matching import loose, without_gloss
from briefing.model import Directive, Document, Indicator
from briefing.pipeline import analyse_document
from briefing.patterns import lazy


@dataclass(frozen=True)
class Counts:
    """True positives, what the tool returned, and what the gold file holds."""

    right: int = 0
    returned: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.returned if self.returned else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.right + other.right, self.returned + other.returned, self.gold + other.gold)

    def cell(self) -> str:
        return f"P {self.precision:.2f} R {self.recall:.2f} F1 {self.f1:.2f} ({self.right}/{self.returned}/{self.gold})"


@dataclass(frozen=True)
class DocumentScore:
    name: str
    language: str
    genre: str
    directives: Counts
    indicators: Counts
    problems: tuple[str, ...] = field(default=())
    speakers: Counts = Counts()  # shared format: matched directives whose speaker is right (right/-/matched)
    periods: Counts = Counts()  # shared format: matched figures whose period overlaps the gold year


@dataclass(frozen=True)
class Evaluation:
    documents: tuple[DocumentScore, ...]

    @property
    def directives(self) -> Counts:
        return sum((d.directives for d in self.documents), Counts())

    @property
    def indicators(self) -> Counts:
        return sum((d.indicators for d in self.documents), Counts())

    @property
    def speakers(self) -> Counts:
        return sum((d.speakers for d in self.documents), Counts())

    @property
    def periods(self) -> Counts:
        return sum((d.periods for d in self.documents), Counts())

    def by(self, key: str) -> dict[str, tuple[Counts, Counts]]:
        groups: dict[str, tuple[Counts, Counts]] = {}
        for doc in self.documents:
            d, i = groups.get(getattr(doc, key), (Counts(), Counts()))
            groups[getattr(doc, key)] = (d + doc.directives, i + doc.indicators)
        return dict(sorted(groups.items()))


def evaluate(folder: Path) -> Evaluation:
    """Score every document of FOLDER that has a gold file."""
    golds = sorted(folder.glob("*.gold.json"))
    if not golds:
        raise InputError(str(folder), "no gold files (*.gold.json) here",
                         "point briefing eval at a folder such as tests/gold; its README.md gives the format")
    return Evaluation(tuple(score_document(path) for path in golds))


def score_document(gold_path: Path) -> DocumentScore:
    gold = _read_gold(gold_path)
    if is_shared_format(gold):
        return score_shared(gold_path, gold)
    document = read_document(gold_path.parent / gold["source"])
    analysis = analyse_document(document)
    headlines, others, found_indicators = analysis.directives, analysis.other_remarks, analysis.indicators
    problems: list[str] = []
    directives = _score_directives(gold, document, headlines, problems)
    _check_other_speakers(gold, others, problems)
    indicators = _score_indicators(gold, found_indicators, problems)
    return DocumentScore(gold_path.name.removesuffix(".gold.json"), gold.get("language", document.language),
                         gold.get("genre", "readout"), directives, indicators, tuple(problems))


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a JSON gold file ({exc})", "fix the JSON; tests/gold/README.md gives the format")
    missing = [key for key in ("source", "directives", "indicators") if key not in gold]
    if missing:
        raise InputError(str(path), f"missing {', '.join(missing)}", "add them; tests/gold/README.md gives the format")
    return gold


def normal(text: str) -> str:
    """Text for comparison: width-folded, without whitespace, quotes or the final punctuation mark."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    return text.strip(QUOTES_OPEN + QUOTES_CLOSE + " ").rstrip(END_MARKS + "\"'“”’ ")


def _score_directives(gold: dict, document: Document, found: tuple[Directive, ...], problems: list[str]) -> Counts:
    paragraphs = {p.index: p.text for p in document.paragraphs}
    unmatched = list(found)
    right = 0
    for expected in gold["directives"]:
        hit = next((d for d in unmatched if _same_directive(d, expected, paragraphs)), None)
        if hit:
            unmatched.remove(hit)
            right += 1
            continue
        near = next((d for d in unmatched if normal(d.text) == normal(expected["text"])), None)
        if near:
            problems.append(f"directive wrong: got {near.speaker}/{near.verb}/¶{near.paragraph}, want "
                            f"{expected['speaker']}/{expected['verb']}: {expected['text'][:40]}")
        else:
            problems.append(f"directive missing: {expected['speaker']}/{expected['verb']}: {expected['text'][:60]}")
    for extra in unmatched:
        problems.append(f"directive extra: {extra.speaker}/{extra.verb}/¶{extra.paragraph}: {extra.text[:60]}")
    return Counts(right, len(found), len(gold["directives"]))


def _same_directive(found: Directive, expected: dict, paragraphs: dict[int, str]) -> bool:
    return (normal(found.text) == normal(expected["text"])
            and found.speaker.lower() == expected["speaker"].lower()
            and found.verb.lower() == expected["verb"].lower()
            and normal(_unmarked(expected["paragraph_contains"])) in normal(paragraphs.get(found.paragraph, "")))


def _unmarked(phrase: str) -> str:
    """A phrase quoted from the source file as written, without the Markdown marks the reader drops ("**SEC. 5.**")."""
    return re.sub(r"^#{1,6}\s+", "", re.sub(r"\*\*|__", "", phrase))


def _check_other_speakers(gold: dict, others: tuple[Directive, ...], problems: list[str]) -> None:
    for other in gold.get("other_speakers", []):
        said = [normal(o.text + "".join(o.actions)) for o in others if o.speaker == other["speaker"]]
        if not any(normal(other["text_contains"]) in text for text in said):
            problems.append(f"remark of {other['speaker']} missing: {other['text_contains'][:40]}")


def same_period(found: str, gold: str) -> bool:
    """The same period, or a gold year given for a more precise one within that year: the interval from
    1 January ("今年以来", "so far this year") or the document's date (a figure stated as of now)."""
    if found == gold:
        return True
    return len(gold) == 4 and (found.startswith(f"{gold}-01-01/") or re.fullmatch(rf"{gold}-\d\d-\d\d", found) is not None)


def _score_indicators(gold: dict, found: tuple[Indicator, ...], problems: list[str]) -> Counts:
    unmatched = list(found)
    right = 0
    for expected in gold["indicators"]:
        hit = next((i for i in unmatched if _same_indicator(i, expected)), None)
        if hit:
            unmatched.remove(hit)
            right += 1
            continue
        near = [f"{i.value}{i.unit} {i.period}" for i in unmatched if i.value == expected["value"]]
        problems.append(f"indicator missing: {expected['value']}{expected['unit']} {expected['period']} "
                        f"({expected.get('name_contains', '')})" + (f"; near: {', '.join(near)}" if near else ""))
    for extra in unmatched:
        problems.append(f"indicator extra: {extra.value}{extra.unit} {extra.period} ({extra.name}): {extra.quote[:50]}")
    return Counts(right, len(found), len(gold["indicators"]))


_SAME_UNITS = {spelling: unit for pack in LANGUAGES.values() for spelling, unit in pack.unit_spellings.items()}
_SCALES = {word for pack in LANGUAGES.values() for word in pack.scales}


def same_unit(found: str, gold: str) -> bool:
    """Units as written, with the spellings of one unit taken as one ("percent", "per cent", "%").

    A count's unit is its head noun: "400,000 unfilled jobs" counts jobs, whether the
    gold file writes "jobs" or "unfilled jobs"; the scale ("million") must agree.
    """
    found, gold = (_SAME_UNITS.get(u.strip(), u.strip()) for u in (found, gold))
    if found == gold:
        return True
    a, b = found.lower().split(), gold.lower().split()
    return bool(a and b) and a[-1] == b[-1] and (set(a) & _SCALES) == (set(b) & _SCALES)


def _same_indicator(found: Indicator, expected: dict) -> bool:
    return (found.value == expected["value"] and same_unit(found.unit, expected["unit"])
            and same_period(found.period, expected["period"])
            and normal(expected["quote_contains"]) in normal(found.quote))


def report(evaluation: Evaluation, verbose: bool = False) -> str:
    """The table `briefing eval` prints: per document, per language and genre, and in total."""
    width = max(len(d.name) for d in evaluation.documents)
    lines = [f"{'document':{width}}  {'directives':38}  indicators"]
    for doc in evaluation.documents:
        lines.append(f"{doc.name:{width}}  {doc.directives.cell():38}  {doc.indicators.cell()}")
        if verbose:
            lines.extend(f"{'':{width}}    - {problem}" for problem in doc.problems)
    lines.append("")
    for key in ("language", "genre"):
        for name, (d, i) in evaluation.by(key).items():
            lines.append(f"{key + ' ' + name:{width}}  {d.cell():38}  {i.cell()}")
    lines.append(f"{'total':{width}}  {evaluation.directives.cell():38}  {evaluation.indicators.cell()}")
    lines.append("(right/returned/gold)")
    if evaluation.speakers.gold or evaluation.periods.gold:
        lines.append(f"matched directives with the right speaker: {evaluation.speakers.right}/{evaluation.speakers.gold}; "
                     f"matched indicators with a period overlapping the gold year: "
                     f"{evaluation.periods.right}/{evaluation.periods.gold}")
    return "\n".join(lines)


def as_json(result: "Evaluation") -> list[dict]:
    """The scores of every document, as `briefing eval --json` prints them."""
    return [{"document": d.name, "language": d.language, "genre": d.genre, "directives": vars(d.directives),
             "indicators": vars(d.indicators), "problems": list(d.problems)} for d in result.documents]


# ---------------------------------------------------------------- the shared evaluation's format


def is_shared_format(gold: dict) -> bool:
    """A gold file of ../shared/eval: its document is NAME.txt beside it, with alternates and excluded numbers."""
    return any(key in gold for key in ("speakers", "alternate_directives", "excluded_numbers"))


def score_shared(gold_path: Path, gold: dict) -> DocumentScore:
    """One document scored as ../shared/eval/score.py scores `briefing extract` on it."""
    document = read_document(gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt"))
    analysis = analyse_document(document)
    problems: list[str] = []
    wanted = [d["text"] for d in gold["directives"]]
    alternates = [d["text"] for d in gold.get("alternate_directives", [])]
    pairs, directives = _match([d.text for d in analysis.directives], wanted, alternates, _loosely_same_directive,
                               problems)
    said = {d.text: d.speaker for d in analysis.directives}
    speakers = {d["text"]: d.get("speaker", "") for d in gold["directives"]}
    right_speakers = sum(_same_speaker(said.get(found, ""), speakers.get(want, "")) for found, want in pairs)
    excluded = [{"value": x.get("value", x.get("quote")), "quote": x["quote"]} for x in gold.get("excluded_numbers", [])]
    found = [{"value": i.value, "unit": i.unit, "quote": i.quote, "period": i.period} for i in analysis.indicators]
    figure_pairs, indicators = _match(found, gold["indicators"], excluded, _loosely_same_figure, problems)
    periods = [ok for ok in (_period_agrees(f, g) for f, g in figure_pairs) if ok is not None]
    return DocumentScore(gold_path.name.removesuffix(".gold.json"), gold.get("language", document.language),
                         _genre(gold.get("genre", "")), directives, indicators, tuple(problems), Counts(right_speakers, len(pairs), len(pairs)),
                         Counts(sum(periods), len(periods), len(periods)))


def _genre(text: str) -> str:
    """A shared gold file's genre, without the description after it: "readout: 考察 inspection tour" → readout."""
    return re.split(r"[:(]", text, maxsplit=1)[0].strip() or "other"


def _match(found: list, wanted: list, alternates: list, same, problems: list[str]) -> tuple[list[tuple], Counts]:
    """Each found item paired with the first unused gold item it matches, in the order found, and the counts:
    right, returned (a found item that matches only an alternate is neither right nor wrong) and gold."""
    used: set[int] = set()
    pairs = []
    neutral = 0
    for item in found:
        hit = next((i for i, g in enumerate(wanted) if i not in used and same(item, g)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((item, wanted[hit]))
        elif any(same(item, a) for a in alternates):
            neutral += 1
        else:
            problems.append(f"extra: {str(item)[:80]}")
    problems.extend(f"missing: {str(g)[:80]}" for i, g in enumerate(wanted) if i not in used)
    return pairs, Counts(len(pairs), len(found) - neutral, len(wanted))


def _loosely_same_directive(found: str, gold: str) -> bool:
    p, g = loose(found), loose(gold)
    if not p or not g:
        return False
    if g in p and len(p) <= 3 * len(g):
        return True
    if p in g and len(p) >= 0.6 * len(g):
        return True
    return difflib.SequenceMatcher(None, p, g, autojunk=False).ratio() >= 0.7


def _number(value) -> float | str:
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return loose(str(value))


def _loosely_same_figure(found: dict, gold: dict) -> bool:
    if _number(found.get("value")) != _number(gold.get("value")):
        return False
    fq, gq = loose(found.get("quote", "")), loose(gold.get("quote", ""))
    if fq and gq and (fq in gq or gq in fq or difflib.SequenceMatcher(None, fq, gq, autojunk=False).ratio() >= 0.5):
        return True
    return loose(found.get("unit", "")) == loose(gold.get("unit", "")) and loose(gold.get("unit", "")) != ""


def _same_speaker(found: str, gold: str) -> bool:
    want, got = loose(without_gloss(gold)), loose(found)
    return bool(want) and bool(got) and (want in got or got in want)


_YEARS = lazy(r"(?:19|20)\d\d")


def _period_agrees(found: dict, gold: dict) -> bool | None:
    """None where the gold names no year; else whether the found period's years overlap the gold's."""
    wanted = [int(y) for y in _YEARS.findall(str(gold.get("year", "")))]
    if not wanted:
        return None
    years = [int(y) for y in _YEARS.findall(str(found.get("period", "")))]
    return bool(years) and min(years) <= max(wanted) and max(years) >= min(wanted)
