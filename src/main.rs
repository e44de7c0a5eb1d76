// About an eighth less CPU than the system allocator on a large project, for
// a few megabytes more at the peak (docs/decisions.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = promolint::cli::Cli::parse_from(std::env::args_os());
    if matches!(cli.command, promolint::cli::Command::Server) {
        // The language server writes standard output from its own thread:
        // it must not be locked here.
        let code = promolint::cli::run(cli, &mut std::io::sink(), &mut std::io::stderr());
        return std::process::ExitCode::from(code as u8);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = promolint::cli::run(cli, &mut out, &mut std::io::stderr());
    let flushed = std::io::Write::flush(&mut out);
    match flushed {
        Ok(()) => std::process::ExitCode::from(code as u8),
        Err(error) => {
            // A command that failed has said why already (a write error
            // included); the last buffered output failing is said here.
            if code != promolint::cli::ExitCode::Failure {
                eprintln!("error: cannot write output: {error}");
            }
            std::process::ExitCode::from(promolint::cli::ExitCode::Failure as u8)
        }
    }
}
