"""Editions on disk: where a briefing's editions live, `latest`, the previous edition, pruning.

    out/<briefing>/                     the briefing's root
        .lock                           held for the whole of a build (a real file lock)
        .scratch.briefing-*.tmp         the charts of the build running, before they are copied into editions
        <date>/<audience>/              an edition: briefing.docx, digest.md, charts/, manifest.json
        latest/<audience> -> ../<date>/<audience>

A build killed at any moment leaves at most a hidden staging or scratch folder (`.<name>.briefing-*.tmp`)
or a replaced edition waiting to be removed (`.<name>.briefing-<pid>.old`); the next build, which
holds the lock, removes them. Only a folder that holds a manifest of this briefing (made
from the same config file) is ever replaced or pruned; anything else in the way is an
input error, never deleted. The operating system releases the lock of a killed
process, so nothing stale blocks the next run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefing.errors import InputError
from briefing.publish import MARK
from briefing.publish.manifest import read_manifest
from briefing.patterns import lazy

_DATE = lazy(r"\d{4}-\d{2}-\d{2}")


def root(base: Path, name: str, output: str, out: Path | None) -> Path:
    """The folder that holds every edition of briefing `name`: the `output` pattern (relative to `base`, the
    config's folder) up to its {date}; or out/<name> when the command line gives --out."""
    if out is not None:
        return Path(out) / name
    pattern = output.replace("\\", "/")
    head = pattern.split("{date}", 1)[0] if "{date}" in pattern else os.path.dirname(pattern)
    return base / head.format(briefing=name, audience="").rstrip("/")


def clean_stale(folder: Path, config: Path) -> list[Path]:
    """Tidy what a killed build left in the briefing's root and its date folders. Call with the lock held.

    A staging folder is removed. A replaced edition of this config (`.<name>.briefing-<pid>.old`) is
    put back when the build was killed between moving it aside and moving the new one in, so the
    previous edition survives; otherwise it is removed. Nothing without the build's mark is touched.
    """
    removed = []
    places = [folder] + [d for d in _dated(folder)]
    for old in (o for place in places for o in place.glob(f".*.{MARK}*.old")):
        if not made_by(old, config):
            continue
        original = old.with_name(old.name[1:].rsplit(".", 2)[0])
        if not os.path.lexists(original):
            os.replace(old, original)
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    for leftover in (t for place in places for t in place.glob(f".*.{MARK}*.tmp")):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    for dated in _dated(folder):
        if not any(dated.iterdir()):
            dated.rmdir()  # a date folder a killed build created and never filled
    latest = folder / "latest"
    for link in latest.glob(f".*.{MARK}*.tmp") if latest.is_dir() and not latest.is_symlink() else ():
        link.unlink(missing_ok=True)
        removed.append(link)
    return removed


def _dated(folder: Path) -> list[Path]:
    """The root's date folders (real folders, not links), oldest first."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _DATE.fullmatch(p.name) and p.is_dir() and not p.is_symlink()),
                  key=lambda p: p.name)


def recorded_config(edition: Path) -> str | None:
    """The config an edition was made from, as its manifest records it; None when the folder is no edition."""
    if edition.is_symlink() or not edition.is_dir():
        return None
    data = read_manifest(edition)
    config = data.get("config") if isinstance(data, dict) else None
    path = config.get("path") if isinstance(config, dict) and "briefing" in data else None
    return path if isinstance(path, str) else None


def made_by(edition: Path, config: Path) -> bool:
    """Whether the folder is an edition made from this config file."""
    recorded = recorded_config(edition)
    return recorded is not None and _same_file(Path(recorded), config)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normpath(a) == os.path.normpath(b)


def check_destinations(folder: Path, destinations: dict[str, Path], config: Path, force: bool) -> None:
    """Refuse, before anything is read, to replace what is not an edition of this briefing: a folder or file
    of the user's, or (unless forced) another config's edition; `latest` pointers the same."""
    latest = folder / "latest"
    if os.path.lexists(latest) and (latest.is_symlink() or not latest.is_dir()):
        raise InputError(str(latest), "is not the folder of pointers this tool made, and is never replaced",
                         "move it away, or give the briefing another output: folder")
    for audience, destination in destinations.items():
        if os.path.lexists(destination):
            check_replaceable(destination, config, force)
        link = folder / "latest" / audience
        if os.path.lexists(link) and not link.is_symlink():
            raise InputError(str(link), "is not a pointer this tool made, and is never replaced",
                             "move it away, or give the briefing another output: folder")
        if link.is_symlink() and link.exists() and not force and not made_by(link.resolve(), config):
            raise InputError(str(folder), f"holds the editions of another briefing "
                             f"(made from {recorded_config(link.resolve()) or 'an unknown config'})",
                             "give each config its own name: or output:, or pass --force to take the folder over")


def check_replaceable(destination: Path, config: Path, force: bool) -> None:
    """Raise unless the folder is an older edition of this config (of another config too, when forced)."""
    recorded = recorded_config(destination)
    if recorded is None:
        raise InputError(str(destination), "exists and is not an edition of this briefing, so it is never replaced",
                         "move it away, or change output: in the config")
    if not force and not _same_file(Path(recorded), config):
        raise InputError(str(destination), f"is an edition of another briefing (made from {recorded})",
                         "give each config its own name: or output:, or pass --force to replace it")


def root_problem(root: Path, project: Path, inputs: list[Path], templates: list[Path]) -> str | None:
    """Why a folder cannot hold a briefing's editions, or None: it is the project's folder or an ancestor, or
    it holds one of the briefing's inputs, or lies inside a template. Compared as written (links not
    followed), so a link to a shared disk is fine."""
    root, project = Path(os.path.abspath(root)), Path(os.path.abspath(project))
    if root == project or root in project.parents:
        return f"the editions' folder {root} is the project's folder" + ("" if root == project else " or holds it")
    for path in inputs:
        if root in Path(os.path.abspath(path)).parents:
            return f"the editions' folder {root} holds the briefing's own input {path}"
    for template in templates:
        template = Path(os.path.abspath(template))
        if root == template or template in root.parents:
            return f"the editions' folder {root} is inside the template {template}"
    return None


def in_the_way(folder: Path) -> Path | None:
    """The file (not a folder) that stands where the editions' folder or one of its parents must be, or None."""
    for path in [folder, *folder.parents]:
        if os.path.lexists(path):
            return None if path.is_dir() else path
    return None


