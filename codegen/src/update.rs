//! `codegen update`: take a new botocore model for one service, or a whole
//! botocore for every configured service, regenerate, and write the
//! API-change report, or change nothing at all.
//!
//! The source is a `service-2.json` (plain or `.gz`), a folder holding it
//! with its paginators and waiters, a botocore wheel, or a botocore version
//! to fetch with pip. Everything is read, checked and generated in memory
//! first; only then are the model files, PROVENANCE.md, CHANGES.md and
//! `generated/` written, in one staged step.

use crate::changes::{self, ChangeReport, Versions};
use crate::fetch;
use crate::inputs::{self, InputError, Inputs, ModelFiles};
use crate::provenance::{self, ProvenanceFile};
use crate::transaction::{self, Transaction};
use crate::{fixtures, write, GeneratedFile};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct UpdateRequest {
    /// The workspace root.
    pub root: PathBuf,
    /// The model to take; `None` with `botocore_version` fetches that release.
    pub source: Option<PathBuf>,
    /// The botocore release the source is (or is to be fetched as).
    pub botocore_version: Option<String>,
    /// Which configured service; without it, every configured service when
    /// the source is a whole botocore (a wheel or `--botocore-version`).
    pub service: Option<String>,
}

#[derive(Debug)]
pub struct UpdateOutcome {
    /// The API changes of every service taken, in `model/awsr.json` order
    /// (one report for the whole update).
    pub reports: Vec<ChangeReport>,
    /// Some service's update reverts the newest entry of its CHANGES.md,
    /// which was removed.
    pub reverted: bool,
    pub written: Vec<String>,
    pub removed: Vec<String>,
    /// What the update could not do itself and a person must (re-recording
    /// aws-cli fixtures with the reference), with the commands; `None` when
    /// no model changed.
    pub human_steps: Option<String>,
}

impl UpdateOutcome {
    /// The report of one service.
    pub fn report(&self, cli_name: &str) -> Option<&ChangeReport> {
        self.reports.iter().find(|r| r.service == cli_name)
    }

    /// The API-change report of the whole update: one line per service
    /// whose API changed, then how many did not.
    pub fn summary(&self) -> String {
        let mut text = String::new();
        let mut unchanged = 0;
        for report in &self.reports {
            if report.is_empty() {
                unchanged += 1;
                continue;
            }
            text.push_str(&format!(
                "{}: {} operations added, {} removed, {} changed; {} paginators added, {} removed; {} waiters added, {} removed\n",
                report.service,
                report.operations_added.len(),
                report.operations_removed.len(),
                report.operations_changed.len(),
                report.paginators_added.len(),
                report.paginators_removed.len(),
                report.waiters_added.len(),
                report.waiters_removed.len(),
            ));
        }
        if unchanged > 0 {
            text.push_str(&format!(
                "{unchanged} of {} services: no API change\n",
                self.reports.len()
            ));
        }
        text
    }
}

#[derive(Debug)]
pub struct UpdateError(pub String);

impl fmt::Display for UpdateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UpdateError {}

impl From<InputError> for UpdateError {
    fn from(e: InputError) -> Self {
        UpdateError(e.to_string())
    }
}

/// A model read from a source, before parsing.
struct SourceModel {
    files: ModelFiles,
    /// Which of service/paginators/waiters came compressed.
    gzipped: [bool; 3],
    /// Where the source came from, for messages.
    label: String,
    /// The botocore version, when the source names it (a wheel's file name).
    version: Option<String>,
}

const MODEL_NAMES: [&str; 3] = ["service-2.json", "paginators-1.json", "waiters-2.json"];

