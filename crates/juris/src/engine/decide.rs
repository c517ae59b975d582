//! Decisions: which rules are in play, exceptions, the later document, layering, and `uncertain`.
//!
//! The meaning is written down in docs/semantics.md; section numbers there are cited in comments
//! here. A decision is computed over *worlds*: when facts are unknown or law is unsettled, every
//! way they could turn out is resolved, and the outcome is definite only when all ways agree.

use crate::date::Date;
use crate::engine::eval::{Env, Tri, Unknowns};
use crate::engine::ir::{Candidates, ClassId, Corpus, DocId, Outcome, OutcomeSet, RuleId, RuleOutcome};
use crate::engine::request::{Request, Value};
use crate::vocabulary::{FactType, ScalarType};

/// Why an applicable rule did not decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverrideReason {
    /// An exception to it applied (semantics §3).
    Exception,
    /// A later document of the same jurisdiction governs (§4).
    LaterDocument,
    /// Another document of the same jurisdiction declares that it overrides this one (§4).
    DeclaredOverride,
    /// A lower layer restricted what it allowed (§5).
    LowerLayer,
    /// A higher layer prevailed over it (§5).
    Preemption,
}

/// Where rules that disagree stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Two rules of one document with different outcomes and no exception between them (§3).
    WithinDocument,
    /// Documents of one jurisdiction taking effect the same day with different outcomes (§4).
    SameDate,
    /// A lower layer permits what a higher prohibits, or prohibits what a higher requires (§5).
    Preemption,
}

/// A rule that applied but did not decide.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Overridden {
    /// The rule set aside.
    pub rule: RuleId,
    /// The rule that set it aside, when one rule did.
    pub by: Option<RuleId>,
    /// Why it did not decide.
    pub reason: OverrideReason,
}

/// Rules that disagree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Conflict {
    /// Where they disagree.
    pub kind: ConflictKind,
    /// The rules in conflict; for preemption, the higher rule first.
    pub rules: Vec<RuleId>,
}

/// Something unsettled that the outcome hinges on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Uncertainty {
    /// An `uncertain(...)` rule: its reason.
    Rule(RuleId),
    /// A class too coarse to decide an offense: the class and the index of the reason.
    Class(ClassId, u16),
}

/// The answer to a request, with its reasons, as indices into the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The jurisdiction, by index in the vocabulary.
    pub jurisdiction: u16,
    /// The agency, by index.
    pub agency: u16,
    /// The date the law was read as of.
    pub as_of: Date,
    /// The action, by index.
    pub action: u16,
    /// The answer.
    pub outcome: Outcome,
    /// When `uncertain`: what the outcome could be.
    pub possible: OutcomeSet,
    /// The rules that decide it.
    pub deciding: Vec<RuleId>,
    /// Rules that applied but did not decide.
    pub overridden: Vec<Overridden>,
    /// Rules that disagree.
    pub conflicts: Vec<Conflict>,
    /// Unknown facts the outcome hinges on (fact ids).
    pub missing_facts: Vec<u16>,
    /// When `uncertain`: the unsettled law it hinges on.
    pub uncertainties: Vec<Uncertainty>,
    /// Rules whose obligations attach to the outcome.
    pub obligations: Vec<RuleId>,
    /// Applicable advice (guidance documents).
    pub advice: Vec<RuleId>,
    /// The bills read as law for this question.
    pub assumed_enacted: Vec<DocId>,
    /// When the outcome hinges on missing facts: what each region of their values gives
    /// (docs/semantics.md §9); empty otherwise.
    pub cases: Vec<crate::engine::cases::Case>,
    /// Whether `cases` were found by an exhaustive search (false when its bound was reached).
    pub cases_exact: bool,
    /// The missing fact whose answer best narrows the outcome.
    pub next_question: Option<crate::engine::cases::Question>,
}

/// The most worlds a decision enumerates before it answers `uncertain` without refinement.
const MAX_OUTER_WORLDS: usize = 1024;
const MAX_INNER_WORLDS: usize = 4096;

/// A set of candidate positions.
type Mask = u128;

fn bit(i: usize) -> Mask {
    1u128 << i
}

/// Iterates the positions in a mask, lowest first.
fn positions(mut mask: Mask) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let i = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(i)
    })
}

