import { stat } from 'node:fs/promises';
import path from 'node:path';
import { globToRegExp } from '@keyguard/detectors';
import { fdir } from 'fdir';
import { CliError } from './errors.js';

export interface FileEntry {
  /** Absolute path to read. */
  absolute: string;
  /** POSIX path reported in findings: relative to the scanned root. */
  file: string;
}

export interface WalkOptions {
  includeNodeModules: boolean;
  exclude: readonly string[];
}

export interface WalkStats {
  binary: number;
}

/** Extensions that are never text worth scanning (the content sniff catches the rest). */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif webp ico bmp tif tiff psd heic avif pdf zip gz tgz bz2 xz zst 7z rar jar war ear ' +
    'class so dylib dll exe bin o a lib obj wasm node woff woff2 ttf otf eot mp3 mp4 m4a mov avi mkv webm ' +
    'ogg wav flac pyc pyo sqlite sqlite3 db iso dmg img'
  ).split(' '),
);

export const isBinaryName = (name: string): boolean => BINARY_EXTENSIONS.has(path.extname(name).slice(1).toLowerCase());

/** Reported paths use `/`; on POSIX systems they already do (no split and join per file). */
const toPosix = path.sep === '/' ? (p: string): string => p : (p: string): string => p.split(path.sep).join('/');

/**
 * Expands the command-line PATHs into files. Directories are crawled with fdir (dotfiles
 * included; .git always and node_modules unless asked are skipped; `exclude` globs as the
 * allowlist's); a file PATH is taken as is. With several PATHs, reported paths are prefixed with
 * the PATH as given, so they stay distinct. The crawl is synchronous and asks for no file sizes
 * (a file's size is checked when it is read): on 6,500 files it takes ~10 ms of CPU, where
 * fast-glob's async walk with a stat per file took 110-190 ms.
 */
export async function walk(paths: readonly string[], options: WalkOptions, stats: WalkStats): Promise<FileEntry[]> {
  const skipDirs = new Set(['.git', ...(options.includeNodeModules ? [] : ['node_modules'])]);
  const excluded = options.exclude.map(globToRegExp);
  const entries: FileEntry[] = [];
  for (const given of paths) {
    const root = path.resolve(given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(root);
    } catch (error) {
      throw new CliError('PATH_NOT_FOUND', `cannot scan ${given}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    const prefix = paths.length > 1 ? `${toPosix(path.normalize(given)).replace(/\/$/, '')}/` : '';
    if (info.isFile()) {
      const file = paths.length > 1 ? toPosix(path.normalize(given)) : path.basename(root);
      add(entries, { absolute: root, file }, stats);
      continue;
    }
    const found = new fdir()
      .withRelativePaths()
      .exclude((name) => skipDirs.has(name))
      .filter((relative) => !excluded.some((re) => re.test(toPosix(relative))))
      .crawl(root)
      .sync();
    // fdir's relative paths are already normalised: a concatenation, not path.join, per file
    const base = root.endsWith(path.sep) ? root : root + path.sep;
    for (const relative of found) add(entries, { absolute: base + relative, file: prefix + toPosix(relative) }, stats);
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return entries;
}

function add(entries: FileEntry[], entry: FileEntry, stats: WalkStats): void {
  if (isBinaryName(entry.file)) stats.binary++;
  else entries.push(entry);
}
