//! Candidate values of facts, and the search that splits a space of requests on them.
//!
//! Three questions are answered by splitting requests on the facts some conditions read: the
//! regions where two states of the law differ (`juris diff`), the conditional cases of one
//! request (`cases`), and whether conditions can hold together (the linter). All three take
//! their candidate values from [`Domains`] and walk them with [`split`].
//!
//! The candidates of a fact are the values on every side of the boundaries the conditions draw
//! on it: every value of a boolean or enum, each integer bound and its neighbours, each date
//! bound and the days beside it (and the start of every `within` window on each date asked
//! about). Lists are represented by the *kinds* of element the conditions tell apart: every
//! element is classified by the truth of every quantifier body over that list, and a list is
//! the set of kinds it holds. Every combination of kinds is tried when there are at most
//! [`MAX_EXACT_KINDS`]; beyond that, lists of one or two kinds, and the search says so. Where an
//! `at least N` condition counts the elements of a list, a kind it may count appears from 1 to N
//! times.

use std::collections::BTreeMap;

use crate::date::{Date, Unit};
use crate::engine::eval::{Env, Tri, Unknowns};
use crate::engine::ir::{Cond, Corpus, Place};
use crate::engine::request::{Element, Value};
use crate::syntax::ast::Quantifier;
use crate::vocabulary::{FactType, ScalarType};

/// With at most this many kinds of list element, every combination of kinds is tried.
pub(crate) const MAX_EXACT_KINDS: usize = 6;

/// For each list fact: the kinds of element (their representatives) the conditions tell apart,
/// and for each candidate list, which kinds it holds (a bit per kind).
pub(crate) type Kinds = BTreeMap<u16, (Vec<Element>, Vec<u64>)>;

/// The candidate values of the facts some conditions read, computed on first use.
pub(crate) struct Domains<'c> {
    corpus: &'c Corpus,
    /// Every condition and sub-condition, with the list fact it sits under.
    conds: Vec<(Option<u16>, &'c Cond)>,
    /// The dates the conditions are evaluated on.
    as_of: Vec<Date>,
    values: BTreeMap<u16, Vec<Value>>,
    kinds: Kinds,
    /// List facts with more kinds than [`MAX_EXACT_KINDS`], and their count of kinds.
    bounded: Vec<(u16, usize)>,
}

impl<'c> Domains<'c> {
    /// The domains of the facts `conds` read, evaluated on the dates `as_of`.
    pub(crate) fn new(corpus: &'c Corpus, conds: impl IntoIterator<Item = &'c Cond>, as_of: &[Date]) -> Self {
        let mut flat = Vec::new();
        for cond in conds {
            cond.visit(None, &mut |c, list| flat.push((list, c)));
        }
        let mut as_of = as_of.to_vec();
        as_of.sort_unstable();
        as_of.dedup();
        Domains { corpus, conds: flat, as_of, values: BTreeMap::new(), kinds: BTreeMap::new(), bounded: Vec::new() }
    }

    /// The candidate values of `fact`.
    pub(crate) fn of(&mut self, fact: u16) -> &[Value] {
        if !self.values.contains_key(&fact) {
            let values = self.compute(fact);
            self.values.insert(fact, values);
        }
        &self.values[&fact]
    }

    /// The kinds of element of each list fact computed so far, with the kinds each candidate
    /// list holds (a bit per kind).
    pub(crate) fn kinds(&self) -> &Kinds {
        &self.kinds
    }

    /// The list facts whose candidates are lists of at most two kinds, with their count of kinds.
    pub(crate) fn bounded(&self) -> &[(u16, usize)] {
        &self.bounded
    }

    /// Parts the domains apart into the values and the kinds.
    pub(crate) fn into_parts(self) -> (BTreeMap<u16, Vec<Value>>, Kinds) {
        (self.values, self.kinds)
    }

    fn compute(&mut self, fact: u16) -> Vec<Value> {
        let corpus = self.corpus;
        match corpus.vocabulary.facts[fact as usize].ty {
            FactType::Scalar(ty) => self.scalars(Place::Fact(fact), None, ty),
            FactType::Records(_) | FactType::Values(_) => self.lists(fact),
        }
    }