/// A product of choices walked in mixed radix, the one enumeration of worlds: world `w` takes
/// choice `(w / stride(d)) % sizes[d]` in dimension `d`, where `stride(d)` is the product of the
/// sizes before `d`. Used for the unknown facts of a decision (outer worlds), the conditions and
/// unsettled rules left within each (inner worlds), and the unsettled rules of an outcome.
struct Grid<'s> {
    sizes: &'s [usize],
    count: usize,
}

impl<'s> Grid<'s> {
    /// The grid of `sizes`, or `None` when it has more than `max` worlds.
    fn new(sizes: &'s [usize], max: usize) -> Option<Self> {
        let count = sizes.iter().try_fold(1usize, |acc, s| acc.checked_mul(*s).filter(|c| *c <= max))?;
        Some(Grid { sizes, count })
    }

    /// The choice world `w` makes in each dimension, in order.
    fn choices(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        let mut rest = w;
        self.sizes.iter().map(move |size| {
            let choice = rest % size;
            rest /= size;
            choice
        })
    }

    /// Whether changing dimension `d` alone changes what some world gives (`of[w]` for world `w`).
    fn matters<T: PartialEq>(&self, d: usize, of: &[T]) -> bool {
        let stride: usize = self.sizes[..d].iter().product();
        let size = self.sizes[d];
        (0..self.count).any(|w| (w / stride) % size == 0 && (1..size).any(|k| of[w + k * stride] != of[w]))
    }
}

/// The result of resolving one world (positions index the candidate list).
#[derive(Debug, Clone, Default)]
struct World {
    outcomes: OutcomeSet,
    deciding: Mask,
    /// (rule, by, reason); `by` is `u8::MAX` when nothing is named.
    overridden: Vec<(u8, u8, OverrideReason)>,
    conflicts: Vec<(ConflictKind, Vec<u8>)>,
}

const NOBODY: u8 = u8::MAX;

impl World {
    fn clear(&mut self) {
        self.outcomes = OutcomeSet::default();
        self.deciding = 0;
        self.overridden.clear();
        self.conflicts.clear();
    }

    /// Adds another world's outcomes and explanations to this one.
    fn merge(&mut self, other: &World) {
        self.outcomes = self.outcomes.union(other.outcomes);
        self.deciding |= other.deciding;
        for o in &other.overridden {
            if !self.overridden.iter().any(|m| m.0 == o.0) {
                self.overridden.push(*o);
            }
        }
        for c in &other.conflicts {
            if !self.conflicts.contains(c) {
                self.conflicts.push(c.clone());
            }
        }
    }
}

struct Frame<'a> {
    corpus: &'a Corpus,
    request: &'a Request,
    candidates: &'a Candidates,
    /// Candidates in play on the date (in force, binding, and not advisory).
    in_play: Mask,
    /// Whether to record why rules were overridden and which conflict (off for [`Corpus::outcome`]).
    explain: bool,
}

impl Corpus {
    /// Decides a resolved request (docs/semantics.md), without the conditional cases and the next
    /// question ([`Corpus::decide`] adds them): the same outcome, possible outcomes, deciding
    /// rules and missing facts, for front ends that show no cases (`juris decide --format
    /// outcome`, `juris batch`) and for searches over many requests.
    pub fn decide_without_cases(&self, request: &Request) -> Decision {
        self.decide_explained(request, true)
    }

    /// The same outcome, possible outcomes, deciding rules, missing facts and uncertainties as
    /// [`Corpus::decide_without_cases`], without the overridden rules, the conflicts and the
    /// advice: what the search for a request's cases needs of each of its many sub-decisions, and
    /// what front ends that show only the answer need (`juris decide --format outcome`, `juris
    /// batch`).
    pub fn decide_unexplained(&self, request: &Request) -> Decision {
        self.decide_explained(request, false)
    }

