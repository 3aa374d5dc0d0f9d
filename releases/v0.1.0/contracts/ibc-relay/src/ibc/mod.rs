//! The IBC side: channel handshake, receiving packets, and resolving the packets we sent.

pub mod ack;
pub mod handshake;
pub mod receive;
