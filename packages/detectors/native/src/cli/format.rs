//! The report (packages/cli/src/format.ts), byte for byte: JSON as `JSON.stringify(…, null, 2)`
//! prints it (serde_json's pretty printer writes the same layout and escapes), text lines,
//! SARIF 2.1.0, and the summary on stderr.

use serde::Serialize;

use keyguard_scan::manifest::{Confidence, RuleSpec};
use keyguard_scan::types::Finding;

/// A finding in a file (`ReportFinding`).
pub struct ReportFinding<'a> {
    pub finding: &'a Finding,
    pub file: &'a str,
}

/// `ReportStats` of a file scan.
#[derive(Serialize)]
pub struct ReportStats {
    pub files: usize,
    pub bytes: usize,
    pub ms: u128,
    pub rejected: usize,
    pub suppressed: usize,
    pub skipped: Skipped,
    pub errors: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub too_large: usize,
    pub binary: usize,
}

pub struct Report<'a> {
    pub findings: Vec<ReportFinding<'a>>,
    pub stats: ReportStats,
    pub rules: &'a [RuleSpec],
}

/// `VERSION` of packages/cli/src/io.ts (SARIF's `semanticVersion`; native-cli.test.ts compares the two reports).
const VERSION: &str = "0.1.0";

pub fn confidence_name(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn encodings(f: &Finding) -> Option<Vec<&'static str>> {
    (!f.encoding.is_empty()).then(|| f.encoding.iter().map(|e| e.name()).collect())
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("a report serialises");
    out.push('\n');
    out
}

/// `formatJson`: no raw secret, paths relative to the scanned root.
pub fn format_json(report: &Report) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Json<'a> {
        rule_id: &'a str,
        token_hash: &'a str,
        redacted: &'a str,
        file: &'a str,
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        confidence: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        encoding: Option<Vec<&'static str>>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        findings: Vec<Json<'a>>,
        stats: &'a ReportStats,
    }
    let findings = report
        .findings
        .iter()
        .map(|ReportFinding { finding: f, file }| {
            let rule = &report.rules[f.rule];
            Json {
                rule_id: &rule.id,
                token_hash: &f.token_hash,
                redacted: &f.redacted,
                file,
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                confidence: confidence_name(rule.confidence),
                encoding: encodings(f),
            }
        })
        .collect();
    pretty(&Out {
        findings,
        stats: &report.stats,
    })
}

/// `formatText`: `file:line:column: rule redacted (confidence[, json in base64])`.
pub fn format_text(report: &Report) -> String {
    let mut out = String::new();
    for ReportFinding { finding: f, file } in &report.findings {
        let rule = &report.rules[f.rule];
        out.push_str(&format!(
            "{file}:{}:{}: {} {} ({}",
            f.line,
            f.column,
            rule.id,
            f.redacted,
            confidence_name(rule.confidence)
        ));
        if !f.encoding.is_empty() {
            let inner_first: Vec<&str> = f.encoding.iter().rev().map(|e| e.name()).collect();
            out.push_str(&format!(", {}", inner_first.join(" in ")));
        }
        out.push_str(")\n");
    }
    out
}

/// `summary`: one line on stderr after a text report.
pub fn summary(report: &Report) -> String {
    let s = &report.stats;
    let n = report.findings.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let mut out = format!(
        "keyguard: {n} secret{} found in {} file{} ({} MB, {} ms); {} rejected by checksum/placeholder checks, {} suppressed by baseline, {} skipped ({} too large, {} binary)",
        plural(n),
        s.files,
        plural(s.files),
        to_fixed_1(s.bytes as f64 / 1e6),
        s.ms,
        s.rejected,
        s.suppressed,
        s.skipped.too_large + s.skipped.binary,
        s.skipped.too_large,
        s.skipped.binary,
    );
    if s.errors > 0 {
        out.push_str(&format!(", {} unreadable", s.errors));
    }
    out.push('\n');
    out
}

/// `Number.prototype.toFixed(1)` for x >= 0: the nearest of the exact value, and on an exact
/// tie (0.25) the larger, where Rust's formatting rounds a tie to even.
pub fn to_fixed_1(x: f64) -> String {
    let exact = format!("{x:.80}");
    let (int, frac) = exact
        .split_once('.')
        .expect("a fixed-point number has a point");
    if frac[1..].starts_with('5') && frac[2..].bytes().all(|b| b == b'0') {
        let tenths = format!("{int}{}", &frac[..1])
            .parse::<u128>()
            .expect("digits")
            + 1;
        return format!("{}.{}", tenths / 10, tenths % 10);
    }
    format!("{x:.1}")
}