    fn decide_explained(&self, request: &Request, explain: bool) -> Decision {
        let candidates = self.candidates(request.jurisdiction, request.agency, request.action);
        let env = Env::new(self, &request.facts, request.as_of);
        let mut advice = Vec::new();
        let (mut in_play, mut applies, mut unknown, mut unsettled) = (0 as Mask, 0 as Mask, 0 as Mask, false);
        let mut sink = Unknowns::default();
        let (play, guidance) = self.in_play(candidates, request);
        for i in positions(if explain { guidance } else { 0 }) {
            let rule = &self.rules[candidates.rules[i] as usize];
            // §1.6: guidance is advice, never a deciding rule.
            if env.eval(&rule.when, &mut sink) != Tri::False {
                advice.push(candidates.rules[i]);
            }
        }
        for i in positions(play) {
            let rule = &self.rules[candidates.rules[i] as usize];
            in_play |= bit(i);
            match env.eval(&rule.when, &mut sink) {
                Tri::True => applies |= bit(i),
                Tri::Unknown => unknown |= bit(i),
                Tri::False => continue,
            }
            unsettled |= matches!(rule.outcome, RuleOutcome::Uncertain(_));
        }
        let frame = Frame { corpus: self, request, candidates, in_play, explain };
        let mut decision = if unknown == 0 && !unsettled {
            let mut world = World::default();
            frame.resolve(applies, &[], &mut world);
            frame.finish(&world, Vec::new(), Vec::new())
        } else {
            frame.enumerate(&env, applies, unknown)
        };
        if !advice.is_empty() {
            advice.sort_by_key(|r| self.rank[*r as usize]);
            decision.advice = advice;
        }
        decision
    }
}

impl Corpus {
    /// The outcome alone, without the explanation: the same answer as [`Corpus::decide`], for
    /// batches. It allocates nothing when every fact a rule reads is known; otherwise it falls
    /// back to the full decision.
    pub fn outcome(&self, request: &Request) -> Outcome {
        let candidates = self.candidates(request.jurisdiction, request.agency, request.action);
        let env = Env::new(self, &request.facts, request.as_of);
        let mut sink = Unknowns::default();
        let (in_play, _) = self.in_play(candidates, request);
        let mut applies = 0 as Mask;
        // Up to 8 unsettled rules are enumerated in place; more take the full path.
        let mut unsettled = [(0usize, OutcomeSet::default()); 8];
        let mut unsettled_count = 0;
        for i in positions(in_play) {
            let rule = &self.rules[candidates.rules[i] as usize];
            match env.eval(&rule.when, &mut sink) {
                Tri::True => applies |= bit(i),
                Tri::Unknown => return self.decide_unexplained(request).outcome,
                Tri::False => continue,
            }
            if let RuleOutcome::Uncertain(set) = rule.outcome {
                if unsettled_count == unsettled.len() {
                    return self.decide_unexplained(request).outcome;
                }
                unsettled[unsettled_count] = (i, set);
                unsettled_count += 1;
            }
        }
        let frame = Frame { corpus: self, request, candidates, in_play, explain: false };
        let mut world = World::default();
        let unsettled = &unsettled[..unsettled_count];
        let mut sizes = [0usize; 8];
        for (k, (_, set)) in unsettled.iter().enumerate() {
            sizes[k] = set.len();
        }
        // At most 8 rules of at most 5 outcomes each: the grid always fits.
        let Some(grid) = Grid::new(&sizes[..unsettled_count], usize::MAX) else {
            return self.decide_unexplained(request).outcome;
        };
        let mut choices = [(0usize, Outcome::Uncertain); 8];
        let mut outcomes = OutcomeSet::default();
        for w in 0..grid.count {
            for (k, ((i, set), choice)) in unsettled.iter().zip(grid.choices(w)).enumerate() {
                choices[k] = (*i, set.iter().nth(choice).unwrap_or(Outcome::Uncertain));
            }
            frame.resolve(applies, &choices[..unsettled.len()], &mut world);
            outcomes = outcomes.union(world.outcomes);
        }
        outcomes.only().unwrap_or(Outcome::Uncertain)
    }
}

impl Corpus {
    /// The candidates in play on the request's date, and the advisory ones in force (§1): from
    /// the compiled date segments, or rule by rule when bills are assumed enacted.
    fn in_play(&self, candidates: &Candidates, request: &Request) -> (Mask, Mask) {
        if request.assume_enacted.is_empty() {
            let segment = candidates.segment(request.as_of);
            return (segment.in_play, segment.advice);
        }
        candidates.in_play_on(&self.rules, &self.documents, request.as_of, &request.assume_enacted)
    }
}

