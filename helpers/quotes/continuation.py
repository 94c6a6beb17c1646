"""Registry of frames for quotations without a cue of their own: split quotes, continuations, fragments.

`attribute_paragraph` gives each quotation of a paragraph its quote: the attribution a sentence frame found
(`frames.PASSES`) if any, else the first frame of `ORDER` that takes it. A continuation inherits the speaker of the
quote it continues (resolver `previous_speaker`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..grammar import FINITE, FIRST_SECOND_PERSON
from .context import Attribution, FRAMES, frame
from .document import Doc
from .lexicon import cue_lexicon
from .marks import QuoteSpan, name_in_marks, statement_like
from .model import Quote, SpeakerRef
from .registry import Rule, ordered
from .subjects import main_subject


@dataclass
class ParagraphSite:
    """A quotation of a paragraph with no attribution of its own, and what came before it."""

    d: Doc
    k: int
    q: QuoteSpan
    pid: int
    sents: list[tuple[int, int]]
    sent_of: dict[int, int]  # quotation index -> index of the sentence holding it
    last: Quote | None  # the previous quote of the paragraph made from a quotation
    last_sent: int  # the sentence of `last`
    prev_para_quotes: list[Quote]  # the quotes of the previous paragraph with quotes (reset by a paragraph of prose)
    prev_unclosed: bool  # whether the previous paragraph ended inside an open quotation
    att: Attribution | None = None  # the attribution a sentence frame found for the quotation, if any


def inherited(q: QuoteSpan) -> SpeakerRef:
    """The speaker reference of a continuation: resolved to the speaker of the quote it continues."""
    return SpeakerRef("inherit", "", q.open, None, "previous_speaker")


@frame("reported_fragment", construction="'told reporters that members had \"no choice left\"', 'warned the "
       "deal would be \"a disaster\"': a quotation ending a reported clause (a 'that' or a finite verb) right after its "
       "cue is one mixed quote, the clause with its quoted words, whatever the cue",
       examples=('Tom Reed warned shoppers that the new fee was "a tax on everyone".',
                 'Anna Berg told reporters that the members had "no choice left".'))
def reported_fragment(site: ParagraphSite) -> Quote | None:
    """A quotation a cue before it attributes, with words of the reported clause between them: a mixed quote from the
    clause start (after a listener and "that") to the closing mark; a naming verb's object keeps a direct quote."""
    att, d, q = site.att, site.d, site.q
    if att is None or att.frame != "cue_then_quote" or att.cue_index < 0:
        return None
    ci = att.cue_index
    qa, _ = d.tok_range(q.open, q.open + 1)
    between = d.toks[ci + 1:qa]
    if not between or any(t.in_quote or t.paren for t in between) or not re.match(r"\w", between[-1].text):
        return None  # (a comma, colon or dash before the marks: the quotation is a sentence of its own)
    that = next((k for k, t in enumerate(between) if t.norm == "that"), None)
    if that is None and (d.toks[ci].norm in cue_lexicon().naming or between[-1].norm == "as"
                         or not any(t.pos in FINITE for t in between)):
        return None  # (no clause: a listener or adverbials, or the term of a naming verb or of "as", stays direct)
    words = [t for t in between[(that + 1 if that is not None else 0):] if re.match(r"\w", t.text)]
    if not words:
        return None
    return Quote("mixed", words[0].start, q.close + 1, site.pid, att.cue, att.ref, flags=list(q.flags),
                 frame="reported_fragment")


@frame("split_quote", construction="a quotation split by its attribution inside one sentence: the second part keeps "
       "the cue and speaker of the first",
       examples=('"The museum will stay open," Anna Berg said, "but only on weekends until the roof is repaired."',))
def split_quote(site: ParagraphSite) -> Quote | None:
    """A statement-like quotation in the same sentence as the previous quote."""
    last, q = site.last, site.q
    if last is None or last.ref is None or not statement_like(site.d.raw, q) \
            or site.sent_of.get(site.k, -2) != site.last_sent:
        return None
    return Quote("direct", q.cstart, q.cend, site.pid, last.cue, last.ref, flags=list(q.flags), frame="split_quote",
                 statement_of=last)


def goes_on(site: ParagraphSite) -> bool:
    """Whether the quotation opens the sentence right after the one holding the previous quote: the same statement
    goes on after its attribution ('"...," she said. "That ends today."')."""
    si = site.sent_of.get(site.k, -2)
    return si == site.last_sent + 1 and si < len(site.sents) and not site.d.raw[site.sents[si][0]:site.q.open].strip()


def full_sentence(raw: str, q: QuoteSpan) -> bool:
    """Whether a quotation is a whole sentence: a capital first letter and a final '.', '?' or '!' inside the marks."""
    body = raw[q.cstart:q.cend].rstrip()
    return bool(re.match(r"[^\w]*[A-Z]", body)) and body[-1:] in (".", "?", "!")


