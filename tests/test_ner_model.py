"""CRF entity recogniser: features, CoNLL reading and text rebuilding, label alignment, train/predict round trip, errors.

Every sentence here is invented for the tests; no benchmark data is used.
"""
from __future__ import annotations

import numpy as np
import pytest

from helpers import ner_model, text


def features_of(sentence: str) -> dict[str, list[str]]:
    """Return the features of each token of an invented sentence (tokenised and tagged by helpers.text)."""
    seg = text.segment(sentence)
    t = seg.tokens
    feats = ner_model.document_features(t["text"].tolist(), t["sentence_id"].tolist(), t["pos"].tolist())
    return {w: f for w, f in zip(t["text"].tolist(), feats)}


def doc_features(raw: str) -> list[tuple[str, list[str]]]:
    seg = text.segment(raw)
    t = seg.tokens
    return list(zip(t["text"].tolist(),
                    ner_model.document_features(t["text"].tolist(), t["sentence_id"].tolist(), t["pos"].tolist())))


# ---------------------------------------------------------------- features
@pytest.mark.parametrize("word, shape, short", [
    ("Brenford", "Xxxxxxxx", "Xx"),
    ("McAllen", "XxXxxxx", "XxXx"),
    ("ZÜRICH", "XXXXXX", "X"),
    ("1996-08-22", "dddd-dd-dd", "d-d-d"),
    ("U.S.", "X.X.", "X.X."),
])
def test_word_shape(word, shape, short):
    assert ner_model.word_shape(word) == shape
    assert ner_model.short_shape(word) == short


@pytest.mark.parametrize("word, key", [("Zürich", "zurich"), ("Liège", "liege"), ("ÉCOLE", "ecole"), ("Oslo", "oslo")])
def test_fold(word, key):
    assert ner_model.fold(word) == key


@pytest.mark.parametrize("sentence, word, present, absent", [
    ("Delegates met in Zurich on Friday.", "Zurich", ["cap", "g=ADMIN:B", "-1w=in", "p=NNP"], ["first_tok"]),
    ("Delegates met in Zürich on Friday.", "Zürich", ["cap", "g=ADMIN:B", "-1w=in"], []),
    ("Delegates met in Liege on Friday.", "Liege", ["g=ADMIN:B"], []),
    ("Fans travelled to Cologne by train.", "Cologne", ["g=CITYALT:B"], []),
    ("Senator Priya Halvorsen spoke first.", "Priya", ["-1title", "cap", "+1sh=Xx"], ["title"]),
    ("Senator Priya Halvorsen spoke first.", "Senator", ["title", "first_tok", "BOS"], []),
    ("Shares of Quillfeather Holdings Ltd fell.", "Holdings", ["+1legal"], ["legal"]),
    ("Shares of Quillfeather Holdings Ltd fell.", "Ltd", ["legal", "-1w=holdings"], ["EOS"]),
    ("The Tarvik River flooded again.", "River", ["head=LOC"], []),
    ("Officials of the Vennor University agreed.", "Vennor", ["+1head=ORG"], []),
    ("Analysts said Kenyan farmers gained.", "Kenyan", ["g=NORP:B", "demsuf"], []),
    ("Marguerite Olsen said the plan works.", "Olsen", ["+1cue", "-1first"], []),
    ("New York officials agreed.", "York", ["g=ADMIN:I"], ["g=ADMIN:B"]),
])
def test_token_features(sentence, word, present, absent):
    f = features_of(sentence)[word]
    for name in present:
        assert name in f, (name, f)
    for name in absent:
        assert name not in f, (name, f)


def test_accents_do_not_change_gazetteer_features():
    plain = [x for x in features_of("Talks in Zurich ended.")["Zurich"] if x.startswith(("g=", "g_eng"))]
    accented = [x for x in features_of("Talks in Zürich ended.")["Zürich"] if x.startswith(("g=", "g_eng"))]
    assert plain == accented and plain


