//! Reading `model/`: the only I/O on the way in. Everything read is returned
//! as values, so [`crate::generate`] stays a pure function of them.

use crate::config::{Config, ServiceConfig};
use crate::docs::DocInputs;
use crate::model::{
    load_paginators, load_service, load_waiters, ModelError, Paginators, ServiceModel, Waiters,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One service's model, loaded and checked.
#[derive(Debug, Clone)]
pub struct ServiceInputs {
    pub cli_name: String,
    /// `model/emr/2009-03-31/service-2.json`, as named in headers and errors.
    pub model_file: String,
    pub model_sha256: String,
    pub model: ServiceModel,
    pub paginators: Paginators,
    pub waiters: Waiters,
    /// Arguments aws-cli's customisations add to model-driven commands.
    pub customizations: crate::customizations::Customizations,
    /// This service's old-list options, `(command, option)`
    /// (`model/customizations/all-services/old-list-case.json`).
    pub old_list_options: Vec<(String, String)>,
    /// The options whose parameter files aws-cli leaves unread,
    /// `(command, option)` (`model/customizations/all-services/paramfile-disabled.json`).
    pub paramfile_disabled: Vec<(String, String)>,
    /// The model folder relative to `model/`, e.g. `emr/2009-03-31`.
    pub model_dir: String,
    /// The operations to generate, sorted.
    pub operations: Vec<String>,
    /// Operations botocore's handlers send unsigned
    /// (`model/botocore-handlers.json` `unsigned_operations`).
    pub handler_unsigned: Vec<String>,
    /// The service's retry policy from `model/botocore/_retry.json`.
    pub retry: RetryPolicy,
    /// The name its command pages use in links, labels and for examples:
    /// `model/services.json` `page_name` (aws-cli's `alias_command` keeps
    /// the copied command's lineage: opsworks-cm's pages name opsworkscm),
    /// else the command name.
    pub page_name: String,
}

/// What `_retry.json` says for a service (its own `__default__` over the
/// global one): attempts in all, the first back-off (`None`: `"rand"`), the
/// responses worth retrying and the CRC32 header to check.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Option<f64>,
    /// `applies_when.response` of every policy that applies, in file order.
    pub retry_on: Vec<RetryWhen>,
    pub crc32_header: Option<String>,
}

/// One `applies_when.response` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryWhen {
    pub status: u16,
    pub code: Option<String>,
    /// Set for a policy of one operation (`retry.<service>.<Operation>`).
    pub operation: Option<String>,
}

impl Default for RetryPolicy {
    /// botocore's global `__default__` attempts and back-off, no conditions.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base: None,
            retry_on: Vec::new(),
            crc32_header: None,
        }
    }
}

/// Everything the generator reads.
#[derive(Debug)]
pub struct Inputs {
    pub services: Vec<ServiceInputs>,
    pub docs: DocInputs,
    /// The model's services whose protocol the runtime does not speak yet,
    /// `(command name, protocol)`, sorted: from `model/services.json`.
    pub unsupported: Vec<(String, String)>,
    /// aws-cli's hand-written top-level commands (`s3`, `configure`, ...),
    /// sorted: `model/customizations/all-services/hand-written-commands.json`.
    pub hand_written: Vec<String>,
}

