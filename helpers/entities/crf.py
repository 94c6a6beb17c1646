"""CRF typing evidence: the statistical recogniser (helpers/ner_model.py) retypes names no list or head word backs.

Boundaries stay with the rules. A mention typed only from its context or by default (evidence in `WEAK`: `said X`,
a capitalised phrase, a heading, coordination) takes the CRF's type when the CRF's mean marginal
probability of that type over the mention's tokens is at least `THRESHOLD` and differs from the rules' group; the
`evidence` column then says `crf_type`. The CRF runs only on the sentences that hold such a mention (the costly part
of the CRF is per token), so articles whose names are all backed by lists pay nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..grammar import NAME_PARTICLES
from .candidates import Span
from .lexicon import CAMEL, first_name_keys

INNER_CAP = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]")  # ZMapp, iPhone-like words

# evidence that states no list, head word or definition: the CRF may override it
WEAK = frozenset({"context", "name_structure", "capitalised_phrase", "heading_seen_in_body", "coordination",
                  "camel_case", "the_prefix", "org_context"})
THRESHOLD = 0.9  # mean marginal of the CRF's type over the mention's tokens (0.7 retyped dev-gold names wrongly)
MODEL: Path | None = None  # None: the shipped model; scripts/eval_ner.py sets a held-out model to measure honestly
GROUP = {"PERSON": "PER", "ORGANIZATION": "ORG", "GPE": "LOC", "LOCATION": "LOC", "NORP": "MISC"}
_COLUMNS = ("p_per", "p_org", "p_loc")
_TYPE_OF = {"p_per": "PER", "p_org": "ORG", "p_loc": "LOC"}


def crf_retype(spans: list[Span], texts: list[str], offsets: list[tuple[int, int]], sids: list[int],
               tokens: pd.DataFrame, *, threshold: float | None = None) -> list[Span]:
    """Return the spans with weakly typed ones retyped by the CRF where it is confident (evidence `crf_type`)."""
    from .. import ner_model
    from .typing import typed

    threshold = THRESHOLD if threshold is None else threshold

    firsts = first_name_keys()
    weak = [n for n, sp in enumerate(spans) if sp.label and not sp.strong and sp.evidence in WEAK
            and not any(CAMEL.search(w) or INNER_CAP.search(w) for w in texts[n].split())  # the rules' own shape
            and not (sp.label == "PERSON" and (texts[n].split()[0].lower() in firsts  # a first-name list backs it
                                               or any(w in NAME_PARTICLES for w in texts[n].split())))]  # al, van  # a first-name list backs it
    if not weak or tokens is None or len(tokens) == 0:
        return spans
    need = {sids[n] for n in weak}
    sub = tokens[tokens["sentence_id"].isin(need)]
    try:
        scores = ner_model.type_scores(sub, [offsets[n] for n in weak], model=MODEL)
    except ner_model.MissingModel:
        return spans  # no model: the rules' labels stand (the pipeline's run summary names the model file)
    out = list(spans)
    for n, row in zip(weak, scores[list(_COLUMNS)].itertuples(index=False)):
        best = max(range(len(_COLUMNS)), key=lambda c: row[c])
        typ = _TYPE_OF[_COLUMNS[best]]
        sp = spans[n]
        if row[best] >= threshold and GROUP.get(sp.label) != typ:
            label = ner_model.project_label(typ, texts[n].split())
            out[n] = typed(sp, label, sp.canonical, "crf_type")
    return out
