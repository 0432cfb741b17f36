"""The README keeps up with the code: every top-level config key and every command is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from briefing.cli import _command_named, _parser, main
from briefing.config import TOP_KEYS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "briefing") -> list[str]:
    """Every command line the parser takes: `briefing build`, …, `briefing templates check`."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                below = _commands(sub, f"{prefix} {name}")
                found += below or [f"{prefix} {name}"]
    return found


def test_every_command_is_in_the_readme():
    commands = _commands(_parser())
    assert len(commands) >= 11
    missing = [c for c in commands if c not in README]
    assert not missing, f"commands not in README.md: {missing}"


def test_every_top_level_config_key_is_in_the_readme():
    missing = [k for k in TOP_KEYS if not re.search(rf"(?m)(^|\s|`){k}:", README)]
    assert not missing, f"config keys not in README.md: {missing}"


def test_every_limit_is_in_the_readme_with_its_default():
    from briefing.config.schema import LIMIT_KEYS
    from briefing.model import InputLimits

    section = README.split("### Limits", 1)[1].split("###", 1)[0]
    for key in LIMIT_KEYS:
        default = getattr(InputLimits(), key)
        assert re.search(rf"(?m)^  {key}: .*\(default {default:g}\)", section), key


def test_every_command_has_a_help_line():
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                assert choice.help, f"briefing {choice.dest} has no help line"


def test_the_layout_section_names_every_room_of_the_package():
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    package = ROOT / "briefing"
    rooms = [p.name + "/" for p in package.iterdir() if (p / "__init__.py").is_file()]
    rooms += [p.name for p in package.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    missing = [room for room in rooms if room not in layout]
    assert not missing, f"README.md's Layout section does not name: {missing}"


def test_each_command_is_named_with_the_function_that_adds_its_parser():
    """A command line that names a command builds that command's parser alone (briefing.cli.COMMANDS)."""
    from briefing.cli import COMMANDS

    def added(add) -> set[str]:
        parser = argparse.ArgumentParser()
        add(parser.add_subparsers())
        return set(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)

    for add in set(COMMANDS.values()):
        assert added(add) == {c for c, a in COMMANDS.items() if a is add}, add.__name__
    assert set(_commands(_parser())) >= {f"briefing {c}" for c in COMMANDS if c != "templates"}


def test_a_command_parsed_alone_reads_as_with_every_command():
    for argv in (["build", "x.yaml", "--date", "2024-04-23", "--no-cache"], ["--debug", "diff", "a", "b"],
                 ["templates", "check", "--config", "c.yaml"], ["eval", "gold"]):
        alone = _parser(_command_named(argv))
        assert vars(alone.parse_args(argv)) == vars(_parser().parse_args(argv)), argv


def test_a_wrong_argument_after_a_command_is_said_with_that_commands_usage(capsys):
    # each command's parser is built alone: its own usage, not the whole line's with one command listed ({build})
    for argv, prog in ((["build", "--bogus"], "briefing build"), (["build", "a.yaml", "b.yaml"], "briefing build"),
                       (["templates", "list", "--bogus"], "briefing templates list"), (["--bogus"], "briefing")):
        try:
            main(argv)
        except SystemExit as exit:
            assert exit.code == 2, argv
        else:
            raise AssertionError(f"{argv} was taken")
        err = capsys.readouterr().err
        assert err.startswith(f"usage: {prog} "), err
        assert f"{prog}: error: unrecognized arguments: " in err and "{build}" not in err, err
