//! The exit codes, one per kind of failure (the README lists them).

/// `check` found problems, or the terminal could not be used.
pub const PROBLEMS: u8 = 1;
/// The command line is wrong (clap uses 2 for this too).
pub const BAD_ARGUMENTS: u8 = 2;
/// The progress database cannot be used.
pub const NO_DATABASE: u8 = 3;
/// A lesson pack is broken.
pub const BROKEN_PACK: u8 = 4;
/// `sync`: the LRS could not be reached or failed itself; try again later.
pub const LRS_UNREACHABLE: u8 = 5;
/// `report` could not write its file.
pub const CANNOT_WRITE: u8 = 6;
/// A kiosk met errors again and again and stopped, for its service to start it afresh.
pub const KEEPS_FAILING: u8 = 70;
