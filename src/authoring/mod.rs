//! Tools for the volunteer who writes lessons: `zhulao new` (a starter pack with every kind of
//! step, commented), `zhulao preview` (the lesson as a learner sees it, redrawn on every save)
//! and the warnings `zhulao check` adds to its errors (words cut on a small screen, hints that
//! name a colour or place the screen does not show, a flow that jumps, a built-in pack
//! replaced). They use the app's own views and update, so what they show is what a learner
//! gets.

pub mod preview;
pub mod starter;
pub mod warnings;
