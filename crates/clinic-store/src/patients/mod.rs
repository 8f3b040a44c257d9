//! The patient registry: register, edit, open, delete and restore, search, duplicates, history.
//! Every operation checks the actor's role, writes the document, its projection, the change log and
//! the audit trail in one transaction, or nothing at all.
pub(crate) mod duplicates;
pub(crate) mod projection;
pub(crate) mod search;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::history;
use crate::records::{self, Loaded, WriteCtx};
use crate::store::{take_counter, Store};
use crate::views::{HistoryEntry, PatientView};
use clinic_domain::patient::{DuplicateCandidate, Patient, PatientInput, PatientSummary};
use clinic_domain::patient_number::PatientNumber;
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Patient;

/// Parses a record id given by a caller (IPC, CLI): a bad one is a field error, not a panic.
pub fn parse_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id.trim())
        .map_err(|_| Error::field("id", ErrorCode::InvalidFormat, "is not a record id"))
}

impl Store {
    /// Checks that `actor` may do `action` (a refusal is audited): for operations that live
    /// outside this crate, such as connecting to the central server.
    pub fn require(&self, actor: &Actor, action: Action) -> Result<()> {
        self.authorize(actor, action)
    }

    /// Refuses (and audits the refusal) when the actor's role may not do `action`.
    pub(crate) fn authorize(&self, actor: &Actor, action: Action) -> Result<()> {
        if clinic_domain::roles::allowed(actor.role, action) {
            return Ok(());
        }
        let subject = Subject {
            kind: "action",
            id: action.as_str().to_string(),
        };
        audit::append(
            &self.conn,
            actor,
            AuditAction::Denied,
            subject,
            self.clock.now(),
        )?;
        Err(Error::Forbidden(action))
    }

    fn validate(&self, input: &PatientInput) -> Result<Patient> {
        let today = self.clock.now().with_timezone(&chrono::Local).date_naive();
        let ids = self.ids.clone();
        input
            .validate(today, &mut || ids.new_id().to_string())
            .map_err(Error::Invalid)
    }

    pub fn register_patient(
        &mut self,
        actor: &Actor,
        input: &PatientInput,
        source: ChangeSource,
    ) -> Result<PatientView> {
        self.authorize(actor, Action::PatientRegister)?;
        let patient = self.validate(input)?;
        let clinic = self.clinic()?;
        let (id, at) = (self.new_id(), self.clock.now());
        let tx = self.write()?;
        insert(&tx, &clinic, actor, id, patient, source, at)?;
        tx.commit().context("saving the patient")?;
        self.view(id)
    }

    /// Registers many patients in one transaction (import, demo data). Each input is validated on
    /// its own: the result says, per input, its new id or its field errors; valid inputs are saved
    /// even when others are not.
    pub fn register_patients(
        &mut self,
        actor: &Actor,
        inputs: &[PatientInput],
        source: ChangeSource,
    ) -> Result<Vec<Result<(Uuid, String)>>> {
        self.authorize(
            actor,
            if source == ChangeSource::Import {
                Action::PatientImport
            } else {
                Action::PatientRegister
            },
        )?;
        let clinic = self.clinic()?;
        let mut checked: Vec<(Uuid, Result<Patient>)> = inputs
            .iter()
            .map(|i| (self.new_id(), self.validate(i)))
            .collect();
        let at = self.clock.now();
        let ctx = WriteCtx {
            actor,
            action: action_name(source),
            source,
            at,
        };
        let tx = self.write()?;
        let valid = checked.iter().filter(|(_, p)| p.is_ok()).count() as u64;
        let mut sequence = take_counter(&tx, "patient_number", valid)?;
        for (_, patient) in checked.iter_mut() {
            if let Ok(p) = patient {
                p.number = number(&clinic, sequence);
                sequence += 1;
            }
        }
        // Building the Automerge documents is most of the work and needs no database: every core
        // builds while this thread writes what is ready, so building and writing overlap.
        let mut saved: Vec<Option<String>> = vec![None; checked.len()];
        build_and_write(&checked, &ctx, |i, change| {
            let (id, patient) = (&checked[i].0, &checked[i].1);
            if let Ok(p) = patient {
                // A storage failure aborts the whole batch (the transaction is dropped): nothing half-saved.
                save_new(&tx, &ctx, *id, p, &change)?;
                saved[i] = Some(p.number.clone());
            }
            Ok(())
        })?;
        let mut out = Vec::with_capacity(inputs.len());
        for ((id, patient), number) in checked.into_iter().zip(saved) {
            out.push(match (patient, number) {
                (Ok(_), Some(number)) => Ok((id, number)),
                (Err(e), _) => Err(e),
                (Ok(_), None) => return Err(Error::Storage("building a record".into())),
            });
        }
        tx.commit().context("saving patients")?;
        Ok(out)
    }

