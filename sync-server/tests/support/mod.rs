//! Test support: a real server on loopback with its own fresh PostgreSQL database and attachment
//! folder, a small HTTP client, and real Automerge patient documents.
#![allow(dead_code)]

pub mod docs;

use clinic_domain::sync::*;
use clinic_sync_server::{AttachmentConfig, Config, Server};
use std::collections::HashMap;
use tokio::sync::oneshot;
use uuid::Uuid;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn maintenance_url() -> String {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.into())
}

/// `url` with its database name replaced.
pub fn with_dbname(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

async fn maintenance_client() -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(&maintenance_url(), tokio_postgres::NoTls)
        .await
        .expect("PostgreSQL is reachable (set DATABASE_URL or run scripts/with-services.sh)");
    tokio::spawn(conn);
    client
}

/// A fresh database, dropped when this value is dropped.
pub struct TestDb {
    pub url: String,
    pub name: String,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let name = format!("clinic_t_{}", Uuid::new_v4().simple());
        maintenance_client()
            .await
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        TestDb {
            url: with_dbname(&maintenance_url(), &name),
            name,
        }
    }

    pub async fn client(&self) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
            .await
            .expect("connect to test database");
        tokio::spawn(conn);
        client
    }

    pub async fn count(&self, sql: &str) -> i64 {
        self.client()
            .await
            .query_one(sql, &[])
            .await
            .expect(sql)
            .get(0)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok((client, conn)) =
                    tokio_postgres::connect(&maintenance_url(), tokio_postgres::NoTls).await
                {
                    tokio::spawn(conn);
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            })
        })
        .join();
    }
}

pub fn test_config(database_url: &str, attachments: &std::path::Path) -> Config {
    let mut env = HashMap::new();
    env.insert("DATABASE_URL".to_string(), database_url.to_string());
    env.insert("CLINIC_SYNC_LISTEN".to_string(), "127.0.0.1:0".to_string());
    env.insert(
        "CLINIC_ATTACHMENTS_DIR".to_string(),
        attachments.display().to_string(),
    );
    let config = Config::load(None, &env).expect("test config");
    assert_eq!(
        config.attachments,
        AttachmentConfig::Local {
            dir: attachments.to_path_buf()
        }
    );
    config
}

