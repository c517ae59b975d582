//! `juris decide`: read requests (one JSON object or JSON Lines), write one decision per request.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use juris::{Date, RawRequest};

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::options::Format;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// A file of requests, or `-` for standard input (the default).
    #[arg(value_name = "FILE|-")]
    pub input: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The date to use for requests that give no `as_of` (default: today, which is then echoed).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

pub fn run(args: &Args) -> Result<u8> {
    let text = match &args.input {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read_to_string(p).with_context(|| format!("reading `{}`", p.display()))?,
    };
    let default_date = match &args.as_of {
        Some(d) => {
            let Some(date) = Date::parse(d) else {
                eprintln!("error: `--as-of`: `{d}` is not a date; write YYYY-MM-DD");
                return Ok(exit::BAD_INPUT);
            };
            date
        }
        None => crate::options::today(),
    };
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    let mut count = 0;
    for (index, item) in serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>().enumerate() {
        count += 1;
        let number = index + 1;
        let value = match item {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: request {number}: not valid JSON at line {}, column {}: {e}", e.line(), e.column());
                failed = true;
                break;
            }
        };
        // Fast path: decode straight into typed facts. Anything it rejects goes through the
        // named-field resolution, which says exactly what is wrong.
        let resolved = match serde::de::DeserializeSeed::deserialize(corpus.request_seed(), &value) {
            Ok(request) => Ok(request),
            Err(_) => {
                let mut raw: RawRequest = match serde_json::from_value(value) {
                    Ok(r) => r,
                    Err(e) => {
                        report(&mut out, args.format, number, &request_field_error(&e.to_string()), &e.to_string())?;
                        failed = true;
                        continue;
                    }
                };
                if raw.as_of.is_none() {
                    eprintln!("note: request {number} gives no `as_of`; deciding as of {default_date}");
                    raw.as_of = Some(default_date.to_string());
                }
                corpus.resolve(&raw)
            }
        };
        match resolved {
            Ok(request) => {
                let view = corpus.view(&corpus.decide(&request));
                match args.format {
                    Format::Json => writeln!(out, "{}", serde_json::to_string(&view)?)?,
                    Format::Text => {
                        if number > 1 {
                            writeln!(out)?;
                        }
                        write!(out, "{}", render::decision(&corpus, &view))?
                    }
                }
            }
            Err(e) => {
                report(&mut out, args.format, number, &e.field, &e.to_string())?;
                failed = true;
            }
        }
    }
    if count == 0 {
        eprintln!("error: no request given: pass a file of JSON requests, or pipe one to standard input");
        return Ok(exit::BAD_INPUT);
    }
    Ok(if failed { exit::BAD_INPUT } else { exit::OK })
}

fn read_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
    Ok(text)
}

/// The field a serde error names (`unknown field `x``, `missing field `y``), or `request`.
fn request_field_error(message: &str) -> String {
    for marker in ["unknown field `", "missing field `"] {
        if let Some(rest) = message.split(marker).nth(1) {
            if let Some(name) = rest.split('`').next() {
                return name.to_owned();
            }
        }
    }
    "request".to_owned()
}

fn report(out: &mut impl Write, format: Format, number: usize, field: &str, message: &str) -> Result<()> {
    eprintln!("error: request {number}: {message}");
    if format == Format::Json {
        let error = serde_json::json!({ "error": { "request": number, "field": field, "message": message } });
        writeln!(out, "{error}")?;
    }
    Ok(())
}
