//! The API-change report: what changed between two versions of a service's
//! model, and what that means at the command line. Pure: two loaded models
//! in, a [`ChangeReport`] out, rendered as Markdown for `model/<svc>/CHANGES.md`.

use crate::inputs::ServiceInputs;
use crate::model::{Bound, Member, ServiceModel, Shape};
use crate::naming::cli_name;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One change to a member, found by walking input or output structures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MemberChange {
    Added {
        path: String,
        shape: String,
    },
    Removed {
        path: String,
    },
    NowRequired {
        path: String,
    },
    NowOptional {
        path: String,
    },
    TypeChanged {
        path: String,
        from: String,
        to: String,
    },
    Constraint {
        path: String,
        trait_name: &'static str,
        from: String,
        to: String,
    },
    EnumAdded {
        path: String,
        values: Vec<String>,
    },
    EnumRemoved {
        path: String,
        values: Vec<String>,
    },
}

/// Everything that changed for one operation present in both models.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationChange {
    pub name: String,
    pub input: Vec<MemberChange>,
    pub output: Vec<MemberChange>,
    /// Member paths whose documentation changed.
    pub docs_changed: Vec<String>,
    pub description_changed: bool,
    pub deprecated_changed: Option<bool>,
}

impl OperationChange {
    fn is_empty(&self) -> bool {
        self.input.is_empty()
            && self.output.is_empty()
            && self.docs_changed.is_empty()
            && !self.description_changed
            && self.deprecated_changed.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeReport {
    pub service: String,
    pub operations_added: Vec<String>,
    pub operations_removed: Vec<String>,
    pub operations_changed: Vec<OperationChange>,
    pub paginators_added: Vec<String>,
    pub paginators_removed: Vec<String>,
    pub waiters_added: Vec<String>,
    pub waiters_removed: Vec<String>,
}

impl ChangeReport {
    pub fn is_empty(&self) -> bool {
        self.operations_added.is_empty()
            && self.operations_removed.is_empty()
            && self.operations_changed.is_empty()
            && self.paginators_added.is_empty()
            && self.paginators_removed.is_empty()
            && self.waiters_added.is_empty()
            && self.waiters_removed.is_empty()
    }
}

fn added_removed<'a>(
    old: impl Iterator<Item = &'a String>,
    new: impl Iterator<Item = &'a String>,
) -> (Vec<String>, Vec<String>) {
    let old: BTreeSet<&String> = old.collect();
    let new: BTreeSet<&String> = new.collect();
    (
        new.difference(&old).map(|s| s.to_string()).collect(),
        old.difference(&new).map(|s| s.to_string()).collect(),
    )
}

/// Compares the model `old` with `new`.
pub fn diff(old: &ServiceInputs, new: &ServiceInputs) -> ChangeReport {
    let (operations_added, operations_removed) =
        added_removed(old.model.operations.keys(), new.model.operations.keys());
    let (paginators_added, paginators_removed) = added_removed(
        old.paginators.pagination.keys(),
        new.paginators.pagination.keys(),
    );
    let (waiters_added, waiters_removed) =
        added_removed(old.waiters.waiters.keys(), new.waiters.waiters.keys());
    let mut operations_changed = Vec::new();
    for (name, old_op) in &old.model.operations {
        let Some(new_op) = new.model.operations.get(name) else {
            continue;
        };
        let mut change = OperationChange {
            name: name.clone(),
            ..Default::default()
        };
        change.description_changed = old_op.documentation != new_op.documentation;
        if old_op.deprecated != new_op.deprecated {
            change.deprecated_changed = Some(new_op.deprecated);
        }
        let mut walker = Walker {
            old: &old.model,
            new: &new.model,
            seen: BTreeSet::new(),
            docs: Vec::new(),
        };
        let old_in = old_op.input.as_ref().map(|r| r.shape.as_str());
        let new_in = new_op.input.as_ref().map(|r| r.shape.as_str());
        change.input = walker.top(old_in, new_in);
        let old_out = old_op.output.as_ref().map(|r| r.shape.as_str());
        let new_out = new_op.output.as_ref().map(|r| r.shape.as_str());
        walker.seen.clear();
        change.output = walker.top(old_out, new_out);
        change.docs_changed = walker.docs;
        change.docs_changed.sort();
        change.docs_changed.dedup();
        if !change.is_empty() {
            operations_changed.push(change);
        }
    }
    ChangeReport {
        service: new.cli_name.clone(),
        operations_added,
        operations_removed,
        operations_changed,
        paginators_added,
        paginators_removed,
        waiters_added,
        waiters_removed,
    }
}

struct Walker<'m> {
    old: &'m ServiceModel,
    new: &'m ServiceModel,
    /// (old shape, new shape) pairs already walked: recursive shapes end here.
    seen: BTreeSet<(String, String)>,
    docs: Vec<String>,
}