@pytest.mark.parametrize("line, kind", [
    ("OSTRAVIA 2031-04-02", "caps"),
    ("TENNIS - VALDEZ BEATS ORLOV IN FINAL", "caps"),
    ("Harbour Board Approves New Ferry Route", "titlecase"),
    ("The harbour board approved a new ferry route.", None),
])
def test_line_kind_flag(line, kind):
    first = doc_features(line)[0][1]
    flags = [x for x in first if x.startswith("line=")]
    assert flags == ([f"line={kind}"] if kind else [])


def test_document_agreement_features():
    raw = ("BRENFORD MILLS CLOSE\n\nWorkers at Brenford said the mills will close.\n\nWill the town recover?")
    feats = doc_features(raw)
    by_word = {}
    for w, f in feats:
        by_word.setdefault(w, f)
    assert "doc=cap" in by_word["BRENFORD"]  # written capitalised mid-sentence in a normal line
    assert "doc=lower" in by_word["MILLS"]  # "mills" written in lower case elsewhere
    assert "doc=lower" in by_word["Will"]
    assert "doc=cap" not in by_word["Will"]


def test_sentence_features_is_one_sentence_document():
    words, pos = ["Anya", "Petrov", "arrived", "."], ["NNP", "NNP", "VBD", "."]
    f = ner_model.sentence_features(words, pos)
    assert len(f) == 4 and "first_tok" in f[0] and "EOS" in f[3] and "p=VBD" in f[2]


# ---------------------------------------------------------------- tags, CoNLL, alignment
@pytest.mark.parametrize("tags, spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
    (["I-ORG", "I-ORG", "O", "I-LOC", "I-LOC"], [(0, 2, "ORG"), (3, 5, "LOC")]),  # IOB1
    (["I-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")]),  # IOB1: two adjacent names
    (["B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),
    (["O", "O"], []),
    ([], []),
])
def test_decode(tags, spans):
    assert ner_model.decode(tags) == spans


CONLL_FIXTURE = """-DOCSTART- -X- -X- O

HARBOUR NNP B-NP I-ORG
BOARD NNP I-NP I-ORG
WINS VBZ B-VP O
VOTE NN B-NP O

Officials NNS B-NP O
of IN B-PP O
the DT B-NP O
Vennor NNP I-NP I-ORG
Harbour NNP I-NP I-ORG
Board NNP I-NP I-ORG
said VBD B-VP O
on IN B-PP O
Monday NNP B-NP O
that IN B-SBAR O
Anya NNP B-NP I-PER
Petrov NNP I-NP I-PER
( ( O O
Tarvik NNP B-NP I-LOC
) ) O O
was VBD B-VP O
n't RB O O
" " O O
ready JJ B-ADJP O
" " O O
. . O O

-DOCSTART- -X- -X- O

Ostravian JJ B-NP I-MISC
fishermen NNS I-NP O
's POS B-NP O
catch NN I-NP O
rose VBD B-VP O
5.1 CD B-NP O
% NN I-NP O
. . O O
"""


@pytest.fixture
def conll_file(tmp_path):
    p = tmp_path / "fixture.train"
    p.write_text(CONLL_FIXTURE, encoding="utf-8")
    return p


def test_read_conll(conll_file):
    docs = ner_model.read_conll(conll_file)
    assert [len(d.sentences) for d in docs] == [2, 1]
    assert docs[0].sentences[0][0] == ("HARBOUR", "I-ORG")
    assert docs[1].doc_id.endswith("#2")


def test_read_conll_rejects_lines_without_tags(tmp_path):
    p = tmp_path / "bad.train"
    p.write_text("-DOCSTART- -X- -X- O\n\nlonely\n", encoding="utf-8")
    with pytest.raises(ValueError, match="without an NER column"):
        ner_model.read_conll(p)