/// One running server instance.
pub struct Instance {
    pub server: Server,
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Instance {
    pub async fn start(database_url: &str, attachments: &std::path::Path) -> Instance {
        let server = Server::start(test_config(database_url, attachments))
            .await
            .expect("server starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.clone().serve(listener, async move {
            let _ = stopped.await;
        }));
        Instance {
            server,
            base,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn api(&self) -> Api {
        Api::new(&self.base)
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// A server on a fresh database, with one clinic `ALPHA` ready.
pub struct TestServer {
    pub db: TestDb,
    pub dir: tempfile::TempDir,
    pub main: Instance,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let db = TestDb::new().await;
        let dir = tempfile::tempdir().unwrap();
        let main = Instance::start(&db.url, dir.path()).await;
        main.server
            .admin()
            .create_clinic("ALPHA", "Alpha Clinic")
            .await
            .unwrap();
        TestServer { db, dir, main }
    }

    /// A second instance on the same database.
    pub async fn another_instance(&self) -> Instance {
        Instance::start(&self.db.url, self.dir.path()).await
    }

    pub fn api(&self) -> Api {
        self.main.api()
    }

    /// Enrolls a new PC in `clinic` and returns its client.
    pub async fn device(&self, clinic: &str, name: &str) -> Device {
        let code = self
            .main
            .server
            .admin()
            .issue_enrollment_code(clinic)
            .await
            .unwrap();
        let device_id = Uuid::new_v4();
        let enrolled = self
            .api()
            .enroll(&enroll_request(&code, device_id, None, None, name))
            .await
            .expect("enrollment");
        Device {
            id: device_id,
            enrolled: enrolled.clone(),
            api: self.api().with_token(&enrolled.token),
        }
    }
}

pub fn enroll_request(
    code: &str,
    device_id: Uuid,
    device_code: Option<&str>,
    clinic_code: Option<&str>,
    name: &str,
) -> EnrollRequest {
    EnrollRequest {
        protocol: PROTOCOL_VERSION,
        code: code.into(),
        device_id,
        device_code: device_code.map(Into::into),
        clinic_code: clinic_code.map(Into::into),
        device_name: name.into(),
    }
}

pub struct Device {
    pub id: Uuid,
    pub enrolled: EnrollResponse,
    pub api: Api,
}

/// An error answer: status and body.
#[derive(Debug)]
pub struct Failure {
    pub status: u16,
    pub body: ApiErrorBody,
}

#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: base.into(),
            token: None,
        }
    }

    pub fn with_token(mut self, token: &str) -> Api {
        self.token = Some(token.into());
        self
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self.http.request(method, format!("{}{}", self.base, path));
        match &self.token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    async fn answer<T: serde::de::DeserializeOwned>(r: reqwest::Response) -> Result<T, Failure> {
        let status = r.status().as_u16();
        let bytes = r.bytes().await.expect("response body");
        if (200..300).contains(&status) {
            Ok(serde_json::from_slice(&bytes).expect("response JSON"))
        } else {
            let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!(
                    "error body is ApiErrorBody: {}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            Err(Failure { status, body })
        }
    }

    pub async fn enroll(&self, req: &EnrollRequest) -> Result<EnrollResponse, Failure> {
        let r = self
            .req(reqwest::Method::POST, "/v1/enroll")
            .json(req)
            .send()
            .await
            .unwrap();
        Self::answer(r).await
    }

    pub async fn status(&self) -> Result<DeviceStatus, Failure> {
        let r = self
            .req(reqwest::Method::GET, "/v1/status")
            .send()
            .await
            .unwrap();
        Self::answer(r).await
    }

    pub async fn push_raw(&self, body: Vec<u8>, gzip: bool) -> reqwest::Response {
        let mut r = self
            .req(reqwest::Method::POST, "/v1/push")
            .header("content-type", wire::CONTENT_TYPE);
        if gzip {
            r = r.header("content-encoding", wire::CONTENT_ENCODING);
        }
        r.body(body).send().await.unwrap()
    }

    pub async fn push(&self, changes: Vec<PushChange>) -> Result<PushResponse, Failure> {
        let body = wire::encode(&PushRequest {
            protocol: PROTOCOL_VERSION,
            changes,
            pending_after: 0,
        });
        Self::answer(self.push_raw(body, true).await).await
    }

    pub async fn pull(&self, after: i64, limit: Option<usize>) -> Result<PullResponse, Failure> {
        let mut path = format!("/v1/pull?after={after}");
        if let Some(l) = limit {
            path.push_str(&format!("&limit={l}"));
        }
        let r = self.req(reqwest::Method::GET, &path).send().await.unwrap();
        Self::answer(r).await
    }

    /// Every change after `after`, following `more`.
    pub async fn pull_all(&self, mut after: i64) -> Vec<PulledChange> {
        let mut all = Vec::new();
        loop {
            let page = self.pull(after, None).await.expect("pull");
            all.extend(page.changes);
            after = page.next_after;
            if !page.more {
                return all;
            }
        }
    }

    pub async fn snapshot(
        &self,
        after_id: Option<Uuid>,
        limit: Option<usize>,
    ) -> Result<SnapshotPage, Failure> {
        let mut path = "/v1/snapshot?".to_string();
        if let Some(a) = after_id {
            path.push_str(&format!("after_id={a}&"));
        }
        if let Some(l) = limit {
            path.push_str(&format!("limit={l}"));
        }
        let r = self.req(reqwest::Method::GET, &path).send().await.unwrap();
        Self::answer(r).await
    }
}
