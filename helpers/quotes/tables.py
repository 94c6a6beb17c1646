"""The quotes, speakers and speaker_mentions tables built from found quotes (schemas: helpers/tables.py)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy as np
import pandas as pd

from .. import tables as table_io
from .descriptors import Descriptor
from .lexicon import sentiment_analyzer
from .model import Quote


QUOTE_COLUMNS = table_io.SCHEMAS["quotes"]  # the schemas are defined in helpers/tables.py
SPEAKER_COLUMNS = table_io.SCHEMAS["speakers"]
SPEAKER_MENTION_COLUMNS = table_io.SCHEMAS["speaker_mentions"]
MENTION_COLUMNS = ["doc_id", "mention_id", "sentence_id", "start", "end", "text", "label", "canonical"]


def quotes_frame(doc_id: str, raw: str, found: list[Quote]) -> pd.DataFrame:
    """The quotes table of one document from its quotes (sorted by start; quote_id in that order)."""
    sia = sentiment_analyzer() if found else None
    rows: list[dict] = []
    ordered_quotes = sorted(found, key=lambda x: x.cstart)
    number = {id(q): n for n, q in enumerate(ordered_quotes)}
    for n, q in enumerate(ordered_quotes):
        content = raw[q.cstart:q.cend]
        ref = q.ref
        mention = ref.text if ref is not None and ref.kind != "inherit" else None
        flags = list(dict.fromkeys(q.flags))
        if ref is None:
            flags.append("unattributed")
        rows.append({
            "doc_id": doc_id, "quote_id": n, "paragraph_id": q.paragraph_id, "kind": q.kind, "content": content,
            "start": q.cstart, "end": q.cend, "cue": q.cue or None, "speaker": q.speaker or None,
            "speaker_mention": mention or None, "speaker_label": q.label, "is_continuation": q.is_continuation,
            "flags": "|".join(flags) or None, "n_words": len(re.findall(r"\w+", content)),
            "sentiment": sia.polarity_scores(content)["compound"], "rule": rule_name(q),
            "statement_id": statement_id(q, number, n),
        })
    return build_table(rows, QUOTE_COLUMNS)


def statement_id(q: Quote, number: dict[int, int], n: int) -> int:
    """The `statement_id` column: the quote_id of the first row of the statement the quote belongs to (a quotation
    split by its attribution, continued right after it, or left open into the next paragraph is one statement)."""
    root, seen = q, {id(q)}
    while root.statement_of is not None and id(root.statement_of) not in seen and id(root.statement_of) in number:
        root = root.statement_of
        seen.add(id(root))
    return number.get(id(root), n)


def rule_name(q: Quote) -> str:
    """The `rule` column: "<frame>/<resolver>", the frame that found the quote and the resolver that named its speaker
    ("none" when no speaker was found)."""
    resolver = q.resolver or (q.ref.rule if q.ref is not None else "") or "none"
    return f"{q.frame}/{resolver}"


_NP_DTYPES = {"int": "int64", "float": "float64", "bool": bool, "str": object}


def build_table(rows: list[dict], schema: dict[str, str]) -> pd.DataFrame:
    """Build a table with the documented columns and dtypes straight from row dicts (no per-column conversion)."""
    data = {}
    for col, kind in schema.items():
        values = [r.get(col) for r in rows]
        if kind == "str":
            arr = np.empty(len(values), dtype=object)
            arr[:] = [None if v is None or v == "" else str(v) for v in values]
        elif kind == "int":
            arr = np.asarray([-1 if v is None else v for v in values], dtype="int64")
        else:
            arr = np.asarray(values, dtype=_NP_DTYPES[kind])
        data[col] = pd.Series(arr, dtype=object if kind == "str" else arr.dtype, copy=False)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)), copy=False)


def records(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    """Return rows of chosen columns as tuples (missing values as None)."""
    lists = [[None if (v is None or v != v) else v for v in df[c].tolist()] for c in cols]
    return list(zip(*lists))


def speakers_table(quotes: pd.DataFrame, descriptors: dict[str, Descriptor] | None = None) -> pd.DataFrame:
    """Return one row per speaker and document: counts by kind, quoted words, share of voice and descriptor.

    Named speakers are keyed by canonical name; an unnamed source by its mention words (`is_named` False).
    """
    descriptors = descriptors or {}
    if not len(quotes):
        return table_io.empty("speakers")
    totals: dict[str, int] = {}
    groups: dict[tuple[str, str], dict] = {}
    for doc_id, speaker, mention, label, kind, n in records(
            quotes, ["doc_id", "speaker", "speaker_mention", "speaker_label", "kind", "n_words"]):
        totals[doc_id] = totals.get(doc_id, 0) + int(n)
        key = speaker or mention
        if not key:
            continue
        g = groups.setdefault((doc_id, key), {"doc_id": doc_id, "speaker": key, "is_named": bool(speaker),
                                              "label": label, "n_quotes": 0, "n_words": 0, "n_direct": 0,
                                              "n_indirect": 0, "n_mixed": 0})
        g["n_quotes"] += 1
        g["n_words"] += int(n)
        if f"n_{kind}" in g:
            g[f"n_{kind}"] += 1
    rows = []
    for (doc_id, key), g in groups.items():
        desc = descriptors.get(key, Descriptor()) if g["is_named"] else Descriptor()
        g.update(descriptor=desc.descriptor, role=desc.role, affiliation=desc.affiliation,
                 share_of_voice=g["n_words"] / totals[doc_id] if totals[doc_id] else 0.0)
        rows.append(g)
    return build_table(rows, SPEAKER_COLUMNS)


def speaker_mentions(quotes: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return which entities each speaker's quotes mention (mentions whose span lies inside a quote's content)."""
    if not len(quotes) or mentions is None or not len(mentions):
        return table_io.empty("speaker_mentions")
    by_doc: dict[str, list[tuple]] = {}
    for n, m in enumerate(records(mentions, ["doc_id", "start", "end", "canonical", "label", "text"])):
        by_doc.setdefault(m[0], []).append((m[1], n) + m)
    starts: dict[str, list] = {}
    for doc_id, ms in by_doc.items():  # sorted by start, so a quote's mentions are found by bisection
        ms.sort(key=lambda x: (x[0], x[1]))
        starts[doc_id] = [x[0] for x in ms]
    counts: dict[tuple, int] = {}
    for doc_id, s, e, speaker, mention in records(quotes, ["doc_id", "start", "end", "speaker", "speaker_mention"]):
        key = speaker or mention
        if not key or doc_id not in by_doc:
            continue
        ms = by_doc[doc_id]
        inner = sorted(ms[bisect_left(starts[doc_id], s):bisect_right(starts[doc_id], e)], key=lambda x: x[1])
        for _, _, _, ms_, me, can, lab, txt in inner:
            if s <= ms_ and me <= e:
                k = (doc_id, key, can or txt, lab)
                counts[k] = counts.get(k, 0) + 1
    rows = [{"doc_id": k[0], "speaker": k[1], "canonical": k[2], "label": k[3], "count": n} for k, n in counts.items()]
    return build_table(rows, SPEAKER_MENTION_COLUMNS)
