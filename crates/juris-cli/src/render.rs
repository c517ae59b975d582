//! The readable text form of a decision: the answer, the law that decided it, quoted, and why
//! other rules did not.

use std::fmt::Write;

use juris::view::{DecisionView, RuleView};
use juris::{Corpus, Outcome};

fn headline(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Required => "REQUIRED",
        Outcome::Permitted => "PERMITTED",
        Outcome::Prohibited => "PROHIBITED",
        Outcome::Unregulated => "UNREGULATED (no rule in force speaks to it)",
        Outcome::Uncertain => "UNCERTAIN",
    }
}

fn quote(out: &mut String, text: &str, indent: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > 88 {
            let _ = writeln!(out, "{indent}> {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}> {line}");
    }
}

fn rule(out: &mut String, r: &RuleView) {
    let _ = writeln!(out, "  {}  [{}; {}]", r.rule, r.outcome.name(), r.confidence.name());
    let _ = writeln!(out, "    {}", r.citation);
    if !r.section.is_empty() {
        let _ = writeln!(out, "    at: {}", r.section);
    }
    quote(out, &r.text, "    ");
    if !r.source.is_empty() {
        let _ = writeln!(out, "    source: {}", r.source);
    }
}

/// Renders one decision as text.
pub fn decision(corpus: &Corpus, d: &DecisionView) -> String {
    let mut out = String::new();
    let name = corpus
        .vocabulary
        .jurisdiction(&d.jurisdiction)
        .map_or(d.jurisdiction.clone(), |j| corpus.vocabulary.jurisdictions[j as usize].name.clone());
    let _ = writeln!(out, "{name} ({}) · {} · {} · as of {}", d.jurisdiction, d.agency, d.action, d.as_of);
    if !d.assumed_enacted.is_empty() {
        let _ = writeln!(out, "assuming enacted: {}", d.assumed_enacted.join(", "));
    }
    let _ = writeln!(out, "{}", headline(d.outcome));
    if d.outcome == Outcome::Uncertain && !d.possible_outcomes.is_empty() {
        let names: Vec<&str> = d.possible_outcomes.iter().map(|o| o.name()).collect();
        let _ = writeln!(out, "  could be: {}", names.join(" or "));
    }
    if !d.missing_facts.is_empty() {
        let _ = writeln!(out, "  depends on facts not given: {}", d.missing_facts.join(", "));
    }
    for u in &d.uncertainties {
        let _ = writeln!(out, "  open question ({}): {}", u.source, u.reason);
    }
    if !d.deciding.is_empty() {
        let _ = writeln!(out, "\nDecided by");
        for r in &d.deciding {
            rule(&mut out, r);
        }
    }
    if !d.obligations.is_empty() {
        let _ = writeln!(out, "\nObligations");
        for o in &d.obligations {
            let _ = writeln!(out, "  - {} ({})", o.text, o.rule);
        }
    }
    if !d.overridden.is_empty() {
        let _ = writeln!(out, "\nOverridden");
        for o in &d.overridden {
            let why = match o.reason {
                juris::decide::OverrideReason::Exception => "an exception applies",
                juris::decide::OverrideReason::LaterDocument => "a later document governs",
                juris::decide::OverrideReason::DeclaredOverride => "another document declares it prevails",
                juris::decide::OverrideReason::LowerLayer => "a lower layer restricts it",
                juris::decide::OverrideReason::Preemption => "a higher layer prevails",
            };
            let by = o.by.as_deref().map_or(String::new(), |b| format!(": {b}"));
            let _ = writeln!(out, "  {} [{}] {why}{by}", o.rule, o.outcome.name());
        }
    }
    if !d.conflicts.is_empty() {
        let _ = writeln!(out, "\nConflicts");
        for c in &d.conflicts {
            let _ = writeln!(out, "  - {}", c.message);
        }
    }
    if !d.advice.is_empty() {
        let _ = writeln!(out, "\nAdvice (guidance; does not decide)");
        for r in &d.advice {
            rule(&mut out, r);
        }
    }
    let _ = writeln!(out, "\ncorpus {}", &d.corpus[..d.corpus.len().min(16)]);
    out
}
