"""The shared decision cases give the same decisions through Python as through the CLI, and a
request juris cannot decide raises an exception carrying the juris-api v1 error's fields."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

import juris

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = [json.loads(line) for line in (ROOT / "tests/cases/decisions.jsonl").read_text().splitlines() if line]


def cli():
    """The `juris` binary: `JURIS_BIN`, else a release or debug build in the repository's target."""
    candidates = [os.environ.get("JURIS_BIN"), ROOT / "target/release/juris", ROOT / "target/debug/juris", shutil.which("juris")]
    for candidate in candidates:
        if candidate and pathlib.Path(candidate).is_file():
            return str(candidate)
    return None


@pytest.fixture(scope="module")
def corpus():
    return juris.Corpus.shipped()


def test_there_are_shared_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_shared_case_gets_its_outcome(corpus, case):
    decision = corpus.decide(case["request"])
    assert decision["outcome"] == case["outcome"]
    assert decision["corpus"] == corpus.hash


def test_every_shared_decision_is_the_one_the_cli_gives(corpus):
    binary = cli()
    if binary is None:
        if os.environ.get("JURIS_BIN"):
            pytest.fail("JURIS_BIN is set but is not a file")
        pytest.skip("no juris binary: build it (cargo build --release -p juris-cli) or set JURIS_BIN")
    lines = "".join(json.dumps(c["request"]) + "\n" for c in CASES)
    run = subprocess.run([binary, "decide", "--format", "json"], input=lines, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    decisions = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(decisions) == len(CASES)
    for case, expected in zip(CASES, decisions):
        assert corpus.decide(case["request"]) == expected, case["name"]


def test_the_shipped_and_the_loaded_corpus_are_the_same():
    assert juris.Corpus.load(ROOT / "corpus").hash == juris.Corpus.shipped().hash


def test_a_folder_that_is_not_a_corpus_is_an_error(tmp_path):
    with pytest.raises(juris.JurisError, match="is not a folder"):
        juris.Corpus.load(tmp_path / "absent")


def test_an_unknown_action_names_the_field_and_the_allowed_values(corpus):
    with pytest.raises(juris.RequestError) as raised:
        corpus.decide({"jurisdiction": "us-md", "agency": "police", "as_of": "2020-01-01", "action": "detain"})
    error = raised.value
    assert isinstance(error, juris.JurisError)
    assert error.field == "action"
    assert error.kind == "unknown-name"
    assert "detain" in error.message
    assert "hold" in error.allowed
    assert str(error).startswith("`action`: ")


def test_a_missing_date_is_a_missing_field(corpus):
    with pytest.raises(juris.RequestError) as raised:
        corpus.decide({"jurisdiction": "us-md", "agency": "police", "action": "hold"})
    assert raised.value.field == "as_of"
    assert raised.value.kind == "missing"


def test_a_bad_fact_value_is_located(corpus):
    request = dict(CASES[0]["request"])
    request["facts"] = dict(request["facts"], warrant="sort of")
    with pytest.raises(juris.RequestError) as raised:
        corpus.decide(request)
    assert raised.value.field == "facts.warrant"
    assert "none" in raised.value.allowed


def test_a_language_is_english_or_spanish(corpus):
    request = {"jurisdiction": "us-md", "agency": "police", "as_of": "2020-01-01", "action": "detain"}
    with pytest.raises(juris.RequestError) as english:
        corpus.decide(request)
    with pytest.raises(juris.RequestError) as spanish:
        corpus.decide(request, lang="es")
    assert spanish.value.field == english.value.field == "action"
    assert corpus.decide(CASES[0]["request"], lang="es")["outcome"] == CASES[0]["outcome"]
    with pytest.raises(juris.JurisError, match="`lang`"):
        corpus.decide(request, lang="fr")


def test_a_request_that_is_not_a_dict_is_a_type_error(corpus):
    with pytest.raises(TypeError):
        corpus.decide("hold")