#[derive(Debug)]
pub enum InputError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Model(ModelError),
    Config {
        path: String,
        message: String,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            InputError::Model(e) => write!(f, "{e}"),
            InputError::Config { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for InputError {}

impl From<ModelError> for InputError {
    fn from(e: ModelError) -> Self {
        InputError::Model(e)
    }
}

/// Reads a file under `model/`, bounded like every model file
/// ([`crate::fetch::MAX_MODEL_BYTES`]): a model is data, not a way to
/// exhaust memory.
pub fn read(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |error| InputError::Io {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    crate::fetch::read_limited(file, crate::fetch::MAX_MODEL_BYTES, "the file").map_err(|message| {
        InputError::Config {
            path: path.display().to_string(),
            message,
        }
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads `root/model/`: `awsr.json`, each service's model files, and every
/// file under `model/docs/`.
pub fn load(root: &Path) -> Result<Inputs, InputError> {
    let model_root = root.join("model");
    let config = load_config(&model_root)?;
    let old_list = load_old_list_cases(&model_root)?;
    let handlers = load_handlers(&model_root)?;
    let retry = load_retry(&model_root)?;
    let catalogue = load_catalogue(&model_root)?;
    let paramfile_disabled = load_paramfile_disabled(&model_root)?;
    let mut services = Vec::new();
    for service in &config.services {
        let origin = format!("model/{}", service.model_dir);
        let files = ModelFiles::read_dir(&model_root.join(&service.model_dir), &origin)?;
        let mut parsed = parse_service(service, &files)?;
        parsed.customizations = load_customizations(&model_root, &service.cli_name)?;
        parsed.old_list_options = old_list.for_service(&service.cli_name);
        parsed.paramfile_disabled = crate::paramfile_disabled::for_endpoint_prefix(
            &paramfile_disabled,
            &parsed.model.metadata.endpoint_prefix,
        );
        parsed.handler_unsigned = handlers
            .unsigned_operations
            .get(&service.cli_name)
            .cloned()
            .unwrap_or_default();
        parsed.retry = retry_policy(&retry, &parsed.model.metadata.endpoint_prefix);
        if let Some(page_name) = catalogue.page_name(&service.cli_name) {
            parsed.page_name = page_name.to_string();
        }
        services.push(parsed);
    }
    let mut files = BTreeMap::new();
    read_docs(&model_root.join("docs"), "", &mut files)?;
    let unsupported = catalogue.unsupported();
    let hand_written = load_hand_written(&model_root)?;
    Ok(Inputs {
        services,
        docs: DocInputs { files },
        unsupported,
        hand_written,
    })
}

/// `model/customizations/all-services/hand-written-commands.json`: the
/// top-level commands aws-cli's code adds, which awsr names but does not
/// have. A missing file means none.
fn load_hand_written(model_root: &Path) -> Result<Vec<String>, InputError> {
    #[derive(Default, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct HandWritten {
        #[allow(dead_code)]
        source: String,
        commands: Vec<String>,
    }
    let path = "customizations/all-services/hand-written-commands.json";
    if !model_root.join(path).is_file() {
        return Ok(Vec::new());
    }
    let mut commands = load_json::<HandWritten>(model_root, path)?.commands;
    commands.sort();
    Ok(commands)
}

/// `model/botocore-handlers.json`: what botocore's code changes in requests.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Handlers {
    #[serde(default)]
    pub unsigned_operations: BTreeMap<String, Vec<String>>,
}

fn load_json<T: serde::de::DeserializeOwned + Default>(
    model_root: &Path,
    relative: &str,
) -> Result<T, InputError> {
    let path = model_root.join(relative);
    if !path.exists() {
        return Ok(T::default());
    }
    let bytes = read(&path)?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| InputError::Config {
        path: format!("model/{relative}"),
        message: format!("at {}: {}", e.path(), e.inner()),
    })
}

pub fn load_handlers(model_root: &Path) -> Result<Handlers, InputError> {
    load_json(model_root, "botocore-handlers.json")
}

/// `model/botocore/_retry.json` as JSON (none: botocore's defaults).
pub fn load_retry(model_root: &Path) -> Result<serde_json::Value, InputError> {
    let retry = load_json(model_root, "botocore/_retry.json")?;
    check_global_retry_policies(&retry).map_err(|message| InputError::Config {
        path: "model/botocore/_retry.json".into(),
        message,
    })?;
    Ok(retry)
}

/// The policy `_retry.json` gives the service with this endpoint prefix:
/// its `__default__`'s `max_attempts` and `delay.base` over the global ones,
/// and the conditions its own policies and its operations' add.
pub fn retry_policy(retry: &serde_json::Value, endpoint_prefix: &str) -> RetryPolicy {
    use serde_json::Value;
    let mut policy = RetryPolicy::default();
    let service = &retry["retry"][endpoint_prefix];
    // The global policies are the runtime's own (checked by
    // `check_global_retry_policies`); a service carries only what it adds.
    let global = &retry["retry"]["__default__"];
    for section in [global, &service["__default__"]] {
        if let Some(n) = section["max_attempts"].as_u64() {
            policy.max_attempts = n as u32;
        }
        match &section["delay"]["base"] {
            Value::Number(n) => policy.base = n.as_f64(),
            Value::String(s) if s == "rand" => policy.base = None,
            _ => {}
        }
    }
    let mut sections: Vec<(Option<&str>, &Value)> = vec![(None, &service["__default__"])];
    if let Some(operations) = service.as_object() {
        sections.extend(
            operations
                .iter()
                .filter(|(name, _)| name.as_str() != "__default__")
                .map(|(name, section)| (Some(name.as_str()), section)),
        );
    }
    for (operation, section) in sections {
        for (when, crc32) in conditions(retry, section, operation) {
            policy.retry_on.extend(when);
            policy.crc32_header = crc32.or(policy.crc32_header.take());
        }
    }
    policy
}

/// Each policy of a `_retry.json` section: its response condition and the
/// CRC32 header it checks, if any.
fn conditions(
    retry: &serde_json::Value,
    section: &serde_json::Value,
    operation: Option<&str>,
) -> Vec<(Option<RetryWhen>, Option<String>)> {
    let Some(policies) = section["policies"].as_object() else {
        return Vec::new();
    };
    policies
        .values()
        .map(|rule| {
            // A `$ref` names one of the file's `definitions`.
            let rule = match rule["$ref"].as_str() {
                Some(name) => &retry["definitions"][name],
                None => rule,
            };
            let response = &rule["applies_when"]["response"];
            let when = response["http_status_code"]
                .as_u64()
                .map(|status| RetryWhen {
                    status: status as u16,
                    code: response["service_error_code"].as_str().map(str::to_string),
                    operation: operation.map(str::to_string),
                });
            (when, response["crc32body"].as_str().map(str::to_string))
        })
        .collect()
}

/// The runtime retries every service on `_retry.json`'s global policies
/// (`awsr_runtime::model::DEFAULT_RETRY_ON`, which the STS call uses too);
/// a model whose global policies differ is refused, naming what differs,
/// rather than served with the old ones.
pub fn check_global_retry_policies(retry: &serde_json::Value) -> Result<(), String> {
    let mut model: Vec<(u16, Option<String>)> =
        conditions(retry, &retry["retry"]["__default__"], None)
            .into_iter()
            .filter_map(|(when, _)| when)
            .map(|w| (w.status, w.code))
            .collect();
    let mut runtime: Vec<(u16, Option<String>)> = awsr_runtime::model::DEFAULT_RETRY_ON
        .iter()
        .map(|w| (w.status, w.code.map(str::to_string)))
        .collect();
    model.sort();
    runtime.sort();
    if model == runtime {
        Ok(())
    } else {
        Err(format!(
            "retry.__default__.policies: the global retry conditions {model:?} are not the \
             runtime's {runtime:?} (runtime/src/model.rs DEFAULT_RETRY_ON); update the runtime"
        ))
    }
}

/// `model/services.json`: every service of the pinned botocore, with
/// aws-cli's command name, the protocol, and the name its pages use.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Catalogue {
    services: Vec<CatalogueEntry>,
}

#[derive(Debug, serde::Deserialize)]
struct CatalogueEntry {
    cli_name: String,
    protocol: String,
    #[serde(default)]
    page_name: Option<String>,
}

impl Catalogue {
    /// The services not on the json protocol, `(command name, protocol)`,
    /// sorted.
    pub fn unsupported(&self) -> Vec<(String, String)> {
        let mut unsupported: Vec<(String, String)> = self
            .services
            .iter()
            .filter(|e| e.protocol != "json")
            .map(|e| (e.cli_name.clone(), e.protocol.clone()))
            .collect();
        unsupported.sort();
        unsupported.dedup();
        unsupported
    }

    /// The name `cli_name`'s pages use, when it is not `cli_name`.
    pub fn page_name(&self, cli_name: &str) -> Option<&str> {
        self.services
            .iter()
            .find(|e| e.cli_name == cli_name)
            .and_then(|e| e.page_name.as_deref())
    }
}

/// Reads `model/services.json`; a missing file means nothing is known.
pub fn load_catalogue(model_root: &Path) -> Result<Catalogue, InputError> {
    load_json(model_root, "services.json")
}

/// The raw bytes of one service's model files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    pub service: Vec<u8>,
    pub paginators: Option<Vec<u8>>,
    pub waiters: Option<Vec<u8>>,
    /// Where the files were read from, for error messages: the folder or
    /// archive holding them (`model/emr/2009-03-31` for the pinned model).
    pub origin: String,
}

impl ModelFiles {
    /// `service-2.json`, and `paginators-1.json` / `waiters-2.json` if present.
    pub fn read_dir(dir: &Path, origin: &str) -> Result<ModelFiles, InputError> {
        let optional = |name: &str| -> Result<Option<Vec<u8>>, InputError> {
            let path = dir.join(name);
            if path.exists() {
                read(&path).map(Some)
            } else {
                Ok(None)
            }
        };
        Ok(ModelFiles {
            service: read(&dir.join("service-2.json"))?,
            paginators: optional("paginators-1.json")?,
            waiters: optional("waiters-2.json")?,
            origin: origin.to_string(),
        })
    }
}

/// Parses and checks one service's model files as configured.
pub fn parse_service(
    service: &ServiceConfig,
    files: &ModelFiles,
) -> Result<ServiceInputs, InputError> {
    let model_file = format!("model/{}/service-2.json", service.model_dir);
    let origin = &files.origin;
    let model = load_service(&format!("{origin}/service-2.json"), &files.service)?;
    let paginators = match &files.paginators {
        Some(bytes) => load_paginators(&format!("{origin}/paginators-1.json"), bytes, &model)?,
        None => Paginators::default(),
    };
    let waiters = match &files.waiters {
        Some(bytes) => load_waiters(&format!("{origin}/waiters-2.json"), bytes, &model)?,
        None => Waiters::default(),
    };
    let operations = match &service.operations {
        Some(ops) => {
            for op in ops {
                if !model.operations.contains_key(op) {
                    return Err(InputError::Config {
                        path: "model/awsr.json".into(),
                        message: format!(
                            "service \"{}\" lists operation \"{op}\", which {model_file} does not define",
                            service.cli_name
                        ),
                    });
                }
            }
            let mut ops = ops.clone();
            ops.sort();
            ops.dedup();
            ops
        }
        None => model.operations.keys().cloned().collect(),
    };
    Ok(ServiceInputs {
        cli_name: service.cli_name.clone(),
        model_sha256: sha256_hex(&files.service),
        model_file,
        model,
        paginators,
        waiters,
        customizations: Default::default(),
        old_list_options: Vec::new(),
        paramfile_disabled: Vec::new(),
        model_dir: service.model_dir.clone(),
        operations,
        handler_unsigned: Vec::new(),
        retry: RetryPolicy::default(),
        page_name: service.cli_name.clone(),
    })
}

/// Reads `model/customizations/<service>.json`, if there is one.
pub fn load_customizations(
    model_root: &Path,
    service: &str,
) -> Result<crate::customizations::Customizations, InputError> {
    let path = model_root
        .join("customizations")
        .join(format!("{service}.json"));
    if !path.exists() {
        return Ok(Default::default());
    }
    let bytes = read(&path)?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| InputError::Config {
        path: format!("model/customizations/{service}.json"),
        message: format!("at {}: {}", e.path(), e.inner()),
    })
}

