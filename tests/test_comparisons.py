"""Views added for researchers' comparisons: top words without reporting verbs, gender of voices, outlets and months,
and the figures' small-corpus behaviour (integer ticks, no one-cell heatmaps, paragraphs from 1). Tables written by hand."""
from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from helpers import analysis, plots  # noqa: E402


def tokens_df(rows):
    """rows: (doc_id, sentence_id, text, norm, pos, is_stop)."""
    df = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "text", "norm", "pos", "is_stop"])
    df["start"] = range(0, 10 * len(df), 10)
    df["end"] = df["start"] + df["text"].str.len()
    return df


TOKENS = tokens_df([
    ("a", 0, "The", "the", "DT", True), ("a", 0, "US", "us", "NNP", False), ("a", 0, "senator", "senator", "NN", False),
    ("a", 0, "said", "said", "VBD", False), ("a", 0, "the", "the", "DT", True), ("a", 0, "states", "states", "NNS", False),
    ("a", 1, "US", "us", "PRP", True), ("a", 1, "senator", "senator", "NN", False), ("a", 1, "told", "told", "VBD", False),
    ("a", 1, "us", "us", "PRP", True), ("b", 0, "According", "according", "VBG", False), ("b", 0, "to", "to", "TO", True),
    ("b", 0, "U.S.", "u.s.", "NNP", False), ("b", 0, "claims", "claims", "NNS", False),
    ("b", 0, "says", "says", "VBZ", False), ("b", 1, "US", "us", "NNP", False), ("b", 1, "senator", "senator", "NN", False),
])


def test_top_words_leave_out_reporting_verbs_and_keep_acronyms():
    top = analysis.top_words(TOKENS, n=10)
    counts = dict(zip(top["word"], top["count"]))
    assert counts == {"US": 3, "senator": 3, "U.S.": 1, "claims": 1, "states": 1}  # nouns spelled like cue verbs stay
    assert not {"said", "told", "says", "according", "us"} & set(top["word"])


def test_collocations_use_the_same_forms():
    coll = analysis.collocations(TOKENS, min_freq=2)
    assert coll["bigram"].tolist() == ["US senator"]


def test_reporting_verbs_can_be_kept():
    kept = analysis.content_tokens(TOKENS, reporting_verbs=True)["word"].tolist()
    assert {"said", "told", "says", "according"} <= set(kept)


# ---------------------------------------------------------------- gender
def speakers_df(rows):
    """rows: (doc_id, speaker, is_named, label, n_quotes, n_words, gender, evidence)."""
    return pd.DataFrame(rows, columns=["doc_id", "speaker", "is_named", "label", "n_quotes", "n_words", "gender",
                                       "gender_evidence"])


SPEAKERS = speakers_df([
    ("a", "Ann Lee", True, "PERSON", 2, 30, "female", "pronoun"),
    ("a", "Bob Roy", True, "PERSON", 1, 10, "male", "first_name"),
    ("a", "Acme", True, "ORGANIZATION", 3, 50, "unknown", "unknown"),  # not a person: left out
    ("a", "experts", False, "UNNAMED", 1, 20, "unknown", "unknown"),  # unnamed source: left out
    ("b", "Ann Lee", True, "PERSON", 1, 20, "female", "pronoun"),
    ("b", "Kim Ode", True, "PERSON", 1, 40, "unknown", "unknown"),
    ("c", "Bob Roy", True, "PERSON", 2, 60, "male", "title"),
])
DOCUMENTS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"], "status": ["ok", "ok", "recoded", "binary"],
    "date": ["2020-01-05", "2020-01-20", "2020-03-01", None], "outlet": ["Daily", "Herald", "Daily", "Daily"],
})


def test_gender_balance_counts_person_voices_and_words():
    b = analysis.gender_balance(SPEAKERS).set_index("gender")
    assert b.index.tolist() == ["female", "male", "unknown"]
    assert b[["voices", "quotes", "words"]].values.tolist() == [[2, 3, 50], [2, 3, 70], [1, 1, 40]]
    assert b["share_of_voices"].tolist() == [0.4, 0.4, 0.2]
    assert analysis.gender_summary(analysis.gender_balance(SPEAKERS)) == (
        "5 person voices: 2 female, 2 male, 1 unknown; women have 50% of the voices and 42% of the quoted words "
        "whose speaker's gender is known.")


def test_gender_balance_without_people():
    b = analysis.gender_balance(SPEAKERS[SPEAKERS.label != "PERSON"])
    assert b["voices"].tolist() == [0, 0, 0]
    assert "No person is quoted by name" in analysis.gender_summary(b)


