//! Records leaving or entering zhulao as files: class rosters coming in.

pub mod roster;
