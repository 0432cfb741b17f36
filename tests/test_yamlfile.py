"""A config or template.yaml that is too big, too deep or holds itself is a one-line error with its line, read
by libyaml's parser where PyYAML has it; the on_failure hook's first look at a broken config never fails."""

from __future__ import annotations

import pytest
import yaml

from briefing import yamlfile
from briefing.errors import InputError
from briefing.operate import Hooks

LAUGHS = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                   + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcd", "bcde")]
                   + ["f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]"])
BROKEN = {
    "billion laughs": (LAUGHS, 5, "expand it past 10,000 values"),
    "nested 100 deep": ("sources: " + "[" * 100 + "]" * 100, 1, "values nested more than 64 levels deep"),
    "nested 5000 deep": ("sources: " + "[" * 5000 + "]" * 5000, 1, "values nested more than 64 levels deep"),
    "an alias inside its own value": ("sources: &x [one, *x]", 1, "the value would hold itself"),
    "a list as a key": ("title: x\n[a, b]: 1", 2, "a key that is a list or a mapping"),
    "a mapping as a key": ("audiences:\n  ? {a: 1}\n  : 2", 2, "audiences: a key that is a list or a mapping"),
}


def _config(tmp_path, body: str):
    path = tmp_path / "briefing.yaml"
    path.write_text("on_failure: echo alerted > alert.txt\n" + body + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", BROKEN)
def test_a_file_too_big_too_deep_or_holding_itself_is_an_error_with_its_line(tmp_path, case):
    body, line, problem = BROKEN[case]
    path = _config(tmp_path, body)
    with pytest.raises(InputError) as caught:
        yamlfile.read_yaml(path)
    assert problem in caught.value.line()
    assert caught.value.line().startswith(f"{path}:{line + 1}: ")  # the hook's line comes first


@pytest.mark.parametrize("case", ["nested 5000 deep", "an alias inside its own value"])
def test_the_pure_python_parser_says_the_same_without_libyaml(tmp_path, monkeypatch, case):
    class PurePython(yaml.SafeLoader):
        yaml_implicit_resolvers = yamlfile._Loader.yaml_implicit_resolvers

    monkeypatch.setattr(yamlfile, "_Loader", PurePython)
    body, _, _ = BROKEN[case]
    with pytest.raises(InputError, match="nested more than 64 levels|would hold itself"):
        yamlfile.read_yaml(_config(tmp_path, body))


def test_libyaml_reads_the_files_where_pyyaml_has_it():
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("this PyYAML has no libyaml")
    assert issubclass(yamlfile._Loader, yaml.CSafeLoader)


def test_the_hooks_first_look_at_a_broken_config_finds_none_and_a_readable_one_its_hook(tmp_path):
    for case in BROKEN:
        assert Hooks.of_yaml(_config(tmp_path, BROKEN[case][0])).on_failure == ""
    assert Hooks.of_yaml(_config(tmp_path, "title: [unclosed")).on_failure == ""
    assert Hooks.of_yaml(_config(tmp_path, "sources: [a.txt]")).on_failure == "echo alerted > alert.txt"


@pytest.mark.parametrize("case", ["nested 5000 deep", "an alias inside its own value", "a list as a key"])
def test_the_build_command_says_it_in_one_line_with_exit_2(tmp_path, capsys, case):
    from briefing.cli import main

    path = _config(tmp_path, BROKEN[case][0])
    code = main(["build", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and BROKEN[case][2] in err and "internal error" not in err
    assert not (tmp_path / "out").exists()
