"""Noun phrases and clauses around a cue: where a noun phrase starts and ends, whether a clause follows."""
from __future__ import annotations

import re

from .. import resources
from ..grammar import (
    ADVERBIAL_PREPS, ALL_MARKS, APPOSITIVE_RELATIVE, AUX, COORD_NP_POS, DASHES, FINITE, NUMBER_WORDS, QUANTIFIERS,
    RELATIVE, SUBJECT_POS, SUBJECT_PREPS, SUBORDINATORS, TIME_NOUNS, TIME_WORDS
)
from .document import Doc
from .model import Tok


def english_plural(w: str) -> bool:
    """Whether a plural-looking word (or its singular) is an English dictionary word."""
    vocab = resources.english_words()
    return w in vocab or w[:-1] in vocab or w.endswith("es") and w[:-2] in vocab \
        or w.endswith("ies") and w[:-3] + "y" in vocab


def title_word(words: list[Tok], k: int, person_starts: set[int]) -> bool:
    """Whether a lower-case word the tagger took for a verb is a title noun before a name ("Riverside coach Tom
    Reed", "club captain Jo Roe"): it follows a noun or adjective and a person's name starts right after it."""
    w = words[k]
    return w.pos in ("VBP", "VBZ") and w.text.islower() and 0 < k < len(words) - 1 \
        and words[k + 1].start in person_starts and words[k - 1].pos in ("NN", "NNS", "NNP", "NNPS", "JJ", "POS")


def np_before(d: Doc, c: int, a: int) -> tuple[int, int]:
    """Return the token range of the noun phrase that ends right before cue token c (auxiliaries skipped)."""
    toks = d.toks
    hi = c
    while hi > a and (toks[hi - 1].norm in AUX or toks[hi - 1].pos in ("RB", "MD", "TO", "RP")):
        if toks[hi - 1].norm == "to" and hi - 3 >= a and toks[hi - 2].norm == "on" and \
                toks[hi - 3].norm in ("went", "goes", "go", "going"):
            hi -= 3
            continue
        hi -= 1
    lo = hi
    while lo > a and not (toks[lo - 1].pos in (",", ":", ".", "CC", "WDT", "WP") or toks[lo - 1].text in ALL_MARKS
                          or toks[lo - 1].norm in ("--", ";") or toks[lo - 1].text in DASHES
                          or toks[lo - 1].norm in ("because", "while", "although", "though", "if", "as", "when",
                                                   "since", "after", "before", "whereas")):
        lo -= 1
    if a < lo - 1 < hi - 1 and toks[lo - 1].norm == "and" \
            and toks[lo].pos in ("DT", "NNP", "NNPS", "NNS", "NN", "PRP$"):
        # "The Committee and the Security Service said": a coordinated subject, when the conjunct before "and" is a
        # noun phrase of its own (no verb), not the end of a clause
        k = lo - 1
        while k > a and k - lo < 12 and toks[k - 1].pos in COORD_NP_POS and not toks[k - 1].in_quote \
                and (toks[k - 1].pos != "IN" or toks[k - 1].norm in ("of", "from", "at", "for", "in")):
            k -= 1
        boundary = k == a or toks[k - 1].pos in (",", ":", ".") or toks[k - 1].text in ALL_MARKS
        if k < lo - 1 and boundary and toks[k].pos in ("DT", "NNP", "NNPS", "NNS", "NN", "JJ", "PRP$") \
                and toks[lo - 2].pos in ("NNP", "NNPS", "NNS", "NN", ")"):
            lo = k
    return lo, hi


def np_after(d: Doc, c: int, b: int) -> tuple[int, int]:
    """Return the token range of the noun phrase right after cue token c, up to punctuation."""
    toks = d.toks
    hi = c + 1
    while hi < b and not (toks[hi].pos in (",", ":", ".") or toks[hi].text in ALL_MARKS or toks[hi].norm == ";"):
        hi += 1
    return c + 1, hi


