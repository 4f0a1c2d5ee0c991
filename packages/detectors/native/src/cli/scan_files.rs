//! Reading and scanning the files (packages/cli/src/scan-files.ts and read-file.ts): one
//! reused buffer per thread, at most `max_file_size + 1` bytes read (a file that fills them
//! is too large), a NUL byte in the first 8 KB marks a binary file.
//!
//! The walk and the scan overlap: the walk hands each file to a queue as it meets it, and the
//! scanning threads take them from there, a helper reading its first file while the main thread
//! loads the engine (~2 ms). With `--threads 2` on 8,000 small files the walk (~12 ms) and the
//! engine's load (then ~4 ms) were a sixth of the one-thread time that a second thread could
//! not share; now they run beside the scan. At the end, the files with findings or errors are
//! sorted into walk.ts' order (by reported path); the counts need no order.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread;

use keyguard_scan::types::Finding;
use keyguard_scan::Engine;
use memmap2::{MmapMut, MmapOptions};

use super::walk::{js_order, FileEntry};

/// What became of one file.
pub enum Outcome {
    Scanned {
        findings: Vec<Finding>,
        bytes: usize,
        rejected: usize,
    },
    TooLarge,
    Binary,
    /// Node's error code (`ENOENT`, `EISDIR`…).
    Unreadable(String),
}

/// `ScanTotals`, and the files with findings or errors, in walk.ts' order.
#[derive(Default)]
pub struct Totals {
    pub files: usize,
    pub bytes: usize,
    pub rejected: usize,
    pub binary: usize,
    pub too_large: usize,
    /// The files with findings, in file order.
    pub found: Vec<(FileEntry, Vec<Finding>)>,
    /// The files that could not be read, and why, in file order.
    pub errors: Vec<(FileEntry, String)>,
}

/// A walked file and its place in the walk (which breaks ties between equal reported paths,
/// as walk.ts' stable sort does).
type Walked = (usize, FileEntry);

/// Scans the files `walk` finds on `threads` threads (this one and `threads - 1` more), with
/// the engine in `engine` (loaded by the first thread that needs it). Returns the totals and
/// what `walk` returned.
pub fn scan_walk<W>(
    engine: &OnceLock<Engine>,
    walk: impl FnOnce(&mut dyn FnMut(FileEntry)) -> W,
    max_file_size: u64,
    threads: usize,
) -> (Totals, W) {
    let (queue, files) = mpsc::channel::<Walked>();
    let files = Mutex::new(files);
    let (outcomes, walked) = thread::scope(|scope| {
        // a helper starts with each of the second to the `threads`-th file, so no more threads
        // scan than there are files; a thread the system refuses (`-j 100000`) leaves its share to
        // the others, which take files until none is left (`scope.spawn` would abort the scan)
        let mut helpers = Vec::new();
        let mut refused = false;
        let mut next = 0;
        let walked = walk(&mut |entry| {
            // the receiving end lives until the scope ends: the send cannot fail
            let _ = queue.send((next, entry));
            next += 1;
            if !refused && helpers.len() + 1 < threads.min(next) {
                let files = &files;
                let helper = thread::Builder::new()
                    .spawn_scoped(scope, move || scan_queued(engine, files, max_file_size));
                match helper {
                    Ok(helper) => helpers.push(helper),
                    Err(_) => refused = true,
                }
            }
        });
        drop(queue);
        engine.get_or_init(Engine::load);
        let mut all = scan_queued(engine, &files, max_file_size);
        for helper in helpers {
            all.extend(helper.join().expect("a scanning thread panicked"));
        }
        (all, walked)
    });
    let mut totals = Totals::default();
    let (mut found, mut errors) = (Vec::new(), Vec::new());
    for (walked, outcome) in outcomes {
        match outcome {
            Outcome::Scanned {
                findings,
                bytes,
                rejected,
            } => {
                totals.files += 1;
                totals.bytes += bytes;
                totals.rejected += rejected;
                if !findings.is_empty() {
                    found.push((walked, findings));
                }
            }
            Outcome::TooLarge => totals.too_large += 1,
            Outcome::Binary => totals.binary += 1,
            Outcome::Unreadable(reason) => errors.push((walked, reason)),
        }
    }
    // only the few files reported need walk.ts' order; the counts have none
    totals.found = in_walk_order(found);
    totals.errors = in_walk_order(errors);
    (totals, walked)
}

/// `items` sorted as walk.ts sorts its files (by reported path; equal paths in walk order),
/// without the walk order.
fn in_walk_order<T>(mut items: Vec<(Walked, T)>) -> Vec<(FileEntry, T)> {
    items.sort_unstable_by(|((a, entry_a), _), ((b, entry_b), _)| {
        js_order(&entry_a.file, &entry_b.file).then(a.cmp(b))
    });
    items
        .into_iter()
        .map(|((_, entry), item)| (entry, item))
        .collect()
}