impl Frame<'_> {
    fn rule(&self, i: usize) -> &crate::engine::ir::Rule {
        &self.corpus.rules[self.candidates.rules[i] as usize]
    }

    fn doc_of(&self, i: usize) -> DocId {
        self.rule(i).doc
    }

    /// §3: a rule is active when it applies and no exception to it is active.
    fn active(&self, i: usize, applies: Mask, done: &mut Mask, active: &mut Mask) -> bool {
        if *done & bit(i) != 0 {
            return *active & bit(i) != 0;
        }
        // INVARIANT: exception graphs are acyclic (E0307), so this recursion terminates.
        let result =
            applies & bit(i) != 0 && !positions(self.candidates.defeaters[i] & applies).any(|d| self.active(d, applies, done, active));
        *done |= bit(i);
        if result {
            *active |= bit(i);
        }
        result
    }

    /// Resolves one world: which candidates apply, and which outcome each unsettled rule takes.
    fn resolve(&self, applies: Mask, choices: &[(usize, Outcome)], world: &mut World) {
        let applies = applies & self.in_play;
        world.clear();
        let (mut done, mut active) = (0 as Mask, 0 as Mask);
        for i in positions(applies) {
            self.active(i, applies, &mut done, &mut active);
        }
        for i in positions(applies & !active) {
            let by = positions(self.candidates.defeaters[i] & active).next().map_or(NOBODY, |d| d as u8);
            if self.explain {
                world.overridden.push((i as u8, by, OverrideReason::Exception));
            }
        }
        let outcome_of = |i: usize| -> Outcome {
            match self.rule(i).outcome {
                RuleOutcome::Definite(o) => o,
                RuleOutcome::Uncertain(_) => choices.iter().find(|(c, _)| *c == i).map_or(Outcome::Uncertain, |(_, o)| *o),
            }
        };

        // §4 and §5, layer by layer from the top.
        let mut current: Option<(OutcomeSet, Mask)> = None;
        for &layer_mask in &self.candidates.layer_masks {
            let layer_active = active & layer_mask;
            if layer_active == 0 {
                continue;
            }
            let (set, layer_rules) = self.resolve_layer(layer_active, &outcome_of, world);
            current = Some(match current {
                None => (set, layer_rules),
                Some((above, mut deciding)) => {
                    let mut combined = OutcomeSet::default();
                    for a in above.iter() {
                        for b in set.iter() {
                            combined.insert(combine(a, b).0);
                        }
                    }
                    let first = |m: Mask| positions(m).next().map_or(NOBODY, |i| i as u8);
                    match (above.only(), set.only()) {
                        (Some(a), Some(b)) => match combine(a, b).1 {
                            Relation::Same => deciding |= layer_rules,
                            Relation::Replace => {
                                let by = first(layer_rules);
                                if self.explain {
                                    world.overridden.extend(positions(deciding).map(|d| (d as u8, by, OverrideReason::LowerLayer)));
                                }
                                deciding = layer_rules;
                            }
                            Relation::Preempt => {
                                let higher = first(deciding);
                                for l in positions(layer_rules).filter(|_| self.explain) {
                                    world.conflicts.push((ConflictKind::Preemption, vec![higher, l as u8]));
                                    world.overridden.push((l as u8, higher, OverrideReason::Preemption));
                                }
                            }
                            Relation::KeepHigher => {
                                let higher = first(deciding);
                                if self.explain {
                                    world.overridden.extend(positions(layer_rules).map(|l| (l as u8, higher, OverrideReason::Preemption)));
                                }
                            }
                        },
                        _ => deciding |= layer_rules,
                    }
                    (combined, deciding)
                }
            });
        }
        match current {
            None => world.outcomes = OutcomeSet::single(Outcome::Unregulated),
            Some((set, deciding)) => {
                world.outcomes = set;
                world.deciding = deciding;
            }
        }
    }

    /// One layer: the governing documents (§4) and their rules' outcomes.
    fn resolve_layer(&self, layer_active: Mask, outcome_of: &dyn Fn(usize) -> Outcome, world: &mut World) -> (OutcomeSet, Mask) {
        let corpus = self.corpus;
        // Documents declared overridden by another active document of the layer.
        let mut declared: Vec<(DocId, DocId)> = Vec::new();
        for i in positions(layer_active) {
            let d = self.doc_of(i);
            for &o in &corpus.documents[d as usize].overrides {
                if positions(layer_active).any(|j| self.doc_of(j) == o) && !declared.contains(&(o, d)) {
                    declared.push((o, d));
                }
            }
        }
        let overrider = |d: DocId| declared.iter().find(|(o, _)| *o == d).map(|(_, by)| *by);
        let start_of = |d: DocId| corpus.documents[d as usize].start(self.request.assume_enacted.contains(&d));
        let mut latest = None;
        for i in positions(layer_active) {
            let d = self.doc_of(i);
            if overrider(d).is_none() {
                latest = latest.max(Some(start_of(d)));
            }
        }
        let mut governing: Mask = 0;
        let mut governing_docs: (Option<DocId>, bool) = (None, false);
        let mut set = OutcomeSet::default();
        for i in positions(layer_active) {
            let d = self.doc_of(i);
            if overrider(d).is_none() && Some(start_of(d)) == latest {
                governing |= bit(i);
                set.insert(outcome_of(i));
                match governing_docs.0 {
                    None => governing_docs.0 = Some(d),
                    Some(g) if g != d => governing_docs.1 = true,
                    _ => {}
                }
            }
        }
        if set.len() > 1 && self.explain {
            let kind = if governing_docs.1 { ConflictKind::SameDate } else { ConflictKind::WithinDocument };
            world.conflicts.push((kind, positions(governing).map(|i| i as u8).collect()));
        }
        let mut rules = governing;
        let first_governing = positions(governing).next().map_or(NOBODY, |i| i as u8);
        for i in positions(layer_active & !governing) {
            if set.len() == 1 && set.contains(outcome_of(i)) {
                rules |= bit(i);
            } else {
                let (by, reason) = match overrider(self.doc_of(i)) {
                    Some(o) => (
                        positions(governing).find(|&g| self.doc_of(g) == o).map_or(first_governing, |g| g as u8),
                        OverrideReason::DeclaredOverride,
                    ),
                    None => (first_governing, OverrideReason::LaterDocument),
                };
                if self.explain {
                    world.overridden.push((i as u8, by, reason));
                }
            }
        }
        (set, rules)
    }

    /// Resolves every world the unknowns allow and merges them (semantics §6).
    fn enumerate(&self, env: &Env<'_>, applies: Mask, unknown: Mask) -> Decision {
        let corpus = self.corpus;
        // What each unknown condition found unknown.
        let mut all_unknowns = Unknowns::default();
        for i in positions(unknown) {
            env.eval(&self.rule(i).when, &mut all_unknowns);
        }
        // Outer dimensions: unknown enum and boolean facts read by unknown conditions.
        let mut dims: Vec<(u16, Vec<Value>)> = Vec::new();
        for f in all_unknowns.fact_ids() {
            match corpus.vocabulary.facts[f as usize].ty {
                FactType::Scalar(ScalarType::Bool) => dims.push((f, vec![Value::Bool(false), Value::Bool(true)])),
                FactType::Scalar(ScalarType::Enum(e)) => {
                    let count = corpus.vocabulary.enums[e as usize].values.len() as u16;
                    dims.push((f, (0..count).map(Value::Enum).collect()));
                }
                _ => {}
            }
        }
        let sizes: Vec<usize> = dims.iter().map(|(_, values)| values.len()).collect();
        let Some(grid) = Grid::new(&sizes, MAX_OUTER_WORLDS) else {
            // Too many unknowns to enumerate: answer uncertain and name them all.
            return self.give_up(applies, &all_unknowns);
        };
        let mut outer_sets = Vec::with_capacity(grid.count);
        let mut settled: Vec<(Mask, OutcomeSet)> = Vec::new();
        let mut merged = World::default();
        let mut scratch = World::default();
        let mut missing: Vec<u16> = Vec::new();
        let mut uncertainties: Vec<Uncertainty> = Vec::new();
        // The facts are copied only when some of them are enumerated.
        let mut facts = if dims.is_empty() { Vec::new() } else { env.facts.to_vec() };
        for w in 0..grid.count {
            for ((f, values), choice) in dims.iter().zip(grid.choices(w)) {
                facts[*f as usize] = Some(values[choice].clone());
            }
            let world_env = if dims.is_empty() { Env::new(corpus, env.facts, env.as_of) } else { Env::new(corpus, &facts, env.as_of) };
            let (mut local_applies, mut local_unknown) = (applies, 0 as Mask);
            let mut local_unknowns: Vec<(usize, Unknowns)> = Vec::new();
            for i in positions(unknown) {
                let mut u = Unknowns::default();
                match world_env.eval(&self.rule(i).when, &mut u) {
                    Tri::True => local_applies |= bit(i),
                    Tri::Unknown => {
                        local_unknown |= bit(i);
                        local_unknowns.push((i, u));
                    }
                    Tri::False => {}
                }
            }
            // A world whose conditions are all settled gives what an earlier world with the same
            // applicable rules gave: its inner worlds, explanations and uncertainties are the same.
            if local_unknown == 0 {
                if let Some((_, set)) = settled.iter().find(|(a, _)| *a == local_applies) {
                    outer_sets.push(*set);
                    continue;
                }
            }
            match self.inner(local_applies, local_unknown, &local_unknowns, &mut missing, &mut uncertainties, &mut merged, &mut scratch) {
                Some(set) => {
                    if local_unknown == 0 {
                        settled.push((local_applies, set));
                    }
                    outer_sets.push(set);
                }
                None => return self.give_up(applies, &all_unknowns),
            }
        }
        // An outer fact matters when changing it alone changes the outcomes.
        for (d, (f, _)) in dims.iter().enumerate() {
            if grid.matters(d, &outer_sets) && !missing.contains(f) {
                missing.push(*f);
            }
        }
        self.finish(&merged, missing, uncertainties)
    }

    /// Enumerates the inner dimensions of one outer world: conditions still unknown (lists,
    /// coarse classes) and the outcomes of unsettled rules. Returns the world's outcome set.
    #[expect(clippy::too_many_arguments, reason = "the outer world's state and the accumulators it fills")]
    fn inner(
        &self,
        applies: Mask,
        unknown: Mask,
        unknowns: &[(usize, Unknowns)],
        missing: &mut Vec<u16>,
        uncertainties: &mut Vec<Uncertainty>,
        merged: &mut World,
        scratch: &mut World,
    ) -> Option<OutcomeSet> {
        let opaque: Vec<usize> = positions(unknown).collect();
        let unsettled: Vec<(usize, OutcomeSet)> = positions((applies | unknown) & self.in_play)
            .filter_map(|i| match self.rule(i).outcome {
                RuleOutcome::Uncertain(set) => Some((i, set)),
                RuleOutcome::Definite(_) => None,
            })
            .collect();
        let mut sizes: Vec<usize> = opaque.iter().map(|_| 2).collect();
        sizes.extend(unsettled.iter().map(|(_, o)| o.len()));
        let grid = Grid::new(&sizes, MAX_INNER_WORLDS)?;
        let mut sets = Vec::with_capacity(grid.count);
        let mut choices: Vec<(usize, Outcome)> = Vec::with_capacity(unsettled.len());
        for w in 0..grid.count {
            let mut world_applies = applies;
            choices.clear();
            for (d, choice) in grid.choices(w).enumerate() {
                match opaque.get(d) {
                    Some(&i) if choice == 1 => world_applies |= bit(i),
                    Some(_) => {}
                    None => {
                        let (i, outcomes) = &unsettled[d - opaque.len()];
                        choices.push((*i, outcomes.iter().nth(choice).unwrap_or(Outcome::Uncertain)));
                    }
                }
            }
            self.resolve(world_applies, &choices, scratch);
            sets.push(scratch.outcomes);
            merged.merge(scratch);
        }
        for d in 0..sizes.len() {
            if grid.matters(d, &sets) {
                if d < opaque.len() {
                    if let Some((_, u)) = unknowns.iter().find(|(i, _)| *i == opaque[d]) {
                        for f in u.fact_ids() {
                            if !missing.contains(&f) {
                                missing.push(f);
                            }
                        }
                        for (class, reason) in &u.gaps {
                            let gap = Uncertainty::Class(*class, *reason);
                            if !uncertainties.contains(&gap) {
                                uncertainties.push(gap);
                            }
                        }
                    }
                } else {
                    let rule = Uncertainty::Rule(self.candidates.rules[unsettled[d - opaque.len()].0]);
                    if !uncertainties.contains(&rule) {
                        uncertainties.push(rule);
                    }
                }
            }
        }
        Some(sets.iter().fold(OutcomeSet::default(), |a, b| a.union(*b)))
    }

    /// When the unknowns are too many to enumerate: uncertain, naming every unknown.
    fn give_up(&self, applies: Mask, unknowns: &Unknowns) -> Decision {
        let mut world = World::default();
        self.resolve(applies, &[], &mut world);
        world.outcomes = OutcomeSet::single(Outcome::Uncertain);
        let uncertainties = unknowns.gaps.iter().map(|(c, r)| Uncertainty::Class(*c, *r)).collect();
        self.finish(&world, unknowns.fact_ids().collect(), uncertainties)
    }

    /// Turns the merged worlds into one decision with lists sorted by name.
    fn finish(&self, world: &World, mut missing: Vec<u16>, mut uncertainties: Vec<Uncertainty>) -> Decision {
        let corpus = self.corpus;
        let possible = world.outcomes;
        let outcome = possible.only().unwrap_or(Outcome::Uncertain);
        let id = |i: u8| self.candidates.rules[i as usize];
        // INVARIANT: lists are sorted by names (ranks), never by load order, so that no order of
        // files or rules shows through (semantics §7).
        let rank = |r: RuleId| corpus.rank[r as usize];
        let mut deciding: Vec<RuleId> = positions(world.deciding).map(|i| id(i as u8)).collect();
        deciding.sort_unstable_by_key(|r| rank(*r));
        let mut overridden: Vec<Overridden> = world
            .overridden
            .iter()
            .filter(|(r, _, _)| world.deciding & bit(*r as usize) == 0)
            .map(|&(r, by, reason)| Overridden { rule: id(r), by: (by != NOBODY).then(|| id(by)), reason })
            .collect();
        overridden.sort_unstable_by_key(|o| rank(o.rule));
        let mut conflicts: Vec<Conflict> = Vec::new();
        for (kind, rules) in &world.conflicts {
            let mut rules: Vec<RuleId> = rules.iter().filter(|&&i| i != NOBODY).map(|&i| id(i)).collect();
            if *kind != ConflictKind::Preemption {
                rules.sort_unstable_by_key(|r| rank(*r));
            }
            let conflict = Conflict { kind: *kind, rules };
            if !conflicts.contains(&conflict) {
                conflicts.push(conflict);
            }
        }
        if conflicts.len() > 1 {
            conflicts.sort_by_key(|c| (c.kind, c.rules.iter().map(|r| rank(*r)).collect::<Vec<_>>()));
        }
        let obligations: Vec<RuleId> = deciding
            .iter()
            .copied()
            .filter(|&r| {
                let rule = &corpus.rules[r as usize];
                !rule.obligations.is_empty()
                    && matches!(rule.outcome, RuleOutcome::Definite(Outcome::Permitted | Outcome::Required) | RuleOutcome::Uncertain(_))
            })
            .collect();
        if outcome != Outcome::Uncertain {
            missing.clear();
            uncertainties.clear();
        }
        missing.sort_by(|a, b| corpus.vocabulary.facts[*a as usize].name.cmp(&corpus.vocabulary.facts[*b as usize].name));
        missing.dedup();
        let key = |u: &Uncertainty| match *u {
            Uncertainty::Rule(r) => (corpus.rules[r as usize].id.clone(), 0),
            Uncertainty::Class(c, reason) => (corpus.classes[c as usize].id.clone(), reason),
        };
        uncertainties.sort_by_key(key);
        uncertainties.dedup();
        Decision {
            jurisdiction: self.request.jurisdiction,
            agency: self.request.agency,
            as_of: self.request.as_of,
            action: self.request.action,
            outcome,
            possible: if outcome == Outcome::Uncertain { possible } else { OutcomeSet::default() },
            deciding,
            overridden,
            conflicts,
            missing_facts: missing,
            uncertainties,
            obligations,
            advice: Vec::new(),
            assumed_enacted: self.request.assume_enacted.clone(),
            cases: Vec::new(),
            cases_exact: true,
            next_question: None,
        }
    }
}

/// How a lower layer's outcome relates to the one above (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Same,
    /// The lower layer's outcome stands.
    Replace,
    /// The lower layer contradicts a higher prohibition or requirement: a conflict; higher wins.
    Preempt,
    /// The higher layer's stronger outcome stands without a conflict.
    KeepHigher,
}

fn combine(higher: Outcome, lower: Outcome) -> (Outcome, Relation) {
    use Outcome::*;
    match (higher, lower) {
        (h, l) if h == l => (h, Relation::Same),
        (Prohibited, Permitted | Required) => (Prohibited, Relation::Preempt),
        (Required, Prohibited) => (Required, Relation::Preempt),
        (Required, Permitted) => (Required, Relation::KeepHigher),
        (h, Unregulated) => (h, Relation::KeepHigher),
        (_, l) => (l, Relation::Replace),
    }
}
