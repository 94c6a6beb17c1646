"""A progress bar that works in a terminal (tqdm on stderr) and in a notebook without ipywidgets.

In a Jupyter kernel the bar is one line of text updated in place through a display handle and emptied when the
work is done, so no `TqdmWarning: IProgress not found` appears and a saved notebook keeps no timings
(`helpers.notebooks.strip_volatile` drops the emptied line).
"""
from __future__ import annotations

import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
BAR_WIDTH = 30
UPDATE_SECONDS = 0.5


def in_notebook() -> bool:
    """Whether the code runs in a Jupyter kernel (where tqdm.auto would need ipywidgets)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def bar_text(done: int, total: int | None, *, desc: str, unit: str) -> str:
    """Return the text of a progress line: 'analysing [#####.....] 12/51 documents' (no times: deterministic)."""
    if total:
        filled = int(BAR_WIDTH * min(done, total) / total)
        return f"{desc} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {unit}s"
    return f"{desc}: {done} {unit}{'' if done == 1 else 's'}"


def _notebook_progress(items: Iterable[T], *, total: int | None, desc: str, unit: str) -> Iterator[T]:
    """Yield `items` while a display handle shows the progress; the line is emptied at the end."""
    from IPython.display import Pretty, display

    handle = display(Pretty(bar_text(0, total, desc=desc, unit=unit)), display_id=True)
    done, last = 0, time.monotonic()
    try:
        for item in items:
            yield item
            done += 1
            now = time.monotonic()
            if now - last >= UPDATE_SECONDS:
                handle.update(Pretty(bar_text(done, total, desc=desc, unit=unit)))
                last = now
    finally:
        handle.update(Pretty(""))


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", unit: str = "item") -> Iterable[T]:
    """Wrap an iterable in a progress bar suited to where the code runs (notebook line, else tqdm on stderr)."""
    if in_notebook():
        return _notebook_progress(items, total=total, desc=desc, unit=unit)
    from tqdm.std import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)
