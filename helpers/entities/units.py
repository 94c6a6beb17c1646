"""Units: the tokens of a document as the entity rules see them, with hyphenated compounds of known names split."""
from __future__ import annotations

from dataclasses import dataclass

from .. import resources, text
from ..grammar import OPEN_QUOTES, QUOTE_MARKS, QUOTE_OPENERS
from .lexicon import ACRONYM, ALNUM, HYPHENS, LEGAL_ABBREVIATIONS, first_name_keys, gazetteer, is_english, key


@dataclass(slots=True)
class Unit:
    """One token (or part of a hyphenated compound) with what the rules need to know about it."""

    text: str  # raw text
    key: str  # lookup key
    start: int
    end: int
    pos: str
    sid: int
    initial: bool  # first word of a sentence or of a quotation
    cap: bool  # a capitalised word that may be part of a name
    brk: bool = False  # a run must end after this unit (hyphen split)
    shout: bool = False  # in a line written in capitals ("OTTAWA 1996-08-22", "SOCCER - LATE WIN FOR JAPAN")


def shouted_sentences(words: list[str], sids: list[int]) -> frozenset[int]:
    """Return the ids of sentences written in capitals (headlines, datelines): no lower-case letter, 4+ letters."""
    letters: dict[int, int] = {}
    lower: set[int] = set()
    for w, sid in zip(words, sids):
        if any(ch.islower() for ch in w):
            lower.add(sid)
        letters[sid] = letters.get(sid, 0) + sum(ch.isalpha() for ch in w)
    return frozenset(sid for sid, n in letters.items() if n >= 4 and sid not in lower)


def shouted_cap(k: str, stop: frozenset[str]) -> bool:
    """Whether a word of a line in capitals may be part of a name: not a stopword or common English word, unless
    a gazetteer, a first-name list or the acronym list knows it ("OTTAWA", "NATO" yes; "SOCCER", "WIN" no)."""
    g = gazetteer()
    if k in g.names or k.upper() in g.acronyms or k in first_name_keys():
        return True
    return k not in stop and not is_english(k)


def is_cap(word: str, stop: frozenset[str]) -> bool:
    """Whether a word may be part of a proper name (capitalised, not a capitalised stopword like 'I' or 'The')."""
    if not word or not word[0].isupper():
        return False
    if word.isupper() and len(word) >= 2 and word.isalpha():
        return True  # acronyms: US, WHO
    if ACRONYM.match(word):
        return True
    return word.lower() not in stop or word == "The"


_WORD_INFO: dict[str, tuple] = {}  # word -> what `units` needs of it alone (see `_word_info`)


def _word_info(w: str, stop: frozenset[str]) -> tuple:
    """Return (is a legal abbreviation, key, has a letter or digit, hyphen parts, `is_cap`) of a word, cached."""
    info = _WORD_INFO.get(w)
    if info is None:
        if len(_WORD_INFO) > 200_000:  # bounded memory
            _WORD_INFO.clear()
        info = _WORD_INFO[w] = (w.lower() in LEGAL_ABBREVIATIONS, key(w), ALNUM.search(w) is not None,
                                tuple(HYPHENS.split(w)), is_cap(w, stop))
    return info


def _split_known_parts(w: str, s: int, sid: int, initial: bool, parts: tuple[str, ...]) -> list[Unit] | None:
    """Split a hyphenated compound with a known name in it ("Peru-Chile", "pro-Russian"), or return None."""
    if not (len(parts) > 1 and all(parts)):
        return None
    names = gazetteer().names
    known = [key(x) in names for x in parts]
    caps = [x[:1].isupper() for x in parts]
    if not (any(known) and (all(known) or not all(caps))):
        return None
    out, pos = [], s
    for x, kn, cp in zip(parts, known, caps):
        xs, xe = pos, pos + len(x)
        pos = xe + 1
        if kn and cp:
            out.append(Unit(x, key(x), xs, xe, "NNP", sid, initial, True, brk=True))
        else:
            out.append(Unit(x, key(x), xs, xe, "JJ", sid, False, False, brk=True))
    return out


def _split_adjective(w: str, s: int, e: int, sid: int, initial: bool, parts: tuple[str, ...],
                     stop: frozenset[str]) -> list[Unit] | None:
    """Split a capitalised name from a lower-case adjective ending ("Hong Kong-based", "Oscar-winning"), or None."""
    if not (len(parts) > 1 and parts[0][:1].isupper() and parts[-2][:1].isupper() and parts[-1].islower()
            and is_english(parts[-1])):  # (but a name with lower-case particles stays whole: "Tor-o-vin")
        return None
    head = w[:len(w) - len(parts[-1]) - 1]
    return [Unit(head, key(head), s, s + len(head), "NNP", sid, initial, is_cap(head, stop), brk=True),
            Unit(w[len(head):], key(w[len(head):]), s + len(head), e, "JJ", sid, False, False)]


def units(seg: text.Segmented) -> list[Unit]:
    """Return the units of a document: its tokens, with hyphenated compounds of known names split."""
    stop = resources.stopword_set()
    firsts = first_name_keys()
    t = seg.tokens
    words, starts, ends = t["text"].tolist(), t["start"].tolist(), t["end"].tolist()
    poss, sids = t["pos"].tolist(), t["sentence_id"].tolist()
    shouted = shouted_sentences(words, sids)
    out: list[Unit] = []
    prev_sid = None
    initial = True
    for n, (w, s, e, p, sid) in enumerate(zip(words, starts, ends, poss, sids)):
        if sid != prev_sid:
            initial, prev_sid = True, sid
        legal, k, alnum, parts, cap = _word_info(w, stop)
        if legal and n + 1 < len(words) and words[n + 1] == "." and starts[n + 1] == e \
                and out and out[-1].cap:
            w, e = w + ".", e + 1  # "Borva Ipari Kft.": the abbreviation's full stop belongs to the name
            legal, k, alnum, parts, cap = _word_info(w, stop)
        if not alnum:
            out.append(Unit(w, k, s, e, p, sid, False, False))
            if w in OPEN_QUOTES or w in QUOTE_MARKS:
                initial = initial or w in QUOTE_OPENERS
            continue
        split = _split_known_parts(w, s, sid, initial, parts) or _split_adjective(w, s, e, sid, initial, parts, stop)
        if split:
            out.extend(split)
            initial = False
            continue
        # a capitalised stopword that is also a first name is a name mid-sentence ("the philanthropist Don Harlow")
        cap = cap or (not initial and w[:1].isupper() and k in stop and k in firsts)
        if sid in shouted:  # a line in capitals: capitals say nothing, the word itself must be a name
            out.append(Unit(w, k, s, e, p, sid, initial, w[:1].isupper() and shouted_cap(k, stop), shout=True))
            initial = False
            continue
        out.append(Unit(w, k, s, e, p, sid, initial, cap))
        initial = False
    return out
