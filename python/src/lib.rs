//! The `juris._juris` extension module: the corpus, one decision, and a batch run over Arrow
//! record batches, all through the library's front door and juris-batch.

use std::path::Path;

use include_dir::{Dir, include_dir};
use juris::Source;
use juris_batch::arrow::pyarrow::{FromPyArrow, ToPyArrow};
use juris_batch::arrow_array::ffi_stream::ArrowArrayStreamReader;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

/// The corpus shipped in the repository, embedded at build time.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../corpus");

create_exception!(
    _juris,
    JurisError,
    PyException,
    "A corpus, request, map or input juris cannot use; the message names the field or the file, line and column."
);

fn error(message: impl std::fmt::Display) -> PyErr {
    JurisError::new_err(message.to_string())
}

#[pyclass(frozen, module = "juris._juris")]
struct Corpus {
    corpus: juris::Corpus,
}

fn embedded(dir: &Dir<'_>, out: &mut Vec<Source>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if (path.ends_with(".md") || path.ends_with(".toml"))
            && let Some(text) = file.contents_utf8()
        {
            out.push(Source::new(path, text.to_owned()));
        }
    }
    for sub in dir.dirs() {
        embedded(sub, out);
    }
}

fn read_dir(root: &Path, dir: &Path, out: &mut Vec<Source>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

fn build(mut sources: Vec<Source>, what: &str) -> PyResult<Corpus> {
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let loaded = juris::load(&sources);
    match loaded.corpus {
        Some(corpus) => Ok(Corpus { corpus }),
        None => {
            let problems: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short(&sources)).collect();
            Err(error(format!("{what} has errors:\n{}", problems.join("\n"))))
        }
    }
}

#[pymethods]
impl Corpus {
    #[staticmethod]
    fn shipped() -> PyResult<Corpus> {
        let mut sources = Vec::new();
        embedded(&EMBEDDED, &mut sources);
        build(sources, "the shipped corpus")
    }

    #[staticmethod]
    fn load(path: &str) -> PyResult<Corpus> {
        let root = Path::new(path);
        if !root.is_dir() {
            return Err(error(format!("`{path}` is not a folder (expected a corpus folder holding vocabulary.toml)")));
        }
        let mut sources = Vec::new();
        read_dir(root, root, &mut sources).map_err(|e| error(format!("reading `{path}`: {e}")))?;
        build(sources, &format!("the corpus at `{path}`"))
    }

    #[getter]
    fn hash(&self) -> String {
        self.corpus.hash().to_owned()
    }

    /// Runs one request of the JSON entry point (`juris_api::handle`, operation `decide`) given as
    /// JSON text, with its messages in `lang` (`en` or `es`); returns the answer as JSON text: the
    /// v1 decision, or `{"error": {...}}` with the v1 request error (field, kind, message, hint,
    /// allowed values), which the Python layer raises as `JurisError`.
    #[pyo3(signature = (request, lang = "en"))]
    fn decide(&self, py: Python<'_>, request: &str, lang: &str) -> PyResult<String> {
        let lang: juris_api::Lang = lang.parse().map_err(|_| error(format!("`lang`: unknown language `{lang}` (allowed: en, es)")))?;
        let options = juris_api::handle::Options { lang, situations: None };
        Ok(py.detach(|| juris_api::handle::handle(&self.corpus, "decide", request, &options)))
    }

    /// Runs a map over an Arrow stream; returns (record batches, schema, summary JSON).
    fn batch<'py>(&self, py: Python<'py>, reader: &Bound<'py, PyAny>, map: &str) -> PyResult<(Vec<Py<PyAny>>, Py<PyAny>, String)> {
        let stream = ArrowArrayStreamReader::from_pyarrow_bound(reader)?;
        let corpus = &self.corpus;
        let result = py.detach(|| -> Result<_, String> {
            let map = juris_batch::Map::load(Path::new(map), corpus).map_err(|e| e.to_string())?;
            let batches =
                stream.map(|b| b.map_err(|e| juris_batch::BatchError::Input { path: "(arrow stream)".into(), message: e.to_string() }));
            let (out, summary) = juris_batch::run_batches(corpus, &map, batches).map_err(|e| e.to_string())?;
            Ok((out, summary))
        });
        let (out, summary) = result.map_err(error)?;
        let schema = juris_batch::output_schema();
        let batches = out.iter().map(|b| b.to_pyarrow(py).map(Bound::unbind)).collect::<PyResult<Vec<_>>>()?;
        let summary = serde_json::to_string(&summary).map_err(error)?;
        Ok((batches, schema.to_pyarrow(py)?.unbind(), summary))
    }
}

#[pymodule]
fn _juris(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Corpus>()?;
    m.add("JurisError", m.py().get_type::<JurisError>())?;
    Ok(())
}
