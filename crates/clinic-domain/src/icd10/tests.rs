use super::*;
use std::time::{Duration, Instant};

#[test]
fn list_is_the_full_icd10cm_tabular_list() {
    assert!(len() > 70_000, "{} codes", len());
    let i10 = lookup("I10").expect("I10");
    assert_eq!(i10.title, "Essential (primary) hypertension");
    assert_eq!(lookup("j069").map(|c| c.code), Some("J06.9".to_string()));
    assert_eq!(lookup(" J06.9 ").map(|c| c.code), Some("J06.9".to_string()));
    // A category with subcategories is not billable, so not in the list; nor is garbage.
    assert_eq!(lookup("J06"), None);
    assert_eq!(lookup("ZZZ.9"), None);
    assert_eq!(lookup(""), None);
}

#[test]
fn search_by_code_prefix_with_or_without_dot() {
    let hits = search("E11.6", 50);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|c| c.code.starts_with("E11.6")), "{hits:?}");
    let no_dot = search("e116", 50);
    assert_eq!(hits, no_dot);
    assert_eq!(search("J06.9", 5)[0].code, "J06.9");
    assert_eq!(search("E11", 3).len(), 3);
}

#[test]
fn search_by_title_words_any_order_prefixes_and_accents() {
    let hits = search("diabetes type 2", 500);
    assert!(hits.iter().any(|c| c.code == "E11.9"), "{hits:?}");
    assert!(hits
        .iter()
        .all(|c| c.title.to_lowercase().contains("diabetes")));
    let hyper = search("hypertens essential", 10);
    assert_eq!(hyper[0].code, "I10");
    // Accents and case are folded.
    assert!(search("HYPERTENSÍON", 20).iter().any(|c| c.code == "I10"));
    // Shortest titles first: the general codes before their variants.
    let portal = search("hypertension", 3);
    assert!(
        portal
            .windows(2)
            .all(|w| w[0].title.len() <= w[1].title.len()),
        "{portal:?}"
    );
    assert!(search("qwertyuiop", 5).is_empty());
    // One letter is a whole word, not a prefix of half the list.
    let b = search("b", 500);
    assert!(!b.is_empty());
    for c in &b {
        let lower = c.title.to_lowercase();
        let mut words = lower.split(|ch: char| !ch.is_alphanumeric());
        assert!(words.any(|w| w == "b"), "{c:?}");
    }
    assert!(search("   ", 5).is_empty());
}

#[test]
fn search_is_fast_after_first_use() {
    let _ = search("warm up", 1);
    let queries = [
        "a",
        "fracture femur",
        "S72",
        "pain",
        "infection upper respiratory",
    ];
    let started = Instant::now();
    for q in queries {
        let _ = search(q, 20);
    }
    let each = started.elapsed() / queries.len() as u32;
    // Generous for debug builds on a shared machine; release is well under a millisecond.
    assert!(each < Duration::from_millis(60), "{each:?} per search");
}
