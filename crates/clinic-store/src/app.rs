//! `App`: what the desktop window talks to. It holds the open store and the logged-in session,
//! and turns each IPC call into one core operation with the session's actor. The desktop shell's
//! commands are one-line adapters onto these methods.
use crate::attachments::AttachmentContent;
use crate::error::{Error, Result};
use crate::patients::parse_id;
use crate::store::Store;
use crate::users::random_salt;
use crate::views::{AppStatus, HistoryEntry, PatientView, SessionInfo};
use chrono::{DateTime, Duration, Utc};
use clinic_domain::patient::{DuplicateCandidate, PatientInput, PatientSummary};
use clinic_domain::sync::Base64Bytes;
use clinic_domain::user::{SetupInput, UserSummary};
use clinic_domain::{Actor, ChangeSource};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

mod appointments;
mod billing;
mod chart;
mod dashboard;
mod issues;
mod lab;
mod prescriptions;
mod reminders;
mod rooms;
mod stock;
mod users;

pub const IDLE_LOCK_MINUTES: u32 = 10;

struct Session {
    actor: Actor,
    user: UserSummary,
    locked: bool,
    last_activity: DateTime<Utc>,
}

impl Session {
    fn info(&self) -> SessionInfo {
        SessionInfo {
            user: self.user.clone(),
            locked: self.locked,
        }
    }
}

fn start_session(
    store: &Store,
    slot: &mut Option<Session>,
    actor: Actor,
    user: UserSummary,
) -> SessionInfo {
    let session = Session {
        actor,
        user,
        locked: false,
        last_activity: store.clock().now(),
    };
    let info = session.info();
    *slot = Some(session);
    info
}

struct Inner {
    store: Option<Store>,
    session: Option<Session>,
}

pub struct App {
    data_dir: PathBuf,
    inner: Mutex<Inner>,
}

