//! Sync as the desktop window sees it: the background loop, "Sync now", "Connect to central
//! server", and the status bar. Role checks happen here, in the core, whatever the window shows:
//! connecting needs an administrator (or a PC with no clinic yet, joining one); status and
//! "Sync now" need a logged-in user. Errors cross IPC as `{code, message, action}`.
use crate::attachments::open_attachment;
use crate::engine::{connect, Progress, SyncOptions};
use crate::scheduler::{run_background, Schedule, SyncEvent};
use crate::status::{SyncErrorView, SyncStatus};
use crate::SyncError;
use clinic_domain::Action;
use clinic_store::app::App;
use clinic_store::attachments::AttachmentContent;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, watch};

/// The desktop's handle on sync. Cheap to share; the loop itself is the future [`DesktopSync::new`]
/// returns, which the shell spawns on its runtime.
pub struct DesktopSync {
    app: Arc<App>,
    syncing: Arc<AtomicBool>,
    sync_now: mpsc::Sender<()>,
    stop: watch::Sender<bool>,
    options: SyncOptions,
}

impl DesktopSync {
    /// The handle, and the background loop to spawn. `on_change` runs whenever the status may
    /// have changed (a sync started, progressed or ended), so the window can refresh it.
    pub fn new(
        app: Arc<App>,
        schedule: Schedule,
        on_change: impl Fn() + Send + 'static,
    ) -> (Self, impl Future<Output = ()> + Send + 'static) {
        let (sync_now, now_rx) = mpsc::channel(1);
        let (stop, stop_rx) = watch::channel(false);
        let syncing = Arc::new(AtomicBool::new(false));
        let options = schedule.options.clone();
        let handle = Self {
            app: app.clone(),
            syncing: syncing.clone(),
            sync_now,
            stop,
            options,
        };
        let background = async move {
            run_background(&app, schedule, now_rx, stop_rx, move |event| {
                let running = matches!(event, SyncEvent::Started | SyncEvent::Progress(_));
                syncing.store(running, Ordering::SeqCst);
                on_change();
            })
            .await;
        };
        (handle, background)
    }

    /// What the status bar shows. Needs a logged-in user.
    pub fn status(&self) -> Result<SyncStatus, SyncErrorView> {
        self.app
            .authorize(Action::PatientView)
            .map_err(store_view)?;
        self.read_status()
    }

    /// Status without a session: for the setup screen of a PC that is joining a clinic.
    fn read_status(&self) -> Result<SyncStatus, SyncErrorView> {
        let syncing = self.syncing.load(Ordering::SeqCst);
        self.app
            .with_open_store(|s| SyncStatus::read(s, syncing))
            .map_err(store_view)
    }

    /// Starts a sync now (the background loop runs it). Needs a logged-in user.
    pub fn sync_now(&self) -> Result<(), SyncErrorView> {
        self.app
            .authorize(Action::PatientView)
            .map_err(store_view)?;
        // A full channel means a sync is already asked for: nothing more to do.
        let _ = self.sync_now.try_send(());
        Ok(())
    }

    /// Joins the clinic of `code` on `server_url` and runs a first sync. On a PC with a clinic
    /// already, only an administrator may; a PC with no clinic yet joins from the setup screen.
    /// `on_progress` hears how far a new PC's bootstrap is (records received of the total).
    pub async fn connect(
        &self,
        server_url: &str,
        code: &str,
        device_name: &str,
        allow_insecure_http: bool,
        mut on_progress: impl FnMut(Progress) + Send,
    ) -> Result<SyncStatus, SyncErrorView> {
        let initialized = self
            .app
            .with_open_store(|s| s.is_initialized())
            .map_err(store_view)?;
        if initialized {
            self.app
                .authorize(Action::StoreAdminister)
                .map_err(store_view)?;
        }
        let options = SyncOptions {
            allow_insecure_http,
            ..self.options.clone()
        };
        self.syncing.store(true, Ordering::SeqCst);
        let result = connect(
            self.app.as_ref(),
            server_url,
            code,
            device_name,
            &options,
            &mut on_progress,
        )
        .await;
        self.syncing.store(false, Ordering::SeqCst);
        result.map_err(|e| sync_view(&e))?;
        self.read_status()
    }

    /// Opens an attachment of patient `id`, fetching it from the central server when this PC does
    /// not hold it yet (the store is not held during the download). Needs `PatientView`.
    pub async fn open_attachment(
        &self,
        id: &str,
        sha256: &str,
    ) -> clinic_store::Result<AttachmentContent> {
        let id = clinic_store::patients::parse_id(id)?;
        let actor = self.app.authorize(Action::PatientView)?;
        open_attachment(self.app.as_ref(), &actor, id, sha256, self.options.timeout).await
    }

    /// Stops the background loop (when the window closes).
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

fn sync_view(e: &SyncError) -> SyncErrorView {
    SyncErrorView {
        code: e.code().to_string(),
        message: e.message(),
        action: e.action().to_string(),
    }
}

fn store_view(e: clinic_store::Error) -> SyncErrorView {
    let body = e.body();
    SyncErrorView {
        code: serde_json::to_value(body.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "internal".into()),
        message: body.message,
        action: String::new(),
    }
}
