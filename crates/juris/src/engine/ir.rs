//! The checked, compiled corpus: documents, rules and classes with every name resolved to an
//! index. This is what evaluation, scenarios and the printer work on.

use std::collections::HashMap;

use crate::date::{Date, Unit};
use crate::diagnostic::Span;
use crate::syntax::ast::{CmpOp, Quantifier};
use crate::vocabulary::{FactId, Vocabulary};

/// A document, by index in [`Corpus::documents`].
pub type DocId = u32;
/// A rule, by index in [`Corpus::rules`].
pub type RuleId = u32;
/// An offense class, by index in [`Corpus::classes`].
pub type ClassId = u16;

/// The answer to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The law requires the action.
    Required,
    /// The law allows it and does not require it.
    Permitted,
    /// The law forbids it.
    Prohibited,
    /// No rule in force speaks to it.
    Unregulated,
    /// The answer depends on unsettled law or on facts the request left out.
    Uncertain,
}

impl Outcome {
    /// Every outcome, in the order of the variants.
    pub const ALL: [Outcome; 5] = [Outcome::Required, Outcome::Permitted, Outcome::Prohibited, Outcome::Unregulated, Outcome::Uncertain];

    /// Its name in the vocabulary (`required`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Required => "required",
            Outcome::Permitted => "permitted",
            Outcome::Prohibited => "prohibited",
            Outcome::Unregulated => "unregulated",
            Outcome::Uncertain => "uncertain",
        }
    }

    /// The outcome of a name, if it is one.
    pub fn parse(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A small set of outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct OutcomeSet(u8);

impl OutcomeSet {
    /// The set of one outcome.
    pub fn single(outcome: Outcome) -> OutcomeSet {
        OutcomeSet(outcome.bit())
    }
    /// Adds an outcome.
    pub fn insert(&mut self, outcome: Outcome) {
        self.0 |= outcome.bit();
    }
    /// The outcomes in either set.
    pub fn union(self, other: OutcomeSet) -> OutcomeSet {
        OutcomeSet(self.0 | other.0)
    }
    /// Whether the outcome is in the set.
    pub fn contains(self, outcome: Outcome) -> bool {
        self.0 & outcome.bit() != 0
    }
    /// How many outcomes it holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// Whether it holds none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Its outcomes, in the order of [`Outcome::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Outcome> {
        Outcome::ALL.into_iter().filter(move |o| self.contains(*o))
    }
    /// The only member, when there is exactly one.
    pub fn only(self) -> Option<Outcome> {
        if self.len() == 1 { self.iter().next() } else { None }
    }
}

/// How sure a document's or rule's encoding is of its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Encoded from the primary text, which was read.
    Sourced,
    /// Encoded from secondary sources (news, summaries) without the primary text.
    Secondary,
    /// The encoding itself is unsure; the notes say why.
    Uncertain,
}

impl Confidence {
    /// The names, in the order of the variants.
    pub const NAMES: [&'static str; 3] = ["sourced", "secondary", "uncertain"];
    /// The confidence of a name, if it is one.
    pub fn parse(name: &str) -> Option<Confidence> {
        match name {
            "sourced" => Some(Confidence::Sourced),
            "secondary" => Some(Confidence::Secondary),
            "uncertain" => Some(Confidence::Uncertain),
            _ => None,
        }
    }
    /// Its name (`sourced`, ...).
    pub fn name(self) -> &'static str {
        Confidence::NAMES[self as usize]
    }
}

/// What kind of law a document is (its front matter's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// An enacted law of a legislature.
    Statute,
    /// A regulation of an agency.
    Regulation,
    /// An executive order.
    ExecutiveOrder,
    /// A county or city ordinance.
    Ordinance,
    /// An agency's directive or written policy.
    Directive,
    /// An agency's practice, as reported.
    Practice,
    /// Guidance (an attorney general's, say): shown as advice, never decides.
    Guidance,
    /// A court's decision.
    CourtDecision,
    /// An agreement, such as a 287(g) agreement.
    Agreement,
    /// A bill: law only once enacted, or when a request assumes it enacted.
    Bill,
    /// Offense classes only.
    Classification,
}

