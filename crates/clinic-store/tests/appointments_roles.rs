//! Every appointment action is refused to roles without its permission: audited, nothing written.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use clinic_domain::appointment::{RescheduleInput, WalkInInput};
use clinic_domain::roles::allowed;
use clinic_domain::{Action, Actor, Role};
use clinic_store::Error;
use fixture::*;

#[test]
fn every_action_is_refused_to_roles_without_it_audited_and_nothing_written() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let s = &mut c.t.store;
    let a = s
        .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:00", 30))
        .unwrap();
    let ida = id(&a);
    // Every role the permission table keeps away from appointments (pharmacists today).
    let appointment_actions = [
        Action::AppointmentView,
        Action::AppointmentBook,
        Action::QueueUpdate,
    ];
    let refused: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| !appointment_actions.iter().any(|a| allowed(*r, *a)))
        .collect();
    assert!(refused.contains(&Role::Pharmacist), "{refused:?}");
    for role in refused {
        let who = Actor {
            role,
            ..c.pharmacist.clone()
        };
        let before = written(s);
        let audit = s.count_rows("audit_log").unwrap();
        let results: Vec<(Action, Error)> = vec![
            (
                Action::AppointmentBook,
                s.book_appointment(&who, &booking(&c.p2, &c.doctor, "2026-11-25T09:00", 30))
                    .unwrap_err(),
            ),
            (
                Action::AppointmentBook,
                s.register_walk_in(
                    &who,
                    &WalkInInput {
                        patient_id: c.p2.clone(),
                        clinician_id: c.doctor.user_id.to_string(),
                        duration_minutes: None,
                        reason: String::new(),
                    },
                )
                .unwrap_err(),
            ),
            (
                Action::AppointmentBook,
                s.reschedule_appointment(
                    &who,
                    ida,
                    &RescheduleInput {
                        clinician_id: c.doctor.user_id.to_string(),
                        start: "2026-11-25T09:00".into(),
                        duration_minutes: 30,
                    },
                )
                .unwrap_err(),
            ),
            (
                Action::AppointmentBook,
                s.cancel_appointment(&who, ida, "why").unwrap_err(),
            ),
            (
                Action::QueueUpdate,
                s.check_in_appointment(&who, ida).unwrap_err(),
            ),
            (
                Action::QueueUpdate,
                s.call_in_appointment(&who, ida, None).unwrap_err(),
            ),
            (
                Action::QueueUpdate,
                s.complete_appointment(&who, ida).unwrap_err(),
            ),
            (Action::QueueUpdate, s.mark_no_show(&who, ida).unwrap_err()),
            (
                Action::AppointmentView,
                s.day_queue(&who, "2026-11-24").unwrap_err(),
            ),
            (
                Action::AppointmentView,
                s.clinician_calendar(&who, c.doctor.user_id, "2026-11-24", 7)
                    .unwrap_err(),
            ),
            (
                Action::AppointmentView,
                s.get_appointment(&who, ida).unwrap_err(),
            ),
            (
                Action::AppointmentView,
                s.active_clinicians(&who).unwrap_err(),
            ),
        ];
        let n = results.len() as i64;
        for (action, err) in results {
            assert!(
                matches!(err, Error::Forbidden(a) if a == action),
                "{:?}: {err:?}",
                who.role
            );
        }
        assert_eq!(written(s), before, "{:?}: nothing written", who.role);
        assert_eq!(
            s.count_rows("audit_log").unwrap(),
            audit + n,
            "{:?}: every refusal audited",
            who.role
        );
    }
    // Doctors and nurses may book and move the queue.
    for who in [c.doctor.clone(), c.nurse.clone()] {
        let b = s
            .book_appointment(
                &who,
                &booking(
                    &c.p2,
                    &c.doctor,
                    &format!(
                        "2026-11-2{}T09:00",
                        if who.role == Role::Doctor { 6 } else { 7 }
                    ),
                    30,
                ),
            )
            .unwrap();
        s.check_in_appointment(&who, id(&b)).unwrap();
    }
}
