//! Every `$ curl ...` example in README.md and docs/*.md is sent to the service and its answer
//! compared with the lines written under it, so the HTTP docs cannot drift from what the service
//! answers; and every endpoint of `ENDPOINTS` has an example in docs/api.md that shows its status.
//!
//! An example is a `$ curl ...` line of a ```` ```console ```` block; the lines after it, up to
//! the next `$ ` line or the end of the block, are what curl prints. The command is read as a
//! shell reads it (quotes, and `$ADMIN_TOKEN` and `$READER_TOKEN` for tokens of the `admin` and
//! `log-read` roles), and its curl options (`-s`, `-i`, `-X`, `-H`, `-d`, `--data-binary`,
//! `> FILE`) become one request sent to `app(state)` with `oneshot`, without a socket. The
//! examples of each file run in order against one fresh service (the shipped corpus, a SQLite
//! log in a temporary folder with the default origin `juris.local/decision-log`), so that a
//! receipt can follow the decision it is for.
//!
//! Values that differ from run to run are written in the docs as real ones and matched by their
//! shape: on both sides, 32 lowercase hex digits (a `decision_id`) become `<hex32>`, 64 (corpus
//! and SHA-256 hashes) `<hex64>`, a base64 word of 40 characters or more with a digit, a
//! capital, `+` or `/` (roots, proof hashes, signatures, keys) `<base64>`, an RFC 3339 timestamp
//! `<timestamp>`, the number after `"log_index":` `<n>`, and the values of the `date` and
//! `content-length` headers (hyper writes them on the socket, so a `oneshot` answer has neither)
//! `<date>` and `<n>`. Everything else must be equal, up to the `...` elisions of
//! tests/support/elision.rs: a field that disappears, an outcome or a status that changes, a
//! message reworded, each fails. The first `decision_id` and `request_hash` of an answer are bound
//! to the documented ones, and a later command naming a documented value sends the real one. The
//! service signs a checkpoint every second while decisions arrive; the examples are read as if a
//! second passed between them, so a checkpoint is signed before each when records are uncovered.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;
#[path = "../../../tests/support/elision.rs"]
mod elision;
use elision::Example;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use juris_server::auth::{Tokens, hash_token};
use juris_server::journal::DecisionLog;
use juris_server::log::note::LogKey;
use juris_server::store::LogLocation;
use juris_server::{AppState, Config, ENDPOINTS};
use tower::ServiceExt;

/// The origin `juris serve` signs checkpoints with by default.
const ORIGIN: &str = "juris.local/decision-log";

/// The shell variables the examples name tokens by, each token's role, and the token.
const TOKENS: &[(&str, &str, &str)] = &[("ADMIN_TOKEN", "admin", "docs-admin-token"), ("READER_TOKEN", "log-read", "docs-reader-token")];

/// Keys whose first value in an answer stands for the documented one in later commands.
const BOUND: &[&str] = &["decision_id", "request_hash"];