impl DocumentKind {
    /// The names, in the order of the variants.
    pub const NAMES: [&'static str; 11] = [
        "statute",
        "regulation",
        "executive-order",
        "ordinance",
        "directive",
        "practice",
        "guidance",
        "court-decision",
        "agreement",
        "bill",
        "classification",
    ];
    const ALL: [DocumentKind; 11] = [
        DocumentKind::Statute,
        DocumentKind::Regulation,
        DocumentKind::ExecutiveOrder,
        DocumentKind::Ordinance,
        DocumentKind::Directive,
        DocumentKind::Practice,
        DocumentKind::Guidance,
        DocumentKind::CourtDecision,
        DocumentKind::Agreement,
        DocumentKind::Bill,
        DocumentKind::Classification,
    ];
    /// The kind of a name, if it is one.
    pub fn parse(name: &str) -> Option<DocumentKind> {
        DocumentKind::NAMES.iter().position(|n| *n == name).map(|i| DocumentKind::ALL[i])
    }
    /// Its name (`executive-order`, ...).
    pub fn name(self) -> &'static str {
        DocumentKind::NAMES[self as usize]
    }
}

/// What happened to a document on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A bill was introduced.
    Introduced,
    /// A bill passed its legislature.
    Passed,
    /// The executive signed it.
    Signed,
    /// The executive vetoed it.
    Vetoed,
    /// A vote to override a veto (`succeeded` says how it went).
    Override,
    /// A referendum on it (`succeeded = false` ends it).
    Referendum,
    /// It took effect: the first day it is law.
    Effective,
    /// It expired (a sunset).
    Expired,
    /// It was repealed.
    Repealed,
    /// It was terminated (an agreement ended).
    Terminated,
    /// A court enjoined it.
    Enjoined,
    /// A later document replaced it.
    SupersededBy,
}

impl EventKind {
    /// The names, in the order of the variants.
    pub const NAMES: [&'static str; 12] = [
        "introduced",
        "passed",
        "signed",
        "vetoed",
        "override",
        "referendum",
        "effective",
        "expired",
        "repealed",
        "terminated",
        "enjoined",
        "superseded-by",
    ];
    const ALL: [EventKind; 12] = [
        EventKind::Introduced,
        EventKind::Passed,
        EventKind::Signed,
        EventKind::Vetoed,
        EventKind::Override,
        EventKind::Referendum,
        EventKind::Effective,
        EventKind::Expired,
        EventKind::Repealed,
        EventKind::Terminated,
        EventKind::Enjoined,
        EventKind::SupersededBy,
    ];
    /// The event of a name, if it is one.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::NAMES.iter().position(|n| *n == name).map(|i| EventKind::ALL[i])
    }
    /// Its name (`effective`, ...).
    pub fn name(self) -> &'static str {
        EventKind::NAMES[self as usize]
    }
    /// Whether the event ends the document's force (on its date).
    pub fn ends(self) -> bool {
        matches!(self, EventKind::Expired | EventKind::Repealed | EventKind::Terminated | EventKind::Enjoined | EventKind::SupersededBy)
    }
}

/// One dated event in a document's lifecycle.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Event {
    /// What happened.
    pub event: EventKind,
    /// The day it happened.
    pub date: Date,
    /// The vote, as recorded (`7-2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<String>,
    /// For an override or a referendum: whether it succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded: Option<bool>,
    /// For `superseded-by`: the id of the document that replaced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The body or chamber that voted (`senate`, `Howard County Council`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chamber: Option<String>,
    /// A note on the event, with its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day is not known: this date stands for it (the note says why and what is known).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
}

/// A policy document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its id (`us-md-montgomery/eo-2019-07-22`): the jurisdiction, `/`, a slug.
    pub id: String,
    /// Its file's path relative to the corpus root.
    pub path: String,
    /// The jurisdiction whose law it is, by index in the vocabulary.
    pub jurisdiction: u16,
    /// What kind of law it is.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// How it is cited.
    pub citation: String,
    /// Addresses of its sources, the official publication first.
    pub sources: Vec<String>,
    /// Bit mask of the agencies it binds.
    pub binds: u64,
    /// How sure its encoding is of the source.
    pub confidence: Confidence,
    /// Its dated events, in date order.
    pub lifecycle: Vec<Event>,
    /// What a reader of the encoding should know (gaps, readings chosen), with sources.
    pub notes: Option<String>,
    /// First day in force, from the `effective` event.
    pub effective: Option<Date>,
    /// First day no longer in force, from the earliest ending event (or a failed referendum).
    pub ends: Option<Date>,
    /// For a bill assumed enacted: the day it would have taken effect (passage, else introduction).
    pub assumed_from: Option<Date>,
    /// Documents of the same jurisdiction it declares it overrides.
    pub overrides: Vec<DocId>,
    /// Its rules, in order.
    pub rules: Vec<RuleId>,
}

