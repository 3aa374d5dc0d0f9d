//! Pieces every DAC contract needs in the same shape: a two-step admin, the migrate guard that
//! refuses downgrades, and the cw-plus pagination bounds.

pub mod admin;
pub mod migrate;
pub mod pagination;
