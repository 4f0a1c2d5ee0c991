//! The checks a candidate must pass: ../src/checks (entropy, placeholders, documentation
//! examples), ../src/checksum, and the rules' `validate` and `precheck` functions, which the
//! manifest names by rule id. JavaScript strings are UTF-16, so whatever counts or slices
//! characters works on the secret's UTF-16 code units.

use std::collections::HashSet;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::decode::node_base64;
use crate::manifest::{ChecksData, RuleSpec};
use crate::types::Source;

/// A rule's `validate` function, implemented here by rule id (the TypeScript is in the comment
/// of each arm of [`Checks::validate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validator {
    /// context-rule.ts's `mixedCase`.
    MixedCase,
    AwsSecretAccessKey,
    PrivateKey,
    Jwt,
    PuttyPrivateKey,
    UrlBasicAuth,
}

/// A rule's `checksum` function (`github-token.ts`, `gitlab-routable.ts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checksum {
    Github,
    GitlabRoutable,
}

/// A rule's `precheck` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Precheck {
    UrlBasicAuth,
}

/// The checks of one manifest, resolved once: every `validate`, `precheck` and `checksum` the
/// rules name must be implemented here, or loading fails (a silent pass would report what the
/// TypeScript engine rejects).
pub struct Checks {
    validators: Vec<Option<Validator>>,
    checksums: Vec<Option<Checksum>>,
    prechecks: Vec<Option<Precheck>>,
    documentation_examples: HashSet<String>,
    /// Every stopword in lower, UPPER and Capitalised form (`FORMS` in placeholders.ts).
    stopword_forms: Vec<Vec<u16>>,
    url_placeholder_passwords: HashSet<String>,
}

impl Checks {
    pub fn new(rules: &[RuleSpec], data: &ChecksData) -> Result<Checks, String> {
        let mixed_case: HashSet<&str> = data.mixed_case_rules.iter().map(String::as_str).collect();
        let mut problems = Vec::new();
        let validators = resolve(rules, &mut problems, |rule| validator_of(rule, &mixed_case));
        let checksums = resolve(rules, &mut problems, checksum_of);
        let prechecks = resolve(rules, &mut problems, precheck_of);
        if !problems.is_empty() {
            return Err(problems.join("\n"));
        }
        Ok(Checks {
            validators,
            checksums,
            prechecks,
            documentation_examples: data.documentation_example_hashes.iter().cloned().collect(),
            stopword_forms: stopword_forms(&data.stopwords),
            url_placeholder_passwords: data.url_placeholder_passwords.iter().cloned().collect(),
        })
    }

    /// The rule's `checksum` function, if it has one.
    pub fn checksum(&self, rule: usize) -> Option<Checksum> {
        self.checksums[rule]
    }

    /// A hash of a key printed in vendors' documentation (doc-examples.ts): a placeholder.
    pub fn is_documentation_example(&self, hash: &str) -> bool {
        self.documentation_examples.contains(hash)
    }

    /// The rule's `precheck` over [from, to) of `source` (true when the rule has none). Only
    /// the characters' codes below 256 matter, so the latin1 view of decoded text is enough.
    pub fn precheck(&self, rule: usize, source: &Source, from: usize, to: usize) -> bool {
        match self.prechecks[rule] {
            None => true,
            Some(Precheck::UrlBasicAuth) => url_basic_auth_precheck(source.text, from, to),
        }
    }

