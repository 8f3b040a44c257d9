//! User management by the clinic administrator, the lockout after failed logins, and users
//! reaching other PCs of the clinic through sync.
mod common;

use chrono::Duration;
use clinic_domain::user::NewUserInput;
use clinic_domain::{Action, ErrorCode, Role};
use clinic_store::{Error, Store};
use common::*;

fn new_user(username: &str, role: &str) -> NewUserInput {
    NewUserInput {
        username: username.into(),
        display_name: format!("{username} (staff)"),
        role: role.into(),
        password: "front desk 77".into(),
    }
}

fn field_codes(err: Error) -> Vec<(String, ErrorCode)> {
    match err {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn counts(store: &Store) -> [i64; 4] {
    ["records", "change_log", "users", "audit_log"].map(|t| store.count_rows(t).unwrap())
}

#[test]
fn admin_creates_users_with_field_errors_for_bad_input() {
    let mut t = store();
    let a = t.admin.clone();
    let amina = t
        .store
        .create_user(&a, &new_user("Amina", "receptionist"), [2; 16])
        .unwrap();
    assert_eq!(
        (amina.username.as_str(), amina.role, amina.active),
        ("amina", Role::Receptionist, true)
    );
    let dup = t
        .store
        .create_user(&a, &new_user("amina", "doctor"), [2; 16])
        .unwrap_err();
    assert_eq!(
        field_codes(dup),
        [("username".to_string(), ErrorCode::Duplicate)]
    );
    let bad = NewUserInput {
        username: "a b".into(),
        display_name: String::new(),
        role: "janitor".into(),
        password: "short1".into(),
    };
    let before = counts(&t.store);
    let errs = field_codes(t.store.create_user(&a, &bad, [2; 16]).unwrap_err());
    let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["username", "role", "password"]);
    assert_eq!(counts(&t.store), before, "nothing written");
    let weak = NewUserInput {
        password: "amina12345x".into(),
        ..new_user("amina2", "nurse")
    };
    let weak = NewUserInput {
        username: "amina".into(),
        ..weak
    };
    let errs = field_codes(t.store.create_user(&a, &weak, [2; 16]).unwrap_err());
    assert_eq!(errs, [("password".to_string(), ErrorCode::InvalidValue)]);

    let names: Vec<String> = t
        .store
        .list_users(&a)
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, ["admin", "amina"]);
    let (actor, _) = t.store.authenticate("AMINA", "front desk 77").unwrap();
    assert_eq!(actor.role, Role::Receptionist);
}

#[test]
fn role_change_password_reset_and_deactivation() {
    let mut t = store();
    let a = t.admin.clone();
    let u = t
        .store
        .create_user(&a, &new_user("joseph", "nurse"), [2; 16])
        .unwrap();
    let changed = t.store.change_user_role(&a, u.id, "doctor").unwrap();
    assert_eq!(changed.role, Role::Doctor);
    let (actor, _) = t.store.authenticate("joseph", "front desk 77").unwrap();
    assert_eq!(actor.role, Role::Doctor);
    assert_eq!(
        field_codes(t.store.change_user_role(&a, u.id, "king").unwrap_err()),
        [("role".to_string(), ErrorCode::InvalidValue)]
    );

    assert_eq!(
        field_codes(
            t.store
                .reset_user_password(&a, u.id, "joseph2026xx", [3; 16])
                .unwrap_err()
        ),
        [("password".to_string(), ErrorCode::InvalidValue)]
    );
    t.store
        .reset_user_password(&a, u.id, "new season 88", [3; 16])
        .unwrap();
    assert!(matches!(
        t.store.authenticate("joseph", "front desk 77"),
        Err(Error::InvalidCredentials)
    ));
    t.store.authenticate("joseph", "new season 88").unwrap();

    let off = t.store.set_user_active(&a, u.id, false).unwrap();
    assert!(!off.active);
    assert!(matches!(
        t.store.authenticate("joseph", "new season 88"),
        Err(Error::InvalidCredentials)
    ));
    assert!(
        t.store
            .list_users(&a)
            .unwrap()
            .iter()
            .any(|x| x.id == u.id && !x.active),
        "deactivated, never deleted"
    );
    t.store.set_user_active(&a, u.id, true).unwrap();
    t.store.authenticate("joseph", "new season 88").unwrap();
}

