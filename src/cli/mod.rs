//! The command line: arguments, and what each command does with them.
//! `main.rs` only maps the returned [`ExitCode`].

mod adopt;
mod manpage;

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cache;
use crate::engine::{self, Settings};
use crate::finding::Severity;
use crate::fix;
use crate::model::did_you_mean;
use crate::policy::{self, CompiledPolicy, ConfigChoice};
use crate::report::{self, Format, Outcome, ToolError};
use crate::review::{self, git::BaseProject};
use crate::rules;
use crate::walk::Target;

/// `promolint --version`: the package version, and the commit and its date
/// when built from a git checkout (build.rs), as `0.1.0 (abc123def 2026-12-03)`.
pub const VERSION: &str = env!("PROMOLINT_VERSION");

/// The process exit codes of CLI.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// No error finding, warnings within the limits.
    Clean = 0,
    /// Error findings, or warnings over `--deny-warnings` / `--max-warnings`.
    Findings = 1,
    /// The tool could not do its job.
    Failure = 2,
}

#[derive(Parser, Debug)]
#[command(
    name = "promolint",
    version = VERSION,
    about = "A linter for promotion campaign configuration",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint campaign and template files; a directory is walked; "-" reads standard input.
    Check(Box<CheckArgs>),
    /// List the rules: id, default severity, effective severity, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. rate-ceiling.
        rule: String,
    },
    /// Print the JSON Schema (draft 2020-12) of a file format.
    Schema {
        #[arg(value_enum, default_value = "campaign")]
        which: SchemaKind,
    },
    /// Print the effective policy as YAML.
    Policy(ConfigArgs),
    /// Write a starter .promolint.yaml in the current directory (refuses to overwrite).
    Init,
    /// Speak the Language Server Protocol over standard input and output (for editors).
    Server,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man pages (promolint.1, promolint-check.1, ...) into DIR.
    /// A packaging step, hidden from the help (docs/install.md).
    #[command(hide = true)]
    Mangen {
        /// The directory to write into; created if missing.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Campaign,
    Template,
    Policy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Default)]
pub struct ConfigArgs {
    /// The policy file (default: .promolint.yaml found from the first PATH upwards).
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use the built-in default policy.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: RulesFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check ("-" for standard input); default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        default_value = "human"
    )]
    pub format: Format,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Only these rules (comma-separated ids), on top of the policy.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub select: Vec<String>,
    /// Not these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub ignore: Vec<String>,
    /// Warnings fail the run too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Fail when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// The name reported for "-" (also picks the policy's overrides).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// "Now" for schedule-expired, as an RFC 3339 timestamp.
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_now)]
    pub now: Option<OffsetDateTime>,
    /// Colour: auto colours a terminal only and honours NO_COLOR.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// After the findings, a count per rule.
    #[arg(long)]
    pub statistics: bool,
    /// Print findings only, no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also list skipped (foreign) files and timings on standard error.
    #[arg(long, short)]
    pub verbose: bool,
    /// Change review: also compare every campaign with its version at the
    /// merge base of REV and HEAD (REVIEW.md).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Apply the safe fixes in place, then report what is left ("-": print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too; alone, show them as available.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when there is one).
    #[arg(long)]
    pub diff: bool,
    /// Findings recorded in FILE are not reported (counted as baselined).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE (replacing it), exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// With --baseline, rewrite FILE without its entries that matched nothing.
    #[arg(long, requires = "baseline")]
    pub prune_baseline: bool,
    /// Exit 0 even when there are findings (2 still means the tool failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to PATH; the summary line still goes to standard error.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Read every file of the project, with no per-file cache (wins over --cache-dir).
    #[arg(long)]
    pub no_cache: bool,
    /// Where the per-file cache lives (default: .promolint_cache in the project root).
    #[arg(long, value_name = "DIR", env = "PROMOLINT_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
}

fn parse_now(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|e| format!("`{text}` is not an RFC 3339 timestamp with an offset ({e})"))
}