/// A short description of a shape's type: `string`, `list of string`, `structure Foo`.
fn type_of(model: &ServiceModel, name: &str) -> String {
    match model.shape(name) {
        Some(Shape::List(l)) => format!("list of {}", type_of_shallow(model, &l.member.shape)),
        Some(Shape::Map(m)) => format!(
            "map of {} to {}",
            type_of_shallow(model, &m.key.shape),
            type_of_shallow(model, &m.value.shape)
        ),
        _ => type_of_shallow(model, name),
    }
}

fn type_of_shallow(model: &ServiceModel, name: &str) -> String {
    match model.shape(name) {
        Some(Shape::Structure(_)) => format!("structure {name}"),
        Some(shape) => shape.type_name().to_string(),
        None => "?".to_string(),
    }
}

fn bounds(shape: &Shape) -> (Option<&Bound>, Option<&Bound>, Option<&str>) {
    match shape {
        Shape::String(s) => (s.min.as_ref(), s.max.as_ref(), s.pattern.as_deref()),
        Shape::List(l) => (l.min.as_ref(), l.max.as_ref(), None),
        Shape::Map(m) => (m.min.as_ref(), m.max.as_ref(), None),
        Shape::Integer(n) | Shape::Long(n) | Shape::Double(n) | Shape::Float(n) => {
            (n.min.as_ref(), n.max.as_ref(), None)
        }
        Shape::Blob(b) => (b.min.as_ref(), b.max.as_ref(), None),
        _ => (None, None, None),
    }
}

fn show<T: ToString>(value: Option<T>) -> String {
    value
        .map(|v| v.to_string())
        .unwrap_or_else(|| "none".to_string())
}

fn enum_values(shape: &Shape) -> &[String] {
    match shape {
        Shape::String(s) => &s.enum_values,
        _ => &[],
    }
}

impl Walker<'_> {
    fn top(&mut self, old: Option<&str>, new: Option<&str>) -> Vec<MemberChange> {
        let mut changes = Vec::new();
        match (old, new) {
            (Some(o), Some(n)) => self.shapes(o, n, "", &mut changes),
            (None, Some(n)) => changes.push(MemberChange::Added {
                path: "(input or output)".into(),
                shape: n.into(),
            }),
            (Some(_), None) => changes.push(MemberChange::Removed {
                path: "(input or output)".into(),
            }),
            (None, None) => {}
        }
        changes.sort();
        changes
    }

    fn shapes(&mut self, old_name: &str, new_name: &str, path: &str, out: &mut Vec<MemberChange>) {
        if !self
            .seen
            .insert((old_name.to_string(), new_name.to_string()))
        {
            return;
        }
        let (Some(old), Some(new)) = (self.old.shape(old_name), self.new.shape(new_name)) else {
            return;
        };
        let here = if path.is_empty() {
            "(top level)".to_string()
        } else {
            path.to_string()
        };
        let (old_type, new_type) = (type_of(self.old, old_name), type_of(self.new, new_name));
        if old.type_name() != new.type_name() {
            out.push(MemberChange::TypeChanged {
                path: here,
                from: old_type,
                to: new_type,
            });
            return;
        }
        let (old_min, old_max, old_pattern) = bounds(old);
        let (new_min, new_max, new_pattern) = bounds(new);
        for (trait_name, from, to) in [
            ("min", show(old_min), show(new_min)),
            ("max", show(old_max), show(new_max)),
            ("pattern", show(old_pattern), show(new_pattern)),
        ] {
            if from != to {
                out.push(MemberChange::Constraint {
                    path: here.clone(),
                    trait_name,
                    from,
                    to,
                });
            }
        }
        let (old_enum, new_enum) = (enum_values(old), enum_values(new));
        let added: Vec<String> = new_enum
            .iter()
            .filter(|v| !old_enum.contains(v))
            .cloned()
            .collect();
        let removed: Vec<String> = old_enum
            .iter()
            .filter(|v| !new_enum.contains(v))
            .cloned()
            .collect();
        if !added.is_empty() {
            out.push(MemberChange::EnumAdded {
                path: here.clone(),
                values: added,
            });
        }
        if !removed.is_empty() {
            out.push(MemberChange::EnumRemoved {
                path: here.clone(),
                values: removed,
            });
        }
        match (old, new) {
            (Shape::Structure(o), Shape::Structure(n)) => {
                for (member, new_member) in &n.members {
                    let member_path = join(path, member);
                    match o.members.get(member) {
                        None => out.push(MemberChange::Added {
                            path: member_path,
                            shape: describe_new(self.new, new_member, n.required.contains(member)),
                        }),
                        Some(old_member) => {
                            let (was, is) =
                                (o.required.contains(member), n.required.contains(member));
                            if !was && is {
                                out.push(MemberChange::NowRequired {
                                    path: member_path.clone(),
                                });
                            }
                            if was && !is {
                                out.push(MemberChange::NowOptional {
                                    path: member_path.clone(),
                                });
                            }
                            if old_member.documentation != new_member.documentation {
                                self.docs.push(member_path.clone());
                            }
                            self.shapes(&old_member.shape, &new_member.shape, &member_path, out);
                        }
                    }
                }
                for member in o.members.keys() {
                    if !n.members.contains_key(member) {
                        out.push(MemberChange::Removed {
                            path: join(path, member),
                        });
                    }
                }
            }
            (Shape::List(o), Shape::List(n)) => {
                self.shapes(&o.member.shape, &n.member.shape, &format!("{path}[]"), out);
            }
            (Shape::Map(o), Shape::Map(n)) => {
                self.shapes(&o.value.shape, &n.value.shape, &format!("{path}{{}}"), out);
            }
            _ => {}
        }
    }
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_string()
    } else {
        format!("{path}.{member}")
    }
}

