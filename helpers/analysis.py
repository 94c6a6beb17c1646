"""Views over the pipeline's tables: word counts, collocations, keyword in context, cleaning changes, lengths.

Each function takes tables (pandas DataFrames as documented in `helpers.tables`) and returns a new table.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from . import text

_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return the tokens that carry content: alphabetic, not stopwords, not editorial brackets, longer than one letter."""
    norm = tokens["norm"].astype(str)
    mask = ~tokens["is_stop"] & norm.str.contains(_WORDLIKE) & (norm.str.len() > 1) & ~norm.str.startswith("'")
    return tokens[mask]


def top_words(tokens: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """Return the `n` most frequent content words: word, count, documents (ties broken alphabetically)."""
    ct = content_tokens(tokens)
    if ct.empty:
        return pd.DataFrame(columns=["word", "count", "documents"])
    g = ct.groupby("norm").agg(count=("norm", "size"), documents=("doc_id", "nunique")).reset_index()
    g = g.rename(columns={"norm": "word"}).sort_values(["count", "word"], ascending=[False, True])
    return g.head(n).reset_index(drop=True)


def collocations(tokens: pd.DataFrame, *, n: int = 15, min_freq: int = 2, measure: str = "likelihood_ratio") -> pd.DataFrame:
    """Return the strongest bigram collocations of content words (NLTK's finder, per sentence): bigram, score, count."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    ct = content_tokens(tokens)
    sents = [g["norm"].tolist() for _, g in ct.groupby(["doc_id", "sentence_id"], sort=True)]
    finder = BigramCollocationFinder.from_documents(sents)
    finder.apply_freq_filter(min_freq)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    rows = [(f"{a} {b}", round(score, 3), finder.ngram_fd[(a, b)]) for (a, b), score in scored]
    df = pd.DataFrame(rows, columns=["bigram", "score", "count"])
    return df.sort_values(["score", "bigram"], ascending=[False, True]).head(n).reset_index(drop=True)


def keyword_in_context(documents: pd.DataFrame, tokens: pd.DataFrame, term: str, *, width: int = 45) -> pd.DataFrame:
    """Return every occurrence of `term` (one or more words, case-insensitive) with its left and right context."""
    words = [w.lower() for w in re.findall(r"\w+(?:[-'.]\w+)*\.?", text.normalise(term).text)] or [term.lower()]
    texts = dict(zip(documents["doc_id"], documents["text"]))
    rows = []
    for doc_id, g in tokens.groupby("doc_id", sort=False):
        norms, starts, ends = g["norm"].tolist(), g["start"].tolist(), g["end"].tolist()
        raw = texts.get(doc_id, "")
        for i in range(len(norms) - len(words) + 1):
            if norms[i:i + len(words)] == words:
                s, e = starts[i], ends[i + len(words) - 1]
                left = raw[max(0, s - width):s].replace("\n", " ")
                right = raw[e:e + width].replace("\n", " ")
                rows.append((doc_id, s, e, left.rjust(width), raw[s:e], right.ljust(width)))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "keyword", "right"])


def change_kind(raw: str, new: str) -> str:
    """Classify one cleaning change (quotation mark, apostrophe, dash, space, invisible, mojibake, ellipsis, other)."""
    if not new:
        return "invisible character removed"
    if raw.isspace() or (new == " " and not raw.strip()):
        return "whitespace"
    if new == '"':
        return "quotation mark"
    if new == "'":
        return "apostrophe / single quote"
    if new.strip() == "-":
        return "dash"
    if new == "...":
        return "ellipsis"
    if len(raw) > 1 and len(new) >= 1:
        return "mojibake / Unicode composition"
    return "other"


def cleaning_changes(documents: pd.DataFrame) -> pd.DataFrame:
    """Return every change the normalised working copy makes: doc_id, start, end, raw, cleaned, kind."""
    rows = []
    for doc_id, raw in zip(documents["doc_id"], documents["text"]):
        if not isinstance(raw, str):
            continue
        for s, e, r, new in text.normalise(raw).changes():
            rows.append((doc_id, s, e, r, new, change_kind(r, new)))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "raw", "cleaned", "kind"])


def sentence_lengths(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Return each sentence's length in word tokens (punctuation excluded): doc_id, sentence_id, n_words."""
    words = tokens[tokens["norm"].astype(str).str.contains(_WORDLIKE)]
    n = words.groupby(["doc_id", "sentence_id"]).size().rename("n_words")
    out = sentences[["doc_id", "sentence_id"]].merge(n.reset_index(), on=["doc_id", "sentence_id"], how="left")
    out["n_words"] = out["n_words"].fillna(0).astype("int64")
    return out


def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents table without the text: one row per document with status and sizes."""
    cols = [c for c in ["doc_id", "date", "title", "status", "error", "n_paragraphs", "n_sentences", "n_tokens"]
            if c in documents.columns]
    return documents[cols].reset_index(drop=True)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Return how many documents have each load/analysis status."""
    c = Counter(documents["status"])
    return pd.DataFrame(sorted(c.items()), columns=["status", "documents"])
