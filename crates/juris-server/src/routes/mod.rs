//! One module per resource.

pub mod admin;
pub mod corpus;
pub mod decide;
pub mod health;
pub mod log;
pub mod openapi;
