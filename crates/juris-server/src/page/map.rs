//! The inline map of Maryland's counties: `web/map/maryland.svg` (built from the Census shapes
//! by `npm run map` in web/) with each county made a link that chooses it.
//!
//! The map is for pointing; the plain list beside it is what keyboard and screen-reader users
//! use, so the map's links are taken out of the tab order and the drawing out of the
//! accessibility tree (the list names the same places).

use super::Law;
use super::law::MARYLAND;

/// The map as built.
const SVG: &str = include_str!("../../../../web/map/maryland.svg");

/// The map with every county a link to `href(jurisdiction)`, the chosen one marked. A county the
/// corpus does not know yet links to the State, whose law governs it.
pub(crate) fn render(law: &Law, chosen: Option<&str>, label: &str, href: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(SVG.len() * 2);
    for line in SVG.lines() {
        if let Some(rest) = line.strip_prefix("<svg ") {
            out.push_str(&format!("<svg class=\"map\" aria-hidden=\"true\" focusable=\"false\" data-label=\"{}\" {rest}\n", escape(label)));
            continue;
        }
        if !line.starts_with("<path ") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let jurisdiction = attribute(line, "data-jurisdiction").unwrap_or_default();
        let name = attribute(line, "data-name").unwrap_or_default();
        let target = if law.knows(jurisdiction) { jurisdiction } else { MARYLAND };
        let class = if chosen == Some(jurisdiction) { " class=\"chosen\"" } else { "" };
        out.push_str(&format!("<a href=\"{}\" tabindex=\"-1\"{class}><title>{}</title>{line}</a>\n", escape(&href(target)), escape(name)));
    }
    out
}

fn attribute<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let start = line.find(&format!("{name}=\""))? + name.len() + 2;
    let end = line[start..].find('"')? + start;
    Some(&line[start..end])
}

/// Escapes text for an HTML attribute or text node.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
