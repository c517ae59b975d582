//! Golden tests for the parser, the checker and their diagnostics (insta snapshots).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{doc, effective, sources};
use miette::{GraphicalReportHandler, GraphicalTheme};

/// Every diagnostic for a corpus of the given documents, short form then rendered excerpts.
fn diagnostics(docs: &[(String, String)]) -> String {
    let sources = sources(docs);
    let loaded = juris::check(&sources);
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    for d in &loaded.diagnostics {
        out.push_str(&d.short(&sources));
        out.push('\n');
    }
    out.push('\n');
    for d in &loaded.diagnostics {
        let report = d.to_report(&sources);
        handler.render_report(&mut out, report.as_ref()).expect("render");
        out.push('\n');
    }
    out
}

fn one(body: &str) -> String {
    diagnostics(&[doc("us-md-montgomery/eo", "executive-order", "[\"corrections\", \"police\"]", &effective("2019-07-22"), body)])
}

#[test]
fn syntax_errors_are_all_reported_with_hints() {
    insta::assert_snapshot!(one(
        "rule a {\n  action hold\n  outcom prohibited\n}\nrule b {\n  action hold\n  when warrant =\n}\nrule c {\n  action hold\n  outcome permitted\n  when (warrant = judicial\n}\n"
    ));
}

#[test]
fn unknown_names_suggest_the_closest() {
    insta::assert_snapshot!(one(
        "rule a {\n  action inquire_statu\n  agency sherif\n  when warant = judicial and role = victm\n  outcome prohibted\n}\nrule b {\n  action hold\n  agency sheriff\n  outcome permitted\n  exception to no-such-rule\n}\n"
    ));
}

#[test]
fn type_errors_name_the_fact_and_its_type() {
    insta::assert_snapshot!(one(
        "rule a {\n  action hold\n  when warrant and held_to_answer = judicial and charges\n  outcome prohibited\n}\nrule b {\n  action notify\n  when any charges where (offense is no-class and level within 5 years)\n  outcome permitted\n}\n"
    ));
}

#[test]
fn uncertain_rules_need_a_reason_and_exceptions_no_cycles() {
    insta::assert_snapshot!(one(
        "rule a {\n  action hold\n  outcome uncertain(permitted, prohibited)\n}\nrule b {\n  action hold\n  outcome permitted\n  exception to c\n  reason \"x\"\n}\nrule c {\n  action hold\n  outcome prohibited\n  exception to b\n}\n"
    ));
}

#[test]
fn lifecycle_contradictions_are_errors() {
    let lifecycle = "[[lifecycle]]\nevent = \"passed\"\ndate = \"2017-02-06\"\nvote = \"3-2\"\n[[lifecycle]]\nevent = \"vetoed\"\ndate = \"2017-02-09\"\n[[lifecycle]]\nevent = \"override\"\ndate = \"2017-03-06\"\nvote = \"4-1\"\nsucceeded = false\n[[lifecycle]]\nevent = \"effective\"\ndate = \"2017-03-07\"\n[[lifecycle]]\nevent = \"expird\"\ndate = \"2018-13-01\"\n";
    insta::assert_snapshot!(diagnostics(&[doc(
        "us-md-howard/cb-9-2017",
        "bill",
        "[\"police\"]",
        lifecycle,
        "rule a {\n  action inquire_status\n  outcome prohibited\n}"
    )]));
}

#[test]
fn front_matter_errors_point_into_the_toml() {
    let mut bad =
        doc("us-md-howard/x", "statute", "[\"polce\"]", &effective("2020-01-01"), "rule a {\n  action hold\n  outcome prohibited\n}");
    bad.1 = bad
        .1
        .replace("kind = \"statute\"", "kind = \"statue\"")
        .replace("jurisdiction = \"us-md-howard\"", "jurisdiction = \"us-md-howrd\"");
    let missing = ("us-md/y.md".to_string(), "+++\nid = \"us-md/y\"\n+++\n".to_string());
    let unclosed = ("us-md/z.md".to_string(), "+++\nid = \"us-md/z\"\n".to_string());
    insta::assert_snapshot!(diagnostics(&[bad, missing, unclosed]));
}

#[test]
fn warnings_for_rules_without_words_and_static_conflicts() {
    let text = "+++\nid = \"us-md/w\"\njurisdiction = \"us-md\"\nkind = \"statute\"\ntitle = \"t\"\ncitation = \"c\"\nsources = [\"s\"]\nbinds = \"all\"\nconfidence = \"sourced\"\n[[lifecycle]]\nevent = \"effective\"\ndate = \"2020-01-01\"\n+++\n\n```juris\nrule a {\n  action hold\n  outcome prohibited\n}\nrule b {\n  action hold\n  outcome permitted\n}\n```\n";
    insta::assert_snapshot!(diagnostics(&[("us-md/w.md".into(), text.into())]));
}

