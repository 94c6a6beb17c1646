"""The document walk: quotation spans, sentence analysis, continuations and speaker resolution of one article."""
from __future__ import annotations

import pandas as pd

from .continuation import fragment_quote
from .descriptors import describe_speaker, person_mentions
from .document import Doc, mark_tokens, merge_sentences
from .frames import analyse_sentence
from .marks import has_words, quote_spans, statement_like
from .model import Quote, SpeakerRef
from .resolution import full_names, resolve
from .tables import quotes_frame, speaker_mentions, speakers_table


def find_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the quotes table of one document (direct, indirect and mixed quotes with their speakers)."""
    quotes, _ = extract(doc, seg, mentions)
    return quotes


def extract(doc, seg, mentions):
    raw = doc.text
    d = Doc(raw, seg, mentions)
    body = [(pid, s, e) for pid, s, e, is_title, is_heading in d.paragraphs if not is_title]
    spans_by_para = {pid: quote_spans(raw, s, e, paragraph_id=pid) for pid, s, e in body}
    all_spans = [q for pid, _, _ in body for q in spans_by_para[pid]]
    mark_tokens(d, all_spans)
    sents_by_para: dict[int, list[tuple[int, int]]] = {}
    for pid, s, e in d.sent_spans:
        sents_by_para.setdefault(pid, []).append((s, e))
    found: list[Quote] = []
    prev_para_quotes: list[Quote] = []
    prev_unclosed = False
    for pid, p_lo, p_hi in body:
        spans = spans_by_para[pid]
        direct: dict[int, tuple[SpeakerRef, str, bool]] = {}
        indirect: list[Quote] = []
        sents = merge_sentences(sents_by_para.get(pid, [(p_lo, p_hi)]), spans, d)
        sent_of = {}
        for si, (s, e) in enumerate(sents):
            analyse_sentence(d, s, e, spans, pid, direct, indirect)
            for k, q in enumerate(spans):
                if s <= q.open < e or (q.open < s and s <= q.cstart < e):
                    sent_of.setdefault(k, si)
        para_quotes: list[Quote] = []
        last: Quote | None = None
        last_sent = -1
        for k, q in enumerate(spans):
            if "absorbed" in q.flags:
                continue
            if k in direct:
                ref, cue, _ = direct[k]
                qq = Quote("direct", q.cstart, q.cend, pid, cue, ref, flags=list(q.flags), span=q)
            elif last is not None and last.ref is not None and statement_like(raw, q):
                same = sent_of.get(k, -2) == last_sent
                qq = Quote("direct", q.cstart, q.cend, pid, last.cue if same else None, last.ref, flags=list(q.flags),
                           span=q, is_continuation=not same)
                if not same:
                    qq.ref = SpeakerRef("inherit", "", q.open, None)
                    qq.speaker_from = last
            elif q.at_para_start and (q.whole_para or prev_unclosed) and prev_para_quotes and \
                    any(p.ref is not None for p in prev_para_quotes):
                src = [p for p in prev_para_quotes if p.ref is not None][-1]
                qq = Quote("direct", q.cstart, q.cend, pid, None, SpeakerRef("inherit", "", q.open, None),
                           flags=list(q.flags), span=q, is_continuation=True)
                qq.speaker_from = src
            else:
                qq = fragment_quote(d, q, pid, sents, sent_of.get(k))
                if qq is None:
                    continue
            para_quotes.append(qq)
            last, last_sent = qq, sent_of.get(k, -1)
        para_quotes.extend(indirect)
        para_quotes.sort(key=lambda x: x.cstart)
        found.extend(para_quotes)
        if para_quotes:
            prev_para_quotes = para_quotes
        elif not d.paragraphs or True:
            prev_para_quotes = [] if spans or has_words(raw, p_lo, p_hi) else prev_para_quotes
        prev_unclosed = bool(spans) and "unclosed_paragraph" in spans[-1].flags
    resolve(d, found, mentions)
    return quotes_frame(doc.doc_id, raw, found), (d, found)


def analyse_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Return the quotes, speakers and speaker_mentions tables of one document."""
    quotes, (d, found) = extract(doc, seg, mentions)
    full = full_names(d, mentions)
    named = {q.speaker for q in found if q.speaker and q.label == "PERSON"}
    by_name = person_mentions(d, full)
    descriptors = {name: describe_speaker(d, name, full, by_name) for name in named}
    return {"quotes": quotes, "speakers": speakers_table(quotes, descriptors),
            "speaker_mentions": speaker_mentions(quotes, mentions)}
