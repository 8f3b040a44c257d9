//! What the prescription form sends, and its validation (every error at once, with field paths
//! such as `items.0.dose`).
use super::{PrescriptionItem, PrescriptionStatus};
use crate::drugs::catalogue;
use crate::error::{ErrorCode, FieldError, Validation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_ITEMS: usize = 30;
pub const MAX_DURATION_DAYS: u32 = 365;
pub const MAX_QUANTITY: u32 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemInput {
    /// Keeps an edited item the same item (concurrent edits merge per item); none for a new one.
    #[ts(optional)]
    pub id: Option<String>,
    /// A catalogue id; none for a free-text drug.
    #[ts(optional)]
    pub drug_id: Option<String>,
    /// The free-text name; ignored (taken from the catalogue) when `drug_id` is given.
    pub drug_name: String,
    pub strength: String,
    pub form: String,
    pub dose: String,
    pub route: String,
    pub frequency: String,
    #[ts(optional)]
    pub duration_days: Option<u32>,
    #[ts(optional)]
    pub quantity: Option<u32>,
    pub instructions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrescriptionInput {
    pub patient_id: String,
    #[ts(optional)]
    pub encounter_id: Option<String>,
    pub items: Vec<ItemInput>,
    pub notes: String,
}

/// Routes the form offers; anything else is refused.
pub const ROUTES: &[&str] = &[
    "oral",
    "sublingual",
    "iv",
    "im",
    "sc",
    "topical",
    "inhalation",
    "rectal",
    "vaginal",
    "eye",
    "ear",
    "nasal",
];

impl ItemInput {
    fn validate(
        &self,
        i: usize,
        v: &mut Validation,
        new_id: &mut dyn FnMut() -> String,
    ) -> PrescriptionItem {
        let f = |name: &str| format!("items.{i}.{name}");
        let drug = self
            .drug_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let (drug_id, drug_name, free_text) = match drug {
            Some(id) => match catalogue().drug(id) {
                Some(d) => (d.id.clone(), d.name.clone(), false),
                None => {
                    v.push(
                        f("drug_id"),
                        ErrorCode::InvalidValue,
                        "is not in the drug catalogue",
                    );
                    (String::new(), String::new(), false)
                }
            },
            None => (
                String::new(),
                v.required_text(&f("drug_name"), &self.drug_name, 200),
                true,
            ),
        };
        let route = v
            .required_text(&f("route"), &self.route, 40)
            .to_ascii_lowercase();
        if !route.is_empty() && !ROUTES.contains(&route.as_str()) {
            v.push(f("route"), ErrorCode::InvalidValue, "is not a known route");
        }
        let duration_days = match self.duration_days {
            None => {
                v.push(f("duration_days"), ErrorCode::Required, "is required");
                0
            }
            Some(d) if d == 0 || d > MAX_DURATION_DAYS => {
                v.push(
                    f("duration_days"),
                    ErrorCode::OutOfRange,
                    format!("must be 1 to {MAX_DURATION_DAYS} days"),
                );
                d
            }
            Some(d) => d,
        };
        let quantity = match self.quantity {
            None => {
                v.push(f("quantity"), ErrorCode::Required, "is required");
                0
            }
            Some(q) if q == 0 || q > MAX_QUANTITY => {
                v.push(
                    f("quantity"),
                    ErrorCode::OutOfRange,
                    format!("must be 1 to {MAX_QUANTITY}"),
                );
                q
            }
            Some(q) => q,
        };
        PrescriptionItem {
            id: self
                .id
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(new_id),
            drug_id,
            drug_name,
            free_text,
            strength: v.optional_text(&f("strength"), &self.strength, 80),
            form: v.optional_text(&f("form"), &self.form, 80),
            dose: v.required_text(&f("dose"), &self.dose, 80),
            route,
            frequency: v.required_text(&f("frequency"), &self.frequency, 80),
            duration_days,
            quantity,
            instructions: v.optional_text(&f("instructions"), &self.instructions, 500),
        }
    }
}

/// The checked content of a prescription: what the form may set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPrescription {
    pub patient_id: String,
    pub encounter_id: String,
    pub items: Vec<PrescriptionItem>,
    pub notes: String,
}

impl PrescriptionInput {
    /// Every field error at once; `new_id` names new items.
    pub fn validate(
        &self,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<CheckedPrescription, Vec<FieldError>> {
        let mut v = Validation::default();
        let patient_id = v.required_text("patient_id", &self.patient_id, 64);
        if !patient_id.is_empty() && uuid::Uuid::parse_str(&patient_id).is_err() {
            v.push("patient_id", ErrorCode::InvalidFormat, "is not a record id");
        }
        let encounter_id = v.optional_text(
            "encounter_id",
            self.encounter_id.as_deref().unwrap_or(""),
            64,
        );
        if !encounter_id.is_empty() && uuid::Uuid::parse_str(&encounter_id).is_err() {
            v.push(
                "encounter_id",
                ErrorCode::InvalidFormat,
                "is not a record id",
            );
        }
        if self.items.is_empty() {
            v.push(
                "items",
                ErrorCode::Required,
                "at least one medicine is required",
            );
        } else if self.items.len() > MAX_ITEMS {
            v.push(
                "items",
                ErrorCode::OutOfRange,
                format!("at most {MAX_ITEMS} medicines"),
            );
        }
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item.validate(i, &mut v, new_id))
            .collect();
        let notes = v.optional_text("notes", &self.notes, 2000);
        v.finish(CheckedPrescription {
            patient_id,
            encounter_id,
            items,
            notes,
        })
    }
}

/// Refuses a transition that the status does not allow, as a field error on `status`.
pub fn check_transition(
    from: PrescriptionStatus,
    to: PrescriptionStatus,
) -> Result<(), Vec<FieldError>> {
    if from.can_become(to) {
        Ok(())
    } else {
        Err(vec![FieldError::new(
            "status",
            ErrorCode::Conflict,
            format!(
                "a {} prescription cannot become {}",
                from.as_str(),
                to.as_str()
            ),
        )])
    }
}
