"""The shared decision cases give the same outcomes through Python as through the CLI."""

import json
import pathlib

import pytest

import juris

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = [json.loads(line) for line in (ROOT / "tests/cases/decisions.jsonl").read_text().splitlines() if line]


@pytest.fixture(scope="module")
def corpus():
    return juris.Corpus.shipped()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_shared_case_gets_its_outcome(corpus, case):
    decision = corpus.decide(case["request"])
    assert decision["outcome"] == case["outcome"]
    assert decision["corpus"] == corpus.hash


def test_the_shipped_and_the_loaded_corpus_are_the_same():
    assert juris.Corpus.load(ROOT / "corpus").hash == juris.Corpus.shipped().hash


def test_a_bad_request_names_the_field(corpus):
    with pytest.raises(juris.JurisError, match="unknown action `detain`"):
        corpus.decide({"jurisdiction": "us-md", "agency": "police", "as_of": "2020-01-01", "action": "detain"})
    with pytest.raises(juris.JurisError, match="as_of"):
        corpus.decide({"jurisdiction": "us-md", "agency": "police", "action": "hold"})
