//! docs/diagnostics.md lists every diagnostic code exactly once, and no code the engine lacks.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

use juris::Code;

#[test]
fn the_docs_list_each_code_exactly_once() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/diagnostics.md")).unwrap();
    let listed: Vec<&str> =
        docs.lines().filter_map(|l| l.strip_prefix("| ")?.split(" |").next()).filter(|c| *c != "code" && !c.starts_with('-')).collect();
    for code in Code::ALL {
        let n = listed.iter().filter(|c| **c == code.as_str()).count();
        assert_eq!(n, 1, "{code} is listed {n} times in docs/diagnostics.md");
    }
    for c in &listed {
        assert!(Code::ALL.iter().any(|code| code == c), "docs/diagnostics.md lists unknown code {c}");
    }
    assert_eq!(listed.len(), Code::ALL.len());
}
