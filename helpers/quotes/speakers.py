"""Registry of speaker resolvers: who a noun phrase names (a person, an organisation, a pronoun or an unnamed source).

`speaker_from_np` trims the phrase and walks `ORDER`: each resolver returns a `SpeakerRef` (it names the speaker),
`NOBODY` (the phrase names nobody the article attributes: stop) or None (not this construction: try the next one).
To add a resolver: write a function of a `NounPhrase` with the `@resolver(...)` decorator (name, construction, two or
three example sentences of your own) and put its name in `ORDER` where it must be tried.
"""
from __future__ import annotations

from functools import cached_property

from ..grammar import (
    ALL_MARKS, DEFINITE, FINITE, NOT_NAMES, PRONOUNS, QUANTIFIER_PRONOUNS, TIME_NOUNS, TIME_WORDS
)
from .descriptors import described, followed_by_possessive, title_holds
from .document import Doc
from .lexicon import MEDIA_NOUNS, document_nouns, source_nouns
from .model import Mention, SPEAKER_LABELS, SpeakerRef, Tok
from .phrases import english_plural, title_word
from .registry import Rule, ordered, rule


RESOLVERS: dict[str, Rule] = {}
NOBODY = SpeakerRef("nobody", "", -1)  # returned by a resolver when the phrase names nobody: stop the walk


def resolver(name: str, *, construction: str, examples: tuple[str, ...], guard: bool = False):
    """Register a speaker resolver (see `registry.rule`); a guard only ever stops the walk (names nobody)."""
    return rule(RESOLVERS, name, kind="guard" if guard else "resolver", construction=construction, examples=examples)


class NounPhrase:
    """The tokens [lo, hi) of a candidate speaker noun phrase, with the mentions and words the resolvers look at."""

    def __init__(self, d: Doc, lo: int, hi: int):
        self.d, self.lo, self.hi = d, lo, hi
        self.words: list[Tok] = d.toks[lo:hi]
        self.start, self.end = self.words[0].start, self.words[-1].end

    def ref(self, kind: str, mention: Mention | None = None, *, end: int | None = None) -> SpeakerRef:
        """A speaker reference whose mention text runs from the phrase start to `end` (default: the phrase end)."""
        return SpeakerRef(kind, self.d.raw[self.start:self.end if end is None else end], self.start, mention)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Mentions inside the phrase that can name a speaker (with NORP and LOCATION)."""
        return [m for m in self.d.mentions_in(self.start, self.end) if m.label in SPEAKER_LABELS + ("NORP", "LOCATION")]

    @cached_property
    def persons(self) -> list[Mention]:
        """PERSON mentions inside the phrase."""
        return [m for m in self.mentions if m.label == "PERSON"]

    @cached_property
    def named(self) -> list[Mention]:
        """PERSON and ORGANIZATION mentions inside the phrase."""
        return [m for m in self.mentions if m.label in ("PERSON", "ORGANIZATION")]

    @cached_property
    def finite(self) -> list[int]:
        """Positions (in words) of finite verbs outside brackets that are not title nouns before a name."""
        starts = {m.start for m in self.persons}
        return [k for k, w in enumerate(self.words) if w.pos in FINITE and not w.paren
                and not title_word(self.words, k, starts)]

    @cached_property
    def source_words(self) -> list[Tok]:
        """Source nouns ("experts", "statement") heading the phrase, not inside a name ("Ministry of Health")."""
        nouns = source_nouns()
        return [w for w in self.words if w.norm in nouns and w.pos.startswith("NN")
                and not any(m.start <= w.start < m.end for m in self.named)]

    @cached_property
    def unnamed_source(self) -> bool:
        """Whether a source noun heads the phrase: not in apposition before an organisation's name ("state press
        agency NPA") and not followed by a person's name unless through "for" ("a spokesman for X")."""
        src, words = self.source_words, self.words
        if not src:
            return False
        appositive_org = src[-1].pos == "NN" and any(
            m.label == "ORGANIZATION" and m.start > src[-1].start and m.end == self.end
            and not any(w.pos in ("IN", "TO", "POS", ",") for w in words if src[0].start < w.start < m.start)
            for m in self.named)
        return not appositive_org and not any(
            m.start > src[0].start and not any(w.norm == "for" for w in words if src[0].start < w.start < m.start)
            for m in self.persons)


