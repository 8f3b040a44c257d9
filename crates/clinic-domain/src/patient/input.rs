//! What the registration form (or a CSV row) sends, and the checks that turn it into a record.
use super::{Allergy, AllergySeverity, BloodType, EmergencyContact, Patient, Sex};
use crate::error::{ErrorCode, FieldError, Validation};
use crate::text::{fold, id_key, phone_digits};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const NAME_MAX: usize = 100;
const TEXT_MAX: usize = 300;
const LIST_MAX: usize = 50;
const OLDEST_AGE: i32 = 130;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AllergyInput {
    /// Present when editing an allergy already on the record.
    #[ts(optional)]
    pub id: Option<String>,
    pub substance: String,
    pub severity: AllergySeverity,
    #[serde(default)]
    pub reaction: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PatientInput {
    pub given_name: String,
    pub family_name: String,
    pub sex: Sex,
    /// `YYYY-MM-DD`. Either this or `estimated_age_years` is required.
    #[ts(optional)]
    pub birth_date: Option<String>,
    #[ts(optional)]
    pub estimated_age_years: Option<u32>,
    pub phone: String,
    pub address: String,
    pub national_id: String,
    pub insurance_provider: String,
    pub insurance_policy: String,
    pub emergency_contact: EmergencyContact,
    pub blood_type: BloodType,
    pub allergies: Vec<AllergyInput>,
    pub chronic_conditions: Vec<String>,
    pub current_medications: Vec<String>,
    pub past_surgeries: Vec<super::SurgeryInput>,
    pub family_history: Vec<super::FamilyHistoryInput>,
    /// Optional; checked as an email address.
    pub email: String,
    pub reminder_channel: crate::reminder::ReminderChannel,
}

impl PatientInput {
    /// Checks every field and returns the record to store (without number or tombstone, which the
    /// store owns) or every field error at once. `new_id` names newly added allergies.
    pub fn validate(
        &self,
        today: NaiveDate,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<Patient, Vec<FieldError>> {
        let mut v = Validation::default();
        let given_name = v.required_text("given_name", &self.given_name, NAME_MAX);
        let family_name = v.required_text("family_name", &self.family_name, NAME_MAX);
        let (birth_date, birth_date_estimated) = self.birth(&mut v, today);
        let phone = check_phone(&mut v, "phone", &self.phone);
        let address = v.optional_text("address", &self.address, TEXT_MAX);
        let national_id = national_id(&mut v, &self.national_id);
        let insurance_provider =
            v.optional_text("insurance_provider", &self.insurance_provider, NAME_MAX);
        let insurance_policy =
            v.optional_text("insurance_policy", &self.insurance_policy, NAME_MAX);
        if !insurance_policy.is_empty() && insurance_provider.is_empty() {
            v.push(
                "insurance_provider",
                ErrorCode::Required,
                "is required when a policy number is given",
            );
        }
        let emergency_contact = EmergencyContact {
            name: v.optional_text(
                "emergency_contact.name",
                &self.emergency_contact.name,
                NAME_MAX,
            ),
            phone: check_phone(
                &mut v,
                "emergency_contact.phone",
                &self.emergency_contact.phone,
            ),
            relationship: v.optional_text(
                "emergency_contact.relationship",
                &self.emergency_contact.relationship,
                50,
            ),
        };
        if emergency_contact.name.is_empty() && !emergency_contact.phone.is_empty() {
            v.push(
                "emergency_contact.name",
                ErrorCode::Required,
                "is required when a contact phone is given",
            );
        }
        let allergies = self.allergies(&mut v, new_id);
        let chronic_conditions = text_list(&mut v, "chronic_conditions", &self.chronic_conditions);
        let current_medications =
            text_list(&mut v, "current_medications", &self.current_medications);
        let past_surgeries = super::history::surgeries(&mut v, &self.past_surgeries, today, new_id);
        let family_history = super::history::family(&mut v, &self.family_history, new_id);
        let email = check_email(&mut v, &self.email);
        check_reminder_channel(&mut v, self.reminder_channel, &phone, &email);
        v.finish(Patient {
            number: String::new(),
            given_name,
            family_name,
            sex: self.sex,
            birth_date,
            birth_date_estimated,
            phone,
            address,
            national_id,
            insurance_provider,
            insurance_policy,
            emergency_contact,
            blood_type: self.blood_type,
            allergies,
            chronic_conditions,
            current_medications,
            past_surgeries,
            family_history,
            attachments: Vec::new(),
            deleted: false,
            merged_into: String::new(),
            email,
            reminder_channel: self.reminder_channel,
        })
    }

    fn birth(&self, v: &mut Validation, today: NaiveDate) -> (String, bool) {
        let given = self
            .birth_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match (given, self.estimated_age_years) {
            (Some(s), _) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    v.push("birth_date", ErrorCode::InFuture, "cannot be in the future");
                    (String::new(), false)
                }
                Ok(d) if today.year() - d.year() > OLDEST_AGE => {
                    v.push(
                        "birth_date",
                        ErrorCode::OutOfRange,
                        format!("is more than {OLDEST_AGE} years ago"),
                    );
                    (String::new(), false)
                }
                Ok(d) => (d.format("%Y-%m-%d").to_string(), false),
                Err(_) => {
                    v.push(
                        "birth_date",
                        ErrorCode::InvalidFormat,
                        "must be a date written YYYY-MM-DD",
                    );
                    (String::new(), false)
                }
            },
            (None, Some(age)) if age as i32 > OLDEST_AGE => {
                v.push(
                    "estimated_age_years",
                    ErrorCode::OutOfRange,
                    format!("must be between 0 and {OLDEST_AGE}"),
                );
                (String::new(), true)
            }
            (None, Some(age)) => {
                let year = today.year() - age as i32;
                let d = today
                    .with_year(year)
                    .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
                    .unwrap_or(today);
                (d.format("%Y-%m-%d").to_string(), true)
            }
            (None, None) => {
                v.push(
                    "birth_date",
                    ErrorCode::Required,
                    "enter a date of birth or an estimated age",
                );
                (String::new(), false)
            }
        }
    }

    fn allergies(&self, v: &mut Validation, new_id: &mut dyn FnMut() -> String) -> Vec<Allergy> {
        if self.allergies.len() > LIST_MAX {
            v.push(
                "allergies",
                ErrorCode::OutOfRange,
                format!("at most {LIST_MAX} allergies"),
            );
        }
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (i, a) in self.allergies.iter().enumerate() {
            let substance =
                v.required_text(&format!("allergies.{i}.substance"), &a.substance, NAME_MAX);
            let key = fold(&substance);
            if !key.is_empty() && seen.contains(&key) {
                v.push(
                    format!("allergies.{i}.substance"),
                    ErrorCode::Duplicate,
                    "is listed twice",
                );
            }
            seen.push(key);
            let reaction =
                v.optional_text(&format!("allergies.{i}.reaction"), &a.reaction, TEXT_MAX);
            let id =
                a.id.clone()
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(&mut *new_id);
            out.push(Allergy {
                id,
                substance,
                severity: a.severity,
                reaction,
            });
        }
        out
    }
}

