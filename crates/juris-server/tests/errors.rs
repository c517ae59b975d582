//! The service's own errors through its router, without a socket: the English words are the ones
//! the service has always sent, `Accept-Language: es` words them in Spanish, and the status, the
//! headers, the code and the field do not depend on the language.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use juris_server::Config;
use serde_json::{Value, json};

/// One request that the service refuses, rebuilt for each language.
type Make = fn() -> Request<Body>;

fn with_language(mut request: Request<Body>, language: Option<&str>) -> Request<Body> {
    if let Some(language) = language {
        request.headers_mut().insert("accept-language", language.parse().unwrap());
    }
    request
}

fn json_post(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri).header("content-type", "application/json").body(Body::from(body.to_owned())).unwrap()
}

/// No message or hint shows a catalog key instead of words.
fn assert_worded(error: &Value) {
    for part in ["message", "hint"] {
        if let Some(text) = error[part].as_str() {
            assert!(!text.contains("server-"), "a key shows through in {error}");
        }
    }
}

#[tokio::test]
async fn the_services_own_errors_keep_their_english_and_are_worded_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let cases: Vec<(Make, StatusCode, &str, &str, &str)> = vec![
        (
            || Request::get("/v1/nowhere").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
            "no endpoint `/v1/nowhere`",
            "no existe el punto de acceso `/v1/nowhere`",
        ),
        (
            || Request::post("/v1/decide").header("content-type", "text/plain").body(Body::from("{}")).unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "the body must be JSON, but was sent with `text/plain`",
            "el cuerpo debe ser JSON, pero se envió con `text/plain`",
        ),
        (
            || Request::post("/v1/decide").body(Body::from("{}")).unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "the body must be JSON, but was sent with no content type",
            "el cuerpo debe ser JSON, pero se envió sin tipo de contenido",
        ),
        (
            || json_post("/v1/decide", r#"{"facts": {"warrant": "none", "warrant": "judicial"}}"#),
            StatusCode::BAD_REQUEST,
            "bad_request",
            "the key `facts.warrant` is written twice",
            "la clave `facts.warrant` está escrita dos veces",
        ),
        (
            || json_post("/v1/decide", r#"{"requests": []}"#),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "a batch holds 1 to 1000 requests; this one holds 0",
            "un lote contiene de 1 a 1000 solicitudes; este contiene 0",
        ),
        (
            || json_post("/v1/decide", r#"{"requests": {}}"#),
            StatusCode::BAD_REQUEST,
            "bad_request",
            "`requests` must be a list of requests",
            "`requests` debe ser una lista de solicitudes",
        ),
        (
            || json_post("/v1/decide", "[1]"),
            StatusCode::BAD_REQUEST,
            "bad_request",
            "the body must be a JSON object: one request, or {\"requests\": [...]}",
            "el cuerpo debe ser un objeto JSON: una solicitud, o {\"requests\": [...]}",
        ),
        (
            || Request::post("/v1/admin/reload").body(Body::empty()).unwrap(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this needs a token with the `admin` role",
            "esto requiere un token con el rol `admin`",
        ),
        (
            || Request::post("/v1/admin/reload").header("authorization", format!("Bearer {READER}")).body(Body::empty()).unwrap(),
            StatusCode::FORBIDDEN,
            "forbidden",
            "the token's role `log-read` does not allow this; it needs `admin`",
            "el rol `log-read` del token no permite esto; se necesita `admin`",
        ),
        (
            || get("/v1/corpus/rules/no-such-rule", None),
            StatusCode::NOT_FOUND,
            "not_found",
            "no rule `no-such-rule` in this corpus",
            "no hay ninguna norma `no-such-rule` en este corpus",
        ),
        (
            || get("/v1/log/proof/seven", None),
            StatusCode::BAD_REQUEST,
            "bad_request",
            "`seven` is not a record index",
            "`seven` no es un índice de entrada del registro",
        ),
        (
            || get("/v1/log/proof/7", None),
            StatusCode::NOT_FOUND,
            "not_found",
            "index 7 is not in the log (0 records)",
            "el índice 7 no está en el registro (0 entradas)",
        ),
        (
            || get("/v1/log/consistency?from=0&to=3", None),
            StatusCode::NOT_FOUND,
            "not_found",
            "tree size 3 is larger than the log (0 records)",
            "el tamaño de árbol 3 es mayor que el registro (0 entradas)",
        ),
    ];
    for (make, status, code, english, spanish) in cases {
        let (en_status, en_headers, en_body) = send(&app, make()).await;
        let (es_status, es_headers, es_body) = send(&app, with_language(make(), Some("es-MX,es;q=0.9"))).await;
        let (en, es) = (error_of(&en_body, code), error_of(&es_body, code));
        assert_eq!((en_status, es_status), (status, status), "{en_body} / {es_body}");
        assert_eq!(en["message"], english, "{en_body}");
        assert_eq!(es["message"], spanish, "{es_body}");
        assert_eq!(en["field"], es["field"]);
        assert_eq!(en["hint"].is_null(), es["hint"].is_null(), "{en_body} / {es_body}");
        if let (Some(en_hint), Some(es_hint)) = (en["hint"].as_str(), es["hint"].as_str()) {
            assert_ne!(en_hint, es_hint, "the Spanish hint is the English one");
        }
        assert_worded(&en);
        assert_worded(&es);
        assert_eq!(en_headers.get("www-authenticate"), es_headers.get("www-authenticate"));
        // A language the catalog does not have, or none at all, gets the same English.
        let (_, _, other) = send(&app, with_language(make(), Some("fr"))).await;
        assert_eq!(other, en_body);
    }
}

#[tokio::test]
async fn hints_are_worded_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let request = || json_post("/v1/decide", r#"{"jurisdiction": "us-md", "facts": {"a": 1, "a": 2}}"#);
    let (_, _, en) = send(&app, request()).await;
    let (_, _, es) = send(&app, with_language(request(), Some("es"))).await;
    assert_eq!(error_of(&en, "bad_request")["hint"], "write each key once");
    assert_eq!(error_of(&es, "bad_request")["hint"], "escriba cada clave una sola vez");
    let request = || Request::get("/v1/nowhere").body(Body::empty()).unwrap();
    let (_, _, en) = send(&app, request()).await;
    let (_, _, es) = send(&app, with_language(request(), Some("es"))).await;
    assert_eq!(error_of(&en, "not_found")["hint"], "the endpoints are listed at /openapi.json");
    assert_eq!(error_of(&es, "not_found")["hint"], "los puntos de acceso se enumeran en /openapi.json");
}

/// A request of a batch that is not an object is refused inside the batch's answer, which is not
/// an error answer: it is worded in the reader's language all the same.
#[tokio::test]
async fn an_error_inside_a_batch_is_worded_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let batch = json!({ "requests": [example(), 5] });
    let (status, _, en) = send(&app, post_json("/v1/decide", &batch)).await;
    assert_eq!(status, StatusCode::OK, "{en}");
    let (_, _, es) = send(&app, with_language(post_json("/v1/decide", &batch), Some("es"))).await;
    let error = |body: &Value| body["decisions"][1]["error"].clone();
    assert_eq!(error(&en)["message"], "a request must be a JSON object");
    assert_eq!(error(&es)["message"], "una solicitud debe ser un objeto JSON");
    assert_eq!((&error(&en)["request"], &error(&es)["request"]), (&json!(2), &json!(2)));
    assert!(es["decisions"][0]["outcome"].is_string(), "{es}");
}
