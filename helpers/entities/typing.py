"""Typing evidence as a registry: which evidence gives a candidate span its label (and canonical name).

Every evidence rule is a function plus a record (`Evidence`): its name (written to the `evidence` column of the
mentions table), the construction it handles, and example sentences written for it. `ORDER` is the one list that
says in which order evidence is applied:

- `phase="name"` rules look at the span's own words (gazetteers, head words, acronyms); they are tried in ORDER
  on every candidate and the first that fires types it (such a mention is *strong*: context never retypes it);
- `phase="document"` rules then type what the name alone could not, from the whole article (acronym definitions,
  the words around each occurrence, other names of the article, headings); each is one step of `mentions.STEPS`.

To add evidence: write its function, add its record to ORDER at the place it should win, and give it examples
(tests/test_entities.py checks that every example yields a mention typed by that rule).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from .candidates import Span
from ..grammar import OF_WORDS
from .lexicon import ACRONYM, first_name_keys, gazetteer, key
from .units import Unit


@dataclass(frozen=True)
class Evidence:
    """One typing evidence rule: its name, the construction it handles, example sentences, and its phase."""

    name: str
    construction: str
    examples: tuple[str, ...]
    phase: str  # "name": from the span's own words; "document": from the article; "override": the researcher's
    strong: bool  # a mention typed by it is never retyped from context
    rule: Callable | None = None  # for phase "name": (NameView) -> (label, canonical) | None
    words: str = "any"  # for phase "name": the rule can fire on names of "one" word, "many" words or "any"

    @property
    def doc(self) -> str:
        """The rule's one-line docstring."""
        return ((self.rule.__doc__ if self.rule else None) or self.construction).strip().splitlines()[0]


class NameView(NamedTuple):
    """A span's own words, as the name rules see them."""

    words: list[Unit]  # units without editorial brackets
    keys: list[str]  # their keys without a final full stop
    surface: str
    key: str


def name_view(units: list[Unit], sp: Span) -> NameView:
    """Return the words of a span as the name rules see them."""
    words = [u for u in units[sp.i:sp.j] if u.text not in ("[", "]")]
    surface = " ".join(u.text for u in words).replace(" ' ", "' ")  # "Harbour Workers' Union"
    return NameView(words, [u.key.rstrip(".") for u in words], surface, key(surface))


# ---------------------------------------------------------------- name rules: (NameView) -> (label, canonical) | None
def gazetteer_name(v: NameView) -> tuple[str, str] | None:
    """The whole span is a known name (countries, cities, states, regions, institutions, demonyms)."""
    hit = gazetteer().names.get(v.key) or gazetteer().names.get(v.key.rstrip("."))
    return (hit[0], hit[1]) if hit else None


def regional_demonym(v: NameView) -> tuple[str, str] | None:
    """A regional prefix and a demonym make a group adjective ("Middle Eastern", "Central Asian")."""
    g = gazetteer()
    if len(v.keys) == 2 and v.keys[0] in g.norp_prefixes and g.names.get(v.keys[1], ("",))[0] == "NORP":
        return "NORP", v.surface
    return None


def place_head(v: NameView) -> tuple[str, str] | None:
    """A name ending in a place head word is a location ("Vostok Sea", "Tarn Valley")."""
    last = gazetteer().heads.get(v.keys[-1])
    if len(v.keys) > 1 and last and last[0] == "LOCATION" and last[3] != "facility" and last[1] in ("end", "any"):
        return "LOCATION", v.surface
    return None


def head_anywhere(v: NameView) -> tuple[str, str] | None:
    """A head word that makes an organisation wherever it stands ("Quill Holdings Group", "Ministry Borvan")."""
    heads = gazetteer().heads
    if len(v.keys) > 1 and any((heads.get(x) or ("", "", False, ""))[1] == "any" for x in v.keys):
        return "ORGANIZATION", v.surface
    return None


def head_before_place(v: NameView) -> tuple[str, str] | None:
    """An organisation head followed by a place names the organisation ("Imperial College London")."""
    g = gazetteer()
    for k in range(1, len(v.keys) - 1):
        h = g.heads.get(v.keys[k])
        if h and h[0] == "ORGANIZATION" and g.names.get(" ".join(v.keys[k + 1:]), ("",))[0] == "GPE":
            return "ORGANIZATION", v.surface
    return None


