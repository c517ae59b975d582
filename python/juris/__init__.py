"""juris: rules as code for local cooperation with federal immigration enforcement.

``Corpus.shipped()`` is the law shipped with juris; ``Corpus.load(path)`` reads a corpus folder.
``corpus.decide(request)`` answers one request (a dict in the shape of docs/vocabulary.md) with a
decision dict in the same shape as ``juris decide --format json`` (the ``juris-api`` v1 shapes);
``corpus.batch(table, map)`` runs a ``juris batch`` map over a ``pyarrow.Table`` (or anything with
``__arrow_c_stream__``) and returns the answers as a ``pyarrow.Table``, through Arrow's C data
interface (no row is copied one by one) and without holding the GIL while deciding.
``map_in_arrow(map)`` makes the function Spark's ``DataFrame.mapInArrow`` runs on each partition.
"""

import json as _json

import pyarrow as _pa

from ._juris import Corpus as _Corpus
from ._juris import JurisError as _BaseError

__all__ = ["Corpus", "JurisError", "RequestError", "SPARK_SCHEMA", "map_in_arrow", "output_schema_ddl"]

#: A corpus, map or input juris cannot use; the message names the field, or the file, line and column.
JurisError = _BaseError


class RequestError(JurisError):
    """A request juris cannot decide, with the ``juris-api`` v1 request error's fields.

    ``field`` is the field's path (``facts.charges[0].offense``, or ``request`` for the whole),
    ``kind`` one of ``syntax``, ``shape``, ``unknown-name``, ``missing``, ``invalid-value``,
    ``unknown-operation``; ``message`` says what is wrong, ``hint`` suggests a fix (or is None),
    ``allowed`` lists the values allowed there (empty when they are not a closed list); ``error``
    is the whole error as a dict.
    """

    def __init__(self, error):
        self.error = dict(error)
        self.field = error.get("field")
        self.kind = error.get("kind")
        self.message = error.get("message", "")
        self.hint = error.get("hint")
        self.allowed = list(error.get("allowed", []))
        text = "`{}`: {}".format(self.field, self.message)
        if self.hint:
            text += "; " + self.hint
        if self.allowed:
            text += " (allowed: {})".format(", ".join(self.allowed))
        super().__init__(text)


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


def _reader(table):
    if isinstance(table, _pa.Table):
        return table.to_reader()
    if isinstance(table, _pa.RecordBatch):
        return _pa.RecordBatchReader.from_batches(table.schema, [table])
    if isinstance(table, _pa.RecordBatchReader) or hasattr(table, "__arrow_c_stream__"):
        return table
    raise TypeError(
        "expected a pyarrow.Table, RecordBatch or RecordBatchReader (or an object with __arrow_c_stream__), "
        "got {}".format(type(table).__name__)
    )


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

    def decide(self, request, lang="en"):
        """Decides one request (a dict); returns the v1 decision as a dict.

        Raises ``RequestError`` (with ``field``, ``kind``, ``message``, ``hint``, ``allowed``) when
        the request is invalid; messages are in ``lang`` (``en`` or ``es``).
        """
        if not isinstance(request, dict):
            raise TypeError("a request is a dict, got {}".format(type(request).__name__))
        answer = _json.loads(self._inner.decide(_json.dumps(request), lang))
        if isinstance(answer, dict) and set(answer) == {"error"}:
            raise RequestError(answer["error"])
        return answer

    def batch(self, table, map):
        """Runs a batch map (the path of a map file) over Arrow data; returns a ``pyarrow.Table``.

        The rows of one group (``[rows] group`` in the map) must be adjacent in the input.
        """
        return self.batch_summary(table, map)[0]

    def batch_summary(self, table, map):
        """Like ``batch``, and also returns the run's summary as a dict."""
        batches, schema, summary = self._inner.batch(_reader(table), str(map))
        return _pa.Table.from_batches(batches, schema=schema), _json.loads(summary)


_CORPORA = {}


def map_in_arrow(map, corpus=None):
    """The function for ``DataFrame.mapInArrow(f, juris.SPARK_SCHEMA)`` that runs ``map`` on each
    partition: it reads the partition's record batches and yields the answers' record batches.

    ``map`` is the path of the map file on the executors (ship it with ``--files`` or
    ``--archives``); ``corpus`` is the path of a corpus folder there, or None for the shipped one.
    Each executor process loads the corpus once. The rows of one group must be in one partition
    and adjacent: ``df.repartition(*group).sortWithinPartitions(*group)`` before ``mapInArrow``.
    """
    map = str(map)
    corpus = None if corpus is None else str(corpus)

    def answer(batches):
        key = corpus or ""
        if key not in _CORPORA:
            _CORPORA[key] = Corpus.shipped() if corpus is None else Corpus.load(corpus)
        batches = iter(batches)
        first = next(batches, None)
        if first is None:
            return
        def all_batches():
            yield first
            yield from batches

        reader = _pa.RecordBatchReader.from_batches(first.schema, all_batches())
        yield from _CORPORA[key].batch(reader, map).to_batches()

    return answer
