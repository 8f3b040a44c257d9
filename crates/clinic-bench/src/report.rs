//! The report of a run: the goals it is held to and the JSON summary (Markdown: `markdown.rs`).

use crate::config::Config;
use crate::open::OpenReport;
use crate::register::{RegisterReport, WritePath};
use crate::search::{QueryCategory, SearchReport};
use crate::size::SizeReport;
use crate::stats::{r3, Stats};
use serde_json::{json, Value};
use std::time::Duration;

/// Goals from the brief.
pub const GOAL_REGISTER_RATIO: f64 = 3.0;
pub const GOAL_REGISTER_PER_SEC: f64 = 5_000.0;
pub const GOAL_SEARCH_P95_MS: f64 = 10.0;
pub const GOAL_OPEN_P95_MS: f64 = 2.0;
pub const GOAL_BYTES_PER_PATIENT: f64 = 2_048.0;

#[derive(Debug, Clone)]
pub struct Goal {
    pub what: &'static str,
    pub target: String,
    pub actual: String,
    pub met: bool,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub config: Config,
    pub register: RegisterReport,
    pub size: SizeReport,
    pub search: SearchReport,
    pub open: OpenReport,
    pub wall: Duration,
    /// Per phase, the cores that other processes kept busy on average (Linux `/proc`; empty
    /// elsewhere). This machine is shared: a phase with a high figure ran slower than alone.
    pub others_cpu: Vec<(&'static str, f64)>,
    /// `sqlite_version()` and `PRAGMA cipher_version` of the linked SQLCipher.
    pub versions: (String, String),
    pub cores: usize,
}

impl Report {
    pub fn goals(&self) -> Vec<Goal> {
        let r = &self.register;
        let search_typo = self.search.typo.stats.p95;
        let bpp = self.size.per_patient(self.size.store_vacuumed);
        vec![
            Goal {
                what: "register: full path cost vs plain rows",
                target: format!("<= {GOAL_REGISTER_RATIO:.0}x"),
                actual: format!("{:.1}x", r.ratio()),
                met: r.ratio() <= GOAL_REGISTER_RATIO,
            },
            Goal {
                what: "register: bulk throughput",
                target: format!(">= {GOAL_REGISTER_PER_SEC:.0} patients/s"),
                actual: format!("{:.0} patients/s", r.full.per_sec()),
                met: r.full.per_sec() >= GOAL_REGISTER_PER_SEC,
            },
            Goal {
                what: "search p95, realistic mix",
                target: format!("<= {GOAL_SEARCH_P95_MS} ms"),
                actual: format!("{:.2} ms", self.search.mix.p95),
                met: self.search.mix.p95 <= GOAL_SEARCH_P95_MS,
            },
            Goal {
                what: "search p95, typos (fuzzy fallback)",
                target: format!("<= {GOAL_SEARCH_P95_MS} ms"),
                actual: format!("{search_typo:.2} ms"),
                met: search_typo <= GOAL_SEARCH_P95_MS,
            },
            Goal {
                what: "open one patient p95",
                target: format!("<= {GOAL_OPEN_P95_MS} ms"),
                actual: format!("{:.2} ms", self.open.open.p95),
                met: self.open.open.p95 <= GOAL_OPEN_P95_MS,
            },
            Goal {
                what: "bytes on disk per patient (after VACUUM)",
                target: format!("<= {GOAL_BYTES_PER_PATIENT:.0} B"),
                actual: format!("{bpp:.0} B"),
                met: bpp <= GOAL_BYTES_PER_PATIENT,
            },
        ]
    }
    pub fn json(&self) -> Value {
        let r = &self.register;
        let path = |p: &WritePath| {
            let (first, last) = p.per_sec_first_last(r.batch);
            json!({"rows": p.rows, "total_s": r3(p.total.as_secs_f64()), "per_sec": p.per_sec().round(),
                   "first_tenth_per_sec": first.round(), "last_tenth_per_sec": last.round(),
                   "batch": Stats::of(&p.batches).json()})
        };
        let cat = |c: &QueryCategory| {
            json!({"name": c.name, "latency": c.stats.json(), "non_empty": r3(c.non_empty),
                   "found_target": c.found_target.map(r3), "corrected": c.corrected.map(r3),
                   "examples": c.examples,
                   "slowest": c.slowest.iter().map(|(q, ms)| json!({"query": q, "ms": r3(*ms)})).collect::<Vec<_>>()})
        };
        let z = &self.size;
        json!({
            "config": {"patients": self.config.patients, "quick": self.config.quick,
                       "batch": self.config.batch, "seed": self.config.seed},
            "wall_s": r3(self.wall.as_secs_f64()),
            "cores": self.cores,
            "sqlite_version": self.versions.0,
            "cipher_version": self.versions.1,
            "others_cpu_cores": self.others_cpu.iter().map(|(n, c)| json!({"phase": n, "cores": r3(*c)})).collect::<Vec<_>>(),
            "register": {
                "plain": path(&r.plain), "plain_encrypted": path(&r.plain_encrypted), "full": path(&r.full),
                "ratio_vs_plain": r3(r.ratio()), "ratio_vs_plain_encrypted": r3(r.ratio_encrypted()),
            },
            "search": {
                "mix": self.search.mix.json(),
                "categories": self.search.categories.iter().map(cat).collect::<Vec<_>>(),
                "typo": cat(&self.search.typo),
                "broad": self.search.broad.iter().map(|(q, st, n)| json!({"query": q, "latency": st.json(), "results": n})).collect::<Vec<_>>(),
                "baseline_like": self.search.baseline_like.json(),
                "name_prefix": self.search.name_prefix.json(),
                "after_optimize": {
                    "optimize_s": r3(self.search.after_optimize.optimize.as_secs_f64()),
                    "mix": self.search.after_optimize.mix.json(),
                    "categories": self.search.after_optimize.categories.iter().map(|(n, st)| json!({"name": n, "latency": st.json()})).collect::<Vec<_>>(),
                },
            },
            "open": {
                "open_patient": self.open.open.json(), "projection_row": self.open.projection_row.json(),
                "plain_row": self.open.plain_row.json(), "doc_read": self.open.doc_read.json(),
            },
            "size": {
                "patients": z.patients,
                "store_checkpointed_bytes": z.store_checkpointed, "store_vacuumed_bytes": z.store_vacuumed,
                "plain_checkpointed_bytes": z.plain_checkpointed, "plain_vacuumed_bytes": z.plain_vacuumed,
                "plain_encrypted_vacuumed_bytes": z.plain_encrypted_vacuumed,
                "store_bytes_per_patient": z.per_patient(z.store_vacuumed).round(),
                "plain_bytes_per_patient": z.per_patient(z.plain_vacuumed).round(),
                "doc_bytes_per_patient": z.per_patient(z.doc_bytes).round(),
                "saved_docs": z.saved_docs,
                "change_bytes_per_patient": z.per_patient(z.change_bytes).round(),
                "tables": z.tables.iter().map(|t| json!({"name": t.name, "table_bytes": t.table_bytes, "index_bytes": t.index_bytes})).collect::<Vec<_>>(),
            },
            "goals": self.goals().iter().map(|g| json!({"what": g.what, "target": g.target, "actual": g.actual, "met": g.met})).collect::<Vec<_>>(),
        })
    }
}
