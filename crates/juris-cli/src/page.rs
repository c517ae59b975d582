//! The self-contained HTML page of a comparison: one colour-coded table per situation, a legend,
//! and, on each cell's hover title, the law that decided it. Inline CSS, no scripts, no external
//! assets; every outcome is also written out, so the page reads without colour.

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
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 2rem auto; max-width: 96rem; padding: 0 1rem; color: #1f2937; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; }
p.meta, p.description { color: #4b5563; margin: .25rem 0 .75rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 1rem 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; min-width: 6.5rem; text-align: center; padding: .15rem .4rem; border-radius: .25rem; font-weight: 600; font-size: .85rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #e5e7eb; padding: .3rem .45rem; }
thead th { background: #f9fafb; vertical-align: bottom; font-weight: 600; }
thead th small, tbody th small { display: block; font-weight: 400; color: #6b7280; }
tbody th { text-align: left; background: #f9fafb; font-weight: 600; white-space: nowrap; }
td { text-align: center; font-weight: 600; cursor: help; white-space: nowrap; }
td small { display: block; font-weight: 400; font-size: .7rem; }
.required { background: #dbeafe; color: #1e3a8a; }
.permitted { background: #dcfce7; color: #14532d; }
.prohibited { background: #fee2e2; color: #7f1d1d; }
.unregulated { background: #f3f4f6; color: #374151; }
.uncertain { background: #fef3c7; color: #78350f; }
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

/// Renders the page.
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
    let _ = writeln!(out, "</ul>");
    for situation in &m.situations {
        let _ = writeln!(out, "<section>\n<h2><code>{}</code></h2>", escape(&situation.id));
        let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(&situation.description));
        let _ = writeln!(out, "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">jurisdiction</th>");
        for action in &m.actions {
            let doc = corpus.vocabulary.action(action).map_or("", |a| corpus.vocabulary.actions[a as usize].1.as_str());
            let _ = writeln!(out, "<th scope=\"col\" title=\"{}\">{}</th>", escape(doc), escape(&action.replace('_', " ")));
        }
        let _ = writeln!(out, "</tr></thead>\n<tbody>");
        for j in &m.jurisdictions {
            let _ = write!(out, "<tr><th scope=\"row\">{}<small><code>{}</code></small></th>", escape(&j.name), escape(&j.id));
            for action in &m.actions {
                match m.cell(&situation.id, &j.id, action) {
                    Some(c) => {
                        let _ = write!(
                            out,
                            "<td class=\"{0}\" title=\"{1}\">{0}<small>{2}</small></td>",
                            c.outcome.name(),
                            escape(&title(c)),
                            escape(&c.agency)
                        );
                    }
                    None => out.push_str("<td></td>"),
                }
            }
            let _ = writeln!(out, "</tr>");
        }
        let _ = writeln!(out, "</tbody>\n</table></div>\n</section>");
    }
    let _ = writeln!(
        out,
        "<footer>Generated by juris from corpus <code>{}</code>. Not legal advice: juris shows what the encoded sources say, with their confidence.</footer>",
        escape(&m.corpus)
    );
    let _ = writeln!(out, "</body>\n</html>");
    out
}
