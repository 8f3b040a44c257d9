//! Central projection of pharmacy stock: one row per batch with its derived quantity on hand,
//! rewritten from the merged batch document in the push batch's transaction (a merge of two PCs'
//! dispensings shows here with both movements counted). It feeds the "Stock alerts" report.
//! Drugs, batches and quantities only: no patient data.
use clinic_domain::stock::StockBatch;
use deadpool_postgres::Transaction;
use uuid::Uuid;

#[derive(Default)]
pub struct StockLevels {
    batches: Vec<(Uuid, StockBatch)>,
}

impl StockLevels {
    pub fn add(&mut self, id: Uuid, b: StockBatch) {
        self.batches.push((id, b));
    }

    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if self.batches.is_empty() {
            return Ok(());
        }
        let rows = &self.batches;
        let col =
            |f: fn(&StockBatch) -> &str| -> Vec<&str> { rows.iter().map(|(_, b)| f(b)).collect() };
        let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
        let received: Vec<i64> = rows.iter().map(|(_, b)| b.received_quantity).collect();
        let on_hand: Vec<i64> = rows.iter().map(|(_, b)| b.on_hand()).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO stock_batches (clinic_id, id, drug_id, drug_name, batch_number, expiry,
                    supplier, received_quantity, on_hand)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::int8[], $9::int8[])
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    drug_id = EXCLUDED.drug_id, drug_name = EXCLUDED.drug_name,
                    batch_number = EXCLUDED.batch_number, expiry = EXCLUDED.expiry,
                    supplier = EXCLUDED.supplier, received_quantity = EXCLUDED.received_quantity,
                    on_hand = EXCLUDED.on_hand, updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id,
                &ids,
                &col(|b| &b.drug_id),
                &col(|b| &b.drug_name),
                &col(|b| &b.batch_number),
                &col(|b| &b.expiry),
                &col(|b| &b.supplier),
                &received,
                &on_hand,
            ],
        )
        .await?;
        Ok(())
    }
}
