//! Help pages for the terminal: the generated rst rendered the way `man`
//! lays out aws-cli's pages (headings at the margin, text indented and
//! wrapped), bold where the terminal shows it, and shown through a pager on a
//! TTY. Hand-written because the pages use a small, fixed subset of rst that
//! aws-cli's doc writer emits; a full rst engine would cost start-up time.

use std::io::{IsTerminal, Write};

/// How the page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI bold for headings, option names and literals.
    pub bold: bool,
    /// Total line width.
    pub width: usize,
}

const BODY_INDENT: usize = 7;

/// Renders `rst` for a terminal; `title` is the command, e.g. `cancel-steps`.
pub fn render(rst: &str, title: &str, style: Style) -> String {
    let mut out = String::new();
    let upper = format!("{}()", title.to_uppercase());
    let gap = style.width.saturating_sub(upper.len() * 2).max(1);
    out.push_str(&format!("{upper}{}{upper}\n\n\n\n", " ".repeat(gap)));
    let lines: Vec<&str> = rst.lines().collect();
    let mut i = 0;
    let mut first_heading = true;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_end();
        // Breadcrumbs and reference labels are for the HTML build only.
        if trimmed.starts_with("[ :ref:")
            || trimmed.starts_with(".. _")
            || trimmed.trim().is_empty()
        {
            i += 1;
            continue;
        }
        // Heading: optional overline, text, underline of * or =.
        if is_rule(trimmed) && i + 2 < lines.len() && is_rule(lines[i + 2].trim_end()) {
            let text = lines[i + 1].trim();
            if first_heading {
                out.push_str(&heading("NAME", style));
                out.push_str(&format!("{}{text} -\n\n", " ".repeat(BODY_INDENT)));
                first_heading = false;
            } else {
                out.push_str(&heading(&text.to_uppercase(), style));
            }
            i += 3;
            continue;
        }
        if i + 1 < lines.len() && is_rule(lines[i + 1].trim_end()) && !trimmed.starts_with(' ') {
            out.push_str(&heading(&trimmed.to_uppercase(), style));
            i += 2;
            continue;
        }
        // A paragraph: consecutive non-blank lines at the same indent.
        let indent = leading_spaces(line);
        let mut text = String::new();
        while i < lines.len() && !lines[i].trim().is_empty() && leading_spaces(lines[i]) == indent {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(lines[i].trim());
            i += 1;
        }
        if text.is_empty() {
            // A line indented deeper than its neighbours starts a paragraph of its own.
            text.push_str(lines[i].trim());
            i += 1;
        }
        let margin = BODY_INDENT + indent * 3 / 2;
        let literal_follows = text.ends_with("::");
        let shown = if text == "::" {
            String::new()
        } else if literal_follows {
            text.trim_end_matches(':').to_string() + ":"
        } else {
            text
        };
        if !shown.is_empty() {
            // A bullet item hangs its continuation lines under its text.
            let hang = if shown.starts_with("* ") || shown.starts_with("- ") {
                2
            } else {
                0
            };
            out.push_str(&wrap(&inline(&shown, style), margin, hang, style.width));
            out.push('\n');
        }
        if literal_follows {
            // Literal block: the following lines indented deeper, kept as they are.
            while i < lines.len() && lines[i].trim().is_empty() {
                i += 1;
            }
            while i < lines.len()
                && (lines[i].trim().is_empty() || leading_spaces(lines[i]) > indent)
            {
                let literal = lines[i].trim_end();
                if literal.is_empty() {
                    out.push('\n');
                } else {
                    let extra = leading_spaces(literal).saturating_sub(indent);
                    out.push_str(&" ".repeat(margin + extra + 1));
                    out.push_str(literal.trim_start());
                    out.push('\n');
                }
                i += 1;
            }
        }
    }
    collapse_blank_lines(&out, gap_after_title(&out))
}

/// Where the page's body starts: after the title line and its gap.
fn gap_after_title(page: &str) -> usize {
    page.find("\n\n\n\n").map_or(0, |at| at + 4)
}

/// At most one blank line between blocks, as man prints them (the rst
/// writer leaves runs of them); the title's gap stays.
fn collapse_blank_lines(page: &str, body_start: usize) -> String {
    let (head, body) = page.split_at(body_start.min(page.len()));
    let mut out = String::from(head);
    let mut blank_run = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn is_rule(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '*') || line.chars().all(|c| c == '='))
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn heading(text: &str, style: Style) -> String {
    if style.bold {
        format!("\x1b[1m{text}\x1b[0m\n")
    } else {
        format!("{text}\n")
    }
}

