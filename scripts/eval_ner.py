"""Measure the CRF entity recogniser (helpers/ner_model.py) on the project's own news: transfer and speed. Prints figures.

    python scripts/eval_ner.py gold      [--gold ../shared/gold]        # CRF vs the rules on the development gold
    python scripts/eval_ner.py conll     --conll PATH/TO/eng.train      # rules vs CRF vs combinations, held-out train docs
    python scripts/eval_ner.py speed     [--corpus ../shared/corpora/wikinews]   # ms per article, features + tagging

`gold` scores the CRF's spans (MISC spans that are not NORP dropped) and the rules' mentions against the development
gold with the scorer's definitions (strict = same start, end and group; lenient = overlap and same group), overall and
per group, plus two simple combinations of both. `conll` trains on 80 % of CoNLL train documents (seeded split, as
`scripts/train_ner.py --evaluate`) and scores rules, CRF and combinations on the held-out 20 %. The six Wikinews
articles reserved for the project owners are skipped by `speed`.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from helpers import corpus, entities, evaluate, ner_model, paths, text  # noqa: E402

RESERVED = ("4c31c6d5", "2dd1fc1e", "7484c413", "6d6e2a32", "4a036a61", "30b42e81")
GROUPS = ("PER", "ORG", "PLACE", "NORP")
CONFIDENT = 0.8  # a CRF span at least this sure may add a mention or change a type (see `combine`)


def segment(doc: corpus.Document) -> text.Segmented:
    """Segment a document exactly as the pipeline does."""
    return text.segment(doc.text, doc_id=doc.doc_id, body_start=doc.body_start,
                        title_span=(doc.title_start, doc.title_end))


def crf_mentions(spans: pd.DataFrame) -> pd.DataFrame:
    """Return CRF spans as a mentions table (project labels only: MISC spans that are not NORP are left out)."""
    s = spans[spans["label"].isin(entities.LABELS)]
    return pd.DataFrame({"doc_id": s["doc_id"], "start": s["start"], "end": s["end"], "label": s["label"],
                         "canonical": s["text"], "text": s["text"], "confidence": s["confidence"]})


def lexicon_backed(surface: str) -> bool:
    """Whether the rules type a name from a list (gazetteer phrase, head word, acronym), not from context or default."""
    lex = ner_model.lexicon()
    words = surface.split()
    key = " ".join(ner_model.fold(w) for w in words)
    return bool(words) and (key in lex.phrases or words[-1].lower() in lex.heads or surface in lex.acronyms
                            or any(w.lower() in lex.heads and lex.heads[w.lower()] == "ORG" for w in words))


def combine(rules: pd.DataFrame, crf: pd.DataFrame, *, add: bool, retype: bool, weak_only: bool = False,
            threshold: float = CONFIDENT, labels_added: tuple[str, ...] = entities.LABELS) -> pd.DataFrame:
    """Return the rules' mentions with CRF evidence: confident CRF spans overlapping no rule mention added (`add`);
    a rule mention with the very same span as a confident CRF span of another group takes the CRF's label (`retype`),
    with `weak_only` only when no list backs the rules' label (`lexicon_backed`)."""
    out = rules[["doc_id", "start", "end", "label", "canonical", "text"]].copy()
    if retype:
        sure = {(d, s, e): l for d, s, e, l, c in zip(crf["doc_id"], crf["start"], crf["end"], crf["label"],
                                                      crf["confidence"]) if c >= threshold}
        labels = []
        for d, s, e, l, t in zip(out["doc_id"], out["start"], out["end"], out["label"], out["text"]):
            new = sure.get((d, s, e))
            if new and evaluate.GROUP.get(new) != evaluate.GROUP.get(l) and not (weak_only and lexicon_backed(str(t))):
                l = new
            labels.append(l)
        out["label"] = labels
    if add:
        taken: dict[str, list[tuple[int, int]]] = {}
        for d, s, e in zip(out["doc_id"], out["start"], out["end"]):
            taken.setdefault(d, []).append((s, e))
        extra = crf[[c >= threshold and lab in labels_added and not any(s < te and ts < e for ts, te in taken.get(d, ()))
                     for d, s, e, c, lab in zip(crf["doc_id"], crf["start"], crf["end"], crf["confidence"],
                                                crf["label"])]]
        out = pd.concat([out, extra[out.columns]], ignore_index=True).sort_values(["doc_id", "start"], kind="stable")
    return out.reset_index(drop=True)


