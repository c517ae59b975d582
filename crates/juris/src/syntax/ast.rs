//! The syntax tree of `juris` blocks, as written, with spans into the file.

use crate::diagnostic::Span;

/// A value with the span it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(clippy::large_enum_variant, reason = "items are built once per rule while loading, never on a hot path")]
pub(crate) enum Item {
    Rule(RuleAst),
    Class(ClassAst),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RuleAst {
    pub id: Spanned<String>,
    pub actions: Vec<Spanned<String>>,
    pub agencies: Vec<Spanned<String>>,
    pub when: Option<Expr>,
    pub outcome: Option<Spanned<OutcomeAst>>,
    pub reason: Option<Spanned<String>>,
    pub obligations: Vec<Spanned<String>>,
    pub exceptions: Vec<Spanned<String>>,
    pub from: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
    pub confidence: Option<Spanned<String>>,
    pub cite: Option<Spanned<String>>,
    /// The address, among its document's sources, that its quoted words come from.
    pub source: Option<Spanned<String>>,
}

impl Default for Spanned<String> {
    fn default() -> Self {
        Spanned::new(String::new(), Span::default())
    }
}

/// An outcome as written: a plain outcome, or `uncertain(...)` with the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OutcomeAst {
    Plain(String),
    Uncertain(Vec<Spanned<String>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassAst {
    pub id: Spanned<String>,
    pub lines: Vec<ClassLine>,
}

/// One line of a class: offenses (or statutes), optional levels, and for `maybe` lines the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassLine {
    pub maybe: Option<Spanned<String>>,
    pub offenses: Vec<Spanned<String>>,
    /// For a `statute "..."` line: the statutes as written.
    pub statutes: Vec<Spanned<String>>,
    pub levels: Vec<Spanned<String>>,
    /// `from <date>`: the first day the line holds.
    pub from: Option<Spanned<String>>,
    /// `until <date>`: the first day it no longer holds.
    pub until: Option<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quantifier {
    Any,
    All,
    No,
    /// `at least N`: at least this many elements (never 0).
    AtLeast(u16),
}

impl Quantifier {
    /// The source form of the quantifier, as it is written before the list's name.
    pub(crate) fn keyword(self) -> String {
        match self {
            Quantifier::Any => "any".into(),
            Quantifier::All => "all".into(),
            Quantifier::No => "no".into(),
            Quantifier::AtLeast(n) => format!("at least {n}"),
        }
    }
}

/// A literal on the right of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Literal {
    Name(String),
    Int(i64),
    Date(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExprKind {
    Bool(bool),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// A bare name: a boolean fact or field.
    Truthy(Spanned<String>),
    Known(Spanned<String>),
    Compare {
        name: Spanned<String>,
        op: CmpOp,
        value: Spanned<Literal>,
    },
    In {
        name: Spanned<String>,
        values: Vec<Spanned<String>>,
    },
    Is {
        name: Spanned<String>,
        class: Spanned<String>,
    },
    Within {
        name: Spanned<String>,
        amount: Spanned<i64>,
        unit: Spanned<String>,
    },
    Quant {
        quantifier: Quantifier,
        list: Spanned<String>,
        body: Box<Expr>,
    },
}
