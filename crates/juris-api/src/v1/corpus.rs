//! The corpus listing: documents, rules with their citations, situations and the vocabulary.

use super::schemas_support::*;
use super::{Confidence, Outcome};

/// A document of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentEntry {
    /// The document id.
    pub id: String,
    /// Its jurisdiction.
    pub jurisdiction: String,
    /// Its kind (`statute`, `regulation`, `bill`, ...).
    pub kind: String,
    /// Its title, in its own language.
    pub title: String,
    /// Its citation.
    pub citation: String,
    /// Where it can be read.
    pub sources: Vec<String>,
    /// How well its reading is established.
    pub confidence: Confidence,
    /// The first day it is law, if ever.
    pub effective: Option<String>,
    /// The first day it is no longer law, if it ended.
    pub ends: Option<String>,
    /// Its rules' ids.
    pub rules: Vec<String>,
}

/// A rule of the corpus, with its citation and quoted source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleEntry {
    /// The rule id.
    pub id: String,
    /// The document it belongs to.
    pub document: String,
    /// What it says when it applies (`uncertain` for an unsettled reading).
    pub outcome: Outcome,
    /// The actions it speaks to.
    pub actions: Vec<String>,
    /// The agencies it binds.
    pub agencies: Vec<String>,
    /// Its citation, with the pinpoint.
    pub citation: String,
    /// The heading chain it sits under.
    pub section: String,
    /// The quoted words of the source.
    pub text: String,
    /// How well the reading is established.
    pub confidence: Confidence,
    /// Why it is unsettled, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The first day of its own period, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The first day after its own period, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A standard situation (`corpus/situations.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SituationEntry {
    /// The situation id.
    pub id: String,
    /// What it is.
    pub description: String,
    /// Its facts, as written.
    pub facts: serde_json::Map<String, serde_json::Value>,
}

/// A named thing of the vocabulary (jurisdiction, agency, action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NamedEntry {
    /// The id requests use.
    pub id: String,
    /// Its name or description, as the vocabulary gives it.
    pub label: String,
    /// For a jurisdiction: the one above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A fact a request may give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FactEntry {
    /// The fact's name.
    pub name: String,
    /// Its type: `bool`, `int`, `date`, an enum's name, `list of` an enum, or `list of` a record.
    #[serde(rename = "type")]
    pub ty: String,
    /// The values allowed, for an enum or a list of enum values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// For a list of records: each field and its type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
    /// What it means, as the vocabulary says.
    pub doc: String,
}

/// The request vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Vocabulary {
    /// Jurisdictions, with their parents.
    pub jurisdictions: Vec<NamedEntry>,
    /// Agencies.
    pub agencies: Vec<NamedEntry>,
    /// Actions.
    pub actions: Vec<NamedEntry>,
    /// Facts.
    pub facts: Vec<FactEntry>,
    /// The outcomes, in order.
    pub outcomes: Vec<Outcome>,
}

/// Everything the corpus holds, for a reader or a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CorpusListing {
    /// The corpus hash.
    pub corpus: String,
    /// The documents, by id.
    pub documents: Vec<DocumentEntry>,
    /// The rules, by id.
    pub rules: Vec<RuleEntry>,
    /// The standard situations, when the corpus has them.
    pub situations: Vec<SituationEntry>,
    /// The request vocabulary.
    pub vocabulary: Vocabulary,
    /// The corpus's sourcing: rules by confidence and by whether the primary text was read.
    #[serde(default)]
    pub stats: CorpusStats,
}

/// Counts of documents and rules, by confidence and by whether the primary text was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourcingCounts {
    /// Documents.
    pub documents: usize,
    /// Rules.
    pub rules: usize,
    /// Rules of confidence `sourced` (the primary text was read).
    pub sourced: usize,
    /// Rules of confidence `secondary` (news reports, summaries).
    pub secondary: usize,
    /// Rules of confidence `uncertain` (inference, or an unsettled reading).
    pub uncertain: usize,
    /// Rules whose words were read in the primary text: `sourced` ones, and `uncertain` ones in a
    /// `sourced` document.
    pub primary_read: usize,
    /// Rules whose words were read only in a copy, a news report or a summary.
    pub primary_not_read: usize,
}

/// One document folder's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FolderStats {
    /// The folder, relative to the corpus root (`us-ca`).
    pub folder: String,
    /// Its counts.
    #[serde(flatten)]
    pub counts: SourcingCounts,
}

/// The corpus's sourcing, per document folder (in path order) and in total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CorpusStats {
    /// Per document folder.
    pub folders: Vec<FolderStats>,
    /// The whole corpus.
    pub total: SourcingCounts,
}

impl From<juris::analysis::SourcingCounts> for SourcingCounts {
    fn from(c: juris::analysis::SourcingCounts) -> SourcingCounts {
        SourcingCounts {
            documents: c.documents,
            rules: c.rules,
            sourced: c.sourced,
            secondary: c.secondary,
            uncertain: c.uncertain,
            primary_read: c.primary_read,
            primary_not_read: c.primary_not_read,
        }
    }
}

