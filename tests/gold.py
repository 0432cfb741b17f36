"""Scoring the analysis against the hand-written gold files of tests/corpus/."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefing.directives import find_directives
from briefing.indicators import indicators_in
from briefing.ingest import read_document

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Score:
    name: str
    problems: list[str] = field(default_factory=list)
    directives_right: int = 0
    directives_gold: int = 0
    indicators_found: int = 0
    indicators_gold: int = 0
    indicators_returned: int = 0


def gold_files() -> list[Path]:
    return sorted(CORPUS.glob("*.gold.json"))


def same_period(found: str, gold: str) -> bool:
    """Gold files give a year for "今年以来"/"so far this year"; the analysis gives the interval in that year."""
    return found == gold or (len(gold) == 4 and found.startswith(f"{gold}-01-01/"))


def score(gold_path: Path) -> Score:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document = read_document(CORPUS / gold["source"])
    result = Score(gold["source"])
    headlines, others = find_directives(document)
    result.directives_gold = len(gold["directives"])
    paragraphs = {p.index: p.text for p in document.paragraphs}
    for i, expected in enumerate(gold["directives"]):
        got = headlines[i] if i < len(headlines) else None
        if got is None:
            result.problems.append(f"directive {i + 1} missing: {expected['text']}")
            continue
        ok = (got.text.strip() == expected["text"].strip() and got.speaker == expected["speaker"]
              and got.verb == expected["verb"] and expected["paragraph_contains"] in paragraphs[got.paragraph])
        if ok:
            result.directives_right += 1
        else:
            result.problems.append(f"directive {i + 1}: got {got.speaker}/{got.verb}/{got.text!r} ¶{got.paragraph}, "
                                   f"want {expected['speaker']}/{expected['verb']}/{expected['text']!r}")
    for extra in headlines[len(gold["directives"]):]:
        result.problems.append(f"extra directive: {extra.text!r}")
    for snippet in gold.get("not_directives", []):
        for d in headlines:
            if snippet in d.text:
                result.problems.append(f"not a directive, but found: {d.text!r}")
    for other in gold.get("other_speakers", []):
        if not any(o.speaker == other["speaker"] and other["text_contains"] in o.text + "".join(o.actions) for o in others):
            result.problems.append(f"remark of {other['speaker']} missing: {other['text_contains']}")
    found = indicators_in(document)
    result.indicators_gold = len(gold["indicators"])
    result.indicators_returned = len(found)
    for expected in gold["indicators"]:
        match = [i for i in found if i.value == expected["value"] and i.unit == expected["unit"]
                 and same_period(i.period, expected["period"]) and expected["quote_contains"] in i.quote]
        if match:
            result.indicators_found += 1
        else:
            near = [f"{i.name}/{i.period}/{i.value}/{i.unit}" for i in found if i.value == expected["value"]]
            result.problems.append(f"indicator missing: {expected['name_contains']} {expected['period']} "
                                   f"{expected['value']}{expected['unit']} (near: {near})")
    for snippet in gold.get("non_indicators", []):
        for i in found:
            if snippet in i.quote and any(ch.isdigit() for ch in snippet) and i.value in snippet:
                result.problems.append(f"not an indicator, but found: {i.value}{i.unit} in {snippet!r}")
    return result


if __name__ == "__main__":
    for path in gold_files():
        s = score(path)
        print(f"{s.name}: directives {s.directives_right}/{s.directives_gold}, "
              f"indicators {s.indicators_found}/{s.indicators_gold} (returned {s.indicators_returned})")
        for p in s.problems:
            print("   -", p)
