"""Analysis throughput: documents a second on one core, and where the time goes.

Run from the repository root:

    .venv/bin/python benchmarks/bench_analysis.py [--documents 1000] [--seed 7] [--profile [N] | --regex-floor [N]]

The documents are made by recombining the paragraphs of the project's own gold
documents (tests/gold/*.txt) into texts of the sample's length (its number of
characters), Chinese with Chinese and English with English, with a title and a
date, so every stage has real work: repairs, leads, lists, figures, sentences.
Each document goes through ingest (parse_text), directives, indicators and
a 300-character summary given the headline directives (as analyse() gives them), in one process, timed stage by
stage. Before each document the analysis's caches keyed by text (a paragraph's sentences, a text's language and
width, lru_caches in briefing.languages and briefing.analyse) are emptied, untimed: the documents recombine the
same paragraphs, and a cache that remembered them from another document would flatter the figures.

It also times documents that grow, to show that time and memory grow in proportion
to the length (no quadratic blow-up), each size against the first as ratios: the
sample repeated as one paragraph with no breaks (0.5 to 5 MB), one sentence of 5,000
to 20,000 figures (Chinese and English, up to 1.5 MB), and a list of thousands of
numbered items. Peak memory is what tracemalloc sees allocated during the analysis,
in a second, untimed run (tracing slows Python down).

--profile runs the documents (no size curve) under cProfile instead, and prints the N functions (default 40)
that take the most time of their own (tottime) and the most with what they call (cumtime).

--regex-floor records every call of the module patterns' methods (briefing.patterns.LazyPattern: search,
finditer …) during the documents' analysis, with its stage, then makes the same calls again with nothing
around them, timed (an iterator's matches taken, as its caller takes them). That is what the regular
expressions alone cost: no Python of the readers' own, however fast, makes the analysis cheaper than
it. It prints the floor by stage and the N patterns (default 25) that cost most. Calls through re's own
functions (re.sub with a pattern written out) are not counted, so it is a floor.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import importlib
import platform
import pstats
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analyse.directives import find_directives  # noqa: E402
from briefing.analyse.indicators import indicators_in  # noqa: E402
from briefing.ingest.readers.text import decode
from briefing.ingest.repair import parse_text  # noqa: E402
from briefing.analyse.summary import summarise  # noqa: E402
from briefing.languages import detect  # noqa: E402
from briefing.patterns import _BOUND, LazyPattern  # noqa: E402

SAMPLE = ROOT / "data" / "sources" / "xinhua-2024-04-23-western-development.txt"
STAGES = ("ingest", "directives", "indicators", "summary")


def paragraphs_by_language() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"zh": [], "en": []}
    for path in sorted((ROOT / "tests" / "gold").glob("*.txt")):
        text, _ = decode(path.read_bytes(), str(path))
        for block in text.split("\n\n")[1:]:
            if block.strip():
                pools[detect(block)].append(block.strip())
    return pools


def make_documents(count: int, size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pools = paragraphs_by_language()
    documents = []
    for i in range(count):
        language = "zh" if i % 3 else "en"  # two Chinese documents to one English
        limit = size if language == "zh" else size * 3  # an English text of the same content is longer
        parts = [f"Recombined document {i}" if language == "en" else f"重组文档{i}"]
        while sum(map(len, parts)) < limit:
            parts.append(rng.choice(pools[language]))
        documents.append("\n\n".join(parts) + "\n")
    return documents


def text_caches() -> list:
    """The lru_caches of the analysis's modules: all of them are keyed by a text (a paragraph, a sentence).
    Found by type: `hasattr` would compile every lazy pattern it asked (briefing.patterns)."""
    prefixes = ("briefing.languages", "briefing.analyse")
    return [value for name, module in list(sys.modules.items()) if name.startswith(prefixes)
            for value in vars(module).values() if isinstance(value, functools._lru_cache_wrapper)]


def analyse(text: str, timings: dict[str, float], name: str, entering: Callable[[str], None] = str) -> None:
    """One document through every stage, each stage's time added to `timings`; `entering` is told each stage's
    name as it begins (--regex-floor)."""
    for cache in text_caches():
        cache.cache_clear()
    start = time.perf_counter()
    entering("ingest")
    document = parse_text(text, name, name + ".txt", name=name + "-2025-01-01.txt")
    after_ingest = time.perf_counter()
    entering("directives")
    headlines, _ = find_directives(document)
    after_directives = time.perf_counter()
    entering("indicators")
    indicators_in(document)
    after_indicators = time.perf_counter()
    entering("summary")
    summarise((document,), 300, headlines)  # as analyse() does: a sentence that repeats a headline is not taken
    end = time.perf_counter()
    for stage, spent in zip(STAGES, (after_ingest - start, after_directives - after_ingest,
                                     after_indicators - after_directives, end - after_indicators)):
        timings[stage] += spent


def throughput(documents: list[str]) -> None:
    timings = dict.fromkeys(STAGES, 0.0)
    for warm in documents[:20]:
        analyse(warm, dict.fromkeys(STAGES, 0.0), "warm")
    for i, text in enumerate(documents):
        analyse(text, timings, f"doc{i}")
    total = sum(timings.values())
    chars = sum(map(len, documents)) / len(documents)
    print(f"{len(documents)} documents, {chars:.0f} characters on average: {total:.2f} s, "
          f"{len(documents) / total:.0f} documents/s")
    for stage in STAGES:
        print(f"  {stage:11} {timings[stage] / len(documents) * 1000:6.2f} ms/document  "
              f"{timings[stage] / total:5.1%}")


def profile(documents: list[str], top: int) -> None:
    """The documents' analysis under cProfile: the functions with the most time of their own, and with their calls."""
    for warm in documents[:20]:
        analyse(warm, dict.fromkeys(STAGES, 0.0), "warm")
    profiler = cProfile.Profile()
    profiler.enable()
    for i, text in enumerate(documents):
        analyse(text, dict.fromkeys(STAGES, 0.0), f"doc{i}")
    profiler.disable()
    for order in ("tottime", "cumtime"):
        pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats(order).print_stats(top)


