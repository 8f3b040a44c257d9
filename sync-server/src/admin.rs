//! Server administration (the `admin` subcommands): clinics, enrollment codes, devices, admins.
use crate::auth::sha256;
use anyhow::{bail, Context};
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use clinic_domain::patient_number::valid_clinic_code;
use deadpool_postgres::Pool;
use rand::RngCore;
use serde::Serialize;
use uuid::Uuid;

/// No 0/O, 1/I/L: read aloud or typed from paper without mistakes.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

#[derive(Clone)]
pub struct Admin {
    pub(crate) pool: Pool,
    pub(crate) enrollment_ttl_hours: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClinicInfo {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceInfo {
    pub id: Uuid,
    pub clinic_code: String,
    pub code: String,
    pub name: String,
    pub enrolled_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub last_push_at: Option<DateTime<Utc>>,
    pub last_pull_at: Option<DateTime<Utc>>,
    pub last_pulled_seq: i64,
    pub pending_after: i64,
    pub applied: i64,
    pub rejected: i64,
}

/// Upper case, without spaces or dashes: `abcd-efgh` and `ABCDEFGH` are the same code.
pub fn normalize_enrollment_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Admin {
    pub async fn create_clinic(&self, code: &str, name: &str) -> anyhow::Result<ClinicInfo> {
        if !valid_clinic_code(code) {
            bail!("a clinic code is 2 to 6 upper-case letters or digits");
        }
        let name = name.trim();
        if name.is_empty() {
            bail!("the clinic needs a name");
        }
        let id = Uuid::now_v7();
        let client = self.pool.get().await?;
        let inserted = client
            .execute(
                "INSERT INTO clinics (id, code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING",
                &[&id, &code, &name],
            )
            .await
            .context("creating the clinic")?;
        if inserted == 0 {
            bail!("a clinic with code {code} already exists");
        }
        Ok(ClinicInfo {
            id,
            code: code.into(),
            name: name.into(),
        })
    }

    /// A new one-time code, e.g. `K7QM-3XPA-WN4H-TR9C`, valid for `enrollment_ttl_hours`.
    pub async fn issue_enrollment_code(&self, clinic_code: &str) -> anyhow::Result<String> {
        let client = self.pool.get().await?;
        let clinic = client
            .query_opt("SELECT id FROM clinics WHERE code = $1", &[&clinic_code])
            .await?
            .with_context(|| format!("no clinic with code {clinic_code}"))?;
        let clinic_id: Uuid = clinic.get(0);
        let mut raw = [0u8; 16];
        rand::rng().fill_bytes(&mut raw);
        let chars: String = raw
            .iter()
            .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
            .collect();
        let code = chars
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("-");
        client
            .execute(
                "INSERT INTO enrollment_codes (code_hash, clinic_id, expires_at)
                 VALUES ($1, $2, now() + make_interval(hours => $3))",
                &[
                    &sha256(chars.as_bytes()),
                    &clinic_id,
                    &(self.enrollment_ttl_hours as i32),
                ],
            )
            .await
            .context("storing the enrollment code")?;
        Ok(code)
    }

    pub async fn devices(&self, clinic_code: Option<&str>) -> anyhow::Result<Vec<DeviceInfo>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT d.id, c.code, d.code, d.name, d.enrolled_at, d.revoked_at, d.last_seen_at,
                        d.last_push_at, d.last_pull_at, d.last_pulled_seq, d.pending_after,
                        d.applied_count, d.rejected_count
                 FROM devices d JOIN clinics c ON c.id = d.clinic_id
                 WHERE $1::text IS NULL OR c.code = $1
                 ORDER BY c.code, d.code",
                &[&clinic_code],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| DeviceInfo {
                id: r.get(0),
                clinic_code: r.get(1),
                code: r.get(2),
                name: r.get(3),
                enrolled_at: r.get(4),
                revoked_at: r.get(5),
                last_seen_at: r.get(6),
                last_push_at: r.get(7),
                last_pull_at: r.get(8),
                last_pulled_seq: r.get(9),
                pending_after: r.get(10),
                applied: r.get(11),
                rejected: r.get(12),
            })
            .collect())
    }

    /// The device's token stops working at once (403). Revoking twice is harmless.
    pub async fn revoke_device(&self, device_id: Uuid) -> anyhow::Result<()> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1",
                &[&device_id],
            )
            .await?;
        if n == 0 {
            bail!("no device with id {device_id}");
        }
        Ok(())
    }

    /// A central administrator; the password is kept as an argon2id hash.
    pub async fn create_admin(&self, username: &str, password: &str) -> anyhow::Result<()> {
        let username = username.trim();
        if username.is_empty() {
            bail!("the username is empty");
        }
        if password.chars().count() < 12 {
            bail!("an administrator password needs at least 12 characters");
        }
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?
            .to_string();
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "INSERT INTO admins (id, username, password_hash) VALUES ($1, $2, $3)
                 ON CONFLICT (username) DO NOTHING",
                &[&Uuid::now_v7(), &username, &hash],
            )
            .await?;
        if n == 0 {
            bail!("an administrator named {username} already exists");
        }
        Ok(())
    }
}
