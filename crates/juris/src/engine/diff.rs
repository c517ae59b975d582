//! Exact differences between two states of the law.
//!
//! A state of the law is a jurisdiction, a date and a set of bills assumed enacted. For each
//! agency and action, the space of requests is split on the facts the rules read, starting from
//! "every fact unknown": where both states give a definite outcome for every completion of the
//! facts fixed so far, the region is settled (different or not); otherwise a fact the outcome
//! hinges on is fixed to each of its values in turn. Because an outcome is definite only when
//! every completion agrees (semantics §6), each difference found holds for the whole region, and
//! the request with just the region's facts is a witness that `juris decide` confirms.
//!
//! The candidate values and the splitting search are those of [`crate::engine::domain`]: lists
//! (charges, convictions) are split on the *kinds* of element the rules can tell apart, with
//! every combination of kinds tried when there are at most
//! [`MAX_EXACT_KINDS`](crate::engine::domain::MAX_EXACT_KINDS); beyond that, lists of one or two
//! kinds, and the report says so.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::date::Date;
use crate::engine::decide::Decision;
use crate::engine::domain::{Domains, Step, split};
use crate::engine::ir::{Corpus, DocId, Outcome, OutcomeSet};
use crate::engine::request::{Element, Request, Value};
use crate::vocabulary::{FactType, ScalarType};

/// A state of the law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawState {
    /// The jurisdiction, by index.
    pub jurisdiction: u16,
    /// The date.
    pub as_of: Date,
    /// Bills read as law, by document id.
    pub assume_enacted: Vec<DocId>,
}

/// Which agencies and actions to compare (empty: all), and facts fixed in advance (empty: none;
/// otherwise one entry per fact of the vocabulary, `None` where the fact is free).
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Agencies to compare, by index (empty: all).
    pub agencies: Vec<u16>,
    /// Actions to compare, by index (empty: all).
    pub actions: Vec<u16>,
    /// Facts fixed in advance, by fact id (empty: none).
    pub facts: Vec<Option<Value>>,
}

/// What a region requires of one fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FactCondition {
    /// One of these values.
    Values(Vec<Value>),
    /// A list holding an element like each of `includes` and none like any of `excludes`
    /// (elements "like" each other are those every rule treats alike).
    Holds {
        /// Elements the list holds one like each of.
        includes: Vec<Element>,
        /// Elements the list holds none like.
        excludes: Vec<Element>,
    },
    /// A list holding at least one element like any of `any_of`, and none like any of `excludes`.
    HoldsAny {
        /// Elements the list holds one like at least one of.
        any_of: Vec<Element>,
        /// Elements the list holds none like.
        excludes: Vec<Element>,
    },
}

/// One region of requests where the two states answer differently.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The agency, by index.
    pub agency: u16,
    /// The action, by index.
    pub action: u16,
    /// The facts that define the region; every other fact may be anything.
    pub facts: Vec<(u16, FactCondition)>,
    /// The decisions for the witness request (the region's facts, first value of each).
    pub left: Decision,
    /// The decision in the right state of the law.
    pub right: Decision,
    /// The witness: the region's facts, one value each.
    pub witness: Vec<Option<Value>>,
}

/// The result of a diff.
#[derive(Debug, Clone)]
pub struct DiffReport {
    /// Every region where the two states answer differently.
    pub differences: Vec<Difference>,
    /// Where the search was not exhaustive, and why.
    pub approximations: Vec<Approximation>,
    /// How many decisions were made.
    pub decisions: usize,
}

/// Why a search was not exhaustive: typed, so that front ends word it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approximation {
    /// The search for `action` by `agency` stopped after `decisions` decisions.
    Budget {
        /// The agency, by index.
        agency: u16,
        /// The action, by index.
        action: u16,
        /// The decisions made before it stopped.
        decisions: usize,
    },
    /// The rules tell `kinds` kinds of element of the list fact `fact` apart; lists of at most
    /// two kinds were tried.
    BoundedKinds {
        /// The list fact, by id.
        fact: u16,
        /// How many kinds of element the rules tell apart.
        kinds: usize,
    },
}

