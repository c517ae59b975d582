//! `juris vocabulary`: the names a request may use (jurisdictions, agencies, actions, facts with
//! their types and allowed values, and the standard situations), in text or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use juris::Corpus;
use juris::vocabulary::{FactType, ScalarType, Vocabulary};
use serde_json::{Value as Json, json};

use crate::corpus::{self, CorpusArgs};
use crate::options::{self, Format};
use crate::{exit, output};

/// One part of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// Jurisdiction ids, with their names and parents.
    Jurisdictions,
    /// The agencies that act.
    Agencies,
    /// The actions, with what each means.
    Actions,
    /// The facts, with their types and allowed values.
    Facts,
    /// The standard situations of situations.toml, with their facts.
    Situations,
}

impl Part {
    const ALL: [Part; 5] = [Part::Jurisdictions, Part::Agencies, Part::Actions, Part::Facts, Part::Situations];

    fn name(self) -> &'static str {
        match self {
            Part::Jurisdictions => "jurisdictions",
            Part::Agencies => "agencies",
            Part::Actions => "actions",
            Part::Facts => "facts",
            Part::Situations => "situations",
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = "The request contract that uses these names is docs/vocabulary.md.")]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Only this part (default: all of them).
    #[arg(value_enum)]
    pub part: Option<Part>,
    /// Another situations file instead of the corpus's situations.toml.
    #[arg(long, value_name = "FILE")]
    pub situations: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let parts: Vec<Part> = args.part.map_or_else(|| Part::ALL.to_vec(), |p| vec![p]);
    let mut listing = serde_json::Map::new();
    for part in parts {
        let value = match part {
            Part::Situations => match options::situations(&corpus, &sources, args.situations.as_deref())? {
                Ok(s) => s.situations.iter().map(|s| json!({ "id": s.id, "description": s.description, "facts": s.facts })).collect(),
                Err(code) => return Ok(code),
            },
            part => list(&corpus, part),
        };
        listing.insert(part.name().to_owned(), value);
    }
    let text = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&listing)?),
        Format::Text => text(&listing),
    };
    output::stdout(&text)?;
    Ok(exit::OK)
}

/// One part of the vocabulary as JSON.
fn list(corpus: &Corpus, part: Part) -> Json {
    let v = &corpus.vocabulary();
    let named =
        |items: &[(String, String)]| -> Json { items.iter().map(|(name, doc)| json!({ "name": name, "description": doc })).collect() };
    match part {
        Part::Jurisdictions => v
            .jurisdictions
            .iter()
            .map(|j| json!({ "id": j.id, "name": j.name, "parent": j.parent.map(|p| v.jurisdictions[p as usize].id.clone()) }))
            .collect(),
        Part::Agencies => named(&v.agencies),
        Part::Actions => named(&v.actions),
        Part::Facts => v
            .facts
            .iter()
            .map(|f| {
                let mut fact = fact_type(v, f.ty);
                fact.insert("name".into(), json!(f.name));
                fact.insert("description".into(), json!(f.doc));
                Json::Object(fact)
            })
            .collect(),
        Part::Situations => Json::Null,
    }
}

/// A fact's type: `type`, and `values` for an enum, `element` for a list.
fn fact_type(v: &Vocabulary, ty: FactType) -> serde_json::Map<String, Json> {
    let scalar = |s: ScalarType| -> serde_json::Map<String, Json> {
        let mut out = serde_json::Map::new();
        match s {
            ScalarType::Enum(e) => {
                out.insert("type".into(), json!("enum"));
                out.insert("values".into(), json!(v.enums[e as usize].values));
            }
            other => {
                out.insert("type".into(), json!(v.scalar_name(other)));
            }
        }
        out
    };
    match ty {
        FactType::Scalar(s) => scalar(s),
        FactType::Values(e) => {
            let mut out = serde_json::Map::new();
            out.insert("type".into(), json!("list"));
            out.insert("element".into(), Json::Object(scalar(ScalarType::Enum(e))));
            out
        }
        FactType::Records(r) => {
            let record = &v.records[r as usize];
            let fields: serde_json::Map<String, Json> =
                record.fields.iter().map(|(name, t)| (name.clone(), Json::Object(scalar(*t)))).collect();
            let mut out = serde_json::Map::new();
            out.insert("type".into(), json!("list"));
            out.insert("element".into(), json!({ "type": "record", "record": record.name, "fields": fields }));
            out
        }
    }
}

/// A short text form of a type: `enum (none, administrative, judicial)`, `list of {offense, level}`.
fn type_text(ty: &Json) -> String {
    match ty["type"].as_str().unwrap_or_default() {
        "enum" => format!("one of: {}", strings(&ty["values"]).join(", ")),
        "list" => match ty["element"]["type"].as_str() {
            Some("record") => {
                let fields: Vec<String> = ty["element"]["fields"]
                    .as_object()
                    .map(|f| f.iter().map(|(name, t)| format!("{name}: {}", short_type(t))).collect())
                    .unwrap_or_default();
                format!("list of {{{}}}", fields.join(", "))
            }
            _ => format!("list, each {}", type_text(&ty["element"])),
        },
        other => other.to_owned(),
    }
}

/// A record field's type: its allowed values for an enum, else the type's name.
fn short_type(ty: &Json) -> String {
    match ty["type"].as_str().unwrap_or_default() {
        "enum" => strings(&ty["values"]).join(" | "),
        other => other.to_owned(),
    }
}

fn strings(list: &Json) -> Vec<String> {
    list.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// The readable listing, one section per part.
fn text(listing: &serde_json::Map<String, Json>) -> String {
    let mut out = String::new();
    for (i, (part, items)) in listing.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{part}");
        let items = items.as_array().cloned().unwrap_or_default();
        let key = if part == "jurisdictions" || part == "situations" { "id" } else { "name" };
        let width = items.iter().filter_map(|x| x[key].as_str()).map(str::len).max().unwrap_or(0);
        for item in &items {
            let name = item[key].as_str().unwrap_or_default();
            let detail = match part.as_str() {
                "jurisdictions" => match item["parent"].as_str() {
                    Some(p) => format!("{} (under {p})", item["name"].as_str().unwrap_or_default()),
                    None => item["name"].as_str().unwrap_or_default().to_owned(),
                },
                "facts" => {
                    let doc = item["description"].as_str().unwrap_or_default();
                    if doc.is_empty() { type_text(item) } else { format!("{}: {doc}", type_text(item)) }
                }
                _ => item["description"].as_str().unwrap_or_default().to_owned(),
            };
            let _ = writeln!(out, "  {name:width$}  {detail}");
            if part == "situations" {
                for (fact, value) in item["facts"].as_object().into_iter().flatten() {
                    let _ = writeln!(out, "  {:width$}    {fact} = {value}", "");
                }
            }
        }
    }
    out
}
