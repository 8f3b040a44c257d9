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
}

impl Action {
    pub const ALL: [Action; 12] = [
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
        PatientImport | PatientExport | UserView | UserManage | AuditView | StoreAdminister => {
            false
        }
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
                ],
            ),
            (Role::Doctor, &[PatientRegister, PatientView, PatientEdit]),
            (Role::Nurse, &[PatientRegister, PatientView, PatientEdit]),
            (
                Role::Receptionist,
                &[
                    PatientRegister,
                    PatientView,
                    PatientEdit,
                    PatientDelete,
                    PatientRestore,
                    PatientMerge,
                ],
            ),
            (Role::Pharmacist, &[PatientView]),
            (Role::LabTechnician, &[PatientView]),
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
