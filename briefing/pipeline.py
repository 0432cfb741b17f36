"""build(): the pipeline, top to bottom. Gather, analyse, enrich, render, then publish.

Each stage is imported by the function that runs it: an up-to-date run, which only hashes the inputs and
looks at the latest editions, loads none of them (ingest's readers, analyse, enrich, select, render, the
snapshots), a quarter of briefing's own modules.
"""

from __future__ import annotations

import time
import warnings
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable
from pathlib import Path

from briefing.config import Config
from briefing.render.checked import check_before_build
from briefing.templating import Template, load_template
from briefing.errors import BuildError, InputError, Interrupted, machine
from briefing.model import (Analysis, Audience, Briefing, Chart, ChartPlan, Document, Indicator, SourceFailure,
                            TableSpec)
from briefing.model.config import hidden_password
from briefing.publish import editions
from briefing.publish import Staged, discard, publish, scratch_folder, staging_folder
from briefing.publish.lock import locked
from briefing.publish.manifest import fix_zip_times, inputs_digest, manifest, today, write_manifest


@dataclass
class Report:
    """What a build did: the edition folders, how long each stage took, or that it was up to date."""

    editions: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # every audience's latest edition was built from these same inputs
    removed: list[Path] = field(default_factory=list)  # leftovers of killed builds, and pruned editions
    undelivered: list[Path] = field(default_factory=list)  # up to date, but a run before never finished delivering
    warnings: list[str] = field(default_factory=list)
    date: str = ""
    progress: Callable[[str, int, int], None] | None = None

    def up_to_date(self, undelivered: list[Path]) -> "Report":
        self.skipped = True
        self.undelivered = undelivered
        return self

    def line(self, config: Path) -> str:
        """The build's line in the log: up to date, or how many editions were built, in how long, and where."""
        if self.skipped:
            return f"up to date: {config} (nothing changed since the latest editions)"
        count = f"{len(self.editions)} edition{'' if len(self.editions) == 1 else 's'}"
        return f"built {count} in {sum(self.timings.values()):.2f}s: " + " ".join(map(str, self.editions))

    def warn(self, warnings: list[str], strict: bool) -> None:
        """Note what a reader would miss: a source that failed, a source with no directive, no figure at all."""
        self.warnings += warnings
        if strict and self.warnings:
            raise BuildError("--strict: " + "; ".join(self.warnings))

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
    report = Report(date=date or today(), progress=progress)
    chosen = choose_audiences(config, audiences)
    check_programs(config, chosen)  # LibreOffice for pdf, before anything is read
    check_before_build([a.template for a in chosen])  # `briefing templates check`, before anything is read
    folder = editions.root(config.folder, config.name, config.output, out)
    check_root(config, folder, out)
    fresh = Freshness(config, folder, chosen, force, date)  # the inputs hashed, once
    tables = tables_to_build(config, fresh)  # a table's mistake before anything is written
    with holding_lock(folder, wait):
        with machine("tidying what a killed build left", folder):
            report.removed = editions.clean_stale(folder, config.path)
        editions.check_destinations(folder, {a.name: edition_path(config, a.name, report.date, out) for a in chosen},
                                    config.path, force)
        sources = fresh.sources_to_read()  # the editions as they are now, in the lock
        if sources is None:
            return report.up_to_date(fresh.owed())
        with report.stage("ingest"):
            documents, failures = gather_sources(config, sources)
            tables, read = tables or read_tables(config)
        fresh.record_read(documents, failures, read)
        if fresh.pages_unchanged():
            return report.up_to_date(fresh.owed())
        with report.stage("analyse"):
            analysis = analyse_sources(config, documents, tables, failures)
        report.warn(warnings_of(analysis), strict)
        with machine("making a scratch folder", folder), scratch_folder(folder) as scratch:
            with report.stage("charts"), machine("drawing the charts", folder), named_warnings(report, "charts"):
                analysis = replace(analysis, charts=draw_charts(analysis.chart_plans, chosen, scratch))
            with report.stage("render"), machine("writing the editions", folder), named_warnings(report, "render"):
                staged = render_all(config, analysis, chosen, report.date, out, folder)
            with machine("publishing the editions", folder):
                publish_all(config, folder, staged, report, documents, fresh.digest, failures, force, date is not None)
    return report