/// A failure that stops the command (exit code 2).
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    /// A diagnostic (an invalid policy file) rendered as miette draws it.
    fn diagnostic(diagnostic: &dyn miette::Diagnostic) -> Failure {
        let mut text = String::new();
        // Nested, the problems of a policy file are drawn under its header
        // rather than each after a bare `Error:` line.
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(100)
                .with_show_related_as_nested(true);
        if handler.render_report(&mut text, diagnostic).is_err() {
            text = diagnostic.to_string();
        }
        Failure(text.trim_end().to_string())
    }
}

/// A failure of `check` before it could check anything, with what the
/// machine formats report of it (each format has its own error shape, so
/// that CI always gets a valid document).
struct CheckFailure {
    failure: Failure,
    errors: Vec<ToolError>,
}

impl From<Failure> for CheckFailure {
    fn from(failure: Failure) -> Self {
        CheckFailure {
            errors: vec![ToolError {
                file: "promolint".into(),
                message: failure.0.clone(),
            }],
            failure,
        }
    }
}

/// An invalid policy file: rendered for people, one error per problem (at
/// its line and column) for the machine formats.
fn policy_failure(error: &policy::PolicyError) -> CheckFailure {
    let errors = error
        .problems()
        .iter()
        .map(|problem| {
            let at = problem
                .start
                .map(|lc| format!("{}:{}: ", lc.line, lc.column))
                .unwrap_or_default();
            let help = problem
                .help
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            ToolError {
                file: error.name().to_string(),
                message: format!("{at}{}{help}", problem.message),
            }
        })
        .collect();
    CheckFailure {
        failure: Failure::diagnostic(error),
        errors,
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Runs a parsed command line, writing to `out` (and `err` for failures).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let result = match cli.command {
        Command::Check(args) => check(&args, out, err),
        Command::Rules(args) => list_rules(&args, out),
        Command::Explain { rule } => explain(&rule, out),
        Command::Schema { which } => schema(which, out),
        Command::Policy(args) => print_policy(&args, out),
        Command::Init => init(out),
        Command::Server => serve(),
        Command::Completions { shell } => completions(shell, out),
        Command::Mangen { dir } => manpage::write(&dir, out).map(|()| ExitCode::Clean),
    };
    match result {
        Ok(code) => code,
        Err(failure) if failure.0.trim_start().starts_with('×') => {
            // A rendered diagnostic says "error" its own way.
            let _ = writeln!(err, "{failure}");
            ExitCode::Failure
        }
        Err(failure) => {
            let _ = writeln!(err, "error: {failure}");
            ExitCode::Failure
        }
    }
}

/// clap_complete panics when its writer fails (a full disk, `> /dev/full`):
/// the script is made in memory, then written like every other output.
fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "promolint", &mut script);
    out.write_all(&script).map_err(io_failure)?;
    out.flush().map_err(io_failure)?;
    Ok(ExitCode::Clean)
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure(format!("cannot write output: {e}"))
}

/// The policy in effect, compiled, and the project root.
fn effective_policy(
    config: &ConfigArgs,
    first_path: Option<&PathBuf>,
) -> Result<(policy::EffectivePolicy, CompiledPolicy), Failure> {
    check_policy(config, first_path).map_err(|e| e.failure)
}

/// [`effective_policy`], keeping what the machine formats report.
fn check_policy(
    config: &ConfigArgs,
    first_path: Option<&PathBuf>,
) -> Result<(policy::EffectivePolicy, CompiledPolicy), CheckFailure> {
    let cwd = std::env::current_dir()
        .map_err(|e| Failure(format!("cannot read the current directory: {e}")))?;
    let choice = match (&config.config, config.no_config) {
        (_, true) => ConfigChoice::Builtin,
        (Some(path), false) => ConfigChoice::File(path),
        (None, false) => ConfigChoice::Discover,
    };
    let effective = policy::effective_policy(choice, first_path.map(PathBuf::as_path), &cwd)
        .map_err(|e| policy_failure(&e))?;
    let compiled = effective
        .policy
        .compile()
        .map_err(|e| Failure(format!("invalid glob in the policy: {e}")))?;
    Ok((effective, compiled))
}