@frame("continuation", construction="a statement-like quotation in a later sentence of the paragraph, with no cue, or "
       "a short quoted sentence right after the attribution: the same speaker goes on",
       examples=('"We lost the first game," said Tom Reed. "We will not lose the second one."',
                 '"Nobody told us about the fee," Anna Berg said. "That ends today."'))
def continuation(site: ParagraphSite) -> Quote | None:
    """A statement-like quotation after a quote of the paragraph, in another sentence (any quoted sentence when it
    opens the sentence right after the attribution)."""
    last, q = site.last, site.q
    if last is None or last.ref is None or site.sent_of.get(site.k, -2) == site.last_sent:
        return None
    next_sentence = goes_on(site)
    if not (statement_like(site.d.raw, q) or next_sentence and full_sentence(site.d.raw, q)):
        return None
    return Quote("direct", q.cstart, q.cend, site.pid, None, inherited(q), flags=list(q.flags), is_continuation=True,
                 frame="continuation", speaker_from=last, statement_of=last if next_sentence else None)


@frame("paragraph_continuation", construction="a paragraph that is entirely a quotation (or goes on with a "
       "quotation left open) continues the speaker of the previous paragraph",
       examples=('Maria Lopez said the plan was "a good start." She added: "The details still matter.\n\n'
                 '"We will keep a close eye on the budget every single month."',))
def paragraph_continuation(site: ParagraphSite) -> Quote | None:
    """A quotation opening the paragraph that is the whole paragraph (or follows an unclosed one)."""
    q = site.q
    if not (q.at_para_start and (q.whole_para or site.prev_unclosed)):
        return None
    src = [p for p in site.prev_para_quotes if p.ref is not None]
    if not src:
        return None
    return Quote("direct", q.cstart, q.cend, site.pid, None, inherited(q), flags=list(q.flags), is_continuation=True,
                 frame="paragraph_continuation", speaker_from=src[-1],
                 statement_of=src[-1] if site.prev_unclosed else None)  # a quotation left open goes on


@frame("first_person_fragment", construction="a quotation with no cue that speaks in the first or second person "
       "inside a clause with a subject: that subject's words",
       examples=('Anna Berg was clear about the vote: it was "my decision and mine alone".',))
def first_person_fragment(site: ParagraphSite) -> Quote | None:
    """A first/second person quotation: the main subject of its sentence speaks; the first verb is the cue."""
    d, q, si = site.d, site.q, site.sent_of.get(site.k)
    words = re.findall(r"[\w']+", d.raw[q.cstart:q.cend].lower().replace("\u2019", "'"))
    if not words or si is None or not any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words):
        return None
    s_lo, _ = site.sents[si]
    a, _ = d.tok_range(s_lo, q.open)
    qa, _ = d.tok_range(q.open, q.open + 1)
    if qa <= a:
        return None
    ref = main_subject(d, a, qa)
    if ref is None:
        return None
    verb = next((t.text for t in d.toks[a:qa] if t.pos.startswith("VB") and not t.in_quote), None)
    return Quote("direct", q.cstart, q.cend, site.pid, verb, ref, flags=list(q.flags), frame="first_person_fragment")


# ---------------------------------------------------------------- the order in which the frames are tried
ORDER: tuple[Rule, ...] = ordered(FRAMES, [reported_fragment, split_quote, continuation, paragraph_continuation,
                                           first_person_fragment], partial=True)


def attribute_paragraph(d: Doc, pid: int, spans: list[QuoteSpan], sents: list[tuple[int, int]],
                        sent_of: dict[int, int], direct: dict[int, Attribution], absorbed: set[int],
                        prev_para_quotes: list[Quote], prev_unclosed: bool) -> list[Quote]:
    """The direct quotes of one paragraph's quotations, in order: attributed by a sentence frame, else by `ORDER`
    (quotations absorbed into a mixed report, titles and names in marks, and those no frame takes, give none)."""
    quotes: list[Quote] = []
    last: Quote | None = None
    last_sent = -1
    for k, q in enumerate(spans):
        if k in absorbed or name_in_marks(d, q):
            continue  # (a quotation written as a title or a name is not a statement)
        if k in direct:
            att = direct[k]
            site = ParagraphSite(d, k, q, pid, sents, sent_of, last, last_sent, prev_para_quotes, prev_unclosed, att)
            qq = reported_fragment(site) or Quote("direct", q.cstart, q.cend, pid, att.cue, att.ref,
                                                  flags=list(q.flags), frame=att.frame)
        else:
            site = ParagraphSite(d, k, q, pid, sents, sent_of, last, last_sent, prev_para_quotes, prev_unclosed)
            qq = next((x for r in ORDER if (x := r.func(site)) is not None), None)
            if qq is None:
                continue
        quotes.append(qq)
        last, last_sent = qq, sent_of.get(k, -1)
    return quotes
