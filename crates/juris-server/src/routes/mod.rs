//! One module per resource, and [`ENDPOINTS`]: the one table the router is built from and the
//! OpenAPI document describes, so that neither can name an endpoint the other lacks.

pub mod admin;
pub mod analysis;
pub mod corpus;
pub mod decide;
pub mod health;
pub mod log;
pub mod openapi;
pub mod shapes;

use axum::routing::{MethodRouter, delete, get, post};

use crate::state::AppState;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// Anyone unless `--private-decide` (then the `decide` role).
    Decide,
    /// Anyone unless `--private-law` (then the `decide` role).
    Law,
    /// Anyone; `?request=true` needs `log-read` or `admin`.
    Receipt,
    /// The `admin` role.
    Admin,
}

/// What an endpoint answers with on success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// JSON of the named schema.
    Json(&'static str),
    /// Plain text (a signed note, a key, Prometheus metrics).
    Text(&'static str),
}

/// A parameter in the path or the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    pub name: &'static str,
    /// `path` or `query`.
    pub place: &'static str,
    pub required: bool,
    /// A JSON Schema type: `string`, `integer` or `boolean`.
    pub kind: &'static str,
    pub description: &'static str,
    /// An example value, used by the tests to call the endpoint.
    pub example: &'static str,
}

/// One endpoint of the service.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// `get`, `post` or `delete`, as OpenAPI writes it.
    pub method: &'static str,
    /// The path as OpenAPI writes it (`/v1/corpus/rules/{id}`).
    pub path: &'static str,
    /// The path as the router matches it (`/v1/corpus/rules/{*id}`).
    pub route: &'static str,
    pub summary: &'static str,
    pub access: Access,
    /// The schema of the JSON body, for endpoints that take one.
    pub body: Option<&'static str>,
    pub answer: Answer,
    pub parameters: &'static [Parameter],
    pub handler: fn() -> MethodRouter<AppState>,
}

impl Endpoint {
    /// The schema of a JSON answer.
    pub fn answer_schema(&self) -> Option<&'static str> {
        match self.answer {
            Answer::Json(name) => Some(name),
            Answer::Text(_) => None,
        }
    }
}

const fn path(name: &'static str, kind: &'static str, description: &'static str, example: &'static str) -> Parameter {
    Parameter { name, place: "path", required: true, kind, description, example }
}

const fn query(name: &'static str, required: bool, kind: &'static str, description: &'static str, example: &'static str) -> Parameter {
    Parameter { name, place: "query", required, kind, description, example }
}

