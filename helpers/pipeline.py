"""The pipeline: the corpus runner (documents through `analyse.analyse_document`), the table cache and the CLI.

    python -m helpers.pipeline CORPUS_DIR --out OUT_DIR [--format parquet|csv] [--jobs N]

writes one file per table (see `helpers.tables.SCHEMAS` for the columns).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import deque
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import analyse, corpus, entities, paths, resources, tables
from .analyse import (ENTITY_KEY_COLUMNS, PER_DOCUMENT_TABLES, STAGES, RunSummary, analyse_batch,  # noqa: F401
                      analyse_document, batches, default_jobs, document_row, lazy_documents, safe_analyse, stage,
                      stage_seconds)

CORPUS_TABLES: tuple[str, ...] = ("entity_counts", "actors")
ALL_TABLES = ("documents",) + PER_DOCUMENT_TABLES + CORPUS_TABLES
PROGRESS_MIN_DOCS = 5


def warm_up() -> None:
    """Load every model `analyse_document` uses (once per process; before forking, the workers share them)."""
    try:
        analyse_document(corpus.make_document("warm-up.txt", 'date 2020-01-01\nWarm-up\n\nMr. John Smith of Acme Corp. '
                                          'told reporters in Paris: "We will win." Officials agreed, he said.'))
    except Exception:  # noqa: BLE001 - only an optimisation: the workers load what they need and report errors
        pass


def iter_prepared(docs: Iterable[corpus.Document], *, jobs: int = 1, fmt: str = "parquet", batch_size: int = 4,
                  window: int | None = None, overrides: pd.DataFrame | None = None
                  ) -> Iterator[tuple[corpus.Document, dict, dict]]:
    """Yield (document, writer-ready tables, stage seconds) in corpus order, from this process or `jobs` workers.

    Documents are read lazily and at most `window` batches are in flight, so memory does not grow with the corpus.
    A worker that dies (killed, out of memory) fails only the documents it was analysing, which are retried one by one.
    """
    if jobs <= 1:
        for batch in batches(docs, batch_size):
            yield from analyse_batch(batch, fmt, overrides)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    window = window or 4 * jobs
    source = batches(docs, batch_size)
    first = next(source, None)  # reading the first documents checks the NLTK data before models are loaded
    if first is None:
        return
    warm_up()
    ctx = mp.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx)
    pending: deque = deque([(first, pool.submit(analyse_batch, first, fmt, overrides))])
    try:
        while True:
            while len(pending) < window:
                batch = next(source, None)
                if batch is None:
                    break
                pending.append((batch, pool.submit(analyse_batch, batch, fmt, overrides)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(jobs, mp_context=ctx)
                yield from _retry_alone(batch, fmt, ctx, overrides)
                pending = deque((b, pool.submit(analyse_batch, b, fmt, overrides)) for b, _ in pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _retry_alone(batch: list[corpus.Document], fmt: str, ctx, overrides: pd.DataFrame | None = None
                 ) -> Iterator[tuple[corpus.Document, dict, dict]]:
    """Analyse each document of a batch whose worker died in a fresh one-worker pool, failing those that kill it again."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for doc in batch:
        with ProcessPoolExecutor(1, mp_context=ctx) as solo:
            try:
                yield from solo.submit(analyse_batch, [doc], fmt, overrides).result()
                continue
            except BrokenProcessPool:
                pass
        doc = replace(doc, status="failed", error="analysis failed: the worker process died (out of memory or killed)")
        yield from analyse_batch([doc], fmt, overrides)


DOCUMENT_BATCH_ROWS = 500  # document rows (with their full text) buffered before a write


def run_corpus(corpus_dir: str | Path, out_dir: str | Path, *, fmt: str = "parquet", jobs: int | None = None,
               progress: bool | None = None, max_bytes: int = corpus.DEFAULT_MAX_BYTES,
               limit: int | None = None) -> RunSummary:
    """Analyse every document of a corpus and stream all tables to `out_dir`; return a summary.

    Documents are read lazily and written as they come back, in corpus order, so the files are identical whatever
    the number of jobs; only the columns the corpus-level entity_counts table needs are kept until the end.
    """
    started = time.perf_counter()
    files = corpus.corpus_files(corpus_dir)
    docs = lazy_documents(corpus_dir, max_bytes=max_bytes, limit=limit)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, len(files) if limit is None else min(limit, len(files))))
    expected = len(files) if not any(p.suffix.lower() in corpus.TABLE_SUFFIXES for p in files) else None
    if limit is not None and expected is not None:
        expected = min(expected, limit)
    show = (expected is None or expected > PROGRESS_MIN_DOCS) if progress is None else progress
    summary = RunSummary(out_dir=Path(out_dir), stage_seconds={k: 0.0 for k in STAGES})
    results = iter_prepared(docs, jobs=jobs, fmt=fmt, overrides=entities.read_overrides(corpus_dir))
    if show:
        from .progress import progress as progress_bar

        results = progress_bar(results, total=expected, desc="analysing", unit="document")
    doc_rows = []
    entity_keys = []  # for the corpus-level entity_counts table
    with tables.TableWriter(out_dir, fmt=fmt) as writer:
        for doc, prepared, seconds in results:
            row = document_row(doc, prepared)
            doc_rows.append(row)
            summary.statuses[row["status"]] = summary.statuses.get(row["status"], 0) + 1
            if row["status"] == "skipped":
                summary.note_skipped(doc)
            summary.n_tokens += row["n_tokens"]
            for k, v in seconds.items():
                summary.stage_seconds[k] += v
            for name in PER_DOCUMENT_TABLES + ("actors",):
                writer.write(name, prepared[name])
            if len(prepared["_entity_keys"]):
                entity_keys.append(prepared["_entity_keys"])
                if len(entity_keys) >= 1000:  # one compact frame instead of thousands of small ones
                    entity_keys = [pd.concat(entity_keys, ignore_index=True)]
            if len(doc_rows) >= DOCUMENT_BATCH_ROWS:
                writer.write("documents", pd.DataFrame(doc_rows))
                doc_rows = []
        writer.write("documents", pd.DataFrame(doc_rows) if doc_rows else tables.empty("documents"))
        for name in ("documents",) + PER_DOCUMENT_TABLES + ("actors",):
            writer.write(name, tables.empty(name))  # every table has a file, even when no document gave rows
        keys = pd.concat(entity_keys, ignore_index=True) if entity_keys else tables.empty("mentions")
        writer.write("entity_counts", entities.count_entities(keys))
        summary.files = writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------- cache for notebooks
