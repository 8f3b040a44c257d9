//! Faults between real stores and the real server: a batch delivered twice, a client stopped
//! between receiving a pull page and saving its cursor, the link cut mid-pull by a proxy, and the
//! server process killed mid-push. Each time: nothing lost, nothing doubled, next sync completes.
mod client_support;
mod support;

use client_support::*;
use clinic_domain::sync::PulledChange;
use clinic_sync::SyncErrorKind;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use support::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A TCP proxy that counts bytes going up and, when armed, drops the link after `n` bytes came down.
struct Proxy {
    base: String,
    /// Bytes the server may still send before the link is cut; negative: never cut.
    budget: Arc<AtomicI64>,
    up: Arc<AtomicU64>,
}

impl Proxy {
    async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let budget = Arc::new(AtomicI64::new(-1));
        let up = Arc::new(AtomicU64::new(0));
        let (b, u) = (budget.clone(), up.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, target, b.clone(), u.clone()));
            }
        });
        Proxy { base, budget, up }
    }

    fn cut_after(&self, bytes: i64) {
        self.budget.store(bytes, Ordering::SeqCst);
    }
}

async fn relay(client: TcpStream, target: SocketAddr, budget: Arc<AtomicI64>, up: Arc<AtomicU64>) {
    let Ok(server) = TcpStream::connect(target).await else {
        return;
    };
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let upward = async {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = cr.read(&mut buf).await {
            if n == 0 || sw.write_all(&buf[..n]).await.is_err() {
                break;
            }
            up.fetch_add(n as u64, Ordering::SeqCst);
        }
    };
    let downward = async {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = sr.read(&mut buf).await {
            if n == 0 {
                break;
            }
            let left = budget.load(Ordering::SeqCst);
            if left >= 0 && (n as i64) > left {
                // Cut: what fits, then nothing. Disarmed, so the next sync gets through.
                let _ = cw.write_all(&buf[..left as usize]).await;
                budget.store(-1, Ordering::SeqCst);
                return;
            }
            if left >= 0 {
                budget.fetch_sub(n as i64, Ordering::SeqCst);
            }
            if cw.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    tokio::select! {
        _ = upward => {}
        _ = downward => {}
    }
}

fn local_log(pc: &Pc) -> i64 {
    pc.with(|s| s.count_rows("change_log")).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_sent_twice_is_stored_once() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.unwrap();
    for i in 0..5 {
        a.register(&format!("P{i}"));
    }
    assert_eq!(a.sync().await.unwrap().pushed, 5);
    // The acknowledgement was "lost": the PC sends everything again.
    a.with(|s| s.set_push_cursor(0)).unwrap();
    let again = a.sync().await.unwrap();
    assert_eq!((again.pushed, again.duplicates, again.rejected), (0, 6, 0));
    assert_eq!(server.db.count("SELECT count(*) FROM changes").await, 6);
    assert_eq!(server.db.count("SELECT count(*) FROM patients").await, 5);
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.unwrap();
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_stopped_between_a_pull_page_and_its_cursor_loses_and_doubles_nothing() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.unwrap();
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.unwrap();
    for i in 0..10 {
        a.register(&format!("P{i}"));
    }
    a.sync().await.unwrap();
    // B receives the page, then stops mid-way through applying it: the transaction never commits.
    let token = b.with(|s| s.sync_token()).unwrap().unwrap();
    let cursor = b.with(|s| s.sync_state()).unwrap().pull_cursor;
    let page = server
        .api()
        .with_token(&token)
        .pull(cursor, None)
        .await
        .unwrap();
    assert_eq!(page.changes.len(), 10);
    let mut broken: Vec<PulledChange> = page.changes.clone();
    broken.last_mut().unwrap().change = vec![0xde, 0xad].into();
    let before = local_log(&b);
    assert!(b
        .with(|s| s.apply_pulled(&broken, page.next_after))
        .is_err());
    b.reopen();
    assert_eq!(local_log(&b), before, "nothing of the page was kept");
    assert_eq!(b.with(|s| s.sync_state()).unwrap().pull_cursor, cursor);
    // Next sync completes.
    assert_eq!(b.sync().await.unwrap().pulled, 10);
    assert_eq!(local_log(&b), before + 10);
    // Delivered once more (a cursor from before): nothing doubles.
    b.with(|s| s.set_pull_cursor(cursor)).unwrap();
    assert_eq!(b.sync().await.unwrap().pulled, 0);
    assert_eq!(local_log(&b), before + 10);
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_cut_mid_pull_fails_offline_and_the_next_sync_completes() {
    let server = TestServer::start().await;
    let target: SocketAddr = server
        .main
        .base
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    let proxy = Proxy::start(target).await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.unwrap();
    let mut b = Pc::empty();
    b.options.pull_limit = 100;
    b.connect_to(&server, &proxy.base, "ALPHA").await.unwrap();
    let actor = a.actor();
    let inputs: Vec<_> = (0..1000)
        .map(|i| input(&format!("Given{i}"), "Cut"))
        .collect();
    a.with(|s| {
        s.register_patients(&actor, &inputs, clinic_domain::ChangeSource::Import)
            .map(|_| ())
    })
    .unwrap();
    a.sync().await.unwrap();
    let before = local_log(&b);

    proxy.cut_after(8_000);
    let e = b.sync().await.unwrap_err();
    assert_eq!(e.kind, SyncErrorKind::Offline, "{e}");
    let status = b.with(|s| clinic_sync::SyncStatus::read(s, false)).unwrap();
    assert!(!status.online);
    let partial = local_log(&b) - before;
    assert!(
        partial < 1000,
        "the cut stopped the pull ({partial} applied)"
    );

    let done = b.sync().await.unwrap();
    assert_eq!(done.pulled as i64 + partial, 1000, "every change once");
    assert_eq!(local_log(&b), before + 1000);
    assert_converged(&server, "ALPHA", &[&a, &b]).await;

    // A sync with nothing to do is one small pull request, whatever the store holds.
    let up = proxy.up.load(Ordering::SeqCst);
    let idle = b.sync().await.unwrap();
    assert_eq!((idle.pushed, idle.pulled), (0, 0));
    let sent = proxy.up.load(Ordering::SeqCst) - up;
    assert!(sent < 1_000, "an idle sync sent {sent} bytes");
}

/// The real server binary, on a fixed port so it can be started again.
struct Binary(std::process::Child);

impl Binary {
    async fn start(server: &TestServer, listen: SocketAddr) -> Binary {
        // Owned by `Binary` at once, so it is killed even if it never comes up.
        let binary = Binary(
            std::process::Command::new(env!("CARGO_BIN_EXE_clinic-sync-server"))
                .arg("serve")
                .env("DATABASE_URL", &server.db.url)
                .env("CLINIC_SYNC_LISTEN", listen.to_string())
                .env("CLINIC_ATTACHMENTS_DIR", server.dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start clinic-sync-server"),
        );
        let health = format!("http://{listen}/health");
        for _ in 0..300 {
            if let Ok(r) = reqwest::get(&health).await {
                if r.status().is_success() {
                    return binary;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("clinic-sync-server did not come up");
    }

    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        self.kill();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_killed_mid_push_loses_and_doubles_nothing() {
    let server = TestServer::start().await;
    let listen: SocketAddr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let mut binary = Binary::start(&server, listen).await;
    let proxy = Proxy::start(listen).await;
    let mut a = Pc::offline("ALPHA", "A1");
    a.options.push_batch = 200;
    a.connect_to(&server, &proxy.base, "ALPHA").await.unwrap();
    let actor = a.actor();
    let inputs: Vec<_> = (0..2000)
        .map(|i| input(&format!("Given{i}"), "Kill"))
        .collect();
    a.with(|s| {
        s.register_patients(&actor, &inputs, clinic_domain::ChangeSource::Import)
            .map(|_| ())
    })
    .unwrap();
    let a = Arc::new(a);

    let start = proxy.up.load(Ordering::SeqCst);
    let pushing = {
        let a = a.clone();
        tokio::spawn(async move { a.sync().await })
    };
    // Kill it once the third batch is on its way (a batch of 200 is about 9 KB gzipped).
    while proxy.up.load(Ordering::SeqCst) < start + 25_000 && !pushing.is_finished() {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    binary.kill();
    let first = pushing.await.unwrap();
    let e = first.expect_err("the push was cut by the kill");
    assert!(
        matches!(e.kind, SyncErrorKind::Offline | SyncErrorKind::Server),
        "{e}"
    );
    let left = a.pending();
    assert!(left > 0, "some batches were still to go");

    let _again = Binary::start(&server, listen).await;
    let done = a.sync().await.unwrap();
    assert_eq!(done.rejected, 0);
    assert_eq!(a.pending(), 0);
    // Exactly once: the administrator and 2000 patients, each change stored one time.
    assert_eq!(server.db.count("SELECT count(*) FROM changes").await, 2001);
    assert_eq!(server.db.count("SELECT count(*) FROM patients").await, 2000);
    assert!(
        done.pushed + done.duplicates >= left,
        "what was pending went up"
    );
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.unwrap();
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
}
