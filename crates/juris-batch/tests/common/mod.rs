//! Shared by the batch tests: the shipped corpus, and small maps, charge tables and inputs in a
//! temporary folder.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, reason = "each test uses some helpers; tests stop loudly")]

use std::path::PathBuf;

use juris::Corpus;

#[path = "../../../../tests/support/corpus_files.rs"]
mod corpus_files;

/// The shipped corpus, read from the repository.
pub fn shipped() -> Corpus {
    let mut sources = corpus_files::shipped(env!("CARGO_MANIFEST_DIR"));
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    juris::load(&sources).corpus.expect("the shipped corpus loads")
}

/// Writes files into a new temporary folder.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

pub fn path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

/// A charge table placing two codes.
pub const CHARGES: &str = r#"
[[charge]]
code = "100"
text = "BURGLARY OF HABITATION"
offense = "burglary"
statute = "TX PC 30.02"
source = "literal text; Tex. Penal Code § 30.02"

[[charge]]
code = "200"
text = "DRIVING WHILE INTOXICATED"
offense = "dui"
statute = "TX PC 49.04"
source = "literal text; Tex. Penal Code § 49.04"
"#;

/// A map over `input.csv` asking about holds in a California county under two states of the law.
pub const MAP: &str = r#"
title = "test"
input = "input.csv"

[rows]
id = "booking"
group = ["booking"]

[dates]
booking = "booked"
conviction = "disposed"

[request]
jurisdiction = "us-ca-county"
agency = "corrections"

[facts]
role = "inmate"
warrant = "none"

[charges]
code = "code"
text = "literal"
level = "level"
disposition = "disposition"
exclude = [{ column = "code", values = ["4200"] }]
table = "charges.toml"
unmatched = "unknown"
prior_convictions = "none"

[charges.levels]
F = "felony"
MB = "misdemeanor"

[charges.dispositions]
conviction = ["SENTENCE COMPLETE"]
dropped = ["DISMISSAL"]
otherwise = "pending"

[[questions]]
name = "california"
actions = ["hold", "notify"]
compare = [["trust-act", "values-act"]]

[[questions.law]]
name = "trust-act"
as_of = "2015-06-01"

[[questions.law]]
name = "values-act"
as_of = "2019-06-01"
"#;

/// Three bookings: a pending burglary felony, a DWI conviction, and a charge the table does not place.
pub const INPUT: &str = "booking,booked,code,literal,level,disposition,disposed
1,2010-03-01,100,BURGLARY OF HABITATION,F,,
1,2010-03-01,4200,ICE DETAINER,F,RELEASED TO ICE,2010-03-05
2,2011-07-15,200,DRIVING WHILE INTOXICATED,MB,SENTENCE COMPLETE,2011-07-20
2,2011-07-15,4200,ICE DETAINER,F,RELEASED TO ICE,2011-07-20
3,2012-01-02,999,OUT OF COUNTY FELONY,F,,
3,2012-01-02,4200,ICE DETAINER,F,RELEASED TO ICE,2012-01-09
";
