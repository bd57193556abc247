"""The base of every error xinwen reports, and the exit codes of the ``xinwen`` command.

An ``XinwenError`` is about what xinwen was given (an input, a rules folder, an output folder, an
option) or a run that could not finish, never a bug: ``cli.main`` prints it as one line
(``xinwen: error: …``) and returns its kind's ``exit_code`` instead of a traceback. Each kind keeps
the built-in base its Python callers catch (``ValueError``, ``FileNotFoundError`` …). The codes
and the kinds that return them are listed in ``docs/usage.md`` (a test keeps the page in step).
"""
from __future__ import annotations

# what each exit code of ``xinwen`` means (the ``--help`` epilog, docs/usage.md)
EXIT_CODES = {
    0: "done",
    1: "done, but no document could be read or processed; for rules check: the folder has errors",
    2: "refused before anything was written: an input, rules folder, option or output folder it cannot use",
    3: "stopped part-way (a worker died, Ctrl-C, a full disk): the done chunks are kept, --resume finishes",
}


class XinwenError(Exception):
    """An error the command line reports in one line and ``exit_code`` (a kind that means another
    code says so); ``hint``, if any, says where to learn more."""

    exit_code = 2
    hint = ""
