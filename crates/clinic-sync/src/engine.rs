//! One full sync: bootstrap when never done, push until nothing is pending, pull until the server
//! has nothing more; the outcome is recorded in the store's sync state either way.
use crate::error::{SyncError, SyncErrorKind};
use crate::http::Client;
use crate::plan::{plan, Limits, LocalState, Step};
use crate::StoreAccess;
use clinic_domain::sync::{
    EnrollRequest, PushChange, PushRequest, MAX_BATCH_CHANGES, MAX_SNAPSHOT_RECORDS,
    PROTOCOL_VERSION,
};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub allow_insecure_http: bool,
    pub push_batch: usize,
    pub pull_limit: usize,
    pub snapshot_limit: usize,
    pub timeout: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            allow_insecure_http: false,
            push_batch: 500,
            pull_limit: MAX_BATCH_CHANGES,
            snapshot_limit: MAX_SNAPSHOT_RECORDS,
            timeout: Duration::from_secs(60),
        }
    }
}

/// Bootstrap progress: records applied so far of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes new to the server.
    pub pushed: u64,
    /// Pulled changes that took effect here.
    pub pulled: u64,
    pub rejected: u64,
    /// Changes the server already had (a batch sent again after a lost acknowledgement).
    pub duplicates: u64,
    pub bootstrapped_records: u64,
    pub head_seq: i64,
    /// Pulled changes still waiting for changes they depend on.
    pub waiting: u64,
    /// Attachments sent to the central server.
    pub attachments_uploaded: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectReport {
    pub clinic_code: String,
    pub clinic_name: String,
    pub device_code: String,
    /// The store was new and was set up from the server.
    pub joined: bool,
    pub sync: SyncReport,
}

fn store_err(e: clinic_store::Error) -> SyncError {
    SyncError::from(e)
}

/// Joins the clinic of enrollment `code` on `server_url`, then runs a first sync (a new PC
/// bootstraps from snapshots). A store that ran offline keeps its data and its device code.
pub async fn connect<S: StoreAccess, P: FnMut(Progress)>(
    store: &S,
    server_url: &str,
    code: &str,
    device_name: &str,
    opts: &SyncOptions,
    progress: &mut P,
) -> Result<ConnectReport, SyncError> {
    let client = Client::new(server_url, opts.allow_insecure_http, opts.timeout)?;
    let (device_id, clinic) = store
        .with_store(|s| {
            let id = s.ensure_device_id()?;
            let clinic = if s.is_initialized()? {
                Some(s.clinic()?)
            } else {
                None
            };
            Ok((id, clinic))
        })
        .map_err(store_err)?;
    let req = EnrollRequest {
        protocol: PROTOCOL_VERSION,
        code: code.trim().to_string(),
        device_id,
        device_code: clinic.as_ref().map(|c| c.device_code.clone()),
        clinic_code: clinic.as_ref().map(|c| c.code.clone()),
        device_name: device_name.to_string(),
    };
    let resp = client.enroll(&req).await?;
    let joined = clinic.is_none();
    let url = client_base(server_url);
    store
        .with_store(|s| {
            if joined {
                s.initialize_joined(&resp.clinic_code, &resp.clinic_name, &resp.device_code)?;
            } else {
                s.adopt_device_code(&resp.device_code)?;
            }
            s.set_sync_connection(&url, resp.clinic_id)?;
            s.save_sync_token(&resp.token)?;
            s.set_head_seq(resp.head_seq)
        })
        .map_err(store_err)?;
    let sync = sync_once(store, opts, progress).await?;
    let info = store.with_store(|s| s.clinic()).map_err(store_err)?;
    Ok(ConnectReport {
        clinic_code: info.code,
        clinic_name: info.name,
        device_code: info.device_code,
        joined,
        sync,
    })
}

fn client_base(url: &str) -> String {
    let t = url.trim();
    if t.ends_with('/') {
        t.to_string()
    } else {
        format!("{t}/")
    }
}

/// Runs one full sync and records its outcome (success, or the error with what to do).
pub async fn sync_once<S: StoreAccess, P: FnMut(Progress)>(
    store: &S,
    opts: &SyncOptions,
    progress: &mut P,
) -> Result<SyncReport, SyncError> {
    let result = run(store, opts, progress).await;
    let _ = store.with_store(|s| match &result {
        Ok(_) => s.record_sync_success(),
        Err(e) => s.record_sync_error(e.code(), &e.message()),
    });
    result
}

