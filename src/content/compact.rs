//! The compact form of validated packs: what `src/build.rs` makes of the built-in `lessons/` and
//! the binary carries, so that launch decodes a ready model instead of parsing and validating
//! TOML (whose cost grows with every lesson of the course). A header names the format and its
//! version; anything else is refused, never half-read.

use super::model::Pack;

/// The first bytes of the compact form; bump the number when the model changes shape.
const HEADER: &[u8] = b"zhulao packs v3 postcard\n";

pub fn encode(packs: &[Pack]) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    // Serialising plain data cannot fail; an empty course would be caught by the tests.
    out.extend(postcard::to_allocvec(packs).unwrap_or_default());
    out
}

pub fn decode(bytes: &[u8]) -> Result<Vec<Pack>, String> {
    let Some(body) = bytes.strip_prefix(HEADER) else {
        return Err("the built-in course is in a form this zhulao does not read".into());
    };
    postcard::from_bytes(body).map_err(|e| format!("the built-in course is damaged: {e}"))
}
