//! `awsr`: the thin binary. Everything a command does comes from the
//! `generated` crate's descriptors and runtime; this file only hands the
//! arguments over (and answers shell completion from the same descriptors).
// Panic policy: no unwrap/expect/panic on user, model or network data outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod completion;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let first = args.first().and_then(|a| a.to_str());
    let code = if let Some(command @ ("completion" | "__complete")) = first {
        let rest: Vec<String> = args[1..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        if command == "completion" {
            completion::run(&rest)
        } else {
            completion::run_protocol(&rest, generated::SERVICES)
        }
    } else {
        awsr_runtime::driver::run_build(
            args,
            generated::SERVICES,
            &awsr_runtime::driver::Absent {
                unsupported: generated::services::UNSUPPORTED,
                not_built: generated::services::NOT_BUILT,
                hand_written: generated::services::HAND_WRITTEN,
            },
        )
    };
    ExitCode::from(u8::try_from(code).unwrap_or(255))
}