    pub fn update_patient(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &PatientInput,
    ) -> Result<PatientView> {
        self.authorize(actor, Action::PatientEdit)?;
        let edited = self.validate(input)?;
        let today = self.clock.now().with_timezone(&chrono::Local).date_naive();
        self.change_patient(actor, id, "update", AuditAction::Update, |p| {
            // An unchanged estimated age keeps the estimated birth date it was first given, instead
            // of moving it to today's date minus the age at every save.
            let same_estimate = p.birth_date_estimated
                && edited.birth_date_estimated
                && input.estimated_age_years
                    == clinic_domain::patient::age_in_years(&p.birth_date, today);
            let birth_date = if same_estimate {
                p.birth_date.clone()
            } else {
                edited.birth_date.clone()
            };
            // The form does not carry attachments: they keep their own operations.
            let (number, deleted) = (p.number.clone(), p.deleted);
            let attachments = std::mem::take(&mut p.attachments);
            // Nor a merge: that is undone on its own.
            let merged_into = std::mem::take(&mut p.merged_into);
            *p = Patient {
                number,
                deleted,
                attachments,
                merged_into,
                birth_date,
                ..edited
            };
        })
    }

    pub fn delete_patient(&mut self, actor: &Actor, id: Uuid) -> Result<PatientView> {
        self.authorize(actor, Action::PatientDelete)?;
        self.change_patient(actor, id, "delete", AuditAction::Delete, |p| {
            p.deleted = true
        })
    }

    pub fn restore_patient(&mut self, actor: &Actor, id: Uuid) -> Result<PatientView> {
        self.authorize(actor, Action::PatientRestore)?;
        self.change_patient(actor, id, "restore", AuditAction::Restore, |p| {
            p.deleted = false
        })
    }

    fn change_patient(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        audit_action: AuditAction,
        edit: impl FnOnce(&mut Patient),
    ) -> Result<PatientView> {
        let at = self.clock.now();
        let tx = self.write()?;
        let Loaded { mut doc, .. } = records::load(&tx, KIND, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "patient" })?;
        let mut patient: Patient = records::hydrate(&doc)?;
        edit(&mut patient);
        let ctx = WriteCtx {
            actor,
            action,
            source: ChangeSource::Ui,
            at,
        };
        let fields = records::update(&tx, KIND, id, &mut doc, &patient, &ctx)?;
        if !fields.is_empty() {
            projection::write(&tx, id, &patient, &at.to_rfc3339())?;
            audit::append(&tx, actor, audit_action, Subject::record(KIND, id), at)?;
        }
        tx.commit().context("saving the patient")?;
        self.view(id)
    }

    /// Opens one patient: loads the document (the only place a patient document is loaded for
    /// display) and audits the view.
    pub fn open_patient(&mut self, actor: &Actor, id: Uuid) -> Result<PatientView> {
        self.authorize(actor, Action::PatientView)?;
        let view = self.view(id)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        Ok(view)
    }

    pub(crate) fn view(&self, id: Uuid) -> Result<PatientView> {
        let device = self.device()?;
        let loaded = records::load(&self.conn, KIND, id, device.id)?
            .ok_or(Error::NotFound { what: "patient" })?;
        Ok(PatientView {
            id: id.to_string(),
            patient: records::hydrate(&loaded.doc)?,
            created_at: loaded.created_at,
            updated_at: loaded.updated_at,
            conflicts: history::conflicts(&loaded.doc),
        })
    }

    pub fn patient_history(&mut self, actor: &Actor, id: Uuid) -> Result<Vec<HistoryEntry>> {
        self.authorize(actor, Action::PatientView)?;
        let mut loaded = records::load(&self.conn, KIND, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "patient" })?;
        history::entries(&self.conn, &mut loaded.doc)
    }

    pub fn search_patients(
        &self,
        actor: &Actor,
        query: &str,
        include_deleted: bool,
        limit: u32,
    ) -> Result<Vec<PatientSummary>> {
        self.authorize(actor, Action::PatientView)?;
        search::search(&self.conn, query, include_deleted, limit)
    }

    /// Registered patients that look like `input`. Checked only on fields that are valid, so a
    /// half-filled form still gets warnings.
    pub fn find_duplicates(
        &self,
        actor: &Actor,
        input: &PatientInput,
        exclude: Option<Uuid>,
    ) -> Result<Vec<DuplicateCandidate>> {
        self.authorize(actor, Action::PatientView)?;
        let today = self.clock.now().with_timezone(&chrono::Local).date_naive();
        let candidate = match input.validate(today, &mut String::new) {
            Ok(p) => p,
            Err(_) => Patient {
                given_name: input.given_name.trim().into(),
                family_name: input.family_name.trim().into(),
                birth_date: input.birth_date.clone().unwrap_or_default(),
                phone: input.phone.clone(),
                national_id: input.national_id.clone(),
                ..Patient::default()
            },
        };
        duplicates::find(&self.conn, &candidate, exclude)
    }

    /// Every patient id with its document, for export and verify (one document at a time).
    pub(crate) fn patient_ids(&self) -> Result<Vec<Uuid>> {
        records::ids(&self.conn, KIND)
    }

    pub(crate) fn patient_doc(&self, id: Uuid) -> Result<Patient> {
        let device = self.device()?;
        let loaded = records::load(&self.conn, KIND, id, device.id)?
            .ok_or(Error::NotFound { what: "patient" })?;
        records::hydrate(&loaded.doc)
    }
}

