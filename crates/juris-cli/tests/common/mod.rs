//! Shared by the end-to-end tests: running the `juris` binary and writing small corpora.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, reason = "each test crate uses some helpers; tests stop loudly")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The shipped vocabulary, so fixtures speak the contract's names.
pub const VOCABULARY: &str = include_str!("../../../../corpus/vocabulary.toml");

/// Runs `juris` with `args`, on `corpus` (the shipped one when `None`), with `stdin` as input.
pub fn juris(args: &[&str], corpus: Option<&Path>, stdin: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_juris"));
    command.args(args).env("NO_COLOR", "1").env_remove("JURIS_LANG");
    if let Some(c) = corpus {
        command.arg("--corpus").arg(c);
    }
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run juris");
    // juris may finish (an argument error) before reading its input: a closed pipe is fine then.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing juris's input: {e}");
    }
    child.wait_with_output().expect("output")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The output of a command that succeeded, as JSON.
pub fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

/// A corpus in a temporary folder: the shipped vocabulary and the given files.
pub fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("vocabulary.toml"), VOCABULARY).unwrap();
    for (path, text) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    dir
}

/// A federal regulation with one rule: holds on a detainer are permitted, with the 48-hour duty.
pub const FEDERAL: &str = r#"+++
id = "us/detainers"
jurisdiction = "us"
kind = "regulation"
title = "Detainers"
citation = "8 CFR 287.7"
sources = ["https://example.org/8-cfr-287-7"]
binds = "all"
confidence = "sourced"

[[lifecycle]]
event = "effective"
date = "1997-04-01"
+++

# (a) Detainers in general

> A detainer is a request that such agency advise the Department, prior to release of the alien.

```juris
rule request {
  action hold
  outcome permitted
  obligation "release within 48 hours, excluding Saturdays, Sundays and holidays"
}
```
"#;
