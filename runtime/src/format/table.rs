// Ported from aws-cli 1.14.28 (awscli/formatter.py, awscli/table.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! `--output table`: awscli/formatter.py `TableFormatter` (how a response
//! becomes sections) and awscli/table.py `MultiTable` (how sections are
//! drawn): the operation name as the title, a dict's scalars as one row
//! under sorted headers (or as key/value rows when there is only one row
//! and the table is wider than the terminal), nested dicts and lists as
//! indented sub-tables, column widths scaled to the widest section.
//!
//! Colour (`--color on`, or `auto` on a terminal) is colorama's: row values
//! bright blue, the indentation bars dim yellow, and, since aws-cli starts
//! colorama with `autoreset=True`, a reset after every single `write()` the
//! Python code makes. The writes are therefore mirrored one for one.

use super::eaw::text_length;
use super::value::{py_str, Rcvar, Var};
use indexmap::IndexMap;

const RESET: &str = "\x1b[0m";
const ROW: &str = "\x1b[1m\x1b[34m";
const INDENT: &str = "\x1b[2m\x1b[33m";

/// `' ' * n` (empty for a negative n, as in Python).
fn rep(s: &str, n: i64) -> String {
    s.repeat(usize::try_from(n).unwrap_or(0))
}

/// What the table is written to: stdout, wrapped by colorama when colour
/// is on (a reset after each write).
pub struct Sink {
    pub out: String,
    autoreset: bool,
}

impl Sink {
    pub fn new(autoreset: bool) -> Sink {
        Sink {
            out: String::new(),
            autoreset,
        }
    }

    fn write(&mut self, text: &str) {
        self.out.push_str(text);
        if self.autoreset {
            self.out.push_str(RESET);
        }
    }
}

#[derive(Debug, Default)]
struct Section {
    /// `None` for the sections aws-cli opens with a `None` title (a list of
    /// lists of dicts); Python measures that title as the text `None`.
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent_level: i64,
    num_cols: Option<usize>,
    max_widths: Vec<i64>,
}

impl Section {
    fn title_length(&self) -> i64 {
        match &self.title {
            Some(t) => text_length(t),
            None => 4,
        }
    }

    fn add_header(&mut self, headers: Vec<String>) -> Result<(), String> {
        self.update_max_widths(&headers)?;
        if self.num_cols.is_none() {
            self.num_cols = Some(headers.len());
        }
        self.headers = headers;
        Ok(())
    }

    fn add_row(&mut self, row: Vec<String>) -> Result<(), String> {
        let expected = *self.num_cols.get_or_insert(row.len());
        if row.len() != expected {
            return Err(format!(
                "Row should have {expected} elements, instead it has {}",
                row.len()
            ));
        }
        self.update_max_widths(&row)?;
        self.rows.push(row);
        Ok(())
    }

    fn update_max_widths(&mut self, row: &[String]) -> Result<(), String> {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|el| text_length(el)).collect();
        } else {
            for (i, el) in row.iter().enumerate() {
                let Some(width) = self.max_widths.get_mut(i) else {
                    return Err("list index out of range".into());
                };
                *width = (*width).max(text_length(el));
            }
        }
        Ok(())
    }

    /// Column widths plus padding, scaled so they add up to `max_width`.
    fn calculate_column_widths(&self, padding: i64, max_width: Option<i64>) -> Vec<i64> {
        let unscaled: Vec<i64> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max_width) = max_width else {
            return unscaled;
        };
        if unscaled.is_empty() {
            return unscaled;
        }
        let total: i64 = unscaled.iter().sum();
        let scale = max_width as f64 / total as f64;
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|&w| (scale * w as f64).round_ties_even() as i64)
            .collect();
        let mut off_by: i64 = scaled.iter().sum::<i64>() - max_width;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled
    }

    fn total_width(&self, padding: i64, with_border: bool, outer_padding: i64) -> i64 {
        let mut total: i64 = self
            .calculate_column_widths(0, None)
            .iter()
            .map(|w| w + padding)
            .sum();
        if with_border {
            total += 2;
        }
        total += 2 * outer_padding;
        (self.title_length() + 2 + 2 * outer_padding).max(total)
    }
}

/// `center_text`: `text` centred between the edges in `length` columns.
fn center_text(
    text: &str,
    length: i64,
    left_edge: &str,
    right_edge: &str,
    text_len: i64,
) -> String {
    let char_start = length.div_euclid(2) - text_len.div_euclid(2) - 1;
    let mut output = format!("{left_edge}{}{text}", rep(" ", char_start));
    let so_far = text_length(left_edge) + char_start + text_len;
    let right_spaces = length - text_length(right_edge) - so_far;
    output.push_str(&rep(" ", right_spaces));
    output.push_str(right_edge);
    output
}

