//! Writing to the standard streams without panicking: every command writes through here.
//!
//! `println!` and `eprintln!` panic when their stream is closed (`juris diff | head -1`,
//! `2>&-`). Data goes to standard output through writers whose errors are returned, so a reader
//! that stops early ends the command quietly with success ([`is_closed_pipe`]); messages go to
//! standard error through [`stderr_line`], which ignores a closed or full stream, because there is
//! nowhere left to report that.

use std::fmt;
use std::io::Write;

/// Writes one line to standard error, ignoring a stream that is closed.
pub fn stderr_line(args: fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// Writes a line to standard error (like `eprintln!`, but never panics).
#[macro_export]
macro_rules! stderr {
    ($($arg:tt)*) => {
        $crate::output::stderr_line(format_args!($($arg)*))
    };
}

/// Writes text to standard output; a closed pipe comes back as an error that
/// [`is_closed_pipe`] recognises.
pub fn stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Whether an error means that the reader of standard output went away.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
