"""A batch map over Arrow data in Python, and inside PySpark (local mode) through mapInArrow."""

import collections
import csv
import os
import pathlib
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import juris

ROOT = pathlib.Path(__file__).resolve().parents[2]
PA = ROOT / "examples/batch/pennsylvania"
TRAVIS = ROOT / "examples/batch/travis"
# The answers' columns that do not depend on where a row sits in its input.
KEY = ["group", "question", "law", "action", "jurisdiction", "as_of", "outcome", "deciding_rule", "missing_facts", "changed"]


@pytest.fixture(scope="module")
def corpus():
    return juris.Corpus.shipped()


def read_text(path, rows=None):
    """A CSV file as a table of text columns (as `juris batch` and Spark's CSV reader see it)."""
    with open(path, newline="") as f:
        names = next(csv.reader(f))
    options = pacsv.ConvertOptions(strings_can_be_null=True, column_types={n: pa.string() for n in names})
    table = pacsv.read_csv(path, convert_options=options)
    return table.slice(0, rows) if rows else table


def keyed(table):
    columns = {name: table.column(name).to_pylist() for name in KEY}
    return collections.Counter(tuple(columns[name][i] for name in KEY) for i in range(table.num_rows))


def test_batch_answers_agree_with_deciding_each_request(corpus):
    table = read_text(PA / "pa_detainers.csv", 400)
    out = corpus.batch(table, PA / "map.toml")
    assert isinstance(out, pa.Table)
    assert out.num_rows == 400 * 5
    assert out.schema.names[:3] == ["group", "first_row", "year"]
    dates = table.column("date").to_pylist()
    forms = table.column("detainer_type").to_pylist()
    form_of = {
        "I247 - Immigration Detainer - Notice of Action (as of March 2013)": "I-247",
        "I247 - Immigration Detainer - Notice of Action (prior to March 2013)": "I-247",
        "I247D - Immigration Detainer - Request for Action": "I-247D",
        "I247N - Immigration Advisal - Request for Notification": "I-247N",
    }
    checked = 0
    for row in out.to_pylist()[::37]:
        i = row["first_row"] - 1
        facts = {"role": "inmate", "warrant": "none"}
        if forms[i] in form_of:
            facts["detainer_form"] = form_of[forms[i]]
        request = {"jurisdiction": row["jurisdiction"], "agency": "corrections", "as_of": dates[i][:10], "action": "hold", "facts": facts}
        assert row["as_of"] == dates[i][:10]
        assert corpus.decide(request)["outcome"] == row["outcome"], row
        checked += 1
    assert checked > 50


def test_a_record_batch_and_a_reader_give_the_same_answers_as_a_table(corpus):
    table = read_text(PA / "pa_detainers.csv", 300)
    expected = keyed(corpus.batch(table, PA / "map.toml"))
    batch = table.combine_chunks().to_batches()[0]
    assert keyed(corpus.batch(batch, PA / "map.toml")) == expected
    assert keyed(corpus.batch(table.to_reader(max_chunksize=64), PA / "map.toml")) == expected


def test_the_summary_counts_every_group(corpus):
    out, summary = corpus.batch_summary(read_text(PA / "pa_detainers.csv", 1000), PA / "map.toml")
    assert summary["groups"] == 1000
    assert summary["requests"] == out.num_rows
    assert 0 < summary["decided"] < summary["requests"]


def test_a_booking_of_many_rows_is_one_group(corpus):
    table = read_text(TRAVIS / "travis_ice_detainer_bookings.csv", 300)
    out, summary = corpus.batch_summary(table, TRAVIS / "map.toml")
    bookings = len(set(table.column("booking_seq").to_pylist()))
    assert summary["rows"] == 300
    assert summary["groups"] == bookings < 300
    assert set(out.column("group").to_pylist()) <= set(table.column("booking_seq").to_pylist())


def test_a_bad_map_is_an_error_naming_its_line(corpus, tmp_path):
    bad = tmp_path / "map.toml"
    bad.write_text(
        "[rows]\ngroup = []\n[request]\njurisdiction = 'us-md'\nagency = 'police'\n[[questions]]\nname = 'q'\n"
        "actions = ['detain']\n[[questions.law]]\nname = 'l'\nas_of = '2020-01-01'\n"
    )
    with pytest.raises(juris.JurisError, match=r"map.toml:8:\d+: .*unknown action `detain`"):
        corpus.batch(read_text(PA / "pa_detainers.csv", 10), bad)


def test_a_column_the_map_needs_is_named_when_absent(corpus):
    table = read_text(PA / "pa_detainers.csv", 10).drop_columns(["date"])
    with pytest.raises(juris.JurisError, match="`date`"):
        corpus.batch(table, PA / "map.toml")


def test_what_is_not_arrow_data_is_a_type_error(corpus):
    with pytest.raises(TypeError):
        corpus.batch([{"date": "2020-01-01"}], PA / "map.toml")


@pytest.fixture(scope="module")
def spark():
    pyspark = pytest.importorskip("pyspark.sql")
    # Spark starts its Python workers with PYSPARK_PYTHON, or `python3` from PATH when it is not
    # set; run from a virtual environment that is not activated, that interpreter has no juris.
    # The workers use this interpreter, the one with juris installed.
    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        pyspark.SparkSession.builder.master("local[1]")
        .appName("juris-batch-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    yield session
    session.stop()
    if previous is None:
        del os.environ["PYSPARK_PYTHON"]
    else:
        os.environ["PYSPARK_PYTHON"] = previous


def test_the_batch_runs_inside_pyspark_through_map_in_arrow(corpus, spark, tmp_path):
    # A few hundred Travis rows: bookings of several rows each, so that a group must stay whole
    # across Spark's partitions and Arrow batches.
    rows = read_text(TRAVIS / "travis_ice_detainer_bookings.csv", 300)
    sample = tmp_path / "travis.csv"
    pacsv.write_csv(rows, sample)
    frame = spark.read.csv(str(sample), header=True)
    frame = frame.repartition(2, "booking_seq").sortWithinPartitions("booking_seq", "charge_seq")
    out = frame.mapInArrow(juris.map_in_arrow(TRAVIS / "map.toml"), juris.SPARK_SCHEMA)
    collected = out.collect()
    assert collected, "Spark returned no answers"
    got = collections.Counter(tuple(row[name] for name in KEY) for row in collected)
    expected = keyed(corpus.batch(rows, TRAVIS / "map.toml"))
    assert sum(got.values()) == sum(expected.values())
    assert got == expected
