//! Central projection tables: plain rows rewritten from each merged document, for reports and BI.
//! A user's password hash never leaves the document.
use automerge::AutoCommit;
use clinic_domain::patient::Patient;
use clinic_domain::user::User;
use clinic_domain::RecordKind;
use deadpool_postgres::Transaction;
use uuid::Uuid;

/// Rewrites the projection row of one record. A document that does not hydrate (yet) is left
/// out and logged without its content.
pub async fn write(
    tx: &Transaction<'_>,
    clinic_id: Uuid,
    id: Uuid,
    kind: RecordKind,
    doc: &AutoCommit,
) -> Result<(), tokio_postgres::Error> {
    match kind {
        RecordKind::Patient => match autosurgeon::hydrate::<_, Patient>(doc) {
            Ok(p) => write_patient(tx, clinic_id, id, &p).await,
            Err(e) => {
                tracing::warn!(record = %id, error = %e, "patient document does not hydrate; projection skipped");
                Ok(())
            }
        },
        RecordKind::User => match autosurgeon::hydrate::<_, User>(doc) {
            Ok(u) => write_user(tx, clinic_id, id, &u).await,
            Err(e) => {
                tracing::warn!(record = %id, error = %e, "user document does not hydrate; projection skipped");
                Ok(())
            }
        },
    }
}

async fn write_patient(
    tx: &Transaction<'_>,
    clinic_id: Uuid,
    id: Uuid,
    p: &Patient,
) -> Result<(), tokio_postgres::Error> {
    let stmt = tx
        .prepare_cached(
            "INSERT INTO patients (clinic_id, id, patient_number, given_name, family_name, sex,
                birth_date, phone, national_id, insurance_provider, insurance_policy, deleted)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (clinic_id, id) DO UPDATE SET
                patient_number = EXCLUDED.patient_number, given_name = EXCLUDED.given_name,
                family_name = EXCLUDED.family_name, sex = EXCLUDED.sex,
                birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone,
                national_id = EXCLUDED.national_id,
                insurance_provider = EXCLUDED.insurance_provider,
                insurance_policy = EXCLUDED.insurance_policy, deleted = EXCLUDED.deleted,
                updated_at = now()",
        )
        .await?;
    tx.execute(
        &stmt,
        &[
            &clinic_id,
            &id,
            &p.number,
            &p.given_name,
            &p.family_name,
            &p.sex.as_str(),
            &p.birth_date,
            &p.phone,
            &p.national_id,
            &p.insurance_provider,
            &p.insurance_policy,
            &p.deleted,
        ],
    )
    .await?;
    Ok(())
}

async fn write_user(
    tx: &Transaction<'_>,
    clinic_id: Uuid,
    id: Uuid,
    u: &User,
) -> Result<(), tokio_postgres::Error> {
    let stmt = tx
        .prepare_cached(
            "INSERT INTO users (clinic_id, id, username, display_name, role, active)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (clinic_id, id) DO UPDATE SET
                username = EXCLUDED.username, display_name = EXCLUDED.display_name,
                role = EXCLUDED.role, active = EXCLUDED.active, updated_at = now()",
        )
        .await?;
    tx.execute(
        &stmt,
        &[
            &clinic_id,
            &id,
            &u.username,
            &u.display_name,
            &u.role,
            &u.active,
        ],
    )
    .await?;
    Ok(())
}
