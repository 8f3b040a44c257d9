//! Shared setup of the stock tests: actors of a role on a store, a delivery, a dispensing.
#![allow(dead_code)]
use crate::common::TestStore;
use clinic_domain::stock::{BatchLevel, DispenseInput, ReceiveInput};
use clinic_domain::{Actor, Role};
use clinic_store::Store;
use uuid::Uuid;

pub fn as_role(t: &TestStore, role: Role, name: &str) -> Actor {
    Actor {
        user_id: Uuid::from_u128(0x5700 + name.len() as u128),
        username: name.into(),
        role,
        device_id: t.admin.device_id,
    }
}

pub fn delivery(drug: &str, batch: &str, expiry: &str, quantity: i64) -> ReceiveInput {
    ReceiveInput {
        drug_id: drug.into(),
        batch_number: batch.into(),
        expiry: expiry.into(),
        supplier: "Joint Medical Store".into(),
        quantity,
    }
}

pub fn dispensing(drug: &str, quantity: i64) -> DispenseInput {
    DispenseInput {
        drug_id: drug.into(),
        quantity,
        prescription_id: None,
        prescription_version: None,
    }
}

pub fn receive(s: &mut Store, who: &Actor, input: &ReceiveInput) -> BatchLevel {
    s.receive_stock(who, input).unwrap()
}

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
pub fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}
