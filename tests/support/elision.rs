//! The elision matcher of the docs checkers: a documented output matches a real one when they
//! are equal line by line, where a line `...` stands for any number of lines and `...` inside a
//! line for any text. Included with `#[path]` by the test that runs every `$ juris ...` example
//! (crates/juris-cli/tests/docs.rs) and by the one that sends every `$ curl ...` example to the
//! service (crates/juris-server/tests/api_docs.rs), so that both read the docs alike: the
//! examples themselves are read here too ([`examples`]).

/// One `$ command` of a `console` block and the lines documented after it.
pub struct Example {
    pub file: String,
    /// 1-based line of the command.
    pub line: usize,
    pub command: String,
    pub expected: Vec<String>,
}

/// The examples of a Markdown text whose command `wanted` accepts, in order: every `$ ` line of a
/// ```` ```console ```` block starts one, and the lines up to the next command or the end of the
/// block (trailing blank lines dropped) are its documented output.
pub fn examples(text: &str, file: &str, wanted: impl Fn(&str) -> bool) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            out.extend(current.take());
            in_console = !in_console && line.trim_start_matches('`').trim() == "console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.extend(current.take());
            if wanted(command) {
                current = Some(Example { file: file.to_owned(), line: i + 1, command: command.to_owned(), expected: Vec::new() });
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
pub fn matches<E: AsRef<str>, A: AsRef<str>>(expected: &[E], actual: &[A]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.as_ref().trim() == "..." => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => match actual.split_first() {
            Some((line, others)) => line_matches(first.as_ref(), line.as_ref()) && matches(rest, others),
            None => false,
        },
    }
}

/// One line: `...` inside a line stands for any text.
pub fn line_matches(expected: &str, actual: &str) -> bool {
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
