use super::*;
use chrono::{TimeZone, Utc};

#[test]
fn email_addresses_are_checked() {
    for ok in [
        "a@b.co",
        "marie.dupont@clinique.fr",
        "x+tag@mail.example.org",
    ] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "", "a", "a@", "@b.co", "a@b", "a b@c.de", "a@b..co", "a@-b.co", "a@@b.co", ".a@b.co",
    ] {
        assert!(!is_email(bad), "{bad}");
    }
}

#[test]
fn reminders_go_out_a_day_before_or_at_once() {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let far = Utc.with_ymd_and_hms(2026, 3, 5, 10, 0, 0).unwrap();
    assert_eq!(send_time(far, now), far - chrono::Duration::hours(24));
    let soon = Utc.with_ymd_and_hms(2026, 3, 1, 15, 0, 0).unwrap();
    assert_eq!(send_time(soon, now), now);
}

#[test]
fn texts_follow_the_clinic_language() {
    let mut t = TemplateInput {
        language: "fr",
        clinic_name: "Clinique Espoir",
        patient_given_name: "Awa",
        clinician_name: "Dr Diallo",
        start_local: "2026-03-05T10:30",
    };
    let fr = render(&t);
    assert!(fr.subject.contains("05/03/2026 à 10:30"), "{}", fr.subject);
    assert!(fr.body.starts_with("Bonjour Awa"));
    t.language = "en";
    let en = render(&t);
    assert!(en
        .body
        .contains("appointment on 05/03/2026 at 10:30 with Dr Diallo"));
}

#[test]
fn statuses_and_channels_round_trip() {
    for s in [
        MessageStatus::Queued,
        MessageStatus::Sent,
        MessageStatus::Failed,
        MessageStatus::Cancelled,
    ] {
        assert_eq!(MessageStatus::parse(s.as_str()), Some(s));
    }
    for c in [
        ReminderChannel::None,
        ReminderChannel::Sms,
        ReminderChannel::Email,
    ] {
        assert_eq!(ReminderChannel::parse(c.as_str()), Some(c));
    }
}
