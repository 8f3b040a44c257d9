//! Two server instances on one database: concurrent pushes to the same record both land.
mod support;

use support::docs::{self, patient, PatientDoc};
use support::TestServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_merge_concurrent_edits_of_one_record() {
    let ts = TestServer::start().await;
    let second = ts.another_instance().await;
    let a = ts.device("ALPHA", "A").await;
    let b_dev = ts.device("ALPHA", "B").await;
    let b_api = second.api().with_token(&b_dev.enrolled.token);

    let (mut rec_a, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "Lovelace"));
    a.api.push(vec![rec_a.push(1, &create)]).await.unwrap();
    let mut rec_b = rec_a.fork_for(b_dev.id);

    // Many rounds of concurrent edits of different fields, through both instances at once.
    let mut expected_phone = String::new();
    let mut expected_nid = String::new();
    for round in 0..10i64 {
        let ea = rec_a.edit(|p| p.phone = format!("phone {round}"));
        let eb = rec_b.edit(|p| p.national_id = format!("nid {round}"));
        expected_phone = format!("phone {round}");
        expected_nid = format!("nid {round}");
        let (ra, rb) = tokio::join!(
            a.api.push(vec![rec_a.push(round + 2, &ea)]),
            b_api.push(vec![rec_b.push(round + 1, &eb)])
        );
        assert_eq!(ra.unwrap().applied, 1);
        assert_eq!(rb.unwrap().applied, 1);
    }

    // Sequences: unique and gap-free.
    let client = ts.db.client().await;
    let seqs: Vec<i64> = client
        .query("SELECT seq FROM changes ORDER BY seq", &[])
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(seqs, (1..=21).collect::<Vec<_>>());
    assert_eq!(ts.db.count("SELECT head_seq FROM clinics").await, 21);

    // The server's document holds both sides.
    let snap = a.api.snapshot(None, None).await.unwrap();
    let merged = docs::load(&snap.records[0].doc.0);
    assert_eq!(merged.phone, expected_phone);
    assert_eq!(merged.national_id, expected_nid);
    assert_eq!(merged.given_name, "Ada");

    // And the central projection reflects the merge.
    let row = client
        .query_one("SELECT phone, national_id FROM patients", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), expected_phone);
    assert_eq!(row.get::<_, String>(1), expected_nid);

    // Each side pulls the other's changes and converges.
    let to_a: Vec<_> = a.api.pull_all(0).await;
    for c in &to_a {
        rec_a
            .doc
            .apply_changes([automerge::Change::from_bytes(c.change.0.clone()).unwrap()])
            .unwrap();
    }
    let to_b: Vec<_> = b_api.pull_all(0).await;
    for c in &to_b {
        rec_b
            .doc
            .apply_changes([automerge::Change::from_bytes(c.change.0.clone()).unwrap()])
            .unwrap();
    }
    assert_eq!(rec_a.value(), merged);
    assert_eq!(rec_b.value(), merged);
    second.stop().await;
}
