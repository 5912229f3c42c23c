//! b24-emulator