impl Document {
    /// Whether the document is law on `date`, possibly as a bill assumed enacted.
    pub fn in_force(&self, date: Date, assumed: bool) -> bool {
        let start = if assumed { self.assumed_from.or(self.effective) } else { self.effective };
        match start {
            Some(start) => start <= date && self.ends.is_none_or(|end| date < end),
            None => false,
        }
    }

    /// The date it started to govern on `date` (for "the later document governs").
    pub fn start(&self, assumed: bool) -> Option<Date> {
        if assumed { self.assumed_from.or(self.effective) } else { self.effective }
    }

    /// Whether it is a bill.
    pub fn is_bill(&self) -> bool {
        self.kind == DocumentKind::Bill
    }
}

/// What a rule decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleOutcome {
    /// Settled: this outcome.
    Definite(Outcome),
    /// Unsettled law: the answer is one of these.
    Uncertain(OutcomeSet),
}

impl RuleOutcome {
    /// The outcome as reported for this rule alone.
    pub fn reported(self) -> Outcome {
        match self {
            RuleOutcome::Definite(o) => o,
            RuleOutcome::Uncertain(_) => Outcome::Uncertain,
        }
    }
}

/// A rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `document#rule`.
    pub id: String,
    /// Its document.
    pub doc: DocId,
    /// Bit mask of the actions it speaks to (by index in the vocabulary).
    pub actions: u64,
    /// Bit mask of the agencies it binds.
    pub agencies: u64,
    pub(crate) when: Cond,
    /// What it decides when it applies.
    pub outcome: RuleOutcome,
    /// For unsettled law: why the answer is open, with the competing readings.
    pub reason: Option<String>,
    /// Duties it adds to its outcome, in its words.
    pub obligations: Vec<String>,
    /// The rules this one is an exception to.
    pub exception_to: Vec<RuleId>,
    /// The first day it is in play, when later than its document's.
    pub from: Option<Date>,
    /// The first day it is no longer in play.
    pub until: Option<Date>,
    /// How sure its encoding is of the source.
    pub confidence: Confidence,
    /// The pinpoint citation within its document (a section or page), when given.
    pub cite: Option<String>,
    /// The address its quoted words come from, when it is not its document's first source.
    pub source: Option<String>,
    /// The heading chain of the section it sits in.
    pub section: String,
    /// The law's own words it encodes, quoted above its code block.
    pub text: String,
    /// Where its code is in the document's file.
    pub span: Span,
}

impl Rule {
    /// Whether `date` is within its own `from`/`until` period.
    pub fn in_period(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date < u)
    }
}

/// Where a condition reads a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Fact(FactId),
    /// A field of the current list element (by position in its record).
    Field(u8),
    /// The current element of a list of plain values.
    It,
}

/// A checked condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    Const(bool),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Known(Place),
    Bool(Place),
    /// The enum value is one of the mask's bits.
    EnumIn(Place, u64),
    IntCmp(Place, CmpOp, i64),
    DateCmp(Place, CmpOp, Date),
    Within(Place, i64, Unit),
    /// The offense at `place` is in the class; `level`, `statute` and `asserted` are the
    /// element's `level`, `statute` and `classes` fields, when its record has them. A class the
    /// element's `classes` settles is settled; else a statute line of the class decides; else the
    /// offense's category line.
    Is {
        place: Place,
        class: ClassId,
        level: Option<u8>,
        statute: Option<u8>,
        asserted: Option<u8>,
    },
    Quant(Quantifier, FactId, Box<Cond>),
}