@contextmanager
def named_warnings(report: Report, stage: str):
    """What a library warns of while the body runs (matplotlib on a figure it cannot lay out, say) becomes a
    warning of the build, named by its stage and said once, instead of raw text on stderr that cron would mail
    with its source line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    said = dict.fromkeys(f"{stage}: {w.category.__name__}: {str(w.message).splitlines()[0] if str(w.message) else ''}"
                         for w in caught)
    report.warnings += [line for line in said if line not in report.warnings]


def tables_to_build(config: Config, fresh: "Freshness") -> tuple[tuple[Indicator, ...], dict[str, str]] | None:
    """The tables read, unless the build looks up to date (a look without the lock, which the build repeats in
    it): a table that does not fit its entry fails the build before the editions' folder is touched, and an
    up-to-date build never reads one."""
    if not config.tables:
        return None
    if not fresh.force and fresh.looks_unchanged():
        return None
    return read_tables(config)


@contextmanager
def holding_lock(folder: Path, wait: float):
    """The briefing's lock, held for the body. A lock that cannot be taken (a folder nobody may write, a
    `.lock` that is a folder or a broken link) is a MachineError naming it; what the body raises is its own."""
    with ExitStack() as held:
        with machine("taking the briefing's lock", folder / ".lock"):
            held.enter_context(locked(folder, wait))
        yield


def backfill(folder: Path, audiences: list[Audience], date: str | None) -> str | None:
    """The date asked for with --date when it is before the latest edition's (a missing day built late): its
    own editions, not the latest, say whether it is up to date. None otherwise."""
    latest = editions.latest_date(folder, [a.name for a in audiences])
    return date if date is not None and latest is not None and date < latest else None


def check_today(config: Config) -> None:
    """What `validate` checks of the output: today's edition folders are free, or older editions of this
    config (never a folder of the user's, nor another config's edition)."""
    check_programs(config, list(config.audiences))
    folder = editions.root(config.folder, config.name, config.output, None)
    check_root(config, folder)
    editions.check_destinations(folder, {a.name: edition_path(config, a.name, today(), None)
                                         for a in config.audiences}, config.path, force=False)


def check_programs(config: Config, audiences: list[Audience]) -> None:
    """The programs the audiences' formats need are on the PATH: LibreOffice (soffice) for pdf."""
    from briefing.render.pdf import CONVERTER, INSTALL, converter

    needing = [a.name for a in audiences if "pdf" in a.formats]
    if needing and converter() is None:
        raise InputError(str(config.path), f"pdf ({'audience' if len(needing) == 1 else 'audiences'} "
                         f"{', '.join(needing)}) needs LibreOffice, and {CONVERTER} is not on the PATH",
                         f"{INSTALL}, or drop pdf from formats",
                         f"audiences.{needing[0]}.formats")


def check_root(config: Config, folder: Path, out: Path | None = None) -> None:
    """The editions' folder (the config's output, or --out's) must be no folder of the project's own, and no
    file may stand where it or one of its parents must be."""
    problem = editions.root_problem(folder, config.folder, [p for _, p in input_files(config)],
                                    [a.template for a in config.audiences])
    if problem:
        raise InputError(str(config.path), problem, "give the editions a folder of their own, "
                         "e.g. output: out/{briefing}/{date}/{audience}, or another --out")
    blocker = editions.in_the_way(folder)
    if blocker is not None:
        raise InputError(str(blocker), "is a file where the editions' folder must be",
                         "give --out a folder; it is made if missing" if out is not None
                         else "move it away, or change output: in the config")


