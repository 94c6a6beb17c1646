"""Views over the pipeline's tables for the notebooks, one module per notebook.

Each function takes tables (pandas DataFrames as documented in `helpers.tables`) and returns a new table or a sentence.
The notebooks call them as `analysis.<name>`; where a view lives:

- `documents`: shared by every notebook (the documents table, picking an article, paragraph numbers, `counted`);
- `words`: notebook 01 (top words, collocations, keywords in context, cleaning changes, sentence lengths);
- `entity_views`: notebook 02 (label counts, top entities, co-occurrence, timelines, aliases, actors);
- `quote_views`: notebook 03 (speakers, share of voice, cue verbs, sentiment, roles, most quoted);
- `evaluation`: notebook 04 (gold coverage, score tables, errors by cause, comparisons);
- `overview`: notebook 05 (dates, unnamed sources, gender balance, comparisons by outlet and month).
"""
from __future__ import annotations

from .documents import (  # noqa: F401
    counted, document_overview, status_counts, paragraph_positions, paragraph_numbers, body_paragraph_count,
    locate_paragraphs, timeline_counts, pick_document, choose_article, NO_DOCUMENT, describe_document, document_rows,
    problem_documents, ANALYSED_STATUSES,
)
from .words import (  # noqa: F401
    word_forms, reporting_verb_forms, is_reporting_verb, content_tokens, top_words, collocations, keyword_in_context,
    change_kind, cleaning_changes, sentence_lengths, length_summary, cue_lemmas,
)
from .entity_views import (  # noqa: F401
    LABEL_ORDER, ENTITY_COUNT_COLUMNS, label_counts, count_entities, top_entities, entity_coverage,
    cooccurrence_pairs, cooccurrence_matrix, entity_timeline, alias_table, actor_folds, actor_counts,
)
from .quote_views import (  # noqa: F401
    QUOTE_KINDS, UNNAMED_PREFIX, UNATTRIBUTED, speaker_names, quotes_view, share_of_voice, speaker_mention_matrix,
    speaker_timeline, cue_lemma, cue_verb_counts, quote_sentiment, speaker_sentiment, load_role_words,
    role_category, speaker_roles, role_category_counts, most_quoted,
)
from .evaluation import (  # noqa: F401
    SCORE_ROWS, COMPARISON_METRICS, ERROR_CAUSE_ORDER, MENTION_ERROR_VIEW, QUOTE_ERROR_VIEW, NOT_IN_CORPUS,
    gold_coverage, GOLD_FOLDER, find_gold, coverage_line, gold_in_corpus, score_overview, document_scores,
    error_causes, error_summary, errors_by_cause, comparison_table, comparison_long,
)
from .overview import (  # noqa: F401
    documents_per_month, date_summary, SOURCE_KINDS, source_kinds, source_kind_counts, unnamed_by_document,
    unnamed_sources, quoted_speaker_topics, speaker_topics, GENDER_ORDER, GENDER_COLUMNS, person_speakers,
    gender_balance, gender_evidence_counts, gender_summary, COMPARISONS, document_groups, can_compare,
    comparison_note, unnamed_share_by, most_quoted_by, gender_by,
)