impl Cond {
    /// Calls `f` on this condition and every condition inside it, outermost first, each with the
    /// list fact it is quantified over (`None` outside any `any`/`all`/`no`). The one walk over
    /// conditions that the analyses share.
    pub(crate) fn visit<'c>(&'c self, list: Option<FactId>, f: &mut impl FnMut(&'c Cond, Option<FactId>)) {
        f(self, list);
        match self {
            Cond::Not(inner) => inner.visit(list, f),
            Cond::And(parts) | Cond::Or(parts) => parts.iter().for_each(|p| p.visit(list, f)),
            Cond::Quant(_, fact, body) => body.visit(Some(*fact), f),
            _ => {}
        }
    }
}

/// Whether an offense at a level belongs to a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Membership {
    No,
    Yes,
    /// Too coarse to decide: index of the reason in [`Class::reasons`].
    Maybe(u16),
}

/// An offense class: a table over offense × level (the last column is "level unknown"), and
/// rows for the statutes its lines name, with the same columns.
#[derive(Debug, Clone)]
pub struct Class {
    /// Its id, global in the corpus.
    pub id: String,
    /// The document that declares it.
    pub doc: DocId,
    pub(crate) levels: usize,
    /// Its membership tables, one per period between the dates of its lines (`from`, `until`),
    /// ascending; the first holds from the beginning of time.
    pub(crate) versions: Vec<ClassVersion>,
    /// Why a line is too coarse to decide, for each `Maybe` in its tables.
    pub reasons: Vec<String>,
}

/// A class's membership over one period.
#[derive(Debug, Clone)]
pub(crate) struct ClassVersion {
    /// The first day of the period (`None`: the beginning of time).
    pub from: Option<Date>,
    /// By offense, a row of `levels + 1` columns (the last: level unknown).
    pub table: Vec<Membership>,
    /// Statute lines, by normalized statute (`CA PC 459`), each a row of `levels + 1` columns.
    pub statutes: HashMap<String, Box<[Membership]>>,
}

impl Class {
    /// The membership tables in force on `as_of`.
    pub(crate) fn version(&self, as_of: Date) -> &ClassVersion {
        let at = if self.versions.len() == 1 { 1 } else { self.versions.partition_point(|v| v.from.is_none_or(|f| f <= as_of)) };
        &self.versions[at.saturating_sub(1)]
    }

    /// The days on which the class's membership changes, ascending.
    pub fn changes(&self) -> impl Iterator<Item = Date> + '_ {
        self.versions.iter().filter_map(|v| v.from)
    }

    pub(crate) fn membership(&self, offense: u16, level: Option<u16>, as_of: Date) -> Membership {
        let column = level.map_or(self.levels, |l| l as usize);
        self.version(as_of).table.get(offense as usize * (self.levels + 1) + column).copied().unwrap_or(Membership::No)
    }

    /// Membership by the most specific statute line that covers `statute` (normalized): the
    /// line of the statute itself, else of the section it subdivides (`CA PC 245(a)(1)` is
    /// covered by a line for `CA PC 245(a)`, then `CA PC 245`). `None` when no line covers it.
    pub(crate) fn statute_membership(&self, statute: &str, level: Option<u16>, as_of: Date) -> Option<Membership> {
        let column = level.map_or(self.levels, |l| l as usize);
        let statutes = &self.version(as_of).statutes;
        crate::syntax::statute::sections(statute).find_map(|s| statutes.get(s)).and_then(|row| row.get(column).copied())
    }
}

/// The most rules that may speak to one (jurisdiction, agency, action) across its stack: sets of
/// them are 128-bit masks on the hot path.
pub(crate) const MAX_CANDIDATES: usize = 128;

/// Rules that could speak to one (jurisdiction, agency, action), top layer first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidates {
    /// Ordered by layer, then by rule id.
    pub rules: Vec<RuleId>,
    /// For each rule, the mask (over positions in `rules`) of its exceptions.
    pub defeaters: Vec<u128>,
    /// For each rule, its layer's position in the stack (0 = `us`).
    pub layers: Vec<u8>,
    /// For each layer of the stack, the mask of its rules.
    pub layer_masks: Vec<u128>,
    /// The law's date boundaries for these rules, ascending: from each date on, which rules are
    /// in play and which advisory rules are in force (without bills assumed enacted).
    pub segments: Vec<Segment>,
}

