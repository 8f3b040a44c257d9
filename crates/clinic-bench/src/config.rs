//! What a run is asked to do, and the clinic and device codes of its patient numbers.

use std::path::PathBuf;

pub(crate) const CLINIC_CODE: &str = "KLA";
pub(crate) const DEVICE_CODE: &str = "A1";

#[derive(Debug, Clone)]
pub struct Config {
    pub patients: usize,
    /// Small query and open counts (smoke test, CI).
    pub quick: bool,
    pub batch: usize,
    pub seed: u64,
    /// Parent folder of the temporary folder (default: the system's temp folder).
    pub dir: Option<PathBuf>,
}

impl Config {
    pub fn full(patients: usize) -> Self {
        Self {
            patients,
            quick: false,
            batch: 1000,
            seed: 20261122,
            dir: None,
        }
    }

    pub fn quick(patients: usize) -> Self {
        Self {
            quick: true,
            batch: 100,
            ..Self::full(patients)
        }
    }

    pub(crate) fn scaled(&self, full: usize, quick: usize) -> usize {
        if self.quick {
            quick
        } else {
            full
        }
    }
}
