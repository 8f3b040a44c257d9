//! The status flow: booked → checked_in → with_clinician → done; cancelled (from booked or
//! checked in); no_show (from booked). A pure function decides every move.
use crate::error::{ErrorCode, FieldError};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppointmentStatus {
    #[default]
    #[autosurgeon(rename = "booked")]
    Booked,
    #[autosurgeon(rename = "checked_in")]
    CheckedIn,
    #[autosurgeon(rename = "with_clinician")]
    WithClinician,
    #[autosurgeon(rename = "done")]
    Done,
    #[autosurgeon(rename = "cancelled")]
    Cancelled,
    #[autosurgeon(rename = "no_show")]
    NoShow,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 6] = [
        Self::Booked,
        Self::CheckedIn,
        Self::WithClinician,
        Self::Done,
        Self::Cancelled,
        Self::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::CheckedIn => "checked_in",
            Self::WithClinician => "with_clinician",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Holds the clinician's (and the patient's) time: blocks overlapping bookings.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Booked | Self::CheckedIn | Self::WithClinician)
    }
}

/// What a person does to an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QueueAction {
    CheckIn,
    CallIn,
    Complete,
    Cancel,
    NoShow,
    Reschedule,
}

impl QueueAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CheckIn => "check_in",
            Self::CallIn => "call_in",
            Self::Complete => "complete",
            Self::Cancel => "cancel",
            Self::NoShow => "no_show",
            Self::Reschedule => "reschedule",
        }
    }
}

/// The status after `action`, or a field error on `status` saying why it is not allowed.
pub fn transition(
    from: AppointmentStatus,
    action: QueueAction,
) -> Result<AppointmentStatus, FieldError> {
    use AppointmentStatus::*;
    use QueueAction::*;
    let to = match (action, from) {
        (CheckIn, Booked) => Some(CheckedIn),
        (CallIn, CheckedIn) => Some(WithClinician),
        (Complete, WithClinician) => Some(Done),
        (Cancel, Booked | CheckedIn) => Some(Cancelled),
        (QueueAction::NoShow, Booked) => Some(AppointmentStatus::NoShow),
        (Reschedule, Booked) => Some(Booked),
        _ => None,
    };
    to.ok_or_else(|| {
        FieldError::new(
            "status",
            ErrorCode::InvalidValue,
            format!(
                "cannot {} an appointment that is {}",
                action.as_str().replace('_', " "),
                from.as_str().replace('_', " ")
            ),
        )
    })
}
