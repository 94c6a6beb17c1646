"""Quotes: quotation spans, cue verbs, speakers (names, pronouns, unnamed sources) and speaker descriptors.

Where to change what
- a cue verb (or a behaviour of one: takes a listener, a gerund, only frames a phrase, names a term):
  a row or a column of `helpers/data/cue_verbs.csv` (the package's one cue-verb list; columns in data/README.md).
- a source noun ("experts", "a report"): `helpers/data/source_nouns.csv`; media, court, sign and work nouns and role
  qualifiers: the other CSV files listed in `helpers/data/README.md`. Closed-class words: `helpers/grammar.py`.
- a new attribution frame: a function with `@frame(...)` (name, construction, example sentences of your own) in
  `frames.py` (a cue before or after a quotation), `reported.py` (reported speech) or `continuation.py` (a quotation
  with no cue), and its place in `frames.PASSES` / `continuation.ORDER`.
- a new way to name a speaker from a noun phrase: a function with `@resolver(...)` in `speakers.py` and its place in
  `speakers.ORDER`; appositions next to the subject: `subjects.py`; pronouns, continuations, document issuers:
  `resolution.py`.
- a new column of the quotes / speakers / speaker_mentions table: its schema (`QUOTE_COLUMNS`, ...) and the row
  builder in `tables.py`, and its meaning in the list below.
tests/test_rules_registry.py checks every registered rule's examples; `python -m helpers.rules CORPUS` counts how often
each rule fires (the `rule` column) and lists those that never do.

Modules: marks (quotation spans), document (per-document look-ups), lexicon (word lists from helpers/data), cues (is
this token a cue), phrases (noun phrases and clauses), speakers / subjects / resolution (who speaks), context, frames,
reported, continuation (which quotes), descriptors (how a speaker is introduced), tables, extract (the document walk),
registry (named rules).

Tables (registered in `helpers.tables.SCHEMAS` when this package is imported; schemas in `quotes/tables.py`):

- quotes: doc_id, quote_id, paragraph_id, kind (direct / indirect / mixed), content, start, end (raw offsets of the
  content: `raw[start:end] == content`), cue (the cue word(s) as written, empty for a continuation), speaker (canonical
  name, empty for an unnamed source), speaker_mention (the words that name the speaker, e.g. "he", "experts"),
  speaker_label (PERSON / ORGANIZATION / GPE, or UNNAMED), is_continuation, flags ("|"-joined: unbalanced,
  unclosed_paragraph, unattributed), n_words, sentiment (VADER compound score of the content), rule
  ("<frame>/<resolver>": the frame that found the quote and the resolver that named its speaker, e.g.
  "trailing_cue/person_name", "continuation/previous_speaker"; the resolver is "none" for a quote with no attribution;
  every name is a registered rule, listed in `FRAME_ORDER` / `RESOLVER_ORDER` with its examples), statement_id (the
  quote_id of the statement's first row: a quotation split by its attribution ('"...," X said, "..."'), a quoted
  sentence opening the sentence right after the attribution ('"...," X said. "..."'), and a quotation left open at
  a paragraph's end and going on in the next are rows of one statement; every other row is a statement of its own).
- speakers: one row per speaker and document. Named speakers carry their canonical name; an unnamed source is keyed by
  its mention words (speaker = speaker_mention, `is_named` False). descriptor / role / affiliation come from the title
  before the name ("US President Jo Roe") and the apposition after it ("X, an analyst at Y"). share_of_voice = the
  speaker's quoted words / all quoted words of the document.
- speaker_mentions: doc_id, speaker, canonical, label, count — entities mentioned inside each speaker's quotes.

Conventions (those of the development gold):
- direct quote content is the text inside the marks (punctuation inside the marks included);
- indirect content is the reported clause without the complementiser "that" and without the attribution;
- a reported clause holding quoted fragments is one `mixed` quote; the fragments are not quotes of their own;
- quotation marks as newspapers write them: curly, straight, '' (both ends), ``...'', „...“, «...», »...«, ‹...›, a
  reversed or doubled opening mark (`marks.quote_spans`); offsets stay those of the raw text;
- a quoted sentence after the attribution in a new sentence is a continuation (same speaker, no cue, no mention); the
  second part of a quote split by its attribution inside one sentence keeps the cue and mention;
- a paragraph that is entirely a quotation, without attribution, continues the previous paragraph's speaker;
- short quoted fragments with no cue verb and no first/second person words (titles, nicknames, scare quotes) are not
  statements; nor is a quotation written as a title or name (2-10 words, each significant word capitalised, no
  "!" or "?", not all capitals: `marks.title_like`, 'told the network's "Morning Show"'), even after a cue, unless it
  is the term of a naming verb ('called the fee "The Shopping Tax"': `marks.name_in_marks`).

The rules use the grammar of attribution only (cue verbs from `data/cue_verbs.csv`, positions, commas, POS tags,
apposition, pronoun agreement); names come from the mentions table (its `canonical` column).
"""
from __future__ import annotations

from . import continuation, frames, resolution, speakers, subjects
from .descriptors import Descriptor, describe_speaker, post_apposition, pre_title, split_descriptor
from .document import Doc
from .extract import analyse_quotes, find_quotes
from .lexicon import cue_lexicon, document_nouns, name_genders, sentiment_analyzer, source_nouns
from .marks import QuoteSpan, quote_spans
from .model import Mention, Quote, SpeakerRef, Tok
from .resolution import Antecedents, Inside, gender
from .registry import Rule
from .tables import (
    MENTION_COLUMNS, QUOTE_COLUMNS, SPEAKER_COLUMNS, SPEAKER_MENTION_COLUMNS, speaker_mentions, speakers_table
)

# every registered rule, in the order it is tried: frames find quotes, resolvers name their speakers
FRAME_ORDER: tuple[Rule, ...] = frames.ORDER + continuation.ORDER
RESOLVER_ORDER: tuple[Rule, ...] = speakers.ORDER + subjects.ORDER + resolution.ORDER

__all__ = [
    "FRAME_ORDER", "RESOLVER_ORDER", "Rule",
    "Antecedents", "Descriptor", "Doc", "Inside", "MENTION_COLUMNS", "Mention", "QUOTE_COLUMNS", "Quote", "QuoteSpan",
    "SPEAKER_COLUMNS", "SPEAKER_MENTION_COLUMNS", "SpeakerRef", "Tok", "analyse_quotes", "cue_lexicon",
    "describe_speaker", "document_nouns", "find_quotes", "gender", "name_genders", "post_apposition", "pre_title",
    "quote_spans", "sentiment_analyzer", "source_nouns", "speaker_mentions", "speakers_table", "split_descriptor",
]
