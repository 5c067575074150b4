//! (in progress — placeholder interface until the docs port lands)
use crate::model::ServiceModel;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct DocInputs {
    pub files: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct DocError(pub String);

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn operation_page(
    _model: &ServiceModel,
    _service_cli_name: &str,
    operation_name: &str,
    _docs: &DocInputs,
) -> Result<String, DocError> {
    Ok(format!("{operation_name}\n"))
}
