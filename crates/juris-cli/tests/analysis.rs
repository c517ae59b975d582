//! End-to-end tests of the analysis commands: `juris compare` (text, JSON, CSV, HTML), `juris
//! timeline` and `juris bills`, against the shipped corpus and a small one in a temporary folder.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails loudly on a broken expectation")]

mod common;

use std::path::Path;
use std::process::Output;

use common::{FEDERAL, json, text};

use serde_json::Value;

const SITUATIONS: &str = r#"
[default_agency]
hold = "corrections"

[[situation]]
id = "detainer-only"
description = "a detainer, no warrant"
facts = { warrant = "none" }
"#;

fn juris(args: &[&str], corpus: Option<&Path>) -> Output {
    common::juris(args, corpus, "")
}

/// A corpus of one federal rule, with or without a situations file.
fn fixture(situations: bool) -> tempfile::TempDir {
    if situations {
        common::corpus(&[("us/detainers.md", FEDERAL), ("situations.toml", SITUATIONS)])
    } else {
        common::corpus(&[("us/detainers.md", FEDERAL)])
    }
}

#[test]
fn timeline_shows_prince_georges_stopping_holds_on_2014_10_01() {
    let out = juris(
        &[
            "timeline",
            "us-md-prince-georges",
            "--agency",
            "corrections",
            "--action",
            "hold",
            "--situation",
            "no-warrant-detainer-only",
            "--format",
            "json",
        ],
        None,
    );
    let t = json(&out);
    assert_eq!(t["jurisdiction"], "us-md-prince-georges");
    assert_eq!(t["situation"], "no-warrant-detainer-only");
    assert_eq!(t["facts"]["warrant"], "none");
    let changes = t["changes"].as_array().unwrap();
    let change = changes.iter().find(|c| c["date"] == "2014-10-01").unwrap_or_else(|| panic!("no change on 2014-10-01: {t:#}"));
    assert_eq!(change["to"], "prohibited");
    assert_ne!(change["from"], "prohibited");
    assert!(
        change["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["document"] == "us-md-prince-georges/doc-detainer-policy-2014" && e["event"] == "effective"),
        "{change:#}"
    );
    assert!(
        change["deciding"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "us-md-prince-georges/doc-detainer-policy-2014#no-hold-on-detainer")
    );
    // Dates are in order, and each change starts where the previous one ended.
    let mut outcome = t["start"]["outcome"].clone();
    let mut date = String::new();
    for c in changes {
        assert_eq!(c["from"], outcome, "{c:#}");
        assert!(c["date"].as_str().unwrap() > date.as_str());
        outcome = c["to"].clone();
        date = c["date"].as_str().unwrap().to_owned();
    }
}

#[test]
fn timeline_text_reads_as_a_history_and_defaults_the_agency() {
    // No --agency: situations.toml says the jail (corrections) holds.
    let out = juris(&["timeline", "us-md-prince-georges", "--action", "hold", "--situation", "misdemeanor-admin-warrant"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Prince George's County, Maryland (us-md-prince-georges) · corrections · hold\n"), "{stdout}");
    assert!(stdout.contains("before 1997-04-01: unregulated"), "{stdout}");
    assert!(stdout.contains("2014-10-01  uncertain → prohibited"), "{stdout}");
    assert!(stdout.contains("us-md-prince-georges/doc-detainer-policy-2014 effective"), "{stdout}");
}

#[test]
fn timeline_takes_ad_hoc_facts_and_a_period() {
    let args = [
        "timeline",
        "us-md-prince-georges",
        "--agency",
        "corrections",
        "--action",
        "hold",
        "--facts",
        r#"{"warrant": "judicial"}"#,
        "--from",
        "2014-09-01",
        "--until",
        "2014-12-31",
        "--format",
        "json",
    ];
    let t = json(&juris(&args, None));
    assert_eq!(t["start"]["date"], "2014-09-01");
    assert_eq!(t["until"], "2014-12-31");
    // With a judge's warrant the 2014 policy permits the hold, as before it.
    assert!(t["changes"].as_array().unwrap().iter().all(|c| c["date"] != "2014-10-01"), "{t:#}");
}

#[test]
fn bills_lists_howards_vetoed_bill_as_never_in_force() {
    let list = json(&juris(&["bills", "--format", "json"], None));
    let bills = list.as_array().unwrap();
    assert!(bills.iter().all(|b| b["id"].is_string() && b["assumable"] == true && b["lifecycle"].is_array()));
    let cb9 = bills.iter().find(|b| b["id"] == "us-md-howard/cb-9-2017").unwrap_or_else(|| panic!("no cb-9-2017 in {list:#}"));
    assert_eq!(cb9["jurisdiction"], "us-md-howard");
    assert_eq!(cb9["in_force"], false);
    assert_eq!(cb9["state"], "not-enacted");
    assert!(cb9["status"].as_str().unwrap().contains("override failed 2017-03-06"), "{cb9:#}");
    assert!(cb9["status"].as_str().unwrap().ends_with("never in force"), "{cb9:#}");
    let failed = cb9["lifecycle"].as_array().unwrap().iter().find(|e| e["event"] == "override").unwrap();
    assert_eq!(
        (failed["succeeded"].clone(), failed["vote"].clone(), failed["date"].clone()),
        (Value::Bool(false), "3-2".into(), "2017-03-06".into())
    );
    // Never in force on any date.
    for date in ["2017-02-10", "2017-03-07", "2030-01-01"] {
        let list = json(&juris(&["bills", "--format", "json", "--as-of", date, "--jurisdiction", "us-md-howard"], None));
        let cb9 = list.as_array().unwrap().iter().find(|b| b["id"] == "us-md-howard/cb-9-2017").unwrap();
        assert_eq!(cb9["in_force"], false, "{date}");
    }
}

#[test]
fn bills_filters_by_jurisdiction_and_reads_as_text() {
    let list = json(&juris(&["bills", "--format", "json", "--jurisdiction", "us-md-howard", "--as-of", "2024-01-01"], None));
    assert!(list.as_array().unwrap().iter().all(|b| b["jurisdiction"] == "us-md-howard"));
    let liberty = list.as_array().unwrap().iter().find(|b| b["id"] == "us-md-howard/cb-63-2020").unwrap();
    assert_eq!(liberty["in_force"], true);
    let out = juris(&["bills", "--jurisdiction", "us-md-howard", "--as-of", "2024-01-01"], None);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("us-md-howard/cb-9-2017  (Howard County, Maryland)"), "{stdout}");
    assert!(stdout.contains("in force on 2024-01-01: no"), "{stdout}");
    assert!(stdout.contains("2017-03-06  override 3-2 (failed)"), "{stdout}");
}

#[test]
fn compare_json_has_every_cell() {
    let m = json(&juris(&["compare", "--as-of", "2019-08-13", "--format", "json"], None));
    assert_eq!(m["as_of"], "2019-08-13");
    let (j, a, s) =
        (m["jurisdictions"].as_array().unwrap().len(), m["actions"].as_array().unwrap().len(), m["situations"].as_array().unwrap().len());
    assert!(j >= 11 && a >= 12 && s >= 5, "{j} {a} {s}");
    let cells = m["cells"].as_array().unwrap();
    assert_eq!(cells.len(), j * a * s);
    for key in
        ["situation", "jurisdiction", "agency", "action", "outcome", "possible_outcomes", "deciding", "missing_facts", "uncertainties"]
    {
        assert!(cells.iter().all(|c| c.get(key).is_some()), "missing `{key}`");
    }
    let cell =
        |s: &str, j: &str, a: &str| cells.iter().find(|c| c["situation"] == s && c["jurisdiction"] == j && c["action"] == a).unwrap();
    // The README's first question: Montgomery's jail, an I-247A, 2019-08-13.
    let hold = cell("misdemeanor-admin-warrant", "us-md-montgomery", "hold");
    assert_eq!((hold["outcome"].clone(), hold["agency"].clone()), ("prohibited".into(), "corrections".into()));
    assert!(hold["deciding"].as_array().unwrap().iter().any(|r| r["rule"] == "us-md-montgomery/eo-135-19#no-civil-immigration-directives"));
    // Baltimore City's jail is the State's.
    assert_eq!(cell("misdemeanor-admin-warrant", "us-md-baltimore-city", "hold")["agency"], "state-corrections");
    assert_eq!(cell("victim-witness", "us-md-howard", "inquire_status")["agency"], "police");
}

#[test]
fn compare_narrows_to_the_jurisdictions_actions_and_situations_given() {
    let args = [
        "compare",
        "--as-of",
        "2014-10-02",
        "--jurisdiction",
        "us-md-prince-georges",
        "--jurisdiction",
        "us-md-montgomery",
        "--action",
        "hold",
        "--situation",
        "no-warrant-detainer-only",
        "--format",
        "json",
    ];
    let m = json(&juris(&args, None));
    let cells = m["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 2);
    assert_eq!(cells[0]["jurisdiction"], "us-md-prince-georges");
    assert_eq!(cells[0]["outcome"], "prohibited");
}

/// Splits a CSV line into fields (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[test]
fn compare_csv_has_one_row_per_cell() {
    let out = juris(&["compare", "--as-of", "2019-08-13", "--jurisdiction", "us-md-montgomery", "--format", "csv"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "as_of,situation,jurisdiction,agency,action,outcome,possible_outcomes,deciding,citations,missing_facts");
    let m = json(&juris(&["compare", "--as-of", "2019-08-13", "--jurisdiction", "us-md-montgomery", "--format", "json"], None));
    assert_eq!(lines.len() - 1, m["cells"].as_array().unwrap().len());
    for line in &lines[1..] {
        assert_eq!(csv_fields(line).len(), 10, "{line}");
    }
    let hold = lines.iter().map(|l| csv_fields(l)).find(|f| f[1] == "misdemeanor-admin-warrant" && f[4] == "hold").unwrap();
    assert_eq!(hold[5], "prohibited");
    assert!(hold[8].contains("Montgomery County Executive Order No. 135-19"), "{hold:?}");
}

#[test]
fn compare_html_is_a_self_contained_colour_coded_page() {
    let out = juris(&["compare", "--as-of", "2019-08-13", "--format", "html"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("<style>") && page.contains(".prohibited {"));
    // No external assets: no scripts, stylesheets, images or fonts fetched from anywhere.
    for external in ["<script", "<link", "<img", "src=", "@import", "url("] {
        assert!(!page.contains(external), "found `{external}`");
    }
    assert!(page.contains("class=\"legend\""));
    // Each cell says its outcome in words and, on hover, the law that decided it.
    assert!(
        // (Most jurisdictions' answer to this hold is `uncertain`, so Montgomery's cell is marked as differing.)
        page.contains("<td class=\"prohibited differs\" title=\"us-md-montgomery · corrections · hold: prohibited\ndecided by:"),
        "no hover title"
    );
    assert!(
        page.contains(
            "us-md-montgomery/eo-135-19#no-civil-immigration-directives [prohibited]: Montgomery County Executive Order No. 135-19"
        )
    );
    assert!(page.contains("Prince George&#39;s County, Maryland"), "names are escaped");
}

#[test]
fn compare_text_is_a_table_per_situation() {
    let out = juris(&["compare", "--as-of", "2019-08-13", "--action", "hold", "--action", "notify"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("as of 2019-08-13 · corpus "), "{stdout}");
    assert!(stdout.contains("\nmisdemeanor-admin-warrant: booked on a misdemeanor"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("us-md-montgomery ")).unwrap();
    assert_eq!(row.split_whitespace().collect::<Vec<_>>(), ["us-md-montgomery", "NO", "may"], "{stdout}");
    assert!(stdout.contains("NO = prohibited"), "{stdout}");
}

#[test]
fn compare_reads_another_situations_file_and_needs_one() {
    let dir = fixture(false);
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, SITUATIONS).unwrap();
    let m = json(&juris(
        &["compare", "--as-of", "2019-01-01", "--situations", file.to_str().unwrap(), "--action", "hold", "--format", "json"],
        Some(dir.path()),
    ));
    assert!(m["cells"].as_array().unwrap().iter().all(|c| c["outcome"] == "permitted" && c["situation"] == "detainer-only"));
    // The folder has no situations.toml.
    let out = juris(&["compare", "--as-of", "2019-01-01"], Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the corpus has no `situations.toml`: pass `--situations FILE`"), "{}", text(&out.stderr));
    // A corpus's own situations.toml is used without the option.
    let dir = fixture(true);
    let m = json(&juris(&["compare", "--as-of", "2019-01-01", "--action", "hold", "--format", "json"], Some(dir.path())));
    assert_eq!(m["cells"].as_array().unwrap().len(), m["jurisdictions"].as_array().unwrap().len());
    // A broken situations file is reported with its location.
    std::fs::write(&file, SITUATIONS.replace("\"none\"", "\"nothing\"")).unwrap();
    let out = juris(&["compare", "--as-of", "2019-01-01", "--situations", file.to_str().unwrap()], Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("situation `detainer-only`: `facts.warrant`: unknown warrant `nothing`"), "{}", text(&out.stderr));
}

#[test]
fn bad_arguments_name_the_argument_and_the_allowed_values() {
    let cases: [(&[&str], &str, &str); 12] = [
        (
            &["compare", "--as-of", "2019-02-30"],
            "`--as-of`: `2019-02-30` does not exist: February 2019 has 28 days",
            "the format YYYY-MM-DD is right",
        ),
        (
            &["compare", "--jurisdiction", "us-md-montgomry"],
            "`--jurisdiction`: unknown jurisdiction `us-md-montgomry`; did you mean `us-md-montgomery`?",
            "allowed: us, ",
        ),
        (&["compare", "--action", "hodl"], "`--action`: unknown action `hodl`; did you mean `hold`?", "allowed: assist,"),
        (&["compare", "--agency", "jail"], "`--agency`: unknown agency `jail`", "allowed: corrections,"),
        (&["compare", "--situation", "felony"], "`--situation`: unknown situation `felony`", "allowed: misdemeanor-admin-warrant,"),
        (&["timeline", "us-md-pg", "--action", "hold"], "unknown jurisdiction `us-md-pg`", "allowed: us, "),
        (&["timeline", "us-md-howard", "--action", "hodl"], "`--action`: unknown action `hodl`", "allowed: assist,"),
        (
            &["timeline", "us-md-howard", "--action", "hold", "--agency", "jail"],
            "`--agency`: unknown agency `jail`",
            "allowed: corrections,",
        ),
        (
            &["timeline", "us-md-howard", "--action", "hold", "--situation", "x"],
            "`--situation`: unknown situation `x`",
            "allowed: misdemeanor-admin-warrant,",
        ),
        (&["timeline", "us-md-howard", "--action", "hold", "--until", "soon"], "`--until`: `soon` is not a date", "YYYY-MM-DD"),
        (
            &["timeline", "us-md-howard", "--action", "hold", "--facts", "{\"warant\": \"none\"}"],
            "`--facts`: `facts.warant`: unknown fact `warant`",
            "allowed: ",
        ),
        (&["bills", "--jurisdiction", "us-mdd"], "`--jurisdiction`: unknown jurisdiction `us-mdd`; did you mean `us-md`?", "allowed: us, "),
    ];
    for (args, message, allowed) in cases {
        let out = juris(args, None);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message) && stderr.contains(allowed), "{args:?}: expected `{message}` and `{allowed}` in: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = juris(&["bills", "--as-of", "tomorrow"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`--as-of`: `tomorrow` is not a date"));
    let out = juris(&["compare", "--format", "pdf"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// With no situation every fact is unknown and the answer stays `uncertain`; the change of
/// 2014-10-01 must still be found, because some requests are decided differently from that day.
#[test]
fn timeline_without_facts_finds_changes_inside_uncertain() {
    let out = juris(&["timeline", "us-md-prince-georges", "--agency", "corrections", "--action", "hold", "--format", "json"], None);
    let timeline = json(&out);
    let changes = timeline["changes"].as_array().unwrap();
    let change = changes.iter().find(|c| c["date"] == "2014-10-01").unwrap_or_else(|| panic!("no change on 2014-10-01: {timeline}"));
    assert_eq!((change["from"].as_str(), change["to"].as_str()), (Some("uncertain"), Some("uncertain")));
    assert!(
        change["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["document"] == "us-md-prince-georges/doc-detainer-policy-2014" && e["event"] == "effective"),
        "{change}"
    );
    // A day on which nothing in Prince George's stack changes is not listed.
    assert!(!changes.iter().any(|c| c["date"] == "2014-10-02"));
}
