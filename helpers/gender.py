"""Gender of speakers as the article's own words state it: pronouns, titles, and unambiguous first names.

Two columns added at the end of the `speakers` table (`add_gender`, called once per document by the pipeline):

| column | meaning |
|---|---|
| gender | `female`, `male` or `unknown` |
| gender_evidence | `pronoun`: a quote of this speaker is attributed through he/she (the quote resolver linked the pronoun to the speaker); `title`: the article writes Mr / Mrs / Ms / Miss before one of the speaker's mentions; `first_name`: the first of several names is in only one of NLTK's `names` lists (male.txt or female.txt); `unknown`: no evidence, or evidence that contradicts itself |

Evidence is tried in that order; the first kind that gives one answer decides. Organisations, places and unnamed
sources without a pronoun are `unknown`. This is gender *as inferred from the text and from names*, not as the
people identify themselves: report it with that caveat (`CAVEAT`).
"""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable

import pandas as pd

from . import paths, resources

GENDERS = ("female", "male", "unknown")
EVIDENCE = ("pronoun", "title", "first_name", "unknown")
UNKNOWN = "unknown"
PERSON_LABELS = frozenset({"PERSON"})
UNNAMED_LABEL = "UNNAMED"
CAVEAT = ("Gender here is inferred from the article's words (he/she, Mr/Mrs/Ms) and from first names, not "
          "self-identified: it can be wrong for an individual, and `unknown` is not a gender.")


@functools.cache
def gender_words() -> dict[str, dict[str, str]]:
    """Return {'pronoun': {word: gender}, 'title': {word: gender}} from helpers/data/gender_words.csv."""
    out: dict[str, dict[str, str]] = {"pronoun": {}, "title": {}}
    with open(paths.DATA_DIR / "gender_words.csv", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            out[row["kind"].strip()][row["word"].strip().lower()] = row["gender"].strip()
    return out


@functools.cache
def first_name_genders() -> dict[str, str]:
    """Return first name -> gender for the names in exactly one of NLTK's `names` lists (ambiguous names left out)."""
    from nltk.corpus import names

    male = set(resources.load_or_explain(lambda: names.words("male.txt"), "names"))
    female = set(resources.load_or_explain(lambda: names.words("female.txt"), "names"))
    return {**{n: "male" for n in male - female}, **{n: "female" for n in female - male}}


def _one(genders: Iterable[str | None]) -> str | None:
    """Return the single gender all pieces of evidence agree on, None when there is none or they disagree."""
    found = {g for g in genders if g in ("female", "male")}
    return found.pop() if len(found) == 1 else None


def pronoun_gender(words: Iterable[str | None]) -> str | None:
    """Return the gender the pronouns attributed to a speaker state (None when none is gendered or they disagree)."""
    table = gender_words()["pronoun"]
    return _one(table.get(str(w).strip().lower()) for w in words if w is not None and w == w)


_TITLE_BEFORE = re.compile(r"(?:^|[^\w.])(\w+)\.?[ \t\u00a0]+\Z")


def title_before(text: str, start: int) -> str | None:
    """Return the gender stated by a Mr/Mrs/Ms/Miss title written just before offset `start` of `text`, else None."""
    m = _TITLE_BEFORE.search(text[max(0, start - 8):start])
    return gender_words()["title"].get(m.group(1).lower()) if m else None


def title_gender(text: str, starts: Iterable[int]) -> str | None:
    """Return the gender the titles before a speaker's mentions (at `starts`) state (None when none or they disagree)."""
    return _one(title_before(text, int(s)) for s in starts)


def first_name_gender(name: str | None) -> str | None:
    """Return the gender of a full name's first name when NLTK's names lists are unambiguous about it, else None.

    Only names of at least two words count (a single word is usually a surname); initials are no first name.
    """
    words = re.findall(r"[^\W\d_][\w'\-]*\.?", str(name or ""))
    if len(words) < 2 or words[0].endswith(".") or len(words[0]) < 2:
        return None
    first = words[0].split("-")[0]
    return first_name_genders().get(first[:1].upper() + first[1:].lower())


def infer_gender(*, name: str | None, label: str | None, pronouns: Iterable[str | None] = (),
                 title_starts: Iterable[int] = (), text: str = "") -> tuple[str, str]:
    """Return (gender, evidence) for one speaker from its pronouns, the titles before its mentions and its first name."""
    label = (label or "").upper()
    if label not in PERSON_LABELS and label != UNNAMED_LABEL:
        return UNKNOWN, UNKNOWN  # organisations and places have no gender, whatever pronoun a resolver linked
    if (g := pronoun_gender(pronouns)) is not None:
        return g, "pronoun"
    if label == UNNAMED_LABEL:
        return UNKNOWN, UNKNOWN
    if (g := title_gender(text, title_starts)) is not None:
        return g, "title"
    if (g := first_name_gender(name)) is not None:
        return g, "first_name"
    return UNKNOWN, UNKNOWN


def add_gender(speakers: pd.DataFrame, *, quotes: pd.DataFrame, mentions: pd.DataFrame | None,
               text: str) -> pd.DataFrame:
    """Return the speakers table of one document with `gender` and `gender_evidence` filled (see the module docstring)."""
    out = speakers.copy()
    if not len(out):
        return out.assign(gender=pd.Series(dtype=object), gender_evidence=pd.Series(dtype=object))
    words_by_speaker: dict[str, list[str]] = {}
    for speaker, mention in zip(quotes["speaker"], quotes["speaker_mention"]):
        key = speaker if isinstance(speaker, str) and speaker else mention
        if isinstance(key, str) and key:
            words_by_speaker.setdefault(key, []).append(mention)
    starts_by_name: dict[str, list[int]] = {}
    if mentions is not None and len(mentions):
        person = mentions[mentions["label"] == "PERSON"]
        for canonical, start in zip(person["canonical"], person["start"]):
            starts_by_name.setdefault(canonical, []).append(int(start))
    genders, evidence = [], []
    for speaker, label, named in zip(out["speaker"], out["label"], out["is_named"]):
        g, e = infer_gender(name=speaker if named else None, label=label if named else UNNAMED_LABEL,
                            pronouns=words_by_speaker.get(speaker, []),
                            title_starts=starts_by_name.get(speaker, []) if named else [], text=text)
        genders.append(g)
        evidence.append(e)
    out["gender"] = genders
    out["gender_evidence"] = evidence
    return out
