//! Reading `model/`: the only I/O on the way in. Everything read is returned
//! as values, so [`crate::generate`] stays a pure function of them.

use crate::config::Config;
use crate::docs::DocInputs;
use crate::model::{load_paginators, load_service, ModelError, Paginators, ServiceModel};
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
    /// The operations to generate, sorted.
    pub operations: Vec<String>,
}

/// Everything the generator reads.
#[derive(Debug)]
pub struct Inputs {
    pub services: Vec<ServiceInputs>,
    pub docs: DocInputs,
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

fn read(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|error| InputError::Io {
        path: path.to_path_buf(),
        error,
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads `root/model/`: `awsr.json`, each service's model files, and every
/// file under `model/docs/`.
pub fn load(root: &Path) -> Result<Inputs, InputError> {
    let model_root = root.join("model");
    let config_path = model_root.join("awsr.json");
    let config: Config = {
        let bytes = read(&config_path)?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de).map_err(|e| InputError::Config {
            path: "model/awsr.json".into(),
            message: format!("at {}: {}", e.path(), e.inner()),
        })?
    };
    let mut services = Vec::new();
    for service in &config.services {
        let dir = model_root.join(&service.model_dir);
        let model_file = format!("model/{}/service-2.json", service.model_dir);
        let bytes = read(&dir.join("service-2.json"))?;
        let model = load_service(&model_file, &bytes)?;
        let paginators_path = dir.join("paginators-1.json");
        let paginators = if paginators_path.exists() {
            let label = format!("model/{}/paginators-1.json", service.model_dir);
            load_paginators(&label, &read(&paginators_path)?, &model)?
        } else {
            Paginators::default()
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
        services.push(ServiceInputs {
            cli_name: service.cli_name.clone(),
            model_file,
            model_sha256: sha256_hex(&bytes),
            model,
            paginators,
            operations,
        });
    }
    let mut files = BTreeMap::new();
    read_docs(&model_root.join("docs"), "", &mut files)?;
    Ok(Inputs {
        services,
        docs: DocInputs { files },
    })
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
