//! Regression tests for hostile and careless input to the `juris` binary: closed streams, many
//! suite paths, long and broken request streams, odd corpus folders, and the help a new user reads.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::{FEDERAL, corpus, juris, text};

const MONTGOMERY: &str =
    r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{"warrant":"none"}}"#;

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_juris"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `juris` with the reading end of its standard output (or error) closed as soon as it
/// starts, as when `head -1` has exited: the command loads its corpus before it writes, so every
/// write meets a broken pipe.
fn with_closed(args: &[&str], stdin: &str, close_stdout: bool) -> std::process::Output {
    let mut child = binary()
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if close_stdout {
        drop(child.stdout.take());
    } else {
        drop(child.stderr.take());
    }
    // Standard input may already be closed by a command that does not read it.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Every subcommand, with arguments that make it write to standard output.
const COMMANDS: &[&[&str]] = &[
    &["check"],
    &["decide", "examples/montgomery-jail-hold-2019.json"],
    &["decide", "--format", "json", "examples/requests.jsonl"],
    &["test"],
    &["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10", "--assume-enacted", "us-md-howard/cb-9-2017"],
    &["compare", "--as-of", "2019-08-13"],
    &["compare", "--as-of", "2019-08-13", "--format", "html"],
    &["timeline", "us-md-prince-georges", "--action", "hold", "--situation", "no-warrant-detainer-only"],
    &["bills", "--as-of", "2019-08-13"],
    &["vocabulary"],
];

// `juris diff ... | head -1` exited 101 ("failed printing to stdout: Broken pipe"): a reader that
// stops early must end every command quietly, with success.
#[test]
fn closed_stdout_ends_every_command_quietly() {
    for args in COMMANDS {
        let out = with_closed(args, "", true);
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

// `check` and `decide` exited 101 when standard error was closed (`2>&1 | head -1`), because
// `eprintln!` panics: messages to a closed standard error are dropped, and the exit code stays
// the one the command meant.
#[test]
fn closed_stderr_never_panics() {
    let bad = r#"{"jurisdiction":"us-md-montgomery","agency":"jail","as_of":"2019-08-13","action":"hold"}"#;
    let cases: [(&[&str], &str, i32); 3] =
        [(&["decide"], bad, 2), (&["check", "--corpus", "no-such-folder"], "", 2), (&["test", "no-such-file.scenarios.toml"], "", 2)];
    for (args, stdin, code) in cases {
        // Both a broken pipe (`2>&1 | head -1`) and a closed descriptor (`2>&-`).
        let out = with_closed(args, stdin, false);
        assert_eq!(out.status.code(), Some(code), "{args:?}, stderr a broken pipe");
        let script = format!("printf '%s' '{stdin}' | \"$0\" {} 2>&-", args.join(" "));
        let out = Command::new("sh").arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_juris")).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}, stderr closed");
    }
}

const SUITE_OK: &str = r#"
[[scenario]]
name = "hold-permitted"
jurisdiction = "us"
agency = "corrections"
as_of = "2019-01-01"
action = "hold"
facts = { warrant = "none" }
expect = "permitted"
"#;

// `juris test a.toml b.toml` ran only `a.toml`, and a failing first suite hid the second one's
// scenarios: every path is run and counted.
#[test]
fn test_runs_every_path_given_and_counts_them_all() {
    let dir = corpus(&[("us/detainers.md", FEDERAL)]);
    let good = dir.path().join("good.toml");
    let failing = dir.path().join("failing.scenarios.toml");
    std::fs::write(&good, SUITE_OK).unwrap();
    std::fs::write(&failing, SUITE_OK.replace("hold-permitted", "hold-wrong").replace("\"permitted\"", "\"prohibited\"")).unwrap();
    let folder = dir.path().join("more");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.scenarios.toml"), SUITE_OK.replace("hold-permitted", "in-a-folder")).unwrap();
    let out = juris(&["test", failing.to_str().unwrap(), good.to_str().unwrap(), folder.to_str().unwrap()], Some(dir.path()), "");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("FAIL  hold-wrong"), "{stdout}");
    assert!(stdout.ends_with("2 passed, 1 failed\n"), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
}

// `juris test` on an empty folder, or on a file that is not a suite, printed "0 passed, 0 failed"
// and exited 0: a false green. Finding no scenario is bad input (exit 2), naming the path.
#[test]
fn test_that_finds_no_scenario_is_an_error() {
    let dir = corpus(&[("us/detainers.md", FEDERAL)]);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let vocabulary = dir.path().join("vocabulary.toml");
    let good = dir.path().join("good.scenarios.toml");
    std::fs::write(&good, SUITE_OK).unwrap();
    for path in [&empty, &vocabulary] {
        let out = juris(&["test", path.to_str().unwrap()], Some(dir.path()), "");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert!(err.contains(&format!("`{}` holds no scenario", path.display())), "{err}");
        assert!(!text(&out.stdout).contains("0 passed"), "{}", text(&out.stdout));
    }
    // The good suite beside an empty folder still runs, and the run still fails.
    let out = juris(&["test", good.to_str().unwrap(), empty.to_str().unwrap()], Some(dir.path()), "");
    assert!(text(&out.stdout).ends_with("1 passed, 0 failed\n"), "{}", text(&out.stdout));
    assert_eq!(out.status.code(), Some(2));
}

// `decide` read all its input before deciding anything. Each decision is written as soon as its
// line is read: line 2 is sent only after line 1's decision came back.
#[test]
fn decide_answers_each_line_before_the_next_arrives() {
    for format in ["json", "outcome", "text"] {
        let mut child = binary()
            .args(["decide", "--format", format])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // Standard input stays open while line 1's decision is read: a `decide` that held
        // decisions back until the end of its input would never answer here.
        writeln!(stdin, "{MONTGOMERY}").unwrap();
        stdin.flush().unwrap();
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        assert!(first.contains("prohibited") || first.contains("PROHIBITED") || first.contains("Montgomery"), "{format}: {first}");
        writeln!(stdin, "{}", MONTGOMERY.replace("none", "judicial")).unwrap();
        drop(stdin);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
        assert!(rest.contains("permitted") || rest.contains("PERMITTED"), "{format}: {rest}");
        assert!(child.wait().unwrap().success());
    }
}

// A truncated object on line 2 of 3 stopped `decide`: line 3 was never decided and `--format json`
// wrote no error line. Now every line gets a decision or an error, numbered by line, and the exit
// code is 2.
#[test]
fn decide_truncated_line_does_not_stop_the_rest() {
    let input = format!("{MONTGOMERY}\n{{\"jurisdiction\": \"us-md\n{}\n", MONTGOMERY.replace("none", "judicial"));
    let out = juris(&["decide", "--format", "json"], None, &input);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{}", text(&out.stdout));
    assert_eq!(lines[0]["outcome"], "prohibited");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[2]["outcome"], "permitted");
    assert!(
        text(&out.stderr).contains("error: line 2: `request`: the JSON object starting on this line is not complete"),
        "{}",
        text(&out.stderr)
    );
}

// Two objects on one line made request numbers drift from line numbers: they are an error for
// that line, and the next line keeps its own number.
#[test]
fn decide_two_objects_on_one_line_is_an_error_for_that_line() {
    let input = format!("{MONTGOMERY} {MONTGOMERY}\n\n{MONTGOMERY}\n");
    let out = juris(&["decide", "--format", "outcome"], None, &input);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0], "1\terror\trequest");
    assert!(lines[1].starts_with("3\tprohibited\t"), "{stdout}");
    assert!(text(&out.stderr).contains("line 1: `request`: more than one JSON value on this line"), "{}", text(&out.stderr));
}