def last_head(v: NameView) -> tuple[str, str] | None:
    """The head word that ends a name types it ("Marlow University", "Fenwick Hospital")."""
    last = gazetteer().heads.get(v.keys[-1])
    if len(v.keys) > 1 and last and last[1] in ("end", "any") and not (
            last[3] == "facility" and len(v.keys) == 2 and v.keys[0] in first_name_keys()):  # "Ellen Park"
        return last[0], v.surface
    return None


def first_head_of(v: NameView) -> tuple[str, str] | None:
    """A head word that starts a name before of/for types it ("Bank of Fendor", "Ministry of Mines")."""
    first = gazetteer().heads.get(v.keys[0])
    if len(v.keys) > 2 and first and first[1] == "first" and v.keys[1] in OF_WORDS:
        return first[0], v.surface
    return None


def head_before_of(v: NameView) -> tuple[str, str] | None:
    """The head word before of/for inside a name types it ("Tolland School of Marine Study")."""
    heads = gazetteer().heads
    if len(v.keys) > 1:
        for a, b in zip(v.keys, v.keys[1:]):
            h = heads.get(a)
            if b in OF_WORDS and h and h[2] and h[3] != "facility":
                return h[0], v.surface
    return None


def first_place_head(v: NameView) -> tuple[str, str] | None:
    """A place word that starts a name makes a location ("Mount Kenya", "Lake Orrin")."""
    first = gazetteer().heads.get(v.keys[0])
    if len(v.keys) > 1 and first and first[1] == "first" and first[0] == "LOCATION":
        return first[0], v.surface
    return None


def known_acronym(v: NameView) -> tuple[str, str] | None:
    """A well-known acronym of helpers/data/org_acronyms.csv ("NATO", "FIFA")."""
    acronyms = gazetteer().acronyms
    if len(v.words) == 1 and v.words[0].text in acronyms:
        return acronyms[v.words[0].text][0], v.words[0].text
    return None


def acronym_shape(v: NameView) -> tuple[str, str] | None:
    """A word in capitals ("KLT", "P.R.O.") names an organisation (not in a line written in capitals)."""
    if len(v.words) == 1 and not v.words[0].shout and ACRONYM.match(v.words[0].text) and v.words[0].text.replace(".", "").isalpha():
        return "ORGANIZATION", v.words[0].text
    return None


def _name(rule: Callable, construction: str, *examples: str, words: str = "many") -> Evidence:
    return Evidence(rule.__name__, construction, examples, "name", True, rule, words)


def _document(name: str, construction: str, *examples: str, strong: bool = False) -> Evidence:
    return Evidence(name, construction, examples, "document", strong)