impl App {
    /// An app on the store in `data_dir`, opened at the first call (so a wrong key is reported
    /// to the window, not as a crash at start).
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            inner: Mutex::new(Inner {
                store: None,
                session: None,
            }),
        }
    }

    /// An app on an already open store (tests, injected clock and ids).
    pub fn on_store(store: Store) -> Self {
        let data_dir = store.path().parent().map(PathBuf::from).unwrap_or_default();
        Self {
            data_dir,
            inner: Mutex::new(Inner {
                store: Some(store),
                session: None,
            }),
        }
    }

    fn lock_inner(&self) -> MutexGuard<'_, Inner> {
        // A panic in another call must not lock the receptionist out: keep going with the data.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store, &mut Option<Session>) -> Result<T>,
    ) -> Result<T> {
        let mut inner = self.lock_inner();
        let Inner { store, session } = &mut *inner;
        if store.is_none() {
            let env_key = std::env::var(crate::key::KEY_ENV).ok();
            *store = Some(Store::open_in(&self.data_dir, env_key.as_deref())?);
        }
        let store = store.as_mut().ok_or(Error::NotInitialized)?;
        f(store, session)
    }

    /// Runs `f` on the open store (opening it first): the sync engine's short local steps. No
    /// session is needed: sync works while nobody is logged in.
    pub fn with_open_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.with_store(|store, _| f(store))
    }

    /// Runs `f` as the logged-in user; locks the session after the idle time.
    fn as_user<T>(&self, f: impl FnOnce(&mut Store, &Actor) -> Result<T>) -> Result<T> {
        self.with_store(|store, session| {
            let s = session.as_mut().ok_or(Error::Unauthenticated)?;
            let now = store.clock().now();
            if s.locked || now - s.last_activity > Duration::minutes(IDLE_LOCK_MINUTES as i64) {
                s.locked = true;
                return Err(Error::Locked);
            }
            s.last_activity = now;
            let actor = s.actor.clone();
            f(store, &actor)
        })
    }

    /// Checks that the logged-in user may do `action` (denials are audited) and returns the actor:
    /// for operations that live outside this crate, such as connecting to the central server.
    pub fn authorize(&self, action: clinic_domain::Action) -> Result<Actor> {
        self.as_user(|store, actor| {
            store.authorize(actor, action)?;
            Ok(actor.clone())
        })
    }

    pub fn status(&self) -> Result<AppStatus> {
        self.with_store(|store, session| {
            let initialized = store.is_initialized()?;
            Ok(AppStatus {
                initialized,
                clinic: if initialized {
                    Some(store.clinic()?)
                } else {
                    None
                },
                session: session.as_ref().map(Session::info),
                needs_first_admin: store.needs_first_admin()?,
                locale: store.locale()?,
                idle_lock_minutes: IDLE_LOCK_MINUTES,
            })
        })
    }

    pub fn setup(&self, input: SetupInput) -> Result<SessionInfo> {
        let salt = random_salt()?;
        self.with_store(|store, session| {
            let (actor, user) = store.initialize(&input, salt)?;
            Ok(start_session(store, session, actor, user))
        })
    }

    /// Logs in; `totp_code` is the authenticator code of a user with two-factor sign-in (without
    /// it such a user gets `second_factor_required`).
    pub fn login(
        &self,
        username: &str,
        password: &str,
        totp_code: Option<&str>,
    ) -> Result<SessionInfo> {
        self.with_store(|store, session| {
            let (actor, user) = match totp_code {
                Some(code) => store.authenticate_with_code(username, password, code)?,
                None => store.authenticate(username, password)?,
            };
            Ok(start_session(store, session, actor, user))
        })
    }

    pub fn logout(&self) -> Result<()> {
        self.lock_inner().session = None;
        Ok(())
    }

    pub fn lock(&self) -> Result<()> {
        if let Some(s) = self.lock_inner().session.as_mut() {
            s.locked = true;
        }
        Ok(())
    }

    /// Unlocks with the locked user's own password (another user must log out and in instead).
    pub fn unlock(&self, password: &str) -> Result<SessionInfo> {
        self.with_store(|store, session| {
            let s = session.as_mut().ok_or(Error::Unauthenticated)?;
            store.reauthenticate(&s.user.username, password)?;
            s.locked = false;
            s.last_activity = store.clock().now();
            Ok(s.info())
        })
    }

    /// The person is still at the keyboard (typing a long form without saving): keeps the session
    /// from locking. Refused once it is locked.
    pub fn touch(&self) -> Result<()> {
        self.as_user(|_, _| Ok(()))
    }

    pub fn set_locale(&self, locale: &str) -> Result<()> {
        self.with_store(|store, _| store.set_locale(locale))
    }

    pub fn search_patients(
        &self,
        query: &str,
        include_deleted: bool,
        limit: u32,
    ) -> Result<Vec<PatientSummary>> {
        self.as_user(|store, actor| store.search_patients(actor, query, include_deleted, limit))
    }

    pub fn find_duplicates(
        &self,
        input: &PatientInput,
        exclude_id: Option<&str>,
    ) -> Result<Vec<DuplicateCandidate>> {
        let exclude = exclude_id.map(parse_id).transpose()?;
        self.as_user(|store, actor| store.find_duplicates(actor, input, exclude))
    }

    pub fn register_patient(&self, input: PatientInput) -> Result<PatientView> {
        self.as_user(|store, actor| store.register_patient(actor, &input, ChangeSource::Ui))
    }

    pub fn update_patient(&self, id: &str, input: PatientInput) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_patient(actor, id, &input))
    }

    pub fn get_patient(&self, id: &str) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.open_patient(actor, id))
    }

    pub fn delete_patient(&self, id: &str) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.delete_patient(actor, id))
    }

    pub fn restore_patient(&self, id: &str) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.restore_patient(actor, id))
    }

    /// Attaches a file (`bytes` as sent over IPC: standard base64) to patient `id`.
    pub fn attach_file(
        &self,
        id: &str,
        file_name: &str,
        bytes: &Base64Bytes,
    ) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.attach_file(actor, id, file_name, &bytes.0))
    }

    pub fn remove_attachment(&self, id: &str, sha256: &str) -> Result<PatientView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.remove_attachment(actor, id, sha256))
    }

    /// Opens an attachment held on this PC (`not_on_this_pc` otherwise: the desktop's
    /// `open_attachment` then fetches it from the central server).
    pub fn open_attachment(&self, id: &str, sha256: &str) -> Result<AttachmentContent> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.open_attachment(actor, id, sha256))
    }

    pub fn patient_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.patient_history(actor, id))
    }

    /// Patient `id` as a FHIR R4 Bundle (JSON text), for the window to save as a file.
    pub fn export_fhir_bundle(&self, id: &str) -> Result<String> {
        let id = parse_id(id)?;
        let bundle = self.as_user(|store, actor| store.fhir_bundle(actor, id))?;
        serde_json::to_string_pretty(&bundle)
            .map_err(|_| Error::Storage("writing the FHIR bundle".into()))
    }
}
