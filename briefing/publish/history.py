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
from briefing.languages import periods
from briefing.errors import InputError
from briefing.enrich.figures import merged, shown
from briefing.model import Analysis, Changes, Revised

SNAPSHOT = "analysis.json"
_REWORDED = 0.6  # two directive texts at least this similar are one directive reworded
_WINDOW = 64  # a reworded directive is looked for among this many vanished ones, nearest its place


def snapshot(analysis: Analysis, date: str) -> dict:
    """What the next edition is compared with: directives and figures, in plain JSON."""
    return {
        "date": date,
        "directives": [{"speaker": d.speaker, "verb": d.verb, "text": d.text, "source": d.source_id}
                       for d in analysis.directives],
        "figures": [{"label": g[0].label, "period": g[0].period, "shown": shown(g[0]), "kind": g[0].kind,
                     "measure": g[0].measure, "value": g[0].normalized_value, "source": g[0].source_id}
                    for g in merged(analysis.indicators)],
        "sources": sorted({d.source_id for d in analysis.documents}),
    }


def write_snapshot(folder: Path, data: dict) -> None:
    (folder / SNAPSHOT).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_snapshot(edition: Path) -> dict:
    """An edition's snapshot, checked to be what `snapshot` writes: a file that is not is an InputError naming
    the file and the first thing wrong in it."""
    path = edition / SNAPSHOT if edition.is_dir() else edition
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no analysis.json here", "give an edition folder, e.g. out/<briefing>/<date>/<audience>")
    except RecursionError:
        raise InputError(str(path), "the edition's analysis is nested too deeply to be one", "rebuild the edition")
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the edition's analysis ({exc})", "rebuild the edition")
    problem = _snapshot_problem(data)
    if problem:
        raise InputError(str(path), f"not an edition's analysis: {problem}", "rebuild the edition")
    return data


_DIRECTIVE = {"text": str, "speaker": str, "verb": str, "source": str}  # as `snapshot` writes them
_FIGURE = {"label": str, "period": str, "shown": str, "kind": str, "measure": str, "value": (int, float),
           "source": str}
_REQUIRED = {"directives": ("text",), "figures": ("label", "period", "shown", "value")}


def _snapshot_problem(data: object) -> str:
    """What makes `data` no snapshot (the first thing found), or ""."""
    if not isinstance(data, dict):
        return f"a JSON {_kind(data)}, not an object"
    if not isinstance(data.get("date", ""), str):
        return f'"date" is a {_kind(data["date"])}, not a text'
    for section, fields in (("directives", _DIRECTIVE), ("figures", _FIGURE)):
        entries = data.get(section, [])
        if not isinstance(entries, list):
            return f'"{section}" is a {_kind(entries)}, not a list'
        for n, entry in enumerate(entries):
            problem = _entry_problem(entry, fields, _REQUIRED[section])
            if problem:
                return f"{section}[{n}]: {problem}"
    return ""


def _entry_problem(entry: object, fields: dict[str, type | tuple], required: tuple[str, ...]) -> str:
    if not isinstance(entry, dict):
        return f"a {_kind(entry)}, not an object"
    for name in required:
        if name not in entry:
            return f'no "{name}"'
    for name, kind in fields.items():
        value = entry.get(name)
        if name in entry and (not isinstance(value, kind) or isinstance(value, bool)):
            return f'"{name}" is a {_kind(value)}, not a {"number" if kind != str else "text"}'
    return ""


def _kind(value: object) -> str:
    """The JSON name of a value's type, as a message says it."""
    names = {dict: "object", list: "list", str: "text", bool: "true/false", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def compare(old: dict | None, new: dict, partial: bool = False) -> Changes:
    """The changes from `old` to `new` snapshots; a first edition (no `old`) has none. A `partial` edition (since:
    last-edition) read only some sources: what the others said is not gone, so only what `old` took from the
    sources `new` read again (or from tables, read every time) is compared."""
    if not old:
        return Changes()
    old_directives, old_figures = old.get("directives", []), old.get("figures", [])
    if partial:
        read = set(new.get("sources", [])) | {f.get("source") for f in new.get("figures", [])}
        old_directives = [d for d in old_directives if d.get("source") in read]
        old_figures = [f for f in old_figures if f.get("source") in read]
    new_d, removed_d, reworded = _directives(old_directives, new.get("directives", []))
    new_f, revised, removed_f = _figures(old_figures, new.get("figures", []))
    return Changes(previous=old.get("date", ""), new_directives=new_d, removed_directives=removed_d,
                   reworded=reworded, new_figures=new_f, revised_figures=revised, removed_figures=removed_f)


def _directives(old: list[dict], new: list[dict]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    old_texts = [d["text"] for d in old]
    new_texts = [d["text"] for d in new]
    kept_old, kept_new = set(old_texts), set(new_texts)
    gone = [t for t in old_texts if t not in kept_new]
    added = [t for t in new_texts if t not in kept_old]
    pairs = _reworded(added, gone)
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    return (tuple(t for j, t in enumerate(added) if j not in matched_new),
            tuple(t for i, t in enumerate(gone) if i not in matched_old), tuple((gone[i], added[j]) for i, j in pairs))


def _reworded(added: list[str], gone: list[str]) -> list[tuple[int, int]]:
    """Pairs (vanished, new), as indexes, of one directive reworded: each new text with the vanished one most like it, at
    least _REWORDED alike, looked for among the _WINDOW vanished texts nearest its place in the edition (all of
    them in an edition of a usual size), so that editions of thousands of directives compare in seconds."""
    taken = [False] * len(gone)
    pairs = []
    for n, text in enumerate(added):
        centre = n * len(gone) // len(added)
        start = max(0, min(centre - _WINDOW // 2, len(gone) - _WINDOW))
        found = _closest(text, gone, [i for i in range(start, min(start + _WINDOW, len(gone))) if not taken[i]])
        if found is not None:
            taken[found] = True
            pairs.append((found, n))
    return pairs


def _closest(text: str, candidates: list[str], indexes: list[int]) -> int | None:
    """The index of the candidate most like `text` and at least _REWORDED alike (the first of equals), or None.
    SequenceMatcher's cheap upper bounds (real_quick_ratio on the lengths, quick_ratio on the letters) rule
    most candidates out before the full comparison."""
    best, best_ratio = None, _REWORDED
    matcher = SequenceMatcher(None)
    matcher.set_seq2(text)  # SequenceMatcher caches what it learns of its second text
    for i in indexes:
        matcher.set_seq1(candidates[i])
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or ratio == best_ratio and best is None:
            best, best_ratio = i, ratio
    return best


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
    """A figure as a list of changes shows it, in its label's language: 地区生产总值（2023年）：26.9万亿元,
    GDP (2023): 26.9 trillion; a date as of it (截至2024年4月23日)."""
    pack = languages.for_text(label)
    marks = pack.words.labels
    return f"{label}{marks['open']}{periods.show(period, pack.code)}{marks['close']}{marks['colon']}{value}"


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
