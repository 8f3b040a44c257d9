//! Central projection tables: plain rows rewritten from each merged document, for reports and BI.
//! A push batch collects its rows here and writes each table with one statement. A user's
//! password hash never leaves the document.
use automerge::AutoCommit;
use clinic_domain::patient::Patient;
use clinic_domain::sync_issue::SyncIssue;
use clinic_domain::user::User;
use clinic_domain::RecordKind;
use deadpool_postgres::Transaction;
use uuid::Uuid;

#[derive(Default)]
pub struct Projections {
    patients: Vec<(Uuid, Patient)>,
    users: Vec<(Uuid, User)>,
    sync_issues: Vec<(Uuid, SyncIssue)>,
    front_desk: crate::front_desk::FrontDesk,
    diagnoses: crate::diagnoses::EncounterDiagnoses,
    stock: crate::stock_levels::StockLevels,
    outbox: crate::reminders::outbox::OutboxRows,
    lab_orders: crate::lab_orders::LabOrders,
}

impl Projections {
    /// Hydrates the record's current value. A document that does not hydrate (yet) is left out
    /// and logged without its content.
    pub fn add(&mut self, id: Uuid, kind: RecordKind, doc: &AutoCommit) {
        let result = match kind {
            RecordKind::Patient => {
                autosurgeon::hydrate::<_, Patient>(doc).map(|p| self.patients.push((id, p)))
            }
            RecordKind::User => {
                autosurgeon::hydrate::<_, User>(doc).map(|u| self.users.push((id, u)))
            }
            RecordKind::SyncIssue => {
                autosurgeon::hydrate::<_, SyncIssue>(doc).map(|i| self.sync_issues.push((id, i)))
            }
            // No central table yet: hydrating proves the document is readable.
            RecordKind::PriceItem => {
                autosurgeon::hydrate::<_, clinic_domain::billing::PriceItem>(doc).map(|_| ())
            }
            RecordKind::Invoice => {
                autosurgeon::hydrate(doc).map(|i| self.front_desk.add_invoice(id, i))
            }
            RecordKind::Appointment => {
                autosurgeon::hydrate(doc).map(|a| self.front_desk.add_appointment(id, a))
            }
            // No central table yet: checked to hydrate, so a malformed schedule is logged.
            RecordKind::ClinicianSchedule => {
                autosurgeon::hydrate::<_, clinic_domain::appointment::Schedule>(doc).map(|_| ())
            }
            // No central table yet: checked to hydrate, so a malformed prescription is logged.
            RecordKind::Prescription => {
                autosurgeon::hydrate::<_, clinic_domain::prescription::Prescription>(doc)
                    .map(|_| ())
            }
            RecordKind::Encounter => {
                autosurgeon::hydrate::<_, clinic_domain::encounter::Encounter>(doc)
                    .map(|e| self.diagnoses.add(id, &e))
            }
            RecordKind::StockBatch => autosurgeon::hydrate(doc).map(|b| self.stock.add(id, b)),
            RecordKind::OutgoingMessage => {
                autosurgeon::hydrate(doc).map(|m| self.outbox.add(id, m))
            }
            RecordKind::LabOrder => autosurgeon::hydrate::<_, clinic_domain::lab::LabOrder>(doc)
                .map(|o| self.lab_orders.add(id, &o)),
            // No central tables yet: checked to hydrate, so a malformed room record is logged.
            RecordKind::Department => {
                autosurgeon::hydrate::<_, clinic_domain::rooms::Department>(doc).map(|_| ())
            }
            RecordKind::Room => {
                autosurgeon::hydrate::<_, clinic_domain::rooms::Room>(doc).map(|_| ())
            }
            RecordKind::RoomAssignment => {
                autosurgeon::hydrate::<_, clinic_domain::rooms::RoomAssignment>(doc).map(|_| ())
            }
        };
        if let Err(e) = result {
            tracing::warn!(record = %id, kind = kind.as_str(), error = %e, "document does not hydrate; projection skipped");
        }
    }

    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if !self.patients.is_empty() {
            self.write_patients(tx, clinic_id).await?;
        }
        if !self.users.is_empty() {
            self.write_users(tx, clinic_id).await?;
        }
        if !self.sync_issues.is_empty() {
            self.write_sync_issues(tx, clinic_id).await?;
        }
        self.front_desk.write(tx, clinic_id).await?;
        self.diagnoses.write(tx, clinic_id).await?;
        self.stock.write(tx, clinic_id).await?;
        self.outbox.write(tx, clinic_id).await?;
        self.lab_orders.write(tx, clinic_id).await?;
        Ok(())
    }

    /// One row per issue; record ids travel as one comma-separated text per issue (arrays of
    /// arrays do not UNNEST row by row).
    async fn write_sync_issues(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        let issues = &self.sync_issues;
        let ids: Vec<Uuid> = issues.iter().map(|(id, _)| *id).collect();
        let kinds: Vec<&str> = issues.iter().map(|(_, i)| i.kind.as_str()).collect();
        let records: Vec<String> = issues.iter().map(|(_, i)| i.record_ids.join(",")).collect();
        let fields: Vec<&str> = issues.iter().map(|(_, i)| i.field.as_str()).collect();
        let status: Vec<&str> = issues.iter().map(|(_, i)| i.status.as_str()).collect();
        let by: Vec<&str> = issues.iter().map(|(_, i)| i.status_by.as_str()).collect();
        let at: Vec<&str> = issues.iter().map(|(_, i)| i.status_at.as_str()).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO sync_issues (clinic_id, id, kind, record_ids, field, status, status_by, status_at)
                 SELECT $1, u.id, u.kind, string_to_array(u.records, ',')::uuid[],
                    u.field, u.status, u.by, u.at
                 FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[]) AS u(id, kind, records, field, status, by, at)
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    kind = EXCLUDED.kind, record_ids = EXCLUDED.record_ids, field = EXCLUDED.field,
                    status = EXCLUDED.status, status_by = EXCLUDED.status_by,
                    status_at = EXCLUDED.status_at, updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id, &ids, &kinds, &records, &fields, &status, &by, &at,
            ],
        )
        .await?;
        Ok(())
    }

    async fn write_patients(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        let col = |f: fn(&Patient) -> &str| -> Vec<&str> {
            self.patients.iter().map(|(_, p)| f(p)).collect()
        };
        let ids: Vec<Uuid> = self.patients.iter().map(|(id, _)| *id).collect();
        let deleted: Vec<bool> = self.patients.iter().map(|(_, p)| p.deleted).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO patients (clinic_id, id, patient_number, given_name, family_name, sex,
                    birth_date, phone, national_id, insurance_provider, insurance_policy, deleted)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bool[])
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
                &ids,
                &col(|p| &p.number),
                &col(|p| &p.given_name),
                &col(|p| &p.family_name),
                &col(|p| p.sex.as_str()),
                &col(|p| &p.birth_date),
                &col(|p| &p.phone),
                &col(|p| &p.national_id),
                &col(|p| &p.insurance_provider),
                &col(|p| &p.insurance_policy),
                &deleted,
            ],
        )
        .await?;
        Ok(())
    }

    async fn write_users(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        let col =
            |f: fn(&User) -> &str| -> Vec<&str> { self.users.iter().map(|(_, u)| f(u)).collect() };
        let ids: Vec<Uuid> = self.users.iter().map(|(id, _)| *id).collect();
        let active: Vec<bool> = self.users.iter().map(|(_, u)| u.active).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO users (clinic_id, id, username, display_name, role, active)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::bool[])
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    username = EXCLUDED.username, display_name = EXCLUDED.display_name,
                    role = EXCLUDED.role, active = EXCLUDED.active, updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id,
                &ids,
                &col(|u| &u.username),
                &col(|u| &u.display_name),
                &col(|u| &u.role),
                &active,
            ],
        )
        .await?;
        Ok(())
    }
}
