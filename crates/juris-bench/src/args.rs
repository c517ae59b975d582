//! The few command-line options of the benchmark programs: `--name value` pairs of whole numbers.

use anyhow::{anyhow, bail};

/// Reads `--name N` options into `options` (name, value) pairs, which hold the defaults.
/// `--help` returns `Ok(false)` after printing `usage` to stderr.
pub fn parse(args: impl IntoIterator<Item = String>, options: &mut [(&str, u64)], usage: &str) -> anyhow::Result<bool> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            eprintln!("{usage}");
            return Ok(false);
        }
        let Some((_, value)) = options.iter_mut().find(|(name, _)| arg.strip_prefix("--") == Some(*name)) else {
            bail!("unknown argument `{arg}`\n{usage}");
        };
        let text = args.next().ok_or_else(|| anyhow!("`{arg}` needs a value\n{usage}"))?;
        *value = text.replace('_', "").parse().map_err(|_| anyhow!("`{arg}` needs a whole number, not `{text}`"))?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn options_replace_defaults_and_unknown_ones_are_errors() {
        let mut options = [("requests", 200_000), ("seed", 1)];
        let args = ["--requests", "1_000"].map(String::from);
        assert!(parse(args, &mut options, "usage").is_ok_and(|go| go));
        assert_eq!(options, [("requests", 1000), ("seed", 1)]);
        assert!(parse(["--request".to_owned(), "5".to_owned()], &mut options, "usage").is_err());
        assert!(parse(["--seed".to_owned(), "x".to_owned()], &mut options, "usage").is_err());
    }
}
