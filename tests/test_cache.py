"""The user's cache ($XDG_CACHE_HOME/briefing): what a build made before is not made again, and never stale.

Each test has a cache folder of its own (the run's shared one would already hold what it makes).
"""

from __future__ import annotations

import importlib
import os
import time
import warnings
from pathlib import Path

import jinja2
import pytest

from briefing import analyse as analyse_module, cache
from briefing.analyse import analyse
from briefing.ingest.repair import parse_text
from briefing.enrich.charts import plan_charts
from briefing.enrich.series import build_series
from briefing.languages import scale_of
from briefing.model import Indicator
from briefing.render.charts import draw, load_style
from briefing.render.checked import check_before_build
from briefing.resources import BUILTIN_TEMPLATES
from briefing.templating.engine import environment
from conftest import ROOT, run_cli

NOTICE = ("关于推进工作的通知\n\n会议指出，要坚持稳中求进，推动经济持续健康发展。\n\n"
          "会议强调，要加快建设现代化产业体系。2024年全省地区生产总值增长5.2%。\n")
OTHER = ("另一份通知\n\n会议要求，要扎实做好民生保障工作。\n\n2023年城镇新增就业120万人。\n")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "briefing"


def counting(monkeypatch, module, name: str) -> list:
    """Replace module.name by a wrapper that records each call."""
    calls: list = []
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def documents(other: str = OTHER):
    return (parse_text(NOTICE, "notice", "notice.txt"), parse_text(other, "other", "other.txt"))


# ------------------------------------------------------------------ the analysis


def test_a_rebuild_analyses_only_the_documents_that_changed(monkeypatch):
    calls = counting(monkeypatch, analyse_module, "find_directives")
    figures = counting(monkeypatch, analyse_module, "indicators_in")
    first = analyse(documents())
    assert len(calls) == len(figures) == 2
    again = analyse(documents())
    assert len(calls) == len(figures) == 2  # nothing analysed again
    assert again == first  # and the very same analysis
    changed = analyse(documents(OTHER.replace("120万人", "130万人")))
    assert [c[0].source_id for c in calls[2:]] == ["other"]  # only the changed one
    assert any(i.value == "130" for i in changed.indicators)


def test_another_version_of_briefing_analyses_everything_again(monkeypatch):
    calls = counting(monkeypatch, analyse_module, "find_directives")
    analyse(documents())
    monkeypatch.setattr(cache, "code_version", lambda: "9.9.9-another")
    analyse(documents())
    assert len(calls) == 4


def test_a_damaged_entry_is_analysed_again_not_an_error(own_cache: Path, monkeypatch):
    first = analyse(documents())
    for entry in (own_cache / "analysis").iterdir():
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")  # its digest no longer matches
    calls = counting(monkeypatch, analyse_module, "find_directives")
    assert analyse(documents()) == first and len(calls) == 2


