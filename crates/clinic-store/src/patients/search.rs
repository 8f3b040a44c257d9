//! Search as you type: FTS5 prefix match over folded text, then a typo-tolerant fallback that
//! swaps each unknown word for close words of the names ever indexed.
use super::projection::{query_summaries, recent, select_summaries, Patients};
use crate::error::{Context, Result};
use clinic_domain::patient::PatientSummary;
use clinic_domain::text::fold;
use rusqlite::Connection;
use sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};

/// Words of the query, folded to lower-case ASCII and split on anything but letters and digits.
/// A word with digits and dashes or dots (a patient number, a phone, an ID written with separators)
/// stays one compact token, matching the compact form the index holds: `KLA-A1-0004` → `klaa10004`.
pub(crate) fn tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in fold(query).split_whitespace() {
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        if has_digit && word.contains(['-', '.', '/']) {
            let compact: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
            out.push(compact);
        } else {
            out.extend(
                word.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            );
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

pub(crate) fn search(
    conn: &Connection,
    query: &str,
    include_deleted: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    let limit = limit.clamp(1, 500);
    let words = tokens(query);
    if words.is_empty() {
        return recent(conn, include_deleted, limit);
    }
    let exact: Vec<Vec<String>> = words.iter().map(|w| vec![format!("\"{w}\"*")]).collect();
    let found = run(conn, &exact, include_deleted, limit)?;
    if !found.is_empty() {
        return Ok(found);
    }
    let mut fuzzy = Vec::with_capacity(words.len());
    for w in &words {
        let mut alternatives = vec![format!("\"{w}\"*")];
        alternatives.extend(
            close_terms(conn, w)?
                .into_iter()
                .map(|t| format!("\"{t}\"")),
        );
        fuzzy.push(alternatives);
    }
    if fuzzy.iter().all(|alts| alts.len() == 1) {
        return Ok(Vec::new());
    }
    run(conn, &fuzzy, include_deleted, limit)
}

/// `groups` are ANDed; the alternatives within a group are ORed. Ranked by FTS5's bm25.
fn run(
    conn: &Connection,
    groups: &[Vec<String>],
    include_deleted: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    let matcher = groups
        .iter()
        .map(|alts| format!("({})", alts.join(" OR ")))
        .collect::<Vec<_>>()
        .join(" AND ");
    // MATCH runs alone in a sub-select: mixing it with other filters in one WHERE is slow.
    let hits = Query::select()
        .column(Alias::new("rowid"))
        .from(Alias::new("patients_fts"))
        .and_where(Expr::cust_with_values("patients_fts MATCH ?", [matcher]))
        // Newest first, which FTS5 walks in index order and stops at the limit; ranking every match
        // by bm25 made one- and two-letter prefixes (thousands of matches) slow.
        .order_by(Alias::new("rowid"), Order::Desc)
        .limit(limit as u64 * 4 + 20)
        .to_owned();
    let mut q = select_summaries();
    q.join_subquery(
        JoinType::InnerJoin,
        hits,
        Alias::new("hits"),
        Expr::col((Alias::new("hits"), Alias::new("rowid")))
            .equals((Patients::Table, Alias::new("rowid"))),
    );
    if !include_deleted {
        q.and_where(Expr::col((Patients::Table, Patients::Deleted)).eq(false));
    }
    q.order_by((Alias::new("hits"), Alias::new("rowid")), Order::Desc)
        .limit(limit as u64);
    query_summaries(conn, &q)
}

/// Index words within a small edit distance of `word` (or of its start, for a word still being
/// typed). Only words of three or more letters; only index words sharing the first letter.
fn close_terms(conn: &Connection, word: &str) -> Result<Vec<String>> {
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Vec::new());
    }
    let max = if word.len() <= 5 { 1 } else { 2 };
    let first = &word[..1];
    let next = ((first.as_bytes()[0]) + 1) as char;
    let mut stmt = conn
        .prepare_cached("SELECT term FROM patient_terms WHERE term >= ?1 AND term < ?2")
        .context("searching patients")?;
    let terms = stmt
        .query_map([first.to_string(), next.to_string()], |r| {
            r.get::<_, String>(0)
        })
        .context("searching patients")?;
    let mut scored = Vec::new();
    for term in terms {
        let term = term.context("searching patients")?;
        let whole = strsim::osa_distance(word, &term);
        let start = if term.len() > word.len() {
            strsim::osa_distance(word, &term[..word.len()])
        } else {
            whole
        };
        let d = whole.min(start);
        if d <= max {
            scored.push((d, term));
        }
    }
    scored.sort();
    Ok(scored.into_iter().take(8).map(|(_, t)| t).collect())
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn query_tokens_are_folded_and_split() {
        assert_eq!(tokens("  Zoë  KLA-A7-000 "), ["zoe", "klaa7000"]);
        assert_eq!(
            tokens("Jean-Pierre 0772-123"),
            ["jean", "pierre", "0772123"]
        );
        assert_eq!(tokens("\"*) OR ("), ["or"]);
        assert!(tokens(" -- ").is_empty());
    }
}
