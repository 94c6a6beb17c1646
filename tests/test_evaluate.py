"""Tests of helpers.evaluate: hand-computed metrics on tiny gold, error tables, gold reading, baseline, and a
cross-check against the development scorer (../shared/tools/score.py) when it is available."""
from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import helpers.paths
from helpers import evaluate as ev

SCORE_PY = Path(helpers.paths.ROOT).parent / "shared" / "tools" / "score.py"
SHARED_GOLD = Path(helpers.paths.ROOT).parent / "shared" / "gold"
SEED_GOLD = helpers.paths.SEEDS_DIR / "gold"

# "Joe Biden met Putin in Moscow." ... offsets are only compared, so the text itself is not needed
GOLD = {
    "a.txt": {
        "doc": "a.txt",
        "mentions": [
            {"start": 0, "end": 9, "text": "Joe Biden", "label": "PERSON", "canonical": "Joe Biden"},
            {"start": 14, "end": 19, "text": "Putin", "label": "PERSON", "canonical": "Vladimir Putin"},
            {"start": 23, "end": 29, "text": "Moscow", "label": "GPE", "canonical": "Moscow"},
        ],
        "aliases": {"Vladimir Putin": ["Putin"], "Joe Biden": ["Biden"]},
        "quotes": [
            {"kind": "direct", "speaker": "Joe Biden", "speaker_mention": "Biden", "cue": "said",
             "content": "x" * 40, "start": 100, "end": 140},
            {"kind": "indirect", "speaker": None, "speaker_mention": "experts", "cue": "say",
             "content": "y" * 20, "start": 200, "end": 220},
        ],
    }
}
BIDEN = dict(doc_id="corpus/sub/a.txt", start=0, end=9, label="PERSON", canonical="Joe Biden", text="Joe Biden")
PUTIN = dict(doc_id="corpus/sub/a.txt", start=14, end=19, label="PERSON", canonical="Vladimir Putin", text="Putin")
MOSCOW = dict(doc_id="corpus/sub/a.txt", start=23, end=29, label="GPE", canonical="Moscow", text="Moscow")
Q1 = dict(doc_id="a.txt", start=100, end=140, kind="direct", speaker="Joe Biden", speaker_mention="Biden", cue="said",
          content="")
Q2 = dict(doc_id="a.txt", start=200, end=220, kind="indirect", speaker=None, speaker_mention="experts", cue="say",
          content="")


def mentions(*rows: dict) -> pd.DataFrame:
    """A mentions table from row dicts."""
    return pd.DataFrame(list(rows), columns=ev.MENTION_COLUMNS)


def quotes(*rows: dict) -> pd.DataFrame:
    """A quotes table from row dicts."""
    return pd.DataFrame(list(rows), columns=ev.QUOTE_COLUMNS)


def approx(d: dict) -> dict:
    return {k: pytest.approx(v) for k, v in d.items()}