def latest_edition(folder: Path, audience: str) -> Path | None:
    """The newest edition of an audience: where `latest` points, else the newest dated folder."""
    link = folder / "latest" / audience
    if link.exists() and (link / "manifest.json").is_file():
        return link.resolve()
    dated = sorted((p / audience for p in folder.iterdir() if _DATE.fullmatch(p.name) and (p / audience).is_dir()),
                   reverse=True) if folder.is_dir() else []
    return next((p for p in dated if (p / "manifest.json").is_file()), None)


def dated_edition(folder: Path, audience: str, date: str | None) -> Path | None:
    """The edition of an audience for that date when there is one; with no date, the latest edition."""
    if date is None:
        return latest_edition(folder, audience)
    found = [e for d in _dated(folder) if d.name == date and ((e := d / audience) / "manifest.json").is_file()]
    return found[0] if found else None


def latest_date(folder: Path, audiences: list[str]) -> str | None:
    """The date of the newest of the audiences' latest editions (their manifests say it), or None."""
    dates = [d for a in audiences if (e := latest_edition(folder, a)) is not None
             and isinstance(d := read_manifest(e).get("date"), str)]
    return max(dates, default=None)


def latest_editions(folder: Path, audiences: list[str]) -> list[Path]:
    """The newest edition of each audience that has one; an InputError when none has been built."""
    found = [e for a in audiences if (e := latest_edition(folder, a)) is not None]
    if not found:
        raise InputError(str(folder), "no edition has been built yet", "run briefing build first")
    return found


def previous_edition(folder: Path, audience: str, date: str) -> Path | None:
    """The newest edition of an audience dated before `date`: what a new edition is compared with."""
    if not folder.is_dir():
        return None
    dated = sorted((p / audience for p in folder.iterdir() if _DATE.fullmatch(p.name) and p.name < date), reverse=True)
    return next((p for p in dated if (p / "manifest.json").is_file()), None)


