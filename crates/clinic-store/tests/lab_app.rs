//! The window's path through `App` with real users and sessions: a doctor orders, a technician
//! collects, receives and enters results but may not validate them, a colleague validates, and
//! the doctor is reminded, prints the report and acknowledges.
mod common;

use clinic_domain::encounter::EncounterOpenInput;
use clinic_domain::lab::{LabOrderInput, LabPriority, LabResultInput, LabResultsInput, LabStatus};
use clinic_domain::user::NewUserInput;
use clinic_domain::ErrorCode;
use clinic_store::app::App;
use clinic_store::Error;
use common::*;

const PW: &str = "long enough pass 7";

fn user(app: &App, username: &str, display: &str, role: &str) {
    app.create_user(NewUserInput {
        username: username.into(),
        display_name: display.into(),
        role: role.into(),
        password: PW.into(),
    })
    .unwrap();
}

fn as_user(app: &App, username: &str) {
    app.logout().unwrap();
    app.login(username, PW, None).unwrap();
}

#[test]
fn a_session_per_person_through_the_whole_lab_flow() {
    let t = store();
    let app = App::on_store(t.store);
    assert!(matches!(app.lab_tests(), Err(Error::Unauthenticated)));
    app.login("admin", PASSWORD, None).unwrap();
    assert!(app.lab_tests().unwrap().len() >= 20);
    user(&app, "okello", "Dr Okello", "doctor");
    user(&app, "mukasa", "Peter Mukasa", "lab_technician");
    user(&app, "namuli", "Grace Namuli", "lab_technician");
    let p = app
        .register_patient(patient("Amina", "Nakato", "1990-04-12"))
        .unwrap();

    as_user(&app, "okello");
    let e = app
        .open_encounter(EncounterOpenInput {
            patient_id: p.id.clone(),
            appointment_id: None,
            chief_complaint: "Tired".into(),
        })
        .unwrap();
    let o = app
        .order_lab_tests(&LabOrderInput {
            encounter_id: e.id.clone(),
            test_ids: vec!["hb".into(), "tsh".into()],
            priority: LabPriority::Routine,
            clinical_note: String::new(),
        })
        .unwrap();
    assert_eq!(o.order.ordered_by_name, "Dr Okello");
    assert!(matches!(
        app.collect_lab_sample("not-an-id"),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(app.lab_work_list("done"), Err(Error::Invalid(_))));

    as_user(&app, "mukasa");
    app.collect_lab_sample(&o.id).unwrap();
    assert_eq!(
        app.print_lab_label(&o.id).unwrap().file_name,
        "label-LAB-KLA-A1-000001.pdf"
    );
    app.receive_lab_sample(&o.id).unwrap();
    let input = LabResultsInput {
        results: vec![
            LabResultInput {
                test_id: "hb".into(),
                value: "11.0".into(),
                comment: "Repeat in 3 months".into(),
            },
            LabResultInput {
                test_id: "tsh".into(),
                value: "2.1".into(),
                comment: String::new(),
            },
        ],
    };
    let r = app.enter_lab_results(&o.id, &input).unwrap();
    assert_eq!(r.order.status, LabStatus::Resulted);
    assert_eq!(r.order.tests[0].entered_by_name, "Peter Mukasa");
    match app.validate_lab_results(&o.id) {
        Err(Error::Invalid(f)) => assert_eq!(f[0].code, ErrorCode::Forbidden),
        other => panic!("own results validated: {other:?}"),
    }
    assert_eq!(app.lab_work_list("resulted").unwrap().len(), 1);

    as_user(&app, "namuli");
    let v = app.validate_lab_results(&o.id).unwrap();
    assert_eq!(v.order.validated_by_name, "Grace Namuli");
    assert!(matches!(
        app.lab_results_to_review(),
        Err(Error::Forbidden(_))
    ));

    as_user(&app, "okello");
    let review = app.lab_results_to_review().unwrap();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].abnormal_count, 1, "Hb 11.0 is low for a woman");
    let chart = app.open_chart(&p.id).unwrap();
    assert_eq!(chart.lab_orders.unwrap()[0].status, LabStatus::Validated);
    assert!(app.print_lab_report(&o.id).unwrap().pdf_base64.len() > 100);
    app.acknowledge_lab_results(&o.id).unwrap();
    assert!(app.lab_results_to_review().unwrap().is_empty());
    let results = app.patient_lab_results(&p.id, Some("hb")).unwrap();
    assert_eq!(results[0].flag, "L");
}
