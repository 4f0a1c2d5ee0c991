import * as zlib from 'node:zlib';

type Crc32 = (data: string | Uint8Array) => number;

let table: Uint32Array | undefined;

/** Table-driven CRC-32 (IEEE 802.3, the zlib polynomial) for runtimes without zlib.crc32. */
export function crc32Table(data: string | Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: Crc32 }).crc32;

/** CRC-32 of the UTF-8 bytes: node:zlib's native crc32 (Node >= 20.15) or the table fallback. */
export const crc32: Crc32 = typeof native === 'function' ? (data) => native(data) >>> 0 : crc32Table;
