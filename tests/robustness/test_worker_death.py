"""Workers die with their parent: a main process killed with SIGKILL (no clean-up runs) leaves no
worker process behind, each of which would hold a loaded pipeline. The kernel's parent-death signal
does it on Linux; a watchdog thread on the parent pid does it where that is missing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if sys.platform != "linux":
    pytest.skip("reads /proc to see which processes live", allow_module_level=True)

# a batch's worker pool with one chunk submitted; prints the worker pids, then waits to be killed
_MAIN = """
import time
from extract.batch import ChunkWriter, PipelineConfig, PoolExecutor
from extract.readers import Document
pool = PoolExecutor(PipelineConfig(), ChunkWriter(), 2)
pool.submit(0, [Document("d", "", text="今年超过10万人参与。")])
while len(pool.pool._processes) < 1:
    time.sleep(0.05)
print(*pool.pool._processes, flush=True)
time.sleep(600)
"""
# a local Dask cluster's workers once their plugin has run; prints their pids, then waits to be killed
_DASK_MAIN = """
import os, time, psutil
from extract.batch import ChunkWriter, PipelineConfig
from extract.daskrun import DaskExecutor
executor = DaskExecutor("local", 1, PipelineConfig(), ChunkWriter())
children = [p.pid for p in psutil.Process(os.getpid()).children(recursive=True) if "python" in p.name()]
print(*children, flush=True)
time.sleep(600)
"""
# a child that only has the watchdog (no prctl), started by a parent that then waits to be killed
_WATCHED_CHILD = ("import os, time; from extract.batch import die_with_parent; "
                  "die_with_parent(os.getppid(), interval=0.1, use_prctl=False); print('ready', flush=True); "
                  "time.sleep(600)")
_PARENT = ("import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', sys.argv[1]], "
           "stdout=subprocess.PIPE, text=True); assert child.stdout.readline().strip() == 'ready'; "
           "print(child.pid, flush=True); time.sleep(600)")


def _alive(pid: int) -> bool:
    """Running (a zombie no container init has reaped yet counts as dead)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in status)
    except FileNotFoundError:
        return False


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _kill_and_check(main: subprocess.Popen, pids: list[int]) -> None:
    try:
        assert pids and all(_alive(p) for p in pids)
        main.send_signal(signal.SIGKILL)
        main.wait()
        assert _gone_within(pids, 10) == []
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_pool_workers_die_when_the_main_process_is_killed():
    main = subprocess.Popen([sys.executable, "-c", _MAIN], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in main.stdout.readline().split()]
    time.sleep(1.0)  # the initializer (prctl, watchdog) has run by now, the pipeline is still loading
    _kill_and_check(main, pids)


def test_local_dask_workers_die_when_the_main_process_is_killed():
    pytest.importorskip("distributed")
    main = subprocess.Popen([sys.executable, "-c", _DASK_MAIN], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in main.stdout.readline().split()]
    _kill_and_check(main, pids)


def test_the_watchdog_alone_ends_an_orphaned_worker():
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, _WATCHED_CHILD], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    _kill_and_check(parent, [int(parent.stdout.readline())])
