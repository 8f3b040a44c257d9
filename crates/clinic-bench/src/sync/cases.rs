//! The five sync measurements, in the order they build on each other: PC A registers the clinic's
//! patients and pushes them (4), PC B bootstraps (3), the round trip (1), syncs with nothing to do
//! (2), then a clinic day on both PCs (5).

use super::env::{load, Env};
use super::pc::Pc;
use super::{Bootstrap, Day, Merge, Noop, RoundTrip, SyncConfig, SyncReport, CLINIC};
use crate::{BenchResult, Stats};
use chrono::Utc;
use clinic_domain::patient::PatientInput;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::path::Path;
use std::time::{Duration, Instant};
use uuid::Uuid;

struct Ctx<'a> {
    env: &'a Env,
    client: tokio::runtime::Runtime,
    rng: StdRng,
    /// Every patient's current form (what the PC that edits it next starts from) and id.
    inputs: Vec<PatientInput>,
    ids: Vec<Uuid>,
    edits_made: usize,
}

fn check(ok: bool, what: impl FnOnce() -> String) -> BenchResult<()> {
    if ok {
        Ok(())
    } else {
        Err(what().into())
    }
}

pub(super) fn run_all(
    cfg: &SyncConfig,
    env: &Env,
    dir: &Path,
    log: &mut dyn FnMut(&str),
) -> BenchResult<SyncReport> {
    env.create_clinic(CLINIC)?;
    let mut rng = StdRng::seed_from_u64(cfg.seed);
    let today = Utc::now().date_naive();
    let inputs: Vec<PatientInput> = (0..cfg.records)
        .map(|_| clinic_store::seed::demo_patient(&mut rng, today))
        .collect();
    let mut cx = Ctx {
        env,
        client: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?,
        rng,
        inputs,
        ids: Vec::new(),
        edits_made: 0,
    };
    let mut r = SyncReport {
        records: cfg.records,
        ..SyncReport::default()
    };

    r.loads.push(("register", load()));
    log(&format!("PC A registers {} patients offline", cfg.records));
    let a = Pc::offline(dir.join("a.db"), CLINIC, "A1")?;
    let t = Instant::now();
    cx.ids = a.register(&cx.inputs, 1000)?;
    r.register = t.elapsed();

    r.loads.push(("merge", load()));
    log("4. PC A connects and pushes every record (server merge throughput)");
    r.merge = merge(&mut cx, &a)?;

    r.loads.push(("bootstrap", load()));
    log("3. PC B joins and bootstraps");
    let mut b = Pc::empty(dir.join("b.db"))?;
    r.bootstrap = bootstrap(&mut cx, &b)?;
    check(r.bootstrap.patients == cfg.records, || {
        format!(
            "PC B has {} patients after bootstrap, not {}",
            r.bootstrap.patients, cfg.records
        )
    })?;
    b.sign_in()?;

    r.loads.push(("round trip", load()));
    log(&format!("1. round trip of {} edited records", cfg.edits));
    r.round_trip = round_trip(&mut cx, cfg.edits, &a, &b, dir)?;

    r.loads.push(("no-op", load()));
    log(&format!(
        "2. {} syncs with nothing to do, per PC",
        cfg.noop_runs
    ));
    r.noop = noop(&mut cx, cfg.noop_runs, &a, &b)?;

    r.loads.push(("day", load()));
    log(&format!(
        "5. a clinic day: {} visits ({} new patients), {} sync rounds",
        cfg.day_visits, cfg.day_new, cfg.day_rounds
    ));
    r.day = day(&mut cx, cfg, &a, &b)?;
    r.converged = a.digests()? == b.digests()?;
    r.loads.push(("end", load()));
    Ok(r)
}

