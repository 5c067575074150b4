//! The codegen binary under faults: run in the wrong place, killed with
//! SIGKILL at random moments, run twice at once. Each case checks the tree
//! byte for byte: the old one or the new one, and nothing else left behind.

mod common;

use common::{codegen, copy_workspace, read_tree, run, text, write_tree};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

type Tree = BTreeMap<String, Vec<u8>>;

/// A tree codegen must rewrite whole: every file changed, one extra file.
fn stale(fresh: &Tree) -> Tree {
    let mut old: Tree = fresh
        .iter()
        .map(|(path, bytes)| {
            let mut bytes = bytes.clone();
            bytes.extend_from_slice(b"\nstale\n");
            (path.clone(), bytes)
        })
        .collect();
    old.insert("docs/emr/removed-command.rst".into(), b"gone".to_vec());
    old
}

/// Every path in the workspace copy besides `model/` and `generated/`.
fn others(root: &Path) -> Vec<String> {
    read_tree(root)
        .into_keys()
        .filter(|p| !p.starts_with("model/") && !p.starts_with("generated/"))
        .collect()
}

/// A small deterministic generator (xorshift), so a failure can be rerun.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Runs `args` to completion and returns how long it took.
fn timed(args: &[&str], root: &Path) -> Duration {
    let start = Instant::now();
    let out = run(args, root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    start.elapsed()
}

/// The delay before the kill in run `run` of at most `runs`: runs visit
/// the window from both ends (a kill at once, then one after the run must
/// have finished, then inwards), so a loop cut short by its deadline has
/// still seen both outcomes; within a slot the moment is random.
fn delay(run: u64, runs: u64, full: Duration, rng: &mut Rng) -> Duration {
    let slot = if run.is_multiple_of(2) {
        run / 2
    } else {
        runs - 1 - run / 2
    };
    if slot == 0 {
        return Duration::ZERO;
    }
    if slot == runs - 1 {
        return full * 3;
    }
    let width = full.as_micros() as u64 * 6 / 5 / runs;
    Duration::from_micros(slot * width + rng.below(width))
}

/// Starts `args`, kills it with SIGKILL after `delay`, and waits for it.
fn kill_after(args: &[&str], root: &Path, delay: Duration) -> bool {
    let mut child = codegen()
        .args(args)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    // Child::kill sends SIGKILL on Unix: no handler, no cleanup.
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    child.wait().unwrap();
    finished
}

#[test]
fn the_workspace_is_the_one_it_runs_in() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    copy_workspace(&root);
    let page = root.join("generated/services/emr/docs/cancel-steps.rst");
    std::fs::write(&page, "edited by hand").unwrap();

    // From a subfolder of the copy: the copy is found and repaired.
    let out = run(&["generate"], &root.join("model/emr"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("changed: generated/services/emr/docs/cancel-steps.rst"),
        "{}",
        text(&out.stdout)
    );
    assert_ne!(std::fs::read(&page).unwrap(), b"edited by hand");
    let out = run(&["check"], &root);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Outside any workspace: refused, nothing written.
    let elsewhere = temp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = run(&["generate"], &elsewhere);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "codegen: {} is not inside an awsr workspace (no folder above it has a Cargo.toml with [workspace] and model/awsr.json); run codegen in the workspace or pass --root DIR\n",
            elsewhere.display()
        )
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // --root naming a folder that is not one: refused with the reason.
    let out = run(
        &["check", "--root", root.join("model").to_str().unwrap()],
        &root,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "codegen: {} is not an awsr workspace: it has no Cargo.toml (the workspace root has a Cargo.toml with [workspace] and model/awsr.json)\n",
            root.join("model").display()
        )
    );
    let out = run(
        &[
            "check",
            "--root",
            temp.path().join("missing").to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("missing is not a folder"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn generate_killed_at_random_moments_leaves_the_old_tree_or_the_new_one() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    copy_workspace(&root);
    let generated = root.join("generated");
    let new = read_tree(&generated);
    let old = stale(&new);
    let root_arg = root.to_str().unwrap();

    write_tree(&generated, &old);
    let full = timed(&["generate", "--root", root_arg], &root);
    assert_eq!(read_tree(&generated), new);

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut saw_old, mut saw_new, mut saw_staging) = (0, 0, 0);
    let deadline = Instant::now() + Duration::from_secs(45);
    let mut runs = 0;
    while runs < 40 && Instant::now() < deadline {
        let delay = delay(runs, 40, full, &mut rng);
        runs += 1;
        write_tree(&generated, &old);
        let finished = kill_after(&["generate", "--root", root_arg], &root, delay);
        // At the very moment of the kill: one tree or the other, whole.
        let now = read_tree(&generated);
        assert!(
            now == old || now == new,
            "run {runs} killed after {delay:?}: generated/ is neither tree"
        );
        if root.join(".codegen/staging").exists() {
            saw_staging += 1;
        }
        if now == old {
            saw_old += 1;
        } else {
            saw_new += 1;
        }
        assert!(!finished || now == new);
        // The next run clears what the killed one left, and changes nothing
        // else: `check` finds the tree as the kill left it.
        let out = run(&["check", "--root", root_arg], &root);
        let after = read_tree(&generated);
        assert_eq!(after == new, out.status.success(), "{}", text(&out.stderr));
        // A committed plan is rolled forward; a finished swap is never undone.
        assert!(after == old || after == new, "run {runs}: after recovery");
        assert!(
            now == old || after == new,
            "run {runs}: recovery undid the new tree"
        );
        assert_eq!(others(&root), [".codegen/lock", "Cargo.toml"]);
    }
    eprintln!(
        "{runs} kills: {saw_old} left the old tree, {saw_new} the new one, {saw_staging} left a staging folder (full run {full:?})"
    );
    assert!(
        saw_old > 0 && saw_new > 0,
        "the kills missed the run: {saw_old} old, {saw_new} new"
    );
}

#[test]
fn update_killed_at_random_moments_leaves_the_old_model_or_the_new_one() {
    let fixture = common::workspace_root().join("tests/fixtures/botocore-1.44.8/emr/2009-03-31");
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    copy_workspace(&root);
    let root_arg = root.to_str().unwrap();
    let (old_model, old_generated) = (
        read_tree(&root.join("model")),
        read_tree(&root.join("generated")),
    );
    let update = [
        "update",
        fixture.to_str().unwrap(),
        "--service",
        "emr",
        "--botocore-version",
        "1.44.8",
        "--root",
        root_arg,
    ];
    let full = timed(&update, &root);
    let (new_model, new_generated) = (
        read_tree(&root.join("model")),
        read_tree(&root.join("generated")),
    );
    assert_ne!(new_model, old_model);
    assert_ne!(new_generated, old_generated);

    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut saw_old, mut saw_new, mut saw_mixed) = (0, 0, 0);
    let deadline = Instant::now() + Duration::from_secs(45);
    let mut runs = 0;
    while runs < 25 && Instant::now() < deadline {
        let delay = delay(runs, 25, full, &mut rng);
        runs += 1;
        write_tree(&root.join("model"), &old_model);
        write_tree(&root.join("generated"), &old_generated);
        kill_after(&update, &root, delay);
        // generated/ is swapped whole, so it is one tree or the other even
        // before recovery; model/ may be part way through a committed plan.
        let generated_now = read_tree(&root.join("generated"));
        assert!(
            generated_now == old_generated || generated_now == new_generated,
            "run {runs} killed after {delay:?}: generated/ is neither tree"
        );
        let model_now = read_tree(&root.join("model"));
        if model_now != old_model && model_now != new_model {
            saw_mixed += 1;
        }
        let out = run(&["check", "--root", root_arg], &root);
        let (model, generated) = (
            read_tree(&root.join("model")),
            read_tree(&root.join("generated")),
        );
        if model == old_model {
            saw_old += 1;
            assert!(
                generated == old_generated,
                "run {runs}: old model, new tree"
            );
        } else {
            saw_new += 1;
            assert!(model == new_model, "run {runs}: model/ is neither model");
            assert!(
                generated == new_generated,
                "run {runs}: new model, old tree"
            );
        }
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(others(&root), [".codegen/lock", "Cargo.toml"]);
    }
    eprintln!(
        "{runs} kills: {saw_old} left the old model, {saw_new} the new one ({saw_mixed} mid-commit, finished by the next run); full update {full:?}"
    );
    assert!(saw_old > 0 && saw_new > 0, "the kills missed the run");
}

#[test]
fn a_second_run_waits_for_the_first() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    copy_workspace(&root);
    let generated = root.join("generated");
    let new = read_tree(&generated);
    let old = stale(&new);
    write_tree(&generated, &old);

    // This test holds the lock as a running codegen would.
    std::fs::create_dir_all(root.join(".codegen")).unwrap();
    let held = std::fs::File::create(root.join(".codegen/lock")).unwrap();
    held.lock().unwrap();
    let mut child = codegen()
        .args(["generate", "--root", root.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        format!(
            "codegen: another codegen run is changing this workspace; waiting for it to finish (lock: {})\n",
            root.join(".codegen/lock").display()
        )
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "it did not wait");
    assert_eq!(
        read_tree(&generated),
        old,
        "it wrote while another run held the lock"
    );
    drop(held);
    assert!(child.wait().unwrap().success());
    assert_eq!(read_tree(&generated), new);

    // Two runs started together: both succeed, one after the other.
    write_tree(&generated, &old);
    let children: Vec<_> = (0..2)
        .map(|_| {
            codegen()
                .args(["generate", "--root", root.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(read_tree(&generated), new);
    assert_eq!(others(&root), [".codegen/lock", "Cargo.toml"]);
}
