"""The pipeline at scale: identical tables whatever the number of jobs, worker deaths, bad corpora, the Dask engine."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from helpers import analyse, corpus, pipeline, tables
from conftest import SEED

N_VARIANTS = 6


def _small_corpus(root: Path) -> Path:
    """Write a small corpus: variations of the seed article (so none is a duplicate) and two short articles."""
    root.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    paras = seed.split("\n\n")
    for k in range(N_VARIANTS):
        body = "\n\n".join(paras[: len(paras) - k])
        (root / f"seed_{k}.txt").write_text(body + f"\n\nThis is variant {k}; officials said \u201cnothing changed.\u201d\n",
                                            encoding="utf-8")
    (root / "short.txt").write_text('date 2021-03-04\nBridge opens\n\nThe mayor of Springfield, John Smith, said: '
                                    '"The bridge will open on Monday." Residents welcomed the news.', encoding="utf-8")
    (root / "nested" / "tiny.txt").parent.mkdir(exist_ok=True)
    (root / "nested" / "tiny.txt").write_text("Police in Paris said two people were arrested.", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    return _small_corpus(tmp_path_factory.mktemp("small") / "corpus")


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_jobs_give_identical_files(small_corpus, tmp_path, fmt):
    one = pipeline.run_corpus(small_corpus, tmp_path / "j1", fmt=fmt, jobs=1, progress=False)
    two = pipeline.run_corpus(small_corpus, tmp_path / "j2", fmt=fmt, jobs=2, progress=False)
    assert one.statuses == two.statuses == {"ok": N_VARIANTS + 2}
    names = sorted(p.name for p in (tmp_path / "j1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "j2").iterdir())
    assert len(names) == len(pipeline.ALL_TABLES)
    for name in names:  # byte for byte
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name
    tokens = tables.read_table(tmp_path / "j1", "tokens")
    assert tokens.doc_id.unique().tolist() == tables.read_table(tmp_path / "j1", "documents").doc_id.tolist()


def test_small_row_groups_give_the_same_table(small_corpus, tmp_path, monkeypatch):
    pipeline.run_corpus(small_corpus, tmp_path / "big", jobs=1, progress=False)
    monkeypatch.setattr(tables, "ROW_GROUP_ROWS", 7)
    pipeline.run_corpus(small_corpus, tmp_path / "small", jobs=2, progress=False)
    for name in pipeline.ALL_TABLES:
        pd.testing.assert_frame_equal(tables.read_table(tmp_path / "big", name), tables.read_table(tmp_path / "small", name))


def test_dead_worker_fails_only_its_document(small_corpus, tmp_path, monkeypatch):
    real = analyse.analyse_document

    def crash_on_short(doc, **options):
        if doc.doc_id == "short.txt" and os.getpid() != parent:
            os._exit(3)  # a worker killed mid-document (out of memory, segfault)
        return real(doc, **options)

    parent = os.getpid()
    monkeypatch.setattr(analyse, "analyse_document", crash_on_short)
    summary = pipeline.run_corpus(small_corpus, tmp_path / "out", jobs=2, progress=False)
    docs = tables.read_table(tmp_path / "out", "documents").set_index("doc_id")
    assert docs.loc["short.txt", "status"] == "failed" and "worker process died" in docs.loc["short.txt", "error"]
    assert summary.n_ok == N_VARIANTS + 1
    assert (docs.drop(index="short.txt").status == "ok").all()


BIG_BYTES = 5_000_000


def _bad_corpus(root: Path) -> Path:
    """Good articles mixed with a binary file, an empty file, a Latin-1 file and a 5 MB file."""
    _small_corpus(root)
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "empty.txt").write_bytes(b"")
    (root / "latin1.txt").write_bytes("Le ministre a d\u00e9clar\u00e9 que la r\u00e9forme \u00e9tait "
                                      "n\u00e9cessaire. Caf\u00e9 cr\u00e8me.".encode("latin-1"))
    # a 5 MB file, above the 2 MB default limit for one article: reported as too_large, not analysed
    head = "Officials in Lyon said the vote was postponed. The council will meet again.\n\n"
    (root / "big.txt").write_text(head * (BIG_BYTES // len(head) + 1), encoding="utf-8")
    return root


def test_bad_corpus_every_file_reported(tmp_path):
    src = _bad_corpus(tmp_path / "in")
    assert (src / "big.txt").stat().st_size >= BIG_BYTES - 2
    summary = pipeline.run_corpus(src, tmp_path / "out", jobs=2, progress=False)
    docs = tables.read_table(tmp_path / "out", "documents").set_index("doc_id")
    expected = {"binary.txt": "binary", "empty.txt": "empty", "latin1.txt": "recoded", "big.txt": "too_large"}
    for doc_id, status in expected.items():
        assert docs.loc[doc_id, "status"] == status, doc_id
    for doc_id in ("binary.txt", "empty.txt", "latin1.txt", "big.txt"):
        assert docs.loc[doc_id, "error"], doc_id  # a readable reason for every bad file
    good = [d for d in docs.index if d not in expected]
    assert len(good) == N_VARIANTS + 2 and (docs.loc[good, "status"] == "ok").all()
    analysed = good + ["latin1.txt"]
    assert (docs.loc[analysed, "n_tokens"] > 0).all()
    assert (docs.loc[["binary.txt", "empty.txt", "big.txt"], "n_tokens"] == 0).all()
    assert "--max-bytes" in docs.loc["big.txt", "error"]
    assert summary.n_failed == 3
    raw = corpus.decode_text((src / "latin1.txt").read_bytes())[0]
    toks = tables.read_table(tmp_path / "out", "tokens")
    lat = toks[toks.doc_id == "latin1.txt"]
    assert all(raw[s:e] == t for s, e, t in zip(lat.start, lat.end, lat.text))


def test_too_large_is_reported_not_analysed(tmp_path):
    src = _bad_corpus(tmp_path / "in")
    pipeline.run_corpus(src, tmp_path / "out", jobs=1, progress=False, max_bytes=1_000_000)
    docs = tables.read_table(tmp_path / "out", "documents").set_index("doc_id")
    assert docs.loc["big.txt", "status"] == "too_large" and "limit" in docs.loc["big.txt", "error"]


def test_dask_engine_matches_local(small_corpus, tmp_path):
    pytest.importorskip("distributed")
    from helpers import dask_engine

    local = pipeline.run_corpus(small_corpus, tmp_path / "local", jobs=1, progress=False)
    dask = dask_engine.run_dask(small_corpus, tmp_path / "dask", jobs=1, processes=False, partition_docs=3)
    assert dask.statuses == local.statuses
    parts = sorted(p.name for p in (tmp_path / "dask" / "tokens.parquet").iterdir())
    assert parts == [f"part.{i:05d}.parquet" for i in range(3)]  # 8 documents in partitions of 3
    for name in pipeline.ALL_TABLES:
        pd.testing.assert_frame_equal(tables.read_table(tmp_path / "local", name),
                                      tables.read_table(tmp_path / "dask", name), obj=name)


def test_dask_cli_rejects_csv(small_corpus, tmp_path):
    assert pipeline.main([str(small_corpus), "--out", str(tmp_path), "--engine", "dask", "--format", "csv"]) == 2
