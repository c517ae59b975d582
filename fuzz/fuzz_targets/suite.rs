//! Fuzz target: scenario suites. Any text parses to scenarios or one located diagnostic, and every
//! scenario parsed runs against the shipped corpus without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = "us/fuzz.scenarios.toml";
    match juris::scenario::parse_suite(path, text) {
        Ok(scenarios) => {
            let corpus = juris_fuzz::shipped();
            let runs: Vec<_> = scenarios.iter().map(|s| corpus.run_scenario(s)).collect();
            let _ = corpus.unexercised(&runs);
        }
        Err(d) => {
            let sources = [juris::Source::new(path, text)];
            let _ = d.short(&sources);
        }
    }
});
