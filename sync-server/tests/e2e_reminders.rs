//! Outgoing reminders end to end: a PC queues a reminder offline, syncs through the real server,
//! a sender instance (same database) sends it through a real SMTP server (Python aiosmtpd) or a
//! real HTTP SMS gateway (axum in this test), and the delivery status comes back to the PC as a
//! server change on its next sync. Temporary failures are retried (SMTP down, gateway 500);
//! permanent ones fail once (gateway 400).
mod client_support;
mod reminders_support;
mod support;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use client_support::Pc;
use clinic_domain::reminder::{MessageStatus, ReminderChannel};
use reminders_support::*;
use std::sync::{Arc, Mutex};
use support::TestServer;

fn smtp_config(port: u16) -> String {
    format!(
        "[reminders]\npoll_seconds = 1\nretry_base_seconds = 1\n\n[reminders.smtp]\n\
         host = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n\
         from = \"Alpha Clinic <clinic@alpha.example>\"\ntimeout_seconds = 5\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_queued_offline_is_mailed_once_smtp_is_up_and_the_pc_sees_it_sent() {
    let server = TestServer::start().await;
    let pc = Pc::offline("ALPHA", "A1");
    let doctor = add_doctor(&pc);
    let grace = patient_with(&pc, "Grace", ReminderChannel::Email, "grace@example.org");
    // Offline: the booking queues the reminder on the PC.
    let appt = book_soon(&pc, grace, &doctor, 0);
    let queued = message_of(&pc, appt);
    assert_eq!(queued.status, MessageStatus::Queued);

    // The SMTP server is down: the sender tries, the message stays queued.
    let port = free_port();
    let sender = SenderInstance::start(&server, &smtp_config(port), &[]).await;
    pc.connect(&server, "ALPHA").await.expect("PC connects");
    let row = wait_outbox(&server, &queued.id, "a failed try", |r| r.2 >= 1).await;
    assert_eq!((row.0.as_str(), row.1.as_str()), ("queued", ""), "{row:?}");
    assert!(row.3.starts_with("smtp_"), "{row:?}");
    pc.sync().await.expect("sync");
    let seen = message_of(&pc, appt);
    assert_eq!(seen.status, MessageStatus::Queued);
    assert!(
        seen.attempts >= 1 && seen.last_error.starts_with("smtp_"),
        "{seen:?}"
    );

    // The SMTP server comes up: the retry delivers it, exactly once.
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(port, &dir.path().join("maildir")).await;
    let row = wait_outbox(&server, &queued.id, "sent", |r| r.1 == "sent").await;
    assert_eq!(row.0, "sent");
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1, "one mail, sent once");
    // Quoted-printable soft line breaks joined again (long lines are wrapped in transit).
    let mail = &mails[0].replace("=\r\n", "").replace("=\n", "");
    assert!(mail.contains("To: grace@example.org"), "{mail}");
    assert!(
        mail.contains("From: \"Alpha Clinic\" <clinic@alpha.example>")
            || mail.contains("From: Alpha Clinic <clinic@alpha.example>"),
        "{mail}"
    );
    assert!(
        mail.contains("Subject: ALPHA clinic: appointment reminder for"),
        "{mail}"
    );
    assert!(mail.contains("Hello Grace,"), "{mail}");
    assert!(mail.contains("with Dr Okello at ALPHA clinic."), "{mail}");

    // The PC's next sync brings the server's status change.
    pc.sync().await.expect("sync");
    let sent = message_of(&pc, appt);
    assert_eq!(sent.status, MessageStatus::Sent, "{sent:?}");
    assert!(!sent.sent_at.is_empty());
    assert_eq!(sent.last_error, "");
    let actor = pc.actor();
    let problems = pc.with(|s| s.verify()).unwrap().problems;
    assert!(problems.is_empty(), "{problems:?}");
    let view = pc
        .with(|s| s.outgoing_message(&actor, uuid::Uuid::parse_str(&sent.id).unwrap()))
        .unwrap();
    assert!(view.message.attempts >= 2, "{:?}", view.message.attempts);
    // Nothing left to push after applying the server's change.
    assert_eq!(pc.pending(), 0);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(smtp.messages().len(), 1, "never sent again");
    sender.stop().await;
}

