//! Running a check over many items on a few threads: the per-command suites
//! start the built `awsr` thousands of times (every command of every
//! service), and process start-up, not CPU, is what they wait on.

/// Calls `check` on every item, on `threads` threads; a panic in any
/// (a failed assertion) fails the caller with the first panic's message.
pub fn for_each<T: Sync>(items: &[T], threads: usize, check: impl Fn(&T) + Sync) {
    let threads = threads.max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    check(item);
                })
            })
            .collect();
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// The number of threads for process-spawning checks: a few per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() * 2)
}
