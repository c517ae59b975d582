//! `juris decide`: read requests (one JSON object or JSON Lines), write one decision per request.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use juris::{Date, RawRequest};
use juris_api::catalog;
use juris_api::handle::shape_error;
use juris_api::v1;

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
                        report(&mut out, args.format, number, shape_error(crate::options::lang(), &e))?;
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
                let lang = crate::options::lang();
                let decision = v1::Decision::from_view(&corpus, &corpus.view(&corpus.decide(&request)), lang);
                match args.format {
                    Format::Json => writeln!(out, "{}", serde_json::to_string(&decision)?)?,
                    Format::Text => {
                        if number > 1 {
                            writeln!(out)?;
                        }
                        write!(out, "{}", render::decision(&corpus, &decision, lang))?
                    }
                }
            }
            Err(e) => {
                report(&mut out, args.format, number, v1::RequestError::from_library(&e, crate::options::lang()))?;
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

/// Writes a request's error: always to standard error, and with `--format json` also as
/// `{"error": {...}}` on standard output, in the place of the decision.
fn report(out: &mut impl Write, format: Format, number: usize, mut error: v1::RequestError) -> Result<()> {
    let lang = crate::options::lang();
    eprintln!("error: {}", catalog::message(lang, "error-request", &[("number", number.into()), ("message", error.render(lang).into())]));
    if format == Format::Json {
        error.request = Some(number);
        writeln!(out, "{}", serde_json::to_string(&v1::ErrorEnvelope { error })?)?;
    }
    Ok(())
}