# the one list: in this order evidence is applied (name rules first, first hit wins; then the document steps)
ORDER: tuple[Evidence, ...] = (
    _name(gazetteer_name, "a name listed in a gazetteer",
          "Officials in Portugal and Ohio welcomed the plan.", "The ferry left Marseille at dawn.", words="any"),
    _name(regional_demonym, "regional prefix + demonym",
          "Several Southeast Asian traders met in the market.", "Several Middle Eastern envoys attended."),
    _name(place_head, "Name + place head at the end (Sea, Valley, Island)",
          "Boats crossed the Vostok Sea at night.", "Farmers in the Tarn Valley lost their crops."),
    _name(head_anywhere, "a head word such as Ministry or Holdings anywhere in the name",
          "She works for the Corran Foundation in town.", "The Ministry Borvan ruled on the case."),
    _name(head_before_place, "organisation head + place (Imperial College London)",
          "She studied at Imperial College London for a year.", "He joined Borva College Paris last year."),
    _name(last_head, "Name + organisation or facility head at the end (University, Hospital, Party)",
          "Staff at the Marlow Bank went on strike.", "Fenwick Hospital treated the injured."),
    _name(first_head_of, "head + of/for + name (Bank of X, Ministry of Y)",
          "The House of Varrow voted on Monday.", "The Republic of Tarsland held elections."),
    _name(head_before_of, "Name + head + of/for + words (X School of Y)",
          "Researchers at the Tolland School of Marine Study agreed.",
          "Students of the Pellar College of Music protested."),
    _name(first_place_head, "place word + name (Mount X, Lake Y)",
          "Climbers reached Mount Orrin on Friday.", "Snow fell on Mount Tarrow overnight."),
    _name(known_acronym, "a well-known acronym used without definition",
          "NATO ministers met on Tuesday.", "The report was sent to NASA last week.", words="one"),
    _name(acronym_shape, "a word in capitals",
          "Engineers from KLT inspected the bridge.", "The contract went to BRV after a long tender.", words="one"),
    _document("acronym_expansion", "Capitalised Words (CW): unknown words spelled out by the bracketed acronym",
              "The Blue Lantern Riders (BLR) held a march.",
              "Members of the Silver Pine Dancers (SPD) voted.", strong=True),
    _document("defined_acronym", "an acronym defined in brackets after a name takes the name's type",
              "The Torvik Harbour Authority (THA) closed the port. THA officials said it would reopen.",
              "The European Union (EU) agreed. The EU will pay.", strong=True),
    _document("org_context", "an unknown multi-word name next to an organisation noun (newspaper X Y, the X Y party)",
              "The newspaper Kavel Morgenpost printed the letter.", "She joined the Varro Renewal party in May."),
    _document("name_structure", "an unknown multi-word name typed by its words (first name, plural noun, camel case)",
              "Yesterday Daniel Fosterby visited the school.", "Customers of Northwind Diving Adventures complained."),
    _document("capitalised_phrase", "a capitalised common-word phrase mid-sentence after `the` is an organisation",
              "Officers from the State Fire Brigade arrived quickly.",
              "He thanked the Harbour Rescue Volunteers for their help."),
    _document("name_word", "a word of a longer name typed in the same article (Anna Preston ... Preston)",
              "Residents saw Anna Preston at the fair. Later Preston thanked them.",
              "Reporters met Helga Brudzinski on Monday. Then Brudzinski left."),
    _document("weak_gazetteer", "a city name that is also a common word, capitalised mid-sentence",
              "The convoy reached Mobile before noon.", "Her family moved to Reading in the spring."),
    _document("the_prefix", "an unknown single name after a capitalised mid-sentence The",
              "A review in The Quillnet praised the film.", "He wrote for The Marrowfield for ten years."),
    _document("camel_case", "an unknown single camel-case word without person evidence (a firm or product)",
              "Engineers at SkyVolt fixed the launch pad.", "Users of PhotoTrek complained about the update."),
    _document("context", "person or organisation votes of the words around each occurrence (said X, X, a ...)",
              "Kowalczyk said prices would fall.", "Members were told via Quorra on Monday."),
    _document("coordination", "an unknown name followed by and/or/comma and a typed name takes its type",
              "Vellmark and Norway signed the treaty.",
              "Talks between Tarvania and Chile stalled."),
    _document("heading_seen_in_body", "a name in a heading or the title that the body also names (an example with a\n"
              "blank line is title + body)",
              "Harlan Voss returns home\n\nHarlan Voss arrived on Monday.",
              "Mira Tollan wins\n\nVoters chose Mira Tollan on Sunday."),
    _document("crf_type", "a name typed only from context takes the type the CRF (helpers/ner_model.py) is sure of",
              "Fighting in Nagorno-Karabakh continued.", "Clashes in Trans-Dniester resumed."),
    _document("sports_club", "a town that beats, draws with or has a coach is its sports club",
              "Brisbane defeated Sydney by two goals.", "Leeds coach Ann Marr praised the defence."),
    _document("photo_credit", "a lower-case source in brackets closing a photo credit",
              "Image: Ann Marr (pixabase).", "Photo: Lee Dunn (fotorama)."),
    Evidence("override", "the researcher's entity_overrides.csv relabels or relinks the surface form", (),
             "override", True),
)
BY_NAME: dict[str, Evidence] = {e.name: e for e in ORDER}
NAME_RULES: tuple[Evidence, ...] = tuple(e for e in ORDER if e.phase == "name")
# the name rules in ORDER that can fire on a name of one word / of several words (the others are not tried)
_RULES_BY_SIZE = {False: tuple(e for e in NAME_RULES if e.words in ("one", "any")),
                  True: tuple(e for e in NAME_RULES if e.words in ("many", "any"))}


def type_from_name(units: list[Unit], spans: list[Span]) -> list[Span]:
    """Type every span that its own words name (walking the name rules of ORDER; the first that fires wins)."""
    out = []
    for sp in spans:
        v = name_view(units, sp)
        for ev in _RULES_BY_SIZE[len(v.words) > 1]:
            hit = ev.rule(v)
            if hit is not None:
                sp = sp.typed(hit[0], hit[1], ev.name, strong=True)
                break
        out.append(sp)
    return out


def typed(sp: Span, label: str | None, canonical: str | None, evidence: str) -> Span:
    """Return a span typed by a document rule of ORDER (its strength comes from the rule's record)."""
    return sp.typed(label, canonical, evidence, strong=BY_NAME[evidence].strong)