fn describe_new(model: &ServiceModel, member: &Member, required: bool) -> String {
    let mut text = type_of(model, &member.shape);
    if let Some(shape) = model.shape(&member.shape) {
        let values = enum_values(shape);
        if !values.is_empty() {
            text.push_str(&format!(", one of {}", values.join(", ")));
        }
    }
    if required {
        text.push_str(", required");
    }
    text
}

/// What a change means at the command line (for input changes only: the
/// top-level members are the command's options).
fn cli_effects(service: &str, change: &OperationChange) -> Vec<String> {
    let command = format!("awsr {service} {}", cli_name(&change.name));
    let mut effects = Vec::new();
    for c in &change.input {
        match c {
            MemberChange::Added { path, shape } if !path.contains(['.', '[', '{']) => {
                effects.push(format!(
                    "`{command}` gains option `--{}` ({shape})",
                    cli_name(path)
                ));
            }
            MemberChange::Removed { path } if !path.contains(['.', '[', '{']) => {
                effects.push(format!("`{command}` loses option `--{}`", cli_name(path)));
            }
            MemberChange::NowRequired { path } if !path.contains(['.', '[', '{']) => {
                effects.push(format!(
                    "`--{}` is now mandatory for `{command}`",
                    cli_name(path)
                ));
            }
            MemberChange::NowOptional { path } if !path.contains(['.', '[', '{']) => {
                effects.push(format!(
                    "`--{}` is now optional for `{command}`",
                    cli_name(path)
                ));
            }
            _ => {}
        }
    }
    effects
}

fn render_change(c: &MemberChange) -> String {
    match c {
        MemberChange::Added { path, shape } => format!("added `{path}` ({shape})"),
        MemberChange::Removed { path } => format!("removed `{path}`"),
        MemberChange::NowRequired { path } => format!("`{path}` became required"),
        MemberChange::NowOptional { path } => format!("`{path}` became optional"),
        MemberChange::TypeChanged { path, from, to } => {
            format!("`{path}` changed type: {from} → {to}")
        }
        MemberChange::Constraint {
            path,
            trait_name,
            from,
            to,
        } => {
            format!("`{path}` {trait_name}: {from} → {to}")
        }
        MemberChange::EnumAdded { path, values } => {
            format!("`{path}` enum values added: {}", values.join(", "))
        }
        MemberChange::EnumRemoved { path, values } => {
            format!("`{path}` enum values removed: {}", values.join(", "))
        }
    }
}

/// The header that starts one entry of CHANGES.md; the update command reads
/// it back to recognise a revert.
pub fn entry_marker(from_sha: &str, to_sha: &str) -> String {
    format!("<!-- awsr-change from={from_sha} to={to_sha} -->")
}

/// The `from` and `to` hashes of the newest entry of a CHANGES.md, if any.
pub fn newest_entry(changes_md: &str) -> Option<(String, String)> {
    let line = changes_md
        .lines()
        .find(|l| l.starts_with("<!-- awsr-change "))?;
    let from = line
        .split("from=")
        .nth(1)?
        .split_whitespace()
        .next()?
        .to_string();
    let to = line
        .split("to=")
        .nth(1)?
        .split_whitespace()
        .next()?
        .to_string();
    Some((from, to))
}

/// Labels for the two sides of a report.
pub struct Versions<'a> {
    pub from_label: &'a str,
    pub to_label: &'a str,
    pub from_sha: &'a str,
    pub to_sha: &'a str,
}

