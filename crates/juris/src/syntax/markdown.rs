//! Splits a literate policy document into front matter, headings, quoted text and `juris` blocks.
//!
//! The Markdown is parsed with `pulldown-cmark`; byte offsets are kept so that diagnostics inside a
//! code block point at the right line of the file.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Span};

/// A literate document, split.
#[derive(Debug, Clone, Default)]
pub(crate) struct Literate {
    /// The TOML front matter and the byte offset where it starts.
    pub front_matter: String,
    pub front_matter_offset: usize,
    pub blocks: Vec<CodeBlock>,
}

/// One fenced `juris` block with its context in the document.
#[derive(Debug, Clone)]
pub(crate) struct CodeBlock {
    pub code: String,
    /// Byte offset of the code's first character in the file.
    pub offset: usize,
    /// The heading chain above the block, e.g. `Section 9 › (a)`.
    pub section: String,
    /// The quoted words the block encodes (block quotes, or paragraphs when there are none).
    pub text: String,
}

const FENCE: &str = "+++";

/// Splits `text`; a missing or unterminated front matter is an error.
pub(crate) fn split(path: &str, text: &str) -> Result<Literate, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != FENCE {
        return Err(Diagnostic::error(
            crate::diagnostic::Code::E0101,
            path,
            Some(Span::new(0, first_line_end.min(1))),
            "a policy document must start with TOML front matter between `+++` lines",
        )
        .with_label("expected `+++` here")
        .with_help("begin the file with `+++`, the metadata (id, jurisdiction, kind, ...), and another `+++`"));
    }
    let body_start = first_line_end + 1;
    let mut cursor = body_start;
    let mut close = None;
    for line in text[body_start.min(text.len())..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            close = Some((cursor, cursor + line.len()));
            break;
        }
        cursor += line.len();
    }
    let Some((fm_end, rest_start)) = close else {
        return Err(Diagnostic::error(
            crate::diagnostic::Code::E0102,
            path,
            Some(Span::new(0, first_line_end)),
            "front matter is never closed",
        )
        .with_label("opened here")
        .with_help("add a line with `+++` after the metadata"));
    };
    let mut literate = Literate { front_matter: text[body_start..fm_end].to_owned(), front_matter_offset: body_start, blocks: Vec::new() };

    let body = &text[rest_start..];
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut heading_text: Option<(HeadingLevel, String)> = None;
    let mut quotes: Vec<String> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut quote_depth = 0usize;
    let mut paragraph: Option<String> = None;
    let mut code: Option<(String, Option<usize>)> = None;

    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading_text = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title)) = heading_text.take() {
                    headings.retain(|(l, _)| *l < level);
                    headings.push((level, title.trim().to_owned()));
                    quotes.clear();
                    paragraphs.clear();
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    let p = p.trim().to_owned();
                    if !p.is_empty() {
                        if quote_depth > 0 { quotes.push(p) } else { paragraphs.push(p) }
                    }
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or("");
                if lang == "juris" {
                    code = Some((String::new(), None));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((code_text, offset)) = code.take() {
                    let offset = offset.unwrap_or(rest_start + range.start);
                    let section = headings.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" › ");
                    let text = if quotes.is_empty() { paragraphs.join("\n") } else { quotes.join("\n") };
                    literate.blocks.push(CodeBlock { code: code_text, offset, section, text });
                    quotes.clear();
                    paragraphs.clear();
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((code_text, offset)) = code.as_mut() {
                    if offset.is_none() {
                        *offset = Some(rest_start + range.start);
                    }
                    code_text.push_str(&t);
                } else if let Some((_, title)) = heading_text.as_mut() {
                    title.push_str(&t);
                } else if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    Ok(literate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_their_words() {
        let text = "+++\nid = \"x\"\n+++\n# Part 1\n## (a)\n\n> Shall not hold.\n\n```juris\nrule a {}\n```\n\nProse.\n\n```juris\nrule b {}\n```\n";
        let lit = split("x.md", text).unwrap();
        assert_eq!(lit.front_matter, "id = \"x\"\n");
        assert_eq!(lit.blocks.len(), 2);
        assert_eq!(lit.blocks[0].section, "Part 1 › (a)");
        assert_eq!(lit.blocks[0].text, "Shall not hold.");
        assert_eq!(&text[lit.blocks[0].offset..lit.blocks[0].offset + 6], "rule a");
        assert_eq!(lit.blocks[1].text, "Prose.");
    }

    #[test]
    fn rejects_missing_front_matter() {
        assert_eq!(split("x.md", "# Title\n").unwrap_err().code, "E0101");
        assert_eq!(split("x.md", "+++\nid = 1\n").unwrap_err().code, "E0102");
    }
}
