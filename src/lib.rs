//! b24: the typed Rust SDK for Bitrix24.
