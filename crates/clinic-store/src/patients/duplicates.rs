//! Likely duplicates of a patient being entered: same name and birth date, same phone, or same
//! national ID. Read from the projection's indexed keys only.
use super::projection::{query_summaries, row_for, select_summaries, Patients};
use crate::error::Result;
use clinic_domain::patient::{DuplicateCandidate, DuplicateReason, Patient};
use rusqlite::Connection;
use sea_query::{Cond, Expr, ExprTrait};
use uuid::Uuid;

pub(crate) fn find(
    conn: &Connection,
    candidate: &Patient,
    exclude: Option<Uuid>,
) -> Result<Vec<DuplicateCandidate>> {
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
            Cond::all().add(Expr::col(Patients::PhoneKey).eq(row.phone_key.clone())),
        ),
        (
            DuplicateReason::NationalId,
            row.national_id_key.len() >= 4,
            Cond::all().add(Expr::col(Patients::NationalIdKey).eq(row.national_id_key.clone())),
        ),
    ];
    let mut out: Vec<DuplicateCandidate> = Vec::new();
    for (reason, applies, cond) in checks {
        if !applies {
            continue;
        }
        let mut q = select_summaries();
        q.cond_where(cond)
            .and_where(Expr::col(Patients::Deleted).eq(false))
            .limit(20);
        if let Some(id) = exclude {
            q.and_where(Expr::col(Patients::Id).ne(id.to_string()));
        }
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
