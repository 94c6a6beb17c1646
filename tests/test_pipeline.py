"""The pipeline command: tables with the documented columns, exit codes, bad documents reported."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths, pipeline, tables, text


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_pipeline_on_seeds(tmp_path, fmt, capsys):
    assert pipeline.main([str(paths.SEEDS_DIR), "--out", str(tmp_path), "--format", fmt]) == 0
    assert "1 document ok, 0 failed" in capsys.readouterr().out
    for name in pipeline.ALL_TABLES:
        df = tables.read_table(tmp_path, name)
        assert list(df.columns) == list(tables.SCHEMAS[name]), name
    docs = tables.read_table(tmp_path, "documents")
    assert docs.doc_id.tolist() == ["000_6314efe423f439f1.txt"]
    assert docs.n_paragraphs.tolist() == [17]
    sents = tables.read_table(tmp_path, "sentences")
    raw = (paths.SEEDS_DIR / "000_6314efe423f439f1.txt").read_text(encoding="utf-8")
    assert all(raw[s:e] == t for s, e, t in zip(sents.start, sents.end, sents.text))


def test_bad_documents_do_not_stop_the_run(tmp_path, capsys):
    corpus_dir = tmp_path / "in"
    corpus_dir.mkdir()
    (corpus_dir / "good.txt").write_text("date 2020-01-01\nTitle here\n\nThe mayor said the bridge will open.", encoding="utf-8")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert pipeline.main([str(corpus_dir), "--out", str(tmp_path / "out"), "--format", "csv", "--jobs", "1"]) == 0
    assert "1 document ok, 2 failed" in capsys.readouterr().out
    docs = tables.read_table(tmp_path / "out", "documents").set_index("doc_id")
    assert docs.loc["empty.txt", "status"] == "empty" and docs.loc["bin.txt", "status"] == "binary"


def test_analysis_error_becomes_failed_row(monkeypatch, tmp_path):
    corpus_dir = tmp_path / "in"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text("Alpha text. It is fine.", encoding="utf-8")
    (corpus_dir / "b.txt").write_text("Beta text. It breaks.", encoding="utf-8")
    real = text.segment

    def flaky(raw, **kw):
        if "Beta" in raw:
            raise ValueError("boom")
        return real(raw, **kw)

    monkeypatch.setattr(text, "segment", flaky)
    summary = pipeline.run_corpus(corpus_dir, tmp_path / "out", fmt="csv", jobs=1)
    docs = tables.read_table(tmp_path / "out", "documents").set_index("doc_id")
    assert docs.loc["b.txt", "status"] == "failed" and "ValueError: boom" in docs.loc["b.txt", "error"]
    assert docs.loc["a.txt", "status"] == "ok" and summary.n_ok == 1


@pytest.mark.parametrize(
    "args, code",
    [
        (["/nonexistent/corpus"], 2),
        (["{seeds}", "--jobs", "0"], 2),
    ],
)
def test_bad_arguments(tmp_path, args, code):
    args = [a.format(seeds=paths.SEEDS_DIR) for a in args] + ["--out", str(tmp_path)]
    assert pipeline.main(args) == code


def test_nothing_processable_exits_nonzero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert pipeline.main([str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 1


def test_load_tables_builds_then_reuses_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE_DIR", tmp_path / "cache")
    first = pipeline.load_tables(paths.SEEDS_DIR, ["documents", "sentences"])
    calls = []
    monkeypatch.setattr(pipeline, "run_corpus", lambda *a, **k: calls.append(1))
    second = pipeline.load_tables(paths.SEEDS_DIR, ["documents", "sentences"])
    assert calls == []  # built once, then read from the cache
    pd.testing.assert_frame_equal(first["sentences"], second["sentences"])


def _override_corpus(tmp_path, overrides: str):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2020-01-01\nTitle\n\nMaria Lopez met officials in Paris on Monday. "
                               "Lopez said the Acme Group would open an office in Paris.", encoding="utf-8")
    (src / "entity_overrides.csv").write_text(overrides, encoding="utf-8")
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_entity_overrides_are_applied(tmp_path, jobs):
    src = _override_corpus(tmp_path, "surface,label,canonical\nParis,GPE,Paris (France)\nAcme Group,DROP,\n")
    summary = pipeline.run_corpus(src, tmp_path / "out", fmt="csv", jobs=jobs, progress=False)
    assert summary.statuses == {"ok": 1}  # the override file is configuration, not an article
    mentions = tables.read_table(tmp_path / "out", "mentions")
    assert set(mentions[mentions.text == "Paris"].canonical) == {"Paris (France)"}
    assert "Acme Group" not in set(mentions.text)
    counts = tables.read_table(tmp_path / "out", "entity_counts")
    assert "Paris (France)" in set(counts.canonical)


def test_bad_override_file_is_an_argument_error(tmp_path, capsys):
    src = _override_corpus(tmp_path, "name,canonical\nParis,Paris (France)\n")
    assert pipeline.main([str(src), "--out", str(tmp_path / "out")]) == 2
    assert "surface" in capsys.readouterr().err
