//! The connection pool and the migrations of `migrations/server`.
use anyhow::Context;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use std::str::FromStr;
use tokio_postgres::NoTls;

/// Every migration in order. Never edit a shipped one: add the next file here.
pub const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "0001_sync",
        include_str!("../../migrations/server/0001_sync.sql"),
    ),
    (
        2,
        "0002_admin_sessions",
        include_str!("../../migrations/server/0002_admin_sessions.sql"),
    ),
    (
        3,
        "0003_sync_issues",
        include_str!("../../migrations/server/0003_sync_issues.sql"),
    ),
    (
        4,
        "0004_double_booking",
        include_str!("../../migrations/server/0004_double_booking.sql"),
    ),
    (
        5,
        "0005_visits_revenue",
        include_str!("../../migrations/server/0005_visits_revenue.sql"),
    ),
    (
        6,
        "0006_negative_stock",
        include_str!("../../migrations/server/0006_negative_stock.sql"),
    ),
    (
        7,
        "0007_reminders_outbox",
        include_str!("../../migrations/server/0007_reminders_outbox.sql"),
    ),
    (
        8,
        "0008_diagnoses",
        include_str!("../../migrations/server/0008_diagnoses.sql"),
    ),
    (
        9,
        "0009_lab_turnaround",
        include_str!("../../migrations/server/0009_lab_turnaround.sql"),
    ),
];

/// Any number to serialise migrations across every server instance on one database.
const MIGRATION_LOCK: i64 = 0x636c_696e_6963_5f6d;

pub fn pool(database_url: &str, size: usize) -> anyhow::Result<Pool> {
    let pg = tokio_postgres::Config::from_str(database_url)
        .context("DATABASE_URL is not a valid PostgreSQL URL")?;
    let manager = Manager::from_config(
        pg,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size.max(2))
        .build()
        .context("building the database pool")
}

/// Applies the migrations not applied yet. Safe to run again, and from two instances at once:
/// an advisory lock serialises them, and each migration runs in its own transaction.
pub async fn migrate(database_url: &str) -> anyhow::Result<()> {
    let (mut client, connection) = tokio_postgres::connect(database_url, NoTls)
        .await
        .context("connecting to PostgreSQL")?;
    let conn = tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::warn!(error = %e, "migration connection ended");
        }
    });
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .await
        .context("taking the migration lock")?;
    let result = run_migrations(&mut client).await;
    let _ = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .await;
    drop(client);
    let _ = conn.await;
    result
}

async fn run_migrations(client: &mut tokio_postgres::Client) -> anyhow::Result<()> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .await
        .context("creating schema_migrations")?;
    for (version, name, sql) in MIGRATIONS {
        let done = client
            .query_opt(
                "SELECT 1 FROM schema_migrations WHERE version = $1",
                &[version],
            )
            .await?
            .is_some();
        if done {
            continue;
        }
        let tx = client.transaction().await?;
        tx.batch_execute(sql)
            .await
            .with_context(|| format!("applying migration {name}"))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(migration = name, "applied migration");
    }
    Ok(())
}
