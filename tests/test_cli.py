"""The command line as a newcomer meets it: ``--version`` and a help text for every option."""
from __future__ import annotations

import argparse
import tomllib

import pytest

from extract.cli import build_parser, main
from conftest import ROOT


def _subcommands(parser: argparse.ArgumentParser, prefix: str = "xinwen"):
    """Every (command path, parser) pair, nested subcommands (``rules check``) included."""
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, f"{prefix} {name}")


def test_version_is_the_packages(capsys):
    """A bug report should say which xinwen it is about; the version printed is pyproject's."""
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert capsys.readouterr().out.strip() == f"xinwen {version}"


@pytest.mark.parametrize("command,parser", [pytest.param(c, p, id=c) for c, p in _subcommands(build_parser())])
def test_every_option_says_what_it_is_for(command, parser):
    """``--format`` and ``eval --gold`` had none: ``--help`` is where a user learns the choices."""
    silent = [a.option_strings[0] if a.option_strings else a.dest for a in parser._actions
              if not a.help and not isinstance(a, argparse._SubParsersAction)]
    assert silent == [], f"{command}: {silent} have no help text"
