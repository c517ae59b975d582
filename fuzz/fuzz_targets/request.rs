//! Fuzz target: the request decoder. Any bytes decode to a request or an error naming a field;
//! and the two decoders agree: whenever the direct one (`Corpus::request_seed`) accepts a
//! request, resolving it by name (`RawRequest` then `Corpus::resolve`) gives the same request.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let corpus = juris_fuzz::shipped();
    let mut de = serde_json::Deserializer::from_slice(data);
    let direct = serde::de::DeserializeSeed::deserialize(corpus.request_seed(), &mut de).ok().filter(|_| de.end().is_ok());
    let named = serde_json::from_slice::<juris::RawRequest>(data).map_err(|e| e.to_string()).and_then(|raw| {
        corpus.resolve(&raw).map_err(|e| {
            assert!(!e.field.is_empty(), "an error names no field: {e}");
            e.to_string()
        })
    });
    if let Some(request) = &direct {
        match &named {
            Ok(resolved) => assert_eq!(request, resolved, "the two decoders disagree"),
            Err(e) => panic!("the direct decoder accepted a request that resolving by name rejects: {e}"),
        }
        let decision = corpus.decide(request);
        assert_eq!(corpus.outcome(request), decision.outcome, "Corpus::outcome disagrees with Corpus::decide");
        let _ = corpus.view(&decision);
    }
});
