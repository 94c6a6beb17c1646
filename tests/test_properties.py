"""Property-based robustness: any text goes through the whole per-document analysis with valid offsets."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import corpus, pipeline, tables

# pieces that stress the analysis: quotes without partners, brackets, mixed newlines, odd spaces, initials, mojibake
PIECES = ["\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "(", ")", "[", "]", "{", "}",
          "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u00a0", "\u200b", "\ufeff", ".", "!", "?", "...", "\u2026", ",",
          ":", ";", "-", "\u2014", "Mr.", "U.S.", "J.", "said", "says", "he", "She", "The", "Smith", "Paris",
          "President", "Obama", "told", "reporters", "don\u00e2\u20ac\u2122t", "e\u0301", "1990", "3.5", "date ",
          "2020-01-01", "http://x.org/a", "a@b.co", "\U0001F600", "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u6587"]

texts = st.one_of(
    st.text(max_size=400),  # random Unicode
    st.lists(st.sampled_from(PIECES), max_size=120).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["word", "said", "\u201cquote", "x."]),
              st.integers(500, 3000)),  # very long lines, no sentence punctuation
    st.sampled_from(["", " ", "\n\n\n", " \t\r\n\u00a0", "[", "]]]", '"', "\u201c" * 50]),
)

TEXT_COLUMNS = ("text", "content", "quote")


def _check_tables(raw: str, result: dict) -> None:
    """Every span in every table lies inside the raw text, and its text column is exactly that slice."""
    n = len(raw)
    for name, df in result.items():
        assert list(df.columns) == list(tables.SCHEMAS[name]), name
        if "start" not in df.columns:
            continue
        for start, end in zip(df["start"].tolist(), df["end"].tolist()):
            assert 0 <= start <= end <= n, (name, start, end, n)
        col = next((c for c in TEXT_COLUMNS if c in df.columns), None)
        if col is not None:
            for start, end, value in zip(df["start"].tolist(), df["end"].tolist(), df[col].tolist()):
                assert raw[start:end] == value, (name, start, end, value)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=texts)
def test_any_text_is_analysed_with_valid_offsets(raw):
    doc = corpus.make_document("prop.txt", raw)
    result = pipeline.analyse_document(doc)  # must not raise
    assert set(result) == set(pipeline.PER_DOCUMENT_TABLES)
    _check_tables(doc.text, result)
    if doc.analysable:
        ids = result["tokens"]["token_id"].tolist()
        assert ids == list(range(len(ids)))


@settings(max_examples=30, deadline=None)
@given(raw=texts, header=st.booleans())
def test_with_header_and_title(raw, header):
    text = ("date 2021-05-06\nA title\n\n" if header else "") + raw
    doc = corpus.make_document("prop.txt", text)
    _check_tables(doc.text, pipeline.analyse_document(doc))


@pytest.mark.parametrize("raw", ["\u201cOpen quote never closed. He said so.", "Closing only\u201d said he.",
                                 "no punctuation at all " * 2000, "(((((", "\r\n\r\n\r\n", "x" * 50_000])
def test_edge_cases(raw):
    doc = corpus.make_document("edge.txt", raw)
    _check_tables(doc.text, pipeline.analyse_document(doc))
