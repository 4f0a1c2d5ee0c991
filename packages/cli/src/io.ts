export const VERSION = '0.1.0';
/** Files larger than this are skipped and counted (like gitleaks' --max-target-megabytes). */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: long scans draw a progress line on it. */
  stderrIsTTY?: boolean;
}

export const EXIT = { clean: 0, found: 1, error: 2 } as const;
