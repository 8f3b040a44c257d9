//! Where the store lives: `--data-dir`, else `CLINIC_DATA_DIR`, else the OS's app-data folder.
use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "CLINIC_DATA_DIR";

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("clinic")
        })
}