/// The gateway: `503` then `200` for one number, `400` for another; records what it got.
#[derive(Default)]
struct Gateway {
    calls: Mutex<Vec<(String, String, String)>>,
}

async fn gateway(
    State(g): State<Arc<Gateway>>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> (StatusCode, Json<serde_json::Value>) {
    let to = body["to"].as_str().unwrap_or_default().to_string();
    let text = body["text"].as_str().unwrap_or_default().to_string();
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let mut calls = g.calls.lock().unwrap();
    let before = calls.iter().filter(|c| c.0 == to).count();
    calls.push((to.clone(), text, auth));
    if to.ends_with("456") && before == 0 {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(serde_json::json!({})),
        );
    }
    if to.ends_with("999") {
        return (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({"error": "bad number"})),
        );
    }
    (
        StatusCode::OK,
        Json(serde_json::json!({"message_id": "gw-42"})),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_reminders_are_retried_after_a_500_and_failed_for_good_after_a_400() {
    let state = Arc::new(Gateway::default());
    let app = Router::new()
        .route("/send", post(gateway))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let server = TestServer::start().await;
    let pc = Pc::offline("ALPHA", "A1");
    let doctor = add_doctor(&pc);
    let amina = patient_with(&pc, "Amina", ReminderChannel::Sms, "+256 772 123 456");
    let brian = patient_with(&pc, "Brian", ReminderChannel::Sms, "+256 772 999 999");
    let a = book_soon(&pc, amina, &doctor, 0);
    let b = book_soon(&pc, brian, &doctor, 30);
    pc.connect(&server, "ALPHA").await.expect("PC connects");
    let config = format!(
        "[reminders]\npoll_seconds = 1\nretry_base_seconds = 1\n\n[reminders.sms]\n\
         url = \"{url}\"\ntoken_env = \"TEST_SMS_TOKEN\"\ntimeout_seconds = 5\n"
    );
    let sender = SenderInstance::start(&server, &config, &[("TEST_SMS_TOKEN", "s3cret")]).await;

    let (ma, mb) = (message_of(&pc, a), message_of(&pc, b));
    let ra = wait_outbox(&server, &ma.id, "sent", |r| r.1 == "sent").await;
    assert_eq!(
        (ra.2, ra.4.as_str()),
        (2, "gw-42"),
        "retried once after the 500"
    );
    let rb = wait_outbox(&server, &mb.id, "failed", |r| r.1 == "failed").await;
    assert_eq!(
        (rb.0.as_str(), rb.2, rb.3.as_str()),
        ("failed", 1, "gateway_400")
    );

    {
        let calls = state.calls.lock().unwrap();
        assert_eq!(calls.iter().filter(|c| c.0.ends_with("456")).count(), 2);
        assert_eq!(
            calls.iter().filter(|c| c.0.ends_with("999")).count(),
            1,
            "no retry after 400"
        );
        for (_, text, auth) in calls.iter() {
            assert_eq!(auth, "Bearer s3cret");
            assert!(text.contains("with Dr Okello"), "{text}");
        }
    }

    pc.sync().await.expect("sync");
    let (ma, mb) = (message_of(&pc, a), message_of(&pc, b));
    assert_eq!((ma.status, ma.attempts), (MessageStatus::Sent, 2), "{ma:?}");
    assert_eq!(
        (mb.status, mb.last_error.as_str()),
        (MessageStatus::Failed, "gateway_400")
    );
    // The failure shows among the front desk's in-app reminders.
    let admin = pc.actor();
    let today = chrono::Local::now().date_naive();
    let items = pc.with(|s| s.reminders(&admin, today)).unwrap();
    assert!(items.iter().any(|i| i.kind
        == clinic_domain::reminder::ReminderItemKind::MessageFailed
        && i.target_id == b.to_string()));
    sender.stop().await;
}
