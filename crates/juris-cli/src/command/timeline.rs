//! `juris timeline`: every date on which the answer to one question changed, with the events
//! (laws, bills, memos taking effect or ending) that changed it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use juris::analysis::{self, TimelineQuery, timeline};
use juris::{Corpus, RawValue};
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
    /// The jurisdiction, such as `us-md-prince-georges`.
    #[arg(value_name = "JURISDICTION")]
    pub jurisdiction: String,
    /// The action, such as `hold`.
    #[arg(long, value_name = "ACTION")]
    pub action: String,
    /// The agency that acts (default: the one situations.toml names for the action).
    #[arg(long, value_name = "AGENCY")]
    pub agency: Option<String>,
    /// A situation of situations.toml whose facts to use.
    #[arg(long, value_name = "S", conflicts_with = "facts")]
    pub situation: Option<String>,
    /// The facts as a JSON object, e.g. '{"warrant": "none"}' (facts left out are unknown).
    #[arg(long, value_name = "JSON")]
    pub facts: Option<String>,
    /// Another situations file instead of the corpus's situations.toml.
    #[arg(long, value_name = "FILE")]
    pub situations: Option<PathBuf>,
    /// The first day to look at (default: the day before the first event).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// The last day on which to report a change (default: no limit).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// A bill to treat as enacted from its passage (repeatable).
    #[arg(long, value_name = "BILL")]
    pub assume_enacted: Vec<String>,
    /// Also list dates on which the deciding law changed but the outcome did not.
    #[arg(long)]
    pub all_changes: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

const OPTIONS: [(&str, &str); 6] = [
    ("jurisdiction", "JURISDICTION"),
    ("agency", "--agency"),
    ("action", "--action"),
    ("situation", "--situation"),
    ("assume_enacted", "--assume-enacted"),
    ("facts", "--facts"),
];

pub fn run(args: &Args) -> Result<u8> {
    let from = options::date("--from", args.from.as_deref())?;
    let until = options::date("--until", args.until.as_deref())?;
    if let (Some(from), Some(until)) = (from, until) {
        if from > until {
            anyhow::bail!("`--from` {from} is after `--until` {until}: the period is empty; give `--from` on or before `--until`");
        }
    }
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let jurisdiction = analysis::jurisdiction(&corpus, "jurisdiction", &args.jurisdiction).map_err(|e| options::argument(e, &OPTIONS))?;
    analysis::action(&corpus, "action", &args.action).map_err(|e| options::argument(e, &OPTIONS))?;
    if let Some(agency) = &args.agency {
        analysis::agency(&corpus, "agency", agency).map_err(|e| options::argument(e, &OPTIONS))?;
    }
    // The situations file is needed for a situation, or to find the default agency.
    let situations = if args.situation.is_some() || args.agency.is_none() {
        match options::situations(&corpus, &sources, args.situations.as_deref())? {
            Ok(s) => Some(s),
            Err(code) => return Ok(code),
        }
    } else {
        None
    };
    let agency = match &args.agency {
        Some(a) => a.clone(),
        None => {
            situations.as_ref().and_then(|s| s.agency_for(&corpus, jurisdiction, &args.action)).map(str::to_owned).ok_or_else(|| {
                anyhow!("`--agency`: no agency acts on `{}` by default in the situations file; name one with `--agency`", args.action)
            })?
        }
    };
    let (situation, facts) = match (&args.situation, &args.facts, &situations) {
        (Some(id), _, Some(s)) => {
            let found = s.find("situation", id).map_err(|e| options::argument(e, &OPTIONS))?;
            (Some(found.id.clone()), found.facts.clone())
        }
        (_, Some(json), _) => (None, parse_facts(json)?),
        _ => {
            crate::stderr!("note: no `--situation` or `--facts`: every fact is unknown");
            (None, BTreeMap::new())
        }
    };
    let query = TimelineQuery {
        jurisdiction: args.jurisdiction.clone(),
        agency,
        action: args.action.clone(),
        situation,
        facts,
        assume_enacted: args.assume_enacted.clone(),
        from,
        until,
        deciding_changes: args.all_changes,
    };
    let result = timeline(&corpus, &query).map_err(|e| options::argument(e, &OPTIONS))?;
    let lang = options::lang();
    let result = v1::Timeline::from_library(&result, lang);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&result)?)?,
        Format::Text => write!(out, "{}", text(&corpus, &result, lang))?,
    }
    Ok(exit::OK)
}

