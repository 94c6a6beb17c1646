"""Closed-class words of English grammar used by the rules: pronouns, auxiliaries, determiners, prepositions,
subordinators, quantifiers, calendar words, Penn Treebank tag groups and quotation marks.

Open-class lists (cue verbs, source nouns, media nouns, titles, ...) are data: `helpers/data/*.csv`. Words here are
matched lower-cased against a token's `norm` unless said otherwise.
"""
from __future__ import annotations

# ---- quotes
# quotation marks and dashes (as written)
OPEN_MARKS = "\u201c\u201e\u00ab\u201f\u2039"  # “ „ « ‟ ‹
CLOSE_MARKS = "\u201d\u00bb\u203a"  # ” » ›
STRAIGHT = '"\u2033'
# two-character ASCII stand-ins: '' (both ends, the New York Times' style) and `` (an opening mark, TeX style)
ASCII_MARKS = ("''", "``")
# every quotation mark as a token's text is written: one character, or an ASCII stand-in
ALL_MARKS = frozenset(OPEN_MARKS + CLOSE_MARKS + STRAIGHT) | frozenset(ASCII_MARKS)
DASHES = ("\u2014", "\u2015", "\u2013", "--", "-")

# pronouns: personal pronoun -> number/gender ("m", "f", "n", "p" plural, "s" the writer)
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
FIRST_SECOND_PERSON = frozenset("i me my mine myself we us our ours ourselves you your yours yourself".split())
QUANTIFIER_PRONOUNS = frozenset("some many others several most".split())  # "some say": an unnamed source
DEFINITE = frozenset("the this that".split())

# auxiliaries and adverbs that may stand between a subject and its cue ("has also said", "later told")
AUX = frozenset("has have had is was were are be been being will would shall should can could may might must do does "
                "did also later then still again further repeatedly previously once now recently reportedly "
                "publicly separately earlier not n't never".split())
PASSIVE_BE = frozenset("was were is are be been being".split())
TO_SPEAK = frozenset("on continued continues continue went goes".split())  # "went on to say": a report

# relative words, subordinators, coordinators, prepositions
APPOSITIVE_RELATIVE = frozenset("who whose which".split())
RELATIVE = frozenset("who whom whose which that when where while because although though if as since".split())
SUBORDINATORS = frozenset("until unless before after because although though if when while once since as so whether "
                          "than like".split())
COORDINATORS = frozenset("while whereas and but".split())  # may start a second report ("... while X wrote ...")
GERUND_LINKS = frozenset("while when after before by".split())  # ", while noting ..."
CONTRAST_PREPS = frozenset("despite amid".split())  # "despite X claiming ..."
SUBJECT_PREPS = frozenset("on in at from for over with about near inside outside".split())  # inside a subject
ADVERBIAL_PREPS = frozenset("on in at during via through to over with from".split())  # "said on Monday ..."
NAMING_MARKERS = ("so-called", "dubbed", "termed", "named")  # right before a quoted term: a name, not a quote

# numbers and quantifiers before a number ("at least 20 people")
QUANTIFIERS = {("at", "least"): 2, ("at", "most"): 2, ("more", "than"): 2, ("less", "than"): 2, ("fewer", "than"): 2,
               ("up", "to"): 2, ("about",): 1, ("nearly",): 1, ("almost",): 1, ("around",): 1, ("roughly",): 1,
               ("approximately",): 1, ("over",): 1, ("only",): 1}
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
                         "hundreds thousand thousands million millions dozen dozens half".split())

# calendar and time words
TIME_WORDS = frozenset("yesterday today tonight earlier later meanwhile now then also however monday tuesday wednesday "
                       "thursday friday saturday sunday".split())
TIME_NOUNS = frozenset("week month year weekend night morning afternoon evening monday tuesday wednesday thursday "
                       "friday saturday sunday".split())
NOT_NAMES = frozenset("january february march april may june july august september october november december "
                      "i mr mrs ms dr".split())  # capitalised words that never name a speaker on their own

# Penn Treebank tag groups
FINITE = ("VBD", "VBZ", "VBP", "MD")
CLAUSE_START_POS = ("DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "CD", "JJ", "JJS", "JJR", "EX", "RB", "PDT", "``")
SUBJECT_POS = ("DT", "PDT", "PRP", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "CC", "``",
               "''")
COORD_NP_POS = ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "PRP$", "IN", "(", ")")


# ---- entities
# lower-case particles inside personal names ("Ludwig van Beethoven", "Omar al Bashir")
NAME_PARTICLES = frozenset("de du des la le van von der den da di del della dos das al el bin ibn ben y".split())
# name prefixes written with an inner capital that is no camel case ("MacDonald", "McCain", "FitzGerald")
NAME_PREFIXES = ("Mac", "Mc", "Fitz")
# tokens after which the next word starts a quotation or clause and may be capitalised without being a name
OPEN_QUOTES = frozenset(['"', "\u201c", "'", "\u2018", "(", "[", "-", "\u2014", "\u2013", ":"])
QUOTE_MARKS = frozenset(['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"])
QUOTE_OPENERS = ('"', "\u201c", ":", "\u2014")  # of those, the ones that always start a new quotation or clause
OPENING_QUOTES = ('"', "\u201c", "``")  # a quotation that holds only a capitalised phrase ("Pokemon Biology")
CLOSING_QUOTES = ('"', "\u201d", "''")
# POS tags of capitalised words that start a sentence or clause but never a name ("Although", "However", "These")
FUNCTION_TAGS = frozenset("IN CC RB RBR WRB WDT WP DT PDT PRP PRP$ EX TO".split())
COMPASS = frozenset("north south east west northern southern eastern western central northeast northwest "
                    "southeast southwest upper lower".split())
OF_WORDS = ("of", "for")  # prepositions that continue a name after its head ("Bank of X", "Centre for Y")
NAME_COORDINATORS = ("and", "or", ",")
ARTICLES = ("a", "an", "the")
POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
INFLECTIONS = ("s", "es", "ed", "d", "ing")  # endings stripped to find a word's base form in the word list
OCCUPATION_SUFFIXES = ("er", "ist", "or", "ian")  # "Photographer", "Novelist": a capitalised occupation before a name
ORG_PREPOSITIONS = ("via", "at")  # before a name: a platform or a place of work ("via X", "at X"): organisation evidence
PERIODICAL_WORDS = ("daily", "weekly")  # "the daily X": a newspaper
