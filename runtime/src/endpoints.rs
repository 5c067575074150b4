// Ported from botocore 1.8.32 (botocore/regions.py EndpointResolver,
// botocore/client.py ClientEndpointBridge): Copyright Amazon.com, Inc. or its
// affiliates, under the Apache License 2.0. See NOTICE.
//! Where a service's requests go and how they are signed, from botocore's
//! `endpoints.json` (vendored at `model/botocore/endpoints.json`, embedded
//! once): partitions and their region patterns, global services
//! (`partitionEndpoint` with `isRegionalized: false`), hostname overrides,
//! `sslCommonName`, and `credentialScope` region and service. Parsed only
//! when a request is made, so start-up does not pay for it.

use serde_json::Value;
use std::sync::OnceLock;

const ENDPOINTS_JSON: &str = include_str!("../../model/botocore/endpoints.json");

/// What botocore's client for `endpoint_prefix` in `region` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The URL without `--endpoint-url`.
    pub url: String,
    /// The SigV4 region without `--endpoint-url` (with it: the region).
    pub signing_region: String,
    /// The SigV4 service name (a `credentialScope` service applies with
    /// `--endpoint-url` too, as in botocore).
    pub signing_name: String,
}

fn endpoints() -> &'static Value {
    static PARSED: OnceLock<Value> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(ENDPOINTS_JSON).unwrap_or(Value::Null))
}

/// botocore's resolution for the service with this endpoint prefix and the
/// model's signing name (`signingName`, else the endpoint prefix).
pub fn resolve(endpoint_prefix: &str, model_signing_name: &str, region: &str) -> Resolved {
    let partitions = endpoints()["partitions"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    for partition in partitions {
        if let Some(endpoint) = for_partition(partition, endpoint_prefix, region) {
            return from_endpoint(&endpoint, model_signing_name, region);
        }
    }
    // ClientEndpointBridge._assume_endpoint: a region no partition knows.
    Resolved {
        url: format!("https://{endpoint_prefix}.{region}.amazonaws.com"),
        signing_region: region.to_string(),
        signing_name: model_signing_name.to_string(),
    }
}

/// `EndpointResolver._endpoint_for_partition` and `_resolve`: the endpoint's
/// entry merged over the service's and the partition's defaults, with the
/// hostname templates expanded.
fn for_partition(partition: &Value, service: &str, region: &str) -> Option<Value> {
    let empty = Value::Object(Default::default());
    let service_data = partition["services"].get(service).unwrap_or(&empty);
    let known = service_data["endpoints"].get(region).is_some();
    let name = if known {
        region
    } else if region_matches(partition, region) {
        match service_data["partitionEndpoint"].as_str() {
            Some(global) if service_data["isRegionalized"] == Value::Bool(false) => global,
            _ => region,
        }
    } else {
        return None;
    };
    let mut result = service_data["endpoints"]
        .get(name)
        .cloned()
        .unwrap_or_else(|| empty.clone());
    for defaults in [&service_data["defaults"], &partition["defaults"]] {
        merge_keys(defaults, &mut result);
    }
    let dns_suffix = partition["dnsSuffix"].as_str().unwrap_or("amazonaws.com");
    let expand = |template: &str| {
        template
            .replace("{service}", service)
            .replace("{region}", name)
            .replace("{dnsSuffix}", dns_suffix)
    };
    for key in ["hostname", "sslCommonName"] {
        if let Some(template) = result[key].as_str() {
            result[key] = Value::String(expand(template));
        }
    }
    result["endpointName"] = Value::String(name.to_string());
    Some(result)
}

/// botocore's `_merge_keys`: keys of `from` missing in `into`, and dicts
/// merged one level further down.
fn merge_keys(from: &Value, into: &mut Value) {
    let (Some(from), Some(into)) = (from.as_object(), into.as_object_mut()) else {
        return;
    };
    for (key, value) in from {
        match into.get_mut(key) {
            None => {
                into.insert(key.clone(), value.clone());
            }
            Some(existing) if existing.is_object() && value.is_object() => {
                merge_keys(value, existing);
            }
            Some(_) => {}
        }
    }
}

/// `_region_match`: a region the partition lists, or one its `regionRegex`
/// matches (Python's `re.match`).
fn region_matches(partition: &Value, region: &str) -> bool {
    if partition["regions"].get(region).is_some() {
        return true;
    }
    partition["regionRegex"]
        .as_str()
        .and_then(|pattern| regex::Regex::new(pattern).ok())
        .is_some_and(|re| re.is_match(region))
}

/// `ClientEndpointBridge._create_endpoint`: `sslCommonName` over
/// `hostname`, the credential scope over the region and the model's name.
fn from_endpoint(endpoint: &Value, model_signing_name: &str, region: &str) -> Resolved {
    let host = endpoint["sslCommonName"]
        .as_str()
        .or(endpoint["hostname"].as_str())
        .unwrap_or_default();
    let https = endpoint["protocols"]
        .as_array()
        .is_some_and(|p| p.iter().any(|p| p == "https"));
    let scheme = if https { "https" } else { "http" };
    let scope = &endpoint["credentialScope"];
    let endpoint_name = endpoint["endpointName"].as_str().unwrap_or(region);
    Resolved {
        url: format!("{scheme}://{host}"),
        signing_region: scope["region"]
            .as_str()
            .unwrap_or(endpoint_name)
            .to_string(),
        signing_name: scope["service"]
            .as_str()
            .unwrap_or(model_signing_name)
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_global_and_partitioned_services() {
        let emr = resolve("elasticmapreduce", "elasticmapreduce", "eu-west-1");
        assert_eq!(emr.url, "https://eu-west-1.elasticmapreduce.amazonaws.com");
        let emr = resolve("elasticmapreduce", "elasticmapreduce", "us-east-1");
        assert_eq!(emr.url, "https://elasticmapreduce.us-east-1.amazonaws.com");
        let cn = resolve("elasticmapreduce", "elasticmapreduce", "cn-north-1");
        assert_eq!(
            cn.url,
            "https://elasticmapreduce.cn-north-1.amazonaws.com.cn"
        );
        let budgets = resolve("budgets", "budgets", "eu-west-1");
        assert_eq!(budgets.url, "https://budgets.amazonaws.com");
        assert_eq!(budgets.signing_region, "us-east-1");
        let unknown = resolve("emr", "emr", "mars-1");
        assert_eq!(unknown.url, "https://emr.mars-1.amazonaws.com");
    }
}
