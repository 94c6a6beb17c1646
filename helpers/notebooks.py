"""Running the numbered notebooks: in order, with papermill-style parameters, deterministic outputs.

    python -m helpers.notebooks                      # all notebooks on seeds/, outputs saved in place
    python -m helpers.notebooks --corpus DIR         # all notebooks on another corpus -> output/notebooks/<corpus>/
    python -m helpers.notebooks 01_clean_text.ipynb  # one notebook
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

from . import paths

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


def notebook_paths(folder: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered notebooks in reading order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def inject_parameters(nb, parameters: dict) -> None:
    """Insert a cell after the `parameters` cell that overrides its values (papermill convention)."""
    import nbformat

    if not parameters:
        return
    cells = nb.cells
    cells[:] = [c for c in cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    idx = next((i for i, c in enumerate(cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), None)
    if idx is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    source = "# Parameters injected by helpers.notebooks\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source=source, metadata={"tags": [INJECTED_TAG]})
    cell["id"] = INJECTED_TAG  # a fixed id: valid nbformat and the same on every run
    cells.insert(idx + 1, cell)


def is_emptied_display(output) -> bool:
    """Whether a notebook output is a display that was emptied (only an empty text/plain left)."""
    return (output.get("output_type") == "display_data"
            and set(output.get("data", {})) == {"text/plain"} and not "".join(output["data"]["text/plain"]).strip())


def strip_volatile(nb) -> None:
    """Remove run-dependent metadata (timings, ids that change) so a re-run leaves no diff."""
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        merged = []
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)
            if is_emptied_display(out):  # a progress line emptied when its work was done (helpers.progress)
                continue
            # consecutive prints may arrive as one chunk or several, depending on timing: keep one
            if (merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        if cell.get("cell_type") == "code":
            cell["outputs"] = merged
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)


def ipc_kernel_manager():
    """Return a kernel manager class that talks to its kernel over IPC sockets in Jupyter's private runtime folder.

    No TCP ports: no plain-text network traffic and no "Kernel is running over TCP without encryption" warning in
    the output of `make run`. nbclient owns (starts and shuts down) each kernel as usual.
    """
    import os
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:
            folder = jupyter_runtime_dir()
            os.makedirs(folder, mode=0o700, exist_ok=True)
            return os.path.join(folder, f"nbclient-{uuid.uuid4().hex[:12]}-ipc")

    return IPCKernelManager


def run_notebook(path: str | Path, *, parameters: dict | None = None, output: str | Path | None = None,
                 timeout: int = 900) -> Path:
    """Execute a notebook top to bottom in a fresh kernel (cwd = notebooks/) and write it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb = copy.deepcopy(nb)
    inject_parameters(nb, parameters or {})
    client = NotebookClient(nb, kernel_manager_class=ipc_kernel_manager(), timeout=timeout, kernel_name="python3",
                            record_timing=False, resources={"metadata": {"path": str(path.parent.resolve())}})
    client.execute()
    strip_volatile(nb)
    target = Path(output) if output else path
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: execute notebooks in order; seeds runs are saved in place, other corpora under output/."""
    parser = argparse.ArgumentParser(prog="python -m helpers.notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: all, in order)")
    parser.add_argument("--corpus", default=None, help="corpus folder for every notebook's CORPUS_DIR parameter")
    args = parser.parse_args(argv)
    chosen = notebook_paths()
    if args.notebooks:
        unknown = [n for n in args.notebooks if not (paths.NOTEBOOKS_DIR / Path(n).name).is_file()]
        if unknown:
            names = ", ".join(p.name for p in chosen)
            print(f"error: no notebook {', '.join(unknown)} in notebooks/ (there are: {names})", file=sys.stderr)
            return 2
        chosen = [paths.NOTEBOOKS_DIR / Path(n).name for n in args.notebooks]
    if args.corpus:
        try:
            paths.resolve_corpus(args.corpus)
        except FileNotFoundError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    params = {"CORPUS_DIR": str(paths.resolve_corpus(args.corpus))} if args.corpus else {}
    out_dir = paths.OUTPUT_DIR / "notebooks" / paths.corpus_name(args.corpus) if args.corpus else None
    for nb in chosen:
        started = time.perf_counter()
        target = run_notebook(nb, parameters=params, output=(out_dir / nb.name) if out_dir else None)
        print(f"ran {nb.name} in {time.perf_counter() - started:.1f} s -> {paths.user_path(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
