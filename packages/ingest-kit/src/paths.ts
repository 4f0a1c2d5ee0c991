/** Paths whose content is third-party or generated: scanning them reports other people's leaks. */
const VENDORED =
  /(?:^|\/)(?:node_modules|vendor|vendors|third[_-]party|bower_components|Godeps|\.yarn|jspm_packages|Pods|Carthage)\/|(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|composer\.lock|Gemfile\.lock|poetry\.lock)$|\.min\.(?:js|css)$|\.map$/;

const BINARY =
  /\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|ear|class|so|dylib|dll|exe|bin|o|a|lib|wasm|pyc|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|wav|flac|ogg|sqlite|db|dat|iso|dmg|deb|rpm)$/i;

export function isVendoredPath(path: string): boolean {
  return VENDORED.test(path);
}

export function isBinaryPath(path: string): boolean {
  return BINARY.test(path);
}

/** Content that looks binary (a NUL byte in the first 8 KB), as git decides. */
export function looksBinary(content: Buffer | string): boolean {
  if (typeof content === 'string') return content.slice(0, 8192).includes('\u0000');
  return content.subarray(0, 8192).includes(0);
}

export function shouldScanPath(path: string): boolean {
  return !isVendoredPath(path) && !isBinaryPath(path);
}
