//! Request errors as typed data: the field's path, what kind of problem it is ([`Problem`], with
//! its parameters), any echoed value cut to a readable length, the values allowed there and a
//! [`Hint`]. Front ends render problems and hints in the reader's language; the English
//! rendering here is the library's own, for logs and `Display`.

use crate::diagnostic::suggest;

/// The longest value echoed in a message, in characters; a longer one is cut, ends with `…`
/// and is followed by its full length.
pub const MAX_ECHOED_CHARS: usize = 80;

/// What kind of problem a request error is, for front ends that render it in other words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// A name (jurisdiction, agency, action, fact, value, bill, situation, field) the corpus does
    /// not know, or a name of the wrong kind (a document that is not a bill).
    UnknownName,
    /// A required field is missing.
    Missing,
    /// A value of the wrong type or form (a date that is not a date or a day the calendar lacks,
    /// text for a number, a quoted `"true"`).
    InvalidValue,
    /// A key the request itself does not have (`colour`): the request's shape is wrong.
    UnknownField,
    /// A key written twice in one object (the request, `facts`, or a record such as a charge).
    DuplicateKey,
    /// The request is not an object (`null`, a number, a string, a boolean).
    NotAnObject,
    /// A list where one request was expected: requests go one per line (JSON Lines).
    ListOfRequests,
    /// The input is not valid in its own format (for JSON, a syntax error).
    Syntax,
}

/// A problem with one field of a request.
///
/// The problem is data (`detail`: a [`Problem`] and a [`Hint`]): front ends render it in the reader's language
/// (juris-api's catalog). `message` and `hint` are its English rendering, for logs and for Rust
/// callers that show errors as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct RequestError {
    /// The field's path, such as `facts.charges[0].offense`, or `request` for the whole.
    pub field: String,
    /// What kind of problem it is.
    pub kind: RequestErrorKind,
    /// The problem in English; an echoed value is cut to [`MAX_ECHOED_CHARS`].
    pub message: String,
    /// The values allowed there, when they are a closed list.
    pub allowed: Vec<String>,
    /// The hint in English.
    pub hint: Option<String>,
    /// What is wrong and the hint, as data (boxed: errors travel in `Result`s on hot paths).
    pub detail: Box<ErrorDetail>,
}

/// What is wrong with a request and what would help, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    /// What is wrong, with its parameters.
    pub problem: Problem,
    /// The hint, as data.
    pub help: Option<Hint>,
    /// The standard situation whose facts held the problem, if one did.
    pub situation: Option<String>,
}

/// The path blamed for a problem with the request as a whole.
pub const WHOLE_REQUEST: &str = "request";

/// Cuts `text` to [`MAX_ECHOED_CHARS`] characters, ending with `…` when it was longer.
pub(crate) fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A value echoed in a message: its first [`MAX_ECHOED_CHARS`] characters, and its full length
/// in characters when it was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    /// The value, cut and ending with `…` when it was longer.
    pub text: String,
    /// The full length in characters, when the value was cut.
    pub chars: Option<usize>,
}

impl Echo {
    /// The echo of `text`.
    pub fn of(text: &str) -> Echo {
        match text.char_indices().nth(MAX_ECHOED_CHARS) {
            Some((end, _)) => Echo { text: format!("{}…", &text[..end]), chars: Some(text.chars().count()) },
            None => Echo { text: text.to_owned(), chars: None },
        }
    }

    /// In backticks, followed by the full length when it was cut.
    pub fn quoted(&self) -> String {
        match self.chars {
            Some(n) => format!("`{}` ({n} characters)", self.text),
            None => format!("`{}`", self.text),
        }
    }
}

/// The kinds of names a request error says are unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Noun {
    /// A jurisdiction id.
    Jurisdiction,
    /// An agency.
    Agency,
    /// An action.
    Action,
    /// A fact.
    Fact,
    /// A key of the request or of a record.
    Field,
    /// A bill to assume enacted.
    Bill,
    /// An offense class id.
    OffenseClass,
    /// A situation of `situations.toml`.
    Situation,
    /// A value of the vocabulary's enum with this name (`warrant`).
    Value(String),
}

impl Noun {
    /// The noun in English (an enum's name with spaces for underscores).
    pub fn english(&self) -> String {
        match self {
            Noun::Jurisdiction => "jurisdiction".into(),
            Noun::Agency => "agency".into(),
            Noun::Action => "action".into(),
            Noun::Fact => "fact".into(),
            Noun::Field => "field".into(),
            Noun::Bill => "bill".into(),
            Noun::OffenseClass => "offense class".into(),
            Noun::Situation => "situation".into(),
            Noun::Value(name) => name.replace('_', " "),
        }
    }
}

