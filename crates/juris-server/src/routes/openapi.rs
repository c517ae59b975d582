//! `GET /openapi.json`: the service described in OpenAPI 3.1, generated from [`super::ENDPOINTS`]
//! (the table the router is built from) and the JSON Schemas of `juris-api` (`schemas()`) and of
//! the service's own shapes ([`super::shapes`]), all derived with schemars.
//!
//! Each schema's `$defs` are hoisted into `components/schemas` and its references rewritten to
//! point there, so one definition serves every operation that uses it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::shapes;
use super::{Access, Answer, ENDPOINTS, Endpoint};

/// The document and the names that two different schemas gave to different definitions.
struct Generated {
    document: Value,
    conflicts: Vec<String>,
}

fn generated() -> &'static Generated {
    static DOCUMENT: OnceLock<Generated> = OnceLock::new();
    DOCUMENT.get_or_init(build)
}

/// The document.
pub fn document() -> Value {
    generated().document.clone()
}

/// Definitions that two schemas named alike but defined differently (the document keeps the
/// first); empty when the document is sound.
pub fn conflicts() -> Vec<String> {
    generated().conflicts.clone()
}

fn schema<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

/// Every named schema the document defines at the top of `components/schemas`.
fn named_schemas() -> BTreeMap<String, Value> {
    let mut all: BTreeMap<String, Value> = juris_api::schemas().into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
    let own = [
        ("Error", schema::<shapes::ErrorAnswer>()),
        ("DecideBody", schema::<shapes::DecideBody>()),
        ("DecideAnswer", schema::<shapes::DecideAnswer>()),
        ("Rule", schema::<juris_api::v1::Rule>()),
        ("InclusionAnswer", schema::<shapes::InclusionAnswer>()),
        ("ConsistencyAnswer", schema::<shapes::ConsistencyAnswer>()),
        ("Receipt", schema::<crate::log::receipt::Receipt>()),
        ("Redacted", schema::<shapes::Redacted>()),
        ("Reloaded", schema::<shapes::Reloaded>()),
        ("Alive", schema::<shapes::Alive>()),
        ("Ready", schema::<shapes::Ready>()),
        ("OpenApi", json!({ "type": "object", "description": "An OpenAPI 3.1 document" })),
    ];
    for (name, value) in own {
        all.insert(name.to_owned(), value);
    }
    all
}