/// Which configured services an update takes: the one named, the only one,
/// or, from a whole botocore (a wheel or `--botocore-version`), all of them.
fn chosen_services(
    request: &UpdateRequest,
    config: &crate::config::Config,
) -> Result<Vec<usize>, UpdateError> {
    if let Some(name) = &request.service {
        let index = config
            .services
            .iter()
            .position(|s| &s.cli_name == name)
            .ok_or_else(|| {
                UpdateError(format!("model/awsr.json configures no service \"{name}\""))
            })?;
        return Ok(vec![index]);
    }
    let whole_botocore = request.source.is_none()
        || request.source.as_ref().is_some_and(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".whl") || name.ends_with(".zip")
        });
    if config.services.len() == 1 || whole_botocore {
        Ok((0..config.services.len()).collect())
    } else {
        Err(UpdateError(
            "model/awsr.json configures several services and this source holds one model: name its service with --service".into(),
        ))
    }
}

/// One service's part of an update: its new inputs, the model files,
/// PROVENANCE.md and CHANGES.md to write, and its API-change report.
struct ServiceUpdate {
    new: inputs::ServiceInputs,
    report: ChangeReport,
    reverted: bool,
    changed: bool,
    writes: Vec<GeneratedFile>,
    removes: Vec<String>,
}

fn update_service(
    root: &Path,
    source_path: &Path,
    botocore_version: Option<&str>,
    service_config: &crate::config::ServiceConfig,
    old: &inputs::ServiceInputs,
) -> Result<ServiceUpdate, UpdateError> {
    let source = read_source(root, source_path, &service_config.model_dir)?;
    let version = botocore_version
        .map(str::to_string)
        .or_else(|| source.version.clone())
        .unwrap_or_else(|| "unknown".to_string());

    let parsed = inputs::parse_service(service_config, &source.files).map_err(|e| {
        UpdateError(format!(
            "{}: not a usable model: {e}",
            service_config.cli_name
        ))
    })?;
    // The model's parts are new; what the workspace adds (customisations,
    // handlers, retry policy, page name, ...) stays as loaded.
    let new = inputs::ServiceInputs {
        model_file: parsed.model_file,
        model_sha256: parsed.model_sha256,
        model: parsed.model,
        paginators: parsed.paginators,
        waiters: parsed.waiters,
        operations: parsed.operations,
        ..old.clone()
    };
    let (old_meta, new_meta) = (&old.model.metadata, &new.model.metadata);
    if old_meta.endpoint_prefix != new_meta.endpoint_prefix
        || old_meta.api_version != new_meta.api_version
    {
        return Err(UpdateError(format!(
            "{} is the model of {} {}, not of {} {} (service \"{}\")",
            source.label,
            new_meta.endpoint_prefix,
            new_meta.api_version,
            old_meta.endpoint_prefix,
            old_meta.api_version,
            old.cli_name
        )));
    }

    let service_dir = service_config
        .model_dir
        .split('/')
        .next()
        .unwrap_or(&service_config.model_dir);
    let provenance_path = format!("model/{service_dir}/PROVENANCE.md");
    let changes_path = format!("model/{service_dir}/CHANGES.md");
    let old_provenance = std::fs::read_to_string(root.join(&provenance_path)).ok();
    let old_version = old_provenance
        .as_deref()
        .and_then(provenance::version_of)
        .unwrap_or_else(|| "unknown".into());
    let report = changes::diff(old, &new);
    let entry = changes::render_entry(
        &report,
        &Versions {
            from_label: &old_version,
            to_label: &version,
            from_sha: &old.model_sha256,
            to_sha: &new.model_sha256,
        },
    );
    let old_changes = std::fs::read_to_string(root.join(&changes_path)).ok();
    let next_changes = changes::next_changes_md(
        old_changes.as_deref(),
        &entry,
        &old.model_sha256,
        &new.model_sha256,
    );
    // A revert returns to the model before the newest entry (the same rule
    // next_changes_md applies when it drops that entry).
    let reverted = old_changes.as_deref().and_then(changes::newest_entry)
        == Some((new.model_sha256.clone(), old.model_sha256.clone()));

    let mut writes: Vec<GeneratedFile> = Vec::new();
    let mut removes: Vec<String> = Vec::new();
    let mut provenance_files = Vec::new();
    let api = service_config.model_dir.split('/').nth(1).unwrap_or("");
    let data_path = format!("botocore/data/{}", service_config.model_dir);
    let contents = [
        Some(&source.files.service),
        source.files.paginators.as_ref(),
        source.files.waiters.as_ref(),
    ];
    for ((name, bytes), gz) in MODEL_NAMES.iter().zip(contents).zip(source.gzipped) {
        let path = format!("model/{}/{name}", service_config.model_dir);
        match bytes {
            Some(bytes) => {
                let text = String::from_utf8(bytes.clone()).map_err(|_| {
                    UpdateError(format!("{} holds a {name} that is not UTF-8", source.label))
                })?;
                provenance_files.push(ProvenanceFile {
                    stored_as: format!("{api}/{name}"),
                    package_path: format!("{data_path}/{name}{}", if gz { ".gz" } else { "" }),
                    sha256: inputs::sha256_hex(bytes),
                });
                writes.push(GeneratedFile {
                    path,
                    contents: text,
                });
            }
            None => removes.push(path),
        }
    }
    writes.push(GeneratedFile {
        path: provenance_path,
        contents: provenance::render(&service_config.cli_name, &version, &provenance_files),
    });
    match next_changes {
        Some(text) => writes.push(GeneratedFile {
            path: changes_path,
            contents: text,
        }),
        None => removes.push(changes_path),
    }
    Ok(ServiceUpdate {
        changed: old.model_sha256 != new.model_sha256,
        new,
        report,
        reverted,
        writes,
        removes,
    })
}