fn known_rule_ids(ids: &[String], option: &str) -> Result<HashSet<String>, Failure> {
    let known: Vec<&str> = rules::all().map(|r| r.id).collect();
    let mut out = HashSet::new();
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if rules::get(id).is_none() {
            let hint = did_you_mean(id, &known)
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            return Err(Failure(format!("{option}: unknown rule `{id}`{hint}")));
        }
        out.insert(id.to_string());
    }
    Ok(out)
}

fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, Failure> {
    let prepared = check_settings(args).and_then(|settings| {
        let base = base_project(args, &settings)?;
        Ok((settings, base))
    });
    match prepared {
        Ok((settings, base)) => check_with(args, settings, base, out, err),
        Err(CheckFailure { failure, errors }) => {
            if args.format.is_machine() {
                let sources = crate::source::Sources::default();
                let outcome = Outcome {
                    sources: &sources,
                    findings: &[],
                    files_checked: 0,
                    files_skipped: 0,
                    checked_files: &[],
                    suppressed: 0,
                    suppressed_by_rule: &[],
                    tool_errors: &errors,
                    base_dir: None,
                    baselined: None,
                };
                report::write(args.format, &outcome, &report_options(args), out)
                    .map_err(io_failure)?;
            }
            Err(failure)
        }
    }
}

/// The base project of `--base REV`, read from git once for the run.
fn base_project(
    args: &CheckArgs,
    settings: &Settings,
) -> Result<Option<BaseProject>, CheckFailure> {
    let Some(rev) = args.base.as_deref() else {
        return Ok(None);
    };
    review::git::load_base(&settings.root, rev, &settings.compiled.files)
        .map(Some)
        .map_err(|e| Failure(e.to_string()).into())
}

fn check_settings(args: &CheckArgs) -> Result<Settings, CheckFailure> {
    let first_path = args.paths.iter().find(|p| p.as_os_str() != "-");
    let (effective, compiled) = check_policy(&args.config, first_path)?;
    let select = (!args.select.is_empty())
        .then(|| known_rule_ids(&args.select, "--select"))
        .transpose()?;
    let ignore = known_rule_ids(&args.ignore, "--ignore")?;
    let texts_after_rules = args.format.shows_source()
        || args.fix
        || args.diff
        || args.base.is_some()
        || args.baseline.is_some()
        || args.write_baseline.is_some();
    Ok(Settings {
        compiled,
        policy: effective.policy,
        root: effective.root,
        now: args.now.unwrap_or_else(OffsetDateTime::now_utc),
        select,
        ignore,
        texts_after_rules,
    })
}

fn report_options(args: &CheckArgs) -> report::Options {
    report::Options {
        color: false,
        quiet: args.quiet,
        statistics: args.statistics,
        width: terminal_width(),
        unsafe_fixes: args.unsafe_fixes,
    }
}

