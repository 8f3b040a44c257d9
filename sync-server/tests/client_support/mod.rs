//! Test support for the client half: real desktop stores (SQLCipher files) driven by the real sync
//! engine (`clinic-sync`) against the real server of `support`, over HTTP on loopback.
#![allow(dead_code)]

use crate::support::TestServer;
use clinic_domain::patient::{Patient, PatientInput, Sex};
use clinic_domain::user::{NewUserInput, SetupInput};
use clinic_domain::{Actor, ChangeSource, RecordKind};
use clinic_store::clock::{RandomIds, SystemClock};
use clinic_store::digest::RecordDigest;
use clinic_store::key::StoreKey;
use clinic_store::Store;
use clinic_sync::{ConnectReport, Progress, SyncError, SyncOptions, SyncReport};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

pub const PASSWORD: &str = "river stone 42";

/// One clinic PC: its store file, key, and the store the engine borrows.
pub struct Pc {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub key: StoreKey,
    pub store: Mutex<Store>,
    pub options: SyncOptions,
}

fn open(path: &std::path::Path, key: &StoreKey) -> Store {
    Store::open(path, key, Arc::new(SystemClock), Arc::new(RandomIds)).expect("open store")
}

impl Pc {
    /// A PC with no clinic yet (a new PC that will join one).
    pub fn empty() -> Pc {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clinic.db");
        let key = StoreKey::generate().unwrap();
        let store = Mutex::new(open(&path, &key));
        Pc {
            dir,
            path,
            key,
            store,
            options: SyncOptions::default(),
        }
    }

    /// A PC set up offline for `clinic` as device `device_code`, administrator `admin`.
    pub fn offline(clinic: &str, device_code: &str) -> Pc {
        let pc = Pc::empty();
        pc.with(|s| {
            s.initialize(
                &SetupInput {
                    clinic_name: format!("{clinic} clinic"),
                    clinic_code: clinic.into(),
                    device_code: Some(device_code.into()),
                    admin_username: "admin".into(),
                    admin_display_name: "Admin".into(),
                    admin_password: PASSWORD.into(),
                },
                [3; 16],
            )
            .map(|_| ())
        })
        .unwrap();
        pc
    }

    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T> {
        let mut s = self.store.lock().unwrap();
        f(&mut s)
    }

    /// Closes and opens the store file again (a restart of the app).
    pub fn reopen(&self) {
        let mut s = self.store.lock().unwrap();
        *s = open(&self.path, &self.key);
    }

    pub fn actor(&self) -> Actor {
        self.sign_in("admin", PASSWORD)
    }

    /// A user signed in with their password.
    pub fn sign_in(&self, username: &str, password: &str) -> Actor {
        self.with(|s| s.authenticate(username, password)).unwrap().0
    }

    /// Creates a user with this role (by the administrator): the user's id.
    pub fn create_staff(
        &self,
        username: &str,
        display_name: &str,
        role: &str,
        password: &str,
    ) -> Uuid {
        let admin = self.actor();
        let input = NewUserInput {
            username: username.into(),
            display_name: display_name.into(),
            role: role.into(),
            password: password.into(),
        };
        self.with(|s| s.create_user(&admin, &input, [4; 16]))
            .unwrap()
            .id
    }

    pub async fn connect(
        &self,
        server: &TestServer,
        clinic: &str,
    ) -> Result<ConnectReport, SyncError> {
        self.connect_to(server, &server.main.base, clinic).await
    }

    pub async fn connect_to(
        &self,
        server: &TestServer,
        base: &str,
        clinic: &str,
    ) -> Result<ConnectReport, SyncError> {
        let code = server
            .main
            .server
            .admin()
            .issue_enrollment_code(clinic)
            .await
            .unwrap();
        clinic_sync::connect(
            &self.store,
            base,
            &code,
            "test PC",
            &self.options,
            &mut |_: Progress| {},
        )
        .await
    }

    pub async fn sync(&self) -> Result<SyncReport, SyncError> {
        clinic_sync::sync_once(&self.store, &self.options, &mut |_: Progress| {}).await
    }

    pub fn register(&self, given: &str) -> Uuid {
        let actor = self.actor();
        let v = self
            .with(|s| s.register_patient(&actor, &input(given, "Nakato"), ChangeSource::Ui))
            .unwrap();
        Uuid::parse_str(&v.id).unwrap()
    }

    pub fn patient(&self, id: Uuid) -> Patient {
        let actor = self.actor();
        self.with(|s| s.open_patient(&actor, id)).unwrap().patient
    }

