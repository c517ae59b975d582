//! Every `$ juris ...` example in README.md and docs/*.md is run, and its output compared with
//! the lines written under it, so the docs cannot drift from what juris does.
//!
//! An example is a line of a ```` ```console ```` block starting with `$ `, whose command uses
//! `juris`; the lines after it, up to the next `$ ` line or the end of the block, are its output
//! (standard output and standard error together). A line `...` stands for any number of lines,
//! and `...` inside a line for any text (the matcher of tests/support/elision.rs, which the
//! service's `$ curl ...` checker shares). Commands run through `sh` in the repository root, with
//! the built `juris` first on `PATH` and `NO_COLOR` set; a command that writes a file (`> FILE`)
//! runs in a temporary folder.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../../tests/support/elision.rs"]
mod elision;

use elision::{Example, matches};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn examples(file: &Path, name: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(file).unwrap();
    elision::examples(&text, name, |command| command.split(['|', ' ', ';', '&']).any(|word| word == "juris"))
}

fn run(example: &Example, bin: &Path) -> String {
    let root = root();
    let temp = tempfile::tempdir().unwrap();
    let dir = if example.command.contains('>') { temp.path().to_path_buf() } else { root.clone() };
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("{} 2>&1", example.command))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("JURIS_ROOT", &root)
        .env_remove("JURIS_LANG")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_juris_example_in_the_docs_prints_what_it_shows() {
    let root = root();
    let bin = Path::new(env!("CARGO_BIN_EXE_juris")).parent().unwrap().to_path_buf();
    let mut files = vec![(root.join("README.md"), "README.md".to_owned())];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    for doc in docs.into_iter().filter(|d| d.extension().is_some_and(|e| e == "md")) {
        let name = format!("docs/{}", doc.file_name().unwrap().to_string_lossy());
        files.push((doc, name));
    }
    let mut failures = Vec::new();
    let mut count = 0;
    for (path, name) in &files {
        for example in examples(path, name) {
            count += 1;
            let actual = run(&example, &bin);
            let lines: Vec<&str> = actual.lines().collect();
            if !matches(&example.expected, &lines) {
                failures.push(format!(
                    "{}:{}: `$ {}`\n--- the docs show\n{}\n--- juris prints\n{}",
                    example.file,
                    example.line,
                    example.command,
                    example.expected.join("\n"),
                    actual.trim_end()
                ));
            }
        }
    }
    assert!(count >= 10, "only {count} examples found: is the parser still reading the docs?");
    assert!(failures.is_empty(), "{} of {count} examples differ:\n\n{}", failures.len(), failures.join("\n\n"));
}
