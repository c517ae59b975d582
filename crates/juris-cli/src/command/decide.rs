//! `juris decide`: read requests (one JSON object, or JSON Lines) and write one decision per
//! request as it goes, so memory stays flat however long the input is.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use juris::{Corpus, Date, DecodeOptions, Request, RequestErrorKind};
use juris_api::v1::{self, ErrorKind};
use juris_api::{Lang, catalog};
use serde::Deserialize as _;

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::render;

/// The longest request accepted, in bytes; a longer line (or multi-line object) is an error for
/// its line, and is skipped without being held in memory.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

const ABOUT: &str = "Decide requests and explain each decision.

Reads one request (a JSON object, which may span several lines) or many (JSON Lines: one object per line) from FILE or standard input, and writes each decision as soon as its line is read.";

const AFTER_HELP: &str = r#"A request (every name is listed by `juris vocabulary`; the contract is docs/vocabulary.md):

  {"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-08-13",
   "action": "hold", "facts": {"warrant": "none", "detainer_form": "I-247A"},
   "assume_enacted": []}

Facts left out are unknown, never false: an answer that hinges on one is `uncertain` and names it.
Every line gets a decision or an error naming its line number; the other lines are still decided.
Blank lines are skipped. A request may be at most 16 MiB.

Exit codes: 0 every request was decided; 1 the corpus has errors; 2 a request or argument was bad."#;

/// How decisions are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable explanation of each decision, with citations and quoted law.
    Text,
    /// One JSON decision per line (errors as `{"error": {...}}` lines).
    Json,
    /// One line per request for batch use: `LINE<TAB>OUTCOME<TAB>RULES` (deciding rule ids,
    /// space-separated; `uncertain` lists what it lies between, as `uncertain:permitted|prohibited`).
    Outcome,
}

#[derive(Debug, clap::Args)]
#[command(about = "Decide requests (a JSON object, or JSON Lines) and explain each decision", long_about = ABOUT, after_help = AFTER_HELP)]
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

/// A problem with one request, and the line it starts on.
struct Problem {
    line: usize,
    error: v1::RequestError,
}

impl Problem {
    /// A problem with the text of a request as a whole (not one of its fields).
    fn request(line: usize, message: String) -> Problem {
        Problem { line, error: v1::RequestError::new("request", ErrorKind::Shape, message) }
    }
}

// The messages of problems found while reading the stream, before any request is decoded.
fn too_long(lang: Lang) -> String {
    catalog::message(lang, "stream-too-long", &[("mebibytes", (MAX_REQUEST_BYTES >> 20).into())])
}

/// The state of the run: the writer, the format, and whether any request failed.
struct Run<'a, W: Write> {
    corpus: &'a Corpus,
    out: W,
    format: Format,
    default_date: Date,
    lang: Lang,
    decided: usize,
    failed: usize,
}

pub fn run(args: &Args) -> Result<u8> {
    let default_date = match &args.as_of {
        Some(d) => match juris::parse_date("--as-of", d) {
            Ok(date) => date,
            Err(e) => {
                crate::stderr!("error: {e}");
                return Ok(exit::BAD_INPUT);
            }
        },
        None => crate::options::today(),
    };
    let input: Box<dyn Read> = match &args.input {
        Some(p) if p.as_os_str() != "-" => Box::new(std::fs::File::open(p).with_context(|| format!("reading `{}`", p.display()))?),
        _ => Box::new(std::io::stdin()),
    };
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let mut run = Run {
        corpus: &corpus,
        out: BufWriter::new(std::io::stdout().lock()),
        format: args.format,
        default_date,
        lang: crate::options::lang(),
        decided: 0,
        failed: 0,
    };
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    read(&mut reader, &mut run)?;
    run.out.flush()?;
    if run.decided + run.failed == 0 {
        crate::stderr!("error: no request given: pass a file of JSON requests, or pipe one to standard input");
        return Ok(exit::BAD_INPUT);
    }
    Ok(if run.failed > 0 { exit::BAD_INPUT } else { exit::OK })
}

/// A request spread over several lines (a pretty-printed object), being gathered.
struct Pending {
    line: usize,
    text: String,
}

