//! Records that travel: every event as an xAPI 1.0.3 statement, for another zhulao (a JSON Lines
//! file) or for a Learning Record Store.
//!
//! - `statement`: one event as one statement and back — the IRIs, extensions and rules.
//! - `config`: the centre's home page and LRS settings (`xapi.toml` in the data folder).

pub mod config;
pub mod statement;
