"""What changed since the previous edition: directives new, gone or reworded; figures new or revised.

Each edition keeps a snapshot of its analysis (`analysis.json`): the headline
directives and every figure. Comparing two snapshots needs nothing else, so
`briefing diff OLD NEW` works on any two edition folders, and a build compares the
edition it makes with the latest one of the same audience.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from pathlib import Path

from briefing import languages
from briefing.errors import InputError
from briefing.enrich.figures import merged, shown
from briefing.model import Analysis, Changes, Revised

SNAPSHOT = "analysis.json"
_REWORDED = 0.6  # two directive texts at least this similar are one directive reworded


def snapshot(analysis: Analysis, date: str) -> dict:
    """What the next edition is compared with: directives and figures, in plain JSON."""
    return {
        "date": date,
        "directives": [{"speaker": d.speaker, "verb": d.verb, "text": d.text, "source": d.source_id}
                       for d in analysis.directives],
        "figures": [{"label": g[0].label, "period": g[0].period, "shown": shown(g[0]), "kind": g[0].kind,
                     "measure": g[0].measure, "value": g[0].normalized_value}
                    for g in merged(analysis.indicators)],
    }


def write_snapshot(folder: Path, data: dict) -> None:
    (folder / SNAPSHOT).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_snapshot(edition: Path) -> dict:
    path = edition / SNAPSHOT if edition.is_dir() else edition
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no analysis.json here", "give an edition folder, e.g. out/<briefing>/<date>/<audience>")
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the edition's analysis ({exc})", "rebuild the edition")


def compare(old: dict | None, new: dict) -> Changes:
    """The changes from `old` to `new` snapshots; a first edition (no `old`) has none."""
    if not old:
        return Changes()
    new_d, removed_d, reworded = _directives(old.get("directives", []), new.get("directives", []))
    new_f, revised, removed_f = _figures(old.get("figures", []), new.get("figures", []))
    return Changes(previous=old.get("date", ""), new_directives=new_d, removed_directives=removed_d,
                   reworded=reworded, new_figures=new_f, revised_figures=revised, removed_figures=removed_f)


def _directives(old: list[dict], new: list[dict]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    old_texts = [d["text"] for d in old]
    new_texts = [d["text"] for d in new]
    gone = [t for t in old_texts if t not in new_texts]
    added = [t for t in new_texts if t not in old_texts]
    reworded = []
    for text in list(added):
        match = max(gone, key=lambda g: SequenceMatcher(None, g, text).ratio(), default=None)
        if match is not None and SequenceMatcher(None, match, text).ratio() >= _REWORDED:
            reworded.append((match, text))
            gone.remove(match)
            added.remove(text)
    return tuple(added), tuple(gone), tuple(reworded)


def _figures(old: list[dict], new: list[dict]) -> tuple[tuple[str, ...], tuple[Revised, ...], tuple[str, ...]]:
    def key(f: dict) -> tuple:
        return f["label"], f["period"], f.get("kind", ""), f.get("measure", "")

    before = {key(f): f for f in old}
    after = {key(f): f for f in new}
    added = tuple(_note(f["label"], f["period"], f["shown"]) for k, f in after.items() if k not in before)
    removed = tuple(_note(f["label"], f["period"], f["shown"]) for k, f in before.items() if k not in after)
    revised = tuple(Revised(f["label"], f["period"], before[k]["shown"], f["shown"]) for k, f in after.items()
                    if k in before and not _same_value(before[k]["value"], f["value"]))
    return added, revised, removed


def _note(label: str, period: str, value: str) -> str:
    """A figure as a list of changes shows it, in the punctuation of its label's language: 地区生产总值（2023）：26.9万亿元,
    GDP (2023): 26.9 trillion."""
    marks = languages.for_text(label).words.labels
    return f"{label}{marks['open']}{period}{marks['close']}{marks['colon']}{value}"


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def as_text(changes: Changes, old_name: str, new_name: str) -> str:
    """The comparison as `briefing diff` prints it."""
    if changes.empty:
        return f"{old_name} → {new_name}: nothing changed"
    lines = [f"{old_name} → {new_name}"]
    lines += [f"+ directive: {t}" for t in changes.new_directives]
    lines += [f"- directive: {t}" for t in changes.removed_directives]
    lines += [f"~ directive: {a}\n           → {b}" for a, b in changes.reworded]
    lines += [f"+ figure: {f}" for f in changes.new_figures]
    lines += [f"~ figure: {_note(r.label, r.period, f'{r.old} → {r.new}')}" for r in changes.revised_figures]
    lines += [f"- figure: {f}" for f in changes.removed_figures]
    return "\n".join(lines)
