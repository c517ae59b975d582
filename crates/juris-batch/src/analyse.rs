//! The analysis: rows grouped into people or bookings, each group turned into one request per
//! question, state of the law and action, each distinct request decided once.
//!
//! INVARIANT: memory is bounded by the largest group and the cache, never by the input: rows of a
//! group must be adjacent (as in a one-row-per-charge export), and a group is finished as soon as
//! the next one starts.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use arrow_array::{RecordBatch, StringArray};
use juris::{Corpus, Date, Outcome, RawRequest, RawValue, Request};

use crate::error::BatchError;
use crate::input::{cell, text_columns};
use crate::map::{AsOf, Disposition, Map, PriorConvictions, ValueSource};
use crate::summary::Summary;

/// The most distinct requests kept in the cache; past it the cache starts again, which costs time,
/// never correctness.
const CACHE_LIMIT: usize = 200_000;

/// A row that could not be turned into a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowIssue {
    /// 1-based data row (the header is not counted).
    pub row: u64,
    pub column: String,
    pub reason: String,
}

/// The answer for one request, as the output reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub outcome: Outcome,
    pub possible: Vec<Outcome>,
    pub deciding: Option<String>,
    pub missing_facts: Vec<String>,
    /// Why an `uncertain` answer is uncertain: missing facts, coarse classes, unsettled law.
    pub because: Vec<String>,
    /// `possible`, `missing_facts` and `because` as the output columns write them (joined with
    /// `; `), computed once per distinct answer rather than once per output row.
    pub columns: [String; 3],
}

/// One output row: a group asked one question under one state of the law about one action.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputRow {
    pub group: Arc<str>,
    pub first_row: u64,
    pub year: Option<i16>,
    pub question: Arc<str>,
    pub law: Arc<str>,
    pub action: Arc<str>,
    pub jurisdiction: Arc<str>,
    pub agency: Arc<str>,
    pub as_of: Date,
    pub answer: Arc<Answer>,
    /// When the question compares two states of the law: the other state and its outcome here.
    pub compared: Option<(Arc<str>, Outcome)>,
}

/// A request's answer with the names it was asked with.
struct Resolved {
    answer: Arc<Answer>,
    jurisdiction: Arc<str>,
    agency: Arc<str>,
    as_of: Date,
}

struct ChargeRow {
    row: u64,
    code: Option<String>,
    text: Option<String>,
    level: Option<String>,
    disposition: Option<String>,
    conviction_date: Option<String>,
}

#[derive(Default)]
struct Group {
    /// The values of the group columns (the row number when there are none).
    key: Vec<String>,
    id: String,
    first_row: u64,
    booking: Option<String>,
    jurisdiction: Option<String>,
    agency: Option<String>,
    /// Values of the `facts_from` columns, in the map's order.
    fact_values: Vec<Option<String>>,
    charges: Vec<ChargeRow>,
}

/// Column positions in the list [`Map::columns`] returns.
struct Columns {
    names: Vec<String>,
    group: Vec<usize>,
    id: Option<usize>,
    skip: Vec<(usize, Vec<String>)>,
    booking: Option<usize>,
    conviction: Option<usize>,
    jurisdiction: Option<usize>,
    agency: Option<usize>,
    facts_from: Vec<usize>,
    code: Option<usize>,
    text: Option<usize>,
    level: Option<usize>,
    disposition: Option<usize>,
    exclude: Vec<(usize, Vec<String>)>,
}

/// The state of a run: the current group, the cache and the counts.
pub struct Analysis<'a> {
    corpus: &'a Corpus,
    map: &'a Map,
    columns: Columns,
    group: Option<Group>,
    rows: u64,
    cache: HashMap<Request, Arc<Answer>>,
    /// Answers per group signature (see [`Analysis::signature`]).
    groups: HashMap<String, Arc<Vec<Option<Resolved>>>>,
    /// Whether some state of the law is dated by the booking, which then joins the signature.
    by_booking: bool,
    names: Names,
    pub summary: Summary,
    /// Rows that could not be turned into requests, up to a limit (all are counted).
    pub issues: Vec<RowIssue>,
}