#[test]
fn the_last_active_administrator_is_protected() {
    let mut t = store();
    let a = t.admin.clone();
    let last = |e: Error| field_codes(e) == [("user".to_string(), ErrorCode::Conflict)];
    assert!(last(
        t.store.set_user_active(&a, a.user_id, false).unwrap_err()
    ));
    assert!(last(
        t.store
            .change_user_role(&a, a.user_id, "doctor")
            .unwrap_err()
    ));
    let second = t
        .store
        .create_user(&a, &new_user("deputy", "administrator"), [2; 16])
        .unwrap();
    t.store.set_user_active(&a, a.user_id, false).unwrap();
    assert!(last(
        t.store
            .change_user_role(&a, second.id, "nurse")
            .unwrap_err()
    ));
    t.store.change_user_role(&a, a.user_id, "doctor").unwrap();
}

#[test]
fn non_administrators_are_refused_audited_and_nothing_is_written() {
    let mut t = store();
    let a = t.admin.clone();
    let u = t
        .store
        .create_user(&a, &new_user("amina", "receptionist"), [2; 16])
        .unwrap();
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
        let actor = clinic_domain::Actor { role, ..a.clone() };
        let before = counts(&t.store);
        let denied = |r: clinic_store::Result<_>, action: Action| {
            assert!(
                matches!(r, Err(Error::Forbidden(x)) if x == action),
                "{role:?} × {action:?}"
            )
        };
        denied(t.store.list_users(&actor).map(|_| ()), Action::UserView);
        denied(
            t.store
                .create_user(&actor, &new_user("mallory", "administrator"), [2; 16])
                .map(|_| ()),
            Action::UserManage,
        );
        denied(
            t.store
                .change_user_role(&actor, u.id, "administrator")
                .map(|_| ()),
            Action::UserManage,
        );
        denied(
            t.store
                .reset_user_password(&actor, u.id, "taken over 99", [2; 16])
                .map(|_| ()),
            Action::UserManage,
        );
        denied(
            t.store
                .set_user_active(&actor, a.user_id, false)
                .map(|_| ()),
            Action::UserManage,
        );
        let after = counts(&t.store);
        assert_eq!(after[..3], before[..3], "{role:?}: nothing written");
        assert_eq!(after[3], before[3] + 5, "{role:?}: every refusal audited");
    }
}

#[test]
fn five_failures_lock_a_username_for_fifteen_minutes_existing_or_not() {
    let mut t = store();
    for name in ["admin", "nobody"] {
        for attempt in 1..=4 {
            assert!(
                matches!(
                    t.store.authenticate(name, "wrong password 1"),
                    Err(Error::InvalidCredentials)
                ),
                "{name} attempt {attempt}"
            );
        }
        assert!(matches!(
            t.store.authenticate(name, "wrong password 1"),
            Err(Error::TooManyAttempts { minutes: 15 })
        ));
    }
    // Locked: even the right password is refused, with the same error as an unknown user.
    let right = t.store.authenticate("admin", PASSWORD).unwrap_err();
    let unknown = t.store.authenticate("nobody", PASSWORD).unwrap_err();
    assert_eq!(right.body().code, ErrorCode::TooManyAttempts);
    assert_eq!(right.body(), unknown.body());
    t.clock.advance(Duration::minutes(14));
    assert!(t.store.authenticate("admin", PASSWORD).is_err());
    t.clock.advance(Duration::minutes(1));
    t.store.authenticate("admin", PASSWORD).unwrap();
}

#[test]
fn a_successful_login_resets_the_count() {
    let mut t = store();
    for _ in 0..4 {
        assert!(t.store.authenticate("admin", "wrong password 1").is_err());
    }
    t.store.authenticate("admin", PASSWORD).unwrap();
    for _ in 0..4 {
        assert!(matches!(
            t.store.authenticate("admin", "wrong password 1"),
            Err(Error::InvalidCredentials)
        ));
    }
    t.store.authenticate("admin", PASSWORD).unwrap();
}

#[test]
fn a_user_created_on_one_pc_logs_in_on_another() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let aa = a.admin.clone();
    let u = a
        .store
        .create_user(&aa, &new_user("amina", "nurse"), [2; 16])
        .unwrap();
    a.store.change_user_role(&aa, u.id, "doctor").unwrap();
    for c in a.store.changes_since(0, u32::MAX, true).unwrap() {
        b.store
            .apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
    let (actor, summary) = b.store.authenticate("amina", "front desk 77").unwrap();
    assert_eq!((actor.user_id, summary.role), (u.id, Role::Doctor));
    // A deactivation travels too.
    a.store.set_user_active(&aa, u.id, false).unwrap();
    for c in a.store.changes_since(0, u32::MAX, true).unwrap() {
        b.store
            .apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
    assert!(b.store.authenticate("amina", "front desk 77").is_err());
}