impl From<juris::analysis::CorpusStats> for CorpusStats {
    fn from(s: juris::analysis::CorpusStats) -> CorpusStats {
        CorpusStats {
            folders: s.folders.into_iter().map(|f| FolderStats { folder: f.folder, counts: f.counts.into() }).collect(),
            total: s.total.into(),
        }
    }
}

fn scalar(v: &juris::vocabulary::Vocabulary, ty: juris::vocabulary::ScalarType) -> String {
    use juris::vocabulary::ScalarType as S;
    match ty {
        S::Bool => "bool".to_owned(),
        S::Int => "int".to_owned(),
        S::Date => "date".to_owned(),
        S::Statute => "statute".to_owned(),
        S::Classes => "classes".to_owned(),
        S::Enum(e) => v.enums[e as usize].name.clone(),
    }
}

impl CorpusListing {
    /// The listing of a corpus, with its situations if given.
    pub fn from_library(corpus: &juris::Corpus, situations: Option<&juris::analysis::Situations>) -> CorpusListing {
        use juris::vocabulary::{FactType, ScalarType};
        let v = &corpus.vocabulary();
        let bits = |mask: u64, list: &[(String, String)]| -> Vec<String> {
            list.iter().enumerate().filter(|(i, _)| *i < 64 && mask & (1u64 << i) != 0).map(|(_, (id, _))| id.clone()).collect()
        };
        let mut documents: Vec<DocumentEntry> = corpus
            .documents()
            .iter()
            .map(|d| DocumentEntry {
                id: d.id.clone(),
                jurisdiction: v.jurisdictions[d.jurisdiction as usize].id.clone(),
                kind: d.kind.name().to_owned(),
                title: d.title.clone(),
                citation: d.citation.clone(),
                sources: d.sources.clone(),
                confidence: d.confidence.into(),
                effective: d.effective.map(|x| x.to_string()),
                ends: d.ends.map(|x| x.to_string()),
                rules: d.rules.iter().map(|&r| corpus.rules()[r as usize].id.clone()).collect(),
            })
            .collect();
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        let mut rules: Vec<RuleEntry> = corpus
            .rules()
            .iter()
            .map(|r| RuleEntry {
                id: r.id.clone(),
                document: corpus.documents()[r.doc as usize].id.clone(),
                outcome: r.outcome.reported().into(),
                actions: bits(r.actions, &v.actions),
                agencies: bits(r.agencies, &v.agencies),
                citation: corpus.citation(r),
                section: r.section.clone(),
                text: r.text.clone(),
                confidence: r.confidence.into(),
                reason: r.reason.clone(),
                from: r.from.map(|x| x.to_string()),
                until: r.until.map(|x| x.to_string()),
            })
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let entry = |(id, label): &(String, String)| NamedEntry { id: id.clone(), label: label.clone(), parent: None };
        let facts = v
            .facts
            .iter()
            .map(|f| {
                let (ty, values, fields) = match f.ty {
                    FactType::Scalar(s @ ScalarType::Enum(e)) => (scalar(v, s), v.enums[e as usize].values.clone(), Vec::new()),
                    FactType::Scalar(s) => (scalar(v, s), Vec::new(), Vec::new()),
                    FactType::Values(e) => {
                        (format!("list of {}", v.enums[e as usize].name), v.enums[e as usize].values.clone(), Vec::new())
                    }
                    FactType::Records(r) => {
                        let record = &v.records[r as usize];
                        let fields = record.fields.iter().map(|(name, ty)| (name.clone(), scalar(v, *ty))).collect();
                        (format!("list of {}", record.name), Vec::new(), fields)
                    }
                };
                FactEntry { name: f.name.clone(), ty, values, fields, doc: f.doc.clone() }
            })
            .collect();
        CorpusListing {
            corpus: corpus.hash().to_owned(),
            documents,
            rules,
            situations: situations
                .map(|s| {
                    s.situations
                        .iter()
                        .map(|x| SituationEntry {
                            id: x.id.clone(),
                            description: x.description.clone(),
                            facts: match serde_json::to_value(&x.facts) {
                                Ok(serde_json::Value::Object(map)) => map,
                                _ => serde_json::Map::new(),
                            },
                        })
                        .collect()
                })
                .unwrap_or_default(),
            vocabulary: Vocabulary {
                jurisdictions: v
                    .jurisdictions
                    .iter()
                    .map(|j| NamedEntry {
                        id: j.id.clone(),
                        label: j.name.clone(),
                        parent: j.parent.map(|p| v.jurisdictions[p as usize].id.clone()),
                    })
                    .collect(),
                agencies: v.agencies.iter().map(entry).collect(),
                actions: v.actions.iter().map(entry).collect(),
                facts,
                outcomes: juris::Outcome::ALL.into_iter().map(Outcome::from).collect(),
            },
            stats: corpus.stats().into(),
        }
    }
}
