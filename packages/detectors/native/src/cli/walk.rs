//! The files a scan reads (packages/cli/src/walk.ts): fdir's crawl as walk.ts configures it,
//! and the few `node:path` functions it uses, with their POSIX semantics.
//!
//! fdir (defaults: no symlink resolution, errors suppressed) reports a directory entry that
//! is a file *or a symbolic link* as a file — a link to a directory then fails to read
//! (EISDIR) and a dangling one too (ENOENT) —, descends into real directories unless their
//! name is skipped, and ignores everything else (FIFOs, sockets). A directory it cannot read
//! contributes nothing. Names are strings: bytes that are not UTF-8 become U+FFFD, and a path
//! holding one then fails to open, as it does in Node.

use std::cmp::Ordering;
use std::fs;
use std::path::Path;

/// A file to scan (`FileEntry`).
pub struct FileEntry {
    /// Absolute path to read.
    pub absolute: String,
    /// POSIX path reported in findings: relative to the scanned root.
    pub file: String,
}

/// Extensions that are never text worth scanning (`BINARY_EXTENSIONS`).
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "ico", "bmp", "tif", "tiff", "psd", "heic", "avif", "pdf",
    "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "war", "ear", "class", "so",
    "dylib", "dll", "exe", "bin", "o", "a", "lib", "obj", "wasm", "node", "woff", "woff2", "ttf",
    "otf", "eot", "mp3", "mp4", "m4a", "mov", "avi", "mkv", "webm", "ogg", "wav", "flac", "pyc",
    "pyo", "sqlite", "sqlite3", "db", "iso", "dmg", "img",
];

/// `isBinaryName`: `path.extname(name).slice(1).toLowerCase()` is a binary extension.
pub fn is_binary_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rfind('.') {
        // extname is empty for dotfiles (`.png`); `..` never holds a binary extension
        Some(dot) if dot > 0 => {
            let ext = base[dot + 1..].to_lowercase();
            BINARY_EXTENSIONS.contains(&ext.as_str())
        }
        _ => false,
    }
}

/// `path.normalize` (POSIX): `.` and `..` segments resolved lexically, repeated slashes
/// collapsed, a trailing slash kept, `.` for an empty result.
pub fn normalize(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let absolute = path.starts_with('/');
    let trailing = path.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            _ => parts.push(segment),
        }
    }
    let mut out = parts.join("/");
    if out.is_empty() && !absolute {
        out.push('.');
    }
    if !out.is_empty() && trailing {
        out.push('/');
    }
    if absolute {
        out.insert(0, '/');
    }
    out
}

/// `path.resolve(given)`: absolute and normalised, without a trailing slash (but `/`).
pub fn resolve(given: &str, cwd: &str) -> String {
    let joined = if given.starts_with('/') {
        given.to_string()
    } else {
        format!("{cwd}/{given}")
    };
    let out = normalize(&joined);
    match out.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped.to_string(),
        _ => out,
    }
}

/// `path.basename` of a path without a trailing slash.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// JavaScript's `<` on strings: UTF-16 code units, not UTF-8 bytes (they differ above U+FFFF).
pub fn js_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// A PATH that cannot be scanned: walk.ts's `cannot scan PATH: CODE`, left to the JavaScript CLI.
pub struct PathError;

/// A PATH to walk, stat'ed.
pub struct Root {
    /// The PATH as given.
    given: String,
    /// `path.resolve(given)`.
    absolute: String,
    is_file: bool,
}

/// Every PATH, stat'ed before anything is walked or read, so that one that cannot be is a
/// `PathError` before any work (the JavaScript CLI reports it).
pub fn roots(paths: &[String], cwd: &str) -> Result<Vec<Root>, PathError> {
    paths
        .iter()
        .map(|given| {
            let absolute = resolve(given, cwd);
            let info = fs::metadata(&absolute).map_err(|_| PathError)?;
            Ok(Root {
                given: given.clone(),
                absolute,
                is_file: info.is_file(),
            })
        })
        .collect()
}

/// `walk`: gives `found` the files of every root as they are met, and returns how many were
/// skipped as binary by name. walk.ts sorts the files by reported path; here the scan is under
/// way while the walk goes on, so whoever reports findings sorts them (`js_order`) instead.
pub fn walk(roots: &[Root], include_node_modules: bool, found: &mut dyn FnMut(FileEntry)) -> usize {
    let mut binary = 0;
    let mut add = |entry: FileEntry| {
        if is_binary_name(&entry.file) {
            binary += 1;
        } else {
            found(entry);
        }
    };
    let several = roots.len() > 1;
    for root in roots {
        if root.is_file {
            let file = if several {
                normalize(&root.given)
            } else {
                basename(&root.absolute).to_string()
            };
            add(FileEntry {
                absolute: root.absolute.clone(),
                file,
            });
            continue;
        }
        let prefix = if several {
            let normal = normalize(&root.given);
            format!("{}/", normal.strip_suffix('/').unwrap_or(&normal))
        } else {
            String::new()
        };
        let base = if root.absolute.ends_with('/') {
            root.absolute.clone()
        } else {
            format!("{}/", root.absolute)
        };
        crawl(&base, "", include_node_modules, &mut |relative| {
            add(FileEntry {
                absolute: format!("{base}{relative}"),
                file: format!("{prefix}{relative}"),
            })
        });
    }
    binary
}

/// fdir's synchronous walk below `base` + `relative` (a directory, `relative` empty or ending in `/`).
fn crawl(base: &str, relative: &str, include_node_modules: bool, found: &mut dyn FnMut(String)) {
    let Ok(dir) = fs::read_dir(Path::new(&format!("{base}{relative}"))) else {
        return;
    };
    for entry in dir.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_file() || kind.is_symlink() {
            found(format!("{relative}{name}"));
        } else if kind.is_dir()
            && name != ".git"
            && (include_node_modules || name != "node_modules")
        {
            crawl(
                base,
                &format!("{relative}{name}/"),
                include_node_modules,
                found,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_as_node_does() {
        for (input, want) in [
            (".", "."),
            ("./", "./"),
            ("./src/", "src/"),
            ("src//a/../b/", "src/b/"),
            ("/", "/"),
            ("//a", "/a"),
            ("../x/./y/", "../x/y/"),
            ("", "."),
            ("a/..", "."),
            ("a/../..", ".."),
            ("/..", "/"),
            ("/../a/", "/a/"),
        ] {
            assert_eq!(normalize(input), want, "{input}");
        }
        assert_eq!(resolve("../b/", "/w/a"), "/w/b");
        assert_eq!(resolve("/", "/w"), "/");
        assert_eq!(resolve(".", "/w"), "/w");
    }

    #[test]
    fn knows_binary_names_as_extname_does() {
        assert!(is_binary_name("dir/a.PNG"));
        assert!(is_binary_name("..png"));
        assert!(is_binary_name("x.tar.gz"));
        assert!(!is_binary_name(".png"));
        assert!(!is_binary_name("png"));
        assert!(!is_binary_name("a.png/readme"));
        assert!(!is_binary_name("a."));
    }

    #[test]
    fn orders_by_utf16_code_units() {
        // U+FF5E sorts after U+1F600 in UTF-16 (0xD83D < 0xFF5E), before it in UTF-8
        assert_eq!(js_order("\u{ff5e}", "\u{1f600}"), Ordering::Greater);
        assert_eq!(js_order("a/b", "a-b"), Ordering::Greater);
    }
}
