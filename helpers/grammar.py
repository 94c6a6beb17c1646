"""Closed-class words of English grammar and punctuation that the rules use (one constants module for the package).

Open-class word lists (titles, head words, cue verbs, ...) are data files in helpers/data/, not here.
"""
from __future__ import annotations

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
COORDINATORS = ("and", "or", ",")
ARTICLES = ("a", "an", "the")
POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
INFLECTIONS = ("s", "es", "ed", "d", "ing")  # endings stripped to find a word's base form in the word list
OCCUPATION_SUFFIXES = ("er", "ist", "or", "ian")  # "Photographer", "Novelist": a capitalised occupation before a name
ORG_PREPOSITIONS = ("via", "at")  # before a name: a platform or a place of work ("via X", "at X"): organisation evidence
PERIODICAL_WORDS = ("daily", "weekly")  # "the daily X": a newspaper