/// Whole years from `birth_date` (`YYYY-MM-DD`) to `today`.
pub fn age_in_years(birth_date: &str, today: NaiveDate) -> Option<u32> {
    let born = NaiveDate::parse_from_str(birth_date, "%Y-%m-%d").ok()?;
    today.years_since(born)
}

fn check_phone(v: &mut Validation, field: &str, raw: &str) -> String {
    let s = v.optional_text(field, raw, 30);
    if s.is_empty() {
        return s;
    }
    let allowed = s
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = phone_digits(&s).len();
    if !allowed || !(6..=15).contains(&digits) {
        v.push(
            field,
            ErrorCode::InvalidFormat,
            "must be a phone number of 6 to 15 digits",
        );
    }
    s
}

fn national_id(v: &mut Validation, raw: &str) -> String {
    let s = v.optional_text("national_id", raw, 32);
    if !s.is_empty()
        && (!s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            || id_key(&s).len() < 4)
    {
        v.push(
            "national_id",
            ErrorCode::InvalidFormat,
            "must be 4 or more letters and digits",
        );
    }
    s
}

fn text_list(v: &mut Validation, field: &str, items: &[String]) -> Vec<String> {
    let kept: Vec<String> = items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if kept.len() > LIST_MAX {
        v.push(
            field,
            ErrorCode::OutOfRange,
            format!("at most {LIST_MAX} entries"),
        );
    }
    for (i, item) in kept.iter().enumerate() {
        if item.chars().count() > 200 {
            v.push(
                format!("{field}.{i}"),
                ErrorCode::TooLong,
                "must be at most 200 characters",
            );
        }
    }
    kept
}

#[cfg(test)]
mod tests;

fn check_email(v: &mut Validation, raw: &str) -> String {
    let s = v.optional_text("email", raw, 254);
    if !s.is_empty() && !crate::reminder::is_email(&s) {
        v.push(
            "email",
            ErrorCode::InvalidFormat,
            "must be an email address",
        );
    }
    s
}

fn check_reminder_channel(
    v: &mut Validation,
    channel: crate::reminder::ReminderChannel,
    phone: &str,
    email: &str,
) {
    use crate::reminder::ReminderChannel;
    match channel {
        ReminderChannel::Sms if phone.is_empty() => v.push(
            "reminder_channel",
            ErrorCode::Required,
            "needs a phone number for SMS reminders",
        ),
        ReminderChannel::Email if email.is_empty() => v.push(
            "reminder_channel",
            ErrorCode::Required,
            "needs an email address for email reminders",
        ),
        _ => {}
    }
}