/// Inline markup: ``literal``, **strong**, *emphasis*, :ref:`text <label>`,
/// `text <url>`_ and `text`_ become their text (literals and strong bold).
fn inline(text: &str, style: Style) -> String {
    let (bold_on, bold_off) = if style.bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("``") {
            if let Some(end) = after.find("``") {
                out.push_str(bold_on);
                out.push_str(&after[..end]);
                out.push_str(bold_off);
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                out.push_str(bold_on);
                out.push_str(&after[..end]);
                out.push_str(bold_off);
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest
            .strip_prefix(":ref:`")
            .or_else(|| rest.strip_prefix(":doc:`"))
        {
            if let Some(end) = after.find('`') {
                out.push_str(link_text(&after[..end]));
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                out.push_str(link_text(&after[..end]));
                rest = after[end + 1..]
                    .strip_prefix('_')
                    .unwrap_or(&after[end + 1..]);
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('*') {
            if let Some(end) = after.find('*') {
                if end > 0 && !after.starts_with(' ') {
                    out.push_str(&after[..end]);
                    rest = &after[end + 1..];
                    continue;
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// `text <target>` → `text`.
fn link_text(reference: &str) -> &str {
    match reference.rfind(" <") {
        Some(at) if reference.ends_with('>') => reference[..at].trim_end(),
        _ => reference,
    }
}

/// Greedy wrap at `width`, every line indented by `margin`, lines after the
/// first by `hang` more. ANSI escapes do not count towards the width.
fn wrap(text: &str, margin: usize, hang: usize, width: usize) -> String {
    let room = width.saturating_sub(margin).max(20);
    let mut pad = " ".repeat(margin);
    let mut out = String::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = visible_len(word);
        if line_len > 0 && line_len + 1 + len > room {
            out.push_str(&pad);
            out.push_str(&line);
            out.push('\n');
            line.clear();
            line_len = 0;
            if hang > 0 && pad.len() == margin {
                pad.push_str(&" ".repeat(hang));
            }
        }
        if line_len > 0 {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += len;
    }
    if line_len > 0 {
        out.push_str(&pad);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn visible_len(word: &str) -> usize {
    let mut len = 0;
    let mut in_escape = false;
    for c in word.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => len += 1,
        }
    }
    len
}

/// Shows `rst` on stdout: through `$MANPAGER`, `$PAGER` or `less -R` on a
/// TTY, plain text when piped.
pub fn show(rst: &str, title: &str) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        let page = render(
            rst,
            title,
            Style {
                bold: false,
                width: 80,
            },
        );
        return stdout.lock().write_all(page.as_bytes());
    }
    let width = terminal_width().unwrap_or(80).clamp(40, 200);
    let page = render(rst, title, Style { bold: true, width });
    let pager = std::env::var("MANPAGER")
        .or_else(|_| std::env::var("PAGER"))
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -R".to_string());
    let spawned = std::process::Command::new("sh")
        .arg("-c")
        .arg(&pager)
        .stdin(std::process::Stdio::piped())
        .spawn();
    match spawned {
        Ok(mut child) => {
            if let Some(mut stdin) = child.stdin.take() {
                // The reader quitting early (q in less) closes the pipe: not an error.
                let _ = stdin.write_all(page.as_bytes());
            }
            child.wait().map(|_| ())
        }
        Err(_) => stdout.lock().write_all(page.as_bytes()),
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headings_paragraphs_and_literals() {
        let rst = "[ :ref:`aws <cli:aws>` ]\n\n.. _cli:aws x:\n\n\n***\ncmd\n***\n\n\n\n===========\nDescription\n===========\n\nDoes ``Thing`` for `docs <http://x>`_.\n\nSyntax::\n\n  \"string\" \"string\" ...\n";
        let page = render(
            rst,
            "cmd",
            Style {
                bold: false,
                width: 80,
            },
        );
        assert!(page.starts_with("CMD()"), "{page}");
        assert!(page.contains("NAME\n       cmd -\n"), "{page}");
        assert!(
            page.contains("DESCRIPTION\n       Does Thing for docs.\n"),
            "{page}"
        );
        assert!(page.contains("       Syntax:\n\n"), "{page}");
        assert!(page.contains("\"string\" \"string\" ..."), "{page}");
        assert!(!page.contains(":ref:"), "{page}");
    }

    #[test]
    fn wraps_at_the_width() {
        let text = "word ".repeat(40);
        for line in wrap(&text, 7, 0, 40).lines() {
            assert!(line.len() <= 40, "{line:?}");
        }
    }
}
