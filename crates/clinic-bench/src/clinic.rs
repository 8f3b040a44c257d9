//! A new, set-up store for a benchmark: the real file, a fresh key, the system clock and random ids.
use crate::BenchResult;
use clinic_domain::user::SetupInput;
use clinic_domain::Actor;
use clinic_store::clock::{RandomIds, SystemClock};
use clinic_store::key::StoreKey;
use clinic_store::Store;
use std::path::Path;
use std::sync::Arc;

/// A store at `path` for clinic `KLA` on device `device_code`, with its administrator logged in.
/// The key is returned too, for benches that also open the file directly.
pub(crate) fn new_clinic(path: &Path, device_code: &str) -> BenchResult<(Store, StoreKey, Actor)> {
    let key = StoreKey::generate()?;
    let mut store = Store::open(path, &key, Arc::new(SystemClock), Arc::new(RandomIds))?;
    let (admin, _) = store.initialize(
        &SetupInput {
            clinic_name: "Kampala Road Clinic".into(),
            clinic_code: "KLA".into(),
            device_code: Some(device_code.into()),
            admin_username: "admin".into(),
            admin_display_name: "Clinic Admin".into(),
            admin_password: "river stone 42".into(),
        },
        clinic_store::random_salt()?,
    )?;
    Ok((store, key, admin))
}
