//! `--lang` and `JURIS_LANG`: messages in English or Spanish, the words of the law untouched,
//! the same answers in both, and an unknown language refused with the allowed ones.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::process::{Command, Stdio};

use common::{json, juris, text};

const MONTGOMERY_HOLD: &str = r#"{"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2024-06-01", "action": "hold",
  "facts": {"warrant": "administrative", "detainer_form": "I-247A"}}"#;

#[test]
fn decide_in_spanish_translates_the_messages_and_quotes_the_law_as_written() {
    let english = juris(&["decide"], None, MONTGOMERY_HOLD);
    let spanish = juris(&["--lang", "es", "decide"], None, MONTGOMERY_HOLD);
    assert_eq!(spanish.status.code(), Some(0), "{}", text(&spanish.stderr));
    let (english, spanish) = (text(&english.stdout), text(&spanish.stdout));
    assert!(english.contains("· as of 2024-06-01\nPROHIBITED\n"), "{english}");
    assert!(spanish.contains("· a fecha de 1 de junio de 2024\nPROHIBIDO\n"), "{spanish}");
    assert!(spanish.contains("\nDecidido por\n"), "{spanish}");
    // Quoted law and citations are the same lines in both.
    let quotes = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('>')).map(str::to_owned).collect::<Vec<_>>();
    assert!(!quotes(&english).is_empty());
    assert_eq!(quotes(&english), quotes(&spanish));
}

#[test]
fn the_language_changes_messages_not_answers_in_json() {
    let english = json(&juris(&["decide", "--format", "json"], None, MONTGOMERY_HOLD));
    let spanish = json(&juris(&["decide", "--format", "json", "--lang", "es"], None, MONTGOMERY_HOLD));
    for field in ["outcome", "deciding", "missing_facts", "possible_outcomes", "corpus"] {
        assert_eq!(english[field], spanish[field], "{field}");
    }
    assert_eq!(english["overridden"].as_array().map(Vec::len), spanish["overridden"].as_array().map(Vec::len));
}

#[test]
fn juris_lang_selects_the_language_and_the_flag_wins() {
    let run = |lang: &str, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_juris"))
            .args(args)
            .env("NO_COLOR", "1")
            .env("JURIS_LANG", lang)
            .stdin(Stdio::null())
            .output()
            .expect("run juris");
        text(&output.stdout)
    };
    let args = ["bills", "--as-of", "2024-06-01", "--jurisdiction", "us-md-howard"];
    assert!(run("es", &args).contains("\n  estado: "), "JURIS_LANG=es");
    assert!(run("es_US.UTF-8", &args).contains("\n  estado: "), "a locale name");
    let mut english = vec!["--lang", "en"];
    english.extend(args);
    assert!(run("es", &english).contains("\n  status: "), "--lang wins over JURIS_LANG");
}

#[test]
fn an_unknown_language_is_refused_naming_the_allowed_ones() {
    // No input: juris stops before reading any, so a write to its standard input could fail.
    let out = juris(&["--lang", "fr", "decide"], None, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("error: `--lang`: unknown language `fr` (allowed: en, es)"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[test]
fn bills_timeline_compare_and_diff_speak_spanish() {
    let bills = text(&juris(&["--lang", "es", "bills", "--as-of", "2024-06-01", "--jurisdiction", "us-md-howard"], None, "").stdout);
    assert!(bills.contains("vetado el 7 de octubre de 2020"), "{bills}");
    let compare = juris(&["--lang", "es", "compare", "--as-of", "2024-06-01", "--jurisdiction", "us-md-montgomery"], None, "");
    let compare = text(&compare.stdout);
    assert!(compare.starts_with("a fecha de 1 de junio de 2024 · corpus "), "{compare}");
    assert!(compare.contains("debe = obligatorio"), "{compare}");
    let diff = juris(
        &[
            "--lang",
            "es",
            "diff",
            "--jurisdiction",
            "us-md",
            "--as-of",
            "2024-06-01",
            "--against-jurisdiction",
            "us-ca",
            "--action",
            "hold",
        ],
        None,
        "",
    );
    let diff = text(&diff.stdout);
    assert!(diff.contains("regiones difieren, en: hold") || diff.contains("1 región difiere"), "{diff}");
    assert!(diff.contains("\n  cuando "), "{diff}");
}

/// A bad request's message and hint are in the reader's language, in text and in JSON; the
/// English is the one juris always wrote.
#[test]
fn request_errors_speak_the_readers_language() {
    let request = r#"{"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-02-29", "action": "hold"}"#;
    let english = juris(&["decide"], None, request);
    let spanish = juris(&["--lang", "es", "decide"], None, request);
    assert!(
        text(&english.stderr).contains(
            "`2019-02-29` does not exist: February 2019 has 28 days; the format YYYY-MM-DD is right; check the month and the day"
        ),
        "{}",
        text(&english.stderr)
    );
    assert!(
        text(&spanish.stderr)
            .contains("`2019-02-29` no existe: febrero de 2019 tiene 28 días; el formato AAAA-MM-DD es correcto; revise el mes y el día"),
        "{}",
        text(&spanish.stderr)
    );
    let out = juris(&["--lang", "es", "decide", "--format", "json"], None, r#"{"jurisdiction": "us-md", "agency": "polce"}"#);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["error"]["message"], "no se conoce la agencia `polce`");
    assert_eq!(line["error"]["hint"], "¿quiso decir `police`?");
    // A problem of the stream itself, before any request is read.
    let broken = juris(&["--lang", "es", "decide"], None, "{\"jurisdiction\": 1}}\n");
    assert!(text(&broken.stderr).contains("más de un valor JSON en esta línea"), "{}", text(&broken.stderr));
    // An analysis command's argument.
    let bills = juris(&["--lang", "es", "bills", "--as-of", "2024-06-01", "--jurisdiction", "us-md-howrd"], None, "");
    assert!(
        text(&bills.stderr).contains("no se conoce la jurisdicción `us-md-howrd`; ¿quiso decir `us-md-howard`?"),
        "{}",
        text(&bills.stderr)
    );
}
