"""Views of the text for notebook 01: words, collocations, keywords in context, cleaning changes, sentence lengths."""
from __future__ import annotations

import re

import pandas as pd

from .. import paths, text
from .documents import counted


_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


_ACRONYM = re.compile(r"[A-Z](?:\.?[A-Z])+\.?\Z")  # US, UK, U.S., WHO: written in capitals, kept as written


def word_forms(tokens: pd.DataFrame) -> pd.Series:
    """Return each token's form for counting: the lower-cased `norm`, except acronyms kept as written (`US`, not `us`)."""
    text = tokens["text"].fillna("").astype(str)
    return tokens["norm"].astype(str).where(~text.str.match(_ACRONYM), text)


def reporting_verb_forms() -> frozenset[str]:
    """Return the inflected forms of the reporting (cue) verbs of helpers/data/cue_verbs.csv: said, says, told, according, ..."""
    return frozenset(cue_lemmas())


def is_reporting_verb(tokens: pd.DataFrame) -> pd.Series:
    """Whether each token is a reporting verb: a cue-verb form tagged as a verb (VB*), or `according` (of `according to`).

    The tag keeps nouns spelled like cue forms (`states`, `claims`, `comments`) as content words.
    """
    norm = tokens["norm"].astype(str)
    pos = tokens["pos"].fillna("").astype(str)
    return norm.isin(reporting_verb_forms()) & (pos.str.startswith("VB") | norm.eq("according"))


def content_tokens(tokens: pd.DataFrame, *, reporting_verbs: bool = False) -> pd.DataFrame:
    """Return the tokens that carry content, with their counting form in `word`.

    Content: with a letter, longer than one character, not a stopword (acronyms such as `US` are kept), not a
    clitic ('s), and (unless reporting_verbs=True) not a reporting verb (said, says, told, according).
    """
    norm = tokens["norm"].astype(str)
    words = word_forms(tokens)
    acronym = words.ne(norm)
    mask = (~tokens["is_stop"] | acronym) & norm.str.contains(_WORDLIKE) & (norm.str.len() > 1) & ~norm.str.startswith("'")
    if not reporting_verbs and len(tokens):
        mask &= ~is_reporting_verb(tokens)
    return tokens[mask].assign(word=words[mask])


def top_words(tokens: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """Return the `n` most frequent content words: word, count, documents (ties broken alphabetically)."""
    ct = content_tokens(tokens)
    if ct.empty:
        return pd.DataFrame(columns=["word", "count", "documents"])
    g = ct.groupby("word").agg(count=("word", "size"), documents=("doc_id", "nunique")).reset_index()
    g = g.sort_values(["count", "word"], ascending=[False, True])
    return g.head(n).reset_index(drop=True)


def collocations(tokens: pd.DataFrame, *, n: int = 15, min_freq: int = 2, measure: str = "likelihood_ratio") -> pd.DataFrame:
    """Return the strongest bigram collocations of content words (NLTK's finder, per sentence): bigram, score, count."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    ct = content_tokens(tokens)
    sents = [g["word"].tolist() for _, g in ct.groupby(["doc_id", "sentence_id"], sort=True)]
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


def length_summary(lengths: pd.DataFrame) -> str:
    """Return one line on sentence lengths (from `sentence_lengths`): how many, median and longest in words."""
    if lengths.empty:
        return "No sentences: no article of this corpus could be analysed."
    return (f"{counted(len(lengths), 'sentence')}, median {lengths['n_words'].median():.0f} words, "
            f"longest {counted(int(lengths['n_words'].max()), 'word')}")


def cue_lemmas() -> dict[str, str]:
    """Return inflected cue-verb form -> lemma, from helpers/data/cue_verbs.csv."""
    df = pd.read_csv(paths.DATA_DIR / "cue_verbs.csv", comment="#", dtype=str, keep_default_na=False)
    return {form: lemma for lemma, forms in zip(df["lemma"], df["forms"]) for form in forms.split("|") if form}
