//! `juris diff`: every region of requests where two states of the law answer differently.

use anyhow::Result;
use juris::Date;
use juris::analysis::{DiffOptions, LawState};
use juris_api::catalog::{self, Arg};
use juris_api::{Lang, v1};
use std::io::Write;

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::options::Format;

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 when the comparison ran, whether or not differences were found (the text says \
`equivalent`, and `--format json` has `\"equivalent\": true`, when there are none); 1 the corpus has errors; \
2 a bad argument.")]
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

/// Reports a bad argument, in the words every command uses for the same mistake.
fn bad(option: &str, error: juris::RequestError) -> u8 {
    crate::stderr!("error: {}", crate::options::argument(juris::RequestError { field: option.to_owned(), ..error }, &[]));
    exit::BAD_INPUT
}

fn date(option: &str, text: &str) -> std::result::Result<Date, u8> {
    juris::parse_date(option, text).map_err(|e| bad(option, e))
}

pub fn run(args: &Args) -> Result<u8> {
    if args.assume_enacted.is_empty() && args.against_as_of.is_none() && args.against_jurisdiction.is_none() {
        crate::stderr!("error: nothing to compare: give `--assume-enacted BILL`, `--against-as-of DATE` or `--against-jurisdiction J`");
        return Ok(exit::BAD_INPUT);
    }
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let jurisdiction = |option: &str, id: &str| juris::analysis::jurisdiction(&corpus, option, id).map_err(|e| bad(option, e));
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
    let mut assumed = Vec::new();
    for bill in &args.assume_enacted {
        match corpus.bill("--assume-enacted", bill) {
            Ok(d) => assumed.push(d),
            Err(e) => return Ok(bad("--assume-enacted", e)),
        }
    }
    let mut options = DiffOptions::default();
    for a in &args.agency {
        match juris::analysis::agency(&corpus, "--agency", a) {
            Ok(i) => options.agencies.push(i),
            Err(e) => return Ok(bad("--agency", e)),
        }
    }
    for a in &args.action {
        match juris::analysis::action(&corpus, "--action", a) {
            Ok(i) => options.actions.push(i),
            Err(e) => return Ok(bad("--action", e)),
        }
    }
    let left = LawState { jurisdiction: left_j, as_of: left_date, assume_enacted: Vec::new() };
    let right = LawState { jurisdiction: right_j, as_of: right_date, assume_enacted: assumed };
    let report = corpus.diff(&left, &right, &options);
    let lang = crate::options::lang();
    let out = v1::DiffReport::from_library(&corpus, &left, &right, &report, lang);
    match args.format {
        Format::Json => writeln!(std::io::stdout(), "{}", serde_json::to_string(&out)?)?,
        Format::Text => crate::output::stdout(&render_text(&out, lang))?,
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
