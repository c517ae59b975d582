//! Finding the corpus: a folder given with `--corpus`, or the one embedded at build time; and
//! walking folders safely (each folder read once, whatever its symlinks, and every unreadable file
//! one located problem among the others).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use include_dir::{Dir, include_dir};
use juris::Span;
use juris::{Corpus, Diagnostic, Source};

/// The corpus shipped in the repository, embedded in the binary.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../corpus");

/// The code of a file that is not UTF-8 (an error: the corpus is not built without it).
pub const NOT_UTF8: juris::Code = juris::Code::E0701;
/// The code of a file that could not be read at all.
pub const UNREADABLE: juris::Code = juris::Code::E0702;
/// The code of a folder reached a second time through a symlink (read once, then skipped).
pub const FOLDER_TWICE: juris::Code = juris::Code::W0701;

/// The `--corpus` option shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusArgs {
    /// The corpus folder (vocabulary.toml and one folder per jurisdiction); default: the shipped corpus.
    #[arg(long, value_name = "DIR", global = true)]
    pub corpus: Option<PathBuf>,
}

/// The files of a folder tree that a walk found, and the problems it met on the way.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every readable file, with its path relative to the root, in path order.
    pub sources: Vec<Source>,
    /// Files that could not be read as text, for rendering their problems (not to be loaded).
    pub unreadable: Vec<Source>,
    pub problems: Vec<Diagnostic>,
}

impl Walk {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// Every source, readable or not, for rendering diagnostics with excerpts.
    pub fn all_sources(&self) -> Vec<Source> {
        self.sources.iter().chain(&self.unreadable).cloned().collect()
    }
}

/// Reads every file under `root` that `wanted` accepts (by relative path). A folder reached again
/// through a symlink (a loop such as `ln -s . loop`, or an alias) is read once and reported once.
pub fn walk(root: &Path, wanted: &dyn Fn(&str) -> bool) -> Walk {
    let mut walk = Walk::default();
    let mut visited = HashSet::new();
    if let Ok(canonical) = root.canonicalize() {
        visited.insert(canonical);
    }
    visit(root, root, wanted, &mut visited, &mut walk);
    walk.sources.sort_by(|a, b| a.path.cmp(&b.path));
    walk
}

/// Reads one file as [`walk`] would, named as given.
pub fn read_one(path: &Path) -> Walk {
    let mut walk = Walk::default();
    read_file(path, path.display().to_string(), &mut walk);
    walk
}

fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
    if relative.is_empty() { path.display().to_string() } else { relative }
}

fn visit(root: &Path, dir: &Path, wanted: &dyn Fn(&str) -> bool, visited: &mut HashSet<PathBuf>, walk: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walk.problems.push(
                Diagnostic::error(UNREADABLE, &relative(root, dir), None, format!("cannot read the folder: {e}"))
                    .with_help("check that it exists and that you may read it"),
            );
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            // INVARIANT: a folder is read at most once, named by its canonical path, so a symlink
            // loop ends after one round and an alias never declares the same documents twice.
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !visited.insert(canonical.clone()) {
                walk.problems.push(
                    Diagnostic::warning(
                        FOLDER_TWICE,
                        &relative(root, &path),
                        None,
                        format!("skipped: this folder is `{}`, already read (a symlink loop or a second name for it)", canonical.display()),
                    )
                    .with_help("remove the symlink, or point it outside the corpus"),
                );
                continue;
            }
            visit(root, &path, wanted, visited, walk);
        } else {
            let name = relative(root, &path);
            if wanted(&name) {
                read_file(&path, name, walk);
            }
        }
    }
}

/// Reads one file: a problem (not UTF-8, unreadable) is recorded and the walk goes on.
fn read_file(path: &Path, name: String, walk: &mut Walk) {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => walk.sources.push(Source::new(name, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                walk.problems.push(
                    Diagnostic::error(NOT_UTF8, &name, Some(Span::new(at, at + 1)), "the file is not UTF-8 text")
                        .with_label("this byte is not UTF-8")
                        .with_help("save the file as UTF-8"),
                );
                walk.unreadable.push(Source::new(name, text));
            }
        },
        Err(e) => walk
            .problems
            .push(Diagnostic::error(UNREADABLE, &name, None, format!("cannot read the file: {e}")).with_help("check that you may read it")),
    }
}

/// Every file of a corpus, with paths relative to its root, in path order.
pub fn sources(args: &CorpusArgs) -> Result<Walk> {
    match &args.corpus {
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!("`--corpus`: `{}` is not a folder (expected a corpus folder holding vocabulary.toml)", dir.display());
            }
            Ok(walk(dir, &relevant))
        }
        None => {
            let mut walk = Walk::default();
            embedded(&EMBEDDED, &mut walk.sources);
            walk.sources.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(walk)
        }
    }
}

/// Every file of a corpus, or an error naming the first file that could not be read as text.
pub fn readable_sources(args: &CorpusArgs) -> Result<Vec<Source>> {
    let walk = sources(args)?;
    match walk.problems.iter().find(|d| d.is_error()) {
        Some(d) => anyhow::bail!("`{}`: {}", d.path, d.message),
        None => Ok(walk.sources),
    }
}

fn relevant(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".toml")
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

/// A loaded corpus: `corpus` is `None` when any file or document has an error.
pub struct Loaded {
    pub corpus: Option<Corpus>,
    /// The corpus files that were loaded.
    pub sources: Vec<Source>,
    /// Every file, including those that could not be read as text, for rendering diagnostics.
    pub rendered: Vec<Source>,
    /// The problems of reading the files, then those of loading them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and lints the corpus, as `juris check` reports it; problems reading a file are
/// diagnostics like the others, and the corpus is not built when any of them is an error.
pub fn load(args: &CorpusArgs) -> Result<Loaded> {
    load_with(args, juris::check)
}

fn load_with(args: &CorpusArgs, load: fn(&[Source]) -> juris::Loaded) -> Result<Loaded> {
    let walk = sources(args)?;
    let loaded = load(&walk.sources);
    let rendered = walk.all_sources();
    let corpus = if walk.has_errors() { None } else { loaded.corpus };
    let mut diagnostics = walk.problems;
    diagnostics.extend(loaded.diagnostics);
    Ok(Loaded { corpus, sources: walk.sources, rendered, diagnostics })
}

/// Loads the corpus for a command that needs it whole: errors are printed and end the command.
/// It is not linted: the lints' warnings are `juris check`'s, and deciding does not need them.
pub fn require(args: &CorpusArgs) -> Result<std::result::Result<(Corpus, Vec<Source>), u8>> {
    let loaded = load_with(args, juris::load)?;
    match loaded.corpus {
        Some(c) => Ok(Ok((c, loaded.sources))),
        None => {
            for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
                crate::stderr!("{:?}", d.to_report(&loaded.rendered));
            }
            crate::stderr!("error: {} has errors; run `juris check` for details", describe(args));
            Ok(Err(crate::exit::FAILED))
        }
    }
}
