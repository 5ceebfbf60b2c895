//! Profile text as people type it, and as an attacker might: each mistake named where it is,
//! each invisible or hostile character refused with its position, never passed on.

use crate::support::*;

/// `kitei check` on the sample with `from` replaced by `to`: (code, stderr).
fn check_variant(from: &str, to: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let profile = variant(dir.path(), "clinic.yaml", from, to);
    let (code, _, stderr) = run(kitei().arg("check").arg(&profile));
    (code, stderr)
}

#[test]
fn a_full_width_space_as_indentation_is_named() {
    let (code, stderr) = check_variant("  name: さくら内科クリニック", "\u{3000}name: さくら内科クリニック");
    assert_ne!(code, 0);
    assert!(stderr.contains("clinic.yaml:7:1:") && stderr.contains("U+3000"), "{stderr}");
}

#[test]
fn dates_are_read_in_japanese_forms_and_implausible_years_refused() {
    for written in ["令和8年4月1日", "2026/04/01", "R8.4.1"] {
        let (code, stderr) = check_variant("effective_date: 2026-04-01", &format!("effective_date: {written}"));
        assert_eq!(code, 0, "{written}: {stderr}");
    }
    let sample = std::fs::read_to_string(sample()).unwrap();
    let line = sample.lines().position(|l| l.contains("effective_date: 2026-04-01")).unwrap() + 1;
    let at = format!("clinic.yaml:{line}:");
    for (written, expected) in [("1900-04-01", "1989–2099"), ("9999-04-01", "1989–2099"), ("4月1日", "令和8年4月1日")]
    {
        let (code, stderr) = check_variant("effective_date: 2026-04-01", &format!("effective_date: {written}"));
        assert_ne!(code, 0, "{written}");
        assert!(stderr.contains(expected) && stderr.contains(&at), "{written}: {stderr}");
        assert!(!stderr.contains("invalid characters"), "{stderr}");
    }
}

#[test]
fn a_duplicate_system_key_is_reported_where_it_is_written() {
    let (code, stderr) = check_variant("  - key: receipt", "  - key: ehr");
    assert_ne!(code, 0);
    let line = std::fs::read_to_string(sample()).unwrap().lines().position(|l| l == "  - key: receipt").unwrap() + 1;
    assert!(stderr.contains(&format!("clinic.yaml:{line}:5: `ehr` is listed twice in `systems`")), "{stderr}");
}

#[test]
fn duplicate_keys_and_alias_bombs_get_whole_sentences_for_people() {
    let (code, stderr) = check_variant("  kind: clinic\n", "  kind: clinic\n  kind: hospital\n");
    assert_ne!(code, 0);
    assert!(stderr.contains("the key `kind` appears twice") && !stderr.contains("DuplicateKeyPolicy"), "{stderr}");

    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!("b{i}: &b{i} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.yaml"), bomb).unwrap();
    let (code, _, stderr) = run(kitei().arg("check").arg(dir.path().join("bomb.yaml")));
    assert_ne!(code, 0);
    assert!(stderr.contains("expands too far") && stderr.contains("write the values out"), "{stderr}");
}

#[test]
fn invisible_and_terminal_control_characters_are_refused_with_their_position() {
    let cases = [
        ("\"さくら\\e[31m内科\"", "U+001B"),
        ("さくら\u{1b}[2J内科", "U+001B"),
        ("さくら内科\u{202E}クリニック", "U+202E"),
        ("さくら\u{200B}内科", "U+200B"),
        ("\"さくら\\u202E内科\"", "U+202E"),
    ];
    for (name, code_point) in cases {
        let (code, stderr) = check_variant("name: さくら内科クリニック", &format!("name: {name}"));
        assert_ne!(code, 0, "{name}");
        assert!(stderr.contains("clinic.yaml:7:") && stderr.contains(code_point), "{name}: {stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202E}'),
            "nothing raw reaches the terminal: {stderr:?}"
        );
    }
}

#[test]
fn binary_tags_are_refused() {
    let (code, stderr) = check_variant("name: さくら内科クリニック", "name: !!binary 44GV44GP44KJ");
    assert_ne!(code, 0);
    assert!(stderr.contains("clinic.yaml:7:") && stderr.contains("!binary"), "{stderr}");
}
