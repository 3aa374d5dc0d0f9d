//! Pieces every DAC contract needs in the same shape: a two-step admin, the cw-plus pagination
//! bounds, id counters, bounded text, lean cw20/cw4 calls, the migration checks, and records
//! stored in postcard (`codec`) or saved as JSON by the lean writer (`store`), and cw-storage-plus's
//! every-block snapshots in shared code (`snapshot`).

// The derive's expansion names `::dac_common`, here too.
extern crate self as dac_common;

pub use dac_derive::{dac_serde, LeanDeserialize, LeanSerialize};

pub mod admin;
pub mod calls;
pub mod codec;
pub mod compact;
pub mod de;
pub mod entry;
pub mod ids;
pub mod json;
pub mod mesh;
pub mod migrate;
pub mod pagination;
pub mod schema;
pub mod snapshot;
pub mod store;
pub mod text;