/// The most row issues kept for the report; all are counted.
const ISSUE_LIMIT: usize = 1000;

/// The names output rows carry, shared rather than copied per row.
struct Names {
    questions: Vec<QuestionNames>,
}

/// One question's name and the names of its law states and actions, in the map's order.
struct QuestionNames {
    name: Arc<str>,
    laws: Vec<Arc<str>>,
    actions: Vec<Arc<str>>,
}

impl<'a> Analysis<'a> {
    pub fn new(corpus: &'a Corpus, map: &'a Map) -> Analysis<'a> {
        let names: Vec<String> = map.columns().into_iter().map(str::to_owned).collect();
        let pos = |c: &str| names.iter().position(|n| n == c);
        let opt = |c: &Option<String>| c.as_deref().and_then(pos);
        let column_of = |s: &ValueSource| match s {
            ValueSource::Column { column, .. } => pos(column),
            ValueSource::Constant(_) => None,
        };
        let charges = map.charges.as_ref();
        let columns = Columns {
            group: map.group.iter().filter_map(|c| pos(c)).collect(),
            id: opt(&map.id),
            skip: map.skip.iter().filter_map(|f| Some((pos(&f.column)?, f.values.clone()))).collect(),
            booking: opt(&map.booking_date),
            conviction: opt(&map.conviction_date),
            jurisdiction: column_of(&map.jurisdiction),
            agency: column_of(&map.agency),
            facts_from: map.facts_from.iter().filter_map(|f| pos(&f.column)).collect(),
            code: charges.and_then(|c| opt(&c.code)),
            text: charges.and_then(|c| opt(&c.text)),
            level: charges.and_then(|c| opt(&c.level)),
            disposition: charges.and_then(|c| opt(&c.disposition)),
            exclude: charges
                .map(|c| c.exclude.iter().filter_map(|f| Some((pos(&f.column)?, f.values.clone()))).collect())
                .unwrap_or_default(),
            names,
        };
        let names = Names {
            questions: map
                .questions
                .iter()
                .map(|q| QuestionNames {
                    name: Arc::from(q.name.as_str()),
                    laws: q.laws.iter().map(|l| Arc::from(l.name.as_str())).collect(),
                    actions: q.actions.iter().map(|a| Arc::from(a.as_str())).collect(),
                })
                .collect(),
        };
        let by_booking = map.questions.iter().flat_map(|q| &q.laws).any(|l| l.as_of == AsOf::Booking);
        Analysis {
            corpus,
            map,
            columns,
            group: None,
            rows: 0,
            cache: HashMap::new(),
            groups: HashMap::new(),
            by_booking,
            names,
            summary: Summary::new(map),
            issues: Vec::new(),
        }
    }

    /// The columns this analysis reads, in the order [`Analysis::push`] expects them.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.names.iter().map(String::as_str).collect()
    }

    /// Reads one record batch; finished groups are passed to `emit` as output rows.
    pub fn push(&mut self, batch: &RecordBatch, emit: &mut dyn FnMut(OutputRow) -> Result<(), BatchError>) -> Result<(), BatchError> {
        let names = self.column_names();
        let cols = text_columns(batch, &names)?;
        for r in 0..batch.num_rows() {
            self.rows += 1;
            self.row(&cols, r, emit)?;
        }
        Ok(())
    }

    /// Finishes the last group.
    pub fn finish(&mut self, emit: &mut dyn FnMut(OutputRow) -> Result<(), BatchError>) -> Result<(), BatchError> {
        if let Some(group) = self.group.take() {
            self.finish_group(group, emit)?;
        }
        self.summary.fold();
        self.summary.rows = self.rows;
        self.summary.distinct_requests = self.summary.decided;
        Ok(())
    }

    fn issue(&mut self, row: u64, column: &str, reason: String) {
        self.summary.issues += 1;
        if self.issues.len() < ISSUE_LIMIT {
            self.issues.push(RowIssue { row, column: column.to_owned(), reason });
        }
    }

    fn row(&mut self, cols: &[StringArray], r: usize, emit: &mut dyn FnMut(OutputRow) -> Result<(), BatchError>) -> Result<(), BatchError> {
        let row_number = self.rows;
        let (started, charge) = {
            let c = &self.columns;
            let get = |i: Option<usize>| i.and_then(|i| cell(&cols[i], r)).map(str::to_owned);
            let selects = |filters: &[(usize, Vec<String>)]| {
                filters.iter().any(|(i, values)| cell(&cols[*i], r).is_some_and(|v| values.iter().any(|x| x == v)))
            };
            if selects(&c.skip) {
                self.summary.skipped_rows += 1;
                return Ok(());
            }
            // The row continues the current group when every group column says the same; without
            // group columns, every row is a group of its own.
            let same = !c.group.is_empty()
                && self
                    .group
                    .as_ref()
                    .is_some_and(|g| c.group.iter().zip(&g.key).all(|(&i, part)| cell(&cols[i], r).unwrap_or("") == part.as_str()));
            let key: Vec<String> = if same {
                Vec::new()
            } else if c.group.is_empty() {
                vec![row_number.to_string()]
            } else {
                c.group.iter().map(|&i| cell(&cols[i], r).unwrap_or("").to_owned()).collect()
            };
            let started = (!same).then(|| Group {
                id: get(c.id).unwrap_or_else(|| key.join("/")),
                key,
                first_row: row_number,
                booking: get(c.booking),
                jurisdiction: get(c.jurisdiction),
                agency: get(c.agency),
                fact_values: c.facts_from.iter().map(|&i| cell(&cols[i], r).map(str::to_owned)).collect(),
                charges: Vec::new(),
            });
            let charge = (self.map.charges.is_some() && !selects(&c.exclude)).then(|| ChargeRow {
                row: row_number,
                code: get(c.code),
                text: get(c.text),
                level: get(c.level),
                disposition: get(c.disposition),
                conviction_date: get(c.conviction),
            });
            (started, charge)
        };
        if let Some(group) = started
            && let Some(done) = self.group.replace(group)
        {
            self.finish_group(done, emit)?;
        }
        if let (Some(charge), Some(group)) = (charge, self.group.as_mut()) {
            group.charges.push(charge);
        }
        Ok(())
    }

    fn finish_group(&mut self, group: Group, emit: &mut dyn FnMut(OutputRow) -> Result<(), BatchError>) -> Result<(), BatchError> {
        self.summary.groups += 1;
        let Some(parts) = self.facts(&group) else {
            self.summary.skipped_groups += 1;
            return Ok(());
        };
        let year = parts.booking.map(|d| d.to_string()[..4].parse().unwrap_or(0));
        // Groups with the same signature get the same requests: answer them once.
        let signature = self.signature(&group, &parts);
        let answers = match self.groups.get(&signature) {
            Some(answers) => answers.clone(),
            None => {
                let issues = self.summary.issues;
                let answers = Arc::new(self.answers(&group, &parts));
                if self.summary.issues == issues {
                    if self.groups.len() >= CACHE_LIMIT {
                        self.groups.clear();
                    }
                    self.groups.insert(signature, answers.clone());
                }
                answers
            }
        };
        let mut next = answers.iter();
        let id: Arc<str> = Arc::from(group.id.as_str());
        // The summary's cells and changes, in their order: question, action, then state of the law
        // (cells) or comparison (changes).
        let (mut cell, mut change) = (0usize, 0usize);
        for (qi, question) in self.map.questions.iter().enumerate() {
            let QuestionNames { name: qname, laws: lnames, actions: anames } = &self.names.questions[qi];
            for action_name in anames {
                let mut rows: Vec<Option<OutputRow>> = Vec::with_capacity(question.laws.len());
                for law_name in lnames {
                    let resolved = next.next().and_then(Option::as_ref);
                    rows.push(resolved.map(|r| OutputRow {
                        group: id.clone(),
                        first_row: group.first_row,
                        year,
                        question: qname.clone(),
                        law: law_name.clone(),
                        action: action_name.clone(),
                        jurisdiction: r.jurisdiction.clone(),
                        agency: r.agency.clone(),
                        as_of: r.as_of,
                        answer: r.answer.clone(),
                        compared: None,
                    }));
                }
                // For each state of the law, the change that compares it with an earlier one.
                let mut change_of: Vec<Option<usize>> = vec![None; rows.len()];
                for (k, &(from, to)) in question.compare.iter().enumerate() {
                    change_of[to] = Some(change + k);
                    let before = rows[from].as_ref().map(|r| r.answer.outcome);
                    if let (Some(before), Some(row)) = (before, rows[to].as_mut()) {
                        row.compared = Some((lnames[from].clone(), before));
                    }
                }
                for (l, row) in rows.into_iter().enumerate() {
                    if let Some(row) = row {
                        self.summary.requests += 1;
                        self.summary.add(cell + l, change_of[l], &row);
                        emit(row)?;
                    }
                }
                cell += lnames.len();
                change += question.compare.len();
            }
        }
        Ok(())
    }

    /// What a group's requests depend on: its charges and convictions (conviction dates relative to
    /// the booking), the facts read from columns, the jurisdiction and agency columns, and the
    /// booking date when a state of the law is dated by it.
    fn signature(&self, group: &Group, parts: &Parts) -> String {
        // A compact, unambiguous encoding: every text is written with its length.
        let mut key = String::with_capacity(256);
        let booking = parts.booking.map(|d| d.days());
        for charge in &parts.charges {
            encode(charge, &mut key);
        }
        key.push('|');
        for (record, date) in &parts.convictions {
            for (name, value) in record {
                text(name, &mut key);
                encode(value, &mut key);
            }
            match date {
                Some(d) => key.push_str(&format!("@{}", d - booking.unwrap_or(0))),
                None => key.push('@'),
            }
        }
        key.push('|');
        for value in &group.fact_values {
            option(value.as_deref(), &mut key);
        }
        key.push('|');
        option(group.jurisdiction.as_deref(), &mut key);
        option(group.agency.as_deref(), &mut key);
        if self.by_booking {
            key.push_str(&format!("|{booking:?}"));
        }
        key
    }

    /// The answers for one group, in the order question, action, state of the law.
    fn answers(&mut self, group: &Group, parts: &Parts) -> Vec<Option<Resolved>> {
        let mut out = Vec::new();
        for question in &self.map.questions {
            for action in &question.actions {
                for law in &question.laws {
                    let resolved = self.request(group, parts, law, action).and_then(|(raw, as_of)| {
                        let answer = self.answer(&raw, group.first_row)?;
                        Some(Resolved {
                            answer,
                            jurisdiction: Arc::from(raw.jurisdiction.as_str()),
                            agency: Arc::from(raw.agency.as_str()),
                            as_of,
                        })
                    });
                    out.push(resolved);
                }
            }
        }
        out
    }

    fn answer(&mut self, raw: &RawRequest, row: u64) -> Option<Arc<Answer>> {
        let request = match self.corpus.resolve(raw) {
            Ok(r) => r,
            Err(e) => {
                self.issue(row, &e.field.clone(), e.to_string());
                return None;
            }
        };
        if let Some(a) = self.cache.get(&request) {
            return Some(a.clone());
        }
        self.summary.decided += 1;
        let view = self.corpus.view(&self.corpus.decide_unexplained(&request));
        let mut because: Vec<String> = Vec::new();
        if view.outcome == Outcome::Uncertain {
            because.extend(view.missing_facts.iter().map(|f| format!("missing fact `{f}`")));
            for u in &view.uncertainties {
                match u.source.strip_prefix("class ") {
                    Some(class) => because.push(format!("coarse class `{class}`")),
                    None => because.push(format!("unsettled law `{}`", u.source)),
                }
            }
        }
        let columns = [
            view.possible_outcomes.iter().map(|o| o.name()).collect::<Vec<_>>().join("; "),
            view.missing_facts.join("; "),
            because.join("; "),
        ];
        let answer = Arc::new(Answer {
            outcome: view.outcome,
            possible: view.possible_outcomes.clone(),
            deciding: view.deciding.first().map(|r| r.rule.clone()),
            missing_facts: view.missing_facts.clone(),
            because,
            columns,
        });
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(request, answer.clone());
        Some(answer)
    }
}

