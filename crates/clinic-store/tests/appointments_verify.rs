//! `verify` checks appointment documents against their projection rows.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use fixture::*;

#[test]
fn a_tampered_appointment_row_is_detected() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let a =
        c.t.store
            .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:00", 30))
            .unwrap();
    c.t.store.check_in_appointment(&r, id(&a)).unwrap();
    let report = c.t.store.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let raw = rusqlite::Connection::open(&c.t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", c.t.key.to_hex()))
        .unwrap();
    raw.execute(
        "UPDATE appointments SET start = '2026-11-24T10:00' WHERE id = ?1",
        [&a.id],
    )
    .unwrap();
    let problems = c.t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&format!("appointment {}", a.id)));
}
