use super::data::parse;
use super::*;

fn data_lines(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count()
}

#[test]
fn every_data_line_parses_and_every_reference_exists() {
    let (c, k, i) = (
        include_str!("catalogue.tsv"),
        include_str!("classes.tsv"),
        include_str!("interactions.tsv"),
    );
    let cat = parse(c, k, i);
    assert_eq!(cat.drugs.len(), data_lines(c));
    assert_eq!(cat.classes.len(), data_lines(k));
    assert_eq!(cat.interactions.len(), data_lines(i));
    assert!(cat.drugs.len() >= 100, "a real catalogue");
    let mut ids = std::collections::HashSet::new();
    for d in &cat.drugs {
        assert!(ids.insert(d.id.clone()), "duplicate drug {}", d.id);
        assert!(!d.forms.is_empty() && !d.strengths.is_empty(), "{}", d.id);
        for class in &d.classes {
            assert!(
                cat.class(class).is_some(),
                "{}: unknown class {class}",
                d.id
            );
        }
    }
    for r in &cat.interactions {
        for side in [&r.a, &r.b] {
            match side {
                Side::Drug(id) => assert!(cat.drug(id).is_some(), "unknown drug {id}"),
                Side::Class(id) => assert!(cat.class(id).is_some(), "unknown class {id}"),
            }
        }
    }
}

#[test]
fn search_and_resolve() {
    let cat = catalogue();
    let names: Vec<String> = cat.search("AMOX", 5).into_iter().map(|d| d.id).collect();
    assert_eq!(names, ["amoxicillin", "amoxicillin_clavulanate"]);
    assert!(cat.search("zzz", 5).is_empty());
    let ids = |t: &str| -> Vec<String> { cat.resolve(t).iter().map(|d| d.id.clone()).collect() };
    assert_eq!(
        ids("Co-trimoxazole 960mg"),
        ["sulfamethoxazole_trimethoprim"]
    );
    assert_eq!(
        ids("Sulfamethoxazole + trimethoprim"),
        ["sulfamethoxazole_trimethoprim"]
    );
    assert_eq!(ids("warfarin 5 mg daily"), ["warfarin"]);
    assert_eq!(ids("METFORMIN"), ["metformin"]);
}

fn item(id: &str, name: &str) -> NamedDrug {
    NamedDrug {
        drug_id: id.into(),
        name: name.into(),
    }
}

fn allergy(s: &str) -> AllergyFact {
    AllergyFact {
        substance: s.into(),
    }
}

/// (allergies, other drugs, new items) → expected (kind, item, other, requires override).
#[test]
fn warning_cases() {
    type Want = Vec<(WarningKind, u32, &'static str, bool)>;
    type Case = (Vec<&'static str>, Vec<&'static str>, Vec<NamedDrug>, Want);
    let cases: Vec<Case> = vec![
        // Allergy to a class name warns for its members, case and accents folded.
        (
            vec!["PÉNICILLINE"],
            vec![],
            vec![item("ampicillin", "Ampicillin")],
            vec![(WarningKind::Allergy, 0, "PÉNICILLINE", true)],
        ),
        (
            vec!["penicillin"],
            vec![],
            vec![item("amoxicillin", "Amoxicillin")],
            vec![(WarningKind::Allergy, 0, "penicillin", true)],
        ),
        // Allergy to one member warns for another member of a cross-reactive class.
        (
            vec!["Amoxicillin"],
            vec![],
            vec![item("cloxacillin", "Cloxacillin")],
            vec![(WarningKind::Allergy, 0, "Amoxicillin", true)],
        ),
        (
            vec!["sulfa drugs"],
            vec![],
            vec![item("", "co-trimoxazole")],
            vec![(WarningKind::Allergy, 0, "sulfa drugs", true)],
        ),
        // Free text not in the catalogue still matches by name.
        (
            vec!["Zorbamycin"],
            vec![],
            vec![item("", "zorbamycin syrup")],
            vec![(WarningKind::Allergy, 0, "Zorbamycin", true)],
        ),
        // No relation: no warning.
        (
            vec!["penicillin"],
            vec![],
            vec![item("azithromycin", "Azithromycin")],
            vec![],
        ),
        (
            vec!["peanuts"],
            vec!["paracetamol"],
            vec![item("ibuprofen", "Ibuprofen")],
            vec![],
        ),
        // Interactions with current medications, drug and class pairs.
        (
            vec![],
            vec!["Warfarin 5mg"],
            vec![item("ibuprofen", "Ibuprofen")],
            vec![(WarningKind::Interaction, 0, "Warfarin 5mg", true)],
        ),
        (
            vec![],
            vec!["methotrexate"],
            vec![item("", "Co-trimoxazole")],
            vec![(WarningKind::Interaction, 0, "methotrexate", true)],
        ),
        (
            vec![],
            vec!["enalapril"],
            vec![item("spironolactone", "Spironolactone")],
            vec![(WarningKind::Interaction, 0, "enalapril", true)],
        ),
        (
            vec![],
            vec!["simvastatin 40 mg"],
            vec![item("clarithromycin", "Clarithromycin")],
            vec![(WarningKind::Interaction, 0, "simvastatin 40 mg", true)],
        ),
        // A moderate interaction warns without needing an override.
        (
            vec![],
            vec!["warfarin"],
            vec![item("azithromycin", "Azithromycin")],
            vec![(WarningKind::Interaction, 0, "warfarin", false)],
        ),
        // Between two new items.
        (
            vec![],
            vec![],
            vec![item("warfarin", "Warfarin"), item("aspirin", "Aspirin")],
            vec![(WarningKind::Interaction, 1, "Warfarin", true)],
        ),
    ];
    for (allergies, others, items, want) in cases {
        let a: Vec<AllergyFact> = allergies.iter().map(|s| allergy(s)).collect();
        let o: Vec<String> = others.iter().map(|s| s.to_string()).collect();
        let got: Vec<(WarningKind, u32, String, bool)> = warnings(&a, &o, &items)
            .into_iter()
            .map(|w| (w.kind, w.item, w.other, w.requires_override))
            .collect();
        let want: Vec<(WarningKind, u32, String, bool)> = want
            .into_iter()
            .map(|(k, i, o, r)| (k, i, o.to_string(), r))
            .collect();
        assert_eq!(got, want, "{allergies:?} {others:?} {items:?}");
    }
}
