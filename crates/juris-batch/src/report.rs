//! The report: a self-contained HTML page of summary tables and charts, the charts again as SVG
//! files, and the summary as JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use juris::Outcome;

use crate::chart::{self, escape};
use crate::error::BatchError;
use crate::summary::{Cell, Counts, Summary};

/// A chart: its file name, its SVG, and its data as an HTML table.
struct Chart {
    file: String,
    svg: String,
    table: String,
}

fn slug(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

fn outcome_table(first: &str, rows: &[(String, Counts)]) -> String {
    let mut t = format!("<table><thead><tr><th scope=\"col\">{}</th>", escape(first));
    for o in Outcome::ALL {
        let _ = write!(t, "<th scope=\"col\">{}</th>", o.name());
    }
    t.push_str("<th scope=\"col\">total</th></tr></thead><tbody>");
    for (label, counts) in rows {
        let total: u64 = counts.iter().sum();
        let _ = write!(t, "<tr><th scope=\"row\">{}</th>", escape(label));
        for n in counts {
            let share = if total == 0 { 0.0 } else { 100.0 * *n as f64 / total as f64 };
            let _ = write!(t, "<td>{n} <small>({share:.1}%)</small></td>");
        }
        let _ = write!(t, "<td>{total}</td></tr>");
    }
    t.push_str("</tbody></table>");
    t
}

fn charts(summary: &Summary) -> Vec<Chart> {
    let mut out = Vec::new();
    let mut keys: Vec<(&str, &str)> = summary.cells.iter().map(|c| (c.question.as_str(), c.action.as_str())).collect();
    keys.dedup();
    for (question, action) in &keys {
        let cells: Vec<&Cell> = summary.cells.iter().filter(|c| c.question == *question && c.action == *action).collect();
        let rows: Vec<(String, Counts)> = cells.iter().map(|c| (c.law.clone(), Summary::counts(c))).collect();
        let title = format!("{question}: {action}, outcomes per state of the law");
        out.push(Chart {
            file: format!("outcomes-{}-{}.svg", slug(question), slug(action)),
            svg: chart::stacked(&title, &rows),
            table: outcome_table("state of the law", &rows),
        });
    }
    // Per year and what the answers hinged on: for each question's first action.
    let mut questions: Vec<&str> = keys.iter().map(|(q, _)| *q).collect();
    questions.dedup();
    for question in questions {
        let Some(action) = summary.cells.iter().find(|c| c.question == question).map(|c| c.action.clone()) else { continue };
        for cell in summary.cells.iter().filter(|c| c.question == question && c.action == action) {
            if cell.by_year.len() > 1 {
                let rows: Vec<(String, Counts)> = cell
                    .by_year
                    .iter()
                    .map(|(year, counts)| {
                        let mut c = Counts::default();
                        for (i, o) in Outcome::ALL.iter().enumerate() {
                            c[i] = counts.get(o.name()).copied().unwrap_or(0);
                        }
                        (year.to_string(), c)
                    })
                    .collect();
                let title = format!("{question}: {action} under {}, outcomes per year of booking", cell.law);
                out.push(Chart {
                    file: format!("years-{}-{}-{}.svg", slug(question), slug(&action), slug(&cell.law)),
                    svg: chart::stacked(&title, &rows),
                    table: outcome_table("year", &rows),
                });
            }
            let mut reasons: Vec<(String, u64)> = cell.uncertain_because.iter().map(|(k, v)| (k.clone(), *v)).collect();
            reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            reasons.truncate(12);
            if !reasons.is_empty() {
                let title = format!("{question}: {action} under {}, what uncertain answers hinged on", cell.law);
                let mut table =
                    String::from("<table><thead><tr><th scope=\"col\">reason</th><th scope=\"col\">answers</th></tr></thead><tbody>");
                for (reason, n) in &reasons {
                    let _ = write!(table, "<tr><th scope=\"row\">{}</th><td>{n}</td></tr>", escape(reason));
                }
                table.push_str("</tbody></table>");
                out.push(Chart {
                    file: format!("hinged-{}-{}-{}.svg", slug(question), slug(&action), slug(&cell.law)),
                    svg: chart::bars(&title, &reasons),
                    table,
                });
            }
        }
    }
    out
}

/// Writes `report.html`, `summary.json` and one SVG file per chart into `dir`.
pub fn write(dir: &Path, summary: &Summary) -> Result<Vec<PathBuf>, BatchError> {
    let fail = |p: &Path, e: std::io::Error| BatchError::Output { path: p.to_owned(), message: e.to_string() };
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    let mut written = Vec::new();
    let charts = charts(summary);
    for c in &charts {
        let path = dir.join(&c.file);
        std::fs::write(&path, &c.svg).map_err(|e| fail(&path, e))?;
        written.push(path);
    }
    let json =
        serde_json::to_string_pretty(summary).map_err(|e| BatchError::Output { path: dir.join("summary.json"), message: e.to_string() })?;
    let path = dir.join("summary.json");
    std::fs::write(&path, json + "\n").map_err(|e| fail(&path, e))?;
    written.push(path);
    let path = dir.join("report.html");
    std::fs::write(&path, html(summary, &charts)).map_err(|e| fail(&path, e))?;
    written.push(path);
    Ok(written)
}

const STYLE: &str = "body{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#111}\
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}\
td{text-align:right}thead th{background:#eee}figure{margin:1rem 0 2rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}\
figcaption{font-weight:bold;width:100%}small{color:#555}code{background:#f4f4f4;padding:0 .2rem}";

fn html(s: &Summary, charts: &[Chart]) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(&s.title)
    );
    let _ = write!(h, "<h1>{}</h1>", escape(&s.title));
    let _ = write!(
        h,
        "<p>Input <code>{}</code>: {} rows ({} skipped by the map), {} groups ({} could not be turned into requests). {} requests built, {} distinct requests decided; the rest were answered from the cache. {} charges were not placed by the charge table. Corpus <code>{}</code>.</p>",
        escape(&s.input),
        s.rows,
        s.skipped_rows,
        s.groups,
        s.skipped_groups,
        s.requests,
        s.decided,
        s.unplaced_charges,
        escape(&s.corpus)
    );
    if !s.assumptions.is_empty() {
        h.push_str("<h2>What the map assumes</h2><ul>");
        for a in &s.assumptions {
            let _ = write!(h, "<li>{}</li>", escape(a));
        }
        h.push_str("</ul>");
    }
    h.push_str("<h2>States of the law</h2><table><thead><tr><th scope=\"col\">question</th><th scope=\"col\">action</th><th scope=\"col\">state of the law</th><th scope=\"col\">jurisdiction</th><th scope=\"col\">as of</th><th scope=\"col\">rule deciding most often</th></tr></thead><tbody>");
    for c in &s.cells {
        let top = c.deciding.iter().max_by_key(|(_, n)| **n).map(|(r, n)| format!("{r} ({n})")).unwrap_or_default();
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.question),
            escape(&c.action),
            escape(&c.law),
            escape(&c.jurisdiction),
            escape(&c.as_of),
            escape(&top)
        );
    }
    h.push_str("</tbody></table>");
    if !s.changes.is_empty() {
        h.push_str("<h2>What changed between two states of the law</h2><table><thead><tr><th scope=\"col\">question</th><th scope=\"col\">action</th><th scope=\"col\">from</th><th scope=\"col\">to</th><th scope=\"col\">changed</th><th scope=\"col\">moves</th></tr></thead><tbody>");
        for c in &s.changes {
            let moves: Vec<String> = c
                .moves
                .iter()
                .filter(|(m, _)| m.split(" -> ").collect::<Vec<_>>().windows(2).any(|w| w[0] != w[1]))
                .map(|(m, n)| format!("{m}: {n}"))
                .collect();
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{} of {}</td><td>{}</td></tr>",
                escape(&c.question),
                escape(&c.action),
                escape(&c.from),
                escape(&c.to),
                c.changed,
                c.total,
                escape(&moves.join("; "))
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("<h2>Charts</h2><p>Each chart is also an SVG file beside this page; its data table follows it. Outcomes are told apart by pattern as well as colour.</p>");
    for c in charts {
        let _ = write!(h, "<figure><figcaption>{}</figcaption>{}{}</figure>", escape(&c.file), c.svg.trim_end(), c.table);
    }
    if s.issues > 0 {
        let _ = write!(
            h,
            "<h2>Rows that could not be turned into requests</h2><p>{} in all; the first {} follow.</p><table><thead><tr><th scope=\"col\">row</th><th scope=\"col\">column</th><th scope=\"col\">reason</th></tr></thead><tbody>",
            s.issues,
            s.first_issues.len()
        );
        for i in &s.first_issues {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td style=\"text-align:left\">{}</td></tr>",
                i.row,
                escape(&i.column),
                escape(&i.reason)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>\n");
    h
}
