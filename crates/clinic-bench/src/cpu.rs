//! How busy the machine was while a phase ran (Linux `/proc`; nothing elsewhere).

/// Machine-wide busy and total CPU time, and this process's own, in clock ticks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cpu {
    busy: u64,
    total: u64,
    own: u64,
}

pub(crate) fn cpu_now() -> Option<Cpu> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
    let v: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|x| x.parse().ok())
        .collect();
    if v.len() < 5 {
        return None;
    }
    let total: u64 = v.iter().sum();
    let own = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = own.rsplit_once(')')?.1.split_whitespace().collect();
    let own = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Cpu {
        busy: total - v[3] - v[4],
        total,
        own,
    })
}

pub(crate) fn cpu_count() -> usize {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .map(|s| {
            s.lines()
                .filter(|l| {
                    l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
                })
                .count()
        })
        .filter(|n| *n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
}

/// Cores kept busy by other processes between `a` and `b`, on average.
pub(crate) fn others_cores(a: Cpu, b: Cpu, cores: usize) -> f64 {
    let elapsed = b.total.saturating_sub(a.total) as f64 / cores as f64;
    let others = b.busy.saturating_sub(a.busy) as f64 - b.own.saturating_sub(a.own) as f64;
    others.max(0.0) / elapsed.max(1.0)
}
