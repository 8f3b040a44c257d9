//! The outgoing message document and its status flow.
use autosurgeon::{Hydrate, Reconcile};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A reminder is sent this many hours before the appointment (or at once when that has passed).
pub const LEAD_HOURS: i64 = 24;
/// After this many failed attempts a temporary failure becomes final.
pub const MAX_ATTEMPTS: u32 = 8;
/// The `ChangeMeta::action` of the server's delivery-status changes.
pub const DELIVERY_ACTION: &str = "delivery_status";

/// How a patient wants appointment reminders; `none` means no consent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderChannel {
    #[default]
    #[autosurgeon(rename = "none")]
    None,
    #[autosurgeon(rename = "sms")]
    Sms,
    #[autosurgeon(rename = "email")]
    Email,
}

impl ReminderChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderChannel::None => "none",
            ReminderChannel::Sms => "sms",
            ReminderChannel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::None, Self::Sms, Self::Email]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// queued → sent | failed | cancelled. A queued message may be tried several times (`attempts`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MessageStatus {
    #[default]
    #[autosurgeon(rename = "queued")]
    Queued,
    #[autosurgeon(rename = "sent")]
    Sent,
    #[autosurgeon(rename = "failed")]
    Failed,
    #[autosurgeon(rename = "cancelled")]
    Cancelled,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Queued => "queued",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Queued, Self::Sent, Self::Failed, Self::Cancelled]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// The message document. The body is rendered when queued, in the clinic's language, so the
/// server sends exactly what the clinic saw. Status fields are written by the server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct OutgoingMessage {
    pub patient_id: String,
    pub appointment_id: String,
    pub channel: ReminderChannel,
    /// A phone number (sms) or an email address.
    pub recipient: String,
    /// Email subject (empty for sms).
    pub subject: String,
    pub body: String,
    /// `en` or `fr`.
    pub language: String,
    /// RFC 3339 UTC: not sent before.
    pub send_at: String,
    pub status: MessageStatus,
    pub attempts: u32,
    /// A short code (`smtp_550`, `gateway_400`, `timeout`…), never the recipient.
    pub last_error: String,
    pub provider_message_id: String,
    /// RFC 3339, set by the server when sent.
    pub sent_at: String,
    pub created_by: String,
    pub created_at: String,
    pub cancel_reason: String,
}

/// One message as lists show it (from the `outgoing_messages` projection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingMessageSummary {
    pub id: String,
    pub patient_id: String,
    pub appointment_id: String,
    pub channel: ReminderChannel,
    pub status: MessageStatus,
    pub send_at: String,
    pub attempts: u32,
    pub last_error: String,
    pub sent_at: String,
}

/// When a reminder for an appointment starting at `start` (UTC) is due: `LEAD_HOURS` before, or
/// `now` when that has passed.
pub fn send_time(start: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (start - Duration::hours(LEAD_HOURS)).max(now)
}

/// A plain check of an email address: one `@`, a local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && domain.contains('.')
        && labels_ok
        && !local.contains(char::is_whitespace)
        && !local.contains('@')
        && !local.starts_with('.')
        && !local.ends_with('.')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderItemKind {
    /// An appointment today (a clinician's own; reception: not yet checked in).
    AppointmentToday,
    /// An invoice with a balance still to pay.
    UnpaidBalance,
    /// A follow-up date from an encounter's plan, today or overdue, with no later booking.
    FollowUpDue,
    /// A lab result waiting for the ordering doctor's review.
    LabResult,
    /// An outgoing reminder message that failed.
    MessageFailed,
}

/// One in-app reminder. `target_id` is what to open (appointment, invoice, patient…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReminderItem {
    pub kind: ReminderItemKind,
    pub target_id: String,
    pub patient_id: String,
    pub patient_name: String,
    /// A date or local date-time (`YYYY-MM-DD` / `YYYY-MM-DDTHH:MM`) the item is about.
    pub when: String,
    /// Short detail: invoice number, reason, test name…
    pub detail: String,
    /// Minor units for unpaid balances; the number of abnormal results for lab results; else 0.
    #[ts(type = "number")]
    pub amount: i64,
    pub currency: String,
    /// The currency's minor-unit digits (ISO 4217 exponent).
    pub currency_digits: u32,
}

/// The id of a reminder queued for `appointment_id` on `device_id` at `queued_at` (RFC 3339):
/// derived, so queuing uses no id of the store's id source.
pub fn message_id(appointment_id: &str, device_id: &str, queued_at: &str) -> uuid::Uuid {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in ["clinic-reminder", appointment_id, device_id, queued_at] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}
