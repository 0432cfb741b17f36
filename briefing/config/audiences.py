"""The audiences: each over its template's defaults, limits and settings checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.errors import InputError
from briefing.model import AUDIENCE_KEYS, DEFAULT_FORMATS, FORMATS, SUMMARY_CHARS, Audience
from briefing.languages.common import DISTRIBUTION
from briefing.templating import SECTIONS, Template, builtin_template_names, find_template_folder, load_template, settings_problems
from briefing.yamlfile import Checker, shown


def audiences(value: Any, folder: Path, summary_chars: Any, check: Checker) -> tuple[Audience, ...]:
    if not isinstance(value, dict):
        return ()
    if not value:
        check.error(("audiences",), "no audience", "add one, e.g. executive: {template: executive}")
    audiences = []
    for name, spec in value.items():
        keys = ("audiences", name)
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            check.error(keys, f"expected a mapping such as {{template: {name}}}, got {shown(spec)}")
            continue
        check.unknown(spec, AUDIENCE_KEYS, keys)
        ok = all([check.typed(spec[k], t, keys + (k,), h) for k, (t, h) in AUDIENCE_KEYS.items() if k in spec])
        for problem in _phrase_problems(spec.get("phrases")):
            check.error(keys + ("phrases",), problem, "see phrases in briefing/languages/<code>/words.py for the names and fields")
            ok = False
        for key in ("max_directives", "max_charts", "max_figures", "summary_chars", "max_narratives",
                    "narrative_chars"):
            if isinstance(spec.get(key), int) and spec[key] < 0:
                check.error(keys + (key,), f"expected 0 or more, got {spec[key]}")
                ok = False
        for problem, where, fix in settings_problems(spec) + masthead_problems(spec) + format_problems(spec.get("formats")):
            check.error(keys + where, problem, fix)
            ok = False
        template = find_template(spec.get("template", str(name)), folder)
        if template is None:
            check.error(keys + ("template",), f'no template "{spec.get("template", name)}"',
                        f"use a built-in ({', '.join(builtin_template_names())}) or a folder under templates/")
        defaults = _template_defaults(template, check) if template is not None else None
        if ok and defaults is not None:
            audiences.append(audience_of(str(name), {**defaults, **spec}, template, summary_chars))
    return tuple(audiences)


# 简报 (GB/T 9704): the first 期号 and the 版记's lines


def _phrase_problems(phrases: Any) -> list[str]:
    """What is wrong with an audience's own phrases (enrich's narratives say them: imported only for a config
    that has some, not by every run that loads one)."""
    if not isinstance(phrases, dict):
        return []
    from briefing.enrich.narratives import check_phrases

    return check_phrases(phrases)


def masthead_problems(spec: dict) -> list[tuple[str, tuple, str]]:
    """What is wrong with an audience's first_issue and distribution: (problem, key path, fix)."""
    problems = []
    if isinstance(spec.get("first_issue"), int) and spec["first_issue"] < 1:
        problems.append((f"expected 1 or more, got {spec['first_issue']}", ("first_issue",),
                         "the issue number of the first edition, e.g. first_issue: 12"))
    for key, units in (spec["distribution"].items() if isinstance(spec.get("distribution"), dict) else ()):
        if key not in DISTRIBUTION:
            problems.append((f'unknown line "{key}"', ("distribution", key), f"use {', '.join(DISTRIBUTION)}"))
        elif not isinstance(units, str) and not (isinstance(units, list) and all(isinstance(u, str) for u in units)):
            problems.append((f"expected a text or a list of texts, got {shown(units)}", ("distribution", key),
                             f"one unit, or a list of them: {key}: [a unit, another]"))
    return problems


def _distribution(value: dict | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The 版记's lines in GB/T 9704's order (报, 送, 发), each line's units; a line with none is left out."""
    value = value or {}
    lines = ((key, (value[key],) if isinstance(value[key], str) else tuple(value[key])) for key in DISTRIBUTION
             if key in value)
    return tuple((key, units) for key, units in lines if any(u.strip() for u in units))


def _template_defaults(template: Path, check: Checker) -> dict | None:
    """The settings the audience's template (and its parents) give; their template.yaml errors are the config's."""
    try:
        return template_defaults(load_template(template))
    except InputError as exc:
        check.errors.extend(getattr(exc, "errors", [exc]))
        return None


def template_defaults(template: Template) -> dict:
    """The audience settings a template's chain gives: null means "no limit" for a limit, "not set" otherwise."""
    return {k: v for k, v in template.settings().items()
            if v is not None or k.startswith("max_") or k == "narrative_chars"}


def template_audience(template: Template, summary_chars: int) -> Audience:
    """An audience of the template's own defaults, named after it: what a template is tried with when no
    audience of the config uses it."""
    return audience_of(template.name, template_defaults(template), template.folder, summary_chars)


def audience_of(name: str, spec: dict, template: Path, summary_chars: Any) -> Audience:
    return Audience(
        name=name,
        template=template,
        title=spec.get("title", name),
        max_directives=spec.get("max_directives"),
        max_charts=spec.get("max_charts"),
        max_figures=spec.get("max_figures"),
        summary_chars=spec.get("summary_chars", summary_chars if isinstance(summary_chars, int) else SUMMARY_CHARS),
        show_actions=spec.get("show_actions", True),
        show_sources=spec.get("show_sources", True),
        phrases=tuple((str(k), str(v)) for k, v in (spec.get("phrases") or {}).items()),
        max_narratives=spec.get("max_narratives"),
        narrative_chars=spec.get("narrative_chars"),
        sections=tuple(spec.get("sections") or SECTIONS),
        language=spec.get("language", "auto"),
        marking=spec.get("marking", ""),
        issuer=spec.get("issuer", ""),
        first_issue=spec.get("first_issue", 1),
        distribution=_distribution(spec.get("distribution")),
        formats=tuple(dict.fromkeys(spec.get("formats") or DEFAULT_FORMATS)),
    )


def format_problems(formats) -> list[tuple[str, tuple, str]]:
    """What is wrong with an audience's `formats:` (problem, key path, fix): a name not in FORMATS, or none."""
    if not isinstance(formats, list):
        return []
    choices = f"choose from {', '.join(FORMATS)}"
    if not formats:
        return [("no format", ("formats",), f"{choices}, or leave formats out for [{', '.join(DEFAULT_FORMATS)}]")]
    return [(f'unknown format "{f}"', ("formats", i), choices) for i, f in enumerate(formats) if f not in FORMATS]


def find_template(name: str, folder: Path) -> Path | None:
    """The template folder: a path (relative to the config), else templates/NAME, else the built-in NAME."""
    return find_template_folder(name, folder)