/// `scanClaimed`: takes the next queued file until the walk is over and none is left. The
/// engine is taken when a file needs it: a helper reads its first file while the first thread
/// loads it.
fn scan_queued(
    engine: &OnceLock<Engine>,
    files: &Mutex<Receiver<Walked>>,
    max_file_size: u64,
) -> Vec<(Walked, Outcome)> {
    let mut pool =
        ReadPool::for_files_up_to(max_file_size).expect("anonymous memory for the read buffer");
    let mut out = Vec::new();
    loop {
        // the lock is held while waiting for the walk: the other threads would wait as well
        let next = files.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(walked) = next else {
            return out;
        };
        let outcome = match read_into(&walked.1.absolute, &mut pool, max_file_size) {
            Err(error) => Outcome::Unreadable(error_code(&error)),
            Ok(None) => Outcome::TooLarge,
            Ok(Some(bytes)) if looks_binary(bytes) => Outcome::Binary,
            Ok(Some(bytes)) => {
                let (findings, stats) = engine.get_or_init(Engine::load).scan(bytes);
                Outcome::Scanned {
                    findings,
                    bytes: stats.bytes,
                    rejected: stats.rejected,
                }
            }
        };
        out.push((walked, outcome));
    }
}

/// A reusable read buffer, one per thread (`ReadPool`): its bytes stay initialised and only
/// grow, so no file costs a fresh allocation or a memset.
///
/// An anonymous mapping rather than a `Vec`: it starts on a page boundary, where the kernel
/// copies a file ~20 % faster than into malloc's 16-bytes-off buffer (16 ms against 21 for
/// the 128 MB bench corpus), its pages come zeroed without a memset, and it asks for huge
/// pages: the first 10 MB read into a 4 KB-paged buffer took 2,560 page faults, on each
/// scanning thread.
struct ReadPool(MmapMut);

impl ReadPool {
    /// The most a buffer starts with; beyond, it doubles as larger files come (`grow`).
    const START_MAX: usize = 64 << 20;

    /// A buffer as large as the largest file read can need, up to 64 MB: only the pages that
    /// files fill are ever faulted in (huge pages where the kernel has them), so it costs what
    /// a smaller one does, without growing. Starting at 1 MB, the first large file read 1 MB
    /// into 256 small pages, mapped the large buffer, copied that 1 MB over and unmapped it.
    fn for_files_up_to(max: u64) -> io::Result<ReadPool> {
        ReadPool::new(read_cap(max).min(Self::START_MAX))
    }

    fn new(len: usize) -> io::Result<ReadPool> {
        let map = MmapOptions::new().len(len).map_anon()?;
        // advice only: where the kernel has no transparent huge pages it stays 4 KB pages
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::HugePage);
        Ok(ReadPool(map))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// A bigger buffer holding what this one holds: twice as many bytes, at most `cap` (only a
    /// `--max-file-size` above `START_MAX` gets here).
    fn grow(&mut self, cap: usize) -> io::Result<()> {
        let len = self.len();
        let mut bigger = ReadPool::new((len * 2).min(cap))?;
        bigger.0[..len].copy_from_slice(&self.0);
        *self = bigger;
        Ok(())
    }
}

/// `readInto`: the whole file into the pool, or `None` when it has more than `max` bytes.
/// As in read-file.ts, at most `max + 1` bytes are read and a short read ends the file (a
/// regular file reads short only at its end: no second read to see 0 bytes). No fstat: the
/// buffer only grows, so once a thread has read its largest file every file is one read, and
/// on thousands of small files a fourth system call per file cost ~10 % of the scan.
fn read_into<'a>(path: &str, pool: &'a mut ReadPool, max: u64) -> io::Result<Option<&'a [u8]>> {
    let mut file = File::open(path)?;
    let cap = read_cap(max);
    let mut filled = 0;
    loop {
        if filled == pool.len() {
            pool.grow(cap)?;
        }
        let wanted = pool.len().min(cap) - filled;
        let read = match file.read(&mut pool.0[filled..filled + wanted]) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        filled += read;
        if filled as u64 > max {
            return Ok(None);
        }
        if read < wanted {
            return Ok(Some(&pool.0[..filled]));
        }
    }
}

/// Bytes to read of a file at most: one more than `max`, to see that a file is larger.
fn read_cap(max: u64) -> usize {
    usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX)
}

/// A NUL byte in the first 8 KB marks a binary file, as git and ripgrep decide.
fn looks_binary(buf: &[u8]) -> bool {
    memchr::memchr(0, &buf[..buf.len().min(8192)]).is_some()
}

/// The `code` Node gives an fs error (libuv's names of the Linux errno values).
fn error_code(error: &io::Error) -> String {
    let name = match error.raw_os_error() {
        Some(1) => "EPERM",
        Some(2) => "ENOENT",
        Some(4) => "EINTR",
        Some(5) => "EIO",
        Some(6) => "ENXIO",
        Some(9) => "EBADF",
        Some(11) => "EAGAIN",
        Some(12) => "ENOMEM",
        Some(13) => "EACCES",
        Some(16) => "EBUSY",
        Some(19) => "ENODEV",
        Some(20) => "ENOTDIR",
        Some(21) => "EISDIR",
        Some(22) => "EINVAL",
        Some(23) => "ENFILE",
        Some(24) => "EMFILE",
        Some(26) => "ETXTBSY",
        Some(27) => "EFBIG",
        Some(28) => "ENOSPC",
        Some(30) => "EROFS",
        Some(36) => "ENAMETOOLONG",
        Some(40) => "ELOOP",
        Some(75) => "EOVERFLOW",
        Some(95) => "ENOTSUP",
        Some(116) => "ESTALE",
        _ => "UNKNOWN",
    };
    name.to_string()
}
