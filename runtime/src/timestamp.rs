// Ported from botocore 1.8.32 (botocore/utils.py timestamp handling): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Timestamps as botocore 1.8.32 takes and gives them.
//!
//! Input (`botocore.utils.parse_to_aware_datetime`, then the JSON protocol's
//! `_timestamp_unixtimestamp`): a number is epoch seconds
//! (`datetime.fromtimestamp`, rounded to the microsecond half-even); a
//! string is first tried as Python `float()`, then parsed by `dateutil`; a
//! datetime without a zone is UTC. The request carries
//! `int(calendar.timegm(dt.utctimetuple()))`: whole seconds, rounded down
//! ([`to_epoch_seconds`]).
//!
//! Output: aws-cli 1.14.28 prints response timestamps as the wire carried
//! them (`cli_timestamp_format = none`, its default); with
//! `cli_timestamp_format = iso8601` it prints
//! `parse_timestamp(value).isoformat()`, numbers in local time
//! (`dateutil.tz.tzlocal()`), e.g. `2017-07-14T02:40:00+00:00` under
//! `TZ=UTC` ([`isoformat`]). The local zone is chrono's `Local` (`TZ` as a
//! zone name, file or POSIX rule, else `/etc/localtime`, [`local_offset`]);
//! the calendar arithmetic is chrono's too.
//!
//! `dateutil.parser.parse` accepts almost anything; the forms understood
//! here are the ones people type: ISO 8601 (`2020-01-01`,
//! `2020-01-01T10:00[:00[.123]]`, with `T` or a space, `20200101T000000`),
//! RFC 822 (`Wed, 01 Jan 2020 00:00:00 GMT`), month names (`Jan 2 2020`,
//! `2 January 2020 10:00`), `MM/DD/YYYY` and `YYYY/MM/DD`; zones `Z`, `UTC`,
//! `GMT` and numeric offsets (`+02:00`, `-0530`, `+02`). Not emulated:
//! dateutil's defaults from today's date for partial input (`10:00`,
//! `Jan 2`), two-digit years, AM/PM, other zone names, and
//! `dateutil.tz.tzlocal`'s use of the current year's standard and daylight
//! offsets for historical dates (the zone's real offset is used).
//!
//! Why the text parser is hand-written: chrono and time parse fixed formats
//! only, and no crate reproduces `dateutil.parser.parse`'s free-form rules;
//! this is the subset above, on top of chrono's calendar.

use serde_json::Value;

/// A parsed timestamp: an instant, and the zone it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Whole seconds since the epoch (UTC), rounded down.
    pub seconds: i64,
    /// Microseconds within the second, `0..1_000_000`.
    pub micros: u32,
    pub zone: Zone,
}

/// The zone a [`DateTime`] is expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// No zone was given (`isoformat` prints none; input treats it as UTC).
    Naive,
    /// A fixed offset, seconds east of UTC.
    Offset(i32),
    /// The local zone (`tzlocal()`), whose offset depends on the instant.
    Local,
}

/// botocore's `_type_check_datetime`: whether validation accepts `value`
/// for a timestamp member (a number or boolean in range, or a string
/// [`parse_timestamp`] understands).
pub fn is_valid(value: &Value) -> bool {
    parse_timestamp(value).is_some()
}

/// What the JSON protocol sends for a timestamp input: whole epoch seconds.
pub fn to_epoch_seconds(value: &Value) -> Option<i64> {
    parse_timestamp(value).map(|dt| dt.seconds)
}

/// `botocore.utils.parse_timestamp(value).isoformat()`: what aws-cli prints
/// for a response timestamp under `cli_timestamp_format = iso8601`.
pub fn isoformat(value: &Value) -> Option<String> {
    parse_timestamp(value).map(|dt| dt.isoformat())
}

/// `botocore.utils.parse_timestamp` for a JSON value: numbers (and
/// booleans, Python `int`s) are epoch seconds in local time; strings are
/// `float()`-able epoch seconds or dates.
pub fn parse_timestamp(value: &Value) -> Option<DateTime> {
    match value {
        Value::Bool(b) => from_epoch(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => from_epoch_parts(i, 0),
            (None, Some(f)) => from_epoch(f),
            _ => None,
        },
        Value::String(s) => match super::pycompat::number::float(s) {
            Ok(super::pycompat::number::PyNum::Fits(n)) => n.as_f64().and_then(from_epoch),
            _ => parse_date(s),
        },
        _ => None,
    }
}