/// Rewrites `#/$defs/X` references to `#/components/schemas/X`, everywhere in a schema.
fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                if let Some(name) = target.strip_prefix("#/$defs/") {
                    *target = format!("#/components/schemas/{name}");
                }
            }
            map.values_mut().for_each(rewrite_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Adds a schema under `name`, hoisting its definitions; records a name defined two ways.
fn hoist(name: &str, mut schema: Value, components: &mut Map<String, Value>, conflicts: &mut Vec<String>) {
    let mut insert = |name: &str, mut value: Value, components: &mut Map<String, Value>| {
        rewrite_refs(&mut value);
        // A root schema carries its type's name as `title`; the same type as a definition does not.
        if let Value::Object(map) = &mut value {
            map.remove("title");
        }
        match components.get(name) {
            Some(existing) if *existing != value => conflicts.push(name.to_owned()),
            Some(_) => {}
            None => {
                components.insert(name.to_owned(), value);
            }
        }
    };
    if let Value::Object(map) = &mut schema {
        map.remove("$schema");
        if let Some(Value::Object(definitions)) = map.remove("$defs") {
            for (definition, value) in definitions {
                insert(&definition, value, components);
            }
        }
    }
    insert(name, schema, components);
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn operation(endpoint: &Endpoint) -> Value {
    let error = json!({ "content": { "application/json": { "schema": reference("Error") } } });
    let with = |description: &str| {
        let mut e = error.clone();
        e["description"] = json!(description);
        e
    };
    let success = match endpoint.answer {
        Answer::Json(name) => json!({ "description": "success", "content": { "application/json": { "schema": reference(name) } } }),
        Answer::Text(media) => json!({ "description": "success", "content": { media: { "schema": { "type": "string" } } } }),
    };
    let mut responses = Map::new();
    responses.insert("200".into(), success);
    if endpoint.body.is_some() {
        responses.insert("400".into(), with("the body is not JSON, or not the shape of the request (`bad_request`, `invalid_request`)"));
        responses.insert("408".into(), with("the body did not arrive within `--read-timeout` (`timeout`)"));
        responses.insert("413".into(), with("the body, its nesting or the batch is too large (`too_large`)"));
        responses.insert("415".into(), with("the body was not sent as `application/json` (`unsupported_media_type`)"));
    } else if !endpoint.parameters.is_empty() {
        responses.insert("400".into(), with("a parameter is missing or malformed (`bad_request`, `invalid_request`)"));
    }
    match endpoint.access {
        Access::Public => {}
        Access::Decide | Access::Law | Access::Receipt | Access::Admin => {
            responses.insert("401".into(), with("a token is needed (`unauthorized`)"));
            responses.insert("403".into(), with("the token lacks the role (`forbidden`)"));
        }
    }
    if endpoint.path.contains('{') {
        responses.insert("404".into(), with("no such resource (`not_found`)"));
    }
    if endpoint.path == "/v1/decide" {
        responses.insert(
            "503".into(),
            with("the log cannot be written, nothing was decided (`log_unavailable`); or the service is over a limit"),
        );
    } else {
        responses.insert("503".into(), with("the service is over a limit (`deadline_exceeded`, `too_many_connections`)"));
    }
    responses.insert("default".into(), with("an error, in the one error shape"));
    let mut op = json!({
        "summary": endpoint.summary,
        "operationId": format!("{}{}", endpoint.method, endpoint.path.replace(['/', '{', '}', '.'], "_")),
        "responses": responses,
    });
    let security = match endpoint.access {
        Access::Public => None,
        Access::Decide | Access::Law | Access::Receipt => Some(json!([{}, { "bearer": [] }])),
        Access::Admin => Some(json!([{ "bearer": [] }])),
    };
    if let Some(security) = security {
        op["security"] = security;
    }
    if let Some(body) = endpoint.body {
        op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": reference(body) } } });
    }
    if !endpoint.parameters.is_empty() {
        op["parameters"] = endpoint
            .parameters
            .iter()
            .map(|p| json!({ "name": p.name, "in": p.place, "required": p.required, "description": p.description, "schema": { "type": p.kind } }))
            .collect();
    }
    op
}

fn build() -> Generated {
    let mut components = Map::new();
    let mut conflicts = Vec::new();
    for (name, value) in named_schemas() {
        hoist(&name, value, &mut components, &mut conflicts);
    }
    let mut paths = Map::new();
    for endpoint in ENDPOINTS {
        let item = paths.entry(endpoint.path.to_owned()).or_insert_with(|| json!({}));
        item[endpoint.method] = operation(endpoint);
    }
    let document = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "juris decision service",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Decisions on immigration-enforcement cooperation law, each logged before it is answered in a verifiable log. Every answer carries the headers `juris-corpus` and `juris-engine`. The public HTML page (`/`, `/es/`, ...) is not part of this API.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": components,
        },
    });
    Generated { document, conflicts }
}

pub async fn openapi() -> Response {
    axum::Json(document()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` in a value.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push(target.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves_and_no_name_is_defined_twice() {
        let document = document();
        let mut targets = Vec::new();
        refs(&document, &mut targets);
        assert!(targets.len() > 50, "the document references its schemas: {}", targets.len());
        for target in targets {
            let name = target.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("a reference outside components: {target}"));
            assert!(document["components"]["schemas"].get(name).is_some(), "`{target}` is not defined");
        }
        assert_eq!(conflicts(), Vec::<String>::new());
        let text = document.to_string();
        assert!(!text.contains("$defs"), "every definition is hoisted");
    }

    #[test]
    fn every_endpoint_is_documented_with_its_schemas() {
        let document = document();
        for endpoint in ENDPOINTS {
            let op = &document["paths"][endpoint.path][endpoint.method];
            assert!(op.is_object(), "{} {} is missing", endpoint.method, endpoint.path);
            assert_eq!(op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Error");
            if let Some(body) = endpoint.body {
                assert_eq!(op["requestBody"]["content"]["application/json"]["schema"]["$ref"], format!("#/components/schemas/{body}"));
            }
            for parameter in endpoint.parameters {
                assert!(parameter.place != "path" || endpoint.path.contains(&format!("{{{}}}", parameter.name)), "{}", endpoint.path);
            }
        }
        // The error shape names every code the service sends.
        let codes = document["components"]["schemas"]["ErrorCode"].to_string();
        for code in ["bad_request", "log_unavailable", "deadline_exceeded", "too_many_connections"] {
            assert!(codes.contains(code), "{code}: {codes}");
        }
    }
}
