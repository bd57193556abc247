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


def _error_classes():
    """Every exception class defined in the package (private signals caught where raised aside)."""
    import importlib
    import inspect
    import pkgutil

    import extract

    for info in pkgutil.walk_packages(extract.__path__, "extract."):
        if info.name == "extract.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == info.name and issubclass(obj, BaseException) and not name.startswith("_"):
                yield obj


def _doc_table(heading: str) -> list[list[str]]:
    page = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [[cell.strip().strip("`") for cell in line.strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| code", "| error"))]


def test_every_error_is_a_xinwen_error_with_the_documented_exit_code():
    from extract.errors import EXIT_CODES, XinwenError

    classes = {cls.__name__: cls for cls in _error_classes()}
    assert {"ReadError", "RulesError", "BatchInterrupted", "NumberError"} <= set(classes)
    assert [n for n, cls in classes.items() if not issubclass(cls, XinwenError)] == []
    documented = {row[0]: int(row[1]) for row in _doc_table("Exit codes") if not row[0].isdigit()}
    assert documented == {n: cls.exit_code for n, cls in classes.items() if cls is not XinwenError}
    codes = {int(row[0]): row[1].replace("`", "") for row in _doc_table("Exit codes") if row[0].isdigit()}
    assert codes == EXIT_CODES
    assert "exit codes: 0 done; 1 done" in " ".join(build_parser().format_help().split())


def test_an_error_is_one_line_and_its_exit_code(tmp_path, capsys):
    """Every command reports an ``XinwenError`` the same way: normalize had let a rules error
    through as a traceback."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("family: [unclosed\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("今年超过10万人参与。", encoding="utf-8")
    for command in ("normalize", "explain"):
        argv = [command, str(tmp_path / "a.txt"), "--rules", str(rules)]
        assert main(argv + (["--out", str(tmp_path / "out")] if command == "normalize" else [])) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("xinwen: error: ") and "bad.yaml" in err[0], err
        assert err[0].endswith("(xinwen rules check DIR says more)")
    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out2"), "-q"]) == 2
    assert capsys.readouterr().err == f"xinwen: error: input {tmp_path / 'missing'} does not exist\n"
