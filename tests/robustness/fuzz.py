"""Coverage-guided fuzzing with atheris (libFuzzer for Python): readers, normalizer, CSV writer and
the resume manifest.

    python tests/robustness/fuzz.py readers -runs=200000          # a longer local run
    python tests/robustness/fuzz.py normalizer -max_total_time=600
    python tests/robustness/fuzz.py csv -runs=100000
    python tests/robustness/fuzz.py manifest -runs=20000

``tests/robustness/test_fuzz.py`` runs each for a fixed number of inputs with a fixed seed. The
contracts fuzzed: ``read_inputs`` never raises on any file content (a bad one is a ``Document`` with
``error`` set) and gives text that can be written as UTF-8; the normalizer never raises and maps
every normalized character into the raw text; any text cells written as CSV read back the same
(``read_table``; NUL shown as U+FFFD) with no raw NUL in the file; a manifest cut or garbled at any
byte either resumes exactly the chunks whose parts are there or is refused with ``ResumeError``,
and a chunk made from other documents is never taken as done. A crash prints the input (libFuzzer
writes it to ``crash-*``): make it a regression test.
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


def csv_target(folder: Path):
    """Text cells (hostile characters likely) -> documents.csv -> ``read_table``: the same cells."""
    import atheris
    import pandas as pd

    from extract.csvsafe import NUL_STANDIN
    from extract.schema import layout, read_table
    from extract.tables import render_tables

    columns = layout().columns["documents"]

    def target(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        cells = [provider.ConsumeUnicodeNoSurrogates(12) for _ in range(6)]
        frame = pd.DataFrame([{c: "" for c in columns}] * 2).astype("string")
        frame.loc[0, ["doc_id", "source_path", "title"]] = cells[:3]
        frame.loc[1, ["doc_id", "source", "error"]] = cells[3:]
        for column in columns:
            if column.startswith("n_"):
                frame[column] = pd.array([1, 2], dtype="Int64")
        frame["published"] = pd.to_datetime(pd.Series([None, None]), format="ISO8601").astype("datetime64[s]")
        written = render_tables({"documents": frame})
        assert b"\0" not in written["documents.csv"]
        for name, payload in written.items():
            (folder / name).write_bytes(payload)
        back = read_table(folder, "documents")
        expected = frame[["doc_id", "source_path", "title", "source", "error"]].apply(
            lambda s: s.str.replace("\0", NUL_STANDIN, regex=False))
        got = back[["doc_id", "source_path", "title", "source", "error"]].fillna("")
        assert got.astype(str).values.tolist() == expected.fillna("").astype(str).values.tolist(), (cells, got)

    return target


def manifest_target(folder: Path):
    """A manifest with done chunks, then cut and garbled as fuzzed: resuming keeps exactly the chunks
    recorded whole with their parts present, or refuses; never a chunk of other documents."""
    import shutil

    import atheris

    from extract.parts import PartStore, ResumeError

    fingerprint = {"inputs": ["x"], "version": "fuzz"}

    def target(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        out = folder / "out"
        shutil.rmtree(out, ignore_errors=True)
        store = PartStore(out, fingerprint)
        for index in range(3):
            store.commit(index, {"t.csv": b"h\n%d\n" % index}, {"docs": 1, "ids": f"d{index}"})
        raw = store.manifest.read_bytes()
        cut = provider.ConsumeIntInRange(0, len(raw))
        garbage = provider.ConsumeBytes(provider.ConsumeIntInRange(0, 40))
        at = provider.ConsumeIntInRange(0, len(raw))
        store.manifest.write_bytes((raw[:at] + garbage + raw[at:])[: cut + len(garbage)])
        try:
            resumed = PartStore(out, fingerprint, resume=True)
        except ResumeError:
            return
        for index, record in resumed.done.items():
            assert (resumed.parts / f"{index:05d}").is_dir(), index
            try:
                done = resumed.is_done(index, f"d{index}", 1)
            except ResumeError:
                continue  # garbled into other documents: refused, not kept
            assert done
        for index in range(3, 6):
            assert not resumed.is_done(index, f"d{index}", 1)

    return target


TARGETS = {"readers": readers_target, "csv": csv_target, "manifest": manifest_target}


def main(argv: list[str]) -> None:
    import atheris

    sys.path.insert(0, str(ROOT))
    which, args = argv[1], [argv[0]] + argv[2:]
    with tempfile.TemporaryDirectory(prefix="xinwen-fuzz-") as tmp:
        with atheris.instrument_imports(include=["extract"]):  # coverage of our code, not pandas'
            target = normalizer_target() if which == "normalizer" else TARGETS[which](Path(tmp))
        atheris.Setup(args, target)
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
