//! Prometheus metrics: requests by endpoint and status, merge latency, changes applied, duplicates,
//! rejected, and each clinic's lag (read from the database when scraped).
use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub merge_seconds: Histogram,
    pub applied: IntCounter,
    pub duplicates: IntCounter,
    pub rejected: IntCounter,
    pub clinic_lag: IntGaugeVec,
    pub clinic_pending: IntGaugeVec,
}

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "clinic_sync_requests_total",
                "Sync requests by endpoint and status",
            ),
            &["endpoint", "status"],
        )
        .expect("valid metric");
        let merge_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "clinic_sync_merge_seconds",
                "Time to merge one push batch into PostgreSQL",
            )
            .buckets(vec![
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
        )
        .expect("valid metric");
        let applied = IntCounter::new(
            "clinic_sync_changes_applied_total",
            "Changes new to the server",
        )
        .expect("valid metric");
        let duplicates = IntCounter::new(
            "clinic_sync_changes_duplicate_total",
            "Changes pushed again that the server already had",
        )
        .expect("valid metric");
        let rejected = IntCounter::new("clinic_sync_changes_rejected_total", "Changes refused")
            .expect("valid metric");
        let clinic_lag = IntGaugeVec::new(
            Opts::new(
                "clinic_sync_clinic_lag_changes",
                "Changes of the clinic its slowest active device has not pulled yet",
            ),
            &["clinic"],
        )
        .expect("valid metric");
        let clinic_pending = IntGaugeVec::new(
            Opts::new(
                "clinic_sync_clinic_pending_changes",
                "Changes the clinic's devices reported as still waiting to go up",
            ),
            &["clinic"],
        )
        .expect("valid metric");
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(merge_seconds.clone()),
            Box::new(applied.clone()),
            Box::new(duplicates.clone()),
            Box::new(rejected.clone()),
            Box::new(clinic_lag.clone()),
            Box::new(clinic_pending.clone()),
        ] {
            registry.register(c).expect("metric registered once");
        }
        Metrics {
            registry,
            requests,
            merge_seconds,
            applied,
            duplicates,
            rejected,
            clinic_lag,
            clinic_pending,
        }
    }

    /// The endpoint label: the route, without ids in the path.
    pub fn endpoint_label(path: &str) -> &'static str {
        match path {
            "/v1/enroll" => "enroll",
            "/v1/status" => "status",
            "/v1/push" => "push",
            "/v1/pull" => "pull",
            "/v1/snapshot" => "snapshot",
            "/health" => "health",
            "/metrics" => "metrics",
            p if p.starts_with("/v1/attachments/") => "attachments",
            _ => "other",
        }
    }

    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}
