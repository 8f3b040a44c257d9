//! The report as Markdown tables.

use crate::report::Report;
use crate::stats::Stats;
use std::fmt::Write as _;

impl Report {
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let yes = |m: bool| if m { "met" } else { "**missed**" };
        let ms = |x: f64| format!("{x:.3}");
        let stat_cells = |st: &Stats| {
            format!(
                "{} | {} | {} | {} | {} | {}",
                st.n,
                ms(st.p50),
                ms(st.p95),
                ms(st.p99),
                ms(st.mean),
                ms(st.max)
            )
        };
        let _ = writeln!(
            s,
            "Patients: {}, batch {}, mode {}, wall time {:.0} s; SQLite {}, SQLCipher {}.\n",
            self.register.full.rows,
            self.register.batch,
            if self.config.quick { "quick" } else { "full" },
            self.wall.as_secs_f64(),
            self.versions.0,
            self.versions.1
        );
        if !self.others_cpu.is_empty() {
            let phases: Vec<String> = self
                .others_cpu
                .iter()
                .map(|(name, c)| format!("{name} {c:.2}"))
                .collect();
            let _ = writeln!(
                s,
                "Other processes kept busy, on average, this many of the {} cores: {}.\n",
                self.cores,
                phases.join(", ")
            );
        }