    /// The rule's `validate` (true when it has none). `secret` and `units` are the same string,
    /// in UTF-8 and UTF-16; `groups` are the match's named groups that took part.
    pub fn validate(
        &self,
        rule: usize,
        secret: &str,
        units: &[u16],
        groups: &[(String, String)],
    ) -> bool {
        let has = |f: fn(&u8) -> bool| secret.as_bytes().iter().any(f);
        match self.validators[rule] {
            None => true,
            // /[A-Z]/.test(secret) && /[a-z]/.test(secret)
            Some(Validator::MixedCase) => {
                has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase)
            }
            // ... && /[0-9]/.test(secret)
            Some(Validator::AwsSecretAccessKey) => {
                has(u8::is_ascii_uppercase)
                    && has(u8::is_ascii_lowercase)
                    && has(u8::is_ascii_digit)
            }
            Some(Validator::PrivateKey) => private_key_valid(units),
            Some(Validator::Jwt) => jwt_valid(secret),
            Some(Validator::PuttyPrivateKey) => putty_has_private_lines(secret.as_bytes()),
            Some(Validator::UrlBasicAuth) => self.url_basic_auth_valid(secret, groups),
        }
    }

    /// `isPlaceholder` (placeholders.ts): true when the body looks like a template, a stopword, a
    /// run of one character or a counting sequence.
    pub fn is_placeholder(&self, body: &[u16]) -> bool {
        if body.is_empty() {
            return true;
        }
        // TEMPLATE: characters no generated key contains but templates do, or "..."
        let template = body
            .iter()
            .any(|&c| matches!(c, 0x3C | 0x3E | 0x7B | 0x7D | 0x24 | 0x25 | 0x2A))
            || contains(body, &[0x2E, 0x2E, 0x2E]);
        if template || self.stopword_forms.iter().any(|form| contains(body, form)) {
            return true;
        }
        // a run of 8 or more of one character ("00000000", "aaaaaaaa")
        if longest_run(body) >= 8 {
            return true;
        }
        // bodies built from three characters or fewer ("abababab", "0a0a0a0a")
        if body.len() >= 12 && at_most_distinct(body, 3) {
            return true;
        }
        has_counting_run(body)
    }

    /// url-basic-auth's `validate`: templates, placeholder passwords, user == password and
    /// documentation or loopback hosts are not reported.
    fn url_basic_auth_valid(&self, secret: &str, groups: &[(String, String)]) -> bool {
        let group = |name: &str| {
            groups
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        if group("user") == Some(secret) || placeholder_host(group("host").unwrap_or("")) {
            return false;
        }
        // PLACEHOLDER_PASSWORDS.has(lower) || /^[x*.]+$/i.test(secret)
        if self
            .url_placeholder_passwords
            .contains(&secret.to_lowercase())
            || (!secret.is_empty()
                && secret
                    .bytes()
                    .all(|c| matches!(c, b'x' | b'X' | b'*' | b'.')))
        {
            return false;
        }
        // /[$*]|%(?![0-9A-Fa-f]{2})/: a template or a `%` that is no escape
        let b = secret.as_bytes();
        let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
        let bad = b
            .iter()
            .enumerate()
            .any(|(i, &c)| c == b'$' || c == b'*' || (c == b'%' && !(hex(i + 1) && hex(i + 2))));
        !bad
    }
}

/// One check per rule, or a problem for each rule whose check has no native implementation.
fn resolve<T>(
    rules: &[RuleSpec],
    problems: &mut Vec<String>,
    check_of: impl Fn(&RuleSpec) -> Result<Option<T>, String>,
) -> Vec<Option<T>> {
    rules
        .iter()
        .map(|rule| {
            check_of(rule).unwrap_or_else(|problem| {
                problems.push(problem);
                None
            })
        })
        .collect()
}

fn validator_of(rule: &RuleSpec, mixed_case: &HashSet<&str>) -> Result<Option<Validator>, String> {
    if !rule.validate {
        return Ok(None);
    }
    let validator = match rule.id.as_str() {
        id if mixed_case.contains(id) => Validator::MixedCase,
        "aws-secret-access-key" => Validator::AwsSecretAccessKey,
        "private-key" => Validator::PrivateKey,
        "jwt" => Validator::Jwt,
        "putty-private-key" => Validator::PuttyPrivateKey,
        "url-basic-auth" => Validator::UrlBasicAuth,
        id => {
            return Err(format!(
                "{id}: a validate function with no native implementation"
            ))
        }
    };
    Ok(Some(validator))
}

fn checksum_of(rule: &RuleSpec) -> Result<Option<Checksum>, String> {
    match rule.checksum.as_deref() {
        None => Ok(None),
        Some("github") => Ok(Some(Checksum::Github)),
        Some("gitlab-routable") => Ok(Some(Checksum::GitlabRoutable)),
        Some(other) => Err(format!(
            "{}: checksum {other} has no native implementation",
            rule.id
        )),
    }
}

fn precheck_of(rule: &RuleSpec) -> Result<Option<Precheck>, String> {
    match (rule.precheck, rule.id.as_str()) {
        (false, _) => Ok(None),
        (true, "url-basic-auth") => Ok(Some(Precheck::UrlBasicAuth)),
        (true, id) => Err(format!(
            "{id}: a precheck function with no native implementation"
        )),
    }
}