fn action_name(source: ChangeSource) -> &'static str {
    if source == ChangeSource::Import {
        "import"
    } else {
        "create"
    }
}

fn number(clinic: &crate::views::ClinicInfo, sequence: u64) -> String {
    PatientNumber {
        clinic: clinic.code.clone(),
        device: clinic.device_code.clone(),
        sequence,
    }
    .to_string()
}

/// Builds the creating change of every valid patient on the machine's cores and hands each to
/// `write` (on this thread) as soon as it is built. The first error stops both.
fn build_and_write(
    items: &[(Uuid, Result<Patient>)],
    ctx: &WriteCtx<'_>,
    mut write: impl FnMut(usize, automerge::Change) -> Result<()>,
) -> Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    std::thread::scope(|scope| {
        let (sender, built) =
            std::sync::mpsc::sync_channel::<(usize, Result<automerge::Change>)>(64);
        for k in 0..threads {
            let sender = sender.clone();
            scope.spawn(move || {
                // Builder k takes every `threads`-th patient, so all builders feed the writer from the start.
                for (i, (_, patient)) in items.iter().enumerate().skip(k).step_by(threads) {
                    if let Ok(p) = patient {
                        // The writer stopped (it failed): stop building.
                        if sender.send((i, records::build(p, ctx))).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(sender);
        for (i, change) in built {
            write(i, change?)?;
        }
        Ok(())
    })
}

/// Writes one new patient built by `records::build`: row, change, projection, audit.
fn save_new(
    tx: &rusqlite::Transaction<'_>,
    ctx: &WriteCtx<'_>,
    id: Uuid,
    patient: &Patient,
    change: &automerge::Change,
) -> Result<()> {
    records::insert_built(tx, KIND, id, change, ctx)?;
    projection::write(tx, id, patient, &ctx.at.to_rfc3339())?;
    let audit_action = if ctx.source == ChangeSource::Import {
        AuditAction::Import
    } else {
        AuditAction::Create
    };
    audit::append(
        tx,
        ctx.actor,
        audit_action,
        Subject::record(KIND, id),
        ctx.at,
    )
}

/// Numbers, writes and indexes one new patient inside `tx`; returns its number.
fn insert(
    tx: &rusqlite::Transaction<'_>,
    clinic: &crate::views::ClinicInfo,
    actor: &Actor,
    id: Uuid,
    mut patient: Patient,
    source: ChangeSource,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    patient.number = number(clinic, take_counter(tx, "patient_number", 1)?);
    let ctx = WriteCtx {
        actor,
        action: action_name(source),
        source,
        at,
    };
    let change = records::build(&patient, &ctx)?;
    save_new(tx, &ctx, id, &patient, &change)?;
    Ok(patient.number)
}
