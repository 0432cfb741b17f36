"""Where the package's own data lives: the built-in templates, the starter project, the font config."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = PACKAGE / "templates"  # one folder per built-in template (executive, analyst, …, base)
SKELETON = PACKAGE / "skeleton"  # what `briefing init` copies
FONTS_CONF = BUILTIN_TEMPLATES / "fonts.conf"
