//! Staff profiles (`clinic_domain::staff`): specialization, qualifications, licence and phone,
//! kept in the user's document and projected to `staff_profiles` (migration 0014) with the users
//! row. Listed for `user_view`, edited with `user_manage`. Licences expiring within 30 days or
//! expired are flagged.
use crate::error::{Context, Error, Result};
use crate::store::Store;
use clinic_domain::staff::{LicenceStatus, StaffProfile, StaffProfileInput};
use clinic_domain::{Action, Actor, Role};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// One member of staff with their profile, as the Users screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StaffProfileRow {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub profile: StaffProfile,
    pub licence_status: LicenceStatus,
    /// Days until the licence expires (negative once expired); absent when not tracked.
    #[ts(optional, type = "number")]
    pub licence_days_left: Option<i64>,
}

/// Writes the profile row of user `id` (with the users row, in the same transaction).
pub(crate) fn project(tx: &Transaction<'_>, id: Uuid, p: &StaffProfile, at: &str) -> Result<()> {
    let qualifications =
        serde_json::to_string(&p.qualifications).context("writing a staff profile")?;
    tx.prepare_cached(
        "INSERT INTO staff_profiles (user_id, specialization, qualifications, licence_number,
            licensing_body, licence_expiry, phone, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (user_id) DO UPDATE SET specialization = excluded.specialization,
            qualifications = excluded.qualifications, licence_number = excluded.licence_number,
            licensing_body = excluded.licensing_body, licence_expiry = excluded.licence_expiry,
            phone = excluded.phone, updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            p.specialization,
            qualifications,
            p.licence_number,
            p.licensing_body,
            p.licence_expiry,
            p.phone,
            at
        ])
    })
    .context("updating the staff profiles")?;
    Ok(())
}

const SELECT: &str = "SELECT u.id, u.username, u.display_name, u.role, u.active,
    coalesce(s.specialization, ''), coalesce(s.qualifications, '[]'), coalesce(s.licence_number, ''),
    coalesce(s.licensing_body, ''), coalesce(s.licence_expiry, ''), coalesce(s.phone, '')
    FROM users u LEFT JOIN staff_profiles s ON s.user_id = u.id";

type RawRow = (String, String, String, String, bool, StaffProfile);

fn raw(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    let quals: String = r.get(6)?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        StaffProfile {
            specialization: r.get(5)?,
            qualifications: serde_json::from_str(&quals).unwrap_or_default(),
            licence_number: r.get(7)?,
            licensing_body: r.get(8)?,
            licence_expiry: r.get(9)?,
            phone: r.get(10)?,
        },
    ))
}

fn rows(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<RawRow>> {
    let sql = format!("{SELECT} {filter} ORDER BY u.username LIMIT 5000");
    let mut stmt = conn.prepare_cached(&sql).context("listing staff")?;
    let out = stmt.query_map(args, raw).context("listing staff")?;
    out.map(|r| r.context("listing staff")).collect()
}

fn to_row(raw: RawRow, today: chrono::NaiveDate) -> Result<StaffProfileRow> {
    let (user_id, username, display_name, role, active, profile) = raw;
    let role = Role::parse(&role).ok_or_else(|| Error::Storage("reading a user's role".into()))?;
    let status = profile.licence_status(today);
    let days = chrono::NaiveDate::parse_from_str(&profile.licence_expiry, "%Y-%m-%d")
        .ok()
        .filter(|_| status != LicenceStatus::NotTracked)
        .map(|d| (d - today).num_days());
    Ok(StaffProfileRow {
        user_id,
        username,
        display_name,
        role,
        active,
        profile,
        licence_status: status,
        licence_days_left: days,
    })
}

/// The licence number and licensing body of user `id` (empty when none): for printed documents.
pub(crate) fn licence_of(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    conn.prepare_cached(
        "SELECT licence_number, licensing_body FROM staff_profiles
         WHERE user_id = ?1 AND licence_number <> ''",
    )
    .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
    .context("reading the staff profiles")
}

/// `verify`: the profile row of each user against the document (no row = empty profile).
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<()> {
    use clinic_domain::user::User;
    for id in crate::records::ids(conn, clinic_domain::RecordKind::User)? {
        let want = crate::records::load(conn, clinic_domain::RecordKind::User, id, device)?
            .and_then(|l| crate::records::hydrate::<User>(&l.doc).ok())
            .map(|u| u.profile);
        let have = rows(conn, "WHERE u.id = ?1", [id.to_string()])?
            .into_iter()
            .next()
            .map(|r| r.5);
        if want.is_some() && want != have {
            problems.push(format!(
                "user {id}: the staff profile disagrees with the user's document"
            ));
        }
    }
    Ok(())
}

/// Today on this PC's local clock (licence expiry is a calendar date).
fn local_today(store: &Store) -> chrono::NaiveDate {
    store
        .clock()
        .now()
        .with_timezone(&chrono::Local)
        .date_naive()
}

impl Store {
    /// Every user with their staff profile, by username.
    pub fn staff_profiles(&self, actor: &Actor) -> Result<Vec<StaffProfileRow>> {
        self.authorize(actor, Action::UserView)?;
        let today = local_today(self);
        rows(&self.conn, "", [])?
            .into_iter()
            .map(|r| to_row(r, today))
            .collect()
    }

    /// Sets a user's staff profile; field errors name each bad field (`qualifications.N`…).
    pub fn update_staff_profile(
        &mut self,
        actor: &Actor,
        user_id: Uuid,
        input: &StaffProfileInput,
    ) -> Result<StaffProfileRow> {
        self.authorize(actor, Action::UserManage)?;
        let profile = input.validate().map_err(Error::Invalid)?;
        self.change_user(actor, user_id, "edit_profile", |u| u.profile = profile)?;
        let today = local_today(self);
        let raw = rows(&self.conn, "WHERE u.id = ?1", [user_id.to_string()])?
            .into_iter()
            .next()
            .ok_or(Error::NotFound { what: "user" })?;
        to_row(raw, today)
    }
}
