//! Three-valued evaluation of conditions over a request's facts.
//!
//! Absent facts are unknown; `and`/`or`/`not` follow Kleene's logic. While evaluating, the
//! facts found unknown and the class lines found too coarse are recorded in an [`Unknowns`] sink,
//! so that an `uncertain` decision can name what is missing.

use crate::syntax::ast::{CmpOp, Quantifier};
use std::cell::Cell;

use crate::date::{Date, Unit};
use crate::engine::ir::{ClassId, Cond, Corpus, Membership, Place};
use crate::engine::request::{Element, Value};
use crate::vocabulary::MAX_FACTS;

/// A three-valued truth value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Tri {
    False,
    Unknown,
    True,
}

impl Tri {
    /// Kleene negation.
    pub(crate) fn negate(self) -> Tri {
        match self {
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
            Tri::True => Tri::False,
        }
    }
    fn from(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }
}

/// What an evaluation found unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unknowns {
    /// Bitset of fact ids.
    pub facts: [u64; MAX_FACTS / 64],
    /// Class gaps: (class, reason index).
    pub gaps: Vec<(ClassId, u16)>,
}

impl Unknowns {
    pub(crate) fn add_fact(&mut self, fact: u16) {
        self.facts[fact as usize / 64] |= 1 << (fact % 64);
    }
    pub(crate) fn has_fact(&self, fact: u16) -> bool {
        self.facts[fact as usize / 64] & (1 << (fact % 64)) != 0
    }
    pub(crate) fn fact_ids(&self) -> impl Iterator<Item = u16> + '_ {
        (0..MAX_FACTS as u16).filter(|f| self.has_fact(*f))
    }
}

/// The facts of one request, as seen by conditions.
pub(crate) struct Env<'a> {
    pub corpus: &'a Corpus,
    pub facts: &'a [Option<Value>],
    pub as_of: Date,
    /// The start of each window seen so far (`as_of - N units`), keyed by `N * 4 + unit`.
    windows: Cell<[(i64, Date); 4]>,
}

