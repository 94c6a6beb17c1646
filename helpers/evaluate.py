"""Evaluation: score the `mentions` and `quotes` tables against gold annotations, explain the errors, run a baseline.

    python -m helpers.evaluate GOLD_DIR PRED_DIR [--corpus DIR] [--json]
    python -m helpers.evaluate --polnear DIR --split train | --conll FILE [--limit N] [--out DIR]   (public benchmarks:
        `helpers.polnear`, `helpers.conll`; they run the pipeline on the benchmark's texts themselves)

prints the same two lines as the development scorer (`../shared/tools/score.py`), with the same definitions:

- mentions: gold mentions whose label is in `GROUP` are compared with predicted mentions whose upper-cased label
  maps to a group (others are ignored). *Strict*: same start, end and group. *Lenient*: gold mentions in file
  order each take the first unused prediction (table order) of the same group that overlaps by >= 1 character.
- linking accuracy: share of lenient matches whose predicted `canonical` (or `text` when empty) names the gold
  entity: equal after `norm` to its canonical name or one of its `aliases`.
- entity-count F1: per document, (group, normalised canonical) counts, predicted names folded onto gold canonicals
  through the aliases; true positives are the per-key minimum of the two counts.
- quotes: gold quotes in file order each take the unused prediction with the largest overlap, provided it covers
  >= 50% of the shorter of the two spans (ties: the first). Speaker: a named gold speaker needs a predicted
  `speaker` naming it (aliases allowed); an unnamed one (speaker null) needs the predicted `speaker_mention` (with
  an empty speaker), or the predicted speaker, to equal its `speaker_mention` after `norm`.
  Attributed-quote F1 counts a quote as found only when its speaker is right. Kind accuracy over matched quotes.

Documents are joined on the base name of the prediction's `doc_id` and the gold `doc`; predictions for documents
without gold are ignored, and gold documents without predictions count as all missed.
Gold files are JSON (see `seeds/gold/README.md`); `read_gold` accepts any folder of them.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
import unicodedata
import warnings
from collections import Counter
from pathlib import Path
from typing import Mapping

import pandas as pd

GROUP: dict[str, str] = {"PERSON": "PER", "PER": "PER", "ORGANIZATION": "ORG", "ORG": "ORG",
                         "GPE": "PLACE", "LOCATION": "PLACE", "LOC": "PLACE", "NORP": "NORP"}
ANY_LABEL = "ANY"  # the single group used by label-agnostic scoring
NONE = "NONE"  # the row/column of `label_confusion` for unmatched mentions
MENTION_COLUMNS = ["doc_id", "start", "end", "label", "canonical", "text"]
QUOTE_COLUMNS = ["doc_id", "start", "end", "kind", "speaker", "speaker_mention", "cue", "content"]
METRICS = ["mention_strict_p", "mention_strict_r", "mention_strict_f1",
           "mention_lenient_p", "mention_lenient_r", "mention_lenient_f1",
           "linking_acc", "entity_count_p", "entity_count_r", "entity_count_f1",
           "quote_p", "quote_r", "quote_f1", "speaker_acc", "attributed_quote_f1", "kind_acc"]


class GoldError(ValueError):
    """Raised when a gold folder is missing or holds no usable gold file."""


class GoldWarning(UserWarning):
    """A gold file was malformed and skipped."""


# ---------------------------------------------------------------- small pure definitions
def norm(s: object) -> str:
    """Return a name folded for comparison: NFKC, lower case, no leading 'the', no final 's, . and - as spaces."""
    if s is None or (isinstance(s, float) and pd.isna(s)):
        return ""
    s = unicodedata.normalize("NFKC", str(s)).replace("\u2019", "'").lower().strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"['\u2019]s$", "", s)
    return re.sub(r"[\s.\-]+", " ", s).strip()


def same_name(pred: object, canonical: str, aliases: Mapping[str, list[str]]) -> bool:
    """Whether a predicted name equals (after `norm`) a gold canonical name or one of its aliases."""
    p = norm(pred)
    if not p:
        return False
    return p in {norm(canonical)} | {norm(a) for a in aliases.get(canonical, [])}


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Return (precision, recall, F1), 0.0 where undefined."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return the number of characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quote_overlap_ok(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two quote spans overlap by at least half of the shorter one (and by at least one character)."""
    o = overlap(a, b)
    return o > 0 and o >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def doc_key(doc_id: object) -> str:
    """Return the join key of a document: the base name of its id or file name."""
    return os.path.basename(_text(doc_id))


def _text(v: object) -> str:
    """Return a cell as a string, '' for None/NaN."""
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return ""
    return str(v)


# ---------------------------------------------------------------- gold
def _gold_problem(g: object) -> str | None:
    """Return why a parsed gold file cannot be used, or None when it has what scoring needs."""
    if not isinstance(g, dict):
        return "not a JSON object"
    if not isinstance(g.get("doc"), str) or not g["doc"]:
        return "no 'doc' (the article's file name)"
    required = {"mentions": ("start", "end", "label", "canonical"), "quotes": ("start", "end", "kind", "speaker")}
    for key, needed in required.items():
        items = g.get(key)
        if not isinstance(items, list):
            return f"'{key}' is missing or not a list"
        for i, item in enumerate(items):
            if not isinstance(item, dict) or any(k not in item for k in needed):
                return f"{key}[{i}] lacks one of {', '.join(needed)}"
            if not all(isinstance(item[k], int) and not isinstance(item[k], bool) for k in ("start", "end")):
                return f"{key}[{i}] has non-integer offsets"
    if not isinstance(g.get("aliases", {}), dict):
        return "'aliases' is not an object"
    return None


