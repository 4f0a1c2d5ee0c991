const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 0x22, '\\': 0x5c };

/**
 * Decodes a path git printed C-quoted (`"dir/tab\there.txt"`, `"caf\303\251"`): the escapes
 * git's quote_c_style writes, octal bytes reassembled and decoded as UTF-8.
 */
export function unquoteCPath(quoted: Buffer): string {
  const out: number[] = [];
  const end = quoted[quoted.length - 1] === 0x22 ? quoted.length - 1 : quoted.length;
  for (let i = 1; i < end; i++) {
    const c = quoted[i]!;
    if (c !== 0x5c || i + 1 >= end) {
      out.push(c);
      continue;
    }
    const next = String.fromCharCode(quoted[i + 1]!);
    if (next >= '0' && next <= '7') {
      let value = 0;
      let digits = 0;
      while (digits < 3 && i + 1 < end && quoted[i + 1]! >= 0x30 && quoted[i + 1]! <= 0x37) {
        value = value * 8 + (quoted[i + 1]! - 0x30);
        i++;
        digits++;
      }
      out.push(value & 0xff);
    } else {
      out.push(ESCAPES[next] ?? quoted[i + 1]!);
      i++;
    }
  }
  return Buffer.from(out).toString('utf8');
}
