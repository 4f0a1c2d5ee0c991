//! `keyguard scan PATH...` of files with the default rules, as packages/cli runs it: the same
//! walk, reads, findings, report and exit code, byte for byte (but the `ms` figure). What it
//! does not run, main.rs hands to the JavaScript CLI (`handoff`).

pub mod args;
pub mod format;
pub mod handoff;
pub mod scan_files;
pub mod walk;

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use keyguard_scan::Engine;

use args::{Format, Scan};
use format::{Report, ReportFinding, ReportStats, Skipped};

/// Files larger than this are skipped and counted (`DEFAULT_MAX_FILE_SIZE`, 10 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The engine, loaded by the first scanning thread that needs it. A static, so it is never
/// dropped: its ~230 regexes each hold JIT code and match data per thread that used them, and
/// dropping it (when each match data still mapped a JIT stack) cost ~470 munmap calls at the end
/// of a scan on the small bench corpus, serial work that the process's exit does at once.
static ENGINE: OnceLock<Engine> = OnceLock::new();

/// Exit codes (`EXIT`): nothing found, secrets found, usage or I/O error.
const FOUND: i32 = 1;
const ERROR: i32 = 2;

/// Why the native CLI gives a command line to the JavaScript one after all.
pub struct HandOff;

/// Runs `scan` (`scanCommand` of commands.ts without config, baseline or git) and returns
/// the exit code; `HandOff` when a PATH cannot be stat'ed (walk.ts's error, left to it).
pub fn scan(command: &Scan, started: Instant) -> Result<i32, HandOff> {
    let cwd = std::env::current_dir().map_err(|_| HandOff)?;
    let cwd = cwd.to_str().ok_or(HandOff)?;
    let roots = walk::roots(&command.paths, cwd).map_err(|_| HandOff)?;
    let (totals, binary_names) = scan_files::scan_walk(
        &ENGINE,
        |found| walk::walk(&roots, command.include_node_modules, found),
        command.max_file_size,
        command.threads,
    );
    let engine = ENGINE.get_or_init(Engine::load);

    let mut errors = String::new();
    for (entry, reason) in &totals.errors {
        errors.push_str(&format!("keyguard: cannot read {}: {reason}\n", entry.file));
    }
    let report = Report {
        findings: totals
            .found
            .iter()
            .flat_map(|(entry, findings)| {
                findings.iter().map(|finding| ReportFinding {
                    finding,
                    file: &entry.file,
                })
            })
            .collect(),
        stats: ReportStats {
            files: totals.files,
            bytes: totals.bytes,
            ms: started.elapsed().as_millis(),
            rejected: totals.rejected,
            suppressed: 0,
            skipped: Skipped {
                too_large: totals.too_large,
                binary: binary_names + totals.binary,
            },
            errors: totals.errors.len(),
        },
        rules: engine.rules(),
    };
    // in commands.ts' order (it shows when both streams go to one terminal); like Node's
    // writes, a closed pipe is not the scan's failure
    let _ = std::io::stderr().lock().write_all(errors.as_bytes());
    let stdout = match command.format {
        Format::Json => format::format_json(&report),
        Format::Sarif => format::format_sarif(&report),
        Format::Text => format::format_text(&report),
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(stdout.as_bytes()).and_then(|()| out.flush());
    if command.format == Format::Text {
        let _ = std::io::stderr()
            .lock()
            .write_all(format::summary(&report).as_bytes());
    }
    Ok(if !report.findings.is_empty() {
        FOUND
    } else if report.stats.errors > 0 {
        ERROR
    } else {
        0
    })
}
