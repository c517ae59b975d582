//! The corpus vocabulary: jurisdictions, agencies, actions, enums, records and facts.
//!
//! It is read from `vocabulary.toml` at the corpus root, so that adding a fact, an offense or a
//! jurisdiction needs no code change. Everything is interned: the engine refers to names by index.

use std::collections::{BTreeMap, HashMap};

pub use crate::labels::{LABELS_FILE, LabelKind, Labels};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Span, did_you_mean};

/// Index of an enum in [`Vocabulary::enums`].
pub type EnumId = u16;
/// Index of a fact in [`Vocabulary::facts`].
pub type FactId = u16;

/// The most facts a vocabulary may declare (unknown-fact sets are fixed-size bitsets).
pub const MAX_FACTS: usize = 256;
/// The most values an enum may have (value sets are 64-bit masks).
pub const MAX_ENUM_VALUES: usize = 64;

/// The type of a scalar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Int,
    /// A calendar date.
    Date,
    /// A value of the enum.
    Enum(EnumId),
    /// The statute of a charge or conviction (`CA PC 459`), as text; only a record field.
    Statute,
    /// The offense classes a record settles (`{"ca-7282-5-listed": false}`); only a record field.
    Classes,
}

/// The type of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactType {
    /// One value.
    Scalar(ScalarType),
    /// A list of records (index into [`Vocabulary::records`]).
    Records(u16),
    /// A list of enum values.
    Values(EnumId),
}

/// A jurisdiction of `vocabulary.toml`.
#[derive(Debug, Clone)]
pub struct Jurisdiction {
    /// Its id (`us-md-montgomery`): the contract's name.
    pub id: String,
    /// Its name for people (`Montgomery County, Maryland`).
    pub name: String,
    /// The jurisdiction whose law it is under (its next layer up), by index; `None` at the root.
    pub parent: Option<u16>,
    /// Council seats, when the charter is encoded.
    pub council_seats: Option<u32>,
    /// Votes needed to override a veto, when the charter is encoded.
    pub override_votes: Option<u32>,
}

/// An enum: a closed set of names (`warrant`: `none`, `administrative`, `judicial`).
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// Its name.
    pub name: String,
    /// Its values, in declaration order; a value's index is its number.
    pub values: Vec<String>,
}

/// A record type: the elements of a list fact (a charge, a conviction).
#[derive(Debug, Clone)]
pub struct RecordDef {
    /// Its name (`charge`).
    pub name: String,
    /// Its fields and their types, in name order; a field's index is its position.
    pub fields: Vec<(String, ScalarType)>,
}

/// A fact a request may give.
#[derive(Debug, Clone)]
pub struct FactDef {
    /// Its name in requests.
    pub name: String,
    /// Its type.
    pub ty: FactType,
    /// What it means, from `vocabulary.toml`.
    pub doc: String,
}

/// An action whose restriction federal law contests, with the note `juris check` gives a rule
/// that prohibits it.
#[derive(Debug, Clone)]
pub struct Contested {
    /// The action's index in [`Vocabulary::actions`].
    pub action: u16,
    /// What a prohibiting rule does, completing "rule `id` ...".
    pub restriction: String,
    /// The federal law that contests it and where that law stands.
    pub why: String,
}