/// What a place in a request holds, as a "wrong type" error says it expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A name, as a string.
    Text,
    /// `true` or `false`.
    Boolean,
    /// A whole number.
    WholeNumber,
    /// A date written YYYY-MM-DD, as a string.
    Date,
    /// One of an enum's values, as a string.
    EnumValue,
    /// A statute citation, as a string.
    Statute,
    /// An object of offense class ids and true or false.
    Classes,
    /// True, false, or null when the record does not say.
    Membership,
    /// A list of the named enum's values.
    ListOfValues(String),
    /// A list of the named record's objects.
    ListOfRecords(String),
    /// A list.
    List,
    /// An object with these fields.
    Record(Vec<String>),
    /// A list of bill ids.
    Bills,
    /// A bill id, as a string.
    BillId,
    /// An object of facts.
    Facts,
}

impl Expected {
    /// The expectation in English.
    pub fn english(&self) -> String {
        match self {
            Expected::Text => "a string".into(),
            Expected::Boolean => "true or false".into(),
            Expected::WholeNumber => "a whole number".into(),
            Expected::Date => "a date written YYYY-MM-DD, as a string".into(),
            Expected::EnumValue => "one of the allowed values, as a string".into(),
            Expected::Statute => "a statute as text, such as `CA PC 459`".into(),
            Expected::Classes => "an object of offense class ids and true or false, such as {\"ca-7282-5-listed\": false}".into(),
            Expected::Membership => "true or false (or null when the record does not say)".into(),
            Expected::ListOfValues(name) => format!("a list of {name} values"),
            Expected::ListOfRecords(name) => format!("a list of {name} objects"),
            Expected::List => "a list".into(),
            Expected::Record(fields) => format!("an object with {}", fields.join(", ")),
            Expected::Bills => "a list of bill ids, such as [\"us-md-howard/cb-9-2017\"]".into(),
            Expected::BillId => "a bill id, as a string".into(),
            Expected::Facts => "an object of facts, such as {\"warrant\": \"none\"}".into(),
        }
    }
}

/// What a request held where something else was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number, as written.
    Number(String),
    /// A string, echoed.
    Text(Echo),
    /// A list.
    List,
    /// An object.
    Object,
}

impl Given {
    /// What was given, in English.
    pub fn english(&self) -> String {
        match self {
            Given::Null => "null".into(),
            Given::Boolean(b) => format!("`{b}`"),
            Given::Number(n) => format!("the number `{n}`"),
            Given::Text(Echo { text, chars: Some(n) }) => format!("the string `\"{text}` ({n} characters)"),
            Given::Text(Echo { text, chars: None }) => format!("the string `\"{text}\"`"),
            Given::List => "a list".into(),
            Given::Object => "an object".into(),
        }
    }
}

impl From<Found<'_>> for Given {
    fn from(found: Found<'_>) -> Given {
        match found {
            Found::Null => Given::Null,
            Found::Boolean(b) => Given::Boolean(b),
            Found::Integer(i) => Given::Number(i.to_string()),
            Found::Number(x) => Given::Number(x.to_string()),
            Found::Text(t) => Given::Text(Echo::of(t)),
            Found::List => Given::List,
            Found::Object => Given::Object,
        }
    }
}

/// A required field of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    /// `jurisdiction`.
    Jurisdiction,
    /// `agency`.
    Agency,
    /// `as_of`.
    AsOf,
    /// `action`.
    Action,
}

/// Why a statute's text is not a statute.
pub use crate::syntax::statute::StatuteProblem;