def trim_np_after(d: Doc, lo: int, hi: int) -> int:
    """Cut adverbials after the name in an inverted attribution ("wrote X on Twitter")."""
    toks = d.toks
    ms = d.mentions_in(toks[lo].start, toks[hi - 1].end) if hi > lo else []
    persons = [m for m in ms if m.label == "PERSON"]
    for k in range(lo, hi):
        if toks[k].pos in ("IN", "TO") and toks[k].norm not in ("of", "for") \
                and not (persons and toks[k].start < persons[0].start):
            return k
    return hi


def finite_verb(d: Doc, lo: int, hi: int, *, limit: int = 25) -> bool:
    """Whether tokens [lo, hi) hold a finite verb outside quotes and parentheses before any relative word."""
    for k in range(lo, min(hi, lo + limit)):
        t = d.toks[k]
        if t.paren:
            continue
        if t.norm in RELATIVE and k > lo:
            return False
        if t.pos in FINITE:
            return True
    return False


def finite_verb_past_apposition(d: Doc, lo: int, hi: int, *, limit: int = 80) -> bool:
    """Whether the subject before the first finite verb of tokens [lo, hi) is a noun phrase with comma-bounded
    participle appositions ("Jo Roe, known to fans as the Iron Lady, retired ..."): the appositions are skipped."""
    toks = d.toks
    k, hi = lo, min(hi, lo + limit)
    while k < hi:
        t = toks[k]
        if t.paren or t.in_quote:
            k += 1
            continue
        if t.pos == "," and k + 1 < hi and toks[k + 1].pos in ("VBN", "VBG"):
            k += 1
            while k < hi and toks[k].pos != ",":
                k += 1
            k += 1
            continue
        if t.pos in FINITE:
            return True
        if t.norm in RELATIVE and k > lo or t.pos.startswith("VB"):
            return False
        k += 1
    return False


def past_as_participle(d: Doc, j: int, k: int) -> bool:
    """Whether token k is a simple past the tagger took for a participle right after a plain plural or numeral
    subject that starts at j ("indicate one million people marched/VBN in the capital")."""
    toks = d.toks
    return k - j >= 1 and toks[k].pos == "VBN" and toks[k].norm.endswith("ed") and toks[k - 1].pos in ("NNS", "CD") \
        and all(t.pos in ("DT", "CD", "JJ", "NNS", "NN", "RB") for t in toks[j:k])


def np_then_verb(d: Doc, j: int, b: int, *, loose: bool = False) -> bool:
    """Whether tokens from j read as a subject noun phrase followed by a finite verb ("the new drugs were ...").

    loose (after a listener, "told the press a ..."): the subject may hold participles and prepositional phrases."""
    noun = of_seen = False
    for k in range(j, min(b, j + 25)):
        t = d.toks[k]
        if t.pos in FINITE or past_as_participle(d, j, k):
            return k > j
        if t.pos == "EX" and k == j:  # "reported there were ..."
            continue
        if t.norm in RELATIVE and k > j and t.norm not in ("as", "since"):
            return False
        # inside the subject: "a nearly 24-hour search involving three helicopters over the bay had ..."
        if loose and noun and (t.norm in SUBORDINATORS or t.pos == "PRP"):
            return False  # "protests every week until the country joined", "something about the fish they eat"
        if loose and noun and t.pos in ("VBG", "VBN", "IN"):
            continue
        if t.pos == "RB" and k + 1 < b and d.toks[k + 1].pos in ("CD", "JJ", "JJS", "JJR"):
            continue  # "nearly 24", "very large"
        if t.pos == "RB" and k > j and k + 1 < b and d.toks[k + 1].pos in FINITE:
            continue  # "this too was", "the plan still is"
        if t.pos in ("VBN", "VBG") and of_seen:
            continue  # "the chances of those trapped being found alive were ..."
        if t.pos == "IN" and noun and t.norm in SUBJECT_PREPS and k + 1 < b and d.toks[k + 1].pos in SUBJECT_POS \
                and d.toks[k + 1].pos != "PRP":
            of_seen = True  # "the drilling in coastal waters is ...": a prepositional phrase inside the subject
            continue
        if of_seen and t.pos == "PRP":
            return False  # "a note to the letter he sent": a contact relative clause, not the reported clause
        of_seen = of_seen or t.norm == "of"
        if t.pos not in SUBJECT_POS and t.norm != "of" and not t.paren and t.text not in ("-", "%"):
            return False
        noun = noun or t.pos.startswith("NN") or t.pos in ("CD", "PRP")
    return False


