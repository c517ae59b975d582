//! Finding the corpus: a folder given with `--corpus`, or the one embedded at build time.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use include_dir::{Dir, include_dir};
use juris::{Corpus, Diagnostic, Source};

/// The corpus shipped in the repository, embedded in the binary.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../corpus");

/// The `--corpus` option shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusArgs {
    /// The corpus folder (vocabulary.toml and one folder per jurisdiction); default: the shipped corpus.
    #[arg(long, value_name = "DIR", global = true)]
    pub corpus: Option<PathBuf>,
}

/// Every file of a corpus, with paths relative to its root, in path order.
pub fn sources(args: &CorpusArgs) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    match &args.corpus {
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!("`{}` is not a folder (expected a corpus folder holding vocabulary.toml)", dir.display());
            }
            read_dir(dir, dir, &mut out)?;
        }
        None => embedded(&EMBEDDED, &mut out),
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn relevant(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".toml")
}

fn read_dir(root: &Path, dir: &Path, out: &mut Vec<Source>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(root, &path, out)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if relevant(&relative) {
                let text = std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))?;
                out.push(Source::new(relative, text));
            }
        }
    }
    Ok(())
}

fn embedded(dir: &Dir<'_>, out: &mut Vec<Source>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let (true, Some(text)) = (relevant(&path), file.contents_utf8()) {
            out.push(Source::new(path, text));
        }
    }
    for sub in dir.dirs() {
        embedded(sub, out);
    }
}

/// Where the corpus came from, for messages.
pub fn describe(args: &CorpusArgs) -> String {
    args.corpus.as_ref().map_or_else(|| "the shipped corpus".to_owned(), |d| format!("`{}`", d.display()))
}

/// Loads the corpus, printing diagnostics to stderr; `None` when it has errors.
pub fn load(args: &CorpusArgs) -> Result<(Option<Corpus>, Vec<Source>, Vec<Diagnostic>)> {
    let sources = sources(args)?;
    let loaded = juris::load(&sources);
    Ok((loaded.corpus, sources, loaded.diagnostics))
}

/// Loads the corpus for a command that needs it whole: errors are printed and end the command.
pub fn require(args: &CorpusArgs) -> Result<std::result::Result<(Corpus, Vec<Source>), u8>> {
    let (corpus, sources, diagnostics) = load(args)?;
    match corpus {
        Some(c) => Ok(Ok((c, sources))),
        None => {
            for d in diagnostics.iter().filter(|d| d.is_error()) {
                eprintln!("{:?}", d.to_report(&sources));
            }
            eprintln!("error: {} has errors; run `juris check` for details", describe(args));
            Ok(Err(crate::exit::FAILED))
        }
    }
}