fn merge(cx: &mut Ctx, a: &Pc) -> BenchResult<Merge> {
    let code = cx.env.enrollment_code(CLINIC)?;
    let (store0, w0, m0) = (a.store_time(), cx.env.wire.now(), cx.env.merge_time()?);
    let t = Instant::now();
    let rep = cx.client.block_on(a.connect(&cx.env.url, &code))?;
    let wall = t.elapsed();
    let w1 = cx.env.wire.now();
    let server_merge = cx.env.merge_time()? - m0;
    check(rep.sync.pushed as usize >= cx.ids.len(), || {
        format!("pushed {} of {} records", rep.sync.pushed, cx.ids.len())
    })?;
    Ok(Merge {
        pushed: rep.sync.pushed,
        wall,
        client_store: a.store_time() - store0,
        server_merge,
        bytes_up: w1.0 - w0.0,
        bytes_down: w1.1 - w0.1,
    })
}

fn bootstrap(cx: &mut Ctx, b: &Pc) -> BenchResult<Bootstrap> {
    let code = cx.env.enrollment_code(CLINIC)?;
    let (store0, w0) = (b.store_time(), cx.env.wire.now());
    let t = Instant::now();
    let rep = cx.client.block_on(b.connect(&cx.env.url, &code))?;
    let wall = t.elapsed();
    let w1 = cx.env.wire.now();
    check(rep.joined, || "PC B did not join as a new PC".into())?;
    Ok(Bootstrap {
        records: rep.sync.bootstrapped_records,
        patients: b.patients()?,
        wall,
        client_store: b.store_time() - store0,
        bytes_down: w1.1 - w0.1,
    })
}

/// Changes 1–3 fields of a patient's form (address; medications; insurance).
fn edit_fields(input: &mut PatientInput, fields: usize, n: usize) {
    input.address = format!("Plot {n}, Ntinda Road");
    if fields >= 2 {
        input.current_medications = vec![format!("Amoxicillin 500 mg, course {n}")];
    }
    if fields >= 3 {
        input.insurance_provider = "Jubilee Health".into();
        input.insurance_policy = format!("JH-{n:07}");
    }
}

fn edit(cx: &mut Ctx, pc: &Pc, i: usize) -> BenchResult<()> {
    let fields = cx.rng.random_range(1..=3);
    cx.edits_made += 1;
    edit_fields(&mut cx.inputs[i], fields, cx.edits_made);
    pc.update(cx.ids[i], &cx.inputs[i])
}

fn round_trip(cx: &mut Ctx, edits: usize, a: &Pc, b: &Pc, dir: &Path) -> BenchResult<RoundTrip> {
    let n = edits.min(cx.ids.len());
    let mut picks: Vec<usize> = (0..cx.ids.len()).collect();
    picks.shuffle(&mut cx.rng);
    for &i in &picks[..n] {
        edit(cx, a, i)?;
    }
    // The baseline's inputs: the same changes, and PC B as it is now (a copy of its file).
    let changes = a.unpushed(n)?;
    let c = b.copy_to(dir.join("c.db"))?;

    let (w0, m0) = (cx.env.wire.now(), cx.env.merge_time()?);
    let (a0, b0) = (a.store_time(), b.store_time());
    let t = Instant::now();
    let ra = cx.client.block_on(a.sync())?;
    let push = t.elapsed();
    let t = Instant::now();
    let rb = cx.client.block_on(b.sync())?;
    let pull = t.elapsed();
    let (w1, m1) = (cx.env.wire.now(), cx.env.merge_time()?);
    check(ra.pushed as usize == n && rb.pulled as usize == n, || {
        format!(
            "round trip: pushed {}, pulled {}, edited {n}",
            ra.pushed, rb.pulled
        )
    })?;

    let t = Instant::now();
    let mut applied = 0;
    for ch in &changes {
        applied += c
            .apply_remote(ch.kind, ch.record_id, std::slice::from_ref(&ch.bytes))?
            .new_changes;
    }
    let baseline = t.elapsed();
    drop(c);
    Ok(RoundTrip {
        edits: n,
        pushed: ra.pushed,
        pulled: rb.pulled,
        push,
        pull,
        push_store: a.store_time() - a0,
        pull_store: b.store_time() - b0,
        server_merge: m1 - m0,
        bytes: (w1.0 - w0.0) + (w1.1 - w0.1),
        baseline,
        baseline_applied: applied,
    })
}