/// One request as curl would send it, and how it prints the answer.
#[derive(Debug)]
struct Curl {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// `-i`: the status line and the headers before the body.
    include: bool,
    /// `> FILE`: nothing printed.
    discard: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// README.md and every docs/*.md, with their names.
fn doc_files() -> Vec<(String, String)> {
    let root = root();
    let mut files = vec![("README.md".to_owned(), std::fs::read_to_string(root.join("README.md")).unwrap())];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    for doc in docs.into_iter().filter(|d| d.extension().is_some_and(|e| e == "md")) {
        let name = format!("docs/{}", doc.file_name().unwrap().to_string_lossy());
        files.push((name, std::fs::read_to_string(&doc).unwrap()));
    }
    files
}

/// The `$ curl ...` examples of a file, in order.
fn examples(text: &str, file: &str) -> Vec<Example> {
    elision::examples(text, file, |command| command.starts_with("curl "))
}

/// Splits a command into words as `sh` does for the quoting the docs use: `'...'`, `"..."` with
/// `\` escapes, and `$NAME` for the tokens of [`TOKENS`].
fn words(command: &str) -> Result<Vec<String>, String> {
    fn variable(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<&'static str, String> {
        let mut name = String::new();
        while let Some(&c) = chars.peek().filter(|c| c.is_ascii_alphanumeric() || **c == '_') {
            name.push(c);
            chars.next();
        }
        TOKENS.iter().find(|(n, ..)| *n == name).map(|(.., token)| *token).ok_or_else(|| format!("unknown shell variable `${name}`"))
    }
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("a `'` is not closed".into()),
                    }
                }
            }
            '"' => {
                word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => word.as_mut().unwrap().extend(chars.next()),
                        Some('$') => {
                            let value = variable(&mut chars)?;
                            word.as_mut().unwrap().push_str(value);
                        }
                        Some(c) => word.as_mut().unwrap().push(c),
                        None => return Err("a `\"` is not closed".into()),
                    }
                }
            }
            '$' => {
                let value = variable(&mut chars)?;
                word.get_or_insert_with(String::new).push_str(value);
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// Reads a curl command line; an option the docs should not need is an error.
fn curl(command: &str) -> Result<Curl, String> {
    let words = words(command)?;
    let mut words = words.iter().map(String::as_str);
    if words.next() != Some("curl") {
        return Err("not a curl command".into());
    }
    let (mut method, mut url, mut data) = (None, None, None);
    let (mut headers, mut include, mut discard) = (Vec::new(), false, false);
    while let Some(word) = words.next() {
        let mut value = || words.next().ok_or_else(|| format!("`{word}` needs a value"));
        match word {
            "-s" | "--silent" => {}
            "-i" | "--include" | "-si" | "-is" => include = true,
            "-X" | "--request" => method = Some(value()?.to_owned()),
            "-H" | "--header" => {
                let line = value()?;
                let (name, value) = line.split_once(':').ok_or_else(|| format!("header `{line}` has no `:`"))?;
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
            // INVARIANT: as curl does, `-d @FILE` drops the file's line breaks; `--data-binary` keeps them.
            "-d" | "--data" | "--data-binary" => {
                let text = value()?;
                let bytes = match text.strip_prefix('@') {
                    Some(file) => std::fs::read(root().join(file)).map_err(|e| format!("`{file}`: {e}"))?,
                    None => text.as_bytes().to_vec(),
                };
                data =
                    Some(if word == "--data-binary" { bytes } else { bytes.into_iter().filter(|b| *b != b'\n' && *b != b'\r').collect() });
            }
            ">" => {
                value()?;
                discard = true;
            }
            w if w.starts_with('>') => discard = true,
            w if w.starts_with('-') => return Err(format!("the checker does not know the curl option `{w}`")),
            w => url = Some(w),
        }
    }
    let url = url.ok_or("no URL")?;
    let address = url.strip_prefix("http://").unwrap_or(url);
    let at = address.find('/').unwrap_or(address.len());
    if !matches!(&address[..at], "localhost:8080" | "127.0.0.1:8080") {
        return Err(format!("`{url}` is not the service on loopback port 8080"));
    }
    let target = if at == address.len() { "/".to_owned() } else { address[at..].to_owned() };
    if data.is_some() && !headers.iter().any(|(name, _)| name == "content-type") {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    let method = method.unwrap_or_else(|| if data.is_some() { "POST" } else { "GET" }.to_owned());
    Ok(Curl { method, target, headers, body: data.unwrap_or_default(), include, discard })
}

/// A service as `juris serve` starts it with no arguments, over a log in `dir`, with one token
/// per role of [`TOKENS`].
fn service(dir: &Path) -> (Router, AppState) {
    let sources = common::read_corpus(&common::corpus_dir()).unwrap();
    let corpus = juris_server::Served::load(&sources).expect("the shipped corpus loads");
    let key = LogKey::from_seed(ORIGIN, [7; 32]).unwrap();
    let log = DecisionLog::open(LogLocation::Sqlite(dir.join("juris-log.sqlite")), &key, ORIGIN).unwrap();
    let corpus_dir = common::corpus_dir();
    let loader: juris_server::CorpusLoader = std::sync::Arc::new(move || common::read_corpus(&corpus_dir));
    let tokens: String = TOKENS.iter().map(|(_, role, token)| format!("{role} {}\n", hash_token(token))).collect();
    let state = AppState::new(corpus, Some(loader), Some(log), Tokens::parse(&tokens).unwrap(), Config::default());
    (juris_server::app(state.clone()), state)
}

/// What curl prints for the request's answer.
async fn answer(app: &Router, curl: &Curl) -> String {
    let mut request = Request::builder().method(curl.method.as_str()).uri(curl.target.as_str());
    for (name, value) in &curl.headers {
        request = request.header(name, value);
    }
    let response = app.clone().oneshot(request.body(Body::from(curl.body.clone())).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if curl.discard {
        return String::new();
    }
    let mut out = String::new();
    if curl.include {
        out.push_str(&format!("HTTP/1.1 {} {}\n", status.as_u16(), status.canonical_reason().unwrap_or_default()));
        for (name, value) in &headers {
            out.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
        }
        if !headers.contains_key(header::CONTENT_LENGTH) {
            out.push_str(&format!("content-length: {}\n", bytes.len()));
        }
        out.push_str("date: <date>\n\n");
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// A line with each value that differs from run to run replaced by its shape's name.
fn normalize(line: &str) -> String {
    if line.strip_prefix("date: ").is_some_and(is_http_date) {
        return "date: <date>".into();
    }
    if line.strip_prefix("content-length: ").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return "content-length: <n>".into();
    }
    words_by_shape(&log_indexes(&timestamps(line)))
}

/// `Wed, 02 Dec 2026 02:21:23 GMT`.
fn is_http_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split(' ').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let letters = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_alphabetic());
    matches!(parts.as_slice(), [day, date, month, year, time, "GMT"]
        if day.strip_suffix(',').is_some_and(|d| letters(d, 3)) && digits(date, 2) && letters(month, 3) && digits(year, 4)
            && time.len() == 8 && time.split(':').all(|t| digits(t, 2)))
}

/// RFC 3339 timestamps in UTC (`2026-12-02T05:00:14.123Z`) become `<timestamp>`.
fn timestamps(line: &str) -> String {
    let bytes = line.as_bytes();
    let shape = b"0000-00-00T00:00:00";
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let fits = bytes.len() - i >= shape.len()
            && shape.iter().zip(&bytes[i..]).all(|(s, b)| if *s == b'0' { b.is_ascii_digit() } else { s == b });
        if fits {
            let mut end = i + shape.len();
            if bytes.get(end) == Some(&b'.') {
                end += 1;
                while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
            }
            if bytes.get(end) == Some(&b'Z') {
                out.push_str("<timestamp>");
                i = end + 1;
                continue;
            }
        }
        let c = line[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The number after `"log_index":` becomes `<n>`.
fn log_indexes(line: &str) -> String {
    let key = "\"log_index\":";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(key) {
        out.push_str(&rest[..at + key.len()]);
        rest = &rest[at + key.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push_str("<n>");
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Words of base64 letters (`A-Za-z0-9+/`, then any `=`): 32 or 64 lowercase hex digits become
/// `<hex32>` or `<hex64>`, and one of 40 characters or more with a digit, a capital, `+` or `/`
/// `<base64>`.
fn words_by_shape(line: &str) -> String {
    let is_letter = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/';
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if !is_letter(c) {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let mut end = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
        let letters = &rest[..end];
        end += rest[end..].bytes().take_while(|b| *b == b'=').count();
        let hex = letters.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let shape = match letters.len() {
            32 if hex => "<hex32>",
            64 if hex => "<hex64>",
            // A random base64 text of 40 or more characters lacks a digit (or an uppercase
            // letter) now and then, but never all of digits, uppercase letters, `+` and `/`.
            n if n >= 40 && letters.bytes().any(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'+' || b == b'/') => "<base64>",
            _ => &rest[..end],
        };
        out.push_str(shape);
        rest = &rest[end..];
    }
    out
}

/// The first `"key":"VALUE"` of a text, unless its value is elided.
fn first_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let start = format!("\"{key}\":\"");
    let at = text.find(&start)? + start.len();
    let value = &text[at..at + text[at..].find('"')?];
    (!value.contains("...")).then_some(value)
}

/// Whether a router path (`/v1/corpus/rules/{*id}`) matches a request path.
fn routes_to(route: &str, path: &str) -> bool {
    let path: Vec<&str> = path.split('/').collect();
    let route: Vec<&str> = route.split('/').collect();
    for (i, segment) in route.iter().enumerate() {
        let Some(given) = path.get(i) else { return false };
        if segment.starts_with("{*") {
            return !given.is_empty();
        }
        let fits = if segment.starts_with('{') { !given.is_empty() } else { segment == given };
        if !fits {
            return false;
        }
    }
    path.len() == route.len()
}

#[tokio::test]
async fn every_curl_example_in_the_docs_answers_what_it_shows() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, text) in doc_files() {
        let examples = examples(&text, &file);
        if examples.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let (app, state) = service(dir.path());
        let mut bound: BTreeMap<String, String> = BTreeMap::new();
        for example in examples {
            count += 1;
            let log = state.log().unwrap();
            if log.size() > log.signed_size() {
                log.sign().await.unwrap();
            }
            let command = bound.iter().fold(example.command.clone(), |command, (documented, real)| command.replace(documented, real));
            let request = match curl(&command) {
                Ok(request) => request,
                Err(why) => {
                    failures.push(format!("{}:{}: `$ {}`: {why}", example.file, example.line, example.command));
                    continue;
                }
            };
            let actual = answer(&app, &request).await;
            let documented = example.expected.join("\n");
            for key in BOUND {
                if let (Some(documented), Some(real)) = (first_value(&documented, key), first_value(&actual, key)) {
                    bound.insert(documented.to_owned(), real.to_owned());
                }
            }
            let expected: Vec<String> = example.expected.iter().map(|l| normalize(l)).collect();
            let lines: Vec<String> = actual.lines().map(normalize).collect();
            if !elision::matches(&expected, &lines) {
                failures.push(format!(
                    "{}:{}: `$ {}`\n--- the docs show\n{documented}\n--- the service answers\n{}",
                    example.file,
                    example.line,
                    example.command,
                    actual.trim_end()
                ));
            }
        }
    }
    assert!(count >= 20, "only {count} curl examples found: is the parser still reading the docs?");
    assert!(failures.is_empty(), "{} of {count} curl examples differ:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn every_endpoint_has_an_example_in_docs_api_md() {
    let text = std::fs::read_to_string(root().join("docs/api.md")).unwrap();
    let requests: Vec<Curl> = examples(&text, "docs/api.md").iter().filter_map(|e| curl(&e.command).ok()).collect();
    let missing: Vec<String> = ENDPOINTS
        .iter()
        .filter(|endpoint| {
            !requests.iter().any(|r| {
                let path = r.target.split('?').next().unwrap_or_default();
                r.method.eq_ignore_ascii_case(endpoint.method) && routes_to(endpoint.route, path)
            })
        })
        .map(|endpoint| format!("{} {}", endpoint.method.to_uppercase(), endpoint.path))
        .collect();
    assert!(missing.is_empty(), "docs/api.md has no curl example of: {}", missing.join(", "));
    let silent: Vec<&str> = requests.iter().filter(|r| !r.include && !r.discard).map(|r| r.target.as_str()).collect();
    assert!(silent.is_empty(), "these examples of docs/api.md hide their status (use `curl -si`): {}", silent.join(", "));
}

#[test]
fn values_that_differ_per_run_are_matched_by_shape_and_nothing_else_is() {
    let id = "19fa55ad25f6d3e19e6e65dd7288e310";
    let line = format!(r#"{{"decided_at":"2026-12-02T05:00:14.123Z","decision_id":"{id}","log_index":12,"as_of":"2019-08-13"}}"#);
    assert_eq!(normalize(&line), r#"{"decided_at":"<timestamp>","decision_id":"<hex32>","log_index":<n>,"as_of":"2019-08-13"}"#);
    assert_eq!(normalize(&format!("sha256:{id}{id}")), "sha256:<hex64>");
    // One hex digit short is not an identifier, and capitals are not hex.
    assert_eq!(normalize(&id[1..]), id[1..]);
    assert_eq!(normalize(&id.to_uppercase()), id.to_uppercase());
    assert_eq!(normalize("P8D3uCbfLw7HsG2PT7BwrzoX9UALWFmPjxsOBahsEek="), "<base64>");
    // Random base64 without a digit (one in about 1,700 roots or signatures) is still base64.
    assert_eq!(normalize("PxDauCbfLwaHsGbPTaBwrzoXpUALWFmPjxsOBahsEek="), "<base64>");
    assert_eq!(
        normalize("the law of us-md-montgomery/docr-detainer-memo-2014#no-holds"),
        "the law of us-md-montgomery/docr-detainer-memo-2014#no-holds"
    );
    assert_eq!(normalize("date: Wed, 02 Dec 2026 02:21:23 GMT"), "date: <date>");
    assert_eq!(normalize("date: yesterday"), "date: yesterday");
    assert_eq!(normalize("content-length: 9293"), "content-length: <n>");
    let expected = vec![normalize(r#"{"outcome":"prohibited",...,"decision_id":"00000000000000000000000000000000","log_index":0}"#)];
    assert!(elision::matches(&expected, &[normalize(&format!(r#"{{"outcome":"prohibited","x":1,"decision_id":"{id}","log_index":7}}"#))]));
    assert!(!elision::matches(&expected, &[normalize(&format!(r#"{{"outcome":"permitted","x":1,"decision_id":"{id}","log_index":7}}"#))]));
    assert!(!elision::matches(&expected, &[normalize(r#"{"outcome":"prohibited","x":1,"log_index":7}"#)]));
}

#[test]
fn curl_commands_are_read_as_the_shell_and_curl_read_them() {
    let request =
        curl(r#"curl -si -X POST localhost:8080/v1/admin/reload -H "authorization: Bearer $ADMIN_TOKEN" -d '{"a": "b c"}'"#).unwrap();
    assert_eq!((request.method.as_str(), request.target.as_str(), request.include), ("POST", "/v1/admin/reload", true));
    assert_eq!(request.headers[0], ("authorization".to_owned(), "Bearer docs-admin-token".to_owned()));
    assert_eq!(request.headers[1], ("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned()));
    assert_eq!(request.body, br#"{"a": "b c"}"#);
    assert_eq!(curl("curl -s localhost:8080/health").unwrap().method, "GET");
    assert!(curl("curl -s localhost:9090/health").is_err());
    assert!(curl("curl --compressed localhost:8080/health").is_err());
    assert!(curl("curl -H \"authorization: Bearer $NOBODY\" localhost:8080/health").is_err());
    assert!(routes_to("/v1/corpus/rules/{*id}", "/v1/corpus/rules/us/8-usc-1373%23status-information"));
    assert!(routes_to("/v1/log/proof/{index}", "/v1/log/proof/0"));
    assert!(!routes_to("/v1/log/proof/{index}", "/v1/log/proof"));
    assert!(!routes_to("/health", "/health/ready"));
}
