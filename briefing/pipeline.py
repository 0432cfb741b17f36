"""build(): the pipeline, top to bottom. Gather, analyse, enrich, render, then publish."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable
from pathlib import Path

from briefing import __version__
from briefing.config import Config
from briefing.render.context import build_context
from briefing.select import select
from briefing.analyse.directives import find_directives
from briefing.errors import BuildError, InputError
from briefing.model import Analysis, Audience, Directive, Document, Indicator, SourceFailure
from briefing.ingest.readers import fetched_inputs, gather
from briefing.publish import editions
from briefing.publish.history import compare, read_snapshot, snapshot, write_snapshot
from briefing.publish import Staged, discard, fix_zip_times, publish, sha256, staging_folder, write_manifest


@dataclass
class Report:
    """What a build did: the edition folders, how long each stage took, or that it was up to date."""

    editions: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # every audience's latest edition was built from these same inputs
    removed: list[Path] = field(default_factory=list)  # leftovers of killed builds, and pruned editions
    warnings: list[str] = field(default_factory=list)
    date: str = ""
    progress: Callable[[str, int, int], None] | None = None

    @contextmanager
    def stage(self, name: str):
        if self.progress:
            self.progress(name, len(self.timings) + 1, len(STAGES))
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 4)


STAGES = ("ingest", "analyse", "charts", "render", "publish")


def build(config: Config, audiences: list[str] | None = None, date: str | None = None,
          out: Path | None = None, force: bool = False, wait: float = 60.0, strict: bool = False,
          progress: Callable[[str, int, int], None] | None = None) -> Report:
    """Build the edition of every chosen audience; nothing is written unless all of them render.

    The whole build holds the briefing's lock. A build whose inputs are those of the
    latest editions is skipped unless forced. With `strict`, a warning fails the build.
    """
    date = date or editions.today()
    report = Report(date=date, progress=progress)
    chosen = choose_audiences(config, audiences)
    from briefing.render.check import check_before_build  # `briefing templates check`, before anything is read

    check_before_build([a.template for a in chosen])
    folder = editions.root(config.folder, config.name, config.output, out)
    with editions.locked(folder, wait):
        report.removed = editions.clean_stale(folder)
        digest = editions.inputs_digest(input_files(config), [a.template for a in chosen])
        remote = any(s.is_remote for s in config.source_specs)  # web pages change without the config knowing
        if not force and not remote and editions.up_to_date(folder, [a.name for a in chosen], digest["digest"]):
            report.skipped = True
            return report
        sources = config.sources
        if config.since == "last-edition":
            sources = editions.changed_since_last_edition(sources, folder, [a.name for a in chosen])
            if not sources and not force and not remote:
                report.skipped = True  # no source is newer than the latest edition
                return report
        with report.stage("ingest"):
            documents, failures = gather_sources(config, sources)
            tables = read_tables(config)
        report.warnings += [f"{f.origin}: could not be read: {f.reason}" for f in failures]
        if remote:  # what the pages said is an input too: the same pages, the same edition
            digest = editions.inputs_digest(input_files(config), [a.template for a in chosen],
                                            fetched_inputs(documents, failures))
            if not force and editions.up_to_date(folder, [a.name for a in chosen], digest["digest"]):
                report.skipped = True
                return report
        with report.stage("analyse"):
            analysis = replace(analyse(documents, tables, config.from_sources), failed_sources=failures)
        report.warnings += warnings_of(analysis)
        if strict and report.warnings:
            raise BuildError("--strict: " + "; ".join(report.warnings))
        with tempfile.TemporaryDirectory(prefix="briefing-charts-") as scratch:
            with report.stage("charts"):
                analysis = enrich(analysis, Path(scratch), chosen)
            with report.stage("render"):
                staged = render_all(config, analysis, chosen, date, out, folder)
            try:
                if progress:
                    progress("publish", len(STAGES), len(STAGES))
                for item in staged:
                    fix_zip_times(item.staging, date)
                    write_manifest(item, manifest(config, item.audience, date, documents, digest, failures))
                report.editions = publish(staged)
            finally:
                discard([s for s in staged if s.staging.exists()])
        for item, edition in zip(staged, report.editions):
            editions.point_latest(folder, item.audience, edition)
        report.removed += editions.prune(folder, config.keep)
    return report


def input_files(config: Config) -> list[tuple[str, Path]]:
    """The files of a config that an edition is made from, by kind: the config, its sources and tables."""
    return ([("config", config.path)] + [("source", p) for p in config.sources]
            + [("table", spec.path) for spec in config.tables])


def warnings_of(analysis: Analysis) -> list[str]:
    """What a reader would miss: a source with no directive, a briefing with no figure."""
    found = [f"{d.source_id}: no headline directive found" for d in analysis.documents
             if not any(x.source_id == d.source_id for x in analysis.directives)]
    if not analysis.indicators:
        found.append("no figure was found in the sources or tables")
    return found


def choose_audiences(config: Config, names: list[str] | None) -> list[Audience]:
    if not names:
        return list(config.audiences)
    known = {a.name: a for a in config.audiences}
    for name in names:
        if name not in known:
            raise InputError(str(config.path), f'no audience "{name}"', f"choose from {', '.join(known)}",
                             "audiences")
    return [known[n] for n in names]


def read_tables(config: Config) -> tuple[Indicator, ...]:
    from briefing.ingest.tables import read_table

    return tuple(i for spec in config.tables for i in read_table(spec.path, spec.sheet, spec.layout))


def analyse(documents: tuple[Document, ...], tables: tuple[Indicator, ...], from_sources: bool = True) -> Analysis:
    """Directives, others' remarks and indicators of every document, with the table figures."""
    from briefing.languages.zh.indicators import indicators_in

    headlines: list[Directive] = []
    others: list[Directive] = []
    found: list[Indicator] = []
    for document in documents:
        mine, theirs = find_directives(document)
        headlines.extend(mine)
        others.extend(theirs)
        if from_sources:
            found.extend(indicators_in(document))
    ranked = tuple(Directive(**{**d.__dict__, "rank": i}) for i, d in enumerate(headlines, 1))
    return Analysis(documents=documents, directives=ranked, other_remarks=tuple(others),
                    summary=(), indicators=tuple(found) + tables)


