//! Loading the model files. This is the only place that turns bytes into a
//! [`ServiceModel`]; every failure names the file and the JSON path.

use super::{Paginators, ServiceModel, Shape, Waiters};
use std::fmt;

/// A model that could not be loaded: which file, where in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub file: String,
    /// JSON path inside the file, e.g. `shapes.CancelStepsInput.members`; `.` for the root.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: at {}: {}", self.file, self.path, self.message)
    }
}

impl std::error::Error for ModelError {}

fn parse<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, ModelError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        ModelError {
            file: file.to_string(),
            path,
            message: inner.to_string(),
        }
    })
}

/// Parses `service-2.json` and checks that every shape reference and every
/// required member resolves.
pub fn load_service(file: &str, bytes: &[u8]) -> Result<ServiceModel, ModelError> {
    let model: ServiceModel = parse(file, bytes)?;
    check_references(file, &model)?;
    Ok(model)
}

/// Parses `paginators-1.json` and checks it names only known operations.
pub fn load_paginators(
    file: &str,
    bytes: &[u8],
    model: &ServiceModel,
) -> Result<Paginators, ModelError> {
    let paginators: Paginators = parse(file, bytes)?;
    for name in paginators.pagination.keys() {
        if !model.operations.contains_key(name) {
            return Err(ModelError {
                file: file.to_string(),
                path: format!("pagination.{name}"),
                message: format!(
                    "paginator for operation \"{name}\", which the service model does not define"
                ),
            });
        }
    }
    Ok(paginators)
}

/// Parses `waiters-2.json` and checks it polls only known operations.
pub fn load_waiters(file: &str, bytes: &[u8], model: &ServiceModel) -> Result<Waiters, ModelError> {
    let waiters: Waiters = parse(file, bytes)?;
    for (name, waiter) in &waiters.waiters {
        if !model.operations.contains_key(&waiter.operation) {
            return Err(ModelError {
                file: file.to_string(),
                path: format!("waiters.{name}.operation"),
                message: format!(
                    "waiter polls operation \"{}\", which the service model does not define",
                    waiter.operation
                ),
            });
        }
    }
    Ok(waiters)
}

fn dangling(file: &str, path: String, target: &str) -> ModelError {
    ModelError {
        file: file.to_string(),
        path,
        message: format!("refers to shape \"{target}\", which the model does not define"),
    }
}

fn check_references(file: &str, model: &ServiceModel) -> Result<(), ModelError> {
    for (op_name, op) in &model.operations {
        if op.name != *op_name {
            return Err(ModelError {
                file: file.to_string(),
                path: format!("operations.{op_name}.name"),
                message: format!("operation is keyed \"{op_name}\" but named \"{}\"", op.name),
            });
        }
        let refs = op
            .input
            .iter()
            .map(|r| ("input".to_string(), r))
            .chain(op.output.iter().map(|r| ("output".to_string(), r)))
            .chain(
                op.errors
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (format!("errors[{i}]"), r)),
            );
        for (key, shape_ref) in refs {
            if !model.shapes.contains_key(&shape_ref.shape) {
                return Err(dangling(
                    file,
                    format!("operations.{op_name}.{key}.shape"),
                    &shape_ref.shape,
                ));
            }
        }
    }
    for (shape_name, shape) in &model.shapes {
        for (key, target) in shape.references() {
            if !model.shapes.contains_key(target) {
                return Err(dangling(file, format!("shapes.{shape_name}.{key}"), target));
            }
        }
        if let Shape::Structure(s) = shape {
            for (i, required) in s.required.iter().enumerate() {
                if !s.members.contains_key(required) {
                    return Err(ModelError {
                        file: file.to_string(),
                        path: format!("shapes.{shape_name}.required[{i}]"),
                        message: format!(
                            "required member \"{required}\" is not a member of the structure"
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}
