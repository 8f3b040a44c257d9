//! The desktop facade: login, sessions, idle lock, and errors shaped for IPC.
mod common;

use clinic_domain::ErrorCode;
use clinic_store::app::{App, IDLE_LOCK_MINUTES};
use clinic_store::Error;
use common::*;

fn app() -> (
    App,
    std::sync::Arc<clinic_store::clock::ManualClock>,
    tempfile::TempDir,
) {
    let t = store();
    (App::on_store(t.store), t.clock, t.dir)
}

#[test]
fn nothing_is_served_before_login_and_wrong_passwords_are_refused() {
    let (app, _, _dir) = app();
    assert!(matches!(
        app.search_patients("", false, 10),
        Err(Error::Unauthenticated)
    ));
    assert!(matches!(
        app.login("admin", "nope nope 1", None),
        Err(Error::InvalidCredentials)
    ));
    assert!(matches!(
        app.login("nobody", PASSWORD, None),
        Err(Error::InvalidCredentials)
    ));
    let s = app.login(" Admin ", PASSWORD, None).unwrap();
    assert_eq!(s.user.username, "admin");
    assert!(app.search_patients("", false, 10).unwrap().is_empty());
    let status = app.status().unwrap();
    assert!(status.initialized && status.session.is_some());
    assert_eq!(status.clinic.unwrap().code, "KLA");
    app.logout().unwrap();
    assert!(
        matches!(app.get_patient("x"), Err(Error::Invalid(_))),
        "bad id is a field error first"
    );
}

#[test]
fn the_session_locks_after_idle_time_and_unlocks_with_the_password() {
    let (app, clock, _dir) = app();
    app.login("admin", PASSWORD, None).unwrap();
    clock.advance(chrono::Duration::minutes(IDLE_LOCK_MINUTES as i64 + 1));
    assert!(matches!(
        app.search_patients("", false, 10),
        Err(Error::Locked)
    ));
    assert!(app.status().unwrap().session.unwrap().locked);
    assert!(matches!(
        app.unlock("wrong password 1"),
        Err(Error::InvalidCredentials)
    ));
    assert!(!app.unlock(PASSWORD).unwrap().locked);
    assert!(app.search_patients("", false, 10).is_ok());
    app.lock().unwrap();
    assert!(matches!(
        app.search_patients("", false, 10),
        Err(Error::Locked)
    ));
}

#[test]
fn errors_cross_ipc_as_code_message_and_fields() {
    let (app, _, _dir) = app();
    app.login("admin", PASSWORD, None).unwrap();
    let err = app
        .register_patient(patient("", "Nakato", "1990-01-01"))
        .unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "required");
    assert_eq!(json["field"], "given_name");
    assert_eq!(json["fields"][0]["message"], "is required");
    assert_eq!(json["message"], "given_name: is required");
    // An error about no single field has no `field` at all (the TypeScript type has it optional).
    let json = serde_json::to_value(Error::InvalidCredentials).unwrap();
    assert!(json.as_object().unwrap().get("field").is_none(), "{json}");
    let body = Error::WrongKey.body();
    assert_eq!(
        (body.code, body.message.as_str()),
        (ErrorCode::WrongKey, "wrong key or not a Clinic store")
    );
}

#[test]
fn setup_twice_is_refused() {
    let (app, _, _dir) = app();
    let input = clinic_domain::user::SetupInput {
        clinic_name: "Again".into(),
        clinic_code: "AGN".into(),
        device_code: None,
        admin_username: "boss".into(),
        admin_display_name: String::new(),
        admin_password: "another pass 9".into(),
    };
    assert!(matches!(app.setup(input), Err(Error::AlreadyInitialized)));
}

/// A PC that joined a clinic before any PC of it had users would have no one to log in: setup
/// then creates its first administrator, and only for the clinic it joined.
#[test]
fn a_joined_pc_without_users_gets_its_first_administrator_at_setup() {
    let dir = tempfile::tempdir().unwrap();
    let key = clinic_store::key::StoreKey::generate().unwrap();
    let (mut store, _) = open(&dir.path().join("clinic.db"), &key, 3);
    store
        .initialize_joined("KLA", "Kampala Road Clinic", "C3")
        .unwrap();
    let app = App::on_store(store);
    let status = app.status().unwrap();
    assert!(status.initialized && status.needs_first_admin);
    let input = |code: &str| clinic_domain::user::SetupInput {
        clinic_name: "Another name".into(),
        clinic_code: code.into(),
        device_code: None,
        admin_username: "amina".into(),
        admin_display_name: "Amina N.".into(),
        admin_password: PASSWORD.into(),
    };
    match app.setup(input("XYZ")) {
        Err(Error::Invalid(fields)) => assert_eq!(fields[0].field, "clinic_code"),
        other => panic!("expected a clinic_code error, got {other:?}"),
    }
    let session = app.setup(input("KLA")).unwrap();
    assert_eq!(session.user.username, "amina");
    let status = app.status().unwrap();
    assert!(!status.needs_first_admin);
    let clinic = status.clinic.unwrap();
    assert_eq!(
        (
            clinic.code.as_str(),
            clinic.name.as_str(),
            clinic.device_code.as_str()
        ),
        ("KLA", "Kampala Road Clinic", "C3"),
        "the joined clinic and device code stay"
    );
    assert!(matches!(
        app.setup(input("KLA")),
        Err(Error::AlreadyInitialized)
    ));
    app.logout().unwrap();
    assert!(app.login("amina", PASSWORD, None).is_ok());
}
