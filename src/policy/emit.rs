//! `promolint policy`: the effective policy written as a policy file.
//!
//! A small emitter for this fixed shape rather than a serializer, so the
//! output reads like the default of POLICY.md (short lists in flow style,
//! sections separated by blank lines) and every string is quoted exactly
//! when YAML needs it.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Policy, Requires, RuleLevel};

impl Policy {
    /// The policy as YAML that is itself a valid policy file, setting every key.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_yaml(&mut out);
        out
    }

    fn write_yaml(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "apiVersion: {}", scalar(&self.api_version))?;
        writeln!(out, "kind: {}", scalar(&self.kind))?;

        writeln!(out, "\nfiles:")?;
        writeln!(out, "  include: {}", flow_list(&self.files.include))?;
        writeln!(out, "  max_bytes: {}", self.files.max_bytes)?;
        writeln!(out, "  max_findings: {}", self.files.max_findings)?;
        writeln!(out, "  exclude: {}", flow_list(&self.files.exclude))?;

        writeln!(out)?;
        levels(out, "rules", &self.rules, 0)?;

        if self.overrides.is_empty() {
            writeln!(out, "\noverrides: []")?;
        } else {
            writeln!(out, "\noverrides:")?;
            for entry in &self.overrides {
                writeln!(out, "  - files: {}", flow_list(&entry.files))?;
                levels(out, "rules", &entry.rules, 4)?;
            }
        }

        writeln!(out, "\ncurrencies: {}", flow_list(&self.currencies))?;

        writeln!(out, "\nchannels:")?;
        writeln!(out, "  allowed: {}", flow_list(&self.channels.allowed))?;
        writeln!(out, "  forbidden: {}", flow_list(&self.channels.forbidden))?;

        let limits = &self.limits;
        writeln!(out, "\nlimits:")?;
        writeln!(out, "  rate_ceiling:")?;
        writeln!(
            out,
            "    default: {}",
            quoted(&limits.rate_ceiling.default.to_string())
        )?;
        text_map(out, "funding", &limits.rate_ceiling.funding, 4)?;
        text_map(out, "channels", &limits.rate_ceiling.channels, 4)?;
        writeln!(
            out,
            "  broad_audience_rate: {}",
            quoted(&limits.broad_audience_rate.to_string())
        )?;
        writeln!(
            out,
            "  broad_audience_amount_share: {}",
            quoted(&limits.broad_audience_amount_share.to_string())
        )?;
        writeln!(
            out,
            "  stacked_rate_ceiling: {}",
            quoted(&limits.stacked_rate_ceiling.to_string())
        )?;
        writeln!(out, "  budget:")?;
        writeln!(out, "    require_total: {}", limits.budget.require_total)?;
        writeln!(
            out,
            "    require_per_user: {}",
            limits.budget.require_per_user
        )?;
        text_map(out, "max_total", &limits.budget.max_total, 4)?;
        writeln!(out, "  schedule:")?;
        writeln!(
            out,
            "    max_duration_days: {}",
            limits.schedule.max_duration_days
        )?;
        super::programs::write_limits(
            out,
            &limits.max_discount,
            &limits.rollout,
            text_map::<rust_decimal::Decimal>,
        )?;
        super::programs::write_sections(
            out,
            &self.programs,
            &self.audience,
            scalar,
            quoted,
            flow_list,
        )?;

        let change = &self.change;
        writeln!(out, "\nchange:")?;
        writeln!(out, "  rate_factor: {}", change.rate_factor.normalize())?;
        writeln!(
            out,
            "  rate_points: {}",
            quoted(&change.rate_points.to_string())
        )?;
        writeln!(out, "  amount_factor: {}", change.amount_factor.normalize())?;
        writeln!(out, "  budget_factor: {}", change.budget_factor.normalize())?;

        writeln!(out, "\nlabels:")?;
        if self.labels.restricted.is_empty() {
            writeln!(out, "  restricted: []")?;
        } else {
            writeln!(out, "  restricted:")?;
            for entry in &self.labels.restricted {
                writeln!(out, "    - id: {}", scalar(&entry.id))?;
                writeln!(out, "      terms: {}", flow_list(&entry.terms))?;
                if entry.requires == Requires::default() {
                    writeln!(out, "      requires: {{}}")?;
                    continue;
                }
                writeln!(out, "      requires:")?;
                if let Some(source) = &entry.requires.funding_source {
                    writeln!(out, "        funding_source: {}", scalar(source))?;
                }
                if entry.requires.program_id {
                    writeln!(out, "        program_id: true")?;
                }
            }
        }
        if self.labels.forbidden.is_empty() {
            writeln!(out, "  forbidden: []")?;
        } else {
            writeln!(out, "  forbidden:")?;
            for entry in &self.labels.forbidden {
                writeln!(out, "    - terms: {}", flow_list(&entry.terms))?;
            }
        }
        Ok(())
    }
}

/// `key:` and a mapping of rule id to level, at `indent` spaces.
fn levels(
    out: &mut String,
    key: &str,
    map: &BTreeMap<String, RuleLevel>,
    indent: usize,
) -> std::fmt::Result {
    let pad = " ".repeat(indent);
    if map.is_empty() {
        return writeln!(out, "{pad}{key}: {{}}");
    }
    writeln!(out, "{pad}{key}:")?;
    for (id, level) in map {
        writeln!(out, "{pad}  {}: {}", scalar(id), level.as_str())?;
    }
    Ok(())
}

/// `key:` and a mapping of names to values written as quoted strings
/// (percents, money), at `indent` spaces.
fn text_map<V: std::fmt::Display>(
    out: &mut String,
    key: &str,
    map: &BTreeMap<String, V>,
    indent: usize,
) -> std::fmt::Result {
    let pad = " ".repeat(indent);
    if map.is_empty() {
        return writeln!(out, "{pad}{key}: {{}}");
    }
    writeln!(out, "{pad}{key}:")?;
    for (name, value) in map {
        writeln!(
            out,
            "{pad}  {}: {}",
            scalar(name),
            quoted(&value.to_string())
        )?;
    }
    Ok(())
}

fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| scalar(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A string as a YAML scalar: plain when it is a word that every YAML
/// reader takes as that string, double-quoted otherwise.
fn scalar(text: &str) -> String {
    if is_safe_plain(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Plain is safe for a word that starts with a letter and holds only
/// letters, digits, `-`, `_`, `.` and `/`: no indicator, no `: ` or ` #`,
/// and not a number. The words YAML 1.1 reads as booleans or null are
/// quoted too, so no reader of either version mistakes them.
fn is_safe_plain(text: &str) -> bool {
    let mut chars = text.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    let reserved = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null"
    );
    starts_with_letter && rest_ok && !reserved
}

/// A double-quoted YAML scalar. Control characters and invisible format
/// characters are escaped, so the printed policy shows them.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xFFFF {
                    let _ = write!(out, "\\u{code:04X}");
                } else {
                    let _ = write!(out, "\\U{code:08X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}
