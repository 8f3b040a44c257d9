//! Two-factor sign-in: turning it on with a code from the app, logging in with password and code,
//! wrong and replayed codes counting as failed logins, turning it off, and the secret reaching
//! another PC so the user can log in there offline.
mod common;

use chrono::Duration;
use clinic_domain::user::NewUserInput;
use clinic_domain::{totp, Action, ErrorCode};
use clinic_store::Error;
use common::*;

const PW: &str = "front desk 77";

fn code(t: &TestStore, secret: &str) -> String {
    let now = t.store.clock().now().timestamp() as u64;
    totp::code_at(secret, now).unwrap()
}

fn field(err: Error) -> (String, ErrorCode) {
    match err {
        Error::Invalid(f) => (f[0].field.clone(), f[0].code),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Amina, a receptionist with two-factor sign-in on; returns her secret.
fn amina_with_two_factor(t: &mut TestStore) -> String {
    let a = t.admin.clone();
    let input = NewUserInput {
        username: "amina".into(),
        display_name: "Amina Nakato".into(),
        role: "receptionist".into(),
        password: PW.into(),
    };
    t.store.create_user(&a, &input, [2; 16]).unwrap();
    let (amina, _) = t.store.authenticate("amina", PW).unwrap();
    let setup = t.store.new_two_factor_secret(&amina, [5; 20]).unwrap();
    assert!(setup
        .uri
        .starts_with("otpauth://totp/Kampala%20Road%20Clinic:amina?secret="));
    // A wrong code does not turn it on (the app may hold a mistyped secret).
    let wrong = t
        .store
        .enable_two_factor(&amina, &setup.secret, "000000")
        .unwrap_err();
    assert_eq!(field(wrong), ("totp_code".into(), ErrorCode::InvalidValue));
    assert!(!t.store.users().unwrap().iter().any(|u| u.two_factor));
    let c = code(t, &setup.secret);
    let on = t
        .store
        .enable_two_factor(&amina, &setup.secret, &c)
        .unwrap();
    assert!(on.two_factor);
    t.clock.advance(Duration::seconds(30));
    setup.secret
}

#[test]
fn login_needs_the_code_once_it_is_on() {
    let mut t = store();
    let secret = amina_with_two_factor(&mut t);
    assert!(matches!(
        t.store.authenticate("amina", PW),
        Err(Error::SecondFactorRequired)
    ));
    // A wrong password still says only "wrong username or password".
    assert!(matches!(
        t.store
            .authenticate_with_code("amina", "nope nope 12", &code(&t, &secret)),
        Err(Error::InvalidCredentials)
    ));
    let c = code(&t, &secret);
    let (actor, user) = t.store.authenticate_with_code("amina", PW, &c).unwrap();
    assert_eq!((actor.username.as_str(), user.two_factor), ("amina", true));
    // The same code cannot be used twice on this PC.
    let replay = t.store.authenticate_with_code("amina", PW, &c).unwrap_err();
    assert_eq!(field(replay), ("totp_code".into(), ErrorCode::InvalidValue));
    // Unlocking a session needs the password only.
    t.store.reauthenticate("amina", PW).unwrap();
}

#[test]
fn wrong_codes_count_towards_the_lockout() {
    let mut t = store();
    let secret = amina_with_two_factor(&mut t);
    for _ in 0..4 {
        let e = t
            .store
            .authenticate_with_code("amina", PW, "123 456")
            .unwrap_err();
        assert_eq!(field(e).0, "totp_code");
    }
    assert!(matches!(
        t.store.authenticate_with_code("amina", PW, "12345x"),
        Err(Error::TooManyAttempts { .. })
    ));
    // Locked: even the right code is refused until the lock ends.
    let c = code(&t, &secret);
    assert!(matches!(
        t.store.authenticate_with_code("amina", PW, &c),
        Err(Error::TooManyAttempts { .. })
    ));
}

#[test]
fn turning_it_off_yourself_needs_a_code_and_for_others_an_administrator() {
    let mut t = store();
    let secret = amina_with_two_factor(&mut t);
    let (amina, _) = t
        .store
        .authenticate_with_code("amina", PW, &code(&t, &secret))
        .unwrap();
    t.clock.advance(Duration::seconds(30));
    // Amina may not turn it off for someone else.
    let admin_id = t.admin.user_id;
    assert!(matches!(
        t.store.disable_two_factor(&amina, admin_id, None),
        Err(Error::Forbidden(Action::UserManage))
    ));
    // Nor for herself without a code (that is the administrator's reset).
    assert!(matches!(
        t.store.disable_two_factor(&amina, amina.user_id, None),
        Err(Error::Forbidden(Action::UserManage))
    ));
    let off = t
        .store
        .disable_two_factor(&amina, amina.user_id, Some(&code(&t, &secret)))
        .unwrap();
    assert!(!off.two_factor);
    t.store.authenticate("amina", PW).unwrap();

    // On again, then the administrator resets it (a lost phone).
    let setup = t.store.new_two_factor_secret(&amina, [6; 20]).unwrap();
    t.clock.advance(Duration::seconds(30));
    let c = code(&t, &setup.secret);
    t.store
        .enable_two_factor(&amina, &setup.secret, &c)
        .unwrap();
    let a = t.admin.clone();
    let reset = t.store.disable_two_factor(&a, amina.user_id, None).unwrap();
    assert!(!reset.two_factor);
    t.store.authenticate("amina", PW).unwrap();
    assert!(t.store.verify().unwrap().problems.is_empty());
}

#[test]
fn the_secret_reaches_another_pc_so_the_user_logs_in_there_offline() {
    let mut a = store_on("A1", 1);
    let secret = amina_with_two_factor(&mut a);
    let mut b = joined_copy(&a, "B2");
    assert!(matches!(
        b.store.authenticate("amina", PW),
        Err(Error::SecondFactorRequired)
    ));
    let c = code(&b, &secret);
    b.store.authenticate_with_code("amina", PW, &c).unwrap();
}

/// A second PC of the same clinic holding every change of `from`, its clock at `from`'s time.
fn joined_copy(from: &TestStore, device: &str) -> TestStore {
    let mut to = store_on(device, 9);
    for c in from.store.changes_since(0, u32::MAX, true).unwrap() {
        to.store
            .apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
    to.clock
        .advance(from.store.clock().now() - to.store.clock().now());
    to
}
