//! One module per subcommand.

pub mod bills;
pub mod check;
pub mod compare;
pub mod decide;
pub mod diff;
pub mod log;
pub mod serve;
pub mod test;
pub mod timeline;