/// Reads every line, deciding each request once it is complete.
fn read<R: Read, W: Write>(reader: &mut BufReader<R>, run: &mut Run<'_, W>) -> Result<()> {
    let mut buffer = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut number = 0;
    loop {
        // Whatever was decided reaches the reader before waiting for more input.
        if reader.buffer().is_empty() {
            run.out.flush()?;
        }
        number += 1;
        let line = match read_line(reader, &mut buffer).context("reading the requests")? {
            Line::End => break,
            Line::TooLong => {
                if let Some(p) = pending.take() {
                    run.problem(incomplete(p.line, run.lang))?;
                }
                run.problem(Problem::request(number, too_long(run.lang)))?;
                continue;
            }
            Line::Text => match std::str::from_utf8(&buffer) {
                Ok(text) => text.trim_end_matches(['\n', '\r']),
                Err(e) => {
                    if let Some(p) = pending.take() {
                        run.problem(incomplete(p.line, run.lang))?;
                    }
                    let message = catalog::message(run.lang, "stream-not-utf8", &[("column", (e.valid_up_to() + 1).into())]);
                    run.problem(Problem::request(number, message))?;
                    continue;
                }
            },
        };
        if let Some(mut p) = pending.take() {
            // A line starting with `{` in its first column starts a new request: the one being
            // gathered was cut short. (Nested objects of a pretty-printed request are indented.)
            if line.starts_with('{') {
                run.problem(incomplete(p.line, run.lang))?;
            } else if p.text.len() + line.len() >= MAX_REQUEST_BYTES {
                run.problem(Problem::request(p.line, too_long(run.lang)))?;
                continue;
            } else {
                p.text.push('\n');
                p.text.push_str(line);
                match run.request(p.line, &p.text)? {
                    Parsed::Incomplete => pending = Some(p),
                    Parsed::Done => {}
                }
                continue;
            }
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Parsed::Incomplete = run.request(number, line)? {
            pending = Some(Pending { line: number, text: line.to_owned() });
        }
    }
    if let Some(p) = pending {
        run.problem(incomplete(p.line, run.lang))?;
    }
    Ok(())
}

fn incomplete(line: usize, lang: Lang) -> Problem {
    Problem::request(line, catalog::text(lang, "stream-incomplete"))
}

/// One line as read by [`read_line`].
enum Line {
    /// A line (with its newline, if any) is in the buffer.
    Text,
    /// The line was longer than [`MAX_REQUEST_BYTES`]; it was read past and dropped.
    TooLong,
    End,
}

/// Reads one line into `buffer`, holding at most [`MAX_REQUEST_BYTES`] of it.
fn read_line<R: Read>(reader: &mut BufReader<R>, buffer: &mut Vec<u8>) -> std::io::Result<Line> {
    buffer.clear();
    let read = reader.by_ref().take(MAX_REQUEST_BYTES as u64).read_until(b'\n', buffer)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if buffer.len() < MAX_REQUEST_BYTES || buffer.ends_with(b"\n") {
        return Ok(Line::Text);
    }
    // Skip the rest of the line without keeping it.
    buffer.clear();
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                break;
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
    Ok(Line::TooLong)
}

/// What came of the text of one request.
enum Parsed {
    /// Decided, or reported as an error.
    Done,
    /// The JSON so far is the start of an object: more lines are needed.
    Incomplete,
}

impl<W: Write> Run<'_, W> {
    /// Decodes, decides and writes the request in `text`, which starts on `line`.
    fn request(&mut self, line: usize, text: &str) -> Result<Parsed> {
        match decode(self.corpus, text, self.default_date, line, self.lang) {
            Ok(request) => {
                self.decision(line, &request)?;
                Ok(Parsed::Done)
            }
            Err(Decoded::Incomplete) => Ok(Parsed::Incomplete),
            Err(Decoded::Problem(p)) => {
                self.problem(*p)?;
                Ok(Parsed::Done)
            }
        }
    }

    fn decision(&mut self, line: usize, request: &Request) -> Result<()> {
        let corpus = self.corpus;
        // The one-line form shows no cases, so it skips their search.
        let decision = match self.format {
            Format::Outcome => corpus.decide_unexplained(request),
            Format::Json | Format::Text => corpus.decide(request),
        };
        match self.format {
            Format::Outcome => {
                write!(self.out, "{line}\t{}", decision.outcome.name())?;
                if decision.possible.len() > 1 {
                    let names: Vec<&str> = decision.possible.iter().map(|o| o.name()).collect();
                    write!(self.out, ":{}", names.join("|"))?;
                }
                self.out.write_all(b"\t")?;
                for (i, rule) in decision.deciding.iter().enumerate() {
                    if i > 0 {
                        self.out.write_all(b" ")?;
                    }
                    self.out.write_all(corpus.rules()[*rule as usize].id.as_bytes())?;
                }
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                let decision = v1::Decision::from_view(corpus, &corpus.view(&decision), self.lang);
                serde_json::to_writer(&mut self.out, &decision).map_err(std::io::Error::from)?;
                self.out.write_all(b"\n")?;
            }
            Format::Text => {
                if self.decided > 0 {
                    writeln!(self.out)?;
                }
                let decision = v1::Decision::from_view(corpus, &corpus.view(&decision), self.lang);
                write!(self.out, "{}", render::decision(corpus, &decision, self.lang))?;
            }
        }
        self.decided += 1;
        Ok(())
    }

    /// Reports a bad request on standard error and, with `--format json` or `outcome`, in its place.
    fn problem(&mut self, problem: Problem) -> Result<()> {
        let Problem { line, mut error } = problem;
        let message = error.render(self.lang);
        crate::stderr!("error: {}", catalog::message(self.lang, "error-line", &[("line", line.into()), ("message", message.into())]));
        self.failed += 1;
        match self.format {
            Format::Json => {
                error.line = Some(line);
                error.request = Some(self.decided + self.failed);
                serde_json::to_writer(&mut self.out, &v1::ErrorEnvelope { error }).map_err(std::io::Error::from)?;
                self.out.write_all(b"\n")?;
            }
            Format::Outcome => writeln!(self.out, "{line}\terror\t{}", error.field)?,
            Format::Text => {}
        }
        Ok(())
    }
}

