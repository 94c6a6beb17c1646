"""Which NLTK data packages the project needs, and how to find, fetch or explain them."""
from __future__ import annotations

import functools
import sys
from typing import Iterable

import nltk

# package id (as given to nltk.download) -> resource path that proves it is installed
NLTK_PACKAGES: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "stopwords": "corpora/stopwords",
    "words": "corpora/words",
    "names": "corpora/names",
    "gazetteers": "corpora/gazetteers",
    "vader_lexicon": "sentiment/vader_lexicon.zip",
    "maxent_ne_chunker_tab": "chunkers/maxent_ne_chunker_tab/english_ace_binary/",  # baseline in notebook 04
}


class MissingNLTKData(RuntimeError):
    """Raised when NLTK data packages are missing and could not be fetched."""


def install_command(packages: Iterable[str]) -> str:
    """Return the shell command that installs the given NLTK packages."""
    return "python -m nltk.downloader " + " ".join(sorted(packages))


def missing_packages(packages: Iterable[str] | None = None) -> list[str]:
    """Return the required NLTK packages that NLTK's search path (including NLTK_DATA) cannot find."""
    wanted = list(NLTK_PACKAGES) if packages is None else list(packages)
    missing = []
    for pkg in wanted:
        try:
            nltk.data.find(NLTK_PACKAGES.get(pkg, pkg))
        except LookupError:
            missing.append(pkg)
    return sorted(missing)


def missing_message(missing: Iterable[str]) -> str:
    """Return the one clear message that names missing NLTK packages and how to install them."""
    missing = sorted(missing)
    return (
        f"NLTK data missing: {', '.join(missing)}. Install with `{install_command(missing)}` "
        "(needs internet), or point the NLTK_DATA environment variable at a folder that holds them."
    )


def ensure_nltk_data(*, packages: Iterable[str] | None = None, download: bool = True, quiet: bool = True) -> None:
    """Make sure the required NLTK packages are present: found, else downloaded, else raise MissingNLTKData."""
    missing = missing_packages(packages)
    if missing and download:
        for pkg in missing:
            _quiet_download(pkg, quiet=quiet)
        missing = missing_packages(missing)
    if missing:
        raise MissingNLTKData(missing_message(missing))


def _quiet_download(package: str, *, quiet: bool = True) -> None:
    """Try `nltk.download(package)`; its `[nltk_data] Error loading ...` lines are swallowed (the one message that
    follows names what is still missing and how to install it)."""
    import contextlib
    import io

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            try:
                nltk.download(package, quiet=quiet, raise_on_error=False, print_error_to=sink)
            except TypeError:  # an NLTK without print_error_to: stderr is redirected above
                nltk.download(package, quiet=quiet, raise_on_error=False)
        except Exception:  # noqa: BLE001 - offline, DNS failure, proxy refusal: explained by the caller
            pass


def load_or_explain(loader, package: str):
    """Call `loader()`; turn NLTK's LookupError into MissingNLTKData naming `package`."""
    try:
        return loader()
    except LookupError:
        raise MissingNLTKData(missing_message([package])) from None


@functools.cache
def stopword_set() -> frozenset[str]:
    """Return NLTK's English stopwords, loaded once per process."""
    from nltk.corpus import stopwords

    return frozenset(load_or_explain(lambda: stopwords.words("english"), "stopwords"))


@functools.cache
def english_words() -> frozenset[str]:
    """Return NLTK's lower-cased English word list, loaded once per process."""
    from nltk.corpus import words

    return frozenset(w.lower() for w in load_or_explain(words.words, "words"))


@functools.cache
def first_names() -> frozenset[str]:
    """Return NLTK's male and female first names, loaded once per process."""
    from nltk.corpus import names

    return frozenset(load_or_explain(lambda: names.words("male.txt") + names.words("female.txt"), "names"))


def main(argv: list[str] | None = None) -> int:
    """Command line: check (and by default fetch) the NLTK data; exit 1 with the message when impossible."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.resources", description=__doc__)
    parser.add_argument("--no-download", action="store_true", help="only check, never download")
    args = parser.parse_args(argv)
    try:
        ensure_nltk_data(download=not args.no_download)
    except MissingNLTKData as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"NLTK data ready: {', '.join(NLTK_PACKAGES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
