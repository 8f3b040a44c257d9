//! Attachments over sync: blobs added on this PC go up after the changes (`PUT
//! /v1/attachments/{sha256}`), one at a time; an attachment another PC added is fetched when it is
//! opened here (`GET`), its SHA-256 checked before it is kept. The store is never held across
//! network I/O.
use crate::engine::SyncReport;
use crate::error::{SyncError, SyncErrorKind};
use crate::http::Client;
use crate::StoreAccess;
use clinic_domain::Actor;
use clinic_store::attachments::{parse_sha256, AttachmentContent};
use std::time::Duration;
use uuid::Uuid;

/// Sends every blob the server does not have yet, oldest first; each is marked uploaded as soon as
/// the server stored it, so an interrupted sync resumes with the next one.
pub(crate) async fn upload_all<S: StoreAccess>(
    store: &S,
    client: &Client,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    loop {
        let Some(blob) = store
            .with_store(|s| s.next_attachment_upload())
            .map_err(SyncError::from)?
        else {
            return Ok(());
        };
        client
            .put_attachment(&blob.sha256, &blob.content_type, blob.bytes)
            .await?;
        store
            .with_store(|s| s.mark_attachment_uploaded(&blob.sha256))
            .map_err(SyncError::from)?;
        report.attachments_uploaded += 1;
    }
}

/// Fetches the bytes of `sha256` from the central server and keeps them (hash checked by the
/// store). `Ok(false)` when the server does not have them (yet).
pub async fn fetch_attachment<S: StoreAccess>(
    store: &S,
    sha256: &str,
    timeout: Duration,
) -> Result<bool, SyncError> {
    let sha256 = parse_sha256(sha256).map_err(SyncError::from)?;
    let (url, token) = store
        .with_store(|s| Ok((s.sync_state()?.server_url, s.sync_token()?)))
        .map_err(SyncError::from)?;
    let (Some(url), Some(token)) = (url, token) else {
        return Err(SyncError::bare(SyncErrorKind::NotConnected));
    };
    // The address was checked (and plain HTTP allowed or not) when this PC connected.
    let client = Client::new(&url, true, timeout)?.with_token(token);
    let Some(bytes) = client.get_attachment(&sha256).await? else {
        return Ok(false);
    };
    store
        .with_store(|s| s.save_fetched_attachment(&sha256, &bytes))
        .map_err(SyncError::from)?;
    Ok(true)
}

/// Opens an attachment of patient `id` as `actor`: from this PC when it holds the bytes, else
/// fetched from the central server first. When the server cannot be reached (or does not have it
/// yet) the error is `not_on_this_pc`, which says it will be fetched later.
pub async fn open_attachment<S: StoreAccess>(
    store: &S,
    actor: &Actor,
    id: Uuid,
    sha256: &str,
    timeout: Duration,
) -> clinic_store::Result<AttachmentContent> {
    match store.with_store(|s| s.open_attachment(actor, id, sha256)) {
        Err(clinic_store::Error::NotOnThisPc) => {}
        done => return done,
    }
    match fetch_attachment(store, sha256, timeout).await {
        Ok(true) => store.with_store(|s| s.open_attachment(actor, id, sha256)),
        // A fetched blob that fails its check is an error of its own; the rest means "later".
        Err(e) if e.kind == SyncErrorKind::Store => Err(clinic_store::Error::Storage(
            "keeping an attachment fetched from the central server".into(),
        )),
        Ok(false) | Err(_) => Err(clinic_store::Error::NotOnThisPc),
    }
}
