//! Staff profiles: what a clinic keeps about each member of staff besides the login (specialization,
//! qualifications, professional licence, phone). The profile lives in the user's document (`User::
//! profile`, missing in documents written before profiles existed), so it syncs with the user and
//! every field merges on its own.
use crate::error::{ErrorCode, FieldError, Validation};
use crate::text::phone_digits;
use autosurgeon::{Hydrate, Reconcile};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A licence expiring within this many days is flagged on the Users screen.
pub const LICENCE_WARNING_DAYS: i64 = 30;
pub const MAX_QUALIFICATIONS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(default)]
#[ts(export)]
pub struct StaffProfile {
    pub specialization: String,
    /// Degrees and certificates, one per entry (`MBChB`, `Diploma in Nursing`…).
    pub qualifications: Vec<String>,
    pub licence_number: String,
    /// The council or board that issued the licence.
    pub licensing_body: String,
    /// `YYYY-MM-DD`, or empty when the licence does not expire or is not recorded.
    pub licence_expiry: String,
    pub phone: String,
}

/// What the profile form sends (the same fields, untrimmed).
pub type StaffProfileInput = StaffProfile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LicenceStatus {
    /// No licence number, or no expiry date.
    NotTracked,
    Valid,
    /// Expires within `LICENCE_WARNING_DAYS` days.
    ExpiringSoon,
    Expired,
}

impl StaffProfile {
    /// Every field error at once: `specialization`, `qualifications.N`, `licence_number`,
    /// `licensing_body`, `licence_expiry`, `phone`. Empty qualification lines are dropped.
    pub fn validate(&self) -> Result<StaffProfile, Vec<FieldError>> {
        let mut v = Validation::default();
        let specialization = v.optional_text("specialization", &self.specialization, 100);
        let mut qualifications = Vec::new();
        for (i, q) in self.qualifications.iter().enumerate() {
            let q = v.optional_text(&format!("qualifications.{i}"), q, 100);
            if !q.is_empty() {
                qualifications.push(q);
            }
        }
        if qualifications.len() > MAX_QUALIFICATIONS {
            v.push(
                "qualifications",
                ErrorCode::OutOfRange,
                format!("must be at most {MAX_QUALIFICATIONS} entries"),
            );
        }
        let licence_number = v.optional_text("licence_number", &self.licence_number, 40);
        let licensing_body = v.optional_text("licensing_body", &self.licensing_body, 100);
        let licence_expiry = v.optional_text("licence_expiry", &self.licence_expiry, 10);
        if !licence_expiry.is_empty() {
            if NaiveDate::parse_from_str(&licence_expiry, "%Y-%m-%d").is_err() {
                v.push(
                    "licence_expiry",
                    ErrorCode::InvalidFormat,
                    "must be YYYY-MM-DD",
                );
            } else if licence_number.is_empty() {
                v.push(
                    "licence_number",
                    ErrorCode::Required,
                    "is required when the licence has an expiry date",
                );
            }
        }
        let phone = v.optional_text("phone", &self.phone, 30);
        if !phone.is_empty() {
            let allowed = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !allowed || !(6..=15).contains(&phone_digits(&phone).len()) {
                v.push(
                    "phone",
                    ErrorCode::InvalidFormat,
                    "must be a phone number of 6 to 15 digits",
                );
            }
        }
        v.finish(StaffProfile {
            specialization,
            qualifications,
            licence_number,
            licensing_body,
            licence_expiry,
            phone,
        })
    }

    /// Whether the licence is valid on `today`, expiring soon or expired.
    pub fn licence_status(&self, today: NaiveDate) -> LicenceStatus {
        let expiry = NaiveDate::parse_from_str(&self.licence_expiry, "%Y-%m-%d").ok();
        match expiry {
            _ if self.licence_number.is_empty() => LicenceStatus::NotTracked,
            None => LicenceStatus::NotTracked,
            Some(d) if d < today => LicenceStatus::Expired,
            Some(d) if (d - today).num_days() <= LICENCE_WARNING_DAYS => {
                LicenceStatus::ExpiringSoon
            }
            Some(_) => LicenceStatus::Valid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn trims_and_drops_empty_qualifications() {
        let p = StaffProfile {
            specialization: " Paediatrics ".into(),
            qualifications: vec![" MBChB ".into(), "  ".into(), "MMed".into()],
            licence_number: " UMDPC-1234 ".into(),
            licence_expiry: "2027-01-31".into(),
            phone: "+256 700 123456".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(p.specialization, "Paediatrics");
        assert_eq!(p.qualifications, ["MBChB", "MMed"]);
        assert_eq!(p.licence_number, "UMDPC-1234");
    }

    #[test]
    fn names_every_bad_field() {
        let bad = StaffProfile {
            qualifications: vec!["x".repeat(101)],
            licence_expiry: "31/01/2027".into(),
            phone: "call me".into(),
            licensing_body: "b".repeat(101),
            ..Default::default()
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "qualifications.0",
                "licensing_body",
                "licence_expiry",
                "phone"
            ]
        );
        let no_number = StaffProfile {
            licence_expiry: "2027-01-31".into(),
            ..Default::default()
        };
        assert_eq!(no_number.validate().unwrap_err()[0].field, "licence_number");
    }

    #[test]
    fn licence_status_by_date() {
        let mut p = StaffProfile {
            licence_number: "N-1".into(),
            licence_expiry: "2026-12-20".into(),
            ..Default::default()
        };
        assert_eq!(p.licence_status(day("2026-11-01")), LicenceStatus::Valid);
        assert_eq!(
            p.licence_status(day("2026-11-20")),
            LicenceStatus::ExpiringSoon
        );
        assert_eq!(
            p.licence_status(day("2026-12-20")),
            LicenceStatus::ExpiringSoon
        );
        assert_eq!(p.licence_status(day("2026-12-21")), LicenceStatus::Expired);
        p.licence_expiry.clear();
        assert_eq!(
            p.licence_status(day("2026-11-01")),
            LicenceStatus::NotTracked
        );
    }
}