    /// Candidate values of a scalar at `place` (under the list `list` for a field).
    fn scalars(&self, place: Place, list: Option<u16>, ty: ScalarType) -> Vec<Value> {
        let here = |p: &Place, l: Option<u16>| *p == place && (matches!(place, Place::Fact(_)) || l == list);
        match ty {
            ScalarType::Bool | ScalarType::Enum(_) => scalar_values(self.corpus, ty),
            ScalarType::Int => {
                let mut ints = vec![0i64];
                for (l, cond) in &self.conds {
                    if let Cond::IntCmp(p, _, n) = cond {
                        if here(p, *l) {
                            ints.extend([n.saturating_sub(1), *n, n.saturating_add(1)]);
                        }
                    }
                }
                ints.sort_unstable();
                ints.dedup();
                ints.into_iter().map(Value::Int).collect()
            }
            ScalarType::Date => {
                let mut dates = Vec::new();
                for d in &self.as_of {
                    dates.extend([*d, d.next(), d.minus(200, Unit::Years)]);
                }
                for (l, cond) in &self.conds {
                    match cond {
                        Cond::DateCmp(p, _, d) if here(p, *l) => dates.extend([d.previous(), *d, d.next()]),
                        Cond::Within(p, amount, unit) if here(p, *l) => {
                            for d in &self.as_of {
                                let start = d.minus(*amount, *unit);
                                dates.extend([start.previous(), start]);
                            }
                        }
                        _ => {}
                    }
                }
                dates.sort_unstable();
                dates.dedup();
                dates.into_iter().map(Value::Date).collect()
            }
            // A statute or class assertions are never split on: elements differ by category.
            ScalarType::Statute | ScalarType::Classes => Vec::new(),
        }
    }

    /// Representative lists: one per combination of the kinds of element the conditions tell
    /// apart, and, where an `at least N` condition counts elements, one per count of each kind
    /// it may count, from 1 to N.
    fn lists(&mut self, fact: u16) -> Vec<Value> {
        let mut bodies: Vec<&Cond> = Vec::new();
        let mut counted: Vec<(&Cond, u16)> = Vec::new();
        for (_, c) in &self.conds {
            if let Cond::Quant(q, f, body) = c {
                if *f == fact {
                    bodies.push(&**body);
                    if let Quantifier::AtLeast(n) = q {
                        counted.push((&**body, *n));
                    }
                }
            }
        }
        let kinds = element_kinds(self.corpus, fact, &bodies, &self.as_of, |i, ty| self.scalars(Place::Field(i as u8), Some(fact), ty));
        let k = kinds.len();
        // How many of each kind a list may need: the largest count of a condition that may hold
        // of it, else one.
        let repeat: Vec<usize> = kinds
            .iter()
            .map(|element| {
                if counted.is_empty() {
                    return 1;
                }
                let envs = self.as_of.iter().map(|d| Env::new(self.corpus, &[], *d));
                let mut most = 1usize;
                for env in envs {
                    for (body, n) in &counted {
                        if env.eval_element(body, element, fact, &mut Unknowns::default()) != Tri::False {
                            most = most.max(usize::from(*n));
                        }
                    }
                }
                most
            })
            .collect();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        if k <= MAX_EXACT_KINDS {
            for mask in 0u32..(1 << k) {
                let mut with_counts: Vec<Vec<usize>> = vec![Vec::new()];
                for i in (0..k).filter(|i| mask & (1 << i) != 0) {
                    with_counts = with_counts
                        .into_iter()
                        .flat_map(|prefix| {
                            (1..=repeat[i]).map(move |count| prefix.iter().copied().chain(std::iter::repeat_n(i, count)).collect())
                        })
                        .collect();
                }
                lists.extend(with_counts);
            }
        } else {
            lists.push(Vec::new());
            for (a, &times) in repeat.iter().enumerate() {
                lists.push(vec![a; times]);
                for b in a + 1..k {
                    lists.push(vec![a, b]);
                }
            }
            self.bounded.push((fact, k));
        }
        let masks: Vec<u64> = lists.iter().map(|l| l.iter().fold(0u64, |m, i| m | (1 << i.min(&63)))).collect();
        let values = lists.into_iter().map(|kinds_in| Value::List(kinds_in.into_iter().map(|i| kinds[i].clone()).collect())).collect();
        if k <= 64 {
            self.kinds.insert(fact, (kinds, masks));
        }
        values
    }
}

