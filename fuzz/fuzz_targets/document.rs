//! Fuzz target: the policy-document parser with its front matter, through the whole load (split
//! the Markdown, parse the TOML front matter and the `juris` blocks, check, compile, and the lints
//! `juris check` runs). Any input must give diagnostics or a corpus, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sources = [juris_fuzz::vocabulary().clone(), juris::Source::new("us/fuzz.md", text)];
    let loaded = juris::check(&sources);
    // Every diagnostic renders, short and with its excerpt.
    for d in &loaded.diagnostics {
        let _ = d.short(&sources);
        let _ = format!("{:?}", d.to_report(&sources));
    }
    if let Some(corpus) = loaded.corpus {
        assert!(loaded.diagnostics.iter().all(|d| !d.is_error()), "a corpus was built despite an error");
        for doc in corpus.documents() {
            let _ = corpus.print_document(doc);
        }
    }
});
