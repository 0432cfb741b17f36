"""The analysis benchmark's --regex-floor: it records the module patterns' calls by stage and leaves the patterns as
it found them (its figures are in benchmarks/README.md, never asserted here)."""

import importlib.util
import sys
from pathlib import Path

from briefing.languages.zh import text as zh_text

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_analysis", ROOT / "benchmarks" / "bench_analysis.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_stage_calls_patterns_and_they_are_restored_after():
    bench = _bench()
    documents = bench.make_documents(3, 3000, seed=1)  # two Chinese, one English
    calls = bench.record_calls(documents)
    assert {call.stage for call in calls} == set(bench.STAGES)
    assert any(call.pattern == "briefing.languages.zh.text._SENTENCE" for call in calls)
    # restored: the compiled pattern's own method again, not the recorder
    assert type(zh_text._SENTENCE.findall).__name__ == "builtin_function_or_method"
    before = len(calls)
    zh_text.sentences("不再记录。")
    assert len(calls) == before


def test_the_replay_makes_the_same_calls():
    bench = _bench()
    calls = bench.record_calls(bench.make_documents(2, 2000, seed=2))
    assert len(bench._replay_each(calls)) == len(calls)
    assert bench._replay(calls) > 0
