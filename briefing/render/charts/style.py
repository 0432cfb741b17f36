"""Chart styles: a template's chart.mplstyle, layered along its template chain and validated."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.errors import InputError, InputErrors
from briefing.render.charts.fonts import register_fonts
from briefing.resources import BUILTIN_TEMPLATES
from briefing.templating import chain_folders

STYLE_FILE = "chart.mplstyle"
BASE_STYLE = "analyst"  # the built-in style every other style is layered on

# Settings a style file may not change, and why; they are applied after every style.
FIXED = {
    "text.parse_math": (False, "a $ in a label must stay a dollar sign"),
    "text.usetex": (False, "LaTeX would replace the bundled font and needs a TeX installation"),
    "savefig.bbox": ("standard", "a chart is as wide as the page, not as its contents"),
    "savefig.format": ("png", "charts are PNG files"),
    "backend": (None, "charts are drawn off-screen"),
}
# Settings matplotlib itself will not take from a style (its style blacklist): refused, not ignored.
NOT_STYLE = {"interactive", "toolbar", "timezone", "date.epoch", "tk.window_focus", "figure.max_open_warning",
             "figure.raise_window", "savefig.directory", "docstring.hardcopy", "backend_fallback"}


@dataclass(frozen=True)
class ChartStyle:
    """One look of charts: matplotlib settings layered from style files, base first."""

    files: tuple[Path, ...]
    rc: dict[str, Any] = field(compare=False, hash=False)
    id: str = ""  # a digest of the settings, whatever files they came from: equal settings, one drawing

    @property
    def width(self) -> float:
        """The chart's width in inches: the text width of the page (6.3 in: A4, 2.5 cm margins)."""
        return float(self._size[0])

    @property
    def height(self) -> float:
        return float(self._size[1])

    @property
    def _size(self) -> tuple[float, float]:
        import matplotlib

        return self.rc.get("figure.figsize", matplotlib.rcParamsDefault["figure.figsize"])


def load_style(template: Path) -> ChartStyle:
    """The style of a template folder: the built-in base, the built-in of the same name, then the folder's own file.

    Each later file overrides the keys it sets, so a project template can change one
    colour and keep the rest. A wrong key or value is an InputError naming file and line.
    What no file sets is matplotlib's default, never the user's matplotlibrc.
    """
    files = _style_files(template)
    return _layered(tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@lru_cache(maxsize=64)
def _layered(files: tuple[tuple[Path, int, int], ...]) -> ChartStyle:
    """The style of these files as they are now (each file's time and size in the key): a hundred audiences of one
    template read its files once."""
    files = tuple(path for path, _, _ in files)
    rc: dict[str, Any] = {}
    for path in files:
        rc.update(read_style_file(path))
    rc.update({key: value for key, (value, _) in FIXED.items() if value is not None})
    _check_font_families(rc, files)
    rc["font.family"] = _fallbacks(rc)
    digest = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in rc.items())).encode()).hexdigest()[:12]
    return ChartStyle(files=files, rc=rc, id=f"style-{digest}")


GENERIC_FAMILIES = ("serif", "sans-serif", "cursive", "fantasy", "monospace")


def _check_font_families(rc: dict[str, Any], files: tuple[Path, ...]) -> None:
    """A font family the style names must be installed: matplotlib would quietly draw in DejaVu Sans instead."""
    from matplotlib import font_manager

    register_fonts()
    installed = set(font_manager.fontManager.get_font_names())
    for family in rc.get("font.family", ["sans-serif"]):
        names = rc.get(f"font.{family}", []) if family in GENERIC_FAMILIES else [family]
        if names and not installed.intersection(names):
            setter = next((f for f in reversed(files) if _sets_font(f)), files[-1] if files else "chart style")
            raise InputError(str(setter), f"no font {', '.join(names)} is installed for font.family {family}",
                             "use the bundled Noto Sans SC or Noto Serif SC, or install the font")


def _fallbacks(rc: dict[str, Any]) -> list[str]:
    """font.family with each generic family ("sans-serif") spelt out as the faces its list names: matplotlib
    falls back glyph by glyph only along font.family, never along a generic family's list, so a character the
    first face lacks (one the other bundled face has) is drawn from the next face instead of failing."""
    from matplotlib import font_manager

    installed = set(font_manager.fontManager.get_font_names())
    names: list[str] = []
    for family in rc.get("font.family", ["sans-serif"]):
        listed = rc.get(f"font.{family}", []) if family in GENERIC_FAMILIES else [family]
        names += [n for n in listed if n in installed and n not in names] if family in GENERIC_FAMILIES else [family]
    return names or list(rc.get("font.family", ["sans-serif"]))


def _sets_font(path: Path) -> bool:
    return any(_strip_comment(line).startswith("font.") for line in path.read_text(encoding="utf-8").splitlines())


def _style_files(template: Path) -> tuple[Path, ...]:
    chain = tuple(reversed(chain_folders(template)))
    namesake = BUILTIN_TEMPLATES / template.name  # a project folder named like a built-in layers on it
    layered = () if namesake.resolve() in {f.resolve() for f in chain} else (namesake / STYLE_FILE,)
    candidates = (BUILTIN_TEMPLATES / BASE_STYLE / STYLE_FILE,) + layered + tuple(folder / STYLE_FILE for folder in chain)
    found: list[Path] = []
    for path in candidates:
        if path.is_file() and path.resolve() not in {f.resolve() for f in found}:
            found.append(path)
    return tuple(found)


def read_style_file(path: Path) -> dict[str, Any]:
    """The settings of one style file, validated by matplotlib; every wrong line reported at once."""
    import matplotlib

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the chart style: {exc}", "save it as UTF-8 text") from None
    settings = matplotlib.RcParams()
    errors: list[InputError] = []
    for number, line in enumerate(lines, 1):
        text = _strip_comment(line)
        if not text:
            continue
        key, colon, value = (part.strip() for part in text.partition(":"))
        problem = _style_problem(settings, key, colon, value.strip('"') if value.startswith('"') else value)
        if problem:
            errors.append(InputError(str(path), *problem, number))
    if errors:
        raise InputErrors(errors)
    return dict(settings)


def _style_problem(settings, key: str, colon: str, value: str) -> tuple[str, str] | None:
    if not colon:
        return "expected key: value", "see https://matplotlib.org/stable/users/explain/customizing.html"
    if key in FIXED:
        return f"{key} cannot be set in a chart style", FIXED[key][1]
    if key in NOT_STYLE or key.startswith("webagg."):
        return f"{key} is not a style setting", "a chart style sets how charts look: sizes, fonts, colours, lines"
    try:
        settings[key] = value
    except KeyError:
        return f"unknown setting {key}", "use a matplotlib rcParams key, e.g. font.size or axes.prop_cycle"
    except (ValueError, TypeError) as exc:
        return f"{key}: {exc}", "give a value matplotlib accepts for this key"
    return None


def _strip_comment(line: str) -> str:
    """The line before its first unquoted # (a colour is written without #, or in quotes)."""
    inside = False
    for position, ch in enumerate(line):
        if ch == '"':
            inside = not inside
        elif ch == "#" and not inside:
            return line[:position].strip()
    return line.strip()


