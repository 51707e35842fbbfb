//! The integration tests, as one test program: the app's stories told through its own loop on
//! a real store (`journey`, `teaching`, `review`, `instructor`, `kiosk` …), its screens drawn
//! at every size (`sizes`, `screens`), the real binary in a pseudo-terminal (`e2e`,
//! `kiosk_e2e`, `faults`, `launch`, `authoring`, `read_aloud`), records exchanged with outside
//! tools (`exchange`: an xAPI validator from npm, a Ralph LRS from PyPI; `report`). One program
//! links the app once, and its tests share the machine's cores. See `tests/README.md`.

mod common;
mod lrs;
mod xapi;

mod attendance;
mod authoring;
mod e2e;
mod exchange;
mod faults;
mod instructor;
mod journey;
mod kiosk;
mod kiosk_e2e;
mod launch;
mod packs;
mod phone_e2e;
mod pipes;
mod print;
mod property;
mod read_aloud;
mod report;
mod review;
mod screens;
mod sizes;
mod speech;
mod store;
mod teaching;
mod term_e2e;