pub fn run(request: &UpdateRequest) -> Result<UpdateOutcome, UpdateError> {
    let root = &request.root;
    let lock = transaction::lock(root, &mut |path| waiting_for(path))
        .map_err(|e| UpdateError(format!("cannot lock the workspace: {e}")))?;
    if transaction::recover(&lock)
        .map_err(|e| UpdateError(format!("cannot finish an interrupted run: {e}")))?
    {
        eprintln!("codegen: finished an interrupted run first");
    }
    let current = inputs::load(root)?;
    let config = inputs::load_config(&root.join("model"))?;
    let chosen = chosen_services(request, &config)?;

    let fetched_dir;
    let source_path = match (&request.source, &request.botocore_version) {
        (Some(path), _) => path.clone(),
        (None, Some(version)) => {
            fetched_dir = tempfile::tempdir()
                .map_err(|e| UpdateError(format!("cannot make a temporary folder: {e}")))?;
            fetch_wheel(version, fetched_dir.path())?
        }
        (None, None) => {
            return Err(UpdateError(
                "give a model path, or --botocore-version to fetch one".into(),
            ))
        }
    };

    // Every service is read, checked and diffed before anything is written:
    // one that cannot be taken stops the whole update.
    let mut services = current.services.clone();
    let mut updates = Vec::new();
    for index in chosen {
        let service_config = &config.services[index];
        let position = current
            .services
            .iter()
            .position(|s| s.cli_name == service_config.cli_name)
            .ok_or_else(|| {
                UpdateError(format!("service {} is not loaded", service_config.cli_name))
            })?;
        let update = update_service(
            root,
            &source_path,
            request.botocore_version.as_deref(),
            service_config,
            &current.services[position],
        )?;
        services[position] = update.new.clone();
        updates.push((service_config.model_dir.clone(), update));
    }
    let next = Inputs {
        services,
        docs: current.docs,
        unsupported: current.unsupported,
        hand_written: current.hand_written,
    };
    let generated = crate::generate(&next).map_err(|e| {
        UpdateError(format!(
            "cannot generate from {}: {e}",
            source_path.display()
        ))
    })?;

    let mut writes: Vec<GeneratedFile> = Vec::new();
    let mut removes: Vec<String> = Vec::new();
    for (_, update) in &mut updates {
        writes.append(&mut update.writes);
        removes.append(&mut update.removes);
    }
    let drift = write::check(root, &generated)
        .map_err(|e| UpdateError(format!("cannot read generated/: {e}")))?;
    let mut written: Vec<String> = drift
        .changed
        .iter()
        .chain(&drift.missing)
        .cloned()
        .collect();
    let mut removed = drift.extra.clone();
    // The snapshots of every page and skeleton are the generated files as
    // reviewers see them: rewritten with them, so the suite stays green.
    if root.join(fixtures::SNAPSHOT_DIR).is_dir() {
        let snapshots = fixtures::page_and_skeleton_snapshots(&generated);
        let kept: std::collections::BTreeSet<&str> =
            snapshots.iter().map(|f| f.path.as_str()).collect();
        removes.extend(
            fixtures::existing_page_and_skeleton_snapshots(root)
                .into_iter()
                .filter(|p| !kept.contains(p.as_str())),
        );
        writes.extend(snapshots);
    }
    // Only what differs is rewritten, so an update to the same model touches nothing.
    writes.retain(|f| {
        std::fs::read(root.join(&f.path)).ok().as_deref() != Some(f.contents.as_bytes())
    });
    removes.retain(|p| root.join(p).exists());
    written.extend(writes.iter().map(|f| f.path.clone()));
    removed.extend(removes.iter().cloned());
    written.sort();
    removed.sort();
    let mut tx = Transaction {
        puts: writes,
        removes,
        tree: None,
    };
    if !drift.is_clean() {
        tx.tree = write::tree_transaction(&generated)
            .map_err(|e| UpdateError(e.to_string()))?
            .tree;
    }
    transaction::commit(&lock, &tx)
        .map_err(|e| UpdateError(format!("cannot write the update: {e}")))?;
    let changed_dirs: Vec<&str> = updates
        .iter()
        .filter(|(_, u)| u.changed)
        .map(|(dir, _)| dir.as_str())
        .collect();
    let human_steps = if changed_dirs.is_empty() {
        None
    } else {
        fixtures::human_steps(root, &changed_dirs.join(", model/"))
    };
    Ok(UpdateOutcome {
        reverted: updates.iter().any(|(_, u)| u.reverted),
        reports: updates.into_iter().map(|(_, u)| u.report).collect(),
        written,
        removed,
        human_steps,
    })
}