@dataclass(frozen=True)
class _Call:
    """One call of a module pattern's method, as the analysis made it."""

    stage: str
    pattern: str  # the pattern's module and name: briefing.languages.zh.text._SENTENCE
    method: Callable
    args: tuple
    kwargs: dict


def module_patterns() -> dict[int, tuple[str, LazyPattern]]:
    """Every LazyPattern of briefing's modules by id, named by the module that makes it (an imported one is bound
    in several: the module whose source assigns it is the one)."""
    found: dict[int, tuple[str, LazyPattern]] = {}
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("briefing."):
            continue
        source = getattr(module, "__file__", None)
        text = Path(source).read_text(encoding="utf-8") if source else ""
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern) and (id(value) not in found or f"\n{name} = " in text):
                found[id(value)] = (f"{module_name}.{name}", value)
    return found


def record_calls(documents: list[str]) -> list[_Call]:
    """The documents analysed with every module pattern's methods recording their calls; restored after."""
    calls: list[_Call] = []
    stage = [""]
    patterns = module_patterns().values()
    for _, pattern in patterns:
        pattern.compiled()  # binds the compiled pattern's methods to it, which are wrapped below
    for name, pattern in patterns:
        for method in _BOUND:
            setattr(pattern, method, _recording(getattr(pattern, method), name, stage, calls))
    try:
        for i, text in enumerate(documents):
            analyse(text, dict.fromkeys(STAGES, 0.0), f"doc{i}", functools.partial(stage.__setitem__, 0))
    finally:
        for _, pattern in patterns:
            pattern.compiled()
    return calls


def _recording(method: Callable, name: str, stage: list[str], calls: list[_Call]) -> Callable:
    def record(*args, **kwargs):
        calls.append(_Call(stage[0], name, method, args, kwargs))
        return method(*args, **kwargs)
    return record


def _replay(calls: list[_Call]) -> float:
    """The calls made again one after another, in seconds; an iterator's matches taken."""
    start = time.perf_counter()
    for call in calls:
        found = call.method(*call.args, **call.kwargs)
        if call.method.__name__ == "finditer":
            for _ in found:
                pass
    return time.perf_counter() - start


def _replay_each(calls: list[_Call]) -> list[float]:
    """Each call made again and timed on its own (the clock's own cost in each: for shares, not the total)."""
    spent = []
    clock = time.perf_counter
    for call in calls:
        start = clock()
        found = call.method(*call.args, **call.kwargs)
        if call.method.__name__ == "finditer":
            for _ in found:
                pass
        spent.append(clock() - start)
    return spent


def regex_floor(documents: list[str], top: int) -> None:
    """What the regular expressions alone cost the documents' analysis, by stage and by pattern."""
    for warm in documents[:20]:
        analyse(warm, dict.fromkeys(STAGES, 0.0), "warm")
    timings = dict.fromkeys(STAGES, 0.0)
    for i, text in enumerate(documents):
        analyse(text, timings, f"doc{i}")
    calls = record_calls(documents)
    gc.disable()  # the calls' arguments are kept alive: no collection of them should land in the replay's time
    try:
        floor = min(_replay(calls) for _ in range(3))
        each = _replay_each(calls)
    finally:
        gc.enable()
    scale = floor / sum(each)  # the shares below, scaled to the floor: each call's timing holds the clock's cost
    n = len(documents)
    total = sum(timings.values())
    print(f"{n} documents: the analysis {total / n * 1000:.2f} ms a document ({n / total:.0f} documents/s); "
          f"its {len(calls) / n:.0f} pattern calls a document alone {floor / n * 1000:.2f} ms "
          f"({floor / total:.0%}): at most {n / floor:.0f} documents/s with no other work")
    by_stage: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    by_pattern: dict[tuple[str, str], list[float]] = {}
    for call, seconds in zip(calls, each):
        by_stage[call.stage] += seconds * scale
        by_pattern.setdefault((call.pattern, call.method.__name__), []).append(seconds * scale)
    for stage in STAGES:
        print(f"  {stage:11} {timings[stage] / n * 1000:6.2f} ms/document, its patterns {by_stage[stage] / n * 1000:5.2f}"
              f" ({by_stage[stage] / (timings[stage] or 1):4.0%})")
    print(f"the {top} costliest patterns (ms a document, calls a document, mean µs a call):")
    for (pattern, method), times in sorted(by_pattern.items(), key=lambda item: -sum(item[1]))[:top]:
        print(f"  {sum(times) / n * 1000:6.3f}  {len(times) / n:7.1f}  {sum(times) / len(times) * 1e6:6.2f}  "
              f"{method:9} {pattern}")


