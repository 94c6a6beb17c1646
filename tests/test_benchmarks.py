"""Tests of the public-benchmark readers and scorers (helpers.polnear, helpers.conll, helpers.benchmarks) on small
fixtures written here: invented sentences, never benchmark data."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import benchmarks as bm
from helpers import conll as cn
from helpers import evaluate as ev
from helpers import polnear as pn

# ---------------------------------------------------------------- a tiny PolNeAR-style BRAT folder
ARTICLE = ("Mayor Lena Ortiz said the ferry would run again in May. "
           "\u201cWe are not done yet,\u201d she said, \u201cbut the hull is sound.\u201d\n\n"
           "Critics believe the plan costs too much. "
           "The harbour board called the delay \u201cregrettable\u201d on Tuesday.\n")
OTHER = "Residents of Elmford want a second pier. Tomas Berg, a fisherman, told the council it was overdue.\n"


def _t(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _ann(text: str, attributions: list[dict]) -> str:
    """Write BRAT lines for attributions given as {role: phrase, (phrase, nth) or [phrases]} located in text."""
    lines, t = [], 0
    for e, att in enumerate(attributions, 1):
        args = []
        for role, phrases in att.items():
            phrases = phrases if isinstance(phrases, list) else [phrases]
            spans = [_t(text, *p) if isinstance(p, tuple) else _t(text, p) for p in phrases]
            t += 1
            offs = ";".join(f"{s} {e_}" for s, e_ in spans)
            lines.append(f"T{t}\t{role} {offs}\t{' '.join(text[s:e_] for s, e_ in spans)}")
            args.append(f"{role}:T{t}")
        t += 1
        cue = _t(text, *att["Cue"]) if isinstance(att["Cue"], tuple) else _t(text, att["Cue"])
        lines.append(f"T{t}\tAttribution {cue[0]} {cue[1]}\t{text[cue[0]:cue[1]]}")
        etype = "Attribution" if "Source" in att else "Attribution-no-source"
        lines.append(f"E{e}\t{etype}:T{t} " + " ".join(args))
    return "\n".join(lines) + "\n"


ARTICLE_ATTS = [
    {"Source": "Mayor Lena Ortiz", "Cue": "said", "Content": "the ferry would run again in May"},
    {"Source": "she", "Cue": ("said", 1),
     "Content": ["\u201cWe are not done yet,\u201d", "\u201cbut the hull is sound.\u201d"]},
    {"Source": "Critics", "Cue": "believe", "Content": "the plan costs too much"},
    {"Source": "The harbour board", "Cue": "called", "Content": "the delay \u201cregrettable\u201d"},
]


def make_polnear(root: Path, *, split: str = "train", extra_annotator: bool = True, metadata: bool = True) -> Path:
    """Write a two-article PolNeAR-style folder under root and return root."""
    base = root / "data" / split
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir(parents=True)
    (base / "text" / "paper_2020-01-01_ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (base / "attributions" / "paper_2020-01-01_ferry_ab12.ann").write_text(_ann(ARTICLE, ARTICLE_ATTS),
                                                                          encoding="utf-8")
    if extra_annotator:  # a second annotator of the same article (agreement study): set aside
        (base / "attributions" / "paper_2020-01-01_ferry_cd34.ann").write_text(
            _ann(ARTICLE, ARTICLE_ATTS[:1]), encoding="utf-8")
    (base / "text" / "paper_2020-01-02_pier.txt").write_text(OTHER, encoding="utf-8")
    (base / "attributions" / "paper_2020-01-02_pier_ab12.ann").write_text(_ann(OTHER, [
        {"Source": "Residents of Elmford", "Cue": "want", "Content": "a second pier"},
        {"Source": "Tomas Berg, a fisherman,", "Cue": "told", "Content": "it was overdue"}]), encoding="utf-8")
    if metadata:
        (root / "data" / "metadata.tsv").write_text(
            "compartment\tfilename\tannotators\n"
            f"{split}\tpaper_2020-01-01_ferry\tab12|cd34\n{split}\tpaper_2020-01-02_pier\tab12\n", encoding="utf-8")
    return root


@pytest.fixture()
def polnear_dir(tmp_path: Path) -> Path:
    return make_polnear(tmp_path / "PolNeAR")


# ---------------------------------------------------------------- BRAT parsing
@pytest.mark.parametrize("ann, n_spans, n_events, problem", [
    ("T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nE1\tAttribution:T2 Source:T1 Cue:T2\n", 2, 1, None),
    ("T1\tContent 0 3;5 9\tab cd\n", 1, 0, None),
    ("T1\tContent 0 12\tfirst line\nsecond line\nE1\tAttribution:T1 Content:T1\n", 1, 1, None),  # text over a line break
    ("#1\tAnnotatorNotes T1\tunsure\nT1\tCue 0 4\tsaid\n", 1, 0, None),
    ("T1\tCue four 8\tsaid\n", 0, 0, "malformed span line"),
    ("T1\tCue 8 4\tsaid\n", 0, 0, "malformed span line"),
    ("T1\tCue 0 4\tsaid\nE1\tAttribution T1\n", 1, 0, "malformed event line"),
    ("stray words\n", 0, 0, "unrecognised line"),
])
def test_parse_ann(ann, n_spans, n_events, problem):
    spans, events, problems = pn.parse_ann(ann, name="x.ann")
    assert (len(spans), len(events)) == (n_spans, n_events)
    assert [p["problem"].split(":")[0] for p in problems] == ([problem] if problem else [])


def test_parse_ann_roles_and_segments():
    spans, events, _ = pn.parse_ann("T1\tContent 0 3;5 9\tab cd\nT2\tContent 12 15\tx\n"
                                    "E1\tAttribution:T1 Content:T1 Content2:T2\n")
    assert spans["T1"]["segments"] == [(0, 3), (5, 9)]
    assert events[0]["args"] == {"Content": ["T1", "T2"]}  # Content2 joins the content


# ---------------------------------------------------------------- kind, speech, sources
@pytest.mark.parametrize("text, phrase_pieces, kind", [
    ("He said \u201cwe will win\u201d today.", ["\u201cwe will win\u201d"], "direct"),
    ("He said \u201cwe will win\u201d today.", ["we will win"], "direct"),  # marks left out of the content
    ("He said the vote was \u201cfair and final\u201d again.", ["the vote was \u201cfair and final\u201d"], "mixed"),
    ("He said the vote was fair.", ["the vote was fair"], "indirect"),
    ("He said, ''we will win,'' and left.", ["''we will win,''"], "direct"),  # two apostrophes
    ("\u201cWe lost,\u201d she said, \u201cbut we learned.\u201d",
     ["\u201cWe lost,\u201d", "\u201cbut we learned.\u201d"], "direct"),
    ("\u201cWe lost,\u201d she said, \u201cbut we learned.\u201d", ["We lost,", "but we learned."], "direct"),
    ("He said \u2018we will win\u2019 twice.", ["\u2018we will win\u2019"], "direct"),
    ("The mayor\u2019s view is that the town\u2019s debt is fine.", ["the town\u2019s debt is fine"], "indirect"),
])
def test_quote_kind(text, phrase_pieces, kind):
    pieces = [_t(text, p) for p in phrase_pieces]
    assert pn.quote_kind(text, pieces) == kind


@pytest.mark.parametrize("cue, lemma", [
    ("said", "say"), ("also told", "tell"), ("said in a statement", "say"), ("according to", "according to"),
    ("believe", ""), ("found", ""), ("shows", ""), ("wants", ""),
])
def test_cue_lemma_uses_the_package_lexicon(cue, lemma):
    assert pn.cue_lemma(cue, pn.cue_forms(None)) == lemma


@pytest.mark.parametrize("kind, lemma, reason", [
    ("direct", "", "quotation marks"), ("mixed", "", "quotation marks"), ("indirect", "say", "speech cue"),
    ("indirect", "", "not speech"),
])
def test_speech_reason(kind, lemma, reason):
    assert pn.speech_reason(kind, lemma) == reason


def test_cue_forms_from_another_file(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("# comment\nlemma,forms\nslam,slam|slams|slammed\n", encoding="utf-8")
    assert pn.cue_lemma("slammed", pn.cue_forms(str(path))) == "slam"
    bad = tmp_path / "bad.csv"
    bad.write_text("word\nslam\n", encoding="utf-8")
    with pytest.raises(bm.BenchmarkError, match="lemma"):
        pn.cue_forms(str(bad))


@pytest.mark.parametrize("source, article, expected", [
    ("Mayor Lena Ortiz", "", ("Lena Ortiz", "named")),
    ("Sen. Ada Quill (D-Ore.)", "", ("Ada Quill", "named")),
    ("his spokesman, Jon Vale", "", ("Jon Vale", "named")),
    ("a spokesman for Ortiz", "", ("", "description")),
    ("Officials in Elmford", "", ("", "description")),
    ("Ortiz", "and then Ortiz left", ("Ortiz", "named")),
    ("Critics", "the critics", ("", "description")),
    ("the Ortiz campaign", "", ("", "description")),
    ("she", "", ("", "pronoun")),
    ("", "", ("", "none")),
    ("the Harbour Safety Board", "", ("Harbour Safety Board", "named")),
    ("Rep. Ada Quill of New Elmford, a harbour ally", "", ("Ada Quill", "named")),
    ("Gov. Tomas Berg of Elmford", "", ("Tomas Berg", "named")),
    ("Secretary of State Lena Ortiz", "", ("State Lena Ortiz", "named")),
    ("the University of Elmford", "", ("University of Elmford", "named")),
    ("Ortiz\u2019s", "met Ortiz", ("Ortiz", "named")),
])
def test_source_name(source, article, expected):
    assert pn.source_name(source, article) == expected


@pytest.mark.parametrize("pred, gold, ok", [
    ("Lena Ortiz", "Lena Ortiz", True), ("Lena Ortiz", "Ortiz", True), ("Ortiz", "Lena Ortiz", True),
    ("Lena Ortiz", "Mayor Lena Ortiz", True), ("Lena Maria Ortiz", "Lena Ortiz", True),
    ("Paul Ortiz", "Lena Ortiz", False), ("Lena Ortiz", "Tomas Berg", False), ("", "Tomas Berg", False),
])
def test_same_speaker(pred, gold, ok):
    assert pn.same_speaker(pred, gold) is ok


# ---------------------------------------------------------------- reading a split
def test_read_polnear_tables(polnear_dir):
    data = pn.read_polnear(polnear_dir, split="train")
    assert list(data.texts["doc_id"]) == ["paper_2020-01-01_ferry.txt", "paper_2020-01-02_pier.txt"]
    assert list(data.texts["annotator"]) == ["ab12", "ab12"]  # the first listed annotator is scored
    assert data.set_aside == ["paper_2020-01-01_ferry_cd34.ann"]
    a = data.attributions.set_index(["doc_id", "attribution_id"])
    ferry = a.loc["paper_2020-01-01_ferry.txt"]
    assert list(ferry["kind"]) == ["indirect", "direct", "indirect", "mixed"]
    assert list(ferry["is_speech"]) == [True, True, False, True]
    assert list(ferry["speech_reason"]) == ["speech cue", "quotation marks", "not speech", "quotation marks"]
    assert list(ferry["frame"]) == ["S C Q", "Q S C", "S C Q", "S C Q"]
    assert list(ferry["source_kind"]) == ["named", "pronoun", "description", "description"]
    first = ferry.iloc[0]
    s, e = pn.parse_spans(first["content_spans"])[0]
    assert ARTICLE[s:e] == first["content_text"] == "the ferry would run again in May"
    assert len(pn.parse_spans(ferry.iloc[1]["content_spans"])) == 2
    pier = a.loc["paper_2020-01-02_pier.txt"]
    assert list(pier["is_speech"]) == [False, True]
    assert pier.iloc[1]["source_name"] == "Tomas Berg"


def test_read_polnear_limit(polnear_dir):
    assert len(pn.read_polnear(polnear_dir, split="train", limit=1).texts) == 1


@pytest.mark.parametrize("where, split, message", [
    ("missing", "train", "not found"),
    ("root", "validation", "unknown PolNeAR split"),
    ("root", "dev", "no 'dev' split"),
    ("split folder", "test", "refusing to read another split"),
])
def test_read_polnear_refuses(polnear_dir, tmp_path, where, split, message):
    path = {"missing": tmp_path / "nowhere", "root": polnear_dir,
            "split folder": polnear_dir / "data" / "train"}[where]
    with pytest.raises(bm.BenchmarkError, match=message):
        pn.read_polnear(path, split=split)


def test_read_polnear_file_problems(polnear_dir):
    base = polnear_dir / "data" / "train"
    (base / "attributions" / "paper_2020-01-03_lost_ab12.ann").write_text("T1\tCue 0 4\tsaid\n", encoding="utf-8")
    (base / "text" / "paper_2020-01-04_alone.txt").write_text("Nothing was said.\n", encoding="utf-8")
    # an annotation whose offsets belong to another text: not scored
    (base / "text" / "paper_2020-01-05_swap.txt").write_text("Short.\n", encoding="utf-8")
    (base / "attributions" / "paper_2020-01-05_swap_ab12.ann").write_text(_ann(OTHER, [
        {"Source": "Tomas Berg, a fisherman,", "Cue": "told", "Content": "it was overdue"}]), encoding="utf-8")
    data = pn.read_polnear(polnear_dir, split="train")
    errors = data.problems[data.problems["severity"] == "error"]
    text = " ".join(errors["file"] + ": " + errors["problem"])
    assert "paper_2020-01-03_lost_ab12.ann: no text file" in text
    assert "paper_2020-01-04_alone.txt: text without an annotation" in text
    assert "paper_2020-01-05_swap_ab12.ann" in text and "beyond the text" in text
    assert "paper_2020-01-05_swap.txt" not in set(data.texts["doc_id"])
    assert len(data.texts) == 2


def test_read_polnear_refuses_files_of_another_split(tmp_path):
    root = make_polnear(tmp_path / "P", metadata=False)
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\tpaper_2020-01-01_ferry\tab12\ntrain\tpaper_2020-01-02_pier\tab12\n",
        encoding="utf-8")
    data = pn.read_polnear(root, split="train")
    assert list(data.texts["doc_id"]) == ["paper_2020-01-02_pier.txt"]
    assert data.problems["problem"].str.contains("'dev' split: refused").any()


# ---------------------------------------------------------------- statements and scoring
TWO_PIECES = "\u201cWe lost,\u201d she said, \u201cbut we learned.\u201d She added that \u201cit hurt.\u201d\n"


def _quotes(rows: list[tuple], **extra) -> pd.DataFrame:
    cols = ["quote_id", "paragraph_id", "kind", "start", "end", "cue", "speaker", "speaker_mention"]
    df = pd.DataFrame(rows, columns=cols).assign(doc_id="d.txt")
    for k, v in extra.items():
        df[k] = v
    return df


def test_statements_grouped_around_one_cue():
    t = TWO_PIECES
    a, b, c = _t(t, "We lost,"), _t(t, "but we learned."), _t(t, "it hurt.")
    q = _quotes([(0, 0, "direct", *a, "said", "Ann Lee", "she"), (1, 0, "direct", *b, "said", "Ann Lee", "she"),
                 (2, 0, "mixed", c[0] - 5, c[1] + 1, "added", "Ann Lee", "She")])
    st = pn.predicted_statements(q, t)
    assert list(st["quote_ids"]) == ["0|1", "2"]
    assert pn.parse_spans(st.iloc[0]["spans"]) == [a, b]


@pytest.mark.parametrize("speakers, cues, groups", [
    (("Ann Lee", "Ann Lee"), ("said", "said"), ["0|1"]),
    (("Ann Lee", "Bo Kim"), ("said", "said"), ["0", "1"]),  # another speaker
    (("Ann Lee", "Ann Lee"), ("said", "added"), ["0", "1"]),  # another cue: another statement
    (("Ann Lee", "Ann Lee"), ("said", ""), ["0|1"]),  # continuation without a cue
])
def test_statement_grouping_fallback(speakers, cues, groups):
    t = TWO_PIECES
    a, b = _t(t, "We lost,"), _t(t, "but we learned.")
    q = _quotes([(0, 0, "direct", *a, cues[0], speakers[0], ""), (1, 0, "direct", *b, cues[1], speakers[1], "")])
    assert list(pn.predicted_statements(q, t)["quote_ids"]) == groups


def test_statement_id_column_wins():
    t = TWO_PIECES
    a, b = _t(t, "We lost,"), _t(t, "but we learned.")
    q = _quotes([(0, 0, "direct", *a, "said", "Ann Lee", ""), (1, 0, "direct", *b, "said", "Ann Lee", "")],
                statement_id=[0, 1], rule=["frame/colon", "frame/split"])
    st = pn.predicted_statements(q, t)
    assert list(st["quote_ids"]) == ["0", "1"]
    assert list(st["rule"]) == ["frame/colon", "frame/split"]


def test_statement_id_groups_rows_and_blank_ids_stand_alone():
    t = TWO_PIECES
    a, b, c = _t(t, "We lost,"), _t(t, "but we learned."), _t(t, "it hurt.")
    q = _quotes([(0, 0, "direct", *a, "said", "Ann Lee", ""), (1, 0, "direct", *b, "said", "Ann Lee", ""),
                 (2, 0, "direct", *c, "added", "Ann Lee", "")], statement_id=["s1", "s1", None])
    assert list(pn.predicted_statements(q, t)["quote_ids"]) == ["0|1", "2"]


def _atts(rows: list[tuple]) -> pd.DataFrame:
    """Attribution rows: (id, spans, is_speech, kind, source_kind, source_name)."""
    out = []
    for aid, spans, speech, kind, skind, sname in rows:
        sp = [tuple(x) for x in spans]
        out.append({"doc_id": "d.txt", "attribution_id": aid, "type": "Attribution", "source_spans": "",
                    "source_text": sname, "cue_spans": "", "cue_text": "said", "content_spans": bm.spans_text(sp),
                    "content_start": sp[0][0], "content_end": sp[-1][1], "content_text": "x", "frame": "S C Q",
                    "kind": kind, "is_speech": speech, "speech_reason": "speech cue" if speech else "not speech",
                    "cue_lemma": "say" if speech else "", "source_kind": skind, "source_name": sname})
    return pd.DataFrame(out, columns=pn.ATTRIBUTION_COLUMNS)


def _statements(rows: list[tuple]) -> pd.DataFrame:
    """Predicted statements: (spans, kind, speaker, rule)."""
    out = []
    for k, (spans, kind, speaker, rule) in enumerate(rows):
        out.append({"doc_id": "d.txt", "statement": k, "quote_ids": str(k), "spans": bm.spans_text(spans),
                    "start": spans[0][0], "end": spans[-1][1], "kind": kind, "speaker": speaker,
                    "speaker_mention": "", "cue": "said", "rule": rule, "n_rows": 1, "content": "x"})
    return pd.DataFrame(out, columns=pn.STATEMENT_COLUMNS)


def test_score_document_causes():
    raw = "x" * 1000
    atts = _atts([
        ("E1", [(0, 100)], True, "direct", "named", "Ann Lee"),  # found, right speaker
        ("E2", [(200, 300)], True, "indirect", "named", "Bo Kim"),  # found, wrong speaker, wrong kind
        ("E3", [(400, 500)], True, "mixed", "pronoun", ""),  # overlapped by 10%: boundary
        ("E4", [(600, 650), (700, 750)], True, "direct", "none", ""),  # missed
        ("E5", [(800, 900)], False, "indirect", "named", "Cy Park"),  # not speech
    ])
    st = _statements([([(10, 100)], "direct", "Ann Lee", "r1"), ([(200, 290)], "mixed", "Ann Lee", "r2"),
                      ([(490, 590)], "direct", "", "r1"), ([(800, 880)], "indirect", "Cy Park", "r2"),
                      ([(950, 990)], "direct", "Dee", "r3")])
    matches, errors, c = pn.score_document(atts, st, raw)
    assert (c["gold"], c["pred"], c["tp"], c["ignored"], c["fp"]) == (4, 5, 2, 1, 2)
    causes = sorted(e["cause"] for e in errors)
    assert causes == sorted(["wrong speaker", "wrong kind", "boundary (overlap below 50%)", "missed",
                             "ignored (non-speech attribution)", "spurious"])
    assert c["named"] == 2 and c["named_ok"] == 1
    assert [m["found"] for m in matches] == [True, True, False, False]


def test_multi_piece_statement_matches_its_pieces():
    atts = _atts([("E1", [(0, 40), (60, 100)], True, "direct", "named", "Ann Lee")])
    st = _statements([([(1, 39), (61, 99)], "direct", "Ann Lee", "")])
    _, errors, c = pn.score_document(atts, st, "x" * 120)
    assert c["tp"] == 1 and not [e for e in errors if e["cause"] != "loose boundary (matched)"]


CONSTRUCTION_TEXT = "Headline Says Ferry Returns\n\n"


@pytest.mark.parametrize("sentence, parts, construction", [
    ("Critics said ''it is late,'' again.", {"Source": "Critics", "Cue": "said", "Content": "''it is late,''"},
     "two-apostrophe"),
    (None, {"Source": "Headline", "Cue": "Says", "Content": "Ferry Returns"}, "headline"),
    ("Ortiz slammed the plan as \u201ca waste.\u201d", {"Source": "Ortiz", "Cue": "slammed",
                                                        "Content": "the plan as \u201ca waste.\u201d"}, "outside the lexicon"),
    ("It was announced that the pier will close.", {"Cue": "announced", "Content": "the pier will close"}, "no source"),
    ("Most residents said the pier should stay.", {"Source": "Most residents", "Cue": "said",
                                                  "Content": "the pier should stay"}, "quantity"),
    ("Ortiz urged the board to act.", {"Source": "Ortiz", "Cue": "urged", "Content": "the board to act"}, "request"),
    ("Ortiz claimed victory on Sunday.", {"Source": "Ortiz", "Cue": "claimed", "Content": "victory"}, "noun-phrase"),
    ("The pier will close, Ortiz said.", {"Source": "Ortiz", "Cue": "said", "Content": "The pier will close"},
     "unquoted clause before"),
    ("\u201cThe pier will close,\u201d Ortiz said.", {"Source": "Ortiz", "Cue": "said",
                                                      "Content": "\u201cThe pier will close,\u201d"}, "quotation before"),
    ("Ortiz said in a statement that the pier will close.", {"Source": "Ortiz", "Cue": "said",
                                                             "Content": "the pier will close"}, "words between"),
    ("Her office said the pier will close.", {"Source": "Her office", "Cue": "said",
                                              "Content": "the pier will close"}, "description"),
    ("She said the pier will close.", {"Source": "She", "Cue": "said", "Content": "the pier will close"}, "pronoun"),
    ("Lena Ortiz said the pier will close.", {"Source": "Lena Ortiz", "Cue": "said",
                                              "Content": "the pier will close"}, "named source"),
])
def test_missed_construction(sentence, parts, construction):
    raw = CONSTRUCTION_TEXT + (sentence + "\n" if sentence else "Filler text.\n")
    rows, _ = pn.attributions_of(raw, _ann(raw, [parts]), doc_id="d.txt")
    g = dict(zip(pn.ATTRIBUTION_COLUMNS, rows[0]))
    assert construction in pn.construction(g, raw)


# ---------------------------------------------------------------- end to end on the fixture
def test_polnear_cli_end_to_end(polnear_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert ev.main(["--polnear", str(polnear_dir), "--split", "train", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "PolNeAR train: 2 articles, 6 attributions, 4 speech" in printed
    assert "speech statements: P/R/F1" in printed and "recall by kind" in printed
    for name in ("attributions", "statements", "matches", "errors", "problems", "quotes"):
        assert (out / f"{name}.csv").is_file()
    matches = pd.read_csv(out / "matches.csv")
    # the plainest construction of all: a named speaker, `said`, a reported clause
    assert matches.set_index("attribution_id").loc["E1", "found"].any()


@pytest.mark.parametrize("argv, message", [
    (["--polnear", "X"], "needs --split"),
    (["--polnear", "X", "--split", "train", "--conll", "Y"], "one benchmark at a time"),
    ([], "GOLD and PRED"),
])
def test_evaluate_cli_argument_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        ev.main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_polnear_cli_missing_folder(tmp_path, capsys):
    assert ev.main(["--polnear", str(tmp_path / "none"), "--split", "train"]) == 2
    assert "not found" in capsys.readouterr().err


# ---------------------------------------------------------------- CoNLL
# invented news: (token, POS, chunk, IOB2 tag, IOB1 tag)
CONLL_SENTENCES = [
    [("HARBOUR", "NNP", "B-NP", "O", "O"), ("TALKS", "NNP", "I-NP", "O", "O")],
    [("ELMFORD", "NNP", "B-NP", "B-LOC", "I-LOC"), ("1999-05-02", "CD", "I-NP", "O", "O")],
    [("Lena", "NNP", "B-NP", "B-PER", "I-PER"), ("Ortiz", "NNP", "I-NP", "I-PER", "I-PER"),
     ("of", "IN", "B-PP", "O", "O"), ("the", "DT", "B-NP", "O", "O"), ("Harbour", "NNP", "I-NP", "B-ORG", "I-ORG"),
     ("Board", "NNP", "I-NP", "I-ORG", "I-ORG"), ("said", "VBD", "B-VP", "O", "O"), ("\"", '"', "O", "O", "O"),
     ("we", "PRP", "B-NP", "O", "O"), ("do", "VBP", "B-VP", "O", "O"), ("n't", "RB", "I-VP", "O", "O"),
     ("know", "VB", "I-VP", "O", "O"), ("\"", '"', "O", "O", "O"), ("(", "(", "O", "O", "O"),
     ("Reuters", "NNP", "B-NP", "B-ORG", "I-ORG"), (")", ")", "O", "O", "O"), (".", ".", "O", "O", "O")],
    [("Elmford", "NNP", "B-NP", "B-ORG", "I-ORG"), ("beat", "VBD", "B-VP", "O", "O"),
     ("Dunmore", "NNP", "B-NP", "B-ORG", "B-ORG"), ("Rovers", "NNP", "I-NP", "I-ORG", "I-ORG"),
     (",", ",", "O", "O", "O"), ("a", "DT", "B-NP", "O", "O"), ("Welsh", "JJ", "I-NP", "B-MISC", "I-MISC"),
     ("club", "NN", "I-NP", "O", "O"), ("'s", "POS", "B-NP", "O", "O"), ("side", "NN", "I-NP", "O", "O"),
     ("$", "$", "B-NP", "O", "O"), ("5", "CD", "I-NP", "O", "O"), (".", ".", "O", "O", "O")],
]
# IOB1 needs B- where two names of one type touch
CONLL_TOUCHING = [("Ortiz", "NNP", "B-NP", "B-PER", "I-PER"), ("Berg", "NNP", "I-NP", "B-PER", "B-PER"),
                  ("met", "VBD", "B-VP", "O", "O")]


def conll_text(style: str, *, columns: int = 4, docstart: bool = True, docs: int = 2) -> str:
    col = 3 if style == "IOB2" else 4
    lines = []
    for _ in range(docs):
        if docstart:
            lines += ["-DOCSTART- -X- -X- O", ""]
        for sent in CONLL_SENTENCES + [CONLL_TOUCHING]:
            for row in sent:
                fields = row[:3] + (row[col],) if columns == 4 else (row[0], row[col])
                lines.append(" ".join(fields))
            lines.append("")
    return "\n".join(lines) + "\n"


EXPECTED_NAMES = [("ELMFORD", "LOC"), ("Lena Ortiz", "PER"), ("Harbour Board", "ORG"), ("Reuters", "ORG"),
                  ("Elmford", "ORG"), ("Dunmore Rovers", "ORG"), ("Welsh", "MISC"), ("Ortiz", "PER"), ("Berg", "PER")]


@pytest.mark.parametrize("style", ["IOB1", "IOB2"])
@pytest.mark.parametrize("columns", [4, 2])
def test_read_conll_both_styles(tmp_path, style, columns):
    path = tmp_path / "tiny.txt"
    path.write_text(conll_text(style, columns=columns), encoding="utf-8")
    data = cn.read_conll(path)
    assert data.scheme == style
    assert len(data.documents) == 2 and data.problems.empty
    doc1 = data.entities[data.entities["doc_id"] == "tiny-0001"]
    assert list(zip(doc1["text"], doc1["type"])) == EXPECTED_NAMES
    text = data.documents.iloc[0]["text"]
    for r in data.tokens.to_dict("records"):
        if r["doc_id"] == "tiny-0001":
            assert text[r["start"]:r["end"]] == r["token"]
    for r in doc1.to_dict("records"):
        assert text[r["start"]:r["end"]] == r["text"]
    assert 'Lena Ortiz of the Harbour Board said "we don\'t know" (Reuters).' in text
    assert "Dunmore Rovers, a Welsh club's side $5." in text
    assert text.startswith("HARBOUR TALKS\n\nELMFORD 1999-05-02\n\n")


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_read_conll_separator_keeps_offsets(tmp_path, separator):
    path = tmp_path / "tiny.txt"
    path.write_text(conll_text("IOB2", docs=1), encoding="utf-8")
    data = cn.read_conll(path, separator=separator)
    text = data.documents.iloc[0]["text"]
    assert text.startswith("HARBOUR TALKS" + separator + "ELMFORD")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in data.entities.to_dict("records"))


@pytest.mark.parametrize("tokens, text", [
    (["He", "said", ",", "\"", "yes", "\"", "."], 'He said, "yes".'),
    (["It", "is", "n't", "Ann", "'s", "(", "really", ")", "!"], "It isn't Ann's (really)!"),
    (["up", "5", "%", "to", "$", "3"], "up 5% to $3"),
    (["SOCCER", "-", "ELMFORD", "WIN"], "SOCCER - ELMFORD WIN"),
])
def test_detokenise(tokens, text):
    out, offsets = cn.detokenise(tokens)
    assert out == text
    assert [out[a:b] for a, b in offsets] == tokens


@pytest.mark.parametrize("tags, spans", [
    (["I-PER", "I-PER", "O", "I-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),  # IOB1
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),  # IOB2
    (["I-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")]),  # IOB1 touching names
    (["B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),  # a type change starts a name
    (["S-LOC", "B-ORG", "E-ORG", "O"], [(0, 1, "LOC"), (1, 3, "ORG")]),  # IOBES
])
def test_entity_spans(tags, spans):
    assert cn.entity_spans(tags) == spans


@pytest.mark.parametrize("content, problem", [
    ("-DOCSTART- -X- -X- O\n\nAnn NNP B-NP B-PER\nlone\n", "only one column"),
    ("-DOCSTART- -X- -X- O\n\nAnn NNP B-NP B-PERSON_X\n", "unknown tag"),
    ("Ann NNP B-NP B-PER\n", "no -DOCSTART- line"),
    ("-DOCSTART- -X- -X- O\n\n-DOCSTART- -X- -X- O\n\nAnn B-PER\n", "empty document"),
])
def test_read_conll_problems(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    data = cn.read_conll(path)
    assert data.problems["problem"].str.contains(problem).any()
    assert len(data.documents) == 1


@pytest.mark.parametrize("content, message", [(None, "not found"), ("", "no tokens"), ("\n\n", "no tokens")])
def test_read_conll_errors(tmp_path, content, message):
    path = tmp_path / "x.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(bm.BenchmarkError, match=message):
        cn.read_conll(path)


def _ents(rows):
    return pd.DataFrame([("d", s, e, t, f"w{s}") for s, e, t in rows], columns=cn.ENTITY_COLUMNS)


def test_conll_scores_by_hand():
    gold = _ents([(0, 5, "PER"), (10, 20, "ORG"), (30, 35, "LOC"), (40, 45, "MISC"), (50, 55, "LOC")])
    pred = _ents([(0, 5, "PER"), (10, 15, "ORG"), (30, 35, "ORG"), (40, 45, "MISC"), (60, 65, "PER")])
    t3 = cn.scores(gold, pred, types=cn.TYPES_3).set_index(["type", "match"])
    assert (t3.loc[("ALL", "exact"), "tp"], t3.loc[("ALL", "exact"), "gold"], t3.loc[("ALL", "exact"), "pred"]) == (1, 4, 4)
    assert t3.loc[("ALL", "lenient"), "tp"] == 2  # the ORG with a shorter span
    assert t3.loc[("untyped", "exact"), "tp"] == 2  # PER and the LOC typed ORG
    assert t3.loc[("untyped", "lenient"), "tp"] == 3
    assert t3.loc[("ORG", "exact"), "f1"] == 0.0 and t3.loc[("ORG", "lenient"), "recall"] == 1.0
    t4 = cn.scores(gold, pred, types=cn.TYPES_4).set_index(["type", "match"])
    assert t4.loc[("ALL", "exact"), "tp"] == 2 and t4.loc[("MISC", "exact"), "f1"] == 1.0


def test_conll_alignment_and_confusion():
    gold = _ents([(0, 5, "PER"), (10, 20, "ORG"), (30, 35, "LOC"), (40, 48, "MISC"), (50, 55, "LOC")])
    pred = _ents([(0, 5, "PER"), (10, 15, "ORG"), (30, 35, "ORG"), (40, 45, "ORG"), (60, 65, "PER")])
    al = cn.align(gold, pred)
    assert list(al["cause"]) == ["correct", "wrong boundary", "wrong type", "wrong type and boundary", "missed",
                                 "spurious"]
    conf = cn.confusion(al)
    assert conf.loc["LOC", "ORG"] == 1 and conf.loc["LOC", "NONE"] == 1 and conf.loc["NONE", "PER"] == 1
    freq = cn.frequent_errors(al)
    assert set(freq["cause"]) == {"wrong boundary", "wrong type", "wrong type and boundary", "missed", "spurious"}


@pytest.mark.parametrize("line, shape", [
    ("SOCCER - ELMFORD WIN AGAIN.", "capitals"), ("ELMFORD 1999-05-02", "capitals"),
    ("Elmford 3 Dunmore 1", "table"), ("Elmford 12 8 2 2 30 11 26", "table"),
    ("Lena Ortiz said the pier would close in 2001.", "prose"), ("", "prose"),
])
def test_line_shape(line, shape):
    assert cn.line_shape(line) == shape


def test_predicted_entities_mapping():
    m = pd.DataFrame({"doc_id": ["d"] * 6, "start": range(6), "end": range(1, 7), "text": list("abcdef"),
                      "label": ["PERSON", "ORGANIZATION", "GPE", "LOCATION", "NORP", "EVENT"]})
    pred, ignored = cn.predicted_entities(m)
    assert list(pred["type"]) == ["PER", "ORG", "LOC", "LOC", "MISC"] and ignored == 1


def test_conll_cli_end_to_end(tmp_path, capsys):
    path = tmp_path / "tiny.txt"
    path.write_text(conll_text("IOB1", docs=1), encoding="utf-8")
    out = tmp_path / "out"
    assert ev.main(["--conll", str(path), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 documents" in printed and "over PER/ORG/LOC" in printed and "confusion" in printed
    scores = pd.read_csv(out / "scores_per_org_loc.csv")
    assert set(scores["type"]) == {"PER", "ORG", "LOC", "ALL", "untyped"}
    assert (out / "alignment.csv").is_file() and (out / "metrics.json").is_file()


def test_conll_cli_missing_file(tmp_path, capsys):
    assert ev.main(["--conll", str(tmp_path / "none.txt")]) == 2
    assert "not found" in capsys.readouterr().err


# ---------------------------------------------------------------- the entry point
def test_benchmarks_entry_point_skips_absent_data(tmp_path, capsys):
    assert bm.main(["--polnear", str(tmp_path / "p"), "--conll", str(tmp_path / "c.txt")]) == 0
    printed = capsys.readouterr().out
    assert "PolNeAR skipped" in printed and "CoNLL-2003 skipped" in printed


def test_benchmarks_entry_point_runs_present_data(polnear_dir, tmp_path, capsys):
    path = tmp_path / "tiny.txt"
    path.write_text(conll_text("IOB2", docs=1), encoding="utf-8")
    assert bm.main(["--polnear", str(polnear_dir), "--conll", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "PolNeAR train: 2 articles" in printed and "CoNLL tiny.txt: 1 documents" in printed


@pytest.mark.parametrize("a, b, ok", [
    ([(0, 10)], [(5, 15)], True), ([(0, 10)], [(6, 30)], False), ([(0, 10), (20, 30)], [(0, 10)], True),
    ([(0, 10)], [(10, 20)], False),
])
def test_half_of_shorter(a, b, ok):
    assert bm.half_of_shorter(a, b) is ok
