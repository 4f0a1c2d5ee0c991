//! `keyguard` without a JavaScript runtime: `keyguard scan PATH...` of files with the default
//! rules runs here (src/cli), exactly as packages/cli runs it; any other command line is
//! handed to the JavaScript CLI unchanged (`cli::handoff`).
//!
//! Hidden: `keyguard-scan --engine-dump FILE...` prints every file's findings and stats as
//! `Engine::scan` returns them, in the shape of the parity vectors' expected.json
//! (parity/check.mjs compares them with the JavaScript engine's).

mod cli;

use std::ffi::OsString;
use std::io::Write;
use std::time::Instant;

use serde::Serialize;

use keyguard_scan::types::{Finding, RejectedBy, Stats};
use keyguard_scan::Engine;

fn main() {
    let started = Instant::now();
    let raw: Vec<OsString> = std::env::args_os().skip(1).collect();
    let args: Option<Vec<String>> = raw.iter().map(|a| a.to_str().map(String::from)).collect();
    let code = match args {
        Some(args) if args.first().is_some_and(|a| a == "--engine-dump") => engine_dump(&args[1..]),
        Some(args) => match cli::args::parse(&args).map(|command| cli::scan(&command, started)) {
            Some(Ok(code)) => code,
            _ => cli::handoff::exec_js(&raw),
        },
        // arguments that are not UTF-8: Node decodes them its way
        None => cli::handoff::exec_js(&raw),
    };
    std::process::exit(code);
}

/// A finding as parity/vectors.mjs writes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DumpFinding<'a> {
    rule_id: &'a str,
    token_hash: &'a str,
    redacted: &'a str,
    confidence: &'static str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    encoding: Vec<&'static str>,
}

/// `ScanStats` as parity/vectors.mjs writes them (without `allowlisted`: the CLI has no allowlist).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DumpStats<'a> {
    bytes: usize,
    rejected: usize,
    rejected_by: &'a RejectedBy,
    keyword_hits: usize,
    decoded: usize,
}

#[derive(Serialize)]
struct Dump<'a> {
    findings: Vec<DumpFinding<'a>>,
    stats: DumpStats<'a>,
}

fn dump<'a>(engine: &'a Engine, findings: &'a [Finding], stats: &'a Stats) -> Dump<'a> {
    let rules = engine.rules();
    Dump {
        findings: findings
            .iter()
            .map(|f| DumpFinding {
                rule_id: &rules[f.rule].id,
                token_hash: &f.token_hash,
                redacted: &f.redacted,
                confidence: cli::format::confidence_name(rules[f.rule].confidence),
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                offset: f.offset,
                encoding: f.encoding.iter().map(|e| e.name()).collect(),
            })
            .collect(),
        stats: DumpStats {
            bytes: stats.bytes,
            rejected: stats.rejected,
            rejected_by: &stats.rejected_by,
            keyword_hits: stats.keyword_hits,
            decoded: stats.decoded,
        },
    }
}

/// `{ "FILE": { findings, stats }, … }` on stdout, one JSON object, files in argument order.
fn engine_dump(files: &[String]) -> i32 {
    let engine = Engine::load();
    let mut out = String::from("{");
    for (i, file) in files.iter().enumerate() {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("keyguard-scan: cannot read {file}: {error}");
                return 2;
            }
        };
        let (findings, stats) = engine.scan(&bytes);
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(file).expect("a string serialises"));
        out.push(':');
        out.push_str(
            &serde_json::to_string(&dump(&engine, &findings, &stats)).expect("a dump serialises"),
        );
    }
    out.push_str("}\n");
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        Err(_) => 2,
    }
}
