//! Unit tests with mock dependencies, one module per concern.

mod authority;
mod delegation;
mod delegation_props;
mod early_close;
mod governance;
mod harness;
mod hostile;
mod limits;
mod membership;
mod moves;
mod proposals;
mod replies;
mod roles;
mod sanctions;
mod scope;
mod sortition;
mod token_sync;
