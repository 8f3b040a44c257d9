//! Central projection of encounter diagnoses: each pushed encounter's rows are deleted and its
//! current diagnoses inserted again, in the push batch's transaction, so an edited encounter
//! (a diagnosis removed, a code added on another PC) is never counted twice. They feed the
//! "Top diagnoses per week" report. Codes, titles, ids and the day only: no patient names.
use chrono::NaiveDate;
use clinic_domain::encounter::Encounter;
use clinic_domain::icd10;
use deadpool_postgres::Transaction;
use std::collections::BTreeSet;
use uuid::Uuid;

/// One row of `encounter_diagnoses`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosisRow {
    pub encounter_id: Uuid,
    pub code: String,
    pub title: String,
    pub patient_id: String,
    pub day: Option<NaiveDate>,
    pub primary: bool,
}

#[derive(Default)]
pub struct EncounterDiagnoses {
    /// Every encounter of the batch, even one with no diagnosis left: its old rows go.
    encounters: Vec<Uuid>,
    rows: Vec<DiagnosisRow>,
}

/// The date of a `YYYY-MM-DD…` text, if it is one.
fn day_of(text: &str) -> Option<NaiveDate> {
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// The encounter's rows: one per code (a code two PCs both added offline counts once), with the
/// code and title of the shipped ICD-10 list when the code is on it.
pub fn rows_of(id: Uuid, e: &Encounter) -> Vec<DiagnosisRow> {
    let day = day_of(&e.started_at);
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for d in &e.diagnoses {
        let (code, title) = match icd10::lookup(&d.code) {
            Some(listed) => (listed.code, listed.title),
            None => (
                d.code.trim().to_ascii_uppercase(),
                d.title.trim().to_string(),
            ),
        };
        if code.is_empty() {
            continue;
        }
        let primary = e.primary_diagnosis().is_some_and(|p| p.id == d.id);
        if seen.insert(code.clone()) {
            rows.push(DiagnosisRow {
                encounter_id: id,
                code,
                title,
                patient_id: e.patient_id.clone(),
                day,
                primary,
            });
        } else if primary {
            if let Some(r) = rows.iter_mut().find(|r| r.code == code) {
                r.primary = true;
            }
        }
    }
    rows
}

impl EncounterDiagnoses {
    pub fn add(&mut self, id: Uuid, e: &Encounter) {
        self.encounters.push(id);
        self.rows.extend(rows_of(id, e));
    }

    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if self.encounters.is_empty() {
            return Ok(());
        }
        let delete = tx
            .prepare_cached(
                "DELETE FROM encounter_diagnoses WHERE clinic_id = $1 AND encounter_id = ANY($2)",
            )
            .await?;
        tx.execute(&delete, &[&clinic_id, &self.encounters]).await?;
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = &self.rows;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.encounter_id).collect();
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        let patients: Vec<&str> = rows.iter().map(|r| r.patient_id.as_str()).collect();
        let days: Vec<Option<NaiveDate>> = rows.iter().map(|r| r.day).collect();
        let primary: Vec<bool> = rows.iter().map(|r| r.primary).collect();
        let insert = tx
            .prepare_cached(
                "INSERT INTO encounter_diagnoses (clinic_id, encounter_id, code, title, patient_id,
                    day, is_primary)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::date[], $7::bool[])",
            )
            .await?;
        tx.execute(
            &insert,
            &[
                &clinic_id, &ids, &codes, &titles, &patients, &days, &primary,
            ],
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clinic_domain::encounter::Diagnosis;

    fn diagnosis(id: &str, code: &str, title: &str, primary: bool) -> Diagnosis {
        Diagnosis {
            id: id.into(),
            code: code.into(),
            title: title.into(),
            primary,
            ..Diagnosis::default()
        }
    }

    #[test]
    fn one_row_per_code_with_the_listed_code_and_title() {
        let id = Uuid::now_v7();
        let e = Encounter {
            patient_id: "p1".into(),
            started_at: "2026-11-23T08:15:00+00:00".into(),
            diagnoses: vec![
                diagnosis("a", "j069", "typed on a PC", false),
                diagnosis("b", "J06.9", "the same, added offline elsewhere", true),
                diagnosis("c", "ZZZ.9", " Not on the list ", false),
                diagnosis("d", "  ", "", false),
            ],
            ..Encounter::default()
        };
        let rows = rows_of(id, &e);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].code, "J06.9");
        assert_eq!(
            rows[0].title,
            icd10::lookup("J06.9").map(|c| c.title).unwrap_or_default()
        );
        assert!(!rows[0].title.is_empty());
        assert!(
            rows[0].primary,
            "the duplicate marked primary keeps the mark"
        );
        assert_eq!(
            (rows[1].code.as_str(), rows[1].title.as_str()),
            ("ZZZ.9", "Not on the list")
        );
        assert!(!rows[1].primary);
        assert_eq!(
            rows[0].day.map(|d| d.to_string()),
            Some("2026-11-23".into())
        );
        assert_eq!(rows[0].patient_id, "p1");
    }

    #[test]
    fn an_unreadable_start_leaves_the_day_empty() {
        let e = Encounter {
            started_at: "soon".into(),
            diagnoses: vec![diagnosis("a", "I10", "", true)],
            ..Encounter::default()
        };
        assert_eq!(rows_of(Uuid::now_v7(), &e)[0].day, None);
    }
}
