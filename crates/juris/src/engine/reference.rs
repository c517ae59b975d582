//! A straightforward reference interpreter of docs/semantics.md, for the differential test
//! (crates/juris/tests/reference.rs) and fuzz target that check the engine against it. It walks
//! every rule of the corpus with no index, no masks and no world merging, following the
//! semantics section by section and trying every outcome of unsettled rules. Built only with
//! the `internals` feature.

use crate::engine::eval::{Env, Tri, Unknowns};
use crate::engine::ir::{Corpus, DocumentKind, Outcome, RuleOutcome};
use crate::engine::request::Request;

/// §5: how a lower layer's outcome combines with the one above.
fn combine(higher: Option<Outcome>, lower: Outcome) -> Outcome {
    use Outcome::*;
    match (higher, lower) {
        (None, l) => l,
        (Some(Prohibited), Permitted | Required) => Prohibited,
        (Some(Required), Prohibited | Permitted) => Required,
        (Some(h), Unregulated) => h,
        (Some(_), l) => l,
    }
}

/// The outcome in one world, where `choice` gives each unsettled rule's outcome.
fn reference_world(c: &Corpus, r: &Request, rules: &[usize], applies: &[bool], choice: &dyn Fn(usize) -> Outcome) -> Vec<Outcome> {
    // §3: active = applies and no active exception; exceptions are acyclic.
    fn active(c: &Corpus, rules: &[usize], applies: &[bool], i: usize) -> bool {
        applies[i]
            && !rules.iter().enumerate().any(|(j, &e)| c.rules[e].exception_to.contains(&(rules[i] as u32)) && active(c, rules, applies, j))
    }
    let stack = c.vocabulary.stack(r.jurisdiction);
    let mut current: Vec<Option<Outcome>> = vec![None];
    for layer in stack {
        let layer_rules: Vec<usize> = (0..rules.len())
            .filter(|&i| c.documents[c.rules[rules[i]].doc as usize].jurisdiction == layer && active(c, rules, applies, i))
            .collect();
        if layer_rules.is_empty() {
            continue;
        }
        // §4: the later document governs unless another declares it overrides it.
        let doc = |i: usize| c.rules[rules[i]].doc;
        let overridden = |d: u32| layer_rules.iter().any(|&j| doc(j) != d && c.documents[doc(j) as usize].overrides.contains(&d));
        let start = |d: u32| c.documents[d as usize].start(r.assume_enacted.contains(&d));
        let latest = layer_rules.iter().filter(|&&i| !overridden(doc(i))).map(|&i| start(doc(i))).max().flatten();
        let mut outcomes: Vec<Outcome> =
            layer_rules.iter().filter(|&&i| !overridden(doc(i)) && start(doc(i)) == latest).map(|&i| choice(i)).collect();
        outcomes.sort();
        outcomes.dedup();
        current = current.iter().flat_map(|h| outcomes.iter().map(move |o| Some(combine(*h, *o)))).collect();
    }
    current.into_iter().map(|o| o.unwrap_or(Outcome::Unregulated)).collect()
}

/// The outcome of a request by the semantics, section by section.
pub fn reference(c: &Corpus, r: &Request) -> Outcome {
    let env = Env::new(c, &r.facts, r.as_of);
    let stack = c.vocabulary.stack(r.jurisdiction);
    let mut rules = Vec::new();
    let mut applies = Vec::new();
    for (i, rule) in c.rules.iter().enumerate() {
        let doc = &c.documents[rule.doc as usize];
        let in_play = stack.contains(&doc.jurisdiction)
            && rule.agencies & (1 << r.agency) != 0
            && rule.actions & (1 << r.action) != 0
            && doc.kind != DocumentKind::Guidance
            && doc.in_force(r.as_of, r.assume_enacted.contains(&rule.doc))
            && rule.in_period(r.as_of);
        if in_play {
            rules.push(i);
            applies.push(env.eval(&rule.when, &mut Unknowns::default()));
        }
    }
    // Conditions still unknown (a class too coarse to decide an offense) are tried both ways.
    let opaque: Vec<usize> = (0..rules.len()).filter(|&i| applies[i] == Tri::Unknown).collect();
    let unsettled: Vec<(usize, Vec<Outcome>)> = (0..rules.len())
        .filter(|&i| applies[i] != Tri::False)
        .filter_map(|i| match c.rules[rules[i]].outcome {
            RuleOutcome::Uncertain(set) => Some((i, set.iter().collect())),
            RuleOutcome::Definite(_) => None,
        })
        .collect();
    let worlds: usize = unsettled.iter().map(|(_, o)| o.len()).product::<usize>() << opaque.len();
    let mut all = Vec::new();
    for w in 0..worlds {
        let world_applies: Vec<bool> = (0..rules.len())
            .map(|i| match opaque.iter().position(|&k| k == i) {
                Some(bit) => (w >> bit) & 1 == 1,
                None => applies[i] == Tri::True,
            })
            .collect();
        let w = w >> opaque.len();
        let choice = |i: usize| match c.rules[rules[i]].outcome {
            RuleOutcome::Definite(o) => o,
            RuleOutcome::Uncertain(_) => {
                let mut rest = w;
                for (k, outcomes) in &unsettled {
                    if *k == i {
                        return outcomes[rest % outcomes.len()];
                    }
                    rest /= outcomes.len();
                }
                Outcome::Uncertain
            }
        };
        all.extend(reference_world(c, r, &rules, &world_applies, &choice));
    }
    all.sort();
    all.dedup();
    if all.len() == 1 { all[0] } else { Outcome::Uncertain }
}
