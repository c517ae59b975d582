//! The self-contained HTML page of a comparison: one colour-coded table per situation (one card
//! per jurisdiction on a phone), headed by the situation's description, with the cells where the
//! jurisdictions differ marked, a legend, and, on each cell's hover title, the law that decided it.
//! Inline CSS, no scripts, no external assets; every outcome and mark is also written out, so the
//! page reads without colour.

use std::fmt::Write;

use juris::analysis::{Cell, Comparison};
use juris::{Corpus, Outcome};

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 1.5rem auto; max-width: 120rem; padding: 0 1rem; color: #1f2937; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .25rem; }
p.meta, p.id { color: #4b5563; margin: .25rem 0 .75rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 1rem 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; min-width: 6.5rem; text-align: center; padding: .15rem .4rem; border-radius: .25rem; font-weight: 600; font-size: .85rem; }
.differs-key { font-weight: 700; }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid #e5e7eb; }
table { border-collapse: separate; border-spacing: 0; font-size: .85rem; }
th, td { border-right: 1px solid #e5e7eb; border-bottom: 1px solid #e5e7eb; padding: .3rem .45rem; }
thead th { background: #f9fafb; vertical-align: bottom; font-weight: 600; min-width: 5.5rem; }
thead th small, tbody th small { display: block; font-weight: 400; color: #6b7280; }
th[scope=row], thead th:first-child { position: sticky; left: 0; z-index: 1; background: #f9fafb; text-align: left; min-width: 11rem; max-width: 16rem; white-space: normal; }
td { text-align: center; font-weight: 600; cursor: help; white-space: nowrap; }
td small { display: block; font-weight: 400; font-size: .7rem; }
td.differs, .card li.differs { outline: 2px dashed #374151; outline-offset: -3px; }
.mark { font-weight: 700; }
.required { background: #dbeafe; color: #1e3a8a; }
.permitted { background: #dcfce7; color: #14532d; }
.prohibited { background: #fee2e2; color: #7f1d1d; }
.unregulated { background: #f3f4f6; color: #374151; }
.uncertain { background: #fef3c7; color: #78350f; }
.cards { display: none; }
.card { border: 1px solid #e5e7eb; border-radius: .4rem; margin: .75rem 0; padding: .5rem .75rem; }
.card h3 { font-size: 1rem; margin: 0 0 .4rem; }
.card ul { list-style: none; margin: 0; padding: 0; }
.card li { display: flex; justify-content: space-between; gap: .75rem; padding: .3rem .4rem; margin: .2rem 0; border-radius: .25rem; }
.card li span:last-child { font-weight: 600; text-align: right; }
@media (max-width: 44rem) {
  .scroll { display: none; }
  .cards { display: block; }
}
footer { margin-top: 2rem; color: #6b7280; font-size: .8rem; }
";

fn meaning(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Required => "the law requires the agency to act",
        Outcome::Permitted => "the agency may act",
        Outcome::Prohibited => "the agency may not act",
        Outcome::Unregulated => "no rule in force speaks to it",
        Outcome::Uncertain => "the law is unsettled or a needed fact is missing",
    }
}

/// The hover title of a cell: the outcome, the agency, and the law that decided it.
fn title(c: &Cell) -> String {
    let mut out = format!("{} · {} · {}: {}", c.jurisdiction, c.agency, c.action, c.outcome.name());
    if !c.possible_outcomes.is_empty() {
        let names: Vec<&str> = c.possible_outcomes.iter().map(|o| o.name()).collect();
        let _ = write!(out, " ({})", names.join(" or "));
    }
    if c.deciding.is_empty() {
        out.push_str("\nno rule in force speaks to it");
    } else {
        out.push_str("\ndecided by:");
        for r in &c.deciding {
            let _ = write!(out, "\n• {} [{}]: {}", r.rule, r.outcome.name(), r.citation);
        }
    }
    if !c.missing_facts.is_empty() {
        let _ = write!(out, "\ndepends on facts not given: {}", c.missing_facts.join(", "));
    }
    for u in &c.uncertainties {
        let _ = write!(out, "\nopen question ({}): {}", u.source, u.reason);
    }
    out
}

/// An answer as compared between jurisdictions: the outcome and what an `uncertain` lies between.
type Answer<'a> = (Outcome, &'a [Outcome]);

fn answer(c: &Cell) -> Answer<'_> {
    (c.outcome, &c.possible_outcomes)
}

/// When the jurisdictions do not all give one answer to an action in a situation: the most
/// common answer (the first jurisdiction's among equals), which the other cells differ from.
fn usual<'a>(m: &'a Comparison, situation: &str, action: &str) -> Option<Answer<'a>> {
    let answers: Vec<Answer<'a>> = m.jurisdictions.iter().filter_map(|j| m.cell(situation, &j.id, action)).map(answer).collect();
    if answers.iter().all(|a| *a == answers[0]) {
        return None;
    }
    let count = |a: &Answer<'_>| answers.iter().filter(|b| *b == a).count();
    let mut best = answers[0];
    for a in &answers {
        if count(a) > count(&best) {
            best = *a;
        }
    }
    Some(best)
}

/// The words of a cell: the outcome, and what an `uncertain` one lies between.
fn words(c: &Cell) -> String {
    if c.possible_outcomes.is_empty() {
        c.outcome.name().to_owned()
    } else {
        let names: Vec<&str> = c.possible_outcomes.iter().map(|o| o.name()).collect();
        format!("{} ({})", c.outcome.name(), names.join(" or "))
    }
}

/// The mark on a cell whose column differs between jurisdictions (shape and text, not colour).
const DIFFERS: &str = "<span class=\"mark\" aria-label=\"differs from the usual answer\">≠ </span>";
/// The mark on an action whose answer is not the same in every jurisdiction.
const COLUMN_DIFFERS: &str = "<span class=\"mark\" aria-label=\"the jurisdictions differ\">≠ </span>";

/// Renders the page: a table per situation (wide screens, first column fixed while the others
/// scroll), and the same cells as one card per jurisdiction on narrow screens.
pub fn comparison(corpus: &Corpus, m: &Comparison) -> String {
    let mut out = String::new();
    let heading = format!("How the law compares on {}", m.as_of);
    let _ = writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = writeln!(out, "<title>juris · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>", escape(&heading));
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    let _ = writeln!(
        out,
        "<p class=\"meta\">What each agency may do, by jurisdiction and situation, under the law in force on {}. Hover over a cell for the law that decided it.{}</p>",
        m.as_of,
        if m.assumed_enacted.is_empty() { String::new() } else { format!(" Assuming enacted: {}.", escape(&m.assumed_enacted.join(", "))) }
    );
    let _ = writeln!(out, "<ul class=\"legend\">");
    for o in Outcome::ALL {
        let _ = writeln!(out, "<li><span class=\"swatch {0}\">{0}</span> {1}</li>", o.name(), meaning(o));
    }
    if m.jurisdictions.len() > 1 {
        let _ = writeln!(
            out,
            "<li><span class=\"differs-key\">≠</span> on an action: the jurisdictions do not all agree; on a cell (dashed outline): this answer differs from the most common one</li>"
        );
    }
    let _ = writeln!(out, "</ul>");
    for situation in &m.situations {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&situation.description));
        let _ = writeln!(out, "<p class=\"id\">situation <code>{}</code></p>", escape(&situation.id));
        let differing: Vec<Option<Answer<'_>>> = m.actions.iter().map(|a| usual(m, &situation.id, a)).collect();
        let marked = |c: &Cell, usual: &Option<Answer<'_>>| usual.is_some_and(|u| u != answer(c));
        let _ = writeln!(out, "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">jurisdiction</th>");
        for (action, differs) in m.actions.iter().zip(&differing) {
            let doc = corpus.vocabulary().action(action).map_or("", |a| corpus.vocabulary().actions[a as usize].1.as_str());
            let mark = if differs.is_some() { COLUMN_DIFFERS } else { "" };
            let _ = writeln!(out, "<th scope=\"col\" title=\"{}\">{mark}{}</th>", escape(doc), escape(&action.replace('_', " ")));
        }
        let _ = writeln!(out, "</tr></thead>\n<tbody>");
        for j in &m.jurisdictions {
            let _ = write!(out, "<tr><th scope=\"row\">{}<small><code>{}</code></small></th>", escape(&j.name), escape(&j.id));
            for (action, differs) in m.actions.iter().zip(&differing) {
                match m.cell(&situation.id, &j.id, action) {
                    Some(c) => {
                        let (class, mark) = if marked(c, differs) { (" differs", DIFFERS) } else { ("", "") };
                        let _ = write!(
                            out,
                            "<td class=\"{}{class}\" title=\"{}\">{mark}{}<small>{}</small></td>",
                            c.outcome.name(),
                            escape(&title(c)),
                            c.outcome.name(),
                            escape(&c.agency)
                        );
                    }
                    None => out.push_str("<td></td>"),
                }
            }
            let _ = writeln!(out, "</tr>");
        }
        let _ = writeln!(out, "</tbody>\n</table></div>");
        let _ = writeln!(out, "<div class=\"cards\">");
        for j in &m.jurisdictions {
            let _ = writeln!(out, "<div class=\"card\">\n<h3>{} <small><code>{}</code></small></h3>\n<ul>", escape(&j.name), escape(&j.id));
            for (action, differs) in m.actions.iter().zip(&differing) {
                if let Some(c) = m.cell(&situation.id, &j.id, action) {
                    let (class, mark) = if marked(c, differs) { (" differs", DIFFERS) } else { ("", "") };
                    let _ = writeln!(
                        out,
                        "<li class=\"{}{class}\" title=\"{}\"><span>{mark}{} <small>({})</small></span><span>{}</span></li>",
                        c.outcome.name(),
                        escape(&title(c)),
                        escape(&action.replace('_', " ")),
                        escape(&c.agency),
                        escape(&words(c))
                    );
                }
            }
            let _ = writeln!(out, "</ul>\n</div>");
        }
        let _ = writeln!(out, "</div>\n</section>");
    }
    let _ = writeln!(
        out,
        "<footer>Generated by juris from corpus <code>{}</code>. Not legal advice: juris shows what the encoded sources say, with their confidence.</footer>",
        escape(&m.corpus)
    );
    let _ = writeln!(out, "</body>\n</html>");
    out
}