def peak_memory(text: str) -> float:
    """Megabytes allocated at the peak of one analysis of the text (tracemalloc), the text itself not counted."""
    tracemalloc.start()
    analyse(text, dict.fromkeys(STAGES, 0.0), "traced")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def one_paragraph(times: int) -> str:
    """The sample repeated, with no paragraph break."""
    return "标题\n\n" + SAMPLE.read_text(encoding="utf-8").replace("\n", "") * times


_ZH_NAMES = ("全口径地区生产总值", "规模以上工业企业增加值", "社会消费品零售总额合计", "全社会固定资产投资总额",
             "货物贸易进出口总额", "一般公共预算收入合计")
_EN_NAMES = ("gross regional product of the whole region", "industrial value added of large firms",
             "retail sales of consumer goods", "total fixed-asset investment", "goods trade of the region",
             "general public budget revenue")


def figures_in_one_sentence(count: int, language: str) -> str:
    """One sentence of `count` figures, each a clause with its year (about 75 bytes a figure)."""
    if language == "zh":
        clauses = (f"{2000 + i % 24}年全自治区{_ZH_NAMES[i % 6]}达到{i + 1}.{i % 10}亿元" for i in range(count))
        return "统计快报\n\n" + "，".join(clauses) + "。\n"
    clauses = (f"{_EN_NAMES[i % 6]} reached {i + 1}.{i % 10} billion yuan in {2000 + i % 24}" for i in range(count))
    return "Statistical bulletin\n\nIn the region, " + ", ".join(clauses) + ".\n"


def numbered_items(count: int) -> str:
    """A list of `count` numbered items on lines of their own, no blank line between them."""
    items = "\n".join(f"{i}. 要加快推进第{i}项重点工作，确保取得实效。" for i in range(1, count + 1))
    return "重点任务\n\n会议强调：\n" + items + "\n"


CASES = (
    ("one paragraph, no breaks (the sample repeated)", [one_paragraph(n) for n in (40, 120, 400)]),
    ("one sentence of figures, Chinese", [figures_in_one_sentence(n, "zh") for n in (5000, 10000, 20000)]),
    ("one sentence of figures, English", [figures_in_one_sentence(n, "en") for n in (5000, 10000, 20000)]),
    ("numbered items on lines of their own", [numbered_items(n) for n in (2000, 8000, 32000)]),
)


def scaling() -> None:
    analyse(figures_in_one_sentence(100, "zh"), dict.fromkeys(STAGES, 0.0), "warm")  # imports numpy, fills caches
    for title, texts in CASES:
        print(f"{title}:")
        first: tuple[float, float, float] | None = None
        for n, text in enumerate(texts):
            timings = dict.fromkeys(STAGES, 0.0)
            start = time.perf_counter()
            analyse(text, timings, "big")
            spent = time.perf_counter() - start
            megabytes = len(text.encode("utf-8")) / 1e6
            traced = n in (0, len(texts) - 1)  # the smallest and the largest: tracing is slow
            peak = peak_memory(text) if traced else 0.0
            first = first or (megabytes, spent, peak)
            memory = f"peak {peak:6.1f} MB ×{peak / first[2]:4.1f}" if traced else " " * 18
            print(f"  {megabytes:5.2f} MB  {spent:6.2f} s  {spent / megabytes:5.2f} s/MB  {memory}  "
                  f"size ×{megabytes / first[0]:4.1f}  time ×{spent / first[1]:4.1f}  "
                  + "  ".join(f"{s} {timings[s]:.2f}" for s in STAGES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--profile", type=int, nargs="?", const=40, metavar="N",
                        help="profile the documents' analysis and print the N costliest functions (no size curve)")
    parser.add_argument("--regex-floor", type=int, nargs="?", const=25, metavar="N",
                        help="time the analysis's pattern calls alone, and print the N costliest patterns (no size curve)")
    args = parser.parse_args()
    size = len(SAMPLE.read_text(encoding="utf-8"))
    print(f"Python {platform.python_version()} on {platform.machine()}; sample: {size} characters; one BLAS thread")
    importlib.import_module("numpy")  # loaded before the limit, as analyse() does: threadpoolctl limits only what is loaded

    with threadpool_limits(limits=1):  # as briefing.analyse.analyse runs
        if args.profile:
            profile(make_documents(args.documents, size, args.seed), args.profile)
            return
        if args.regex_floor:
            regex_floor(make_documents(args.documents, size, args.seed), args.regex_floor)
            return
        throughput(make_documents(args.documents, size, args.seed))
        if not args.no_scaling:
            scaling()


if __name__ == "__main__":
    main()
