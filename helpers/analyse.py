"""The unit of work: `analyse_document` (all per-document work), batches of documents for a worker, stage timing,
and what a corpus run reports. helpers.pipeline (local processes) and helpers.dask_engine (a Dask cluster) both
run `analyse_batch` from here, so the engine does not import the pipeline that starts it.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import corpus, entities, gender, paths, quotes, resources, tables, text

PER_DOCUMENT_TABLES = ("paragraphs", "sentences", "tokens", "mentions", "quotes", "speakers", "speaker_mentions")
STAGES = ("segmentation", "tagging", "entities", "quotes")
_STAGE_SECONDS: dict[str, float] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the wall time of the block to this process's total for stage `name` (see `stage_seconds`)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        _STAGE_SECONDS[name] = _STAGE_SECONDS.get(name, 0.0) + time.perf_counter() - started


def stage_seconds() -> dict[str, float]:
    """Return this process's seconds spent so far in each stage of `analyse_document` (tagging apart from segmentation)."""
    tagging = text.STAGE_SECONDS["tagging"]
    out = {name: _STAGE_SECONDS.get(name, 0.0) for name in STAGES}
    out["segmentation"] -= tagging
    out["tagging"] = tagging
    return out


def analyse_document(doc: corpus.Document, *, overrides: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Analyse one document and return its per-document tables (empty tables for documents that are not analysable).

    `overrides` is a researcher's entity override table (`entities.read_overrides`), applied to the mentions
    before quotes use them for speaker names.
    """
    if not doc.analysable:
        return {name: tables.empty(name) for name in PER_DOCUMENT_TABLES}
    with stage("segmentation"):  # includes POS tagging, which text.py times apart
        seg = text.segment(doc.text, doc_id=doc.doc_id, body_start=doc.body_start,
                           title_span=(doc.title_start, doc.title_end))
    with stage("entities"):
        mentions = entities.apply_overrides(entities.find_mentions(doc, seg), overrides)
    with stage("quotes"):
        quote_tables = quotes.analyse_quotes(doc, seg, mentions)
        quote_tables["speakers"] = gender.add_gender(quote_tables["speakers"], quotes=quote_tables["quotes"],
                                                     mentions=mentions, text=doc.text)
    return {"paragraphs": seg.paragraphs, "sentences": seg.sentences, "tokens": seg.tokens, "mentions": mentions,
            **quote_tables}


def safe_analyse(doc: corpus.Document, overrides: pd.DataFrame | None = None
                  ) -> tuple[corpus.Document, dict[str, pd.DataFrame]]:
    """Run `analyse_document`, turning any exception into a `failed` status on the document row."""
    try:
        result = analyse_document(doc, overrides=overrides)
    except resources.MissingNLTKData:
        raise
    except Exception as err:  # one bad article never stops a corpus run
        doc = replace(doc, status="failed", error=f"analysis failed: {type(err).__name__}: {err}")
        result = {name: tables.empty(name) for name in PER_DOCUMENT_TABLES}
    return doc, result


# corpus-level tables are built from these columns of the mentions (the rest of each document's tables is streamed)
ENTITY_KEY_COLUMNS = ["doc_id", "start", "label", "canonical"]


def prepare(doc: corpus.Document, result: dict[str, pd.DataFrame], fmt: str) -> dict:
    """Return a document's tables ready for the writer (conformed; Arrow for Parquet) plus its corpus-level parts."""
    out = {name: result[name] for name in PER_DOCUMENT_TABLES}
    mentions = result["mentions"]
    out["actors"] = entities.fold_actors(mentions)  # one row per mention, folded row by row: streamable
    out["_entity_keys"] = mentions[ENTITY_KEY_COLUMNS].reset_index(drop=True)
    for name in PER_DOCUMENT_TABLES + ("actors",):
        out[name] = tables.to_arrow(out[name], name) if fmt == "parquet" else tables.conform(out[name], name)
    return out


def analyse_batch(docs: list[corpus.Document], fmt: str = "parquet", overrides: pd.DataFrame | None = None
                  ) -> list[tuple[corpus.Document, dict, dict]]:
    """Analyse documents (in a worker process) and return (document, writer-ready tables, stage seconds) for each."""
    out = []
    for doc in docs:
        before = stage_seconds()
        doc, result = safe_analyse(doc, overrides)
        after = stage_seconds()
        out.append((doc, prepare(doc, result, fmt), {k: after[k] - before[k] for k in STAGES}))
    return out


def batches(docs: Iterable[corpus.Document], size: int) -> Iterator[list[corpus.Document]]:
    """Yield consecutive lists of `size` documents."""
    batch: list[corpus.Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


FAILED_STATUSES = ("binary", "empty", "too_large", "unreadable", "failed")  # read or analysis failed: no tables
STATUS_WORDS = {"failed": "analysis error"}  # how a status reads inside the summary's "failed (...)"
NOTED_STATUSES = ("recoded", "bad_date", "duplicate", "skipped")  # counted apart, after "ok" and "failed"


@dataclass
class RunSummary:
    """What a corpus run did: counts per status, time, and where the tables went."""

    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # summed over documents (CPU-side, all workers)
    n_tokens: int = 0
    out_dir: Path | None = None
    files: list[Path] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why inputs were skipped: file suffix, or "no text column"

    @property
    def n_ok(self) -> int:
        """Documents analysed (status ok, recoded or bad_date)."""
        return sum(v for k, v in self.statuses.items() if k in corpus.ANALYSABLE)

    @property
    def n_failed(self) -> int:
        """Documents that could not be read or analysed (duplicates and skipped inputs are counted apart)."""
        return sum(v for k, v in self.statuses.items() if k not in corpus.ANALYSABLE | {"duplicate", "skipped"})

    def note_skipped(self, doc: corpus.Document) -> None:
        """Count a skipped input under its reason (the file's suffix, or a table without a text column)."""
        reason = "no text column" if corpus.is_readable_suffix(doc.doc_id.split("#")[0]) else (
            Path(doc.doc_id).suffix.lower() or "no suffix")
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def line(self) -> str:
        """Return the one-line summary printed at the end of a run: every count names what it counts.

        e.g. `8 ok, 2 failed (binary, empty), 1 recoded, 1 skipped (.docx) in 1.2 s -> output/run`.
        """
        def detail(counts: dict[str, int]) -> str:
            items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            plain = all(n == 1 for _, n in items)
            return " (" + ", ".join(k if plain else f"{n} {k}" for k, n in items) + ")" if items else ""

        failed = {STATUS_WORDS.get(k, k): v for k, v in self.statuses.items() if k not in corpus.ANALYSABLE
                  and k not in NOTED_STATUSES and v}
        parts = [f"{self.statuses.get('ok', 0)} ok", f"{self.n_failed} failed{detail(failed)}"]
        for status in NOTED_STATUSES:
            n = self.statuses.get(status, 0)
            if n:
                parts.append(f"{n} {status}" + (detail(self.skipped) if status == "skipped" else ""))
        where = f" -> {paths.user_path(self.out_dir)}" if self.out_dir else ""
        return f"{', '.join(parts)} in {self.seconds:.1f} s{where}"


def default_jobs() -> int:
    """Return the default number of worker processes (all cores)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def document_row(doc: corpus.Document, prepared: dict) -> dict:
    """Return a document's row of the documents table: its fields and the sizes of its analysed tables."""
    row = doc.to_row()
    row.update(n_paragraphs=len(prepared["paragraphs"]), n_sentences=len(prepared["sentences"]),
               n_tokens=len(prepared["tokens"]))
    return row


def lazy_documents(corpus_dir: str | Path, *, max_bytes: int, limit: int | None) -> Iterator[corpus.Document]:
    """Yield the corpus's documents one at a time (checking NLTK data before the first analysable one)."""
    checked = False
    # warn=False: problems are reported in the documents table and the summary, not as warnings
    for n, doc in enumerate(corpus.iter_documents(corpus_dir, max_bytes=max_bytes, warn=False)):
        if limit is not None and n >= limit:
            return
        if doc.analysable and not checked:
            resources.ensure_nltk_data(download=True)
            checked = True
        yield doc