// Streaming must not break a single pretty-printed request spanning many lines (the README's
// example file).
#[test]
fn decide_still_reads_a_pretty_printed_object() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/montgomery-jail-hold-2019.json");
    let out = juris(&["decide", "--format", "outcome", path], None, "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("1\tprohibited\t"), "{}", text(&out.stdout));
    // A pretty-printed request cut short before the next one starts is an error for its first line.
    let pretty = std::fs::read_to_string(path).unwrap();
    let cut = &pretty[..pretty.len() / 2];
    let out = juris(&["decide", "--format", "outcome"], None, &format!("{cut}\n{MONTGOMERY}\n"));
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("1\terror\trequest\n"), "{stdout}");
    let next = stdout.lines().nth(1).unwrap();
    assert!(next.starts_with(&format!("{}\tprohibited\t", cut.lines().count() + 1)), "{stdout}");
}

// The compact batch format lists the line, the outcome (with what an `uncertain` lies between)
// and the deciding rules.
#[test]
fn decide_outcome_format_is_one_line_per_request() {
    let admin = MONTGOMERY.replace("\"none\"", "\"administrative\"").replace("2019-08-13", "2017-06-01");
    let out = juris(&["decide", "--format", "outcome"], None, &format!("{MONTGOMERY}\n{admin}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines[0][..2], ["1", "prohibited"]);
    assert!(lines[0][2].split(' ').any(|r| r == "us-md-montgomery/docr-detainer-memo-2014#no-holds"), "{stdout}");
    assert_eq!(lines[1][..2], ["2", "uncertain:permitted|prohibited"]);
}

// A line longer than the limit is one error for that line, read past without being held in memory.
#[test]
fn decide_overlong_line_is_an_error_for_that_line() {
    let long = format!("{{\"jurisdiction\": \"{}\"}}", "x".repeat(juris_cli::command::decide::MAX_REQUEST_BYTES + 10));
    let out = juris(&["decide", "--format", "outcome"], None, &format!("{long}\n{MONTGOMERY}\n"));
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("1\terror\trequest\n2\tprohibited\t"), "{}", &stdout[..stdout.len().min(200)]);
    assert!(text(&out.stderr).len() < 1000, "the message must not echo the line");
}

// `ln -s . loop` inside a corpus was followed about 40 levels deep and reported as 11,760
// "declared twice" errors: each folder is read once, and the loop is one warning.
#[cfg(unix)]
#[test]
fn symlink_loop_in_the_corpus_is_reported_once() {
    let dir = corpus(&[("us/detainers.md", FEDERAL)]);
    std::os::unix::fs::symlink(".", dir.path().join("us/loop")).unwrap();
    let out = juris(&["check", "--short"], Some(dir.path()), "");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.matches("W0701").count(), 1, "{err}");
    assert!(!err.contains("twice") && !err.contains("E0203"), "{err}");
}

