"""The project's folders, derived from this file's location (never from the working directory)."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
ROOT: Path = PACKAGE_DIR.parent
SEEDS_DIR: Path = ROOT / "seeds"
TUNING_DIR: Path = ROOT / "tuning"  # development set: articles with gold that rules may be tuned on (not shipped input)
NOTEBOOKS_DIR: Path = ROOT / "notebooks"
DATA_DIR: Path = PACKAGE_DIR / "data"  # reference data shipped with the package (cue verbs, titles, ...)
OUTPUT_DIR: Path = ROOT / "output"  # git-ignored: generated tables, caches and figures
TABLES_DIR: Path = OUTPUT_DIR / "tables"
FIGURES_DIR: Path = OUTPUT_DIR / "figures"
CACHE_DIR: Path = OUTPUT_DIR / "cache"
SHARED_DIR: Path = ROOT.parent / "shared"  # development material beside a checkout, if present


def display_path(path: str | Path) -> str:
    """Return `path` relative to the project root (or its parent) for printing, never an absolute machine path."""
    p = Path(path).resolve()
    for base in (ROOT, ROOT.parent):
        try:
            rel = p.relative_to(base)
        except ValueError:
            continue
        return rel.as_posix() if base == ROOT else "../" + rel.as_posix()
    return p.name


def user_path(path: str | Path, *, cwd: str | Path | None = None) -> str:
    """Return `path` as the user can use it where the command runs: relative to the working directory when it lies
    inside it or inside its parent (notebooks run in notebooks/, so `../output/...`), else absolute."""
    import os

    p = Path(path).resolve()
    here = Path(cwd).resolve() if cwd is not None else Path.cwd().resolve()
    for base, prefix in ((here, ""), (here.parent, "../")):
        try:
            rel = p.relative_to(base).as_posix()
        except ValueError:
            continue
        if base == here.parent and base == Path(base.anchor):  # never climb to the filesystem root
            break
        return (prefix + rel) if rel != "." else (prefix.rstrip("/") or ".")
    return os.fspath(p)


def corpus_name(path: str | Path) -> str:
    """Return a short, filesystem-safe name for a corpus folder or file."""
    p = Path(path).resolve()
    name = p.stem if p.is_file() else p.name
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "corpus"


def resolve_corpus(path: str | Path, *, what: str = "corpus") -> Path:
    """Resolve a corpus (or other input) path given in a notebook or on the command line: relative to the project root, else the working directory."""
    p = Path(path).expanduser()
    if p.is_absolute():
        if p.exists():
            return p
        raise FileNotFoundError(f"{what} not found: {path}")
    for base in (ROOT, Path.cwd()):
        if (base / p).exists():
            return (base / p).resolve()
    raise FileNotFoundError(f"{what} not found: {path} (looked under the project root and the working directory)")