/// `encodeURI`: UTF-8 percent-encoding of all but URI characters (reserved ones included).
pub fn encode_uri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b";,/?:@&=+$-_.!~*'()#".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "error",
        Confidence::Medium => "warning",
        Confidence::Low => "note",
    }
}

fn severity(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "9.0",
        Confidence::Medium => "7.0",
        Confidence::Low => "4.0",
    }
}

/// `formatSarif`: SARIF 2.1.0 as GitHub code scanning ingests it; the token hash is the
/// result's fingerprint.
pub fn format_sarif(report: &Report) -> String {
    #[derive(Serialize)]
    struct Text {
        text: String,
    }
    #[derive(Serialize)]
    struct Level {
        level: &'static str,
    }
    #[derive(Serialize)]
    struct Properties {
        tags: [String; 3],
        precision: &'static str,
        #[serde(rename = "security-severity")]
        security_severity: &'static str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Rule<'a> {
        id: &'a str,
        name: String,
        short_description: Text,
        full_description: Text,
        help: Text,
        default_configuration: Level,
        properties: Properties,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Driver<'a> {
        name: &'static str,
        semantic_version: &'static str,
        information_uri: &'static str,
        rules: Vec<Rule<'a>>,
    }
    #[derive(Serialize)]
    struct Tool<'a> {
        driver: Driver<'a>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ArtifactLocation {
        uri: String,
        uri_base_id: &'static str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Region {
        start_line: usize,
        start_column: usize,
        end_line: usize,
        end_column: usize,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PhysicalLocation {
        artifact_location: ArtifactLocation,
        region: Region,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Location {
        physical_location: PhysicalLocation,
    }
    #[derive(Serialize)]
    struct Fingerprints<'a> {
        #[serde(rename = "keyguardTokenHash/v1")]
        token_hash: &'a str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Result<'a> {
        rule_id: &'a str,
        rule_index: usize,
        level: &'static str,
        message: Text,
        locations: [Location; 1],
        partial_fingerprints: Fingerprints<'a>,
    }
    #[derive(Serialize)]
    struct Run<'a> {
        tool: Tool<'a>,
        results: Vec<Result<'a>>,
    }
    #[derive(Serialize)]
    struct Sarif<'a> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        version: &'static str,
        runs: [Run<'a>; 1],
    }

    let rules = report
        .rules
        .iter()
        .map(|r| Rule {
            id: &r.id,
            name: r.id.split('-').map(capitalise).collect(),
            short_description: Text { text: r.description.clone() },
            full_description: Text { text: format!("{}. Revoke the secret and remove it from history.", r.description) },
            help: Text {
                text: format!("{} found in source: revoke or rotate it at the issuer, then remove it from the file and its history.", r.description),
            },
            default_configuration: Level { level: level(r.confidence) },
            properties: Properties {
                tags: ["security".into(), "secret".into(), r.provider.clone()],
                precision: confidence_name(r.confidence),
                security_severity: severity(r.confidence),
            },
        })
        .collect();
    let results = report
        .findings
        .iter()
        .map(|ReportFinding { finding: f, file }| {
            let rule = &report.rules[f.rule];
            Result {
                rule_id: &rule.id,
                rule_index: f.rule,
                level: level(rule.confidence),
                message: Text {
                    text: format!("Possible {} exposed: {}", rule.id, f.redacted),
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: encode_uri(file),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: f.line,
                            start_column: f.column,
                            end_line: f.end_line,
                            end_column: f.end_column,
                        },
                    },
                }],
                partial_fingerprints: Fingerprints {
                    token_hash: &f.token_hash,
                },
            }
        })
        .collect();
    pretty(&Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "keyguard",
                    semantic_version: VERSION,
                    information_uri: "https://github.com/keyguard/keyguard",
                    rules,
                },
            },
            results,
        }],
    })
}

/// `w[0].toUpperCase() + w.slice(1)` for the ASCII words of a rule id.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_as_to_fixed_does() {
        for (x, want) in [
            (0.25, "0.3"),
            (0.75, "0.8"),
            (0.05, "0.1"),
            (1.45, "1.4"),
            (0.0, "0.0"),
            (128.000_001, "128.0"),
            (2.5e-7, "0.0"),
            (9.95, "9.9"),
        ] {
            assert_eq!(to_fixed_1(x), want, "{x}");
        }
    }

    #[test]
    fn encodes_as_encode_uri_does() {
        assert_eq!(encode_uri("a b/ü%#?.txt"), "a%20b/%C3%BC%25#?.txt");
    }
}
