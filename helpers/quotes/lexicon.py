"""Word lists and lexicons of the quote rules: cue verbs, source nouns, closed-class words, name genders, VADER."""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from .. import paths, resources


DATA_DIR = paths.DATA_DIR
OPEN_MARKS = "\u201c\u201e\u00ab\u201f"
CLOSE_MARKS = "\u201d\u00bb"
STRAIGHT = '"\u2033'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT
DASHES = ("\u2014", "\u2015", "\u2013", "--", "-")
SPEAKER_LABELS = ("PERSON", "ORGANIZATION", "GPE")
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
FIRST_SECOND_PERSON = frozenset("i me my mine myself we us our ours ourselves you your yours yourself".split())
AUX = frozenset("has have had is was were are be been being will would shall should can could may might must do does "
                "did also later then still again further repeatedly previously once now recently reportedly "
                "publicly separately earlier not n't never".split())
APPOSITIVE_RELATIVE = frozenset("who whose which".split())
RELATIVE = frozenset("who whom whose which that when where while because although though if as since".split())
FINITE = ("VBD", "VBZ", "VBP", "MD")
CLAUSE_START_POS = ("DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "CD", "JJ", "JJS", "JJR", "EX", "RB", "PDT", "``")
UNAMBIGUOUS_CUES = frozenset("said says told tells according".split())
PASSIVE_BE = frozenset("was were is are be been being".split())
TIME_WORDS = frozenset("yesterday today tonight earlier later meanwhile now then also however monday tuesday wednesday "
                       "thursday friday saturday sunday".split())
TO_SPEAK = frozenset("on continued continues continue went goes".split())
SUBORDINATORS = frozenset("until unless before after because although though if when while once since as so whether "
                          "than like".split())
SUBJECT_POS = ("DT", "PDT", "PRP", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "CC", "``", "''")
COORD_NP_POS = ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "PRP$", "IN", "(", ")")
QUANTIFIER_PRONOUNS = frozenset("some many others several most".split())
TITLE_STOP_POS = ("VB", "MD", "IN", "CC", ",", ".", ":", "``", "''", "WDT", "WP", "TO")
NOT_NAMES = frozenset("january february march april may june july august september october november december "
                      "i mr mrs ms dr".split())
DEFINITE = frozenset("the this that".split())
MEDIA_NOUNS = frozenset("newspaper magazine tabloid broadcaster website agency outlet daily weekly channel".split())
DOMAIN = re.compile(r"\w\.(?:com|org|net|ru|info|io|news|co|de|fr|in|uk)$", re.I)
SIGN_NOUNS = frozenset("banner banners sign signs placard placards poster posters slogan slogans t-shirt t-shirts "
                       "shirt shirts flag flags billboard billboards graffiti sticker stickers".split())
ROLE_QUALIFIERS = frozenset("deputy vice assistant former acting associate ex interim junior".split())
SUBJECT_PREPS = frozenset("on in at from for over with about near inside outside".split())
NAMING_VERBS = frozenset("describe describes described describing call calls called calling term terms termed dub dubs "
                         "dubbed know known refer refers referred label labels labelled labeled".split())
QUANTIFIERS = {("at", "least"): 2, ("at", "most"): 2, ("more", "than"): 2, ("less", "than"): 2, ("fewer", "than"): 2,
               ("up", "to"): 2, ("about",): 1, ("nearly",): 1, ("almost",): 1, ("around",): 1, ("roughly",): 1,
               ("approximately",): 1, ("over",): 1, ("only",): 1}
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
                         "hundreds thousand thousands million millions dozen dozens half".split())
ADVERBIAL_PREPS = frozenset("on in at during via through to over with from".split())
TIME_NOUNS = frozenset("week month year weekend night morning afternoon evening monday tuesday wednesday thursday "
                       "friday saturday sunday".split())
COORDINATORS = frozenset("while whereas and but".split())
GERUND_LINKS = frozenset("while when after before by".split())
CONTRAST_PREPS = frozenset("despite amid".split())
COURT_DOCUMENTS = frozenset("ruling judgment judgement verdict".split())
COURT_WORDS = frozenset("court tribunal".split())
NAME_SUFFIX_NOUNS = frozenset("show shows series foundation awards award band hour program programme theatre theater "
                              "museum center centre school prize trophy festival".split())


@dataclass(frozen=True)
class CueLexicon:
    """Cue verb forms and their properties, read from `data/cue_verbs.csv`."""

    lemma: dict[str, str]
    tell: frozenset[str]
    gerund: frozenset[str]
    phrase_only: frozenset[str] = frozenset()


def read_data_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@functools.cache
def cue_lexicon() -> CueLexicon:
    """Return the cue verb lexicon (form -> lemma, tell-type forms, gerund-taking forms), loaded once."""
    lemma, tell, gerund, phrase_only = {}, set(), set(), set()
    for row in read_data_rows("cue_verbs.csv"):
        for form in row["forms"].split("|"):
            form = form.strip().lower()
            lemma.setdefault(form, row["lemma"])
            if row.get("tell", "0").strip() == "1":
                tell.add(form)
            if row.get("gerund", "0").strip() == "1":
                gerund.add(form)
            if (row.get("clause") or "1").strip() == "0":
                phrase_only.add(form)
    return CueLexicon(lemma=lemma, tell=frozenset(tell), gerund=frozenset(gerund), phrase_only=frozenset(phrase_only))


@functools.cache
def source_nouns() -> frozenset[str]:
    """Return the head nouns of unnamed sources ("experts", "police", ...), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in read_data_rows("source_nouns.csv"))


@functools.cache
def document_nouns() -> frozenset[str]:
    """Return the source nouns that are texts speaking for their authors ("report", "study"), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in read_data_rows("source_nouns.csv")
                     if (r.get("kind") or "").strip() == "document")


@functools.cache
def name_genders() -> dict[str, str]:
    """Return first name -> 'm' / 'f' for names NLTK's names corpus gives one gender only, loaded once."""
    from nltk.corpus import names

    male = set(resources.load_or_explain(lambda: names.words("male.txt"), "names"))
    female = set(resources.load_or_explain(lambda: names.words("female.txt"), "names"))
    out = {n: "m" for n in male - female}
    out.update({n: "f" for n in female - male})
    return out


@functools.cache
def sentiment_analyzer():
    """Return NLTK's VADER analyzer, loaded once per process."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return resources.load_or_explain(SentimentIntensityAnalyzer, "vader_lexicon")