fn check_with(
    args: &CheckArgs,
    settings: Settings,
    base: Option<BaseProject>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let started = std::time::Instant::now();
    let targets: Vec<Target> = if args.paths.is_empty() {
        vec![Target::Path(PathBuf::from("."))]
    } else {
        let mut seen = HashSet::new();
        args.paths
            .iter()
            .filter(|p| seen.insert((*p).clone()))
            .map(|p| {
                if p.as_os_str() == "-" {
                    Target::Stdin {
                        name: args.stdin_filename.clone().unwrap_or_else(|| "-".into()),
                    }
                } else {
                    Target::Path(p.clone())
                }
            })
            .collect()
    };
    let mut base = base;
    let reads_stdin = targets.iter().any(|t| matches!(t, Target::Stdin { .. }));
    let mut stdin = std::io::stdin().lock();
    let (mut run, fixed) = if args.fix || args.diff {
        let mode = fix::Mode {
            unsafe_fixes: args.unsafe_fixes,
        };
        let fixed = fix::fix(&settings, &targets, &mut stdin, mode);
        (fixed.run, Some((fixed.changed, fixed.applied)))
    } else if base.is_none() && !args.no_cache {
        let location =
            cache::Location::new(args.cache_dir.as_deref(), &settings.root, &settings.policy);
        let overlay = engine::Overlay::new();
        let store = engine::Store::Disk(&location);
        let run = engine::check_cached(&settings, &targets, &mut stdin, &overlay, store);
        (run, None)
    } else {
        (
            engine::check_with_base(&settings, base.take(), &targets, &mut stdin),
            None,
        )
    };
    // `--fix -` prints the fixed text; the report goes to standard error.
    let fixed_stdin = args.fix && !args.diff && reads_stdin;
    if let Some((changed, applied)) = &fixed {
        if args.diff {
            return adopt::diff(changed, *applied, &run, args.quiet, out, err)
                .map(|code| exit_zero(args, code));
        }
        adopt::write_fixes(changed, *applied, args.quiet, &mut run.tool_errors, err)?;
        if fixed_stdin {
            write!(out, "{}", stdin_text(&run)).map_err(io_failure)?;
        }
    }
    if let Some(base) = base
        && fixed.is_some()
    {
        // The change rules need the base project; the fix passes ran
        // without it, so the fixed files are checked once more with it.
        let text = stdin_text(&run);
        let errors = std::mem::take(&mut run.tool_errors);
        run = engine::check_with_base(&settings, Some(base), &targets, &mut text.as_bytes());
        run.tool_errors.extend(errors);
    }
    if let Some(path) = &args.write_baseline {
        return adopt::write_baseline(&run, path, err);
    }
    let baselined = match &args.baseline {
        Some(path) => Some(adopt::apply_baseline(
            &mut run,
            path,
            args.prune_baseline,
            err,
        )?),
        None => None,
    };

    if args.verbose {
        for path in &run.skipped {
            let _ = writeln!(err, "skipped {path}: no campaign document");
        }
        let _ = writeln!(
            err,
            "checked {} files, skipped {} in {} ms (project root {})",
            run.files_checked,
            run.skipped.len(),
            started.elapsed().as_millis(),
            settings.root.display()
        );
    }

    let to_terminal = if fixed_stdin {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && to_terminal
                && args.output_file.is_none()
        }
    };
    let base_dir = std::env::current_dir().ok();
    let outcome = Outcome {
        sources: &run.sources,
        findings: &run.findings,
        files_checked: run.files_checked,
        suppressed: run.suppressed,
        suppressed_by_rule: &run.suppressed_by_rule,
        files_skipped: run.skipped.len(),
        checked_files: &run.checked,
        tool_errors: &run.tool_errors,
        base_dir: base_dir.as_deref(),
        baselined: baselined.as_deref(),
    };
    let options = report::Options {
        color,
        ..report_options(args)
    };
    // Written as it is made: the report of a large project can be larger
    // than everything else the run holds.
    let write_report = |to: &mut dyn Write| {
        let mut to = std::io::BufWriter::new(to);
        report::write(args.format, &outcome, &options, &mut to)?;
        to.flush()
    };
    match &args.output_file {
        Some(path) => {
            std::fs::File::create(path)
                .and_then(|mut file| write_report(&mut file))
                .map_err(|e| {
                    Failure(format!(
                        "cannot write the report to {}: {e}",
                        path.display()
                    ))
                })?;
            if !args.quiet {
                writeln!(err, "{}", report::summary_line(&outcome)).map_err(io_failure)?;
            }
        }
        None if fixed_stdin => write_report(err).map_err(io_failure)?,
        None => write_report(out).map_err(io_failure)?,
    }

    let errors = run
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = run.findings.len() - errors;
    let code = if !run.tool_errors.is_empty() {
        ExitCode::Failure
    } else if errors > 0
        || (args.deny_warnings && warnings > 0)
        || args.max_warnings.is_some_and(|max| warnings > max)
    {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    };
    Ok(exit_zero(args, code))
}

