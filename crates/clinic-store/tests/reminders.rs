//! Reminders on a real store file: outgoing reminders queued on booking (consent and address
//! checked), cancelled with the appointment, re-queued on reschedule; the patient's email and
//! reminder preference with field errors; and the in-app reminders per role (a case table).
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use chrono::NaiveDate;
use clinic_domain::appointment::RescheduleInput;
use clinic_domain::encounter::{EncounterNotesInput, EncounterOpenInput};
use clinic_domain::patient::PatientInput;
use clinic_domain::reminder::{MessageStatus, ReminderChannel, ReminderItemKind};
use clinic_domain::{Actor, ChangeSource, ErrorCode};
use common::*;
use fixture::*;
use uuid::Uuid;

fn with_email(given: &str) -> PatientInput {
    PatientInput {
        email: format!("{}@example.org", given.to_lowercase()),
        reminder_channel: ReminderChannel::Email,
        ..patient(given, "Okot", "1985-02-03")
    }
}

fn register(c: &mut Clinic, input: &PatientInput) -> String {
    let r = c.reception.clone();
    c.t.store
        .register_patient(&r, input, ChangeSource::Ui)
        .unwrap()
        .id
}

#[test]
fn booking_queues_a_reminder_in_the_clinic_language_a_day_before() {
    let mut c = clinic_on("A1", 1);
    let p = register(&mut c, &with_email("Grace"));
    let r = c.reception.clone();
    c.t.store.set_locale("fr").unwrap();
    let a =
        c.t.store
            .book_appointment(&r, &booking(&p, &c.doctor, "2026-11-25T10:30", 20))
            .unwrap();
    let msgs = c.t.store.appointment_messages(&r, id(&a)).unwrap();
    assert_eq!(msgs.len(), 1);
    let m = &msgs[0];
    assert_eq!(
        (m.status, m.channel),
        (MessageStatus::Queued, ReminderChannel::Email)
    );
    let view =
        c.t.store
            .outgoing_message(&r, Uuid::parse_str(&m.id).unwrap())
            .unwrap();
    assert_eq!(view.message.recipient, "grace@example.org");
    assert!(
        view.message.subject.contains("25/11/2026 à 10:30"),
        "{}",
        view.message.subject
    );
    assert!(
        view.message.body.starts_with("Bonjour Grace"),
        "{}",
        view.message.body
    );
    assert!(view.message.body.contains("okello (staff)"));
    // 24 hours before the start, in the PC's time zone.
    let start = chrono::NaiveDateTime::parse_from_str("2026-11-25T10:30", "%Y-%m-%dT%H:%M")
        .unwrap()
        .and_local_timezone(chrono::Local)
        .earliest()
        .unwrap();
    let send_at = chrono::DateTime::parse_from_rfc3339(&m.send_at).unwrap();
    assert_eq!(send_at, start - chrono::Duration::hours(24));
    assert!(c.t.store.verify().unwrap().problems.is_empty());
}

#[test]
fn no_consent_or_no_address_queues_nothing_and_explicit_sending_says_why() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let none = c.p1.clone();
    let a =
        c.t.store
            .book_appointment(&r, &booking(&none, &c.doctor, "2026-11-25T09:00", 20))
            .unwrap();
    assert!(c
        .t
        .store
        .appointment_messages(&r, id(&a))
        .unwrap()
        .is_empty());
    let before = written(&c.t.store);
    let err = c.t.store.send_appointment_reminder(&r, id(&a)).unwrap_err();
    assert_eq!(
        field_codes(err),
        vec![("reminder_channel".to_string(), ErrorCode::InvalidValue)]
    );
    assert_eq!(written(&c.t.store), before, "nothing written");
    // A pharmacist may not send reminders (and the refusal is audited, not written).
    let ph = c.pharmacist.clone();
    assert!(c.t.store.send_appointment_reminder(&ph, id(&a)).is_err());
}

