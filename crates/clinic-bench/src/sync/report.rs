//! The sync run as Markdown: the goals table, then what each number is made of.

use super::cases::secs;
use super::SyncReport;
use std::fmt::Write;

pub const GOAL_ROUND_TRIP_S: f64 = 2.0;
pub const GOAL_NOOP_P95_MS: f64 = 300.0;
pub const GOAL_NOOP_BYTES: f64 = 50_000.0;
pub const GOAL_BOOTSTRAP_PER_S: f64 = 20_000.0;
pub const GOAL_MERGE_PER_S: f64 = 3_000.0;
pub const GOAL_DAY_BYTES: f64 = 5_000_000.0;

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

fn n0(x: f64) -> String {
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

impl SyncReport {
    pub fn round_trip_s(&self) -> f64 {
        secs(self.round_trip.push + self.round_trip.pull)
    }
    pub fn noop_p95_ms(&self) -> f64 {
        self.noop.a.p95.max(self.noop.b.p95)
    }
    pub fn bootstrap_per_s(&self) -> f64 {
        self.bootstrap.records as f64 / secs(self.bootstrap.wall).max(1e-9)
    }
    pub fn merge_per_s(&self) -> f64 {
        self.merge.pushed as f64 / secs(self.merge.wall).max(1e-9)
    }

    /// Benchmark, result, goal, met? — one row per goal of the issue.
    pub fn goals_markdown(&self) -> String {
        let (rt, nb, day) = (&self.round_trip, &self.noop, &self.day);
        let rows = [
            (
                format!("1. round trip, {} changed records (push + pull)", rt.edits),
                format!("{:.2} s", self.round_trip_s()),
                "≤ 2 s".to_string(),
                self.round_trip_s() <= GOAL_ROUND_TRIP_S,
            ),
            (
                format!(
                    "2. sync with nothing to do, {} records, p95",
                    n0(self.records as f64)
                ),
                format!(
                    "{:.1} ms (p50 {:.1} ms)",
                    self.noop_p95_ms(),
                    nb.a.p50.max(nb.b.p50)
                ),
                "≤ 300 ms".into(),
                self.noop_p95_ms() <= GOAL_NOOP_P95_MS,
            ),
            (
                "2. sync with nothing to do, bytes on the wire".into(),
                format!(
                    "{} B (max {} B)",
                    n0(nb.bytes_mean),
                    n0(nb.bytes_max as f64)
                ),
                "≤ 50 KB".into(),
                nb.bytes_max as f64 <= GOAL_NOOP_BYTES,
            ),
            (
                format!(
                    "3. new PC bootstrap, {} records",
                    n0(self.bootstrap.records as f64)
                ),
                format!("{} records/s", n0(self.bootstrap_per_s())),
                "≥ 20,000 records/s".into(),
                self.bootstrap_per_s() >= GOAL_BOOTSTRAP_PER_S,
            ),
            (
                format!(
                    "4. server merge, {} new changes pushed",
                    n0(self.merge.pushed as f64)
                ),
                format!("{} changes/s", n0(self.merge_per_s())),
                "≥ 3,000 changes/s".into(),
                self.merge_per_s() >= GOAL_MERGE_PER_S,
            ),
            (
                format!(
                    "5. clinic day ({} visits, 2 PCs, {} syncs)",
                    day.visits, day.syncs
                ),
                format!("{} B", n0(day.bytes() as f64)),
                "≤ 5 MB".into(),
                day.bytes() as f64 <= GOAL_DAY_BYTES,
            ),
        ];
        let mut s = String::from("| benchmark | result | goal | met? |\n|---|---|---|---|\n");
        for (name, result, goal, ok) in rows {
            let _ = writeln!(s, "| {name} | {result} | {goal} | {} |", met(ok));
        }
        s
    }

    pub fn markdown(&self) -> String {
        let mut s = format!(
            "## Sync run: {} patients\n\n{}\n",
            n0(self.records as f64),
            self.goals_markdown()
        );
        let (m, b, rt, nb, d) = (
            &self.merge,
            &self.bootstrap,
            &self.round_trip,
            &self.noop,
            &self.day,
        );
        let _ = writeln!(s, "### Details\n");
        let _ = writeln!(
            s,
            "- setup: PC A registered {} patients offline in {:.1} s (batches of 1000).",
            n0(self.records as f64),
            secs(self.register)
        );
        let _ = writeln!(s, "- 1. round trip: push {:.3} s (PC A store {:.3} s, server merge {:.3} s), pull {:.3} s (PC B store {:.3} s); pushed {}, pulled {}; {} B on the wire. Baseline, the same {} changes applied to a copy of PC B with `apply_remote_changes` (one record per call, no network): {:.3} s.",
            secs(rt.push), secs(rt.push_store), secs(rt.server_merge), secs(rt.pull), secs(rt.pull_store), rt.pushed, rt.pulled, n0(rt.bytes as f64), rt.baseline_applied, secs(rt.baseline));
        let _ = writeln!(s, "- 2. nothing to do ({} runs per PC): PC A p50 {:.1} / p95 {:.1} / max {:.1} ms; PC B (bootstrapped) p50 {:.1} / p95 {:.1} / max {:.1} ms; {} B per sync on average; syncs that moved something: {}.",
            nb.a.n, nb.a.p50, nb.a.p95, nb.a.max, nb.b.p50, nb.b.p95, nb.b.max, n0(nb.bytes_mean), nb.not_empty);
        let _ = writeln!(s, "- 3. bootstrap: {} records ({} patients) in {:.2} s, {:.2} s of it in PC B's store (writing snapshot pages); {} B received.",
            n0(b.records as f64), n0(b.patients as f64), secs(b.wall), secs(b.client_store), n0(b.bytes_down as f64));
        let _ = writeln!(s, "- 4. merge: PC A's first sync pushed {} changes in {:.2} s, {:.2} s of it in PC A's store (reading the change log), {:.2} s in the server's merge (`merge::push` with PostgreSQL, from `/metrics`: {} changes/s of merge time); {} changes/s excluding PC A's store; {} B sent, {} B received.",
            n0(m.pushed as f64), secs(m.wall), secs(m.client_store), secs(m.server_merge),
            n0(m.pushed as f64 / secs(m.server_merge).max(1e-9)),
            n0(m.pushed as f64 / secs(m.wall.saturating_sub(m.client_store)).max(1e-9)),
            n0(m.bytes_up as f64), n0(m.bytes_down as f64));
        let _ = writeln!(s, "- 5. clinic day: {} new patients, {} visits each editing 1–3 fields, {} syncs ({:.2} s syncing in all); pushed {}, pulled {}; {} B sent + {} B received.",
            d.new_patients, d.visits, d.syncs, secs(d.sync_time), d.pushed, d.pulled, n0(d.bytes_up as f64), n0(d.bytes_down as f64));
        let _ = writeln!(
            s,
            "- PC A and PC B converged (same records, same heads): {}.",
            self.converged
        );
        let loads: Vec<String> = self.loads.iter().map(|(p, l)| format!("{p} {l}")).collect();
        let _ = writeln!(
            s,
            "- load average (1/5/15 min) at each phase: {}; wall {:.1} s.",
            loads.join("; "),
            secs(self.wall)
        );
        s
    }
}
