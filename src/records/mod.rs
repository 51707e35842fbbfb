//! Records leaving or entering zhulao as files or over the network: a class roster coming in
//! (`roster`), reports for the education bureau going out (`report`), certificates and
//! take-home sheets to print (`print`), and xAPI statements exchanged with another zhulao or
//! sent to a Learning Record Store (`xapi`).

pub mod print;
pub mod report;
pub mod roster;
pub mod xapi;
