//! Every billing action is refused for each role without its permission: audited, nothing written.
#[path = "billing_common/mod.rs"]
mod billing_common;
mod common;

use billing_common::*;
use clinic_domain::billing::{
    ClaimInput, ClaimStatus, NewInvoiceInput, PriceCategory, RefundInput,
};
use clinic_domain::{Action, Role};
use clinic_store::billing::RevenueGroup;
use clinic_store::Error;
use common::*;

#[test]
fn every_billing_action_is_refused_without_its_permission() {
    let mut t = store();
    let a = t.admin.clone();
    let (v, items) = issued_invoice(&mut t, &a);
    let id = id_of(&v);
    let paid = t.store.take_payment(&a, id, &cash(100)).unwrap();
    let payment_id = paid.invoice.payments[0].id.clone();
    let day = start().date_naive();
    for role in Role::ALL {
        let actor = as_role(&t, role);
        let allowed = |action| clinic_domain::roles::allowed(role, action);
        let before = counts(&t.store);
        let mut refused: i64 = 0;
        macro_rules! check {
            ($action:expr, $call:expr) => {
                if !allowed($action) {
                    refused += 1;
                    let result: Result<(), Error> = $call;
                    assert!(matches!(result, Err(Error::Forbidden(x)) if x == $action), "{role:?} {:?}", $action);
                }
            };
        }
        let s = &mut t.store;
        check!(
            Action::BillingView,
            s.price_list(&actor, "", true).map(drop)
        );
        check!(
            Action::BillingView,
            s.list_invoices(&actor, None, None, "", 5).map(drop)
        );
        check!(Action::BillingView, s.open_invoice(&actor, id).map(drop));
        check!(Action::BillingView, s.cash_up(&actor, day).map(drop));
        check!(
            Action::BillingView,
            s.revenue(&actor, day, day, RevenueGroup::Item).map(drop)
        );
        check!(
            Action::PriceListManage,
            s.create_price_item(&actor, &price("X1", "X", PriceCategory::Procedure, 1, 0))
                .map(drop)
        );
        check!(
            Action::PriceListManage,
            s.update_price_item(
                &actor,
                items[0].id,
                &price("CONS", "Y", PriceCategory::Procedure, 1, 0)
            )
            .map(drop)
        );
        check!(
            Action::PriceListManage,
            s.set_currency(&actor, "EUR").map(drop)
        );
        let new = NewInvoiceInput {
            patient_id: v.invoice.patient_id.clone(),
            lines: vec![line(&items[0], 1)],
            ..Default::default()
        };
        check!(
            Action::BillingCharge,
            s.create_invoice(&actor, &new).map(drop)
        );
        check!(
            Action::BillingCharge,
            s.add_invoice_line(&actor, id, &line(&items[0], 1))
                .map(drop)
        );
        check!(
            Action::BillingCharge,
            s.remove_invoice_line(&actor, id, "x").map(drop)
        );
        check!(Action::BillingCharge, s.issue_invoice(&actor, id).map(drop));
        check!(
            Action::BillingCharge,
            s.take_payment(&actor, id, &cash(1)).map(drop)
        );
        let claim = ClaimInput {
            insurer: "J".into(),
            policy: "P".into(),
            amount_claimed: 1,
            status: ClaimStatus::Submitted,
            amount_approved: 0,
            amount_paid: 0,
            notes: String::new(),
        };
        check!(
            Action::BillingCharge,
            s.update_claim(&actor, id, &claim).map(drop)
        );
        let refund = RefundInput {
            payment_id: payment_id.clone(),
            amount: 1,
            reason: "r".into(),
        };
        check!(
            Action::BillingVoid,
            s.refund_payment(&actor, id, &refund).map(drop)
        );
        check!(
            Action::BillingVoid,
            s.void_invoice(&actor, id, "r").map(drop)
        );
        let after = counts(&t.store);
        assert_eq!(
            after[0..2],
            before[0..2],
            "{role:?}: no record or change written"
        );
        assert_eq!(
            after[3].1,
            before[3].1 + refused,
            "{role:?}: every refusal audited"
        );
        if role == Role::Administrator {
            assert_eq!(refused, 0);
        }
    }
    assert_eq!(
        t.store.open_invoice(&a, id).unwrap().totals.paid,
        100,
        "nothing changed"
    );
    assert_eq!(t.store.currency().unwrap().code, "USD");
}
