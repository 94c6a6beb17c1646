"""The NLTK data module: finding packages and the one clear error when they are missing (never touches the network)."""
from __future__ import annotations

import nltk
import pytest

from helpers import resources


def test_required_packages_present():
    assert resources.missing_packages() == []


@pytest.mark.parametrize("download", [True, False])
def test_missing_package_gives_clear_error(monkeypatch, tmp_path, download):
    calls = []
    monkeypatch.setattr(nltk, "download", lambda pkg, **kw: calls.append(pkg) or False)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(resources.MissingNLTKData) as err:
        resources.ensure_nltk_data(packages=["punkt_tab", "stopwords"], download=download)
    message = str(err.value)
    assert "punkt_tab" in message and "stopwords" in message
    assert "python -m nltk.downloader punkt_tab stopwords" in message
    assert calls == (["punkt_tab", "stopwords"] if download else [])


def test_download_error_is_explained(monkeypatch, tmp_path):
    def offline(pkg, **kw):
        raise OSError("network unreachable")

    monkeypatch.setattr(nltk, "download", offline)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(resources.MissingNLTKData, match="vader_lexicon"):
        resources.ensure_nltk_data(packages=["vader_lexicon"])


def test_cli_reports_missing(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert resources.main(["--no-download"]) == 1
    assert "NLTK data missing" in capsys.readouterr().err


def test_loader_turns_lookup_error_into_clear_error():
    def loader():
        raise LookupError("Resource not found")

    with pytest.raises(resources.MissingNLTKData, match="names"):
        resources.load_or_explain(loader, "names")


def test_download_noise_is_not_shown_before_the_one_message(monkeypatch, tmp_path, capsys):
    import sys

    def noisy(pkg, print_error_to=sys.stderr, **kw):  # what NLTK prints when it is offline
        print(f"[nltk_data] Error loading {pkg}: <urlopen error [Errno -3] Temporary failure>", file=print_error_to)
        print(f"[nltk_data] Error loading {pkg}: stdout", file=sys.stdout)
        return False

    monkeypatch.setattr(nltk, "download", noisy)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert resources.main([]) == 1
    out = capsys.readouterr()
    assert "[nltk_data]" not in out.out + out.err
    assert out.err.count("NLTK data missing") == 1 and out.err.startswith("error: NLTK data missing")
