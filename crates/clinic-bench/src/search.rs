//! Benchmark 2, searching: the realistic mix, typos through the fuzzy fallback, broad queries,
//! the `LIKE` baseline, and the same mix again after the full-text index is optimized.

use crate::plain::{open_raw_store, SUMMARY_COLS};
use crate::queries::{KINDS, NAME_PREFIX};
use crate::run::Bench;
use crate::stats::Stats;
use crate::BenchResult;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// One kind of search query.
#[derive(Debug, Clone)]
pub struct QueryCategory {
    pub name: &'static str,
    pub stats: Stats,
    /// Share of queries that returned at least one patient.
    pub non_empty: f64,
    /// Among queries that name one patient exactly (a whole number or phone), the share whose
    /// patient was in the results; `None` when the category has no such query.
    pub found_target: Option<f64>,
    /// Typos only: share whose intended (untyped) name was among the results' names.
    pub corrected: Option<f64>,
    pub examples: Vec<String>,
    /// The three slowest queries with their time in ms.
    pub slowest: Vec<(String, f64)>,
}

#[derive(Debug, Clone)]
pub struct SearchReport {
    pub patients: usize,
    pub warmup: usize,
    /// The realistic mix (every category but typos and broad).
    pub mix: Stats,
    pub categories: Vec<QueryCategory>,
    pub typo: QueryCategory,
    /// One or few keystrokes that match most of the store (informational, not in the goal).
    pub broad: Vec<(String, Stats, usize)>,
    /// `LIKE 'prefix%'` on the plain table for the same name prefixes.
    pub baseline_like: Stats,
    /// The store's own search for those same name prefixes (a subset of the mix).
    pub name_prefix: Stats,
    pub after_optimize: AfterOptimize,
}

