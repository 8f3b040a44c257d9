//! `seed-demo`: realistic synthetic patients for demos, training and benchmarks. Deterministic for a
//! given seed; goes through the same batch path as an import, so it exercises the real write path.
use crate::error::Result;
use crate::store::Store;
use clinic_domain::patient::{
    AllergyInput, AllergySeverity, BloodType, EmergencyContact, PatientInput, Sex,
};
use clinic_domain::{Actor, ChangeSource};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FEMALE: &[&str] = &[
    "Amina", "Grace", "Sarah", "Esther", "Florence", "Agnes", "Harriet", "Joyce", "Mercy", "Faith",
    "Aisha", "Zainab", "Nakato", "Babirye", "Achieng", "Wanjiru", "Njeri", "Akello", "Élodie",
    "Chloé", "Zoë", "Hélène", "Marie", "Fatou", "Aminata", "Mariam", "Rose", "Brenda", "Winnie",
    "Patience",
];
const MALE: &[&str] = &[
    "John",
    "Joseph",
    "Moses",
    "Peter",
    "Samuel",
    "David",
    "Isaac",
    "Emmanuel",
    "Ibrahim",
    "Hassan",
    "Musa",
    "Kato",
    "Wasswa",
    "Otieno",
    "Kamau",
    "Mwangi",
    "Okello",
    "Opio",
    "Jérôme",
    "François",
    "Noël",
    "René",
    "Amadou",
    "Moussa",
    "Brian",
    "Denis",
    "Ronald",
    "Robert",
    "Charles",
    "Godfrey",
];
const FAMILY: &[&str] = &[
    "Nakato",
    "Mukasa",
    "Ssempala",
    "Namubiru",
    "Okello",
    "Opio",
    "Achieng",
    "Otieno",
    "Kamau",
    "Mwangi",
    "Wanjiru",
    "Njoroge",
    "Mugisha",
    "Tumusiime",
    "Byaruhanga",
    "Nansubuga",
    "Kiggundu",
    "Lubega",
    "Diallo",
    "Traoré",
    "Koné",
    "Ndiaye",
    "Dubois",
    "Lefèvre",
    "Müller",
    "Haddad",
    "Mensah",
    "Owusu",
    "Banda",
    "Phiri",
    "Mutua",
    "Kiprop",
    "Chebet",
    "Atieno",
    "Nabirye",
    "Kyomuhendo",
    "Asiimwe",
    "Ainembabazi",
    "Katusiime",
    "Nsubuga",
];
const PLACES: &[&str] = &[
    "Kisenyi, Kampala",
    "Ntinda, Kampala",
    "Mukono",
    "Entebbe Road",
    "Jinja",
    "Mbale",
    "Gulu",
    "Lira",
    "Masaka",
    "Mbarara",
    "Kibera, Nairobi",
    "Kisumu",
    "Eldoret",
    "Thika",
    "Dakar Plateau",
    "Bamako",
    "Abidjan Cocody",
];
const ALLERGENS: &[&str] = &[
    "Penicillin",
    "Sulfonamides",
    "Aspirin",
    "Ibuprofen",
    "Peanuts",
    "Latex",
    "Codeine",
    "Chloroquine",
];
const CONDITIONS: &[&str] = &[
    "Hypertension",
    "Type 2 diabetes",
    "Asthma",
    "HIV on ART",
    "Sickle cell disease",
    "Epilepsy",
];
const MEDICATIONS: &[&str] = &[
    "Amlodipine 5 mg",
    "Metformin 500 mg",
    "Salbutamol inhaler",
    "TLD (dolutegravir)",
    "Folic acid 5 mg",
];
const INSURERS: &[&str] = &["Jubilee Health", "AAR", "NHIF", "Sanlam", "UAP Old Mutual"];

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// One synthetic patient.
pub fn demo_patient(rng: &mut StdRng, today: chrono::NaiveDate) -> PatientInput {
    use chrono::Datelike;
    let female = rng.random_bool(0.54);
    let given = pick(rng, if female { FEMALE } else { MALE });
    let family = pick(rng, FAMILY);
    let age_days = rng.random_range(0..(90 * 365));
    let birth = today - chrono::Duration::days(age_days);
    let (birth_date, estimated_age_years) = if rng.random_bool(0.1) {
        (None, Some((today.year() - birth.year()).max(0) as u32))
    } else {
        (Some(birth.format("%Y-%m-%d").to_string()), None)
    };
    let phone = |rng: &mut StdRng| {
        format!(
            "+256 7{:02} {:06}",
            rng.random_range(0..100),
            rng.random_range(0..1_000_000)
        )
    };
    let insured = rng.random_bool(0.25);
    let allergies = if rng.random_bool(0.15) {
        vec![AllergyInput {
            id: None,
            substance: pick(rng, ALLERGENS).into(),
            severity: AllergySeverity::Moderate,
            reaction: "Rash".into(),
        }]
    } else {
        Vec::new()
    };
    PatientInput {
        given_name: given.into(),
        family_name: family.into(),
        sex: if female { Sex::Female } else { Sex::Male },
        birth_date,
        estimated_age_years,
        phone: if rng.random_bool(0.85) {
            phone(rng)
        } else {
            String::new()
        },
        address: pick(rng, PLACES).into(),
        national_id: if rng.random_bool(0.4) {
            format!("CM{:012}", rng.random_range(0..1_000_000_000_000u64))
        } else {
            String::new()
        },
        insurance_provider: if insured {
            pick(rng, INSURERS).into()
        } else {
            String::new()
        },
        insurance_policy: if insured {
            format!("POL-{:07}", rng.random_range(0..10_000_000))
        } else {
            String::new()
        },
        emergency_contact: if rng.random_bool(0.6) {
            EmergencyContact {
                name: format!("{} {}", pick(rng, FEMALE), family),
                phone: phone(rng),
                relationship: "Relative".into(),
            }
        } else {
            EmergencyContact::default()
        },
        blood_type: BloodType::ALL[rng.random_range(0..BloodType::ALL.len())],
        allergies,
        chronic_conditions: if rng.random_bool(0.12) {
            vec![pick(rng, CONDITIONS).into()]
        } else {
            Vec::new()
        },
        current_medications: if rng.random_bool(0.1) {
            vec![pick(rng, MEDICATIONS).into()]
        } else {
            Vec::new()
        },
        ..PatientInput::default()
    }
}

impl Store {
    /// Registers `count` synthetic patients in batches, calling `progress` with the running total.
    pub fn seed_demo(
        &mut self,
        actor: &Actor,
        count: usize,
        seed: u64,
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        let mut rng = StdRng::seed_from_u64(seed);
        let today = self.clock.now().date_naive();
        let (mut done, mut saved) = (0, 0);
        while done < count {
            let n = (count - done).min(1000);
            let batch: Vec<PatientInput> = (0..n).map(|_| demo_patient(&mut rng, today)).collect();
            saved += self
                .register_patients(actor, &batch, ChangeSource::Import)?
                .iter()
                .filter(|r| r.is_ok())
                .count();
            done += n;
            progress(done);
        }
        Ok(saved)
    }
}