/// `FORMS` of placeholders.ts: every stopword in lower, UPPER and Capitalised form.
fn stopword_forms(stopwords: &[String]) -> Vec<Vec<u16>> {
    stopwords
        .iter()
        .flat_map(|w| {
            let mut chars = w.chars();
            let capitalised: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            [w.clone(), w.to_uppercase(), capitalised]
        })
        .map(|form| form.encode_utf16().collect())
        .collect()
}

/// `shannonEntropy` (entropy.ts): bits per character, summed over the distinct characters in
/// the order they first appear, as the TypeScript does, so the float result is the same.
pub fn shannon_entropy(text: &[u16]) -> f64 {
    let n = text.len();
    if n == 0 {
        return 0.0;
    }
    let mut low = [0u32; 256];
    let mut high: Vec<(u16, u32)> = Vec::new();
    let mut seen: Vec<u16> = Vec::new();
    for &c in text {
        if c < 256 {
            if low[c as usize] == 0 {
                seen.push(c);
            }
            low[c as usize] += 1;
        } else if let Some(entry) = high.iter_mut().find(|(h, _)| *h == c) {
            entry.1 += 1;
        } else {
            seen.push(c);
            high.push((c, 1));
        }
    }
    let mut bits = 0.0;
    for c in seen {
        let count = if c < 256 {
            low[c as usize]
        } else {
            high.iter().find(|(h, _)| *h == c).map_or(0, |e| e.1)
        };
        let p = f64::from(count) / n as f64;
        bits -= p * js_log2(p);
    }
    bits
}

/// `Math.log2` as Node 20's V8 computes it (fdlibm's e_log2.c, V8's ieee754::log2), for
/// positive finite x: the platform's log2 differs from it in the last bit for about 1 % of
/// the ratios entropy takes, and an entropy exactly at a rule's threshold must decide alike.
fn js_log2(x: f64) -> f64 {
    // fdlibm's constants, by their bits
    const IVLN2HI: f64 = f64::from_bits(0x3ff7_1547_6520_0000);
    const IVLN2LO: f64 = f64::from_bits(0x3de7_05fc_2eef_a200);
    const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
    const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
    const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
    const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
    const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
    const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
    const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);
    let bits = x.to_bits();
    let (mut hx, lx) = ((bits >> 32) as i32, bits as u32);
    let mut k: i32 = 0;
    let mut x = x;
    if hx < 0x0010_0000 {
        // subnormal (ratios of counts never are; kept so the function is whole)
        if (hx & 0x7fff_ffff) as u32 | lx == 0 {
            return f64::NEG_INFINITY;
        }
        if hx < 0 {
            return f64::NAN;
        }
        k -= 54;
        x *= 18_014_398_509_481_984.0; // 2^54
        hx = (x.to_bits() >> 32) as i32;
    }
    if hx >= 0x7ff0_0000 {
        return x + x;
    }
    if hx == 0x3ff0_0000 && lx == 0 {
        return 0.0;
    }
    k += (hx >> 20) - 0x3ff;
    hx &= 0x000f_ffff;
    let i = (hx + 0x95f64) & 0x0010_0000;
    // normalize x or x/2
    x = f64::from_bits(
        (((hx | (i ^ 0x3ff0_0000)) as u32 as u64) << 32) | (x.to_bits() & 0xffff_ffff),
    );
    k += i >> 20;
    let y = f64::from(k);
    let f = x - 1.0;
    let hfsq = 0.5 * f * f;
    // k_log1p(f)
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = s * (hfsq + (t2 + t1));
    let hi = f64::from_bits((f - hfsq).to_bits() & 0xffff_ffff_0000_0000);
    let lo = (f - hi) - hfsq + r;
    let val_hi = hi * IVLN2HI;
    let mut val_lo = (lo + hi) * IVLN2LO + lo * IVLN2HI;
    let w = y + val_hi;
    val_lo += (y - w) + val_hi;
    val_lo + w
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u16], needle: &[u16]) -> bool {
    // the first unit before the rest: a slice compare is a memcmp call, and the stopword forms
    // are tried at every offset of every candidate (3 % of a large-corpus scan when it was not)
    let Some(&first) = needle.first() else {
        return true;
    };
    haystack
        .windows(needle.len())
        .any(|w| w[0] == first && w[1..] == needle[1..])
}

