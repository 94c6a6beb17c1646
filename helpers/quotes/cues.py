"""Cue detection: whether a token is a cue verb (or "according to") that introduces reported speech here."""
from __future__ import annotations

from ..grammar import ALL_MARKS, CLAUSE_START_POS, PASSIVE_BE, TO_SPEAK
from .document import Doc
from .lexicon import SIGN_NOUNS, cue_lexicon, document_nouns
from .phrases import np_then_verb, skip_adverbials


def is_cue(d: Doc, i: int, a: int, b: int) -> str | None:
    """Return the cue text if token i is a cue verb (or 'according to') outside quotes and parentheses."""
    t = d.toks[i]
    if t.in_quote or t.paren:
        return None
    lex = cue_lexicon()
    if t.norm == "effect" and i - 2 > a and d.toks[i - 1].norm == "the" and d.toks[i - 2].norm == "to" \
            and document_subject(d, i - 2, a):
        return t.text  # "issued a statement to the effect (that) <clause>": the statement reports the clause
    if t.norm not in lex.lemma:
        return None
    if t.norm == "according":
        if i + 1 < b and d.toks[i + 1].norm == "to":
            return d.raw[t.start:d.toks[i + 1].end]
        return None
    if not (t.pos.startswith("VB") or t.norm in lex.untagged or noun_tagged_cue(d, i, a, b)
            or t.norm in lex.needs_document and i + 1 < b and (d.toks[i + 1].pos in (",", ":") or in_part(d, i, b))):
        return None
    if i > a and d.toks[i - 1].norm in PASSIVE_BE and t.pos == "VBN" and passive_agent(d, i, b) is None:
        return None  # "he was told": the speaker is elsewhere (unless named in a "by" phrase)
    if t.pos == "VBG" and i > a and d.toks[i - 1].pos != ",":
        k = i - 1
        while k >= a and i - k <= 8 and d.toks[k].pos not in (",", ":", ".") and not d.toks[k].pos.startswith("VB"):
            if d.toks[k].norm in SIGN_NOUNS:
                return None  # "a banner (from X) saying \"...\"": the words on a sign are a slogan, not a report
            k -= 1  # "a banner saying \"...\"": the words on a sign are a slogan, not a report
    if t.norm in lex.needs_document and not document_subject(d, i, a):
        return None  # "a statement which read, \"...\"": a text reads its words; a person reading does not report
    if t.norm in lex.needs_to and not (i + 1 < b and d.toks[i + 1].norm == "to"):
        return None
    if i > a and d.toks[i - 1].norm in ("the", "a", "an", "this", "that", "his", "her", "its", "their"):
        return None
    if i > a and d.toks[i - 1].norm in ("not", "n't", "never"):
        return None  # a negated report attributes nothing
    if i > a and d.toks[i - 1].norm == "to" and not (i - 2 >= a and d.toks[i - 2].norm in TO_SPEAK):
        return None  # "agreed to add", "refused to say": not a report; "went on to say" is
    return t.text


def in_part(d: Doc, i: int, b: int) -> bool:
    """Whether cue i is followed by "in part"/"in full" and a colon ("the summary read in part: ...")."""
    return i + 3 < b and d.toks[i + 1].norm == "in" and d.toks[i + 2].norm in ("part", "full") \
        and d.toks[i + 3].pos in (",", ":")


def passive_agent(d: Doc, i: int, b: int) -> tuple[int, int] | None:
    """The token range of the agent of a passive cue ("he was told by Minister X of/that ..."), or None."""
    toks = d.toks
    if not (i > 0 and toks[i - 1].norm in PASSIVE_BE and i + 2 < b):
        return None
    by = i + 1
    if toks[by].norm == "as" and toks[i].norm in cue_lexicon().phrase_only:
        # "was described as \"knife-obsessed\" by the police": the agent follows the framed phrase
        by += 1
        while by < b and by - i < 16 and (toks[by].in_quote or toks[by].text in ALL_MARKS
                                          or toks[by].pos in ("DT", "JJ", "NN", "NNS", "``", "''")):
            by += 1
    if not (by + 1 < b and toks[by].norm == "by"):
        return None
    i = by - 1
    k = i + 2
    while k < b and k - i < 10 and toks[k].pos in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS") \
            and not toks[k].in_quote:
        k += 1
    return (i + 2, k) if k > i + 2 else None


def document_subject(d: Doc, i: int, a: int) -> bool:
    """Whether a document noun ("statement", "report") heads the subject before token i, directly or through
    "which"."""
    docs = document_nouns()
    for k in range(i - 1, max(a, i - 9) - 1, -1):
        t = d.toks[k]
        if t.pos in (",", ".", ":") or t.in_quote:
            return False
        if t.norm in docs and t.pos.startswith("NN"):
            return True
    return False


def noun_tagged_cue(d: Doc, i: int, a: int, b: int) -> bool:
    """Whether a plain cue form tagged as a noun is the verb after a plural subject at the clause start ("Sources
    report she is ...", "Analysts estimate the cost will ..."): subject, cue, then a reported clause."""
    toks = d.toks
    t = toks[i]
    if t.pos != "NN" or t.norm.endswith("s") or i - 1 < a or i + 1 >= b or toks[i - 1].pos not in ("NNS", "NNPS"):
        return False
    if i - 2 >= a and toks[i - 2].pos not in (",", ":", "DT", "JJ", "CD") and not toks[i - 2].text in ALL_MARKS:
        return False
    return toks[i + 1].norm == "that" or np_then_verb(d, i + 1, b)


def is_clause_cue(d: Doc, c: int, b: int) -> bool:
    """Whether cue token c is followed by a reported clause ("that ...", or a subject and a finite verb)."""
    lex = cue_lexicon()
    toks = d.toks
    if toks[c].norm in lex.phrase_only:
        return False
    j = skip_adverbials(d, c + 1, b)
    if j < b and toks[j].norm == "that":
        return True
    return j < b and toks[j].pos in CLAUSE_START_POS and np_then_verb(d, j, b)
