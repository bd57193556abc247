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
The final files are replaced all together or not at all: they are all written into a staging
folder beside them (``OUT/.xinwen-run/final/``) and only then swapped in, each older final file
moved aside first, so a disk that fills up while joining leaves the previous run's files as they
were. A journal (``OUT/.xinwen-run/swap.json``) written just before the swap lets the next run in
the folder finish a swap cut short by a kill. ``OUT/run.json`` says which run wrote the folder (its
run id, xinwen's version, every final file with its size and SHA-256).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterable, Mapping

from .errors import XinwenError
from .schema import layout

WORK_DIR = ".xinwen-run"
RUN_FILE = "run.json"
MANIFEST_VERSION = 2
_STAGING, _OLD, _JOURNAL = "final", "old", "swap.json"


class ResumeError(XinwenError, ValueError):
    """A ``--resume`` that cannot continue the run it finds (other options, changed inputs)."""


def ids_digest(doc_ids: Iterable[str]) -> str:
    digest = hashlib.sha1()
    for doc_id in doc_ids:
        digest.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def documents_digest(documents: Iterable) -> str:
    """What a chunk is made from: every field a reader gives each document (id, text, title, dates,
    source, encoding, error), in order. A resumed run compares it, so a chunk whose input changed
    (a file in a folder, other text on stdin) is never kept."""
    digest = hashlib.sha1()
    for d in documents:
        fields = (d.doc_id, d.source_path, d.text, d.title, d.published, d.source, d.url, d.encoding, d.error)
        for value in fields:
            data = str(value).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little") + data)
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

    def __init__(self, out: Path, fingerprint: Mapping, resume: bool = False, run_id: str | None = None):
        self.out = Path(out)
        self.work = self.out / WORK_DIR
        self.parts = self.work / "parts"
        self.manifest = self.work / "manifest.jsonl"
        self.fingerprint = json.loads(json.dumps(fingerprint))
        self.run_id = run_id or uuid.uuid4().hex
        self.done: dict[int, dict] = {}
        finish_interrupted_swap(self.out)
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
        # garbled bytes make an unparsable line, not a crash; only "\n" ends a line (a path in the
        # header may hold U+0085 or U+2028, which str.splitlines would cut at)
        lines = [line for line in self.manifest.read_bytes().decode("utf-8", "replace").split("\n") if line]
        header = _parse(lines[0]) if lines else None
        if not header or header.get("version") != MANIFEST_VERSION:
            raise ResumeError(f"{self.manifest} is not a manifest this version can resume; run without --resume")
        if header.get("run") != self.fingerprint:
            before, now = _flat(header.get("run")), _flat(self.fingerprint)
            changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
            raise ResumeError(f"the unfinished run in {self.work} used other settings ({', '.join(changed)}); "
                              "use the same inputs and options, or run without --resume to start over")
        self.run_id = str(header.get("run_id") or self.run_id)  # a resumed run is the same run
        for line in lines[1:]:
            record = _parse(line)  # a line cut short by a kill is not a record: that chunk is redone
            if record and isinstance(record.get("chunk"), int) and (self.parts / _part_name(record["chunk"])).is_dir():
                self.done[record["chunk"]] = record

    def _rewrite_manifest(self) -> None:
        lines = [json.dumps({"version": MANIFEST_VERSION, "run_id": self.run_id, "run": self.fingerprint},
                            ensure_ascii=False)]
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
                              "the inputs changed (a file, a file in a folder, or what came on stdin); "
                              "run without --resume to start over")
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

    def finish(self, n_chunks: int, keep_parts: bool = False, about: Mapping | None = None) -> list[Path]:
        """Join parts ``0 .. n_chunks-1`` into the final files in ``out``, swapped in all together,
        with ``run.json`` (``about`` adds to it); remove the work folder."""
        missing = [k for k in range(n_chunks) if k not in self.done]
        if missing:
            raise RuntimeError(f"cannot join: chunks {missing[:5]} are not done")
        folders = [self.parts / _part_name(k) for k in range(n_chunks)]
        names = sorted(p.name for p in folders[0].iterdir()) if folders else []
        staging = self.work / _STAGING
        _remove(staging)
        _make_folder(staging)
        for name in names:
            self._join(name, folders, keep_parts, staging)
        _fsync_write(staging / RUN_FILE, _run_file(self.run_id, staging, names, about or {}))
        swap_in(self.out, names + [RUN_FILE])
        self.manifest.unlink()  # first: a kill while the parts are being removed leaves no half-valid manifest
        _remove(self.work)
        return [self.out / name for name in names]

    def _join(self, name: str, folders: list[Path], keep_parts: bool, staging: Path) -> Path:
        target = staging / name
        suffix = Path(name).suffix
        if suffix == ".parquet" or (keep_parts and suffix in (".csv", ".jsonl")):
            return self._dataset(target, folders, suffix)
        with open(target, "wb") as handle:
            for k, folder in enumerate(folders):
                data = (folder / name).read_bytes()
                if suffix == ".csv" and k > 0:
                    data = data[data.find(b"\n") + 1:] if b"\n" in data else b""  # the header once
                elif suffix not in (".csv", ".jsonl") and k > 0:
                    continue  # the same in every part (schema.json): written once
                _append(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        return target

    def _dataset(self, target: Path, folders: list[Path], suffix: str) -> Path:
        _make_folder(target)
        for k, folder in enumerate(folders):
            source, part = folder / target.name, target / f"part-{k:05d}{suffix}"
            try:
                os.link(source, part)  # the part folder is removed next: no need to copy
            except OSError:
                shutil.copyfile(source, part)
        return target


def _append(handle, data: bytes) -> None:
    """One part's bytes onto a joined file (a seam a test can make fail, as a full disk would)."""
    handle.write(data)


def _make_folder(path: Path) -> None:
    path.mkdir(mode=0o777)  # the umask applies, as for any folder


def _digest_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run_file(run_id: str, staging: Path, names: list[str], about: Mapping) -> bytes:
    """``run.json``: which run wrote the folder and what it wrote, so a reader can check that every
    final file belongs to that run (the size and SHA-256 of each file, of each part of a dataset)."""
    files = {}
    for name in names:
        path = staging / name
        members = sorted(path.iterdir()) if path.is_dir() else [path]
        for member in members:
            key = str(member.relative_to(staging))
            files[key] = {"bytes": member.stat().st_size, "sha256": _digest_file(member)}
    record = {"run_id": run_id, **about, "files": files}
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def swap_in(out: Path, names: list[str]) -> None:
    """Move the staged files ``names`` (in ``out/.xinwen-run/final``) into ``out`` together.

    A journal naming them is written first; every final file already in ``out`` (of this run's
    names, or another format's) is moved aside before the new one comes in, and on an error the
    new ones go back and the old ones return, so ``out`` holds one run's files, never a mix.
    Renames in one folder take no space: a full disk cannot stop the swap half way."""
    work = Path(out) / WORK_DIR
    _fsync_write(work / _JOURNAL, json.dumps({"names": names}).encode("utf-8"))
    _complete_swap(Path(out), names)


def finish_interrupted_swap(out: Path) -> None:
    """A swap that a kill cut short (its journal is still there) is completed: the staged files are
    whole (the journal is written only when they are), so the folder rolls forward to that run."""
    journal = Path(out) / WORK_DIR / _JOURNAL
    if not journal.exists():
        return
    names = json.loads(journal.read_text(encoding="utf-8"))["names"]
    _complete_swap(Path(out), names, resuming=True)
    manifest = Path(out) / WORK_DIR / "manifest.jsonl"
    if manifest.exists():
        manifest.unlink()  # that run is finished: nothing of it to resume
    _remove(Path(out) / WORK_DIR)


def final_names() -> set[str]:
    """The names a run's final files may have: an older run's file of another format is retired too."""
    return {f"{t}.{ext}" for t in layout().tables for ext in ("csv", "parquet")} | {"texts.jsonl", "schema.json", RUN_FILE}


def _complete_swap(out: Path, names: list[str], resuming: bool = False) -> None:
    work = out / WORK_DIR
    staging, old = work / _STAGING, work / _OLD
    old.mkdir(exist_ok=True)
    moved: list[tuple[Path, Path]] = []  # (from, to), to undo in reverse on an error
    try:
        for name in sorted(final_names() | set(names)):
            current = out / name
            if (current.exists() or current.is_symlink()) and not (resuming and not (staging / name).exists()
                                                                    and name in names):
                aside = old / name
                _remove(aside)
                os.rename(current, aside)
                moved.append((current, aside))
        for name in names:
            if (staging / name).exists():
                os.rename(staging / name, out / name)
                moved.append((staging / name, out / name))
    except BaseException:
        if not resuming:
            for source, target in reversed(moved):
                os.rename(target, source)
            (work / _JOURNAL).unlink()
        raise
    (work / _JOURNAL).unlink()
    _remove(old)


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