        let _ = writeln!(s, "### Goals\n");
        let _ = writeln!(s, "| goal | target | result | |\n|---|---|---|---|");
        for g in self.goals() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                g.what,
                g.target,
                g.actual,
                yes(g.met)
            );
        }

        let r = &self.register;
        let _ = writeln!(
            s,
            "\n### 1. Register patients ({} per transaction)\n",
            r.batch
        );
        let _ = writeln!(
            s,
            "| path | patients | total s | patients/s | first 10% /s | last 10% /s | batch p50 ms | batch p95 ms | cost vs plain |\n|---|---|---|---|---|---|---|---|---|"
        );
        for p in [&r.plain, &r.plain_encrypted, &r.full] {
            let st = Stats::of(&p.batches);
            let (first, last) = p.per_sec_first_last(r.batch);
            let _ = writeln!(
                s,
                "| {} | {} | {:.2} | {:.0} | {:.0} | {:.0} | {:.1} | {:.1} | {:.1}x |",
                p.name,
                p.rows,
                p.total.as_secs_f64(),
                p.per_sec(),
                first,
                last,
                st.p50,
                st.p95,
                p.total.as_secs_f64() / r.plain.total.as_secs_f64().max(1e-9)
            );
        }
        let _ = writeln!(
            s,
            "\nFull path vs SQLCipher plain rows: {:.1}x (the cost of document + projection + FTS + change log + audit, encryption set aside).",
            r.ratio_encrypted()
        );

        let q = &self.search;
        let _ = writeln!(
            s,
            "\n### 2. Search ({} patients, limit 20, {} warm-up queries untimed), latency in ms\n",
            q.patients, q.warmup
        );
        let head = "| queries | n | p50 | p95 | p99 | mean | max | non-empty | exact target found | examples |\n|---|---|---|---|---|---|---|---|---|---|";
        let _ = writeln!(s, "{head}");
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let _ = writeln!(s, "| **realistic mix** | {} | | | |", stat_cells(&q.mix));
        for c in q.categories.iter().chain(std::iter::once(&q.typo)) {
            let target = match (c.found_target, c.corrected) {
                (Some(f), _) => pct(f),
                (None, Some(f)) => format!("{} intended name", pct(f)),
                _ => "-".into(),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                c.name,
                stat_cells(&c.stats),
                pct(c.non_empty),
                target,
                c.examples
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(
            s,
            "| baseline: plain `LIKE 'prefix%'` on given or family name, same name prefixes | {} | | | |",
            stat_cells(&q.baseline_like)
        );
        let a = &q.after_optimize;
        let _ = writeln!(
            s,
            "\nThe same queries through the store after merging the FTS5 index into one segment (`INSERT INTO patients_fts(patients_fts) VALUES('optimize')`, took {:.1} s):\n",
            a.optimize.as_secs_f64()
        );
        let _ = writeln!(
            s,
            "| queries | n | p50 | p95 | p99 | mean | max |\n|---|---|---|---|---|---|---|"
        );
        let _ = writeln!(s, "| **realistic mix** | {} |", stat_cells(&a.mix));
        for (name, st) in &a.categories {
            let _ = writeln!(s, "| {name} | {} |", stat_cells(st));
        }
        let _ = writeln!(s, "\nSlowest queries of each kind (ms):\n");
        let _ = writeln!(s, "| queries | slowest three |\n|---|---|");
        for c in q.categories.iter().chain(std::iter::once(&q.typo)) {
            let list: Vec<String> = c
                .slowest
                .iter()
                .map(|(text, ms)| format!("`{text}` {ms:.1}"))
                .collect();
            let _ = writeln!(s, "| {} | {} |", c.name, list.join(", "));
        }
        let _ = writeln!(
            s,
            "\nBroad queries (one keystroke matching most patients; informational, not in the mix):\n"
        );
        let _ = writeln!(s, "| query | n | p50 | p95 | p99 | mean | max | results |\n|---|---|---|---|---|---|---|---|");
        for (text, st, n) in &q.broad {
            let _ = writeln!(s, "| `{text}` | {} | {n} |", stat_cells(st));
        }

        let o = &self.open;
        let _ = writeln!(s, "\n### 3. Open one patient, latency in ms\n");
        let _ = writeln!(
            s,
            "| operation | n | p50 | p95 | p99 | mean | max |\n|---|---|---|---|---|---|---|"
        );
        for (name, st) in [
            (
                "open_patient (load document, build view, audit entry)",
                &o.open,
            ),
            (
                "baseline: projection row by id (same encrypted file)",
                &o.projection_row,
            ),
            ("baseline: plain row by id (unencrypted file)", &o.plain_row),
            (
                "part: the record's bytes by id, as the store's load reads them (SQL + decryption, no Automerge)",
                &o.doc_read,
            ),
        ] {
            let _ = writeln!(s, "| {name} | {} |", stat_cells(st));
        }

        let z = &self.size;
        let kb = |b: u64| format!("{:.1}", b as f64 / 1024.0);
        let _ = writeln!(s, "\n### 4. Bytes on disk ({} patients)\n", z.patients);
        let _ = writeln!(s, "| file | after checkpoint KiB | after VACUUM KiB | bytes/patient (VACUUM) |\n|---|---|---|---|");
        let _ = writeln!(
            s,
            "| Clinic store (SQLCipher) | {} | {} | {:.0} |",
            kb(z.store_checkpointed),
            kb(z.store_vacuumed),
            z.per_patient(z.store_vacuumed)
        );
        let _ = writeln!(
            s,
            "| baseline: plain table, unencrypted | {} | {} | {:.0} |",
            kb(z.plain_checkpointed),
            kb(z.plain_vacuumed),
            z.per_patient(z.plain_vacuumed)
        );
        let _ = writeln!(
            s,
            "| baseline: plain table, SQLCipher | | {} | {:.0} |",
            kb(z.plain_encrypted_vacuumed),
            z.per_patient(z.plain_encrypted_vacuumed)
        );
        let _ = writeln!(
            s,
            "\nRecord bytes alone: saved Automerge documents {:.0} bytes/patient (sum of `length(doc)` over `records`; {} of {} patient records hold one), change log {:.0} bytes/patient (sum of `length(change)`).",
            z.per_patient(z.doc_bytes),
            z.saved_docs,
            z.patients,
            z.per_patient(z.change_bytes)
        );
        if !z.tables.is_empty() {
            let _ = writeln!(s, "\nStore pages by table after VACUUM (from `dbstat`):\n");
            let _ = writeln!(
                s,
                "| table | table bytes/patient | its indexes bytes/patient |\n|---|---|---|"
            );
            for t in &z.tables {
                let _ = writeln!(
                    s,
                    "| {} | {:.0} | {:.0} |",
                    t.name,
                    z.per_patient(t.table_bytes),
                    z.per_patient(t.index_bytes)
                );
            }
        }
        s
    }
}
