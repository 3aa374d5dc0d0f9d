//! Pieces every DAC contract needs in the same shape: a two-step admin, the migrate guard that
//! refuses downgrades, the cw-plus pagination bounds, and lean cw20/cw4 calls.

pub mod admin;
pub mod calls;
pub mod de;
pub mod migrate;
pub mod pagination;
pub mod schema;