def test_gender_evidence_counts():
    t = analysis.gender_evidence_counts(SPEAKERS)
    assert t.loc["pronoun", "female"] == 2 and t.loc["title", "male"] == 1 and t.loc["first_name", "male"] == 1
    assert t.loc["unknown", "unknown"] == 1 and int(t.to_numpy().sum()) == 5


# ---------------------------------------------------------------- outlets and months
QUOTES = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b", "b", "c", "d"],
    "speaker": ["Ann Lee", "Ann Lee", "", "Kim Ode", "", "Bob Roy", "Zed"],
    "speaker_mention": ["she", "Lee", "officials", "Ode", "he", "Roy", "Zed"],
    "speaker_label": ["PERSON", "PERSON", "UNNAMED", "PERSON", "", "PERSON", "PERSON"],
    "n_words": [10, 20, 5, 40, 7, 60, 9], "start": [0, 50, 90, 0, 40, 0, 0],
})


@pytest.mark.parametrize("by, groups", [("outlet", {"a": "Daily", "b": "Herald", "c": "Daily"}),
                                        ("month", {"a": "2020-01", "b": "2020-01", "c": "2020-03"})])
def test_document_groups_use_analysed_documents_only(by, groups):
    assert analysis.document_groups(DOCUMENTS, by).to_dict() == groups
    assert analysis.can_compare(DOCUMENTS, by)


def test_unnamed_share_by_outlet():
    t = analysis.unnamed_share_by(QUOTES, DOCUMENTS, by="outlet")
    assert t.values.tolist() == [["Daily", 2, 4, 1, 0.25], ["Herald", 1, 2, 0, 0.0]]


def test_most_quoted_by_month():
    t = analysis.most_quoted_by(QUOTES, DOCUMENTS, by="month", n=1)
    assert t[["group", "rank", "speaker", "quotes"]].values.tolist() == [["2020-01", 1, "Ann Lee", 2],
                                                                         ["2020-03", 1, "Bob Roy", 1]]


def test_gender_by_outlet_shares_within_each_outlet():
    g = analysis.gender_by(SPEAKERS, DOCUMENTS, by="outlet").set_index(["group", "gender"])
    assert g.loc[("Daily", "female"), "voices"] == 1 and g.loc[("Daily", "male"), "voices"] == 2
    assert g.loc[("Daily", "male"), "share_of_words"] == pytest.approx(70 / 100)
    assert g.loc[("Herald", "unknown"), "share_of_voices"] == 0.5
    assert len(g) == 6  # every group has a row for every gender


@pytest.mark.parametrize("documents, by, expected", [
    (DOCUMENTS.assign(outlet=None), "outlet", "No comparison across outlets: no article of this corpus has an `outlet`"),
    (DOCUMENTS.assign(outlet="Daily"), "outlet", "No comparison across outlets: every dated article of this corpus "
                                                 "has the same one (Daily)."),
    (DOCUMENTS, "outlet", "Comparing 2 outlets (3 articles)."),
    (DOCUMENTS.assign(date=["2020-01-05", None, "2020-03-01", None]), "month",
     "Comparing 2 months (2 articles; 1 article without one left out)."),
])
def test_comparison_note_says_what_can_be_compared(documents, by, expected):
    assert analysis.comparison_note(documents, by).startswith(expected)


def test_unknown_comparison_is_an_error():
    with pytest.raises(ValueError, match="outlet, month"):
        analysis.document_groups(DOCUMENTS, "year")


# ---------------------------------------------------------------- figures on small corpora
@pytest.mark.parametrize("matrix, reason", [
    (pd.DataFrame([[3]], index=["Ann"], columns=["Russia"]), "1 row x 1 column with counts"),
    (pd.DataFrame([[3, 1]], index=["Ann"], columns=["Russia", "Iran"]), "1 row x 2 columns with counts"),
    (pd.DataFrame([[0, 0], [0, 0]], index=["a", "b"], columns=["x", "y"]), "nothing counted"),
    (pd.DataFrame([[3, 0], [0, 1]], index=["a", "b"], columns=["x", "y"]), None),
])
def test_heatmap_too_small(matrix, reason):
    assert plots.heatmap_too_small(matrix) == reason
    ax = plots.speaker_mentions_heatmap(matrix)
    assert (ax.get_title().startswith("Too little to show") if reason else ax.axison)
    if not reason:
        assert not any(line.get_visible() for line in ax.get_xgridlines() + ax.get_ygridlines())
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("draw, axis", [
    (lambda: plots.top_words_bar(pd.DataFrame({"word": ["a", "b"], "count": [2, 1]})), "x"),
    (lambda: plots.most_quoted_bar(pd.DataFrame({"speaker": ["A", "B"], "label": ["PERSON"] * 2, "quotes": [2, 1]})), "x"),
    (lambda: plots.cue_verbs_bar(pd.DataFrame({"cue": ["say"], "direct": [1], "indirect": [1], "mixed": [0],
                                               "quotes": [2]})), "x"),
])
def test_count_axes_have_integer_ticks(draw, axis):
    ax = draw()
    ax.figure.canvas.draw()
    ticks = ax.get_xticks() if axis == "x" else ax.get_yticks()
    assert len(ticks) and all(float(t).is_integer() for t in ticks)
    matplotlib.pyplot.close("all")


