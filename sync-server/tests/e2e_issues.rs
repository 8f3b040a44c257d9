//! Sync issues through the real server: two PCs edit one field offline and register the same
//! person; after syncing, both hold the same open issues (one record each, same ids) and the
//! central `sync_issues` table has them; a resolution on one PC reaches the other and the server.
mod client_support;
mod support;

use client_support::*;
use clinic_domain::sync_issue::{SyncIssueKind, SyncIssueStatus};
use clinic_store::sync_issues::SyncIssueView;
use support::TestServer;
use uuid::Uuid;

fn issues(pc: &Pc, status: Option<SyncIssueStatus>) -> Vec<SyncIssueView> {
    let actor = pc.actor();
    pc.with(|s| s.sync_issues(&actor, status)).unwrap()
}

fn keys(v: &[SyncIssueView]) -> Vec<(String, &'static str)> {
    let mut out: Vec<_> = v.iter().map(|i| (i.id.clone(), i.kind.as_str())).collect();
    out.sort();
    out
}

async fn central(server: &TestServer) -> Vec<(String, &'static str, String)> {
    let rows = server
        .db
        .client()
        .await
        .query(
            "SELECT s.id, s.kind, s.status FROM sync_issues s JOIN clinics c ON c.id = s.clinic_id
             WHERE c.code = 'ALPHA' ORDER BY s.id::text",
            &[],
        )
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let kind = match r.get::<_, String>(1).as_str() {
                "field_conflict" => SyncIssueKind::FieldConflict.as_str(),
                _ => SyncIssueKind::LikelyDuplicate.as_str(),
            };
            (r.get::<_, Uuid>(0).to_string(), kind, r.get(2))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pcs_end_with_the_same_open_issues_and_the_central_rows() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.expect("A connects");
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.expect("B joins");
    let id = a.register("Amina");
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    // Offline: both change the same phone, and both register the same person.
    a.edit(id, |p| p.phone = "0772 111111".into());
    b.edit(id, |p| p.phone = "0772 222222".into());
    a.register("Grace");
    b.register("Grace");
    a.sync().await.unwrap();
    // B finds both issues while pulling, and sends them up in the same sync.
    b.sync().await.unwrap();
    assert_eq!(b.pending(), 0, "issues found in a sync go up in it");
    // A finds the same issues (same ids) and receives B's copies: one record each.
    a.sync().await.unwrap();
    assert_eq!(a.pending(), 0);

    let (ia, ib) = (issues(&a, None), issues(&b, None));
    assert_eq!(ia.len(), 2, "{ia:?}");
    assert_eq!(keys(&ia), keys(&ib));
    let mut kinds: Vec<_> = ia.iter().map(|i| i.kind.as_str()).collect();
    kinds.sort();
    assert_eq!(kinds, ["field_conflict", "likely_duplicate"]);
    assert!(ia.iter().all(|i| i.status == SyncIssueStatus::Open));
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
    let want: Vec<_> = keys(&ia)
        .into_iter()
        .map(|(id, kind)| (id, kind, "open".to_string()))
        .collect();
    assert_eq!(central(&server).await, want, "central sync_issues rows");

    // Resolved on B: the value reaches A, the issue is resolved everywhere.
    let conflict = ib
        .iter()
        .find(|i| i.kind == SyncIssueKind::FieldConflict)
        .unwrap();
    let pick = conflict
        .options
        .iter()
        .position(|o| o.value == "0772 111111")
        .unwrap();
    let issue_id = Uuid::parse_str(&conflict.id).unwrap();
    let actor = b.actor();
    b.with(|s| s.resolve_conflict(&actor, issue_id, pick))
        .unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();
    assert_eq!(a.patient(id).phone, "0772 111111");
    assert_eq!(issues(&a, Some(SyncIssueStatus::Open)).len(), 1);
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
    let rows = central(&server).await;
    let row = rows.iter().find(|r| r.0 == conflict.id).unwrap();
    assert_eq!(row.2, "resolved");
}
