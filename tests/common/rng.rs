//! A tiny random generator with a fixed seed (xorshift64), for the tests' storms of keys and
//! taps and the benchmarks' made-up classes: the same sequence every run, so a failure can be
//! run again exactly.
#![allow(dead_code)]

pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any seed but 0).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
