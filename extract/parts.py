"""Parts and the manifest of a batch run: what lets a run stream, survive a crash and resume.

A run writes each chunk of documents as a *part*: a folder ``OUT/.xinwen-run/parts/NNNNN/`` with the
chunk's files (``programs.csv`` ... ``schema.json``, ``texts.jsonl``), made in a temporary folder and
renamed into place, so a part exists whole or not at all. Then one line is appended to
``OUT/.xinwen-run/manifest.jsonl``: the chunk number, how many documents and a digest of their ids.
A chunk counts as done only when both are there; ``--resume`` skips done chunks and redoes the rest,
so a run killed at any moment loses nothing and duplicates nothing.

At the end the parts are joined into the final files in chunk order (CSV: one header, then every
part's rows; JSONL: concatenated), which gives exactly what one pass over all documents writes.
Parquet tables, and CSV/JSONL with ``--parts``, become partitioned datasets instead:
``OUT/programs.parquet/part-00000.parquet`` ... (``pandas.read_parquet`` reads the folder).
Every final file and folder is renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

WORK_DIR = ".xinwen-run"
MANIFEST_VERSION = 1


class ResumeError(ValueError):
    """A ``--resume`` that cannot continue the run it finds (other options, changed inputs)."""


def ids_digest(doc_ids: Iterable[str]) -> str:
    digest = hashlib.sha1()
    for doc_id in doc_ids:
        digest.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class PartStore:
    """The parts folder and manifest of one output folder.

    ``fingerprint`` describes everything that decides what a chunk contains (inputs, options, chunk
    size); ``resume=True`` keeps the done chunks of an earlier run with the same fingerprint."""

    def __init__(self, out: Path, fingerprint: Mapping, resume: bool = False):
        self.out = Path(out)
        self.work = self.out / WORK_DIR
        self.parts = self.work / "parts"
        self.manifest = self.work / "manifest.jsonl"
        self.fingerprint = json.loads(json.dumps(fingerprint))
        self.done: dict[int, dict] = {}
        if resume and self.manifest.exists():
            self._load()
        else:
            _remove(self.work)
        self.parts.mkdir(parents=True, exist_ok=True)
        for leftover in self.parts.glob(".tmp-*"):  # a part being written when the run was killed
            _remove(leftover)
        self._rewrite_manifest()

    # -- the manifest ------------------------------------------------------------------------
    def _load(self) -> None:
        lines = self.manifest.read_text(encoding="utf-8").splitlines()
        header = _parse(lines[0]) if lines else None
        if not header or header.get("version") != MANIFEST_VERSION:
            raise ResumeError(f"{self.manifest} is not a manifest this version can resume; run without --resume")
        if header.get("run") != self.fingerprint:
            before, now = _flat(header.get("run")), _flat(self.fingerprint)
            changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
            raise ResumeError(f"the unfinished run in {self.work} used other settings ({', '.join(changed)}); "
                              "use the same inputs and options, or run without --resume to start over")
        for line in lines[1:]:
            record = _parse(line)  # a line cut short by a kill is not a record: that chunk is redone
            if record and isinstance(record.get("chunk"), int) and (self.parts / _part_name(record["chunk"])).is_dir():
                self.done[record["chunk"]] = record

    def _rewrite_manifest(self) -> None:
        lines = [json.dumps({"version": MANIFEST_VERSION, "run": self.fingerprint}, ensure_ascii=False)]
        lines += [json.dumps(self.done[k], ensure_ascii=False) for k in sorted(self.done)]
        tmp = self.work / ".manifest.tmp"
        _fsync_write(tmp, ("\n".join(lines) + "\n").encode("utf-8"))
        os.replace(tmp, self.manifest)

    def is_done(self, index: int, digest: str, n_docs: int) -> bool:
        """Whether chunk ``index`` is complete; raises when it was made from other documents."""
        record = self.done.get(index)
        if record is None:
            return False
        if record.get("ids") != digest or record.get("docs") != n_docs:
            raise ResumeError(f"chunk {index} of the unfinished run in {self.work} was made from other documents: "
                              "the inputs changed; run without --resume to start over")
        return True

    # -- parts -------------------------------------------------------------------------------
    def commit(self, index: int, files: Mapping[str, bytes], record: Mapping) -> None:
        """Write chunk ``index``'s files as a part (atomically), then record it in the manifest."""
        tmp = Path(tempfile.mkdtemp(dir=self.parts, prefix=f".tmp-{index:05d}-"))
        try:
            for name, data in files.items():
                _fsync_write(tmp / name, data)
            final = self.parts / _part_name(index)
            _remove(final)  # a part renamed into place by a killed run but never recorded
            os.rename(tmp, final)
        except BaseException:
            _remove(tmp)
            raise
        entry = {"chunk": index, **record}
        with open(self.manifest, "ab") as handle:
            handle.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        self.done[index] = entry

    def finish(self, n_chunks: int, keep_parts: bool = False) -> list[Path]:
        """Join parts ``0 .. n_chunks-1`` into the final files in ``out``; remove the work folder."""
        missing = [k for k in range(n_chunks) if k not in self.done]
        if missing:
            raise RuntimeError(f"cannot join: chunks {missing[:5]} are not done")
        folders = [self.parts / _part_name(k) for k in range(n_chunks)]
        names = sorted(p.name for p in folders[0].iterdir()) if folders else []
        written = []
        for name in names:
            written.append(self._join(name, folders, keep_parts))
        self.manifest.unlink()  # first: a kill while the parts are being removed leaves no half-valid manifest
        _remove(self.work)
        return written

    def _join(self, name: str, folders: list[Path], keep_parts: bool) -> Path:
        target = self.out / name
        suffix = Path(name).suffix
        if suffix == ".parquet" or (keep_parts and suffix in (".csv", ".jsonl")):
            return self._dataset(target, folders, suffix)
        fd, tmp = tempfile.mkstemp(dir=self.out, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for k, folder in enumerate(folders):
                    data = (folder / name).read_bytes()
                    if suffix == ".csv" and k > 0:
                        data = data[data.find(b"\n") + 1:] if b"\n" in data else b""  # the header once
                    elif suffix not in (".csv", ".jsonl") and k > 0:
                        continue  # the same in every part (schema.json): written once
                    handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if target.is_dir():
                _remove(target)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return target

    def _dataset(self, target: Path, folders: list[Path], suffix: str) -> Path:
        tmp = Path(tempfile.mkdtemp(dir=self.out, prefix=f".{target.name}.", suffix=".tmp"))
        try:
            for k, folder in enumerate(folders):
                source, part = folder / target.name, tmp / f"part-{k:05d}{suffix}"
                try:
                    os.link(source, part)  # the part folder is removed next: no need to copy
                except OSError:
                    shutil.copyfile(source, part)
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}.old-{os.getpid()}")
                os.rename(target, old)
            os.rename(tmp, target)
            if old is not None:
                _remove(old)
        except BaseException:
            _remove(tmp)
            raise
        return target


def _part_name(index: int) -> str:
    return f"{index:05d}"


def _flat(value, prefix: str = "") -> dict:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``, to name what changed between two runs."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def _parse(line: str):
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
