//! `juris compare`: the matrix of outcomes for jurisdictions × actions × standard situations on
//! one date, as a readable table, JSON, CSV or a self-contained HTML page.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use juris::Outcome;
use juris::analysis::{CompareQuery, Comparison, compare};
use juris_api::{Lang, catalog, v1};

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::{options, page};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One readable table per situation.
    Text,
    /// One JSON object with every cell.
    Json,
    /// One row per cell.
    Csv,
    /// A self-contained HTML page (inline CSS, no external assets).
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The date whose law applies (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// A jurisdiction to compare (repeatable; default: all).
    #[arg(long, value_name = "J")]
    pub jurisdiction: Vec<String>,
    /// An action to compare (repeatable; default: all).
    #[arg(long, value_name = "ACTION")]
    pub action: Vec<String>,
    /// A situation to compare (repeatable; default: every one in the situations file).
    #[arg(long, value_name = "S")]
    pub situation: Vec<String>,
    /// Another situations file instead of the corpus's situations.toml.
    #[arg(long, value_name = "FILE")]
    pub situations: Option<PathBuf>,
    /// One agency for every action, instead of the situations file's defaults.
    #[arg(long, value_name = "AGENCY")]
    pub agency: Option<String>,
    /// A bill to treat as enacted from its passage (repeatable).
    #[arg(long, value_name = "BILL")]
    pub assume_enacted: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

const OPTIONS: [(&str, &str); 5] = [
    ("jurisdiction", "--jurisdiction"),
    ("agency", "--agency"),
    ("action", "--action"),
    ("situation", "--situation"),
    ("assume_enacted", "--assume-enacted"),
];

pub fn run(args: &Args) -> Result<u8> {
    let as_of = options::date("--as-of", args.as_of.as_deref())?.unwrap_or_else(options::today);
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let situations = match options::situations(&corpus, &sources, args.situations.as_deref())? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let query = CompareQuery {
        as_of,
        jurisdictions: args.jurisdiction.clone(),
        actions: args.action.clone(),
        situations: args.situation.clone(),
        agency: args.agency.clone(),
        assume_enacted: args.assume_enacted.clone(),
    };
    let matrix = compare(&corpus, &situations, &query).map_err(|e| options::argument(e, &OPTIONS))?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&v1::Comparison::from_library(&matrix))?)?,
        Format::Csv => write!(out, "{}", csv(&matrix))?,
        Format::Html => write!(out, "{}", page::comparison(&corpus, &matrix))?,
        Format::Text => write!(out, "{}", text(&matrix, options::lang()))?,
    }
    Ok(exit::OK)
}

/// The short form of an outcome in the text table (`must`, `debe`).
fn code(lang: Lang, outcome: Outcome) -> String {
    catalog::text(lang, &format!("compare-code-{}", outcome.name()))
}

/// One table per situation: jurisdictions down, actions across (names split over two lines).
fn text(m: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    let heading = catalog::message(
        lang,
        "compare-heading",
        &[("date", catalog::date(lang, &m.as_of.to_string()).into()), ("hash", m.corpus[..m.corpus.len().min(16)].into())],
    );
    let _ = writeln!(out, "{heading}");
    if !m.assumed_enacted.is_empty() {
        let _ = writeln!(out, "{}", catalog::message(lang, "decision-assuming-enacted", &[("bills", m.assumed_enacted.join(", ").into())]));
    }
    let heads: Vec<(String, String)> = m
        .actions
        .iter()
        .map(|a| match a.split_once('_') {
            Some((top, bottom)) => (top.to_owned(), bottom.to_owned()),
            None => (a.clone(), String::new()),
        })
        .collect();
    let code_width = Outcome::ALL.iter().map(|o| code(lang, *o).chars().count()).max().unwrap_or(4).max(4);
    let widths: Vec<usize> = heads.iter().map(|(t, b)| t.len().max(b.len()).max(code_width)).collect();
    let first = m.jurisdictions.iter().map(|j| j.id.len()).max().unwrap_or(0).max(12);
    for situation in &m.situations {
        let _ = writeln!(out, "\n{}: {}\n", situation.id, situation.description);
        for line in 0..2 {
            let mut row = format!("{:first$}", "");
            for ((top, bottom), w) in heads.iter().zip(&widths) {
                let _ = write!(row, "  {:w$}", if line == 0 { top } else { bottom });
            }
            let _ = writeln!(out, "{}", row.trim_end());
        }
        for j in &m.jurisdictions {
            let mut row = format!("{:first$}", j.id);
            for (action, w) in m.actions.iter().zip(&widths) {
                let cell = m.cell(&situation.id, &j.id, action).map_or(String::new(), |c| code(lang, c.outcome));
                let _ = write!(row, "  {cell:w$}");
            }
            let _ = writeln!(out, "{}", row.trim_end());
        }
    }
    let _ = writeln!(out, "\n{}", catalog::text(lang, "compare-legend"));
    let _ = writeln!(out, "{}", catalog::text(lang, "compare-legend-uncertain"));
    let _ = writeln!(out, "\n{}", catalog::text(lang, "compare-acting-agency"));
    for line in agencies(m, lang) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// Which agency acted on which actions, with the jurisdictions where another one did.
fn agencies(m: &Comparison, lang: Lang) -> Vec<String> {
    let mut usual: BTreeMap<&str, &str> = BTreeMap::new();
    for action in &m.actions {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for c in m.cells.iter().filter(|c| &c.action == action) {
            *counts.entry(c.agency.as_str()).or_default() += 1;
        }
        if let Some((agency, _)) = counts.iter().max_by_key(|(a, n)| (**n, std::cmp::Reverse(**a))) {
            usual.insert(action, agency);
        }
    }
    let mut by_agency: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for action in &m.actions {
        if let Some(agency) = usual.get(action.as_str()) {
            by_agency.entry(agency).or_default().push(action);
        }
    }
    let mut parts: Vec<String> = by_agency.iter().map(|(a, actions)| format!("{a}: {}", actions.join(", "))).collect();
    let mut exceptions: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for c in &m.cells {
        if usual.get(c.action.as_str()).is_some_and(|u| *u != c.agency) {
            let list = exceptions.entry((c.jurisdiction.as_str(), c.agency.as_str())).or_default();
            if !list.contains(&c.action.as_str()) {
                list.push(&c.action);
            }
        }
    }
    for ((j, agency), actions) in exceptions {
        parts.push(catalog::message(
            lang,
            "compare-agency-in",
            &[("agency", agency.into()), ("jurisdiction", j.into()), ("actions", actions.join(", ").into())],
        ));
    }
    parts
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// One row per cell; lists are joined with `; ` (citations with ` | `).
fn csv(m: &Comparison) -> String {
    let mut out = String::from("as_of,situation,jurisdiction,agency,action,outcome,possible_outcomes,deciding,citations,missing_facts\n");
    for c in &m.cells {
        let possible: Vec<&str> = c.possible_outcomes.iter().map(|o| o.name()).collect();
        let rules: Vec<&str> = c.deciding.iter().map(|r| r.rule.as_str()).collect();
        let citations: Vec<&str> = c.deciding.iter().map(|r| r.citation.as_str()).collect();
        let row = [
            m.as_of.to_string(),
            c.situation.clone(),
            c.jurisdiction.clone(),
            c.agency.clone(),
            c.action.clone(),
            c.outcome.name().to_owned(),
            possible.join("; "),
            rules.join("; "),
            citations.join(" | "),
            c.missing_facts.join("; "),
        ];
        let _ = writeln!(out, "{}", row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
    }
    out
}
