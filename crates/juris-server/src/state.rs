//! The state every handler shares: the corpus now serving (swapped atomically on reload), the
//! decision log, the tokens, the settings and the counters.

use std::sync::{Arc, PoisonError, RwLock};

use juris::analysis::{SITUATIONS_FILE, Situations};
use juris::{Corpus, Source};

use crate::auth::Tokens;
use crate::config::Config;
use crate::journal::DecisionLog;
use crate::metrics::Metrics;

/// Reads the corpus files again, for reloads; the CLI supplies it.
pub type CorpusLoader = Arc<dyn Fn() -> Result<Vec<Source>, String> + Send + Sync>;

/// The engine's name and version, as records and headers give it.
pub const ENGINE: &str = concat!("juris ", env!("CARGO_PKG_VERSION"));

/// A corpus as served: the compiled law and its standard situations (for compare and timeline).
#[derive(Debug)]
pub struct Served {
    pub corpus: Corpus,
    pub situations: Option<Situations>,
}

impl std::ops::Deref for Served {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.corpus
    }
}

impl Served {
    /// Loads a corpus from its files; `Err` names the first error when it has any.
    pub fn load(sources: &[Source]) -> Result<Served, ReloadError> {
        let loaded = juris::load(sources);
        let Some(corpus) = loaded.corpus else {
            let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
            let first = errors.first().map_or_else(String::new, |d| format!("{}: {d}", d.path));
            return Err(ReloadError::Invalid { count: errors.len(), first });
        };
        let situations = match sources.iter().find(|s| s.path == SITUATIONS_FILE) {
            None => None,
            Some(s) => Some(
                Situations::parse(&s.path, &s.text, &corpus)
                    .map_err(|d| ReloadError::Invalid { count: 1, first: format!("{}: {d}", d.path) })?,
            ),
        };
        Ok(Served { corpus, situations })
    }
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    page: Option<crate::page::PageState>,
}

/// Answers already computed for the corpus serving now, by language and request hash, weighed by
/// their bytes.
pub type AnswerCache = quick_cache::sync::Cache<(juris_api::Lang, Arc<str>), Arc<crate::routes::decide::Answer>, AnswerWeight>;

/// An answer's weight in the cache: about the bytes it holds.
#[derive(Debug, Clone, Copy)]
pub struct AnswerWeight;

impl quick_cache::Weighter<(juris_api::Lang, Arc<str>), Arc<crate::routes::decide::Answer>> for AnswerWeight {
    fn weight(&self, key: &(juris_api::Lang, Arc<str>), answer: &Arc<crate::routes::decide::Answer>) -> u64 {
        (key.1.len() + answer.size()) as u64
    }
}

/// An empty cache of answers holding up to `bytes` (an estimate of 8 KB per answer sizes its table).
fn answer_cache(bytes: u64) -> AnswerCache {
    let bytes = bytes.max(1);
    AnswerCache::with_weighter(usize::try_from(bytes / 8192).unwrap_or(usize::MAX).max(16), bytes, AnswerWeight)
}

struct Inner {
    /// The corpus serving now and the answers computed with it: swapped together.
    corpus: RwLock<(Arc<Served>, Arc<AnswerCache>)>,
    loader: Option<CorpusLoader>,
    log: Option<Arc<DecisionLog>>,
    tokens: Tokens,
    config: Config,
    metrics: Metrics,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("log", &self.inner.log).finish_non_exhaustive()
    }
}

/// Why a corpus could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReloadError {
    #[error("this service was started without a way to read its corpus again")]
    NoLoader,
    #[error("the corpus could not be read: {0}")]
    Unreadable(String),
    #[error("the corpus has {count} error(s), the first: {first}; the old corpus keeps serving")]
    Invalid { count: usize, first: String },
}

impl AppState {
    /// A state serving `corpus`; `log` is `None` only when logging was turned off.
    pub fn new(corpus: Served, loader: Option<CorpusLoader>, log: Option<DecisionLog>, tokens: Tokens, config: Config) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                corpus: RwLock::new((Arc::new(corpus), Arc::new(answer_cache(config.decision_cache_bytes)))),
                loader,
                log: log.map(Arc::new),
                tokens,
                config,
                metrics: Metrics::default(),
            }),
            page: None,
        }
    }

    /// The same state serving the public page too.
    pub fn with_page(self, page: crate::page::PageState) -> AppState {
        AppState { page: Some(page), ..self }
    }

    /// The public page's state, when it is served.
    pub fn page(&self) -> Option<&crate::page::PageState> {
        self.page.as_ref()
    }

    /// The corpus serving now; a request holds it until it is answered.
    pub fn corpus(&self) -> Arc<Served> {
        self.inner.corpus.read().unwrap_or_else(PoisonError::into_inner).0.clone()
    }

    /// The corpus serving now with the answers computed with it (`None` when answers are not
    /// kept).
    pub fn serving(&self) -> (Arc<Served>, Option<Arc<AnswerCache>>) {
        let (corpus, answers) = self.inner.corpus.read().unwrap_or_else(PoisonError::into_inner).clone();
        (corpus, (self.inner.config.decision_cache_bytes > 0).then_some(answers))
    }

    pub fn log(&self) -> Option<&DecisionLog> {
        self.inner.log.as_deref()
    }

    /// A shared handle on the log, for tasks that outlive a request (the checkpoint signer).
    pub fn log_handle(&self) -> Option<Arc<DecisionLog>> {
        self.inner.log.clone()
    }

    pub fn tokens(&self) -> &Tokens {
        &self.inner.tokens
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Loads the corpus again and swaps it in when it has no error; returns the new hash.
    pub fn reload(&self) -> Result<String, ReloadError> {
        let loader = self.inner.loader.as_ref().ok_or(ReloadError::NoLoader)?;
        let sources = loader().map_err(ReloadError::Unreadable)?;
        let corpus = Served::load(&sources)?;
        let hash = corpus.hash().to_owned();
        let answers = Arc::new(answer_cache(self.inner.config.decision_cache_bytes));
        *self.inner.corpus.write().unwrap_or_else(PoisonError::into_inner) = (Arc::new(corpus), answers);
        tracing::info!(corpus = %hash, "corpus reloaded");
        Ok(hash)
    }
}
