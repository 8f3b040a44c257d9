//! The two ways out: SMTP (lettre, STARTTLS / TLS / plain) and an SMS HTTP gateway (reqwest,
//! `POST {"to", "text"}`). Each try is classified as sent, temporary or permanent; error codes
//! are short and never hold the recipient or the text.
use super::config::{SmsConfig, SmtpConfig, SmtpSecurity};
use super::outbox::Outcome;
use clinic_domain::reminder::OutgoingMessage;
use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(c: &SmtpConfig) -> anyhow::Result<Smtp> {
        let mut b = match c.security {
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
        };
        if let Some(port) = c.port {
            b = b.port(port);
        }
        if !c.username.is_empty() {
            let password = c.password.clone().unwrap_or_default();
            b = b.credentials(Credentials::new(c.username.clone(), password));
        }
        b = b.timeout(Some(Duration::from_secs(c.timeout_seconds.max(1))));
        Ok(Smtp {
            transport: b.build(),
            from: c.from.parse()?,
        })
    }

    pub async fn send(&self, m: &OutgoingMessage) -> Outcome {
        let Ok(to) = m.recipient.parse::<Mailbox>() else {
            return Outcome::Permanent {
                code: "bad_address".into(),
            };
        };
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone());
        let email = match email {
            Ok(e) => e,
            Err(_) => {
                return Outcome::Permanent {
                    code: "bad_message".into(),
                }
            }
        };
        match self.transport.send(email).await {
            Ok(response) => Outcome::Sent {
                provider_id: response
                    .message()
                    .next()
                    .map(|s| s.chars().take(200).collect())
                    .unwrap_or_default(),
            },
            Err(e) => smtp_outcome(&e),
        }
    }
}

fn smtp_outcome(e: &lettre::transport::smtp::Error) -> Outcome {
    let code = e.status().map(|c| format!("smtp_{c}")).unwrap_or_else(|| {
        if e.is_timeout() {
            "smtp_timeout".into()
        } else {
            "smtp_connection".into()
        }
    });
    if e.is_permanent() {
        Outcome::Permanent { code }
    } else {
        Outcome::Temporary { code }
    }
}

pub struct Sms {
    client: reqwest::Client,
    url: String,
    token: Option<String>,
}

#[derive(serde::Serialize)]
struct SmsBody<'a> {
    to: &'a str,
    text: &'a str,
}

impl Sms {
    pub fn new(c: &SmsConfig) -> anyhow::Result<Sms> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(c.timeout_seconds.max(1)))
            .build()?;
        Ok(Sms {
            client,
            url: c.url.clone(),
            token: c.token.clone(),
        })
    }

    pub async fn send(&self, m: &OutgoingMessage) -> Outcome {
        let mut req = self.client.post(&self.url).json(&SmsBody {
            to: &m.recipient,
            text: &m.body,
        });
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        let response = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                let code = if e.is_timeout() {
                    "gateway_timeout"
                } else {
                    "gateway_connection"
                };
                return Outcome::Temporary { code: code.into() };
            }
        };
        let status = response.status();
        if status.is_success() {
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            let id = ["message_id", "id", "messageId"]
                .iter()
                .find_map(|k| match body.get(k) {
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                })
                .unwrap_or_default();
            return Outcome::Sent {
                provider_id: id.chars().take(200).collect(),
            };
        }
        let code = format!("gateway_{}", status.as_u16());
        if status.is_client_error() && status.as_u16() != 429 && status.as_u16() != 408 {
            Outcome::Permanent { code }
        } else {
            Outcome::Temporary { code }
        }
    }
}
