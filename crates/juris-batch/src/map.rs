//! The map file: how the rows of a table become requests, and which questions to ask of them.
//!
//! A map is TOML (documented in docs/batch.md). [`Map::parse`] checks all of it before any row is
//! read: every problem is a [`MapError`] naming the file, line and column and what was expected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use juris::{Corpus, RawRequest, RawValue};
use serde::Deserialize;
use toml::Spanned;

use crate::charges::{ChargeTable, ChargeTableFile};
use crate::error::{Located, MapError};

/// How a record's convictions outside the table are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PriorConvictions {
    /// The record holds no criminal history: `convictions` is left unknown.
    Unknown,
    /// The map asserts the person has no conviction outside the record (an assumption the output
    /// and the report state).
    None,
}

/// How a charge row's disposition is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Disposition {
    Conviction,
    Pending,
    Dropped,
    /// A disposition the map does not place: the row is reported and its group skipped.
    Reject,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    title: Option<String>,
    input: Option<Spanned<String>>,
    #[serde(default)]
    delimiter: Option<Spanned<String>>,
    rows: RowsFile,
    #[serde(default)]
    dates: DatesFile,
    request: RequestFile,
    #[serde(default)]
    facts: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    facts_from: BTreeMap<String, Spanned<FactColumnFile>>,
    charges: Option<ChargesFile>,
    #[serde(default)]
    questions: Vec<QuestionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowsFile {
    id: Option<Spanned<String>>,
    group: Vec<Spanned<String>>,
    #[serde(default)]
    skip: Vec<FilterFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilterFile {
    column: Spanned<String>,
    values: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    booking: Option<Spanned<String>>,
    conviction: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestFile {
    jurisdiction: Spanned<ValueSourceFile>,
    agency: Spanned<ValueSourceFile>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ValueSourceFile {
    Constant(String),
    Column {
        column: String,
        #[serde(default)]
        values: BTreeMap<String, String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactColumnFile {
    column: String,
    values: BTreeMap<String, Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChargesFile {
    code: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    disposition: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<FilterFile>,
    #[serde(default)]
    levels: BTreeMap<String, Spanned<String>>,
    unmatched: Spanned<String>,
    table: Option<Spanned<String>>,
    prior_convictions: Spanned<PriorConvictions>,
    #[serde(default)]
    dispositions: DispositionsFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DispositionsFile {
    #[serde(default)]
    conviction: Vec<String>,
    #[serde(default)]
    pending: Vec<String>,
    #[serde(default)]
    dropped: Vec<String>,
    otherwise: Option<Disposition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    name: Spanned<String>,
    actions: Vec<Spanned<String>>,
    law: Vec<LawFile>,
    #[serde(default)]
    compare: Vec<Spanned<(String, String)>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LawFile {
    name: Spanned<String>,
    as_of: Spanned<String>,
    jurisdiction: Option<Spanned<String>>,
    agency: Option<Spanned<String>>,
    #[serde(default)]
    assume_enacted: Vec<Spanned<String>>,
}

/// A value taken from the map or from a column.
#[derive(Debug, Clone)]
pub enum ValueSource {
    Constant(String),
    /// A column, with an optional table from its values to the names juris uses.
    Column {
        column: String,
        values: BTreeMap<String, String>,
    },
}

/// Rows a filter selects: those whose `column` holds one of `values`.
#[derive(Debug, Clone)]
pub struct Filter {
    pub column: String,
    pub values: Vec<String>,
}

/// Where the law's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// The record's own booking date.
    Booking,
    /// A fixed date; the record's dates are shifted so that the booking falls on it.
    Fixed(juris::Date),
}

/// One state of the law a question is asked under.
#[derive(Debug, Clone)]
pub struct Law {
    pub name: String,
    pub as_of: AsOf,
    pub jurisdiction: Option<String>,
    pub agency: Option<String>,
    pub assume_enacted: Vec<String>,
}

/// A question: actions asked under one or more states of the law.
#[derive(Debug, Clone)]
pub struct Question {
    pub name: String,
    pub actions: Vec<String>,
    pub laws: Vec<Law>,
    /// Pairs of law-state indices: the second row of each pair carries the first's outcome.
    pub compare: Vec<(usize, usize)>,
}

/// How charge rows become charges and convictions.
#[derive(Debug, Clone)]
pub struct Charges {
    pub code: Option<String>,
    pub text: Option<String>,
    pub level: Option<String>,
    pub disposition: Option<String>,
    pub exclude: Vec<Filter>,
    pub levels: BTreeMap<String, String>,
    /// The offense of a charge the table cannot place; `None` leaves it unknown.
    pub unmatched: Option<String>,
    pub table: ChargeTable,
    pub prior_convictions: PriorConvictions,
    pub dispositions: BTreeMap<String, Disposition>,
    pub otherwise: Disposition,
}

/// A checked map file.
#[derive(Debug, Clone)]
pub struct Map {
    pub title: String,
    /// The default input, resolved against the map's folder.
    pub input: Option<PathBuf>,
    pub delimiter: u8,
    pub id: Option<String>,
    pub group: Vec<String>,
    pub skip: Vec<Filter>,
    pub booking_date: Option<String>,
    pub conviction_date: Option<String>,
    pub jurisdiction: ValueSource,
    pub agency: ValueSource,
    pub facts: BTreeMap<String, RawValue>,
    /// Facts read from a column: the fact, and its column with a table from the column's values;
    /// a value the table does not list leaves the fact unknown.
    pub facts_from: Vec<FactColumn>,
    pub charges: Option<Charges>,
    pub questions: Vec<Question>,
}

/// A fact read from a column through a table of its values.
#[derive(Debug, Clone)]
pub struct FactColumn {
    pub fact: String,
    pub column: String,
    pub values: BTreeMap<String, RawValue>,
}

impl Map {
    /// Reads and checks a map file and the charge table it names.
    pub fn load(path: &Path, corpus: &Corpus) -> Result<Map, MapError> {
        let text = std::fs::read_to_string(path).map_err(|source| MapError::Read { path: path.to_owned(), source })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Map::parse(&text, path, folder, corpus)
    }

    /// Checks a map's text; `path` names it in errors and `folder` resolves its relative paths.
    pub fn parse(text: &str, path: &Path, folder: &Path, corpus: &Corpus) -> Result<Map, MapError> {
        let at = Located::new(path, text);
        let file: MapFile = toml::from_str(text).map_err(|e| at.toml(&e))?;
        let mut problems = Vec::new();
        let delimiter = match &file.delimiter {
            None => b',',
            Some(d) if d.get_ref().len() == 1 => d.get_ref().as_bytes()[0],
            Some(d) => {
                problems.push(at.error(d.span(), "expected a delimiter of one ASCII character", "write `delimiter = \"|\"`"));
                b','
            }
        };
        let jurisdiction = value_source(file.request.jurisdiction.into_inner());
        let agency = value_source(file.request.agency.into_inner());
        // Fixed facts: checked by resolving a probe request, so the error names the fact.
        let mut facts = BTreeMap::new();
        for (name, value) in &file.facts {
            match to_raw(value.get_ref()) {
                Some(raw) => {
                    facts.insert(name.clone(), raw);
                }
                None => problems.push(at.error(
                    value.span(),
                    "expected a boolean, whole number, text or list",
                    "fixed facts are written as in a request",
                )),
            }
        }
        let probe_jurisdiction = match &jurisdiction {
            ValueSource::Constant(j) => j.clone(),
            ValueSource::Column { values, .. } => values.values().next().cloned().unwrap_or_else(|| "us".into()),
        };
        let probe_agency = match &agency {
            ValueSource::Constant(a) => a.clone(),
            ValueSource::Column { values, .. } => values.values().next().cloned().unwrap_or_else(|| "police".into()),
        };
        let probe = |raw: &RawRequest| corpus.resolve(raw).err();
        let base = RawRequest {
            jurisdiction: probe_jurisdiction.clone(),
            agency: probe_agency.clone(),
            as_of: Some("2020-01-01".into()),
            action: "hold".into(),
            facts: BTreeMap::new(),
            assume_enacted: Vec::new(),
        };
        if let Some(e) = probe(&base) {
            problems.push(at.error(0..0, &format!("in `[request]`: {e}"), "use a jurisdiction and agency from docs/vocabulary.md"));
        }
        for (name, value) in &file.facts {
            let mut raw = base.clone();
            if let Some(v) = facts.get(name) {
                raw.facts.insert(name.clone(), v.clone());
            }
            if let Some(e) = probe(&raw) {
                problems.push(at.error(value.span(), &format!("fixed fact: {e}"), "fixed facts use the names of docs/vocabulary.md"));
            }
        }
        let mut facts_from = Vec::new();
        for (fact, from) in file.facts_from {
            let mut values = BTreeMap::new();
            for (key, value) in &from.get_ref().values {
                let Some(raw) = to_raw(value.get_ref()) else {
                    problems.push(at.error(
                        value.span(),
                        "expected a boolean, whole number, text or list",
                        "values are written as in a request",
                    ));
                    continue;
                };
                let mut probe_request = base.clone();
                probe_request.facts.insert(fact.clone(), raw.clone());
                if let Some(e) = probe(&probe_request) {
                    problems.push(at.error(
                        value.span(),
                        &format!("`facts_from.{fact}` for `{key}`: {e}"),
                        "facts use the names of docs/vocabulary.md",
                    ));
                }
                values.insert(key.clone(), raw);
            }
            if facts.contains_key(&fact) {
                problems.push(at.error(
                    from.span(),
                    &format!("`{fact}` is both a fixed fact and read from a column"),
                    "keep one of the two",
                ));
            }
            facts_from.push(FactColumn { fact, column: from.into_inner().column, values });
        }
        let charges = match file.charges {
            None => None,
            Some(c) => charges(c, &at, folder, corpus, &base, &mut problems),
        };
        let mut questions = Vec::new();
        if file.questions.is_empty() {
            problems.push(at.error(
                0..0,
                "the map asks no question",
                "add a `[[questions]]` table with `name`, `actions` and `[[questions.law]]`",
            ));
        }
        for q in file.questions {
            questions.push(question(q, &at, &base, corpus, &mut problems));
        }
        let mut names: Vec<&str> = questions.iter().map(|q| q.name.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            problems.push(at.error(0..0, "two questions have the same name", "give each `[[questions]]` its own `name`"));
        }
        if !problems.is_empty() {
            return Err(MapError::Invalid(problems));
        }
        Ok(Map {
            title: file.title.unwrap_or_else(|| path.display().to_string()),
            input: file.input.map(|i| folder.join(i.into_inner())),
            delimiter,
            id: file.rows.id.map(Spanned::into_inner),
            group: file.rows.group.into_iter().map(Spanned::into_inner).collect(),
            skip: file.rows.skip.into_iter().map(filter).collect(),
            booking_date: file.dates.booking.map(Spanned::into_inner),
            conviction_date: file.dates.conviction.map(Spanned::into_inner),
            jurisdiction,
            agency,
            facts,
            facts_from,
            charges,
            questions,
        })
    }

    /// Every column the map reads, for checking an input's header.
    pub fn columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.group.iter().map(String::as_str).collect();
        out.extend(self.id.as_deref());
        out.extend(self.skip.iter().map(|f| f.column.as_str()));
        out.extend(self.booking_date.as_deref());
        out.extend(self.conviction_date.as_deref());
        out.extend(self.facts_from.iter().map(|f| f.column.as_str()));
        for source in [&self.jurisdiction, &self.agency] {
            if let ValueSource::Column { column, .. } = source {
                out.push(column);
            }
        }
        if let Some(c) = &self.charges {
            out.extend([&c.code, &c.text, &c.level, &c.disposition].into_iter().flatten().map(String::as_str));
            out.extend(c.exclude.iter().map(|f| f.column.as_str()));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn value_source(file: ValueSourceFile) -> ValueSource {
    match file {
        ValueSourceFile::Constant(c) => ValueSource::Constant(c),
        ValueSourceFile::Column { column, values } => ValueSource::Column { column, values },
    }
}

fn filter(f: FilterFile) -> Filter {
    Filter { column: f.column.into_inner(), values: f.values }
}

/// A TOML value in the request's raw shape.
fn to_raw(value: &toml::Value) -> Option<RawValue> {
    Some(match value {
        toml::Value::Boolean(b) => RawValue::Bool(*b),
        toml::Value::Integer(i) => RawValue::Int(*i),
        toml::Value::String(s) => RawValue::Text(s.clone()),
        toml::Value::Datetime(d) => RawValue::Text(d.to_string()),
        toml::Value::Array(items) => RawValue::List(items.iter().map(to_raw).collect::<Option<_>>()?),
        toml::Value::Table(t) => RawValue::Map(t.iter().map(|(k, v)| Some((k.clone(), to_raw(v)?))).collect::<Option<_>>()?),
        toml::Value::Float(_) => return None,
    })
}

fn charges(
    c: ChargesFile,
    at: &Located,
    folder: &Path,
    corpus: &Corpus,
    base: &RawRequest,
    problems: &mut Vec<crate::error::Problem>,
) -> Option<Charges> {
    // A level name is checked by resolving a probe charge with it.
    let check_charge = |offense: Option<&str>, level: Option<&str>| {
        let mut charge = BTreeMap::new();
        if let Some(o) = offense {
            charge.insert("offense".to_owned(), RawValue::Text(o.into()));
        }
        if let Some(l) = level {
            charge.insert("level".to_owned(), RawValue::Text(l.into()));
        }
        let mut raw = base.clone();
        raw.facts.insert("charges".into(), RawValue::List(vec![RawValue::Map(charge)]));
        corpus.resolve(&raw).err()
    };
    // A charge table's entry is checked field by field the same way.
    let check_field = |field: &str, value: RawValue| {
        let mut raw = base.clone();
        raw.facts.insert("charges".into(), RawValue::List(vec![RawValue::Map(BTreeMap::from([(field.to_owned(), value)]))]));
        corpus.resolve(&raw).err()
    };
    let mut levels = BTreeMap::new();
    for (record, level) in &c.levels {
        if let Some(e) = check_charge(None, Some(level.get_ref())) {
            problems.push(at.error(level.span(), &format!("level for `{record}`: {e}"), "levels are those of docs/vocabulary.md"));
        }
        levels.insert(record.clone(), level.get_ref().clone());
    }
    let unmatched = match c.unmatched.get_ref().as_str() {
        "unknown" => None,
        other => {
            if let Some(e) = check_charge(Some(other), None) {
                problems.push(at.error(c.unmatched.span(), &format!("`unmatched`: {e}"), "write `unknown` or `other`"));
            }
            Some(other.to_owned())
        }
    };
    let table = match &c.table {
        None => ChargeTable::default(),
        Some(name) => {
            let path = folder.join(name.get_ref());
            match std::fs::read_to_string(&path) {
                Err(e) => {
                    problems.push(at.error(
                        name.span(),
                        &format!("cannot read the charge table `{}`: {e}", path.display()),
                        "the path is relative to the map file",
                    ));
                    ChargeTable::default()
                }
                Ok(text) => match ChargeTableFile::parse(&text, &path, &check_field) {
                    Ok(t) => t,
                    Err(mut more) => {
                        problems.append(&mut more);
                        ChargeTable::default()
                    }
                },
            }
        }
    };
    let mut dispositions = BTreeMap::new();
    let d = c.dispositions;
    for (list, kind) in [(d.conviction, Disposition::Conviction), (d.pending, Disposition::Pending), (d.dropped, Disposition::Dropped)] {
        for name in list {
            if dispositions.insert(name.clone(), kind).is_some() {
                problems.push(at.error(0..0, &format!("disposition `{name}` is listed twice"), "list each disposition under one kind"));
            }
        }
    }
    if c.disposition.is_some() && d.otherwise.is_none() {
        problems.push(at.error(
            0..0,
            "`charges.dispositions.otherwise` is missing",
            "say how an unlisted disposition is read: `pending`, `dropped`, `conviction` or `reject`",
        ));
    }
    Some(Charges {
        code: c.code.map(Spanned::into_inner),
        text: c.text.map(Spanned::into_inner),
        level: c.level.map(Spanned::into_inner),
        disposition: c.disposition.map(Spanned::into_inner),
        exclude: c.exclude.into_iter().map(filter).collect(),
        levels,
        unmatched,
        table,
        prior_convictions: c.prior_convictions.into_inner(),
        dispositions,
        otherwise: d.otherwise.unwrap_or(Disposition::Pending),
    })
}

fn question(q: QuestionFile, at: &Located, base: &RawRequest, corpus: &Corpus, problems: &mut Vec<crate::error::Problem>) -> Question {
    for action in &q.actions {
        let mut raw = base.clone();
        raw.action = action.get_ref().clone();
        if let Some(e) = corpus.resolve(&raw).err() {
            problems.push(at.error(action.span(), &e.to_string(), "actions are those of docs/vocabulary.md"));
        }
    }
    if q.actions.is_empty() {
        problems.push(at.error(q.name.span(), "the question names no action", "add `actions = [\"hold\"]`"));
    }
    if q.law.is_empty() {
        problems.push(at.error(
            q.name.span(),
            "the question names no state of the law",
            "add a `[[questions.law]]` with `name` and `as_of`",
        ));
    }
    let mut laws = Vec::new();
    for l in q.law {
        let as_of = match l.as_of.get_ref().as_str() {
            "booking" => AsOf::Booking,
            text => match juris::Date::parse(text) {
                Some(d) => AsOf::Fixed(d),
                None => {
                    problems.push(at.error(
                        l.as_of.span(),
                        &format!("`{text}` is not a date"),
                        "write YYYY-MM-DD, or `booking` for the record's booking date",
                    ));
                    AsOf::Booking
                }
            },
        };
        let mut raw = base.clone();
        if let Some(j) = &l.jurisdiction {
            raw.jurisdiction = j.get_ref().clone();
        }
        if let Some(a) = &l.agency {
            raw.agency = a.get_ref().clone();
        }
        raw.assume_enacted = l.assume_enacted.iter().map(|b| b.get_ref().clone()).collect();
        if let Some(e) = corpus.resolve(&raw).err() {
            let span = if e.field == "jurisdiction" {
                l.jurisdiction.as_ref().map(Spanned::span)
            } else if e.field == "agency" {
                l.agency.as_ref().map(Spanned::span)
            } else {
                l.assume_enacted.first().map(Spanned::span)
            };
            problems.push(at.error(span.unwrap_or(l.name.span()), &e.to_string(), "use the names of docs/vocabulary.md and `juris bills`"));
        }
        laws.push(Law {
            name: l.name.into_inner(),
            as_of,
            jurisdiction: l.jurisdiction.map(Spanned::into_inner),
            agency: l.agency.map(Spanned::into_inner),
            assume_enacted: l.assume_enacted.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    let mut compare = Vec::new();
    for pair in &q.compare {
        let (from, to) = pair.get_ref();
        let find = |n: &str| laws.iter().position(|l| l.name == n);
        match (find(from), find(to)) {
            (Some(a), Some(b)) if a != b => compare.push((a, b)),
            _ => problems.push(at.error(
                pair.span(),
                &format!("`compare` names `{from}` and `{to}`, which are not two states of the law of this question"),
                &format!("use two of: {}", laws.iter().map(|l| format!("`{}`", l.name)).collect::<Vec<_>>().join(", ")),
            )),
        }
    }
    Question { name: q.name.into_inner(), actions: q.actions.into_iter().map(Spanned::into_inner).collect(), laws, compare }
}
