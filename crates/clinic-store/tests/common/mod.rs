//! Shared test setup: real SQLCipher files in temporary folders, a manual clock, sequential ids.
#![allow(dead_code)]
pub mod fhir;
pub mod pdf;
use chrono::{TimeZone, Utc};
use clinic_domain::patient::{PatientInput, Sex};
use clinic_domain::user::SetupInput;
use clinic_domain::Actor;
use clinic_store::clock::{ManualClock, SequentialIds};
use clinic_store::key::StoreKey;
use clinic_store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const PASSWORD: &str = "river stone 42";

pub struct TestStore {
    pub store: Store,
    pub admin: Actor,
    pub key: StoreKey,
    pub clock: Arc<ManualClock>,
    pub path: PathBuf,
    pub dir: tempfile::TempDir,
}

pub fn start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
}

pub fn open(path: &Path, key: &StoreKey, id_prefix: u64) -> (Store, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::stepping(
        start(),
        chrono::Duration::milliseconds(10),
    ));
    let store = Store::open(
        path,
        key,
        clock.clone(),
        Arc::new(SequentialIds::new(id_prefix)),
    )
    .expect("open store");
    (store, clock)
}

/// A new, set-up store for clinic `KLA` on device `device_code`.
pub fn store_on(device_code: &str, id_prefix: u64) -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.db");
    let key = StoreKey::generate().unwrap();
    let (mut store, clock) = open(&path, &key, id_prefix);
    let (admin, _) = store
        .initialize(
            &SetupInput {
                clinic_name: "Kampala Road Clinic".into(),
                clinic_code: "KLA".into(),
                device_code: Some(device_code.into()),
                admin_username: "admin".into(),
                admin_display_name: "Clinic Admin".into(),
                admin_password: PASSWORD.into(),
            },
            [1; 16],
        )
        .expect("initialize");
    TestStore {
        store,
        admin,
        key,
        clock,
        path,
        dir,
    }
}

pub fn store() -> TestStore {
    store_on("A1", 1)
}

pub fn patient(given: &str, family: &str, birth: &str) -> PatientInput {
    PatientInput {
        given_name: given.into(),
        family_name: family.into(),
        sex: Sex::Female,
        birth_date: Some(birth.into()),
        ..Default::default()
    }
}

/// Row counts of every table that a write touches: "nothing written" means these do not move.
pub fn counts(store: &Store) -> Vec<(String, i64)> {
    ["records", "change_log", "patients", "audit_log", "users"]
        .iter()
        .map(|t| (t.to_string(), store.count_rows(t).unwrap()))
        .collect()
}
