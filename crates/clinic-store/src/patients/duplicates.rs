//! Likely duplicates of a patient being entered: same name and birth date, same phone, or same
//! national ID. Read from the projection's indexed keys only.
use super::projection::{query_summaries, row_for, select_summaries, Patients};
use crate::error::Result;
use clinic_domain::patient::{DuplicateCandidate, DuplicateReason, Patient};
use rusqlite::Connection;
use sea_query::{Cond, Expr, ExprTrait, SelectStatement};
use uuid::Uuid;

pub(crate) fn find(
    conn: &Connection,
    candidate: &Patient,
    exclude: Option<Uuid>,
) -> Result<Vec<DuplicateCandidate>> {
    let mut out: Vec<DuplicateCandidate> = Vec::new();
    for (reason, q) in queries(candidate, exclude) {
        for patient in query_summaries(conn, &q)? {
            match out.iter_mut().find(|c| c.patient.id == patient.id) {
                Some(c) => c.reasons.push(reason),
                None => out.push(DuplicateCandidate {
                    patient,
                    reasons: vec![reason],
                }),
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.reasons.len()));
    Ok(out)
}

/// One indexed lookup per reason that applies to `candidate`.
fn queries(candidate: &Patient, exclude: Option<Uuid>) -> Vec<(DuplicateReason, SelectStatement)> {
    let row = row_for(Uuid::nil(), candidate);
    let checks = [
        (
            DuplicateReason::NameAndBirthDate,
            !row.name_key.is_empty() && !candidate.birth_date.is_empty(),
            Cond::all()
                .add(Expr::col(Patients::NameKey).eq(row.name_key.clone()))
                .add(Expr::col(Patients::BirthDate).eq(candidate.birth_date.clone())),
        ),
        (
            DuplicateReason::Phone,
            row.phone_key.len() >= 6,
            // The `<> ''` term lets SQLite use the partial index (WHERE phone_key <> ''): with
            // only `= ?` it cannot prove the index covers the row and scans every patient.
            Cond::all()
                .add(Expr::col(Patients::PhoneKey).ne(""))
                .add(Expr::col(Patients::PhoneKey).eq(row.phone_key.clone())),
        ),
        (
            DuplicateReason::NationalId,
            row.national_id_key.len() >= 4,
            Cond::all()
                .add(Expr::col(Patients::NationalIdKey).ne(""))
                .add(Expr::col(Patients::NationalIdKey).eq(row.national_id_key.clone())),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, applies, _)| *applies)
        .map(|(reason, _, cond)| {
            let mut q = select_summaries();
            q.cond_where(cond)
                .and_where(Expr::col(Patients::Deleted).eq(false))
                .limit(20);
            if let Some(id) = exclude {
                q.and_where(Expr::col(Patients::Id).ne(id.to_string()));
            }
            (reason, q)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_query::SqliteQueryBuilder;
    use sea_query_rusqlite::RusqliteBinder;

    /// Each lookup is an index search, never a scan of every patient (found by the sync bench:
    /// a bootstrap slowed with the square of the clinic's size).
    #[test]
    fn every_duplicate_lookup_uses_an_index() {
        let (_dir, store) = crate::store::test_store();
        let p = Patient {
            given_name: "Amina".into(),
            family_name: "Nakato".into(),
            birth_date: "1990-01-02".into(),
            phone: "+256 772 123 456".into(),
            national_id: "CM90012345".into(),
            ..Patient::default()
        };
        let qs = queries(&p, Some(Uuid::nil()));
        assert_eq!(qs.len(), 3);
        for (reason, q) in qs {
            let (sql, values) = q.build_rusqlite(SqliteQueryBuilder);
            let mut stmt = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map(&*values.as_params(), |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            assert!(
                plan.iter().any(|l| l.contains("USING INDEX")),
                "{reason:?}: {plan:?}"
            );
        }
    }
}
