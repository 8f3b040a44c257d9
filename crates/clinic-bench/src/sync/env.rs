//! The sync bench's world: a fresh PostgreSQL database (created here, dropped at the end), the real
//! server in-process on 127.0.0.1:0 in its own 2-thread runtime, and a tiny TCP proxy in front of it
//! that counts the bytes going each way (what the PCs send and receive, compressed as sent).

use crate::BenchResult;
use clinic_sync_server::{Config, Server};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use uuid::Uuid;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// `url` with its database name replaced.
fn with_dbname(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host}/{db}?{q}"),
        None => format!("{host}/{db}"),
    }
}

async fn admin_sql(maintenance_url: &str, sql: &str) -> BenchResult<()> {
    let (client, conn) = tokio_postgres::connect(maintenance_url, tokio_postgres::NoTls).await?;
    let conn = tokio::spawn(conn);
    client.batch_execute(sql).await?;
    drop(client);
    let _ = conn.await;
    Ok(())
}

/// Bytes through the proxy: `up` from the PCs to the server, `down` back.
#[derive(Debug, Clone, Default)]
pub struct Wire {
    up: Arc<AtomicU64>,
    down: Arc<AtomicU64>,
}

impl Wire {
    pub fn now(&self) -> (u64, u64) {
        (
            self.up.load(Ordering::Relaxed),
            self.down.load(Ordering::Relaxed),
        )
    }
}

/// The running server, its database and the counting proxy the PCs talk to.
pub struct Env {
    pub rt: tokio::runtime::Runtime,
    pub server: Server,
    /// The address the PCs use (the proxy).
    pub url: String,
    pub wire: Wire,
    /// The server itself (not through the proxy), for `/metrics`.
    direct: SocketAddr,
    pub db_name: String,
    maintenance_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Env {
    pub fn start(maintenance_url: &str, attachments: &std::path::Path) -> BenchResult<Env> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("server")
            .enable_all()
            .build()?;
        let db_name = format!("clinic_bench_{}", Uuid::new_v4().simple());
        rt.block_on(admin_sql(
            maintenance_url,
            &format!("CREATE DATABASE {db_name}"),
        ))?;
        let mut env = HashMap::new();
        env.insert(
            "DATABASE_URL".to_string(),
            with_dbname(maintenance_url, &db_name),
        );
        env.insert("CLINIC_SYNC_LISTEN".into(), "127.0.0.1:0".into());
        env.insert(
            "CLINIC_ATTACHMENTS_DIR".into(),
            attachments.display().to_string(),
        );
        let started = rt.block_on(async {
            let server = Server::start(Config::load(None, &env)?).await?;
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let target = listener.local_addr()?;
            let (stop, stopped) = oneshot::channel::<()>();
            let task = tokio::spawn(server.clone().serve(listener, async move {
                let _ = stopped.await;
            }));
            let wire = Wire::default();
            let proxy = proxy(target, wire.clone()).await?;
            BenchResult::Ok((server, proxy, target, wire, stop, task))
        });
        let (server, proxy, direct, wire, stop, task) = match started {
            Ok(s) => s,
            Err(e) => {
                let _ = rt.block_on(drop_db(maintenance_url, &db_name));
                return Err(e);
            }
        };
        Ok(Env {
            rt,
            server,
            url: format!("http://{proxy}"),
            wire,
            direct,
            db_name,
            maintenance_url: maintenance_url.to_string(),
            stop: Some(stop),
            task: Some(task),
        })
    }

    pub fn create_clinic(&self, code: &str) -> BenchResult<()> {
        self.rt
            .block_on(self.server.admin().create_clinic(code, "Bench Clinic"))?;
        Ok(())
    }

    pub fn enrollment_code(&self, clinic: &str) -> BenchResult<String> {
        Ok(self
            .rt
            .block_on(self.server.admin().issue_enrollment_code(clinic))?)
    }

    /// Time the server spent merging push batches so far (`clinic_sync_merge_seconds_sum` of
    /// `/metrics`: `merge::push` with its PostgreSQL statements, without HTTP and decoding).
    pub fn merge_time(&self) -> BenchResult<Duration> {
        let text = self.rt.block_on(async {
            let mut s = TcpStream::connect(self.direct).await?;
            s.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
                .await?;
            let mut out = Vec::new();
            s.read_to_end(&mut out).await?;
            std::io::Result::Ok(String::from_utf8_lossy(&out).into_owned())
        })?;
        let secs = text
            .lines()
            .find_map(|l| l.strip_prefix("clinic_sync_merge_seconds_sum "))
            .ok_or("no clinic_sync_merge_seconds_sum in /metrics")?
            .trim()
            .parse::<f64>()?;
        Ok(Duration::from_secs_f64(secs))
    }

    /// Stops the server and drops the database.
    pub fn finish(mut self) -> BenchResult<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> BenchResult<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = self.rt.block_on(task);
        }
        if self.db_name.is_empty() {
            return Ok(());
        }
        let name = std::mem::take(&mut self.db_name);
        self.rt.block_on(drop_db(&self.maintenance_url, &name))
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

async fn drop_db(maintenance_url: &str, name: &str) -> BenchResult<()> {
    admin_sql(
        maintenance_url,
        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    )
    .await
}

/// Forwards every connection on a new loopback port to `target`, counting bytes each way.
async fn proxy(target: SocketAddr, wire: Wire) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let wire = wire.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(target).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::join!(pipe(cr, sw, wire.up), pipe(sr, cw, wire.down));
            });
        }
    });
    Ok(addr)
}

async fn pipe(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, count: Arc<AtomicU64>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => {
                let _ = to.shutdown().await;
                return;
            }
            Ok(n) => {
                count.fetch_add(n as u64, Ordering::Relaxed);
                if to.write_all(&buf[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// `/proc/loadavg`'s first three numbers (1, 5, 15 minutes), or "?" elsewhere.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".into())
}
