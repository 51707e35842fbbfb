//! How typed characters are read while a layer is on top. The layer says which (`Layer::mode`);
//! `input` reads keys accordingly.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys are commands and numbers.
    Normal,
    /// Keys are text (a name field).
    Text,
    /// Any key press or any tap means "yes, I am here" (the kiosk's "还在吗？").
    Any,
}
