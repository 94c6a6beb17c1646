"""Text segmentation: the normalised working copy, paragraphs, headings, sentences, tokens, and raw offsets."""
from __future__ import annotations

import warnings

import pytest

from helpers import corpus, text


@pytest.mark.parametrize(
    "raw, working",
    [
        ("Hamas\u2019s leader", "Hamas's leader"),
        ("\u201cYes,\u201d she said", '"Yes," she said'),
        ("\u2018single\u2019", "'single'"),
        ("1990\u20132000", "1990-2000"),
        ("power\u2014this", "power - this"),
        ("a\u00a0b   c\t\td", "a b c d"),
        ("wait\u2026", "wait..."),
        ("Wikinews\u200d' reporter", "Wikinews' reporter"),
        ("don\u00e2\u20ac\u2122t", "don't"),  # mojibake of don't
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("line one\nline two", "line one\nline two"),
        ("``Yes,'' she said", '"Yes," she said'),  # TeX / NLTK-tokenizer quotation marks
        ("the `best' plan", "the 'best' plan"),
    ],
)
def test_normalise(raw, working):
    norm = text.normalise(raw)
    assert norm.text == working
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    # every working-copy character maps inside the raw text, in order
    assert all(0 <= s < e <= len(raw) for s, e in zip(norm.starts, norm.ends))
    assert list(norm.starts) == sorted(norm.starts)


def test_changes_view():
    changes = text.normalise("He said \u201chi\u201d").changes()
    assert [(c[2], c[3]) for c in changes] == [("\u201c", '"'), ("\u201d", '"')]


def _segment(raw: str) -> text.Segmented:
    doc = corpus.make_document("t.txt", raw)
    return text.segment(raw, doc_id="t.txt", body_start=doc.body_start, title_span=(doc.title_start, doc.title_end))


def test_seed_paragraphs(seed_text):
    seg = _segment(seed_text)
    paras = seg.paragraphs
    assert len(paras) == 17
    assert paras[paras.is_heading].text.tolist() == ["Russia\u2019s Gaza pivot"]
    assert paras.text.iloc[0].startswith("Like Russia")  # the header is not part of the body


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("The U.S. government said no. Officials agreed.", ["The U.S. government said no.", "Officials agreed."]),
        ("Dr. Smith met Gen. Jones on Jan. 5. They talked.", ["Dr. Smith met Gen. Jones on Jan. 5.", "They talked."]),
        ("John F. Kennedy spoke. It was 1961.", ["John F. Kennedy spoke.", "It was 1961."]),
        ("It ended World War I. The peace was short.", ["It ended World War I.", "The peace was short."]),
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        ("\u201cWe will win.\u201d The crowd cheered.", ["\u201cWe will win.\u201d", "The crowd cheered."]),
        ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
        ("\u201cFirst part. Second part,\u201d he said.", ["\u201cFirst part.", "Second part,\u201d he said."]),
    ],
)
def test_sentence_boundaries(paragraph, expected):
    seg = _segment(paragraph)
    assert seg.sentences.text.tolist() == expected


def test_seed_sentences_end_after_closing_quotes(seed_text):
    sents = _segment(seed_text).sentences.text.tolist()
    assert any(s.endswith("off the map.\u201d") for s in sents)
    assert any(s.endswith("contact with Tehran.\u201d") for s in sents)
    assert "Russia\u2019s Gaza pivot" in sents


@pytest.mark.parametrize(
    "raw, words",
    [
        ("Hamas\u2019s fighters", ["Hamas", "\u2019s", "fighters"]),
        ("Hamas's fighters", ["Hamas", "'s", "fighters"]),
        ("They don't know.", ["They", "do", "n't", "know", "."]),
        ("The Israel-Gaza war", ["The", "Israel-Gaza", "war"]),
        ("the U.S. and Mr. O'Brien", ["the", "U.S.", "and", "Mr.", "O'Brien"]),
        ("about 3.5% of $1,200", ["about", "3.5", "%", "of", "$", "1,200"]),
        ("in Afghanistan.Trump said", ["in", "Afghanistan", ".", "Trump", "said"]),  # missing space after a period
        ("Emily W. Murphy wrote", ["Emily", "W.", "Murphy", "wrote"]),  # a middle initial stays with its name
        ("see example.com now", ["see", "example.com", "now"]),
    ],
)
def test_tokens(raw, words):
    toks = _segment(raw).tokens
    assert toks.text.tolist() == words


def test_token_columns_and_flags():
    toks = _segment("For [Vladimir] Putin, the war is not over.").tokens
    assert list(toks.columns) == text.TOKEN_COLUMNS
    row = toks.set_index("text")
    assert row.loc["Vladimir", "is_editorial"] and not row.loc["Putin", "is_editorial"]
    assert row.loc["Vladimir", "pos"] == "NNP" and row.loc["Putin", "pos"] == "NNP"
    assert row.loc["the", "is_stop"] and not row.loc["war", "is_stop"]
    assert (toks.norm == toks.norm.str.lower()).all()


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "date 2020-01-01\nTitle\n\n",
        "\u201cThis quote never closes. And goes on.\n\nAnother \u201cparagraph\u201d \u201d \u201c",
        "no punctuation at all just words " * 200,
        "\u200b\u200d\u00a0",
        "\x00\x01 odd control chars \u2028 and separators \u2029",
        "a" * 20000,
    ],
)
def test_any_input_gives_tables(raw):
    seg = _segment(raw)
    for name, df in (("paragraphs", seg.paragraphs), ("sentences", seg.sentences), ("tokens", seg.tokens)):
        assert all(raw[s:e] == t for s, e, t in zip(df.start, df.end, df.text)), name


def _check_offsets(raw: str, seg: text.Segmented) -> None:
    for df in (seg.paragraphs, seg.sentences, seg.tokens):
        assert all(raw[s:e] == t for s, e, t in zip(df.start, df.end, df.text))
    assert (seg.tokens.end > seg.tokens.start).all()


def test_offsets_seed(seed_text):
    _check_offsets(seed_text, _segment(seed_text))


@pytest.mark.slow
def test_offsets_wikinews(wikinews_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = [d for d in corpus.iter_documents(wikinews_dir, warn=False) if d.analysable]
    assert len(docs) == 293
    for d in docs:
        seg = text.segment(d.text, doc_id=d.doc_id, body_start=d.body_start, title_span=(d.title_start, d.title_end))
        _check_offsets(d.text, seg)
        assert seg.paragraphs.is_title.sum() == 1
