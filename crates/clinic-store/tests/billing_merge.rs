//! Two PCs billing offline: invoice numbers never collide, and payments taken on both PCs for the
//! same invoice both survive the merge (lines and payments are Automerge lists keyed by id).
#[path = "billing_common/mod.rs"]
mod billing_common;
mod common;

use billing_common::*;
use clinic_domain::billing::{NewInvoiceInput, PaymentInput, PaymentMethod};
use clinic_domain::RecordKind;
use clinic_store::Store;
use common::*;
use std::collections::HashSet;

fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

#[test]
fn two_pcs_issuing_offline_never_share_an_invoice_number() {
    let mut numbers = HashSet::new();
    for (device, prefix) in [("A1", 1), ("B2", 2)] {
        let mut t = store_on(device, prefix);
        let a = t.admin.clone();
        let items = price_list(&mut t);
        let patient_id = register(&mut t, "Amina", "Nakato");
        for _ in 0..20 {
            let input = NewInvoiceInput {
                patient_id: patient_id.clone(),
                lines: vec![line(&items[0], 1)],
                ..Default::default()
            };
            let d = t.store.create_invoice(&a, &input).unwrap();
            let v = t.store.issue_invoice(&a, id_of(&d)).unwrap();
            assert!(v.invoice.number.starts_with(&format!("INV-KLA-{device}-")));
            assert!(
                numbers.insert(v.invoice.number.clone()),
                "{} twice",
                v.invoice.number
            );
        }
    }
    assert_eq!(numbers.len(), 40);
}

#[test]
fn payments_taken_on_two_pcs_offline_both_survive_the_merge() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    let (v, _) = issued_invoice(&mut a, &aa);
    let id = id_of(&v);
    exchange(&a.store, &mut b.store);
    assert_eq!(
        b.store.open_invoice(&ba, id).unwrap().totals.total,
        4270,
        "B sees A's invoice"
    );

    // Offline: A takes 20.00 cash, B takes 15.00 by mobile money.
    a.store.take_payment(&aa, id, &cash(2000)).unwrap();
    let momo = PaymentInput {
        method: PaymentMethod::MobileMoney,
        reference: "MM-1".into(),
        ..cash(1500)
    };
    b.store.take_payment(&ba, id, &momo).unwrap();
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);

    for (t, actor) in [(&mut a, &aa), (&mut b, &ba)] {
        let v = t.store.open_invoice(actor, id).unwrap();
        let mut amounts: Vec<i64> = v.invoice.payments.iter().map(|p| p.amount).collect();
        amounts.sort();
        assert_eq!(amounts, vec![1500, 2000], "both payments kept");
        assert_eq!((v.totals.paid, v.totals.balance), (3500, 770));
        let listed = t.store.list_invoices(actor, None, None, "", 5).unwrap();
        assert_eq!(
            (listed[0].paid, listed[0].balance),
            (3500, 770),
            "projection rebuilt from the merge"
        );
        let c = t.store.cash_up(actor, start().date_naive()).unwrap();
        assert_eq!(c.payments, 3500, "both payments on the cash-up");
    }
    assert_eq!(
        a.store.record_digests().unwrap(),
        b.store.record_digests().unwrap()
    );
    assert_eq!(
        a.store.projection_rows(RecordKind::Invoice).unwrap(),
        b.store.projection_rows(RecordKind::Invoice).unwrap()
    );
}
