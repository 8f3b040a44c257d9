//! Support of the reminder tests: a second server instance (same database) whose configuration
//! turns the reminder sender on, a PC with a doctor and a patient who agreed to reminders, a real
//! SMTP server (Python aiosmtpd writing a Maildir) and polling helpers.
#![allow(dead_code)]

use crate::client_support::Pc;
use crate::support::TestServer;
use chrono::{Duration, Local};
use clinic_domain::appointment::AppointmentInput;
use clinic_domain::reminder::{OutgoingMessageSummary, ReminderChannel};
use clinic_domain::user::NewUserInput;
use clinic_domain::ChangeSource;
use clinic_sync_server::{Config, Server};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use tokio::sync::oneshot;
use uuid::Uuid;

/// A server instance with `reminders` (TOML) in its configuration, and `env` for its secrets.
pub struct SenderInstance {
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl SenderInstance {
    pub async fn start(
        server: &TestServer,
        reminders: &str,
        env: &[(&str, &str)],
    ) -> SenderInstance {
        let file = server
            .dir
            .path()
            .join(format!("sender-{}.toml", Uuid::new_v4()));
        std::fs::write(&file, reminders).unwrap();
        let mut vars: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.insert("DATABASE_URL".into(), server.db.url.clone());
        vars.insert(
            "CLINIC_ATTACHMENTS_DIR".into(),
            server.dir.path().display().to_string(),
        );
        let config = Config::load(Some(&file), &vars).expect("reminders configuration");
        let instance = Server::start(config).await.expect("server starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(instance.serve(listener, async move {
            let _ = stopped.await;
        }));
        SenderInstance {
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real SMTP server: `python3 -m aiosmtpd` with the Maildir handler.
pub struct SmtpServer {
    child: Child,
    pub maildir: PathBuf,
}

impl SmtpServer {
    pub async fn start(port: u16, maildir: &Path) -> SmtpServer {
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (scripts/install-deps.sh installs it)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpServer {
                    child,
                    maildir: maildir.to_path_buf(),
                };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}");
    }

    /// The delivered messages, as raw RFC 5322 text.
    pub fn messages(&self) -> Vec<String> {
        let Ok(dir) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Adds a doctor on the PC; returns the doctor's user id.
pub fn add_doctor(pc: &Pc) -> String {
    let admin = pc.actor();
    pc.with(|s| {
        let input = NewUserInput {
            username: "okello".into(),
            display_name: "Dr Okello".into(),
            role: "doctor".into(),
            password: "stethoscope 99".into(),
        };
        s.create_user(&admin, &input, [7; 16])
    })
    .unwrap()
    .id
    .to_string()
}

/// Registers a patient who agreed to reminders on `channel` at `address`.
pub fn patient_with(pc: &Pc, given: &str, channel: ReminderChannel, address: &str) -> Uuid {
    let admin = pc.actor();
    let mut input = crate::client_support::input(given, "Nakato");
    input.reminder_channel = channel;
    match channel {
        ReminderChannel::Email => input.email = address.into(),
        _ => input.phone = address.into(),
    }
    let v = pc
        .with(|s| s.register_patient(&admin, &input, ChangeSource::Ui))
        .unwrap();
    Uuid::parse_str(&v.id).unwrap()
}

/// Books the doctor for `patient` in about two hours (so the reminder is due at once).
pub fn book_soon(pc: &Pc, patient: Uuid, doctor: &str, minutes_later: i64) -> Uuid {
    let admin = pc.actor();
    let start = Local::now() + Duration::minutes(120 + minutes_later);
    let input = AppointmentInput {
        patient_id: patient.to_string(),
        clinician_id: doctor.into(),
        start: start.format("%Y-%m-%dT%H:%M").to_string(),
        duration_minutes: 15,
        reason: "Review".into(),
    };
    let a = pc.with(|s| s.book_appointment(&admin, &input)).unwrap();
    Uuid::parse_str(&a.id).unwrap()
}

/// The appointment's one message, as the PC sees it.
pub fn message_of(pc: &Pc, appointment: Uuid) -> OutgoingMessageSummary {
    let admin = pc.actor();
    let mut msgs = pc
        .with(|s| s.appointment_messages(&admin, appointment))
        .unwrap();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    msgs.remove(0)
}

/// The outbox row of message `id`: (status, outcome, attempts, last_error, provider_id).
pub async fn outbox_row(
    server: &TestServer,
    id: &str,
) -> Option<(String, String, i32, String, String)> {
    let id = Uuid::parse_str(id).unwrap();
    server
        .db
        .client()
        .await
        .query_opt(
            "SELECT status, outcome, attempts, last_error, provider_id FROM outbox WHERE id = $1",
            &[&id],
        )
        .await
        .unwrap()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
}

/// Polls the outbox row until `done` holds (30 s at most).
pub async fn wait_outbox(
    server: &TestServer,
    id: &str,
    what: &str,
    done: impl Fn(&(String, String, i32, String, String)) -> bool,
) -> (String, String, i32, String, String) {
    let mut last = None;
    for _ in 0..300 {
        last = outbox_row(server, id).await;
        if let Some(row) = &last {
            if done(row) {
                return row.clone();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("outbox never reached {what}: {last:?}");
}