/// The most decisions one (agency, action) may take before the search stops.
const BUDGET: usize = 200_000;

struct Search<'a> {
    corpus: &'a Corpus,
    left: &'a LawState,
    right: &'a LawState,
    agency: u16,
    action: u16,
    found: Vec<(Vec<Option<Value>>, Decision, Decision)>,
    decisions: usize,
    approximations: Vec<Approximation>,
    /// The most decisions before the search stops.
    budget: usize,
    /// One state of the law, not two: every settled region is kept, whatever it answers (the
    /// conditional cases of one request, [`regions`]).
    single: bool,
}

impl Corpus {
    /// Every region of requests where `left` and `right` decide differently.
    pub fn diff(&self, left: &LawState, right: &LawState, options: &DiffOptions) -> DiffReport {
        let v = &self.vocabulary;
        let agencies: Vec<u16> =
            if options.agencies.is_empty() { (0..v.agencies.len() as u16).collect() } else { options.agencies.clone() };
        let actions: Vec<u16> = if options.actions.is_empty() { (0..v.actions.len() as u16).collect() } else { options.actions.clone() };
        let mut report = DiffReport { differences: Vec::new(), approximations: Vec::new(), decisions: 0 };
        for &agency in &agencies {
            for &action in &actions {
                let mut search = Search {
                    corpus: self,
                    left,
                    right,
                    agency,
                    action,
                    found: Vec::new(),
                    decisions: 0,
                    approximations: Vec::new(),
                    budget: BUDGET,
                    single: false,
                };
                let fixed = if options.facts.len() == v.facts.len() { options.facts.clone() } else { vec![None; v.facts.len()] };
                let domains = search.run(fixed);
                report.decisions += search.decisions;
                for note in search.approximations {
                    if !report.approximations.contains(&note) {
                        report.approximations.push(note);
                    }
                }
                for (mut facts, witness, l, r) in merge(search.found, domains.kinds()) {
                    simplify(v, &mut facts);
                    report.differences.push(Difference { agency, action, facts, left: l, right: r, witness });
                }
            }
        }
        report
    }
}

/// Drops the conditions that constrain nothing: a fact that takes every value of its type.
fn simplify(v: &crate::vocabulary::Vocabulary, facts: &mut Vec<(u16, FactCondition)>) {
    facts.retain(|(f, condition)| match (v.facts[*f as usize].ty, condition) {
        (FactType::Scalar(ScalarType::Bool), FactCondition::Values(values)) => values.len() < 2,
        (FactType::Scalar(ScalarType::Enum(e)), FactCondition::Values(values)) => values.len() < v.enums[e as usize].values.len(),
        (_, FactCondition::Holds { includes, excludes }) => !(includes.is_empty() && excludes.is_empty()),
        _ => true,
    });
}

/// One region of a request's missing facts: its condition, witness facts and witness decision.
pub(crate) type CaseRegion = (Vec<(u16, FactCondition)>, Vec<Option<Value>>, Decision);

/// The regions of one request's missing facts, found by the same search as a diff.
#[derive(Debug, Clone)]
pub(crate) struct Regions {
    /// Each region: what it requires of the facts the request left out, its witness (the
    /// request's facts with the region's filled in) and the witness's decision.
    pub regions: Vec<CaseRegion>,
    /// For each list fact split on: its kinds of element (representatives).
    pub kinds: BTreeMap<u16, Vec<Element>>,
    /// The values tried for each fact split on.
    pub domains: BTreeMap<u16, Vec<Value>>,
    /// Whether the search was exhaustive.
    pub exact: bool,
}

