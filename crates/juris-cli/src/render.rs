//! The readable text form of a decision: the answer, the law that decided it, quoted, and why
//! other rules did not.

use std::fmt::Write;

use juris::cases_view::CaseView;
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

/// A case's answer in one word, with what it lies between when the law is unsettled.
fn answer(case: &CaseView) -> String {
    match case.outcome {
        Outcome::Uncertain if !case.possible_outcomes.is_empty() => {
            let names: Vec<&str> = case.possible_outcomes.iter().map(|o| o.name()).collect();
            format!("UNCERTAIN ({}: unsettled law)", names.join(" or "))
        }
        Outcome::Unregulated => "UNREGULATED".into(),
        other => headline(other).into(),
    }
}

/// The conditional answer ("PROHIBITED unless X is true, then PERMITTED"), each case, and the
/// next question.
fn cases(out: &mut String, d: &DecisionView) {
    // Two answers, one of them in a single case: that case is the exception to the other.
    let answers: Vec<String> = d.cases.iter().map(answer).collect();
    let mut distinct = answers.clone();
    distinct.dedup();
    distinct.sort();
    distinct.dedup();
    if let [a, b] = distinct.as_slice() {
        let single = |x: &String| answers.iter().filter(|y| *y == x).count() == 1;
        let (usual, exception) = if single(b) && !(single(a) && answers[0] == *b) { (a, b) } else { (b, a) };
        if single(exception) {
            let when = d.cases.iter().zip(&answers).find(|(_, x)| *x == exception).map_or("", |(c, _)| c.when.as_str());
            let _ = writeln!(out, "  {usual} unless {when}, then {exception}");
        }
    }
    if !d.cases.is_empty() {
        let _ = writeln!(out, "\nDepends on");
        for (case, answer) in d.cases.iter().zip(&answers) {
            let _ = writeln!(out, "  {answer} when {}", case.when);
            if !case.deciding.is_empty() {
                let _ = writeln!(out, "    by: {}", case.deciding.join(", "));
            }
        }
        if !d.cases_exact {
            let _ = writeln!(out, "  (the search for cases reached its bound: the cases above may be coarser than the law)");
        }
    }
    if let Some(q) = &d.next_question {
        let values: Vec<String> = q.values.iter().map(|v| serde_json::to_string(v).unwrap_or_default()).collect();
        let _ = writeln!(out, "\nNext question ({})", q.fact);
        let _ = writeln!(out, "  {}", q.prompt);
        let kind = if q.multiple { "a list of elements like" } else { "one of" };
        let _ = writeln!(out, "  answer: {kind} {}", values.join(", "));
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
    cases(&mut out, d);
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
