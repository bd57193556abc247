"""Batch runs at scale: stream documents in chunks over worker processes or a Dask cluster.

The main process reads the inputs (a generator: nothing is held but the chunks in flight), cuts them
into numbered chunks of ``chunk_size`` documents and hands each to an executor:

- ``inline`` — this process (``--jobs 1``, or an input too small to share);
- ``pool`` — ``--jobs N`` worker processes (spawned), each loading the pipeline once;
- ``dask`` — ``--dask tcp://scheduler:8786`` or ``--dask local`` (a ``LocalCluster``), see ``daskrun``.

A worker turns a chunk into its output files (the same writers a one-shot run uses, into a private
temporary folder) and sends the bytes back; the main process commits them as a part
(``parts.PartStore``) as soon as they arrive, in any order. When every chunk is in, the parts are
joined in chunk order, so the tables are the same, row for row and byte for byte, whatever the number
of workers, and equal to one pass over all documents. At most two chunks per worker are in flight, so
memory does not grow with the corpus.
"""
from __future__ import annotations

import concurrent.futures
from concurrent.futures.process import BrokenProcessPool  # the handler must not import it lazily
import dataclasses
import hashlib
import itertools
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .collector import steady_collector
from .errors import XinwenError
from .parts import PartStore, ResumeError, documents_digest
from .outlock import OutputLock, OutputLocked
from .progress import Progress, Tally
from .readers import DEFAULT_MAX_CHARS, Document, ReadError, ReadOptions, read_inputs
from .schema import layout
from .segment import DEFAULT_SEGMENTER

DEFAULT_CHUNK_SIZE = 500

__all__ = ["BatchInterrupted", "ChunkWriter", "OutputInsideInput", "OutputLocked", "PipelineConfig", "ResumeError",
           "default_jobs", "run_batch"]


class BatchInterrupted(XinwenError, RuntimeError):
    """The run stopped before every chunk was done (a worker died, Ctrl-C); the done chunks are kept
    and ``--resume`` finishes the rest."""

    exit_code = 3


