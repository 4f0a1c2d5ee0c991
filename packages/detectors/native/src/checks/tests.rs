use super::*;
use crate::types::SourceKind;
use crate::unit_vectors::{BASE64, ENTROPY, GITHUB, GITLAB, PLACEHOLDER, PRECHECK, VALIDATE};

fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

fn engine_checks() -> (Vec<RuleSpec>, Checks) {
    let manifest = crate::manifest::load(crate::manifest::EMBEDDED).expect("the embedded manifest");
    let checks = Checks::new(&manifest.rules, &manifest.checks).expect("every check implemented");
    (manifest.rules, checks)
}

#[test]
fn entropy_is_the_same_float_as_shannon_entropy() {
    for &(text, bits) in ENTROPY {
        assert_eq!(shannon_entropy(&units(text)).to_bits(), bits, "{text:?}");
    }
}

#[test]
fn log2_is_v8s_bit_for_bit_on_ratios() {
    // values V8's fdlibm log2 and musl's differ on (the reduction's boundary near 1/sqrt(2))
    assert_eq!(js_log2(408.0 / 577.0).to_bits(), 0xbfe000048b3967c0);
    assert_eq!(js_log2(9.0 / 14.0).to_bits(), 0xbfe465d36ed11b10);
    assert_eq!(js_log2(1.0), 0.0);
    assert_eq!(js_log2(0.5), -1.0);
}

#[test]
fn placeholders_are_those_of_is_placeholder() {
    let (_, checks) = engine_checks();
    for &(body, expected) in PLACEHOLDER {
        assert_eq!(checks.is_placeholder(&units(body)), expected, "{body:?}");
    }
}

#[test]
fn github_checksums() {
    for &(token, expected) in GITHUB {
        assert_eq!(
            verify_github_style_token(&units(token)),
            expected,
            "{token:?}"
        );
    }
}

#[test]
fn gitlab_routable_checksums() {
    for &(token, expected) in GITLAB {
        assert_eq!(
            verify_gitlab_routable_token(&units(token)),
            expected,
            "{token:?}"
        );
    }
}

#[test]
fn every_validate_by_rule_id() {
    let (rules, checks) = engine_checks();
    for &(id, secret, groups, expected) in VALIDATE {
        let rule = rules.iter().position(|r| r.id == id).expect(id);
        let groups: Vec<(String, String)> = groups
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(
            checks.validate(rule, secret, &units(secret), &groups),
            expected,
            "{id} {secret:?}"
        );
    }
}

#[test]
fn url_basic_auth_precheck() {
    let (rules, checks) = engine_checks();
    let rule = rules.iter().position(|r| r.id == "url-basic-auth").unwrap();
    for &(text, expected) in PRECHECK {
        let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
        let source = Source {
            text: &latin1,
            kind: SourceKind::File,
        };
        assert_eq!(
            checks.precheck(rule, &source, 3, latin1.len()),
            expected,
            "{text:?}"
        );
    }
}

#[test]
fn an_unimplemented_validate_fails_loading() {
    let mut manifest = crate::manifest::load(crate::manifest::EMBEDDED).unwrap();
    let rule = manifest.rules.iter_mut().find(|r| !r.validate).unwrap();
    rule.validate = true;
    let id = rule.id.clone();
    let err = Checks::new(&manifest.rules, &manifest.checks)
        .err()
        .expect("a load-time error");
    assert!(err.contains(&id), "{err}");
}

#[test]
fn base64_decodes_as_node_does() {
    for &(text, hex) in BASE64 {
        let bytes = node_base64(text.as_bytes());
        let got: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(got, hex, "{text:?}");
    }
}

/// Random inputs with the TypeScript's answers, from scripts/checks-fuzz.mjs (see there):
/// `node native/scripts/checks-fuzz.mjs > /tmp/cases.json && KEYGUARD_CHECKS_CASES=/tmp/cases.json cargo test -- --ignored`.
#[test]
#[ignore]
fn random_cases_as_the_typescript_decides() {
    #[derive(serde::Deserialize)]
    struct Case {
        s: String,
        pk: bool,
        p: usize,
        r: String,
        rn: String,
        r7: String,
        ph: bool,
        e: String,
        j: String,
        jv: bool,
    }
    let path = std::env::var("KEYGUARD_CHECKS_CASES")
        .expect("KEYGUARD_CHECKS_CASES: a file of checks-fuzz.mjs");
    let cases: Vec<Case> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let (rules, checks) = engine_checks();
    let rule = |id: &str| rules.iter().position(|r| r.id == id).unwrap();
    let (private_key, jwt) = (rule("private-key"), rule("jwt"));
    for c in &cases {
        let u = units(&c.s);
        assert_eq!(
            checks.validate(private_key, &c.s, &u, &[]),
            c.pk,
            "private-key {:?}",
            c.s
        );
        assert_eq!(crate::findings::known_prefix_length(&c.s), c.p, "{:?}", c.s);
        assert_eq!(crate::findings::redact(&c.s, None, true), c.r, "{:?}", c.s);
        assert_eq!(
            crate::findings::redact(&c.s, None, false),
            c.rn,
            "{:?}",
            c.s
        );
        assert_eq!(
            crate::findings::redact(&c.s, Some(7), true),
            c.r7,
            "{:?}",
            c.s
        );
        assert_eq!(checks.is_placeholder(&u), c.ph, "{:?}", c.s);
        assert_eq!(shannon_entropy(&u).to_bits().to_string(), c.e, "{:?}", c.s);
        assert_eq!(
            checks.validate(jwt, &c.j, &units(&c.j), &[]),
            c.jv,
            "jwt {:?}",
            c.j
        );
    }
}
