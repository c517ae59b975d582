//! One module per subcommand.

pub mod check;
pub mod decide;
pub mod diff;
pub mod test;