/// The loaded vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Every jurisdiction, in name order.
    pub jurisdictions: Vec<Jurisdiction>,
    /// Every agency with what it covers, in name order; an agency's index is its bit.
    pub agencies: Vec<(String, String)>,
    /// Every action with what it means, in name order; an action's index is its bit.
    pub actions: Vec<(String, String)>,
    /// Every enum, in name order.
    pub enums: Vec<EnumDef>,
    /// Every record type, in name order.
    pub records: Vec<RecordDef>,
    /// Every fact, in name order; a fact's index is its [`FactId`].
    pub facts: Vec<FactDef>,
    /// Actions whose restriction by local law federal law contests (`[contested]`), in name
    /// order: `juris check` notes every rule that prohibits one (N0001).
    pub contested: Vec<Contested>,
    jurisdiction_index: HashMap<String, u16>,
    agency_index: HashMap<String, u16>,
    action_index: HashMap<String, u16>,
    enum_index: HashMap<String, EnumId>,
    fact_index: HashMap<String, FactId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    jurisdictions: BTreeMap<String, RawJurisdiction>,
    agencies: BTreeMap<String, String>,
    actions: BTreeMap<String, String>,
    enums: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    records: BTreeMap<String, BTreeMap<String, String>>,
    facts: BTreeMap<String, RawFact>,
    #[serde(default)]
    contested: BTreeMap<String, RawContested>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContested {
    restriction: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJurisdiction {
    name: String,
    parent: Option<String>,
    council_seats: Option<u32>,
    override_votes: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    doc: String,
}

impl Vocabulary {
    /// Parses `vocabulary.toml`. Problems are returned as diagnostics against `path`.
    pub fn parse(path: &str, text: &str) -> Result<Vocabulary, Vec<Diagnostic>> {
        let raw: RawVocabulary = toml::from_str(text).map_err(|e| {
            vec![
                Diagnostic::error(
                    crate::diagnostic::Code::E0001,
                    path,
                    e.span().map(|r| Span::new(r.start, r.end)),
                    format!("invalid vocabulary: {}", e.message()),
                )
                .with_help("see docs/vocabulary.md for the layout of vocabulary.toml"),
            ]
        })?;
        let mut errors = Vec::new();
        let locate = |needle: &str| -> Option<Span> { text.find(needle).map(|start| Span::new(start, start + needle.len())) };
        let mut v = Vocabulary::default();

        // Jurisdictions: BTreeMap order, then parents resolved.
        for (index, (id, j)) in raw.jurisdictions.iter().enumerate() {
            v.jurisdiction_index.insert(id.clone(), index as u16);
            v.jurisdictions.push(Jurisdiction {
                id: id.clone(),
                name: j.name.clone(),
                parent: None,
                council_seats: j.council_seats,
                override_votes: j.override_votes,
            });
        }
        for (index, (id, j)) in raw.jurisdictions.iter().enumerate() {
            if let Some(parent) = &j.parent {
                match v.jurisdiction_index.get(parent) {
                    Some(&p) => v.jurisdictions[index].parent = Some(p),
                    None => errors.push(
                        Diagnostic::error(
                            crate::diagnostic::Code::E0002,
                            path,
                            locate(&format!("parent = \"{parent}\"")),
                            format!("jurisdiction `{id}` names unknown parent `{parent}`"),
                        )
                        .with_help_opt(did_you_mean(parent, raw.jurisdictions.keys().map(String::as_str))),
                    ),
                }
            }
        }
        // INVARIANT: the parent chain has no cycle, so stacks terminate.
        for index in 0..v.jurisdictions.len() {
            let mut seen = 0;
            let mut at = Some(index as u16);
            while let Some(j) = at {
                seen += 1;
                if seen > v.jurisdictions.len() {
                    let id = &v.jurisdictions[index].id;
                    errors.push(Diagnostic::error(
                        crate::diagnostic::Code::E0003,
                        path,
                        locate(id),
                        format!("jurisdiction `{id}` is its own ancestor"),
                    ));
                    v.jurisdictions[index].parent = None;
                    break;
                }
                at = v.jurisdictions[j as usize].parent;
            }
        }

        for (index, (name, doc)) in raw.agencies.iter().enumerate() {
            v.agency_index.insert(name.clone(), index as u16);
            v.agencies.push((name.clone(), doc.clone()));
        }
        for (index, (name, doc)) in raw.actions.iter().enumerate() {
            v.action_index.insert(name.clone(), index as u16);
            v.actions.push((name.clone(), doc.clone()));
        }
        // INVARIANT: agencies and actions are bits of a `u64` mask, so there are at most 64 of each.
        for (what, count) in [("agencies", v.agencies.len()), ("actions", v.actions.len())] {
            if count > 64 {
                errors.push(
                    Diagnostic::error(
                        crate::diagnostic::Code::E0004,
                        path,
                        None,
                        format!("{count} {what} are declared; at most 64 may be"),
                    )
                    .with_help(format!("{what} are bits of a 64-bit mask: merge {what} that the law treats alike")),
                );
            }
        }
        for (index, (name, values)) in raw.enums.iter().enumerate() {
            if values.len() > MAX_ENUM_VALUES {
                errors.push(Diagnostic::error(
                    crate::diagnostic::Code::E0004,
                    path,
                    locate(name),
                    format!("enum `{name}` has more than {MAX_ENUM_VALUES} values"),
                ));
            }
            v.enum_index.insert(name.clone(), index as EnumId);
            v.enums.push(EnumDef { name: name.clone(), values: values.clone() });
        }
        let scalar = |v: &Vocabulary, ty: &str| -> Option<ScalarType> {
            match ty {
                "bool" => Some(ScalarType::Bool),
                "int" => Some(ScalarType::Int),
                "date" => Some(ScalarType::Date),
                "statute" => Some(ScalarType::Statute),
                "classes" => Some(ScalarType::Classes),
                other => v.enum_index.get(other).map(|&e| ScalarType::Enum(e)),
            }
        };
        let type_names = |v: &Vocabulary| -> Vec<String> {
            let mut names: Vec<String> = ["bool", "int", "date", "statute", "classes"].iter().map(|s| s.to_string()).collect();
            names.extend(v.enums.iter().map(|e| e.name.clone()));
            names
        };
        let mut record_index = HashMap::new();
        for (index, (name, fields)) in raw.records.iter().enumerate() {
            record_index.insert(name.clone(), index as u16);
            let mut def = RecordDef { name: name.clone(), fields: Vec::new() };
            for (field, ty) in fields {
                match scalar(&v, ty) {
                    Some(t) => def.fields.push((field.clone(), t)),
                    None => {
                        let names = type_names(&v);
                        errors.push(
                            Diagnostic::error(
                                crate::diagnostic::Code::E0005,
                                path,
                                locate(&format!("{field} = \"{ty}\"")),
                                format!("record `{name}` field `{field}` has unknown type `{ty}`"),
                            )
                            .with_help_opt(did_you_mean(ty, names.iter().map(String::as_str))),
                        )
                    }
                }
            }
            // INVARIANT: a record's statute and class assertions come after its other fields, so
            // that adding them keeps the positions (and the `offense:level` texts) of the others.
            def.fields.sort_by_key(|(_, t)| matches!(t, ScalarType::Statute | ScalarType::Classes));
            v.records.push(def);
        }
        for (index, (name, fact)) in raw.facts.iter().enumerate() {
            let ty = if let Some(elem) = fact.ty.strip_prefix("list ") {
                let elem = elem.trim();
                if let Some(&r) = record_index.get(elem) {
                    Some(FactType::Records(r))
                } else {
                    v.enum_index.get(elem).map(|&e| FactType::Values(e))
                }
            } else {
                // A statute or class assertions belong to a charge or conviction, not to the person.
                scalar(&v, &fact.ty).filter(|t| !matches!(t, ScalarType::Statute | ScalarType::Classes)).map(FactType::Scalar)
            };
            match ty {
                Some(ty) => {
                    v.fact_index.insert(name.clone(), index as FactId);
                    v.facts.push(FactDef { name: name.clone(), ty, doc: fact.doc.clone() });
                }
                None => {
                    let mut names = type_names(&v);
                    names.extend(raw.records.keys().map(|r| format!("list {r}")));
                    let at = locate(&format!("[facts.{name}]"));
                    errors.push(if matches!(fact.ty.as_str(), "statute" | "classes") {
                        Diagnostic::error(
                            crate::diagnostic::Code::E0005,
                            path,
                            at,
                            format!("fact `{name}` has type `{}`, which only a record field may have", fact.ty),
                        )
                        .with_help(
                            "a statute and class assertions belong to a charge or conviction: declare them in its `[records.*]` table",
                        )
                    } else {
                        Diagnostic::error(crate::diagnostic::Code::E0005, path, at, format!("fact `{name}` has unknown type `{}`", fact.ty))
                            .with_help_opt(did_you_mean(&fact.ty, names.iter().map(String::as_str)))
                    });
                    // Keep indices dense: a placeholder that no rule can match.
                    v.fact_index.insert(name.clone(), index as FactId);
                    v.facts.push(FactDef { name: name.clone(), ty: FactType::Scalar(ScalarType::Bool), doc: String::new() });
                }
            }
        }
        if v.facts.len() > MAX_FACTS {
            errors.push(Diagnostic::error(
                crate::diagnostic::Code::E0004,
                path,
                None,
                format!("at most {MAX_FACTS} facts may be declared"),
            ));
        }
        for (name, contested) in &raw.contested {
            match v.action_index.get(name) {
                Some(&action) => {
                    v.contested.push(Contested { action, restriction: contested.restriction.clone(), why: contested.why.clone() })
                }
                None => {
                    let actions: Vec<&str> = v.actions.iter().map(|(a, _)| a.as_str()).collect();
                    errors.push(
                        Diagnostic::error(
                            crate::diagnostic::Code::E0007,
                            path,
                            locate(name),
                            format!("`[contested]` names the unknown action `{name}`"),
                        )
                        .with_help_opt(
                            did_you_mean(name, actions.iter().copied()).or(Some("contested actions are declared in `[actions]`".into())),
                        ),
                    );
                }
            }
        }
        for required in ["offense", "level"] {
            if !v.enum_index.contains_key(required) {
                errors.push(Diagnostic::error(
                    crate::diagnostic::Code::E0006,
                    path,
                    None,
                    format!("the vocabulary must declare the enum `{required}` (offense classes are built on it)"),
                ));
            }
        }
        if errors.is_empty() { Ok(v) } else { Err(errors) }
    }

    /// A jurisdiction's index by its id.
    pub fn jurisdiction(&self, id: &str) -> Option<u16> {
        self.jurisdiction_index.get(id).copied()
    }
    /// An agency's index by its name.
    pub fn agency(&self, name: &str) -> Option<u16> {
        self.agency_index.get(name).copied()
    }
    /// An action's index by its name.
    pub fn action(&self, name: &str) -> Option<u16> {
        self.action_index.get(name).copied()
    }
    /// An enum's index by its name.
    pub fn enum_id(&self, name: &str) -> Option<EnumId> {
        self.enum_index.get(name).copied()
    }
    /// A fact's index by its name.
    pub fn fact(&self, name: &str) -> Option<FactId> {
        self.fact_index.get(name).copied()
    }
    /// A value's number in an enum.
    pub fn enum_value(&self, e: EnumId, value: &str) -> Option<u16> {
        self.enums[e as usize].values.iter().position(|v| v == value).map(|p| p as u16)
    }
    /// The `offense` enum, on which offense classes are built.
    pub fn offense_enum(&self) -> EnumId {
        self.enum_index.get("offense").copied().unwrap_or(0)
    }
    /// The `level` enum.
    pub fn level_enum(&self) -> EnumId {
        self.enum_index.get("level").copied().unwrap_or(0)
    }

    /// The jurisdiction and its ancestors, from the top (`us`) down.
    pub fn stack(&self, jurisdiction: u16) -> Vec<u16> {
        let mut stack = Vec::new();
        let mut at = Some(jurisdiction);
        while let Some(j) = at {
            stack.push(j);
            at = self.jurisdictions[j as usize].parent;
        }
        stack.reverse();
        stack
    }

    /// How many ancestors a jurisdiction has (`us` is 0).
    pub fn depth(&self, jurisdiction: u16) -> usize {
        self.stack(jurisdiction).len() - 1
    }

    /// The name of a scalar type, for messages.
    pub fn scalar_name(&self, ty: ScalarType) -> String {
        match ty {
            ScalarType::Bool => "bool".into(),
            ScalarType::Int => "int".into(),
            ScalarType::Date => "date".into(),
            ScalarType::Statute => "statute".into(),
            ScalarType::Classes => "classes".into(),
            ScalarType::Enum(e) => self.enums[e as usize].name.clone(),
        }
    }

    /// The name of a fact type, for messages.
    pub fn type_name(&self, ty: FactType) -> String {
        match ty {
            FactType::Scalar(s) => self.scalar_name(s),
            FactType::Records(r) => format!("list {}", self.records[r as usize].name),
            FactType::Values(e) => format!("list {}", self.enums[e as usize].name),
        }
    }
}
