//! `juris bills`: every bill with its lifecycle, a status line, and whether it is in force on a date.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use juris::Corpus;
use juris::analysis::{BillsQuery, bills};
use juris_api::catalog::{self, Arg};
use juris_api::{Lang, v1};

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::options;
use crate::options::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Only bills of this jurisdiction and of the jurisdictions under it.
    #[arg(long, value_name = "J")]
    pub jurisdiction: Option<String>,
    /// The date `in force` refers to (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &Args) -> Result<u8> {
    let as_of = options::date("--as-of", args.as_of.as_deref())?.unwrap_or_else(options::today);
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let query = BillsQuery { jurisdiction: args.jurisdiction.clone(), as_of };
    let list = bills(&corpus, &query).map_err(|e| options::argument(e, &[("jurisdiction", "--jurisdiction")]))?;
    let lang = options::lang();
    let list: Vec<v1::Bill> = list.iter().map(|b| v1::Bill::from_library(b, lang)).collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?,
        Format::Text => write!(out, "{}", text(&corpus, &list, as_of, lang))?,
    }
    Ok(exit::OK)
}

/// The readable list: one block per bill.
fn text(corpus: &Corpus, list: &[v1::Bill], as_of: juris::Date, lang: Lang) -> String {
    let mut out = String::new();
    let say = |key: &str, args: &[(&str, Arg)]| catalog::message(lang, key, args);
    if list.is_empty() {
        let _ = writeln!(out, "{}", say("bills-none", &[]));
        return out;
    }
    for (i, bill) in list.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "{}  ({})", bill.id, crate::render::place(corpus, &bill.jurisdiction));
        let _ = writeln!(out, "  {}", bill.title);
        let _ = writeln!(out, "  {}", bill.citation);
        let _ = writeln!(out, "  {}", say("bills-status", &[("status", (&bill.status).into())]));
        let answer = say(if bill.in_force { "answer-yes" } else { "answer-no" }, &[]);
        let date = catalog::date(lang, &as_of.to_string());
        let _ = writeln!(out, "  {}", say("bills-in-force-on", &[("date", date.into()), ("answer", answer.into())]));
        for e in &bill.lifecycle {
            let mut line = format!("    {}  {}", catalog::date(lang, &e.date), say(&format!("event-{}", e.event), &[]));
            for detail in [e.vote.as_deref(), e.chamber.as_deref(), e.by.as_deref()].into_iter().flatten() {
                let _ = write!(line, " {detail}");
            }
            match e.succeeded {
                Some(true) => line.push_str(&format!(" ({})", say("bills-succeeded", &[]))),
                Some(false) => line.push_str(&format!(" ({})", say("bills-failed", &[]))),
                None => {}
            }
            if let Some(note) = &e.note {
                let _ = write!(line, " — {note}");
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
