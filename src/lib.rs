//! zhulao (智慧助老): a large-type terminal app that takes older learners step by step through
//! phone skills on a simulated phone, and keeps their progress safe in a local database.
//!
//! Data flows one way: a terminal event becomes an `app::Action` (`input`), `app::update`
//! changes the `app::App` state and returns effects, the `event_loop` performs them against the
//! `progress::Store`, and `ui::draw` paints the state and records what each tap means.
//!
//! - `content`: lesson packs — format, validation, embedded and run-time sources.
//! - `progress`: learners, the append-only event record, derived progress.
//! - `app`: state, actions, effects, update, and the lesson player's rules.
//! - `ui`: screens, widgets, text wrapping, theme, words.
//! - `input`, `event_loop`, `terminal`, `cli`: the edges.

pub mod app;
pub mod cli;
pub mod content;
pub mod event_loop;
pub mod input;
pub mod lang;
pub mod progress;
pub mod terminal;
pub mod ui;