def test_paragraph_numbers_count_from_one_after_the_title():
    paragraphs = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 2, "paragraph_id": [0, 1, 2, 0, 1],
                               "is_title": [True, False, False, False, False]})
    got = analysis.paragraph_numbers(paragraphs)["paragraph"].tolist()
    assert got == [0, 1, 2, 1, 2]
    assert analysis.body_paragraph_count(paragraphs[paragraphs.doc_id == "a"]) == 2


def test_gender_figures_draw():
    for ax in (plots.gender_bar(analysis.gender_balance(SPEAKERS)),
               plots.gender_share_by_bar(analysis.gender_by(SPEAKERS, DOCUMENTS, by="outlet"), by="outlet"),
               plots.unnamed_share_by_bar(analysis.unnamed_share_by(QUOTES, DOCUMENTS, by="month"))):
        assert ax.axison
    assert "not self-identified" in plots.gender_bar(analysis.gender_balance(SPEAKERS)).figure._suptitle.get_text()
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("article, expected_id, note", [
    ("b", "b", "article: b (T, 2020-01-20)"),
    ("x/b", "b", "article: b (T, 2020-01-20)"),  # by base name
    ("d", "a", "'d' is not an analysed article of this corpus; article: a (T, 2020-01-05), the first analysed one"),
    (None, "a", "article: a (T, 2020-01-05), the first analysed one"),
])
def test_choose_article(article, expected_id, note):
    doc, line = analysis.choose_article(DOCUMENTS.assign(title="T"), article)
    assert doc.doc_id == expected_id and line == note


def test_choose_article_without_analysed_documents():
    doc, line = analysis.choose_article(DOCUMENTS.assign(status="binary"), "a")
    assert doc is None and line == analysis.NO_DOCUMENT


# ---------------------------------------------------------------- evaluation on a corpus with or without gold
def _gold_file(folder, doc):
    import json

    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc}.json").write_text(json.dumps({"doc": doc, "mentions": [], "quotes": []}), encoding="utf-8")


def test_find_gold_uses_the_corpus_gold_folder(tmp_path):
    _gold_file(tmp_path / "gold", "a.txt")
    golds, line = analysis.find_gold(tmp_path)
    assert list(golds) == ["a.txt"] and line.endswith("(1 annotated article)")


@pytest.mark.parametrize("make_gold_dir", [False, True])
def test_find_gold_without_gold_says_so_in_one_line(tmp_path, make_gold_dir):
    if make_gold_dir:
        (tmp_path / "gold").mkdir()
    golds, line = analysis.find_gold(tmp_path)
    assert golds == {} and line.startswith("No gold annotations for this corpus") and line.endswith("scores are skipped.")
    assert "\n" not in line


@pytest.mark.parametrize("all_gold, gold, expected", [
    ({}, {}, "No gold annotations, so nothing is scored below."),
    ({"a.txt": {}, "b.txt": {}}, {}, "None of the 2 gold articles is an analysed article of this corpus: scores are skipped"),
    ({"a.txt": {}, "b.txt": {}}, {"a.txt": {}}, "1 of 2 gold articles are in the corpus and scored below."),
])
def test_coverage_line(all_gold, gold, expected):
    assert analysis.coverage_line(all_gold, gold).startswith(expected)


def test_most_quoted_by_leaves_out_places_as_speakers():
    q = QUOTES.assign(speaker_label=["PERSON", "PERSON", "UNNAMED", "GPE", "", "PERSON", "PERSON"])
    t = analysis.most_quoted_by(q, DOCUMENTS, by="outlet", n=5)
    assert "Kim Ode" not in set(t["speaker"]) and set(t["speaker"]) == {"Ann Lee", "Bob Roy"}
