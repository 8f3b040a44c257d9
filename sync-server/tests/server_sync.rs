//! Push, pull and snapshots with real Automerge changes against a real server and PostgreSQL.
mod support;

use support::docs::{self, patient, PatientDoc};
use support::TestServer;

#[tokio::test]
async fn push_then_pull_round_trips_real_changes() {
    let ts = TestServer::start().await;
    let a = ts.device("ALPHA", "Front desk").await;
    let b = ts.device("ALPHA", "Consultation").await;

    let (mut rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "Lovelace"));
    let edit = rec.edit(|p| p.phone = "+33 1 23 45 67 89".into());
    let pushed = a
        .api
        .push(vec![rec.push(1, &create), rec.push(2, &edit)])
        .await
        .unwrap();
    assert_eq!(
        (pushed.applied, pushed.duplicates, pushed.rejected.len()),
        (2, 0, 0)
    );
    assert_eq!(pushed.acked_local_seq, 2);
    assert_eq!(pushed.head_seq, 2);

    // The other PC gets both changes, in order, and rebuilds the same patient.
    let pulled = b.api.pull(0, None).await.unwrap();
    assert_eq!(
        pulled.changes.iter().map(|c| c.seq).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(
        (pulled.next_after, pulled.more, pulled.head_seq),
        (2, false, 2)
    );
    let bytes: Vec<Vec<u8>> = pulled.changes.iter().map(|c| c.change.0.clone()).collect();
    assert_eq!(docs::from_changes(&bytes), rec.value());

    // The pushing PC does not get its own changes back, but its cursor moves past them.
    let own = a.api.pull(0, None).await.unwrap();
    assert!(own.changes.is_empty());
    assert_eq!((own.next_after, own.more), (2, false));

    // Central projection.
    let row = ts
        .db
        .client()
        .await
        .query_one(
            "SELECT patient_number, given_name, family_name, phone, deleted FROM patients WHERE id = $1",
            &[&rec.id],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "ALPHA-AA-1");
    assert_eq!(row.get::<_, String>(1), "Ada");
    assert_eq!(row.get::<_, String>(3), "+33 1 23 45 67 89");
    assert!(!row.get::<_, bool>(4));

    let status = b.api.status().await.unwrap();
    assert_eq!((status.head_seq, status.records), (2, 1));
}

#[tokio::test]
async fn the_same_batch_twice_is_stored_once() {
    let ts = TestServer::start().await;
    let a = ts.device("ALPHA", "Front desk").await;
    let (mut rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "Lovelace"));
    let edit = rec.edit(|p| p.given_name = "Augusta".into());
    let batch = vec![rec.push(1, &create), rec.push(2, &edit)];
    let first = a.api.push(batch.clone()).await.unwrap();
    let again = a.api.push(batch).await.unwrap();
    assert_eq!((first.applied, first.duplicates), (2, 0));
    assert_eq!((again.applied, again.duplicates), (0, 2));
    assert_eq!(again.acked_local_seq, 2);
    assert_eq!(again.head_seq, 2);
    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, 2);
    assert_eq!(ts.db.count("SELECT count(*) FROM patients").await, 1);
    // A change repeated inside one batch counts once too.
    let edit2 = rec.edit(|p| p.family_name = "King".into());
    let dup = a
        .api
        .push(vec![rec.push(3, &edit2), rec.push(4, &edit2)])
        .await
        .unwrap();
    assert_eq!((dup.applied, dup.duplicates, dup.head_seq), (1, 1, 3));
}

#[tokio::test]
async fn sequences_are_per_clinic_and_pull_pages() {
    let ts = TestServer::start().await;
    ts.main
        .server
        .admin()
        .create_clinic("BETA", "Beta")
        .await
        .unwrap();
    let a = ts.device("ALPHA", "A1").await;
    let a2 = ts.device("ALPHA", "A2").await;
    let b = ts.device("BETA", "B1").await;

    let mut local = 0;
    let mut batch = Vec::new();
    for i in 0..7 {
        let (rec, create) = PatientDoc::create(a.id, &patient(&format!("ALPHA-AA-{i}"), "P", "Q"));
        local += 1;
        batch.push(rec.push(local, &create));
    }
    assert_eq!(a.api.push(batch).await.unwrap().head_seq, 7);
    let (rec, create) = PatientDoc::create(b.id, &patient("BETA-AA-1", "B", "B"));
    assert_eq!(
        b.api
            .push(vec![rec.push(1, &create)])
            .await
            .unwrap()
            .head_seq,
        1
    );

    // Pages of 3 from a2: 3, 3, 1.
    let p1 = a2.api.pull(0, Some(3)).await.unwrap();
    assert_eq!((p1.changes.len(), p1.next_after, p1.more), (3, 3, true));
    let p2 = a2.api.pull(p1.next_after, Some(3)).await.unwrap();
    assert_eq!((p2.changes.len(), p2.next_after, p2.more), (3, 6, true));
    let p3 = a2.api.pull(p2.next_after, Some(3)).await.unwrap();
    assert_eq!((p3.changes.len(), p3.next_after, p3.more), (1, 7, false));
    let seqs: Vec<i64> = [p1, p2, p3]
        .iter()
        .flat_map(|p| p.changes.iter().map(|c| c.seq))
        .collect();
    assert_eq!(seqs, (1..=7).collect::<Vec<_>>());

    // A limit above the maximum is clamped, not refused.
    assert_eq!(
        a2.api.pull(0, Some(1_000_000)).await.unwrap().changes.len(),
        7
    );
}

