"""find_mentions: the steps from a segmented document to its mentions table, walked from one visible list."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .. import corpus, tables, text
from . import document
from .candidates import candidate_spans
from .document import Doc, State
from .filters import filter_candidates
from .linking import link
from .units import units as make_units

MENTION_COLUMNS = list(tables.SCHEMAS["mentions"])


def candidates(doc: Doc, st: State) -> State:
    """Candidate spans: runs of capitalised units, titles cut out, then `filters.CANDIDATE_FILTERS`."""
    return State(filter_candidates(doc.raw, doc.units, candidate_spans(doc.units)))


Step = Callable[[Doc, State], State]
# the order of the steps: candidates, typing from the name itself, then from the article (typing.ORDER names the
# evidence each step applies), filters between them
STEPS: tuple[Step, ...] = (
    candidates,
    document.name_rules,            # gazetteer, head words, acronyms (typing.ORDER, phase "name")
    document.acronym_definitions,   # acronym_expansion, defined_acronym
    document.acronym_full_names,
    document.drop_bracket_markup,
    document.drop_whole_quotations,
    document.drop_lone_head_words,
    document.multi_word_names,      # org_context, name_structure, capitalised_phrase
    document.index_name_words,      # the words of typed multi-word names, for the name_word evidence below
    document.city_words_of_names,   # name_word
    document.weak_places,           # weak_gazetteer
    document.drop_noun_modifiers,
    document.single_word_names,     # name_word, the_prefix, camel_case, context, coordination
    document.headings,              # heading_seen_in_body; untyped spans are dropped here
    document.crf_types,             # crf_type: the CRF retypes names typed only from context (entities/crf.py)
    document.bracket_aliases,
    document.sports_clubs,          # sports_club
    document.photo_credits,         # photo_credit
)


def strict_sentences(seg: text.Segmented) -> frozenset[int]:
    """Return the ids of the sentences in headings and the title."""
    paras = seg.paragraphs
    strict = {pid for pid, h, t in zip(paras["paragraph_id"].tolist(), paras["is_heading"].tolist(),
                                       paras["is_title"].tolist()) if h or t}
    s = seg.sentences
    return frozenset(sid for sid, pid in zip(s["sentence_id"].tolist(), s["paragraph_id"].tolist()) if pid in strict)


def find_mentions(doc: corpus.Document, seg: text.Segmented) -> pd.DataFrame:
    """Return the mentions table of one document: typed, linked proper-name spans with raw offsets."""
    if len(seg.tokens) == 0:
        return tables.empty("mentions")
    d = Doc(doc.text, make_units(seg), strict_sentences(seg), seg.tokens)
    st = State([])
    for step in STEPS:
        st = step(d, st)
    spans = sorted(st.spans, key=lambda sp: sp.i)
    df = pd.DataFrame(link(d.raw, d.units, spans), columns=MENTION_COLUMNS[2:])
    df.insert(0, "mention_id", range(len(df)))
    df.insert(0, "doc_id", doc.doc_id)
    return tables.conform(df, "mentions")
