"""The documentation stays true: every shell command shown in README.md and docs/usage.md runs, the
README stays short and links only to files that exist.

Commands are read from the ```bash blocks of those files, one per line (a trailing ``\\`` joins
lines), and run in order with bash in one fresh folder that holds links to the repository's
``corpus/``, ``tests/``, ``rules/`` and ``docs/``: ``xinwen`` is this checkout's ``python -m
extract`` and ``python`` this interpreter. ``make run`` runs the command of the Makefile's ``run``
recipe. A command is skipped, with its reason, only when it needs what the repository does not
hold: data in ``../shared``, the network (installing packages, a remote cluster), or the suite
itself (``make test``). Each command's test first runs the commands before it that have not run yet,
so one can be selected alone (``-k``); a command shown twice (the README repeats some of usage.md's)
runs once.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ("README.md", "docs/usage.md")
LINKED = ("corpus", "tests", "rules", "docs")
README_MAX_LINES = 200

# Why a command cannot run in the suite, by what it needs (checked in order; the first that matches).
SKIPS = (
    (re.compile(r"^make test\b"), "make test creates .venv with pip (network) and runs this very suite"),
    (re.compile(r"\bpip install\b"), "installs packages from the network"),
    (re.compile(r"\.\./shared\b"), "needs data outside the repository (../shared)"),
    (re.compile(r"--dask\s+tcp://"), "needs a remote Dask cluster (network)"),
    (re.compile(r"https?://"), "needs the network"),
)


def bash_commands(text: str) -> list[str]:
    """The command lines of a Markdown text's ```bash blocks (comment-only and blank lines left out)."""
    commands = []
    for block in re.findall(r"^```bash\n(.*?)^```", text, re.S | re.M):
        pending = ""
        for line in block.splitlines():
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            line = pending + line
            pending = ""
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(line.strip())
    return commands


def skip_reason(command: str) -> str | None:
    return next((reason for pattern, reason in SKIPS if pattern.search(command)), None)


def make_recipe(target: str) -> list[str]:
    """The Makefile's recipe for ``target``, with the venv's programs as bare names."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert body, f"no recipe for {target!r} in the Makefile"
    return [line.strip().replace("$(BIN)/", "") for line in body.group(1).splitlines()]


def all_commands() -> list[tuple[str, str]]:
    """(page, command) for every command shown, README first."""
    return [(doc, c) for doc in DOCS for c in bash_commands((ROOT / doc).read_text(encoding="utf-8"))]


def _key(command: str) -> str:
    """A command without its comment and extra spaces: the same command shown twice runs once."""
    return " ".join(shlex.split(command, comments=True))


class Workspace:
    """The folder where the commands run, in the order they are shown."""

    def __init__(self, folder: Path, commands: list[str]):
        self.folder = folder
        self.commands = commands
        self.done = 0
        self.results: dict[str, subprocess.CompletedProcess] = {}
        folder.mkdir(parents=True)
        for name in LINKED:
            (folder / name).symlink_to(ROOT / name, target_is_directory=True)

    def run(self, command: str) -> subprocess.CompletedProcess:
        if command == "make run" or command.startswith("make run "):
            command = " && ".join(make_recipe("run"))
        python = shlex.quote(sys.executable)
        script = (f'xinwen() {{ {python} -m extract "$@"; }}\n'
                  f'python() {{ {python} "$@"; }}\n'
                  "set -o pipefail\n" + command + "\n")
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        return subprocess.run(["bash", "-c", script], cwd=self.folder, env=env, capture_output=True,
                              text=True, timeout=600)

    def run_through(self, index: int) -> subprocess.CompletedProcess:
        """Run the runnable commands up to ``index`` that have not run; the result of ``index``'s."""
        while self.done <= index:
            command = self.commands[self.done]
            self.done += 1
            if skip_reason(command) is None and _key(command) not in self.results:
                self.results[_key(command)] = self.run(command)
        return self.results[_key(self.commands[index])]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return Workspace(tmp_path_factory.mktemp("docs") / "work", [c for _, c in all_commands()])


@pytest.mark.parametrize("doc,index,command", [
    pytest.param(doc, index, command, id=f"{doc}:{_key(command)[:60]}")
    for index, (doc, command) in enumerate(all_commands())])
def test_every_command_shown_runs(workspace, doc, index, command):
    reason = skip_reason(command)
    if reason:
        pytest.skip(f"{doc}: `{_key(command)}`: {reason}")
    done = workspace.run_through(index)
    assert done.returncode == 0, f"{command}\nexit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-4000:]


def test_the_docs_show_commands_of_every_kind():
    """The extraction above reads what the pages show: run, normalize, report, explain, rules check
    and eval are all there (a renamed block fence would otherwise test nothing)."""
    shown = " ".join(c for _, c in all_commands())
    for command in ("make run", "xinwen run ", "xinwen normalize ", "xinwen report ", "xinwen explain ",
                    "xinwen rules check ", "xinwen eval ", "python -m extract "):
        assert command in shown, command


def test_the_readme_is_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < README_MAX_LINES, f"README.md has {len(lines)} lines; history goes to docs/changelog.md"


def _local_links(page: Path) -> list[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


@pytest.mark.parametrize("page", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))])
def test_links_point_to_files_that_exist(page):
    path = ROOT / page
    links = _local_links(path)
    missing = [t for t in links if not (path.parent / t.split("#")[0]).exists()]
    assert not missing, f"{page} links to missing files: {missing}"


def test_the_readme_links_every_docs_page():
    linked = {Path(t.split("#")[0]).name for t in _local_links(ROOT / "README.md") if t.startswith("docs/")}
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, f"docs pages the README does not link: {sorted(pages - linked)}"


def test_the_rules_page_shows_the_example_rules_file():
    """docs/rules.md shows docs/examples/my_rules/programs.yaml, which the commands above check and use."""
    shown = re.search(r"^```yaml\n(.*?)^```", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.S | re.M)
    assert shown, "docs/rules.md shows no rules file"
    assert shown.group(1) == (ROOT / "docs" / "examples" / "my_rules" / "programs.yaml").read_text(encoding="utf-8")
