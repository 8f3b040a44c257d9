//! The background loop for the desktop app: syncs on a timer and on "Sync now", waits with
//! backoff and jitter after failures, and stops when told. It knows nothing about windows: it
//! reports through a callback, and takes the store only for short local steps.
use crate::backoff::Backoff;
use crate::engine::{sync_once, Progress, SyncOptions, SyncReport};
use crate::error::SyncError;
use crate::StoreAccess;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

#[derive(Debug, Clone)]
pub struct Schedule {
    /// Time between syncs while all is well.
    pub interval: Duration,
    pub backoff: Backoff,
    pub options: SyncOptions,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(60),
            backoff: Backoff::default(),
            options: SyncOptions::default(),
        }
    }
}

/// What the loop tells the app (to refresh the sync status it shows).
#[derive(Debug, Clone)]
pub enum SyncEvent {
    Started,
    Progress(Progress),
    Finished(Result<SyncReport, SyncError>),
}

/// Runs until `stop` turns true (or its sender is dropped). A message on `sync_now` starts a
/// sync at once, whatever the backoff. Returns how many syncs ran.
pub async fn run_background<S: StoreAccess>(
    store: &S,
    schedule: Schedule,
    mut sync_now: mpsc::Receiver<()>,
    mut stop: watch::Receiver<bool>,
    mut on_event: impl FnMut(SyncEvent),
) -> u64 {
    let mut rng = StdRng::from_os_rng();
    let mut failures = 0u32;
    let mut runs = 0u64;
    let mut wait = Duration::ZERO;
    let mut asking = true;
    loop {
        if *stop.borrow() {
            return runs;
        }
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            msg = sync_now.recv(), if asking => {
                if msg.is_none() {
                    // No one can ask any more: keep the timer only (a closed channel would
                    // otherwise answer at once, for ever, and sync without pause).
                    asking = false;
                    continue;
                }
            }
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    return runs;
                }
                continue;
            }
        }
        on_event(SyncEvent::Started);
        let result = sync_once(store, &schedule.options, &mut |p| {
            on_event(SyncEvent::Progress(p))
        })
        .await;
        runs += 1;
        failures = if result.is_ok() {
            0
        } else {
            failures.saturating_add(1)
        };
        wait = if failures == 0 {
            schedule.interval
        } else {
            schedule
                .backoff
                .delay(failures, &mut rng)
                .max(Duration::from_secs(1))
        };
        on_event(SyncEvent::Finished(result));
    }
}
