"""Command line: ``renewie extract | eval | mentions | normalize | explain``.

Arguments in, Pipeline out; all output goes through ``renewie.output`` (STYLE P9).
Exit status: 0 success, 1 some documents failed (extract) or could not be read, 2 usage error.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import sys
import time
from pathlib import Path

from . import __version__
from .errors import InputError, RenewieError

log = logging.getLogger("renewie")
FLUSH_EVERY = 64  # lines between flushes of the output file


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="renewie",
        description="Turn Chinese urban-renewal press releases into structured records (JSON Lines, CSV, Parquet, DuckDB).",
        epilog="Run 'renewie COMMAND --help' for the options of a command.",
    )
    p.add_argument("--version", action="version", version=f"renewie {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details to standard error")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract records from documents, one output line per document",
                        description="Extract renewal-project records. Inputs: files, directories (recursive), globs, "
                                    "'-' for standard input; with --input-format jsonl, JSON Lines of "
                                    '{"id", "text", "published"?, "url"?}. Output keeps input order.')
    ex.add_argument("inputs", nargs="+", metavar="PATH")
    ex.add_argument("-o", "--output", metavar="OUT", help="output file; - or none: standard output")
    ex.add_argument("--format", choices=["jsonl", "csv", "parquet", "duckdb"], default="jsonl",
                    help="jsonl: one document per line (default); csv: the facts table; parquet/duckdb: "
                         "facts, records and documents tables (optional extras)")
    ex.add_argument("--input-format", choices=["text", "jsonl"], default="text",
                    help="text: each file is one document (default); jsonl: each line is a document")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: all cores)")
    ex.add_argument("--doc-timeout", type=float, default=5.0, metavar="SECONDS",
                    help="a document running longer gets an error line (default 5)")
    ex.add_argument("--resume", action="store_true",
                    help="continue an interrupted jsonl job from its -o file, without repeating or losing a document")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for documents that do not give one")
    ex.add_argument("--lexicons", metavar="DIR", help="a folder of user lexicon files added to the packaged ones")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask cluster (needs renewie[dask])")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")

    ev = sub.add_parser("eval", help="score predictions against gold facts (SPEC section 5)",
                        description="Score a JSON Lines file of predictions, or the input documents themselves, "
                                    "against a folder of gold files. Prints per-metric and per-document breakdowns, "
                                    "then precision, recall and F1.")
    ev.add_argument("predictions", metavar="PRED_OR_INPUTS", help="a .jsonl of predictions, or documents/folders to extract")
    ev.add_argument("gold", metavar="GOLD_DIR")
    ev.add_argument("--show-errors", action="store_true", help="list missed and extra facts and wrong attributes")
    ev.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    ev.add_argument("--lexicons", metavar="DIR", help="a user lexicon folder")

    me = sub.add_parser("mentions", help="print places, amounts, counts and times as JSON Lines")
    me.add_argument("inputs", nargs="+", metavar="FILE")
    me.add_argument("--published", metavar="YYYY-MM-DD")

    no = sub.add_parser("normalize", help="print the normalised text of documents")
    no.add_argument("inputs", nargs="+", metavar="FILE")
    no.add_argument("--meta", action="store_true", help="print the metadata as JSON instead")

    xp = sub.add_parser("explain", help="show sentences, mentions and records of one document")
    xp.add_argument("input", metavar="FILE")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="renewie: %(message)s", stream=sys.stderr)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return {"extract": _extract, "eval": _eval, "mentions": _mentions, "normalize": _normalize,
                "explain": _explain}[args.command](args)
    except InputError as exc:
        print(f"renewie: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


# ---- extract -------------------------------------------------------------------------------
def _extract(args) -> int:
    from .batch import Line, iter_tasks, repair_output, run
    from .output.jsonl import dumps

    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.output == "-":
        args.output = None  # standard output, as - reads standard input
    if args.resume and (not args.output or args.format != "jsonl"):
        raise InputError("--resume needs -o FILE and --format jsonl")
    tasks = iter_tasks(args.inputs, args.input_format)
    if args.published:
        from dataclasses import replace

        tasks = (replace(t, default_published=args.published) for t in tasks)
    skip = 0
    if args.resume:
        done = repair_output(Path(args.output))
        skip = len(done)
    if skip:
        tasks = _skip(tasks, skip)
    as_json = args.format == "jsonl"
    if args.scheduler:
        from .dask import run_on_cluster

        docs = run_on_cluster(tasks, args.scheduler, lexicon_dir=args.lexicons, timeout=args.doc_timeout)
        if as_json:
            docs = (Line(dumps(d), d["error"] is not None, len(d["records"])) for d in docs)
    else:
        docs = run(tasks, workers=args.workers, timeout=args.doc_timeout, lexicon_dir=args.lexicons, as_json=as_json,
                   own_process=True)
    show = not args.quiet and sys.stderr.isatty()
    progress = None
    if show:
        from tqdm import tqdm

        progress = tqdm(unit="doc", file=sys.stderr, initial=skip, dynamic_ncols=True,
                        total=_count_inputs(args.inputs, args.input_format))
    t0 = time.perf_counter()
    n = errors = n_records = 0
    if args.format == "jsonl":
        out = open(args.output, "a" if args.resume else "w", encoding="utf-8") if args.output else sys.stdout
        try:
            for line in docs:
                out.write(line.text + "\n")  # whole lines; --resume repairs a cut last line
                n += 1
                if n % FLUSH_EVERY == 0:
                    out.flush()
                errors += line.failed
                n_records += line.records
                if progress is not None:
                    progress.update()
        finally:
            if out is not sys.stdout:
                out.close()
    else:
        from .output.tables import open_writer

        writer = open_writer(args.format, args.output, sys.stdout)
        try:
            for doc in docs:
                writer.add(doc)
                n += 1
                errors += doc["error"] is not None
                n_records += len(doc["records"])
                if progress is not None:
                    progress.update()
        finally:
            writer.close()
    if progress is not None:
        progress.close()
    elapsed = time.perf_counter() - t0
    if not args.quiet:
        rate = n / elapsed if elapsed > 0 else 0.0
        print(f"renewie: {n} documents, {n_records} records, {errors} errors, {elapsed:.1f} s ({rate:.0f} docs/s)"
              + (f", {skip} already done" if skip else ""), file=sys.stderr)
    return 1 if errors else 0


def _count_inputs(inputs: list[str], input_format: str) -> int | None:
    """How many documents the inputs hold, for the progress bar's time left; None when that
    would mean reading standard input."""
    if "-" in inputs:
        return None
    from .batch import iter_tasks

    if input_format == "text":
        return sum(1 for _ in iter_tasks(inputs))  # walks the folders, reads no file
    n = 0
    for item in inputs:
        for path in sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]:
            try:
                with open(path, "rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        n += block.count(b"\n")
            except OSError:
                n += 1
    return n


def _skip(tasks, n):
    for i, t in enumerate(tasks):
        if i >= n:
            yield t


# ---- eval ----------------------------------------------------------------------------------
def _eval(args) -> int:
    from .evaluate import ATTRIBUTES, load_gold, score

    gold = load_gold(args.gold)
    pred_path = Path(args.predictions)
    if pred_path.is_file() and pred_path.suffix == ".jsonl":
        docs = []
        with open(pred_path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        docs.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{pred_path}:{n}: not JSON: {exc.msg}") from None
    else:
        from .batch import iter_tasks, run
        from .evaluate import stem

        tasks = []
        for t in iter_tasks([args.predictions]):
            g = gold.get(stem(t.doc_id))
            if g is not None and g.get("published") and not t.published:
                from dataclasses import replace

                t = replace(t, published=g["published"])
            tasks.append(t)
        docs = list(run(tasks, workers=1, timeout=None, lexicon_dir=args.lexicons))
    sc = score(docs, gold)
    if args.json:
        print(json.dumps(sc.to_dict(), ensure_ascii=False, indent=1))
        return 0
    d = sc.to_dict()
    print(f"{'metric':<18}{'P':>7}{'R':>7}{'F1':>7}")
    for m, v in sorted(d["per_metric"].items()):
        print(f"{m:<18}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}")
    print(f"{'document':<30}{'P':>7}{'R':>7}{'F1':>7}")
    for doc, v in sorted(d["per_document"].items()):
        print(f"{doc[:30]:<30}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}")
    if args.show_errors:
        for x in sc.misses:
            print(f"MISS  {x['doc']}: {x['metric']}={x['value']} {x.get('adcode')} «{x.get('evidence', '')}»")
        for x in sc.extras:
            print(f"EXTRA {x['doc']}: {x['metric']}={x['value']} {x.get('adcode')} «{x.get('evidence', '')}»")
        for p, g, a in sc.attr_errors:
            print(f"ATTR  {p.get('doc', '')} {g['metric']}={g['value']}: {a} predicted {p.get(a)!r}, gold {g.get(a)!r}")
    it = d["items"]
    print(f"items: P {it['precision']:.3f} R {it['recall']:.3f} F1 {it['f1']:.3f}")
    acc = "  ".join(f"{a} {d['accuracy'][a]:.3f}" for a in ATTRIBUTES)
    print(f"accuracy on matched facts: {acc}")
    print(f"documents {d['documents']}  gold {d['gold']}  predicted {d['predicted']}  matched {d['matched']}")
    print(f"facts: precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}")
    return 0


# ---- small commands ------------------------------------------------------------------------
def _read_or_report(path: str):
    from .reader import decode, read_bytes

    data, name = read_bytes(path)
    return decode(data, name)


def _readable(paths: list[str], failed: list[int]):
    """(path, decoded) for every path that reads; a reason on stderr for the others."""
    for path in paths:
        try:
            yield path, _read_or_report(path)
        except RenewieError as exc:
            print(f"renewie: {exc}", file=sys.stderr)
            failed.append(1)


def _mentions(args) -> int:
    from .output.jsonl import dumps
    from .pipeline import default_pipeline

    pipe = default_pipeline()
    failed: list[int] = []
    for path, decoded in _readable(args.inputs, failed):
        doc = pipe.process_text(decoded.text, doc_id=Path(path).name, published=args.published)
        print(dumps({"doc_id": doc.doc_id, "home_region": doc.home_region.to_dict() if doc.home_region else None,
                     "mentions": doc.mentions}))
    return 1 if failed else 0


def _normalize(args) -> int:
    from .normalization import normalize

    failed: list[int] = []
    for path, decoded in _readable(args.inputs, failed):
        norm = normalize(decoded.text)
        if args.meta:
            print(json.dumps({"doc_id": Path(path).name, **norm.meta, "encoding": decoded.encoding},
                             ensure_ascii=False))
        else:
            sys.stdout.write(norm.text + ("\n" if not norm.text.endswith("\n") else ""))
    return 1 if failed else 0


def _explain(args) -> int:
    from .associate.sentences import split
    from .pipeline import default_pipeline

    pipe = default_pipeline()
    try:
        decoded = _read_or_report(args.input)
    except RenewieError as exc:
        print(f"renewie: {exc}", file=sys.stderr)
        return 1
    norm = pipe.normalize(decoded.text)
    doc = pipe.process_text(decoded.text, doc_id=Path(args.input).name)
    print(f"home region: {doc.home_region.name if doc.home_region else None}  meta: {json.dumps(norm.meta, ensure_ascii=False)}")
    lay = split(norm.text)
    mentions = ([("place", p.nspan, f"{p.name} → {p.adcode}") for p in doc.places]
                + [("amount", q.nspan, f"{q.value} {q.unit} {q.approx}") for q in doc.amounts]
                + [("count", q.nspan, f"{q.value} {q.unit} {q.approx} [{q.rule}]") for q in doc.counts]
                + [("time", t.nspan, f"{t.start}–{t.end} as_of={t.as_of} [{t.kind}]") for t in doc.times])
    for s, e, _ in lay.sentences:
        inside = sorted((m for m in mentions if s <= m[1][0] < e), key=lambda m: m[1])
        if not inside:
            continue
        print(f"\n» {norm.text[s:e]}")
        for kind, span, what in inside:
            print(f"    {kind:<7}{norm.text[span[0]:span[1]]:<14}{what}")
    print("\nrecords:")
    for r in doc.records:
        metrics = ", ".join(f"{k}={v.value}" for k, v in r.metrics.items())
        items = ", ".join(f"{i.label}={i.quantity.value}" for i in r.items)
        print(f"  {r.region.name}({r.region.adcode}) {r.category} {r.status} {r.period.key()}: {metrics}"
              + (f" | items: {items}" if items else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
