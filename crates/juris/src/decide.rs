//! Decisions: which rules are in play, exceptions, the later document, layering, and `uncertain`.
//!
//! The meaning is written down in docs/semantics.md; section numbers there are cited in comments
//! here. A decision is computed over *worlds*: when facts are unknown or law is unsettled, every
//! way they could turn out is resolved, and the outcome is definite only when all ways agree.

use crate::date::Date;
use crate::eval::{Env, Tri, Unknowns};
use crate::ir::{ClassId, Corpus, DocId, DocumentKind, Outcome, OutcomeSet, RuleId, RuleOutcome};
use crate::request::{Request, Value};
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

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Overridden {
    pub rule: RuleId,
    pub by: Option<RuleId>,
    pub reason: OverrideReason,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Conflict {
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
    pub jurisdiction: u16,
    pub agency: u16,
    pub as_of: Date,
    pub action: u16,
    pub outcome: Outcome,
    /// When `uncertain`: what the outcome could be.
    pub possible: OutcomeSet,
    pub deciding: Vec<RuleId>,
    pub overridden: Vec<Overridden>,
    pub conflicts: Vec<Conflict>,
    /// Unknown facts the outcome hinges on (fact ids).
    pub missing_facts: Vec<u16>,
    pub uncertainties: Vec<Uncertainty>,
    /// Rules whose obligations attach to the outcome.
    pub obligations: Vec<RuleId>,
    /// Applicable advice (guidance documents).
    pub advice: Vec<RuleId>,
    pub assumed_enacted: Vec<DocId>,
}

/// The most worlds a decision enumerates before it answers `uncertain` without refinement.
const MAX_OUTER_WORLDS: usize = 1024;
const MAX_INNER_WORLDS: usize = 4096;

/// The result of resolving one world (positions are indices into the candidate list).
#[derive(Debug, Clone, Default)]
struct World {
    outcomes: OutcomeSet,
    deciding: Vec<usize>,
    overridden: Vec<(usize, Option<usize>, OverrideReason)>,
    conflicts: Vec<(ConflictKind, Vec<usize>)>,
}

struct Frame<'a> {
    corpus: &'a Corpus,
    request: &'a Request,
    rules: &'a [RuleId],
    defeaters: &'a [Vec<u16>],
    layers: &'a [u8],
    /// Whether each candidate is in play on the date (and binding, and not advisory).
    in_play: Vec<bool>,
}

impl Corpus {
    /// Decides a resolved request (docs/semantics.md).
    pub fn decide(&self, request: &Request) -> Decision {
        let candidates = self.candidates(request.jurisdiction, request.agency, request.action);
        let n = candidates.rules.len();
        let mut frame = Frame {
            corpus: self,
            request,
            rules: &candidates.rules,
            defeaters: &candidates.defeaters,
            layers: &candidates.layers,
            in_play: vec![false; n],
        };
        let env = Env { corpus: self, facts: &request.facts, as_of: request.as_of };
        let mut advice = Vec::new();
        let mut conds = vec![Tri::False; n];
        let mut rule_unknowns: Vec<Option<Unknowns>> = vec![None; n];
        for i in 0..n {
            let rule = &self.rules[candidates.rules[i] as usize];
            let doc = &self.documents[rule.doc as usize];
            let assumed = request.assume_enacted.contains(&rule.doc);
            if !(doc.in_force(request.as_of, assumed) && rule.in_period(request.as_of)) {
                continue;
            }
            let mut unknowns = Unknowns::default();
            let value = env.eval(&rule.when, &mut unknowns);
            // §1.6: guidance is advice, never a deciding rule.
            if doc.kind == DocumentKind::Guidance {
                if value != Tri::False {
                    advice.push(candidates.rules[i]);
                }
                continue;
            }
            frame.in_play[i] = true;
            conds[i] = value;
            if value == Tri::Unknown {
                rule_unknowns[i] = Some(unknowns);
            }
        }
        let unsettled = (0..n).any(|i| {
            frame.in_play[i]
                && conds[i] != Tri::False
                && matches!(self.rules[candidates.rules[i] as usize].outcome, RuleOutcome::Uncertain(_))
        });
        let unknown = conds.iter().zip(&frame.in_play).any(|(c, p)| *p && *c == Tri::Unknown);

        let mut decision = if !unknown && !unsettled {
            let applies: Vec<bool> = conds.iter().map(|c| *c == Tri::True).collect();
            let world = frame.resolve(&applies, &[]);
            frame.finish(vec![world], Vec::new(), Vec::new())
        } else {
            frame.enumerate(&env, &conds, &rule_unknowns)
        };
        advice.sort_by(|a, b| self.rules[*a as usize].id.cmp(&self.rules[*b as usize].id));
        decision.advice = advice;
        decision
    }
}

