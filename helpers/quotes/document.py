"""Per-document look-ups for the quote rules (tokens, mentions, paragraphs, sentences) and sentence merging."""
from __future__ import annotations

from bisect import bisect_left

import pandas as pd

from ..grammar import ALL_MARKS, CLOSE_MARKS, FINITE, STRAIGHT
from .lexicon import cue_lexicon
from .marks import QuoteSpan
from .model import Mention, Tok


def paragraph_rows(seg) -> list[tuple[int, int, int, bool, bool]]:
    """(paragraph_id, start, end, is_title, is_heading) of each paragraph of a segmented document."""
    p = seg.paragraphs
    return list(zip(p["paragraph_id"].tolist(), p["start"].tolist(), p["end"].tolist(), p["is_title"].tolist(),
                    p["is_heading"].tolist()))


class Doc:
    """Per-document lookups: tokens as lists, mentions, sentences that never split inside a quote."""

    def __init__(self, raw: str, seg, mentions: pd.DataFrame | None, spans: list[QuoteSpan]):
        self.raw = raw
        self.paragraphs = paragraph_rows(seg)
        self.sent_spans = list(zip(seg.sentences["paragraph_id"].tolist(), seg.sentences["start"].tolist(),
                                   seg.sentences["end"].tolist()))
        tk = seg.tokens
        starts, texts = [int(s) for s in tk["start"].tolist()], tk["text"].tolist()
        in_quote, paren = token_flags(starts, texts, spans, self.sent_spans)
        self.toks = [Tok(s, int(e), t, n.replace("\u2019", "'"), p, q, b) for s, e, t, n, p, q, b in
                     zip(starts, tk["end"].tolist(), texts, tk["norm"].tolist(), tk["pos"].tolist(), in_quote, paren)]
        self.tok_starts = starts
        ms = []
        if mentions is not None and len(mentions):
            for s, e, t, lab, can in zip(mentions["start"].tolist(), mentions["end"].tolist(),
                                         mentions["text"].tolist(), mentions["label"].tolist(),
                                         mentions["canonical"].tolist()):
                ms.append(Mention(int(s), int(e), str(t), str(lab).upper(),
                                  str(can) if isinstance(can, str) and can else str(t)))
        self.mentions = sorted(ms, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
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
    if len(body) < 2 or body[-1] not in CLOSE_MARKS + STRAIGHT + "'":
        return False
    if not any(q.close == lo + len(body) - 1 and raw[q.cend - 1:q.cend] in ("?", "!") for q in spans):
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


def token_flags(starts: list[int], texts: list[str], spans: list[QuoteSpan], sent_spans: list[tuple[int, int, int]]
                ) -> tuple[list[bool], list[bool]]:
    """For each token: whether it lies inside quotation marks, and inside parenthetical dashes or brackets."""
    n = len(starts)
    in_quote, paren = [False] * n, [False] * n
    for q in spans:
        for k in range(bisect_left(starts, q.open), bisect_left(starts, q.close + 1)):
            in_quote[k] = True
    for _, s, e in sent_spans:
        a, b = bisect_left(starts, s), bisect_left(starts, e)
        dash = [k for k in range(a, b) if texts[k] in ("\u2014", "\u2013", "--") and not in_quote[k]]
        for x, y in zip(dash[::2], dash[1::2]):
            for k in range(x, y + 1):
                paren[k] = True
        depth = 0
        for k in range(a, b):
            if texts[k] == "(":
                depth += 1
            if depth:
                paren[k] = True
            if texts[k] == ")":
                depth = max(0, depth - 1)
    return in_quote, paren
