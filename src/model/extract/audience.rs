//! The `audience` section and the `channels` list.

use super::scalars::{is_region, is_segment};
use super::{AUDIENCE_KEYS, Fields, ItemPath, Reader, describe};
use crate::catalog::WILDCARD_CHANNEL;
use crate::load::NodeKind;
use crate::model::types::*;
use crate::model::value::{Field, Sp};

impl<'d> Reader<'d, '_, '_> {
    pub(super) fn audience(&mut self, fields: &mut Fields<'d>) -> Field<Audience> {
        let (section, inner) = self.section(fields, "audience", AUDIENCE_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let segments = match inner.take("segments") {
            None => inner.missing("segments"),
            Some((slot, path)) => match &slot.node.node.kind {
                NodeKind::Scalar(s) if &*s.value == "all" => Field::Valid(Sp {
                    value: Segments::All,
                    at: slot.at,
                }),
                NodeKind::Seq(_) => match self.string_list(slot, &path, "segments", is_segment) {
                    Some(list) => Field::Valid(Sp {
                        value: Segments::List(list),
                        at: slot.at,
                    }),
                    None => Field::Invalid(slot.at),
                },
                other => {
                    let found = describe(other);
                    self.invalid(
                        &slot.at,
                        &path,
                        format!("segments must be a list of segment ids or \"all\", not {found}"),
                    );
                    Field::Invalid(slot.at)
                }
            },
        };
        let regions = match inner.take("regions") {
            None => inner.missing("regions"),
            Some((slot, path)) => match self.string_list(slot, &path, "regions", is_region) {
                Some(list) => Field::Valid(Sp {
                    value: list,
                    at: slot.at,
                }),
                None => Field::Invalid(slot.at),
            },
        };
        section.with(Audience { segments, regions })
    }

    pub(super) fn channels(&mut self, fields: &mut Fields<'d>) -> Field<Vec<Sp<String>>> {
        let Some((slot, path)) = fields.take("channels") else {
            return fields.missing("channels");
        };
        match &slot.node.node.kind {
            NodeKind::Scalar(s) if matches!(&*s.value, "all" | "*") => {
                let finding = self
                    .report(&WILDCARD_CHANNEL, &slot.at, format!("channels is `{}`: every payment channel, forbidden ones included", s.value), &path)
                    .with_help("list the channels the campaign applies to, e.g. `[online-checkout, merchant-qr]`");
                self.push(finding);
                return Field::Invalid(slot.at);
            }
            NodeKind::Seq(items) if !items.is_empty() => {
                let mut out = Vec::with_capacity(items.len());
                for (i, &item) in items.iter().enumerate() {
                    let Some((node, at)) = self.list_item(i, item) else {
                        continue;
                    };
                    let item_path = ItemPath {
                        list: &path,
                        index: i,
                    };
                    match &node.node.kind {
                        NodeKind::Scalar(s) if &*s.value == "*" => {
                            let finding = self
                                .report(&WILDCARD_CHANNEL, &at, "channel `*` includes every payment channel, forbidden ones included".into(), &item_path)
                                .with_help("list the channels the campaign applies to instead of `*`");
                            self.push(finding);
                        }
                        NodeKind::Scalar(s) if !s.is_null() => out.push(Sp {
                            value: s.value.to_string(),
                            at,
                        }),
                        other => {
                            let found = describe(other);
                            self.invalid(
                                &at,
                                &item_path,
                                format!("a channel must be a channel id, not {found}"),
                            );
                        }
                    }
                }
                return Field::Valid(Sp {
                    value: out,
                    at: slot.at,
                });
            }
            NodeKind::Seq(_) => self.invalid(&slot.at, &path, "channels must not be empty".into()),
            other => {
                let found = describe(other);
                self.invalid(
                    &slot.at,
                    &path,
                    format!("channels must be a list of channel ids, not {found}"),
                );
            }
        }
        Field::Invalid(slot.at)
    }
}