/// Length of the longest run of one code unit.
fn longest_run(text: &[u16]) -> usize {
    let mut longest = usize::from(!text.is_empty());
    let mut run = 1;
    for pair in text.windows(2) {
        run = if pair[0] == pair[1] { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    longest
}

/// True when `text` holds `max` different characters or fewer.
fn at_most_distinct(text: &[u16], max: usize) -> bool {
    let mut distinct: Vec<u16> = Vec::with_capacity(max);
    for &c in text {
        if distinct.contains(&c) {
            continue;
        }
        if distinct.len() == max {
            return false;
        }
        distinct.push(c);
    }
    true
}

/// `SEQUENTIAL_RUN`: 8 characters counting up within 0-9, a-z or A-Z ("01234567", "cdefghij").
fn has_counting_run(text: &[u16]) -> bool {
    let class = |c: u16| match c {
        0x30..=0x39 => 1,
        0x61..=0x7A => 2,
        0x41..=0x5A => 3,
        _ => 0,
    };
    let mut run = 1;
    for pair in text.windows(2) {
        let same =
            class(pair[0]) != 0 && class(pair[0]) == class(pair[1]) && pair[1] == pair[0] + 1;
        run = if same { run + 1 } else { 1 };
        if run >= 8 {
            return true;
        }
    }
    false
}

/// `\s` of JavaScript regexes (WhiteSpace and LineTerminator).
pub(crate) fn is_js_space(c: u16) -> bool {
    matches!(c, 0x09..=0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF)
}

/// `/(.)\1{7}/`: a character other than a line terminator repeated 8 times.
fn has_run_of_8(text: &[u16]) -> bool {
    let mut run = 1;
    for pair in text.windows(2) {
        let line_end = matches!(pair[0], 0x0A | 0x0D | 0x2028 | 0x2029);
        run = if pair[0] == pair[1] && !line_end {
            run + 1
        } else {
            1
        };
        if run >= 8 {
            return true;
        }
    }
    false
}

/// url-basic-auth's `precheck`: only look further when `user:…@` follows before the URL's
/// authority could have ended.
fn url_basic_auth_precheck(text: &[u8], from: usize, to: usize) -> bool {
    let mut colon = false;
    for &c in text.iter().take(to.min(from + 200)).skip(from) {
        match c {
            b'@' => return colon,
            b':' => colon = true,
            b'/' | b'"' | b'\'' | b'<' | b'>' | b'`' => return false,
            c if c <= 32 => return false,
            _ => {}
        }
    }
    false
}

/// `PLACEHOLDER_HOSTS` of url-basic-auth.ts: documentation and loopback hosts, any case.
fn placeholder_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    let ends = |rest: &str| rest.is_empty() || rest.starts_with(':') || rest.starts_with('/');
    let named = [
        "localhost",
        "127.0.0.1",
        "0.0.0.0",
        "host",
        "hostname",
        "example.com",
        "example.org",
        "example.net",
    ]
    .iter()
    .any(|name| h.strip_prefix(name).is_some_and(ends));
    // [^@]*\.example(?:\.com)?
    named
        || h.match_indices(".example").any(|(i, m)| {
            let rest = &h[i + m.len()..];
            !h[..i].contains('@') && (ends(rest) || rest.strip_prefix(".com").is_some_and(ends))
        })
}

/// putty-private-key's `validate`: /Private-Lines: [0-9]+\r?\n/.
fn putty_has_private_lines(secret: &[u8]) -> bool {
    const LABEL: &[u8] = b"Private-Lines: ";
    memchr::memmem::find_iter(secret, LABEL).any(|i| {
        let rest = &secret[i + LABEL.len()..];
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && (rest[digits..].starts_with(b"\n") || rest[digits..].starts_with(b"\r\n"))
    })
}

/// private-key's `validate`: the key material (escapes, quotes, header, footer, whitespace and
/// `Name: value` lines removed) is at least 64 characters of entropy ≥ 4.5 with no run of 8.
fn private_key_valid(secret: &[u16]) -> bool {
    const BS: u16 = b'\\' as u16;
    const NL: u16 = b'\n' as u16;
    let quote = |c: u16| c == u16::from(b'"') || c == u16::from(b'\'') || c == u16::from(b'`');
    // .replace(/\\[nr]/g, '\n')
    let mut a = Vec::with_capacity(secret.len());
    let mut i = 0;
    while i < secret.len() {
        if secret[i] == BS
            && matches!(secret.get(i + 1), Some(&c) if c == u16::from(b'n') || c == u16::from(b'r'))
        {
            a.push(NL);
            i += 2;
        } else {
            a.push(secret[i]);
            i += 1;
        }
    }
    // .replace(/\\?["'`]|\\\\/g, '')
    let mut b = Vec::with_capacity(a.len());
    let mut i = 0;
    while i < a.len() {
        let next = a.get(i + 1).copied();
        if a[i] == BS && next.is_some_and(|n| quote(n) || n == BS) {
            i += 2;
        } else if quote(a[i]) {
            i += 1;
        } else {
            b.push(a[i]);
            i += 1;
        }
    }
    let body = strip_pem_frame(&b);
    body.len() >= 64 && shannon_entropy(&body) >= 4.5 && !has_run_of_8(&body)
}

/// `.replace(/^-----BEGIN[^\n]*-----|-----END[^\n]*-----$|\s|[A-Za-z-]+:[^\n]*/g, '')`, one
/// pass left to right trying the alternatives in order at each position, as the regex does.
fn strip_pem_frame(s: &[u16]) -> Vec<u16> {
    const NL: u16 = b'\n' as u16;
    const DASH: u16 = b'-' as u16;
    let units = |lit: &str| lit.encode_utf16().collect::<Vec<u16>>();
    let (begin, end, dashes) = (units("-----BEGIN"), units("-----END"), units("-----"));
    let n = s.len();
    let first_newline = s.iter().position(|&c| c == NL).unwrap_or(n);
    let last_newline = s.iter().rposition(|&c| c == NL);
    let ends_with_dashes = s.ends_with(&dashes);
    let letter_or_dash = |c: u16| c == DASH || (c < 128 && (c as u8).is_ascii_alphabetic());
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    // end of the [A-Za-z-] run that position i is in (shared by every position of the run)
    let mut run_end = 0;
    while i < n {
        // ^-----BEGIN[^\n]*-----: to the last "-----" before the first newline
        if i == 0 && s.starts_with(&begin) {
            let limit = first_newline;
            if let Some(at) = (begin.len()..=limit.saturating_sub(5))
                .rev()
                .find(|&j| j + 5 <= limit && s[j..j + 5] == dashes[..])
            {
                i = at + 5;
                continue;
            }
        }
        // -----END[^\n]*-----$: no newline after it, and the input ends with "-----"
        if s[i] == DASH
            && s[i..].starts_with(&end)
            && ends_with_dashes
            && n >= i + end.len() + 5
            && last_newline.is_none_or(|nl| nl < i + end.len() || nl >= n - 5)
        {
            break;
        }
        if is_js_space(s[i]) {
            i += 1;
            continue;
        }
        // [A-Za-z-]+:[^\n]*
        if letter_or_dash(s[i]) {
            if run_end <= i {
                run_end = i;
                while run_end < n && letter_or_dash(s[run_end]) {
                    run_end += 1;
                }
            }
            if s.get(run_end) == Some(&u16::from(b':')) {
                i = s[run_end..]
                    .iter()
                    .position(|&c| c == NL)
                    .map_or(n, |p| run_end + p);
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// jwt's `validate`: the header decodes to a JSON object with an `alg` string other than
/// "none", the payload to a JSON object, and the signature has no run of 8.
fn jwt_valid(secret: &str) -> bool {
    let mut parts = secret.split('.');
    let (header, payload) = (parts.next().unwrap_or(""), parts.next());
    // `secret.split('.')` gives fewer than 3 parts only for shapes the pattern never matches;
    // JavaScript then tests the string "undefined"
    let signature = parts.next().unwrap_or("undefined");
    let Some(payload) = payload else { return false };
    let alg_ok = matches!(decode_json::<Header>(header), Some((Header { alg: Some(alg) }, _)) if alg.to_lowercase() != "none");
    alg_ok
        && decode_json::<IgnoredAny>(payload).is_some_and(|(_, text)| {
            text.trim_start_matches([' ', '\t', '\n', '\r'])
                .starts_with(['{', '['])
        })
        && !has_run_of_8(&signature.encode_utf16().collect::<Vec<u16>>())
}

/// `JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))`, None where it throws, with
/// the decoded text: the payload only has to be an object or an array (`typeof p === 'object'
/// && p !== null`), which its first character tells.
///
/// serde_json rejects a few texts JSON.parse takes (a lone surrogate escape, nesting deeper
/// than 128); no real JWT holds either.
fn decode_json<T: for<'de> Deserialize<'de>>(part: &str) -> Option<(T, String)> {
    let bytes = node_base64(part.as_bytes());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    serde_json::from_str::<T>(&text)
        .ok()
        .map(|value| (value, text))
}

/// A JWT header: `alg` when it is a string (the last one, as JSON.parse keeps the last).
struct Header {
    alg: Option<String>,
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Header;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
                let mut alg = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "alg" {
                        alg = match map.next_value::<serde_json::Value>()? {
                            serde_json::Value::String(s) => Some(s),
                            _ => None,
                        };
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Header { alg })
            }
        }
        d.deserialize_map(V)
    }
}

/// `verifyGithubStyleToken` (github-token.ts): the last 6 characters are CRC-32 of the 30
/// before them (after the first `_`), in base62.
pub fn verify_github_style_token(token: &[u16]) -> bool {
    let Some(sep) = token.iter().position(|&c| c == u16::from(b'_')) else {
        return false;
    };
    let body = &token[sep + 1..];
    if body.len() != 36 {
        return false;
    }
    let crc = crc32(&body[..30]);
    encode_base(crc, BASE62, 6)
        .encode_utf16()
        .eq(body[30..].iter().copied())
}

/// `verifyGitlabRoutableToken` (gitlab-routable.ts): `prefix-[t1_]payload.[01.]` then the
/// payload's length in base36 (2) and CRC-32 of everything before the CRC in base36 (7).
pub fn verify_gitlab_routable_token(token: &[u16]) -> bool {
    let is = |c: u16, f: fn(&u8) -> bool| c < 128 && f(&(c as u8));
    let base36_digit = |c: u16| is(c, u8::is_ascii_digit) || is(c, u8::is_ascii_lowercase);
    let payload_char =
        |c: u16| is(c, u8::is_ascii_alphanumeric) || c == u16::from(b'_') || c == u16::from(b'-');
    // ^[A-Za-z0-9]+- : the name runs to the first '-'
    let name = token
        .iter()
        .take_while(|&&c| is(c, u8::is_ascii_alphanumeric))
        .count();
    if name == 0 || token.get(name) != Some(&u16::from(b'-')) {
        return false;
    }
    let after_dash = name + 1;
    // [0-9A-Za-z_-]+ then '.': the payload runs to the first character outside its class
    let payload_end = after_dash
        + token[after_dash..]
            .iter()
            .take_while(|&&c| payload_char(c))
            .count();
    // (?:t\d_)? is tried first, and given up when the payload would then be empty
    let routed = token.len() >= after_dash + 3
        && token[after_dash] == u16::from(b't')
        && is(token[after_dash + 1], u8::is_ascii_digit)
        && token[after_dash + 2] == u16::from(b'_')
        && payload_end > after_dash + 3;
    let payload_start = if routed { after_dash + 3 } else { after_dash };
    if payload_end == payload_start || token.get(payload_end) != Some(&u16::from(b'.')) {
        return false;
    }
    let mut tail = &token[payload_end + 1..];
    if tail.len() == 12 && tail[..3] == [u16::from(b'0'), u16::from(b'1'), u16::from(b'.')] {
        tail = &tail[3..];
    }
    if tail.len() != 9 || !tail.iter().all(|&c| base36_digit(c)) {
        return false;
    }
    let digit = |c: u16| BASE36.iter().position(|&d| u16::from(d) == c).unwrap_or(0);
    if digit(tail[0]) * 36 + digit(tail[1]) != payload_end - payload_start {
        return false;
    }
    let crc = crc32(&token[..token.len() - 7]);
    encode_base(crc, BASE36, 7)
        .encode_utf16()
        .eq(tail[2..].iter().copied())
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// `encodeBase` (base-n.ts): digits in the alphabet's base, left-padded with its zero digit.
fn encode_base(value: u32, alphabet: &[u8], width: usize) -> String {
    let base = alphabet.len() as u32;
    let mut digits = Vec::new();
    let mut n = value;
    loop {
        digits.push(alphabet[(n % base) as usize]);
        n /= base;
        if n == 0 {
            break;
        }
    }
    digits.resize(digits.len().max(width), alphabet[0]);
    digits.iter().rev().map(|&d| d as char).collect()
}

/// CRC-32 of the UTF-8 bytes of a JavaScript string (`crc32` in crc32.ts).
fn crc32(units: &[u16]) -> u32 {
    crc32fast::hash(String::from_utf16_lossy(units).as_bytes())
}

#[cfg(test)]
mod tests;