# ---------------------------------------------------------------- mentions, by hand
MENTION_CASES = {
    "perfect": ([BIDEN, PUTIN, MOSCOW],
                dict(mention_strict_f1=1, mention_lenient_p=1, mention_lenient_r=1, mention_lenient_f1=1,
                     linking_acc=1, entity_count_f1=1)),
    "missed one": ([BIDEN, PUTIN],
                   dict(mention_strict_f1=0.8, mention_lenient_p=1, mention_lenient_r=2 / 3, mention_lenient_f1=0.8,
                        linking_acc=1, entity_count_f1=0.8)),
    "spurious one": ([BIDEN, PUTIN, MOSCOW, dict(MOSCOW, start=40, end=47, label="ORGANIZATION", canonical="Kremlin")],
                     dict(mention_strict_f1=6 / 7, mention_lenient_p=0.75, mention_lenient_r=1,
                          mention_lenient_f1=6 / 7, linking_acc=1, entity_count_f1=6 / 7)),
    "label mismatch": ([BIDEN, PUTIN, dict(MOSCOW, label="PERSON")],
                       dict(mention_strict_f1=2 / 3, mention_lenient_p=2 / 3, mention_lenient_r=2 / 3,
                            mention_lenient_f1=2 / 3, linking_acc=1, entity_count_f1=2 / 3)),
    "same group label (LOCATION for GPE), lower case": ([BIDEN, dict(PUTIN, label="person"), dict(MOSCOW, label="LOCATION")],
                                                        dict(mention_strict_f1=1, mention_lenient_f1=1, linking_acc=1,
                                                             entity_count_f1=1)),
    "unknown label ignored": ([BIDEN, PUTIN, MOSCOW, dict(MOSCOW, start=40, end=47, label="MISC")],
                              dict(mention_strict_f1=1, mention_lenient_p=1, mention_lenient_f1=1)),
    "partial overlap: lenient yes, strict no": ([dict(BIDEN, start=4, text="Biden"), PUTIN, MOSCOW],
                                                dict(mention_strict_f1=2 / 3, mention_lenient_p=1, mention_lenient_r=1,
                                                     mention_lenient_f1=1, linking_acc=1, entity_count_f1=1)),
    "alias links": ([BIDEN, dict(PUTIN, canonical="Putin"), dict(MOSCOW, canonical="the Moscow")],
                    dict(mention_lenient_f1=1, linking_acc=1, entity_count_f1=1)),
    "wrong canonical": ([BIDEN, dict(PUTIN, canonical="Vladimir"), MOSCOW],
                        dict(mention_lenient_f1=1, linking_acc=2 / 3, entity_count_f1=2 / 3)),
    "empty canonical falls back to text": ([BIDEN, dict(PUTIN, canonical=None), dict(MOSCOW, canonical="")],
                                           dict(linking_acc=1, entity_count_f1=1)),
    "one prediction cannot match two gold": ([dict(BIDEN, start=0, end=29)],
                                             dict(mention_strict_f1=0, mention_lenient_p=1, mention_lenient_r=1 / 3,
                                                  mention_lenient_f1=0.5, linking_acc=1)),
    "nothing predicted": ([], dict(mention_strict_f1=0, mention_lenient_p=0, mention_lenient_r=0, mention_lenient_f1=0,
                                   linking_acc=0, entity_count_f1=0)),
}


@pytest.mark.parametrize("rows, expected", MENTION_CASES.values(), ids=MENTION_CASES.keys())
def test_mention_metrics(rows, expected):
    result = ev.score(GOLD, mentions(*rows), None)
    assert {k: result[k] for k in expected} == approx(expected)


# ---------------------------------------------------------------- quotes, by hand
QUOTE_CASES = {
    "perfect": ([Q1, Q2], (1, 1, 1, 1, 1, 1)),
    "exactly 50% of the shorter span matches": ([dict(Q1, start=120, end=160), Q2], (1, 1, 1, 1, 1, 1)),
    "just below 50% does not": ([dict(Q1, start=121, end=161), Q2], (0.5, 0.5, 0.5, 1, 0.5, 1)),
    "short prediction inside the gold span": ([dict(Q1, start=130, end=135), Q2], (1, 1, 1, 1, 1, 1)),
    "named speaker by alias": ([dict(Q1, speaker="Biden"), Q2], (1, 1, 1, 1, 1, 1)),
    "wrong named speaker": ([dict(Q1, speaker="Vladimir Putin"), Q2], (1, 1, 1, 0.5, 0.5, 1)),
    "unnamed speaker by its mention": ([Q1, dict(Q2, speaker_mention="Experts")], (1, 1, 1, 1, 1, 1)),
    "unnamed speaker given as speaker": ([Q1, dict(Q2, speaker="experts", speaker_mention="some experts")],
                                         (1, 1, 1, 1, 1, 1)),
    "unnamed speaker, other words": ([Q1, dict(Q2, speaker_mention="analysts")], (1, 1, 1, 0.5, 0.5, 1)),
    "unnamed gold, named prediction": ([Q1, dict(Q2, speaker="Joe Biden")], (1, 1, 1, 0.5, 0.5, 1)),
    "kind mismatch": ([dict(Q1, kind="mixed"), Q2], (1, 1, 1, 1, 1, 0.5)),
    "kind compared in lower case": ([dict(Q1, kind="Direct"), Q2], (1, 1, 1, 1, 1, 1)),
    "spurious quote": ([Q1, Q2, dict(Q1, start=300, end=350)], (2 / 3, 1, 0.8, 1, 0.8, 1)),
    "missed quote": ([Q1], (1, 0.5, 2 / 3, 1, 2 / 3, 1)),
    "best overlap wins": ([dict(Q1, start=100, end=125, kind="mixed"), dict(Q1, start=100, end=139), Q2],
                          (2 / 3, 1, 0.8, 1, 0.8, 1)),
}


