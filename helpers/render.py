"""HTML renderings for notebooks: an article with its quotations highlighted by speaker."""
from __future__ import annotations

import html

import pandas as pd

from . import analysis

# light, distinguishable backgrounds (ColorBrewer Set3 + Pastel1); more speakers than colours reuse them in order
PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
           "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f", "#fbb4ae", "#b3cde3", "#decbe4", "#fed9a6")
KIND_STYLE = {"direct": "background:{c};",
              "indirect": "background:{c}80; border-bottom:2px dotted #555;",
              "mixed": "background:{c}; border-bottom:2px dotted #555;"}


def speaker_colours(speakers) -> dict[str, str]:
    """Return a colour per speaker, in order of first appearance (deterministic)."""
    order = list(dict.fromkeys(speakers))
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(order)}


def highlight_quotes_html(text: str, quotes: pd.DataFrame, *, start: int = 0, end: int | None = None,
                          colours: dict[str, str] | None = None, legend: bool = True) -> str:
    """Return `text[start:end]` as escaped HTML with each quote's content highlighted in its speaker's colour, plus a legend."""
    end = len(text) if end is None else end
    q = quotes[(quotes["end"] > start) & (quotes["start"] < end)] if len(quotes) else quotes
    q = q.assign(who_=analysis.speaker_names(q)).sort_values(["start", "end"]) if len(q) else q
    who = q["who_"].tolist() if len(q) else []
    colours = colours or speaker_colours(who)
    parts, pos = [], start
    for row in q.itertuples(index=False) if len(q) else []:
        s, e = max(int(row.start), pos), min(int(row.end), end)
        if s >= e:  # overlaps an earlier highlight: its text is already shown
            continue
        parts.append(html.escape(text[pos:s]))
        kind = getattr(row, "kind", "direct")
        style = KIND_STYLE.get(kind, KIND_STYLE["direct"]).format(c=colours.get(row.who_, PALETTE[0]))
        cue = getattr(row, "cue", "") or ""
        tip = f"{row.who_} · {kind}" + (f" · cue: {cue}" if cue else "")
        parts.append(f'<span style="{style}" title="{html.escape(tip, quote=True)}">{html.escape(text[s:e])}</span>')
        pos = e
    parts.append(html.escape(text[pos:end]))
    body = ('<div style="white-space:pre-wrap; font-family:Georgia,serif; line-height:1.6; max-width:52em;">'
            + "".join(parts) + "</div>")
    if not legend:
        return body
    counts = pd.Series(who, dtype=object).value_counts()
    items = "".join(f'<span style="background:{colours[s]}; padding:0 .4em; margin-right:.6em;">'
                    f"{html.escape(s)} ({int(counts[s])})</span>" for s in colours if s in counts)
    kinds = ('<span style="background:#ddd; padding:0 .4em;">direct</span> '
             '<span style="background:#dddddd80; border-bottom:2px dotted #555; padding:0 .4em;">indirect</span> '
             '<span style="background:#ddd; border-bottom:2px dotted #555; padding:0 .4em;">mixed</span>')
    head = (f'<div style="margin-bottom:.8em; line-height:2;"><b>Speakers</b> (quotes): {items or "none"}<br>'
            f"<b>Kinds</b>: {kinds}</div>")
    return head + body


def article_quotes_html(doc: pd.Series | None, quotes: pd.DataFrame) -> str:
    """Return a document's text from its title on with its quotes highlighted, or a note when `doc` is None."""
    if doc is None:
        return f"<p><i>{html.escape(analysis.NO_DOCUMENT)}</i></p>"
    start = int(doc.title_start) if doc.title_start >= 0 else int(doc.body_start)
    return highlight_quotes_html(doc.text, quotes[quotes["doc_id"] == doc.doc_id], start=start)
