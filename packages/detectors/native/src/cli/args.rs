//! The command lines the native CLI runs itself (packages/cli/src/args.ts, `scan` of files
//! with the default rules). Everything else — `--help`, `--version`, `rules`, `--git`,
//! `--config`, `--baseline`, and every usage error — is the JavaScript CLI's to answer:
//! `parse` returns `None` and main.rs hands the arguments over unchanged, so the two never
//! disagree on what a command line means.

use super::DEFAULT_MAX_FILE_SIZE;

/// The text formats of format.ts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

/// `keyguard scan PATH...` of files (`Command` of kind `scan` without `git`, `config`, `baseline`).
#[derive(Debug, PartialEq, Eq)]
pub struct Scan {
    pub paths: Vec<String>,
    pub format: Format,
    pub include_node_modules: bool,
    pub max_file_size: u64,
    pub threads: usize,
}

/// What util.parseArgs of args.ts would make of `argv`, when it is a scan the native CLI can
/// run: long options with a separate or `=` value, `-f` and `-j` with a separate value,
/// positionals anywhere. Any other spelling (`-fjson`, `--`, a value starting with `-`, an
/// unknown option, a bad value) returns `None`, whether or not args.ts would accept it.
pub fn parse(argv: &[String]) -> Option<Scan> {
    let mut positionals = Vec::new();
    let mut format = Format::Text;
    let mut include_node_modules = false;
    let mut max_file_size = DEFAULT_MAX_FILE_SIZE;
    let mut threads = 1;
    let mut args = argv.iter();
    while let Some(arg) = args.next() {
        if !arg.starts_with('-') {
            positionals.push(arg.clone());
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        if name == "--include-node-modules" {
            if inline.is_some() {
                return None;
            }
            include_node_modules = true;
            continue;
        }
        let value = match inline {
            Some(value) => value,
            // a separate value that looks like an option is "ambiguous" to parseArgs: its error
            None => match args.next() {
                Some(value) if !value.starts_with('-') => value.clone(),
                _ => return None,
            },
        };
        match name {
            "--format" | "-f" => {
                format = match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "sarif" => Format::Sarif,
                    _ => return None,
                }
            }
            "--max-file-size" => max_file_size = positive_int(&value)?,
            // accepted and without effect, as in the JavaScript CLI (reads are synchronous)
            "--concurrency" => {
                positive_int(&value)?;
            }
            "--threads" | "-j" => threads = usize::try_from(positive_int(&value)?).ok()?,
            _ => return None,
        }
    }
    match positionals.split_first() {
        Some((command, paths)) if command == "scan" && !paths.is_empty() => Some(Scan {
            paths: paths.to_vec(),
            format,
            include_node_modules,
            max_file_size,
            threads,
        }),
        _ => None,
    }
}

/// `positiveInt` of args.ts for the plain decimal spellings; `Number()`'s others (`0x10`,
/// `1e3`, ` 12 `) go to the JavaScript CLI. At most 2^53, where a JavaScript number is exact.
fn positive_int(value: &str) -> Option<u64> {
    let plain = !value.is_empty()
        && value.len() <= 16
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with('0');
    if !plain {
        return None;
    }
    let n: u64 = value.parse().ok()?;
    (n <= 1 << 53).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split(' ')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn parses_what_it_runs() {
        let scan = parse(&args("--format json scan a -j 2 b --include-node-modules --max-file-size=100 --concurrency 4")).unwrap();
        assert_eq!(scan.paths, ["a", "b"]);
        assert_eq!(scan.format, Format::Json);
        assert!(scan.include_node_modules);
        assert_eq!(scan.max_file_size, 100);
        assert_eq!(scan.threads, 2);
        let scan = parse(&args("scan . -f sarif --format=text")).unwrap();
        assert_eq!(scan.format, Format::Text);
        assert_eq!(scan.max_file_size, DEFAULT_MAX_FILE_SIZE);
    }

    #[test]
    fn hands_over_everything_else() {
        for line in [
            "",
            "--help",
            "-h",
            "--version",
            "rules",
            "scan",
            "scan a --git",
            "scan a --config k.toml",
            "scan a --baseline b.json",
            "scan a --format xml",
            "scan a -fjson",
            "scan a --format",
            "scan a --format -x",
            "scan a --threads 0",
            "scan a --threads 1.5",
            "scan a --threads 0x2",
            "scan a --max-file-size 007",
            "scan a --include-node-modules=true",
            "scan -- a",
            "scan a -",
            "scan a --unknown",
            "lint a",
        ] {
            assert_eq!(parse(&args(line)), None, "{line}");
        }
    }
}
