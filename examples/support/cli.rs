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

/// Writes a whole report to standard output. A reader that stopped early (`| head`) is no
/// error: the report ends there and the exit status is success; any other write error is
/// reported with a non-zero status.
#[allow(dead_code)] // not every example writes its output as one report
pub fn emit(report: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(report.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the report: {e}");
            ExitCode::FAILURE
        }
    }
}
