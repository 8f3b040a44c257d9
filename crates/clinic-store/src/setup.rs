//! First run: the clinic, this device, and the first administrator, all in one transaction.
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Error, Result};
use crate::records::WriteCtx;
use crate::store::{set_meta, Store};
use crate::users;
use clinic_domain::patient_number::valid_device_code;
use clinic_domain::user::{SetupInput, User, UserSummary};
use clinic_domain::{Actor, ChangeSource, ErrorCode, Role};
use uuid::Uuid;

/// Letters and digits that cannot be misread for each other (no 0/O, 1/I).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A 3-character device code drawn from the device id. Two PCs of a clinic must not share one:
/// the sync server hands out codes on enrollment; offline, `--device-code` sets it explicitly.
fn device_code_from(id: Uuid) -> String {
    id.as_bytes()[..3]
        .iter()
        .map(|b| CODE_ALPHABET[(*b as usize) % CODE_ALPHABET.len()] as char)
        .collect()
}

impl Store {
    /// Sets up a new store. Fails with `AlreadyInitialized` on a store that has a clinic, and with
    /// field errors on bad input; either way nothing is written.
    pub fn initialize(
        &mut self,
        input: &SetupInput,
        password_salt: [u8; 16],
    ) -> Result<(Actor, UserSummary)> {
        let valid = input.validate().map_err(Error::Invalid)?;
        // A PC that joined a clinic from the central server before any PC of it had users is
        // set up but nobody can log in: then setup creates the first administrator only.
        let joined = if self.is_initialized()? {
            if !self.needs_first_admin()? {
                return Err(Error::AlreadyInitialized);
            }
            let clinic = self.clinic()?;
            if clinic.code != valid.clinic_code {
                return Err(Error::field(
                    "clinic_code",
                    ErrorCode::InvalidValue,
                    "must be the code of the clinic this PC joined",
                ));
            }
            true
        } else {
            false
        };
        // A PC that enrolled before it was set up already has its id.
        let device_id = match self.meta("device_id")? {
            Some(id) => {
                Uuid::parse_str(&id).map_err(|_| Error::Storage("reading the device id".into()))?
            }
            None => self.new_id(),
        };
        let device_code = valid
            .device_code
            .clone()
            .unwrap_or_else(|| device_code_from(device_id));
        debug_assert!(valid_device_code(&device_code));
        let admin_id = self.new_id();
        let clinic_id = match self.meta("clinic_id")?.map(|id| Uuid::parse_str(&id)) {
            Some(Ok(id)) if joined => id,
            _ => self.new_id(),
        };
        let at = self.clock.now();
        let actor = Actor {
            user_id: admin_id,
            username: valid.admin_username.clone(),
            role: Role::Administrator,
            device_id,
        };
        let user = User {
            username: valid.admin_username.clone(),
            display_name: valid.admin_display_name.clone(),
            role: Role::Administrator.as_str().to_string(),
            password_hash: users::hash_password(&input.admin_password, &password_salt)?,
            active: true,
            totp_secret: String::new(),
            profile: Default::default(),
        };
        let tx = self.write()?;
        if !joined {
            for (k, v) in [
                ("clinic_id", clinic_id.to_string()),
                ("clinic_name", valid.clinic_name.clone()),
                ("clinic_code", valid.clinic_code.clone()),
                ("device_id", device_id.to_string()),
                ("device_code", device_code),
            ] {
                set_meta(&tx, k, &v)?;
            }
        }
        let ctx = WriteCtx {
            actor: &actor,
            action: "create",
            source: ChangeSource::Ui,
            at,
        };
        users::insert(&tx, admin_id, &user, &ctx)?;
        audit::append(
            &tx,
            &actor,
            AuditAction::Create,
            if joined {
                Subject {
                    kind: "user",
                    id: admin_id.to_string(),
                }
            } else {
                Subject {
                    kind: "clinic",
                    id: clinic_id.to_string(),
                }
            },
            at,
        )?;
        tx.commit()
            .map_err(|_| Error::Storage("saving the setup".into()))?;
        let summary = UserSummary {
            id: admin_id,
            username: user.username,
            display_name: user.display_name,
            role: Role::Administrator,
            active: true,
            two_factor: false,
        };
        Ok((actor, summary))
    }
}

impl Store {
    /// Set up (joined a clinic) but without a single user yet: nobody could log in.
    pub fn needs_first_admin(&self) -> Result<bool> {
        Ok(self.is_initialized()? && self.users()?.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::device_code_from;
    use clinic_domain::patient_number::valid_device_code;

    #[test]
    fn drawn_device_codes_are_valid() {
        for n in 0..500u64 {
            assert!(valid_device_code(&device_code_from(
                uuid::Uuid::from_u64_pair(n * 7919, n)
            )));
        }
    }
}
