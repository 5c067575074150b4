//! `--debug`: a log on stderr of what was resolved and what went over the
//! wire, with every secret redacted. The signer's own trace (the canonical
//! request and string to sign, from aws-sigv4's `tracing` events) goes
//! through the same redaction.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Replaces secrets in text: registered values, and anything after
/// `Signature=` or in an `X-Amz-Security-Token` / `Authorization` value's signature.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

pub const REDACTED: &str = "<redacted>";

impl Redactor {
    pub fn add(&mut self, secret: &str) {
        if secret.len() >= 4 && !self.secrets.iter().any(|s| s == secret) {
            self.secrets.push(secret.to_string());
            // Longest first, so a secret containing another is replaced whole.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), REDACTED);
        }
        redact_after(&out, "Signature=")
    }
}

/// Replaces the hex run after each `marker`.
fn redact_after(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        out.push_str(head);
        let end = tail
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(tail.len());
        if end > 0 {
            out.push_str(REDACTED);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The debug log of one command; a no-op unless enabled.
#[derive(Debug, Clone)]
pub struct DebugLog {
    enabled: bool,
    start: Instant,
    redactor: Arc<Mutex<Redactor>>,
}

impl DebugLog {
    pub fn new(enabled: bool) -> DebugLog {
        DebugLog {
            enabled,
            start: Instant::now(),
            redactor: Arc::new(Mutex::new(Redactor::default())),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Registers a value that must never be printed.
    pub fn secret(&self, value: &str) {
        if let Ok(mut r) = self.redactor.lock() {
            r.add(value);
        }
    }

    /// Writes one line (or block) to stderr: elapsed time, topic, message.
    pub fn log(&self, topic: &str, message: impl std::fmt::Display) {
        if !self.enabled {
            return;
        }
        let text = message.to_string();
        let redacted = match self.redactor.lock() {
            Ok(r) => r.redact(&text),
            Err(_) => return,
        };
        let elapsed = self.start.elapsed().as_secs_f64() * 1000.0;
        let _ = writeln!(
            std::io::stderr().lock(),
            "{elapsed:9.3}ms - awsr.{topic} - DEBUG - {redacted}"
        );
    }

    /// Routes `tracing` events (aws-sigv4's canonical request and string to
    /// sign) into this log, redacted. Does nothing unless enabled.
    pub fn install_tracing(&self) {
        if !self.enabled {
            return;
        }
        let writer = RedactingWriter { log: self.clone() };
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .without_time()
            .with_writer(move || writer.clone())
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
    }
}

/// A `Write` that sends each formatted tracing event through the log.
#[derive(Clone)]
struct RedactingWriter {
    log: DebugLog,
}

impl Write for RedactingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let text = text.trim_end();
        if !text.is_empty() {
            self.log.log("signing", text);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_signatures_are_redacted() {
        let mut r = Redactor::default();
        r.add("wJalrXUtnFEMI/K7MDENG");
        r.add("token/abc");
        let text = "key=wJalrXUtnFEMI/K7MDENG tok=token/abc Authorization: AWS4-HMAC-SHA256 Credential=AK/x, Signature=0123abcdef";
        let out = r.redact(text);
        assert!(!out.contains("wJalrXUtnFEMI"), "{out}");
        assert!(!out.contains("token/abc"), "{out}");
        assert!(!out.contains("0123abcdef"), "{out}");
        assert!(out.contains("Signature=<redacted>"), "{out}");
    }
}