def issue_number(folder: Path | None, audience: str, date: str, first: int = 1) -> int:
    """The 期号 of the audience's edition of `date`. A rebuild of a date keeps the number its edition records;
    a new edition takes the number after the newest earlier edition's, from 1 again in a new year (as GB/T
    9704's 2026年第1期 counts); `first` when no earlier edition records a number (a first edition)."""
    if folder is None:
        return first
    same = dated_edition(folder, audience, date)
    kept = _issue_of(same) if same is not None else None
    if kept is not None:
        return kept[0]
    earlier = previous_edition(folder, audience, date)
    last = _issue_of(earlier) if earlier is not None else None
    if last is None:
        return first
    number, year = last
    return number + 1 if year == int(date[:4]) else 1


def _issue_of(edition: Path) -> tuple[int, int] | None:
    """(number, year) as an edition's manifest records its 期号, or None."""
    issue = read_manifest(edition).get("issue")
    number, year = (issue.get("number"), issue.get("year")) if isinstance(issue, dict) else (None, None)
    numbers = isinstance(number, int) and isinstance(year, int) and not isinstance(number, bool) and number > 0
    return (number, year) if numbers else None


def changed_since_last_edition(paths: tuple[Path, ...], folder: Path, audiences: list[str]) -> tuple[Path, ...]:
    """The sources modified after the latest edition was written (all of them when there is none)."""
    written = [(e / "manifest.json").stat().st_mtime for a in audiences if (e := latest_edition(folder, a))]
    if not written:
        return paths
    since = min(written)
    return tuple(p for p in paths if p.stat().st_mtime > since)


def up_to_date(folder: Path, audiences: list[str], digest: str, date: str | None = None) -> bool:
    """Whether every audience's latest edition (or its edition of `date`) was built from exactly these inputs."""
    for audience in audiences:
        edition = dated_edition(folder, audience, date)
        inputs = read_manifest(edition).get("inputs") if edition is not None else None
        if not isinstance(inputs, dict) or inputs.get("digest") != digest:
            return False  # no edition, or one from before the digest was recorded
    return True


def point_latest(folder: Path, audience: str, edition: Path) -> bool:
    """Make latest/<audience> point at the edition, replacing the old pointer in one step; never backwards (an
    edition dated before the one it points at leaves it). False when it stays."""
    latest = folder / "latest"
    current = latest / audience
    if current.exists() and read_manifest(current).get("date", "") > read_manifest(edition).get("date", ""):
        return False
    latest.mkdir(parents=True, exist_ok=True)
    target = os.path.relpath(edition, latest)
    temporary = latest / f".{audience}.{MARK}{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, latest / audience)
    return True


def prune(folder: Path, keep: int | None, config: Path, published: list[Path] = ()) -> list[Path]:
    """Remove this config's editions in the oldest date folders beyond `keep`; never the ones `latest` points
    at nor those just `published` (an earlier date asked for), never a folder that is not this config's
    edition. A date folder left empty is removed."""
    if not keep or not folder.is_dir():
        return []
    ours = [d for d in _dated(folder) if any(made_by(e, config) for e in d.iterdir())]
    latest = folder / "latest"
    pinned = {p.resolve().parent for p in latest.iterdir()} if latest.is_dir() and not latest.is_symlink() else set()
    pinned |= {p.resolve().parent for p in published}
    removed = []
    for dated in ours[:-keep]:
        if dated.resolve() in pinned:
            continue
        for edition in [e for e in dated.iterdir() if made_by(e, config)]:
            shutil.rmtree(edition, ignore_errors=True)
            removed.append(edition)
        if not any(dated.iterdir()):
            dated.rmdir()
    return removed


def owed(folder: Path, audiences: list[str]) -> list[Path]:
    """The latest editions whose delivery is still owed: published, but the deliver hook never finished."""
    found = [e for a in audiences if (e := latest_edition(folder, a)) is not None]
    return [e for e in found if read_manifest(e).get("delivery") == "owed"]
