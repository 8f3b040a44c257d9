//! Users of the clinic app: the record, the password policy and first-run setup input.
use crate::error::{ErrorCode, FieldError, Validation};
use crate::patient_number::{valid_clinic_code, valid_device_code};
use crate::roles::Role;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The user document. `password_hash` is an argon2id PHC string, so any PC of the clinic can log
/// the user in offline; it never leaves the core through IPC (see `UserSummary`).
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub active: bool,
    /// Base32 TOTP secret when the user turned on two-factor sign-in (`crate::totp`), else empty.
    /// Kept in the document so every PC can check codes offline; never leaves the core through IPC.
    /// Missing in documents written before two-factor sign-in existed.
    #[autosurgeon(missing = "String::new")]
    #[serde(default)]
    pub totp_secret: String,
    /// Specialization, qualifications, licence and phone (`crate::staff`). Missing in documents
    /// written before staff profiles existed.
    #[autosurgeon(missing = "crate::staff::StaffProfile::default")]
    #[serde(default)]
    pub profile: crate::staff::StaffProfile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// Signs in with an authenticator code as well as the password.
    pub two_factor: bool,
}

/// Lower-cased; 3–32 of a–z, 0–9, `.`, `_`, `-`.
pub fn validate_username(v: &mut Validation, field: &str, raw: &str) -> String {
    let name = v.required_text(field, raw, 32).to_lowercase();
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if !name.is_empty() && (name.len() < 3 || !ok_chars) {
        v.push(
            field,
            ErrorCode::InvalidFormat,
            "must be 3 to 32 letters, digits, dots, dashes or underscores",
        );
    }
    name
}

/// At least 10 characters with a letter and a digit, and not containing the username.
pub fn validate_password(v: &mut Validation, field: &str, password: &str, username: &str) {
    if password.chars().count() < 10 {
        v.push(
            field,
            ErrorCode::InvalidValue,
            "must be at least 10 characters",
        );
    } else if !password.chars().any(char::is_alphabetic)
        || !password.chars().any(|c| c.is_ascii_digit())
    {
        v.push(
            field,
            ErrorCode::InvalidValue,
            "must contain a letter and a digit",
        );
    } else if !username.is_empty() && password.to_lowercase().contains(username) {
        v.push(
            field,
            ErrorCode::InvalidValue,
            "must not contain the username",
        );
    }
    if password.len() > 256 {
        v.push(field, ErrorCode::TooLong, "must be at most 256 characters");
    }
}

/// A new user, as the administrator types it in the Users screen.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    /// A role name (`doctor`, `receptionist`…).
    pub role: String,
    pub password: String,
}

/// A checked `NewUserInput` (the password is hashed by the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// A role name given by a caller, or a field error on `field`.
pub fn validate_role(v: &mut Validation, field: &str, raw: &str) -> Option<Role> {
    let role = Role::parse(raw.trim());
    if role.is_none() {
        if raw.trim().is_empty() {
            v.push(field, ErrorCode::Required, "is required");
        } else {
            v.push(field, ErrorCode::InvalidValue, "is not a role");
        }
    }
    role
}

impl NewUserInput {
    pub fn validate(&self) -> Result<ValidNewUser, Vec<FieldError>> {
        let mut v = Validation::default();
        let username = validate_username(&mut v, "username", &self.username);
        let mut display_name = v.optional_text("display_name", &self.display_name, 100);
        if display_name.is_empty() {
            display_name = username.clone();
        }
        let role = validate_role(&mut v, "role", &self.role);
        validate_password(&mut v, "password", &self.password, &username);
        v.finish(ValidNewUser {
            username,
            display_name,
            role: role.unwrap_or(Role::Receptionist),
        })
    }
}

/// First-run setup: the clinic and its first administrator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SetupInput {
    pub clinic_name: String,
    pub clinic_code: String,
    /// This PC's code; generated when empty.
    #[ts(optional)]
    pub device_code: Option<String>,
    pub admin_username: String,
    pub admin_display_name: String,
    pub admin_password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSetup {
    pub clinic_name: String,
    pub clinic_code: String,
    pub device_code: Option<String>,
    pub admin_username: String,
    pub admin_display_name: String,
}

impl SetupInput {
    pub fn validate(&self) -> Result<ValidSetup, Vec<FieldError>> {
        let mut v = Validation::default();
        let clinic_name = v.required_text("clinic_name", &self.clinic_name, 100);
        let clinic_code = v
            .required_text("clinic_code", &self.clinic_code, 6)
            .to_ascii_uppercase();
        if !clinic_code.is_empty() && !valid_clinic_code(&clinic_code) {
            v.push(
                "clinic_code",
                ErrorCode::InvalidFormat,
                "must be 2 to 6 letters or digits",
            );
        }
        let device_code = self
            .device_code
            .as_deref()
            .map(|d| d.trim().to_ascii_uppercase())
            .filter(|d| !d.is_empty());
        if let Some(d) = &device_code {
            if !valid_device_code(d) {
                v.push(
                    "device_code",
                    ErrorCode::InvalidFormat,
                    "must be 2 to 4 letters or digits",
                );
            }
        }
        let admin_username = validate_username(&mut v, "admin_username", &self.admin_username);
        let mut admin_display_name =
            v.optional_text("admin_display_name", &self.admin_display_name, 100);
        if admin_display_name.is_empty() {
            admin_display_name = admin_username.clone();
        }
        validate_password(
            &mut v,
            "admin_password",
            &self.admin_password,
            &admin_username,
        );
        v.finish(ValidSetup {
            clinic_name,
            clinic_code,
            device_code,
            admin_username,
            admin_display_name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> SetupInput {
        SetupInput {
            clinic_name: "Kampala Road Clinic".into(),
            clinic_code: "kla".into(),
            device_code: None,
            admin_username: "Admin".into(),
            admin_display_name: String::new(),
            admin_password: "correct horse 42".into(),
        }
    }

    #[test]
    fn valid_setup_is_normalised() {
        let s = setup().validate().unwrap();
        assert_eq!(
            (
                s.clinic_code.as_str(),
                s.admin_username.as_str(),
                s.admin_display_name.as_str()
            ),
            ("KLA", "admin", "admin")
        );
    }

    #[test]
    fn bad_setup_names_fields() {
        let bad = SetupInput {
            clinic_code: "K".into(),
            device_code: Some("A-1".into()),
            admin_username: "a b".into(),
            admin_password: "short1".into(),
            ..setup()
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "clinic_code",
                "device_code",
                "admin_username",
                "admin_password"
            ]
        );
    }

    #[test]
    fn new_user_names_fields() {
        let bad = NewUserInput {
            username: "x".into(),
            display_name: String::new(),
            role: "root".into(),
            password: "short1".into(),
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["username", "role", "password"]);
        let ok = NewUserInput {
            username: " Amina ".into(),
            display_name: String::new(),
            role: "receptionist".into(),
            password: "front desk 77".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            (ok.username.as_str(), ok.display_name.as_str(), ok.role),
            ("amina", "amina", Role::Receptionist)
        );
    }

    #[test]
    fn password_policy() {
        for (pw, ok) in [
            ("abcdefghij", false),
            ("1234567890", false),
            ("admin12345x", false),
            ("river stone 7", true),
        ] {
            let mut v = Validation::default();
            validate_password(&mut v, "password", pw, "admin");
            assert_eq!(v.is_empty(), ok, "{pw}");
        }
    }
}
