//! Roles and the permission table (role × action). The core checks it on every operation,
//! whatever the UI shows or hides.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Administrator,
    Doctor,
    Nurse,
    Receptionist,
    Pharmacist,
    LabTechnician,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Administrator,
        Role::Doctor,
        Role::Nurse,
        Role::Receptionist,
        Role::Pharmacist,
        Role::LabTechnician,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Doctor => "doctor",
            Role::Nurse => "nurse",
            Role::Receptionist => "receptionist",
            Role::Pharmacist => "pharmacist",
            Role::LabTechnician => "lab_technician",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Everything a user can ask the core to do that a role may be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    PatientRegister,
    PatientView,
    PatientEdit,
    PatientDelete,
    PatientRestore,
    PatientImport,
    PatientExport,
    /// Merge two patients found to be one person (and undo it): hides a patient like a delete.
    PatientMerge,
    /// See the clinic's users (the Users screen).
    UserView,
    /// Create users, change their role, reset passwords, deactivate and reactivate.
    UserManage,
    AuditView,
    StoreAdminister,
    /// See appointments, the day's queue and clinicians' calendars.
    AppointmentView,
    /// Book, reschedule and cancel appointments; register walk-ins.
    AppointmentBook,
    /// Move a visit through the queue: check in, call in, done, no-show.
    QueueUpdate,
    /// Clinicians' weekly schedules, leave, departments and rooms.
    ScheduleManage,
    /// See invoices, payments, claims and the cash-up.
    BillingView,
    /// Invoice a visit, take payments, print receipts, file insurance claims.
    BillingCharge,
    /// Void an invoice or refund a payment (with a reason; money is never deleted).
    BillingVoid,
    /// Edit the price list.
    PriceListManage,
    /// Open a patient's chart: encounters, vitals, diagnoses, results.
    ChartView,
    /// Open an encounter and record vitals, complaint, history, examination and notes.
    EncounterRecord,
    /// Record diagnoses and the plan, and close an encounter.
    DiagnosisRecord,
    /// See prescriptions (the pharmacy's work list).
    PrescriptionView,
    /// Write, issue, amend and cancel prescriptions.
    PrescriptionWrite,
    /// Dispense an issued prescription.
    PrescriptionDispense,
    /// Order laboratory tests from an encounter; acknowledge the validated results of one's orders.
    LabOrder,
    /// Collect a sample (prints its label) and receive it in the laboratory.
    LabCollect,
    /// Enter laboratory results.
    LabResult,
    /// Validate results entered by someone else (second-person validation).
    LabValidate,
    /// See laboratory orders, the work list and results.
    LabView,
    /// Admit patients to ward beds and discharge them.
    BedManage,
}

impl Action {
    pub const ALL: [Action; 32] = [
        Action::PatientRegister,
        Action::PatientView,
        Action::PatientEdit,
        Action::PatientDelete,
        Action::PatientRestore,
        Action::PatientImport,
        Action::PatientExport,
        Action::PatientMerge,
        Action::UserView,
        Action::UserManage,
        Action::AuditView,
        Action::StoreAdminister,
        Action::AppointmentView,
        Action::AppointmentBook,
        Action::QueueUpdate,
        Action::ScheduleManage,
        Action::BillingView,
        Action::BillingCharge,
        Action::BillingVoid,
        Action::PriceListManage,
        Action::ChartView,
        Action::EncounterRecord,
        Action::DiagnosisRecord,
        Action::PrescriptionView,
        Action::PrescriptionWrite,
        Action::PrescriptionDispense,
        Action::LabOrder,
        Action::LabCollect,
        Action::LabResult,
        Action::LabValidate,
        Action::LabView,
        Action::BedManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::PatientRegister => "patient_register",
            Action::PatientView => "patient_view",
            Action::PatientEdit => "patient_edit",
            Action::PatientDelete => "patient_delete",
            Action::PatientRestore => "patient_restore",
            Action::PatientImport => "patient_import",
            Action::PatientExport => "patient_export",
            Action::PatientMerge => "patient_merge",
            Action::UserView => "user_view",
            Action::UserManage => "user_manage",
            Action::AuditView => "audit_view",
            Action::StoreAdminister => "store_administer",
            Action::AppointmentView => "appointment_view",
            Action::AppointmentBook => "appointment_book",
            Action::QueueUpdate => "queue_update",
            Action::ScheduleManage => "schedule_manage",
            Action::BillingView => "billing_view",
            Action::BillingCharge => "billing_charge",
            Action::BillingVoid => "billing_void",
            Action::PriceListManage => "price_list_manage",
            Action::ChartView => "chart_view",
            Action::EncounterRecord => "encounter_record",
            Action::DiagnosisRecord => "diagnosis_record",
            Action::PrescriptionView => "prescription_view",
            Action::PrescriptionWrite => "prescription_write",
            Action::PrescriptionDispense => "prescription_dispense",
            Action::LabOrder => "lab_order",
            Action::LabCollect => "lab_collect",
            Action::LabResult => "lab_result",
            Action::LabValidate => "lab_validate",
            Action::LabView => "lab_view",
            Action::BedManage => "bed_manage",
        }
    }
}

