//! Fuzz target: the situations file (`situations.toml`) that `juris compare` and `juris timeline`
//! read, checked against the shipped corpus. A file that parses yields situations whose facts
//! resolve as requests.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let corpus = juris_fuzz::shipped();
    match juris::analysis::Situations::parse("situations.toml", text, corpus) {
        Ok(situations) => {
            for id in situations.ids() {
                assert!(situations.get(&id).is_some(), "listed situation `{id}` is missing");
            }
        }
        Err(d) => {
            let _ = d.short(&[juris::Source::new("situations.toml", text)]);
        }
    }
});
