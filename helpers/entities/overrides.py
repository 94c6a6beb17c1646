"""A researcher's overrides: `entity_overrides.csv` in a corpus folder relabels, relinks or drops surface forms."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .candidates import plain
from .lexicon import key

OVERRIDES_FILE = "entity_overrides.csv"


def read_overrides(corpus_dir: str | Path) -> pd.DataFrame | None:
    """Return the corpus folder's entity_overrides.csv (surface, label, canonical; DROP removes), or None."""
    p = Path(corpus_dir)
    p = (p.parent if p.is_file() else p) / OVERRIDES_FILE
    if not p.exists():
        return None
    df = pd.read_csv(p, dtype=str, keep_default_na=False, comment="#")
    missing = {"surface", "label", "canonical"} - set(df.columns)
    if missing:
        raise ValueError(f"{p}: missing columns {', '.join(sorted(missing))} (need surface,label,canonical)")
    return df[["surface", "label", "canonical"]]


def apply_overrides(mentions: pd.DataFrame, overrides: pd.DataFrame | None) -> pd.DataFrame:
    """Return mentions with a researcher's overrides applied: matching surface forms relabelled, relinked or dropped
    (their `evidence` becomes "override")."""
    if overrides is None or len(overrides) == 0 or len(mentions) == 0:
        return mentions
    rules = {key(plain(s)): (lab.strip(), can.strip()) for s, lab, can in
             zip(overrides["surface"], overrides["label"], overrides["canonical"])}
    has_evidence = "evidence" in mentions.columns
    evidence = mentions["evidence"].tolist() if has_evidence else [""] * len(mentions)
    labels, canons, keep = [], [], []
    for n, (t, lab, can) in enumerate(zip(mentions["text"].tolist(), mentions["label"].tolist(),
                                          mentions["canonical"].tolist())):
        r = rules.get(key(plain(t)))
        if r is None:
            labels.append(lab); canons.append(can); keep.append(True)
            continue
        nl, nc = r
        drop = nl.upper() == "DROP" or nc.upper() == "DROP"
        labels.append(nl.upper() if nl else lab); canons.append(nc or can); keep.append(not drop)
        evidence[n] = "override"
    out = mentions.copy()
    out["label"] = labels
    out["canonical"] = canons
    if has_evidence:
        out["evidence"] = evidence
    out = out[keep].reset_index(drop=True)
    if "mention_id" in out.columns and "doc_id" in out.columns:
        out["mention_id"] = out.groupby("doc_id", sort=False).cumcount()
    return out