/// Every value of a boolean or enum type (numbers and dates have no finite list: empty).
pub(crate) fn scalar_values(corpus: &Corpus, ty: ScalarType) -> Vec<Value> {
    match ty {
        ScalarType::Bool => vec![Value::Bool(false), Value::Bool(true)],
        ScalarType::Enum(e) => (0..corpus.vocabulary.enums[e as usize].values.len() as u16).map(Value::Enum).collect(),
        ScalarType::Int | ScalarType::Date | ScalarType::Statute | ScalarType::Classes => Vec::new(),
    }
}

/// One representative of each kind of element of the list `fact` that `bodies` tell apart. The
/// candidates are every combination of field values (`field_values` gives them per field and
/// type); two are of one kind when every body says the same of both on every date of `as_of`.
fn element_kinds(
    corpus: &Corpus,
    fact: u16,
    bodies: &[&Cond],
    as_of: &[Date],
    field_values: impl Fn(usize, ScalarType) -> Vec<Value>,
) -> Vec<Element> {
    let v = &corpus.vocabulary;
    let elements: Vec<Element> = match v.facts[fact as usize].ty {
        FactType::Values(e) => scalar_values(corpus, ScalarType::Enum(e)).into_iter().map(Element::Value).collect(),
        FactType::Records(r) => {
            let mut out: Vec<Vec<Option<Value>>> = vec![Vec::new()];
            for (i, (_, ty)) in v.records[r as usize].fields.iter().enumerate() {
                // A statute or class assertions are left unknown: the elements differ by category.
                let values: Vec<Option<Value>> = match ty {
                    ScalarType::Statute | ScalarType::Classes => vec![None],
                    _ => field_values(i, *ty).into_iter().map(Some).collect(),
                };
                out = out
                    .into_iter()
                    .flat_map(|prefix| values.iter().map(move |x| prefix.iter().cloned().chain([x.clone()]).collect()))
                    .collect();
            }
            out.into_iter().map(|fields| Element::Record(fields.into())).collect()
        }
        FactType::Scalar(_) => Vec::new(),
    };
    let envs: Vec<Env<'_>> = as_of.iter().map(|d| Env::new(corpus, &[], *d)).collect();
    let mut kinds: Vec<(Vec<Tri>, Element)> = Vec::new();
    for element in elements {
        let signature: Vec<Tri> = envs
            .iter()
            .flat_map(|env| bodies.iter().map(|b| env.eval_element(b, &element, fact, &mut Unknowns::default())).collect::<Vec<_>>())
            .collect();
        if !kinds.iter().any(|(s, _)| *s == signature) {
            kinds.push((signature, element));
        }
    }
    kinds.into_iter().map(|(_, e)| e).collect()
}

/// What a visit of one region of the search says to do next.
pub(crate) enum Step {
    /// The region is settled: go on with the next one.
    Settled,
    /// Split the region on this fact, one sub-region per candidate value.
    Split(u16),
    /// End the whole search.
    Stop,
}

/// Depth-first over the regions of requests that fix `facts` and then the facts `visit` asks to
/// split on, each to every candidate value in turn. `visit` sees each region's facts. Returns
/// false when `visit` stopped the search.
pub(crate) fn split(facts: &mut Vec<Option<Value>>, domains: &mut Domains<'_>, visit: &mut impl FnMut(&[Option<Value>]) -> Step) -> bool {
    match visit(facts) {
        Step::Settled => true,
        Step::Stop => false,
        Step::Split(fact) => {
            let before = facts[fact as usize].take();
            let values = domains.of(fact).to_vec();
            let mut go_on = true;
            for value in values {
                facts[fact as usize] = Some(value);
                if !split(facts, domains, visit) {
                    go_on = false;
                    break;
                }
            }
            facts[fact as usize] = before;
            go_on
        }
    }
}