#[test]
fn printer_shows_what_the_checker_understood() {
    let body = "class violent {\n  homicide, rape\n  assault at felony\n  maybe weapons \"only some\"\n}\nrule no-holds {\n  action hold, transfer\n  agency corrections\n  outcome prohibited\n}\nrule judge {\n  action hold\n  when warrant = judicial and not (role in {victim, witness}) or any convictions where (offense is violent and date within 15 years)\n  outcome permitted\n  exception to no-holds\n  from 2019-11-01\n  cite \"§ 2\"\n}";
    let docs = [doc("us-md-montgomery/eo", "executive-order", "[\"corrections\", \"police\"]", &effective("2019-07-22"), body)];
    let corpus = common::corpus(&docs);
    let document = corpus.document("us-md-montgomery/eo").expect("document");
    insta::assert_snapshot!(corpus.print_document(document));
}

#[test]
fn vocabulary_errors_are_located() {
    let bad = common::VOCABULARY
        .replace(
            "parent = \"us-md\"\n\n[jurisdictions.us-md-prince-georges]",
            "parent = \"us-mdx\"\n\n[jurisdictions.us-md-prince-georges]",
        )
        .replace("type = \"list charge\"", "type = \"list charges\"");
    let sources = vec![juris::Source::new("vocabulary.toml", bad)];
    let loaded = juris::check(&sources);
    let lines: Vec<String> = loaded.diagnostics.iter().map(|d| d.short(&sources)).collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn lints_find_dead_rules_conflicts_and_status_restrictions() {
    let body = "rule never {\n  action hold\n  when warrant = judicial and warrant = none\n  outcome prohibited\n}\nrule outside {\n  action hold\n  outcome prohibited\n  until 2010-01-01\n}\nrule base {\n  action notify\n  when held_to_answer\n  outcome prohibited\n}\nrule beats-base {\n  action notify\n  outcome permitted\n  exception to base\n}\nrule listed {\n  action assist\n  when any investigation where it = drug_trafficking\n  outcome permitted\n}\nrule immigration {\n  action assist\n  when any investigation where it = civil_immigration\n  outcome prohibited\n}\nrule no-sharing {\n  action share_status\n  outcome prohibited\n}";
    insta::assert_snapshot!(one(body));
}

/// The N0001 note comes from the vocabulary's `[contested]` table, not from the code: without the
/// table a rule prohibiting `share_status` is not flagged, and a table naming an unknown action is
/// a located error.
#[test]
fn contested_actions_come_from_the_vocabulary() {
    let rule = "rule no-sharing {\n  action share_status\n  outcome prohibited\n}";
    let document = doc("us-md-montgomery/eo", "executive-order", "[\"corrections\", \"police\"]", &effective("2019-07-22"), rule);
    let with_table = {
        let mut files = sources(std::slice::from_ref(&document));
        files.retain(|s| s.path != "labels.toml");
        juris::check(&files)
    };
    assert!(with_table.diagnostics.iter().any(|d| d.code == "N0001"), "{:?}", with_table.diagnostics);

    let start = common::VOCABULARY.find("[contested.share_status]").expect("the shipped vocabulary lists share_status");
    let end = common::VOCABULARY[start..].find("\n\n").map(|i| start + i).expect("the table ends");
    let without: String = format!("{}{}", &common::VOCABULARY[..start], &common::VOCABULARY[end..]);
    let mut files = sources(std::slice::from_ref(&document));
    files.retain(|s| s.path != "vocabulary.toml" && s.path != "labels.toml");
    files.push(juris::Source::new("vocabulary.toml", without));
    let loaded = juris::check(&files);
    assert!(loaded.corpus.is_some());
    assert!(!loaded.diagnostics.iter().any(|d| d.code == "N0001"), "{:?}", loaded.diagnostics);

    let unknown = common::VOCABULARY.replace("[contested.share_status]", "[contested.share_statuses]");
    let loaded = juris::check(&[juris::Source::new("vocabulary.toml", unknown.clone())]);
    let line = unknown[..unknown.find("[contested.share_statuses]").expect("renamed")].lines().count() + 1;
    let short: Vec<String> =
        loaded.diagnostics.iter().map(|d| d.short(&[juris::Source::new("vocabulary.toml", unknown.clone())])).collect();
    assert!(
        short.iter().any(|s| s.starts_with(&format!("vocabulary.toml:{line}:"))
            && s.contains("E0007")
            && s.contains("did you mean `share_status`")),
        "{short:?}"
    );
}

/// A rule may say which of its document's sources its words come from; a decision links to that
/// one, and an address the front matter does not list is an error naming the ones it does.
#[test]
fn a_rule_names_its_source_among_its_documents() {
    let with_sources = |body: &str| {
        let (path, text) = doc("us-md-montgomery/eo", "executive-order", "[\"corrections\"]", &effective("2019-07-22"), body);
        let text = text.replace(
            "sources = [\"https://example.org/us-md-montgomery/eo\"]",
            "sources = [\"https://example.org/official\", \"https://example.org/copy\"]",
        );
        (path, text)
    };
    let named = with_sources(
        "rule a {\n  action hold\n  outcome prohibited\n  source \"https://example.org/copy\"\n}\nrule b {\n  action notify\n  outcome permitted\n}\n",
    );
    let corpus = common::corpus(std::slice::from_ref(&named));
    let request = |action: &str| serde_json::json!({"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2020-01-01", "action": action});
    let hold = common::decide(&corpus, request("hold"));
    let rule = hold.deciding.iter().find(|r| r.rule == "us-md-montgomery/eo#a").expect("rule a decides");
    assert_eq!(rule.source, "https://example.org/copy");
    let notify = common::decide(&corpus, request("notify"));
    let rule = notify.deciding.iter().find(|r| r.rule == "us-md-montgomery/eo#b").expect("rule b decides");
    assert_eq!(rule.source, "https://example.org/official", "without `source`, the document's first");

    let unlisted = with_sources("rule a {\n  action hold\n  outcome prohibited\n  source \"https://example.org/elsewhere\"\n}\n");
    let out = diagnostics(&[unlisted]);
    assert!(out.contains("E0329"), "{out}");
    assert!(out.contains("`https://example.org/elsewhere`"), "{out}");
    assert!(out.contains("`https://example.org/official`, `https://example.org/copy`"), "{out}");
}

/// A note that calls its date a placeholder must be matched by `placeholder = true`.
#[test]
fn a_placeholder_note_needs_the_placeholder_flag() {
    let event = |flag: &str| {
        format!(
            "[[lifecycle]]\nevent = \"effective\"\ndate = \"2019-05-01\"\nnote = \"PLACEHOLDER: the report's date stands for the signing\"\n{flag}"
        )
    };
    let body = "rule a {\n  action hold\n  outcome permitted\n}\n";
    let unflagged = diagnostics(&[doc("us-md-cecil/agreement", "agreement", "[\"corrections\"]", &event(""), body)]);
    assert!(unflagged.contains("W0103"), "{unflagged}");
    assert!(unflagged.contains("placeholder = true"), "{unflagged}");
    let flagged = diagnostics(&[doc("us-md-cecil/agreement", "agreement", "[\"corrections\"]", &event("placeholder = true\n"), body)]);
    assert!(!flagged.contains("W0103"), "{flagged}");
}

#[test]
fn a_count_must_be_positive_and_prints_back() {
    insta::assert_snapshot!(one(
        "rule a {\n  action hold\n  when at least 0 convictions where level = misdemeanor\n  outcome permitted\n}\nrule b {\n  action hold\n  when at least convictions where level = misdemeanor\n  outcome permitted\n}\n"
    ));
    let body = "rule a {\n  action hold\n  when at least 3 convictions where level = misdemeanor or at least 2 charges where (level = felony and offense is violent)\n  outcome permitted\n}\nclass violent {\n  homicide\n}";
    let docs = [doc("us-md-montgomery/eo", "executive-order", "[\"corrections\"]", &effective("2019-07-22"), body)];
    let corpus = common::corpus(&docs);
    let printed = corpus.print_document(corpus.document("us-md-montgomery/eo").expect("document"));
    assert!(
        printed.contains(
            "at least 3 convictions where level in {misdemeanor} or at least 2 charges where (level in {felony} and offense is violent)"
        ),
        "{printed}"
    );
}

#[test]
fn a_class_line_period_is_checked_and_prints_back() {
    insta::assert_snapshot!(one("class listed {\n  homicide from 2019-01-01 until 2018-01-01\n  theft from 2018-13-01\n}\n"));
    let twice = one("class listed {\n  theft from 2018-01-01 from 2019-01-01\n}\n");
    assert!(
        twice.contains("error[E0104]: expected a new class line, found `from` (help: a class line has at most one `from` and one `until`)"),
        "{twice}"
    );
    let body = "class listed {\n  homicide\n  theft at felony from 2018-01-01 until 2020-01-01\n}";
    let docs = [doc("us-md-montgomery/eo", "executive-order", "[\"corrections\"]", &effective("2019-07-22"), body)];
    let corpus = common::corpus(&docs);
    insta::assert_snapshot!(corpus.print_document(corpus.document("us-md-montgomery/eo").expect("document")));
}
