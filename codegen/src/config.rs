//! `model/awsr.json`: which services to generate, from which model folder,
//! and which of their operations.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub services: Vec<ServiceConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// The command name, e.g. `emr`.
    pub cli_name: String,
    /// The model folder relative to `model/`, e.g. `emr/2009-03-31`.
    pub model_dir: String,
    /// The operations to generate; all of the model's when absent.
    #[serde(default)]
    pub operations: Option<Vec<String>>,
}
