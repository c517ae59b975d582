//! Serves the public page alone on loopback, for the browser tests in web/tests until
//! `juris serve` mounts it: `cargo run -p juris-server --example page -- [--listen ADDR]
//! [--corpus DIR] [--today YYYY-MM-DD]`. It prints `listening on http://ADDR` once bound (port 0
//! picks a free port).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use juris::{Date, Source};
use juris_server::{Law, PageState};

fn read(dir: &Path, root: &Path, out: &mut Vec<Source>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            read(&path, root, out)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))?));
        }
    }
    Ok(())
}

fn today() -> Date {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days(i32::try_from(seconds / 86_400).unwrap_or(0))
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut listen = "127.0.0.1:8080".to_owned();
    let mut corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
    let mut fixed: Option<Date> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().with_context(|| format!("`{arg}` needs a value"))?;
        match arg.as_str() {
            "--listen" => listen = value,
            "--corpus" => corpus = PathBuf::from(value),
            "--today" => {
                fixed = Some(Date::parse(&value).with_context(|| format!("`--today`: `{value}` is not a date; write YYYY-MM-DD"))?)
            }
            other => bail!("unknown option `{other}` (options: --listen ADDR, --corpus DIR, --today YYYY-MM-DD)"),
        }
    }
    let mut sources = Vec::new();
    read(&corpus, &corpus, &mut sources)?;
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let loaded = juris::load(&sources);
    let Some(loaded_corpus) = loaded.corpus else {
        bail!("the corpus in `{}` has errors; run `juris check`", corpus.display());
    };
    let situations = sources.iter().find(|s| s.path == "situations.toml").map(|s| s.text.clone()).unwrap_or_default();
    let law = Law::new(loaded_corpus, &situations).map_err(|d| anyhow::anyhow!("situations.toml: {d}"))?;
    let today: juris_server::page::Today = match fixed {
        Some(date) => Arc::new(move || date),
        None => Arc::new(today),
    };
    let listener = tokio::net::TcpListener::bind(&listen).await.with_context(|| format!("listening on `{listen}`"))?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, juris_server::app(PageState::new(law, today))).await.context("serving")?;
    Ok(())
}
