//! `model/customizations/all-services/paramfile-disabled.json`: the options
//! whose `file://`/`fileb://` values aws-cli passes on unread
//! (`awscli/paramfile.py` `PARAMFILE_DISABLED`). Same schema as the old
//! list case file; `service` is the model's endpoint prefix, as in
//! aws-cli's `load-cli-arg.<service>.<command>.<option>` event. Each
//! service's descriptor carries its own (`Service::paramfile_disabled`).

use crate::old_list::OldListCases;

/// The file, relative to `model/`.
pub const PATH: &str = "customizations/all-services/paramfile-disabled.json";

/// `(command, option)` of the service with `endpoint_prefix`, in file order.
pub fn for_endpoint_prefix(list: &OldListCases, endpoint_prefix: &str) -> Vec<(String, String)> {
    list.for_service(endpoint_prefix)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_vendored_table_loads_and_splits_by_endpoint_prefix() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
        let list = crate::inputs::load_paramfile_disabled(&root).unwrap();
        assert_eq!(list.options.len(), 59);
        let comprehend = super::for_endpoint_prefix(&list, "comprehend");
        assert_eq!(comprehend.len(), 8);
        assert!(comprehend.contains(&("detect-sentiment".into(), "text".into())));
        assert!(super::for_endpoint_prefix(&list, "elasticmapreduce").is_empty());
    }
}
