//! Every `$ juris ...` example in README.md and docs/*.md is run, and its output compared with
//! the lines written under it, so the docs cannot drift from what juris does.
//!
//! An example is a line of a ```` ```console ```` block starting with `$ `, whose command uses
//! `juris`; the lines after it, up to the next `$ ` line or the end of the block, are its output
//! (standard output and standard error together). A line `...` stands for any number of lines,
//! and `...` inside a line for any text. Commands run
//! through `sh` in the repository root, with the built `juris` first on `PATH` and `NO_COLOR`
//! set; a command that writes a file (`> FILE`) runs in a temporary folder.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

use std::path::{Path, PathBuf};
use std::process::Command;

struct Example {
    file: String,
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn examples(file: &Path, name: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            if in_console {
                out.extend(current.take());
            }
            in_console = !in_console && line.trim_start_matches('`').trim() == "console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.extend(current.take());
            if command.split(['|', ' ', ';', '&']).any(|word| word == "juris") {
                current = Some(Example { file: name.to_owned(), line: i + 1, command: command.to_owned(), expected: Vec::new() });
            }
        } else if let Some(example) = current.as_mut() {
            example.expected.push(line.to_owned());
        }
    }
    out.extend(current);
    for example in &mut out {
        while example.expected.last().is_some_and(|l| l.trim().is_empty()) {
            example.expected.pop();
        }
    }
    out
}

/// Whether `actual` matches `expected`, where `...` lines match any run of lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "..." => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => match actual.split_first() {
            Some((line, others)) => line_matches(first, line) && matches(rest, others),
            None => false,
        },
    }
}

/// One line: `...` inside a line stands for any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (expected.trim_end(), actual.trim_end());
    let pieces: Vec<&str> = expected.split("...").collect();
    let [first, middle @ .., last] = pieces.as_slice() else {
        return expected == actual;
    };
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
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

#[test]
fn the_matcher_allows_elisions_and_nothing_else() {
    let lines = |t: &str| t.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(matches(&lines("a\n...\nd"), &["a", "b", "c", "d"]));
    assert!(matches(&lines("a\n...\nd"), &["a", "d"]));
    assert!(!matches(&lines("a\n...\nd"), &["a", "b", "c"]));
    assert!(!matches(&lines("a\nb"), &["a", "c"]));
    assert!(matches(&lines("{\"a\":1,...}"), &["{\"a\":1,\"b\":2}"]));
    assert!(!matches(&lines("{\"a\":1,...}"), &["{\"a\":2}"]));
    assert!(matches(&lines("x ... y ... z"), &["x 1 y 2 z"]));
    assert!(!matches(&lines("x ... y ... z"), &["x 1 z 2 y"]));
}