/// Why a request's text gave no request.
enum Decoded {
    Incomplete,
    Problem(Box<Problem>),
}

/// Decodes one request with the library's decoder, which names the field of any problem; the
/// text is checked whole first when it fails, so that an object spread over several lines is
/// gathered, and broken JSON is reported as broken JSON.
fn decode(corpus: &Corpus, text: &str, default_date: Date, line: usize, lang: Lang) -> std::result::Result<Request, Decoded> {
    let whole = |message: &str| Decoded::Problem(Box::new(Problem::request(line, message.to_owned())));
    let decode_with = |options: DecodeOptions| {
        let mut json = serde_json::Deserializer::from_str(text);
        let decoded = corpus.decode(&mut json, options);
        (decoded, json.end().is_ok())
    };
    let error = match decode_with(DecodeOptions::default()) {
        (Ok(request), true) => return Ok(request),
        (Ok(_), false) => return Err(whole(&catalog::text(lang, "stream-two-values"))),
        (Err(error), _) => error,
    };
    let mut check = serde_json::Deserializer::from_str(text);
    match serde::de::IgnoredAny::deserialize(&mut check) {
        Err(e) if e.is_eof() => return Err(Decoded::Incomplete),
        Err(e) => {
            let message = catalog::message(lang, "stream-not-json", &[("column", e.column().into()), ("detail", e.to_string().into())]);
            return Err(whole(&message));
        }
        Ok(_) if check.end().is_err() => return Err(whole(&catalog::text(lang, "stream-two-values"))),
        Ok(_) => {}
    }
    let error = if error.kind == RequestErrorKind::Missing && error.field == "as_of" {
        crate::stderr!("note: line {line}: no `as_of`; deciding as of {default_date}");
        match decode_with(DecodeOptions { default_as_of: Some(default_date) }).0 {
            Ok(request) => return Ok(request),
            // Another field is missing too: report that one.
            Err(other) => other,
        }
    } else {
        error
    };
    Err(Decoded::Problem(Box::new(Problem { line, error: v1::RequestError::from_library(&error, lang) })))
}