#[tokio::test]
async fn snapshots_page_through_every_record() {
    let ts = TestServer::start().await;
    let a = ts.device("ALPHA", "A1").await;
    let mut batch = Vec::new();
    let mut expected = std::collections::BTreeMap::new();
    for i in 0..5 {
        let (mut rec, create) =
            PatientDoc::create(a.id, &patient(&format!("ALPHA-AA-{i}"), "P", "Q"));
        let edit = rec.edit(|p| p.national_id = format!("NID{i}"));
        batch.push(rec.push(2 * i + 1, &create));
        batch.push(rec.push(2 * i + 2, &edit));
        expected.insert(rec.id, rec.value());
    }
    a.api.push(batch).await.unwrap();
    let newcomer = ts.device("ALPHA", "New PC").await;
    let mut after = None;
    let mut got = std::collections::BTreeMap::new();
    let mut pages = 0;
    loop {
        let page = newcomer.api.snapshot(after, Some(2)).await.unwrap();
        assert_eq!(page.total, 5);
        pages += 1;
        for r in page.records {
            got.insert(r.id, docs::load(&r.doc.0));
        }
        match page.next_after_id {
            Some(id) => after = Some(id),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(got, expected);
}

#[tokio::test]
async fn a_change_before_its_dependency_is_kept_and_applied_later() {
    let ts = TestServer::start().await;
    let a = ts.device("ALPHA", "A1").await;
    let b = ts.device("ALPHA", "B1").await;
    let (mut rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "L"));
    let e1 = rec.edit(|p| p.given_name = "Ava".into());
    let e2 = rec.edit(|p| p.family_name = "Lo".into());
    a.api.push(vec![rec.push(1, &create)]).await.unwrap();
    // e2 arrives before e1: stored and distributed, but waiting.
    let r = a.api.push(vec![rec.push(3, &e2)]).await.unwrap();
    assert_eq!((r.applied, r.rejected.len()), (1, 0));
    assert_eq!(
        ts.db
            .count("SELECT count(*) FROM changes WHERE NOT applied")
            .await,
        1
    );
    // A newcomer's snapshot carries the waiting change too.
    let snap = b.api.snapshot(None, None).await.unwrap();
    let loaded = docs::load(&snap.records[0].doc.0);
    assert_eq!(loaded.given_name, "Ada");
    // e1 arrives: the server's document now has all three.
    a.api.push(vec![rec.push(2, &e1)]).await.unwrap();
    assert_eq!(
        ts.db
            .count("SELECT count(*) FROM changes WHERE NOT applied")
            .await,
        0
    );
    let snap = b.api.snapshot(None, None).await.unwrap();
    assert_eq!(docs::load(&snap.records[0].doc.0), rec.value());
    let family: String = ts
        .db
        .client()
        .await
        .query_one("SELECT family_name FROM patients", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(family, "Lo");
    let all: Vec<Vec<u8>> = b
        .api
        .pull_all(0)
        .await
        .into_iter()
        .map(|c| c.change.0)
        .collect();
    assert_eq!(docs::from_changes(&all), rec.value());
}

#[tokio::test]
async fn bad_changes_are_rejected_and_the_batch_goes_on() {
    let ts = TestServer::start().await;
    let a = ts.device("ALPHA", "A1").await;
    let (rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "L"));
    let (other, other_create) = PatientDoc::create(a.id, &patient("ALPHA-AA-2", "Bo", "M"));
    // The same bytes, first sent for the wrong record (refused), then for the right one (applied).
    let mut as_user = other.push(3, &other_create);
    as_user.kind = clinic_domain::RecordKind::User;
    as_user.record_id = rec.id;
    let r = a
        .api
        .push(vec![
            rec.push(1, &create),
            clinic_domain::sync::PushChange {
                local_seq: 2,
                record_id: uuid::Uuid::now_v7(),
                kind: clinic_domain::RecordKind::Patient,
                change: vec![1, 2, 3].into(),
            },
            as_user,
            other.push(4, &other_create),
        ])
        .await
        .unwrap();
    assert_eq!(r.applied, 2);
    assert_eq!(r.acked_local_seq, 4);
    let reasons: Vec<(i64, String)> = r
        .rejected
        .iter()
        .map(|c| (c.local_seq, c.reason.clone()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].1.contains("not an Automerge change"));
    assert!(reasons[1].1.contains("is a patient, not a user"));
    assert_eq!(
        ts.db.count("SELECT count(*) FROM rejected_changes").await,
        2
    );
    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, 2);
}
