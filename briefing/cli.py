"""The command line: parse, call the library, turn a domain error into a message and an exit code.

Exit codes: 0 built (or "up to date": the latest editions already come from these inputs),
1 the build failed, 2 the input (config, source, table, template) is wrong, 75 another
build of the same briefing holds the lock (a temporary failure: cron may try again).
Progress goes to a terminal; in cron (not a TTY) a successful run prints nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import select
import sys
from contextlib import contextmanager
from pathlib import Path

from briefing import __version__
from briefing.errors import (EXIT_FAILED, EXIT_INPUT, EXIT_OK, BuildError, InputError, InternalError, Interrupted,
                             MachineError, unexpected)

EXIT_CODES = ("exit codes: 0 built, or up to date (nothing changed since the latest editions); 1 the build failed; "
              "2 the input is wrong (config, source, table, template); 75 another build of this briefing is running")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(_command_named(argv))
    args, extra = parser.parse_known_args(argv)
    if extra:  # said by the command's own parser, with its usage: `briefing build --bogus`
        _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        code = args.run(args)
        sys.stdout.flush()  # a reader gone is found here, not at exit (where Python would print a traceback)
        return code
    except BrokenPipeError:
        if not _stdout_gone():
            return _failed(args, unexpected(sys.exc_info()[1]))
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # `briefing extract … | head`: quietly
        return EXIT_OK
    except KeyboardInterrupt:
        print("briefing: interrupted; nothing was published", file=sys.stderr)
        return BuildError.exit_code
    except (InputError, BuildError) as exc:
        if getattr(args, "debug", False) and isinstance(exc, (InternalError, MachineError)):
            raise
        return _failed(args, exc)
    except Exception as exc:  # the last net: a bug is one line too (each known fault has its own message)
        if getattr(args, "debug", False):
            raise
        return _failed(args, unexpected(exc))


def _failed(args: argparse.Namespace, error: InputError | BuildError) -> int:
    """Say the error in one line (and log it); its exit code."""
    _log(args, error.logged_as + error.line())
    print(f"briefing: {error.line()}", file=sys.stderr)
    return error.exit_code


def _stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone (the poll of its write end says POLLERR)."""
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poll.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


