//! Exponential backoff with full jitter: after `failures` failed syncs in a row, wait a uniformly
//! random time between zero and `min(cap, base * 2^(failures-1))`, so many PCs coming back online
//! at once do not hit the server together. Pure: the random source is injected.
use rand::Rng;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::from_secs(5),
            cap: Duration::from_secs(15 * 60),
        }
    }
}

impl Backoff {
    /// The ceiling of the wait after `failures` failures (0 failures: no wait).
    pub fn ceiling(&self, failures: u32) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        let factor = 1u64
            .checked_shl(failures.saturating_sub(1).min(62))
            .unwrap_or(u64::MAX);
        let ms = (self.base.as_millis() as u64).saturating_mul(factor);
        Duration::from_millis(ms).min(self.cap)
    }

    /// The wait after `failures` failures, drawn from `rng`.
    pub fn delay(&self, failures: u32, rng: &mut impl Rng) -> Duration {
        let ceiling = self.ceiling(failures).as_millis() as u64;
        if ceiling == 0 {
            return Duration::ZERO;
        }
        Duration::from_millis(rng.random_range(0..=ceiling))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn ceiling_doubles_up_to_the_cap() {
        let b = Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(60),
        };
        let cases = [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 4),
            (6, 32),
            (7, 60),
            (50, 60),
            (u32::MAX, 60),
        ];
        for (failures, secs) in cases {
            assert_eq!(b.ceiling(failures), Duration::from_secs(secs), "{failures}");
        }
    }

    #[test]
    fn delays_stay_within_the_ceiling_and_spread_out() {
        let b = Backoff::default();
        let mut rng = StdRng::seed_from_u64(7);
        for failures in 0..20 {
            let draws: Vec<Duration> = (0..200).map(|_| b.delay(failures, &mut rng)).collect();
            assert!(draws.iter().all(|d| *d <= b.ceiling(failures)));
            if failures > 0 {
                let distinct: std::collections::HashSet<_> = draws.iter().collect();
                assert!(distinct.len() > 50, "full jitter spreads the waits");
            }
        }
        // Same seed, same waits.
        let a: Vec<_> = (0..5)
            .map(|_| b.delay(4, &mut StdRng::seed_from_u64(1)))
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
    }
}