/// What is wrong with a request, with its parameters: the words are the front end's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A name the corpus does not know.
    Unknown {
        /// What kind of name it is.
        what: Noun,
        /// The name given.
        value: Echo,
    },
    /// A value of the wrong type.
    WrongType {
        /// What the place holds.
        expected: Expected,
        /// What was given instead.
        given: Given,
    },
    /// A key written twice in one object.
    Duplicate {
        /// The key.
        key: String,
    },
    /// Text that is not written YYYY-MM-DD.
    NotADate {
        /// The text given.
        text: Echo,
    },
    /// A day the month does not have (`2019-02-29`).
    NoSuchDay {
        /// The text given.
        text: Echo,
        /// Its year.
        year: u32,
        /// Its month.
        month: u32,
        /// How many days that month has.
        days: u32,
    },
    /// A month above 12.
    NoSuchMonth {
        /// The text given.
        text: Echo,
        /// The month given.
        month: u32,
    },
    /// A date outside the years juris can date.
    OutOfRange {
        /// The text given.
        text: Echo,
    },
    /// The request is not an object.
    NotAnObject {
        /// What was given.
        given: Given,
    },
    /// A list where one request was expected.
    ListOfRequests,
    /// A required field is missing.
    Missing {
        /// The field.
        what: Needed,
    },
    /// A document of the corpus that is not a bill, where a bill was expected.
    NotABill {
        /// The document id given.
        name: Echo,
    },
    /// A name that is no document of the corpus, where a bill was expected.
    NoSuchBill {
        /// The id given.
        name: Echo,
    },
    /// A statute's text that is not a statute.
    Statute {
        /// The text given.
        text: Echo,
        /// What is wrong with it.
        problem: StatuteProblem,
    },
    /// The input is not valid in its own format; the parser's own words.
    Syntax {
        /// The parser's own words.
        detail: String,
    },
    /// No agency acts on the action by default in the jurisdiction (`juris compare`).
    NoDefaultAgency {
        /// The action.
        action: String,
        /// The jurisdiction.
        jurisdiction: String,
    },
    /// A situation's date that is not `as_of - N units`.
    NotRelativeDate {
        /// The text given.
        text: String,
    },
}

impl Problem {
    /// The problem in English.
    pub fn english(&self) -> String {
        match self {
            Problem::Unknown { what, value } => format!("unknown {} {}", what.english(), value.quoted()),
            Problem::WrongType { expected, given } => format!("expected {}, found {}", expected.english(), given.english()),
            Problem::Duplicate { key } => format!("the key `{key}` is given twice"),
            Problem::NotADate { text } => format!("{} is not a date", text.quoted()),
            Problem::NoSuchDay { text, year, month, days } => {
                format!("{} does not exist: {} {year} has {days} days", text.quoted(), MONTHS[(*month as usize).clamp(1, 12) - 1])
            }
            Problem::NoSuchMonth { text, month } => format!("{} does not exist: there is no month {month}", text.quoted()),
            Problem::OutOfRange { text } => format!("{} is outside the years juris can date", text.quoted()),
            Problem::NotAnObject { given } => format!("a request is a JSON object, found {}", given.english()),
            Problem::ListOfRequests => "a request is a JSON object, found a list".into(),
            Problem::Missing { what } => format!(
                "missing: {}",
                match what {
                    Needed::Jurisdiction => "the jurisdiction whose law applies",
                    Needed::Agency => "the agency that would act",
                    Needed::AsOf => "the date whose law applies",
                    Needed::Action => "the action the agency would take",
                }
            ),
            Problem::NotABill { name } => format!("{} is not a bill (it is another kind of document of the corpus)", name.quoted()),
            Problem::NoSuchBill { name } => format!("{} is not a bill of the corpus", name.quoted()),
            Problem::Statute { text, problem } => format!("statute {} {problem}", text.quoted()),
            Problem::Syntax { detail } => detail.clone(),
            Problem::NoDefaultAgency { action, jurisdiction } => format!("no agency acts on `{action}` by default in `{jurisdiction}`"),
            Problem::NotRelativeDate { text } => format!("`{text}` is not a relative date"),
        }
    }
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A hint that comes with a request error, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A name close to the one given.
    DidYouMean(String),
    /// A string holding `true`, `false` or a number: write it without quotes.
    Unquote(String),
    /// Give each key once.
    GiveOnce,
    /// Write dates YYYY-MM-DD.
    DateFormat,
    /// The format is right; check the month and the day.
    CheckDay,
    /// What a request looks like.
    RequestExample,
    /// Many requests are JSON Lines, or `{"requests": [...]}` for the service.
    JsonLines,
    /// Give `as_of`.
    GiveAsOf,
    /// Only bills can be assumed enacted.
    OnlyBills,
    /// How to write a statute.
    StatuteForm,
    /// Check the request's syntax.
    CheckSyntax,
    /// Name the agency, or give the action a default one in `situations.toml`.
    DefaultAgency,
    /// How to write a relative date.
    RelativeDate,
}

