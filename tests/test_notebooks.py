"""Every numbered notebook runs top to bottom, in order, on seeds/ (executed into a temporary folder)."""
from __future__ import annotations

import nbformat
import pytest

from helpers import notebooks

NOTEBOOKS = notebooks.notebook_paths()


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:1] == ["01"]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    out = notebooks.run_notebook(path, output=tmp_path / path.name)
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    stderr = [o.text for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr  # no warnings (TqdmWarning, [nltk_data], pandas/matplotlib warnings) in any output
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert sum("parameters" in t for t in tags) == 1  # exactly one papermill-style parameters cell
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_parameters_are_injected(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("X = 1", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell("X")]
    notebooks.inject_parameters(nb, {"X": 2})
    assert [c.source.splitlines()[-1] for c in nb.cells] == ["X = 1", "X = 2", "X"]
    with pytest.raises(ValueError, match="parameters"):
        notebooks.inject_parameters(nbformat.v4.new_notebook(), {"X": 2})


def test_progress_line_is_deterministic_and_emptied_lines_are_dropped():
    from helpers import progress

    assert progress.bar_text(3, 12, desc="analysing", unit="document") == \
        "analysing [#######.......................] 3/12 documents"
    assert progress.bar_text(1, None, desc="analysing", unit="document") == "analysing: 1 document"
    assert not progress.in_notebook()  # pytest is no Jupyter kernel: tqdm on stderr there
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": ""}),
                    nbformat.v4.new_output("stream", name="stdout", text="kept\n")]
    nb.cells = [cell]
    notebooks.strip_volatile(nb)
    assert [o.output_type for o in nb.cells[0].outputs] == ["stream"]


@pytest.mark.notebooks
def test_evaluation_notebook_on_a_corpus_without_gold_says_so_and_scores_nothing(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2021-05-01\nBridge vote\n\nThe mayor said the bridge would open in May.",
                                  encoding="utf-8")
    path = next(p for p in NOTEBOOKS if p.name == "04_evaluation.ipynb")
    out = notebooks.run_notebook(path, parameters={"CORPUS_DIR": str(corpus)}, output=tmp_path / "04.ipynb")
    nb = nbformat.read(out, as_version=4)
    texts = ["".join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    lines = [line for t in texts for line in t.splitlines() if line.startswith("No gold annotations for this corpus")]
    assert len(lines) == 1 and lines[0].endswith("scores are skipped.")
    assert not any("docs=" in t or "evaluation_scores" in t for t in texts)  # no scores, no tables of zeros
    assert any("nothing scored, nothing saved" in t for t in texts)


def test_kernels_talk_over_ipc_not_tcp():
    km = notebooks.ipc_kernel_manager()(kernel_name="python3")
    assert km.transport == "ipc" and km.ip.endswith("-ipc")  # no "Kernel is running over TCP" warning
