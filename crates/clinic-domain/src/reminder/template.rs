//! The reminder texts, in English and French. Rendered once, when the message is queued.
use serde::{Deserialize, Serialize};

/// What a reminder says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInput<'a> {
    pub language: &'a str,
    pub clinic_name: &'a str,
    pub patient_given_name: &'a str,
    pub clinician_name: &'a str,
    /// The clinic's wall-clock `YYYY-MM-DDTHH:MM`.
    pub start_local: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

fn day_and_time(start_local: &str) -> (String, String) {
    let (day, time) = start_local.split_once('T').unwrap_or((start_local, ""));
    let day = match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => day.to_string(),
    };
    (day, time.to_string())
}

/// The subject and body in `language` (`fr`, anything else English).
pub fn render(t: &TemplateInput<'_>) -> Rendered {
    let (day, time) = day_and_time(t.start_local);
    let (clinic, name, with) = (t.clinic_name, t.patient_given_name, t.clinician_name);
    if t.language == "fr" {
        Rendered {
            subject: format!("{clinic} : rappel de rendez-vous le {day} à {time}"),
            body: format!(
                "Bonjour {name},\n\nNous vous rappelons votre rendez-vous le {day} à {time} \
                 avec {with} à {clinic}.\nSi vous ne pouvez pas venir, merci de nous prévenir.\n\n{clinic}"
            ),
        }
    } else {
        Rendered {
            subject: format!("{clinic}: appointment reminder for {day} at {time}"),
            body: format!(
                "Hello {name},\n\nThis is a reminder of your appointment on {day} at {time} \
                 with {with} at {clinic}.\nIf you cannot come, please let us know.\n\n{clinic}"
            ),
        }
    }
}
