//! One error type for the core. It crosses IPC and the CLI's `--json` output as
//! `{code, message, field?, fields}`; storage details are kept out of the message.
use clinic_domain::{Action, ErrorCode, FieldError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", first_message(.0))]
    Invalid(Vec<FieldError>),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("your role may not do this: {}", .0.as_str())]
    Forbidden(Action),
    #[error("please log in")]
    Unauthenticated,
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("the session is locked: enter your password to continue")]
    Locked,
    #[error("wrong key or not a Clinic store")]
    WrongKey,
    #[error("this store is already set up")]
    AlreadyInitialized,
    #[error("this store is not set up yet: run setup first")]
    NotInitialized,
    #[error("enter the code from your authenticator app")]
    SecondFactorRequired,
    #[error("too many failed logins: try again in {minutes} minutes")]
    TooManyAttempts { minutes: u32 },
    #[error("{0}")]
    Conflict(String),
    #[error("this attachment is not on this PC yet; it will be fetched when the central server can be reached")]
    NotOnThisPc,
    /// A failure of the disk, the database or the keyring; `0` says what was being done.
    #[error("storage error while {0}")]
    Storage(String),
}

fn first_message(errors: &[FieldError]) -> String {
    match errors {
        [] => "invalid input".into(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, code, message)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(errors) => errors
                .first()
                .map(|e| e.code)
                .unwrap_or(ErrorCode::InvalidValue),
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::Unauthenticated => ErrorCode::Unauthenticated,
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::Locked => ErrorCode::Locked,
            Error::WrongKey => ErrorCode::WrongKey,
            Error::AlreadyInitialized => ErrorCode::AlreadyInitialized,
            Error::NotInitialized => ErrorCode::NotInitialized,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Storage(_) => ErrorCode::Storage,
            Error::NotOnThisPc => ErrorCode::NotOnThisPc,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::SecondFactorRequired => ErrorCode::SecondFactorRequired,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let fields = match self {
            Error::Invalid(errors) => errors.clone(),
            _ => Vec::new(),
        };
        ErrorBody {
            code: self.code(),
            message: self.to_string(),
            field: fields.first().map(|f| f.field.clone()),
            fields,
        }
    }
}

/// Wraps a low-level failure, saying what was being done. The low-level text may hold clinic
/// data (SQL values), so it is never shown or logged; only the context is.
pub(crate) trait Context<T> {
    fn context(self, doing: &str) -> Result<T>;
}

impl<T, E: std::error::Error> Context<T> for std::result::Result<T, E> {
    fn context(self, doing: &str) -> Result<T> {
        self.map_err(|_| Error::Storage(doing.to_string()))
    }
}

/// The error as it crosses IPC: `code` for the program, `message` for people, `field` for forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// Absent (not `null`) when the error is about no single field, as the TypeScript type says.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub fields: Vec<FieldError>,
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.body().serialize(s)
    }
}

impl From<std::io::Error> for Error {
    fn from(_: std::io::Error) -> Self {
        Error::Storage("reading or writing a file".into())
    }
}
