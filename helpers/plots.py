"""One function per figure: a table in, a matplotlib Axes out, no file I/O (see `save_figure` for that)."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import paths

sns.set_theme(style="whitegrid", context="notebook")


def _axes(ax, size=(7, 4)):
    """Return `ax`, or the Axes of a new figure of `size` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def integer_ticks(axis) -> None:
    """Put ticks only on whole numbers on a count axis (`ax.xaxis` or `ax.yaxis`): no 0.5 documents on small corpora."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def sentence_length_hist(lengths: pd.DataFrame, *, ax=None):
    """Histogram of sentence lengths in words."""
    ax = _axes(ax)
    if lengths.empty:
        ax.set_title("No sentences")
        return ax
    edges = list(range(0, int(lengths["n_words"].max()) + 6, 5))  # 0-4, 5-9, ...: also when all lengths are equal
    sns.histplot(data=lengths, x="n_words", bins=edges, ax=ax, color="#4C72B0")
    median = lengths["n_words"].median()
    ax.axvline(median, color="#C44E52", linestyle="--", label=f"median {median:.0f} words")
    ax.set(xlabel="words per sentence", ylabel="sentences", title="Sentence length")
    ax.yaxis.get_major_locator().set_params(integer=True)
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
    integer_ticks(ax.xaxis)
    return ax


def save_figure(ax, name: str, *, corpus: str | Path) -> str:
    """Save the figure of `ax` as PNG under output/figures/<corpus>/ and return its path as usable from the working directory."""
    folder = paths.FIGURES_DIR / paths.corpus_name(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    ax.figure.savefig(target, dpi=120, bbox_inches="tight", metadata={"Software": None})
    return paths.user_path(target)


# ---------------------------------------------------------------- entities (notebook 02)
LABEL_COLOURS = {"PERSON": "#4C72B0", "ORGANIZATION": "#DD8452", "GPE": "#55A868", "LOCATION": "#8172B3",
                 "NORP": "#C44E52"}
KIND_COLOURS = {"direct": "#4C72B0", "indirect": "#DD8452", "mixed": "#55A868"}


def _empty(ax, what: str):
    """Return `ax` blanked with the title "No <what>"."""
    ax.set_title(f"No {what}")
    ax.set_axis_off()
    return ax


def label_counts_bar(counts: pd.DataFrame, *, ax=None):
    """Bar chart of mentions per entity label (from `analysis.label_counts`)."""
    ax = _axes(ax, (6, 3))
    if counts.empty:
        return _empty(ax, "entity mentions")
    sns.barplot(data=counts, y="label", x="mentions", hue="label", palette=LABEL_COLOURS, legend=False, ax=ax,
                orient="h")
    for cont in ax.containers:
        ax.bar_label(cont, padding=3)
    ax.set(xlabel="mentions", ylabel="", title="Entity mentions by label")
    integer_ticks(ax.xaxis)
    return ax


def top_entities_bar(top: pd.DataFrame, *, value: str = "mentions", ax=None, title: str = "Most mentioned entities"):
    """Horizontal bars of entities (from `analysis.top_entities`), coloured by label, in the table's order."""
    ax = _axes(ax, (7, max(3, 0.28 * len(top) + 1)))
    if top.empty:
        return _empty(ax, "entities")
    dup = top["canonical"].duplicated(keep=False)  # the same name under two labels gets its label appended
    df = top.assign(entity=top["canonical"].where(~dup, top["canonical"] + " (" + top["label"] + ")"))
    sns.barplot(data=df, y="entity", x=value, hue="label", palette=LABEL_COLOURS, dodge=False, ax=ax, orient="h")
    ax.set(xlabel=value, ylabel="", title=title)
    ax.legend(title="label", loc="lower right")
    integer_ticks(ax.xaxis)
    return ax


MIN_HEATMAP_SIDE = 2  # a heatmap needs at least two rows and two columns with counts to compare anything