fn parse_facts(json: &str) -> Result<BTreeMap<String, RawValue>> {
    serde_json::from_str(json).map_err(|e| anyhow!("`--facts`: not a JSON object of facts ({e}); write e.g. '{{\"warrant\": \"none\"}}'"))
}

fn outcome(lang: Lang, o: v1::Outcome, possible: &[v1::Outcome]) -> String {
    if o == v1::Outcome::Uncertain && !possible.is_empty() {
        let names: Vec<String> = possible.iter().map(|p| p.label(lang)).collect();
        format!("{} ({})", o.label(lang), names.join(&format!(" {} ", crate::render::or_word(lang))))
    } else {
        o.label(lang)
    }
}

fn deciding(out: &mut String, lang: Lang, rules: &[v1::RuleRef]) {
    if rules.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {}", catalog::text(lang, "timeline-decided-by"));
    for r in rules {
        let _ = writeln!(out, "      {} [{}]", r.rule, r.outcome.label(lang));
        let _ = writeln!(out, "        {}", r.citation);
    }
}

/// The readable history.
fn text(corpus: &Corpus, t: &v1::Timeline, lang: Lang) -> String {
    let mut out = String::new();
    let say = |key: &str, args: &[(&str, Arg)]| catalog::message(lang, key, args);
    let date = |d: &str| Arg::from(catalog::date(lang, d));
    let _ = writeln!(out, "{} ({}) · {} · {}", crate::render::place(corpus, &t.jurisdiction), t.jurisdiction, t.agency, t.action);
    if let Some(s) = &t.situation {
        let _ = writeln!(out, "{}", say("timeline-situation", &[("situation", s.into())]));
    }
    if !t.assumed_enacted.is_empty() {
        let _ = writeln!(out, "{}", say("decision-assuming-enacted", &[("bills", t.assumed_enacted.join(", ").into())]));
    }
    let _ = writeln!(out);
    let start = outcome(lang, t.start.outcome, &t.start.possible_outcomes);
    let line = match (&t.from, t.changes.first()) {
        (None, Some(first)) => say("timeline-before", &[("date", date(&first.date)), ("answer", start.into())]),
        (None, None) => say("timeline-always", &[("answer", start.into())]),
        (Some(from), _) => say("timeline-on", &[("date", date(from)), ("answer", start.into())]),
    };
    let _ = writeln!(out, "{line}");
    deciding(&mut out, lang, &t.start.deciding);
    for c in &t.changes {
        let _ = writeln!(out);
        let to = outcome(lang, c.to, &c.possible_outcomes);
        let line = if c.from == c.to {
            say("timeline-deciding-changed", &[("date", date(&c.date)), ("answer", to.into())])
        } else {
            say("timeline-change", &[("date", date(&c.date)), ("from", c.from.label(lang).into()), ("to", to.into())])
        };
        let _ = writeln!(out, "{line}");
        if !c.events.is_empty() {
            let _ = writeln!(out, "    {}", say("timeline-what-changed", &[]));
        }
        for e in &c.events {
            let what = match (e.event.as_str(), &e.rule) {
                ("window", Some(rule)) => format!("{rule}: {}", e.note.clone().unwrap_or_else(|| say("timeline-a-window", &[]))),
                ("rule-from", Some(rule)) => say("timeline-rule-from", &[("rule", rule.into())]),
                ("rule-until", Some(rule)) => say("timeline-rule-until", &[("rule", rule.into())]),
                ("class-changes", _) if e.class.is_some() => {
                    say("timeline-class-changes", &[("class", e.class.clone().unwrap_or_default().into())])
                }
                _ => format!("{} {}", e.document, say(&format!("event-{}", e.event), &[])),
            };
            if e.placeholder {
                let _ = writeln!(out, "      {what} ({})", say("timeline-placeholder-date", &[]));
            } else {
                let _ = writeln!(out, "      {what}");
            }
            let _ = writeln!(out, "        {}", e.title);
        }
        deciding(&mut out, lang, &c.deciding);
    }
    if t.changes.is_empty() && t.from.is_some() {
        let line = match &t.until {
            Some(until) => say("timeline-no-change-until", &[("date", date(until))]),
            None => say("timeline-no-change", &[]),
        };
        let _ = writeln!(out, "\n{line}");
    }
    out
}