def corpus_fingerprint(corpus_dir: str | Path) -> str:
    """Return a hash of the corpus files' names and contents and of the helpers' code (changes invalidate caches)."""
    h = hashlib.sha1()
    root = Path(corpus_dir)
    base = root.parent if root.is_file() else root
    for p in corpus.corpus_files(root) + sorted(base / name for name in corpus.CONFIG_FILES if (base / name).is_file()):
        h.update(p.relative_to(base).as_posix().encode())
        h.update(hashlib.sha1(p.read_bytes()).digest())
    for p in sorted(paths.PACKAGE_DIR.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".csv", ".json", ".txt", ".tsv"):
            h.update(p.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def cache_dir(corpus_dir: str | Path) -> Path:
    """Return the cache folder for a corpus and the current code."""
    return paths.CACHE_DIR / f"{paths.corpus_name(corpus_dir)}-{corpus_fingerprint(corpus_dir)}"


def load_tables(corpus_dir: str | Path, names: Iterable[str] = ALL_TABLES, *, jobs: int | None = None,
                progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """Return the named tables of a corpus, built through the pipeline unless a cache from the same corpus and code exists."""
    folder = cache_dir(corpus_dir)
    marker = folder / "complete.json"
    if not marker.exists():
        summary = run_corpus(corpus_dir, folder, fmt="parquet", jobs=jobs, progress=progress)
        marker.write_text(json.dumps({"statuses": summary.statuses}, sort_keys=True))
    return {name: tables.read_table(folder, name) for name in names}


def save_tables(frames: dict[str, pd.DataFrame], corpus_dir: str | Path, *, fmt: str = "csv") -> list[str]:
    """Save tables under output/tables/<corpus>/ and return their paths as usable from the working directory."""
    out = paths.TABLES_DIR / paths.corpus_name(corpus_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        p = out / f"{name}.{fmt}"
        if fmt == "csv":
            df.to_csv(p, index=False)
        else:
            df.to_parquet(p, index=False)
        written.append(paths.user_path(p))
    return written


# ---------------------------------------------------------------- CLI
def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of the pipeline."""
    p = argparse.ArgumentParser(prog="python -m helpers.pipeline",
                                description="Analyse a corpus of news articles and write one file per table.")
    p.add_argument("corpus", help="a folder of .txt/.csv/.jsonl articles (searched recursively) or one such file")
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="table file format (default parquet)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--limit", type=int, default=None, help="analyse only the first N documents")
    p.add_argument("--max-bytes", type=int, default=corpus.DEFAULT_MAX_BYTES, help="articles larger than this many bytes are reported as too_large, not analysed "
                        f"(default {corpus.DEFAULT_MAX_BYTES:,})")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster writing partitioned Parquet (helpers.dask_engine)")
    p.add_argument("--scheduler", default=None,
                   help="with --engine dask: the scheduler address (default: a local cluster of --jobs workers)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the pipeline command; exit 0 unless nothing could be processed or the arguments are wrong."""
    args = build_parser().parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.engine == "dask" and args.format != "parquet":
        print("error: --engine dask writes partitioned Parquet only", file=sys.stderr)
        return 2
    try:
        entities.read_overrides(args.corpus)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        if args.engine == "dask":
            from .dask_engine import run_dask

            summary = run_dask(args.corpus, args.out, scheduler=args.scheduler, jobs=args.jobs,
                               max_bytes=args.max_bytes, limit=args.limit)
        else:
            summary = run_corpus(args.corpus, args.out, fmt=args.format, jobs=args.jobs,
                                 progress=False if args.no_progress else None, max_bytes=args.max_bytes,
                                 limit=args.limit)
    except resources.MissingNLTKData as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary.line())
    if summary.n_ok == 0:
        print(f"error: {nothing_analysed_message(args.corpus, args.out)}", file=sys.stderr)
        return 1
    return 0


def nothing_analysed_message(corpus_dir: str | Path, out_dir: str | Path) -> str:
    """Return why a run analysed nothing: no article files, only files of kinds the pipeline does not read, or bad articles."""
    files = corpus.corpus_files(corpus_dir)
    where = paths.user_path(corpus_dir)
    if not files:
        return (f"no article files in {where} (README, LICENSE, *.md, entity_overrides.csv and gold/ folders are "
                "documentation, not articles); the pipeline reads .txt, .csv and .jsonl files")
    unreadable = [p for p in files if not corpus.is_readable_suffix(p)]
    if len(unreadable) == len(files):
        return (f"no readable article in {where}: it holds {corpus.describe_files(files)} "
                "and the pipeline reads only .txt articles and .csv/.jsonl tables with a 'text' column "
                "(save the articles as plain text)")
    table = Path(out_dir) / "documents"
    return (f"no document could be analysed; the status and error of each input are in "
            f"{paths.user_path(table)}.* (the documents table)")


if __name__ == "__main__":
    raise SystemExit(main())
