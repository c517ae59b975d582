//! Lints over a compiled corpus: rules that can never apply or are always overridden, rules of
//! one document that can apply together with different outcomes and no priority between them,
//! and rules that prohibit an action federal law contests (the vocabulary's `[contested]`, such
//! as sharing immigration status under 8 U.S.C. 1373).
//!
//! The first three need to know whether conditions can hold together. That is decided by a search
//! over the facts the conditions read, with the candidate values and the splitting search that
//! `juris diff` uses ([`crate::engine::domain`]): start with every fact unknown, evaluate in three
//! values, and split on an unknown fact until every condition is true (satisfiable, with a
//! witness) or one is false.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::engine::domain::{Domains, Step, split};
use crate::engine::eval::{Env, Tri, Unknowns};
use crate::engine::ir::{Cond, Corpus, Outcome, Place, Rule, RuleOutcome};
use crate::engine::request::Value;

/// Evaluations one satisfiability question may take before it gives up (and nothing is reported).
const BUDGET: usize = 20_000;

/// Every lint finding for a corpus that loaded without errors.
pub(crate) fn lint(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in &corpus.documents {
        for (i, &a) in doc.rules.iter().enumerate() {
            let rule = &corpus.rules[a as usize];
            let date = start(corpus, rule);
            // Never applies: its own period misses its document's, or its condition cannot hold.
            let period_misses = match (date, doc.ends) {
                (Some(d), Some(end)) => d >= end,
                _ => false,
            } || rule.until.zip(doc.effective.or(doc.assumed_from)).is_some_and(|(until, begins)| until <= begins);
            if period_misses {
                out.push(warning(
                    corpus,
                    rule,
                    crate::diagnostic::Code::W0201,
                    format!("rule `{}` can never apply: its period lies outside its document's", rule.id),
                    "check the rule's `from`/`until` against the document's lifecycle",
                ));
            } else if let Some(d) = date {
                if satisfiable(corpus, &[&rule.when], d) == Some(false) {
                    out.push(warning(
                        corpus,
                        rule,
                        crate::diagnostic::Code::W0201,
                        format!("rule `{}` can never apply: its condition cannot hold", rule.id),
                        "no request satisfies the `when` condition",
                    ));
                } else {
                    // Always overridden: whenever it applies, an exception of its own document does.
                    let defeaters: Vec<Cond> = doc
                        .rules
                        .iter()
                        .map(|&e| &corpus.rules[e as usize])
                        // An unsettled exception keeps the rule's outcome among the possibilities,
                        // so only definite exceptions can leave a rule with nothing to say.
                        .filter(|e| matches!(e.outcome, RuleOutcome::Definite(_)))
                        .filter(|e| {
                            e.exception_to.contains(&a)
                                && e.from.is_none()
                                && e.until.is_none()
                                && e.actions & rule.actions == rule.actions
                                && e.agencies & rule.agencies == rule.agencies
                        })
                        .map(|e| e.when.clone())
                        .collect();
                    if !defeaters.is_empty() {
                        let none = Cond::Not(Box::new(Cond::Or(defeaters)));
                        if satisfiable(corpus, &[&rule.when, &none], d) == Some(false) {
                            out.push(warning(
                                corpus,
                                rule,
                                crate::diagnostic::Code::W0202,
                                format!("rule `{}` is always overridden by its exceptions", rule.id),
                                "whenever it applies an exception applies too; remove it or narrow the exceptions",
                            ));
                        }
                    }
                }
            }
            // Pairs of the same document with different outcomes and no priority between them.
            for &b in &doc.rules[i + 1..] {
                let other = &corpus.rules[b as usize];
                if related(corpus, a, b) || !overlap(rule, other) || !opposed(rule.outcome, other.outcome) {
                    continue;
                }
                let Some(d) = date.max(start(corpus, other)) else { continue };
                // Both must be active: apply, and neither be beaten by an exception of the document.
                let unbeaten = |target: u32| -> Cond {
                    let beaters: Vec<Cond> = doc
                        .rules
                        .iter()
                        .map(|&e| &corpus.rules[e as usize])
                        .filter(|e| e.exception_to.contains(&target) && e.from.is_none() && e.until.is_none())
                        .map(|e| e.when.clone())
                        .collect();
                    Cond::Not(Box::new(Cond::Or(beaters)))
                };
                let (free_a, free_b) = (unbeaten(a), unbeaten(b));
                if satisfiable(corpus, &[&rule.when, &other.when, &free_a, &free_b], d) == Some(true) {
                    out.push(warning(
                        corpus,
                        other,
                        crate::diagnostic::Code::W0102,
                        format!("rules `{}` and `{}` can apply to the same request with different outcomes", rule.id, other.id),
                        "make one an `exception to` the other, or narrow a condition; decisions report such cases as conflicts",
                    ));
                }
            }
            // Restricting an action that federal law contests (vocabulary `[contested]`).
            let restricts = match rule.outcome {
                RuleOutcome::Definite(o) => o == Outcome::Prohibited,
                RuleOutcome::Uncertain(set) => set.contains(Outcome::Prohibited),
            };
            for contested in corpus.vocabulary.contested.iter().filter(|c| restricts && rule.actions & (1 << c.action) != 0) {
                let mut d = Diagnostic::warning(
                    crate::diagnostic::Code::N0001,
                    &doc.path,
                    Some(rule.span),
                    format!("rule `{}` {}", rule.id, contested.restriction),
                )
                .with_help(contested.why.clone())
                .with_section(Some(rule.section.clone()));
                d.severity = crate::diagnostic::Severity::Note;
                out.push(d);
            }
        }
    }
    out
}

