//! The search benchmark's queries: the realistic mix drawn from the registered patients, and
//! misspelled names for the fuzzy fallback.

use crate::config::{CLINIC_CODE, DEVICE_CODE};
use crate::run::Bench;
use crate::BenchResult;
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::Connection;
use uuid::Uuid;

pub(crate) const NAME_PREFIX: usize = 0;
pub(crate) const FULL_NAME: usize = 1;
pub(crate) const PHONE: usize = 2;
pub(crate) const KINDS: [&str; 4] = [
    "name prefix (2-6 letters)",
    "full name",
    "phone digits prefix",
    "patient number prefix",
];

#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub(crate) text: String,
    pub(crate) kind: usize,
    pub(crate) target: Option<Uuid>,
}

#[derive(Debug, Clone)]
pub(crate) struct Typo {
    pub(crate) text: String,
    pub(crate) intended: String,
}

impl Bench<'_> {
    /// The realistic mix, drawn from the registered patients.
    pub(crate) fn make_queries(&self, rng: &mut StdRng) -> BenchResult<Vec<Query>> {
        let n = self.registered.len();
        let mut out = Vec::new();
        let counts = [
            self.cfg.scaled(800, 40),
            self.cfg.scaled(400, 20),
            self.cfg.scaled(400, 20),
            self.cfg.scaled(400, 20),
        ];
        for (kind, &count) in counts.iter().enumerate() {
            for _ in 0..count {
                let i = rng.random_range(0..n);
                let p = &self.inputs[i];
                let (id, number) = &self.registered[i];
                let q = match kind {
                    NAME_PREFIX => {
                        let name = if rng.random_bool(0.5) {
                            &p.given_name
                        } else {
                            &p.family_name
                        };
                        let folded = clinic_domain::text::fold(name);
                        let len = rng.random_range(2..=6).min(folded.len());
                        Query {
                            text: folded[..len].to_string(),
                            kind,
                            target: None,
                        }
                    }
                    FULL_NAME => Query {
                        text: format!("{} {}", p.given_name, p.family_name),
                        kind,
                        target: None,
                    },
                    PHONE => {
                        let digits = clinic_domain::text::phone_digits(&p.phone);
                        if digits.is_empty() {
                            continue;
                        }
                        // At least "2567" and two more digits: every phone starts with +256 7.
                        let len = rng.random_range(6..=digits.len());
                        Query {
                            text: digits[..len].to_string(),
                            kind,
                            target: (len == digits.len()).then_some(*id),
                        }
                    }
                    _ => {
                        // As printed on the card, cut after at least three digits of the
                        // sequence; half the time whole.
                        let shortest = format!("{CLINIC_CODE}-{DEVICE_CODE}-").len() + 3;
                        let whole = rng.random_bool(0.5);
                        let len = if whole {
                            number.len()
                        } else {
                            rng.random_range(shortest..=number.len())
                        };
                        Query {
                            text: number[..len].to_string(),
                            kind,
                            target: (len == number.len()).then_some(*id),
                        }
                    }
                };
                out.push(q);
            }
        }
        // Interleave the kinds, as a front desk would.
        for i in (1..out.len()).rev() {
            let j = rng.random_range(0..=i);
            out.swap(i, j);
        }
        Ok(out)
    }

    /// Names with one typing mistake that no indexed word starts with, so the exact prefix
    /// search finds nothing and the fuzzy fallback runs. Half alone, half after the given name.
    pub(crate) fn make_typos(&self, rng: &mut StdRng, raw: &Connection) -> BenchResult<Vec<Typo>> {
        let want = self.cfg.scaled(300, 20);
        let n = self.registered.len();
        let mut out = Vec::new();
        let mut tries = 0;
        while out.len() < want && tries < want * 50 {
            tries += 1;
            let p = &self.inputs[rng.random_range(0..n)];
            let word = clinic_domain::text::fold(&p.family_name);
            if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let typo = misspell(rng, &word);
            if typo == word || starts_any_indexed_word(raw, &typo)? {
                continue;
            }
            let text = if rng.random_bool(0.5) {
                typo
            } else {
                format!("{} {}", clinic_domain::text::fold(&p.given_name), typo)
            };
            out.push(Typo {
                text,
                intended: word,
            });
        }
        Ok(out)
    }
}

/// One typing mistake inside the word (never the first letter: the fallback keeps it).
fn misspell(rng: &mut StdRng, word: &str) -> String {
    let mut b = word.as_bytes().to_vec();
    let i = rng.random_range(1..b.len() - 1);
    match rng.random_range(0..3) {
        0 => b.swap(i, i + 1),
        1 => {
            let mut c = b[i];
            while c == b[i] {
                c = b'a' + rng.random_range(0..26u8);
            }
            b[i] = c;
        }
        _ => {
            b.remove(i);
        }
    }
    String::from_utf8(b).unwrap_or_default()
}

fn starts_any_indexed_word(raw: &Connection, word: &str) -> BenchResult<bool> {
    let n: i64 = raw.query_row(
        "SELECT count(*) FROM (SELECT 1 FROM patients_fts WHERE patients_fts MATCH ?1 LIMIT 1)",
        [format!("\"{word}\"*")],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}