// A non-UTF-8 file stopped the check: it is one located error among all the others.
#[test]
fn non_utf8_file_is_one_error_among_the_others() {
    let dir = corpus(&[
        ("us/detainers.md", FEDERAL),
        ("us/broken.md", &FEDERAL.replace("us/detainers", "us/other").replace("action hold", "action hodl")),
    ]);
    let mut bytes = b"+++\nid = \"us/latin1\"\n# caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\n+++\n");
    std::fs::write(dir.path().join("us/latin1.md"), bytes).unwrap();
    let out = juris(&["check", "--short"], Some(dir.path()), "");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("us/latin1.md:3:6: error[E0701]: the file is not UTF-8 text"), "{err}");
    // The other files were still checked.
    assert!(err.lines().any(|l| l.starts_with("us/broken.md:")), "{err}");
    // And a command that needs the corpus refuses it, naming the file.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/montgomery-jail-hold-2019.json");
    let out = juris(&["decide", example], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not UTF-8"), "{}", text(&out.stderr));
}

// People learned the vocabulary by typing wrong values: `juris vocabulary` lists it, in text and JSON.
#[test]
fn vocabulary_lists_every_name_a_request_may_use() {
    let out = juris(&["vocabulary", "--format", "json"], None, "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let montgomery = v["jurisdictions"].as_array().unwrap().iter().find(|j| j["id"] == "us-md-montgomery").unwrap();
    assert_eq!(montgomery["name"], "Montgomery County, Maryland");
    assert_eq!(montgomery["parent"], "us-md");
    assert!(v["agencies"].as_array().unwrap().iter().any(|a| a["name"] == "corrections"));
    let hold = v["actions"].as_array().unwrap().iter().find(|a| a["name"] == "hold").unwrap();
    assert!(hold["description"].as_str().unwrap().contains("detainer"));
    let facts = v["facts"].as_array().unwrap();
    let warrant = facts.iter().find(|f| f["name"] == "warrant").unwrap();
    assert_eq!(warrant["type"], "enum");
    assert_eq!(warrant["values"], serde_json::json!(["none", "administrative", "judicial"]));
    let charges = facts.iter().find(|f| f["name"] == "charges").unwrap();
    assert_eq!(charges["element"]["type"], "record");
    assert!(charges["element"]["fields"]["offense"]["values"].as_array().unwrap().contains(&"rape".into()));
    assert_eq!(facts.iter().find(|f| f["name"] == "held_to_answer").unwrap()["type"], "bool");
    let situation = v["situations"].as_array().unwrap().iter().find(|s| s["id"] == "misdemeanor-admin-warrant").unwrap();
    assert_eq!(situation["facts"]["warrant"], "administrative");
    // One part, in text.
    let out = juris(&["vocabulary", "facts"], None, "");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("facts\n"), "{stdout}");
    assert!(stdout.contains("warrant") && stdout.contains("one of: none, administrative, judicial"), "{stdout}");
    assert!(!stdout.contains("jurisdictions"), "{stdout}");
}