/// The permission table. Administrators may do everything; the rest is listed per action.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    if role == Administrator {
        return true;
    }
    match action {
        PatientView => true,
        PatientRegister | PatientEdit => matches!(role, Doctor | Nurse | Receptionist),
        PatientDelete | PatientRestore | PatientMerge => role == Receptionist,
        AppointmentView | AppointmentBook | QueueUpdate => {
            matches!(role, Doctor | Nurse | Receptionist)
        }
        ScheduleManage | BillingView | BillingCharge => role == Receptionist,
        ChartView | EncounterRecord => matches!(role, Doctor | Nurse),
        DiagnosisRecord | PrescriptionWrite => role == Doctor,
        PrescriptionView => matches!(role, Doctor | Nurse | Pharmacist),
        PrescriptionDispense => role == Pharmacist,
        LabOrder => role == Doctor,
        LabCollect => matches!(role, Nurse | LabTechnician),
        LabResult => role == LabTechnician,
        LabValidate => matches!(role, LabTechnician | Doctor),
        LabView => matches!(role, Doctor | Nurse | LabTechnician),
        BedManage => matches!(role, Doctor | Nurse | Receptionist),
        PatientImport | PatientExport | UserView | UserManage | AuditView | StoreAdminister
        | BillingVoid | PriceListManage => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of the table, written out so a change to the rules is a visible change here.
    #[test]
    fn every_role_action_cell() {
        use Action::*;
        let expect: &[(Role, &[Action])] = &[
            (
                Role::Administrator,
                &[
                    PatientRegister,
                    PatientView,
                    PatientEdit,
                    PatientDelete,
                    PatientRestore,
                    PatientImport,
                    PatientExport,
                    PatientMerge,
                    UserView,
                    UserManage,
                    AuditView,
                    StoreAdminister,
                    AppointmentView,
                    AppointmentBook,
                    QueueUpdate,
                    ScheduleManage,
                    BillingView,
                    BillingCharge,
                    BillingVoid,
                    PriceListManage,
                    ChartView,
                    EncounterRecord,
                    DiagnosisRecord,
                    PrescriptionView,
                    PrescriptionWrite,
                    PrescriptionDispense,
                    LabOrder,
                    LabCollect,
                    LabResult,
                    LabValidate,
                    LabView,
                    BedManage,
                ],
            ),
            (
                Role::Doctor,
                &[
                    PatientRegister,
                    PatientView,
                    PatientEdit,
                    AppointmentView,
                    AppointmentBook,
                    QueueUpdate,
                    ChartView,
                    EncounterRecord,
                    DiagnosisRecord,
                    PrescriptionView,
                    PrescriptionWrite,
                    LabOrder,
                    LabValidate,
                    LabView,
                    BedManage,
                ],
            ),
            (
                Role::Nurse,
                &[
                    PatientRegister,
                    PatientView,
                    PatientEdit,
                    AppointmentView,
                    AppointmentBook,
                    QueueUpdate,
                    ChartView,
                    EncounterRecord,
                    PrescriptionView,
                    LabCollect,
                    LabView,
                    BedManage,
                ],
            ),
            (
                Role::Receptionist,
                &[
                    PatientRegister,
                    PatientView,
                    PatientEdit,
                    PatientDelete,
                    PatientRestore,
                    PatientMerge,
                    AppointmentView,
                    AppointmentBook,
                    QueueUpdate,
                    ScheduleManage,
                    BillingView,
                    BillingCharge,
                    BedManage,
                ],
            ),
            (
                Role::Pharmacist,
                &[PatientView, PrescriptionView, PrescriptionDispense],
            ),
            (
                Role::LabTechnician,
                &[PatientView, LabCollect, LabResult, LabValidate, LabView],
            ),
        ];
        for (role, granted) in expect {
            for action in Action::ALL {
                assert_eq!(
                    allowed(*role, action),
                    granted.contains(&action),
                    "{role:?} × {action:?}"
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