/// Told once when another run holds the lock.
pub fn waiting_for(lock: &Path) {
    eprintln!(
        "codegen: another codegen run is changing this workspace; waiting for it to finish (lock: {})",
        lock.display()
    );
}

fn fetch_wheel(version: &str, dir: &Path) -> Result<PathBuf, UpdateError> {
    fetch::fetch_wheel(version, dir).map_err(UpdateError)
}

fn gunzip(bytes: &[u8], label: &str) -> Result<Vec<u8>, UpdateError> {
    fetch::gunzip(bytes, label).map_err(UpdateError)
}

fn read_file(path: &Path) -> Result<Vec<u8>, UpdateError> {
    fetch::read_model_file(path).map_err(UpdateError)
}

/// Reads `name` or `name.gz` from a folder.
fn from_dir(dir: &Path, name: &str) -> Result<Option<(Vec<u8>, bool)>, UpdateError> {
    let plain = dir.join(name);
    if plain.is_file() {
        return Ok(Some((read_file(&plain)?, false)));
    }
    let gz = dir.join(format!("{name}.gz"));
    if gz.is_file() {
        let label = gz.display().to_string();
        return Ok(Some((gunzip(&read_file(&gz)?, &label)?, true)));
    }
    Ok(None)
}

fn read_source(root: &Path, path: &Path, model_dir: &str) -> Result<SourceModel, UpdateError> {
    let label = path.display().to_string();
    if !path.exists() {
        return Err(UpdateError(format!("{label} does not exist")));
    }
    if path.is_dir() {
        let (service, service_gz) = from_dir(path, MODEL_NAMES[0])?.ok_or_else(|| {
            UpdateError(format!(
                "{label} holds no service-2.json or service-2.json.gz"
            ))
        })?;
        let paginators = from_dir(path, MODEL_NAMES[1])?;
        let waiters = from_dir(path, MODEL_NAMES[2])?;
        return Ok(SourceModel {
            gzipped: [
                service_gz,
                paginators.as_ref().is_some_and(|p| p.1),
                waiters.as_ref().is_some_and(|w| w.1),
            ],
            files: ModelFiles {
                service,
                paginators: paginators.map(|p| p.0),
                waiters: waiters.map(|w| w.0),
                origin: label.clone(),
            },
            label,
            version: None,
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".whl") || name.ends_with(".zip") {
        return read_wheel(path, &name, model_dir);
    }
    // A lone service-2.json: the paginators and waiters stay as they are.
    let bytes = read_file(path)?;
    let (service, gz) = if name.ends_with(".gz") {
        (gunzip(&bytes, &label)?, true)
    } else {
        (bytes, false)
    };
    let current = root.join("model").join(model_dir);
    let keep = |file: &str| std::fs::read(current.join(file)).ok();
    Ok(SourceModel {
        files: ModelFiles {
            service,
            paginators: keep(MODEL_NAMES[1]),
            waiters: keep(MODEL_NAMES[2]),
            origin: path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        },
        gzipped: [gz, false, false],
        label,
        version: None,
    })
}

fn read_wheel(path: &Path, name: &str, model_dir: &str) -> Result<SourceModel, UpdateError> {
    let label = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| UpdateError(format!("{label}: {e}")))?
        .len();
    if size > fetch::MAX_WHEEL_BYTES {
        return Err(UpdateError(format!(
            "{label} is larger than {} MiB, the limit for a botocore wheel; refusing it",
            fetch::MAX_WHEEL_BYTES >> 20
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| UpdateError(format!("{label}: {e}")))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| UpdateError(format!("{label} is not a wheel: {e}")))?;
    // Every member taken is checked against the wheel's RECORD.
    let record_name = archive
        .file_names()
        .find(|n| n.ends_with(".dist-info/RECORD") && n.matches('/').count() == 1)
        .map(str::to_string)
        .ok_or_else(|| {
            UpdateError(format!(
                "{label} has no .dist-info/RECORD, so its files cannot be verified; refusing it"
            ))
        })?;
    let record = {
        let member = archive
            .by_name(&record_name)
            .map_err(|e| UpdateError(format!("{label}: {record_name}: {e}")))?;
        let bytes = fetch::read_limited(member, fetch::MAX_MODEL_BYTES, &record_name)
            .map_err(UpdateError)?;
        fetch::Record::parse(&String::from_utf8_lossy(&bytes))
    };
    let prefix = format!("botocore/data/{model_dir}");
    let mut entry = |file_name: &str| -> Result<Option<(Vec<u8>, bool)>, UpdateError> {
        for (candidate, gz) in [
            (format!("{prefix}/{file_name}"), false),
            (format!("{prefix}/{file_name}.gz"), true),
        ] {
            if let Ok(zipped) = archive.by_name(&candidate) {
                let shown = format!("{label}!{candidate}");
                let bytes = fetch::read_limited(zipped, fetch::MAX_MODEL_BYTES, &shown)
                    .map_err(UpdateError)?;
                record
                    .verify(&candidate, &bytes, &label)
                    .map_err(UpdateError)?;
                return Ok(Some(if gz {
                    (gunzip(&bytes, &shown)?, true)
                } else {
                    (bytes, false)
                }));
            }
        }
        Ok(None)
    };
    let (service, service_gz) = entry(MODEL_NAMES[0])?
        .ok_or_else(|| UpdateError(format!("{label} holds no {prefix}/service-2.json")))?;
    let paginators = entry(MODEL_NAMES[1])?;
    let waiters = entry(MODEL_NAMES[2])?;
    // botocore-1.44.8-py3-none-any.whl → 1.44.8
    let version = name
        .strip_prefix("botocore-")
        .and_then(|rest| rest.split('-').next())
        .map(str::to_string);
    Ok(SourceModel {
        gzipped: [
            service_gz,
            paginators.as_ref().is_some_and(|p| p.1),
            waiters.as_ref().is_some_and(|w| w.1),
        ],
        files: ModelFiles {
            service,
            paginators: paginators.map(|p| p.0),
            waiters: waiters.map(|w| w.0),
            origin: format!("{label}!{prefix}"),
        },
        label,
        version,
    })
}