def content_bounds(d: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Trim a raw span to reported content: no spaces, leading 'that', trailing comma or final full stop."""
    raw = d.raw
    while lo < hi and raw[lo].isspace():
        lo += 1
    while hi > lo and (raw[hi - 1].isspace() or raw[hi - 1] in ",;:-\u2014\u2013"):
        hi -= 1
    if hi > lo and raw[hi - 1] == "." and not raw[lo:hi - 1].rstrip().endswith("."):
        hi -= 1
    m = re.match(r"that\s+", raw[lo:hi])
    if m:
        lo += m.end()
    return lo, hi


def infinitive_request(d: Doc, ci: int, b: int) -> bool:
    """Whether a listener verb is followed by its object and a to-infinitive ("asking the council to be ...")."""
    toks = d.toks
    k = ci + 1
    while k < b and k - ci <= 4 and toks[k].pos in ("DT", "PRP$", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP"):
        k += 1
    return ci + 1 < k < b - 1 and toks[k].norm == "to" and toks[k + 1].pos == "VB"


def rest_is_attribution(d: Doc, lo: int, b: int) -> bool:
    """Whether tokens [lo, b) after a trailing attribution hold no new main clause."""
    for k in range(lo, b):
        t = d.toks[k]
        if t.in_quote or t.paren:
            continue
        if t.norm in APPOSITIVE_RELATIVE and k > lo and d.toks[k - 1].pos == ",":
            return True
        if t.pos == "," and k + 1 < b and d.toks[k + 1].pos == "VBG":
            return True
        if t.pos in FINITE:
            return False
    return True


def quantifier_len(d: Doc, j: int, b: int) -> int:
    """Length of a quantifier before a number that starts a reported clause ("at least 20 people", "nearly 300")."""
    toks = d.toks
    for n in (2, 1):
        if j + n < b and QUANTIFIERS.get(tuple(t.norm for t in toks[j:j + n])) == n and \
                (toks[j + n].pos == "CD" or toks[j + n].norm in NUMBER_WORDS):
            return n
    return 0


def skip_adverbials(d: Doc, j: int, b: int) -> int:
    """Return the token after the time and place adverbials that may stand between a cue and its reported clause
    ("said on Monday they ...", "told reporters in a statement last week the ...", "indicated yesterday that ...")."""
    toks = d.toks
    for _ in range(4):
        k = j
        if k < b and toks[k].norm in TIME_WORDS and toks[k].norm not in ("also", "however", "now", "then"):
            k += 1
            if k < b and toks[k].norm in TIME_NOUNS:  # "said yesterday night that ...", "said Monday morning"
                k += 1
        elif k + 1 < b and toks[k].norm in ("last", "this", "next", "earlier", "later") and \
                toks[k + 1].norm in TIME_NOUNS:
            k += 2
        elif k + 1 < b and toks[k].norm in ADVERBIAL_PREPS and toks[k].pos in ("IN", "TO") and not toks[k].in_quote:
            k += 1
            if toks[k].pos in ("DT", "PRP$"):
                k += 1
            n0 = k
            while k < b and k - n0 < 6 and (toks[k].pos in ("JJ", "CD", "NN", "NNS", "NNP", "NNPS", "POS")
                                             or toks[k].text == "-") and not toks[k].in_quote:
                k += 1
            if k == n0 or not toks[k - 1].pos.startswith(("NN", "CD")):
                return j
        else:
            return j
        if k < b and toks[k].pos == "," and k + 1 < b and toks[k + 1].norm == "that":
            k += 1
        j = k
    return j


def gerund_after_prep(d: Doc, k: int, b: int) -> int | None:
    """The gerund after preposition token k and its noun-phrase subject ("despite the website claiming"), or None."""
    toks = d.toks
    c = k + 1
    while c < b and c - k <= 6 and toks[c].pos in ("DT", "NNP", "NNPS", "NN", "NNS", "POS", "JJ") \
            and not toks[c].in_quote:
        c += 1
    return c if k + 1 < c < b and toks[c].pos == "VBG" else None
