//! Handing a command line to the JavaScript CLI: `node packages/cli/bin/keyguard.js ARGS`,
//! exec'd in place of this process, so its output, exit code and signals are the user's.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

/// Where the JavaScript CLI is, from where this binary is (symbolic links resolved): beside
/// it in the repository or in node_modules/@keyguard, whether it runs from the detectors'
/// dist/native/ or from the crate's target/release/.
fn js_cli() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let mut dir = exe.parent()?;
    // detectors/dist/native/ (3 levels under packages/) or detectors/native/target/release/ (4)
    for _ in 0..4 {
        dir = dir.parent()?;
        let candidate = dir.join("cli/bin/keyguard.js");
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    None
}

/// Replaces this process with `node packages/cli/bin/keyguard.js ARGS`; returns only when that
/// fails (exit 2).
pub fn exec_js(args: &[OsString]) -> i32 {
    let Some(cli) = js_cli() else {
        eprintln!("keyguard: cannot find the JavaScript CLI (packages/cli/bin/keyguard.js) to run this command");
        return 2;
    };
    let error = Command::new("node").arg(&cli).args(args).exec();
    eprintln!("keyguard: cannot run node {}: {error}", cli.display());
    2
}
