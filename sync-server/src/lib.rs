//! The central sync server: enrollment, push/pull of Automerge changes merged into PostgreSQL,
//! snapshots for new PCs, attachments in S3 or a local folder, health and metrics.
#![forbid(unsafe_code)]

pub mod admin;
pub mod attachments;
mod auth;
pub mod config;
mod db;
mod diagnoses;
pub mod error;
mod front_desk;
mod lab_orders;
mod merge;
pub mod metrics;
mod projection;
pub mod reminders;
mod reports;
mod routes;
mod serve;
mod state;
mod stock_levels;

pub use admin::{Admin, ClinicInfo, DeviceInfo};
pub use attachments::AttachmentStore;
pub use config::{AttachmentConfig, Config};
pub use db::migrate;

use anyhow::Context;
use state::{AppState, Inner};
use std::future::Future;
use std::sync::Arc;

/// A running server's shared parts. Cheap to clone.
#[derive(Clone)]
pub struct Server {
    state: AppState,
}

impl Server {
    /// Opens the pool, applies migrations and opens the attachment store.
    pub async fn start(config: Config) -> anyhow::Result<Server> {
        migrate(&config.database_url).await?;
        let pool = db::pool(&config.database_url, config.pool_size)?;
        let attachments = AttachmentStore::open(&config.attachments)?;
        tracing::info!(config = ?config, "sync server ready");
        Ok(Server {
            state: AppState(Arc::new(Inner {
                config,
                pool,
                attachments,
                metrics: metrics::Metrics::new(),
            })),
        })
    }

    /// Serves until `shutdown` resolves, then stops accepting and lets in-flight requests (and
    /// their push batches) finish. Plain HTTP only on loopback unless `allow_insecure_http`; with
    /// `tls_cert`/`tls_key`, HTTPS through rustls.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = routes::router(self.state.clone());
        let config = &self.state.config;
        let _sender = self.spawn_reminder_sender()?;
        if let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) {
            let tls = serve::tls_acceptor(cert, key)
                .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
            return serve::serve_tls(listener, tls, app, shutdown).await;
        }
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() && !config.allow_insecure_http {
            return Err(std::io::Error::other(format!(
                "refusing plain HTTP on {addr}: configure tls_cert and tls_key, or set allow_insecure_http = true (e.g. behind a TLS proxy)"
            )));
        }
        tracing::info!(%addr, "listening (HTTP)");
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    }

    /// Starts the reminder sender when SMTP or an SMS gateway is configured; it stops when the
    /// returned guard is dropped (when `serve` returns).
    fn spawn_reminder_sender(&self) -> std::io::Result<Option<reminders::SenderGuard>> {
        let config = &self.state.config.reminders;
        if !config.enabled() {
            return Ok(None);
        }
        let sender = reminders::Sender::new(self.state.pool.clone(), config)
            .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
        tracing::info!(reminders = ?config, "reminder sender started");
        Ok(Some(reminders::SenderGuard(tokio::spawn(reminders::run(
            sender,
        )))))
    }

    pub fn admin(&self) -> Admin {
        Admin {
            pool: self.state.pool.clone(),
            enrollment_ttl_hours: self.state.config.enrollment_ttl_hours,
        }
    }

    pub fn attachments(&self) -> &AttachmentStore {
        &self.state.attachments
    }

    pub fn config(&self) -> &Config {
        &self.state.config
    }
}

/// Admin commands without serving: a pool on `config.database_url` (after migrating).
pub async fn admin_for(config: &Config) -> anyhow::Result<Admin> {
    migrate(&config.database_url).await?;
    Ok(Admin {
        pool: db::pool(&config.database_url, 2).context("opening the database")?,
        enrollment_ttl_hours: config.enrollment_ttl_hours,
    })
}
