//! Differential fuzz target: the compiled evaluator against the reference interpreter.
//!
//! Half the inputs decide generated requests against the shipped corpus; the other half first
//! generate a small corpus (a few documents and rules over one jurisdiction stack, with
//! exceptions, overrides, unsettled rules and dated boundaries) and decide requests against it.
//! On requests with every fact given, `Corpus::decide` must agree with the reference interpreter;
//! on any request, `Corpus::outcome` must agree with `Corpus::decide`.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fn check(u: &mut Unstructured<'_>, corpus: &juris::Corpus) -> arbitrary::Result<()> {
    for _ in 0..u.int_in_range(1..=8)? {
        let complete = u.ratio(3, 4)?;
        let Some(request) = juris_fuzz::generate::request(u, corpus, complete)? else { continue };
        let decision = corpus.decide(&request);
        assert_eq!(corpus.outcome(&request), decision.outcome, "Corpus::outcome disagrees with Corpus::decide on {request:?}");
        if complete {
            let expected = juris::internals::reference(corpus, &request);
            assert_eq!(decision.outcome, expected, "Corpus::decide disagrees with the reference on {request:?}");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(generated) = u.arbitrary::<bool>() else { return };
    if !generated {
        let _ = check(&mut u, juris_fuzz::shipped());
        return;
    }
    let Ok(files) = juris_fuzz::generate::corpus(&mut u) else { return };
    let mut sources = vec![juris_fuzz::vocabulary().clone()];
    sources.extend(files.into_iter().map(|(path, text)| juris::Source::new(path, text)));
    // A generated corpus may be rejected (an exception to a rule of another action, an override
    // of a document in the wrong place); only the ones that load are compared.
    if let Some(corpus) = juris::load(&sources).corpus {
        let _ = check(&mut u, &corpus);
    }
});