    /// Edits patient `id` as this PC sees it now.
    pub fn edit(&self, id: Uuid, f: impl FnOnce(&mut PatientInput)) {
        let actor = self.actor();
        let mut next = input_of(&self.patient(id));
        f(&mut next);
        self.with(|s| s.update_patient(&actor, id, &next)).unwrap();
    }

    pub fn delete(&self, id: Uuid) {
        let actor = self.actor();
        self.with(|s| s.delete_patient(&actor, id)).unwrap();
    }

    pub fn restore(&self, id: Uuid) {
        let actor = self.actor();
        self.with(|s| s.restore_patient(&actor, id)).unwrap();
    }

    pub fn digests(&self) -> Vec<RecordDigest> {
        self.with(|s| s.record_digests()).unwrap()
    }

    pub fn projections(&self) -> Vec<String> {
        self.with(|s| {
            let mut rows = s.projection_rows(RecordKind::Patient)?;
            rows.extend(s.projection_rows(RecordKind::User)?);
            Ok(rows)
        })
        .unwrap()
    }

    /// The central table's view of the local patients: `id|number|given|family|phone|deleted`.
    pub fn patient_summary(&self) -> Vec<String> {
        self.with(|s| s.projection_rows(RecordKind::Patient))
            .unwrap()
            .iter()
            .map(|row| {
                let c: Vec<&str> = row.split('|').collect();
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[7],
                    c[9] == "1"
                )
            })
            .collect()
    }

    pub fn pending(&self) -> u64 {
        self.with(|s| s.pending_changes()).unwrap()
    }
}

/// The central `patients` table of `clinic`, as [`Pc::patient_summary`] shows the local one.
pub async fn central_patients(server: &TestServer, clinic: &str) -> Vec<String> {
    let rows = server
        .db
        .client()
        .await
        .query(
            "SELECT p.id, p.patient_number, p.given_name, p.family_name, p.phone, p.deleted
             FROM patients p JOIN clinics c ON c.id = p.clinic_id WHERE c.code = $1 ORDER BY p.id::text",
            &[&clinic],
        )
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            format!(
                "{}|{}|{}|{}|{}|{}",
                r.get::<_, Uuid>(0),
                r.get::<_, String>(1),
                r.get::<_, String>(2),
                r.get::<_, String>(3),
                r.get::<_, String>(4),
                r.get::<_, bool>(5)
            )
        })
        .collect()
}

pub fn input(given: &str, family: &str) -> PatientInput {
    PatientInput {
        given_name: given.into(),
        family_name: family.into(),
        sex: Sex::Female,
        birth_date: Some("1990-04-12".into()),
        ..Default::default()
    }
}

/// The form a PC would show for `p` (tests add no allergies).
pub fn input_of(p: &Patient) -> PatientInput {
    assert!(p.allergies.is_empty(), "tests add no allergies");
    assert!(
        p.past_surgeries.is_empty() && p.family_history.is_empty(),
        "tests add no surgical or family history"
    );
    PatientInput {
        given_name: p.given_name.clone(),
        family_name: p.family_name.clone(),
        sex: p.sex,
        birth_date: Some(p.birth_date.clone()),
        estimated_age_years: None,
        phone: p.phone.clone(),
        address: p.address.clone(),
        national_id: p.national_id.clone(),
        insurance_provider: p.insurance_provider.clone(),
        insurance_policy: p.insurance_policy.clone(),
        emergency_contact: p.emergency_contact.clone(),
        blood_type: p.blood_type,
        allergies: Vec::new(),
        chronic_conditions: p.chronic_conditions.clone(),
        current_medications: p.current_medications.clone(),
        email: p.email.clone(),
        reminder_channel: p.reminder_channel,
        // Surgical and family history: none in these tests (asserted above).
        ..PatientInput::default()
    }
}

/// Every PC holds the same records with the same heads, the same projection rows, and the central
/// patients table equals theirs.
pub async fn assert_converged(server: &TestServer, clinic: &str, pcs: &[&Pc]) {
    let first = pcs[0];
    for (i, pc) in pcs.iter().enumerate().skip(1) {
        assert_eq!(pc.digests(), first.digests(), "records of PC {i} and PC 0");
        assert_eq!(
            pc.projections(),
            first.projections(),
            "projections of PC {i} and PC 0"
        );
    }
    assert_eq!(
        central_patients(server, clinic).await,
        first.patient_summary(),
        "central patients"
    );
}