def heatmap_too_small(matrix: pd.DataFrame) -> str | None:
    """Return why a count table is too small for a heatmap (fewer than 2 rows or columns with counts), else None."""
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        return "nothing counted"
    rows = int((matrix.sum(axis=1) > 0).sum())
    cols = int((matrix.sum(axis=0) > 0).sum())
    if rows < MIN_HEATMAP_SIDE or cols < MIN_HEATMAP_SIDE:
        return f"{rows} row{'s' if rows != 1 else ''} x {cols} column{'s' if cols != 1 else ''} with counts"
    return None


def _count_heatmap(matrix: pd.DataFrame, *, ax, title: str, xlabel: str, ylabel: str, mask_diagonal: bool = False):
    """Annotated heatmap of a count table: zero cells blank (no grid lines across them); diagonal hidden with mask_diagonal.

    A table with fewer than two rows or columns holding counts gives blank axes titled "Too little to show".
    """
    import numpy as np

    if mask_diagonal and matrix.shape[0] == matrix.shape[1]:
        values = matrix.to_numpy(copy=True)
        np.fill_diagonal(values, 0)
        matrix = pd.DataFrame(values, index=matrix.index, columns=matrix.columns)
    matrix = matrix.loc[matrix.sum(axis=1) > 0, matrix.sum(axis=0) > 0] if not matrix.empty else matrix
    n_rows, n_cols = matrix.shape
    ax = _axes(ax, (max(5, 0.55 * n_cols + 3), max(3.5, 0.45 * n_rows + 2)))
    reason = heatmap_too_small(matrix)
    if reason:
        ax.set_title(f"Too little to show: {reason}")
        ax.set_axis_off()
        return ax
    values = matrix.to_numpy()
    sns.heatmap(matrix, mask=values == 0, annot=n_cols <= 20, fmt="d", cmap="Blues", linewidths=0.5,
                linecolor="white", cbar_kws={"label": "count", "shrink": 0.7}, ax=ax, square=mask_diagonal,
                vmin=0)
    ax.grid(False)
    ax.set_facecolor("white")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.tick_params(axis="x", labelrotation=90)
    ax.tick_params(axis="y", labelrotation=0)
    cbar = ax.collections[0].colorbar if ax.collections else None
    if cbar is not None:
        integer_ticks(cbar.ax.yaxis)
    return ax


def cooccurrence_heatmap(matrix: pd.DataFrame, *, ax=None, unit: str = "sentences"):
    """Heatmap of how many sentences name both entities (from `analysis.cooccurrence_matrix`)."""
    return _count_heatmap(matrix, ax=ax, title=f"Entities named in the same {unit[:-1]} (number of {unit})", xlabel="",
                          ylabel="", mask_diagonal=True)


def _timeline_plot(timeline: pd.DataFrame, *, key: str, size: str, hue: str | None, ax, title: str,
                   xlabel: str, xlim: tuple[float, float] | None, palette=None):
    """Dot timeline: one row per `key` value (in table order), x = position, dot size = `size`, colour = `hue`."""
    order = list(dict.fromkeys(timeline[key]))
    ax = _axes(ax, (9, max(2.5, 0.4 * len(order) + 1.3)))
    if timeline.empty:
        return _empty(ax, "mentions" if key == "canonical" else "quotes")
    sns.scatterplot(data=timeline, x="position", y=key, size=size, hue=hue, palette=palette,
                    sizes=(40, 400), ax=ax, legend="brief", alpha=0.8, edgecolor="black", linewidth=0.4)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    if xlim is not None:
        ax.set_xlim(*xlim)
    if xlabel.startswith("paragraph"):
        integer_ticks(ax.xaxis)
    ax.set(xlabel=xlabel, ylabel="", title=title)
    # move (not rebuild) seaborn's legend so that a single size legend keeps its title ("mentions")
    sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def _paragraph_axis(timeline: pd.DataFrame, n_paragraphs: int | None) -> tuple[str, tuple[float, float] | None]:
    """Return the x label and limits of a paragraph axis numbered as a reader counts (1 = first body paragraph, 0 = title)."""
    if not n_paragraphs:
        return "paragraph (1 = first)", None
    low = 0.5 if timeline.empty or timeline["position"].min() >= 1 else -0.5
    return "paragraph (1 = first; 0 = the title)" if low < 0 else "paragraph (1 = first)", (low, n_paragraphs + 0.5)


