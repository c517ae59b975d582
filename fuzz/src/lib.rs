//! Shared by the fuzz targets: the shipped corpus, loaded once, and request generators. The
//! reference interpreter the differential target checks the engine against is the library's own
//! (`juris::internals::reference`, with the `internals` feature).

pub mod generate;

use std::path::Path;
use std::sync::OnceLock;

use juris::{Corpus, Source};

/// The folder of the shipped corpus.
pub fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus"))
}

fn read(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            read(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push(Source::new(relative, text));
            }
        }
    }
}

/// Every file of the shipped corpus.
pub fn sources() -> &'static [Source] {
    static SOURCES: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut out = Vec::new();
        read(corpus_dir(), corpus_dir(), &mut out);
        out
    })
}

/// The shipped vocabulary, as a source.
pub fn vocabulary() -> &'static Source {
    sources().iter().find(|s| s.path == "vocabulary.toml").expect("the shipped corpus has a vocabulary")
}

/// The shipped corpus, compiled once.
pub fn shipped() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| juris::load(sources()).corpus.expect("the shipped corpus loads"))
}
