//! Appointment reminders sent to patients: the outgoing message document (queued on a clinic PC,
//! sent by the sync server through SMTP or an SMS HTTP gateway, its delivery status written back
//! into the same document by the server), the patient's reminder preference, the message texts
//! in the clinic's language, and the in-app reminder items a user sees.
mod message;
mod template;
#[cfg(test)]
mod tests;

pub use message::{
    is_email, message_id, send_time, MessageStatus, OutgoingMessage, OutgoingMessageSummary,
    ReminderChannel, ReminderItem, ReminderItemKind, DELIVERY_ACTION, LEAD_HOURS, MAX_ATTEMPTS,
};
pub use template::{render, Rendered, TemplateInput};
