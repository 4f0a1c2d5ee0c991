//! Decoding (../src/engine/decode): the decoders, and the spans of a source worth decoding.

/// `Buffer.from(text, 'base64')` (and `'base64url'`, the same decoder) as Node 20 does it:
/// both alphabets, characters outside them skipped, decoding stops at the first `=`, a last
/// lone character is dropped and its trailing bits ignored (src/base64-inl.h).
pub(crate) fn node_base64(src: &[u8]) -> Vec<u8> {
    let capacity = decoded_size(src);
    let mut out = Vec::with_capacity(capacity);
    let mut quantum = [0u8; 4];
    let mut have = 0;
    for &c in src {
        let v = UNBASE64[c as usize];
        if v >= 64 {
            if c == b'=' {
                break;
            }
            continue;
        }
        quantum[have] = v;
        have += 1;
        // a byte is written as soon as its second sextet is read
        if out.len() < capacity {
            match have {
                2 => out.push((quantum[0] << 2) | (quantum[1] >> 4)),
                3 => out.push((quantum[1] << 4) | (quantum[2] >> 2)),
                4 => out.push((quantum[2] << 6) | quantum[3]),
                _ => {}
            }
        }
        if have == 4 {
            have = 0;
        }
    }
    out
}

/// `base64_decoded_size`: what Node allocates (the result never outgrows it).
fn decoded_size(src: &[u8]) -> usize {
    if src.len() < 2 {
        return 0;
    }
    let mut size = src.len();
    if src[size - 1] == b'=' {
        size -= 1;
        if src[size - 1] == b'=' {
            size -= 1;
        }
    }
    let remainder = size % 4;
    let whole = size / 4 * 3;
    match remainder {
        0 => whole,
        1 if whole == 0 => 0,
        r => whole + 1 + usize::from(r == 3),
    }
}

/// Node's `unbase64_table`: both alphabets; 255 for everything else (`=` included).
const UNBASE64: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'+' as usize] = 62;
    t[b'-' as usize] = 62;
    t[b'/' as usize] = 63;
    t[b'_' as usize] = 63;
    t
};
