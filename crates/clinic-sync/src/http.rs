//! The HTTP client of the sync protocol: bearer token, timeouts, gzip push bodies, and every
//! failure mapped to a [`SyncError`] that says what to do.
use crate::error::{SyncError, SyncErrorKind};
use clinic_domain::sync::{
    wire, ApiErrorBody, DeviceStatus, EnrollRequest, EnrollResponse, PullResponse, PushRequest,
    PushResponse, SnapshotPage,
};
use reqwest::header::{AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use std::net::IpAddr;
use std::time::Duration;
use uuid::Uuid;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<String>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .finish()
    }
}

/// Checks a server address: https anywhere; http only to this computer, or when explicitly allowed.
pub fn check_server_url(url: &str, allow_insecure_http: bool) -> Result<Url, SyncError> {
    let parsed = Url::parse(url.trim()).map_err(|_| {
        SyncError::new(
            SyncErrorKind::Refused,
            "the server address is not a valid URL",
        )
    })?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&parsed) => {}
        "http" => return Err(SyncError::bare(SyncErrorKind::Insecure)),
        _ => {
            return Err(SyncError::new(
                SyncErrorKind::Refused,
                "the server address must start with https://",
            ))
        }
    }
    if parsed.host_str().is_none() {
        return Err(SyncError::new(
            SyncErrorKind::Refused,
            "the server address has no host",
        ));
    }
    Ok(parsed)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Maps a transport failure: every one of them means the server was not (fully) reached.
fn transport(e: reqwest::Error) -> SyncError {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "no connection"
    } else if e.is_decode() {
        "the answer was cut off"
    } else {
        "the connection failed"
    };
    SyncError::new(SyncErrorKind::Offline, what)
}

/// Maps an error answer to what it means for this PC.
pub fn from_status(status: StatusCode, body: Option<ApiErrorBody>, enrolling: bool) -> SyncError {
    let code = body.as_ref().map(|b| b.code.as_str()).unwrap_or("");
    let detail = body
        .as_ref()
        .map(|b| b.message.clone())
        .unwrap_or_else(|| status.to_string());
    let kind = match status.as_u16() {
        400 if code.contains("protocol") => SyncErrorKind::Protocol,
        401 | 404 | 410 if enrolling => SyncErrorKind::EnrollmentCode,
        // An unknown token, or a revoked device: either way this PC is disconnected.
        401 => SyncErrorKind::Revoked,
        403 if code.contains("revoked") => SyncErrorKind::Revoked,
        403 => SyncErrorKind::WrongClinic,
        409 if code.contains("device_code") => SyncErrorKind::DeviceCodeTaken,
        409 if code.contains("clinic") => SyncErrorKind::WrongClinic,
        409 if enrolling => SyncErrorKind::EnrollmentCode,
        404 => SyncErrorKind::Protocol,
        s if s >= 500 => SyncErrorKind::Server,
        _ => SyncErrorKind::Refused,
    };
    SyncError::new(kind, detail)
}