def entity_timeline_plot(timeline: pd.DataFrame, *, ax=None, relative: bool = False,
                         n_paragraphs: int | None = None, title: str = "Where each entity is mentioned"):
    """Dot timeline: entities (rows) by paragraph or relative position (x), dot size = mentions (from `analysis.entity_timeline`)."""
    if relative:
        xlabel, xlim = "position in the article (0 = start, 0.9 = last tenth)", (-0.05, 0.95)
    else:
        xlabel, xlim = _paragraph_axis(timeline, n_paragraphs)
    return _timeline_plot(timeline, key="canonical", size="mentions", hue=None, ax=ax, title=title, xlabel=xlabel,
                          xlim=xlim)


# ---------------------------------------------------------------- quotes (notebook 03)
def _stacked_barh(wide: pd.DataFrame, *, label: str, parts: list[str], ax, title: str, xlabel: str,
                  colours: dict[str, str]):
    """Stacked horizontal bars (seaborn histplot with weights) of the `parts` columns per `label` row, in table order."""
    order = wide[label].tolist()
    ax = _axes(ax, (8, max(2.5, 0.35 * len(order) + 1.2)))
    if wide.empty or int(wide[parts].to_numpy().sum()) == 0:
        return _empty(ax, xlabel)
    long = wide.melt(id_vars=[label], value_vars=parts, var_name="part", value_name="value")
    long[label] = pd.Categorical(long[label], categories=order, ordered=True)
    long["part"] = pd.Categorical(long["part"], categories=parts, ordered=True)
    sns.histplot(data=long, y=label, weights="value", hue="part", hue_order=parts, multiple="stack", discrete=True,
                 shrink=0.8, palette=colours, ax=ax, edgecolor="white", linewidth=0.5)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set(xlabel=xlabel, ylabel="", title=title)
    integer_ticks(ax.xaxis)
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title("")
    return ax


def share_of_voice_bar(share: pd.DataFrame, *, ax=None, title: str = "Share of voice: words quoted per speaker"):
    """Stacked bars of quoted words per speaker, direct / indirect / mixed (from `analysis.share_of_voice`)."""
    ax = _stacked_barh(share, label="speaker", parts=["direct", "indirect", "mixed"], ax=ax, title=title,
                       xlabel="words quoted", colours=KIND_COLOURS)
    if not share.empty and ax.axison:
        for i, (w, s) in enumerate(zip(share["words"], share["share"])):
            ax.text(w, i, f"  {s:.0%}", va="center", fontsize=9)
        ax.set_xlim(0, share["words"].max() * 1.15)
    return ax


def speaker_mentions_heatmap(matrix: pd.DataFrame, *, ax=None):
    """Heatmap of entity mentions inside each speaker's quotes (from `analysis.speaker_mention_matrix`)."""
    return _count_heatmap(matrix, ax=ax, title="Who talks about whom (mentions inside each speaker's quotes)",
                          xlabel="entity mentioned", ylabel="speaker")


def speaker_timeline_plot(timeline: pd.DataFrame, *, ax=None, n_paragraphs: int | None = None,
                          relative: bool = False, title: str = "Where each voice appears"):
    """Dot timeline: speakers (rows) by paragraph (x), dot size = words quoted, colour = kind (from `analysis.speaker_timeline`)."""
    if relative:
        xlabel, xlim = "position in the article (0 = start, 0.9 = last tenth)", (-0.05, 0.95)
    else:
        xlabel, xlim = _paragraph_axis(timeline, n_paragraphs)
    return _timeline_plot(timeline, key="speaker", size="words", hue="kind", palette=KIND_COLOURS, ax=ax,
                          title=title, xlabel=xlabel, xlim=xlim)


