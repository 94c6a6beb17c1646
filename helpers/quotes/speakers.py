"""Speaker resolution: who a noun phrase names (a person, an organisation, a pronoun or an unnamed source)."""
from __future__ import annotations

from .descriptors import described, followed_by_possessive, title_holds
from .document import Doc
from .lexicon import (
    ALL_MARKS, DEFINITE, FINITE, MEDIA_NOUNS, NOT_NAMES, PRONOUNS, QUANTIFIER_PRONOUNS, SPEAKER_LABELS, TIME_WORDS,
    document_nouns, source_nouns
)
from .model import Mention, SpeakerRef
from .phrases import english_plural, title_word


def speaker_from_np(d: Doc, lo: int, hi: int) -> SpeakerRef | None:
    """Return the speaker named by tokens [lo, hi) (a name, a pronoun or unnamed-source words), or None."""
    toks = d.toks
    while lo < hi and (toks[lo].pos in (",", ":", "``", "''", ".") or toks[lo].text in ALL_MARKS
                       or toks[lo].norm in ("-", "--") or toks[lo].norm in TIME_WORDS):
        lo += 1
    while hi > lo and (toks[hi - 1].pos in (",", ":", "``", "''", ".") or toks[hi - 1].text in ALL_MARKS):
        hi -= 1
    if hi <= lo or hi - lo > 24:
        return None
    words = toks[lo:hi]
    if hi - lo == 1 and words[0].norm in PRONOUNS:
        if words[0].norm in ("i", "we"):
            return None  # the writer or an interviewee outside quotation marks: nobody the article attributes
        return SpeakerRef("pronoun", words[0].text, words[0].start)
    if hi - lo == 1 and words[0].norm in QUANTIFIER_PRONOUNS:  # "while some say ...": an unnamed source
        return SpeakerRef("unnamed", words[0].text, words[0].start)
    if words[0].pos.startswith(("VB", "IN", "TO", "CC", "RB", "WDT", "WP", "CD", "MD")) and words[0].norm != "of" \
            and not (words[0].pos == "CD" and len(words) > 1 and words[1].pos.startswith("NN")):  # "One MP told ..."
        return None
    start, end = words[0].start, words[-1].end
    ms = [m for m in d.mentions_in(start, end) if m.label in SPEAKER_LABELS + ("NORP", "LOCATION")]
    person_starts = {m.start for m in ms if m.label == "PERSON"}
    fin = [k for k, w in enumerate(words) if w.pos in FINITE and not w.paren and not title_word(words, k, person_starts)]
    if fin == [len(words) - 1] or fin == [len(words) - 2] and words[-1].pos in ("IN", "TO", "RP"):
        # "the protesters Wikinews interviewed said", "the people we spoke to said": a contact relative clause (its
        # own subject and verb) after the head noun; the head speaks, the mention keeps the whole phrase
        k = j = fin[0]
        if j >= 1 and words[j - 1].pos == "PRP":
            j -= 1
        else:
            while j >= 1 and words[j - 1].pos in ("NNP", "NNPS") and k - j < 5:
                j -= 1
        if j < k and j >= 2 and words[j - 1].pos in ("NN", "NNS"):
            ref = speaker_from_np(d, lo, lo + j)
            if ref is not None and ref.kind != "pronoun":
                return SpeakerRef(ref.kind, d.raw[start:end], start, ref.mention)
        return None
    if fin or any(w.in_quote for w in words):
        return None
    persons = [m for m in ms if m.label == "PERSON"]
    first = next((m for m in ms if m.start == start and m.label in ("PERSON", "ORGANIZATION")), None)
    if first is not None and not (persons and persons[-1] is not first and persons[-1].end == end):
        # (not "Road Transport and Bridges Minister Obaidul Quader": a name ending the phrase is its head)
        k = next((k for k, w in enumerate(words) if w.start >= first.end), None)
        if k is not None and words[k].norm == "and" and k + 1 < len(words):
            # "Trump and his supporters claimed": a coordinated subject speaks through its first, named conjunct
            return SpeakerRef("mention", d.raw[start:end], start, first)
    nouns = source_nouns()
    named = [m for m in ms if m.label in ("PERSON", "ORGANIZATION")]
    src = [w for w in words if w.norm in nouns and w.pos.startswith("NN")
           and not any(m.start <= w.start < m.end for m in named)]  # "Ministry of Health" is a name
    # "state press agency PAP": a source noun in apposition before the organisation's name names it
    appositive_org = bool(src) and src[-1].pos == "NN" and any(
        m.label == "ORGANIZATION" and m.start > src[-1].start and m.end == end
        and not any(w.pos in ("IN", "TO", "POS", ",") for w in words if src[0].start < w.start < m.start)
        for m in named)
    media = next((k for k, w in enumerate(words) if w.norm in MEDIA_NOUNS and w.pos == "NN"), None)
    if media is not None and media + 1 < len(words) and all(
            w.text[:1].isupper() and w.pos in ("NNP", "NNPS", "DT", "NN", "JJ") for w in words[media + 1:]) \
            and not any(m.label in ("PERSON", "ORGANIZATION") and m.start >= words[media + 1].start for m in ms):
        # "newspaper The Hindu reported": a media noun in apposition before a capitalised title names the outlet,
        # even when the tagger did not take the title for an organisation
        name = d.raw[words[media + 1].start:end]
        m = Mention(words[media + 1].start, end, name, "ORGANIZATION", name)
        return SpeakerRef("mention", d.raw[start:end], start, m)
    if src and not ms and (len(words) == 1 and words[0].norm == "police"
                           or 2 <= len(words) <= 4 and words[0].norm in DEFINITE and words[-1] is src[-1]):
        # "The website further reported", "Police said": a source noun that names an organisation introduced
        # earlier ("news site, Znak.com", "Thames Valley Police") refers to it; with modifiers, only to the one
        # whose name holds them ("the emergencies ministry" -> Emergencies Ministry)
        found = described(d, src[-1].norm, start)
        if found is not None and found.label == "ORGANIZATION" and all(
                w.norm in found.canonical.lower().split() for w in words[1:-1]):
            return SpeakerRef("mention", d.raw[start:end], start, found)
    if src and not appositive_org and not any(
            m.start > src[0].start and not any(w.norm == "for" for w in words if src[0].start < w.start < m.start)
            for m in persons):  # "a spokesman for X", "the account for X": the source is not X
        # "a UN report", "a statement released by the Supreme Court": a document speaks for the organisation that
        # the phrase names as its author
        after = [w for w in words if w.start > src[-1].start and w.norm not in TIME_WORDS]
        if src[-1].norm in document_nouns() and not (after and after[0].pos.startswith("NN")):
            orgs = [m for m in named if m.label == "ORGANIZATION"]
            if orgs:
                return SpeakerRef("mention", d.raw[start:end], start, orgs[0])
        if src[-1].norm in document_nouns() and after and after[0].norm in ("on", "about", "regarding", "concerning"):
            end = src[-1].end  # "The family's statement on the death read": the topic is not part of the source
        return SpeakerRef("unnamed", d.raw[start:end], start)
    if persons:
        m = persons[0]
        last = persons[-1]
        if last is not m and last.end == end and not any(
                w.pos in ("CC", ",", ":", "(", ")", "IN") for w in words if m.end <= w.start < last.start):
            # "Trump adviser John Bolton", "Mysore Divisional Railway Manager Aparna Garg": the name that ends the
            # noun phrase is its head; a name before it (joined by title words, no conjunction) is a modifier
            m = last
        return SpeakerRef("mention", d.raw[start:m.end], start, m)
    head = words[-1]
    # "the party", "the commissioner", "Chelyabinsk's governor": a definite description whose head noun names a role
    # or an organisation the article names elsewhere (the names only as possessive modifiers)
    if head.pos in ("NN", "NNS") and head.text.islower() and (words[0].norm in DEFINITE or ms) and hi - lo <= 5:
        found = described(d, head.norm, start)
        # "The Wooster professor": a name as a plain modifier of a role noun still describes the person holding it
        if found is not None and (all(followed_by_possessive(d, m) for m in ms)
                                  or found.label == "PERSON" and words[0].norm in DEFINITE):
            if found.label == "PERSON" and not ms and not title_holds(d, found, words[1:-1]):
                # "the local health minister" is not "Prime Minister X": a noun modifier the title lacks
                return SpeakerRef("unnamed", d.raw[start:end], start)
            return SpeakerRef("mention", d.raw[start:end], start, found)
    # a place name as a speaker is an institution named by its building ("the White House", "National Hurricane
    # Center" tagged as a facility)
    orgs = [m for m in ms if m.label == "ORGANIZATION"] or [m for m in ms if m.label == "GPE"] \
        or [m for m in ms if m.label == "LOCATION"]
    if orgs:
        m = orgs[0]
        return SpeakerRef("mention", d.raw[start:max(m.end, end if len(ms) == 1 else m.end)], start, m)
    names = words[1:] if words[0].norm == "the" and len(words) > 1 else words
    if not ms and len(words) == 1 and words[0].pos == "NNS" and words[0].text[:1].isupper() and words[0].text.isalpha() \
            and not english_plural(words[0].norm):
        # "Reuters reported": a capitalised name the tagger took for a plural, not an English word
        return SpeakerRef("mention", words[0].text, start, Mention(start, end, words[0].text, "ORGANIZATION",
                                                                    words[0].text))
    if not ms and len(names) <= 5 and names[-1].pos in ("NNP", "NNPS") and all(
            w.pos in ("NNP", "NNPS", "JJ") and w.text[:1].isupper() and w.text.isalpha()
            and w.norm not in TIME_WORDS and w.norm not in NOT_NAMES for w in names):
        # "Business Insider reported", "The Daily Telegraph reported": a proper name the entity tagger missed is
        # still a named speaker (its own words as the name)
        name = d.raw[names[0].start:end]
        return SpeakerRef("mention", d.raw[start:end], start, Mention(names[0].start, end, name, "ORGANIZATION", name))
    return None