impl Frame<'_> {
    fn rule(&self, i: usize) -> &crate::ir::Rule {
        &self.corpus.rules[self.rules[i] as usize]
    }

    /// Resolves one world: which candidates apply, and (for uncertain rules) which outcome each
    /// takes, indexed by candidate position; missing choices mean the rule is not unsettled here.
    fn resolve(&self, applies: &[bool], choices: &[(usize, Outcome)]) -> World {
        let n = applies.len();
        let mut world = World::default();
        // §3: active = applies and no active exception.
        let mut state = vec![0u8; n]; // 0 unknown, 1 active, 2 inactive
        fn active(i: usize, applies: &[bool], in_play: &[bool], defeaters: &[Vec<u16>], state: &mut [u8]) -> bool {
            if state[i] != 0 {
                return state[i] == 1;
            }
            // INVARIANT: exception graphs are acyclic (E0307), so this recursion terminates.
            let result = in_play[i] && applies[i] && !defeaters[i].iter().any(|&d| active(d as usize, applies, in_play, defeaters, state));
            state[i] = if result { 1 } else { 2 };
            result
        }
        for i in 0..n {
            active(i, applies, &self.in_play, self.defeaters, &mut state);
        }
        for i in 0..n {
            if self.in_play[i] && applies[i] && state[i] == 2 {
                let by = self.defeaters[i].iter().map(|&d| d as usize).find(|&d| state[d] == 1);
                world.overridden.push((i, by, OverrideReason::Exception));
            }
        }
        let outcome_of = |i: usize| -> Outcome {
            match self.rule(i).outcome {
                RuleOutcome::Definite(o) => o,
                RuleOutcome::Uncertain(_) => choices.iter().find(|(c, _)| *c == i).map_or(Outcome::Uncertain, |(_, o)| *o),
            }
        };

        // §4 and §5, layer by layer from the top.
        let mut current: Option<(OutcomeSet, Vec<usize>)> = None;
        let mut start = 0;
        while start < n {
            let layer = self.layers[start];
            let mut end = start;
            while end < n && self.layers[end] == layer {
                end += 1;
            }
            let active_rules: Vec<usize> = (start..end).filter(|&i| state[i] == 1).collect();
            start = end;
            if active_rules.is_empty() {
                continue;
            }
            let (set, layer_rules) = self.resolve_layer(&active_rules, &outcome_of, &mut world);
            current = Some(match current {
                None => (set, layer_rules),
                Some((above, mut deciding)) => {
                    let mut combined = OutcomeSet::default();
                    for a in above.iter() {
                        for b in set.iter() {
                            combined.insert(combine(a, b).0);
                        }
                    }
                    match (above.only(), set.only()) {
                        (Some(a), Some(b)) => match combine(a, b).1 {
                            Relation::Same => deciding.extend(layer_rules),
                            Relation::Replace => {
                                let by = layer_rules.first().copied();
                                world.overridden.extend(deciding.iter().map(|&d| (d, by, OverrideReason::LowerLayer)));
                                deciding = layer_rules;
                            }
                            Relation::Preempt => {
                                let higher = deciding.first().copied();
                                for &l in &layer_rules {
                                    world.conflicts.push((ConflictKind::Preemption, higher.into_iter().chain([l]).collect()));
                                    world.overridden.push((l, higher, OverrideReason::Preemption));
                                }
                            }
                            Relation::KeepHigher => {
                                let higher = deciding.first().copied();
                                world.overridden.extend(layer_rules.iter().map(|&l| (l, higher, OverrideReason::Preemption)));
                            }
                        },
                        _ => deciding.extend(layer_rules),
                    }
                    (combined, deciding)
                }
            });
        }
        match current {
            None => world.outcomes = OutcomeSet::single(Outcome::Unregulated),
            Some((set, deciding)) => {
                // An `unregulated` choice of an unsettled rule that nothing else overrides.
                world.outcomes = set;
                world.deciding = deciding;
            }
        }
        world
    }

    /// One layer: the governing documents (§4) and their rules' outcomes.
    fn resolve_layer(&self, active_rules: &[usize], outcome_of: &dyn Fn(usize) -> Outcome, world: &mut World) -> (OutcomeSet, Vec<usize>) {
        let corpus = self.corpus;
        let doc_of = |i: usize| self.rule(i).doc;
        let mut docs: Vec<DocId> = active_rules.iter().map(|&i| doc_of(i)).collect();
        docs.sort_unstable();
        docs.dedup();
        let declared_over = |d: DocId| docs.iter().find(|&&o| o != d && corpus.documents[o as usize].overrides.contains(&d)).copied();
        let start_of = |d: DocId| corpus.documents[d as usize].start(self.request.assume_enacted.contains(&d));
        let standing: Vec<DocId> = docs.iter().copied().filter(|&d| declared_over(d).is_none()).collect();
        let latest = standing.iter().map(|&d| start_of(d)).max().flatten();
        let governing: Vec<DocId> = standing.iter().copied().filter(|&d| start_of(d) == latest).collect();
        let governing_rules: Vec<usize> = active_rules.iter().copied().filter(|&i| governing.contains(&doc_of(i))).collect();
        let mut set = OutcomeSet::default();
        for &i in &governing_rules {
            set.insert(outcome_of(i));
        }
        if set.len() > 1 {
            let kind = if governing.len() > 1 { ConflictKind::SameDate } else { ConflictKind::WithinDocument };
            world.conflicts.push((kind, governing_rules.clone()));
        }
        let mut rules = governing_rules.clone();
        for &i in active_rules {
            let d = doc_of(i);
            if governing.contains(&d) {
                continue;
            }
            if set.len() == 1 && set.contains(outcome_of(i)) {
                rules.push(i);
            } else {
                let (by, reason) = match declared_over(d) {
                    Some(o) => (
                        governing_rules.iter().copied().find(|&g| doc_of(g) == o).or(governing_rules.first().copied()),
                        OverrideReason::DeclaredOverride,
                    ),
                    None => (governing_rules.first().copied(), OverrideReason::LaterDocument),
                };
                world.overridden.push((i, by, reason));
            }
        }
        (set, rules)
    }

    /// Resolves every world the unknowns allow and merges them (semantics §6).
    fn enumerate(&self, env: &Env<'_>, conds: &[Tri], rule_unknowns: &[Option<Unknowns>]) -> Decision {
        let corpus = self.corpus;
        let n = conds.len();
        // Outer dimensions: unknown enum and boolean facts read by unknown conditions.
        let mut all_unknowns = Unknowns::default();
        for u in rule_unknowns.iter().flatten() {
            all_unknowns.merge(u);
        }
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
        let outer_count = dims.iter().try_fold(1usize, |acc, (_, values)| acc.checked_mul(values.len()).filter(|c| *c <= MAX_OUTER_WORLDS));
        let Some(outer_count) = outer_count else {
            // Too many unknowns to enumerate: answer uncertain and name them all.
            return self.give_up(conds, &all_unknowns);
        };
        let mut outer_sets = Vec::with_capacity(outer_count);
        let mut worlds = Vec::new();
        let mut missing: Vec<u16> = Vec::new();
        let mut uncertainties: Vec<Uncertainty> = Vec::new();
        let mut facts = env.facts.to_vec();
        for index in 0..outer_count {
            let mut rest = index;
            for (f, values) in &dims {
                facts[*f as usize] = Some(values[rest % values.len()].clone());
                rest /= values.len();
            }
            let world_env = Env { corpus, facts: &facts, as_of: env.as_of };
            let mut local = conds.to_vec();
            let mut local_unknowns: Vec<Option<Unknowns>> = vec![None; n];
            for i in 0..n {
                if self.in_play[i] && conds[i] == Tri::Unknown {
                    let mut u = Unknowns::default();
                    local[i] = world_env.eval(&self.rule(i).when, &mut u);
                    if local[i] == Tri::Unknown {
                        local_unknowns[i] = Some(u);
                    }
                }
            }
            match self.inner(&local, &local_unknowns, &mut missing, &mut uncertainties) {
                Some((set, mut inner_worlds)) => {
                    outer_sets.push(set);
                    worlds.append(&mut inner_worlds);
                }
                None => return self.give_up(conds, &all_unknowns),
            }
        }
        // An outer fact matters when changing it alone changes the outcomes.
        let mut stride = 1;
        for (f, values) in &dims {
            let size = values.len();
            let matters =
                (0..outer_count).any(|w| (w / stride) % size == 0 && (1..size).any(|k| outer_sets[w + k * stride] != outer_sets[w]));
            if matters && !missing.contains(f) {
                missing.push(*f);
            }
            stride *= size;
        }
        self.finish(worlds, missing, uncertainties)
    }

    /// Enumerates the inner dimensions of one outer world: conditions still unknown (lists,
    /// coarse classes) and the outcomes of unsettled rules. Returns the world's outcome set.
    fn inner(
        &self,
        conds: &[Tri],
        unknowns: &[Option<Unknowns>],
        missing: &mut Vec<u16>,
        uncertainties: &mut Vec<Uncertainty>,
    ) -> Option<(OutcomeSet, Vec<World>)> {
        let n = conds.len();
        let opaque: Vec<usize> = (0..n).filter(|&i| self.in_play[i] && conds[i] == Tri::Unknown).collect();
        let unsettled: Vec<(usize, Vec<Outcome>)> = (0..n)
            .filter(|&i| self.in_play[i] && conds[i] != Tri::False)
            .filter_map(|i| match self.rule(i).outcome {
                RuleOutcome::Uncertain(set) => Some((i, set.iter().collect())),
                RuleOutcome::Definite(_) => None,
            })
            .collect();
        let mut sizes: Vec<usize> = opaque.iter().map(|_| 2).collect();
        sizes.extend(unsettled.iter().map(|(_, o)| o.len()));
        let count = sizes.iter().try_fold(1usize, |acc, s| acc.checked_mul(*s).filter(|c| *c <= MAX_INNER_WORLDS))?;
        let mut sets = Vec::with_capacity(count);
        let mut worlds = Vec::with_capacity(count);
        let mut applies: Vec<bool> = conds.iter().map(|c| *c == Tri::True).collect();
        let mut choices: Vec<(usize, Outcome)> = Vec::with_capacity(unsettled.len());
        for index in 0..count {
            let mut rest = index;
            for &i in &opaque {
                applies[i] = rest % 2 == 1;
                rest /= 2;
            }
            choices.clear();
            for (i, outcomes) in &unsettled {
                choices.push((*i, outcomes[rest % outcomes.len()]));
                rest /= outcomes.len();
            }
            let world = self.resolve(&applies, &choices);
            sets.push(world.outcomes);
            worlds.push(world);
        }
        let mut stride = 1;
        for (d, size) in sizes.iter().enumerate() {
            let matters = (0..count).any(|w| (w / stride) % size == 0 && (1..*size).any(|k| sets[w + k * stride] != sets[w]));
            if matters {
                if d < opaque.len() {
                    if let Some(u) = &unknowns[opaque[d]] {
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
                    let rule = Uncertainty::Rule(self.rules[unsettled[d - opaque.len()].0]);
                    if !uncertainties.contains(&rule) {
                        uncertainties.push(rule);
                    }
                }
            }
            stride *= size;
        }
        let set = sets.iter().fold(OutcomeSet::default(), |a, b| a.union(*b));
        Some((set, worlds))
    }

    /// When the unknowns are too many to enumerate: uncertain, naming every unknown.
    fn give_up(&self, conds: &[Tri], unknowns: &Unknowns) -> Decision {
        let applies: Vec<bool> = conds.iter().map(|c| *c == Tri::True).collect();
        let mut world = self.resolve(&applies, &[]);
        world.outcomes = OutcomeSet::default();
        world.outcomes.insert(Outcome::Uncertain);
        let uncertainties = unknowns.gaps.iter().map(|(c, r)| Uncertainty::Class(*c, *r)).collect();
        self.finish(vec![world], unknowns.fact_ids().collect(), uncertainties)
    }

    /// Merges worlds into one decision with sorted, deduplicated lists.
    fn finish(&self, worlds: Vec<World>, mut missing: Vec<u16>, mut uncertainties: Vec<Uncertainty>) -> Decision {
        let possible = worlds.iter().fold(OutcomeSet::default(), |a, w| a.union(w.outcomes));
        let outcome = possible.only().unwrap_or(Outcome::Uncertain);
        let id = |i: usize| self.rules[i];
        // INVARIANT: lists are sorted by names, never by indices, so that no order of files or
        // rules shows through (semantics §7).
        let name = |r: RuleId| self.corpus.rules[r as usize].id.as_str();
        let mut deciding: Vec<RuleId> = worlds.iter().flat_map(|w| w.deciding.iter().map(|&i| id(i))).collect();
        deciding.sort_by(|a, b| name(*a).cmp(name(*b)));
        deciding.dedup();
        let mut overridden: Vec<Overridden> = worlds
            .iter()
            .flat_map(|w| w.overridden.iter().map(|&(r, by, reason)| Overridden { rule: id(r), by: by.map(id), reason }))
            .filter(|o| !deciding.contains(&o.rule))
            .collect();
        overridden.sort_by(|a, b| (name(a.rule), a.reason, a.by.map(name)).cmp(&(name(b.rule), b.reason, b.by.map(name))));
        overridden.dedup_by(|a, b| a.rule == b.rule);
        let mut conflicts: Vec<Conflict> = worlds
            .iter()
            .flat_map(|w| {
                w.conflicts.iter().map(|(kind, rules)| {
                    let mut rules: Vec<RuleId> = rules.iter().map(|&i| id(i)).collect();
                    if *kind != ConflictKind::Preemption {
                        rules.sort_by(|a, b| name(*a).cmp(name(*b)));
                    }
                    Conflict { kind: *kind, rules }
                })
            })
            .collect();
        conflicts.sort_by(|a, b| {
            (a.kind, a.rules.iter().map(|r| name(*r)).collect::<Vec<_>>())
                .cmp(&(b.kind, b.rules.iter().map(|r| name(*r)).collect::<Vec<_>>()))
        });
        conflicts.dedup();
        let corpus = self.corpus;
        let mut obligations: Vec<RuleId> = deciding
            .iter()
            .copied()
            .filter(|&r| {
                let rule = &corpus.rules[r as usize];
                !rule.obligations.is_empty()
                    && matches!(rule.outcome, RuleOutcome::Definite(Outcome::Permitted | Outcome::Required) | RuleOutcome::Uncertain(_))
            })
            .collect();
        obligations.sort_by(|a, b| name(*a).cmp(name(*b)));
        if outcome != Outcome::Uncertain {
            missing.clear();
            uncertainties.clear();
        }
        missing.sort_by(|a, b| corpus.vocabulary.facts[*a as usize].name.cmp(&corpus.vocabulary.facts[*b as usize].name));
        missing.dedup();
        let key = |u: &Uncertainty| match *u {
            Uncertainty::Rule(r) => (name(r).to_owned(), 0),
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