def test_no_cache_reads_and_writes_nothing_but_the_fonts(tmp_path: Path, own_cache: Path):
    out = tmp_path / "out"
    shared = Path(os.environ.get("BRIEFING_TEST_CACHE", tmp_path / "none")) / "briefing" / "fonts"
    own_cache.mkdir(parents=True)
    if shared.is_dir():  # the run's glyph stores: the fonts are no part of this test, and cost seconds made anew
        (own_cache / "fonts").symlink_to(shared, target_is_directory=True)
    result = run_cli("build", str(ROOT / "briefing.yaml"), "--date", "2024-04-23", "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in own_cache.iterdir()) == ["fonts"]
    result = run_cli("build", str(ROOT / "briefing.yaml"), "--date", "2024-04-23", "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert {"analysis", "charts", "checked", "templates"} <= {p.name for p in own_cache.iterdir()}


# ------------------------------------------------------------------ templates


def test_a_template_is_compiled_once_and_again_when_it_changes(monkeypatch):
    calls = counting(monkeypatch, jinja2.Environment, "_generate")
    source = "{% for d in directives %}{{ d.text }}\n{% endfor %}"
    environment().compile(source, "0:digest.md.j2", "digest.md.j2")
    environment().compile(source, "0:digest.md.j2", "digest.md.j2")  # another environment, as every render has
    assert len(calls) == 1
    environment().compile(source + "!", "0:digest.md.j2", "digest.md.j2")
    environment(word=True).compile(source, "0:digest.md.j2", "digest.md.j2")  # other settings: other code
    assert len(calls) == 3


def test_a_template_with_a_mistake_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(jinja2.TemplateAssertionError, match="No filter named 'nosuch'"):
            environment().compile("{{ title | nosuch }}", "0:digest.md.j2", "digest.md.j2")


def test_a_template_that_passed_the_checks_is_checked_again_once_edited(tmp_path: Path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "template.yaml").write_text("extends: analyst\n", encoding="utf-8")
    digest = (BUILTIN_TEMPLATES / "base" / "digest.md.j2").read_text(encoding="utf-8")
    (folder / "digest.md.j2").write_text(digest, encoding="utf-8")
    check_before_build([folder])
    check_before_build([folder])  # passed before: not checked again
    (folder / "digest.md.j2").write_text(digest + "\n{{ titel }}\n", encoding="utf-8")
    with pytest.raises(Exception, match="'titel' is undefined"):
        check_before_build([folder])


# ------------------------------------------------------------------ charts


def plan_of(name: str):
    """The chart of a three-year series of the name, as a table gives it."""
    factor, base = scale_of("万亿元")
    found = tuple(Indicator(name=name, period=str(year), value=f"{v:g}", unit="万亿元", number=v,
                            normalized_value=v * factor, normalized_unit=base, kind="level", region="西部地区",
                            source_id="t.csv", table_row=1, quote="") for year, v in ((2019, 1.0), (2020, 2.0), (2021, 3.0)))
    return plan_charts(build_series(found), found, "zh")[0]


def test_a_chart_drawn_before_is_not_drawn_again_and_keeps_its_warning(tmp_path: Path, monkeypatch):
    draw_module = importlib.import_module("briefing.render.charts.draw")  # the package's `draw` is the function
    style = load_style(BUILTIN_TEMPLATES / "analyst")
    calls = counting(monkeypatch, draw_module, "draw_figure")
    plain, rare = plan_of("西部地区生产总值"), plan_of("ཀ་ཁ་ག")
    first = draw(plain, style, tmp_path / "one")
    with pytest.warns(UserWarning, match="no bundled font has ཀ"):
        draw(rare, style, tmp_path / "one")
    assert len(calls) == 2
    second = draw(plain, style, tmp_path / "two")
    with pytest.warns(UserWarning, match="no bundled font has ཀ"):  # the stand-in is said again
        draw(rare, style, tmp_path / "two")
    assert len(calls) == 2
    assert second.path.read_bytes() == first.path.read_bytes()
    assert (second.width_in, second.height_in) == (first.width_in, first.height_in)


# ------------------------------------------------------------------ bounded


def test_the_cache_is_pruned_of_what_no_build_used_for_a_month(own_cache: Path):
    folder = own_cache / "fonts"
    folder.mkdir(parents=True)
    old, recent, store = folder / ("a" * 64 + ".ttf"), folder / ("b" * 64), folder / "glyphs-x-4.0.sqlite"
    for path in (old, recent, store):
        path.write_bytes(b"x" * 100)
    month_ago = time.time() - 31 * 86400
    for path in (old, store):
        os.utime(path, (month_ago, month_ago))
    cache.prune(folder)
    assert not old.exists() and recent.exists() and store.exists()  # a glyph store is no entry


def test_the_cache_keeps_the_most_recently_used_within_its_size(own_cache: Path, monkeypatch):
    folder = own_cache / "charts"
    folder.mkdir(parents=True)
    now = time.time()
    for n in range(5):
        path = folder / f"{n:064x}"
        path.write_bytes(b"x" * 100)
        os.utime(path, (now - n * 60, now - n * 60))  # entry 0 the most recently used
    monkeypatch.setattr(cache, "MAX_BYTES", 300)
    cache.prune(folder)
    assert sorted(p.name[-1] for p in folder.iterdir()) == ["0", "1", "2"]


def test_reading_an_entry_marks_it_used(own_cache: Path):
    cache.write("charts", "c" * 64, b"png")
    path = own_cache / "charts" / ("c" * 64)
    os.utime(path, (0, 0))
    with warnings.catch_warnings():
        assert cache.read("charts", "c" * 64) == b"png"
    assert path.stat().st_mtime > time.time() - 60


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    (package / "__init__.py").write_text("A = 1\n")
    (package / "sub" / "mod.py").write_text("B = 2\n")
    (package / "sub" / "__pycache__" / "mod.py").write_text("not a source\n")
    return package


def test_the_code_version_is_read_from_the_sources_once_then_kept_by_their_stat(tmp_path: Path, monkeypatch):
    package = _package(tmp_path)
    first = cache.source_version(package, "salt", "1.0")
    monkeypatch.setattr(cache, "open", lambda *a, **k: pytest.fail("the sources were read again"), raising=False)
    assert cache.source_version(package, "salt", "1.0") == first
    monkeypatch.undo()
    assert first.startswith("1.0-") and cache.source_version(package, "other salt", "1.0") != first


def test_an_edited_source_is_read_again_even_with_its_old_size_and_times(tmp_path: Path):
    package = _package(tmp_path)
    source = package / "sub" / "mod.py"
    first = cache.source_version(package, "salt", "1.0")
    before = source.stat()
    time.sleep(0.01)
    source.write_text("B = 3\n")  # the same size
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.source_version(package, "salt", "1.0") != first  # its change time is new


def test_the_code_version_without_the_cache_is_the_same_and_keeps_nothing(tmp_path: Path, own_cache: Path):
    package = _package(tmp_path)
    with cache.disabled():
        unkept = cache.source_version(package, "salt", "1.0")
    assert not (own_cache / "code").exists()
    assert cache.source_version(package, "salt", "1.0") == unkept
    assert len(list((own_cache / "code").iterdir())) == 1