/// Reads `model/customizations/all-services/old-list-case.json` (none: no such options).
pub fn load_old_list_cases(model_root: &Path) -> Result<crate::old_list::OldListCases, InputError> {
    let path = model_root.join(crate::old_list::PATH);
    if !path.exists() {
        return Ok(Default::default());
    }
    let bytes = read(&path)?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| InputError::Config {
        path: format!("model/{}", crate::old_list::PATH),
        message: format!("at {}: {}", e.path(), e.inner()),
    })
}

/// Reads `model/customizations/all-services/paramfile-disabled.json`
/// (none: every option reads parameter files).
pub fn load_paramfile_disabled(
    model_root: &Path,
) -> Result<crate::old_list::OldListCases, InputError> {
    load_json(model_root, crate::paramfile_disabled::PATH)
}

/// Reads and parses `model/awsr.json`.
pub fn load_config(model_root: &Path) -> Result<Config, InputError> {
    let bytes = read(&model_root.join("awsr.json"))?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    let config: Config = serde_path_to_error::deserialize(de).map_err(|e| InputError::Config {
        path: "model/awsr.json".into(),
        message: format!("at {}: {}", e.path(), e.inner()),
    })?;
    crate::model::check::check_config(&config)?;
    Ok(config)
}

/// Every file under `model/docs/`.
pub fn load_docs(model_root: &Path) -> Result<DocInputs, InputError> {
    let mut files = BTreeMap::new();
    read_docs(&model_root.join("docs"), "", &mut files)?;
    Ok(DocInputs { files })
}

fn read_docs(
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), InputError> {
    if !dir.exists() {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|error| InputError::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    for entry in entries {
        let entry = entry.map_err(|error| InputError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let key = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if path.is_dir() {
            read_docs(&path, &key, files)?;
        } else {
            let bytes = read(&path)?;
            let text = String::from_utf8(bytes).map_err(|_| InputError::Config {
                path: format!("model/docs/{key}"),
                message: "is not UTF-8 text".into(),
            })?;
            files.insert(key, text);
        }
    }
    Ok(())
}
