"""``xinwen`` command line: a thin layer over importable functions."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .readers import ReadError, ReadOptions, read_inputs


def _read_options(args) -> ReadOptions:
    return ReadOptions(text_field=args.text_field, id_field=args.id_field, published_field=args.published_field,
                       text_col=args.text_col, id_col=args.id_col)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, JSONL/CSV (.gz ok), or - for stdin")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rules folder (repeatable)")
    parser.add_argument("--text-field", help="JSONL field holding the text")
    parser.add_argument("--id-field", help="JSONL field holding the document id")
    parser.add_argument("--published-field", help="JSONL/CSV field holding the publish date")
    parser.add_argument("--text-col", help="CSV column holding the text")
    parser.add_argument("--id-col", help="CSV column holding the document id")


def cmd_run(args) -> int:
    from .pipeline import Pipeline
    from .tables import build_tables, write_tables

    pipeline = Pipeline(args.rules, reference_date=args.reference_date)
    results = list(pipeline.process_all(read_inputs(args.inputs, _read_options(args))))
    tables = build_tables(results)
    write_tables(tables, args.out, args.format)
    ok = sum(1 for r in results if r.status == "ok")
    counts = ", ".join(f"{len(tables[n])} {n}" for n in ("programs", "organizations", "dates", "numerics"))
    print(f"xinwen: {len(results)} documents ({ok} ok, {len(results) - ok} errors): {counts} -> {args.out}",
          file=sys.stderr)
    return 0 if ok else 1


def cmd_normalize(args) -> int:
    from .normalize import Normalizer
    from .rules import load_rules
    from .tables import atomic_write

    normalizer = Normalizer(load_rules(args.rules), repair_mojibake=not args.no_mojibake_repair)
    lines, ok = [], 0
    for document in read_inputs(args.inputs, _read_options(args)):
        record = {"doc_id": document.doc_id, "status": "error" if document.error else "ok", "error": document.error}
        if not document.error:
            n = normalizer(document.text)
            ok += 1
            record.update(
                text=n.text, script=n.script, published=document.published or n.metadata.published,
                title=document.title or n.metadata.title, source=document.source or n.metadata.source,
                repairs=[r.__dict__ for r in n.repairs],
                damaged=[[z.start, z.end] for z in n.damaged],
                boilerplate=[[z.start, z.end, z.rule] for z in n.boilerplate],
            )
        lines.append(json.dumps(record, ensure_ascii=False))
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write(args.out / "normalized.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    print(f"xinwen: normalized {ok} of {len(lines)} documents -> {args.out / 'normalized.jsonl'}", file=sys.stderr)
    return 0 if ok else 1


def cmd_eval(args) -> int:
    from .evaluate import evaluate_files, format_report

    report = evaluate_files(args.gold, args.pred)
    print(format_report(report, errors=args.errors))
    out = args.out or args.pred
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / "eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xinwen", description="Chinese news text -> tidy tables of facts.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract programmes, organizations, dates and numeric claims into tables")
    _add_input_options(run)
    run.add_argument("--format", choices=("csv", "parquet"), default="csv")
    run.add_argument("--reference-date", help="publish date for documents that state none (YYYY-MM-DD)")
    run.set_defaults(func=cmd_run)
    norm = sub.add_parser("normalize", help="write the cleaned corpus to OUT/normalized.jsonl")
    _add_input_options(norm)
    norm.add_argument("--no-mojibake-repair", action="store_true",
                      help="leave GBK byte-shift damage in place (for comparison)")
    norm.set_defaults(func=cmd_normalize)
    ev = sub.add_parser("eval", help="score predicted tables against an annotated gold file")
    ev.add_argument("--gold", required=True, type=Path)
    ev.add_argument("--pred", required=True, type=Path, help="folder written by xinwen run")
    ev.add_argument("--out", type=Path, help="where eval.json goes (default: the --pred folder)")
    ev.add_argument("--errors", action="store_true", help="list misses and false alarms with their sentence")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ReadError as exc:
        print(f"xinwen: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
