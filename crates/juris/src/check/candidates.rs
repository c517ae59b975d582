//! Phase 4: the decision index. For every (jurisdiction, agency, action), the rules across the
//! jurisdiction's stack that could speak to it, their exceptions, and the days they enter or
//! leave play.

use std::collections::BTreeMap;

use super::VOCABULARY_FILE;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::engine::ir::*;
use crate::vocabulary::Vocabulary;

/// The mask of the first `count` agencies. Agencies are bits of a `u64`, so `count` is at most 64
/// (the vocabulary checks it); `1 << 64` would overflow, so the mask is built by shifting down.
pub(super) fn all_agencies(count: usize) -> u64 {
    match count {
        0 => 0,
        n => u64::MAX >> (64 - n.min(64)),
    }
}

/// Precomputes, for every (jurisdiction, agency, action), the rules across the stack that could
/// speak to it, and which of them are exceptions to which.
pub(super) fn build_candidates(
    v: &Vocabulary,
    documents: &[Document],
    rules: &[Rule],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Candidates> {
    let mut by_jurisdiction: BTreeMap<u16, Vec<RuleId>> = BTreeMap::new();
    for (d, doc) in documents.iter().enumerate() {
        let _ = d;
        by_jurisdiction.entry(doc.jurisdiction).or_default().extend(doc.rules.iter().copied());
    }
    let mut out = Vec::with_capacity(v.jurisdictions.len() * v.agencies.len() * v.actions.len());
    for j in 0..v.jurisdictions.len() as u16 {
        let stack = v.stack(j);
        for agency in 0..v.agencies.len() {
            for action in 0..v.actions.len() {
                let mut c = Candidates::default();
                for (layer, layer_j) in stack.iter().enumerate() {
                    for &r in by_jurisdiction.get(layer_j).map_or(&[][..], Vec::as_slice) {
                        let rule = &rules[r as usize];
                        if rule.actions & (1 << action) != 0 && rule.agencies & (1 << agency) != 0 {
                            c.rules.push(r);
                            c.layers.push(layer as u8);
                        }
                    }
                }
                // INVARIANT: candidates are ordered by layer, then by rule id, so that every
                // choice made by position is independent of file and rule order.
                let mut order: Vec<usize> = (0..c.rules.len()).collect();
                order.sort_by(|&a, &b| (c.layers[a], &rules[c.rules[a] as usize].id).cmp(&(c.layers[b], &rules[c.rules[b] as usize].id)));
                c.rules = order.iter().map(|&i| c.rules[i]).collect();
                c.layers = order.iter().map(|&i| c.layers[i]).collect();
                c.defeaters = c
                    .rules
                    .iter()
                    .map(|&r| {
                        c.rules
                            .iter()
                            .enumerate()
                            .filter(|(i, e)| *i < MAX_CANDIDATES && rules[**e as usize].exception_to.contains(&r))
                            .fold(0u128, |mask, (i, _)| mask | (1u128 << i))
                    })
                    .collect();
                c.layer_masks = (0..stack.len())
                    .map(|layer| {
                        c.layers
                            .iter()
                            .enumerate()
                            .filter(|(i, l)| *i < MAX_CANDIDATES && **l as usize == layer)
                            .fold(0u128, |m, (i, _)| m | (1u128 << i))
                    })
                    .collect();
                // Date boundaries: every day on which a rule enters or leaves play.
                let mut boundaries: Vec<Date> = vec![Date::from_days(i32::MIN / 2)];
                for &r in &c.rules {
                    let rule = &rules[r as usize];
                    let doc = &documents[rule.doc as usize];
                    boundaries.extend(doc.effective.into_iter().chain(doc.ends).chain(rule.from).chain(rule.until));
                }
                boundaries.sort_unstable();
                boundaries.dedup();
                c.segments = boundaries
                    .into_iter()
                    .map(|from| {
                        let (in_play, advice) = c.in_play_on(rules, documents, from, &[]);
                        Segment { from, in_play, advice }
                    })
                    .collect();
                if c.rules.len() > MAX_CANDIDATES {
                    diagnostics.push(
                        Diagnostic::error(
                            crate::diagnostic::Code::E0316,
                            VOCABULARY_FILE,
                            None,
                            format!(
                                "{} rules speak to `{}` by `{}` in `{}` and the jurisdictions above it; the limit is {MAX_CANDIDATES} rules per (jurisdiction, agency, action)",
                                c.rules.len(),
                                v.actions[action].0,
                                v.agencies[agency].0,
                                v.jurisdictions[j as usize].id
                            ),
                        )
                        .with_help(format!("the rules of one question are a {MAX_CANDIDATES}-bit mask: merge rules that give the same outcome, or narrow their `agency` and `action`")),
                    );
                }
                out.push(c);
            }
        }
    }
    out
}
