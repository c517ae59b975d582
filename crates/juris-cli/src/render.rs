//! The readable text form of a decision: the answer, the law that decided it, quoted, and why
//! other rules did not. Every word that is not the law's comes from the message catalog.

use std::fmt::Write;

use juris::Corpus;
use juris_api::catalog::{self, Arg, or_list};
use juris_api::v1::{Case, Decision, Outcome, Rule};
use juris_api::{Lang, v1};

/// The headline of an outcome (`PROHIBITED`, `PROHIBIDO`).
pub fn headline(lang: Lang, outcome: Outcome) -> String {
    catalog::text(lang, &format!("headline-{}", outcome.name()))
}

/// A case's answer in one word, with what it lies between when the law is unsettled.
fn answer(lang: Lang, case: &Case) -> String {
    match case.outcome {
        Outcome::Uncertain if !case.possible_outcomes.is_empty() => {
            let names: Vec<String> = case.possible_outcomes.iter().map(|o| o.label(lang)).collect();
            let outcomes = names.join(&format!(" {} ", or_word(lang)));
            catalog::message(lang, "decision-case-unsettled", &[("outcomes", outcomes.into())])
        }
        Outcome::Unregulated => catalog::text(lang, "decision-case-unregulated"),
        other => headline(lang, other),
    }
}

/// The conditional answer ("PROHIBITED unless X is true, then PERMITTED"), each case, and the
/// next question.
fn cases(out: &mut String, lang: Lang, d: &Decision) {
    let say = |key: &str, args: &[(&str, Arg)]| catalog::message(lang, key, args);
    // Two answers, one of them in a single case: that case is the exception to the other.
    let answers: Vec<String> = d.cases.iter().map(|c| answer(lang, c)).collect();
    let mut distinct = answers.clone();
    distinct.sort();
    distinct.dedup();
    if let [a, b] = distinct.as_slice() {
        let single = |x: &String| answers.iter().filter(|y| *y == x).count() == 1;
        let (usual, exception) = if single(b) && !(single(a) && answers[0] == *b) { (a, b) } else { (b, a) };
        if single(exception) {
            let when = d.cases.iter().zip(&answers).find(|(_, x)| *x == exception).map_or("", |(c, _)| c.when.as_str());
            let line = say("decision-case-unless", &[("usual", usual.into()), ("when", when.into()), ("exception", exception.into())]);
            let _ = writeln!(out, "  {line}");
        }
    }
    if !d.cases.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-cases", &[]));
        for (case, answer) in d.cases.iter().zip(&answers) {
            let _ = writeln!(out, "  {}", say("decision-case", &[("answer", answer.into()), ("when", (&case.when).into())]));
            if !case.deciding.is_empty() {
                let _ = writeln!(out, "    {}", say("decision-case-by", &[("rules", case.deciding.join(", ").into())]));
            }
        }
        if !d.cases_exact {
            let _ = writeln!(out, "  {}", say("decision-cases-inexact", &[]));
        }
    }
    if let Some(q) = &d.next_question {
        let values: Vec<String> = q.values.iter().map(|v| serde_json::to_string(v).unwrap_or_default()).collect();
        let _ = writeln!(out, "\n{}", say("decision-next-question", &[("fact", (&q.fact).into())]));
        let _ = writeln!(out, "  {}", q.prompt);
        let key = if q.multiple { "decision-answer-list" } else { "decision-answer-one-of" };
        let _ = writeln!(out, "  {}", say(key, &[("values", values.join(", ").into())]));
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

fn confidence(lang: Lang, c: v1::Confidence) -> String {
    catalog::text(lang, &format!("confidence-{}", c.name()))
}

fn rule(out: &mut String, lang: Lang, r: &Rule) {
    let _ = writeln!(out, "  {}  [{}; {}]", r.rule, r.outcome.label(lang), confidence(lang, r.confidence));
    let _ = writeln!(out, "    {}", r.citation);
    if !r.section.is_empty() {
        let _ = writeln!(out, "    {}", catalog::message(lang, "decision-at", &[("section", (&r.section).into())]));
    }
    quote(out, &r.text, "    ");
    if !r.source.is_empty() {
        let _ = writeln!(out, "    {}", catalog::message(lang, "decision-source", &[("source", (&r.source).into())]));
    }
}

/// The name of a jurisdiction, from the corpus's vocabulary (its id when unknown).
pub fn place(corpus: &Corpus, id: &str) -> String {
    corpus.vocabulary().jurisdiction(id).map_or(id.to_owned(), |j| corpus.vocabulary().jurisdictions[j as usize].name.clone())
}

/// Renders one decision as text in `lang`.
pub fn decision(corpus: &Corpus, d: &Decision, lang: Lang) -> String {
    let mut out = String::new();
    let say = |key: &str, args: &[(&str, Arg)]| catalog::message(lang, key, args);
    let heading = say(
        "decision-heading",
        &[
            ("place", place(corpus, &d.jurisdiction).into()),
            ("jurisdiction", (&d.jurisdiction).into()),
            ("agency", (&d.agency).into()),
            ("action", (&d.action).into()),
            ("date", catalog::date(lang, &d.as_of).into()),
        ],
    );
    let _ = writeln!(out, "{heading}");
    if !d.assumed_enacted.is_empty() {
        let _ = writeln!(out, "{}", say("decision-assuming-enacted", &[("bills", d.assumed_enacted.join(", ").into())]));
    }
    let _ = writeln!(out, "{}", headline(lang, d.outcome));
    if d.outcome == Outcome::Uncertain && !d.possible_outcomes.is_empty() {
        let names: Vec<String> = d.possible_outcomes.iter().map(|o| o.label(lang)).collect();
        let _ = writeln!(out, "  {}", say("decision-could-be", &[("outcomes", names.join(&format!(" {} ", or_word(lang))).into())]));
    }
    if !d.missing_facts.is_empty() {
        let _ = writeln!(out, "  {}", say("decision-depends-on", &[("facts", d.missing_facts.join(", ").into())]));
    }
    for u in &d.uncertainties {
        let _ = writeln!(out, "  {}", say("decision-open-question", &[("source", (&u.source).into()), ("reason", (&u.reason).into())]));
    }
    cases(&mut out, lang, d);
    if !d.deciding.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-decided-by", &[]));
        for r in &d.deciding {
            rule(&mut out, lang, r);
        }
    }
    if !d.obligations.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-obligations", &[]));
        for o in &d.obligations {
            let _ = writeln!(out, "  - {} ({})", o.text, o.rule);
        }
    }
    if !d.overridden.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-overridden", &[]));
        for o in &d.overridden {
            let by = o.by.as_deref().map_or(String::new(), |b| format!(": {b}"));
            let _ = writeln!(out, "  {} [{}] {}{by}", o.rule, o.outcome.label(lang), o.reason.message(lang));
        }
    }
    if !d.conflicts.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-conflicts", &[]));
        for c in &d.conflicts {
            let _ = writeln!(out, "  - {}", c.message);
        }
    }
    if !d.advice.is_empty() {
        let _ = writeln!(out, "\n{}", say("decision-advice", &[]));
        for r in &d.advice {
            rule(&mut out, lang, r);
        }
    }
    let _ = writeln!(out, "\n{}", say("decision-corpus", &[("hash", d.corpus[..d.corpus.len().min(16)].into())]));
    out
}

/// The word between alternatives (`or`, `o`): every outcome is listed with it, so that
/// `required or permitted or prohibited` reads as the engine has always written it.
pub fn or_word(lang: Lang) -> String {
    or_list(lang, &[String::new(), String::new()]).trim().to_owned()
}