impl Hint {
    /// The hint in English.
    pub fn english(&self) -> String {
        match self {
            Hint::DidYouMean(name) => format!("did you mean `{name}`?"),
            Hint::Unquote(text) => format!("a string was given: write {text} without quotes"),
            Hint::GiveOnce => "give each key once: with two values, which one was meant is not known".into(),
            Hint::DateFormat => "write YYYY-MM-DD, e.g. `2019-08-13`".into(),
            Hint::CheckDay => "the format YYYY-MM-DD is right; check the month and the day".into(),
            Hint::RequestExample => "a request looks like {\"jurisdiction\": \"us-md-montgomery\", \"agency\": \"corrections\", \"as_of\": \"2019-08-13\", \"action\": \"hold\", \"facts\": {}}".into(),
            Hint::JsonLines => {
                "for many requests write JSON Lines, one object per line; the service also takes `{\"requests\": [...]}`".into()
            }
            Hint::GiveAsOf => "give `as_of` as YYYY-MM-DD".into(),
            Hint::OnlyBills => "only bills can be assumed enacted".into(),
            Hint::StatuteForm => "write the jurisdiction, the code and the section, e.g. `CA PC 459`".into(),
            Hint::CheckSyntax => "check the request's syntax".into(),
            Hint::DefaultAgency => "add the action to `[default_agency]` in situations.toml, or name one agency".into(),
            Hint::RelativeDate => "write `as_of - N years` (or months, days)".into(),
        }
    }
}

impl RequestError {
    /// An error about `field`; the allowed values and the hint start empty.
    pub fn new(field: impl Into<String>, kind: RequestErrorKind, problem: Problem) -> RequestError {
        RequestError {
            field: field.into(),
            kind,
            message: problem.english(),
            allowed: Vec::new(),
            hint: None,
            detail: Box::new(ErrorDetail { problem, help: None, situation: None }),
        }
    }

    /// An unknown name, with a "did you mean" hint and the allowed names.
    pub(crate) fn unknown(field: &str, what: Noun, value: &str, allowed: Vec<String>) -> RequestError {
        // A suggestion is only looked for among names of about the same length: comparing a
        // megabyte of text with every name would take seconds and suggest nothing.
        let suggestion = (value.len() <= 4 * MAX_ECHOED_CHARS)
            .then(|| suggest(value, allowed.iter().map(String::as_str)))
            .flatten()
            .map(|s| s.to_string());
        let error = RequestError::new(field, RequestErrorKind::UnknownName, Problem::Unknown { what, value: Echo::of(value) })
            .with_allowed(allowed);
        match suggestion {
            Some(s) => error.with_hint(Hint::DidYouMean(s)),
            None => error,
        }
    }

    /// A value of the wrong type: `expected` says what the field holds, `found` what was there.
    pub(crate) fn wrong_type(field: &str, expected: Expected, found: Found<'_>) -> RequestError {
        let mut error = RequestError::new(field, RequestErrorKind::InvalidValue, Problem::WrongType { expected, given: found.into() });
        if let Found::Text(text) = found {
            let unquoted = text.trim();
            if unquoted == "true" || unquoted == "false" || (!unquoted.is_empty() && unquoted.parse::<i64>().is_ok()) {
                error = error.with_hint(Hint::Unquote(unquoted.to_owned()));
            }
        }
        error
    }

    /// A key written twice in one object.
    pub(crate) fn duplicate(field: &str) -> RequestError {
        let key = field.rsplit('.').next().unwrap_or(field);
        RequestError::new(field, RequestErrorKind::DuplicateKey, Problem::Duplicate { key: key.to_owned() }).with_hint(Hint::GiveOnce)
    }

    /// The error with another problem (the kind, the allowed values and the hint stay).
    pub(crate) fn with_problem(mut self, problem: Problem) -> RequestError {
        self.message = problem.english();
        self.detail.problem = problem;
        self
    }

    /// The error with a hint.
    pub fn with_hint(mut self, hint: Hint) -> RequestError {
        self.hint = Some(hint.english());
        self.detail.help = Some(hint);
        self
    }

    /// The error with the values allowed where it is.
    pub fn with_allowed(mut self, allowed: Vec<String>) -> RequestError {
        self.allowed = allowed;
        self
    }

    /// The error as found in the facts of a standard situation.
    pub fn in_situation(mut self, situation: &str) -> RequestError {
        self.message = format!("{} (in situation `{situation}`)", self.detail.problem.english());
        self.detail.situation = Some(situation.to_owned());
        self
    }

    fn render(&self) -> String {
        let mut out = format!("`{}`: {}", self.field, self.message);
        if let Some(hint) = &self.hint {
            out.push_str(&format!("; {hint}"));
        }
        if !self.allowed.is_empty() {
            out.push_str(&format!(" (allowed: {})", self.allowed.join(", ")));
        }
        out
    }
}

/// What a request held where something else was expected, as a message names it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found<'a> {
    Null,
    Boolean(bool),
    Integer(i128),
    Number(f64),
    Text(&'a str),
    List,
    Object,
}
