//! Plain text from the model's HTML documentation, for one-line summaries in
//! command lists (the help pages themselves go through `docs`).

/// Tags removed, the common entities decoded, white space collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let mut collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    // Tags leave a space before punctuation that followed them: "<a>X</a>," → "X ,".
    for punct in [" .", " ,", " ;", " :", " )"] {
        collapsed = collapsed.replace(punct, &punct[1..]);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn strips_tags_and_entities() {
        assert_eq!(
            plain_text("<p>Cancels a <code>PENDING</code> step &amp; more.</p>"),
            "Cancels a PENDING step & more."
        );
        assert_eq!(plain_text("<p>unclosed <b"), "unclosed");
    }
}
