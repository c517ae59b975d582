//! `juris bills`: every bill with its lifecycle, a status line, and whether it is in force on a date.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use juris::Corpus;
use juris::analysis::{BillView, BillsQuery, bills};

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
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?,
        Format::Text => write!(out, "{}", text(&corpus, &list, as_of))?,
    }
    Ok(exit::OK)
}

/// The readable list: one block per bill.
fn text(corpus: &Corpus, list: &[BillView], as_of: juris::Date) -> String {
    let mut out = String::new();
    if list.is_empty() {
        let _ = writeln!(out, "no bills");
        return out;
    }
    for (i, bill) in list.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let place = corpus
            .vocabulary
            .jurisdiction(&bill.jurisdiction)
            .map_or(bill.jurisdiction.clone(), |j| corpus.vocabulary.jurisdictions[j as usize].name.clone());
        let _ = writeln!(out, "{}  ({place})", bill.id);
        let _ = writeln!(out, "  {}", bill.title);
        let _ = writeln!(out, "  {}", bill.citation);
        let _ = writeln!(out, "  status: {}", bill.status);
        let _ = writeln!(out, "  in force on {as_of}: {}", if bill.in_force { "yes" } else { "no" });
        for e in &bill.lifecycle {
            let mut line = format!("    {}  {}", e.date, e.event.name());
            for detail in [e.vote.as_deref(), e.chamber.as_deref(), e.by.as_deref()].into_iter().flatten() {
                let _ = write!(line, " {detail}");
            }
            match e.succeeded {
                Some(true) => line.push_str(" (succeeded)"),
                Some(false) => line.push_str(" (failed)"),
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