def retype_by_scores(rules: pd.DataFrame, scores: pd.DataFrame, *, threshold: float = 0.7) -> pd.DataFrame:
    """Return the rules' mentions where a label no list backs (`lexicon_backed`) is replaced by the CRF's type when
    the CRF's mean marginal of that type over the mention's tokens is at least `threshold` (MISC -> NORP)."""
    out = rules[["doc_id", "start", "end", "label", "canonical", "text"]].copy().reset_index(drop=True)
    labels = []
    for (l, t), (_, sc) in zip(zip(out["label"], out["text"]), scores.iterrows()):
        best = max(("p_per", "p_org", "p_loc", "p_misc"), key=lambda c: sc[c])
        new = {"p_per": "PERSON", "p_org": "ORGANIZATION", "p_loc": "GPE", "p_misc": "NORP"}[best]
        if sc[best] >= threshold and evaluate.GROUP[new] != evaluate.GROUP.get(l) and not lexicon_backed(str(t)):
            l = new
        labels.append(l)
    out["label"] = labels
    return out


def replace_weak(rules: pd.DataFrame, crf: pd.DataFrame, *, threshold: float) -> pd.DataFrame:
    """Return the rules' mentions where every CRF span at least `threshold` sure (project labels, NORP left out)
    replaces the rule mentions it overlaps, unless one of them is backed by a list (`lexicon_backed`: then the rules
    keep the place); CRF spans overlapping nothing are added."""
    out = rules[["doc_id", "start", "end", "label", "canonical", "text"]].reset_index(drop=True)
    by_doc: dict[str, list[int]] = {}
    for n, d in enumerate(out["doc_id"]):
        by_doc.setdefault(d, []).append(n)
    drop: set[int] = set()
    extra = []
    for r in crf[(crf["confidence"] >= threshold) & (crf["label"] != "NORP")].to_dict("records"):
        hit = [n for n in by_doc.get(r["doc_id"], ()) if out.at[n, "start"] < r["end"] and r["start"] < out.at[n, "end"]]
        if any(lexicon_backed(str(out.at[n, "text"])) for n in hit):
            continue
        drop.update(hit)
        extra.append({k: r[k] for k in out.columns})
    kept = out.drop(index=sorted(drop))
    return pd.concat([kept, pd.DataFrame(extra, columns=out.columns)], ignore_index=True).sort_values(
        ["doc_id", "start"], kind="stable").reset_index(drop=True)


