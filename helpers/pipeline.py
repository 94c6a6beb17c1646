"""The pipeline: `analyse_document` (all per-document work), the corpus runner, the table cache and the CLI.

    python -m helpers.pipeline CORPUS_DIR --out OUT_DIR [--format parquet|csv] [--jobs N]

writes one file per table (see `helpers.tables.SCHEMAS` for the columns).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import corpus, entities, paths, quotes, resources, tables, text

PER_DOCUMENT_TABLES = ("paragraphs", "sentences", "tokens", "mentions", "quotes", "speakers", "speaker_mentions")
CORPUS_TABLES: tuple[str, ...] = ("entity_counts", "actors")
ALL_TABLES = ("documents",) + PER_DOCUMENT_TABLES + CORPUS_TABLES
PROGRESS_MIN_DOCS = 5


def analyse_document(doc: corpus.Document) -> dict[str, pd.DataFrame]:
    """Analyse one document and return its per-document tables (empty tables for documents that are not analysable)."""
    if not doc.analysable:
        return {name: tables.empty(name) for name in PER_DOCUMENT_TABLES}
    seg = text.segment(doc.text, doc_id=doc.doc_id, body_start=doc.body_start,
                       title_span=(doc.title_start, doc.title_end))
    mentions = entities.find_mentions(doc, seg)
    return {"paragraphs": seg.paragraphs, "sentences": seg.sentences, "tokens": seg.tokens, "mentions": mentions,
            **quotes.analyse_quotes(doc, seg, mentions)}


def _safe_analyse(doc: corpus.Document) -> tuple[corpus.Document, dict[str, pd.DataFrame]]:
    """Run `analyse_document`, turning any exception into a `failed` status on the document row."""
    try:
        result = analyse_document(doc)
    except resources.MissingNLTKData:
        raise
    except Exception as err:  # one bad article never stops a corpus run
        doc.status, doc.error = "failed", f"analysis failed: {type(err).__name__}: {err}"
        result = {name: tables.empty(name) for name in PER_DOCUMENT_TABLES}
    return doc, result


def iter_analysed(docs: Iterable[corpus.Document], *, jobs: int = 1, chunksize: int = 4
                  ) -> Iterator[tuple[corpus.Document, dict[str, pd.DataFrame]]]:
    """Yield (document, tables) for every document in corpus order, in one process or a pool of `jobs`."""
    if jobs <= 1:
        for doc in docs:
            yield _safe_analyse(doc)
        return
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_safe_analyse, docs, chunksize=chunksize)


@dataclass
class RunSummary:
    """What a corpus run did: counts per status, time, and where the tables went."""

    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    out_dir: Path | None = None
    files: list[Path] = field(default_factory=list)

    @property
    def n_ok(self) -> int:
        """Documents analysed."""
        return sum(v for k, v in self.statuses.items() if k in corpus.ANALYSABLE)

    @property
    def n_failed(self) -> int:
        """Documents that could not be read or analysed (duplicates and skipped tables are counted apart)."""
        return sum(v for k, v in self.statuses.items() if k not in corpus.ANALYSABLE | {"duplicate", "skipped"})

    def line(self) -> str:
        """Return the one-line summary printed at the end of a run."""
        other = {k: v for k, v in sorted(self.statuses.items()) if k != "ok"}
        detail = f" ({', '.join(f'{v} {k}' for k, v in other.items())})" if other else ""
        where = f" -> {paths.display_path(self.out_dir)}" if self.out_dir else ""
        return (f"{self.n_ok} documents ok, {self.n_failed} failed{detail} "
                f"in {self.seconds:.1f} s{where}")


def default_jobs() -> int:
    """Return the default number of worker processes (all cores)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_corpus(corpus_dir: str | Path, out_dir: str | Path, *, fmt: str = "parquet", jobs: int | None = None,
               progress: bool | None = None, max_bytes: int = corpus.DEFAULT_MAX_BYTES,
               limit: int | None = None) -> RunSummary:
    """Analyse every document of a corpus and stream all tables to `out_dir`; return a summary."""
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", corpus.CorpusWarning)  # reported in the documents table and summary
        docs = list(corpus.iter_documents(corpus_dir, max_bytes=max_bytes, warn=False))
    if limit is not None:
        docs = docs[:limit]
    if any(d.analysable for d in docs):
        resources.ensure_nltk_data(download=True)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, sum(d.analysable for d in docs)))
    show = len(docs) > PROGRESS_MIN_DOCS if progress is None else progress
    summary = RunSummary(out_dir=Path(out_dir))
    results = iter_analysed(docs, jobs=jobs)
    if show:
        from tqdm.auto import tqdm

        results = tqdm(results, total=len(docs), desc="analysing", unit="doc")
    doc_rows = []
    all_mentions = []  # for the corpus-level entity tables
    with tables.TableWriter(out_dir, fmt=fmt) as writer:
        for name in PER_DOCUMENT_TABLES:
            writer.write(name, tables.empty(name))
        for doc, result in results:
            row = doc.to_row()
            row.update(n_paragraphs=len(result["paragraphs"]), n_sentences=len(result["sentences"]),
                       n_tokens=len(result["tokens"]))
            doc_rows.append(row)
            for name in PER_DOCUMENT_TABLES:
                if len(result[name]):
                    writer.write(name, result[name])
            if len(result["mentions"]):
                all_mentions.append(result["mentions"].drop(columns=["sentence_id"]))
        writer.write("documents", pd.DataFrame(doc_rows))
        mentions = pd.concat(all_mentions, ignore_index=True) if all_mentions else tables.empty("mentions")
        writer.write("entity_counts", entities.count_entities(mentions))
        writer.write("actors", entities.fold_actors(mentions))
        summary.files = writer.close()
    for r in doc_rows:
        summary.statuses[r["status"]] = summary.statuses.get(r["status"], 0) + 1
    summary.seconds = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------- cache for notebooks
def corpus_fingerprint(corpus_dir: str | Path) -> str:
    """Return a hash of the corpus files' names and contents and of the helpers' code (changes invalidate caches)."""
    h = hashlib.sha1()
    root = Path(corpus_dir)
    base = root.parent if root.is_file() else root
    for p in corpus.corpus_files(root):
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
    """Save tables under output/tables/<corpus>/ and return their project-relative paths."""
    out = paths.TABLES_DIR / paths.corpus_name(corpus_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        p = out / f"{name}.{fmt}"
        if fmt == "csv":
            df.to_csv(p, index=False)
        else:
            df.to_parquet(p, index=False)
        written.append(paths.display_path(p))
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
    p.add_argument("--max-bytes", type=int, default=corpus.DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
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
    try:
        summary = run_corpus(args.corpus, args.out, fmt=args.format, jobs=args.jobs,
                             progress=False if args.no_progress else None, max_bytes=args.max_bytes, limit=args.limit)
    except resources.MissingNLTKData as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary.line())
    if summary.n_ok == 0:
        print("error: no document could be analysed (see the documents table for the reasons)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
