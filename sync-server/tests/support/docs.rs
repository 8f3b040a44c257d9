//! Real Automerge patient documents, written the way the desktop store writes them.
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};
use clinic_domain::patient::Patient;
use clinic_domain::sync::PushChange;
use clinic_domain::{ChangeMeta, RecordKind};
use uuid::Uuid;

pub struct PatientDoc {
    pub id: Uuid,
    pub doc: AutoCommit,
    pub device: Uuid,
}

pub fn patient(number: &str, given: &str, family: &str) -> Patient {
    Patient {
        number: number.into(),
        given_name: given.into(),
        family_name: family.into(),
        birth_date: "1990-01-01".into(),
        phone: "+33 6 00 00 00 00".into(),
        ..Patient::default()
    }
}

fn commit(doc: &mut AutoCommit, device: Uuid, action: &str, fields: Vec<String>) -> Vec<u8> {
    let meta = ChangeMeta {
        user_id: Uuid::nil(),
        username: "test".into(),
        device_id: device,
        action: action.into(),
        fields,
    };
    doc.commit_with(
        CommitOptions::default()
            .with_message(meta.to_message())
            .with_time(1_700_000_000_000),
    );
    doc.get_last_local_change()
        .expect("a change was made")
        .raw_bytes()
        .to_vec()
}

impl PatientDoc {
    /// A new patient record created on `device`, and its creating change.
    pub fn create(device: Uuid, p: &Patient) -> (PatientDoc, Vec<u8>) {
        let mut doc = AutoCommit::new().with_actor(ActorId::from(device.as_bytes().as_slice()));
        autosurgeon::reconcile(&mut doc, p).expect("reconcile");
        let change = commit(&mut doc, device, "create", vec![]);
        (
            PatientDoc {
                id: Uuid::now_v7(),
                doc,
                device,
            },
            change,
        )
    }

    /// The same record as seen by another device (which has every change so far).
    pub fn fork_for(&mut self, device: Uuid) -> PatientDoc {
        PatientDoc {
            id: self.id,
            doc: self
                .doc
                .fork()
                .with_actor(ActorId::from(device.as_bytes().as_slice())),
            device,
        }
    }

    pub fn edit(&mut self, f: impl FnOnce(&mut Patient)) -> Vec<u8> {
        let mut p = self.value();
        f(&mut p);
        autosurgeon::reconcile(&mut self.doc, &p).expect("reconcile");
        commit(&mut self.doc, self.device, "update", vec![])
    }

    pub fn value(&self) -> Patient {
        autosurgeon::hydrate(&self.doc).expect("hydrate")
    }

    pub fn push(&self, local_seq: i64, change: &[u8]) -> PushChange {
        PushChange {
            local_seq,
            record_id: self.id,
            kind: RecordKind::Patient,
            change: change.to_vec().into(),
        }
    }
}

/// A document loaded from saved bytes (a snapshot), or built from pulled changes.
pub fn load(bytes: &[u8]) -> Patient {
    let doc = AutoCommit::load(bytes).expect("document loads");
    autosurgeon::hydrate(&doc).expect("hydrate")
}

pub fn from_changes(changes: &[Vec<u8>]) -> Patient {
    let mut doc = AutoCommit::new();
    doc.apply_changes(
        changes
            .iter()
            .map(|c| automerge::Change::from_bytes(c.clone()).unwrap()),
    )
    .unwrap();
    autosurgeon::hydrate(&doc).expect("hydrate")
}