/// Splits the space of a request's missing facts until every region is settled (a definite
/// outcome, or uncertain only because of unsettled law), with at most `budget` decisions; a
/// region left unsettled when the budget runs out is kept as it is, so the regions always
/// cover every completion of the request.
pub(crate) fn regions(corpus: &Corpus, request: &Request, budget: usize) -> Regions {
    let state = LawState { jurisdiction: request.jurisdiction, as_of: request.as_of, assume_enacted: request.assume_enacted.clone() };
    let mut search = Search {
        corpus,
        left: &state,
        right: &state,
        agency: request.agency,
        action: request.action,
        found: Vec::new(),
        decisions: 0,
        approximations: Vec::new(),
        budget,
        single: true,
    };
    let domains = search.run(request.facts.clone());
    let v = &corpus.vocabulary;
    let regions = merge(search.found, domains.kinds())
        .into_iter()
        .map(|(mut facts, witness, decision, _)| {
            facts.retain(|(f, _)| request.facts[*f as usize].is_none());
            simplify(v, &mut facts);
            (facts, witness, decision)
        })
        .collect();
    let exact = search.approximations.is_empty();
    let (domains, kinds) = domains.into_parts();
    Regions { regions, kinds: kinds.into_iter().map(|(f, (elements, _))| (f, elements)).collect(), domains, exact }
}

/// The answer as compared: the outcome, and when uncertain what it lies between.
fn key(d: &Decision) -> (Outcome, OutcomeSet) {
    (d.outcome, d.possible)
}

impl<'a> Search<'a> {
    fn request(&self, state: &LawState, facts: &[Option<Value>]) -> Request {
        Request {
            jurisdiction: state.jurisdiction,
            agency: self.agency,
            as_of: state.as_of,
            action: self.action,
            facts: facts.to_vec(),
            assume_enacted: state.assume_enacted.clone(),
        }
    }

    /// Splits the requests that fix `facts` until every region is settled or the budget is
    /// spent; returns the candidate values it split on.
    fn run(&mut self, mut facts: Vec<Option<Value>>) -> Domains<'a> {
        // Only the rules that could speak to this agency and action in either state.
        let corpus = self.corpus;
        let mut conds = Vec::new();
        for state in [self.left, self.right] {
            for &r in &corpus.candidates(state.jurisdiction, self.agency, self.action).rules {
                conds.push(&corpus.rules[r as usize].when);
            }
        }
        let mut domains = Domains::new(corpus, conds, &[self.left.as_of, self.right.as_of]);
        split(&mut facts, &mut domains, &mut |facts| self.visit(facts));
        let mut notes: Vec<Approximation> =
            domains.bounded().iter().map(|&(fact, kinds)| Approximation::BoundedKinds { fact, kinds }).collect();
        notes.append(&mut self.approximations);
        self.approximations = notes;
        domains
    }

    /// Decides one region; settles it or names the fact to split it on.
    fn visit(&mut self, facts: &[Option<Value>]) -> Step {
        if self.decisions >= self.budget {
            let note = Approximation::Budget { agency: self.agency, action: self.action, decisions: self.budget };
            if !self.approximations.contains(&note) {
                self.approximations.push(note);
            }
            if self.single {
                // The region stays whole and unsettled, so that the regions still cover every request.
                let d = self.corpus.decide_unexplained(&self.request(self.left, facts));
                self.decisions += 1;
                self.found.push((facts.to_vec(), d.clone(), d));
            }
            return Step::Settled;
        }
        // One state (a request's cases) needs no explanation of each sub-decision; a diff shows
        // both sides' decisions as they are.
        let l = if self.single {
            self.corpus.decide_unexplained(&self.request(self.left, facts))
        } else {
            self.corpus.decide_without_cases(&self.request(self.left, facts))
        };
        let r = if self.single { l.clone() } else { self.corpus.decide_without_cases(&self.request(self.right, facts)) };
        self.decisions += if self.single { 1 } else { 2 };
        let settled = l.outcome != Outcome::Uncertain && r.outcome != Outcome::Uncertain;
        let mut missing: Vec<u16> =
            l.missing_facts.iter().chain(&r.missing_facts).copied().filter(|f| facts[*f as usize].is_none()).collect();
        missing.sort_unstable();
        missing.dedup();
        if settled || missing.is_empty() {
            if self.single || key(&l) != key(&r) {
                self.found.push((facts.to_vec(), l, r));
            }
            return Step::Settled;
        }
        // Split on scalar facts before lists: they are cheaper and read better.
        let v = &self.corpus.vocabulary;
        missing.sort_by_key(|f| (matches!(v.facts[*f as usize].ty, FactType::Records(_) | FactType::Values(_)), *f));
        Step::Split(missing[0])
    }
}

