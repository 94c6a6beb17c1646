"""Quotations without a cue of their own: first/second person fragments attributed to the clause subject."""
from __future__ import annotations

import re

from .document import Doc
from .lexicon import FIRST_SECOND_PERSON
from .marks import QuoteSpan
from .model import Quote
from .subjects import main_subject


def fragment_quote(d: Doc, q: QuoteSpan, pid: int, sents, si) -> Quote | None:
    """A quotation with no cue: a statement if it speaks in the first or second person inside a clause with a subject."""
    words = re.findall(r"[\w']+", d.raw[q.cstart:q.cend].lower().replace("\u2019", "'"))
    if not words:
        return None
    personal = any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words)
    if not personal or si is None:
        return None
    s_lo, _ = sents[si]
    a, _ = d.tok_range(s_lo, q.open)
    qa, _ = d.tok_range(q.open, q.open + 1)
    if qa <= a:
        return None
    ref = main_subject(d, a, qa)
    if ref is None:
        return None
    verb = next((t.text for t in d.toks[a:qa] if t.pos.startswith("VB") and not t.in_quote), None)
    return Quote("direct", q.cstart, q.cend, pid, verb, ref, flags=list(q.flags), span=q)
