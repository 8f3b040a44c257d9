//! Keeps the benchmark code from rotting: runs every benchmark in quick mode on 200 patients and
//! checks that the results are sane. No timing is asserted.
use clinic_bench::{run, Config};

#[test]
fn quick_run_gives_sane_results() {
    let cfg = Config::quick(200);
    let report = run(&cfg, &mut |_| {}).expect("benchmarks run");

    let r = &report.register;
    for path in [&r.plain, &r.plain_encrypted, &r.full] {
        assert_eq!(path.rows, 200, "{}", path.name);
        assert_eq!(
            path.batches.len(),
            2,
            "{}: 200 patients in batches of 100",
            path.name
        );
        assert!(path.per_sec() > 0.0);
    }
    assert!(r.ratio() > 0.0 && r.ratio_encrypted() > 0.0);

    let z = &report.size;
    assert_eq!(z.patients, 200);
    for bytes in [
        z.store_checkpointed,
        z.store_vacuumed,
        z.plain_checkpointed,
        z.plain_vacuumed,
        z.plain_encrypted_vacuumed,
        z.change_bytes,
    ] {
        assert!(bytes > 0);
    }
    assert!(
        z.doc_bytes + z.change_bytes < z.store_vacuumed,
        "record bytes are part of the store file"
    );
    assert!(z.saved_docs <= 200);
    assert!(
        z.tables
            .iter()
            .any(|t| t.name == "records" && t.table_bytes > 0),
        "dbstat breakdown lists the records table: {:?}",
        z.tables
    );

    let s = &report.search;
    assert!(s.mix.n > 0);
    for c in &s.categories {
        assert!(c.stats.n > 0, "{}: no queries", c.name);
        assert_eq!(
            c.non_empty, 1.0,
            "{}: a query drawn from a seeded patient found nothing",
            c.name
        );
        if let Some(found) = c.found_target {
            assert_eq!(
                found, 1.0,
                "{}: a whole number or phone did not find its patient",
                c.name
            );
        }
    }
    assert!(
        s.categories
            .iter()
            .filter(|c| c.found_target.is_some())
            .count()
            >= 2,
        "numbers and phones are checked for their exact patient"
    );
    assert!(s.typo.stats.n > 0, "typo queries were generated");
    assert!(s.typo.non_empty > 0.0, "the fuzzy fallback finds something");
    assert!(
        s.typo.corrected.unwrap_or(0.0) > 0.0,
        "the fuzzy fallback finds the intended name"
    );
    assert_eq!(s.baseline_like.n, s.name_prefix.n);
    assert!(s.broad.iter().all(|(_, st, n)| st.n > 0 && *n > 0));
    assert_eq!(s.after_optimize.mix.n, s.mix.n);

    let o = &report.open;
    assert_eq!(o.open.n, 100);
    assert_eq!(o.projection_row.n, 100);
    assert_eq!(o.plain_row.n, 100);
    assert_eq!(o.doc_read.n, 100);

    let md = report.markdown();
    for heading in ["### 1.", "### 2.", "### 3.", "### 4.", "### Goals"] {
        assert!(md.contains(heading), "markdown has {heading}");
    }
    let json = report.json();
    assert_eq!(json["register"]["full"]["rows"], 200);
    assert_eq!(json["goals"].as_array().map(Vec::len), Some(6));
}
