"""Lazily compiled patterns: every module's pattern compiles, a use after the first costs a compiled call, and
importing briefing's modules compiles none."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys

import pytest

import briefing
from briefing.patterns import LazyPattern, lazy


def _modules():
    for info in pkgutil.walk_packages(briefing.__path__, "briefing."):
        if info.name.startswith(("briefing.batch", "briefing.skeleton", "briefing.__main__")):
            continue  # dask is optional; the skeleton is a starter project's files; __main__ runs
        yield importlib.import_module(info.name)


def _lazy_patterns():
    return [(module.__name__, name, value) for module in _modules()
            for name, value in vars(module).items() if isinstance(value, LazyPattern)]


def test_every_module_pattern_compiles():
    found = _lazy_patterns()
    assert len(found) > 200  # the language packs' readers, ingest's repair, tables, templates
    for module, name, pattern in found:
        try:
            assert isinstance(pattern.compiled(), re.Pattern)
        except re.error as error:
            pytest.fail(f"{module}.{name}: {error}")


def test_a_lazy_pattern_behaves_as_the_compiled_one():
    pattern = lazy(r"(?P<year>\d{4})年", re.ASCII)
    assert pattern.pattern == r"(?P<year>\d{4})年"
    assert pattern.search("于2024年").group("year") == "2024"
    compiled = re.compile(r"(?P<year>\d{4})年", re.ASCII)
    assert pattern.flags == compiled.flags and pattern.groupindex == compiled.groupindex
    assert pattern.sub("Y", "2023年和2024年") == "Y和Y"
    assert pattern.findall("2023年、2024年") == ["2023", "2024"]
    assert [m.start() for m in pattern.finditer("2023年2024年")] == [0, 5]


def test_after_the_first_use_a_method_is_the_compiled_patterns_own():
    pattern = lazy(r"a+")
    assert "search" not in vars(pattern)
    pattern.match("aa")
    assert type(vars(pattern)["search"]) is type(re.compile("x").search)  # a builtin method: no wrapper call


def test_a_mistake_in_a_pattern_shows_on_its_first_use():
    pattern = lazy(r"(unclosed")
    with pytest.raises(re.error):
        pattern.search("text")


def test_importing_the_build_compiles_none_of_briefings_patterns():
    code = ("import re, sys\n"
            "seen = []\n"
            "original = re._compile\n"
            "def spy(pattern, flags):\n"
            "    frame = sys._getframe(1)\n"
            "    while frame and frame.f_code.co_filename.endswith(('re/__init__.py', 'patterns.py')):\n"
            "        frame = frame.f_back\n"
            "    if frame and '/briefing/' in frame.f_code.co_filename:\n"
            "        seen.append(frame.f_code.co_filename)\n"
            "    return original(pattern, flags)\n"
            "re._compile = spy\n"
            "import briefing.cli, briefing.pipeline, briefing.analyse, briefing.render.word\n"
            "print(len(seen), sorted(set(seen))[:5])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[0] == "0", done.stdout