type Region = (Vec<(u16, FactCondition)>, Vec<Option<Value>>, Decision, Decision);

/// Merges regions with the same answers: first those that differ only in the value of one enum
/// or boolean fact, then those that differ only in a list, when together they are exactly the
/// lists that hold some kinds of element and lack others.
fn merge(found: Vec<(Vec<Option<Value>>, Decision, Decision)>, kinds: &BTreeMap<u16, (Vec<Element>, Vec<u64>)>) -> Vec<Region> {
    let same = |a: &Region, b: &Region| {
        key(&a.2) == key(&b.2) && key(&a.3) == key(&b.3) && a.2.deciding == b.2.deciding && a.3.deciding == b.3.deciding
    };
    let mut regions: Vec<Region> = found
        .into_iter()
        .map(|(facts, l, r)| {
            let region = facts
                .iter()
                .enumerate()
                .filter_map(|(f, v)| v.as_ref().map(|v| (f as u16, FactCondition::Values(vec![v.clone()]))))
                .collect();
            (region, facts, l, r)
        })
        .collect();
    // Lists, by the kinds of element they hold.
    let kinds_of = |fact: u16, value: &Value| -> Option<u64> {
        let (_, masks) = kinds.get(&fact)?;
        let (elements, _) = kinds.get(&fact)?;
        let Value::List(items) = value else { return None };
        let mut mask = 0u64;
        for item in items.iter() {
            mask |= 1 << elements.iter().position(|e| e == item)?;
        }
        masks.contains(&mask).then_some(mask)
    };
    // Regions that differ only in that list's value, in the order of their first member; the
    // candidates for a region's group are found by a hash of everything but that value.
    let mut list_groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, region) in regions.iter().enumerate() {
        let Some(pos) = region.0.iter().position(|(f, c)| kinds.contains_key(f) && matches!(c, FactCondition::Values(v) if v.len() == 1))
        else {
            continue;
        };
        let hash = {
            let mut h = DefaultHasher::new();
            answer_hash(region, &mut h);
            for (k, (f, c)) in region.0.iter().enumerate() {
                f.hash(&mut h);
                if k != pos {
                    c.hash(&mut h);
                }
            }
            h.finish()
        };
        let bucket = buckets.entry(hash).or_default();
        let found = bucket.iter().copied().find(|&g| {
            let other = &regions[list_groups[g].0];
            same(other, region)
                && other.0.len() == region.0.len()
                && (0..region.0.len()).all(|k| if k == pos { other.0[k].0 == region.0[k].0 } else { other.0[k] == region.0[k] })
        });
        match found {
            Some(g) => list_groups[g].1.push(i),
            None => {
                bucket.push(list_groups.len());
                list_groups.push((i, vec![i]));
            }
        }
    }
    let mut remove = Vec::new();
    for (first, members) in list_groups {
        let Some(pos) = regions[first].0.iter().position(|(f, _)| kinds.contains_key(f)) else { continue };
        let fact = regions[first].0[pos].0;
        let masks: Option<Vec<u64>> = members
            .iter()
            .map(|&m| match &regions[m].0[pos].1 {
                FactCondition::Values(v) => kinds_of(fact, &v[0]),
                _ => None,
            })
            .collect();
        let Some(masks) = masks else { continue };
        let (elements, all) = &kinds[&fact];
        let universe = all.iter().fold(0u64, |m, x| m | x);
        let includes = masks.iter().fold(universe, |m, x| m & x);
        let excludes = universe & !masks.iter().fold(0u64, |m, x| m | x);
        let free = (universe & !includes & !excludes).count_ones();
        // Every candidate list of those kinds must be a member (a kind an `at least N` counts
        // has a list per count), and the members must hold every combination of the free kinds.
        let matching: Vec<u64> = all.iter().copied().filter(|m| *m & includes == includes && *m & excludes == 0).collect();
        let expected = matching.len();
        let distinct = matching.iter().collect::<std::collections::BTreeSet<_>>().len();
        let pick = |mask: u64| (0..elements.len()).filter(|i| mask & (1 << i) != 0).map(|i| elements[i].clone()).collect();
        if masks.len() == expected && distinct == 1usize << free && members.len() > 1 {
            regions[first].0[pos].1 = FactCondition::Holds { includes: pick(includes), excludes: pick(excludes) };
            remove.extend(members.into_iter().skip(1));
        } else if includes == 0 && !masks.contains(&0) && masks.len() + 1 == expected && distinct == 1usize << free && members.len() > 1 {
            let any_of = universe & !excludes;
            regions[first].0[pos].1 = FactCondition::HoldsAny { any_of: pick(any_of), excludes: pick(excludes) };
            remove.extend(members.into_iter().skip(1));
        }
    }
    remove.sort_unstable();
    for i in remove.into_iter().rev() {
        regions.remove(i);
    }
    // Enum and boolean facts: always the first mergeable pair in (i, j) order, as a scan from the
    // start after every merge would find it. Only region i changes in a merge, so the next pair
    // is (a, i) for the first earlier a that now merges with it, or else (i, b) for some b.
    let mut i = 0;
    'scan: while i < regions.len() {
        let mut j = i + 1;
        while j < regions.len() {
            let Some(k) = scalar_difference(&regions[i], &regions[j], &same) else {
                j += 1;
                continue;
            };
            let removed = regions.remove(j);
            if let (FactCondition::Values(extra), FactCondition::Values(values)) = (removed.0[k].1.clone(), &mut regions[i].0[k].1) {
                values.extend(extra);
            }
            if let Some(a) = (0..i).find(|&a| scalar_difference(&regions[a], &regions[i], &same).is_some()) {
                i = a;
                continue 'scan;
            }
            j = i + 1;
        }
        i += 1;
    }
    regions
}

/// Hashes what `same` compares of a region: both answers and their deciding rules.
fn answer_hash(region: &Region, h: &mut DefaultHasher) {
    key(&region.2).hash(h);
    key(&region.3).hash(h);
    region.2.deciding.hash(h);
    region.3.deciding.hash(h);
}

/// Where two regions with the same answers differ, when that is exactly one fact and both give
/// it enum or boolean values: they can be merged on it.
fn scalar_difference(a: &Region, b: &Region, same: &impl Fn(&Region, &Region) -> bool) -> Option<usize> {
    if a.0.len() != b.0.len() || !same(a, b) {
        return None;
    }
    let mut differing = None;
    for k in 0..a.0.len() {
        if a.0[k] != b.0[k] {
            if differing.is_some() {
                return None;
            }
            differing = Some(k);
        }
    }
    let k = differing?;
    let scalar = |c: &FactCondition| matches!(c, FactCondition::Values(values) if values.iter().all(|v| matches!(v, Value::Enum(_) | Value::Bool(_))));
    (a.0[k].0 == b.0[k].0 && scalar(&a.0[k].1) && scalar(&b.0[k].1)).then_some(k)
}
