//! The shipped corpus's files as the library reads them, for tests: every `.md` and `.toml`
//! file under the repository's `corpus/`, with its path relative to it. Included with `#[path]`
//! by the test helpers of juris, juris-api and juris-batch, so that all of them read it alike.

use std::path::Path;

use juris::Source;

/// The files of `corpus/` at the repository root, `manifest_dir` being a crate's folder two
/// levels below it (`env!("CARGO_MANIFEST_DIR")`).
pub fn shipped(manifest_dir: &str) -> Vec<Source> {
    let root = Path::new(manifest_dir).join("../../corpus");
    let mut sources = Vec::new();
    read(&root, &root, &mut sources);
    sources
}

fn read(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).expect("the corpus folder is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            read(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).expect("inside the corpus").to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path).expect("a corpus file is UTF-8")));
        }
    }
}