#[test]
fn rescheduling_requeues_and_cancelling_cancels_the_pending_reminder() {
    let mut c = clinic_on("A1", 1);
    let p = register(&mut c, &with_email("Hope"));
    let r = c.reception.clone();
    let a =
        c.t.store
            .book_appointment(&r, &booking(&p, &c.doctor, "2026-11-25T10:00", 20))
            .unwrap();
    let moved = RescheduleInput {
        clinician_id: c.doctor.user_id.to_string(),
        start: "2026-11-27T11:00".into(),
        duration_minutes: 20,
    };
    c.t.store
        .reschedule_appointment(&r, id(&a), &moved)
        .unwrap();
    let msgs = c.t.store.appointment_messages(&r, id(&a)).unwrap();
    let statuses: Vec<_> = msgs.iter().map(|m| m.status).collect();
    assert_eq!(statuses.len(), 2);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == MessageStatus::Queued)
            .count(),
        1
    );
    assert!(statuses.contains(&MessageStatus::Cancelled));
    let queued = msgs
        .iter()
        .find(|m| m.status == MessageStatus::Queued)
        .unwrap();
    assert!(
        queued.send_at.starts_with("2026-11-26"),
        "{}",
        queued.send_at
    );

    // "Send reminder" again replaces the pending one: still exactly one queued.
    c.t.store.send_appointment_reminder(&r, id(&a)).unwrap();
    let msgs = c.t.store.appointment_messages(&r, id(&a)).unwrap();
    assert_eq!(
        msgs.iter()
            .filter(|m| m.status == MessageStatus::Queued)
            .count(),
        1
    );

    c.t.store
        .cancel_appointment(&r, id(&a), "Patient travelling")
        .unwrap();
    let msgs = c.t.store.appointment_messages(&r, id(&a)).unwrap();
    assert!(
        msgs.iter().all(|m| m.status == MessageStatus::Cancelled),
        "{msgs:?}"
    );
    // A cancelled message cannot be cancelled again.
    let err =
        c.t.store
            .cancel_outgoing_message(&r, Uuid::parse_str(&msgs[0].id).unwrap())
            .unwrap_err();
    assert_eq!(
        field_codes(err),
        vec![("status".to_string(), ErrorCode::InvalidValue)]
    );
    assert!(c.t.store.verify().unwrap().problems.is_empty());
}

#[test]
fn the_patient_form_checks_email_and_reminder_channel() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let cases: Vec<(PatientInput, Vec<(&str, ErrorCode)>)> = vec![
        (
            PatientInput {
                email: "not-an-email".into(),
                ..patient("Ivy", "Akello", "1990-01-01")
            },
            vec![("email", ErrorCode::InvalidFormat)],
        ),
        (
            PatientInput {
                reminder_channel: ReminderChannel::Email,
                ..patient("Ivy", "Akello", "1990-01-01")
            },
            vec![("reminder_channel", ErrorCode::Required)],
        ),
        (
            PatientInput {
                reminder_channel: ReminderChannel::Sms,
                ..patient("Ivy", "Akello", "1990-01-01")
            },
            vec![("reminder_channel", ErrorCode::Required)],
        ),
    ];
    for (input, want) in cases {
        let before = written(&c.t.store);
        let err =
            c.t.store
                .register_patient(&r, &input, ChangeSource::Ui)
                .unwrap_err();
        let got = field_codes(err);
        let want: Vec<(String, ErrorCode)> =
            want.into_iter().map(|(f, c)| (f.to_string(), c)).collect();
        assert_eq!(got, want);
        assert_eq!(written(&c.t.store), before);
    }
    let ok = PatientInput {
        phone: "+256 772 123 456".into(),
        reminder_channel: ReminderChannel::Sms,
        ..patient("Ivy", "Akello", "1990-01-01")
    };
    let v =
        c.t.store
            .register_patient(&r, &ok, ChangeSource::Ui)
            .unwrap();
    assert_eq!(v.patient.reminder_channel, ReminderChannel::Sms);
}

