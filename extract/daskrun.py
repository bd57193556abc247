"""Chunks on a Dask cluster (``xinwen run --dask tcp://scheduler:8786`` or ``--dask local``).

Needs the ``dask`` extra (``pip install 'xinwen[dask]'``). A worker plugin builds the pipeline once
per Dask worker; each chunk is one task (``client.submit``) whose result is the chunk's output files,
sent back to this process, which writes the parts: workers need no access to the output folder, only
the same xinwen install and any ``--rules`` folders at the same paths. Futures are submitted a few at
a time as results come back (rather than as one ``dask.bag`` built over the whole input), so the input
streams and memory does not grow with it. Dask reruns a task whose worker died; a chunk that keeps
killing workers stops the run (``KilledWorker``) with the done chunks kept for ``--resume``.
"""
from __future__ import annotations

import logging
import uuid

from distributed import Client, LocalCluster, WorkerPlugin, get_worker, wait

from .batch import ChunkResult, ChunkRunner, ChunkWriter, PipelineConfig

PLUGIN_NAME = "xinwen-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Gives every worker one ``ChunkRunner`` (its pipeline loaded at set-up)."""

    def __init__(self, config: PipelineConfig, writer: ChunkWriter):
        self.config, self.writer = config, writer
        self.runner: ChunkRunner | None = None

    def setup(self, worker) -> None:
        self.runner = ChunkRunner(self.config, self.writer)
        self.runner.pipeline  # noqa: B018 - load once per worker, before its first chunk


def run_chunk(index: int, documents: list) -> ChunkResult:
    """The task: one chunk on whichever worker runs it."""
    return get_worker().plugins[PLUGIN_NAME].runner(index, documents)


class DaskExecutor:
    def __init__(self, address: str, workers: int, config: PipelineConfig, writer: ChunkWriter):
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
            self.label = f"Dask LocalCluster, {workers} workers"
        else:
            self.client = Client(address)
            self.label = f"Dask at {address}"
        self.client.register_plugin(PipelinePlugin(config, writer), name=PLUGIN_NAME)
        threads = sum(self.client.nthreads().values()) or 1
        self.window = 2 * threads
        self.run_id = uuid.uuid4().hex[:8]

    def submit(self, index: int, documents: list):
        return self.client.submit(run_chunk, index, documents, pure=False, key=f"xinwen-chunk-{self.run_id}-{index:05d}")

    def wait(self, pending):
        result = wait(list(pending), return_when="FIRST_COMPLETED")
        return result.done, result.not_done

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
