"""juris: rules as code for local cooperation with federal immigration enforcement.

``Corpus.shipped()`` is the law shipped with juris; ``Corpus.load(path)`` reads a corpus folder.
``corpus.decide(request)`` answers one request (a dict in the shape of docs/vocabulary.md) with a
decision dict in the same shape as ``juris decide --format json``; ``corpus.batch(table, map)`` runs
a ``juris batch`` map over a ``pyarrow.Table`` (or anything with ``__arrow_c_stream__``) and returns
the answers as a ``pyarrow.Table``, without copying rows one by one and without holding the GIL.
"""

import json as _json

import pyarrow as _pa

from ._juris import Corpus as _Corpus
from ._juris import JurisError

__all__ = ["Corpus", "JurisError", "output_schema_ddl"]

#: The columns of a batch run's answers, as a Spark DDL schema (for ``mapInArrow``).
SPARK_SCHEMA = (
    "`group` string, first_row bigint, year smallint, question string, law string, action string, "
    "jurisdiction string, agency string, as_of string, outcome string, possible_outcomes string, "
    "deciding_rule string, missing_facts string, uncertain_because string, compared_to string, "
    "compared_outcome string, changed boolean"
)


def output_schema_ddl():
    """The answers' columns as a Spark DDL schema string."""
    return SPARK_SCHEMA


class Corpus:
    """A loaded, checked corpus."""

    def __init__(self, inner):
        self._inner = inner

    @staticmethod
    def shipped():
        """The corpus shipped with juris (embedded when the package was built)."""
        return Corpus(_Corpus.shipped())

    @staticmethod
    def load(path):
        """Reads a corpus folder (vocabulary.toml and one folder per jurisdiction)."""
        return Corpus(_Corpus.load(str(path)))

    @property
    def hash(self):
        """The sha256 of the corpus, echoed in every decision."""
        return self._inner.hash

    def decide(self, request):
        """Decides one request (a dict); raises ``JurisError`` naming the field when it is invalid."""
        return _json.loads(self._inner.decide(_json.dumps(request)))

    def batch(self, table, map):
        """Runs a batch map (a path to a map file) over Arrow data; returns a ``pyarrow.Table``."""
        if isinstance(table, _pa.Table):
            reader = table.to_reader()
        elif isinstance(table, _pa.RecordBatch):
            reader = _pa.RecordBatchReader.from_batches(table.schema, [table])
        else:
            reader = table
        batches, schema, summary = self._inner.batch(reader, str(map))
        return _pa.Table.from_batches(batches, schema=schema)

    def batch_summary(self, table, map):
        """Like ``batch``, and also returns the run's summary as a dict."""
        if isinstance(table, _pa.Table):
            reader = table.to_reader()
        else:
            reader = table
        batches, schema, summary = self._inner.batch(reader, str(map))
        return _pa.Table.from_batches(batches, schema=schema), _json.loads(summary)