/// One Markdown entry for CHANGES.md.
pub fn render_entry(report: &ChangeReport, versions: &Versions<'_>) -> String {
    let mut md = String::new();
    let service = &report.service;
    let _ = writeln!(
        md,
        "## {service}: {} → {}",
        versions.from_label, versions.to_label
    );
    let _ = writeln!(md, "{}", entry_marker(versions.from_sha, versions.to_sha));
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Model sha256 `{}` → `{}`.",
        versions.from_sha, versions.to_sha
    );
    let _ = writeln!(md);
    if report.is_empty() {
        let _ = writeln!(
            md,
            "No change to operations, shapes, paginators or waiters."
        );
        let _ = writeln!(md);
        return md;
    }
    let list = |md: &mut String, title: &str, items: &[String], cli: bool| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(md, "### {title} ({})", items.len());
        let _ = writeln!(md);
        for item in items {
            if cli {
                let _ = writeln!(md, "- {item} (`awsr {service} {}`)", cli_name(item));
            } else {
                let _ = writeln!(md, "- {item}");
            }
        }
        let _ = writeln!(md);
    };
    list(&mut md, "Operations added", &report.operations_added, true);
    list(
        &mut md,
        "Operations removed",
        &report.operations_removed,
        true,
    );
    list(&mut md, "Paginators added", &report.paginators_added, false);
    list(
        &mut md,
        "Paginators removed",
        &report.paginators_removed,
        false,
    );
    list(&mut md, "Waiters added", &report.waiters_added, false);
    list(&mut md, "Waiters removed", &report.waiters_removed, false);

    let effects: Vec<String> = report
        .operations_changed
        .iter()
        .flat_map(|c| cli_effects(service, c))
        .collect();
    if !effects.is_empty() {
        let _ = writeln!(md, "### At the command line");
        let _ = writeln!(md);
        for effect in effects {
            let _ = writeln!(md, "- {effect}");
        }
        let _ = writeln!(md);
    }
    if !report.operations_changed.is_empty() {
        let _ = writeln!(
            md,
            "### Operations changed ({})",
            report.operations_changed.len()
        );
        let _ = writeln!(md);
        for change in &report.operations_changed {
            let _ = writeln!(
                md,
                "#### {} (`awsr {service} {}`)",
                change.name,
                cli_name(&change.name)
            );
            let _ = writeln!(md);
            let mut sections: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            sections.insert("input", change.input.iter().map(render_change).collect());
            sections.insert("output", change.output.iter().map(render_change).collect());
            for (side, lines) in sections {
                for line in lines {
                    let _ = writeln!(md, "- {side}: {line}");
                }
            }
            if let Some(deprecated) = change.deprecated_changed {
                let _ = writeln!(
                    md,
                    "- the operation is {}deprecated",
                    if deprecated { "now " } else { "no longer " }
                );
            }
            if change.description_changed {
                let _ = writeln!(md, "- documentation: the operation's description changed");
            }
            if !change.docs_changed.is_empty() {
                let shown: Vec<String> = change
                    .docs_changed
                    .iter()
                    .take(8)
                    .map(|p| format!("`{p}`"))
                    .collect();
                let more = change.docs_changed.len().saturating_sub(8);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    md,
                    "- documentation: {} member description{} changed ({}{tail})",
                    change.docs_changed.len(),
                    if change.docs_changed.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    shown.join(", ")
                );
            }
            let _ = writeln!(md);
        }
    }
    md
}

/// The heading CHANGES.md starts with.
pub const CHANGES_HEADER: &str = "# API changes\n\nWritten by `cargo run -p codegen -- update`, newest first. Each entry compares the model before an update with the model after it.\n\n";

/// CHANGES.md after an update from `from_sha` to `to_sha`: a new entry on
/// top, or, when the update returns to the model before the newest entry (a
/// revert), that entry removed.
pub fn next_changes_md(
    current: Option<&str>,
    entry: &str,
    from_sha: &str,
    to_sha: &str,
) -> Option<String> {
    let current = current.unwrap_or("");
    let body = current.strip_prefix(CHANGES_HEADER).unwrap_or(current);
    if from_sha == to_sha {
        return Some(current.to_string()).filter(|c| !c.is_empty());
    }
    if let Some((newest_from, newest_to)) = newest_entry(body) {
        if newest_from == to_sha && newest_to == from_sha {
            // Drop the newest entry: everything up to the next entry's heading.
            let rest = body
                .match_indices("\n## ")
                .next()
                .map(|(at, _)| &body[at + 1..])
                .unwrap_or("");
            return if rest.is_empty() {
                None
            } else {
                Some(format!("{CHANGES_HEADER}{rest}"))
            };
        }
    }
    Some(format!("{CHANGES_HEADER}{entry}{body}"))
}
