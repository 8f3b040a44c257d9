//! The overlap check, the queue and the calendar are index lookups, never table scans.
use super::projection::{calendar_query, day_queue_query, overlap_query, Who};
use sea_query::{SelectStatement, SqliteQueryBuilder};
use sea_query_rusqlite::RusqliteBinder;
use uuid::Uuid;

fn plan(q: &SelectStatement) -> Vec<String> {
    let (_dir, store) = crate::store::test_store();
    let (sql, values) = q.build_rusqlite(SqliteQueryBuilder);
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    stmt.query_map(&*values.as_params(), |r| r.get::<_, String>(3))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn overlap_checks_use_the_who_and_start_indexes() {
    let id = Uuid::nil().to_string();
    for (who, index) in [
        (Who::Clinician, "appointments_clinician_start"),
        (Who::Patient, "appointments_patient_start"),
    ] {
        let q = overlap_query(
            who,
            &id,
            "2026-11-23T09:00",
            "2026-11-23T09:30",
            Uuid::nil(),
        );
        let plan = plan(&q);
        assert!(
            plan.iter()
                .any(|l| l.contains(&format!("USING INDEX {index} ("))
                    && l.contains("start>? AND start<?")),
            "{who:?}: {plan:?}"
        );
        assert!(!plan.iter().any(|l| l.starts_with("SCAN")), "{plan:?}");
    }
}

#[test]
fn queue_and_calendar_use_indexes() {
    let q = day_queue_query("2026-11-23");
    let p = plan(&q);
    assert!(p.iter().any(|l| l.contains("appointments_day")), "{p:?}");
    let q = calendar_query(&Uuid::nil().to_string(), "2026-11-23", "2026-11-30");
    let p = plan(&q);
    assert!(
        p.iter().any(|l| l.contains("appointments_clinician_start")),
        "{p:?}"
    );
    assert!(
        !p.iter().any(|l| l.starts_with("SCAN appointments")),
        "{p:?}"
    );
}