/// The same queries through the store again after `INSERT INTO patients_fts(patients_fts)
/// VALUES('optimize')` merged the full-text index into one segment.
#[derive(Debug, Clone)]
pub struct AfterOptimize {
    pub optimize: Duration,
    pub mix: Stats,
    pub categories: Vec<(&'static str, Stats)>,
}

impl Bench<'_> {
    pub(crate) fn search(&mut self) -> BenchResult<SearchReport> {
        let raw = open_raw_store(&self.store_path, &self.key)?;
        let mut rng = StdRng::seed_from_u64(self.cfg.seed ^ 0x5EA2C4);
        let queries = self.make_queries(&mut rng)?;
        let typos = self.make_typos(&mut rng, &raw)?;
        let actor = self.actor.clone();
        let store = self.store.as_ref().expect("store is open");

        // A few queries first, untimed, as a session would have before (the first search after
        // opening also reads the schema).
        let warmup = queries.len().min(50);
        for q in queries.iter().take(warmup) {
            store.search_patients(&actor, &q.text, false, 20)?;
        }

        let mut like = self.plain.prepare(&format!(
            "SELECT {SUMMARY_COLS} FROM patients WHERE given_name LIKE ?1 OR family_name LIKE ?1 LIMIT 20"
        ))?;
        let mut per_cat: Vec<Vec<Sample>> = vec![Vec::new(); KINDS.len()];
        let (mut all, mut like_times, mut name_times) = (Vec::new(), Vec::new(), Vec::new());
        for q in &queries {
            let t = Instant::now();
            let found = store.search_patients(&actor, &q.text, false, 20)?;
            let d = t.elapsed();
            let hit = q.target.map(|target| found.iter().any(|s| s.id == target));
            per_cat[q.kind].push(Sample {
                time: d,
                non_empty: !found.is_empty(),
                hit,
                text: q.text.clone(),
            });
            all.push(d);
            if q.kind == NAME_PREFIX {
                name_times.push(d);
                let pattern = format!("{}%", q.text);
                let t = Instant::now();
                let rows = like
                    .query_map([&pattern], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                like_times.push(t.elapsed());
                std::hint::black_box(rows);
            }
        }
        let categories = KINDS
            .iter()
            .enumerate()
            .map(|(k, name)| category(name, &per_cat[k], None))
            .collect();

        let mut typo_times = Vec::new();
        let mut corrected = 0usize;
        for t in &typos {
            let start = Instant::now();
            let found = store.search_patients(&actor, &t.text, false, 20)?;
            let d = start.elapsed();
            let fixed = found.iter().any(|s| {
                clinic_domain::text::fold(&format!("{} {}", s.given_name, s.family_name))
                    .split(' ')
                    .any(|w| w == t.intended)
            });
            corrected += usize::from(fixed);
            typo_times.push(Sample {
                time: d,
                non_empty: !found.is_empty(),
                hit: None,
                text: format!("{} (for {})", t.text, t.intended),
            });
        }
        let typo = category(
            "typo (fuzzy fallback)",
            &typo_times,
            Some(corrected as f64 / typos.len().max(1) as f64),
        );

        let reps = self.cfg.scaled(10, 2);
        let mut broad = Vec::new();
        for text in ["a", "kla", "2567", "KLA-A1-0"] {
            let mut times = Vec::new();
            let mut n = 0;
            for _ in 0..reps {
                let t = Instant::now();
                n = store.search_patients(&actor, text, false, 20)?.len();
                times.push(t.elapsed());
            }
            broad.push((text.to_string(), Stats::of(&times), n));
        }

        // Last, because it changes the index: merge the FTS5 segments (written one per patient
        // during the import) into one, then run the same mix again through the store.
        let t = Instant::now();
        raw.execute(
            "INSERT INTO patients_fts (patients_fts) VALUES ('optimize')",
            [],
        )?;
        let optimize_time = t.elapsed();
        let mut again: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
        for q in &queries {
            let t = Instant::now();
            let found = store.search_patients(&actor, &q.text, false, 20)?;
            again[q.kind].push(t.elapsed());
            if found.is_empty() {
                return Err(format!("after optimize, {:?} found nothing", q.text).into());
            }
        }
        let mut typo_again = Vec::new();
        for t in &typos {
            let start = Instant::now();
            store.search_patients(&actor, &t.text, false, 20)?;
            typo_again.push(start.elapsed());
        }
        let after_optimize = AfterOptimize {
            optimize: optimize_time,
            mix: Stats::of(&again.concat()),
            categories: KINDS
                .iter()
                .zip(&again)
                .map(|(name, times)| (*name, Stats::of(times)))
                .chain(std::iter::once((
                    "typo (fuzzy fallback)",
                    Stats::of(&typo_again),
                )))
                .collect(),
        };
        Ok(SearchReport {
            patients: self.registered.len(),
            warmup,
            mix: Stats::of(&all),
            categories,
            typo,
            broad,
            baseline_like: Stats::of(&like_times),
            name_prefix: Stats::of(&name_times),
            after_optimize,
        })
    }
}

/// One timed search.
#[derive(Debug, Clone)]
struct Sample {
    time: Duration,
    non_empty: bool,
    /// Whether the query's exact patient was found, for queries that name one.
    hit: Option<bool>,
    text: String,
}

fn category(name: &'static str, samples: &[Sample], corrected: Option<f64>) -> QueryCategory {
    let times: Vec<Duration> = samples.iter().map(|s| s.time).collect();
    let non_empty =
        samples.iter().filter(|s| s.non_empty).count() as f64 / samples.len().max(1) as f64;
    let targeted: Vec<bool> = samples.iter().filter_map(|s| s.hit).collect();
    let found_target = (!targeted.is_empty())
        .then(|| targeted.iter().filter(|h| **h).count() as f64 / targeted.len() as f64);
    let mut seen = HashSet::new();
    let examples = samples
        .iter()
        .filter(|s| seen.insert(s.text.clone()))
        .take(4)
        .map(|s| s.text.clone())
        .collect();
    let mut by_time: Vec<&Sample> = samples.iter().collect();
    by_time.sort_by_key(|s| std::cmp::Reverse(s.time));
    let slowest = by_time
        .into_iter()
        .take(3)
        .map(|s| (s.text.clone(), s.time.as_secs_f64() * 1e3))
        .collect();
    QueryCategory {
        name,
        stats: Stats::of(&times),
        non_empty,
        found_target,
        corrected,
        examples,
        slowest,
    }
}
