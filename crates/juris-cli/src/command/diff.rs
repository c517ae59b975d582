//! `juris diff`: every region of requests where two states of the law answer differently.

use anyhow::Result;
use juris::diff::{DiffOptions, FactCondition, LawState};
use juris::view::DecisionView;
use juris::{Corpus, Date, RawRequest};
use serde_json::{Value as Json, json};
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

fn bad(argument: &str, message: String, allowed: &[String]) -> u8 {
    if allowed.is_empty() {
        crate::stderr!("error: `{argument}`: {message}");
    } else {
        crate::stderr!("error: `{argument}`: {message} (allowed: {})", allowed.join(", "));
    }
    exit::BAD_INPUT
}

fn date(argument: &str, text: &str) -> std::result::Result<Date, u8> {
    Date::parse(text).ok_or_else(|| bad(argument, format!("`{text}` is not a date; write YYYY-MM-DD"), &[]))
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
    let out = render_json(&corpus, &left, &right, &report);
    match args.format {
        Format::Json => writeln!(std::io::stdout(), "{}", serde_json::to_string(&out)?)?,
        Format::Text => crate::output::stdout(&render_text(&out))?,
    }
    Ok(exit::OK)
}

fn state_json(corpus: &Corpus, state: &LawState) -> Json {
    json!({
        "jurisdiction": corpus.vocabulary.jurisdictions[state.jurisdiction as usize].id,
        "as_of": state.as_of.to_string(),
        "assume_enacted": state.assume_enacted.iter().map(|d| corpus.documents[*d as usize].id.clone()).collect::<Vec<_>>(),
    })
}

fn side(view: &DecisionView) -> Json {
    json!({
        "outcome": view.outcome,
        "possible_outcomes": view.possible_outcomes,
        "deciding": view.deciding.iter().map(|d| d.rule.clone()).collect::<Vec<_>>(),
        "missing_facts": view.missing_facts,
    })
}

fn render_json(corpus: &Corpus, left: &LawState, right: &LawState, report: &juris::diff::DiffReport) -> Json {
    let v = &corpus.vocabulary;
    let mut actions: Vec<String> = report.differences.iter().map(|d| v.actions[d.action as usize].0.clone()).collect();
    actions.sort();
    actions.dedup();
    let differences: Vec<Json> = report
        .differences
        .iter()
        .map(|d| {
            let mut facts = serde_json::Map::new();
            let mut parts = Vec::new();
            for (f, condition) in &d.facts {
                let name = &v.facts[*f as usize].name;
                let raw = |x: &juris::request::Value| serde_json::to_value(corpus.raw_value(*f, x)).unwrap_or(Json::Null);
                let text = |j: &Json| j.as_str().map_or_else(|| j.to_string(), str::to_owned);
                match condition {
                    FactCondition::Values(values) => {
                        let raws: Vec<Json> = values.iter().map(raw).collect();
                        let texts: Vec<String> = raws.iter().map(text).collect();
                        if raws.len() == 1 {
                            parts.push(format!("{name} = {}", texts[0]));
                            facts.insert(name.clone(), raws[0].clone());
                        } else {
                            parts.push(format!("{name} in {{{}}}", texts.join(", ")));
                            facts.insert(name.clone(), Json::Array(raws));
                        }
                    }
                    FactCondition::HoldsAny { any_of, excludes } => {
                        let element = |e: &juris::request::Element| match raw(&juris::request::Value::List(vec![e.clone()].into())) {
                            Json::Array(mut items) if items.len() == 1 => items.remove(0),
                            other => other,
                        };
                        let any: Vec<Json> = any_of.iter().map(element).collect();
                        let exc: Vec<Json> = excludes.iter().map(element).collect();
                        let mut words =
                            vec![format!("{name} holds an element like any of {}", any.iter().map(text).collect::<Vec<_>>().join(", "))];
                        if !exc.is_empty() {
                            words.push(format!("{name} holds none like {}", exc.iter().map(text).collect::<Vec<_>>().join(", ")));
                        }
                        parts.push(words.join(" and "));
                        facts.insert(name.clone(), json!({ "any_of": any, "excludes": exc }));
                    }
                    FactCondition::Holds { includes, excludes } => {
                        let element = |e: &juris::request::Element| match raw(&juris::request::Value::List(vec![e.clone()].into())) {
                            Json::Array(mut items) if items.len() == 1 => items.remove(0),
                            other => other,
                        };
                        let inc: Vec<Json> = includes.iter().map(element).collect();
                        let exc: Vec<Json> = excludes.iter().map(element).collect();
                        let mut words = Vec::new();
                        if !inc.is_empty() {
                            words.push(format!(
                                "{name} holds an element like each of {}",
                                inc.iter().map(text).collect::<Vec<_>>().join(", ")
                            ));
                        }
                        if !exc.is_empty() {
                            words.push(format!("{name} holds none like {}", exc.iter().map(text).collect::<Vec<_>>().join(", ")));
                        }
                        parts.push(words.join(" and "));
                        facts.insert(name.clone(), json!({ "includes": inc, "excludes": exc }));
                    }
                }
            }
            let witness_facts: serde_json::Map<String, Json> = d
                .witness
                .iter()
                .enumerate()
                .filter_map(|(f, x)| {
                    x.as_ref().map(|x| (v.facts[f].name.clone(), serde_json::to_value(corpus.raw_value(f as u16, x)).unwrap_or(Json::Null)))
                })
                .collect();
            let request = |state: &LawState| {
                let raw = RawRequest {
                    jurisdiction: v.jurisdictions[state.jurisdiction as usize].id.clone(),
                    agency: v.agencies[d.agency as usize].0.clone(),
                    as_of: Some(state.as_of.to_string()),
                    action: v.actions[d.action as usize].0.clone(),
                    facts: Default::default(),
                    assume_enacted: state.assume_enacted.iter().map(|x| corpus.documents[*x as usize].id.clone()).collect(),
                };
                let mut json = serde_json::to_value(raw).unwrap_or(Json::Null);
                json["facts"] = Json::Object(witness_facts.clone());
                json
            };
            json!({
                "agency": v.agencies[d.agency as usize].0,
                "action": v.actions[d.action as usize].0,
                "condition": if parts.is_empty() { "every request".to_owned() } else { parts.join(" and ") },
                "facts": facts,
                "left": side(&corpus.view(&d.left)),
                "right": side(&corpus.view(&d.right)),
                "witness": { "left": request(left), "right": request(right) },
            })
        })
        .collect();
    json!({
        "left": state_json(corpus, left),
        "right": state_json(corpus, right),
        "equivalent": report.differences.is_empty(),
        "exact": report.approximations.is_empty(),
        "notes": report.approximations,
        "actions": actions,
        "differences": differences,
        "decisions": report.decisions,
    })
}