class OutputInsideInput(ReadError):
    """``--out`` is an input folder or inside one: a later run would read its own tables as documents."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


DROPPED = "below_min_confidence"  # the count of mention rows --min-confidence dropped, among a chunk's rows


@dataclass(frozen=True)
class PipelineConfig:
    """What a worker needs to build its own ``Pipeline`` (small, picklable, sent once per worker)."""

    rules_dirs: tuple[str, ...] = ()
    reference_date: str = ""
    segmenter: str = DEFAULT_SEGMENTER
    max_chars: int = DEFAULT_MAX_CHARS  # the readers' limit (--max-chars) is the pipeline's too

    def build(self):
        from .pipeline import Pipeline

        return Pipeline(list(self.rules_dirs), reference_date=self.reference_date or None, segmenter=self.segmenter,
                        max_chars=self.max_chars)

    def check(self) -> None:
        """Fail early, in the main process, on rules or a segmenter a worker could not load."""
        from .rules import load_rules
        from .segment import check_segmenter

        load_rules(self.rules_dirs)
        check_segmenter(self.segmenter)


@dataclass(frozen=True)
class ChunkWriter:
    """The output files of a chunk: the tables (``write_tables``) and, with ``texts``, the
    normalized texts (``write_texts``), exactly as a one-shot run writes them."""

    fmt: str = "csv"
    csv_options: object = None  # tables.CsvOptions, passed through to write_tables
    texts: bool = True
    min_confidence: float | None = None  # rows less sure than this are dropped (``tables.drop_below``)

    def write(self, results: Sequence, folder: Path) -> dict[str, int]:
        from .tables import atomic_write

        files, rows = self.render(results)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            atomic_write(folder / name, data)
        return rows

    def render(self, results: Sequence) -> tuple[dict[str, bytes], dict[str, int]]:
        """The files ``write`` writes, as bytes by name, and each table's row count: a chunk's parts
        are kept in memory, with no temporary folder to write, sync and read back."""
        from . import tables

        built = tables.build_tables(results)
        dropped = {}
        if self.min_confidence is not None:
            built, dropped = tables.drop_below(built, self.min_confidence)
        if self.csv_options is None:
            files = tables.render_tables(built, self.fmt)
        else:
            files = tables.render_tables(built, self.fmt, csv_options=self.csv_options)
        if self.texts:
            files["texts.jsonl"] = tables.render_texts(results)
        rows = {name: len(frame) for name, frame in built.items()}
        if self.min_confidence is not None:
            rows[DROPPED] = sum(n for name, n in dropped.items() if name in layout().mention_tables)
        return files, rows

    def describe(self) -> dict:
        options = self.csv_options
        if dataclasses.is_dataclass(options):
            options = dataclasses.asdict(options)
        described = {"fmt": self.fmt, "csv_options": options, "texts": self.texts}
        if self.min_confidence is not None:  # a resumed run must drop the same rows
            described["min_confidence"] = self.min_confidence
        return described


@dataclass
class ChunkResult:
    index: int
    files: dict[str, bytes]
    documents: int
    ok: int
    chars: int
    rows: dict[str, int] = field(default_factory=dict)


class ChunkRunner:
    """Documents of one chunk -> its output files. Loads the pipeline once, on first use."""

    def __init__(self, config: PipelineConfig, writer: ChunkWriter, pipeline=None):
        self.config, self.writer = config, writer
        self._pipeline = pipeline

    @property
    def pipeline(self):
        if self._pipeline is None:
            self._pipeline = self.config.build()
        return self._pipeline

    def __call__(self, index: int, documents: Sequence[Document]) -> ChunkResult:
        pipeline = self.pipeline
        with steady_collector():
            results = [pipeline.process(d) for d in documents]
            files, rows = self.writer.render(results)
        files = dict(sorted(files.items()))  # in name order, as they were read from a folder
        return ChunkResult(index, files, len(results), sum(r.status == "ok" for r in results),
                           sum(len(d.text) for d in documents), rows)


# -- executors ---------------------------------------------------------------------------------
class InlineExecutor:
    """Chunks run in this process, one after the other."""

    def __init__(self, config: PipelineConfig, writer: ChunkWriter, pipeline=None):
        self.runner = ChunkRunner(config, writer, pipeline)
        self.window = 1
        self.label = "1 process"

    def submit(self, index: int, documents: list[Document]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(self.runner(index, documents))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def wait(self, pending):
        return set(pending), set()

    def close(self) -> None:
        pass


_WORKER_RUNNER: ChunkRunner | None = None  # set in each pool worker process by _init_worker, nowhere else
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int, interval: float = 1.0, use_prctl: bool = True) -> None:
    """End this process when ``parent_pid`` is gone, so a SIGKILLed main process leaves no worker
    behind (each holds a loaded pipeline, hundreds of MB). On Linux the kernel sends SIGKILL at the
    parent's death (``prctl(PR_SET_PDEATHSIG)``); a daemon thread that watches ``os.getppid()``
    does it elsewhere, and covers a parent that died before the ``prctl`` call."""
    if use_prctl and sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no libc prctl: the watchdog alone
    if os.getppid() != parent_pid:  # already orphaned (re-parented to init or a subreaper)
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="xinwen-parent-watchdog", daemon=True).start()


def _init_worker(config: PipelineConfig, writer: ChunkWriter, parent_pid: int | None = None) -> None:
    global _WORKER_RUNNER
    if parent_pid is not None:
        die_with_parent(parent_pid)  # first: a worker killed while loading leaves nothing either
    _WORKER_RUNNER = ChunkRunner(config, writer)
    _WORKER_RUNNER.pipeline  # noqa: B018 - load it now, once per worker, before the first chunk


def _run_in_worker(index: int, documents: list[Document]) -> ChunkResult:
    return _WORKER_RUNNER(index, documents)


class PoolExecutor:
    """``workers`` spawned processes, each with its own pipeline."""

    def __init__(self, config: PipelineConfig, writer: ChunkWriter, workers: int):
        import multiprocessing

        self.pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(config, writer, os.getpid()))
        self.window = 2 * workers
        self.label = f"{workers} worker processes"

    def submit(self, index: int, documents: list[Document]):
        return self.pool.submit(_run_in_worker, index, documents)

    def wait(self, pending):
        return concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _lost_worker(exc: BaseException) -> bool:
    if isinstance(exc, BrokenProcessPool):
        return True
    return type(exc).__name__ == "KilledWorker"  # distributed: a chunk whose workers kept dying


# -- the run -----------------------------------------------------------------------------------
def _chunks(documents: Iterable[Document], size: int) -> Iterator[tuple[int, list[Document]]]:
    iterator = iter(documents)
    for index in itertools.count():
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield index, chunk


@dataclass
class _Planned:
    """A chunk to do (``documents`` set) or one a resumed run finds done (``record`` set)."""

    index: int
    digest: str
    documents: list[Document] | None = None
    record: dict | None = None


def _plan(documents: Iterable[Document], size: int, store: PartStore) -> Iterator[_Planned]:
    for index, chunk in _chunks(documents, size):
        digest = documents_digest(chunk)
        if store.is_done(index, digest, len(chunk)):
            yield _Planned(index, digest, record=store.done[index])
        else:
            yield _Planned(index, digest, documents=chunk)


def _handing_over(items: list) -> Iterator:
    """Yield and forget: the list does not keep the chunks alive after they are submitted."""
    items.reverse()
    while items:
        yield items.pop()


def _fingerprint(inputs: list[str], read_options: ReadOptions, config: PipelineConfig, writer: ChunkWriter,
                 chunk_size: int) -> dict:
    """Everything that decides what a chunk holds, known before reading: each input (a file's size
    and time, every file of a folder), the options, the rules' content and xinwen's version. A
    resumed run with another fingerprint is refused; what only reading shows (stdin, an edit that
    kept size and time) is caught per chunk by ``documents_digest``. The learned models' files count
    as the rules do: one retrained under the same version makes other rows."""
    from . import __version__
    from .counted.model import MODEL_PATH as objects_model
    from .names.tagger import MODEL_PATH as names_model
    from .rules import bundled_rules_dir

    described = []
    for item in inputs:
        path = Path(item)
        if item == "-":
            described.append({"path": "-"})
        elif path.is_dir():
            described.append({"path": str(path.resolve()), "files": _folder_digest(path)})
        else:
            stat = path.stat()
            described.append({"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    rules = {str(d): _folder_digest(Path(d)) for d in (bundled_rules_dir(), *config.rules_dirs)}
    models = {path.name: _folder_digest(path) for path in (names_model, objects_model) if path.exists()}
    return {"inputs": described, "read_options": dataclasses.asdict(read_options),
            "pipeline": dataclasses.asdict(config), "rules": rules, "models": models,
            "version": __version__, "writer": writer.describe(), "chunk_size": chunk_size}



def _folder_digest(folder: Path) -> str:
    """A digest of every file under ``folder``: its path inside it, size and modification time (a
    rules folder is small: its files' content instead)."""
    digest = hashlib.sha1()
    if folder.is_file():
        return hashlib.sha1(folder.read_bytes()).hexdigest()
    small = sum(1 for _ in itertools.islice(folder.rglob("*"), 1001)) <= 1000
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        if small and stat.st_size < 1 << 20:
            facts = hashlib.sha1(path.read_bytes()).hexdigest()
        else:
            facts = f"{stat.st_size}:{stat.st_mtime_ns}"
        digest.update(f"{path.relative_to(folder).as_posix()}\0{facts}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _refuse_output_in_input(inputs: list[str], out: Path) -> None:
    """An output folder that is an input folder, or inside one, would be read back as documents by
    the next run (its tables, its manifest): refused, naming both."""
    target = out.resolve()
    for item in inputs:
        if item == "-" or not Path(item).is_dir():
            continue
        folder = Path(item).resolve()
        if target == folder or folder in target.parents:
            raise OutputInsideInput(f"--out {out} is inside the input folder {item}: the next run would read "
                                    "its own tables as documents; choose an output folder outside it")


def run_batch(inputs: Sequence[str], out: Path, *, read_options: ReadOptions = ReadOptions(),
              config: PipelineConfig = PipelineConfig(), writer: ChunkWriter = ChunkWriter(),
              jobs: int | None = None, dask: str | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
              resume: bool = False, keep_parts: bool = False, progress: bool = True,
              pipeline=None) -> tuple[Tally, str]:
    """Run the pipeline over ``inputs`` into ``out``; returns the totals and a label of the workers.

    ``pipeline``: an already loaded ``Pipeline`` to use instead of building one when the chunks run
    in this process (``config`` is then taken from it; workers still build their own).

    Raises ``ReadError`` (an input that does not exist), ``ResumeError`` (``resume`` over a run with
    other settings) and ``BatchInterrupted`` (stopped early; the done chunks are kept)."""
    inputs = [str(i) for i in inputs]
    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise ReadError(f"input {item} does not exist")
    if chunk_size < 1:
        raise ValueError("chunk size must be at least 1")
    jobs = jobs or default_jobs()
    if pipeline is not None:
        config = PipelineConfig(tuple(pipeline.rules_dirs), pipeline.reference_date, pipeline.segmenter,
                                pipeline.max_chars)
    config.check()
    out = Path(out)
    _refuse_output_in_input(inputs, out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only or full output folder: nothing was done
        raise BatchInterrupted(f"cannot write to {out}: {exc.strerror or exc} ({exc.filename or out})") from exc
    with OutputLock(out):
        return _run_locked(inputs, out, read_options, config, writer, jobs, dask, chunk_size, resume, keep_parts,
                           progress, pipeline)


def _run_locked(inputs, out, read_options, config, writer, jobs, dask, chunk_size, resume, keep_parts, progress,
                pipeline) -> tuple[Tally, str]:
    """``run_batch`` once it holds the output folder's lock."""
    from . import __version__

    fingerprint = _fingerprint(inputs, read_options, config, writer, chunk_size)
    try:
        store = PartStore(out, fingerprint, resume=resume)
    except OSError as exc:  # a read-only or full output folder: nothing was done
        raise BatchInterrupted(f"cannot write to {out}: {exc.strerror or exc} ({exc.filename or out})") from exc
    tally = Tally()
    bar = Progress(tally, enabled=progress)
    chunks = _plan(read_inputs(inputs, read_options), chunk_size, store)
    executor = None
    try:
        if dask:
            from .daskrun import DaskExecutor

            executor = DaskExecutor(dask, jobs, config, writer)
        else:
            # Look ahead just far enough to know whether there is work for more than one process
            # (chunks found done hold no documents, so a long resumed run is not held in memory).
            ahead: list[_Planned] = []
            for planned in chunks:
                ahead.append(planned)
                if sum(p.documents is not None for p in ahead) == jobs:
                    break
            workers = min(jobs, sum(p.documents is not None for p in ahead))
            chunks = itertools.chain(_handing_over(ahead), chunks)
            executor = PoolExecutor(config, writer, workers) if workers > 1 else InlineExecutor(config, writer, pipeline)
        n_chunks = _drive(executor, chunks, store, tally, bar)
    except KeyboardInterrupt:
        raise BatchInterrupted(f"interrupted: {len(store.done)} chunks are done; "
                               f"rerun with --resume to finish") from None
    except OSError as exc:  # the disk filled up, the folder became read-only: done parts are whole
        raise BatchInterrupted(_os_stop(exc, store)) from exc
    finally:
        bar.close()
        if executor is not None:
            executor.close()
    about = {"xinwen_version": __version__, "inputs": fingerprint["inputs"], "documents": tally.documents}
    try:
        if not n_chunks:  # nothing to read: the empty tables, with their headers, as one empty part
            store.commit(0, writer.render([])[0], {"docs": 0, "ok": 0, "chars": 0, "rows": {},
                                                  "ids": documents_digest([])})
            n_chunks = 1
        store.finish(n_chunks, keep_parts=keep_parts, about=about)
    except OSError as exc:
        raise BatchInterrupted(_os_stop(exc, store)) from exc
    return tally, executor.label


def _os_stop(exc: OSError, store: PartStore) -> str:
    return (f"cannot write to {store.out}: {exc.strerror or exc} ({exc.filename or store.out}); "
            f"{len(store.done)} chunks are done and kept: make room or fix the permissions, then rerun with --resume")


def _raise_if_lost(exc: BaseException, store: PartStore) -> None:
    if _lost_worker(exc):
        raise BatchInterrupted(f"a worker stopped ({type(exc).__name__}: {exc}); {len(store.done)} chunks "
                               "are done and kept: rerun with --resume to finish") from exc


def _drive(executor, chunks, store: PartStore, tally: Tally, bar: Progress) -> int:
    pending: dict = {}
    n_chunks = 0

    def collect(futures) -> None:
        for future in futures:
            index, digest = pending.pop(future)
            try:
                result: ChunkResult = future.result()
            except Exception as exc:
                _raise_if_lost(exc, store)
                raise
            store.commit(index, result.files, {"docs": result.documents, "ok": result.ok, "chars": result.chars,
                                               "rows": result.rows, "ids": digest})
            tally.add(result.documents, result.ok, result.chars, result.rows)
            bar.update(result.documents)

    for planned in chunks:
        n_chunks = planned.index + 1
        if planned.record is not None:
            record = planned.record
            tally.add(record["docs"], record["ok"], record["chars"], record["rows"], skipped=True)
            bar.update(record["docs"])
            continue
        try:
            future = executor.submit(planned.index, planned.documents)
        except Exception as exc:  # a pool whose worker died refuses new work at once
            _raise_if_lost(exc, store)
            raise
        pending[future] = (planned.index, planned.digest)
        planned.documents = None
        while len(pending) >= executor.window:
            done, _ = executor.wait(set(pending))
            collect(done)
    while pending:
        done, _ = executor.wait(set(pending))
        collect(done)
    return n_chunks