def read_gold(folder: str | Path, *, strict: bool = False) -> dict[str, dict]:
    """Read every *.json gold file of a folder, keyed by the base name of its `doc`.

    Raises GoldError when the folder is missing or holds no usable file; a malformed file is skipped with a
    GoldWarning naming it and the problem (or raises GoldError with strict=True).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"gold folder not found: {folder}")
    files = sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())
    if not files:
        raise GoldError(f"no gold .json files in {folder}")
    golds: dict[str, dict] = {}
    for path in files:
        try:
            g = json.loads(path.read_text(encoding="utf-8"))
            problem = _gold_problem(g)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            problem = f"not readable JSON: {err}"
        if problem:
            if strict:
                raise GoldError(f"malformed gold file {path.name}: {problem}")
            warnings.warn(f"skipped gold file {path.name}: {problem}", GoldWarning, stacklevel=2)
            continue
        key = doc_key(g["doc"])
        if key in golds:
            warnings.warn(f"gold file {path.name} repeats document {key}; it replaces the earlier one", GoldWarning,
                          stacklevel=2)
        golds[key] = g
    if not golds:
        raise GoldError(f"no usable gold file in {folder} (all {len(files)} were malformed)")
    return golds


def _as_gold(gold: Mapping[str, dict] | str | Path) -> dict[str, dict]:
    """Accept a gold dict (as from `read_gold`) or a gold folder."""
    if isinstance(gold, (str, Path)):
        return read_gold(gold)
    out = {}
    for k, g in gold.items():
        problem = _gold_problem(g)
        if problem:
            raise GoldError(f"malformed gold for {k}: {problem}")
        out[doc_key(g["doc"])] = g
    return out


def gold_mentions(gold: Mapping[str, dict] | str | Path) -> pd.DataFrame:
    """Return the gold mentions as a mentions table (doc_id = the gold doc's base name)."""
    rows = [[doc, m["start"], m["end"], m["label"], m["canonical"], m.get("text")]
            for doc, g in _as_gold(gold).items() for m in g["mentions"]]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})


def gold_quotes(gold: Mapping[str, dict] | str | Path) -> pd.DataFrame:
    """Return the gold quotes as a quotes table (doc_id = the gold doc's base name)."""
    rows = [[doc, q["start"], q["end"], q["kind"], q["speaker"], q.get("speaker_mention"), q.get("cue"), q.get("content")]
            for doc, g in _as_gold(gold).items() for q in g["quotes"]]
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS).astype({"start": "int64", "end": "int64"})


# ---------------------------------------------------------------- predictions
def _records(df: pd.DataFrame | None) -> dict[str, list[dict]]:
    """Group a prediction table's rows by document key, keeping table order; rows without offsets are dropped."""
    out: dict[str, list[dict]] = {}
    if df is None or len(df) == 0:
        return out
    starts = pd.to_numeric(df["start"], errors="coerce")
    ends = pd.to_numeric(df["end"], errors="coerce")
    for rec, s, e in zip(df.to_dict("records"), starts, ends):
        if pd.isna(s) or pd.isna(e):
            continue
        rec = dict(rec, start=int(s), end=int(e))
        out.setdefault(doc_key(rec.get("doc_id")), []).append(rec)
    return out


def _pred_mentions(rows: list[dict], *, labels: bool = True) -> list[dict]:
    """Return scored predicted mentions: group label, canonical (else text); rows with unknown labels dropped."""
    out = []
    for r in rows:
        raw = _text(r.get("label")).upper()
        group = GROUP.get(raw)
        if not labels and raw:
            group = ANY_LABEL
        if group:
            out.append(dict(start=r["start"], end=r["end"], label=group, raw_label=raw,
                            canonical=_text(r.get("canonical")) or _text(r.get("text")), text=_text(r.get("text")),
                            evidence=_text(r.get("evidence"))))
    return out


def _gold_mention_list(g: dict, *, labels: bool = True) -> list[dict]:
    """Return the gold mentions that are scored, with their group."""
    return [dict(m, group=GROUP[m["label"]] if labels else ANY_LABEL) for m in g["mentions"] if m["label"] in GROUP]


def _pred_quotes(rows: list[dict]) -> list[dict]:
    """Return predicted quotes with speaker, speaker mention and lower-cased kind as strings."""
    return [dict(r, speaker=_text(r.get("speaker")), mention=_text(r.get("speaker_mention")),
                 kind=_text(r.get("kind")).lower()) for r in rows]


