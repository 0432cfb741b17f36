"""The command line: parse, call the library, turn a domain error into a message and an exit code.

Exit codes: 0 done, 1 the build failed, 2 the input (config, data, template) is wrong.
Progress goes to a terminal; in cron (not a TTY) a successful run prints nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from briefing import __version__
from briefing.errors import BuildError, InputError

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return args.run(args)
    except InputError as exc:
        _log(args, f"input error: {exc.line()}")
        print(f"briefing: {exc.line()}", file=sys.stderr)
        return EXIT_INPUT
    except BuildError as exc:
        _log(args, f"build failed: {exc}")
        print(f"briefing: build failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("briefing: interrupted; nothing was published", file=sys.stderr)
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command")

    build = commands.add_parser("build", help="build the edition of every audience",
                                description="Build the briefing. Example: briefing build briefing.yaml --audience executive")
    build.add_argument("config", nargs="?", default="briefing.yaml", help="the config file (default: ./briefing.yaml)")
    build.add_argument("--audience", action="append", help="build only this audience (repeatable)")
    build.add_argument("--date", type=_date, help="the edition's date, YYYY-MM-DD (default: today)")
    build.add_argument("--out", type=Path, help="write editions under this folder instead of the config's output")
    build.add_argument("--log", type=Path, help="append one line per run to this file")
    build.add_argument("--verbose", action="store_true", help="print where the files are even when not on a terminal")
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check a config and its inputs without writing anything")
    validate.add_argument("config", nargs="?", default="briefing.yaml")
    validate.set_defaults(run=_validate)

    extract = commands.add_parser("extract", help="the analysis of one document, as JSON or Markdown",
                                  description="Example: briefing extract data/sources/readout.txt --format json")
    extract.add_argument("source", type=Path)
    extract.add_argument("--format", choices=("json", "md"), default="json")
    extract.add_argument("--summary-chars", type=int, default=300)
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
    init.set_defaults(run=_init)
    return parser


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; write YYYY-MM-DD') from None


def _log(args: argparse.Namespace, line: str) -> None:
    path = getattr(args, "log", None)
    if path:
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {line}\n")


def _build(args: argparse.Namespace) -> int:
    from briefing.build import build
    from briefing.config import load_config

    config = load_config(Path(args.config))
    report = build(config, args.audience, args.date, args.out)
    total = sum(report.timings.values())
    _log(args, f"built {len(report.editions)} editions in {total:.2f}s: " + " ".join(map(str, report.editions)))
    if sys.stdout.isatty() or args.verbose:
        for path in report.editions:
            print(f"{path}/  briefing.docx  digest.md  charts/  manifest.json")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from briefing.config import load_config

    config = load_config(Path(args.config))
    print(f"{config.path}: ok ({len(config.sources)} sources, {len(config.tables)} tables, "
          f"{len(config.audiences)} audiences)")
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from briefing.extract import analysis_json, analysis_markdown

    if args.format == "json":
        print(json.dumps(analysis_json(args.source, args.summary_chars), ensure_ascii=False, indent=2))
    else:
        print(analysis_markdown(args.source, args.summary_chars))
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from briefing.evaluate import evaluate, report

    result = evaluate(args.folder)
    if args.json:
        print(json.dumps([{"document": d.name, "language": d.language, "genre": d.genre,
                           "directives": vars(d.directives), "indicators": vars(d.indicators),
                           "problems": list(d.problems)} for d in result.documents], ensure_ascii=False, indent=2))
    else:
        print(report(result, args.verbose))
    worst = min(result.directives.f1, result.indicators.f1)
    if args.fail_under is not None and worst < args.fail_under:
        print(f"briefing: F1 {worst:.3f} is below --fail-under {args.fail_under}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from briefing.skeleton import make_project

    make_project(args.folder)
    print(f"{args.folder}: a new project; build it with: cd {args.folder} && briefing build")
    return EXIT_OK
