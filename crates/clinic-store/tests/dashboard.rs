//! The front-desk dashboard: today's queue by status, the day's appointments, payments and new
//! patients, and the 30-day series, all from the projections.
mod common;

use chrono::{Duration, FixedOffset, NaiveDate};
use clinic_domain::appointment::{AppointmentInput, WalkInInput};
use clinic_domain::billing::{
    DiscountKind, LineInput, NewInvoiceInput, PaymentInput, PaymentMethod, PriceCategory,
    PriceItemInput,
};
use clinic_domain::user::NewUserInput;
use clinic_domain::Action;
use clinic_store::dashboard::SERIES_DAYS;
use clinic_store::Error;
use common::*;
use uuid::Uuid;

#[test]
fn the_day_adds_up_on_the_dashboard() {
    let mut t = store();
    let a = t.admin.clone();
    let utc = FixedOffset::east_opt(0).unwrap();
    let today: NaiveDate = start().date_naive();
    let doctor = t
        .store
        .create_user(
            &a,
            &NewUserInput {
                username: "okello".into(),
                display_name: "Dr Okello".into(),
                role: "doctor".into(),
                password: "stethoscope 99".into(),
            },
            [4; 16],
        )
        .unwrap()
        .id
        .to_string();
    let p1 = t
        .store
        .register_patient(
            &a,
            &patient("Amina", "Nakato", "1990-01-01"),
            clinic_domain::ChangeSource::Ui,
        )
        .unwrap()
        .id;
    let p2 = t
        .store
        .register_patient(
            &a,
            &patient("Grace", "Auma", "1985-05-05"),
            clinic_domain::ChangeSource::Ui,
        )
        .unwrap()
        .id;
    // Amina walks in (checked in, waiting); Grace is booked for later today.
    t.store
        .register_walk_in(
            &a,
            &WalkInInput {
                patient_id: p1.clone(),
                clinician_id: doctor.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    t.store
        .book_appointment(
            &a,
            &AppointmentInput {
                patient_id: p2.clone(),
                clinician_id: doctor.clone(),
                start: format!("{today}T15:00"),
                duration_minutes: 20,
                reason: "Review".into(),
            },
        )
        .unwrap();
    let item = t
        .store
        .create_price_item(
            &a,
            &PriceItemInput {
                code: "CONS".into(),
                name: "Consultation".into(),
                category: PriceCategory::Consultation,
                unit_price: 2_000_000,
                tax_bp: 0,
                active: true,
            },
        )
        .unwrap()
        .id
        .to_string();
    let inv = t
        .store
        .create_invoice(
            &a,
            &NewInvoiceInput {
                patient_id: p1.clone(),
                lines: vec![LineInput {
                    item_id: item,
                    quantity: 1,
                    discount_kind: DiscountKind::default(),
                    discount_value: 0,
                }],
                ..Default::default()
            },
        )
        .unwrap();
    let id = Uuid::parse_str(&inv.id).unwrap();
    t.store.issue_invoice(&a, id).unwrap();
    let pay = |amount| PaymentInput {
        method: PaymentMethod::Cash,
        amount,
        reference: String::new(),
        credit: false,
    };
    t.store.take_payment(&a, id, &pay(1_200_000)).unwrap();
    t.store.take_payment(&a, id, &pay(800_000)).unwrap();

    let d = t.store.dashboard(&a, today, utc).unwrap();
    assert_eq!((d.queue.waiting, d.queue.booked), (1, 1));
    assert_eq!(d.appointments, 2);
    assert_eq!(d.payments, 2);
    assert_eq!(d.today.collected, 2_000_000);
    assert_eq!(d.today.visits, 1);
    assert_eq!(d.today.patients, 2);
    assert_eq!(d.series.len() as i64, SERIES_DAYS);
    assert_eq!(d.series.last().unwrap().day, today.to_string());
    assert!(d.series[..SERIES_DAYS as usize - 1]
        .iter()
        .all(|day| day.visits == 0 && day.collected == 0 && day.patients == 0));

    // Tomorrow, today's activity is in the series and the queue is empty.
    let tomorrow = t
        .store
        .dashboard(&a, today + Duration::days(1), utc)
        .unwrap();
    assert_eq!(tomorrow.appointments, 0);
    assert_eq!(tomorrow.today.collected, 0);
    assert_eq!(
        tomorrow.series[SERIES_DAYS as usize - 2].collected,
        2_000_000
    );

    // A clinic 10 hours ahead of UTC: the 09:00 UTC payments fall on its local day too.
    let ahead = FixedOffset::east_opt(10 * 3600).unwrap();
    assert_eq!(
        t.store.dashboard(&a, today, ahead).unwrap().today.collected,
        2_000_000
    );
}

#[test]
fn roles_without_the_appointment_view_are_refused() {
    let t = store();
    for role in [
        clinic_domain::Role::Pharmacist,
        clinic_domain::Role::LabTechnician,
    ] {
        let actor = clinic_domain::Actor {
            role,
            ..t.admin.clone()
        };
        let utc = FixedOffset::east_opt(0).unwrap();
        assert!(matches!(
            t.store.dashboard(&actor, start().date_naive(), utc),
            Err(Error::Forbidden(Action::AppointmentView))
        ));
    }
}
