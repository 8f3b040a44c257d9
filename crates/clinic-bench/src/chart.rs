//! `clinic-bench chart`: opening a patient's chart (the patient document, the encounters timeline
//! and the vitals series from projections, the audit entry) in a store of many patients where the
//! measured patient has hundreds of encounters, against opening the same patient alone (document
//! load + view + audit), measured in the same run, alternating. Also times ICD-10 searches.
//!
//! Bulk path (documented in docs/BENCHMARKS.md): the patients are registered through the real
//! batched path; the other patients' encounters (one each, with a vitals set and a diagnosis) are
//! written straight into the projections through a raw keyed connection, since the chart reads
//! only those; every encounter of the measured patient goes through the real store operations.
use crate::clinic::new_clinic;
use crate::plain::open_raw_store;
use crate::stats::Stats;
use crate::BenchResult;
use clinic_domain::encounter::{DiagnosisInput, EncounterOpenInput, VitalsInput};
use clinic_domain::patient::{PatientInput, Sex};
use clinic_domain::{Actor, ChangeSource, Role};
use rusqlite::params;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const GOAL_CHART_P95_MS: f64 = 20.0;
const BATCH: usize = 1000;
const CODES: [&str; 6] = ["I10", "E11.9", "J06.9", "M54.50", "R51.9", "K21.9"];
const ICD_QUERIES: [&str; 6] = [
    "J06",
    "e11.9",
    "hypertension",
    "upper respiratory infection",
    "fracture femur",
    "a",
];

pub struct ChartConfig {
    pub patients: usize,
    pub encounters: usize,
    pub opens: usize,
    pub dir: Option<std::path::PathBuf>,
}

pub struct ChartReport {
    pub patients: usize,
    pub encounters: usize,
    pub fill_secs: f64,
    pub chart: Stats,
    pub patient_only: Stats,
    pub icd10: Stats,
    pub timeline_rows: usize,
    pub vitals_rows: usize,
}