/// What a group's rows say, before a state of the law is chosen.
struct Parts {
    booking: Option<Date>,
    charges: Vec<RawValue>,
    /// Convictions with their dates in days, so that they can be shifted.
    convictions: Vec<(BTreeMap<String, RawValue>, Option<i32>)>,
}

impl Analysis<'_> {
    fn facts(&mut self, group: &Group) -> Option<Parts> {
        let map = self.map;
        let booking = match (&group.booking, &map.booking_date) {
            (Some(text), Some(column)) => match parse_date(text) {
                Some(d) => Some(d),
                None => {
                    self.issue(group.first_row, column, format!("`{text}` is not a date (expected YYYY-MM-DD)"));
                    return None;
                }
            },
            (None, Some(column)) => {
                self.issue(group.first_row, column, "the booking date is empty".into());
                return None;
            }
            _ => None,
        };
        let mut parts = Parts { booking, charges: Vec::new(), convictions: Vec::new() };
        let Some(charges) = &map.charges else { return Some(parts) };
        for c in &group.charges {
            let entry = charges.table.find(c.code.as_deref(), c.text.as_deref());
            let mut record = BTreeMap::new();
            match entry.map(|e| e.offense.clone()).or_else(|| charges.unmatched.clone()) {
                Some(offense) => {
                    record.insert("offense".to_owned(), RawValue::Text(offense));
                }
                None => self.summary.unplaced_charges += 1,
            }
            let level = entry.and_then(|e| e.level.clone()).or_else(|| c.level.as_ref().and_then(|l| charges.levels.get(l).cloned()));
            if let Some(level) = level {
                record.insert("level".to_owned(), RawValue::Text(level));
            }
            if let Some(entry) = entry {
                if let Some(statute) = &entry.statute {
                    record.insert("statute".to_owned(), RawValue::Text(statute.clone()));
                }
                if !entry.classes.is_empty() {
                    let classes = entry.classes.iter().map(|(class, settled)| (class.clone(), RawValue::Bool(*settled))).collect();
                    record.insert("classes".to_owned(), RawValue::Map(classes));
                }
            }
            let kind = match &c.disposition {
                None => charges.dispositions.get("").copied().unwrap_or(charges.otherwise),
                Some(d) => charges.dispositions.get(d.as_str()).copied().unwrap_or(charges.otherwise),
            };
            match kind {
                Disposition::Dropped => {}
                Disposition::Pending => parts.charges.push(RawValue::Map(record)),
                Disposition::Conviction => {
                    let date = match (&c.conviction_date, &map.conviction_date) {
                        (Some(text), Some(column)) => match parse_date(text) {
                            Some(d) => Some(d.days()),
                            None => {
                                self.issue(c.row, column, format!("`{text}` is not a date (expected YYYY-MM-DD)"));
                                return None;
                            }
                        },
                        _ => None,
                    };
                    parts.convictions.push((record, date));
                }
                Disposition::Reject => {
                    let column = charges.disposition.clone().unwrap_or_default();
                    self.issue(
                        c.row,
                        &column,
                        format!("the map does not place the disposition `{}`", c.disposition.as_deref().unwrap_or("")),
                    );
                    return None;
                }
            }
        }
        Some(parts)
    }

    fn request(&mut self, group: &Group, parts: &Parts, law: &crate::map::Law, action: &str) -> Option<(RawRequest, Date)> {
        let map = self.map;
        let (as_of, shift) = match (law.as_of, parts.booking) {
            (AsOf::Fixed(d), Some(b)) => (d, d.days() - b.days()),
            (AsOf::Fixed(d), None) => (d, 0),
            (AsOf::Booking, Some(b)) => (b, 0),
            (AsOf::Booking, None) => {
                self.issue(
                    group.first_row,
                    "dates.booking",
                    "the law's date is the booking date, but the map names no booking date column".into(),
                );
                return None;
            }
        };
        let jurisdiction = match &law.jurisdiction {
            Some(j) => j.clone(),
            None => self.pick(&map.jurisdiction, group.jurisdiction.as_deref(), group.first_row)?,
        };
        let agency = match &law.agency {
            Some(a) => a.clone(),
            None => self.pick(&map.agency, group.agency.as_deref(), group.first_row)?,
        };
        let mut facts = map.facts.clone();
        for (from, value) in map.facts_from.iter().zip(&group.fact_values) {
            if let Some(raw) = value.as_deref().and_then(|v| from.values.get(v)) {
                facts.insert(from.fact.clone(), raw.clone());
            }
        }
        if let Some(charges) = &map.charges {
            facts.insert("charges".into(), RawValue::List(parts.charges.clone()));
            if charges.prior_convictions == PriorConvictions::None {
                let convictions = parts
                    .convictions
                    .iter()
                    .map(|(record, date)| {
                        let mut record = record.clone();
                        if let Some(days) = date {
                            record.insert("date".into(), RawValue::Text(Date::from_days(days + shift).to_string()));
                        }
                        RawValue::Map(record)
                    })
                    .collect();
                facts.insert("convictions".into(), RawValue::List(convictions));
            }
        }
        let raw = RawRequest {
            jurisdiction,
            agency,
            as_of: Some(as_of.to_string()),
            action: action.to_owned(),
            facts,
            assume_enacted: law.assume_enacted.clone(),
        };
        Some((raw, as_of))
    }

    fn pick(&mut self, source: &ValueSource, value: Option<&str>, row: u64) -> Option<String> {
        match source {
            ValueSource::Constant(c) => Some(c.clone()),
            ValueSource::Column { column, values } => match value {
                None => {
                    self.issue(row, column, "empty".into());
                    None
                }
                Some(v) if values.is_empty() => Some(v.to_owned()),
                Some(v) => match values.get(v) {
                    Some(mapped) => Some(mapped.clone()),
                    None => {
                        self.issue(row, column, format!("the map does not place `{v}`"));
                        None
                    }
                },
            },
        }
    }
}