/// `--exit-zero`: findings do not fail the run; a tool failure still does.
fn exit_zero(args: &CheckArgs, code: ExitCode) -> ExitCode {
    if args.exit_zero && code == ExitCode::Findings {
        ExitCode::Clean
    } else {
        code
    }
}

/// The text of standard input in the run (empty without one).
fn stdin_text(run: &engine::Run) -> String {
    run.sources
        .iter()
        .filter(|source| {
            run.files
                .get(source.id as usize)
                .is_some_and(|f| f.path.is_none())
        })
        .map(|source| source.text.to_string())
        .collect()
}

/// The language server; it owns standard input and output (`main` runs it
/// before locking standard output for the other commands).
fn serve() -> Result<ExitCode, Failure> {
    match crate::server::run().map_err(Failure)? {
        crate::server::Ended::Clean => Ok(ExitCode::Clean),
        // The protocol's exit code for `exit` without `shutdown`.
        crate::server::Ended::WithoutShutdown => Ok(ExitCode::Findings),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w: &usize| *w >= 40)
        .unwrap_or(100)
}

fn list_rules(args: &RulesArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (_, compiled) = effective_policy(&args.config, None)?;
    let rows: Vec<(&str, &str, &str, &str, &str)> = rules::all()
        .map(|r| {
            let effective = compiled.severities.base_level(r.id).as_str();
            let fix = r.fix.map_or("", |f| f.as_str());
            (r.id, r.default_severity.as_str(), effective, fix, r.summary)
        })
        .collect();
    match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, default, severity, fix, summary)| {
                    let fix = (!fix.is_empty()).then_some(fix);
                    serde_json::json!({"id": id, "default_severity": default, "severity": severity, "fix": fix, "summary": summary})
                })
                .collect();
            let text = serde_json::to_string_pretty(&serde_json::json!({ "rules": list }))
                .map_err(|e| Failure(e.to_string()))?;
            writeln!(out, "{text}").map_err(io_failure)?;
        }
        RulesFormat::Human => {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (id, default, severity, fix, summary) in rows {
                let level = if default == severity {
                    default.to_string()
                } else {
                    format!("{default}->{severity}")
                };
                writeln!(out, "{id:width$}  {level:16}  {fix:6}  {summary}").map_err(io_failure)?;
            }
        }
    }
    Ok(ExitCode::Clean)
}

fn explain(id: &str, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let Some(rule) = rules::get(id) else {
        let known: Vec<&str> = rules::all().map(|r| r.id).collect();
        let hint = did_you_mean(id, &known)
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        return Err(Failure(format!(
            "unknown rule `{id}`{hint}; `promolint rules` lists them"
        )));
    };
    write!(out, "{}", rules::docs::render(rule)).map_err(io_failure)?;
    Ok(ExitCode::Clean)
}

fn schema(which: SchemaKind, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let value = match which {
        SchemaKind::Campaign => crate::model::schema::campaign(),
        SchemaKind::Template => crate::model::schema::template(),
        SchemaKind::Policy => policy::policy_schema(),
    };
    let text = serde_json::to_string_pretty(&value).map_err(|e| Failure(e.to_string()))?;
    writeln!(out, "{text}").map_err(io_failure)?;
    Ok(ExitCode::Clean)
}

fn print_policy(args: &ConfigArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (effective, _) = effective_policy(args, None)?;
    write!(out, "{}", effective.policy.to_yaml()).map_err(io_failure)?;
    Ok(ExitCode::Clean)
}

fn init(out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir()
        .map_err(|e| Failure(format!("cannot read the current directory: {e}")))?;
    let path = policy::write_starter(&cwd).map_err(|e| Failure::diagnostic(&e))?;
    writeln!(out, "wrote {}", path.display()).map_err(io_failure)?;
    Ok(ExitCode::Clean)
}
