//! The committed man pages read by the real mandoc (`release.rs` in the cli tests checks that
//! they are what the code generates).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn man_pages_pass_mandoc_lint() {
    let pages: Vec<PathBuf> = std::fs::read_dir(root().join("man"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(pages.len() > 30);
    let out = std::process::Command::new("mandoc")
        .args(["-Tlint", "-W", "warning"])
        .args(&pages)
        .output()
        .expect("mandoc runs (.ci/run installs it)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.trim().is_empty(), "mandoc -Tlint:\n{report}");
    // And each renders as text, with its sections.
    let shown = std::process::Command::new("mandoc")
        .args(["-Tascii", "-Owidth=80"])
        .arg(root().join("man/svcacct-token.1"))
        .output()
        .unwrap();
    // (-Tascii overstrikes: "E\bE" is bold, "_\bF" italic; a character before a backspace
    // is dropped to read the text.)
    let chars: Vec<char> = String::from_utf8_lossy(&shown.stdout).chars().collect();
    let mut shown = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i + 1) == Some(&'\u{8}') {
            i += 2;
            continue;
        }
        shown.push(chars[i]);
        i += 1;
    }
    assert!(
        shown.contains("EXIT STATUS") && shown.contains("SEE ALSO"),
        "{shown}"
    );
    assert!(shown.contains("--format FORMAT"), "{shown}");
}