@dataclass
class Freshness:
    """Whether a build can be skipped: its inputs are those the latest editions were made from.

    Local files are hashed before anything is read; web pages change without the config
    knowing, so a config with pages is compared again once they are fetched.
    """

    config: Config
    folder: Path
    audiences: list[Audience]
    force: bool
    date: str | None = None  # the date asked for with --date; an earlier one is up to date when its own editions are
    digest: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.digest = inputs_digest(input_files(self.config), self.templates)
        # web pages and databases change without the config's files knowing: what they said is compared once read
        self.remote = (any(s.is_remote for s in self.config.source_specs)
                       or any(t.query is not None for t in self.config.tables))

    @property
    def templates(self) -> list[Path]:
        return [a.template for a in self.audiences]

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.audiences]

    def sources_to_read(self) -> tuple[Path, ...] | None:
        """The local sources to read (with since: last-edition, the changed ones); None when up to date."""
        if not self.force and not self.remote and self.unchanged():
            return None
        sources = self.config.sources
        if self.config.since == "last-edition":
            sources = editions.changed_since_last_edition(sources, self.folder, self.names)
            if not sources and not self.force and not self.remote:
                return None  # no source is newer than the latest edition
        return sources

    def record_read(self, documents: tuple[Document, ...], failures: tuple[SourceFailure, ...],
                    tables: dict[str, str]) -> None:
        """The digest of what was read: each local source and table by the very bytes parsed (a file rewritten
        after it was first hashed is recorded as it was read), and what the web pages said."""
        from briefing.ingest.readers import fetched_inputs

        read = {**{d.origin: d.sha256 for d in documents if d.sha256}, **tables}
        queries = {table_key(t): tables[table_key(t)] for t in self.config.tables if t.query is not None}
        self.digest = inputs_digest(input_files(self.config), self.templates,
                                    fetched_inputs(documents, failures) if self.remote else [], read, queries)

    def owed(self) -> list[Path]:
        """The latest editions a run before published but never finished delivering (with a deliver hook)."""
        return editions.owed(self.folder, self.names) if self.config.deliver else []

    def pages_unchanged(self) -> bool:
        """With web sources: what the pages said is an input too (the same pages, the same edition)."""
        return self.remote and not self.force and self.unchanged()

    def looks_unchanged(self) -> bool:
        """What sources_to_read would say of local files alone: the latest editions are of these inputs."""
        return not self.remote and self.unchanged()

    def unchanged(self) -> bool:
        return editions.up_to_date(self.folder, self.names, self.digest["digest"],
                                   backfill(self.folder, self.audiences, self.date))


def publish_all(config: Config, folder: Path, staged: list[Staged], report: Report, documents: tuple[Document, ...],
                digest: dict, failures: tuple[SourceFailure, ...], force: bool = False, explicit: bool = True) -> None:
    """Every staged edition with its manifest, moved into place together (into `report.editions`), each
    replacing only an older edition of this config (another's with `force`); `latest` pointed at them (never
    backwards: an earlier date is published with a warning), and the editions beyond `keep` pruned. The
    staging folders never stay. Ctrl-C once an edition has landed is Interrupted: what was published is said,
    never hidden."""
    try:
        if report.progress:
            report.progress("publish", len(STAGES), len(STAGES))
        for item in staged:
            fix_zip_times(item.staging, report.date)
            write_manifest(item, manifest(config.name, config.title, config.path, item.audience, report.date,
                                          documents, digest, failures, delivery=bool(config.deliver),
                                          issue=item.issue))
        behind = editions.latest_date(folder, [item.audience for item in staged])
        publish(staged, lambda old: editions.check_replaceable(old, config.path, force), report.editions)
        for item in staged:
            editions.point_latest(folder, item.audience, item.destination)
        report.removed += editions.prune(folder, config.keep, config.path, report.editions)
        if behind is not None and report.date < behind:
            report.warnings.append(_earlier(report.date, behind, explicit))
    except KeyboardInterrupt:
        if report.editions:
            raise Interrupted(report.editions) from None
        raise
    finally:
        discard([s for s in staged if s.staging.exists()])


def _earlier(date: str, latest: str, explicit: bool) -> str:
    """The warning of an edition dated before the latest one (never a failure, not even with --strict)."""
    why = "" if explicit else " (is the clock right? --date builds a given day on purpose)"
    return (f"{date} is before the latest edition ({latest}){why}: its editions are published, latest/ stays at "
            f"{latest}, and what's new compares with the edition before {date}")


def input_files(config: Config) -> list[tuple[str, Path]]:
    """The files of a config that an edition is made from, by kind: the config, its sources and tables."""
    return ([("config", config.path)] + [("source", p) for p in config.sources]
            + [("table", spec.path) for spec in config.tables if spec.query is None])