/// The rules in force from one date boundary to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub from: Date,
    /// In force, in their own period, and not advisory.
    pub in_play: u128,
    /// Advisory (guidance) rules in force.
    pub advice: u128,
}

impl Candidates {
    /// The segment holding `date`.
    pub(crate) fn segment(&self, date: Date) -> Segment {
        let index = self.segments.partition_point(|s| s.from <= date);
        self.segments.get(index.wrapping_sub(1)).or(self.segments.first()).copied().unwrap_or(Segment { from: date, in_play: 0, advice: 0 })
    }

    /// Which candidates are in play on `date` (§1), as masks over positions: binding rules, and
    /// advisory ones (guidance) in force. A bill in `enacted` is read as law from its passage.
    /// The compiled segments are this, computed once per boundary day with nothing enacted.
    pub(crate) fn in_play_on(&self, rules: &[Rule], documents: &[Document], date: Date, enacted: &[DocId]) -> (u128, u128) {
        let (mut in_play, mut advice) = (0u128, 0u128);
        for (i, &r) in self.rules.iter().enumerate().take(MAX_CANDIDATES) {
            let rule = &rules[r as usize];
            let doc = &documents[rule.doc as usize];
            if rule.in_period(date) && doc.in_force(date, enacted.contains(&rule.doc)) {
                if doc.kind == DocumentKind::Guidance {
                    advice |= 1u128 << i;
                } else {
                    in_play |= 1u128 << i;
                }
            }
        }
        (in_play, advice)
    }
}

/// The compiled corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub(crate) vocabulary: Vocabulary,
    pub(crate) documents: Vec<Document>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) classes: Vec<Class>,
    /// Indexed by `(jurisdiction * agencies + agency) * actions + action`.
    pub(crate) candidates: Vec<Candidates>,
    pub(crate) hash: String,
    /// Each rule's position among all rules sorted by id, for sorting by name without strings.
    pub(crate) rank: Vec<u32>,
    /// Labels and prompts for the vocabulary's names (`labels.toml`; empty without one).
    pub(crate) labels: crate::labels::Labels,
    pub(crate) document_index: HashMap<String, DocId>,
    pub(crate) rule_index: HashMap<String, RuleId>,
}

impl Corpus {
    /// The vocabulary: jurisdictions, agencies, actions, facts and their types.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }
    /// Every document, in path order; a [`DocId`] indexes this slice.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }
    /// Every rule, documents in path order and each document's rules in order; a [`RuleId`]
    /// indexes this slice.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
    /// Every offense class; a [`ClassId`] indexes this slice.
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }
    /// The SHA-256 of the corpus's vocabulary and documents, in hex: it names this law exactly.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// Labels and prompts for the vocabulary's names in each language (`labels.toml`).
    pub fn labels(&self) -> &crate::labels::Labels {
        &self.labels
    }
    /// A document by its id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.document_index.get(id).map(|&d| &self.documents[d as usize])
    }
    /// A document's index by its id.
    pub fn document_id(&self, id: &str) -> Option<DocId> {
        self.document_index.get(id).copied()
    }
    /// A rule by its id (`document#rule`).
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_index.get(id).map(|&r| &self.rules[r as usize])
    }
    /// A rule's index by its id.
    pub fn rule_id(&self, id: &str) -> Option<RuleId> {
        self.rule_index.get(id).copied()
    }
    /// An offense class by its id.
    pub fn class_id(&self, id: &str) -> Option<ClassId> {
        self.classes.iter().position(|c| c.id == id).map(|c| c as ClassId)
    }
    pub(crate) fn candidates(&self, jurisdiction: u16, agency: u16, action: u16) -> &Candidates {
        let v = &self.vocabulary;
        let index = (jurisdiction as usize * v.agencies.len() + agency as usize) * v.actions.len() + action as usize;
        &self.candidates[index]
    }
    /// The citation of a rule: its document's citation and the rule's pinpoint.
    pub fn citation(&self, rule: &Rule) -> String {
        let doc = &self.documents[rule.doc as usize];
        match &rule.cite {
            Some(pin) => format!("{}, {}", doc.citation, pin),
            None => doc.citation.clone(),
        }
    }
}
