//! zhulao (智慧助老): a large-type terminal app that takes older learners step by step through
//! phone skills on a simulated phone, and keeps their progress safe in a local database.
//!
//! Data flows one way: a terminal event becomes an `app::Action` (`input`), `app::update`
//! routes it to the top layer — an overlay or the current screen — which changes its state and
//! returns effects, the `event_loop` performs them against the `progress::Store` (and the
//! read-aloud `speech` program), and `ui::draw` paints the state and records what each tap means.
//!
//! - `content`: lesson packs — format, validation, folders of packs, the compact form;
//!   `built_in`: the course validated at build time and compiled in.
//! - `authoring`: the volunteer's tools — `new`, `preview` and `check`'s warnings.
//! - `progress`: learners, the append-only event record, derived progress, the database.
//! - `settings`: text size, theme, language, read-aloud — per learner and per machine.
//! - `app`: the state, actions, effects, the `Layer` rule and the router (`update`).
//! - `screens`, `overlays`: one module per screen and per dialog (state, update, view).
//! - `ui`: what views share — render context, theme, words, text and big text, widgets.
//! - `records`: records as files — roster import, reports for the bureau (XLSX, CSV), xAPI
//!   statements between machines and to an LRS.
//! - `pin`, `admin`: the teacher's PIN; the commands run from the machine's shell.
//! - `kiosk`: an unattended touchscreen — its settings, its log, setting a damaged record
//!   aside, the sample files for a Linux kiosk; `doctor`: checking a machine for zhulao.
//! - `inert`: making outside text harmless before it reaches a terminal.
//! - `speech`: read-aloud through an outside text-to-speech program.
//! - `input`, `event_loop`, `terminal`, `cli`: the edges.

mod named;

pub mod admin;
pub mod app;
pub mod authoring;
pub mod built_in;
pub mod cli;
pub mod content;
pub mod doctor;
pub mod event_loop;
pub mod inert;
pub mod input;
pub mod kiosk;
pub mod lang;
pub mod overlays;
pub mod pin;
pub mod progress;
pub mod records;
pub mod screens;
pub mod settings;
pub mod speech;
pub mod terminal;
pub mod ui;