fn kinds(c: &Clinic, who: &Actor, today: NaiveDate) -> Vec<(ReminderItemKind, String)> {
    let mut out: Vec<_> =
        c.t.store
            .reminders(who, today)
            .unwrap()
            .into_iter()
            .map(|i| (i.kind, i.patient_name))
            .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

#[test]
fn in_app_reminders_per_role() {
    use ReminderItemKind::*;
    let mut c = clinic_on("A1", 1);
    let (r, doc, nurse, ph) = (
        c.reception.clone(),
        c.doctor.clone(),
        c.nurse.clone(),
        c.pharmacist.clone(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (p1, p2) = (c.p1.clone(), c.p2.clone());
    let s = &mut c.t.store;
    // Today: Amina with the doctor (booked), Brian with the nurse (checked in).
    s.book_appointment(&r, &booking(&p1, &doc, "2026-11-24T09:00", 20))
        .unwrap();
    let b = s
        .book_appointment(&r, &booking(&p2, &nurse, "2026-11-24T10:00", 20))
        .unwrap();
    s.check_in_appointment(&r, id(&b)).unwrap();
    // Tomorrow: not today.
    s.book_appointment(&r, &booking(&p2, &doc, "2026-11-25T09:00", 20))
        .unwrap();
    // The doctor asked Amina back on the 23rd (overdue) and a third patient on the 30th (not yet).
    let p3 = s
        .register_patient(
            &r,
            &patient("Cara", "Mugisha", "1970-05-05"),
            ChangeSource::Ui,
        )
        .unwrap()
        .id;
    let p4 = s
        .register_patient(&r, &patient("Dan", "Opio", "1960-06-06"), ChangeSource::Ui)
        .unwrap()
        .id;
    for (p, date) in [
        (&p1, "2026-11-23"),
        (&p3, "2026-11-30"),
        (&p4, "2026-11-24"),
    ] {
        let e = s
            .open_encounter(
                &doc,
                &EncounterOpenInput {
                    patient_id: p.clone(),
                    appointment_id: None,
                    chief_complaint: "Review".into(),
                },
            )
            .unwrap();
        let notes = EncounterNotesInput {
            plan: "Come back".into(),
            follow_up: date.into(),
            ..Default::default()
        };
        s.update_encounter_notes(&doc, Uuid::parse_str(&e.id).unwrap(), &notes)
            .unwrap();
    }
    // A bad follow-up date is a field error.
    let bad = EncounterNotesInput {
        follow_up: "next week".into(),
        ..Default::default()
    };
    assert!(bad.validate().is_err());

    // Brian owes an issued, unpaid consultation.
    let admin = c.t.admin.clone();
    let item =
        c.t.store
            .create_price_item(
                &admin,
                &clinic_domain::billing::PriceItemInput {
                    code: "CONS".into(),
                    name: "Consultation".into(),
                    category: clinic_domain::billing::PriceCategory::Consultation,
                    unit_price: 2000,
                    tax_bp: 0,
                    active: true,
                },
            )
            .unwrap();
    let inv =
        c.t.store
            .create_invoice(
                &r,
                &clinic_domain::billing::NewInvoiceInput {
                    patient_id: p2.clone(),
                    lines: vec![clinic_domain::billing::LineInput {
                        item_id: item.id.to_string(),
                        quantity: 1,
                        discount_kind: Default::default(),
                        discount_value: 0,
                    }],
                    ..Default::default()
                },
            )
            .unwrap();
    c.t.store
        .issue_invoice(&r, Uuid::parse_str(&inv.id).unwrap())
        .unwrap();

    let (amina, brian, dan) = (
        "Amina Nakato".to_string(),
        "Brian Ssali".to_string(),
        "Dan Opio".to_string(),
    );
    let cases: Vec<(&Actor, Vec<(ReminderItemKind, String)>)> = vec![
        // The doctor: own appointment today (Amina) and Dan's follow-up due today. Amina's
        // overdue follow-up is handled (she is booked on a later day than the encounter); Cara's
        // is not due yet.
        (
            &doc,
            vec![
                (AppointmentToday, amina.clone()),
                (FollowUpDue, dan.clone()),
            ],
        ),
        // The nurse: Brian, checked in with her; no follow-ups of hers; no billing.
        (&nurse, vec![(AppointmentToday, brian.clone())]),
        // Reception: bookings not checked in yet, every follow-up due, unpaid balances.
        (
            &r,
            vec![
                (AppointmentToday, amina.clone()),
                (FollowUpDue, dan.clone()),
                (UnpaidBalance, brian.clone()),
            ],
        ),
        // The pharmacist: none of these.
        (&ph, vec![]),
    ];
    for (who, want) in cases {
        assert_eq!(kinds(&c, who, today), want, "{:?}", who.role);
    }
}

#[test]
fn verify_catches_a_tampered_message_row() {
    let mut c = clinic_on("A1", 1);
    let p = register(&mut c, &with_email("Joy"));
    let r = c.reception.clone();
    c.t.store
        .book_appointment(&r, &booking(&p, &c.doctor, "2026-11-25T10:00", 20))
        .unwrap();
    assert!(c.t.store.verify().unwrap().problems.is_empty());
    let raw = rusqlite::Connection::open(&c.t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", c.t.key.to_hex()))
        .unwrap();
    raw.execute("UPDATE outgoing_messages SET status = 'sent'", [])
        .unwrap();
    let store = &c.t.store;
    let problems = store.verify().unwrap().problems;
    assert!(
        problems.iter().any(|p| p.starts_with("outgoing message")),
        "{problems:?}"
    );
}