@pytest.mark.parametrize("rows, expected", QUOTE_CASES.values(), ids=QUOTE_CASES.keys())
def test_quote_metrics(rows, expected):
    result = ev.score(GOLD, None, quotes(*rows))
    keys = ("quote_p", "quote_r", "quote_f1", "speaker_acc", "attributed_quote_f1", "kind_acc")
    assert tuple(result[k] for k in keys) == pytest.approx(expected)


@pytest.mark.parametrize("a, b, ok", [((0, 10), (5, 20), True), ((0, 10), (6, 20), False), ((0, 10), (10, 20), False),
                                      ((0, 40), (10, 12), True), ((5, 5), (0, 10), False)])
def test_quote_overlap_rule(a, b, ok):
    assert ev.quote_overlap_ok(a, b) is ok


@pytest.mark.parametrize("name, expected", [("The Kremlin", "kremlin"), ("Russia\u2019s", "russia"), ("U.S.", "u s"),
                                            ("Bashar al-Assad", "bashar al assad"), (None, ""), (float("nan"), "")])
def test_norm(name, expected):
    assert ev.norm(name) == expected


def test_documents_join_on_base_name_and_other_documents_are_ignored():
    rows = [BIDEN, PUTIN, MOSCOW, dict(BIDEN, doc_id="other/b.txt")]
    result = ev.score(GOLD, mentions(*rows), quotes(dict(Q1, doc_id="x/y/a.txt"), Q2))
    assert result["docs"] == 1 and result["mention_lenient_f1"] == 1 and result["quote_f1"] == 1


def test_label_agnostic_scoring():
    rows = [dict(BIDEN, label="NE"), dict(PUTIN, label="ORGANIZATION"), dict(MOSCOW, label="LOCATION")]
    assert ev.score(GOLD, mentions(*rows))["mention_lenient_f1"] == pytest.approx(0.4)  # 1 of 2 scored, 1 of 3 gold
    assert ev.score(GOLD, mentions(*rows), labels=False)["mention_lenient_f1"] == 1


def test_score_by_document_rows_add_up():
    gold = dict(GOLD, **{"b.txt": dict(GOLD["a.txt"], doc="b.txt")})
    table = ev.score_by_document(gold, mentions(BIDEN, PUTIN, MOSCOW, dict(BIDEN, doc_id="b.txt")), None)
    assert list(table["doc"]) == ["a.txt", "b.txt"]
    assert list(table["mention_lenient_r"]) == pytest.approx([1, 1 / 3])
    assert table["m_gold"].sum() == ev.score(gold, mentions(BIDEN))["counts"]["m_gold"] == 6


# ---------------------------------------------------------------- error tables
def test_mention_errors_causes_and_sentences():
    rows = [dict(BIDEN, start=4, text="Biden"), dict(PUTIN, canonical="Vladimir"), dict(MOSCOW, label="ORGANIZATION"),
            dict(MOSCOW, start=40, end=47, canonical="Kremlin", text="Kremlin"), dict(MOSCOW, start=50, end=55, label="MISC")]
    sentences = pd.DataFrame({"doc_id": ["a.txt", "a.txt"], "start": [0, 31], "end": [30, 60],
                              "text": ["Joe Biden met Putin in Moscow.", "second"]})
    errors = ev.mention_errors(GOLD, mentions(*rows), sentences)
    assert list(errors["cause"]) == ["boundary (partial overlap)", "wrong canonical", "wrong label", "spurious",
                                     "ignored label"]
    assert list(errors["sentence"]) == ["Joe Biden met Putin in Moscow."] * 3 + ["second"] * 2
    assert errors.loc[2, ["gold_label", "pred_label"]].tolist() == ["GPE", "ORGANIZATION"]
    missed = ev.mention_errors(GOLD, mentions(BIDEN, PUTIN), None, ignored=False)
    assert missed[["cause", "gold_text"]].values.tolist() == [["missed", "Moscow"]]
    assert missed["sentence"].isna().all()


