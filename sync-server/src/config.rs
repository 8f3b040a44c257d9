//! Configuration: an optional TOML file, then environment overrides. Secrets never reach logs: the
//! `Debug` impls redact passwords and secret keys.
use anyhow::{bail, Context};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8780";

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub database_url: String,
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    #[serde(default)]
    pub attachments: AttachmentConfig,
    #[serde(default = "default_ttl")]
    pub enrollment_ttl_hours: i64,
    /// PEM certificate chain and private key: serve HTTPS (rustls).
    #[serde(default)]
    pub tls_cert: Option<PathBuf>,
    #[serde(default)]
    pub tls_key: Option<PathBuf>,
    /// Plain HTTP on a non-loopback address is refused unless this is set (e.g. behind a proxy).
    #[serde(default)]
    pub allow_insecure_http: bool,
    #[serde(default = "default_pool")]
    pub pool_size: usize,
    /// Outgoing appointment reminders (SMTP and/or an SMS gateway); off when absent.
    #[serde(default)]
    pub reminders: crate::reminders::RemindersConfig,
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum AttachmentConfig {
    Local {
        dir: PathBuf,
    },
    S3 {
        endpoint: String,
        bucket: String,
        #[serde(default = "default_region")]
        region: String,
        access_key: String,
        secret_key: String,
        #[serde(default)]
        allow_http: bool,
    },
}

impl Default for AttachmentConfig {
    fn default() -> Self {
        AttachmentConfig::Local {
            dir: PathBuf::from("attachments"),
        }
    }
}

fn default_listen() -> SocketAddr {
    DEFAULT_LISTEN.parse().expect("valid default address")
}
fn default_ttl() -> i64 {
    72
}
fn default_pool() -> usize {
    16
}
fn default_region() -> String {
    "us-east-1".into()
}

impl Config {
    /// Reads `file` (TOML) when given, then applies the environment: `DATABASE_URL`,
    /// `CLINIC_SYNC_LISTEN`, `CLINIC_ATTACHMENTS_DIR`, `CLINIC_S3_ENDPOINT`, `CLINIC_S3_BUCKET`,
    /// `CLINIC_S3_REGION`, `CLINIC_S3_ACCESS_KEY`, `CLINIC_S3_SECRET_KEY`, `CLINIC_S3_ALLOW_HTTP`.
    pub fn load(file: Option<&Path>, env: &HashMap<String, String>) -> anyhow::Result<Config> {
        let text = match file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("reading the configuration file {}", path.display()))?,
            None => String::new(),
        };
        let mut config: Config = toml::from_str(&text).context("parsing the configuration file")?;
        let get = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
        if let Some(url) = get("DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(listen) = get("CLINIC_SYNC_LISTEN") {
            config.listen = listen
                .parse()
                .context("CLINIC_SYNC_LISTEN is not an address such as 127.0.0.1:8780")?;
        }
        if let Some(dir) = get("CLINIC_ATTACHMENTS_DIR") {
            config.attachments = AttachmentConfig::Local { dir: dir.into() };
        }
        let s3_keys = [
            "CLINIC_S3_ENDPOINT",
            "CLINIC_S3_BUCKET",
            "CLINIC_S3_REGION",
            "CLINIC_S3_ACCESS_KEY",
            "CLINIC_S3_SECRET_KEY",
            "CLINIC_S3_ALLOW_HTTP",
        ];
        if s3_keys.iter().any(|k| get(k).is_some()) {
            let (mut endpoint, mut bucket, mut region, mut access, mut secret, mut http) =
                match &config.attachments {
                    AttachmentConfig::S3 {
                        endpoint,
                        bucket,
                        region,
                        access_key,
                        secret_key,
                        allow_http,
                    } => (
                        endpoint.clone(),
                        bucket.clone(),
                        region.clone(),
                        access_key.clone(),
                        secret_key.clone(),
                        *allow_http,
                    ),
                    AttachmentConfig::Local { .. } => Default::default(),
                };
            endpoint = get("CLINIC_S3_ENDPOINT").unwrap_or(endpoint);
            bucket = get("CLINIC_S3_BUCKET").unwrap_or(bucket);
            region = get("CLINIC_S3_REGION").unwrap_or(region);
            access = get("CLINIC_S3_ACCESS_KEY").unwrap_or(access);
            secret = get("CLINIC_S3_SECRET_KEY").unwrap_or(secret);
            if let Some(v) = get("CLINIC_S3_ALLOW_HTTP") {
                http = matches!(v.as_str(), "1" | "true" | "yes");
            }
            if region.is_empty() {
                region = default_region();
            }
            config.attachments = AttachmentConfig::S3 {
                endpoint,
                bucket,
                region,
                access_key: access,
                secret_key: secret,
                allow_http: http,
            };
        }
        config.reminders.resolve(env)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if self.database_url.is_empty() {
            bail!("database_url is not set (configuration file or DATABASE_URL)");
        }
        if self.enrollment_ttl_hours < 1 {
            bail!("enrollment_ttl_hours must be at least 1");
        }
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            bail!("tls_cert and tls_key go together");
        }
        if let AttachmentConfig::S3 { bucket, .. } = &self.attachments {
            if bucket.is_empty() {
                bail!("the S3 bucket is not set (CLINIC_S3_BUCKET)");
            }
        }
        Ok(())
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`; `password=secret` → `password=***`.
pub fn redact_url(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest = &out[scheme_end + 3..];
        let auth_end = rest.find('@');
        let path_start = rest.find('/').unwrap_or(rest.len());
        if let Some(at) = auth_end.filter(|&at| at < path_start) {
            if let Some(colon) = rest[..at].find(':') {
                let start = scheme_end + 3 + colon + 1;
                out.replace_range(start..scheme_end + 3 + at, "***");
            }
        }
    }
    let lower = out.to_ascii_lowercase();
    if let Some(pos) = lower.find("password=") {
        let start = pos + "password=".len();
        let end = out[start..]
            .find(['&', ' '])
            .map(|e| start + e)
            .unwrap_or(out.len());
        out.replace_range(start..end, "***");
    }
    out
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("attachments", &self.attachments)
            .field("enrollment_ttl_hours", &self.enrollment_ttl_hours)
            .field("tls_cert", &self.tls_cert)
            .field("tls_key", &self.tls_key.as_ref().map(|_| "<set>"))
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("pool_size", &self.pool_size)
            .field("reminders", &self.reminders)
            .finish()
    }
}

impl fmt::Debug for AttachmentConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachmentConfig::Local { dir } => f.debug_struct("Local").field("dir", dir).finish(),
            AttachmentConfig::S3 {
                endpoint,
                bucket,
                region,
                access_key,
                allow_http,
                ..
            } => f
                .debug_struct("S3")
                .field("endpoint", &redact_url(endpoint))
                .field("bucket", bucket)
                .field("region", region)
                .field("access_key", access_key)
                .field("secret_key", &"***")
                .field("allow_http", allow_http)
                .finish(),
        }
    }
}
