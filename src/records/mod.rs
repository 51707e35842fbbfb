//! Records leaving or entering zhulao as files or over the network: a class roster coming in
//! (`roster`), reports for the education bureau going out (`report`), and xAPI statements
//! exchanged with another zhulao or sent to a Learning Record Store (`xapi`).

pub mod report;
pub mod roster;
pub mod xapi;
