//! b24-codegen
