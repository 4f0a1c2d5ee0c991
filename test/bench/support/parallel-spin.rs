//! The scanner bench's ceiling for `--threads 2`: `parallel-spin THREADS ROUNDS` does ROUNDS
//! rounds of register-only integer work split evenly over THREADS threads, with nothing
//! serial, nothing shared and no memory traffic. Whatever it loses with two threads against
//! one, measured the same way as keyguard, is the machine's (other tenants of the host, CPU
//! frequency), not a program's. Built by scanner.mjs with `rustc -O` when rustc is there.

use std::hint::black_box;
use std::thread;

fn spin(rounds: u64) -> u64 {
    // eight independent chains: the core's integer ports stay busy, not one dependency chain
    let mut s = [1u64, 2, 3, 4, 5, 6, 7, 8];
    for i in 0..rounds {
        s[0] = s[0].wrapping_add(s[0] >> 3);
        s[1] ^= s[1] << 1;
        s[2] = s[2].wrapping_add(i);
        s[3] ^= i;
        s[4] = s[4].wrapping_add(s[3]);
        s[5] ^= s[4];
        s[6] = s[6].wrapping_add(s[5]);
        s[7] ^= s[6];
    }
    s.iter().fold(0, |a, b| a ^ b)
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("usage: parallel-spin THREADS ROUNDS"))
        .collect();
    let [threads, rounds] = args[..] else {
        panic!("usage: parallel-spin THREADS ROUNDS");
    };
    let share = rounds / threads.max(1);
    let helpers: Vec<_> = (1..threads)
        .map(|_| thread::spawn(move || spin(black_box(share))))
        .collect();
    let mut all = spin(black_box(share));
    for helper in helpers {
        all ^= helper.join().expect("a spinning thread panicked");
    }
    black_box(all);
}
