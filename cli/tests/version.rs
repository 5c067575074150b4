//! The binary starts and identifies itself. (Its presence also makes
//! `cargo test --workspace` build `awsr` for the workspace-level tests.)

#[test]
fn prints_its_version() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_awsr"))
        .arg("--version")
        .env_clear()
        .output()
        .expect("awsr runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(concat!("awsr/", env!("CARGO_PKG_VERSION"))),
        "{stdout}"
    );
}