def test_rebuild_text(conll_file):
    docs = ner_model.read_conll(conll_file)
    raw, spans = ner_model.rebuild_text(docs[0])
    assert raw.startswith("HARBOUR BOARD WINS VOTE\n\nOfficials of the Vennor Harbour Board said")
    assert '(Tarvik) wasn\'t "ready".' in raw
    assert [(raw[s:e], t) for s, e, t in spans] == [("HARBOUR BOARD", "ORG"), ("Vennor Harbour Board", "ORG"),
                                                    ("Anya Petrov", "PER"), ("Tarvik", "LOC")]
    raw2, spans2 = ner_model.rebuild_text(docs[1])
    assert raw2 == "Ostravian fishermen's catch rose 5.1%."
    assert [(raw2[s:e], t) for s, e, t in spans2] == [("Ostravian", "MISC")]


@pytest.mark.parametrize("starts, ends, spans, tags", [
    ([0, 5, 11], [4, 10, 15], [(0, 10, "PER")], ["B-PER", "I-PER", "O"]),
    ([0, 5, 11], [4, 10, 15], [(5, 15, "ORG")], ["O", "B-ORG", "I-ORG"]),
    # the project splits one CoNLL token in two ("Tarvik-based" -> "Tarvik", "-based" ...): both parts overlap
    ([0, 6, 7], [6, 7, 12], [(0, 12, "MISC")], ["B-MISC", "I-MISC", "I-MISC"]),
    ([0, 5], [4, 10], [], ["O", "O"]),
    ([0, 5, 11], [4, 10, 15], [(0, 4, "PER"), (5, 10, "PER")], ["B-PER", "B-PER", "O"]),
])
def test_align_labels(starts, ends, spans, tags):
    assert ner_model.align_labels(starts, ends, spans) == tags


def test_make_example_aligns_project_tokens(conll_file):
    ex = ner_model.make_example(ner_model.read_conll(conll_file)[0])
    pairs = [(w, t) for w, t in zip(ex.tokens["text"], ex.tags) if t != "O"]
    assert pairs == [("HARBOUR", "B-ORG"), ("BOARD", "I-ORG"), ("Vennor", "B-ORG"), ("Harbour", "I-ORG"),
                     ("Board", "I-ORG"), ("Anya", "B-PER"), ("Petrov", "I-PER"), ("Tarvik", "B-LOC")]
    assert len(ex.features) == len(ex.tags) == len(ex.tokens)


# ---------------------------------------------------------------- training round trip
TRAIN_SENTENCES = [
    "Anya Petrov said the harbour would reopen in Tarvik next week.",
    "The Vennor Harbour Board met in Tarvik on Monday.",
    "Officials in Brenford said Anya Petrov had resigned.",
    "Dmitri Halvorsen joined the Vennor Harbour Board in Brenford.",
    "Ostravian fishermen protested in Tarvik.",
    "Dmitri Halvorsen said Ostravian boats were safe.",
    "The board said prices in Brenford rose.",
    "Anya Petrov and Dmitri Halvorsen travelled to Brenford.",
]
ENTITIES = {"Anya Petrov": "PER", "Dmitri Halvorsen": "PER", "Vennor Harbour Board": "ORG", "Tarvik": "LOC",
            "Brenford": "LOC", "Ostravian": "MISC"}


def fixture_documents() -> list[ner_model.ConllDocument]:
    """Return invented sentences as CoNLL documents (IOB2 tags from ENTITIES)."""
    docs = []
    for n, sent in enumerate(TRAIN_SENTENCES):
        words = sent[:-1].split() + ["."]
        tags = ["O"] * len(words)
        for name, typ in ENTITIES.items():
            parts = name.split()
            for i in range(len(words) - len(parts) + 1):
                if words[i:i + len(parts)] == parts:
                    tags[i:i + len(parts)] = [f"B-{typ}"] + [f"I-{typ}"] * (len(parts) - 1)
        docs.append(ner_model.ConllDocument(f"fixture#{n}", [list(zip(words, tags))]))
    return docs


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    examples = [ner_model.make_example(d) for d in fixture_documents()]
    ner_model.train(examples, path, params={"c1": 0.0, "c2": 0.01, "max_iterations": 60, "feature.minfreq": 1})
    return path


