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

use keyguard_scan::types::{Finding, Stats};
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DumpStats {
    bytes: usize,
    rejected: usize,
    rejected_by: RejectedBy,
    keyword_hits: usize,
    decoded: usize,
}

#[derive(Serialize)]
struct RejectedBy {
    checksum: usize,
    entropy: usize,
    placeholder: usize,
    invalid: usize,
}

#[derive(Serialize)]
struct Dump<'a> {
    findings: Vec<DumpFinding<'a>>,
    stats: DumpStats,
}

fn dump<'a>(engine: &'a Engine, findings: &'a [Finding], stats: &Stats) -> Dump<'a> {
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
            rejected_by: RejectedBy {
                checksum: stats.rejected_by.checksum,
                entropy: stats.rejected_by.entropy,
                placeholder: stats.rejected_by.placeholder,
                invalid: stats.rejected_by.invalid,
            },
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