def enrich(analysis: Analysis, scratch: Path, audiences: list[Audience]) -> Analysis:
    """Series, derived figures, narratives, and charts: planned once, drawn once per distinct chart style."""
    from briefing.enrich.charts import plan_charts
    from briefing.render.charts import draw_charts
    from briefing.enrich.series import build_series, narratives

    language = analysis.documents[0].language if analysis.documents else "zh"
    series = build_series(analysis.indicators, language)
    charts = draw_charts(plan_charts(series, analysis.indicators, language), audiences, scratch)
    return Analysis(**{**analysis.__dict__, "series": series,
                       "narratives": narratives(series, analysis.indicators, language), "charts": charts})


def charts_for(analysis: Analysis, audience: Audience) -> Analysis:
    """The analysis with only the charts drawn for this audience (in its style, within its max_charts)."""
    return replace(analysis, charts=tuple(c for c in analysis.charts if audience.name in c.audiences))


def render_all(config: Config, analysis: Analysis, audiences: list[Audience], date: str,
               out: Path | None, folder: Path | None = None) -> list[Staged]:
    from briefing.render.word import render_docx, render_markdown

    staged: list[Staged] = []
    try:
        for audience in audiences:
            destination = edition_path(config, audience.name, date, out)
            item = Staged(audience.name, staging_folder(destination), destination)
            staged.append(item)
            now = snapshot(analysis, date)
            briefing = select(charts_for(analysis, audience), audience, config.title, date,
                              compare(_previous(folder, audience.name, date), now))
            context = build_context(briefing)
            write_snapshot(item.staging, now)
            (item.staging / "charts").mkdir()
            for chart in briefing.charts:
                shutil.copyfile(chart.path, item.staging / chart.filename)
            (item.staging / "digest.md").write_text(render_markdown(context, audience.template), encoding="utf-8")
            render_docx(context, audience.template, item.staging / "briefing.docx")
    except BaseException:
        discard(staged)
        raise
    return staged


def _previous(folder: Path | None, audience: str, date: str) -> dict | None:
    """The snapshot of the newest edition dated before this one (a rebuild of a date compares with the same
    earlier edition, so it says the same)."""
    edition = editions.previous_edition(folder, audience, date) if folder is not None else None
    if edition is None:
        return None
    try:
        return read_snapshot(edition)
    except InputError:
        return None


def edition_path(config: Config, audience: str, date: str, out: Path | None) -> Path:
    relative = config.output.format(briefing=config.name, date=date, audience=audience)
    if out is not None:
        return Path(out) / config.name / date / audience
    return config.folder / relative


def gather_sources(config: Config, local: tuple[Path, ...]) -> tuple[tuple[Document, ...], tuple[SourceFailure, ...]]:
    """Every source of the config (of its files, those in `local`); a source that cannot be read is a failure
    named in the edition, and only when none can be read does the build fail."""
    chosen = set(local)
    documents, failures = gather(tuple(s for s in config.source_specs if s.is_remote or Path(s.location) in chosen))
    if not documents and failures:
        raise BuildError(f"no source could be read ({len(failures)} failed): "
                         + "; ".join(f"{f.origin}: {f.reason}" for f in failures))
    return documents, failures


def manifest(config: Config, audience: str, date: str, documents: tuple[Document, ...], digest: dict,
             failures: tuple[SourceFailure, ...] = ()) -> dict:
    """What an edition was made from. Nothing in it depends on when or how fast it was built, so the same
    inputs give the same manifest, byte for byte."""
    return {
        "briefing": config.name,
        "title": config.title,
        "audience": audience,
        "date": date,
        "version": __version__,
        "config": {"path": str(config.path), "sha256": sha256(config.path)},
        "inputs": digest,
        "documents": [{"id": d.source_id, "title": d.title, "date": d.date, "language": d.language,
                       "encoding": d.encoding, "repairs": len(d.repairs)} for d in documents],
        "failed_sources": [{"source": f.origin, "reason": f.reason} for f in failures],
    }