def test_quote_errors_causes():
    rows = [dict(Q1, start=101, kind="mixed", speaker="Putin"), dict(Q2, start=215, end=260), dict(Q2, start=400, end=420)]
    errors = ev.quote_errors(GOLD, quotes(*rows))
    assert errors["cause"].tolist() == ["boundary", "wrong speaker", "wrong kind", "overlap below 50%", "spurious"]
    assert errors.loc[3, "overlap"] == 5
    assert ev.quote_errors(GOLD, quotes(Q1))["cause"].tolist() == ["missed"]
    assert ev.quote_errors(GOLD, quotes(Q1, Q2)).empty


def test_label_confusion():
    rows = [BIDEN, dict(PUTIN, label="ORGANIZATION"), dict(MOSCOW, label="LOCATION"),
            dict(MOSCOW, start=40, end=47, label="ORGANIZATION")]
    table = ev.label_confusion(GOLD, mentions(*rows))
    assert list(table.index) == list(table.columns) == ["PERSON", "ORGANIZATION", "GPE", "LOCATION", "NONE"]
    assert table.loc["PERSON", "PERSON"] == 1 and table.loc["PERSON", "ORGANIZATION"] == 1
    assert table.loc["GPE", "LOCATION"] == 1 and table.loc["NONE", "ORGANIZATION"] == 1
    assert table.values.sum() == 4
    grouped = ev.label_confusion(GOLD, mentions(BIDEN), groups=True)
    assert grouped.loc["PER", "PER"] == 1 and grouped.loc["PER", "NONE"] == 1 and grouped.loc["PLACE", "NONE"] == 1


def test_gold_tables():
    assert ev.gold_mentions(GOLD)[["start", "end", "label"]].values.tolist() == [[0, 9, "PERSON"], [14, 19, "PERSON"],
                                                                                 [23, 29, "GPE"]]
    assert ev.score(GOLD, ev.gold_mentions(GOLD), ev.gold_quotes(GOLD))["attributed_quote_f1"] == 1


# ---------------------------------------------------------------- reading gold
def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_missing_gold_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ev.GoldError, match="gold folder not found"):
        ev.read_gold(tmp_path / "nope")
    with pytest.raises(ev.GoldError, match="no gold .json files"):
        ev.read_gold(write(tmp_path / "empty", "notes.txt", "x"))


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not readable JSON"),
    ("[]", "not a JSON object"),
    ('{"doc": "b.txt", "quotes": []}', "'mentions' is missing"),
    ('{"doc": "b.txt", "mentions": [{"start": 0, "end": 3}], "quotes": []}', "mentions[0] lacks"),
    ('{"doc": "b.txt", "mentions": [], "quotes": [{"start": "0", "end": 3, "kind": "direct", "speaker": null}]}',
     "non-integer offsets"),
])
def test_malformed_gold_file_is_reported_and_skipped(tmp_path, content, reason):
    folder = write(tmp_path, "a.json", json.dumps(GOLD["a.txt"]))
    write(folder, "b.json", content)
    with pytest.warns(ev.GoldWarning, match=rf"b\.json: .*{re.escape(reason)}"):
        golds = ev.read_gold(folder)
    assert list(golds) == ["a.txt"]
    with pytest.raises(ev.GoldError, match="malformed gold file b.json"):
        ev.read_gold(folder, strict=True)


