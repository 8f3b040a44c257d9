//! Convergence property: three real stores make random offline edits (creates, concurrent field
//! edits, deletes, restores) over several rounds, sync in random order through the real server,
//! and end with identical documents, identical projections, and central tables equal to them.
mod client_support;
mod support;

use client_support::*;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use support::TestServer;
use uuid::Uuid;

/// Patient ids this PC has, with whether each is deleted.
fn patients(pc: &Pc) -> Vec<(Uuid, bool)> {
    pc.with(|s| s.projection_rows(clinic_domain::RecordKind::Patient))
        .unwrap()
        .iter()
        .map(|row| {
            let c: Vec<&str> = row.split('|').collect();
            (Uuid::parse_str(c[0]).unwrap(), c[9] == "1")
        })
        .collect()
}

fn random_edit(pc: &Pc, rng: &mut StdRng, counter: &mut u32) {
    let known = patients(pc);
    *counter += 1;
    let n = *counter;
    let roll = rng.random_range(0..100);
    if known.is_empty() || roll < 25 {
        pc.register(&format!("Given{n}"));
        return;
    }
    let (id, deleted) = known[rng.random_range(0..known.len())];
    match roll {
        25..=39 if deleted => pc.restore(id),
        25..=39 => pc.delete(id),
        40..=59 => pc.edit(id, |p| p.phone = format!("0772 {n:06}")),
        60..=79 => pc.edit(id, |p| p.address = format!("Street {n}")),
        _ => pc.edit(id, |p| {
            p.national_id = format!("CM{n:06}");
            p.given_name = format!("Renamed{n}");
        }),
    }
}

async fn run(seed: u64) {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    // Work done before ever connecting must arrive too.
    a.register("Before");
    a.connect(&server, "ALPHA").await.unwrap();
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.unwrap();
    let c = Pc::empty();
    c.connect(&server, "ALPHA").await.unwrap();
    let pcs = [&a, &b, &c];
    let mut rng = StdRng::seed_from_u64(seed);
    let mut counter = 0;
    for _round in 0..6 {
        for pc in pcs {
            for _ in 0..rng.random_range(1..6) {
                random_edit(pc, &mut rng, &mut counter);
            }
        }
        // Some PCs sync this round, in random order; the others stay offline.
        let mut order: Vec<usize> = (0..3).collect();
        order.shuffle(&mut rng);
        let online = rng.random_range(0..=3);
        for &i in &order[..online] {
            let r = pcs[i].sync().await.unwrap();
            assert_eq!(r.rejected, 0, "seed {seed}");
        }
    }
    // Everyone comes online: two passes carry every change everywhere.
    for _ in 0..2 {
        let mut order: Vec<usize> = (0..3).collect();
        order.shuffle(&mut rng);
        for i in order {
            pcs[i].sync().await.unwrap();
        }
    }
    for pc in pcs {
        assert_eq!(pc.pending(), 0, "seed {seed}");
    }
    assert_converged(&server, "ALPHA", &pcs).await;
    assert!(
        patients(&a).len() > 3,
        "the run did something (seed {seed})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_pcs_converge_after_random_offline_edits() {
    for seed in [1, 2, 3] {
        run(seed).await;
    }
}