fn warning(corpus: &Corpus, rule: &Rule, code: crate::diagnostic::Code, message: String, help: &str) -> Diagnostic {
    let doc = &corpus.documents[rule.doc as usize];
    Diagnostic::warning(code, &doc.path, Some(rule.span), message).with_help(help).with_section(Some(rule.section.clone()))
}

/// The first day a rule could apply (its document's start, or the rule's own `from`).
fn start(corpus: &Corpus, rule: &Rule) -> Option<Date> {
    let doc = &corpus.documents[rule.doc as usize];
    let begins = doc.effective.or(doc.assumed_from)?;
    Some(rule.from.map_or(begins, |f| f.max(begins)))
}

/// Whether one rule is, through exceptions, an exception to the other.
fn related(corpus: &Corpus, a: u32, b: u32) -> bool {
    fn reaches(corpus: &Corpus, from: u32, to: u32, depth: usize) -> bool {
        depth < 64 && corpus.rules[from as usize].exception_to.iter().any(|&t| t == to || reaches(corpus, t, to, depth + 1))
    }
    reaches(corpus, a, b, 0) || reaches(corpus, b, a, 0)
}

fn overlap(a: &Rule, b: &Rule) -> bool {
    let begins = a.from.max(b.from);
    let ends = match (a.until, b.until) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let periods = match (begins, ends) {
        (Some(b), Some(e)) => b < e,
        _ => true,
    };
    a.actions & b.actions != 0 && a.agencies & b.agencies != 0 && periods
}

/// Whether two outcomes can disagree. An unsettled rule beside a definite one is how the corpus
/// marks part of a question as open, so only definite outcomes are compared.
fn opposed(a: RuleOutcome, b: RuleOutcome) -> bool {
    matches!((a, b), (RuleOutcome::Definite(x), RuleOutcome::Definite(y)) if x != y)
}

/// Whether some request makes every condition true: `Some(true)` with a witness found,
/// `Some(false)` when none can, `None` when the search ran out of budget.
pub(crate) fn satisfiable(corpus: &Corpus, conds: &[&Cond], as_of: Date) -> Option<bool> {
    let mut budget = BUDGET;
    let mut facts = vec![None; corpus.vocabulary.facts.len()];
    let mut domains = Domains::new(corpus, conds.iter().copied(), &[as_of]);
    // Facts tested with `known` are split first, with "absent" as one of their values.
    let mut known = Vec::new();
    for cond in conds {
        collect_known(cond, &mut known);
    }
    known.sort_unstable();
    known.dedup();
    search_known(corpus, conds, as_of, &known, &mut facts, &mut domains, &mut budget)
}

fn collect_known(cond: &Cond, out: &mut Vec<u16>) {
    cond.visit(None, &mut |c, _| {
        if let Cond::Known(Place::Fact(f)) = c {
            out.push(*f);
        }
    });
}

fn search_known(
    corpus: &Corpus,
    conds: &[&Cond],
    as_of: Date,
    known: &[u16],
    facts: &mut Vec<Option<Value>>,
    domains: &mut Domains<'_>,
    budget: &mut usize,
) -> Option<bool> {
    let Some((&fact, rest)) = known.split_first() else {
        return search(corpus, conds, as_of, facts, domains, budget);
    };
    let mut gave_up = false;
    for value in std::iter::once(None).chain(domains.of(fact).to_vec().into_iter().map(Some)) {
        facts[fact as usize] = value;
        match search_known(corpus, conds, as_of, rest, facts, domains, budget) {
            Some(true) => return Some(true),
            None => gave_up = true,
            Some(false) => {}
        }
    }
    facts[fact as usize] = None;
    if gave_up { None } else { Some(false) }
}

/// Splits on the facts left unknown until every condition is true (a witness) or one is false.
fn search(
    corpus: &Corpus,
    conds: &[&Cond],
    as_of: Date,
    facts: &mut Vec<Option<Value>>,
    domains: &mut Domains<'_>,
    budget: &mut usize,
) -> Option<bool> {
    let (mut found, mut gave_up) = (false, false);
    split(facts, domains, &mut |facts| {
        if *budget == 0 {
            gave_up = true;
            return Step::Stop;
        }
        *budget -= 1;
        let env = Env::new(corpus, facts, as_of);
        let mut unknowns = Unknowns::default();
        let mut all_true = true;
        for cond in conds {
            match env.eval(cond, &mut unknowns) {
                Tri::False => return Step::Settled,
                Tri::Unknown => all_true = false,
                Tri::True => {}
            }
        }
        // Unknown only through a class too coarse to decide counts as a witness: it may hold.
        match unknowns.fact_ids().find(|f| facts[*f as usize].is_none()) {
            Some(fact) if !all_true => Step::Split(fact),
            _ => {
                found = true;
                Step::Stop
            }
        }
    });
    if found {
        Some(true)
    } else if gave_up {
        None
    } else {
        Some(false)
    }
}
