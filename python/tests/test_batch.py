"""A batch map over Arrow data in Python, and inside PySpark through mapInArrow."""

import json
import pathlib

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import juris

ROOT = pathlib.Path(__file__).resolve().parents[2]
PA = ROOT / "examples/batch/pennsylvania"


@pytest.fixture(scope="module")
def corpus():
    return juris.Corpus.shipped()


def read_pa(rows=None):
    table = pacsv.read_csv(PA / "pa_detainers.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
    return table.slice(0, rows) if rows else table


def test_batch_answers_agree_with_deciding_each_request(corpus):
    table = read_pa(400)
    out = corpus.batch(table, PA / "map.toml")
    assert out.num_rows == 400 * 5
    assert out.schema.names[:3] == ["group", "first_row", "year"]
    rows = out.to_pylist()
    dates = table.column("date").to_pylist()
    forms = table.column("detainer_type").to_pylist()
    form_of = {
        "I247 - Immigration Detainer - Notice of Action (as of March 2013)": "I-247",
        "I247 - Immigration Detainer - Notice of Action (prior to March 2013)": "I-247",
        "I247D - Immigration Detainer - Request for Action": "I-247D",
        "I247N - Immigration Advisal - Request for Notification": "I-247N",
    }
    for row in rows[::37]:
        i = row["first_row"] - 1
        facts = {"role": "inmate", "warrant": "none"}
        if forms[i] in form_of:
            facts["detainer_form"] = form_of[forms[i]]
        request = {"jurisdiction": row["jurisdiction"], "agency": "corrections", "as_of": str(dates[i])[:10], "action": "hold", "facts": facts}
        assert corpus.decide(request)["outcome"] == row["outcome"], row


def test_the_summary_counts_every_group(corpus):
    out, summary = corpus.batch_summary(read_pa(1000), PA / "map.toml")
    assert summary["groups"] == 1000
    assert summary["requests"] == out.num_rows
    assert summary["decided"] <= summary["requests"]


def test_a_bad_map_is_an_error_naming_its_line(corpus, tmp_path):
    bad = tmp_path / "map.toml"
    bad.write_text("[rows]\ngroup = []\n[request]\njurisdiction = 'us-md'\nagency = 'police'\n[[questions]]\nname = 'q'\nactions = ['detain']\n[[questions.law]]\nname = 'l'\nas_of = '2020-01-01'\n")
    with pytest.raises(juris.JurisError, match=r"map.toml:8:\d+: `action`: unknown action `detain`"):
        corpus.batch(read_pa(10), bad)


def test_the_batch_runs_inside_pyspark_through_map_in_arrow(corpus):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("juris-batch-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "5000")
        .getOrCreate()
    )
    try:
        frame = spark.read.csv(str(PA / "pa_detainers.csv"), header=True)
        map_path = str(PA / "map.toml")

        def answer(batches):
            import pyarrow as pa

            import juris as j

            c = j.Corpus.shipped()
            for batch in batches:
                yield from c.batch(pa.Table.from_batches([batch]), map_path).to_batches()

        out = frame.mapInArrow(answer, juris.output_schema_ddl())
        counts = {(r["law"], r["outcome"]): r["count"] for r in out.groupBy("law", "outcome").count().collect()}
        local = corpus.batch(read_pa(), PA / "map.toml")
        expected = {}
        for law, outcome in zip(local.column("law").to_pylist(), local.column("outcome").to_pylist()):
            expected[(law, outcome)] = expected.get((law, outcome), 0) + 1
        assert counts == expected
        assert sum(counts.values()) == 32757 * 5
    finally:
        spark.stop()
