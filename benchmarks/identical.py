"""Are the tables byte-identical to a snapshot? The check behind every behaviour-preserving change.

Runs ``xinwen run`` on four sets and records a SHA-256 of every table it writes (``run.json`` is
left out: it names the run by design):

- ``gold``: the dev gold documents (``tests/gold/*.jsonl``);
- ``corpus``: the repository's ``corpus/`` folder;
- ``cctv``: the first 3,000 CCTV stories of ``../shared/data/news``;
- ``taiwan``: the first 500 Taiwan articles (Traditional script).

    python benchmarks/identical.py snapshot outputs/identical-before.json [--sets gold,corpus]
    python benchmarks/identical.py compare outputs/identical-before.json   # exit 1 when a table differs

``compare`` runs the same sets again and names every table whose bytes changed (``--keep DIR``
keeps the tables to diff), so a refactor can say "tables byte-identical" with evidence.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"
SETS = ("gold", "corpus", "cctv", "taiwan")
LIMITS = {"cctv": ("cctv-xwlb-stories.jsonl.gz", 3000), "taiwan": ("taiwan-news-2017-zh-hant.jsonl.gz", 500)}
RUN_FILES = {"run.json"}


def _inputs(name: str, work: Path) -> Path:
    if name == "corpus":
        shutil.copytree(ROOT / "corpus", work / "corpus", dirs_exist_ok=True)
        return work / "corpus"
    target = work / f"{name}.jsonl"
    if name == "gold":
        sys.path.insert(0, str(ROOT / "tests"))
        from gold_docs import gold_documents, write_input

        return write_input(gold_documents(), target)
    file_name, limit = LIMITS[name]
    with gzip.open(NEWS / file_name, "rt", encoding="utf-8") as source, open(target, "w", encoding="utf-8") as out:
        for k, line in enumerate(source):
            if k >= limit:
                break
            out.write(line)
    return target


def _digests(name: str, work: Path, jobs: int) -> dict[str, str]:
    out = work / f"out-{name}"
    source = _inputs(name, work).relative_to(work)  # relative: source_path must not name the temp folder
    argv = [sys.executable, "-m", "extract", "run", str(source), "--out", out.name,
            "--jobs", str(jobs), "--quiet", "--reference-date", "2020-01-01"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some documents became error rows, which are compared too
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name not in RUN_FILES)
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def run_sets(names: list[str], jobs: int, keep: Path | None = None) -> dict[str, dict[str, str]]:
    with tempfile.TemporaryDirectory(prefix="xinwen-identical-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        result = {}
        for name in names:
            result[name] = _digests(name, work, jobs)
            print(f"{name}: {len(result[name])} tables", file=sys.stderr)
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("snapshot", "compare"))
    parser.add_argument("file", type=Path, help="the snapshot (written by snapshot, read by compare)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated subset of {','.join(SETS)}")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the inputs and tables in this folder (to diff them)")
    args = parser.parse_args(argv)
    names = [n for n in args.sets.split(",") if n]
    unknown = set(names) - set(SETS)
    if unknown:
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}")
    if args.mode == "snapshot":
        digests = run_sets(names, args.jobs, args.keep)
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"snapshot of {', '.join(names)} written to {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    names = [n for n in names if n in before]
    after = run_sets(names, args.jobs, args.keep)
    changed = [f"{name}/{table}" for name in names
               for table in sorted(set(before[name]) | set(after[name]))
               if before[name].get(table) != after[name].get(table)]
    if changed:
        print("tables that differ: " + ", ".join(changed))
        return 1
    print(f"byte-identical: {', '.join(f'{n} ({len(after[n])} tables)' for n in names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
