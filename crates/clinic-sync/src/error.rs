//! Why a sync failed, in plain language, with what to do about it.
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncErrorKind {
    /// The server could not be reached (no connection, timeout, cut link).
    Offline,
    /// The device token was refused: the central admin revoked this PC.
    Revoked,
    /// The server says this PC belongs to another clinic.
    WrongClinic,
    /// The enrollment code is wrong, expired or used.
    EnrollmentCode,
    /// Another PC of the clinic already uses this PC's device code.
    DeviceCodeTaken,
    /// The server failed (5xx).
    Server,
    /// The two sides do not understand each other (version, malformed answer).
    Protocol,
    /// A request was refused as too large or malformed.
    Refused,
    /// Plain HTTP to a host that is not this computer, without the explicit allow flag.
    Insecure,
    /// This PC is not connected to a central server yet.
    NotConnected,
    /// The local store failed.
    Store,
}

impl SyncErrorKind {
    pub const ALL: [SyncErrorKind; 11] = [
        Self::Offline,
        Self::Revoked,
        Self::WrongClinic,
        Self::EnrollmentCode,
        Self::DeviceCodeTaken,
        Self::Server,
        Self::Protocol,
        Self::Refused,
        Self::Insecure,
        Self::NotConnected,
        Self::Store,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Revoked => "revoked",
            Self::WrongClinic => "wrong_clinic",
            Self::EnrollmentCode => "enrollment_code",
            Self::DeviceCodeTaken => "device_code_taken",
            Self::Server => "server_error",
            Self::Protocol => "protocol_mismatch",
            Self::Refused => "refused",
            Self::Insecure => "insecure_http",
            Self::NotConnected => "not_connected",
            Self::Store => "store_error",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What happened, for people.
    pub fn summary(self) -> &'static str {
        match self {
            Self::Offline => "cannot reach the central server",
            Self::Revoked => "this PC was disconnected by the central admin",
            Self::WrongClinic => "the central server says this PC belongs to another clinic",
            Self::EnrollmentCode => "the enrollment code was not accepted",
            Self::DeviceCodeTaken => "another PC of this clinic already uses this PC's device code",
            Self::Server => "the central server had a problem",
            Self::Protocol => "this app and the central server do not understand each other",
            Self::Refused => "the central server refused a request",
            Self::Insecure => "the server address uses plain HTTP, which is not encrypted",
            Self::NotConnected => "this PC is not connected to a central server",
            Self::Store => "the local store could not be read or written",
        }
    }

    /// What to do about it.
    pub fn action(self) -> &'static str {
        match self {
            Self::Offline => "check the internet connection; sync retries on its own",
            Self::Revoked => "reconnect with a new enrollment code from the central admin",
            Self::WrongClinic => "ask the central admin for an enrollment code of this PC's clinic",
            Self::EnrollmentCode => "check the code, or ask the central admin for a new one",
            Self::DeviceCodeTaken => "ask the central admin to sort out the device codes",
            Self::Server => {
                "nothing is lost; sync retries on its own, tell the central admin if it lasts"
            }
            Self::Protocol => "update this app to the version the central server expects",
            Self::Refused => "tell the central admin; the message says what was refused",
            Self::Insecure => {
                "use an https:// address, or pass --allow-insecure-http on a trusted network"
            }
            Self::NotConnected => "connect with `clinic connect --server URL --code CODE`",
            Self::Store => "run `clinic verify`; restore a backup if it reports problems",
        }
    }
}

/// A failed sync step: the kind says what to do; `detail` adds what the server or the network said
/// (never clinical data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError {
    pub kind: SyncErrorKind,
    pub detail: Option<String>,
}

impl SyncError {
    pub fn new(kind: SyncErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: Some(detail.into()),
        }
    }

    pub fn bare(kind: SyncErrorKind) -> Self {
        Self { kind, detail: None }
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn action(&self) -> &'static str {
        self.kind.action()
    }

    /// The sentence shown to people: what happened (and the detail), then what to do.
    pub fn message(&self) -> String {
        match &self.detail {
            Some(d) if !d.is_empty() => format!("{} ({d})", self.kind.summary()),
            _ => self.kind.summary().to_string(),
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.action())
    }
}

impl std::error::Error for SyncError {}

impl From<clinic_store::Error> for SyncError {
    fn from(e: clinic_store::Error) -> Self {
        match e {
            clinic_store::Error::NotInitialized => Self::bare(SyncErrorKind::NotConnected),
            other => Self::new(SyncErrorKind::Store, other.to_string()),
        }
    }
}
