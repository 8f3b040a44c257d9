use super::*;
use chrono::NaiveDateTime;

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-23T10:15", "%Y-%m-%dT%H:%M").unwrap()
}

fn fields(e: Vec<crate::FieldError>) -> Vec<String> {
    e.into_iter().map(|e| e.field).collect()
}

const ID: &str = "6f1c2a4e-8a5b-4c1d-9e2f-0a1b2c3d4e5f";

#[test]
fn named_sessions_take_their_hours() {
    let a = AssignmentInput {
        room_id: ID.into(),
        clinician_id: ID.into(),
        day: "2026-11-23".into(),
        session: Session::Afternoon,
        start: "junk".into(),
        end: String::new(),
    }
    .validate()
    .unwrap();
    assert_eq!((a.start.as_str(), a.end.as_str()), ("12:00", "17:00"));
}

#[test]
fn custom_session_needs_ordered_times() {
    let bad = AssignmentInput {
        room_id: "x".into(),
        clinician_id: String::new(),
        day: "23/11/2026".into(),
        session: Session::Custom,
        start: "14:00".into(),
        end: "09:00".into(),
    };
    assert_eq!(
        fields(bad.validate().unwrap_err()),
        ["room_id", "clinician_id", "day", "end"]
    );
    let ok = AssignmentInput {
        room_id: ID.into(),
        clinician_id: ID.into(),
        day: "2026-11-23".into(),
        session: Session::Custom,
        start: "9:05".into(),
        end: "13:30".into(),
    }
    .validate()
    .unwrap();
    assert_eq!((ok.start.as_str(), ok.end.as_str()), ("09:05", "13:30"));
}

#[test]
fn overlap_is_half_open() {
    assert!(overlaps("07:00", "12:00", "11:59", "13:00"));
    assert!(!overlaps("07:00", "12:00", "12:00", "17:00"));
    assert!(overlaps("12:00", "17:00", "07:00", "22:00"));
}

#[test]
fn room_and_department_inputs() {
    let bad = RoomInput {
        name: "  ".into(),
        kind: RoomKind::Bed,
        department_id: "dept".into(),
    };
    assert_eq!(
        fields(bad.validate().unwrap_err()),
        ["name", "department_id"]
    );
    let (name, dept) = RoomInput {
        name: " Bed 4 ".into(),
        kind: RoomKind::Bed,
        department_id: String::new(),
    }
    .validate()
    .unwrap();
    assert_eq!((name.as_str(), dept), ("Bed 4", None));
    let long = DepartmentInput {
        name: "x".repeat(MAX_NAME + 1),
    };
    assert_eq!(fields(long.validate().unwrap_err()), ["name"]);
}

#[test]
fn admission_time_defaults_to_now_and_is_never_future() {
    let (_, _, at, _) = AdmitInput {
        room_id: ID.into(),
        patient_id: ID.into(),
        ..Default::default()
    }
    .validate(now())
    .unwrap();
    assert_eq!(at, "2026-11-23T10:15");
    let bad = AdmitInput {
        room_id: ID.into(),
        patient_id: "p".into(),
        admitted_at: "2026-11-23T11:00".into(),
        note: String::new(),
    };
    assert_eq!(
        fields(bad.validate(now()).unwrap_err()),
        ["patient_id", "admitted_at"]
    );
    let bad = DischargeInput {
        room_id: ID.into(),
        stay_id: ID.into(),
        discharged_at: "yesterday".into(),
    };
    assert_eq!(fields(bad.validate(now()).unwrap_err()), ["discharged_at"]);
}

#[test]
fn occupants_are_open_stays() {
    let mut room = Room {
        kind: RoomKind::Bed,
        ..Default::default()
    };
    for (id, out) in [("a", ""), ("b", "2026-11-20T09:00"), ("c", "")] {
        room.stays.push(BedStay {
            id: id.into(),
            discharged_at: out.into(),
            ..Default::default()
        });
    }
    let open: Vec<&str> = room.occupants().map(|s| s.id.as_str()).collect();
    assert_eq!(open, ["a", "c"]);
    assert_eq!(RoomKind::parse("bed"), Some(RoomKind::Bed));
}
