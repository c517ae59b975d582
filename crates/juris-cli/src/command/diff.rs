//! `juris diff`: every region of requests where two states of the law answer differently.

use anyhow::Result;
use juris::Date;
use juris::diff::{DiffOptions, LawState};
use juris_api::catalog::{self, Arg};
use juris_api::{Lang, v1};
use std::io::Write;

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::options::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The jurisdiction of the law in force (the left side).
    #[arg(long, value_name = "J")]
    pub jurisdiction: String,
    /// The date of the law in force (the left side).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: String,
    /// Compare with the law as if this bill were enacted (repeatable).
    #[arg(long, value_name = "BILL")]
    pub assume_enacted: Vec<String>,
    /// Compare with the law on another date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub against_as_of: Option<String>,
    /// Compare with another jurisdiction's law.
    #[arg(long, value_name = "J")]
    pub against_jurisdiction: Option<String>,
    /// Only these agencies (repeatable; default: all).
    #[arg(long, value_name = "AGENCY")]
    pub agency: Vec<String>,
    /// Only these actions (repeatable; default: all).
    #[arg(long, value_name = "ACTION")]
    pub action: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn bad(argument: &str, message: String, allowed: &[String]) -> u8 {
    if allowed.is_empty() {
        eprintln!("error: `{argument}`: {message}");
    } else {
        eprintln!("error: `{argument}`: {message} (allowed: {})", allowed.join(", "));
    }
    exit::BAD_INPUT
}

fn date(argument: &str, text: &str) -> std::result::Result<Date, u8> {
    Date::parse(text).ok_or_else(|| bad(argument, format!("`{text}` is not a date; write YYYY-MM-DD"), &[]))
}

pub fn run(args: &Args) -> Result<u8> {
    if args.assume_enacted.is_empty() && args.against_as_of.is_none() && args.against_jurisdiction.is_none() {
        eprintln!("error: nothing to compare: give `--assume-enacted BILL`, `--against-as-of DATE` or `--against-jurisdiction J`");
        return Ok(exit::BAD_INPUT);
    }
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let v = &corpus.vocabulary;
    let jurisdictions: Vec<String> = v.jurisdictions.iter().map(|j| j.id.clone()).collect();
    let jurisdiction =
        |argument: &str, id: &str| v.jurisdiction(id).ok_or_else(|| bad(argument, format!("unknown jurisdiction `{id}`"), &jurisdictions));
    let left_j = match jurisdiction("--jurisdiction", &args.jurisdiction) {
        Ok(j) => j,
        Err(code) => return Ok(code),
    };
    let right_j = match &args.against_jurisdiction {
        Some(id) => match jurisdiction("--against-jurisdiction", id) {
            Ok(j) => j,
            Err(code) => return Ok(code),
        },
        None => left_j,
    };
    let left_date = match date("--as-of", &args.as_of) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let right_date = match &args.against_as_of {
        Some(text) => match date("--against-as-of", text) {
            Ok(d) => d,
            Err(code) => return Ok(code),
        },
        None => left_date,
    };
    let bills: Vec<String> = corpus.documents.iter().filter(|d| d.is_bill()).map(|d| d.id.clone()).collect();
    let mut assumed = Vec::new();
    for bill in &args.assume_enacted {
        match corpus.document_id(bill) {
            Some(d) if corpus.documents[d as usize].is_bill() => assumed.push(d),
            _ => return Ok(bad("--assume-enacted", format!("`{bill}` is not a bill of the corpus"), &bills)),
        }
    }
    let mut options = DiffOptions::default();
    let agencies: Vec<String> = v.agencies.iter().map(|a| a.0.clone()).collect();
    for a in &args.agency {
        match v.agency(a) {
            Some(i) => options.agencies.push(i),
            None => return Ok(bad("--agency", format!("unknown agency `{a}`"), &agencies)),
        }
    }
    let actions: Vec<String> = v.actions.iter().map(|a| a.0.clone()).collect();
    for a in &args.action {
        match v.action(a) {
            Some(i) => options.actions.push(i),
            None => return Ok(bad("--action", format!("unknown action `{a}`"), &actions)),
        }
    }
    let left = LawState { jurisdiction: left_j, as_of: left_date, assume_enacted: Vec::new() };
    let right = LawState { jurisdiction: right_j, as_of: right_date, assume_enacted: assumed };
    let report = corpus.diff(&left, &right, &options);
    let lang = crate::options::lang();
    let out = v1::DiffReport::from_library(&corpus, &left, &right, &report, lang);
    match args.format {
        Format::Json => writeln!(std::io::stdout(), "{}", serde_json::to_string(&out)?)?,
        Format::Text => write!(std::io::stdout(), "{}", render_text(&out, lang))?,
    }
    Ok(exit::OK)
}

fn describe(lang: Lang, state: &v1::LawState) -> String {
    let date = catalog::date(lang, &state.as_of);
    let jurisdiction = Arg::from(&state.jurisdiction);
    if state.assume_enacted.is_empty() {
        catalog::message(lang, "diff-state", &[("jurisdiction", jurisdiction), ("date", date.into())])
    } else {
        catalog::message(
            lang,
            "diff-state-assuming",
            &[("jurisdiction", jurisdiction), ("date", date.into()), ("bills", state.assume_enacted.join(", ").into())],
        )
    }
}

fn render_text(out: &v1::DiffReport, lang: Lang) -> String {
    let mut text = format!("left:  {}\nright: {}\n", describe(lang, &out.left), describe(lang, &out.right));
    if out.differences.is_empty() {
        text.push_str(&format!("\n{}\n", catalog::text(lang, "diff-equivalent")));
    } else {
        let regions =
            catalog::message(lang, "diff-regions", &[("count", out.differences.len().into()), ("actions", out.actions.join(", ").into())]);
        text.push_str(&format!("\n{regions}\n"));
        for d in &out.differences {
            let outcome = |s: &v1::DiffSide| {
                let o = s.outcome.label(lang);
                if s.possible_outcomes.is_empty() {
                    o
                } else {
                    let names: Vec<String> = s.possible_outcomes.iter().map(|p| p.label(lang)).collect();
                    format!("{o} ({})", names.join(&format!(" {} ", crate::render::or_word(lang))))
                }
            };
            // Keys sorted, as a JSON value prints them.
            let witness = serde_json::to_value(&d.witness.right).map(|w| w.to_string()).unwrap_or_default();
            text.push_str(&format!(
                "\n{} · {}\n  {}\n  left:  {}  {}\n  right: {}  {}\n  witness: {witness}\n",
                d.agency,
                d.action,
                catalog::message(lang, "diff-when", &[("condition", (&d.condition).into())]),
                outcome(&d.left),
                d.left.deciding.join(", "),
                outcome(&d.right),
                d.right.deciding.join(", "),
            ));
        }
    }
    if !out.notes.is_empty() {
        text.push_str(&format!("\n{}\n", catalog::text(lang, "diff-not-exhaustive")));
        for n in &out.notes {
            text.push_str(&format!("  - {n}\n"));
        }
    }
    text
}
