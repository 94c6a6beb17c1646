"""Open-class word lists of the quote rules, read from `helpers/data/*.csv` (columns documented in each file and in
helpers/data/README.md): cue verbs and their behaviour, source nouns, media, sign, court and work nouns, role
qualifiers; plus NLTK's first-name genders and VADER. Closed-class words are in `helpers/grammar.py`.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from .. import paths, resources


DATA_DIR = paths.DATA_DIR
# a web address as a name ("news site Newsline.net" -> "the website"); the common top-level domains
DOMAIN = re.compile(r"\w\.(?:com|org|net|ru|info|io|news|co|de|fr|in|uk)$", re.I)


def read_data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file of helpers/data as dicts (comment lines starting with "#" skipped)."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def read_words(name: str, *, kind: str | None = None) -> frozenset[str]:
    """The lower-cased `word` column of a CSV file of helpers/data (only rows of that `kind` when given)."""
    return frozenset(r["word"].strip().lower() for r in read_data_rows(name)
                     if kind is None or (r.get("kind") or "").strip() == kind)


MEDIA_NOUNS = read_words("media_nouns.csv")
SIGN_NOUNS = read_words("sign_nouns.csv")
ROLE_QUALIFIERS = read_words("role_qualifiers.csv")
WORK_NOUNS = read_words("work_nouns.csv")
COURT_WORDS = read_words("court_nouns.csv", kind="court")
COURT_DOCUMENTS = read_words("court_nouns.csv", kind="document")
COURT_DECISIONS = read_words("court_nouns.csv", kind="decision")


@dataclass(frozen=True)
class CueLexicon:
    """Cue verb forms and their behaviour, read from `data/cue_verbs.csv` (one column per behaviour)."""

    lemma: dict[str, str]  # cue form -> lemma
    tell: frozenset[str]  # forms that take a listener before the reported clause
    gerund: frozenset[str]  # forms that take a gerund clause as the report
    phrase_only: frozenset[str]  # forms that frame a quoted phrase, never a reported clause (clause = 0)
    untagged: frozenset[str]  # forms that are cues whatever their POS tag
    naming: frozenset[str]  # forms that name a term ("described as", "known as"), cues or not
    speech: frozenset[str]  # forms that are evidence that a name next to them is a person
    needs_document: frozenset[str]  # forms that report only with a document noun as subject ("the letter read")
    needs_to: frozenset[str]  # forms that report only when "to" follows ("referred to")


def forms_of(value: str | None) -> set[str]:
    """The "|"-separated forms of a cue_verbs.csv cell, lower-cased (empty cell: none)."""
    return {f.strip().lower() for f in (value or "").split("|") if f.strip()}


@functools.cache
def cue_lexicon() -> CueLexicon:
    """Return the cue verb lexicon (form -> lemma and the forms of each behaviour), loaded once."""
    lemma: dict[str, str] = {}
    sets: dict[str, set[str]] = {k: set() for k in ("tell", "gerund", "phrase_only", "untagged", "naming", "speech",
                                                     "needs_document", "needs_to")}
    for row in read_data_rows("cue_verbs.csv"):
        forms = forms_of(row["forms"])
        for form in forms:
            lemma.setdefault(form, row["lemma"])
        if row.get("tell", "0").strip() == "1":
            sets["tell"] |= forms
        if row.get("gerund", "0").strip() == "1":
            sets["gerund"] |= forms
        if (row.get("clause") or "1").strip() == "0":
            sets["phrase_only"] |= forms
        needs = (row.get("needs") or "").strip()
        if needs in ("document", "to"):
            sets[f"needs_{needs}"] |= forms
        for column in ("untagged", "naming", "speech"):
            sets[column] |= forms_of(row.get(column))
    return CueLexicon(lemma=lemma, **{k: frozenset(v) for k, v in sets.items()})


@functools.cache
def source_nouns() -> frozenset[str]:
    """Return the head nouns of unnamed sources ("experts", "police", ...), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in read_data_rows("source_nouns.csv"))


@functools.cache
def document_nouns() -> frozenset[str]:
    """Return the source nouns that are texts speaking for their authors ("report", "study"), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in read_data_rows("source_nouns.csv")
                     if (r.get("kind") or "").strip() == "document")


@functools.cache
def name_genders() -> dict[str, str]:
    """Return first name -> 'm' / 'f' for names NLTK's names corpus gives one gender only, loaded once."""
    from nltk.corpus import names

    male = set(resources.load_or_explain(lambda: names.words("male.txt"), "names"))
    female = set(resources.load_or_explain(lambda: names.words("female.txt"), "names"))
    out = {n: "m" for n in male - female}
    out.update({n: "f" for n in female - male})
    return out


@functools.cache
def sentiment_analyzer():
    """Return NLTK's VADER analyzer, loaded once per process."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return resources.load_or_explain(SentimentIntensityAnalyzer, "vader_lexicon")