def group_scores(gold: dict[str, list[dict]], pred: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Return (strict F1, lenient F1) per group and overall, with the scorer's matching rules."""
    by_doc: dict[str, list[dict]] = {}
    for r in pred.to_dict("records"):
        g = evaluate.GROUP.get(str(r["label"]).upper())
        if g:
            by_doc.setdefault(evaluate.doc_key(r["doc_id"]), []).append(dict(r, label=g))
    out = {}
    for group in (*GROUPS, "ALL"):
        counts = dict(gold=0, pred=0, strict=0, lenient=0)
        for doc, gm in gold.items():
            gl = [dict(m, group=evaluate.GROUP[m["label"]]) for m in gm if m["label"] in evaluate.GROUP]
            pl = by_doc.get(doc, [])
            if group != "ALL":
                gl = [m for m in gl if m["group"] == group]
                pl = [p for p in pl if p["label"] == group]
            counts["gold"] += len(gl); counts["pred"] += len(pl)
            ps = {(p["start"], p["end"], p["label"]) for p in pl}
            counts["strict"] += sum((m["start"], m["end"], m["group"]) in ps for m in gl)
            counts["lenient"] += len(evaluate.match_mentions_lenient(gl, pl))
        out[group] = tuple(2 * counts[k] / (counts["gold"] + counts["pred"]) if counts["gold"] + counts["pred"] else 0.0
                           for k in ("strict", "lenient"))
    return out


def sweep(gold: dict[str, list[dict]], rules: pd.DataFrame, crf: pd.DataFrame) -> None:
    """Print ALL-group F1 (strict / lenient) of rules + CRF (add + retype) over confidence thresholds."""
    print("\nrules + CRF add + retype by confidence threshold (ALL F1 strict / lenient; adds PER/ORG/GPE/LOCATION only):")
    for thr in (0.8, 0.9, 0.95, 0.98, 0.99):
        both = group_scores(gold, combine(rules, crf, add=True, retype=True, threshold=thr))["ALL"]
        only = group_scores(gold, combine(rules, crf, add=True, retype=True, threshold=thr,
                                          labels_added=("PERSON", "ORGANIZATION", "GPE", "LOCATION")))["ALL"]
        repl = group_scores(gold, replace_weak(rules, crf, threshold=thr))["ALL"]
        print(f"  >= {thr:.2f}: {both[0]:.3f}/{both[1]:.3f}   no NORP added: {only[0]:.3f}/{only[1]:.3f}   "
              f"replace weak rule spans: {repl[0]:.3f}/{repl[1]:.3f}")


def print_table(title: str, systems: dict[str, dict[str, tuple[float, float]]]) -> None:
    """Print strict / lenient F1 per group for each system."""
    print(f"\n{title} (F1 strict / lenient)")
    print(f"{'system':<28}" + "".join(f"{g:>14}" for g in (*GROUPS, "ALL")))
    for name, sc in systems.items():
        print(f"{name:<28}" + "".join(f"{sc[g][0]:>7.3f}/{sc[g][1]:.3f}" for g in (*GROUPS, "ALL")))


def run_gold(gold_dir: Path) -> None:
    """Score CRF, rules and combinations on the development gold."""
    golds = evaluate.read_gold(gold_dir)
    rules, crf, scores = [], [], []
    for name, g in golds.items():
        path = paths.SHARED_DIR / g["source"]
        doc = corpus.read_text_file(path, doc_id=name)
        seg = segment(doc)
        found = entities.find_mentions(doc, seg)
        rules.append(found)
        scores.append(ner_model.type_scores(seg.tokens, zip(found["start"], found["end"])))
        crf.append(crf_mentions(ner_model.predict_spans(seg.tokens, raw=doc.text)))
    rules_df, crf_df = pd.concat(rules, ignore_index=True), pd.concat(crf, ignore_index=True)
    scores_df = pd.concat(scores, ignore_index=True)
    gold = {d: g["mentions"] for d, g in golds.items()}
    systems = {"rules (pipeline)": rules_df, "CRF": crf_df,
               "rules + CRF retype": combine(rules_df, crf_df, add=False, retype=True),
               "rules + CRF retype weak": combine(rules_df, crf_df, add=False, retype=True, weak_only=True),
               "rules + CRF type scores": retype_by_scores(rules_df, scores_df),
               "rules + type scores + add": combine(retype_by_scores(rules_df, scores_df), crf_df, add=True,
                                                    retype=False),
               "rules + CRF add": combine(rules_df, crf_df, add=True, retype=False),
               "rules + CRF add + retype": combine(rules_df, crf_df, add=True, retype=True)}
    print(f"development gold: {len(golds)} documents, {sum(len(v) for v in gold.values())} mentions")
    print_table("development gold", {k: group_scores(gold, v) for k, v in systems.items()})
    sweep(gold, rules_df, crf_df)
    for k, v in systems.items():
        r = evaluate.score(golds, v)
        print(f"{k:<28} scorer: strict {r['mention_strict_f1']:.3f} lenient {r['mention_lenient_f1']:.3f} "
              f"entity-count F1 {r['entity_count_f1']:.3f}")


CONLL_GROUP = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "GPE", "MISC": "NORP"}


def run_conll(path: str, *, seed: int, held_out: float) -> None:
    """Train on CoNLL train minus held-out documents; score rules, CRF and combinations on the held-out ones."""
    docs = ner_model.read_conll(path)
    train_idx, test_idx = ner_model.split_documents(len(docs), held_out=held_out, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        # the held-out model is kept in output/cache (git-ignored) and reused for the same split and parameters
        tag = hashlib.sha1(f"{seed} {held_out} {sorted(ner_model.TRAIN_PARAMS.items())}".encode()).hexdigest()[:10]
        model = paths.CACHE_DIR / f"ner_heldout_{tag}.crfsuite"
        if not model.is_file():
            ner_model.train([ner_model.make_example(docs[i]) for i in train_idx], Path(tmp) / "m.crfsuite")
            model.parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / "m.crfsuite").replace(model)
        rules, crf, gold, scores = [], [], {}, []
        # the pipeline's own CRF evidence (helpers/entities/crf.py) must use the held-out model too
        entities.crf.MODEL = model
        for i in test_idx:
            ex = ner_model.make_example(docs[i])
            doc = corpus.make_document(ex.doc_id, ex.raw)
            seg = segment(doc)
            found = entities.find_mentions(doc, seg)
            rules.append(found)
            scores.append(ner_model.type_scores(seg.tokens, zip(found["start"], found["end"]), model=model))
            spans = ner_model.predict_spans(seg.tokens, raw=ex.raw, model=model)
            # on CoNLL, MISC maps to the NORP group whatever its project label
            crf.append(crf_mentions(spans.assign(label=spans["tag"].map(CONLL_GROUP))))
            gold[ex.doc_id] = [dict(start=s, end=e, label=CONLL_GROUP[t]) for s, e, t in ex.gold]
        ner_model.crf_tagger.cache_clear()
        ner_model.fast_crf.cache_clear()
        entities.crf.MODEL = None
    rules_df, crf_df = pd.concat(rules, ignore_index=True), pd.concat(crf, ignore_index=True)
    scores_df = pd.concat(scores, ignore_index=True)
    systems = {"rules (pipeline)": rules_df, "CRF": crf_df,
               "rules + CRF retype": combine(rules_df, crf_df, add=False, retype=True),
               "rules + CRF retype weak": combine(rules_df, crf_df, add=False, retype=True, weak_only=True),
               "rules + CRF type scores": retype_by_scores(rules_df, scores_df),
               "rules + type scores + add": combine(retype_by_scores(rules_df, scores_df), crf_df, add=True,
                                                    retype=False),
               "rules + CRF add": combine(rules_df, crf_df, add=True, retype=False),
               "rules + CRF add + retype": combine(rules_df, crf_df, add=True, retype=True)}
    print(f"CoNLL train, {len(test_idx)} held-out documents (seed {seed}); MISC scored as NORP group")
    print_table("CoNLL held-out train documents", {k: group_scores(gold, v) for k, v in systems.items()})
    sweep(gold, rules_df, crf_df)
    for name, df in systems.items():
        pred = [(d, s, e, evaluate.GROUP[l]) for d, s, e, l in zip(df["doc_id"], df["start"], df["end"], df["label"])
                if l in evaluate.GROUP]
        g = [(d, m["start"], m["end"], evaluate.GROUP[m["label"]]) for d, ms in gold.items() for m in ms]
        t3 = ner_model.score_spans(g, pred, types=("PER", "ORG", "PLACE"))
        print(f"{name:<28} typed exact F1 over PER/ORG/LOC {t3.iloc[-1]['f1']:.3f} "
              f"(PER {t3.iloc[0]['f1']:.3f}, ORG {t3.iloc[1]['f1']:.3f}, LOC {t3.iloc[2]['f1']:.3f})")