fn bulk_background(
    raw: &mut rusqlite::Connection,
    patients: &[Uuid],
    skip: Uuid,
) -> BenchResult<()> {
    let tx = raw.transaction()?;
    {
        // The projections reference `records(id)`: a stub row per background encounter.
        let mut rec = tx.prepare(
            "INSERT INTO records (id, kind, doc, heads, created_at, updated_at) VALUES (?1, 'encounter', NULL, NULL, ?2, ?2)",
        )?;
        let mut enc = tx.prepare(
            "INSERT INTO encounters (id, patient_id, clinician_id, appointment_id, started_at, status, chief_complaint, primary_code, primary_title, updated_at) \
             VALUES (?1, ?2, ?3, '', ?4, 'closed', 'Background visit', 'I10', 'Essential (primary) hypertension', ?4)",
        )?;
        let mut vit = tx.prepare(
            "INSERT INTO encounter_vitals VALUES (?1, ?2, ?3, ?4, ?5, 130, 85, 72, 368, 16, 98, 70000, 1700, 242)",
        )?;
        let mut dia = tx.prepare(
            "INSERT INTO encounter_diagnoses VALUES (?1, ?2, ?3, ?4, 'I10', 'Essential (primary) hypertension', 1)",
        )?;
        let at = chrono::Utc::now().to_rfc3339();
        let doctor = Uuid::now_v7().to_string();
        for p in patients.iter().filter(|p| **p != skip) {
            let (id, p) = (Uuid::now_v7().to_string(), p.to_string());
            rec.execute(params![id, at])?;
            enc.execute(params![id, p, doctor, at])?;
            vit.execute(params![id, Uuid::now_v7().to_string(), p, at, doctor])?;
            dia.execute(params![id, Uuid::now_v7().to_string(), p, at])?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub fn run_chart(cfg: &ChartConfig, log: &mut dyn FnMut(&str)) -> BenchResult<ChartReport> {
    let dir = match &cfg.dir {
        Some(d) => tempfile::tempdir_in(d)?,
        None => tempfile::tempdir()?,
    };
    let path = dir.path().join("clinic.db");
    let (mut store, key, admin) = new_clinic(&path, "A1")?;
    let filling = Instant::now();
    log(&format!("registering {} patients", cfg.patients));
    let mut patients = Vec::with_capacity(cfg.patients);
    for start in (0..cfg.patients).step_by(BATCH) {
        let inputs: Vec<PatientInput> = (start..(start + BATCH).min(cfg.patients))
            .map(|i| PatientInput {
                given_name: format!("Given{i}"),
                family_name: format!("Family{}", i % 997),
                sex: if i % 2 == 0 { Sex::Female } else { Sex::Male },
                birth_date: Some(format!("19{:02}-0{}-1{}", 30 + i % 70, 1 + i % 9, i % 10)),
                ..Default::default()
            })
            .collect();
        for r in store.register_patients(&admin, &inputs, ChangeSource::Import)? {
            patients.push(r?.0);
        }
    }
    let target = patients[patients.len() / 2];
    let doctor = Actor {
        user_id: Uuid::now_v7(),
        username: "doctor".into(),
        role: Role::Doctor,
        device_id: admin.device_id,
    };
    {
        let mut raw = open_raw_store(&path, &key)?;
        // No `users` row for the doctor (it would need a user document): the timeline's join on
        // users still runs, and finds no name.
        log("writing one background encounter per other patient (bulk path)");
        bulk_background(&mut raw, &patients, target)?;
    }
    log(&format!(
        "recording {} encounters of one patient (full path)",
        cfg.encounters
    ));
    for i in 0..cfg.encounters {
        let open = EncounterOpenInput {
            patient_id: target.to_string(),
            appointment_id: None,
            chief_complaint: format!("Visit {i}"),
        };
        let id = Uuid::parse_str(&store.open_encounter(&doctor, &open)?.id)?;
        let vitals = VitalsInput {
            systolic_mmhg: Some(110 + (i % 40) as i32),
            diastolic_mmhg: Some(70 + (i % 20) as i32),
            pulse_bpm: Some(60 + (i % 30) as i32),
            temperature_tenths_c: Some(365 + (i % 15) as i32),
            weight_g: Some(68_000 + (i % 50) as i32 * 100),
            height_mm: Some(1_700),
            ..Default::default()
        };
        store.record_vitals(&doctor, id, &[vitals])?;
        let code = CODES[i % CODES.len()];
        let dx = DiagnosisInput {
            code: code.into(),
            primary: true,
            note: String::new(),
        };
        store.add_diagnosis(&doctor, id, &dx)?;
        store.close_encounter(&doctor, id)?;
    }
    let fill_secs = filling.elapsed().as_secs_f64();
    log(&format!(
        "opening the chart and the patient alone, {} times each",
        cfg.opens
    ));
    let (mut chart, mut alone) = (Vec::new(), Vec::new());
    let (mut timeline_rows, mut vitals_rows) = (0, 0);
    for _ in 0..cfg.opens {
        let t = Instant::now();
        let view = store.open_chart(&doctor, target)?;
        chart.push(t.elapsed());
        (timeline_rows, vitals_rows) = (view.encounters.len(), view.vitals.len());
        let t = Instant::now();
        store.open_patient(&doctor, target)?;
        alone.push(t.elapsed());
    }
    let _ = clinic_domain::icd10::search("warm up", 1);
    let mut icd: Vec<Duration> = Vec::new();
    for _ in 0..cfg.opens.max(1) {
        for q in ICD_QUERIES {
            let t = Instant::now();
            let _ = clinic_domain::icd10::search(q, 50);
            icd.push(t.elapsed());
        }
    }
    Ok(ChartReport {
        patients: cfg.patients,
        encounters: cfg.encounters,
        fill_secs,
        chart: Stats::of(&chart),
        patient_only: Stats::of(&alone),
        icd10: Stats::of(&icd),
        timeline_rows,
        vitals_rows,
    })
}

impl ChartReport {
    pub fn markdown(&self) -> String {
        let row = |name: &str, s: &Stats| {
            format!(
                "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} |\n",
                s.n, s.p50, s.p95, s.p99, s.max
            )
        };
        let mut out = format!(
            "## Chart\n\n{} patients; the measured patient has {} encounters ({} timeline rows, {} vitals sets read). Fill {:.1} s.\n\n| what | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n",
            self.patients, self.encounters, self.timeline_rows, self.vitals_rows, self.fill_secs
        );
        out += &row("open_chart", &self.chart);
        out += &row("open_patient (baseline)", &self.patient_only);
        out += &row("icd10 search", &self.icd10);
        out += &format!(
            "\nGoal: open_chart p95 ≤ {GOAL_CHART_P95_MS} ms: {}\n",
            if self.chart.p95 <= GOAL_CHART_P95_MS {
                "met"
            } else {
                "NOT met"
            }
        );
        out
    }
}
