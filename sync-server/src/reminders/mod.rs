//! Outgoing appointment reminders on the server: the `outbox` projection of message documents,
//! a background sender that claims due messages with a lease and sends them through SMTP or an
//! SMS gateway, retrying temporary failures with backoff, and the delivery status written back
//! into each message's document as a server change that PCs pull.
pub mod config;
pub mod outbox;
mod sender;
pub mod status;
mod transport;

pub use config::{RemindersConfig, SmsConfig, SmtpConfig, SmtpSecurity};
pub use sender::{run, Sender};

/// Stops the sender task when dropped.
pub struct SenderGuard(pub tokio::task::JoinHandle<()>);

impl Drop for SenderGuard {
    fn drop(&mut self) {
        self.0.abort();
    }
}
