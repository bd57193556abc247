"""Throughput of ``xinwen run``, side by side in one run, on the first 20,000 CCTV stories.

Prints, over the same texts: plain ``jieba.lcut`` (dictionary already loaded); ``xinwen run`` in one
process, with ``--jobs 2`` and with ``--dask local`` (2 workers), each the whole command (start-up,
reading, writing the tables) timed from outside; the peak resident memory of each run summed over
all its processes (sampled every 0.1 s); and JioNLP's ``extract_time`` + ``extract_money`` when
JioNLP is installed. ``--full`` adds a ``--jobs 2`` run over the whole corpus (74,545 stories) to show
that memory does not grow with the corpus. The three tables folders are checked to be identical.

    python benchmarks/throughput.py [--limit 20000] [--full] [--segmenter rjieba] [--jionlp-limit 2000]

Timings are wall-clock: run it on a quiet machine (the load average is printed with the figures).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import logging
import resource

import psutil

ROOT = Path(__file__).resolve().parent.parent
CCTV = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(argv: list[str]) -> tuple[float, float, int, str]:
    """Run ``xinwen`` with ``argv``: wall seconds, CPU seconds (all its processes, user + system),
    peak RSS of all its processes, its summary line."""
    cpu = children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "extract", *argv], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, watched = 0, psutil.Process(process.pid)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()))
    reader.start()
    while process.poll() is None:
        peak = max(peak, tree_rss(watched))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    reader.join()
    cpu = children_cpu() - cpu
    text = b"".join(stderr).decode("utf-8", "replace").strip()
    if process.returncode:
        raise SystemExit(f"xinwen {' '.join(argv)} failed ({process.returncode}):\n{text}")
    return seconds, cpu, peak, text.splitlines()[-1] if text else ""


RUN_FILES = {"run.json"}  # says which run wrote the folder: differs between runs by design


def same_outputs(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if p.name not in RUN_FILES)
    return names == sorted(p.name for p in b.iterdir() if p.name not in RUN_FILES) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names)


def jionlp_rate(texts: list[str]) -> tuple[float, int] | None:
    try:
        import jionlp
    except ImportError:
        return None
    base = time.mktime((2020, 1, 1, 0, 0, 0, 0, 0, -1))  # a fixed reference time, not the clock
    chars = sum(map(len, texts))
    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot parse
    try:
        start = time.perf_counter()
        for text in texts:
            jionlp.ner.extract_time(text, time_base=base)
            jionlp.ner.extract_money(text)
        return chars / (time.perf_counter() - start), len(texts)
    finally:
        logging.disable(logging.NOTSET)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CCTV)
    parser.add_argument("--limit", type=int, default=20000, help="stories for the side-by-side runs")
    parser.add_argument("--full", action="store_true", help="also run --jobs 2 over the whole corpus (peak memory)")
    parser.add_argument("--segmenter", default=None, help="passed to xinwen run (default: its default)")
    parser.add_argument("--jionlp-limit", type=int, default=2000,
                        help="stories for JioNLP (it is slow; its rate is measured on these)")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="xinwen-throughput-") as tmp:
        work = Path(tmp)
        source = work / "stories.jsonl"
        texts: list[str] = []
        with gzip.open(args.corpus, "rt", encoding="utf-8") as handle, open(source, "w", encoding="utf-8") as out:
            for k, line in enumerate(handle):
                if k >= args.limit:
                    break
                out.write(line)
                texts.append(json.loads(line).get("text") or "")
        chars = sum(map(len, texts))
        print(f"{len(texts)} stories, {chars / 1e6:.2f} M characters; {psutil.cpu_count()} cores; "
              f"load average before: {os.getloadavg()[0]:.2f}")

        import jieba

        jieba.setLogLevel(60)
        start = time.perf_counter()
        jieba.initialize()
        load = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            jieba.lcut(text)
        jieba_rate = chars / (time.perf_counter() - start)
        rows = [("plain jieba.lcut (dictionary loaded first, %.1f s)" % load, chars / jieba_rate,
                 time.process_time() - cpu, jieba_rate, None, "")]

        common = ["--quiet"] + (["--segmenter", args.segmenter] if args.segmenter else [])
        runs = [("xinwen run, 1 process", "single", ["--jobs", "1"]),
                ("xinwen run --jobs 2", "jobs2", ["--jobs", "2"])]
        if not args.skip_dask:
            runs.append(("xinwen run --dask local (2 workers)", "dask", ["--dask", "local", "--jobs", "2"]))
        rates = {}
        for label, key, extra in runs:
            seconds, cpu, peak, summary = timed_run(["run", str(source), "--out", str(work / key), *common, *extra])
            rates[key] = chars / seconds
            rows.append((label, seconds, cpu, chars / seconds, peak, summary))
        if args.full:
            seconds, cpu, peak, summary = timed_run(["run", str(args.corpus), "--out", str(work / "full"), *common,
                                                     "--jobs", "2"])
            n_full = int(summary.split(" documents")[0].split()[-1]) if " documents" in summary else 0
            full_chars = 0
            with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
                for line in handle:
                    full_chars += len(json.loads(line).get("text") or "")
            rows.append((f"xinwen run --jobs 2, whole corpus ({n_full} stories)", seconds, cpu, full_chars / seconds,
                         peak, summary))
        jio = jionlp_rate(texts[: args.jionlp_limit])
        if jio is not None:
            rows.append((f"JioNLP extract_time + extract_money (first {jio[1]} stories)", None, None, jio[0], None, ""))

        print()
        print("| run | seconds | CPU seconds | k chars/s | × jieba.lcut | × 1 process | peak RSS, all processes |")
        print("|---|---|---|---|---|---|---|")
        for label, seconds, cpu, rate, peak, _ in rows:
            secs = f"{seconds:.1f}" if seconds is not None else "–"
            cpus = f"{cpu:.1f}" if cpu is not None else "–"
            single = f"{rate / rates['single']:.2f}" if "single" in rates else "–"
            memory = f"{peak / 2**20:.0f} MB" if peak else "–"
            print(f"| {label} | {secs} | {cpus} | {rate / 1e3:.0f} | {rate / jieba_rate:.2f} | {single} | {memory} |")
        if jio is None:
            print("\nJioNLP is not installed (pip install jionlp): its row is left out.")
        same = all(same_outputs(work / "single", work / key) for _, key, _ in runs[1:])
        print(f"\ntables identical across the runs: {'yes' if same else 'NO'}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        for label, *_, summary in rows:  # noqa: B007
            if summary:
                print(f"  {label}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
