from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sources" / "xinhua-2024-04-23-western-development.txt"
# The sample's six headline directives, as its own sidebar box lists them (the opening words of each).
SIX = ("要坚持把发展特色优势产业作为主攻方向", "要坚持以高水平保护支撑高质量发展", "要坚持以大开放促进大开发",
       "要坚持统筹发展和安全", "要坚持推进新型城镇化和乡村全面振兴有机结合", "要坚持铸牢中华民族共同体意识")


def pytest_configure(config) -> None:
    """One cache for the whole run (every xdist worker and every build they start): briefing's caches
    ($XDG_CACHE_HOME/briefing) are shared by the run's builds, as a user's builds share them, and the user's own
    cache is never touched. A test of the cache itself gives it a folder of its own."""
    import os
    import tempfile

    if "BRIEFING_TEST_CACHE" not in os.environ:  # the controller makes it; xdist workers inherit it
        os.environ["BRIEFING_TEST_CACHE"] = tempfile.mkdtemp(prefix="briefing-test-cache-")
        config.briefing_cache = os.environ["BRIEFING_TEST_CACHE"]
    os.environ["XDG_CACHE_HOME"] = os.environ["BRIEFING_TEST_CACHE"]


def pytest_unconfigure(config) -> None:
    made = getattr(config, "briefing_cache", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command, in a new process, as a user or cron would run it."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (config, sources, table) in a temporary folder."""
    shutil.copy(ROOT / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample built once through the real command; returns the folder holding both editions."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli("build", str(ROOT / "briefing.yaml"), "--date", "2024-04-23", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "western-development" / "2024-04-23"


SAMPLE_CONFIG = {
    "title": "西部大开发简报",
    "name": "western-development",
    "sources": ["data/sources/*.txt"],
    "indicators": [{"table": "data/indicators/western-region.csv"}, {"from_sources": True}],
    "audiences": {"executive": {"template": "executive"}, "analyst": {"template": "analyst"}},
}


@pytest.fixture
def make_config(tmp_path: Path):
    """A factory of configs: the sample project's data in tmp_path, and a briefing.yaml of the sample's keys with
    `overrides` over them (a key set to None is left out). Returns the config's path.

        config = make_config(audiences={"board": {"template": "executive", "max_charts": 1}})
    """
    import yaml

    def make(file: str = "briefing.yaml", **overrides) -> Path:
        if not (tmp_path / "data").exists():
            shutil.copytree(ROOT / "data", tmp_path / "data")
        data = {k: v for k, v in {**SAMPLE_CONFIG, **overrides}.items() if v is not None}
        path = tmp_path / file
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def golden_build(tmp_path_factory) -> Path:
    """tests/golden/briefing.yaml (one audience per built-in template) built once, time and locale pinned."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_golden import build_sample

    return build_sample(tmp_path_factory.mktemp("golden"))


def copy_project(tmp_path: Path) -> Path:
    """The sample project (config and data) copied into tmp_path."""
    shutil.copy(ROOT / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path
