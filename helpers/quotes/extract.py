"""The document walk: quotation spans, sentence analysis, continuations and speaker resolution of one article."""
from __future__ import annotations

import pandas as pd

from .context import Attribution
from .continuation import attribute_paragraph
from .descriptors import describe_speaker, person_mentions
from .document import Doc, merge_sentences, paragraph_rows
from .frames import analyse_sentence
from .marks import QuoteSpan, has_words, quote_spans
from .model import Quote
from .resolution import full_names, resolve
from .tables import quotes_frame, speaker_mentions, speakers_table


def find_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the quotes table of one document (direct, indirect and mixed quotes with their speakers)."""
    return extract(doc, seg, mentions)[0]


def extract(doc, seg, mentions: pd.DataFrame | None) -> tuple[pd.DataFrame, Doc, list[Quote]]:
    """Find and attribute the quotes of one document: its quotes table, look-ups and quotes (speakers resolved)."""
    raw = doc.text
    body = [(pid, s, e) for pid, s, e, is_title, _ in paragraph_rows(seg) if not is_title]
    spans_by_para = {pid: quote_spans(raw, s, e, paragraph_id=pid) for pid, s, e in body}
    d = Doc(raw, seg, mentions, [q for pid, _, _ in body for q in spans_by_para[pid]])
    sents_by_para: dict[int, list[tuple[int, int]]] = {}
    for pid, s, e in d.sent_spans:
        sents_by_para.setdefault(pid, []).append((s, e))
    found: list[Quote] = []
    prev_para_quotes: list[Quote] = []
    prev_unclosed = False
    for pid, p_lo, p_hi in body:
        spans = spans_by_para[pid]
        sents = merge_sentences(sents_by_para.get(pid, [(p_lo, p_hi)]), spans, d)
        direct, indirect, absorbed, sent_of = analyse_paragraph(d, pid, spans, sents)
        para_quotes = attribute_paragraph(d, pid, spans, sents, sent_of, direct, absorbed, prev_para_quotes,
                                          prev_unclosed)
        para_quotes.extend(indirect)
        para_quotes.sort(key=lambda x: x.cstart)
        found.extend(para_quotes)
        if para_quotes:
            prev_para_quotes = para_quotes
        elif spans or has_words(raw, p_lo, p_hi):
            prev_para_quotes = []
        prev_unclosed = bool(spans) and "unclosed_paragraph" in spans[-1].flags
    resolve(d, found, mentions)
    return quotes_frame(doc.doc_id, raw, found), d, found


def analyse_paragraph(d: Doc, pid: int, spans: list[QuoteSpan], sents: list[tuple[int, int]]
                      ) -> tuple[dict[int, Attribution], list[Quote], set[int], dict[int, int]]:
    """Run the sentence frames over a paragraph: attributions of its quotations, reported quotes, quotations absorbed
    into mixed reports, and the sentence of each quotation."""
    direct: dict[int, Attribution] = {}
    indirect: list[Quote] = []
    absorbed: set[int] = set()
    sent_of: dict[int, int] = {}
    for si, (s, e) in enumerate(sents):
        res = analyse_sentence(d, s, e, spans, pid, direct, indirect)
        direct = res.direct
        indirect.extend(res.quotes)
        absorbed |= res.absorbed
        for k, q in enumerate(spans):
            if s <= q.open < e or (q.open < s and s <= q.cstart < e):
                sent_of.setdefault(k, si)
    return direct, indirect, absorbed, sent_of


def analyse_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Return the quotes, speakers and speaker_mentions tables of one document."""
    quotes, d, found = extract(doc, seg, mentions)
    full = full_names(d, mentions)
    named = {q.speaker for q in found if q.speaker and q.label == "PERSON"}
    by_name = person_mentions(d, full)
    descriptors = {name: describe_speaker(d, name, full, by_name) for name in named}
    return {"quotes": quotes, "speakers": speakers_table(quotes, descriptors),
            "speaker_mentions": speaker_mentions(quotes, mentions)}