/// `align_left`: two spaces of padding (when they fit), then the text.
fn align_left(text: &str, length: i64, left_edge: &str, right_edge: &str, text_len: i64) -> String {
    let computed = text_len + 2 + text_length(left_edge) + text_length(right_edge);
    let padding = if length - computed >= 0 { 2 } else { 0 };
    let so_far = left_edge.chars().count() as i64 + padding + text_len;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        rep(" ", padding),
        rep(" ", length - so_far - right_edge.chars().count() as i64)
    )
}

struct Styler {
    colorized: bool,
}

impl Styler {
    fn row_element(&self, text: &str) -> String {
        if self.colorized {
            format!("{ROW}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn indentation_char(&self, text: &str) -> String {
        if self.colorized {
            format!("{INDENT}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// `IndentedStream`: each line framed by the section's indentation bars,
/// written in the same four pieces as Python writes them.
struct Indented<'a> {
    sink: &'a mut Sink,
    left: String,
    right: String,
}

impl Indented<'_> {
    fn write(&mut self, text: &str) {
        self.sink.write(&self.left);
        match text.strip_suffix('\n') {
            Some(line) => {
                self.sink.write(line);
                self.sink.write(&self.right);
                self.sink.write("\n");
            }
            None => self.sink.write(text),
        }
    }
}

pub struct MultiTable {
    sections: Vec<Section>,
    current: Option<usize>,
    styler: Styler,
    terminal_width: i64,
}

impl MultiTable {
    pub fn new(colorized: bool, terminal_width: i64) -> MultiTable {
        MultiTable {
            sections: Vec::new(),
            current: None,
            styler: Styler { colorized },
            terminal_width,
        }
    }

    fn current(&mut self, method: &str) -> Result<&mut Section, String> {
        match self.current {
            Some(i) => Ok(&mut self.sections[i]),
            None => Err(format!("'NoneType' object has no attribute '{method}'")),
        }
    }

    fn new_section(&mut self, title: Option<&str>, indent_level: i64) {
        self.sections.push(Section {
            title: title.map(str::to_string),
            indent_level,
            ..Section::default()
        });
        self.current = Some(self.sections.len() - 1);
    }

    fn add_row_header(&mut self, headers: Vec<String>) -> Result<(), String> {
        self.current("add_header")?.add_header(headers)
    }

    fn add_row(&mut self, row: Vec<String>) -> Result<(), String> {
        self.current("add_row")?.add_row(row)
    }

    fn max_width(&self) -> i64 {
        self.sections
            .iter()
            .map(|s| s.total_width(4, true, s.indent_level))
            .max()
            .unwrap_or(0)
    }

    pub fn render(&mut self, sink: &mut Sink) {
        let mut max_width = self.max_width();
        if max_width > self.terminal_width {
            self.convert_to_vertical();
            max_width = self.max_width();
        }
        sink.write(&format!("{}\n", rep("-", max_width)));
        for section in &self.sections {
            self.render_section(section, max_width, sink);
        }
    }

    /// Single-row sections with headers become key/value rows.
    fn convert_to_vertical(&mut self) {
        for section in &mut self.sections {
            if section.rows.len() == 1 && !section.headers.is_empty() {
                let mut vertical = Section {
                    title: section.title.clone(),
                    indent_level: section.indent_level,
                    ..Section::default()
                };
                for (header, element) in section.headers.iter().zip(&section.rows[0]) {
                    // Two columns every time: cannot fail.
                    let _ = vertical.add_row(vec![header.clone(), element.clone()]);
                }
                *section = vertical;
            }
        }
    }

    fn render_section(&self, section: &Section, max_width: i64, sink: &mut Sink) {
        let bar = self.styler.indentation_char("|");
        let bars = rep(&bar, section.indent_level);
        let mut stream = Indented {
            sink,
            left: bars.clone(),
            right: bars,
        };
        let max_width = max_width - section.indent_level * 2;
        self.render_title(section, max_width, &mut stream);
        self.render_column_titles(section, max_width, &mut stream);
        self.render_rows(section, max_width, &mut stream);
    }

    fn render_title(&self, section: &Section, max_width: i64, stream: &mut Indented) {
        let Some(title) = section.title.as_deref().filter(|t| !t.is_empty()) else {
            return;
        };
        stream.write(&format!(
            "{}\n",
            center_text(title, max_width, "|", "|", text_length(title))
        ));
        if section.headers.is_empty() && section.rows.is_empty() {
            stream.write(&format!("+{}+\n", rep("-", max_width - 2)));
        }
    }

    fn render_column_titles(&self, section: &Section, max_width: i64, stream: &mut Indented) {
        if section.headers.is_empty() {
            return;
        }
        let widths = section.calculate_column_widths(4, Some(max_width));
        let mut current = String::new();
        for (i, (width, header)) in widths.iter().zip(&section.headers).enumerate() {
            let left_edge = if i == 0 { "|" } else { "" };
            current.push_str(&center_text(
                header,
                *width,
                left_edge,
                "|",
                text_length(header),
            ));
        }
        write_line_break(stream, &widths);
        stream.write(&format!("{current}\n"));
    }

    fn render_rows(&self, section: &Section, max_width: i64, stream: &mut Indented) {
        if section.rows.is_empty() {
            return;
        }
        let widths = section.calculate_column_widths(4, Some(max_width));
        if widths.is_empty() {
            return;
        }
        write_line_break(stream, &widths);
        for row in &section.rows {
            let mut current = String::new();
            for (i, (width, element)) in widths.iter().zip(row).enumerate() {
                let left_edge = if i == 0 { "|" } else { "" };
                let styled = self.styler.row_element(element);
                current.push_str(&align_left(
                    &styled,
                    *width,
                    left_edge,
                    "|",
                    text_length(element),
                ));
            }
            stream.write(&format!("{current}\n"));
        }
        write_line_break(stream, &widths);
    }
}

fn write_line_break(stream: &mut Indented, widths: &[i64]) {
    let mut line = String::new();
    for (i, width) in widths.iter().enumerate() {
        if i == 0 {
            line.push_str(&format!("+{}+", rep("-", width - 2)));
        } else {
            line.push_str(&format!("{}+", rep("-", width - 1)));
        }
    }
    line.push('\n');
    stream.write(&line);
}

/// `TableFormatter._build_table`: false when there is nothing to draw.
pub fn build_table(
    table: &mut MultiTable,
    title: Option<&str>,
    current: &Var,
    indent_level: i64,
) -> Result<bool, String> {
    if !current.py_truthy() {
        return Ok(false);
    }
    if let Some(title) = title {
        table.new_section(Some(title), indent_level);
    }
    match current {
        Var::Array(items) => {
            if matches!(*items[0], Var::Object(_)) {
                sub_table_from_list(table, items, indent_level, title)?;
            } else {
                for item in items {
                    match &**item {
                        Var::Array(elements) if elements.iter().all(|e| e.is_scalar()) => {
                            table.add_row(elements.iter().map(|e| py_str(e)).collect())?;
                        }
                        // Iterating a dict gives its keys, all scalars.
                        Var::Object(map) => table.add_row(map.keys().cloned().collect())?,
                        Var::Array(_) => {
                            build_table(table, None, item, 0)?;
                        }
                        scalar => table.add_row(vec![py_str(scalar)])?,
                    }
                }
            }
        }
        Var::Object(map) => sub_table_from_dict(table, map, indent_level)?,
        _ => {}
    }
    Ok(true)
}

fn sub_table_from_dict(
    table: &mut MultiTable,
    current: &IndexMap<String, Rcvar>,
    indent_level: i64,
) -> Result<(), String> {
    let (headers, more) = group_scalar_keys(current);
    if headers.len() == 1 {
        let value = py_str(&current[&headers[0]]);
        table.add_row(vec![headers[0].clone(), value])?;
    } else if !headers.is_empty() {
        let row = headers.iter().map(|k| py_str(&current[k])).collect();
        table.add_row_header(headers)?;
        table.add_row(row)?;
    }
    for remaining in more {
        build_table(
            table,
            Some(&remaining),
            &current[&remaining],
            indent_level + 1,
        )?;
    }
    Ok(())
}

fn sub_table_from_list(
    table: &mut MultiTable,
    current: &[Rcvar],
    indent_level: i64,
    title: Option<&str>,
) -> Result<(), String> {
    let (headers, more) = group_scalar_keys_from_list(current)?;
    table.add_row_header(headers.clone())?;
    for (i, element) in current.iter().enumerate() {
        if i > 0 && !more.is_empty() {
            table.new_section(title, indent_level);
            table.add_row_header(headers.clone())?;
        }
        // `[element.get(h, '') for h in headers]`: only a dict has `get`,
        // which is never looked up when there are no headers.
        let row = match &**element {
            Var::Object(map) => headers
                .iter()
                .map(|h| map.get(h).map(|v| py_str(v)).unwrap_or_default())
                .collect(),
            _ if headers.is_empty() => Vec::new(),
            other => {
                return Err(format!(
                    "'{}' object has no attribute 'get'",
                    other.py_type_name()
                ))
            }
        };
        table.add_row(row)?;
        for remaining in &more {
            match &**element {
                Var::Object(map) => {
                    if let Some(value) = map.get(remaining) {
                        build_table(table, Some(remaining), value, indent_level + 1)?;
                    }
                }
                // `remaining in ''` (only an empty string gets this far)
                // holds for an empty key, and `''['']` then fails.
                Var::Str(s) if s.contains(remaining.as_str()) => {
                    return Err("string indices must be integers".into());
                }
                // A list here holds only integers, never equal to a key.
                _ => {}
            }
        }
    }
    Ok(())
}

/// A dict's keys split into scalar-valued and the rest, each sorted.
fn group_scalar_keys(current: &IndexMap<String, Rcvar>) -> (Vec<String>, Vec<String>) {
    let mut headers = Vec::new();
    let mut more = Vec::new();
    for (key, value) in current {
        if value.is_scalar() {
            headers.push(key.clone());
        } else {
            more.push(key.clone());
        }
    }
    headers.sort();
    more.sort();
    (headers, more)
}

/// The union over a list of dicts. Python indexes every element by its
/// own members, so anything but a dict (or an empty string) fails, here or
/// later: a list's members index the list itself, and its integer
/// "headers" cannot be sorted with a dict's keys.
fn group_scalar_keys_from_list(items: &[Rcvar]) -> Result<(Vec<String>, Vec<String>), String> {
    let mut headers: Vec<String> = Vec::new();
    let mut more: Vec<String> = Vec::new();
    let (mut int_headers, mut int_more) = (false, false);
    for item in items {
        match &**item {
            Var::Object(map) => {
                let (h, m) = group_scalar_keys(map);
                for k in h {
                    if !headers.contains(&k) {
                        headers.push(k);
                    }
                }
                for k in m {
                    if !more.contains(&k) {
                        more.push(k);
                    }
                }
            }
            Var::Str(s) if s.is_empty() => {}
            Var::Str(_) => return Err("string indices must be integers".into()),
            Var::Array(elements) => {
                for element in elements {
                    let index = match &**element {
                        Var::Int(i) => *i,
                        Var::BigInt(_) => {
                            return Err("cannot fit 'int' into an index-sized integer".into())
                        }
                        Var::Bool(b) => i128::from(*b),
                        other => {
                            return Err(format!(
                                "list indices must be integers or slices, not {}",
                                other.py_type_name()
                            ))
                        }
                    };
                    let len = elements.len() as i128;
                    let index = if index < 0 { index + len } else { index };
                    if !(0..len).contains(&index) {
                        return Err("list index out of range".into());
                    }
                    if elements[index as usize].is_scalar() {
                        int_headers = true;
                    } else {
                        int_more = true;
                    }
                }
            }
            other => return Err(format!("'{}' object is not iterable", other.py_type_name())),
        }
    }
    // `sorted()` of a set mixing ints and strs (which of the two Python
    // names first depends on its string hashing).
    if (int_headers && !headers.is_empty()) || (int_more && !more.is_empty()) {
        return Err("'<' not supported between instances of 'int' and 'str'".into());
    }
    headers.sort();
    more.sort();
    Ok((headers, more))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table(v: serde_json::Value, width: i64) -> Result<String, String> {
        let mut t = MultiTable::new(false, width);
        let mut sink = Sink::new(false);
        if build_table(&mut t, Some("Op"), &Var::from_json(&v), 0)? {
            t.render(&mut sink);
        }
        Ok(sink.out)
    }

    #[test]
    fn widths_scale_as_python() {
        let mut s = Section::default();
        s.add_row(vec!["a".into(), "bbbb".into(), "cc".into()])
            .unwrap();
        // Python: Section.calculate_column_widths(padding=4, max_width=30)
        assert_eq!(s.calculate_column_widths(4, Some(30)), vec![8, 13, 9]);
        assert_eq!(s.calculate_column_widths(4, Some(19)), vec![5, 8, 6]);
        assert_eq!(s.calculate_column_widths(4, Some(10)), vec![3, 4, 3]);
    }

    #[test]
    fn falsy_values_draw_nothing() {
        assert_eq!(table(json!({}), 80), Ok(String::new()));
        assert_eq!(table(json!(0), 80), Ok(String::new()));
        assert_eq!(table(json!(false), 80), Ok(String::new()));
    }

    #[test]
    fn scalar_is_a_title_only() {
        assert_eq!(table(json!("x"), 80), Ok("----\n|Op|\n+--+\n".into()));
    }

    #[test]
    fn ragged_rows_fail() {
        assert_eq!(
            table(json!([[1, 2], [3]]), 80),
            Err("Row should have 2 elements, instead it has 1".into())
        );
    }
}
