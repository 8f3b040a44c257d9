//! The store's 256-bit key: from `CLINIC_DB_KEY` (64 hex characters, for headless machines and
//! tests) or from the OS keyring (Secret Service, Keychain, Credential Manager). Never a plain file.
use crate::error::{Error, Result};
use std::path::Path;

pub const KEY_ENV: &str = "CLINIC_DB_KEY";
const KEYRING_SERVICE: &str = "org.clinic.desktop";

#[derive(Clone, PartialEq, Eq)]
pub struct StoreKey([u8; 32]);

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreKey(..)")
    }
}

impl StoreKey {
    pub fn generate() -> Result<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| Error::Storage("drawing a random key".into()))?;
        Ok(Self(bytes))
    }

    pub fn from_hex(s: &str) -> Result<Self> {
        let bytes = hex::decode(s.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok());
        bytes.map(Self).ok_or_else(|| {
            Error::field(
                KEY_ENV,
                clinic_domain::ErrorCode::InvalidFormat,
                "must be 64 hexadecimal characters",
            )
        })
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The value for `PRAGMA key`: a raw key, which skips SQLCipher's slow passphrase derivation.
    pub(crate) fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", self.to_hex())
    }
}

/// Where the key of the store at `db_path` comes from: `from_env` (the value of `CLINIC_DB_KEY`,
/// passed in by the caller) when given, else the OS keyring. `create` allows making a new key in the
/// keyring (only for a store file that does not exist yet).
pub fn resolve(db_path: &Path, create: bool, from_env: Option<&str>) -> Result<StoreKey> {
    if let Some(hex) = from_env.filter(|h| !h.trim().is_empty()) {
        return StoreKey::from_hex(hex);
    }
    let entry = keyring_entry(db_path)?;
    match entry.get_password() {
        Ok(hex) => StoreKey::from_hex(&hex).map_err(|_| Error::WrongKey),
        Err(keyring::Error::NoEntry) if create => {
            let key = StoreKey::generate()?;
            entry
                .set_password(&key.to_hex())
                .map_err(|_| Error::Storage("saving the key in the OS keyring".into()))?;
            // Read it back: a keyring that accepts and forgets would lose the store.
            match entry.get_password() {
                Ok(back) if back == key.to_hex() => Ok(key),
                _ => Err(Error::Storage(
                    "reading the key back from the OS keyring".into(),
                )),
            }
        }
        Err(keyring::Error::NoEntry) => Err(Error::Storage(format!(
            "looking for this store's key: the OS keyring has none; set {KEY_ENV} to the store key"
        ))),
        Err(_) => Err(Error::Storage(format!(
            "opening the OS keyring (on a headless machine set {KEY_ENV})"
        ))),
    }
}

/// Saves `key` in the OS keyring for the store at `db_path` (after a restore with `CLINIC_DB_KEY`).
pub fn remember(db_path: &Path, key: &StoreKey) -> Result<()> {
    keyring_entry(db_path)?
        .set_password(&key.to_hex())
        .map_err(|_| Error::Storage("saving the key in the OS keyring".into()))
}

/// Removes the keyring entry (used when a store is created and then abandoned, and by tests).
pub fn forget(db_path: &Path) -> Result<()> {
    match keyring_entry(db_path)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(_) => Err(Error::Storage(
            "removing the key from the OS keyring".into(),
        )),
    }
}

fn keyring_entry(db_path: &Path) -> Result<keyring::Entry> {
    let account = std::path::absolute(db_path).unwrap_or_else(|_| db_path.to_path_buf());
    keyring::Entry::new(KEYRING_SERVICE, &account.to_string_lossy())
        .map_err(|_| Error::Storage("opening the OS keyring".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_bad_hex() {
        let k = StoreKey::generate().unwrap();
        assert_eq!(StoreKey::from_hex(&k.to_hex()).unwrap(), k);
        assert!(StoreKey::from_hex("abc").is_err());
        assert!(StoreKey::from_hex(&"zz".repeat(32)).is_err());
        assert_eq!(
            format!("{k:?}"),
            "StoreKey(..)",
            "the key never reaches logs"
        );
    }
}