def cue_verbs_bar(cues: pd.DataFrame, *, ax=None, title: str = "Vocabulary of attribution: cue verbs"):
    """Stacked bars of quotes introduced by each cue verb, by kind (from `analysis.cue_verb_counts`)."""
    return _stacked_barh(cues, label="cue", parts=["direct", "indirect", "mixed"], ax=ax, title=title,
                         xlabel="quotes", colours=KIND_COLOURS)


def sentiment_strip(per_quote: pd.DataFrame, *, ax=None, title: str = "Tone of the quoted words (VADER compound)"):
    """One dot per quote on the VADER compound scale (-1 to 1) per speaker, with each speaker's mean (from `analysis.quote_sentiment`)."""
    order = list(dict.fromkeys(per_quote["speaker"]))
    ax = _axes(ax, (8, max(2.5, 0.4 * len(order) + 1.3)))
    if per_quote.empty:
        return _empty(ax, "quotes")
    ax.axvspan(-0.05, 0.05, color="#eeeeee", zorder=0)
    ax.axvline(0, color="grey", linewidth=1, zorder=1)
    rank = per_quote["speaker"].map({s: i for i, s in enumerate(order)})
    nth = per_quote.groupby("speaker", sort=False).cumcount()
    df = per_quote.assign(y=rank + ((nth % 5) - 2) * 0.08)  # deterministic jitter (no random numbers)
    sns.scatterplot(data=df, x="sentiment", y="y", hue="kind", palette=KIND_COLOURS, s=55, alpha=0.8,
                    hue_order=[k for k in KIND_COLOURS if k in set(df["kind"])], ax=ax, edgecolor="white")
    means = per_quote.groupby("speaker", sort=False)["sentiment"].mean().reindex(order)
    ax.scatter(means.to_numpy(), range(len(order)), marker="|", s=500, color="black", linewidths=2.5,
               label="speaker mean", zorder=3)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(-1.05, 1.05)
    ax.set(xlabel="compound score (-1 most negative, +1 most positive)", ylabel="", title=title)
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return ax


def role_categories_bar(counts: pd.DataFrame, *, ax=None, title: str = "Who gets quoted: words by type of source"):
    """Bars of quoted words per role category, annotated with speakers (from `analysis.role_category_counts`)."""
    ax = _axes(ax, (7, max(2.5, 0.45 * len(counts) + 1.2)))
    if counts.empty:
        return _empty(ax, "speakers")
    sns.barplot(data=counts, y="category", x="words", color="#4C72B0", ax=ax, orient="h")
    for i, (w, n, s) in enumerate(zip(counts["words"], counts["speakers"], counts["share_of_words"])):
        ax.text(w, i, f"  {s:.0%} · {n} speaker{'s' if n != 1 else ''}", va="center", fontsize=9)
    ax.set_xlim(0, counts["words"].max() * 1.35)
    ax.set(xlabel="words quoted", ylabel="", title=title)
    integer_ticks(ax.xaxis)
    return ax


def most_quoted_bar(most: pd.DataFrame, *, ax=None, title: str = "Most quoted people and organisations"):
    """Horizontal bars of quotes per named speaker, coloured by label (from `analysis.most_quoted`)."""
    ax = _axes(ax, (7, max(3, 0.3 * len(most) + 1)))
    if most.empty:
        return _empty(ax, "named speakers")
    sns.barplot(data=most, y="speaker", x="quotes", hue="label", palette=LABEL_COLOURS, dodge=False, ax=ax, orient="h")
    ax.set(xlabel="quotes", ylabel="", title=title)
    ax.legend(title="label", loc="lower right")
    integer_ticks(ax.xaxis)
    return ax


