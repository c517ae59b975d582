//! `juris serve`: the HTTP decision service and the public page.
//!
//! [`page`] is the public page, server-rendered HTML in English and Spanish; [`app`] mounts it.

pub mod page;

use axum::Router;

pub use page::{Law, PageState};

/// The routes over a state; tests drive it without a socket.
pub fn app(state: PageState) -> Router {
    page::router(state)
}
