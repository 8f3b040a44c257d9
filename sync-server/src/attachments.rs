//! Attachment storage: content-addressed objects (`<clinic id>/<sha256 hex>`) in S3 or, by
//! default, in a local folder, both through `object_store`.
use crate::config::AttachmentConfig;
use anyhow::Context;
use clinic_domain::attachment::is_sha256_hex;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use uuid::Uuid;

#[derive(Clone)]
pub struct AttachmentStore {
    store: Arc<dyn ObjectStore>,
}

impl AttachmentStore {
    pub fn open(config: &AttachmentConfig) -> anyhow::Result<Self> {
        let store: Arc<dyn ObjectStore> = match config {
            AttachmentConfig::Local { dir } => {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!("creating the attachments folder {}", dir.display())
                })?;
                Arc::new(
                    LocalFileSystem::new_with_prefix(dir)
                        .context("opening the attachments folder")?,
                )
            }
            AttachmentConfig::S3 {
                endpoint,
                bucket,
                region,
                access_key,
                secret_key,
                allow_http,
            } => {
                let mut b = AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_region(region)
                    .with_access_key_id(access_key)
                    .with_secret_access_key(secret_key)
                    .with_allow_http(*allow_http);
                if !endpoint.is_empty() {
                    b = b
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false);
                }
                Arc::new(b.build().context("configuring the S3 attachment store")?)
            }
        };
        Ok(AttachmentStore { store })
    }

    fn key(clinic_id: Uuid, sha256_hex: &str) -> ObjectPath {
        ObjectPath::from(format!("{clinic_id}/{sha256_hex}"))
    }

    /// Stores `bytes` under their SHA-256 and returns it (hex). Storing the same bytes again is harmless.
    pub async fn put(&self, clinic_id: Uuid, bytes: bytes::Bytes) -> anyhow::Result<String> {
        let sha = hex::encode(Sha256::digest(&bytes));
        self.store
            .put(&Self::key(clinic_id, &sha), PutPayload::from(bytes))
            .await
            .context("storing an attachment")?;
        Ok(sha)
    }

    /// The object, or `None` when the clinic has no attachment with this hash.
    pub async fn get(
        &self,
        clinic_id: Uuid,
        sha256_hex: &str,
    ) -> anyhow::Result<Option<bytes::Bytes>> {
        if !is_sha256_hex(sha256_hex) {
            return Ok(None);
        }
        match self.store.get(&Self::key(clinic_id, sha256_hex)).await {
            Ok(found) => Ok(Some(found.bytes().await.context("reading an attachment")?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context("reading an attachment")),
        }
    }

    /// Writes and reads back a small probe object.
    pub async fn check(&self) -> anyhow::Result<()> {
        let path = ObjectPath::from("_health/probe");
        self.store
            .put(&path, PutPayload::from_static(b"ok"))
            .await
            .context("writing the health probe")?;
        self.store
            .get(&path)
            .await
            .context("reading the health probe")?
            .bytes()
            .await
            .context("reading the health probe")?;
        Ok(())
    }
}