def test_only_malformed_gold_is_an_error(tmp_path):
    with pytest.warns(ev.GoldWarning), pytest.raises(ev.GoldError, match="no usable gold"):
        ev.read_gold(write(tmp_path, "a.json", "{"))


@pytest.mark.parametrize("corpus_dir, must_have", [
    (helpers.paths.SEEDS_DIR, "000_6314efe423f439f1.txt"),  # the seed article's gold, plus the shipped Wikinews articles'
    (helpers.paths.TUNING_DIR, None),  # the development set
])
def test_shipped_gold_is_readable_and_matches_its_articles(corpus_dir, must_have):
    gold_dir = corpus_dir / "gold"
    golds = ev.read_gold(gold_dir)
    articles = {p.name: p for p in corpus_dir.rglob("*.txt")}
    assert must_have is None or must_have in golds
    assert len(golds) == len(list(gold_dir.glob("*.json")))  # every gold file is usable
    for key, g in golds.items():
        assert key in articles, f"gold {key} has no article in {corpus_dir.name}/"
        text = articles[key].read_text(encoding="utf-8")
        assert all(text[m["start"]:m["end"]] == m["text"] for m in g["mentions"]), key
        assert all(text[q["start"]:q["end"]] == q["content"] for q in g["quotes"] if q.get("content")), key
        names = {m["canonical"] for m in g["mentions"]}
        assert all(q["speaker"] is None or q["speaker"] in names for q in g["quotes"]), key


# ---------------------------------------------------------------- baseline and comparison
def test_baseline_mentions_on_the_seed():
    from helpers import corpus

    if ev.baseline_missing_data():
        pytest.skip("NLTK data for the baseline is not available")
    doc = corpus.read_text_file(helpers.paths.SEEDS_DIR / "000_6314efe423f439f1.txt", doc_id="000_6314efe423f439f1.txt")
    base = ev.baseline_mentions([doc])
    assert list(base.columns) == ev.MENTION_COLUMNS and len(base) > 50
    assert all(doc.text[s:e] == t for s, e, t in zip(base["start"], base["end"], base["text"]))
    assert set(base["label"]) <= set(ev.GROUP)
    table = ev.compare(ev.read_gold(SEED_GOLD), {"gold": (ev.gold_mentions(SEED_GOLD), ev.gold_quotes(SEED_GOLD)),
                                                 "baseline": base})
    assert list(table.index) == ["gold", "baseline"]
    assert table.loc["gold", "mention_lenient_f1"] == 1 and table.loc["gold", "quote_f1"] == 1
    assert 0 < table.loc["baseline", "mention_lenient_f1"] <= table.loc["baseline", "any_label_lenient_f1"] < 1
    assert pd.isna(table.loc["baseline", "quote_f1"])


@pytest.mark.parametrize("words, previous, label", [(["Russia"], "", "GPE"), (["Israeli"], "", "NORP"),
                                                    (["Joe", "Biden"], "", "PERSON"), (["Putin"], "President", "PERSON"),
                                                    (["Hamas"], "", "ORGANIZATION")])
def test_baseline_label_rule(words, previous, label):
    if {"gazetteers", "names"} & set(ev.baseline_missing_data()):
        pytest.skip("NLTK gazetteers/names not available")
    assert ev.baseline_label(words, previous) == label