/// Every endpoint, in the order the documentation lists them.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "post",
        path: "/v1/decide",
        route: "/v1/decide",
        summary: "Decide one request, or a batch `{\"requests\": [...]}`; every decision is logged before it is answered",
        access: Access::Decide,
        body: Some("DecideBody"),
        answer: Answer::Json("DecideAnswer"),
        parameters: &[],
        handler: || post(decide::decide),
    },
    Endpoint {
        method: "post",
        path: "/v1/compare",
        route: "/v1/compare",
        summary: "The comparison matrix: jurisdictions by actions and situations on one date",
        access: Access::Law,
        body: Some("CompareRequest"),
        answer: Answer::Json("Comparison"),
        parameters: &[],
        handler: || post(analysis::compare),
    },
    Endpoint {
        method: "post",
        path: "/v1/diff",
        route: "/v1/diff",
        summary: "Where two states of the law differ",
        access: Access::Law,
        body: Some("DiffRequest"),
        answer: Answer::Json("DiffReport"),
        parameters: &[],
        handler: || post(analysis::diff),
    },
    Endpoint {
        method: "post",
        path: "/v1/timeline",
        route: "/v1/timeline",
        summary: "Every date one question's answer changed",
        access: Access::Law,
        body: Some("TimelineRequest"),
        answer: Answer::Json("Timeline"),
        parameters: &[],
        handler: || post(analysis::timeline),
    },
    Endpoint {
        method: "get",
        path: "/v1/bills",
        route: "/v1/bills",
        summary: "The bills on a date, with their lifecycle and force",
        access: Access::Law,
        body: None,
        answer: Answer::Json("Bills"),
        parameters: &[
            query("as_of", true, "string", "the date, `YYYY-MM-DD`", "2026-01-01"),
            query("jurisdiction", false, "string", "only the bills of this jurisdiction", "us-md"),
        ],
        handler: || get(analysis::bills),
    },
    Endpoint {
        method: "get",
        path: "/v1/corpus",
        route: "/v1/corpus",
        summary: "The corpus listing: documents, rules, citations, sourcing, situations, vocabulary with labels",
        access: Access::Law,
        body: None,
        answer: Answer::Json("CorpusListing"),
        parameters: &[],
        handler: || get(analysis::corpus),
    },
    Endpoint {
        method: "get",
        path: "/v1/corpus/rules/{id}",
        route: "/v1/corpus/rules/{*id}",
        summary: "One rule with its citation and the quoted words of its source",
        access: Access::Law,
        body: None,
        answer: Answer::Json("Rule"),
        parameters: &[path("id", "string", "the rule id, `#` written `%23`", "us/8-usc-1373%23status-information")],
        handler: || get(corpus::rule),
    },
    Endpoint {
        method: "get",
        path: "/v1/log/checkpoint",
        route: "/v1/log/checkpoint",
        summary: "The latest signed checkpoint, a C2SP signed note",
        access: Access::Public,
        body: None,
        answer: Answer::Text("text/plain"),
        parameters: &[],
        handler: || get(log::checkpoint),
    },
    Endpoint {
        method: "post",
        path: "/v1/log/checkpoint",
        route: "/v1/log/checkpoint",
        summary: "Sign a checkpoint of every committed record now, and answer it (admin)",
        access: Access::Admin,
        body: None,
        answer: Answer::Text("text/plain"),
        parameters: &[],
        handler: || post(log::sign),
    },
    Endpoint {
        method: "get",
        path: "/v1/log/key",
        route: "/v1/log/key",
        summary: "The verifier key of the checkpoints",
        access: Access::Public,
        body: None,
        answer: Answer::Text("text/plain"),
        parameters: &[],
        handler: || get(log::key),
    },
    Endpoint {
        method: "get",
        path: "/v1/log/proof/{index}",
        route: "/v1/log/proof/{index}",
        summary: "The inclusion proof of one record at the latest checkpoint (signed now if none covers it)",
        access: Access::Public,
        body: None,
        answer: Answer::Json("InclusionAnswer"),
        parameters: &[path("index", "integer", "the record's index", "0")],
        handler: || get(log::proof),
    },
    Endpoint {
        method: "get",
        path: "/v1/log/consistency",
        route: "/v1/log/consistency",
        summary: "The proof that the tree of size `to` extends the tree of size `from`",
        access: Access::Public,
        body: None,
        answer: Answer::Json("ConsistencyAnswer"),
        parameters: &[
            query("from", true, "integer", "the smaller tree size", "0"),
            query("to", true, "integer", "the larger tree size, at most the latest checkpoint's", "0"),
        ],
        handler: || get(log::consistency),
    },
    Endpoint {
        method: "get",
        path: "/v1/log/receipt/{decision_id}",
        route: "/v1/log/receipt/{decision_id}",
        summary: "A receipt: the decision, its record, its inclusion proof and a signed checkpoint, verifiable offline",
        access: Access::Receipt,
        body: None,
        answer: Answer::Json("Receipt"),
        parameters: &[
            path("decision_id", "string", "the decision's `decision_id`", "00000000000000000000000000000000"),
            query("request", false, "boolean", "include the request (needs `log-read` or `admin`)", "false"),
        ],
        handler: || get(log::receipt),
    },
    Endpoint {
        method: "delete",
        path: "/v1/log/requests/{hash}",
        route: "/v1/log/requests/{hash}",
        summary: "Redact a stored request: its facts are removed, its hash and every record still verify (admin)",
        access: Access::Admin,
        body: None,
        answer: Answer::Json("Redacted"),
        parameters: &[path("hash", "string", "the record's `request_hash`", "sha256:00")],
        handler: || delete(log::redact),
    },
    Endpoint {
        method: "post",
        path: "/v1/admin/reload",
        route: "/v1/admin/reload",
        summary: "Load the corpus again; a corpus with errors is refused and the old one keeps serving (admin)",
        access: Access::Admin,
        body: None,
        answer: Answer::Json("Reloaded"),
        parameters: &[],
        handler: || post(admin::reload),
    },
    Endpoint {
        method: "get",
        path: "/health",
        route: "/health",
        summary: "The process is alive",
        access: Access::Public,
        body: None,
        answer: Answer::Json("Alive"),
        parameters: &[],
        handler: || get(health::alive),
    },
    Endpoint {
        method: "get",
        path: "/health/ready",
        route: "/health/ready",
        summary: "A corpus is loaded and the log can be written (503 otherwise)",
        access: Access::Public,
        body: None,
        answer: Answer::Json("Ready"),
        parameters: &[],
        handler: || get(health::ready),
    },
    Endpoint {
        method: "get",
        path: "/metrics",
        route: "/metrics",
        summary: "Prometheus metrics: requests, decisions by outcome, latencies, log commits, log size",
        access: Access::Public,
        body: None,
        answer: Answer::Text("text/plain"),
        parameters: &[],
        handler: || get(health::metrics),
    },
    Endpoint {
        method: "get",
        path: "/openapi.json",
        route: "/openapi.json",
        summary: "This document",
        access: Access::Public,
        body: None,
        answer: Answer::Json("OpenApi"),
        parameters: &[],
        handler: || get(openapi::openapi),
    },
];