impl<'a> Env<'a> {
    pub(crate) fn new(corpus: &'a Corpus, facts: &'a [Option<Value>], as_of: Date) -> Env<'a> {
        Env { corpus, facts, as_of, windows: Cell::new([(-1, as_of); 4]) }
    }

    /// `as_of - amount unit`, computed once per request and window.
    fn window_start(&self, amount: i64, unit: Unit) -> Date {
        let key = amount * 4 + unit as i64;
        let mut cache = self.windows.get();
        if let Some((_, date)) = cache.iter().find(|(k, _)| *k == key) {
            return *date;
        }
        let date = self.as_of.minus(amount, unit);
        cache.rotate_right(1);
        cache[0] = (key, date);
        self.windows.set(cache);
        date
    }

    /// Evaluates a condition, recording unknowns.
    pub(crate) fn eval(&self, cond: &Cond, unknowns: &mut Unknowns) -> Tri {
        self.eval_in(cond, None, None, unknowns)
    }

    /// Evaluates the body of a quantifier over `list_fact` on one element.
    pub(crate) fn eval_element(&self, body: &Cond, element: &Element, list_fact: u16, unknowns: &mut Unknowns) -> Tri {
        self.eval_in(body, Some(element), Some(list_fact), unknowns)
    }

    fn read<'v>(
        &'v self,
        place: Place,
        element: Option<&'v Element>,
        list_fact: Option<u16>,
        unknowns: &mut Unknowns,
    ) -> Option<&'v Value> {
        let found = match (place, element) {
            (Place::Fact(f), _) => {
                let value = self.facts.get(f as usize).and_then(Option::as_ref);
                if value.is_none() {
                    unknowns.add_fact(f);
                }
                return value;
            }
            (Place::Field(i), Some(Element::Record(fields))) => fields.get(i as usize).and_then(Option::as_ref),
            (Place::It, Some(Element::Value(v))) => Some(v),
            _ => None,
        };
        if found.is_none() {
            if let Some(f) = list_fact {
                unknowns.add_fact(f);
            }
        }
        found
    }

    fn eval_in(&self, cond: &Cond, element: Option<&Element>, list_fact: Option<u16>, unknowns: &mut Unknowns) -> Tri {
        match cond {
            Cond::Const(b) => Tri::from(*b),
            Cond::Not(inner) => self.eval_in(inner, element, list_fact, unknowns).negate(),
            Cond::And(parts) => {
                let mut result = Tri::True;
                for part in parts {
                    match self.eval_in(part, element, list_fact, unknowns) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                result
            }
            Cond::Or(parts) => {
                let mut result = Tri::False;
                for part in parts {
                    match self.eval_in(part, element, list_fact, unknowns) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                result
            }
            Cond::Known(place) => {
                let mut ignored = Unknowns::default();
                Tri::from(self.read(*place, element, list_fact, &mut ignored).is_some())
            }
            Cond::Bool(place) => match self.read(*place, element, list_fact, unknowns) {
                Some(Value::Bool(b)) => Tri::from(*b),
                _ => Tri::Unknown,
            },
            Cond::EnumIn(place, mask) => match self.read(*place, element, list_fact, unknowns) {
                Some(Value::Enum(e)) => Tri::from(mask & (1u64 << e) != 0),
                _ => Tri::Unknown,
            },
            Cond::IntCmp(place, op, n) => match self.read(*place, element, list_fact, unknowns) {
                Some(Value::Int(i)) => Tri::from(compare(i.cmp(n), *op)),
                _ => Tri::Unknown,
            },
            Cond::DateCmp(place, op, d) => match self.read(*place, element, list_fact, unknowns) {
                Some(Value::Date(date)) => Tri::from(compare(date.cmp(d), *op)),
                _ => Tri::Unknown,
            },
            Cond::Within(place, amount, unit) => match self.read(*place, element, list_fact, unknowns) {
                Some(Value::Date(date)) => {
                    let earliest = self.window_start(*amount, *unit);
                    Tri::from(earliest <= *date && *date <= self.as_of)
                }
                _ => Tri::Unknown,
            },
            Cond::Is { place, class, level, statute, asserted } => {
                let field = |i: &Option<u8>| match (i, element) {
                    (Some(i), Some(Element::Record(fields))) => fields.get(*i as usize).and_then(Option::as_ref),
                    _ => None,
                };
                // The record settles membership: what it asserts of this class.
                if let Some(Value::Classes(asserted)) = field(asserted) {
                    if let Some((_, member)) = asserted.iter().find(|(c, _)| c == class) {
                        return Tri::from(*member);
                    }
                }
                let level_value = match field(level) {
                    Some(Value::Enum(l)) => Some(*l),
                    _ => None,
                };
                let class_def = &self.corpus.classes[*class as usize];
                // A statute line of the class that covers the record's statute decides; else the category.
                let by_statute = match field(statute) {
                    Some(Value::Statute(s)) => class_def.statute_membership(s, level_value, self.as_of),
                    _ => None,
                };
                let membership = match by_statute {
                    Some(m) => m,
                    None => {
                        let Some(Value::Enum(offense)) = self.read(*place, element, list_fact, unknowns) else {
                            return Tri::Unknown;
                        };
                        class_def.membership(*offense, level_value, self.as_of)
                    }
                };
                match membership {
                    Membership::Yes => Tri::True,
                    Membership::No => Tri::False,
                    Membership::Maybe(reason) => {
                        if level.is_some() && level_value.is_none() {
                            if let Some(f) = list_fact {
                                unknowns.add_fact(f);
                            }
                        }
                        if !unknowns.gaps.contains(&(*class, reason)) {
                            unknowns.gaps.push((*class, reason));
                        }
                        Tri::Unknown
                    }
                }
            }
            Cond::Quant(quantifier, fact, body) => {
                let Some(Value::List(items)) = self.facts.get(*fact as usize).and_then(Option::as_ref) else {
                    unknowns.add_fact(*fact);
                    return Tri::Unknown;
                };
                // `all` is `not any not`; `no` is `not any`; `any` is `at least 1`.
                let negate_body = *quantifier == Quantifier::All;
                let needed = match quantifier {
                    Quantifier::AtLeast(n) => usize::from(*n),
                    _ => 1,
                };
                let (mut yes, mut maybe) = (0usize, 0usize);
                for item in items.iter() {
                    let mut value = self.eval_in(body, Some(item), Some(*fact), unknowns);
                    if negate_body {
                        value = value.negate();
                    }
                    match value {
                        Tri::True => {
                            yes += 1;
                            if yes >= needed {
                                break;
                            }
                        }
                        Tri::Unknown => maybe += 1,
                        Tri::False => {}
                    }
                }
                let enough = if yes >= needed {
                    Tri::True
                } else if yes + maybe >= needed {
                    Tri::Unknown
                } else {
                    Tri::False
                };
                match quantifier {
                    Quantifier::Any | Quantifier::AtLeast(_) => enough,
                    Quantifier::No | Quantifier::All => enough.negate(),
                }
            }
        }
    }
}

fn compare(ordering: std::cmp::Ordering, op: CmpOp) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ordering == Equal,
        CmpOp::Ne => ordering != Equal,
        CmpOp::Lt => ordering == Less,
        CmpOp::Le => ordering != Greater,
        CmpOp::Gt => ordering == Greater,
        CmpOp::Ge => ordering != Less,
    }
}