async fn run<S: StoreAccess, P: FnMut(Progress)>(
    store: &S,
    opts: &SyncOptions,
    progress: &mut P,
) -> Result<SyncReport, SyncError> {
    let (state, newest, pending, token) = store
        .with_store(|s| {
            Ok((
                s.sync_state()?,
                s.newest_local_seq()?,
                s.pending_changes()?,
                s.sync_token()?,
            ))
        })
        .map_err(store_err)?;
    let (Some(url), Some(token)) = (state.server_url.clone(), token) else {
        return Err(SyncError::bare(SyncErrorKind::NotConnected));
    };
    // The address was checked (and plain HTTP allowed or not) when this PC connected.
    let client = Client::new(&url, true, opts.timeout)?.with_token(token);
    let local = LocalState {
        push_cursor: state.push_cursor,
        newest_local_seq: newest,
        pending,
        pull_cursor: state.pull_cursor,
        bootstrapped: state.bootstrapped,
        server_head: state.head_seq,
    };
    let limits = Limits {
        push_batch: opts.push_batch.clamp(1, MAX_BATCH_CHANGES),
        pull_limit: opts.pull_limit.clamp(1, MAX_BATCH_CHANGES),
    };
    let mut report = SyncReport {
        head_seq: state.head_seq.unwrap_or(0),
        ..SyncReport::default()
    };
    for step in plan(&local, limits) {
        match step {
            Step::Bootstrap => bootstrap(store, &client, opts, &mut report, progress).await?,
            Step::ResetPushCursor => store
                .with_store(|s| s.set_push_cursor(0))
                .map_err(store_err)?,
            Step::Push { batch } => push_all(store, &client, batch, &mut report).await?,
            Step::Pull { limit } => pull_all(store, &client, limit, &mut report).await?,
            Step::Done => {}
        }
    }
    // Applying pulled changes can find sync issues (concurrent values, likely duplicates): new
    // local records that go up in this same sync, so a finished sync leaves nothing pending.
    let found = store
        .with_store(|s| s.pending_changes())
        .map_err(store_err)?;
    if found > 0 {
        push_all(store, &client, limits.push_batch, &mut report).await?;
    }
    // Attachments added here go up once the changes that list them have.
    crate::attachments::upload_all(store, &client, &mut report).await?;
    store
        .with_store(|s| s.set_head_seq(report.head_seq))
        .map_err(store_err)?;
    Ok(report)
}

async fn bootstrap<S: StoreAccess, P: FnMut(Progress)>(
    store: &S,
    client: &Client,
    opts: &SyncOptions,
    report: &mut SyncReport,
    progress: &mut P,
) -> Result<(), SyncError> {
    let state = store.with_store(|s| s.sync_state()).map_err(store_err)?;
    // Record the head first: every snapshot read after holds every change up to it.
    let (head, mut after_id) = match state.bootstrap_head {
        Some(head) => (head, state.bootstrap_after_id),
        None => {
            let head = client.status().await?.head_seq;
            store
                .with_store(|s| s.begin_bootstrap(head))
                .map_err(store_err)?;
            (head, None)
        }
    };
    let limit = opts.snapshot_limit.clamp(1, MAX_SNAPSHOT_RECORDS);
    let mut done = 0u64;
    loop {
        let page = client.snapshot(after_id, limit).await?;
        if !page.records.is_empty() {
            store
                .with_store(|s| s.apply_snapshot_page(&page.records))
                .map_err(store_err)?;
        }
        done += page.records.len() as u64;
        report.bootstrapped_records += page.records.len() as u64;
        progress(Progress {
            done,
            total: page.total.max(done),
        });
        match page.next_after_id {
            Some(next) if Some(next) != after_id => after_id = Some(next),
            Some(_) => {
                return Err(SyncError::new(
                    SyncErrorKind::Protocol,
                    "snapshot paging did not advance",
                ))
            }
            None => break,
        }
    }
    store
        .with_store(|s| s.finish_bootstrap(head))
        .map_err(store_err)?;
    report.head_seq = report.head_seq.max(head);
    Ok(())
}

async fn push_all<S: StoreAccess>(
    store: &S,
    client: &Client,
    batch: usize,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    loop {
        let (cursor, changes, pending) = store
            .with_store(|s| {
                let cursor = s.sync_state()?.push_cursor;
                let changes = s.changes_since(cursor, batch as u32, true)?;
                Ok((cursor, changes, s.pending_changes()?))
            })
            .map_err(store_err)?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(());
        };
        let req = PushRequest {
            protocol: PROTOCOL_VERSION,
            pending_after: pending.saturating_sub(changes.len() as u64),
            changes: changes
                .into_iter()
                .map(|c| PushChange {
                    local_seq: c.seq,
                    record_id: c.record_id,
                    kind: c.kind,
                    change: c.bytes.into(),
                })
                .collect(),
        };
        let resp = client.push(&req).await?;
        if resp.acked_local_seq <= cursor || resp.acked_local_seq > last {
            return Err(SyncError::new(
                SyncErrorKind::Protocol,
                "the server acknowledged a change it was not sent",
            ));
        }
        // Saved only now that the server has stored them.
        let rejected = resp.rejected.len() as u64;
        store
            .with_store(|s| {
                s.set_push_cursor(resp.acked_local_seq)?;
                if rejected > 0 {
                    s.add_rejected(rejected)?;
                }
                Ok(())
            })
            .map_err(store_err)?;
        report.pushed += u64::from(resp.applied);
        report.duplicates += u64::from(resp.duplicates);
        report.rejected += rejected;
        report.head_seq = report.head_seq.max(resp.head_seq);
    }
}

async fn pull_all<S: StoreAccess>(
    store: &S,
    client: &Client,
    limit: usize,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut cursor = store
        .with_store(|s| s.sync_state())
        .map_err(store_err)?
        .pull_cursor;
    loop {
        let page = client.pull(cursor, limit).await?;
        report.head_seq = report.head_seq.max(page.head_seq);
        if page.next_after < cursor || (page.more && page.next_after == cursor) {
            return Err(SyncError::new(
                SyncErrorKind::Protocol,
                "pull paging did not advance",
            ));
        }
        if !page.changes.is_empty() || page.next_after != cursor {
            let applied = store
                .with_store(|s| s.apply_pulled(&page.changes, page.next_after))
                .map_err(store_err)?;
            report.pulled += applied.new_changes as u64;
            report.waiting = applied.waiting_for as u64;
        }
        cursor = page.next_after;
        if !page.more {
            return Ok(());
        }
    }
}