fn noop(cx: &mut Ctx, runs: usize, a: &Pc, b: &Pc) -> BenchResult<Noop> {
    // One untimed sync each first: PC B sends any sync issues its pulls raised, PC A takes them.
    for pc in [b, a] {
        cx.client.block_on(pc.sync())?;
    }
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    let (mut total, mut max, mut count, mut not_empty) = (0u64, 0u64, 0u64, 0usize);
    for _ in 0..runs {
        for (pc, times) in [(a, &mut ta), (b, &mut tb)] {
            let w0 = cx.env.wire.now();
            let t = Instant::now();
            let rep = cx.client.block_on(pc.sync())?;
            times.push(t.elapsed());
            let w1 = cx.env.wire.now();
            let bytes = (w1.0 - w0.0) + (w1.1 - w0.1);
            total += bytes;
            max = max.max(bytes);
            count += 1;
            if rep.pushed + rep.pulled + rep.bootstrapped_records > 0 {
                not_empty += 1;
            }
        }
    }
    Ok(Noop {
        a: Stats::of(&ta),
        b: Stats::of(&tb),
        bytes_mean: total as f64 / count.max(1) as f64,
        bytes_max: max,
        not_empty,
    })
}

fn day(cx: &mut Ctx, cfg: &SyncConfig, a: &Pc, b: &Pc) -> BenchResult<Day> {
    let rounds = cfg.day_rounds.max(1);
    // (round, on PC B?, new patient?) for each visit.
    let mut visits: Vec<(usize, bool, bool)> = (0..cfg.day_visits)
        .map(|v| {
            (
                cx.rng.random_range(0..rounds),
                cx.rng.random_bool(0.5),
                v < cfg.day_new,
            )
        })
        .collect();
    visits.sort();
    let today = Utc::now().date_naive();
    let mut out = Day {
        visits: cfg.day_visits,
        ..Day::default()
    };
    let w0 = cx.env.wire.now();
    let mut next = 0;
    // Returning patients are ones both PCs surely hold: registered before the previous round
    // (PC A syncs before PC B, so PC B's new patients reach PC A one round later).
    let mut known = cx.ids.len();
    for round in 0..rounds {
        let start = cx.ids.len();
        while next < visits.len() && visits[next].0 == round {
            let (_, on_b, new) = visits[next];
            let pc = if on_b { b } else { a };
            let i = if new {
                let input = clinic_store::seed::demo_patient(&mut cx.rng, today);
                let id = pc.register(std::slice::from_ref(&input), 1)?[0];
                cx.inputs.push(input);
                cx.ids.push(id);
                out.new_patients += 1;
                cx.ids.len() - 1
            } else {
                cx.rng.random_range(0..known)
            };
            edit(cx, pc, i)?;
            next += 1;
        }
        for pc in [a, b] {
            sync_counted(cx, pc, &mut out)?;
        }
        known = start;
    }
    // PC A picks up what PC B sent in the last round.
    sync_counted(cx, a, &mut out)?;
    let w1 = cx.env.wire.now();
    out.bytes_up = w1.0 - w0.0;
    out.bytes_down = w1.1 - w0.1;
    Ok(out)
}

fn sync_counted(cx: &mut Ctx, pc: &Pc, out: &mut Day) -> BenchResult<()> {
    let t = Instant::now();
    let rep = cx.client.block_on(pc.sync())?;
    out.sync_time += t.elapsed();
    out.syncs += 1;
    out.pushed += rep.pushed;
    out.pulled += rep.pulled;
    Ok(())
}

pub(super) fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
