"""The limits: section: how much of each input a build takes, every value a number above 0 (LIMIT_KEYS)."""

from __future__ import annotations

from dataclasses import fields

from briefing.config.schema import LIMIT_KEYS
from briefing.model import InputLimits
from briefing.yamlfile import Checker, shown


def limits(entry: object, check: Checker) -> InputLimits:
    """The config's limits over the defaults; a wrong one is a config error naming its key."""
    if not isinstance(entry, dict):
        return InputLimits()
    check.unknown(entry, LIMIT_KEYS, ("limits",))
    given = {}
    for key, (expected, help_text) in LIMIT_KEYS.items():
        if key not in entry:
            continue
        value = entry[key]
        number = not isinstance(value, bool) and isinstance(value, int if expected is int else (int, float))
        if not number or value <= 0:
            check.error(("limits", key), f"expected {'a whole number' if expected is int else 'a number'} above 0, "
                                         f"got {shown(value)}", help_text)
            continue
        given[key] = expected(value)
    assert set(LIMIT_KEYS) == {f.name for f in fields(InputLimits)}
    return InputLimits(**given)
