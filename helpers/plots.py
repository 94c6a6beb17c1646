"""One function per figure: a table in, a matplotlib Axes out, no file I/O (see `save_figure` for that)."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import paths

sns.set_theme(style="whitegrid", context="notebook")


def _axes(ax, size=(7, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def sentence_length_hist(lengths: pd.DataFrame, *, ax=None):
    """Histogram of sentence lengths in words."""
    ax = _axes(ax)
    if lengths.empty:
        ax.set_title("No sentences")
        return ax
    sns.histplot(data=lengths, x="n_words", binwidth=5, ax=ax, color="#4C72B0")
    median = lengths["n_words"].median()
    ax.axvline(median, color="#C44E52", linestyle="--", label=f"median {median:.0f} words")
    ax.set(xlabel="words per sentence", ylabel="sentences", title="Sentence length")
    ax.legend()
    return ax


def top_words_bar(words: pd.DataFrame, *, ax=None, title: str = "Most frequent content words"):
    """Horizontal bar chart of word counts (columns word, count)."""
    ax = _axes(ax, (7, max(3, 0.3 * len(words) + 1)))
    if words.empty:
        ax.set_title("No words")
        return ax
    sns.barplot(data=words, y="word", x="count", ax=ax, color="#4C72B0", orient="h")
    ax.set(xlabel="occurrences", ylabel="", title=title)
    return ax


def save_figure(ax, name: str, *, corpus: str | Path) -> str:
    """Save the figure of `ax` as PNG under output/figures/<corpus>/ and return its project-relative path."""
    folder = paths.FIGURES_DIR / paths.corpus_name(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    ax.figure.savefig(target, dpi=120, bbox_inches="tight", metadata={"Software": None})
    return paths.display_path(target)
