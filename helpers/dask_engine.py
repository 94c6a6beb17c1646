"""The pipeline on a Dask cluster: the same per-article analysis (`analyse.analyse_batch` -> `analyse_document`),
partitioned Parquet output.

    python -m helpers.pipeline CORPUS --out OUT --engine dask [--scheduler tcp://host:8786] [--jobs N]

Without `--scheduler`, a local `dask.distributed` cluster with `--jobs` single-threaded worker processes is started.
Each task analyses a partition of documents and its worker writes one part file per table,
`OUT/<table>.parquet/part.<N>.parquet` (so the output folder must be shared by the workers of a real cluster);
`pandas.read_parquet(OUT/<table>.parquet)` and `helpers.tables.read_table(OUT, table)` read a table back.
Part numbers follow corpus order, so the tables are the same rows, in the same order, as the local engine's.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import analyse, corpus, entities, tables

PARTITION_DOCS = 100  # documents per task and part file
WINDOW_PER_WORKER = 3  # partitions in flight per worker: bounds the client's memory


def part_path(out_dir: str | Path, name: str, part: int) -> Path:
    """Return the part file of a table."""
    return Path(out_dir) / f"{name}.parquet" / f"part.{part:05d}.parquet"


def _write_part(out_dir: str | Path, name: str, part: int, chunks: list) -> None:
    """Write one part file of a table from Arrow chunks (an empty file with the schema when there are none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = part_path(out_dir, name, part)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.concat_tables(chunks) if chunks else tables.arrow_schema(name).empty_table()
    pq.write_table(table, path)


def analyse_partition(docs: list[corpus.Document], out_dir: str, part: int, overrides: pd.DataFrame | None = None) -> dict:
    """Analyse a partition on a worker, write its part files, and return what the client needs (small)."""
    results = analyse.analyse_batch(docs, "parquet", overrides)
    for name in analyse.PER_DOCUMENT_TABLES + ("actors",):
        _write_part(out_dir, name, part, [prepared[name] for _, prepared, _ in results if len(prepared[name])])
    rows, keys, seconds = [], [], {k: 0.0 for k in analyse.STAGES}
    for doc, prepared, secs in results:
        rows.append(analyse.document_row(doc, prepared))
        if len(prepared["_entity_keys"]):
            keys.append(prepared["_entity_keys"])
        for k, v in secs.items():
            seconds[k] += v
    _write_part(out_dir, "documents", part, [tables.to_arrow(pd.DataFrame(rows), "documents")])
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    return {"statuses": statuses, "n_tokens": sum(r["n_tokens"] for r in rows), "seconds": seconds,
            "entity_keys": pd.concat(keys, ignore_index=True) if keys else None}


def make_client(scheduler: str | None = None, *, jobs: int | None = None, processes: bool = True):
    """Return a distributed Client: connected to `scheduler`, else to a new local cluster of `jobs` workers."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=jobs or analyse.default_jobs(), threads_per_worker=1, processes=processes,
                           dashboard_address=None)
    return Client(cluster)


def run_dask(corpus_dir: str | Path, out_dir: str | Path, *, scheduler: str | None = None, jobs: int | None = None,
             processes: bool = True, max_bytes: int = corpus.DEFAULT_MAX_BYTES, limit: int | None = None,
             partition_docs: int = PARTITION_DOCS) -> analyse.RunSummary:
    """Analyse a corpus on a Dask cluster and write partitioned Parquet tables to `out_dir`; return a summary."""
    from distributed import wait

    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = analyse.RunSummary(out_dir=out_dir, stage_seconds={k: 0.0 for k in analyse.STAGES})
    docs = analyse.lazy_documents(corpus_dir, max_bytes=max_bytes, limit=limit)
    overrides = entities.read_overrides(corpus_dir)
    client = make_client(scheduler, jobs=jobs, processes=processes)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = WINDOW_PER_WORKER * n_workers
        pending, results, n_parts = {}, {}, 0  # future -> part number; part number -> result
        for part, batch in enumerate(analyse.batches(docs, partition_docs)):
            pending[client.submit(analyse_partition, batch, str(out_dir.resolve()), part, overrides, pure=False)] = part
            n_parts = part + 1
            if len(pending) >= window:
                done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
                for f in done:
                    results[pending.pop(f)] = f.result()
        for f, part in pending.items():
            results[part] = f.result()
    finally:
        client.close()
        if not scheduler and getattr(client, "cluster", None) is not None:
            client.cluster.close()
    keys = []
    for part in sorted(results):  # corpus order, as the local engine
        r = results[part]
        for k, v in r["statuses"].items():
            summary.statuses[k] = summary.statuses.get(k, 0) + v
        for k, v in r["seconds"].items():
            summary.stage_seconds[k] += v
        summary.n_tokens += r["n_tokens"]
        if r["entity_keys"] is not None:
            keys.append(r["entity_keys"])
    if n_parts == 0:
        for name in ("documents",) + analyse.PER_DOCUMENT_TABLES + ("actors",):
            _write_part(out_dir, name, 0, [])
    mentions = pd.concat(keys, ignore_index=True) if keys else tables.empty("mentions")
    _write_part(out_dir, "entity_counts", 0, [tables.to_arrow(entities.count_entities(mentions), "entity_counts")])
    summary.files = sorted(out_dir.glob("*.parquet"))
    summary.seconds = time.perf_counter() - started
    return summary