def run_speed(corpus_dir: Path, *, limit: int | None) -> None:
    """Print milliseconds per article for CRF feature extraction, tagging and marginals (segmentation excluded).

    CPU time (`time.process_time`) is printed beside wall time: on a shared machine wall time includes waiting.
    """
    files = [p for p in corpus.corpus_files(corpus_dir) if not p.stem.endswith(RESERVED)][:limit]
    segs = []
    for p in files:
        doc = corpus.read_text_file(p, doc_id=p.name)
        if doc.analysable:
            segs.append((doc, segment(doc)))
    t0 = time.perf_counter()
    crf = ner_model.fast_crf()
    ner_model.lexicon()
    print(f"loading (once per process): lexicon + model {time.perf_counter() - t0:.2f} s")
    for cold in (True, False):
        if cold:  # first pass: every word's features and weight rows computed and cached
            ner_model._WORD_CACHE.clear(); crf._words.clear()
        cpu = {"features": [], "tagging": [], "predict_spans": []}
        wall, tokens = 0.0, 0
        for doc, seg in segs:
            t = seg.tokens
            words, sids, pos = t["text"].tolist(), t["sentence_id"].tolist(), t["pos"].tolist()
            c0 = time.process_time()
            scores, bounds = crf.emissions(words, sids, pos)
            c1 = time.process_time()
            crf.tag(scores, bounds)
            c2 = time.process_time()
            w0 = time.perf_counter()
            ner_model.predict_spans(t, raw=doc.text)
            wall += time.perf_counter() - w0
            c3 = time.process_time()
            cpu["features"].append(c1 - c0); cpu["tagging"].append(c2 - c1); cpu["predict_spans"].append(c3 - c2)
            tokens += len(t)
        n = len(segs)
        print(f"\n{'cold' if cold else 'warm'} word caches: {n} articles, {tokens / n:.0f} tokens per article "
              f"(reserved articles skipped)")
        for k, v in cpu.items():
            print(f"  {k:<14} CPU mean {statistics.mean(v) * 1e3:6.2f} ms/article, median {statistics.median(v) * 1e3:6.2f}, "
                  f"{sum(v) / tokens * 1e6:5.1f} us/token")
        print(f"  predict_spans  wall mean {wall / n * 1e3:6.2f} ms/article")
    print(f"model file {ner_model.MODEL_FILE.stat().st_size / 1e6:.2f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("gold", "conll", "speed"))
    parser.add_argument("--gold", default=str(paths.SHARED_DIR / "gold"))
    parser.add_argument("--conll")
    parser.add_argument("--seed", type=int, default=2003)
    parser.add_argument("--held-out", type=float, default=0.2)
    parser.add_argument("--corpus", default=str(paths.SHARED_DIR / "corpora" / "wikinews"))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    if args.what == "gold":
        run_gold(Path(args.gold))
    elif args.what == "conll":
        if not args.conll:
            parser.error("conll needs --conll PATH/TO/eng.train")
        run_conll(args.conll, seed=args.seed, held_out=args.held_out)
    else:
        run_speed(Path(args.corpus), limit=args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
