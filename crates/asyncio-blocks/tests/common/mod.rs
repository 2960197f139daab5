//! What the stress tests share: a tiny seeded random generator (so a failing interleaving can
//! be replayed by its seed) and a way to give up the thread a random number of times.

#![allow(dead_code)] // each test file uses a different part of this module

/// SplitMix64: a few lines, good enough to vary interleavings, reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Yields to the scheduler `times` times: a cheap way to shuffle who runs when.
pub async fn yield_times(times: u64) {
    for _ in 0..times {
        tokio::task::yield_now().await;
    }
}

/// Fails the test instead of hanging it when a lost wake-up leaves tasks waiting forever.
pub async fn within<F: std::future::Future>(seconds: u64, what: &str, future: F) -> F::Output {
    match tokio::time::timeout(std::time::Duration::from_secs(seconds), future).await {
        Ok(output) => output,
        Err(_) => panic!("{what}: still waiting after {seconds} s, a wake-up was lost"),
    }
}
