//! What the juris-api tests share: the shipped corpus's files, read from `corpus/`.
#![allow(clippy::unwrap_used, reason = "tests stop loudly on a broken setup")]

use std::path::Path;

use juris::Source;

/// Every `.md` and `.toml` file under the repository's `corpus/`, with its path relative to it.
pub fn shipped_sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut sources = Vec::new();
    read(&root, &root, &mut sources);
    sources
}

fn read(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}