/// `datetime.fromtimestamp(value, tzlocal())`: `_PyTime_ObjectToTimeval`
/// with `ROUND_HALF_EVEN`.
pub fn from_epoch(value: f64) -> Option<DateTime> {
    if !value.is_finite() {
        return None;
    }
    let mut int_part = value.trunc();
    let mut frac = ((value - int_part) * 1e6).round_ties_even();
    if frac >= 1e6 {
        frac -= 1e6;
        int_part += 1.0;
    } else if frac < 0.0 {
        frac += 1e6;
        int_part -= 1.0;
    }
    if int_part.abs() > 1e15 {
        return None;
    }
    from_epoch_parts(int_part as i64, frac as u32)
}

fn from_epoch_parts(seconds: i64, micros: u32) -> Option<DateTime> {
    // Python's datetime holds years 1 to 9999 only (the local offset can
    // move the edges by hours; not emulated).
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
        return None;
    }
    Some(DateTime {
        seconds,
        micros,
        zone: Zone::Local,
    })
}

/// 0001-01-01T00:00:00 and 9999-12-31T23:59:59 as epoch seconds.
const MIN_SECONDS: i64 = -62_135_596_800;
const MAX_SECONDS: i64 = 253_402_300_799;

impl DateTime {
    /// Python's `datetime.isoformat()`: `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]`
    /// in the datetime's own zone.
    pub fn isoformat(&self) -> String {
        let offset = match self.zone {
            Zone::Naive => None,
            Zone::Offset(offset) => Some(offset),
            Zone::Local => Some(local_offset(self.seconds)),
        };
        let local = self.seconds + i64::from(offset.unwrap_or(0));
        // In range by construction (years 1 to 9999, offsets under a day),
        // so the fallback is never taken.
        let Some(local) = chrono::DateTime::from_timestamp(local, 0) else {
            return String::new();
        };
        let mut out = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        if self.micros != 0 {
            out.push_str(&format!(".{:06}", self.micros));
        }
        if let Some(offset) = offset {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs() / 60;
            out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Dates as text (the dateutil subset)

/// The fields of a date as written.
#[derive(Debug, Default)]
struct Fields {
    year: Option<i64>,
    month: Option<u32>,
    day: Option<u32>,
    hour: u32,
    minute: u32,
    second: u32,
    micros: u32,
    offset: Option<i32>,
}

impl Fields {
    fn build(&self) -> Option<DateTime> {
        let (year, month, day) = (self.year?, self.month?, self.day?);
        if !(1..=9999).contains(&year) {
            return None;
        }
        let local = chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
            .and_hms_opt(self.hour, self.minute, self.second)?
            .and_utc()
            .timestamp();
        let seconds = local - i64::from(self.offset.unwrap_or(0));
        // `astimezone(tzutc())` must stay within datetime's range.
        if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            return None;
        }
        Some(DateTime {
            seconds,
            micros: self.micros,
            zone: self.offset.map_or(Zone::Naive, Zone::Offset),
        })
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 14] = [
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.strip_suffix('.').unwrap_or(&w);
    MONTHS
        .iter()
        .position(|m| *m == w)
        .or_else(|| MONTH_NAMES.iter().position(|m| *m == w))
        .or_else(|| (w == "sept").then_some(8))
        .map(|i| i as u32 + 1)
}

/// A date string, or `None` if it is not one of the supported forms.
fn parse_date(text: &str) -> Option<DateTime> {
    let text = text.trim();
    if text.is_empty() || !text.is_ascii() {
        return None;
    }
    parse_iso(text).or_else(|| parse_words(text))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `.123456` → microseconds (dateutil keeps six digits, truncating).
fn fraction(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let six: String = s.chars().chain(std::iter::repeat('0')).take(6).collect();
    six.parse().ok()
}

/// A zone suffix: `Z`, `UTC`, `GMT`, `+HH:MM`, `+HHMM`, `+HH`.
fn zone(s: &str) -> Option<i32> {
    let s = s.trim();
    match s.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" => return Some(0),
        _ => {}
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = match rest.len() {
        2 => (digits(rest, 2)?, 0),
        4 => (digits(&rest[..2], 2)?, digits(&rest[2..], 2)?),
        5 if rest.as_bytes()[2] == b':' => (digits(&rest[..2], 2)?, digits(&rest[3..], 2)?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h as i32 * 3600 + m as i32 * 60))
}

/// Splits `rest` into a time part and a zone part: the zone starts at `Z`,
/// `+`, `-`, or a space followed by a zone word.
fn split_zone(rest: &str) -> (&str, Option<&str>) {
    if let Some(i) = rest.find(['+', '-', 'Z', 'z']) {
        return (rest[..i].trim_end(), Some(&rest[i..]));
    }
    if let Some(i) = rest.rfind(' ') {
        let word = &rest[i + 1..];
        if zone(word).is_some() {
            return (rest[..i].trim_end(), Some(word));
        }
    }
    (rest, None)
}

/// `HH[:MM[:SS[.f]]]` or compact `HH[MM[SS[.f]]]`.
fn time_of_day(s: &str, fields: &mut Fields) -> Option<()> {
    let (main, frac) = match s.split_once('.') {
        Some((main, frac)) => (main, Some(fraction(frac)?)),
        None => (s, None),
    };
    let parts: Vec<&str> = if main.contains(':') {
        main.split(':').collect()
    } else {
        if main.len() % 2 != 0 || main.len() > 6 || main.is_empty() {
            return None;
        }
        (0..main.len())
            .step_by(2)
            .map(|i| &main[i..i + 2])
            .collect()
    };
    if parts.is_empty() || parts.len() > 3 || (frac.is_some() && parts.len() != 3) {
        return None;
    }
    let mut numbers = parts.iter().map(|p| digits(p, 2));
    fields.hour = numbers.next().flatten()?;
    if let Some(minute) = numbers.next() {
        fields.minute = minute?;
    }
    if let Some(second) = numbers.next() {
        fields.second = second?;
    }
    fields.micros = frac.unwrap_or(0);
    Some(())
}

/// ISO 8601: `YYYY-MM-DD[(T| )time][zone]` and `YYYYMMDD[Ttime][zone]`.
fn parse_iso(text: &str) -> Option<DateTime> {
    let mut fields = Fields::default();
    let (date, rest) = if text.len() >= 10 && text.as_bytes().get(4) == Some(&b'-') {
        text.split_at(10)
    } else if text.len() >= 8 && text.bytes().take(8).all(|b| b.is_ascii_digit()) {
        text.split_at(8)
    } else {
        return None;
    };
    if date.len() == 10 {
        let b = date.as_bytes();
        if b[7] != b'-' {
            return None;
        }
        fields.year = Some(i64::from(digits(&date[..4], 4)?));
        fields.month = Some(digits(&date[5..7], 2)?);
        fields.day = Some(digits(&date[8..10], 2)?);
    } else {
        fields.year = Some(i64::from(digits(&date[..4], 4)?));
        fields.month = Some(digits(&date[4..6], 2)?);
        fields.day = Some(digits(&date[6..8], 2)?);
    }
    let rest = match rest.as_bytes().first() {
        None => "",
        Some(b'T' | b't' | b' ') => &rest[1..],
        _ => return None,
    };
    let (time, zone_text) = split_zone(rest.trim_start());
    if !time.is_empty() {
        time_of_day(time, &mut fields)?;
    }
    if let Some(z) = zone_text {
        fields.offset = Some(zone(z)?);
    }
    fields.build()
}

/// Word forms: `[Wdy,] DD Mon YYYY [time] [zone]`, `Mon DD[,] YYYY [time]
/// [zone]`, `MM/DD/YYYY [time] [zone]`, `YYYY/MM/DD [time] [zone]`.
fn parse_words(text: &str) -> Option<DateTime> {
    let mut fields = Fields::default();
    let cleaned = text.replace(',', " ");
    let mut tokens: Vec<&str> = cleaned.split_whitespace().collect();
    if let Some(first) = tokens.first() {
        let w = first.to_ascii_lowercase();
        if WEEKDAYS.contains(&w.strip_suffix('.').unwrap_or(&w)) {
            tokens.remove(0);
        }
    }
    let mut numbers = Vec::new();
    let mut time_seen = false;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if let Some(month) = month_number(token) {
            if fields.month.replace(month).is_some() {
                return None;
            }
        } else if token.contains(':') {
            if time_seen {
                return None;
            }
            time_seen = true;
            let (time, zone_text) = split_zone(token);
            time_of_day(time, &mut fields)?;
            if let Some(z) = zone_text {
                fields.offset = Some(zone(z)?);
            }
        } else if token.contains('/') {
            let parts: Vec<&str> = token.split('/').collect();
            let [a, b, c] = parts.as_slice() else {
                return None;
            };
            if a.len() == 4 {
                fields.year = Some(i64::from(digits(a, 4)?));
                fields.month = Some(number(b)?);
                fields.day = Some(number(c)?);
            } else {
                fields.month = Some(number(a)?);
                fields.day = Some(number(b)?);
                fields.year = Some(i64::from(digits(c, 4)?));
            }
        } else if let Some(offset) = zone(token) {
            if fields.offset.replace(offset).is_some() {
                return None;
            }
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(token);
        } else {
            return None;
        }
        i += 1;
    }
    for n in numbers {
        if n.len() == 4 && fields.year.is_none() {
            fields.year = Some(i64::from(digits(n, 4)?));
        } else if n.len() <= 2 && fields.day.is_none() {
            fields.day = Some(number(n)?);
        } else {
            return None;
        }
    }
    fields.build()
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

// ---------------------------------------------------------------------------
// The local zone

/// The local zone's offset from UTC, in seconds east, at epoch second `t`,
/// as chrono's `Local` reads it: `TZ` (a zone name under
/// /usr/share/zoneinfo, a file path, or a POSIX rule such as
/// `EST5EDT,M3.2.0,M11.1.0`), else `/etc/localtime`; UTC when neither can
/// be read.
pub fn local_offset(t: i64) -> i32 {
    use chrono::{Offset, TimeZone};
    static TZ_USABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*TZ_USABLE.get_or_init(|| tz_file_is_sane(std::env::var("TZ").ok().as_deref())) {
        return 0;
    }
    chrono::DateTime::from_timestamp(t, 0).map_or(0, |utc| {
        chrono::Local
            .offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc()
    })
}

/// Where chrono looks for a zone named by `TZ`.
const ZONEINFO_DIRS: [&str; 4] = [
    "/usr/share/zoneinfo",
    "/share/zoneinfo",
    "/etc/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// Whether chrono may read the zone `TZ` names. chrono reads a zone file
/// whole, and `TZ` may name any file (`TZ=/dev/zero`): a name that resolves
/// to something other than a regular file of zone-file size is refused
/// here, and the zone is UTC (as glibc treats a `TZ` it cannot use). Names
/// that are no file at all are POSIX rules, which chrono parses itself.
fn tz_file_is_sane(tz: Option<&str>) -> bool {
    let Some(name) = tz.map(|tz| tz.strip_prefix(':').unwrap_or(tz)) else {
        return true;
    };
    if name.is_empty() {
        return true;
    }
    let candidates: Vec<std::path::PathBuf> = if name.starts_with('/') {
        vec![name.into()]
    } else {
        ZONEINFO_DIRS
            .iter()
            .map(|dir| std::path::Path::new(dir).join(name))
            .collect()
    };
    candidates.iter().all(|path| match std::fs::metadata(path) {
        Ok(meta) => meta.is_file() && meta.len() <= crate::limits::CONFIG_FILE_LIMIT,
        Err(_) => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn epoch(s: &str) -> Option<i64> {
        to_epoch_seconds(&json!(s))
    }

    /// Every value here was sent by aws-cli 1.14.28 for
    /// `aws emr list-clusters --created-after VALUE` (TZ=UTC), see
    /// tests/fixtures/aws-cli-1.14.28/shorthand-cases.json.
    #[test]
    fn input_as_botocore_sends_it() {
        for (text, seconds) in [
            ("2020-01-01T00:00:00Z", 1_577_836_800),
            ("2020-01-01", 1_577_836_800),
            ("2020-01-01T10:00:00+02:00", 1_577_865_600),
            ("2020-01-01T10:00:00-0530", 1_577_892_600),
            ("2020-06-15T12:34:56", 1_592_224_496),
            ("2020-01-01T00:00:00.999Z", 1_577_836_800),
            ("2020-01-01 10:00:00", 1_577_872_800),
            ("2020-01-01T10:30", 1_577_874_600),
            ("20200101T000000Z", 1_577_836_800),
            ("1577836800", 1_577_836_800),
            ("1577836800.9", 1_577_836_800),
            ("-0.5", -1),
            ("Wed, 01 Jan 2020 00:00:00 GMT", 1_577_836_800),
            ("Jan 2 2020", 1_577_923_200),
            ("2019-12-31T23:59:59Z", 1_577_836_799),
        ] {
            assert_eq!(epoch(text), Some(seconds), "{text}");
        }
        assert_eq!(
            to_epoch_seconds(&json!(1_577_836_800.7)),
            Some(1_577_836_800)
        );
        assert_eq!(to_epoch_seconds(&json!(-0.5)), Some(-1));
        assert_eq!(to_epoch_seconds(&json!(true)), Some(1));
        // Microseconds round half-even before the seconds are taken.
        assert_eq!(to_epoch_seconds(&json!(0.9999995)), Some(1));
        for text in [
            "yesterday",
            "2020-13-01",
            "2020-02-30",
            "",
            "nan",
            "1e400",
            "2020-01-01T25:00",
        ] {
            assert_eq!(epoch(text), None, "{text}");
            assert!(!is_valid(&json!(text)), "{text}");
        }
        assert!(!is_valid(&json!(1e20)));
        assert!(!is_valid(&json!(null)));
    }

    #[test]
    fn more_date_forms() {
        for (text, seconds) in [
            ("2 January 2020 10:00", 1_577_959_200),
            ("January 2, 2020", 1_577_923_200),
            ("01/02/2020", 1_577_923_200),
            ("2020/01/02 00:00:01", 1_577_923_201),
            ("2020-01-01T10:00:00 +02:00", 1_577_865_600),
            ("2020-01-01T10:00:00+02", 1_577_865_600),
            ("2020-01-01 10:00:00 UTC", 1_577_872_800),
            ("01 Jan 2020 01:00:00 +0100", 1_577_836_800),
            ("2000-02-29", 951_782_400),
            ("0001-01-01", MIN_SECONDS),
        ] {
            assert_eq!(epoch(text), Some(seconds), "{text}");
        }
        let dt = parse_timestamp(&json!("1970-01-01T00:00:01.5")).unwrap();
        assert_eq!((dt.seconds, dt.micros), (1, 500_000));
    }

    #[test]
    fn isoformat_like_python() {
        let utc = |seconds, micros| DateTime {
            seconds,
            micros,
            zone: Zone::Offset(0),
        };
        assert_eq!(
            utc(1_500_000_000, 0).isoformat(),
            "2017-07-14T02:40:00+00:00"
        );
        assert_eq!(
            utc(1_500_000_000, 123_457).isoformat(),
            "2017-07-14T02:40:00.123457+00:00"
        );
        let paris = DateTime {
            seconds: 1_500_000_000,
            micros: 0,
            zone: Zone::Offset(7200),
        };
        assert_eq!(paris.isoformat(), "2017-07-14T04:40:00+02:00");
        let west = DateTime {
            seconds: -1,
            micros: 0,
            zone: Zone::Offset(-19_800),
        };
        assert_eq!(west.isoformat(), "1969-12-31T18:29:59-05:30");
        let naive = parse_timestamp(&json!("2020-01-01T10:00:00")).unwrap();
        assert_eq!(naive.isoformat(), "2020-01-01T10:00:00");
        let aware = parse_timestamp(&json!("2020-01-01T10:00:00.5+01:00")).unwrap();
        assert_eq!(aware.isoformat(), "2020-01-01T10:00:00.500000+01:00");
    }

    /// `fromtimestamp` rounds to microseconds half-even (Python 3.6).
    #[test]
    fn epoch_rounding() {
        let f = |v: f64| from_epoch_parts_utc(v);
        assert_eq!(f(1_500_000_000.123_456_7), (1_500_000_000, 123_457));
        assert_eq!(f(-0.5), (-1, 500_000));
        assert_eq!(f(0.000_000_5), (0, 0));
        assert_eq!(f(0.000_001_5), (0, 2));
        assert_eq!(f(0.999_999_9), (1, 0));
    }

    fn from_epoch_parts_utc(v: f64) -> (i64, u32) {
        let dt = from_epoch(v).unwrap();
        (dt.seconds, dt.micros)
    }

    /// Quick property check: no text or number panics.
    #[test]
    fn random_inputs_never_panic() {
        let alphabet: Vec<char> = "0123456789-:T Z+.,/ JanWedGMTUTCz\u{e9}".chars().collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let len = rng.usize(0..30);
            let s: String = (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            if let Some(dt) = parse_timestamp(&json!(s)) {
                assert!(!dt.isoformat().is_empty());
            }
            let f = f64::from_bits(rng.u64(..));
            let _ = parse_timestamp(&json!(f)).map(|dt| dt.isoformat());
        }
    }

    /// `local_offset` under each `TZ`, checked in child processes of this
    /// test binary (the zone is read from the process environment). In a
    /// child, prints the offsets at `AWSR_TZ_TIMES` instead.
    #[test]
    fn zones() {
        if let Ok(times) = std::env::var("AWSR_TZ_TIMES") {
            for t in times.split(',') {
                println!("offset {}", local_offset(t.parse().unwrap()));
            }
            return;
        }
        let offsets_under = |tz: &str, times: &[i64]| -> Vec<i32> {
            let list: Vec<String> = times.iter().map(i64::to_string).collect();
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "timestamp::tests::zones", "--nocapture"])
                .env("TZ", tz)
                .env("AWSR_TZ_TIMES", list.join(","))
                .output()
                .unwrap();
            assert!(out.status.success(), "{out:?}");
            // (A child that ran no test would print no offsets: checked below.)
            let offsets: Vec<i32> = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .filter_map(|line| line.strip_prefix("offset "))
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(offsets.len(), times.len(), "TZ={tz}");
            offsets
        };
        assert_eq!(offsets_under("UTC0", &[0]), [0]);
        // Not a zone file: UTC, without reading it.
        assert_eq!(offsets_under("/dev/zero", &[0]), [0]);
        assert_eq!(offsets_under(":/dev/zero", &[0]), [0]);
        assert!(!tz_file_is_sane(Some("/dev/zero")));
        assert!(!tz_file_is_sane(Some("../../../../dev/zero")));
        assert!(tz_file_is_sane(Some("EST5EDT,M3.2.0,M11.1.0")));
        assert!(tz_file_is_sane(None));
        assert_eq!(offsets_under("", &[0]), [0]);
        // 2020-07-01 and 2020-01-01; 2020-03-08 06:59:59Z is 01:59:59 EST,
        // a second later it is 03:00 EDT.
        assert_eq!(
            offsets_under(
                "EST5EDT,M3.2.0,M11.1.0",
                &[1_593_561_600, 1_577_836_800, 1_583_650_799, 1_583_650_800]
            ),
            [-4 * 3600, -5 * 3600, -5 * 3600, -4 * 3600]
        );
        assert_eq!(offsets_under("<+0530>-5:30", &[0]), [19_800]);
        // Southern hemisphere: daylight time over the new year.
        assert_eq!(
            offsets_under(
                "NZST-12NZDT,M9.5.0,M4.1.0/3",
                &[1_577_836_800, 1_593_561_600]
            ),
            [13 * 3600, 12 * 3600]
        );
        assert_eq!(
            offsets_under("CET-1CEST,M3.5.0,M10.5.0/3", &[1_500_000_000]),
            [7200]
        );
        if std::path::Path::new("/usr/share/zoneinfo/Europe/Paris").exists() {
            // The last time is beyond any table: the footer rule decides.
            assert_eq!(
                offsets_under(
                    "Europe/Paris",
                    &[1_500_000_000, 1_577_836_800, 4_102_444_800 + 180 * 86_400]
                ),
                [7200, 3600, 7200]
            );
            assert_eq!(offsets_under(":Europe/Paris", &[1_577_836_800]), [3600]);
        }
    }
}
