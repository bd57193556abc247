"""``xinwen`` command line: a thin layer over importable functions."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import EXIT_CODES, XinwenError
from .readers import DEFAULT_MAX_CHARS, ReadOptions, read_inputs


def _read_options(args) -> ReadOptions:
    return ReadOptions(text_field=args.text_field, id_field=args.id_field, published_field=args.published_field,
                       text_col=args.text_col, id_col=args.id_col, max_chars=args.max_chars)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, JSONL/CSV (.gz ok), or - for stdin")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rules folder (repeatable)")
    parser.add_argument("--text-field", help="JSONL field holding the text")
    parser.add_argument("--id-field", help="JSONL field holding the document id")
    parser.add_argument("--published-field", help="JSONL/CSV field holding the publish date")
    parser.add_argument("--text-col", help="CSV column holding the text")
    parser.add_argument("--id-col", help="CSV column holding the document id")
    parser.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS, metavar="N",
                        help=f"a longer document is an error row in documents.csv, not processed (default {DEFAULT_MAX_CHARS:,})")


def csv_options_of(args):
    """The CSV cell options of ``run`` (``--excel``, ``--raw-cells``) for ``write_tables``."""
    from .tables import CsvOptions

    return CsvOptions(excel=getattr(args, "excel", False), raw_cells=getattr(args, "raw_cells", False))


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a probability between 0 and 1")
    return value


def cmd_run(args) -> int:
    from .batch import ChunkWriter, PipelineConfig, run_batch

    _check_rules_folders(args.rules)
    config = PipelineConfig(tuple(args.rules), args.reference_date or "", args.segmenter, args.max_chars)
    writer = ChunkWriter(args.format, csv_options_of(args), texts=True, min_confidence=args.min_confidence)
    tally, workers = run_batch(
        args.inputs, args.out, read_options=_read_options(args), config=config, writer=writer,
        jobs=args.jobs, dask=args.dask, chunk_size=args.chunk_size, resume=args.resume,
        keep_parts=args.parts, progress=not args.quiet)
    print(tally.summary(args.out, workers), file=sys.stderr)
    return 0 if tally.ok else 1


def _check_rules_folders(rules_dirs) -> None:
    """The checks of ``rules check`` that need no pipeline, on each ``--rules`` folder before a run:
    a wrong key or kind (``words: 5``) is named by file and line here, instead of stopping the run
    inside a worker. Prints the errors; raises ``RulesError`` when there are any."""
    from .rules import RulesError
    from .rules_check import check_rules_dir

    errors = [p for folder in rules_dirs for p in check_rules_dir(folder, run_examples=False) if p.severity == "error"]
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        raise RulesError(f"the --rules folders have {len(errors)} errors")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _reference_date(text: str) -> str:
    """A ``--reference-date`` that is a real calendar day, as YYYY-MM-DD: anything else (2021-02-30,
    ``yesterday``) would leave every relative date without a value, silently, so it is refused."""
    import datetime

    from .normalize import iso_datetime

    day = iso_datetime(text)[:10]
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a calendar date; give the publish date as YYYY-MM-DD, "
                                         "such as 2021-03-01") from None
    return day


def _add_run_options(run: argparse.ArgumentParser) -> None:
    from .batch import DEFAULT_CHUNK_SIZE
    from .segment import DEFAULT_SEGMENTER, SEGMENTERS

    run.add_argument("--jobs", "-j", type=_positive, metavar="N", help="worker processes (default: all cores)")
    run.add_argument("--dask", metavar="ADDRESS",
                     help="run the chunks on a Dask cluster: tcp://scheduler:8786, or local for a LocalCluster "
                          "with --jobs workers (needs pip install 'xinwen[dask]')")
    run.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK_SIZE, metavar="DOCS",
                     help=f"documents per chunk, the unit of work, output part and resume (default {DEFAULT_CHUNK_SIZE})")
    run.add_argument("--resume", action="store_true",
                     help="continue an interrupted run into the same --out: chunks already done are skipped")
    run.add_argument("--parts", action="store_true",
                     help="keep CSV/JSONL as one file per chunk (OUT/programs.csv/part-00000.csv ...) instead of joining")
    run.add_argument("--segmenter", choices=SEGMENTERS, default=DEFAULT_SEGMENTER,
                     help=f"word segmenter backend (default {DEFAULT_SEGMENTER}); both use jieba's dictionary")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar (the summary line is still printed)")


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
                uncertain=[[r.start, r.end, round(r.posterior, 4), r.repaired] for r in n.uncertain],
                boilerplate=[[z.start, z.end, z.rule] for z in n.boilerplate],
            )
        lines.append(json.dumps(record, ensure_ascii=False))
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write(args.out / "normalized.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    print(f"xinwen: normalized {ok} of {len(lines)} documents -> {args.out / 'normalized.jsonl'}", file=sys.stderr)
    return 0 if ok else 1


def cmd_eval(args) -> int:
    from .evaluate import evaluate_files, format_report

    report = evaluate_files(args.gold, args.pred, facts_gold=args.facts_gold)
    print(format_report(report, errors=args.errors))
    out = args.out or args.pred
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / "eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def cmd_report(args) -> int:
    from .report import build_report

    index = build_report(args.run_dir, args.out)
    print(f"xinwen: report -> {index}", file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    from .explain import explain, format_explanation
    from .pipeline import Pipeline, _is_path
    from .readers import Document

    item = args.input
    if _is_path(item):  # any argument that is not an existing file is text
        documents = list(read_inputs([item]))
    else:
        documents = [Document("text", "", text=item, encoding="str")]
    pipeline = Pipeline(args.rules, reference_date=args.reference_date)
    explained = [explain(pipeline, d) for d in documents]
    if args.json:
        print(json.dumps(explained if len(explained) > 1 else explained[0], ensure_ascii=False, indent=1))
    else:
        print("\n".join(format_explanation(e) for e in explained), end="")
    return 0 if any(e["status"] == "ok" for e in explained) else 1


def cmd_rules_check(args) -> int:
    from .rules_check import check_rules_dir

    problems = check_rules_dir(args.dir, run_examples=not args.no_examples)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    print(f"xinwen: {args.dir}: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def _add_analyst_commands(sub) -> None:
    """report, explain, rules check (issue 9)."""
    rep = sub.add_parser("report", help="write a static HTML report of a run folder (OUTDIR/report/index.html)")
    rep.add_argument("run_dir", type=Path, metavar="OUTDIR", help="folder written by xinwen run")
    rep.add_argument("--out", type=Path, help="where the report goes (default: OUTDIR/report)")
    rep.set_defaults(func=cmd_report)
    exp = sub.add_parser("explain", help="show what the pipeline does to one text: repairs, tokens, mentions and rules")
    exp.add_argument("input", metavar="TEXT-or-FILE", help="the text itself, a file (any input format), or - for stdin")
    exp.add_argument("--reference-date", type=_reference_date, help="publish date when the text states none (YYYY-MM-DD)")
    exp.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rules folder (repeatable)")
    exp.add_argument("--json", action="store_true", help="print the explanation as JSON")
    exp.set_defaults(func=cmd_explain)
    rules = sub.add_parser("rules", help="work with rules folders")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    check = rules_sub.add_parser("check", help="validate a rules folder: YAML, keys, patterns, examples")
    check.add_argument("dir", type=Path, metavar="DIR", help="a folder of rules YAML files, as given to --rules")
    check.add_argument("--no-examples", action="store_true", help="check the files only, do not run the examples")
    check.set_defaults(func=cmd_rules_check)


def _add_csv_options(run: argparse.ArgumentParser) -> None:
    run.add_argument("--excel", action="store_true", help="write CSV as UTF-8 with a byte-order mark (for Excel)")
    run.add_argument("--raw-cells", action="store_true",
                     help="do not prefix text cells starting with = + - @ tab CR with ' (formula-injection guard)")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="xinwen", description="Chinese news text -> tidy tables of facts.",
        epilog="exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract programmes, organizations, dates and numeric claims into tables")
    _add_input_options(run)
    run.add_argument("--format", choices=("csv", "parquet"), default="csv",
                     help="format of every table: csv (OUT/programs.csv ..., the default) or parquet (OUT/programs.parquet/ ..., "
                          "a dataset folder that pandas.read_parquet reads)")
    run.add_argument("--reference-date", type=_reference_date, help="publish date for documents that state none (YYYY-MM-DD)")
    run.add_argument("--min-confidence", type=_probability, metavar="X",
                     help="drop rows whose confidence is below X (0-1): rows from uncertain repairs of damaged text, "
                          "the name tagger's less sure rows; rows with no confidence (rule rows from clean text) stay. "
                          "The summary line counts the rows dropped")
    _add_csv_options(run)
    _add_run_options(run)
    run.set_defaults(func=cmd_run)
    norm = sub.add_parser("normalize", help="write the cleaned corpus to OUT/normalized.jsonl")
    _add_input_options(norm)
    norm.add_argument("--no-mojibake-repair", action="store_true",
                      help="leave GBK byte-shift damage in place (for comparison)")
    norm.set_defaults(func=cmd_normalize)
    ev = sub.add_parser("eval", help="score predicted tables against an annotated gold file")
    ev.add_argument("--gold", required=True, type=Path, metavar="FILE",
                    help="annotated documents, JSONL: one line per document with its doc_id and gold "
                         "mentions (tests/gold/*.jsonl; make eval builds outputs/gold/gold.jsonl)")
    ev.add_argument("--pred", required=True, type=Path, help="folder written by xinwen run")
    ev.add_argument("--out", type=Path, help="where eval.json goes (default: the --pred folder)")
    ev.add_argument("--errors", action="store_true", help="list misses and false alarms with their sentence")
    ev.add_argument("--facts-gold", type=Path, metavar="FILE",
                    help="annotated facts (tests/gold/facts/facts.jsonl): score each link of facts.csv")
    ev.set_defaults(func=cmd_eval)
    _add_analyst_commands(sub)
    return parser


def main(argv=None) -> int:
    """Run the command ``argv`` names; an ``XinwenError`` is one line on stderr and its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except XinwenError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        print(f"xinwen: error: {' '.join(str(exc).splitlines())}{hint}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
