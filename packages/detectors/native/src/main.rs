//! `keyguard` without a JavaScript runtime: `keyguard scan PATH...` of files with the default
//! rules runs here (src/cli), exactly as packages/cli runs it; any other command line is
//! handed to the JavaScript CLI unchanged (`cli::handoff`).
//!
//! Hidden: `keyguard-scan --engine-dump FILE...`, the parity tools' view of the engine
//! (engine_dump.rs).

mod cli;
mod engine_dump;

use std::ffi::OsString;
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let raw: Vec<OsString> = std::env::args_os().skip(1).collect();
    let args: Option<Vec<String>> = raw.iter().map(|a| a.to_str().map(String::from)).collect();
    let code = match args {
        Some(args) if args.first().is_some_and(|a| a == "--engine-dump") => {
            engine_dump::run(&args[1..])
        }
        Some(args) => match cli::args::parse(&args).map(|command| cli::scan(&command, started)) {
            Some(Ok(code)) => code,
            _ => cli::handoff::exec_js(&raw),
        },
        // arguments that are not UTF-8: Node decodes them its way
        None => cli::handoff::exec_js(&raw),
    };
    std::process::exit(code);
}