def trim(d: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop punctuation, quotation marks, dashes and time words at the edges of a token range."""
    toks = d.toks
    while lo < hi and (toks[lo].pos in (",", ":", "``", "''", ".") or toks[lo].text in ALL_MARKS
                       or toks[lo].norm in ("-", "--") or toks[lo].norm in TIME_WORDS):
        lo += 1
    while hi > lo and (toks[hi - 1].pos in (",", ":", "``", "''", ".") or toks[hi - 1].text in ALL_MARKS):
        hi -= 1
    k = dateline_end(d, lo, hi)
    return (k, hi) if k > lo else (lo, hi)


DASHES = frozenset(("-", "--", "\u2014", "\u2013"))


def dateline_end(d: Doc, lo: int, hi: int) -> int:
    """The token after a dateline that opens the range ("LINDEN, Minn. (AP) \u2014 Jo Roe said"): capitalised place
    words, at least one in capitals, then a dash; lo when there is none."""
    toks = d.toks
    caps = False
    for k in range(lo, min(hi - 1, lo + 8)):
        t = toks[k]
        if t.text in DASHES:
            return k + 1 if caps else lo
        if t.text.isupper() and any(c.isalpha() for c in t.text) and len(t.text) > 1:
            caps = caps or t.text not in ("AP",)
        elif not (t.text[:1].isupper() or t.pos in (",", ".", "(", ")", "-LRB-", "-RRB-") or t.text in "()."):
            return lo
    return lo


def speaker_from_np(d: Doc, lo: int, hi: int) -> SpeakerRef | None:
    """Return the speaker named by tokens [lo, hi) (a name, a pronoun or unnamed-source words), or None."""
    lo, hi = trim(d, lo, hi)
    if hi <= lo or hi - lo > 24:
        return None
    np_ = NounPhrase(d, lo, hi)
    for r in ORDER:
        ref = r.func(np_)
        if ref is NOBODY:
            return None
        if ref is not None:
            return SpeakerRef(ref.kind, ref.text, ref.start, ref.mention, r.name)
    return None


# ---------------------------------------------------------------- resolvers (tried in the order of ORDER below)
@resolver("writer_pronoun", construction="'I' or 'we' outside quotation marks: the writer or an interviewee, nobody "
          "the article attributes (names no speaker)",
          examples=("We said the bridge was unsafe, and nobody listened.",), guard=True)
def writer_pronoun(np_: NounPhrase) -> SpeakerRef | None:
    """A first-person pronoun alone names nobody."""
    return NOBODY if len(np_.words) == 1 and np_.words[0].norm in ("i", "we") else None


@resolver("pronoun", construction="a personal pronoun as the subject (he, she, they, it), resolved later to an "
          "antecedent", examples=('"The road is closed," she said after the meeting.',
                                  "He said the new clinic would open in May."))
def pronoun(np_: NounPhrase) -> SpeakerRef | None:
    """A third-person pronoun alone."""
    w = np_.words[0]
    return SpeakerRef("pronoun", w.text, w.start) if len(np_.words) == 1 and w.norm in PRONOUNS else None


@resolver("quantifier_pronoun", construction="'some', 'many', 'others' as the subject: an unnamed source",
          examples=("While some say the tax is too high, others argue it is fair to every family.",))
def quantifier_pronoun(np_: NounPhrase) -> SpeakerRef | None:
    """A quantifier used as a pronoun ("some say") is an unnamed source."""
    w = np_.words[0]
    return SpeakerRef("unnamed", w.text, w.start) if len(np_.words) == 1 and w.norm in QUANTIFIER_PRONOUNS else None


@resolver("not_a_noun_phrase", construction="a phrase starting with a verb, preposition, adverb or conjunction is "
          "no subject (names no speaker)", examples=("Only then Anna Berg said the talks had failed.",), guard=True)
def not_a_noun_phrase(np_: NounPhrase) -> SpeakerRef | None:
    """A phrase that starts like a verb phrase or an adverbial names nobody ("One MP told" still is a phrase)."""
    words = np_.words
    if words[0].pos.startswith(("VB", "IN", "TO", "CC", "RB", "WDT", "WP", "CD", "MD")) and words[0].norm != "of" \
            and not (words[0].pos == "CD" and len(words) > 1 and words[1].pos.startswith("NN")):
        return NOBODY
    return None


@resolver("contact_relative", construction="a head noun followed by a contact relative clause with its own subject "
          "and verb ('the residents we met said'); the head speaks, the mention keeps the whole phrase",
          examples=("The residents Anna Berg interviewed said the ward had been short of staff for months.",
                    "The people Maria Lopez met said the rain came too late for the wheat."))
def contact_relative(np_: NounPhrase) -> SpeakerRef | None:
    """A head noun with a contact relative clause: the head noun phrase is resolved on its own."""
    fin, words = np_.finite, np_.words
    if not (fin == [len(words) - 1] or fin == [len(words) - 2] and words[-1].pos in ("IN", "TO", "RP")):
        return None
    k = j = fin[0]
    if j >= 1 and words[j - 1].pos == "PRP":
        j -= 1
    else:
        while j >= 1 and words[j - 1].pos in ("NNP", "NNPS") and k - j < 5:
            j -= 1
    if j < k and j >= 2 and words[j - 1].pos in ("NN", "NNS"):
        ref = speaker_from_np(np_.d, np_.lo, np_.lo + j)
        if ref is not None and ref.kind != "pronoun":
            return SpeakerRef(ref.kind, np_.d.raw[np_.start:np_.end], np_.start, ref.mention)
    return NOBODY


@resolver("clause_not_phrase", construction="a phrase holding a finite verb or quoted words is a clause, not a "
          "speaker (names no speaker)", examples=("The council voted Anna Berg said yesterday the plan was dead.",),
          guard=True)
def clause_not_phrase(np_: NounPhrase) -> SpeakerRef | None:
    """A phrase with a finite verb or a quotation inside names nobody."""
    return NOBODY if np_.finite or any(w.in_quote for w in np_.words) else None


@resolver("coordinated_subject", construction="a coordinated subject whose first conjunct is a name ('X and his "
          "lawyers said'): the named conjunct speaks",
          examples=("Anna Berg and her lawyers said the contract had never been signed.",))
def coordinated_subject(np_: NounPhrase) -> SpeakerRef | None:
    """A name followed by "and" at the start of the phrase."""
    persons, words = np_.persons, np_.words
    first = next((m for m in np_.mentions if m.start == np_.start and m.label in ("PERSON", "ORGANIZATION")), None)
    if first is None or persons and persons[-1] is not first and persons[-1].end == np_.end:
        return None  # (not "Road and Rail Minister X": a name ending the phrase is its head)
    k = next((k for k, w in enumerate(words) if w.start >= first.end), None)
    if k is not None and words[k].norm == "and" and k + 1 < len(words):
        return np_.ref("mention", first)
    return None


@resolver("media_apposition", construction="a media noun in apposition before a capitalised title ('newspaper The "
          "Daily Courier reported') names the outlet, even when no entity was tagged",
          examples=("The newspaper The Christian reported that the church would open again on Monday.",))
def media_apposition(np_: NounPhrase) -> SpeakerRef | None:
    """Media noun + capitalised words: the words are the outlet's name."""
    words = np_.words
    media = next((k for k, w in enumerate(words) if w.norm in MEDIA_NOUNS and w.pos == "NN"), None)
    if media is not None and media + 1 < len(words) and all(
            w.text[:1].isupper() and w.pos in ("NNP", "NNPS", "DT", "NN", "JJ") for w in words[media + 1:]) \
            and not any(m.label in ("PERSON", "ORGANIZATION") and m.start >= words[media + 1].start
                        for m in np_.mentions):
        name = np_.d.raw[words[media + 1].start:np_.end]
        return np_.ref("mention", Mention(words[media + 1].start, np_.end, name, "ORGANIZATION", name))
    return None


@resolver("organisation_by_noun", construction="'the website', 'police', 'the ministry': a source noun that names an "
          "organisation introduced earlier refers back to it (modifiers must be words of its name)",
          examples=("Thames Valley Police arrested two men on Friday. Police said that the men were released "
                    "without charge.",
                    "The Health Ministry opened a new clinic. The ministry said that the clinic would treat a thousand "
                    "patients a year."))
def organisation_by_noun(np_: NounPhrase) -> SpeakerRef | None:
    """A bare or definite source noun refers to the organisation whose name or apposition ends with it."""
    src, words = np_.source_words, np_.words
    if not (src and not np_.mentions
            and (len(words) == 1 and words[0].norm == "police"
                 or 2 <= len(words) <= 4 and words[0].norm in DEFINITE and words[-1] is src[-1])):
        return None
    found = described(np_.d, src[-1].norm, np_.start)
    if found is not None and found.label == "ORGANIZATION" and all(
            w.norm in found.canonical.lower().split() for w in words[1:-1]):
        return np_.ref("mention", found)
    return None


@resolver("document_author", construction="a document noun whose author the phrase names ('a WHO report', 'a "
          "statement released by the Supreme Court'): the organisation speaks",
          examples=("A report by the Harbour Authority concluded that the pier was no longer safe.",))
def document_author(np_: NounPhrase) -> SpeakerRef | None:
    """A document noun with a named organisation in the phrase: the organisation."""
    src = np_.source_words
    if not np_.unnamed_source or src[-1].norm not in document_nouns():
        return None
    after = [w for w in np_.words if w.start > src[-1].start and w.norm not in TIME_WORDS]
    if after and after[0].pos.startswith("NN"):
        return None
    orgs = [m for m in np_.named if m.label == "ORGANIZATION"]
    return np_.ref("mention", orgs[0]) if orgs else None


@resolver("source_noun", construction="a source noun ('experts', 'officials', 'a statement') heading the phrase "
          "with no name after it: an unnamed source",
          examples=("Experts said the drought would last into the autumn.",
                    "The ruling is likely to be appealed, officials said."))
def source_noun(np_: NounPhrase) -> SpeakerRef | None:
    """An unnamed source; a document's topic ("the statement on the death") is not part of the mention."""
    if not np_.unnamed_source:
        return None
    src = np_.source_words
    after = [w for w in np_.words if w.start > src[-1].start and w.norm not in TIME_WORDS]
    if src[-1].norm in document_nouns() and after and after[0].norm in ("on", "about", "regarding", "concerning"):
        return np_.ref("unnamed", end=src[-1].end)
    return np_.ref("unnamed")


@resolver("person_name", construction="a person's name in the phrase; a name ending the phrase is its head ('club "
          "adviser Jo Roe'), else the first name",
          examples=('"We will appeal," said Anna Berg, a lawyer for the union.',
                    "Coach Tom Reed said the team had trained hard all winter."))
def person_name(np_: NounPhrase) -> SpeakerRef | None:
    """The phrase holds a PERSON mention."""
    persons = np_.persons
    if not persons:
        return None
    m, last = persons[0], persons[-1]
    if last is not m and last.end == np_.end and not any(
            w.pos in ("CC", ",", ":", "(", ")", "IN") for w in np_.words if m.end <= w.start < last.start):
        m = last  # the name that ends the noun phrase is its head; a name before it (title words only) modifies it
    return np_.ref("mention", m, end=m.end)


@resolver("role_description", construction="a definite description whose head noun names a role or an organisation "
          "the article names elsewhere ('the governor', 'the party')",
          examples=("Governor Maria Lopez visited the flooded town. The governor said more help was on the way.",))
def role_description(np_: NounPhrase) -> SpeakerRef | None:
    """A short definite phrase with a lower-case head noun: the person or organisation it describes."""
    words, ms = np_.words, np_.mentions
    head = words[-1]
    if not (head.pos in ("NN", "NNS") and head.text.islower() and (words[0].norm in DEFINITE or ms)
            and len(words) <= 5):
        return None
    found = described(np_.d, head.norm, np_.start)
    # "The Riverside professor": a name as a plain modifier of a role noun still describes the person holding it
    if found is None or not (all(followed_by_possessive(np_.d, m) for m in ms)
                             or found.label == "PERSON" and words[0].norm in DEFINITE):
        return None
    if found.label == "PERSON" and not ms and not title_holds(np_.d, found, words[1:-1]):
        return np_.ref("unnamed")  # "the local health minister" is not "Prime Minister X": a modifier the title lacks
    return np_.ref("mention", found)


@resolver("organisation_name", construction="an organisation, state or place named in the phrase ('the White "
          "House', 'Norway'): an institution named by its name or building",
          examples=("The European Union said that its budget had doubled in the last year.",))
def organisation_name(np_: NounPhrase) -> SpeakerRef | None:
    """The first ORGANIZATION (else GPE, else LOCATION) mention in the phrase."""
    ms = np_.mentions
    orgs = [m for m in ms if m.label == "ORGANIZATION"] or [m for m in ms if m.label == "GPE"] \
        or [m for m in ms if m.label == "LOCATION"]
    if not orgs:
        return None
    m = orgs[0]
    return np_.ref("mention", m, end=max(m.end, np_.end if len(ms) == 1 else m.end))


@resolver("capitalised_plural", construction="one capitalised word the tagger took for a plural that is no English "
          "word ('Zorvex reported'): an organisation's name",
          examples=("Bloomfields, quoting two officials, reported the harbour had been closed since Tuesday.",))
def capitalised_plural(np_: NounPhrase) -> SpeakerRef | None:
    """A capitalised single 'plural' that is not a dictionary word."""
    words = np_.words
    w = words[0]
    if np_.mentions or len(words) != 1 or w.pos != "NNS" or not w.text[:1].isupper() or not w.text.isalpha() \
            or english_plural(w.norm):
        return None
    return SpeakerRef("mention", w.text, np_.start, Mention(np_.start, np_.end, w.text, "ORGANIZATION", w.text))


@resolver("untagged_name", construction="capitalised proper-noun words the entity tagger missed ('The Valley "
          "Gazette reported'): a named speaker with its own words as the name",
          examples=("The Valley Gazette reported that the school would reopen next week.",
                    "Zorvex, quoting two officials, reported the harbour had been closed since Tuesday."))
def untagged_name(np_: NounPhrase) -> SpeakerRef | None:
    """Up to five capitalised proper nouns (after "the") with no mention: an organisation's name."""
    words = np_.words
    names = words[1:] if words[0].norm == "the" and len(words) > 1 else words
    if np_.mentions or len(names) > 5 or names[-1].pos not in ("NNP", "NNPS") or not all(
            w.pos in ("NNP", "NNPS", "JJ") and w.text[:1].isupper() and w.text.isalpha()
            and w.norm not in TIME_WORDS and w.norm not in NOT_NAMES for w in names):
        return None
    name = np_.d.raw[names[0].start:np_.end]
    return np_.ref("mention", Mention(names[0].start, np_.end, name, "ORGANIZATION", name))


DESCRIPTION_POS = frozenset("DT PRP$ JJ JJR JJS NN NNS NNP NNPS POS CD VBN HYPH".split())
DESCRIPTION_PREPS = frozenset("of for at from with in on".split())


@resolver("unnamed_description", construction="any other noun phrase headed by a common noun ('the former "
          "president', 'the ad's narrator', 'a spokeswoman for the mayor'): a quote is never dropped because its "
          "speaker cannot be named; the description is kept as an unnamed source (also a group named by a nationality, "
          "party or religion: 'Democrats said', 'Iowa Republicans say')",
          examples=("The former president said the new tax would hurt small farmers in the north.",
                    "The ad's narrator says the governor raised taxes twice in one year.",
                    "The former coach of the village team said the pitch had been flooded for weeks."))
def unnamed_description(np_: NounPhrase) -> SpeakerRef | None:
    """A determiner, possessive or adjective phrase with a common-noun head (and of/for/at phrases after it)."""
    words = np_.words
    head = next((k for k, w in enumerate(words) if w.norm in DESCRIPTION_PREPS and w.pos in ("IN", "TO")), len(words))
    norp = head > 0 and any(m.label == "NORP" and m.start <= words[head - 1].start < m.end for m in np_.mentions)
    if head == 0 or len(words) > 12 or words[head - 1].pos not in ("NN", "NNS") and not norp \
            or any(w.norm in TIME_WORDS or w.norm in TIME_NOUNS for w in words[:head]) or not all(w.pos in DESCRIPTION_POS or w.norm in DESCRIPTION_PREPS
                                                             or w.norm == "-" for w in words):
        return None
    if head == 1 and not (words[0].pos == "NNS" or norp):
        return None  # a bare singular noun ("Turnout said") is no description of a speaker
    return np_.ref("unnamed")


# ---------------------------------------------------------------- the order in which resolvers are tried
ORDER: tuple[Rule, ...] = ordered(RESOLVERS, [
    writer_pronoun, pronoun, quantifier_pronoun, not_a_noun_phrase, contact_relative, clause_not_phrase,
    coordinated_subject, media_apposition, organisation_by_noun, document_author, source_noun,
    person_name, role_description, organisation_name, capitalised_plural, untagged_name, unnamed_description,
])
