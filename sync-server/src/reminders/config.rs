//! The `[reminders]` section of the server's configuration. Secrets (SMTP password, gateway
//! token) are never written in the file: it names an environment variable or a file to read
//! them from, and `Debug` never prints them.
use anyhow::{bail, Context};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindersConfig {
    /// How often the sender looks for due messages.
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
    /// First retry delay after a temporary failure; doubled each attempt, at most an hour.
    #[serde(default = "default_retry")]
    pub retry_base_seconds: u64,
    #[serde(default)]
    pub smtp: Option<SmtpConfig>,
    #[serde(default)]
    pub sms: Option<SmsConfig>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// STARTTLS on the submission port (587).
    #[default]
    Starttls,
    /// TLS from the first byte (465).
    Tls,
    /// No encryption: only for a relay on the same machine or in tests.
    None,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub security: SmtpSecurity,
    #[serde(default)]
    pub username: String,
    /// Environment variable holding the password.
    #[serde(default)]
    pub password_env: Option<String>,
    /// File holding the password (first line).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// `Clinic <noreply@example.org>`.
    pub from: String,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    #[serde(skip)]
    pub password: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// The gateway's URL: it receives `POST {"to": "...", "text": "..."}`.
    pub url: String,
    #[serde(default)]
    pub token_env: Option<String>,
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    /// Sent as `Authorization: Bearer <token>` when set.
    #[serde(skip)]
    pub token: Option<String>,
}

fn default_poll() -> u64 {
    15
}
fn default_retry() -> u64 {
    60
}
fn default_timeout() -> u64 {
    20
}

fn secret(
    env: &HashMap<String, String>,
    var: &Option<String>,
    file: &Option<PathBuf>,
    what: &str,
) -> anyhow::Result<Option<String>> {
    if let Some(var) = var {
        return match env.get(var).filter(|v| !v.is_empty()) {
            Some(v) => Ok(Some(v.clone())),
            None => bail!("{what}: the environment variable {var} is not set"),
        };
    }
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{what}: reading {}", path.display()))?;
        return Ok(Some(text.lines().next().unwrap_or("").trim().to_string()));
    }
    Ok(None)
}

impl RemindersConfig {
    /// Reads the secrets the section names and checks it.
    pub fn resolve(&mut self, env: &HashMap<String, String>) -> anyhow::Result<()> {
        if let Some(smtp) = &mut self.smtp {
            smtp.password = secret(
                env,
                &smtp.password_env,
                &smtp.password_file,
                "SMTP password",
            )?;
            if smtp.host.trim().is_empty() || smtp.from.trim().is_empty() {
                bail!("reminders.smtp needs host and from");
            }
            if smtp.from.parse::<lettre::message::Mailbox>().is_err() {
                bail!("reminders.smtp.from is not an address such as Clinic <noreply@example.org>");
            }
        }
        if let Some(sms) = &mut self.sms {
            sms.token = secret(env, &sms.token_env, &sms.token_file, "SMS gateway token")?;
            if !(sms.url.starts_with("http://") || sms.url.starts_with("https://")) {
                bail!("reminders.sms.url must be an http(s) URL");
            }
        }
        if self.poll_seconds == 0 {
            self.poll_seconds = 1;
        }
        Ok(())
    }

    /// Whether anything is configured to send with.
    pub fn enabled(&self) -> bool {
        self.smtp.is_some() || self.sms.is_some()
    }
}

impl fmt::Debug for RemindersConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemindersConfig")
            .field("poll_seconds", &self.poll_seconds)
            .field("retry_base_seconds", &self.retry_base_seconds)
            .field(
                "smtp",
                &self.smtp.as_ref().map(|s| {
                    (
                        &s.host,
                        s.port,
                        s.security,
                        s.password.as_ref().map(|_| "***"),
                    )
                }),
            )
            .field(
                "sms",
                &self.sms.as_ref().map(|s| {
                    (
                        crate::config::redact_url(&s.url),
                        s.token.as_ref().map(|_| "***"),
                    )
                }),
            )
            .finish()
    }
}
