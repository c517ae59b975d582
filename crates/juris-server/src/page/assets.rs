//! The stylesheet and the map's script, embedded from web/ and served with long caching.

use axum::http::header;
use axum::response::IntoResponse;

const CSS: &str = include_str!("../../../../web/page.css");
const SCRIPT: &str = include_str!("../../../../web/map.js");

pub(crate) async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
}

pub(crate) async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], SCRIPT)
}
