//! Charts as hand-written SVG: stacked bars of outcomes and plain bars of counts.
//!
//! Each outcome has a colour and a pattern of its own, and every segment carries a `<title>`, so a
//! chart does not rely on colour alone; the report puts its data table beside it.

use std::fmt::Write as _;

use juris::Outcome;

use crate::summary::Counts;

const WIDTH: f64 = 760.0;
const LABEL: f64 = 190.0;
const BAR: f64 = 22.0;
const GAP: f64 = 8.0;

/// Colour and pattern per outcome, in the order of [`Outcome::ALL`].
const STYLE: [(&str, &str); 5] =
    [("#1b5e20", "none"), ("#66bb6a", "diagonal"), ("#c62828", "cross"), ("#9e9e9e", "dots"), ("#ffb300", "horizontal")];

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn defs(out: &mut String) {
    out.push_str("<defs>");
    for (i, (colour, pattern)) in STYLE.iter().enumerate() {
        let marks = match *pattern {
            "diagonal" => "<path d=\"M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
            "cross" => "<path d=\"M0,0 L8,8 M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"1.2\"/>",
            "dots" => "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"#fff\"/>",
            "horizontal" => "<path d=\"M0,4 L8,4\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
            _ => "",
        };
        let _ = write!(
            out,
            "<pattern id=\"p{i}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{marks}</pattern>"
        );
    }
    out.push_str("</defs>");
}

fn header(out: &mut String, title: &str, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{t}\" font-family=\"sans-serif\" font-size=\"12\"><title>{t}</title>",
        t = escape(title)
    );
    defs(out);
    let _ = write!(out, "<text x=\"4\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{}</text>", escape(title));
}

/// One stacked bar per category, segments per outcome, with a legend.
pub fn stacked(title: &str, bars: &[(String, Counts)]) -> String {
    let top = 48.0;
    let height = top + bars.len() as f64 * (BAR + GAP) + 20.0;
    let mut out = String::new();
    header(&mut out, title, height);
    let mut x = 4.0;
    for (i, o) in Outcome::ALL.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"26\" width=\"12\" height=\"12\" fill=\"url(#p{i})\" stroke=\"#333\"/><text x=\"{}\" y=\"36\">{}</text>",
            x + 16.0,
            o.name()
        );
        x += 24.0 + 7.0 * o.name().len() as f64;
    }
    let span = WIDTH - LABEL - 70.0;
    for (row, (label, counts)) in bars.iter().enumerate() {
        let y = top + row as f64 * (BAR + GAP);
        let total: u64 = counts.iter().sum();
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", LABEL - 6.0, y + 15.0, escape(label));
        let mut x = LABEL;
        for (i, &n) in counts.iter().enumerate() {
            if n == 0 || total == 0 {
                continue;
            }
            let w = span * n as f64 / total as f64;
            let share = 100.0 * n as f64 / total as f64;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"url(#p{i})\" stroke=\"#fff\"><title>{}: {} {n} ({share:.1}%)</title></rect>",
                escape(label),
                Outcome::ALL[i].name()
            );
            x += w;
        }
        let _ = write!(out, "<text x=\"{}\" y=\"{}\">{total}</text>", LABEL + span + 6.0, y + 15.0);
    }
    out.push_str("</svg>\n");
    out
}

/// One bar per item, longest first as given.
pub fn bars(title: &str, items: &[(String, u64)]) -> String {
    let top = 30.0;
    let height = top + items.len().max(1) as f64 * (BAR + GAP) + 10.0;
    let mut out = String::new();
    header(&mut out, title, height);
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label = 330.0;
    let span = WIDTH - label - 70.0;
    if items.is_empty() {
        let _ = write!(out, "<text x=\"4\" y=\"{}\">no uncertain answers</text>", top + 15.0);
    }
    for (row, (name, n)) in items.iter().enumerate() {
        let y = top + row as f64 * (BAR + GAP);
        let w = span * *n as f64 / max as f64;
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", label - 6.0, y + 15.0, escape(&shorten(name, 52)));
        let _ = write!(
            out,
            "<rect x=\"{label}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"url(#p4)\"><title>{}: {n}</title></rect>",
            escape(name)
        );
        let _ = write!(out, "<text x=\"{:.1}\" y=\"{}\">{n}</text>", label + w + 6.0, y + 15.0);
    }
    out.push_str("</svg>\n");
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_owned() } else { format!("{}…", text.chars().take(max - 1).collect::<String>()) }
}
