//! Reminders as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::Result;
use crate::patients::parse_id;
use crate::reminders::OutgoingMessageView;
use clinic_domain::reminder::{OutgoingMessageSummary, ReminderItem};

impl App {
    /// The signed-in user's reminders for today in this PC's local time.
    pub fn reminders(&self) -> Result<Vec<ReminderItem>> {
        self.as_user(|store, actor| {
            let today = store
                .clock()
                .now()
                .with_timezone(&chrono::Local)
                .date_naive();
            store.reminders(actor, today)
        })
    }

    pub fn send_appointment_reminder(
        &self,
        appointment_id: &str,
    ) -> Result<OutgoingMessageSummary> {
        let id = parse_id(appointment_id)?;
        self.as_user(|store, actor| store.send_appointment_reminder(actor, id))
    }

    pub fn cancel_outgoing_message(&self, id: &str) -> Result<OutgoingMessageSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.cancel_outgoing_message(actor, id))
    }

    pub fn appointment_messages(
        &self,
        appointment_id: &str,
    ) -> Result<Vec<OutgoingMessageSummary>> {
        let id = parse_id(appointment_id)?;
        self.as_user(|store, actor| store.appointment_messages(actor, id))
    }

    pub fn outgoing_message(&self, id: &str) -> Result<OutgoingMessageView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.outgoing_message(actor, id))
    }
}
