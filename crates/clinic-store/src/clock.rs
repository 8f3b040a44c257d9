//! The clock and the id source are injected: rules never read the time or make ids themselves,
//! so tests and demo data are repeatable.
use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use uuid::Uuid;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub trait IdSource: Send + Sync {
    fn new_id(&self) -> Uuid;
}

/// The computer's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Time-ordered random ids (UUID v7): unique without coordination, and new records land at the end
/// of every index keyed by id instead of on random pages.
pub struct RandomIds;

impl IdSource for RandomIds {
    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}

/// A clock that moves only when told (`advance`), or by `step` on each reading.
pub struct ManualClock {
    millis: AtomicI64,
    step_millis: i64,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self::stepping(start, Duration::zero())
    }

    pub fn stepping(start: DateTime<Utc>, step: Duration) -> Self {
        Self {
            millis: AtomicI64::new(start.timestamp_millis()),
            step_millis: step.num_milliseconds(),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.millis
            .fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        let ms = self.millis.fetch_add(self.step_millis, Ordering::SeqCst);
        DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }
}

/// Deterministic ids: `prefix` in the high bits and a counter in the low bits.
pub struct SequentialIds {
    prefix: u64,
    next: AtomicU64,
}

impl SequentialIds {
    pub fn new(prefix: u64) -> Self {
        Self {
            prefix,
            next: AtomicU64::new(1),
        }
    }
}

impl IdSource for SequentialIds {
    fn new_id(&self) -> Uuid {
        let n = self.next.fetch_add(1, Ordering::SeqCst);
        Uuid::from_u64_pair(self.prefix, n)
    }
}
