"""Quotation-mark spans of a paragraph (pairing, unbalanced and unclosed marks) and tests on a quotation's words."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..grammar import ALL_MARKS, ASCII_MARKS, CLOSE_MARKS, FIRST_SECOND_PERSON, OPEN_MARKS

if TYPE_CHECKING:
    from .document import Doc


@dataclass
class QuoteSpan:
    """A pair of quotation marks: content bounds (raw) and flags."""

    open: int  # index of the opening mark's first character (or content start when it is missing)
    close: int  # index of the closing mark's last character (or content end when it is missing)
    cstart: int
    cend: int
    paragraph_id: int
    flags: list[str] = field(default_factory=list)
    at_para_start: bool = False
    whole_para: bool = False


SINGLE_GUILLEMETS = "\u2039\u203a"  # ‹ ›: quotation marks of their own, or the inner marks inside « »


def mark_width(raw: str, i: int, hi: int) -> int:
    """Length of the quotation mark starting at raw[i] (2 for the ASCII stand-ins '' and ``, 0 when none)."""
    if raw[i] in "'`":
        two = raw[i:min(i + 2, hi)]
        if two not in ASCII_MARKS:
            return 0
        if two == "''" and raw[i + 2:i + 3] == "'" and i > 0 and not raw[i - 1].isspace() and raw[i - 1] not in "([":
            return 0  # an inner closing ' right before the closing '' (the mark is the last two of the three)
        return 2
    return 1 if raw[i] in ALL_MARKS else 0


def mark_role(raw: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """Return 'open', 'close' or 'ambig' for the quotation mark raw[i:i+width] from its shape and neighbours."""
    ch = raw[i]
    if ch in OPEN_MARKS or ch == "`":
        return "open"
    if ch in CLOSE_MARKS:
        return "close"
    return neighbour_role(raw, i, lo, hi, width)


def neighbour_role(raw: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """Return 'open', 'close' or 'ambig' for the mark raw[i:i+width] from the characters around it only."""
    prev = raw[i - 1] if i > lo else " "
    nxt = raw[i + width] if i + width < hi else " "
    if (prev.isspace() or prev in "([{\u2014\u2013-/") and not nxt.isspace():
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-":
        return "close"
    return "ambig"


def quote_spans(raw: str, lo: int, hi: int, *, paragraph_id: int = 0) -> list[QuoteSpan]:
    """Pair the quotation marks of one paragraph raw[lo:hi]; unbalanced marks are flagged, never raised.

    Marks as newspapers write them: curly, straight, guillemets (« », ‹ ›, and » « reversed), „ closed by “ or ”, the
    ASCII stand-ins '' (both ends) and `` ... '', an opening mark written as a closing one (”...”), and a doubled
    opening mark (““ or " "); ‹ › inside another quotation are inner marks. Offsets are those of the raw text.
    """
    marks: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        w = mark_width(raw, i, hi)
        if w:
            marks.append((i, w))
            i += w
        else:
            i += 1
    spans: list[QuoteSpan] = []
    inside: int | None = None
    inside_w = 1
    para = (lo, hi, paragraph_id)
    for i, w in marks:
        shape = mark_role(raw, i, lo, hi, w)
        nb = neighbour_role(raw, i, lo, hi, w)
        if inside is None:
            if shape in ("open", "ambig") or nb == "open":  # a closing-shaped mark before a word opens (reversed)
                inside, inside_w = i, w
            elif not spans and len(raw[lo:i].split()) >= 3:  # closing mark with no opening one: quote from the start
                spans.append(_span(raw, lo - 1, i, para, ["unbalanced"], close_w=w))
        elif raw[i] in SINGLE_GUILLEMETS and raw[inside] not in SINGLE_GUILLEMETS:
            continue  # inner marks of a quotation inside « »
        elif i == inside + inside_w and "open" in (shape, nb):  # a doubled opening mark (““, " ")
            inside_w += w
        elif shape in ("close", "ambig") or nb == "close":
            spans.append(_span(raw, inside, i, para, [], open_w=inside_w, close_w=w))
            inside = None
        else:  # an opening mark while a quote is open: the previous one was never closed
            spans.append(_span(raw, inside, i, para, ["unbalanced"], close_missing=True, open_w=inside_w))
            inside, inside_w = i, w
    if inside is not None:
        spans.append(_span(raw, inside, hi, para, ["unclosed_paragraph"], close_missing=True, open_w=inside_w))
    return [s for s in spans if s.cend > s.cstart]


def _span(raw: str, o: int, c: int, para: tuple[int, int, int], flags: list[str], close_missing: bool = False,
          open_w: int = 1, close_w: int = 1) -> QuoteSpan:
    """The span of the marks raw[o:o+open_w] and raw[c:c+close_w] of paragraph para = (lo, hi, paragraph_id),
    content trimmed; `close` is the index of the closing mark's last character."""
    lo, hi, pid = para
    cs, ce = o + open_w, c
    while cs < ce and raw[cs].isspace():
        cs += 1
    while ce > cs and raw[ce - 1].isspace():
        ce -= 1
    if close_missing:  # the content stops at the paragraph end or before the next opening mark
        c = c - 1 if c > cs else c
    else:
        o = max(o, 0)
        c = c + close_w - 1
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


MINOR_TITLE_WORDS = frozenset("a an the of on in at to for from by with and or nor but as vs v".split())


def title_like(raw: str, q: QuoteSpan) -> bool:
    """Whether a quotation is written as a title or a name, not a statement: two to ten words, each significant word
    capitalised, no exclamation or question, not all capitals, no comma inside ('told MSNBC's "Morning Joe"', 'his
    book "The Art of the Deal."', 'a show called "This Week"')."""
    content = raw[q.cstart:q.cend]
    words = re.findall(r"[^\W_][\w'\u2019.-]*", content)
    if not 2 <= len(words) <= 10 or not words[0][:1].isupper() or re.search(r"[!?]|,\W*\w", content) \
            or not any(ch.islower() for ch in content):
        return False
    if any(w.lower().replace("\u2019", "'").split("'")[0] in FIRST_SECOND_PERSON for w in words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in MINOR_TITLE_WORDS for w in words)


def name_in_marks(d: Doc, q: QuoteSpan) -> bool:
    """Whether a quotation is a title or a name in marks and not words someone is reported to use: `title_like`, and
    not the term of a naming verb ('called the vote "The Big Hoax"', 'referred to it as "The Big Hoax"')."""
    if not title_like(d.raw, q):
        return False
    from .lexicon import cue_lexicon

    a, _ = d.tok_range(q.open, q.open + 1)
    naming = cue_lexicon().naming
    for t in reversed(d.toks[max(0, a - 6):a]):  # the naming verb, its object and "as" stand right before the marks
        if t.in_quote or t.pos in (",", ".", ":"):
            return True
        if t.norm in naming and t.pos.startswith("VB"):
            return False
    return True