fn describe(state: &Json) -> String {
    let mut text = format!("{} as of {}", state["jurisdiction"].as_str().unwrap_or(""), state["as_of"].as_str().unwrap_or(""));
    if let Some(bills) = state["assume_enacted"].as_array().filter(|b| !b.is_empty()) {
        let names: Vec<&str> = bills.iter().filter_map(Json::as_str).collect();
        text.push_str(&format!(", assuming {} enacted", names.join(", ")));
    }
    text
}

fn render_text(out: &Json) -> String {
    let mut text = format!("left:  {}\nright: {}\n", describe(&out["left"]), describe(&out["right"]));
    let differences = out["differences"].as_array().cloned().unwrap_or_default();
    if differences.is_empty() {
        text.push_str("\nequivalent: no request is decided differently\n");
    } else {
        text.push_str(&format!(
            "\n{} regions differ, in: {}\n",
            differences.len(),
            out["actions"].as_array().map(|a| a.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(", ")).unwrap_or_default()
        ));
        for d in &differences {
            let outcome = |s: &Json| {
                let o = s["outcome"].as_str().unwrap_or("").to_owned();
                match s["possible_outcomes"].as_array().filter(|p| !p.is_empty()) {
                    Some(p) => format!("{o} ({})", p.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(" or ")),
                    None => o,
                }
            };
            text.push_str(&format!(
                "\n{} · {}\n  when {}\n  left:  {}  {}\n  right: {}  {}\n  witness: {}\n",
                d["agency"].as_str().unwrap_or(""),
                d["action"].as_str().unwrap_or(""),
                d["condition"].as_str().unwrap_or(""),
                outcome(&d["left"]),
                d["left"]["deciding"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                outcome(&d["right"]),
                d["right"]["deciding"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                d["witness"]["right"],
            ));
        }
    }
    if let Some(notes) = out["notes"].as_array().filter(|n| !n.is_empty()) {
        text.push_str("\nnot exhaustive:\n");
        for n in notes {
            text.push_str(&format!("  - {}\n", n.as_str().unwrap_or("")));
        }
    }
    text
}
