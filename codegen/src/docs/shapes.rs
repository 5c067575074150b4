// Ported from botocore 1.8.32 (botocore/model.py ShapeResolver): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Shapes as botocore's resolver hands them to aws-cli: a shape reached
//! through a member carries the member's traits merged over its own
//! (`ShapeResolver.resolve_shape_ref`), so its documentation is the
//! member's if the member has any, else the shape's own. Its `name` stays
//! the shape's name, which is what recursion checks and the translation map
//! key on.

use super::DocError;
use crate::model::{Member, ServiceModel, Shape};

#[derive(Debug, Clone, Copy)]
pub struct ShapeView<'m> {
    pub name: &'m str,
    pub shape: &'m Shape,
    /// The member reference the shape was reached through, if any.
    pub member: Option<&'m Member>,
}

fn lookup<'m>(model: &'m ServiceModel, name: &str) -> Result<&'m Shape, DocError> {
    model.shape(name).ok_or_else(|| DocError::UnknownShape {
        shape: name.to_string(),
    })
}

impl<'m> ShapeView<'m> {
    /// A top-level shape (an operation's input or output).
    pub fn named(model: &'m ServiceModel, name: &'m str) -> Result<ShapeView<'m>, DocError> {
        Ok(ShapeView {
            name,
            shape: lookup(model, name)?,
            member: None,
        })
    }

    /// The shape a member refers to, with the member's traits.
    pub fn member(model: &'m ServiceModel, member: &'m Member) -> Result<ShapeView<'m>, DocError> {
        Ok(ShapeView {
            name: &member.shape,
            shape: lookup(model, &member.shape)?,
            member: Some(member),
        })
    }

    pub fn type_name(&self) -> &'static str {
        self.shape.type_name()
    }

    /// aws-cli's `SCALAR_TYPES`: anything but structure, list and map.
    pub fn is_scalar(&self) -> bool {
        self.shape.is_scalar()
    }

    pub fn documentation(&self) -> &'m str {
        match self.member.and_then(|m| m.documentation.as_deref()) {
            Some(doc) => doc,
            None => self.shape.documentation().unwrap_or(""),
        }
    }

    /// A string shape's enum values (empty for other shapes).
    pub fn enum_values(&self) -> &'m [String] {
        match self.shape {
            Shape::String(s) => &s.enum_values,
            _ => &[],
        }
    }

    pub fn is_string(&self) -> bool {
        matches!(self.shape, Shape::String(_))
    }

    /// `serialization['name']`: the member's `locationName`.
    pub fn serialized_name(&self) -> Option<&'m str> {
        self.member.and_then(|m| m.location_name.as_deref())
    }

    /// botocore's `is_json_value_header`: a string header holding JSON,
    /// which aws-cli documents as type `JSON`.
    pub fn is_json_value_header(&self) -> bool {
        self.member
            .is_some_and(|m| m.jsonvalue && m.location.as_deref() == Some("header"))
            && self.is_string()
    }

    /// A structure's members in model order (empty for other shapes).
    pub fn members(
        &self,
        model: &'m ServiceModel,
    ) -> Result<Vec<(&'m str, ShapeView<'m>)>, DocError> {
        match self.shape {
            Shape::Structure(s) => s
                .members
                .iter()
                .map(|(name, m)| Ok((name.as_str(), ShapeView::member(model, m)?)))
                .collect(),
            _ => Ok(Vec::new()),
        }
    }

    pub fn member_count(&self) -> usize {
        match self.shape {
            Shape::Structure(s) => s.members.len(),
            _ => 0,
        }
    }

    /// A list's member shape.
    pub fn list_member(&self, model: &'m ServiceModel) -> Result<Option<ShapeView<'m>>, DocError> {
        match self.shape {
            Shape::List(l) => ShapeView::member(model, &l.member).map(Some),
            _ => Ok(None),
        }
    }

    /// A map's key and value shapes.
    pub fn map_entry(
        &self,
        model: &'m ServiceModel,
    ) -> Result<Option<(ShapeView<'m>, ShapeView<'m>)>, DocError> {
        match self.shape {
            Shape::Map(m) => Ok(Some((
                ShapeView::member(model, &m.key)?,
                ShapeView::member(model, &m.value)?,
            ))),
            _ => Ok(None),
        }
    }

    /// aws-cli's `_is_complex_shape` (what supports shorthand syntax): a
    /// structure, a map, or a list of structures, lists or maps.
    pub fn is_complex(&self, model: &'m ServiceModel) -> Result<bool, DocError> {
        Ok(match self.shape {
            Shape::Structure(_) | Shape::Map(_) => true,
            Shape::List(_) => self.list_member(model)?.is_some_and(|m| !m.is_scalar()),
            _ => false,
        })
    }
}
