//! What every request handler shares.
use crate::attachments::AttachmentStore;
use crate::config::Config;
use crate::metrics::Metrics;
use deadpool_postgres::Pool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    pub config: Config,
    pub pool: Pool,
    pub attachments: AttachmentStore,
    pub metrics: Metrics,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
