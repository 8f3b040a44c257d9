use super::*;
use crate::ErrorCode;
use chrono::NaiveDate;

#[test]
fn transitions_case_table() {
    use AppointmentStatus as S;
    use QueueAction as A;
    let allowed = [
        (S::Booked, A::CheckIn, S::CheckedIn),
        (S::CheckedIn, A::CallIn, S::WithClinician),
        (S::WithClinician, A::Complete, S::Done),
        (S::Booked, A::Cancel, S::Cancelled),
        (S::CheckedIn, A::Cancel, S::Cancelled),
        (S::Booked, A::NoShow, S::NoShow),
        (S::Booked, A::Reschedule, S::Booked),
    ];
    let actions = [
        A::CheckIn,
        A::CallIn,
        A::Complete,
        A::Cancel,
        A::NoShow,
        A::Reschedule,
    ];
    for from in AppointmentStatus::ALL {
        for action in actions {
            let want = allowed
                .iter()
                .find(|(f, a, _)| *f == from && *a == action)
                .map(|(_, _, to)| *to);
            match (transition(from, action), want) {
                (Ok(to), Some(w)) => assert_eq!(to, w, "{from:?} {action:?}"),
                (Err(e), None) => {
                    assert_eq!(e.field, "status");
                    assert_eq!(e.code, ErrorCode::InvalidValue);
                }
                (got, want) => panic!("{from:?} {action:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}

#[test]
fn active_statuses_block_the_slot() {
    let active: Vec<_> = AppointmentStatus::ALL
        .into_iter()
        .filter(|s| s.is_active())
        .collect();
    assert_eq!(
        active,
        [
            AppointmentStatus::Booked,
            AppointmentStatus::CheckedIn,
            AppointmentStatus::WithClinician
        ]
    );
    for s in AppointmentStatus::ALL {
        assert_eq!(AppointmentStatus::parse(s.as_str()), Some(s));
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[test]
fn bad_input_reports_every_field() {
    let input = AppointmentInput {
        patient_id: String::new(),
        clinician_id: "nope".into(),
        start: "23/11/2026 9h".into(),
        duration_minutes: 0,
        reason: "x".repeat(201),
    };
    let errors = input.validate(today()).unwrap_err();
    let got: Vec<(&str, ErrorCode)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        got,
        [
            ("patient_id", ErrorCode::Required),
            ("clinician_id", ErrorCode::InvalidFormat),
            ("start", ErrorCode::InvalidFormat),
            ("duration_minutes", ErrorCode::OutOfRange),
            ("reason", ErrorCode::TooLong),
        ]
    );
}

#[test]
fn start_cases() {
    let id = uuid::Uuid::from_u128(7).to_string();
    let cases = [
        ("2026-11-23T09:30", Ok("2026-11-23T09:30")),
        (" 2026-11-22T00:00 ", Ok("2026-11-22T00:00")),
        ("2026-11-21T23:59", Err(ErrorCode::OutOfRange)),
        ("12026-11-21T23:59", Err(ErrorCode::InvalidFormat)),
        ("2026-11-23 09:30", Err(ErrorCode::InvalidFormat)),
        ("2026-11-23T25:00", Err(ErrorCode::InvalidFormat)),
        ("", Err(ErrorCode::Required)),
    ];
    for (start, want) in cases {
        let input = AppointmentInput {
            patient_id: id.clone(),
            clinician_id: id.clone(),
            start: start.into(),
            duration_minutes: 20,
            reason: " Fever ".into(),
        };
        match (input.validate(today()), want) {
            (Ok(b), Ok(w)) => {
                assert_eq!(b.start, w);
                assert_eq!(b.reason, "Fever");
            }
            (Err(e), Err(code)) => assert_eq!((e[0].field.as_str(), e[0].code), ("start", code)),
            (got, want) => panic!("{start}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn end_crosses_midnight_and_walk_ins_default_to_fifteen_minutes() {
    assert_eq!(end_of("2026-11-23T23:50", 20).unwrap(), "2026-11-24T00:10");
    assert_eq!(end_of("bad", 20), None);
    let now = NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 41, 37)
        .unwrap();
    let id = uuid::Uuid::from_u128(7).to_string();
    let w = WalkInInput {
        patient_id: id.clone(),
        clinician_id: id,
        duration_minutes: None,
        reason: String::new(),
    }
    .validate(now)
    .unwrap();
    assert_eq!(
        (w.start.as_str(), w.duration_minutes),
        ("2026-11-22T09:41", 15)
    );
}

fn week() -> ScheduleInput {
    let h = |weekday, start: &str, end: &str| WorkingHours {
        weekday,
        start: start.into(),
        end: end.into(),
    };
    ScheduleInput {
        slot_minutes: 30,
        hours: vec![
            h(1, "08:00", "10:00"),
            h(1, "14:00", "15:00"),
            h(3, "09:00", "10:00"),
        ],
        leave: vec!["2026-11-30".into()],
    }
}

#[test]
fn schedules_validate_every_field() {
    let bad = ScheduleInput {
        slot_minutes: 0,
        hours: vec![WorkingHours {
            weekday: 8,
            start: "10:00".into(),
            end: "09:00".into(),
        }],
        leave: vec!["tomorrow".into()],
    };
    let errors = bad.validate("c").unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["slot_minutes", "hours.0.weekday", "hours.0.end", "leave.0"]
    );
}

#[test]
fn working_hours_cover_bookings_and_give_free_slots() {
    let s = week().validate("c").unwrap();
    let at = |t: &str| parse_start(t).unwrap();
    // 2026-11-23 is a Monday; 2026-11-30 a Monday on leave; 2026-11-24 a Tuesday off.
    let cases = [
        ("2026-11-23T08:00", 30, true),
        ("2026-11-23T09:30", 30, true),
        ("2026-11-23T09:45", 30, false),
        ("2026-11-23T07:30", 30, false),
        ("2026-11-23T14:00", 60, true),
        ("2026-11-24T09:00", 30, false),
        ("2026-11-30T08:00", 30, false),
    ];
    for (start, minutes, want) in cases {
        assert_eq!(s.covers(at(start), minutes), want, "{start}");
    }
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let busy = [(
        "2026-11-23T08:15".to_string(),
        "2026-11-23T08:45".to_string(),
    )];
    assert_eq!(
        s.free_slots(day, &busy),
        [
            "2026-11-23T09:00",
            "2026-11-23T09:30",
            "2026-11-23T14:00",
            "2026-11-23T14:30"
        ]
    );
    assert!(s
        .free_slots(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), &[])
        .is_empty());
}
