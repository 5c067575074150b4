//! Typed botocore service model, in the style of smithy-rs: a service has
//! metadata, operations and shapes; a shape is one of botocore's shape types
//! with the traits that type may carry.
//!
//! Every struct denies unknown fields: a trait or shape type this generator has
//! never seen is an error that names it, never a silent skip.

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole `service-2.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceModel {
    #[serde(default)]
    pub version: Option<String>,
    pub metadata: Metadata,
    /// Operations by name; botocore sorts them, we keep them sorted.
    pub operations: BTreeMap<String, Operation>,
    /// Shapes in model order (member order matters for docs and skeletons).
    pub shapes: IndexMap<String, Shape>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub examples: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Metadata {
    pub api_version: String,
    pub endpoint_prefix: String,
    #[serde(default)]
    pub json_version: Option<String>,
    pub protocol: String,
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    #[serde(default)]
    pub service_abbreviation: Option<String>,
    pub service_full_name: String,
    #[serde(default)]
    pub service_id: Option<String>,
    pub signature_version: String,
    #[serde(default)]
    pub signing_name: Option<String>,
    #[serde(default)]
    pub target_prefix: Option<String>,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    #[serde(default)]
    pub aws_query_compatible: Option<serde_json::Value>,
    #[serde(default)]
    pub global_endpoint: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Operation {
    pub name: String,
    pub http: Http,
    #[serde(default)]
    pub input: Option<ShapeRef>,
    #[serde(default)]
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub documentation_url: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub idempotent: bool,
    #[serde(default)]
    pub authtype: Option<String>,
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    #[serde(default)]
    pub endpoint: Option<serde_json::Value>,
    #[serde(default)]
    pub endpointdiscovery: Option<serde_json::Value>,
    #[serde(default)]
    pub http_checksum: Option<serde_json::Value>,
    #[serde(default)]
    pub request_compression: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Http {
    pub method: String,
    pub request_uri: String,
    #[serde(default)]
    pub response_code: Option<u16>,
}

/// A reference from an operation to its input, output or error shape.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub result_wrapper: Option<String>,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub xml_namespace: Option<serde_json::Value>,
    /// Copies of the error shape's own traits that some models repeat on
    /// the reference (datapipeline's `errors`); the shape's are used.
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    #[serde(default)]
    pub error: Option<serde_json::Value>,
}

/// A numeric bound (`min`/`max`) exactly as the model wrote it, so that an
/// integer bound stays an integer in messages and generated code.
pub type Bound = serde_json::Number;

/// One botocore shape, tagged by its `type`.
// The model is loaded once per run; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Shape {
    Structure(StructureShape),
    List(ListShape),
    Map(MapShape),
    String(StringShape),
    Integer(NumberShape),
    Long(NumberShape),
    Double(NumberShape),
    Float(NumberShape),
    Boolean(ScalarShape),
    Timestamp(TimestampShape),
    Blob(BlobShape),
}

/// Traits every shape may carry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CommonTraits {
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default, rename = "box")]
    pub boxed: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StructureShape {
    #[serde(default)]
    pub members: IndexMap<String, Member>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    #[serde(default)]
    pub error: Option<serde_json::Value>,
    #[serde(default)]
    pub union: bool,
    #[serde(default)]
    pub retryable: Option<serde_json::Value>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub payload: Option<String>,
    /// Ignored by the json protocol (an XML element name).
    #[serde(default)]
    pub location_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ListShape {
    pub member: Member,
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MapShape {
    pub key: Member,
    pub value: Member,
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StringShape {
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NumberShape {
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ScalarShape {
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TimestampShape {
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BlobShape {
    #[serde(default)]
    pub min: Option<Bound>,
    #[serde(default)]
    pub max: Option<Bound>,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
}

/// A structure member, list member, or map key/value: a reference to a shape
/// plus the traits the reference itself carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Member {
    pub shape: String,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default, rename = "box")]
    pub boxed: bool,
    #[serde(default)]
    pub jsonvalue: bool,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub xml_namespace: Option<serde_json::Value>,
    #[serde(default)]
    pub xml_attribute: bool,
    #[serde(default)]
    pub host_label: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub context_param: Option<serde_json::Value>,
}

impl Shape {
    /// botocore's name for the shape's type, as used in docs (`string`, `list`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Structure(_) => "structure",
            Shape::List(_) => "list",
            Shape::Map(_) => "map",
            Shape::String(_) => "string",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Double(_) => "double",
            Shape::Float(_) => "float",
            Shape::Boolean(_) => "boolean",
            Shape::Timestamp(_) => "timestamp",
            Shape::Blob(_) => "blob",
        }
    }

    /// The shape's own documentation, if any.
    pub fn documentation(&self) -> Option<&str> {
        match self {
            Shape::Structure(s) => s.documentation.as_deref(),
            Shape::List(s) => s.documentation.as_deref(),
            Shape::Map(s) => s.documentation.as_deref(),
            Shape::String(s) => s.documentation.as_deref(),
            Shape::Integer(s) | Shape::Long(s) | Shape::Double(s) | Shape::Float(s) => {
                s.documentation.as_deref()
            }
            Shape::Boolean(s) => s.documentation.as_deref(),
            Shape::Timestamp(s) => s.documentation.as_deref(),
            Shape::Blob(s) => s.documentation.as_deref(),
        }
    }

    /// Whether botocore treats the shape as a scalar (not structure/list/map).
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Shape::Structure(_) | Shape::List(_) | Shape::Map(_))
    }

    /// The shapes this shape refers to, with the JSON key that refers to each.
    pub fn references(&self) -> Vec<(String, &str)> {
        match self {
            Shape::Structure(s) => s
                .members
                .iter()
                .map(|(name, m)| (format!("members.{name}.shape"), m.shape.as_str()))
                .collect(),
            Shape::List(l) => vec![("member.shape".to_string(), l.member.shape.as_str())],
            Shape::Map(m) => vec![
                ("key.shape".to_string(), m.key.shape.as_str()),
                ("value.shape".to_string(), m.value.shape.as_str()),
            ],
            _ => Vec::new(),
        }
    }
}