// Help texts were copied between subcommands (`bills` claimed "one per line"); `decide --help`
// did not say what a request looks like; `diff` did not say what it exits with.
#[test]
fn help_says_what_each_command_does() {
    let help = |command: &str| text(&juris(&[command, "--help"], None, "").stdout);
    let decide = help("decide");
    assert!(decide.contains("\"jurisdiction\": \"us-md-montgomery\"") && decide.contains("docs/vocabulary.md"), "{decide}");
    assert!(decide.contains("juris vocabulary"), "{decide}");
    let bills = help("bills");
    assert!(!bills.contains("one per line"), "{bills}");
    let diff = help("diff");
    assert!(diff.contains("Exit codes: 0 when the comparison ran, whether or not differences were found"), "{diff}");
    let top = text(&juris(&["--help"], None, "").stdout);
    assert!(top.contains("vocabulary") && top.contains("JSON: one array"), "{top}");
}

// `timeline --from` after `--until` silently gave an empty history: it is an error naming both.
#[test]
fn timeline_from_after_until_is_an_error() {
    let out = juris(
        &[
            "timeline",
            "us-md-prince-georges",
            "--action",
            "hold",
            "--situation",
            "no-warrant-detainer-only",
            "--from",
            "2020-01-01",
            "--until",
            "2019-01-01",
        ],
        None,
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("`--from` 2020-01-01 is after `--until` 2019-01-01"), "{err}");
}

// The HTML comparison cut off its last column even at 1800 px, showed no outcome at 390 px, and
// headed each situation with its id. Each situation is now headed by its description; every cell
// is also in a card per jurisdiction (shown on narrow screens); and the cells that differ from
// their action's usual answer are marked with a sign, not only a colour.
#[test]
fn compare_page_is_headed_by_descriptions_and_marks_differences() {
    let args = ["compare", "--as-of", "2019-08-13", "--situation", "misdemeanor-admin-warrant", "--format", "html"];
    let out = juris(
        &[
            &args[..],
            &["--jurisdiction", "us-md-montgomery", "--jurisdiction", "us-md-frederick", "--action", "hold", "--action", "civil_arrest"],
        ]
        .concat(),
        None,
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.contains("<h2>booked on a misdemeanor (DUI), no convictions;"), "{page}");
    assert!(!page.contains("<h2><code>"), "{page}");
    // Montgomery prohibits the hold, Frederick's answer is uncertain: the hold column differs,
    // both answer `prohibited` to a civil arrest, which is not marked.
    assert!(page.contains("aria-label=\"the jurisdictions differ\">≠ </span>hold</th>"), "{page}");
    assert!(page.contains("civil arrest</th>") && !page.contains("≠ </span>civil arrest</th>"), "{page}");
    assert_eq!(
        page.matches("<td class=\"prohibited differs\"").count() + page.matches("<td class=\"uncertain differs\"").count(),
        1,
        "{page}"
    );
    // The narrow-screen cards hold the same answers, written out.
    assert!(page.contains("<div class=\"card\">\n<h3>Montgomery County, Maryland"), "{page}");
    assert!(page.contains("<span>uncertain (permitted or prohibited)</span>"), "{page}");
    assert!(page.contains("@media (max-width: 44rem)") && page.contains("position: sticky"), "{page}");
}

// The docs/scenarios.md example failed as written (its rule no longer existed): the suite shown
// there is run as it stands.
#[test]
fn docs_scenarios_example_passes_as_written() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/scenarios.md")).unwrap();
    let start = page.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let suite = &page[start..start + page[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.scenarios.toml");
    std::fs::write(&path, suite).unwrap();
    let out = juris(&["test", path.to_str().unwrap()], None, "");
    assert_eq!(text(&out.stdout), "1 passed, 0 failed\n", "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
}

// docs/vocabulary.md pointed to a file outside the repository.
#[test]
fn docs_point_only_inside_the_repository() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for page in ["docs/vocabulary.md", "docs/scenarios.md", "docs/errors.md", "README.md"] {
        let text = std::fs::read_to_string(format!("{root}/{page}")).unwrap();
        assert!(!text.contains("../shared") && !text.contains("/work/"), "{page} points outside the repository");
    }
}
