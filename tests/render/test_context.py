"""The template context is a contract: every field built, described in the templates guide, labelled."""

from __future__ import annotations

import sys
from pathlib import Path


from briefing.templating import filters
from briefing.languages import LANGUAGES
from briefing.render.context import FIELDS
from briefing.templating import SECTIONS, TEMPLATE_KEYS
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


BUILT_IN = ("executive", "analyst", "public", "jianbao")


def test_every_context_field_is_built_and_described(golden_build: Path, tmp_path: Path):
    from briefing.config import load_config
    from briefing.pipeline import trial_briefing
    from briefing.render.context import build_context

    config = load_config(ROOT / "briefing.yaml")
    context = build_context(trial_briefing(config, config.audiences[1], DATE, tmp_path))
    assert set(context) == set(FIELDS)
    assert all(len(text.split()) >= 3 for text in FIELDS.values()), "every field needs a real description"


def test_the_docs_keep_up_with_the_context_and_the_filters():
    docs = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"`{name}`" in docs, f"context field {name} is not in templates/README.md"
    for name in filters.FILTERS:
        assert f"`{name}`" in docs, f"filter {name} is not in templates/README.md"
    for name in list(SECTIONS) + list(TEMPLATE_KEYS):
        assert f"`{name}`" in docs, f"{name} is not in templates/README.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("templates list", "templates new", "templates check"):
        assert command in readme
    for name in BUILT_IN:
        assert f"docs/{name}-page1.png" in readme and (ROOT / "docs" / f"{name}-page1.png").is_file()


def test_every_section_has_a_label_in_every_language():
    for code, pack in LANGUAGES.items():
        assert set(SECTIONS) <= set(pack.words.labels), code