def warnings_of(analysis: Analysis) -> list[str]:
    """What a reader would miss: a source that could not be read, a source with no directive, no figure at all."""
    found = [f"{f.origin}: could not be read: {f.reason}" for f in analysis.failed_sources]
    found += [f"{d.source_id}: no headline directive found" for d in analysis.documents
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


def read_tables(config: Config) -> tuple[tuple[Indicator, ...], dict[str, str]]:
    """Every table's figures, and the digest of each table as it was read (path -> sha256); a table that does not
    fit its entry is an error at the config's line, and every table's are said at once."""
    from briefing.config.tables import read_placed
    from briefing.errors import InputErrors

    tables, problems = {}, []
    for spec in config.tables:
        try:
            tables[table_key(spec)] = read_placed(spec, config.limits)
        except InputErrors as exc:
            problems += exc.errors
        except InputError as exc:
            problems.append(exc)
    if problems:
        raise InputErrors(problems) if len(problems) > 1 else problems[0]
    return tuple(i for t in tables.values() for i in t.indicators), {key: t.sha256 for key, t in tables.items()}


def table_key(spec: TableSpec) -> str:
    """What the manifest records a table by: its file, or its query (the database's password hidden)."""
    if spec.query is None:
        return str(spec.path)
    return f"{hidden_password(spec.query.url) or spec.path}: {spec.query.sql}"


def draw_charts(plans: tuple[ChartPlan, ...], audiences: list[Audience], scratch: Path) -> tuple[Chart, ...]:
    """Each plan drawn once per distinct chart style among the audiences (matplotlib is imported here)."""
    from briefing.render.charts import draw_charts as draw

    return draw(plans, audiences, scratch)


def charts_for(analysis: Analysis, audience: Audience) -> Analysis:
    """The analysis with only the charts drawn for this audience (in its style, within its max_charts)."""
    return replace(analysis, charts=tuple(c for c in analysis.charts if audience.name in c.audiences))


def analyse_sources(config: Config, documents: tuple[Document, ...], tables: tuple[Indicator, ...],
                    failures: tuple[SourceFailure, ...] = ()) -> Analysis:
    """What the sources and tables say, enriched: the same for every audience."""
    return _analysed(documents, tables, failures, () if config.from_sources else ("text_figures",), config.aliases)


def trial_briefing(config: Config, audience: Audience, date: str, scratch: Path) -> Briefing:
    """The briefing `build` would make for one audience (the same sources, web pages and feeds too, the same
    date), its charts drawn in `scratch`; nothing is published. `templates check` renders it for trial."""
    from briefing.select import select

    documents, failures = gather_sources(config, config.sources)
    analysis = analyse_sources(config, documents, read_tables(config)[0], failures)
    analysis = replace(analysis, charts=draw_charts(analysis.chart_plans, [audience], scratch))
    return select(charts_for(analysis, audience), audience, config.title, date)


def analyse_document(document: Document, tables: tuple[Indicator, ...] = ()) -> Analysis:
    """One document through analyse and enrich, as a build sees it: what extract, eval and checks use."""
    return _analysed((document,), tables)


def _analysed(documents: tuple[Document, ...], tables: tuple[Indicator, ...], failures: tuple[SourceFailure, ...] = (),
              skip: tuple[str, ...] = (), aliases: dict[str, tuple[str, ...]] | None = None) -> Analysis:
    """The analysis, enriched (the two stages imported here: an up-to-date run needs neither)."""
    from briefing.analyse import analyse
    from briefing.enrich import enrich

    return enrich(analyse(documents, tables, failures, skip), aliases)


def render_all(config: Config, analysis: Analysis, audiences: list[Audience], date: str,
               out: Path | None, folder: Path | None = None) -> list[Staged]:
    """Each audience's edition rendered into its staging folder; on any failure, none is left."""
    from briefing.publish.history import compare, snapshot, write_snapshot
    from briefing.render import render_edition
    from briefing.select import select

    staged: list[Staged] = []
    templates: dict[Path, Template] = {}  # each template folder read once, however many audiences use it
    try:
        for audience in audiences:
            destination = edition_path(config, audience.name, date, out)
            issue = editions.issue_number(folder, audience.name, date, audience.first_issue)
            item = Staged(audience.name, staging_folder(destination), destination, issue)
            staged.append(item)
            now = snapshot(analysis, date)
            briefing = replace(select(charts_for(analysis, audience), audience, config.title, date,
                                      compare(_previous(folder, audience.name, date), now,
                                              config.since == "last-edition")), issue=issue)
            write_snapshot(item.staging, now)
            if audience.template not in templates:
                templates[audience.template] = load_template(audience.template)
            render_edition(briefing, templates[audience.template], item.staging, config.limits)
    except BaseException:
        discard(staged)
        raise
    return staged


def _previous(folder: Path | None, audience: str, date: str) -> dict | None:
    """The snapshot of the newest edition dated before this one (a rebuild of a date compares with the same
    earlier edition, so it says the same)."""
    from briefing.publish.history import read_snapshot

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
    from briefing.ingest.readers import gather

    chosen = set(local)
    documents, failures = gather(tuple(s for s in config.source_specs if s.is_remote or Path(s.location) in chosen),
                                 config.limits, config.folder)
    if not documents and failures:
        raise BuildError(f"no source could be read ({len(failures)} failed): "
                         + "; ".join(f"{f.origin}: {f.reason}" for f in failures))
    return documents, failures