# ---------------------------------------------------------------- cross-check with the development scorer
def load_score_py():
    if not SCORE_PY.exists() or not SHARED_GOLD.is_dir():
        pytest.skip("../shared/tools/score.py is not available")
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturb(golds: dict[str, dict], seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Predictions made from gold by dropping, shifting, relabelling, renaming and adding items."""
    rnd = random.Random(seed)
    m_rows, q_rows = [], []
    for doc, g in golds.items():
        doc_id = f"some/folder/{doc}"
        for m in g["mentions"]:
            r = dict(doc_id=doc_id, start=m["start"], end=m["end"], label=m["label"], canonical=m["canonical"],
                     text=m["text"])
            x = rnd.random()
            if x < 0.15:
                continue
            if x < 0.3:
                r["start"] += rnd.choice([-3, -1, 1, 2]); r["end"] += rnd.choice([-2, 0, 3])
            elif x < 0.4:
                r["label"] = rnd.choice(["ORGANIZATION", "person", "LOC", "MISC", "GPE", ""])
            elif x < 0.5:
                r["canonical"] = rnd.choice(g.get("aliases", {}).get(m["canonical"], []) + ["Somebody", "", "the " + m["text"]])
            m_rows.append(r)
            if rnd.random() < 0.1:  # duplicate or spurious neighbour
                m_rows.append(dict(r, start=r["end"] + 1, end=r["end"] + 8, canonical=rnd.choice([r["canonical"], "X"])))
        for q in g["quotes"]:
            r = dict(doc_id=doc_id, start=q["start"], end=q["end"], kind=q["kind"], speaker=q["speaker"] or "",
                     speaker_mention=q.get("speaker_mention") or "", cue=q.get("cue") or "", content="")
            x = rnd.random()
            if x < 0.15:
                continue
            length = q["end"] - q["start"]
            if x < 0.4:
                shift = int(length * rnd.choice([0.3, 0.49, 0.5, 0.51, 0.7]))
                r["start"] += shift; r["end"] += shift
            elif x < 0.55:
                r["speaker"] = rnd.choice(["", "Nobody", (q.get("speaker_mention") or "").upper()])
                r["speaker_mention"] = rnd.choice(["", q.get("speaker_mention") or "", "officials"])
            elif x < 0.7:
                r["kind"] = rnd.choice(["direct", "INDIRECT", "mixed", ""])
            q_rows.append(r)
            if rnd.random() < 0.15:
                q_rows.append(dict(r, start=r["end"] + 5, end=r["end"] + 60))
    return pd.DataFrame(m_rows, columns=ev.MENTION_COLUMNS), pd.DataFrame(q_rows, columns=ev.QUOTE_COLUMNS)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_same_numbers_as_score_py(tmp_path, seed):
    score_py = load_score_py()
    golds = ev.read_gold(SHARED_GOLD)
    m, q = perturb(golds, seed)
    m.to_csv(tmp_path / "mentions.csv", index=False)
    q.to_csv(tmp_path / "quotes.csv", index=False)
    ref = score_py.score(str(SHARED_GOLD), str(tmp_path))
    mine = ev.score(golds, *ev.read_predictions(tmp_path))
    same = ev.score(SHARED_GOLD, m, q)  # the in-memory tables give the same numbers as the CSV files
    for r in (mine, same):
        assert r["docs"] == ref["docs"]
        assert r["mention_strict_f1"] == pytest.approx(ref["mention_strict_f1"], abs=1e-12)
        assert (r["mention_lenient_p"], r["mention_lenient_r"], r["mention_lenient_f1"]) == pytest.approx(
            ref["mention_lenient_p_r_f1"], abs=1e-12)
        assert (r["quote_p"], r["quote_r"], r["quote_f1"]) == pytest.approx(ref["quote_p_r_f1"], abs=1e-12)
        for key in ("linking_acc", "entity_count_f1", "speaker_acc", "attributed_quote_f1", "kind_acc"):
            assert r[key] == pytest.approx(ref[key], abs=1e-12), key
        assert {k: v for k, v in r["counts"].items() if not k.startswith("ec_") and v} == \
            {k: v for k, v in ref["counts"].items() if v}
    assert 0 < mine["mention_lenient_f1"] < 1 and 0 < mine["quote_f1"] < 1


def test_cli_prints_the_same_lines_as_score_py(tmp_path):
    load_score_py()
    m, q = perturb(ev.read_gold(SHARED_GOLD), 7)
    m.to_csv(tmp_path / "mentions.csv", index=False)
    q.to_csv(tmp_path / "quotes.csv", index=False)
    ref = subprocess.run([sys.executable, str(SCORE_PY), str(SHARED_GOLD), str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout
    mine = subprocess.run([sys.executable, "-m", "helpers.evaluate", str(SHARED_GOLD), str(tmp_path)],
                          capture_output=True, text=True, check=True, cwd=helpers.paths.ROOT).stdout
    assert mine == ref and len(mine.splitlines()) == 2


def test_cli_errors(tmp_path, capsys):
    assert ev.main([str(tmp_path / "nope"), str(tmp_path)]) == 2
    assert "gold folder not found" in capsys.readouterr().err
    assert ev.main([str(SEED_GOLD), str(tmp_path / "nope")]) == 2
    assert "prediction folder not found" in capsys.readouterr().err
    # no tables at all: nothing covers the gold, which is an error naming the missing articles, not a row of zeros
    assert ev.main([str(SEED_GOLD), str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "no mentions table" in out.err and "000_6314efe423f439f1.txt" in out.err and out.out == ""


def _gold_dir(tmp_path, docs):
    folder = tmp_path / "gold"
    folder.mkdir()
    for name in docs:
        g = dict(GOLD["a.txt"], doc=name)
        (folder / f"{name}.json").write_text(json.dumps(g), encoding="utf-8")
    return folder


def _predictions(tmp_path, docs, *, with_documents=True):
    pred = tmp_path / "pred"
    pred.mkdir()
    rows = [dict(doc_id=d, start=0, end=9, label="PERSON", canonical="Joe Biden", text="Joe Biden") for d in docs]
    pd.DataFrame(rows, columns=ev.MENTION_COLUMNS).to_csv(pred / "mentions.csv", index=False)
    pd.DataFrame([], columns=ev.QUOTE_COLUMNS).to_csv(pred / "quotes.csv", index=False)
    if with_documents:
        pd.DataFrame({"doc_id": list(docs), "status": "ok"}).to_csv(pred / "documents.csv", index=False)
    return pred


@pytest.mark.parametrize("predicted, with_documents, covered_only, code, names, scored", [
    (["other.txt"], True, False, 1, ["a.txt", "b.txt"], None),  # a run on another corpus
    (["sub/a.txt"], True, False, 1, ["b.txt"], None),  # one gold article missing is an error by default
    (["sub/a.txt"], True, True, 0, ["b.txt"], 1),  # ... unless only the covered ones are to be scored
    (["other.txt"], True, True, 1, ["a.txt", "b.txt"], None),  # nothing covered: an error even then
    (["a.txt", "b.txt"], True, False, 0, [], 2),
    (["a.txt"], False, False, 1, ["b.txt"], None),  # without a documents table, the rows say what is covered
])
def test_gold_not_covered_by_the_predictions(tmp_path, capsys, predicted, with_documents, covered_only, code,
                                             names, scored):
    gold = _gold_dir(tmp_path, ["a.txt", "b.txt"])
    pred = _predictions(tmp_path, predicted, with_documents=with_documents)
    args = [str(gold), str(pred)] + (["--covered-only"] if covered_only else [])
    assert ev.main(args) == code
    out = capsys.readouterr()
    for name in names:
        assert name in out.err
    if code:
        assert out.out == "" and f"{len(names)} of 2 gold articles" in out.err
        assert "not in the predictions" in out.err
    else:
        assert out.out.startswith(f"docs={scored} ")


def test_predicted_documents_only_count_analysed_articles(tmp_path):
    pred = tmp_path / "pred"
    pred.mkdir()
    pd.DataFrame({"doc_id": ["x/a.txt", "b.txt", "c.txt"], "status": ["ok", "binary", "recoded"]}).to_csv(
        pred / "documents.csv", index=False)
    assert ev.predicted_documents(pred) == {"a.txt", "c.txt"}


# ---------------------------------------------------------------- errors grouped by rule
RULE_GOLD = {"a.txt": {"doc": "a.txt", "mentions": [], "aliases": {}, "quotes": [
    {"start": 0, "end": 10, "kind": "direct", "speaker": "Ann Lee", "speaker_mention": "Lee"},
    {"start": 20, "end": 30, "kind": "indirect", "speaker": "Bo Chan", "speaker_mention": "Chan"},
]}}


def _rule_quotes(rows):
    return pd.DataFrame([dict(doc_id="a.txt", start=s, end=e, kind=k, speaker=sp, speaker_mention=sp, rule=r)
                         for s, e, k, sp, r in rows])


@pytest.mark.parametrize("rows, part, expected", [
    # one right quote, one with the wrong speaker, one spurious, all from different rules
    ([(0, 10, "direct", "Ann Lee", "trailing_cue/person_name"), (20, 30, "indirect", "Ann Lee", "reported/pronoun"),
      (40, 50, "direct", "Cy Dee", "colon_cue/person_name")], "rule",
     {"trailing_cue/person_name": (1, 1, 0, 0), "reported/pronoun": (1, 1, 0, 1), "colon_cue/person_name": (1, 0, 1, 0)}),
    # grouped by frame and by resolver
    ([(0, 10, "indirect", "Ann Lee", "trailing_cue/person_name"), (40, 50, "direct", "Cy Dee", "trailing_cue/pronoun")],
     "frame", {"trailing_cue": (2, 1, 1, 0)}),
    ([(0, 10, "direct", "Ann Lee", "trailing_cue/person_name"), (40, 50, "direct", "Cy Dee", "colon_cue/person_name")],
     "resolver", {"person_name": (2, 1, 1, 0)}),
    # an empty rule value is "(none)"
    ([(0, 10, "direct", "Ann Lee", "")], "rule", {"(none)": (1, 1, 0, 0)}),
])
def test_quote_rule_scores(rows, part, expected):
    df = ev.quote_rule_scores(RULE_GOLD, _rule_quotes(rows), part=part)
    got = {r.rule: (r.predicted, r.matched, r.spurious, r.wrong_speaker) for r in df.itertuples()}
    assert got == expected
    assert list(df.columns) == ev.RULE_SCORE_COLUMNS


def test_quote_rule_scores_orders_weakest_first_and_handles_missing_column():
    rows = [(0, 10, "direct", "Ann Lee", "good/x"), (40, 50, "direct", "Cy Dee", "bad/x"),
            (60, 70, "direct", "Cy Dee", "bad/x")]
    df = ev.quote_rule_scores(RULE_GOLD, _rule_quotes(rows))
    assert df["rule"].tolist() == ["bad/x", "good/x"]
    assert df.loc[0, "precision"] == 0.0 and df.loc[1, "precision"] == 1.0
    no_rule = _rule_quotes(rows).drop(columns="rule")
    assert ev.quote_rule_scores(RULE_GOLD, no_rule)["rule"].tolist() == ["(no rule column)"]
    with pytest.raises(ValueError, match="part must be"):
        ev.quote_rule_scores(RULE_GOLD, no_rule, part="cue")


def test_quote_errors_name_the_rule():
    errors = ev.quote_errors(RULE_GOLD, _rule_quotes([(40, 50, "direct", "Cy Dee", "colon_cue/person_name")]))
    spurious = errors[errors["cause"] == "spurious"]
    assert spurious["pred_rule"].tolist() == ["colon_cue/person_name"]
    assert errors[errors["cause"] == "missed"]["pred_rule"].isna().all()


def test_mention_errors_name_the_typing_evidence():
    gold = {"a.txt": {"doc": "a.txt", "quotes": [], "aliases": {},
                      "mentions": [{"start": 0, "end": 5, "text": "Alpha", "label": "PERSON", "canonical": "Alpha"}]}}
    preds = pd.DataFrame([dict(doc_id="a.txt", start=0, end=5, text="Alpha", label="ORGANIZATION",
                               canonical="Alpha", evidence="legal_suffix"),
                          dict(doc_id="a.txt", start=9, end=13, text="Beta", label="GPE", canonical="Beta",
                               evidence="gazetteer_name")])
    errors = ev.mention_errors(gold, preds).set_index("cause")
    assert errors.loc["wrong label", "pred_evidence"] == "legal_suffix"
    assert errors.loc["spurious", "pred_evidence"] == "gazetteer_name"
