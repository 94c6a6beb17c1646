"""Loading corpora: header styles, tabular inputs, and every kind of bad input."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from helpers import corpus

SEED_STYLE = " date 2023-11-24 Like Russia's campaign, the war goes on.\n\nSecond paragraph."
WIKINEWS_STYLE = "date 2019-08-29\nQueen agrees to suspend Parliament\n\nYesterday, the Queen agreed.\n\nMore text."


@pytest.mark.parametrize(
    "text, date, title, body_prefix",
    [
        (SEED_STYLE, "2023-11-24", None, "Like Russia"),
        (WIKINEWS_STYLE, "2019-08-29", "Queen agrees to suspend Parliament", "Yesterday"),
        ("date 2020-01-02\nBody starts here without a title line.", "2020-01-02", None, "Body starts"),
        ("No header at all. Just text.", None, None, "No header"),
        ("date 2020-02-30 Impossible date but a body.", None, None, "Impossible"),
    ],
)
def test_parse_header(text, date, title, body_prefix):
    doc = corpus.make_document("x.txt", text)
    assert doc.date == date
    assert doc.title == title
    assert doc.text == text  # the raw text is kept exactly
    assert text[doc.body_start:].startswith(body_prefix)
    if title:
        assert text[doc.title_start:doc.title_end] == title


def test_seed_header(seed_text):
    doc = corpus.make_document("seed.txt", seed_text)
    assert (doc.date, doc.status, doc.body_start) == ("2023-11-24", "ok", 17)
    assert seed_text[doc.body_start:].startswith("Like Russia")


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


@pytest.mark.parametrize(
    "name, data, status, error_part",
    [
        ("latin1.txt", "Caf\xe9 owners said prices rose.".encode("latin-1"), "recoded", "not valid UTF-8"),
        ("empty.txt", b"", "empty", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty", "empty"),
        ("header_only.txt", b"date 2020-01-01\nA title\n\n", "empty", "no body"),
        ("binary.txt", bytes(range(256)) * 10, "binary", "binary"),
        ("baddate.txt", b"date 2021-13-45\nTitle\n\nBody text here.", "bad_date", "impossible date"),
    ],
)
def test_bad_input_rows(tmp_path, name, data, status, error_part):
    _write(tmp_path, "good.txt", "date 2020-01-01\nA good title\n\nA good body.")
    _write(tmp_path, name, data)
    with pytest.warns(corpus.CorpusWarning):
        df = corpus.load_corpus(tmp_path)
    assert list(df.columns) == corpus.DOCUMENT_COLUMNS
    bad = df.set_index("doc_id").loc[name]
    assert bad.status == status
    assert error_part in bad.error
    assert df.set_index("doc_id").loc["good.txt"].status == "ok"  # the rest of the corpus proceeds


def test_duplicates_are_reported_once(tmp_path):
    _write(tmp_path, "a.txt", "Same body text.")
    _write(tmp_path, "b/c.txt", "date 2020-01-01 Same body text.")
    with pytest.warns(corpus.CorpusWarning, match="duplicate"):
        df = corpus.load_corpus(tmp_path)
    assert df.doc_id.tolist() == ["a.txt", "b/c.txt"]
    assert df.status.tolist() == ["ok", "duplicate"]
    assert "a.txt" in df.error.iloc[1]


def test_too_large(tmp_path):
    _write(tmp_path, "big.txt", "word " * 1000)
    with pytest.warns(corpus.CorpusWarning):
        df = corpus.load_corpus(tmp_path, max_bytes=100)
    assert df.status.tolist() == ["too_large"]


def test_several_megabytes_load(tmp_path):
    body = ("The minister said the plan would work. " * 25 + "\n\n") * 5000
    _write(tmp_path, "huge.txt", "date 2020-01-01\nHuge\n\n" + body)
    df = corpus.load_corpus(tmp_path, max_bytes=10_000_000)
    assert df.status.tolist() == ["ok"] and len(df.text.iloc[0]) > 4_000_000
    with pytest.warns(corpus.CorpusWarning, match="too_large"):
        default = corpus.load_corpus(tmp_path)  # above the default per-article limit: reported, with the way out
    assert default.status.tolist() == ["too_large"] and "--max-bytes" in default.error.iloc[0]


def test_csv_and_jsonl(tmp_path):
    pd.DataFrame({"text": ["First article body.", "Second article body."], "title": ["T1", None],
                  "date": ["2020-05-01", "2020-02-31"], "outlet": ["Daily", "Weekly"],
                  "url": ["http://a", ""]}).to_csv(tmp_path / "news.csv", index=False)
    lines = [json.dumps({"text": "Third body.", "title": "T3", "date": "2021-01-01"}), "{not json", json.dumps([1, 2])]
    _write(tmp_path, "more.jsonl", "\n".join(lines) + "\n")
    _write(tmp_path, "meta.csv", "id,url\n1,http://x\n")
    _write(tmp_path, "entity_overrides.csv", "surface,label,canonical\nUS,GPE,United States\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = corpus.load_corpus(tmp_path).set_index("doc_id")
    assert df.loc["news.csv#1", ["title", "date", "outlet", "url", "status"]].tolist() == ["T1", "2020-05-01", "Daily", "http://a", "ok"]
    assert df.loc["news.csv#2", "status"] == "bad_date"
    assert df.loc["more.jsonl#1", "title"] == "T3"
    assert df.loc["more.jsonl#2", "status"] == "unreadable" and "not valid JSON" in df.loc["more.jsonl#2", "error"]
    assert df.loc["more.jsonl#3", "status"] == "unreadable"
    assert df.loc["meta.csv", "status"] == "skipped" and "no 'text' column" in df.loc["meta.csv", "error"]
    assert "entity_overrides.csv" not in df.index  # a configuration file, not an article


def test_crlf_is_read_like_open(tmp_path):
    p = _write(tmp_path, "win.txt", b"date 2020-01-01\r\nTitle\r\n\r\nBody line.\r\n")
    df = corpus.load_corpus(tmp_path)
    assert df.text.iloc[0] == open(p, encoding="utf-8").read()
    assert df.title.iloc[0] == "Title"


def test_missing_folder():
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        corpus.load_corpus("/nonexistent/corpus/folder")


def test_wikinews_loads(wikinews_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = corpus.load_corpus(wikinews_dir)
    ok = df[df.status == "ok"]
    assert len(ok) == 293
    assert ok.title.notna().all() and ok.date.notna().all()
    assert set(df[df.status != "ok"].status) == {"skipped"}  # manifest.csv and urls.csv have no text column
