//! The store file on disk: encrypted, refused with a clear error under a wrong key, left untouched.
mod common;

use clinic_store::key::StoreKey;
use clinic_store::{Error, Store};
use common::*;
use sha2::{Digest, Sha256};

fn file_hash(path: &std::path::Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn the_file_holds_no_sqlite_header_and_no_plain_text() {
    let mut t = store();
    let admin = t.admin.clone();
    t.store
        .register_patient(
            &admin,
            &patient("Wanjiru", "Kamau", "1990-01-02"),
            clinic_domain::ChangeSource::Ui,
        )
        .unwrap();
    let path = t.path.clone();
    drop(t.store);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4096);
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "plain SQLite header found"
    );
    for needle in [&b"Wanjiru"[..], b"Kamau", b"patients", b"Kampala"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} found in clear",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn a_wrong_key_is_refused_clearly_and_changes_nothing() {
    let t = store();
    let path = t.path.clone();
    drop(t.store);
    let before = file_hash(&path);
    let wrong = StoreKey::generate().unwrap();
    let err = open_err(&path, &wrong);
    assert!(matches!(err, Error::WrongKey), "{err:?}");
    assert_eq!(err.to_string(), "wrong key or not a Clinic store");
    assert_eq!(file_hash(&path), before, "the file was modified");
    assert!(
        !path.with_extension("db-wal").exists()
            || std::fs::metadata(path.with_extension("db-wal"))
                .unwrap()
                .len()
                == 0
    );
    // The right key still opens it.
    let (store, _) = open(&path, &t.key, 9);
    assert!(store.is_initialized().unwrap());
}

#[test]
fn a_plain_sqlite_file_or_a_foreign_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&plain).unwrap();
        c.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('hello');")
            .unwrap();
    }
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some words repeated ".repeat(200),
    )
    .unwrap();
    let key = StoreKey::generate().unwrap();
    for path in [plain, text] {
        let before = file_hash(&path);
        assert!(matches!(open_err(&path, &key), Error::WrongKey));
        assert_eq!(file_hash(&path), before);
    }
}

#[test]
fn an_encrypted_database_that_is_not_a_clinic_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.db");
    let key = StoreKey::generate().unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\"; CREATE TABLE t (x INTEGER);",
            key.to_hex()
        ))
        .unwrap();
    }
    let before = file_hash(&path);
    assert!(matches!(open_err(&path, &key), Error::WrongKey));
    assert_eq!(file_hash(&path), before);
}

fn open_err(path: &std::path::Path, key: &StoreKey) -> Error {
    let clock = std::sync::Arc::new(clinic_store::clock::ManualClock::new(start()));
    match Store::open(
        path,
        key,
        clock,
        std::sync::Arc::new(clinic_store::clock::SequentialIds::new(5)),
    ) {
        Ok(_) => panic!("opened with the wrong key"),
        Err(e) => e,
    }
}

#[test]
fn a_migration_missing_in_the_middle_is_applied_at_the_next_open() {
    let t = store();
    let (path, key) = (t.path.clone(), t.key.clone());
    drop(t.store);
    {
        // As left by a build that knew migrations 1 and 3 but not 2.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\"; DROP TABLE sync_issues; DELETE FROM schema_migrations WHERE version = 2;",
            key.to_hex()
        ))
        .unwrap();
    }
    let (reopened, _) = open(&path, &key, 9);
    assert_eq!(reopened.count_rows("sync_issues").unwrap(), 0);
}
