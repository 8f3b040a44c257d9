//! The ICD-10-CM code list shipped with the app (billable codes of the CMS/CDC tabular list,
//! public domain; see `docs/DATA-SOURCES.md` and `scripts/gen-icd10.py`), searchable offline by
//! code prefix and by words of the title. Parsed once, on first use.
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;
use ts_rs::TS;

#[cfg(test)]
mod tests;

/// `CODE<TAB>title` lines sorted by code, gzip-compressed.
static DATA: &[u8] = include_bytes!("icd10cm.tsv.gz");

/// One code of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Icd10Code {
    /// With its dot, e.g. `J06.9`.
    pub code: String,
    pub title: String,
}

struct Table {
    /// (code, title), sorted by code.
    entries: Vec<(String, String)>,
    /// The codes without their dot (same order), for prefix search.
    keys: Vec<String>,
    /// Folded title words, sorted, each with the entries (indexes, ascending) that contain it.
    words: Vec<(String, Vec<u32>)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut text = String::new();
        // The data is compiled in and checked by the tests: a failure leaves an empty list.
        let _ = flate2::read::GzDecoder::new(DATA).read_to_string(&mut text);
        let mut entries = Vec::new();
        let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for line in text.lines() {
            let Some((code, title)) = line.split_once('\t') else {
                continue;
            };
            let i = entries.len() as u32;
            for w in title_words(title) {
                let list = words.entry(w).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            entries.push((code.to_string(), title.to_string()));
        }
        let keys = entries.iter().map(|(c, _)| c.replace('.', "")).collect();
        Table {
            entries,
            keys,
            words: words.into_iter().collect(),
        }
    })
}

fn title_words(text: &str) -> impl Iterator<Item = String> + '_ {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// `j06.9`, ` J069 ` → `J069`: upper case, no dot, no spaces.
fn code_key(code: &str) -> String {
    code.trim()
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Number of codes in the list.
pub fn len() -> usize {
    table().entries.len()
}

/// The code as listed (with its dot), written with or without the dot, in any case.
pub fn lookup(code: &str) -> Option<Icd10Code> {
    let t = table();
    let key = code_key(code);
    let i = t.keys.binary_search(&key).ok()?;
    Some(entry(t, i))
}

fn entry(t: &Table, i: usize) -> Icd10Code {
    let (code, title) = &t.entries[i];
    Icd10Code {
        code: code.clone(),
        title: title.clone(),
    }
}

/// Up to `limit` codes: in code order, those starting with `query` when it looks like a code
/// (a letter then a digit), else those whose title has a word starting with each query word,
/// shortest title first.
pub fn search(query: &str, limit: usize) -> Vec<Icd10Code> {
    let t = table();
    let q = query.trim();
    let mut chars = q.chars();
    let looks_like_code = matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_digit()
    );
    if looks_like_code {
        let key = code_key(q);
        let start = t.keys.partition_point(|k| k.as_str() < key.as_str());
        return t.keys[start..]
            .iter()
            .take_while(|k| k.starts_with(&key))
            .take(limit)
            .enumerate()
            .map(|(n, _)| entry(t, start + n))
            .collect();
    }
    let words: Vec<String> = title_words(q).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut matches: Option<Vec<u32>> = None;
    for w in &words {
        let found = with_prefix(t, w);
        matches = Some(match matches {
            None => found,
            Some(prev) => intersect(&prev, &found),
        });
        if matches.as_ref().is_some_and(Vec::is_empty) {
            break;
        }
    }
    // Shortest titles first (the general code before its variants), then code order.
    let mut found = matches.unwrap_or_default();
    let rank = |i: &u32| (t.entries[*i as usize].1.len(), *i);
    if found.len() > limit && limit > 0 {
        found.select_nth_unstable_by_key(limit - 1, rank);
        found.truncate(limit);
    }
    found.sort_unstable_by_key(rank);
    found
        .into_iter()
        .take(limit)
        .map(|i| entry(t, i as usize))
        .collect()
}

/// Entries (sorted, distinct) with a title word starting with `prefix`; a one-character prefix
/// matches that word exactly (as a prefix it would match most of the list).
fn with_prefix(t: &Table, prefix: &str) -> Vec<u32> {
    let start = t.words.partition_point(|(w, _)| w.as_str() < prefix);
    if prefix.chars().count() < 2 {
        return match t.words.get(start) {
            Some((w, ids)) if w == prefix => ids.clone(),
            _ => Vec::new(),
        };
    }
    let mut out: Vec<u32> = t.words[start..]
        .iter()
        .take_while(|(w, _)| w.starts_with(prefix))
        .flat_map(|(_, ids)| ids.iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