# ---------------------------------------------------------------- evaluation and corpus overview (notebooks 04, 05)
def confusion_heatmap(table: pd.DataFrame, *, ax=None, title: str = "Gold label (rows) vs predicted label (columns)"):
    """Annotated heatmap of a label confusion table (from `evaluate.label_confusion`); empty cells are zero."""
    n_rows, n_cols = table.shape
    ax = _axes(ax, (max(5.0, 0.8 * n_cols + 3), max(3.0, 0.5 * n_rows + 1.5)))
    if table.empty or int(table.to_numpy().sum()) == 0:
        return _empty(ax, "aligned mentions")
    sns.heatmap(table, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=0.5, linecolor="white", ax=ax,
                mask=table.to_numpy() == 0)
    ax.set(title=title, xlabel=table.columns.name or "", ylabel=table.index.name or "")
    ax.tick_params(axis="x", labelrotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.tick_params(axis="y", labelrotation=0)
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(True)
        side.set_color("#CCCCCC")
    return ax


def system_comparison_bar(long: pd.DataFrame, *, ax=None, title: str = "Project pipeline vs NLTK baseline"):
    """Grouped horizontal bars: one group per metric, one bar per system (from `analysis.comparison_long`)."""
    n_metrics = long["metric"].nunique() if len(long) else 0
    ax = _axes(ax, (7.5, max(3.0, 0.6 * n_metrics + 1.2)))
    if long.empty:
        return _empty(ax, "scores")
    sns.barplot(data=long, y="metric", x="value", hue="system", orient="h", ax=ax, palette=["#4C72B0", "#BBBBBB"])
    for container in ax.containers:
        ax.bar_label(container, fmt="%.2f", padding=2, fontsize=8)
    ax.set(xlim=(0, 1.12), xlabel="score (0-1)", ylabel="", title=title)
    ax.legend(title="", loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return ax


def documents_per_month_bar(per_month: pd.DataFrame, *, ax=None, title: str = "Articles per month"):
    """Bars of articles per month (from `analysis.documents_per_month`), labelled every few months when there are many."""
    ax = _axes(ax, (max(5.0, min(12.0, 0.3 * len(per_month) + 3)), 3.8))
    if per_month.empty:
        return _empty(ax, "dated articles")
    if len(per_month) == 1:
        title = f"{title} (one month only)"
    sns.barplot(data=per_month, x="month", y="documents", ax=ax, color="#4C72B0",
                width=0.8 if len(per_month) > 1 else 0.3)
    step = max(1, len(per_month) // 12)
    ax.set_xticks(range(0, len(per_month), step))
    ax.set_xticklabels(per_month["month"].iloc[::step], rotation=45, ha="right")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="", ylabel="articles", title=title)
    return ax


def unnamed_share_hist(per_doc: pd.DataFrame, *, ax=None,
                       title: str = "Share of each article's quotes given to unnamed sources"):
    """Histogram of the per-article share of quotes from unnamed sources (from `analysis.unnamed_by_document`)."""
    ax = _axes(ax)
    if per_doc.empty:
        return _empty(ax, "quotes")
    sns.histplot(data=per_doc, x="share_unnamed", bins=[i / 10 for i in range(11)], ax=ax, color="#4C72B0")
    median = per_doc["share_unnamed"].median()
    ax.axvline(median, color="#C44E52", linestyle="--", label=f"median {median:.0%}")
    ax.set(xlim=(0, 1), xlabel="share of the article's quotes (bins of 10%)", ylabel="articles", title=title)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    return ax


def entity_reach_bar(top: pd.DataFrame, *, title: str = "Most mentioned entities"):
    """Two panels sharing the entities: mentions (left) and documents naming each (right), from `analysis.top_entities`."""
    fig, axes = plt.subplots(1, 2, figsize=(11, max(3.0, 0.3 * len(top) + 1.2)), sharey=True)
    top_entities_bar(top, value="mentions", ax=axes[0], title=title)
    top_entities_bar(top, value="documents", ax=axes[1], title="... and in how many documents")
    if not top.empty:
        axes[1].get_legend().remove()
        axes[1].set_xlabel("documents that mention it")
        axes[1].xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return axes[0]


# ---------------------------------------------------------------- gender of voices (notebooks 03, 05)
GENDER_COLOURS = {"female": "#C44E52", "male": "#4C72B0", "unknown": "#BBBBBB"}
GENDER_CAVEAT = "inferred from the text (he/she, Mr/Ms) and first names, not self-identified"


def gender_bar(balance: pd.DataFrame, *, title: str = "Who gets a voice, by gender"):
    """Two panels by gender: person voices (left) and words quoted (right), each bar labelled with its share (from `analysis.gender_balance`)."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 2.8), sharey=True)
    if balance.empty or int(balance["voices"].sum()) == 0:
        for ax in axes:
            _empty(ax, "person quoted by name")
        return axes[0]
    for ax, value, share, label in ((axes[0], "voices", "share_of_voices", "people quoted (voices)"),
                                    (axes[1], "words", "share_of_words", "words quoted")):
        sns.barplot(data=balance, y="gender", x=value, hue="gender", palette=GENDER_COLOURS, legend=False, ax=ax,
                    orient="h", order=list(balance["gender"]))
        for i, (v, sh) in enumerate(zip(balance[value], balance[share])):
            ax.text(v, i, f"  {int(v)} ({sh:.0%})", va="center", fontsize=9)
        ax.set_xlim(0, max(1, balance[value].max()) * 1.3)
        ax.set(xlabel=label, ylabel="")
        integer_ticks(ax.xaxis)
    fig.suptitle(f"{title}\n({GENDER_CAVEAT})", fontsize=11)
    fig.tight_layout()
    return axes[0]


def gender_share_by_bar(long: pd.DataFrame, *, value: str = "words", by: str = "month", ax=None,
                        title: str | None = None):
    """100% stacked bars per outlet or month: each gender's share of the group's `value` (voices or words), with the
    group's total at the end of its bar (from `analysis.gender_by`)."""
    groups = list(dict.fromkeys(long["group"])) if len(long) else []
    ax = _axes(ax, (8, max(2.5, 0.32 * len(groups) + 1.5)))
    if long.empty or int(long[value].sum()) == 0:
        return _empty(ax, "person quoted by name")
    wide = long.pivot_table(index="group", columns="gender", values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=groups, columns=list(GENDER_COLOURS), fill_value=0)
    totals = wide.sum(axis=1)
    shares = wide.div(totals.where(totals > 0), axis=0).fillna(0)
    left = pd.Series(0.0, index=groups)
    for gender, colour in GENDER_COLOURS.items():
        ax.barh(range(len(groups)), shares[gender], left=left, color=colour, label=gender, edgecolor="white",
                height=0.8)
        left += shares[gender]
    for i, total in enumerate(totals):
        ax.text(1.01, i, f"{int(total)}", va="center", fontsize=8)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, 1.08)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}" if x <= 1 else "")
    what = "words quoted" if value == "words" else "people quoted"
    ax.set(xlabel=f"share of the {what} (number at the end of each bar: {what})", ylabel="",
           title=title or f"Gender of the people quoted, by {by} ({what})")
    ax.grid(False, axis="y")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(groups) < 8 else -0.08), ncol=3, frameon=False)
    return ax


def unnamed_share_by_bar(table: pd.DataFrame, *, by: str = "month", ax=None, title: str | None = None):
    """Bars of the share of quotes given to unnamed sources per outlet or month, with quotes per group (from `analysis.unnamed_share_by`)."""
    df = table[table["quotes"] > 0] if len(table) else table
    ax = _axes(ax, (8, max(2.5, 0.32 * len(df) + 1.2)))
    if df.empty:
        return _empty(ax, "quotes")
    ax.barh(range(len(df)), df["share_unnamed"], color="#4C72B0", height=0.7)
    for i, (sh, u, n) in enumerate(zip(df["share_unnamed"], df["unnamed"], df["quotes"])):
        ax.text(sh, i, f"  {int(u)} of {int(n)}", va="center", fontsize=8)
    ax.set_yticks(range(len(df)), df["group"])
    ax.set_ylim(len(df) - 0.5, -0.5)
    ax.set_xlim(0, min(1.0, max(0.1, df["share_unnamed"].max()) * 1.3))
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.set(xlabel="share of the quotes attributed to unnamed sources", ylabel="",
           title=title or f"Unnamed sources by {by}")
    ax.grid(False, axis="y")
    return ax