/// Appends a text with its length, so that no two sequences of texts encode alike.
fn text(value: &str, out: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(out, "{}:", value.len());
    out.push_str(value);
}

fn option(value: Option<&str>, out: &mut String) {
    match value {
        Some(v) => {
            out.push('s');
            text(v, out);
        }
        None => out.push('n'),
    }
}

/// Appends a value of a request's facts, tagged by its kind.
fn encode(value: &RawValue, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        RawValue::Bool(b) => out.push(if *b { 'T' } else { 'F' }),
        RawValue::Int(i) => {
            let _ = write!(out, "i{i};");
        }
        RawValue::Float(f) => {
            let _ = write!(out, "f{};", f.to_bits());
        }
        RawValue::Text(t) => {
            out.push('t');
            text(t, out);
        }
        RawValue::Null(()) => out.push('0'),
        RawValue::List(items) => {
            let _ = write!(out, "[{}", items.len());
            for item in items {
                encode(item, out);
            }
        }
        RawValue::Map(fields) => {
            let _ = write!(out, "{{{}", fields.len());
            for (name, value) in fields {
                text(name, out);
                encode(value, out);
            }
        }
    }
}

/// A date as `YYYY-MM-DD`, or the date part of `YYYY-MM-DD HH:MM:SS` / `YYYY-MM-DDTHH:MM:SS`.
fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.get(..10).unwrap_or(text))
}