class _Parser(argparse.ArgumentParser):
    """Every command takes --debug: an internal error then shows its traceback instead of one line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                          help="on an internal error, print the traceback (to report it)")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: of every command, or, for a command named, of that one alone (a run from cron
    need not build fifteen parsers with their help, a few milliseconds of an up-to-date run)."""
    parser = _Parser(prog="briefing", description=__doc__.split("\n")[0], epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command")
    for add in dict.fromkeys(COMMANDS.values()) if command not in COMMANDS else (COMMANDS[command],):
        add(commands)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the command the arguments ran, as deep as they went (`templates check`; the whole command
    line's when they named none)."""
    while True:
        commands = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        chosen = commands.choices.get(getattr(args, commands.dest, None) or "") if commands else None
        if chosen is None:
            return parser
        parser = chosen


def _command_named(argv: list[str]) -> str | None:
    """The command the arguments name: the first that is not an option (briefing's own take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _build_parser(commands) -> None:
    build = commands.add_parser("build", help="build the edition of every audience", epilog=EXIT_CODES,
                                description="Build the briefing. Example: briefing build briefing.yaml --audience executive")
    build.add_argument("config", nargs="?", default="briefing.yaml", help="the config file (default: ./briefing.yaml)")
    build.add_argument("--audience", action="append", help="build only this audience (repeatable)")
    build.add_argument("--date", type=_date, help="the edition's date, YYYY-MM-DD (default: today)")
    build.add_argument("--out", type=Path, help="write editions under this folder instead of the config's output")
    build.add_argument("--log-file", "--log", dest="log", type=Path,
                       help="append timestamped lines to this file (rotated at 1 MB, 5 kept)")
    build.add_argument("--verbose", action="store_true", help="print where the files are even when not on a terminal")
    build.add_argument("--force", action="store_true", help="build even when nothing changed since the latest editions")
    build.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                       help="wait this long for another build of the briefing to finish, then exit 75 (default 60)")
    build.add_argument("--strict", action="store_true",
                       help="fail on warnings: a source that could not be read, an empty section, a figure without data")
    build.add_argument("--no-cache", dest="cache", action="store_false",
                       help="analyse, check and draw everything anew, reading and writing nothing of the cache in "
                            "$XDG_CACHE_HOME/briefing (fonts excepted)")
    build.set_defaults(run=_build)


def _batch_parsers(commands) -> None:
    """Many briefings on a Dask cluster: batch (the client) and worker (a machine joining it)."""
    batch = commands.add_parser("batch", help="build many configs at once, on this machine or a Dask cluster",
                                epilog=EXIT_CODES + "; the batch exits with the worst of its configs' (2, 1, 75, 0)",
                                description="One build per config, each in a worker process, all for the same "
                                            "date. Example: briefing batch /srv/briefings/*/briefing.yaml "
                                            "--log /srv/briefings/batch.log")
    batch.add_argument("configs", nargs="+", type=Path, metavar="CONFIG", help="the config files to build")
    where = batch.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_workers, metavar="N",
                       help="build on this machine in N worker processes (default: one per core)")
    where.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="build on the workers of this Dask scheduler (started with: briefing worker ADDRESS)")
    batch.add_argument("--date", type=_date, help="the editions' date, YYYY-MM-DD, the same for all "
                                                  "(default: today, on this machine)")
    batch.add_argument("--log-file", "--log", dest="log", type=Path,
                       help="append a line per config to this file (rotated at 1 MB, 5 kept)")
    batch.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                       help="how long a build waits for another build of its briefing (default 60; "
                            "on NFS at least 120)")
    batch.add_argument("--force", action="store_true", help="build even when nothing changed since the latest editions")
    batch.add_argument("--strict", action="store_true", help="fail a config's build on its warnings")
    batch.set_defaults(run=_batch)

    worker = commands.add_parser("worker", help="join a Dask scheduler as the workers that batch builds on",
                                 description="Starts dask worker with one thread a process and BLAS one thread. "
                                             "Example: briefing worker tcp://10.0.0.1:8786 --nworkers 8")
    worker.add_argument("scheduler", metavar="tcp://HOST:8786", help="the scheduler's address")
    worker.add_argument("--nworkers", type=_workers, metavar="N",
                        help="worker processes on this machine (default: one per core)")
    worker.set_defaults(run=_worker)


def _operate_parsers(commands) -> None:
    """The commands of running unattended: diff, schedule, resend, validate."""
    diff = commands.add_parser("diff", help="what changed between two editions",
                               description="Example: briefing diff out/x/2024-04-22/analyst out/x/2024-04-23/analyst")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.set_defaults(run=_diff)

    schedule = commands.add_parser("schedule", help="the crontab line that builds this briefing",
                                   description='Example: briefing schedule briefing.yaml --cron "0 7 * * 1-5" --install')
    schedule.add_argument("config", nargs="?", default="briefing.yaml")
    schedule.add_argument("--cron", metavar="EXPRESSION", help='when to build, e.g. "0 7 * * 1-5" (not needed with --remove)')
    schedule.add_argument("--log-file", dest="schedule_log", type=Path, help="the log (default: briefing.log beside the config)")
    action = schedule.add_mutually_exclusive_group()
    action.add_argument("--install", action="store_true", help="add the line to your crontab (once)")
    action.add_argument("--remove", action="store_true", help="take this briefing's line out of your crontab")
    schedule.set_defaults(run=_schedule)

    resend = commands.add_parser("resend", help="run the deliver hook again for the latest good editions")
    resend.add_argument("config", nargs="?", default="briefing.yaml")
    resend.add_argument("--out", type=Path, help="the editions are under this folder instead of the config's output")
    resend.set_defaults(run=_resend)

    validate = commands.add_parser("validate", help="check a config and its inputs without writing anything")
    validate.add_argument("config", nargs="?", default="briefing.yaml")
    validate.set_defaults(run=_validate)


def _analysis_parsers(commands) -> None:
    """The analysis alone (extract), its scores (eval), and a new project (init)."""
    extract = commands.add_parser("extract", help="the analysis of one document, as JSON or Markdown",
                                  description="Example: briefing extract data/sources/readout.txt --format json")
    extract.add_argument("source", type=Path)
    extract.add_argument("--format", choices=("json", "md"), default="json")
    extract.add_argument("--summary-chars", type=_count, help="the summary's length, in characters (Chinese) or words (English)")
    extract.add_argument("--date", type=_date, help="the document's date, YYYY-MM-DD, over what the document says; "
                                                    "relative periods (this year, year to date) are placed by it")
    extract.set_defaults(run=_extract)

    evaluate = commands.add_parser("eval", help="score the analysis against gold files",
                                   description="Precision, recall and F1 of directives and indicators over every "
                                               "document of DIR that has a NAME.gold.json. Example: briefing eval tests/gold")
    evaluate.add_argument("folder", type=Path)
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list what was missed and what was extra")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--fail-under", type=float, metavar="F1",
                          help="exit 1 when the total F1 of directives or indicators is below this")
    evaluate.set_defaults(run=_eval)

    init = commands.add_parser("init", help="make a new working project in DIR",
                               description="Example: briefing init my-briefing && cd my-briefing && briefing build")
    init.add_argument("folder", type=Path)
    init.add_argument("--example", choices=("csv", "sql"), default="csv",
                      help="the starter indicator table: a CSV file (the default), or a SQLite database the config "
                           "queries with sql:")
    init.set_defaults(run=_init)


def _seconds(text: str) -> float:
    """A bounded wait: a build in cron must never wait forever for a lock."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of seconds from 0 to 86400')
    return value


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of worker processes; give 1 or more')
    return value


def _count(text: str) -> int:
    """A length of 0 or more, as the config's summary_chars."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f'"{text}" is not a length; give 0 or more')
    return value


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; write YYYY-MM-DD') from None


def _log(args: argparse.Namespace, line: str) -> None:
    from briefing.operate import log_line

    log_line(getattr(args, "log", None), line)


def _build(args: argparse.Namespace) -> int:
    from briefing import cache
    from briefing.config import load_config
    from briefing.operate import Hooks
    from briefing.pipeline import build

    with _alerting(Hooks.of_yaml(Path(args.config)), args.log):
        config = load_config(Path(args.config), read_tables=False)  # read by the build, when it is not up to date
    hooks = Hooks(config.path, config.on_failure, config.deliver)
    terminal = sys.stderr.isatty()
    with _alerting(hooks, args.log), cache.disabled(not args.cache):
        report = build(config, args.audience, args.date, args.out, force=args.force, wait=args.wait,
                       strict=args.strict, progress=_progress if terminal else None)
    try:
        with _alerting(hooks, args.log, known=False):
            return _built(args, config, hooks, report)
    except KeyboardInterrupt:
        published = report.editions or report.undelivered
        if not published:
            raise
        raise Interrupted(published) from None


@contextmanager
def _alerting(hooks, log: Path | None, known: bool = True):
    """Run the on_failure hook for what fails within (the known errors, with `known`; always an unexpected
    exception, which leaves as the one-line error of the last net, so cron hears of a bug too)."""
    from briefing.operate import on_failure

    try:
        yield
    except (BuildError, InputError) as exc:
        if known:
            on_failure(hooks, exc, log)
        raise
    except BrokenPipeError:
        raise
    except Exception as exc:
        error = unexpected(exc, "building")
        on_failure(hooks, error, log)
        raise error from exc


def _built(args: argparse.Namespace, config, hooks, report) -> int:
    """After the build: log it, say the warnings, deliver what is owed (the new editions, or those an earlier
    run published but never finished delivering)."""
    from briefing.operate import deliver
    from briefing.publish.manifest import read_manifest

    if report.skipped:
        _log(args, report.line(config.path))
        if sys.stdout.isatty() or args.verbose:
            print(f"{config.name}: up to date (nothing changed since the latest editions; --force rebuilds)")
        if report.undelivered:
            _log(args, "delivering what an earlier run did not: " + " ".join(map(str, report.undelivered)))
            deliver(hooks, report.undelivered, read_manifest(report.undelivered[0]).get("date", report.date), args.log)
        return EXIT_OK
    _log(args, report.line(config.path))
    for warning in report.warnings:
        _log(args, f"warning: {warning}")
        print(f"briefing: warning: {warning}", file=sys.stderr)
    deliver(hooks, report.editions, report.date, args.log)
    if sys.stdout.isatty() or args.verbose:
        for path in report.editions:
            print(f"{path}/  briefing.docx  digest.md  charts/  manifest.json")
    return EXIT_OK


def _progress(stage: str, number: int, total: int) -> None:
    """One line per stage on a terminal: a bar and the stage's name."""
    bar = "█" * number + "·" * (total - number)
    print(f"\r{bar} {number}/{total} {stage:<12}", end="\n" if number == total else "", file=sys.stderr, flush=True)


def _batch(args: argparse.Namespace) -> int:
    from briefing.batch import require_dask, run_batch
    from briefing.publish.manifest import today

    require_dask()
    terminal = sys.stderr.isatty()
    try:
        result = run_batch(args.configs, args.date or today(), args.workers, args.scheduler, args.wait, args.force,
                           args.strict, args.log, each=_batch_progress if terminal else _batch_said)
    except KeyboardInterrupt:
        raise BuildError("interrupted; the configs done are in the log, and what a build had published stays "
                         "published (a delivery it had not run is owed to the next run)") from None
    if terminal:
        print(f"\r{' ' * 40}\r{len(result.outcomes)} configs in {result.seconds:.1f}s, exit {result.code}",
              file=sys.stderr)
    return result.code


def _batch_said(outcome, done: int, total: int) -> None:
    """What one config's build says on stderr, as `briefing build` would: its error, its warnings."""
    from briefing.batch import naming

    if outcome.error:
        print(f"briefing: {outcome.error}", file=sys.stderr)
    for warning in outcome.warnings:
        print(f"briefing: warning: {naming(warning, outcome.config)}", file=sys.stderr)


def _batch_progress(outcome, done: int, total: int) -> None:
    """On a terminal: what a config said, then a bar of the configs done."""
    width = min(total, 40)
    filled = done * width // total
    print(f"\r{' ' * (width + 40)}\r", end="", file=sys.stderr)
    _batch_said(outcome, done, total)
    print(f"\r{'█' * filled}{'·' * (width - filled)} {done}/{total} configs", end="", file=sys.stderr, flush=True)


def _worker(args: argparse.Namespace) -> int:
    from briefing.batch import start_worker

    start_worker(args.scheduler, args.nworkers)
    return EXIT_OK  # not reached: the process is dask worker now


def _diff(args: argparse.Namespace) -> int:
    from briefing.publish.history import as_text, compare, read_snapshot

    old, new = read_snapshot(args.old), read_snapshot(args.new)
    print(as_text(compare(old, new), str(args.old), str(args.new)))
    return EXIT_OK


def _schedule(args: argparse.Namespace) -> int:
    from briefing.config import load_config
    from briefing.operate import install, remove, schedule_line

    config = load_config(Path(args.config))
    if args.remove:
        removed = remove(config.path)
        print("removed from your crontab" if removed else "it was not in your crontab")
        return EXIT_OK
    if args.cron is None:
        raise InputError("schedule", "when to build is missing", 'give it with --cron, e.g. --cron "0 7 * * 1-5"')
    plan = schedule_line(config.path, args.cron, args.schedule_log)
    print(plan.line)
    print("next runs: " + "; ".join(plan.next_runs))
    if args.install:
        print("added to your crontab" if install(plan, config.path) else "already in your crontab")
    return EXIT_OK


def _resend(args: argparse.Namespace) -> int:
    from briefing.config import load_config
    from briefing.operate import Hooks, deliver, editions_to_resend
    from briefing.publish import editions
    from briefing.publish.manifest import read_manifest

    config = load_config(Path(args.config))
    folder = editions.root(config.folder, config.name, config.output, args.out)
    found = editions_to_resend(folder, [a.name for a in config.audiences])
    if not config.deliver:
        raise InputError(str(config.path), "there is no deliver: command to run", "add deliver: to the config")
    date = read_manifest(found[0]).get("date", "")
    deliver(Hooks(config.path, config.on_failure, config.deliver), found, date, None)
    print(f"delivered again: {', '.join(map(str, found))}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from briefing.config import load_config

    from briefing.pipeline import check_today
    from briefing.render.charts import load_style

    config = load_config(Path(args.config))
    for audience in config.audiences:
        load_style(audience.template)  # a wrong chart.mplstyle is caught here, as build would catch it
    check_today(config)  # a folder in the way of today's editions, as build would find it
    print(f"{config.path}: ok ({len(config.source_specs)} sources, {len(config.tables)} tables, "
          f"{len(config.audiences)} audiences)")
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from briefing.extract import analysis_json, analysis_markdown

    if args.format == "json":
        print(json.dumps(analysis_json(args.source, args.summary_chars, args.date), ensure_ascii=False, indent=2))
    else:
        print(analysis_markdown(args.source, args.summary_chars, args.date))
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from briefing.evaluate import as_json, evaluate, report

    result = evaluate(args.folder)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print(report(result, args.verbose))
    worst = min(result.directives.f1, result.indicators.f1)
    if args.fail_under is not None and worst < args.fail_under:
        print(f"briefing: F1 {worst:.3f} is below --fail-under {args.fail_under}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from briefing.project import make_project

    make_project(args.folder, args.example)
    print(f"{args.folder}: a new project; build it with: cd {args.folder} && briefing build")
    return EXIT_OK


# ---------------------------------------------------------------- briefing templates


def _templates_parser(commands) -> None:
    templates = commands.add_parser("templates", help="list, copy and check templates",
                                    description="Templates are folders: the project's templates/, then the "
                                                "built-in ones. Example: briefing templates new minister --from "
                                                "executive --wire minister")
    actions = templates.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every template: name, where it comes from, what it extends")
    listing.set_defaults(run=_templates_list)
    new = actions.add_parser("new", help="copy a template into the project's templates/ to edit it",
                             description="Example: briefing templates new minister --from executive --wire minister")
    new.add_argument("name", help="the new template's folder name under templates/")
    new.add_argument("--from", dest="source", required=True, metavar="TEMPLATE",
                     help="the template to copy: a built-in name, a project template or a folder")
    new.add_argument("--wire", metavar="AUDIENCE",
                     help="also set audiences.AUDIENCE.template in the config (adding the audience if need be)")
    new.set_defaults(run=_templates_new)
    check = actions.add_parser("check", help="find template mistakes, then render for trial (exit 2 if any)",
                               description="Checks Jinja syntax and names in digest.md.j2 and briefing.docx, tags "
                                           "Word split, missing styles, then renders both against the project's "
                                           "briefing (the example project when there is no config). "
                                           "Example: briefing templates check executive")
    check.add_argument("name", nargs="?", help="a template (default: every template of the config's audiences "
                                               "and of templates/)")
    check.set_defaults(run=_templates_check)
    for sub in (listing, new, check):
        sub.add_argument("--config", type=Path, default=Path("briefing.yaml"),
                         help="the project's config; its folder holds templates/ (default: ./briefing.yaml)")


def _project(args: argparse.Namespace) -> Path:
    return Path(args.config).absolute().parent


def _templates_list(args: argparse.Namespace) -> int:
    from briefing.project import list_templates

    rows = list_templates(_project(args))
    table = [(row.name, row.origin + (f" (overridden by {row.shadowed_by})" if row.shadowed_by else ""),
              f"extends {row.extends}" if row.extends else "the base", row.problem or row.description) for row in rows]
    widths = [max(len(cells[i]) for cells in table) for i in range(3)]
    for cells in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)) + "  " + cells[3])
    return EXIT_OK


def _templates_new(args: argparse.Namespace) -> int:
    from briefing.config.output import name_problem
    from briefing.project import new_template, wire

    if args.wire is not None and (problem := name_problem(args.wire)):  # before anything is copied
        raise InputError(f"--wire {args.wire}", problem, "give the audience's name, e.g. --wire minister")
    folder = new_template(args.name, args.source, _project(args))
    print(f"{folder}: a copy of {args.source}; edit briefing.docx in Word, digest.md.j2 in a text editor")
    if args.wire:
        how = wire(Path(args.config).absolute(), args.wire, args.name)
        print(f"{args.config}: audience {args.wire} {'added with' if how == 'added' else 'now uses'} "
              f"template {args.name}")
    return EXIT_OK


def _templates_check(args: argparse.Namespace) -> int:
    from briefing.check import check_templates, templates_to_check
    from briefing.errors import raise_all

    checked = check_templates(templates_to_check(args.name, Path(args.config)), Path(args.config))
    for item in checked:
        for note in item.notes:
            print(f"note: {note}")
        if item.ok:
            print(f"{item.folder}: ok ({item.summary})")
    raise_all([p for item in checked for p in item.problems])
    return EXIT_OK


# Each command by the function that adds its parser (one adds a few related commands); tests/test_docs.py
# checks this against the parsers they add.
COMMANDS = {"build": _build_parser, "batch": _batch_parsers, "worker": _batch_parsers,
            "diff": _operate_parsers, "schedule": _operate_parsers, "resend": _operate_parsers,
            "validate": _operate_parsers, "extract": _analysis_parsers, "eval": _analysis_parsers,
            "init": _analysis_parsers, "templates": _templates_parser}
