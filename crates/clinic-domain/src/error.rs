//! Field-level validation errors: each says which field is wrong and why.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable, machine-readable error codes. The UI translates them; the `message` is the English fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Required,
    TooLong,
    InvalidFormat,
    InvalidValue,
    OutOfRange,
    InFuture,
    Duplicate,
    NotFound,
    Forbidden,
    Unauthenticated,
    InvalidCredentials,
    Locked,
    WrongKey,
    AlreadyInitialized,
    NotInitialized,
    Conflict,
    Storage,
    Internal,
    /// A file larger than allowed.
    TooLarge,
    /// A file of a type that is not accepted.
    UnsupportedType,
    /// Data this PC does not hold yet (it comes from the central server).
    NotOnThisPc,
    /// Too many failed logins in a row for this username: wait before trying again.
    TooManyAttempts,
    /// The password was right and the user has two-factor sign-in: the authenticator code is needed too.
    SecondFactorRequired,
}

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `given_name` or `allergies.1.substance`.
    pub field: String,
    pub code: ErrorCode,
    /// English explanation, shown when the UI has no translation for `code`.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects every field error of one input, so the user sees them all at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Validation {
    errors: Vec<FieldError>,
}

impl Validation {
    pub fn push(&mut self, field: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// Trims `value`; records `Required` when empty and `TooLong` beyond `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.push(field, ErrorCode::Required, "is required");
        } else {
            self.max_len(field, v, max);
        }
        v.to_string()
    }

    /// Trims `value`; records `TooLong` beyond `max` characters.
    pub fn optional_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        self.max_len(field, v, max);
        v.to_string()
    }

    fn max_len(&mut self, field: &str, v: &str, max: usize) {
        if v.chars().count() > max {
            self.push(
                field,
                ErrorCode::TooLong,
                format!("must be at most {max} characters"),
            );
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}
