//! How choices and order items are shuffled. The shuffle is derived from the run (its
//! registration) and the step id: the same run shows the same order after a restart, and a new
//! run of the lesson shows another, so the right answer's place cannot be learned by heart. An
//! order exercise is never shown already in the right order.

/// Display position → item index, for `n` items of step `step_id` in run `run`.
pub fn shuffled(run: &str, step_id: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // FNV-1a of the run and the id seeds a small linear congruential generator for
    // Fisher–Yates.
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for b in run.bytes().chain([0]).chain(step_id.bytes()) {
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
    order
}

/// As `shuffled`, but never the right order itself (for order exercises).
pub fn shuffled_unsolved(run: &str, step_id: &str, n: usize) -> Vec<usize> {
    let mut order = shuffled(run, step_id, n);
    if n > 1 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_shuffle_is_a_permutation_that_is_never_already_solved() {
        for n in 3..=6 {
            for id in ["a", "steps", "pay-order", "x1", "booking-flow"] {
                for run in ["r1", "r2", "0c1d"] {
                    let s = shuffled_unsolved(run, id, n);
                    let mut sorted = s.clone();
                    sorted.sort();
                    assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                    assert_ne!(s, (0..n).collect::<Vec<_>>(), "{id} {n}");
                }
            }
        }
    }

    #[test]
    fn the_same_run_always_shuffles_the_same_way_and_runs_differ() {
        assert_eq!(shuffled("run-a", "q", 4), shuffled("run-a", "q", 4));
        let runs: std::collections::HashSet<Vec<usize>> = (0..20)
            .map(|i| shuffled(&format!("run-{i}"), "q", 4))
            .collect();
        assert!(runs.len() > 5, "different runs, different orders: {runs:?}");
        let first: std::collections::HashSet<usize> = (0..40)
            .map(|i| shuffled(&format!("run-{i}"), "q", 3)[0])
            .collect();
        assert_eq!(first.len(), 3, "every answer comes first in some run");
    }
}
