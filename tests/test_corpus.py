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


# ---------------------------------------------------------------- files that are not articles, or not readable
@pytest.mark.parametrize("rel, is_doc", [
    ("README.md", True), ("readme.txt", True), ("README", True), ("LICENSE.txt", True), ("LICENCE", True),
    ("notes.md", True), ("entity_overrides.csv", True), ("gold/a.json", True), ("sub/gold/a.txt", True),
    (".hidden/a.txt", True), ("a.txt", False), ("sub/a.docx", False), ("golden.txt", False),
    ("goldfish/a.txt", False), ("report.csv", False),
])
def test_corpus_documentation_is_not_an_article(rel, is_doc):
    assert corpus.is_corpus_documentation(rel) is is_doc


def test_unreadable_kinds_are_skipped_rows_and_documentation_is_left_out(tmp_path):
    _write(tmp_path, "a.txt", "date 2020-01-01\nA title\n\nThe body.")
    _write(tmp_path, "b.docx", b"PK\x03\x04 a zip container")
    _write(tmp_path, "web/c.html", "<html><body>An article</body></html>")
    _write(tmp_path, "README.md", "# about this corpus")
    _write(tmp_path, "LICENSE", "CC BY")
    _write(tmp_path, "gold/a.json", "{}")
    _write(tmp_path, "entity_overrides.csv", "surface,label,canonical\n")
    df = corpus.load_corpus(tmp_path, warn=False).set_index("doc_id")
    assert list(df.index) == ["a.txt", "b.docx", "web/c.html"]
    assert df.loc["a.txt", "status"] == "ok"
    for doc_id, kind in (("b.docx", ".docx"), ("web/c.html", ".html")):
        assert df.loc[doc_id, "status"] == "skipped"
        assert df.loc[doc_id, "error"].startswith(f"{kind} files are not read") and ".txt" in df.loc[doc_id, "error"]


def test_describe_files():
    from pathlib import Path

    files = [Path("a.docx"), Path("b.docx"), Path("c.html"), Path("d")]
    assert corpus.describe_files(files) == "2 .docx, 1 (no suffix), 1 .html"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded_and_recoded(tmp_path, encoding):
    text = "date 2020-01-01\r\nCafé owners protest\r\n\r\nThe owners said “prices rose”."
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    p = _write(tmp_path, "unicode.txt", bom + text.encode(encoding))
    doc = corpus.read_text_file(p, doc_id="unicode.txt")
    assert doc.status == "recoded" and "UTF-16" in doc.error
    assert doc.text == text.replace("\r\n", "\n") == open(p, encoding="utf-16").read()
    assert doc.title == "Café owners protest" and doc.date == "2020-01-01"


def test_utf16_without_byte_order_mark_stays_binary(tmp_path):
    p = _write(tmp_path, "nobom.txt", "The owners said prices rose.".encode("utf-16-le"))
    assert corpus.read_text_file(p, doc_id="nobom.txt").status == "binary"


@pytest.mark.parametrize("text, title, body_prefix", [
    ("Council approves new bridge\n\nThe council voted on Monday.", "Council approves new bridge", "The council"),
    ("  Storm closes schools, 'dozens' stranded  \n\nSchools closed.", "Storm closes schools, 'dozens' stranded", "Schools"),
    ("The council voted on Monday.\n\nThe vote was close.", None, "The council"),  # a sentence, not a headline
    ("Council approves new bridge\nThe council voted on Monday.", None, "Council"),  # no blank line after it
    ("Council approves new bridge\n\n", None, "Council"),  # a headline with no article is the body
    ("Mayor asks: what next?\n\nThe mayor spoke.", None, "Mayor"),  # ends like a sentence
    (" ".join(["word"] * 30) + "\n\nBody.", None, "word"),  # too long for a headline
])
def test_headline_without_date_header_is_the_title(text, title, body_prefix):
    doc = corpus.make_document("x.txt", text)
    assert doc.title == title and doc.date is None
    assert text[doc.body_start:].startswith(body_prefix)
    if title:
        assert text[doc.title_start:doc.title_end] == title


def test_a_title_column_wins_over_a_guessed_headline():
    doc = corpus.make_document("t.csv#1", "Council approves bridge\n\nThe council voted.", title="Bridge vote")
    assert doc.title == "Bridge vote" and doc.body_start == 0