impl Client {
    pub fn new(
        server_url: &str,
        allow_insecure_http: bool,
        timeout: Duration,
    ) -> Result<Self, SyncError> {
        let base = check_server_url(server_url, allow_insecure_http)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .user_agent(concat!("clinic-sync/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| SyncError::new(SyncErrorKind::Store, "starting the HTTP client"))?;
        Ok(Self {
            http,
            base,
            token: None,
        })
    }

    pub fn with_token(mut self, token: String) -> Self {
        self.token = Some(token);
        self
    }

    fn url(&self, path: &str) -> Result<Url, SyncError> {
        self.base
            .join(path)
            .map_err(|_| SyncError::new(SyncErrorKind::Refused, "building the request address"))
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        gzip_body: Option<Vec<u8>>,
        enrolling: bool,
    ) -> Result<T, SyncError> {
        let mut req = self.http.request(method, url);
        if let Some(token) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(body) = gzip_body {
            req = req
                .header(CONTENT_TYPE, wire::CONTENT_TYPE)
                .header(CONTENT_ENCODING, wire::CONTENT_ENCODING)
                .body(body);
        }
        let resp = req.send().await.map_err(transport)?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(transport)?;
        if !status.is_success() {
            let body = serde_json::from_slice::<ApiErrorBody>(&bytes).ok();
            return Err(from_status(status, body, enrolling));
        }
        wire::decode(&bytes, false)
            .map_err(|e| SyncError::new(SyncErrorKind::Protocol, format!("the answer: {e}")))
    }

    pub async fn enroll(&self, req: &EnrollRequest) -> Result<EnrollResponse, SyncError> {
        let url = self.url("v1/enroll")?;
        self.send(Method::POST, url, Some(wire::encode(req)), true)
            .await
    }

    pub async fn status(&self) -> Result<DeviceStatus, SyncError> {
        let url = self.url("v1/status")?;
        self.send(Method::GET, url, None, false).await
    }

    pub async fn push(&self, req: &PushRequest) -> Result<PushResponse, SyncError> {
        let url = self.url("v1/push")?;
        self.send(Method::POST, url, Some(wire::encode(req)), false)
            .await
    }

    pub async fn pull(&self, after: i64, limit: usize) -> Result<PullResponse, SyncError> {
        let mut url = self.url("v1/pull")?;
        url.query_pairs_mut()
            .append_pair("after", &after.to_string())
            .append_pair("limit", &limit.to_string());
        self.send(Method::GET, url, None, false).await
    }

    pub async fn snapshot(
        &self,
        after_id: Option<Uuid>,
        limit: usize,
    ) -> Result<SnapshotPage, SyncError> {
        let mut url = self.url("v1/snapshot")?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(id) = after_id {
                q.append_pair("after_id", &id.to_string());
            }
            q.append_pair("limit", &limit.to_string());
        }
        self.send(Method::GET, url, None, false).await
    }
}

impl Client {
    /// `PUT /v1/attachments/{sha256}`: the bytes as they are (no compression), with their type.
    pub async fn put_attachment(
        &self,
        sha256: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SyncError> {
        let url = self.url(&format!("v1/attachments/{sha256}"))?;
        let req = self
            .authorized(Method::PUT, url)
            .header(CONTENT_TYPE, content_type)
            .body(bytes);
        raw(req).await.map(|_| ()).map_err(SyncError::from)
    }

    /// `GET /v1/attachments/{sha256}`: the bytes, or `None` when the server does not have them.
    pub async fn get_attachment(&self, sha256: &str) -> Result<Option<Vec<u8>>, SyncError> {
        let url = self.url(&format!("v1/attachments/{sha256}"))?;
        match raw(self.authorized(Method::GET, url)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.http_status == Some(404) => Ok(None),
            Err(e) => Err(e.error),
        }
    }

    fn authorized(&self, method: Method, url: Url) -> reqwest::RequestBuilder {
        let req = self.http.request(method, url);
        match &self.token {
            Some(token) => req.header(AUTHORIZATION, format!("Bearer {token}")),
            None => req,
        }
    }
}

struct RawError {
    http_status: Option<u16>,
    error: SyncError,
}

impl From<RawError> for SyncError {
    fn from(e: RawError) -> Self {
        e.error
    }
}

/// Sends a request whose answer is raw bytes (attachments).
async fn raw(req: reqwest::RequestBuilder) -> Result<Vec<u8>, RawError> {
    let failed = |error| RawError {
        http_status: None,
        error,
    };
    let resp = req.send().await.map_err(|e| failed(transport(e)))?;
    let status = resp.status();
    let bytes = resp.bytes().await.map_err(|e| failed(transport(e)))?;
    if !status.is_success() {
        let body = serde_json::from_slice::<ApiErrorBody>(&bytes).ok();
        return Err(RawError {
            http_status: Some(status.as_u16()),
            error: from_status(status, body, false),
        });
    }
    Ok(bytes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_computer_unless_allowed() {
        let cases = [
            ("https://sync.example.org", false, Ok(())),
            ("http://127.0.0.1:8080", false, Ok(())),
            ("http://localhost:8080", false, Ok(())),
            ("http://[::1]:8080", false, Ok(())),
            (
                "http://sync.example.org",
                false,
                Err(SyncErrorKind::Insecure),
            ),
            ("http://10.0.0.5", false, Err(SyncErrorKind::Insecure)),
            ("http://10.0.0.5", true, Ok(())),
            ("ftp://x", true, Err(SyncErrorKind::Refused)),
            ("not a url", false, Err(SyncErrorKind::Refused)),
        ];
        for (url, allow, want) in cases {
            let got = check_server_url(url, allow).map(|_| ()).map_err(|e| e.kind);
            assert_eq!(got, want, "{url}");
        }
    }

    #[test]
    fn statuses_map_to_what_to_do() {
        let body = |code: &str| {
            Some(ApiErrorBody {
                code: code.into(),
                message: "m".into(),
                field: None,
            })
        };
        let cases = [
            (401, body("token_revoked"), false, SyncErrorKind::Revoked),
            (401, None, true, SyncErrorKind::EnrollmentCode),
            (403, body("forbidden"), false, SyncErrorKind::WrongClinic),
            (403, body("device_revoked"), false, SyncErrorKind::Revoked),
            (
                409,
                body("clinic_mismatch"),
                true,
                SyncErrorKind::WrongClinic,
            ),
            (
                409,
                body("device_code_taken"),
                true,
                SyncErrorKind::DeviceCodeTaken,
            ),
            (
                400,
                body("unsupported_protocol"),
                false,
                SyncErrorKind::Protocol,
            ),
            (400, body("invalid"), false, SyncErrorKind::Refused),
            (413, None, false, SyncErrorKind::Refused),
            (503, None, false, SyncErrorKind::Server),
        ];
        for (status, b, enrolling, want) in cases {
            let s = StatusCode::from_u16(status).unwrap();
            assert_eq!(from_status(s, b, enrolling).kind, want, "{status}");
        }
        let revoked = from_status(StatusCode::UNAUTHORIZED, None, false).to_string();
        assert!(
            revoked.contains("disconnected by the central admin"),
            "{revoked}"
        );
        assert!(revoked.contains("new enrollment code"), "{revoked}");
    }
}