def test_train_predict_round_trip(tiny_model):
    raw = "Reporters said Anya Petrov visited Brenford.\n\nThe Vennor Harbour Board said Ostravian crews left Tarvik."
    spans = ner_model.entities_from_text(raw, doc_id="d1", model=tiny_model)
    assert list(spans.columns) == ner_model.SPAN_COLUMNS
    assert all(raw[s:e] == t for s, e, t in zip(spans["start"], spans["end"], spans["text"]))
    found = {(t, tag) for t, tag in zip(spans["text"], spans["tag"])}
    assert {("Anya Petrov", "PER"), ("Brenford", "LOC"), ("Tarvik", "LOC")} <= found
    assert spans["confidence"].between(0, 1).all()
    probs = spans[["p_per", "p_org", "p_loc", "p_misc"]].sum(axis=1)
    assert (probs <= 1.0001).all()
    petrov = spans[spans["text"] == "Anya Petrov"].iloc[0]
    assert petrov["label"] == "PERSON" and petrov["p_per"] == max(petrov[["p_per", "p_org", "p_loc", "p_misc"]])


def test_predict_keeps_raw_offsets_through_normalisation(tiny_model):
    raw = "Reporters said\u00a0 Anya\u00a0Petrov visited \u201cBrenford\u201d."
    seg = text.segment(raw)
    spans = ner_model.predict_spans(seg.tokens, raw=raw, model=tiny_model)
    assert all(raw[s:e] == t for s, e, t in zip(spans["start"], spans["end"], spans["text"]))
    without_raw = ner_model.predict_spans(seg.tokens, model=tiny_model)
    assert without_raw["start"].tolist() == spans["start"].tolist()


def test_training_is_deterministic(tiny_model, tmp_path):
    again = tmp_path / "again.crfsuite"
    examples = [ner_model.make_example(d) for d in fixture_documents()]
    ner_model.train(examples, again, params={"c1": 0.0, "c2": 0.01, "max_iterations": 60, "feature.minfreq": 1})
    assert again.read_bytes() == tiny_model.read_bytes()


def test_empty_tokens_table(tiny_model):
    seg = text.segment("")
    spans = ner_model.predict_spans(seg.tokens, model=tiny_model)
    assert spans.empty and list(spans.columns) == ner_model.SPAN_COLUMNS


# ---------------------------------------------------------------- errors, labels, scoring
def test_missing_model_message(tmp_path):
    with pytest.raises(ner_model.MissingModel, match=r"NER model not found: .*missing\.crfsuite.*scripts/train_ner\.py"):
        ner_model.crf_tagger(str(tmp_path / "missing.crfsuite"))


def test_unreadable_model_message(tmp_path):
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ner_model.MissingModel, match="unreadable"):
        ner_model.crf_tagger(str(bad))


@pytest.mark.parametrize("tag, words, label", [
    ("PER", ["Anya", "Petrov"], "PERSON"),
    ("ORG", ["Vennor", "Harbour", "Board"], "ORGANIZATION"),
    ("LOC", ["Oslo"], "GPE"),
    ("LOC", ["Tarvik", "River"], "LOCATION"),
    ("LOC", ["Middle", "East"], "LOCATION"),
    ("LOC", ["Brenford", "Airport"], "LOCATION"),
    ("MISC", ["Kenyan"], "NORP"),
    ("MISC", ["Ostravian"], "NORP"),
    ("MISC", ["Harbour", "Cup"], "MISC"),
])
def test_project_label(tag, words, label):
    assert ner_model.project_label(tag, words) == label


