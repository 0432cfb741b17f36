"""The Markdown digest, from the template's digest.md.j2, in the one sandboxed environment."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.model import InputLimits
from briefing.templating import DIGEST_FILE, Template, load_template
from briefing.templating.engine import environment, template_error
from briefing.templating.filters import BLOCK_MARK
from briefing.patterns import lazy

# Where a value opens a block: at a line's start, after the marks of quotes and list items.
MARKED_BLOCK_START = lazy(rf"^((?:[ \t]*(?:>|(?:[-+*]|\d{{1,9}}[.)])(?=[ \t])))*[ \t]*){BLOCK_MARK}(\d*)", re.M)


def render_markdown(context: dict, template: Template | Path, limits: InputLimits = InputLimits()) -> str:
    """The Markdown digest of one audience, within the config's template limits; a template mistake is an
    InputError naming the file and the line."""
    template = template if isinstance(template, Template) else load_template(Path(template))
    env = environment(template, limits=limits)
    try:
        return tidy_markdown(mark_block_starts(env.get_template(f"0:{DIGEST_FILE}").render(context)))
    except Exception as exc:  # a template is code its author wrote: whatever it raises is their mistake to fix
        raise template_error(exc, template.digest, context) from None


def mark_block_starts(text: str) -> str:
    """A value that would open a heading, a quote or a list where it lands is escaped ("\\# …", "1\\. …");
    elsewhere it is written as it is (templating.filters.markdown marked each such value)."""
    return MARKED_BLOCK_START.sub(r"\1\2\\", text).replace(BLOCK_MARK, "")


def tidy_markdown(text: str) -> str:
    """One blank line at most between blocks, no trailing spaces, one final newline; fenced code kept as it is.

    Templates can then lay out their tags for people to read without counting newlines.
    """
    out: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced:
            line = line.rstrip()
            if not line and (not out or not out[-1]):
                continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
