"""Coverage-guided fuzzing of the readers and the normalizer with atheris (libFuzzer for Python).

    python tests/robustness/fuzz.py readers -runs=200000          # a longer local run
    python tests/robustness/fuzz.py normalizer -max_total_time=600

``tests/robustness/test_fuzz.py`` runs both for a fixed number of inputs with a fixed seed. The
contract fuzzed: ``read_inputs`` never raises on any file content (a bad one is a ``Document`` with
``error`` set) and gives text that can be written as UTF-8; the normalizer never raises and maps
every normalized character into the raw text. A crash prints the input (libFuzzer writes it to
``crash-*``): make it a regression test.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".txt", ".jsonl", ".csv", ".jsonl.gz")


def check_document(document) -> None:
    for name in ("doc_id", "text", "title", "published", "source", "url", "encoding", "error"):
        getattr(document, name).encode("utf-8")  # raises on a lone surrogate: the writers would too
    assert bool(document.error) or bool(document.text.strip()), document


def readers_target(folder: Path):
    import gzip

    from extract.readers import read_inputs

    def target(data: bytes) -> None:
        if not data:
            return
        suffix = SUFFIXES[data[0] % len(SUFFIXES)]
        path = folder / f"input{suffix}"
        body = data[1:]
        path.write_bytes(gzip.compress(body, mtime=0) if suffix.endswith(".gz") else body)
        for document in read_inputs([str(path)]):
            check_document(document)

    return target


def normalizer_target():
    import atheris

    from extract.normalize import Normalizer
    from extract.rules import load_rules

    normalizer = Normalizer(load_rules())

    def target(data: bytes) -> None:
        raw = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
        normalized = normalizer(raw)
        for i in range(len(normalized.text)):
            start, end = normalized.aligned.raw_span(i, i + 1)
            assert 0 <= start <= end <= len(raw), (raw, i, start, end)

    return target


def main(argv: list[str]) -> None:
    import atheris

    sys.path.insert(0, str(ROOT))
    which, args = argv[1], [argv[0]] + argv[2:]
    with tempfile.TemporaryDirectory(prefix="xinwen-fuzz-") as tmp:
        with atheris.instrument_imports(include=["extract"]):  # coverage of our code, not pandas'
            target = readers_target(Path(tmp)) if which == "readers" else normalizer_target()
        atheris.Setup(args, target)
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
