//! Parsing of the shipped data files (`catalogue.tsv`, `classes.tsv`, `interactions.tsv`).
use super::{Drug, DrugClass, Interaction, InteractionSeverity, Side};
use crate::text::fold;
use std::sync::OnceLock;

const CATALOGUE: &str = include_str!("catalogue.tsv");
const CLASSES: &str = include_str!("classes.tsv");
const INTERACTIONS: &str = include_str!("interactions.tsv");

/// The parsed data. Lines that do not parse are skipped (a test checks there are none).
#[derive(Debug, Default)]
pub struct Catalogue {
    pub drugs: Vec<Drug>,
    pub classes: Vec<DrugClass>,
    pub interactions: Vec<Interaction>,
    /// Folded drug names, same order as `drugs`.
    folded: Vec<String>,
}

pub fn catalogue() -> &'static Catalogue {
    static CELL: OnceLock<Catalogue> = OnceLock::new();
    CELL.get_or_init(|| parse(CATALOGUE, CLASSES, INTERACTIONS))
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

pub(super) fn parse(catalogue: &str, classes: &str, interactions: &str) -> Catalogue {
    let drugs: Vec<Drug> = rows(catalogue)
        .filter(|r| r.len() == 5)
        .map(|r| Drug {
            id: r[0].into(),
            name: r[1].into(),
            classes: list(r[2]),
            forms: list(r[3]),
            strengths: list(r[4]),
        })
        .collect();
    let classes = rows(classes)
        .filter(|r| r.len() == 4)
        .map(|r| DrugClass {
            id: r[0].into(),
            name: r[1].into(),
            cross_reactive: r[2] == "yes",
            words: list(r[3]).iter().map(|w| fold(w)).collect(),
        })
        .collect();
    let side = |s: &str| match s.strip_prefix("class:") {
        Some(c) => Side::Class(c.into()),
        None => Side::Drug(s.into()),
    };
    let interactions = rows(interactions)
        .filter(|r| r.len() == 4)
        .filter_map(|r| {
            let severity = match r[2] {
                "severe" => InteractionSeverity::Severe,
                "moderate" => InteractionSeverity::Moderate,
                "minor" => InteractionSeverity::Minor,
                _ => return None,
            };
            Some(Interaction {
                a: side(r[0]),
                b: side(r[1]),
                severity,
                advice: r[3].into(),
            })
        })
        .collect();
    let folded = drugs.iter().map(|d| fold(&d.name)).collect();
    Catalogue {
        drugs,
        classes,
        interactions,
        folded,
    }
}

/// Whether `needle` (folded) occurs in `hay` (folded) as whole words.
pub(super) fn has_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let (h, n) = (format!(" {} ", words(hay)), format!(" {} ", words(needle)));
    h.contains(&n)
}

/// Letters and digits only, one space between words: "co-trimoxazole (oral)" → "co trimoxazole oral".
fn words(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Catalogue {
    pub fn drug(&self, id: &str) -> Option<&Drug> {
        self.drugs.iter().find(|d| d.id == id)
    }

    pub fn class(&self, id: &str) -> Option<&DrugClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// Drugs whose name contains every word of `query` (case/accent-insensitive), best first:
    /// names starting with the query, then the others, alphabetically; at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Drug> {
        let q = fold(query);
        let terms: Vec<&str> = q.split_whitespace().collect();
        let mut hits: Vec<(bool, &Drug)> = self
            .drugs
            .iter()
            .zip(&self.folded)
            .filter(|(_, f)| terms.iter().all(|t| f.contains(t)))
            .map(|(d, f)| (!f.starts_with(&q), d))
            .collect();
        hits.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
        hits.into_iter()
            .take(limit)
            .map(|(_, d)| d.clone())
            .collect()
    }

    /// The catalogue drugs a free-text name refers to: the drug named, or whose name is part of
    /// it ("Amoxicillin 500mg caps" → amoxicillin; "co-trimoxazole" by its common name too).
    pub fn resolve(&self, text: &str) -> Vec<&Drug> {
        let t = fold(text);
        if t.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<&Drug> = self
            .drugs
            .iter()
            .zip(&self.folded)
            .filter(|(d, f)| has_words(&t, f) || has_words(&t, &fold(&d.id.replace('_', " "))))
            .map(|(d, _)| d)
            .collect();
        for (alias, id) in ALIASES {
            if has_words(&t, alias) {
                if let Some(d) = self.drug(id) {
                    if !out.iter().any(|x| x.id == d.id) {
                        out.push(d);
                    }
                }
            }
        }
        // A combination also names its parts: "sulfamethoxazole + trimethoprim" is not "trimethoprim".
        if out.len() > 1 {
            let longest: Vec<String> = out.iter().map(|d| fold(&d.name)).collect();
            out = out
                .iter()
                .zip(&longest)
                .filter(|(_, n)| !longest.iter().any(|o| o != *n && has_words(o, n)))
                .map(|(d, _)| *d)
                .collect();
        }
        out
    }
}

/// Common names that are not the INN.
const ALIASES: &[(&str, &str)] = &[
    ("co trimoxazole", "sulfamethoxazole_trimethoprim"),
    ("cotrimoxazole", "sulfamethoxazole_trimethoprim"),
    ("bactrim", "sulfamethoxazole_trimethoprim"),
    ("septrin", "sulfamethoxazole_trimethoprim"),
    ("aspirin", "aspirin"),
    ("acetaminophen", "paracetamol"),
    ("adrenaline", "epinephrine"),
    ("augmentin", "amoxicillin_clavulanate"),
    ("coartem", "artemether_lumefantrine"),
    ("penicillin v", "phenoxymethylpenicillin"),
    ("penicillin g", "benzylpenicillin"),
    ("valproate", "valproic_acid"),
    ("salbutamol", "salbutamol"),
];
