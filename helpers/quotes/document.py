"""Per-document look-ups for the quote rules (tokens, mentions, paragraphs, sentences) and sentence merging."""
from __future__ import annotations

from bisect import bisect_left

import pandas as pd

from .lexicon import ALL_MARKS, CLOSE_MARKS, FINITE, STRAIGHT, cue_lexicon
from .marks import QuoteSpan
from .model import Mention, Tok


class Doc:
    """Per-document lookups: tokens as lists, mentions, sentences that never split inside a quote."""

    def __init__(self, raw: str, seg, mentions: pd.DataFrame):
        self.raw = raw
        tk = seg.tokens
        self.toks = [Tok(int(s), int(e), t, n.replace("\u2019", "'"), p) for s, e, t, n, p in
                     zip(tk["start"].tolist(), tk["end"].tolist(), tk["text"].tolist(), tk["norm"].tolist(),
                         tk["pos"].tolist())]
        self.tok_starts = [t.start for t in self.toks]
        ms = []
        if mentions is not None and len(mentions):
            for s, e, t, lab, can in zip(mentions["start"].tolist(), mentions["end"].tolist(), mentions["text"].tolist(),
                                         mentions["label"].tolist(), mentions["canonical"].tolist()):
                ms.append(Mention(int(s), int(e), str(t), str(lab).upper(),
                                  str(can) if isinstance(can, str) and can else str(t)))
        self.mentions = sorted(ms, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.max_mention_len = max((m.end - m.start for m in self.mentions), default=0)
        self.paragraphs = list(zip(seg.paragraphs["paragraph_id"].tolist(), seg.paragraphs["start"].tolist(),
                                   seg.paragraphs["end"].tolist(), seg.paragraphs["is_title"].tolist(),
                                   seg.paragraphs["is_heading"].tolist()))
        self.sent_spans = list(zip(seg.sentences["paragraph_id"].tolist(), seg.sentences["start"].tolist(),
                                   seg.sentences["end"].tolist()))
        self.descriptions: dict[str, list[tuple[int, Mention]]] | None = None  # built on demand by descriptors

    def tok_range(self, lo: int, hi: int) -> tuple[int, int]:
        """Token indices [a, b) of the tokens starting inside raw[lo:hi]."""
        return bisect_left(self.tok_starts, lo), bisect_left(self.tok_starts, hi)

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions lying inside raw[lo:hi]."""
        i, j = bisect_left(self.mention_starts, lo), bisect_left(self.mention_starts, hi)
        return [m for m in self.mentions[i:j] if m.end <= hi]


def merge_sentences(sents: list[tuple[int, int]], spans: list[QuoteSpan], d: "Doc | None" = None
                     ) -> list[tuple[int, int]]:
    """Join sentences whose boundary falls inside a quotation, and a quotation ending in "?" or "!" with the
    lower-case attribution the splitter cut off after it ('"Who would do that?" wrote X.')."""
    out: list[list[int]] = []
    for s, e in sents:
        if out and (any(q.open < s <= q.close for q in spans)
                    or cut_attribution(d, out[-1][0], out[-1][1], s, e, spans)):
            out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def cut_attribution(d: "Doc | None", lo: int, hi: int, s: int, e: int, spans: list[QuoteSpan]) -> bool:
    """Whether sentence raw[lo:hi] ends with a quotation closed after "?" or "!" and the next sentence raw[s:e] is its
    attribution: it begins with a lower-case word (a sentence never does), or it is a short clause whose only verb
    is a cue ('"Who would do that?" Anna Berg asked.')."""
    if d is None:
        return False
    raw = d.raw
    body = raw[lo:hi].rstrip()
    if len(body) < 2 or body[-1] not in CLOSE_MARKS + STRAIGHT or body[-2] not in "?!":
        return False
    if not any(q.close == lo + len(body) - 1 for q in spans):
        return False
    nxt = raw[s:s + 1]
    if nxt.isalpha() and nxt.islower():
        return True
    a, b = d.tok_range(s, e)
    words = [t for t in d.toks[a:b] if t.pos not in (",", ".", ":")]
    if not words or len(words) > 12 or words[0].text in ALL_MARKS:
        return False
    lex = cue_lexicon()
    verbs = [t for t in words if t.pos in FINITE or t.pos.startswith("VB")]
    return len(verbs) == 1 and verbs[0].norm in lex.lemma and verbs[0].pos in ("VBD", "VBZ", "VBP")


def mark_tokens(d: Doc, spans: list[QuoteSpan]) -> None:
    """Flag tokens inside quotation marks and inside parenthetical dashes or brackets."""
    toks = d.toks
    for q in spans:
        a, b = d.tok_range(q.open, q.close + 1)
        for k in range(a, b):
            toks[k].in_quote = True
    for _, s, e in d.sent_spans:
        a, b = d.tok_range(s, e)
        dash = [k for k in range(a, b) if toks[k].text in ("\u2014", "\u2013", "--") and not toks[k].in_quote]
        for x, y in zip(dash[::2], dash[1::2]):
            for k in range(x, y + 1):
                toks[k].paren = True
        depth = 0
        for k in range(a, b):
            if toks[k].text == "(":
                depth += 1
            if depth:
                toks[k].paren = True
            if toks[k].text == ")":
                depth = max(0, depth - 1)