# ---------------------------------------------------------------- matching
def match_mentions_lenient(gm: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    """Return (gold index, pred index) lenient matches: each gold takes the first unused overlapping pred of its group."""
    used: set[int] = set()
    pairs = []
    for gi, m in enumerate(gm):
        for pi, p in enumerate(preds):
            if pi not in used and p["label"] == m["group"] and overlap((m["start"], m["end"]), (p["start"], p["end"])):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def match_quotes(gq: list[dict], qp: list[dict]) -> list[tuple[int, int]]:
    """Return (gold index, pred index) quote matches: best unused overlap of at least half the shorter span."""
    used: set[int] = set()
    pairs = []
    for gi, q in enumerate(gq):
        best, bi = 0, None
        for pi, p in enumerate(qp):
            if pi in used:
                continue
            o = overlap((q["start"], q["end"]), (p["start"], p["end"]))
            if quote_overlap_ok((q["start"], q["end"]), (p["start"], p["end"])) and o > best:
                best, bi = o, pi
        if bi is not None:
            used.add(bi)
            pairs.append((gi, bi))
    return pairs


def speaker_ok(pred: dict, gold: dict, aliases: Mapping[str, list[str]]) -> bool:
    """Whether a matched predicted quote has the gold quote's speaker (named, or an unnamed source by its words)."""
    if gold["speaker"]:
        return same_name(pred["speaker"], gold["speaker"], aliases)
    target = norm(gold.get("speaker_mention"))
    return (not pred["speaker"] and norm(pred["mention"]) == target) or norm(pred["speaker"]) == target


def _pair_remaining(gold_items: list[dict], preds: list[dict], gold_used: set[int], pred_used: set[int],
                    ok) -> list[tuple[int, int]]:
    """Greedily pair still unmatched gold and predicted items for which ok(gold, pred) holds."""
    pairs = []
    for gi, g in enumerate(gold_items):
        if gi in gold_used:
            continue
        for pi, p in enumerate(preds):
            if pi not in pred_used and ok(g, p):
                pairs.append((gi, pi))
                gold_used.add(gi)
                pred_used.add(pi)
                break
    return pairs


# ---------------------------------------------------------------- counting and metrics
def count_document(g: dict, mention_rows: list[dict], quote_rows: list[dict], *, labels: bool = True) -> Counter:
    """Return the counts behind every metric for one gold document and its predicted rows."""
    c: Counter = Counter()
    aliases = g.get("aliases", {}) or {}
    gm = _gold_mention_list(g, labels=labels)
    preds = _pred_mentions(mention_rows, labels=labels)
    c["m_gold"] += len(gm)
    c["m_pred"] += len(preds)
    strict = {(p["start"], p["end"], p["label"]) for p in preds}
    c["m_strict_tp"] += sum((m["start"], m["end"], m["group"]) in strict for m in gm)
    for gi, pi in match_mentions_lenient(gm, preds):
        c["m_lenient_tp"] += 1
        c["link_ok"] += same_name(preds[pi]["canonical"], gm[gi]["canonical"], aliases)
    gcount, pcount = entity_counts(gm, preds, aliases)
    c["ec_tp"] += sum(min(v, pcount[k]) for k, v in gcount.items())
    c["ec_gold"] += sum(gcount.values())
    c["ec_pred"] += sum(pcount.values())
    gq = g["quotes"]
    qp = _pred_quotes(quote_rows)
    c["q_gold"] += len(gq)
    c["q_pred"] += len(qp)
    for gi, pi in match_quotes(gq, qp):
        c["q_tp"] += 1
        c["q_kind_ok"] += qp[pi]["kind"] == gq[gi]["kind"]
        c["q_speaker_ok"] += speaker_ok(qp[pi], gq[gi], aliases)
    return c


def entity_counts(gm: list[dict], preds: list[dict], aliases: Mapping[str, list[str]]) -> tuple[Counter, Counter]:
    """Return gold and predicted (group, canonical) counts, predicted names folded onto gold canonicals via aliases."""
    fold: dict[tuple[str, str], str] = {}
    for m in gm:
        for n in [m["canonical"]] + list(aliases.get(m["canonical"], [])):
            fold[(m["group"], norm(n))] = norm(m["canonical"])
    gcount = Counter((m["group"], norm(m["canonical"])) for m in gm)
    pcount: Counter = Counter()
    for p in preds:
        k = (p["label"], norm(p["canonical"]))
        pcount[(p["label"], fold.get(k, k[1]))] += 1
    return gcount, pcount


def metrics(c: Mapping[str, int]) -> dict[str, float]:
    """Return every metric from summed counts."""
    c = Counter(c)
    sp, sr, sf = prf(c["m_strict_tp"], c["m_pred"], c["m_strict_tp"], c["m_gold"])
    lp, lr, lf = prf(c["m_lenient_tp"], c["m_pred"], c["m_lenient_tp"], c["m_gold"])
    ep, er, ef = prf(c["ec_tp"], c["ec_pred"], c["ec_tp"], c["ec_gold"])
    qp, qr, qf = prf(c["q_tp"], c["q_pred"], c["q_tp"], c["q_gold"])
    return {
        "mention_strict_p": sp, "mention_strict_r": sr, "mention_strict_f1": sf,
        "mention_lenient_p": lp, "mention_lenient_r": lr, "mention_lenient_f1": lf,
        "linking_acc": c["link_ok"] / c["m_lenient_tp"] if c["m_lenient_tp"] else 0.0,
        "entity_count_p": ep, "entity_count_r": er, "entity_count_f1": ef,
        "quote_p": qp, "quote_r": qr, "quote_f1": qf,
        "speaker_acc": c["q_speaker_ok"] / c["q_tp"] if c["q_tp"] else 0.0,
        "attributed_quote_f1": prf(c["q_speaker_ok"], c["q_pred"], c["q_speaker_ok"], c["q_gold"])[2],
        "kind_acc": c["q_kind_ok"] / c["q_tp"] if c["q_tp"] else 0.0,
    }


def _document_counts(gold: Mapping[str, dict] | str | Path, mentions: pd.DataFrame | None,
                     quotes: pd.DataFrame | None, *, labels: bool = True) -> dict[str, Counter]:
    """Return the counts of every gold document."""
    golds = _as_gold(gold)
    pm, pq = _records(mentions), _records(quotes)
    return {doc: count_document(g, pm.get(doc, []), pq.get(doc, []), labels=labels) for doc, g in golds.items()}


def score(gold: Mapping[str, dict] | str | Path, mentions: pd.DataFrame | None = None,
          quotes: pd.DataFrame | None = None, *, labels: bool = True) -> dict:
    """Return the overall metrics (see the module docstring), `docs` and the raw `counts`.

    Tables may be None (scored as empty). With labels=False every labelled prediction and scored gold mention
    falls in one group, so mentions are matched by span only (entity counts likewise).
    """
    per_doc = _document_counts(gold, mentions, quotes, labels=labels)
    total: Counter = sum(per_doc.values(), Counter())
    return {"docs": len(per_doc), **metrics(total), "counts": dict(total)}


def score_by_document(gold: Mapping[str, dict] | str | Path, mentions: pd.DataFrame | None = None,
                      quotes: pd.DataFrame | None = None, *, labels: bool = True) -> pd.DataFrame:
    """Return one row per gold document with the same metrics and the main counts."""
    rows = []
    for doc, c in _document_counts(gold, mentions, quotes, labels=labels).items():
        rows.append({"doc": doc, **metrics(c), **{k: c[k] for k in ("m_gold", "m_pred", "q_gold", "q_pred")}})
    return pd.DataFrame(rows, columns=["doc", *METRICS, "m_gold", "m_pred", "q_gold", "q_pred"])


def summary_lines(result: Mapping) -> list[str]:
    """Return the two lines the development scorer prints, from a `score` result."""
    f = lambda x: f"{x:.3f}"  # noqa: E731
    r = result
    return [
        f"docs={r['docs']} mentions strict F1={f(r['mention_strict_f1'])} lenient P/R/F1="
        f"{'/'.join(map(f, (r['mention_lenient_p'], r['mention_lenient_r'], r['mention_lenient_f1'])))} "
        f"linking={f(r['linking_acc'])} entity-count F1={f(r['entity_count_f1'])}",
        f"quotes P/R/F1={'/'.join(map(f, (r['quote_p'], r['quote_r'], r['quote_f1'])))} speaker acc={f(r['speaker_acc'])} "
        f"attributed-quote F1={f(r['attributed_quote_f1'])} kind acc={f(r['kind_acc'])}",
    ]


# ---------------------------------------------------------------- errors
def _sentence_finder(sentences: pd.DataFrame | None):
    """Return a function (doc, start) -> text of the sentence holding that offset ('' when unknown)."""
    if sentences is None or len(sentences) == 0:
        return lambda doc, start: None
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for r in sentences.itertuples(index=False):
        by_doc.setdefault(doc_key(r.doc_id), []).append((int(r.start), int(r.end), _text(r.text)))

    def find(doc: str, start: int) -> str:
        for s, e, t in by_doc.get(doc, []):
            if s <= start < e:
                return t
        return ""

    return find


def _mention_error_row(doc: str, cause: str, m: dict | None, p: dict | None, find) -> dict:
    """Return one row of `mention_errors`."""
    start = m["start"] if m else p["start"]
    return {"doc": doc, "cause": cause,
            "gold_start": m["start"] if m else None, "gold_end": m["end"] if m else None,
            "gold_text": m.get("text") if m else None, "gold_label": m["label"] if m else None,
            "gold_canonical": m["canonical"] if m else None,
            "pred_start": p["start"] if p else None, "pred_end": p["end"] if p else None,
            "pred_text": p["text"] if p else None, "pred_label": p["raw_label"] if p else None,
            "pred_canonical": p["canonical"] if p else None, "pred_evidence": p.get("evidence", "") if p else None,
            "sentence": find(doc, start)}


MENTION_ERROR_COLUMNS = ["doc", "cause", "gold_start", "gold_end", "gold_text", "gold_label", "gold_canonical",
                         "pred_start", "pred_end", "pred_text", "pred_label", "pred_canonical", "pred_evidence",
                         "sentence"]


def _mention_alignment(g: dict, rows: list[dict]) -> tuple[list[dict], list[dict], list[tuple[int, int, str]], set, set]:
    """Align one document's gold and predicted mentions: lenient matches, then overlapping pairs of another group."""
    gm = _gold_mention_list(g)
    preds = _pred_mentions(rows)
    pairs = [(gi, pi, "match") for gi, pi in match_mentions_lenient(gm, preds)]
    gold_used, pred_used = {gi for gi, _, _ in pairs}, {pi for _, pi, _ in pairs}
    relabel = _pair_remaining(gm, preds, gold_used, pred_used,
                              lambda m, p: overlap((m["start"], m["end"]), (p["start"], p["end"])) > 0)
    pairs += [(gi, pi, "wrong label") for gi, pi in relabel]
    return gm, preds, pairs, gold_used, pred_used


def mention_errors(gold: Mapping[str, dict] | str | Path, mentions: pd.DataFrame | None,
                   sentences: pd.DataFrame | None = None, *, ignored: bool = True) -> pd.DataFrame:
    """Return one row per mention error with its `cause` and, given a sentences table, its sentence.

    Causes: "missed" (no overlapping prediction), "spurious" (no overlapping gold), "wrong label" (overlapping
    prediction of another label group), "boundary (partial overlap)" and "wrong canonical" (lenient matches whose
    span differs / whose canonical does not name the gold entity; a match with both problems gives two rows), and,
    with ignored=True, "ignored label" for predictions whose label the score does not count.
    """
    golds = _as_gold(gold)
    pm = _records(mentions)
    find = _sentence_finder(sentences)
    rows = []
    for doc, g in golds.items():
        aliases = g.get("aliases", {}) or {}
        gm, preds, pairs, gold_used, pred_used = _mention_alignment(g, pm.get(doc, []))
        for gi, pi, kind in pairs:
            m, p = gm[gi], preds[pi]
            if kind == "wrong label":
                rows.append(_mention_error_row(doc, "wrong label", m, p, find))
                continue
            if (m["start"], m["end"]) != (p["start"], p["end"]):
                rows.append(_mention_error_row(doc, "boundary (partial overlap)", m, p, find))
            if not same_name(p["canonical"], m["canonical"], aliases):
                rows.append(_mention_error_row(doc, "wrong canonical", m, p, find))
        rows += [_mention_error_row(doc, "missed", m, None, find) for gi, m in enumerate(gm) if gi not in gold_used]
        rows += [_mention_error_row(doc, "spurious", None, p, find) for pi, p in enumerate(preds) if pi not in pred_used]
        if ignored:
            for r in pm.get(doc, []):
                if _text(r.get("label")).upper() not in GROUP:
                    p = dict(start=r["start"], end=r["end"], raw_label=_text(r.get("label")),
                             canonical=_text(r.get("canonical")), text=_text(r.get("text")))
                    rows.append(_mention_error_row(doc, "ignored label", None, p, find))
    df = pd.DataFrame(rows, columns=MENTION_ERROR_COLUMNS)
    key = df["gold_start"].fillna(df["pred_start"]) if len(df) else df["gold_start"]
    return df.assign(_k=key).sort_values(["doc", "_k"], kind="stable").drop(columns="_k").reset_index(drop=True)


QUOTE_ERROR_COLUMNS = ["doc", "cause", "gold_start", "gold_end", "gold_kind", "gold_speaker", "gold_speaker_mention",
                       "gold_content", "pred_start", "pred_end", "pred_kind", "pred_speaker", "pred_speaker_mention",
                       "pred_content", "pred_rule", "overlap", "sentence"]


def _quote_error_row(doc: str, cause: str, q: dict | None, p: dict | None, find) -> dict:
    """Return one row of `quote_errors`."""
    start = q["start"] if q else p["start"]
    return {"doc": doc, "cause": cause,
            "gold_start": q["start"] if q else None, "gold_end": q["end"] if q else None,
            "gold_kind": q["kind"] if q else None, "gold_speaker": q["speaker"] if q else None,
            "gold_speaker_mention": q.get("speaker_mention") if q else None,
            "gold_content": q.get("content") if q else None,
            "pred_start": p["start"] if p else None, "pred_end": p["end"] if p else None,
            "pred_kind": p["kind"] if p else None, "pred_speaker": p["speaker"] if p else None,
            "pred_speaker_mention": p["mention"] if p else None, "pred_content": _text(p.get("content")) if p else None,
            "pred_rule": _text(p.get("rule")) if p else None,
            "overlap": overlap((q["start"], q["end"]), (p["start"], p["end"])) if q and p else None,
            "sentence": find(doc, start)}


def quote_errors(gold: Mapping[str, dict] | str | Path, quotes: pd.DataFrame | None,
                 sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per quote error with its `cause` and, given a sentences table, the sentence where it starts.

    Causes: "missed", "spurious", "overlap below 50%" (a gold and a predicted quote that overlap too little to match:
    the score counts them as one missed and one spurious), and for matched quotes "boundary" (spans differ),
    "wrong speaker" and "wrong kind" (a matched quote can give several rows).
    """
    golds = _as_gold(gold)
    pq = _records(quotes)
    find = _sentence_finder(sentences)
    rows = []
    for doc, g in golds.items():
        aliases = g.get("aliases", {}) or {}
        gq, qp = g["quotes"], _pred_quotes(pq.get(doc, []))
        pairs = match_quotes(gq, qp)
        gold_used, pred_used = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        for gi, pi in pairs:
            q, p = gq[gi], qp[pi]
            if (q["start"], q["end"]) != (p["start"], p["end"]):
                rows.append(_quote_error_row(doc, "boundary", q, p, find))
            if not speaker_ok(p, q, aliases):
                rows.append(_quote_error_row(doc, "wrong speaker", q, p, find))
            if p["kind"] != q["kind"]:
                rows.append(_quote_error_row(doc, "wrong kind", q, p, find))
        weak = _pair_remaining(gq, qp, gold_used, pred_used,
                               lambda q, p: overlap((q["start"], q["end"]), (p["start"], p["end"])) > 0)
        rows += [_quote_error_row(doc, "overlap below 50%", gq[gi], qp[pi], find) for gi, pi in weak]
        rows += [_quote_error_row(doc, "missed", q, None, find) for gi, q in enumerate(gq) if gi not in gold_used]
        rows += [_quote_error_row(doc, "spurious", None, p, find) for pi, p in enumerate(qp) if pi not in pred_used]
    df = pd.DataFrame(rows, columns=QUOTE_ERROR_COLUMNS)
    key = df["gold_start"].fillna(df["pred_start"]) if len(df) else df["gold_start"]
    return df.assign(_k=key).sort_values(["doc", "_k"], kind="stable").drop(columns="_k").reset_index(drop=True)


RULE_SCORE_COLUMNS = ["rule", "predicted", "matched", "precision", "speaker_ok", "kind_ok", "boundary_exact",
                      "spurious", "wrong_speaker", "wrong_kind"]


def quote_rule_scores(gold: Mapping[str, dict] | str | Path, quotes: pd.DataFrame | None, *,
                      part: str = "rule") -> pd.DataFrame:
    """Return one row per quote rule (or per frame / resolver with part=) with its precision and its errors.

    Each predicted quote of a gold document is matched as in `score` (50 % of the shorter span); `matched` counts
    its matches, `speaker_ok` / `kind_ok` / `boundary_exact` those with the gold speaker / kind / exact span, and
    `spurious`, `wrong_speaker`, `wrong_kind` the errors the rule is responsible for. part: "rule" (the whole
    "<frame>/<resolver>" value), "frame" or "resolver". Rows are sorted by errors, most first, so a weak rule is
    found from the numbers. A quotes table without a `rule` column gives one row named "(no rule column)".
    """
    if part not in ("rule", "frame", "resolver"):
        raise ValueError(f"part must be 'rule', 'frame' or 'resolver', not {part!r}")
    golds = _as_gold(gold)
    pq = _records(quotes)
    counts: dict[str, Counter] = {}
    for doc, g in golds.items():
        aliases = g.get("aliases", {}) or {}
        gq, qp = g["quotes"], _pred_quotes(pq.get(doc, []))
        matched = {pi: gi for gi, pi in match_quotes(gq, qp)}
        for pi, p in enumerate(qp):
            c = counts.setdefault(_rule_part(p.get("rule"), part), Counter())
            c["predicted"] += 1
            if pi not in matched:
                c["spurious"] += 1
                continue
            q = gq[matched[pi]]
            c["matched"] += 1
            ok_speaker, ok_kind = speaker_ok(p, q, aliases), p["kind"] == q["kind"]
            c["speaker_ok"] += ok_speaker
            c["kind_ok"] += ok_kind
            c["boundary_exact"] += (q["start"], q["end"]) == (p["start"], p["end"])
            c["wrong_speaker"] += not ok_speaker
            c["wrong_kind"] += not ok_kind
    rows = [{"rule": name, **{k: c[k] for k in RULE_SCORE_COLUMNS[1:] if k != "precision"},
             "precision": c["matched"] / c["predicted"] if c["predicted"] else 0.0} for name, c in counts.items()]
    df = pd.DataFrame(rows, columns=RULE_SCORE_COLUMNS)
    errors = df["spurious"] + df["wrong_speaker"] + df["wrong_kind"]
    return (df.assign(_e=errors).sort_values(["_e", "predicted", "rule"], ascending=[False, False, True], kind="stable")
            .drop(columns="_e").reset_index(drop=True))


def _rule_part(rule: object, part: str) -> str:
    """Return the part of a quote's `rule` value that `quote_rule_scores` groups by."""
    if rule is None:
        return "(no rule column)"
    frame, _, resolver = _text(rule).partition("/")
    return {"rule": _text(rule), "frame": frame, "resolver": resolver}[part] or "(none)"


def label_confusion(gold: Mapping[str, dict] | str | Path, mentions: pd.DataFrame | None, *,
                    groups: bool = False) -> pd.DataFrame:
    """Return gold label (rows) x predicted label (columns) counts of aligned mentions, NONE for unmatched ones.

    Pairs are the lenient matches, then overlapping pairs across label groups (as in `mention_errors`); labels are
    the gold labels and the upper-cased predicted labels, or their groups (PER, ORG, PLACE, NORP) with groups=True.
    """
    golds = _as_gold(gold)
    pm = _records(mentions)
    cells: Counter = Counter()
    for doc, g in golds.items():
        gm, preds, pairs, gold_used, pred_used = _mention_alignment(g, pm.get(doc, []))
        glab = (lambda m: m["group"]) if groups else (lambda m: m["label"])
        plab = (lambda p: p["label"]) if groups else (lambda p: p["raw_label"])
        for gi, pi, _ in pairs:
            cells[(glab(gm[gi]), plab(preds[pi]))] += 1
        cells.update((glab(m), NONE) for gi, m in enumerate(gm) if gi not in gold_used)
        cells.update((NONE, plab(p)) for pi, p in enumerate(preds) if pi not in pred_used)
    order = list(dict.fromkeys(GROUP.values())) if groups else ["PERSON", "ORGANIZATION", "GPE", "LOCATION", "NORP"]
    seen = {k for pair in cells for k in pair if k != NONE}
    labels = [x for x in order if x in seen] + sorted(seen - set(order))
    idx = labels + [NONE]
    table = pd.DataFrame(0, index=pd.Index(idx, name="gold"), columns=pd.Index(idx, name="predicted"), dtype="int64")
    for (a, b), n in cells.items():
        table.loc[a, b] = n
    return table


# ---------------------------------------------------------------- baseline and comparison
# NLTK data packages the baseline needs (paths are listed once, in helpers.resources.NLTK_PACKAGES)
BASELINE_NLTK_DATA: tuple[str, ...] = ("maxent_ne_chunker_tab", "gazetteers", "names", "punkt_tab",
                                       "averaged_perceptron_tagger_eng")


def baseline_missing_data() -> list[str]:
    """Return the NLTK data packages the baseline needs that cannot be found."""
    from . import resources

    return resources.missing_packages(BASELINE_NLTK_DATA)


BASELINE_TITLES = frozenset("mr mrs ms dr prof president minister senator sen gov governor general gen "
                            "chancellor king queen prince pope sir lord judge".split())


def baseline_label(words: list[str], previous: str = "") -> str:
    """Return the trivial-rule label of a binary NE found by the baseline.

    NLTK gazetteer country/state/city -> GPE, nationality -> NORP, a first name (NLTK names) starting a
    multi-word name or a title just before it -> PERSON, anything else -> ORGANIZATION.
    """
    from . import resources

    gaz = _gazetteers()
    name = " ".join(words)
    if name in gaz["places"]:
        return "GPE"
    if name in gaz["nationalities"] or (name.endswith("s") and name[:-1] in gaz["nationalities"]):
        return "NORP"
    if previous.lower().rstrip(".") in BASELINE_TITLES or (len(words) >= 2 and words[0] in resources.first_names()):
        return "PERSON"
    return "ORGANIZATION"


@functools.cache
def _gazetteers() -> dict[str, frozenset[str]]:
    """Return NLTK's gazetteer place names and nationalities, loaded once."""
    from nltk.corpus import gazetteers

    from . import resources

    def words(f: str) -> frozenset[str]:
        return frozenset(resources.load_or_explain(lambda: gazetteers.words(f), "gazetteers"))

    places = frozenset().union(*(words(f) for f in ("countries.txt", "usstates.txt", "uscities.txt",
                                                     "caprovinces.txt", "mexstates.txt")))
    return {"places": places, "nationalities": words("nationalities.txt")}


@functools.cache
def _ne_chunker():
    """Return NLTK's stock binary named-entity chunker (what `nltk.ne_chunk(..., binary=True)` uses), loaded once."""
    from nltk.chunk import ne_chunker

    from . import resources

    return resources.load_or_explain(lambda: ne_chunker(fmt="binary"), "maxent_ne_chunker_tab")


def _documents(documents) -> list:
    """Return Documents from a list of Documents or a documents table (only analysable ones)."""
    from . import corpus

    if isinstance(documents, pd.DataFrame):
        docs = [corpus.document_from_row(r) for r in documents.to_dict("records")]
    else:
        docs = list(documents)
    return [d for d in docs if d.analysable]


def baseline_mentions(documents, *, tokens: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a mentions table from NLTK's stock NE chunker (`ne_chunk(binary=True)`) over the project's tokens.

    Tokens and POS tags are the project's (`helpers.text`, NLTK's perceptron tagger), so offsets are raw offsets.

    The binary chunker finds names but gives them no type, so every NE is labelled by a documented trivial rule
    (`baseline_label`: NLTK gazetteers for GPE/NORP, NLTK first names or a preceding title for PERSON, else
    ORGANIZATION) and its canonical name is its own text. Score it with `score(..., labels=True)` for the labelled
    comparison and `labels=False` for the label-agnostic one (which `compare` reports as `any_label_*`), so that the
    baseline is not judged on types it never predicted. Pass the pipeline's `tokens` table to skip re-tokenising.
    """
    from . import resources, text as text_mod

    missing = baseline_missing_data()
    if missing:
        raise resources.MissingNLTKData(resources.missing_message(missing))
    chunker = _ne_chunker()
    rows = []
    tok_by_doc = {k: v for k, v in tokens.groupby("doc_id", sort=False)} if tokens is not None else {}
    for doc in _documents(documents):
        toks = tok_by_doc.get(doc.doc_id)
        if toks is None:
            seg = text_mod.segment(doc.text, doc_id=doc.doc_id, body_start=doc.body_start,
                                   title_span=(doc.title_start, doc.title_end))
            toks = seg.tokens
        for _, sent in toks.groupby("sentence_id", sort=True):
            rows += _chunk_sentence(doc, sent, chunker)
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})


def _chunk_sentence(doc, sent: pd.DataFrame, chunker) -> list[list]:
    """Return the baseline mention rows of one sentence's tokens."""
    from nltk.tree import Tree

    starts, ends, words = list(sent["start"]), list(sent["end"]), [_text(w) for w in sent["text"]]
    tags = [_text(t) or "NN" for t in sent["pos"]]
    forms = [w.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"') for w in words]
    tree = chunker.parse(list(zip(forms, tags)))
    rows, i = [], 0
    for node in tree:
        if isinstance(node, Tree):
            n = len(node.leaves())
            s, e = starts[i], ends[i + n - 1]
            surface = doc.text[s:e]
            label = baseline_label(forms[i:i + n], forms[i - 1] if i else "")
            rows.append([doc.doc_id, s, e, label, surface, surface])
            i += n
        else:
            i += 1
    return rows


def _system_tables(value) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Accept a mentions table, a (mentions, quotes) pair or a {'mentions', 'quotes'} dict."""
    if isinstance(value, pd.DataFrame) or value is None:
        return value, None
    if isinstance(value, Mapping):
        return value.get("mentions"), value.get("quotes")
    mentions, quotes = value
    return mentions, quotes


def compare(gold: Mapping[str, dict] | str | Path, systems: Mapping[str, object]) -> pd.DataFrame:
    """Return one row per system: all metrics plus label-agnostic mention scores (`any_label_*`).

    Quote metrics are NaN for systems given without quotes. A system is a mentions table, a (mentions, quotes)
    pair, or a dict with 'mentions' and 'quotes'.
    """
    golds = _as_gold(gold)
    rows = []
    for name, value in systems.items():
        mentions, quotes = _system_tables(value)
        r = score(golds, mentions, quotes)
        a = score(golds, mentions, None, labels=False)
        row = {"system": name, "docs": r["docs"], **{k: r[k] for k in METRICS},
               "any_label_strict_f1": a["mention_strict_f1"], "any_label_lenient_p": a["mention_lenient_p"],
               "any_label_lenient_r": a["mention_lenient_r"], "any_label_lenient_f1": a["mention_lenient_f1"],
               "n_mentions": r["counts"].get("m_pred", 0),
               "n_quotes": r["counts"].get("q_pred", 0) if quotes is not None else None}
        if quotes is None:
            row.update({k: float("nan") for k in ("quote_p", "quote_r", "quote_f1", "speaker_acc",
                                                   "attributed_quote_f1", "kind_acc")})
        rows.append(row)
    return pd.DataFrame(rows).set_index("system")


# ---------------------------------------------------------------- reading predictions and the CLI
def read_predictions(folder: str | Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Return the (mentions, quotes) tables of a pipeline output folder, None for an absent table.

    CSV is preferred and read as text, exactly as the development scorer reads it; else Parquet.
    """
    folder = Path(folder)
    out = []
    for name in ("mentions", "quotes"):
        csv_path, pq_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        if csv_path.exists():
            out.append(pd.read_csv(csv_path, dtype=str, keep_default_na=False))
        elif pq_path.exists():
            out.append(pd.read_parquet(pq_path))
        else:
            out.append(None)
    return out[0], out[1]


def predicted_documents(folder: str | Path, mentions: pd.DataFrame | None = None,
                        quotes: pd.DataFrame | None = None) -> set[str]:
    """Return the document keys a prediction folder covers: its analysed documents (documents table), else every
    document that has a mention or quote row."""
    from . import corpus

    folder = Path(folder)
    for path, reader in ((folder / "documents.csv", lambda p: pd.read_csv(p, dtype=str, keep_default_na=False,
                                                                          usecols=["doc_id", "status"])),
                         (folder / "documents.parquet", lambda p: pd.read_parquet(p, columns=["doc_id", "status"]))):
        if path.exists():
            docs = reader(path)
            return {doc_key(d) for d, s in zip(docs["doc_id"], docs["status"]) if s in corpus.ANALYSABLE}
    keys: set[str] = set()
    for df in (mentions, quotes):
        if df is not None and len(df):
            keys |= {doc_key(d) for d in df["doc_id"]}
    return keys


def missing_from_predictions(golds: Mapping[str, dict], covered: set[str]) -> list[str]:
    """Return the gold articles (sorted) that the predictions do not cover."""
    return sorted(set(golds) - covered)


def missing_gold_message(missing: list[str], n_gold: int, pred: str | Path, *, shown: int = 10) -> str:
    """Return the message naming the gold articles that have no predictions."""
    names = ", ".join(missing[:shown]) + (f" and {len(missing) - shown} more" if len(missing) > shown else "")
    return (f"{len(missing)} of {n_gold} gold article{'s' if n_gold != 1 else ''} "
            f"{'are' if len(missing) != 1 else 'is'} not in the predictions in {pred}: {names}. Run the pipeline on "
            "the corpus that holds them (--corpus), or pass --covered-only to score only the gold articles it covers.")


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of the evaluation."""
    p = argparse.ArgumentParser(prog="python -m helpers.evaluate",
                                description="Score the pipeline's mentions and quotes tables against gold JSON files.")
    p.add_argument("gold", nargs="?", help="folder of gold .json files (e.g. seeds/gold)")
    p.add_argument("pred", nargs="?", help="pipeline output folder holding mentions.csv/quotes.csv (or .parquet)")
    p.add_argument("--corpus", help="run the pipeline on this corpus first, writing CSV tables into PRED")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    # public benchmarks (helpers.polnear, helpers.conll): run the pipeline on their texts and score it
    bench = p.add_argument_group("public benchmarks (instead of GOLD PRED)")
    bench.add_argument("--polnear", metavar="DIR", help="score quotes on PolNeAR (folder holding data/<split>)")
    bench.add_argument("--split", help="with --polnear: the split to read (train, dev or test); no other is read")
    bench.add_argument("--cues", metavar="CSV", help="with --polnear: cue lexicon defining speech (default: the package's)")
    bench.add_argument("--conll", metavar="FILE", help="score mentions on a CoNLL-2003-format file")
    bench.add_argument("--limit", type=int, help="score only the first N documents")
    bench.add_argument("--out", metavar="DIR", help="write the benchmark's tables into DIR")
    bench.add_argument("--jobs", type=int, default=1, help="worker processes for the pipeline (default 1)")
    p.add_argument("--by-rule", action="store_true",
                   help="also print each quote rule's precision and errors (see quote_rule_scores)")
    p.add_argument("--covered-only", action="store_true",
                   help="score only the gold articles the predictions cover (default: a missing one is an error)")
    return p


def _benchmark_main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the --polnear or --conll benchmark (helpers.polnear / helpers.conll)."""
    if args.gold or args.pred or (args.polnear and args.conll):
        parser.error("--polnear and --conll take no GOLD/PRED folders, and one benchmark at a time")
    if args.polnear:
        if not args.split:
            parser.error("--polnear needs --split (train, dev or test): only that split's folder is read")
        from . import polnear

        return polnear.cli(args)
    from . import conll

    return conll.cli(args)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation command; exit 2 on missing input, 1 when the pipeline run fails or gold articles have no predictions."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.polnear or args.conll:
        return _benchmark_main(parser, args)
    if not (args.gold and args.pred):
        parser.error("GOLD and PRED folders are required (or --polnear / --conll)")
    try:
        golds = read_gold(args.gold)
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.corpus:
        from . import pipeline, resources

        if not Path(args.corpus).exists():
            print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
            return 2
        try:
            summary = pipeline.run_corpus(args.corpus, args.pred, fmt="csv", progress=False)
        except resources.MissingNLTKData as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(summary.line(), file=sys.stderr)
    elif not Path(args.pred).is_dir():
        print(f"error: prediction folder not found: {args.pred}", file=sys.stderr)
        return 2
    mentions, quotes = read_predictions(args.pred)
    for name, df in (("mentions", mentions), ("quotes", quotes)):
        if df is None:
            print(f"warning: no {name} table in {args.pred}; scored as empty", file=sys.stderr)
    missing = missing_from_predictions(golds, predicted_documents(args.pred, mentions, quotes))
    if missing and (not args.covered_only or len(missing) == len(golds)):
        print(f"error: {missing_gold_message(missing, len(golds), args.pred)}", file=sys.stderr)
        return 1
    if missing:
        print(f"note: scoring {len(golds) - len(missing)} of {len(golds)} gold articles; not in the predictions: "
              f"{', '.join(missing)}", file=sys.stderr)
        golds = {k: g for k, g in golds.items() if k not in missing}
    result = score(golds, mentions, quotes)
    if args.json:
        print(json.dumps(result))
    else:
        print("\n".join(summary_lines(result)))
    if args.by_rule:
        print(quote_rule_scores(golds, quotes).to_string(index=False, float_format="%.3f"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
