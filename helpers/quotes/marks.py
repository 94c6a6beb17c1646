"""Quotation-mark spans of a paragraph (pairing, unbalanced and unclosed marks) and tests on a quotation's words."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..grammar import ALL_MARKS, CLOSE_MARKS, FIRST_SECOND_PERSON, OPEN_MARKS

if TYPE_CHECKING:
    from .document import Doc


@dataclass
class QuoteSpan:
    """A pair of quotation marks: content bounds (raw) and flags."""

    open: int  # index of the opening mark (or content start when it is missing)
    close: int  # index of the closing mark (or content end when it is missing)
    cstart: int
    cend: int
    paragraph_id: int
    flags: list[str] = field(default_factory=list)
    at_para_start: bool = False
    whole_para: bool = False


def mark_role(raw: str, i: int, lo: int, hi: int) -> str:
    """Return 'open', 'close' or 'ambig' for the quotation mark at raw[i] from its shape and neighbours."""
    ch = raw[i]
    if ch in OPEN_MARKS:
        return "open"
    if ch in CLOSE_MARKS:
        return "close"
    prev = raw[i - 1] if i > lo else " "
    nxt = raw[i + 1] if i + 1 < hi else " "
    if (prev.isspace() or prev in "([{\u2014\u2013-/") and not nxt.isspace():
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-":
        return "close"
    return "ambig"


def quote_spans(raw: str, lo: int, hi: int, *, paragraph_id: int = 0) -> list[QuoteSpan]:
    """Pair the double quotation marks of one paragraph raw[lo:hi]; unbalanced marks are flagged, never raised."""
    marks = [(i, mark_role(raw, i, lo, hi)) for i in range(lo, hi) if raw[i] in ALL_MARKS]
    spans: list[QuoteSpan] = []
    inside: int | None = None
    for i, role in marks:
        if inside is None:
            if role in ("open", "ambig"):
                inside = i
            elif not spans and len(raw[lo:i].split()) >= 3:  # closing mark with no opening one: quote from the start
                spans.append(_span(raw, lo - 1, i, (lo, hi, paragraph_id), ["unbalanced"]))
        elif role in ("close", "ambig"):
            spans.append(_span(raw, inside, i, (lo, hi, paragraph_id), []))
            inside = None
        else:  # an opening mark while a quote is open: the previous one was never closed
            spans.append(_span(raw, inside, i, (lo, hi, paragraph_id), ["unbalanced"], close_missing=True))
            inside = i
    if inside is not None:
        spans.append(_span(raw, inside, hi, (lo, hi, paragraph_id), ["unclosed_paragraph"], close_missing=True))
    return [s for s in spans if s.cend > s.cstart]


def _span(raw: str, o: int, c: int, para: tuple[int, int, int], flags: list[str], close_missing: bool = False
          ) -> QuoteSpan:
    """The span of the marks at raw[o] and raw[c] of paragraph para = (lo, hi, paragraph_id), content trimmed."""
    lo, hi, pid = para
    cs, ce = o + 1, c
    while cs < ce and raw[cs].isspace():
        cs += 1
    while ce > cs and raw[ce - 1].isspace():
        ce -= 1
    if close_missing:  # the content stops at the paragraph end or before the next opening mark
        c = c - 1 if c > cs else c
    else:
        o = max(o, 0)
    at_start = not raw[lo:o].strip()
    whole = at_start and not re.sub(r"[\W_]", "", raw[c + 1:hi] if c < hi else "")
    return QuoteSpan(open=o, close=c, cstart=cs, cend=ce, paragraph_id=pid, flags=flags, at_para_start=at_start,
                     whole_para=whole)


def statement_like(raw: str, q: QuoteSpan) -> bool:
    """Whether a quotation without its own cue reads as a statement (4+ words or first/second person words)."""
    words = re.findall(r"[\w']+", raw[q.cstart:q.cend].lower().replace("\u2019", "'"))
    return len(words) >= 4 or any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words)


def has_words(raw: str, lo: int, hi: int) -> bool:
    """Whether raw[lo:hi] holds any word character."""
    return bool(re.search(r"\w", raw[lo:hi]))


def bracketed_gloss(d: Doc, p: QuoteSpan) -> bool:
    """Whether a short quotation is alone inside parentheses ('pro-EV ("electric vehicle")'): a gloss."""
    return d.raw[:p.open].rstrip().endswith("(") and d.raw[p.close + 1:p.close + 3].lstrip().startswith(")") \
        and len(re.findall(r"[\w']+", d.raw[p.cstart:p.cend])) <= 4
