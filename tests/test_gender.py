"""Gender of speakers: pronouns, titles and unambiguous first names, in that order, from sentences we wrote."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import corpus, gender, pipeline, tables


@pytest.mark.parametrize("words, expected", [
    (["he"], "male"),
    (["She", "she"], "female"),
    (["he", "she"], None),  # contradicting pronouns are no evidence
    (["they", "it"], None),  # not gendered
    ([None, "Alice Brown"], None),
    ([], None),
])
def test_pronoun_gender(words, expected):
    assert gender.pronoun_gender(words) == expected


@pytest.mark.parametrize("text, expected", [
    ("A statement from Mr Holt came later.", "male"),
    ("A statement from Mr. Holt came later.", "male"),
    ("Mrs Holt disagreed.", "female"),
    ("Asked again, Ms Holt said no.", "female"),
    ("Miss Holt was not available.", "female"),
    ("Dr Holt spoke first.", None),  # a title that says nothing about gender
    ("The ArmsMr Holt case.", None),  # only a whole word is a title
    ("Holt spoke first.", None),
])
def test_title_before_a_mention(text, expected):
    assert gender.title_before(text, text.index("Holt")) == expected


@pytest.mark.parametrize("name, expected", [
    ("Mary Okafor", "female"),
    ("John Okafor", "male"),
    ("Robin Okafor", None),  # in both NLTK lists: ambiguous
    ("Okafor", None),  # a single word is usually a surname
    ("J. Okafor", None),  # an initial is no first name
    ("Zxqv Okafor", None),  # not in the lists
    (None, None),
])
def test_first_name_gender(name, expected):
    assert gender.first_name_gender(name) == expected


@pytest.mark.parametrize("kwargs, expected", [
    # a pronoun outranks a title, which outranks the first name
    (dict(name="John Okafor", label="PERSON", pronouns=["she"], title_starts=[4], text="Mr. Okafor"), ("female", "pronoun")),
    (dict(name="Mary Okafor", label="PERSON", pronouns=[], title_starts=[3], text="Mr Okafor"), ("male", "title")),
    (dict(name="Mary Okafor", label="PERSON", pronouns=["Okafor"], title_starts=[], text=""), ("female", "first_name")),
    (dict(name="Robin Okafor", label="PERSON", pronouns=[], title_starts=[], text=""), ("unknown", "unknown")),
    # contradicting titles fall through to the first name
    (dict(name="John Okafor", label="PERSON", title_starts=[3, 19], text="Mr Okafor, then Ms Okafor"), ("male", "first_name")),
    # organisations and places have no gender, whatever a resolver linked to them
    (dict(name="Acme Corp", label="ORGANIZATION", pronouns=["he"]), ("unknown", "unknown")),
    (dict(name="Mary Land", label="GPE"), ("unknown", "unknown")),
    # an unnamed source: only a pronoun counts (its words are no name)
    (dict(name=None, label="UNNAMED", pronouns=["she"]), ("female", "pronoun")),
    (dict(name=None, label="UNNAMED", pronouns=["officials"]), ("unknown", "unknown")),
])
def test_infer_gender_order_of_evidence(kwargs, expected):
    assert gender.infer_gender(**kwargs) == expected


def _speakers(raw: str) -> pd.DataFrame:
    doc = corpus.make_document("t.txt", raw)
    return pipeline.analyse_document(doc)["speakers"].set_index("speaker")


@pytest.mark.parametrize("raw, speaker, expected", [
    ('date 2021-05-01\nBridge vote\n\nThe mayor, Ellen Varga, opened the meeting. "We will build it," she said.',
     "Ellen Varga", ("female", "pronoun")),
    ('date 2021-05-01\nBridge vote\n\nCouncillor Peter Ashdown spoke next. "It is too costly," he said.',
     "Peter Ashdown", ("male", "pronoun")),
    ('date 2021-05-01\nBridge vote\n\nMr Tobiah Wrenfield, the treasurer, said the budget was tight.',
     "Tobiah Wrenfield", ("male", "title")),
    ('date 2021-05-01\nBridge vote\n\nThe engineer Laura Quist said the bridge would be safe.',
     "Laura Quist", ("female", "first_name")),
])
def test_pipeline_fills_gender_columns(raw, speaker, expected):
    speakers = _speakers(raw)
    assert tuple(speakers.loc[speaker, ["gender", "gender_evidence"]]) == expected


def test_gender_columns_close_the_speakers_schema():
    cols = list(tables.SCHEMAS["speakers"])
    assert cols[-2:] == ["gender", "gender_evidence"]
    empty = gender.add_gender(tables.empty("speakers"), quotes=tables.empty("quotes"), mentions=None, text="")
    assert list(empty.columns) == cols and empty.empty


def test_every_speaker_row_has_a_documented_value():
    raw = ('date 2021-05-01\nBridge vote\n\nThe Acme Corporation said the work would start in May. Officials said '
           'the cost had doubled. "We are ready," said Ann Marlow.')
    speakers = _speakers(raw)
    assert set(speakers["gender"]) <= set(gender.GENDERS)
    assert set(speakers["gender_evidence"]) <= set(gender.EVIDENCE)
    assert (speakers.loc[~speakers["is_named"], "gender"] == "unknown").all()