def test_score_spans():
    gold = [("d", 0, 5, "PER"), ("d", 10, 15, "ORG"), ("d", 20, 25, "LOC"), ("d", 30, 35, "MISC")]
    pred = [("d", 0, 5, "PER"), ("d", 10, 15, "LOC"), ("d", 20, 25, "LOC"), ("d", 30, 35, "MISC")]
    t = ner_model.score_spans(gold, pred, types=("PER", "ORG", "LOC")).set_index("type")
    assert t.loc["ALL", "tp"] == 2 and t.loc["ALL", "gold"] == 3 and t.loc["ALL", "pred"] == 3
    assert t.loc["ORG", "recall"] == 0.0 and t.loc["LOC", "precision"] == 0.5
    assert t.loc["ALL", "f1"] == pytest.approx(2 / 3)


def test_split_documents_is_seeded_and_disjoint():
    a = ner_model.split_documents(50, held_out=0.2, seed=7)
    b = ner_model.split_documents(50, held_out=0.2, seed=7)
    c = ner_model.split_documents(50, held_out=0.2, seed=8)
    assert a == b and a != c
    assert len(a[1]) == 10 and set(a[0]).isdisjoint(a[1]) and sorted(a[0] + a[1]) == list(range(50))


EQUIVALENCE_TEXT = ("OSTRAVIA PORT REOPENS\n\nTARVIK 2031-04-02\n\nAnya Petrov, who heads the Vennor Harbour Board, said on "
                    "Tuesday that Ostravian crews had left Tarvik for Brenford.\n\nThe board's chairman, Dmitri Halvorsen, "
                    "told reporters in Zurich the port would reopen.")


@pytest.mark.parametrize("which", ["tiny", "shipped"])
def test_numpy_tagger_matches_crfsuite(which, tiny_model):
    if which == "shipped" and not ner_model.MODEL_FILE.is_file():
        pytest.skip("no shipped model")
    path = str(tiny_model) if which == "tiny" else None
    seg = text.segment(EQUIVALENCE_TEXT)
    t = seg.tokens
    words, sids, pos = t["text"].tolist(), t["sentence_id"].tolist(), t["pos"].tolist()
    crf = ner_model.fast_crf(path)
    scores, bounds = crf.emissions(words, sids, pos)
    ids, marg = crf.tag(scores, bounds)
    one_by_one = crf.tag(scores, bounds, batch=1)  # batching sentences by length changes nothing
    assert (one_by_one[0] == ids).all() and np.allclose(one_by_one[1], marg, atol=1e-12)
    tagger = ner_model.crf_tagger(path)
    feats = ner_model.document_features(words, sids, pos)
    for a, b in bounds:
        expected = tagger.tag(feats[a:b])
        assert [crf.labels[y] for y in ids[a:b]] == expected
        for k in range(a, b):
            for y, lab in enumerate(crf.labels):
                assert marg[k, y] == pytest.approx(tagger.marginal(lab, k - a), abs=1e-9)


def test_type_scores_of_rule_spans(tiny_model):
    raw = "Reporters said Anya Petrov visited Brenford on Monday."
    seg = text.segment(raw)
    petrov = (raw.index("Anya"), raw.index(" visited"))
    brenford = (raw.index("Brenford"), raw.index(" on"))
    monday = (raw.index("Monday"), raw.index("."))
    scores = ner_model.type_scores(seg.tokens, [petrov, brenford, monday, (0, 0)], model=tiny_model)
    assert list(scores.columns) == ner_model.TYPE_SCORE_COLUMNS
    assert scores.iloc[0]["p_per"] == scores.iloc[0].max() and scores.iloc[1]["p_loc"] == scores.iloc[1].max()
    assert scores.iloc[2]["p_none"] == scores.iloc[2].max()
    assert scores.iloc[:3].sum(axis=1).round(3).tolist() == [1.0, 1.0, 1.0]
    assert scores.iloc[3].sum() == 0
