"""The pipeline command: tables with the documented columns, exit codes, bad documents reported."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths, pipeline, tables, text


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_pipeline_on_seeds(tmp_path, fmt, capsys):
    articles = sorted(p.relative_to(paths.SEEDS_DIR).as_posix() for p in paths.SEEDS_DIR.rglob("*.txt"))
    assert len(articles) > 40 and "000_6314efe423f439f1.txt" in articles  # the seed and the shipped Wikinews corpus
    assert pipeline.main([str(paths.SEEDS_DIR), "--out", str(tmp_path), "--format", fmt]) == 0
    assert f"{len(articles)} ok, 0 failed in " in capsys.readouterr().out
    for name in pipeline.ALL_TABLES:
        df = tables.read_table(tmp_path, name)
        assert list(df.columns) == list(tables.SCHEMAS[name]), name
    docs = tables.read_table(tmp_path, "documents")
    assert docs.doc_id.tolist() == articles  # README and gold files are documentation, not articles
    assert (docs.status == "ok").all()
    assert docs.set_index("doc_id").loc["000_6314efe423f439f1.txt", "n_paragraphs"] == 17
    sents = tables.read_table(tmp_path, "sentences")
    for doc_id, g in sents.groupby("doc_id"):
        raw = (paths.SEEDS_DIR / doc_id).read_text(encoding="utf-8")
        assert all(raw[s:e] == t for s, e, t in zip(g.start, g.end, g.text)), doc_id


def test_bad_documents_do_not_stop_the_run(tmp_path, capsys):
    corpus_dir = tmp_path / "in"
    corpus_dir.mkdir()
    (corpus_dir / "good.txt").write_text("date 2020-01-01\nTitle here\n\nThe mayor said the bridge will open.", encoding="utf-8")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert pipeline.main([str(corpus_dir), "--out", str(tmp_path / "out"), "--format", "csv", "--jobs", "1"]) == 0
    assert "1 ok, 2 failed (binary, empty) in " in capsys.readouterr().out
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


# ---------------------------------------------------------------- messages that say what happened
def _corpus(tmp_path, files: dict[str, bytes | str]):
    root = tmp_path / "in"
    for name, data in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


GOOD = "date 2020-01-01\nBridge opens\n\nThe mayor said the bridge will open."


@pytest.mark.parametrize("files, expected", [
    ({"a.txt": GOOD}, "1 ok, 0 failed in "),
    ({"a.txt": GOOD, "b.txt": b"", "c.txt": b"\x00\x01" * 50},
     "1 ok, 2 failed (binary, empty) in "),
    ({"a.txt": GOOD, "b.txt": b"", "c.txt": b"", "d.txt": b"\x00\x01" * 50},
     "1 ok, 3 failed (2 empty, 1 binary) in "),
    ({"a.txt": GOOD, "b.txt": "Caf\xe9 owners said prices rose.".encode("latin-1"), "c.docx": b"PK\x03\x04",
      "d.html": "<p>x</p>", "README.md": "about", "gold/a.json": "{}"},
     "1 ok, 0 failed, 1 recoded, 2 skipped (.docx, .html) in "),
    ({"a.txt": GOOD, "b.txt": GOOD.replace("2020-01-01", "2020-02-30").replace("mayor", "governor"), "c.txt": GOOD, "t.csv": "title\nx\n"},
     "1 ok, 0 failed, 1 bad_date, 1 duplicate, 1 skipped (no text column) in "),
])
def test_summary_line_counts_what_it_names(tmp_path, capsys, files, expected):
    root = _corpus(tmp_path, files)
    assert pipeline.main([str(root), "--out", str(tmp_path / "out"), "--format", "csv", "--jobs", "1"]) == 0
    assert expected in capsys.readouterr().out
    docs = tables.read_table(tmp_path / "out", "documents")
    assert len(docs) == len([f for f in files if not f.startswith(("README", "gold/"))])  # one row per input


def test_summary_path_is_usable_from_the_working_directory(tmp_path, capsys, monkeypatch):
    root = _corpus(tmp_path, {"a.txt": GOOD})
    monkeypatch.chdir(tmp_path)
    assert pipeline.main([str(root), "--out", "run/tables", "--format", "csv"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("-> run/tables")
    monkeypatch.chdir(root)  # the output folder is outside the working directory (and not in its parent)
    out = tmp_path / "x" / "y" / "out"
    assert pipeline.main([str(root), "--out", str(out), "--format", "csv"]) == 0
    line = capsys.readouterr().out.rstrip()
    assert line.endswith(f"-> {out.resolve()}") or line.endswith("-> ../x/y/out")


@pytest.mark.parametrize("files, message", [
    ({"a.docx": b"PK\x03\x04", "b.docx": b"PK\x03\x04", "c.html": "<p>x</p>", "README.md": "about"},
     "no readable article in {root}: it holds 2 .docx, 1 .html and the pipeline reads only .txt"),
    ({"README.md": "about", "gold/a.json": "{}"}, "no article files in {root}"),
    ({"a.txt": b"", "b.txt": b"\x00\x01" * 50}, "no document could be analysed; the status and error of each input"),
])
def test_nothing_analysed_says_what_was_found(tmp_path, capsys, files, message):
    root = _corpus(tmp_path, files)
    assert pipeline.main([str(root), "--out", str(tmp_path / "out"), "--format", "csv", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert message.format(root=paths.user_path(root)) in err
    if "docx" in message:
        docs = tables.read_table(tmp_path / "out", "documents")
        assert docs.status.tolist() == ["skipped"] * 3 and docs.error.str.contains("files are not read").all()


def test_user_path(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert paths.user_path(tmp_path / "a" / "b" / "f.png", cwd=tmp_path / "a") == "b/f.png"
    assert paths.user_path(tmp_path / "out" / "f.png", cwd=tmp_path / "a") == "../out/f.png"  # notebooks/ -> ../output
    assert paths.user_path(tmp_path / "a", cwd=tmp_path / "a") == "."
    assert paths.user_path("/", cwd=tmp_path / "a" / "b") == "/"
