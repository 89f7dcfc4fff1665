//! What every example's `main` does with its parsed arguments.

use std::process::ExitCode;

/// The options `parse_args` gave, or the exit code `main` returns: success after printing
/// the usage when help was asked for (an empty error), 2 after printing the error (prefixed
/// with `prefix`) and the usage when an argument was wrong.
pub fn options_or_exit<T>(
    parsed: Result<T, String>,
    usage: &str,
    prefix: &str,
) -> Result<T, ExitCode> {
    match parsed {
        Ok(options) => Ok(options),
        Err(e) if e.is_empty() => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{prefix}: {e}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}
