//! How an order exercise is shuffled. The shuffle is derived from the step id, so the same step
//! looks the same on every visit and in every test, and it is never already in the right order.

/// Display position → item index (items are stored in the right order).
pub fn shuffled(step_id: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // FNV-1a of the id seeds a small linear congruential generator for Fisher–Yates.
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for b in step_id.bytes() {
        seed ^= u64::from(b);
        seed = seed.wrapping_mul(0x0100_0000_01b3);
    }
    for i in (1..n).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((seed >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shuffle_is_a_permutation_that_is_never_already_solved() {
        for n in 3..=6 {
            for id in ["a", "steps", "pay-order", "x1", "booking-flow"] {
                let s = shuffled(id, n);
                let mut sorted = s.clone();
                sorted.sort();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert_ne!(s, (0..n).collect::<Vec<_>>(), "{id} {n}");
            }
        }
    }

    #[test]
    fn the_same_step_always_shuffles_the_same_way() {
        assert_eq!(shuffled("order-steps", 5), shuffled("order-steps", 5));
    }
}
