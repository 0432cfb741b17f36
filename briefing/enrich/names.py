"""One indicator, one name: the names a text and a table give one indicator made one, before the series.

- An abbreviation the text spells out ("gross domestic product (GDP)", 国内生产总值（GDP）) is the name it
  spells out, and so is the abbreviation alone wherever it stands;
- a region that opens a table's name (全国太阳能发电装机容量) is taken off and kept as the figure's region;
- each pack's list of synonyms (GDP, gross domestic product, 国内生产总值: one; 地区生产总值, a region's, apart)
  and the config's `aliases:` (an office's own names: {canonical: [name, …]}) give the canonical name.

The canonical name is the series' key and the name a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing import languages
from briefing.model import Indicator

_SPELLED = re.compile(r"^(?P<name>.*?\S)\s*[（(](?P<short>[A-Z][A-Z0-9]{1,7})[)）]$")


def canonical_names(indicators: tuple[Indicator, ...], aliases: dict[str, tuple[str, ...]] = {},
                    language: str = languages.DEFAULT) -> tuple[Indicator, ...]:
    """The indicators under their canonical names, a region opening a table's name made its region."""
    names = _names(indicators, aliases, language)
    return tuple(_renamed(i, names) for i in indicators)


def _names(indicators: tuple[Indicator, ...], aliases: dict[str, tuple[str, ...]], language: str) -> dict[str, str]:
    """Every name known to stand for another (casefolded) → the canonical name; the config's aliases first, then
    the briefing's language's synonyms, the other packs', and the abbreviations the sources spell out."""
    names: dict[str, str] = {}
    for canonical, others in aliases.items():
        names.update({n.casefold(): canonical for n in (canonical, *others) if n.casefold() not in names})
    packs = [languages.get(language)] + [p for p in languages.LANGUAGES.values() if p.code != language]
    for pack in packs:
        for group in pack.synonyms:
            target = names.get(group[0].casefold(), group[0])
            names.update({n.casefold(): target for n in group if n.casefold() not in names})
    for i in indicators:
        spelled = _SPELLED.match(i.name)
        if spelled:
            full = names.get(spelled.group("name").casefold(), spelled.group("name"))
            names.setdefault(spelled.group("short").casefold(), full)
            names.setdefault(i.name.casefold(), full)
    return names


def _renamed(i: Indicator, names: dict[str, str]) -> Indicator:
    name, region = i.name, i.region
    if i.table_row is not None:  # a table's name may carry its region; the text's reader has split it already
        name, found = _split(name)
        if found and (not region or region == found):
            region = found
        else:
            name = i.name
    name = names.get(name.casefold(), name)
    return i if (name, region) == (i.name, i.region) else replace(i, name=name, region=region)


def _split(name: str) -> tuple[str, str]:
    for pack in languages.LANGUAGES.values():
        rest, region = pack.split_region(name)
        if region:
            return rest, region
    return name, ""
