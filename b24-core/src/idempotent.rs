//! Whether resending a method is harmless, judged from its name. The one
//! rule for untyped calls (`client.call("user.current", ..)`) and for
//! generated methods whose spec does not say `idempotent:`; generated code
//! evaluates [`by_name`] at compile time, so both always agree.

/// Last name parts that are reads.
const READS: &[&str] = &[
    "current",
    "profile",
    "scope",
    "methods",
    "access",
    "status",
    "types",
    "version",
    "openapi",
    "userfield",
    "settings",
];

/// Prefixes of last name parts that are reads (`getList`, `fields`,
/// `searchCrmEntities`).
const READ_PREFIXES: &[&str] = &["get", "list", "fields", "search", "info", "count"];

/// Whether `method` is safe to resend: its last dot-separated part
/// (compared case-insensitively) is a read verb from [`READS`] or starts
/// with one of [`READ_PREFIXES`]. Anything else is a write: resending
/// `crm.deal.add` could create a second deal. `batch` is not a read either;
/// a batch is idempotent when all its commands are, which the batch
/// builders decide.
///
/// ```
/// use b24_core::idempotent::by_name;
/// const CURRENT: bool = by_name("user.current");
/// assert!(CURRENT && by_name("crm.deal.getList") && by_name("crm.deal.fields"));
/// assert!(!by_name("crm.deal.add") && !by_name("catalog.document.deleteList"));
/// ```
pub const fn by_name(method: &str) -> bool {
    let last = last_part(method.as_bytes());
    let mut i = 0;
    while i < READS.len() {
        if eq_ignore_case(last, READS[i].as_bytes()) {
            return true;
        }
        i += 1;
    }
    let mut i = 0;
    while i < READ_PREFIXES.len() {
        let prefix = READ_PREFIXES[i].as_bytes();
        if last.len() >= prefix.len() && eq_ignore_case(last.split_at(prefix.len()).0, prefix) {
            return true;
        }
        i += 1;
    }
    false
}

/// What follows the last `.`, or all of `name`.
const fn last_part(name: &[u8]) -> &[u8] {
    let mut i = name.len();
    while i > 0 {
        if name[i - 1] == b'.' {
            return name.split_at(i).1;
        }
        i -= 1;
    }
    name
}

const fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::by_name;

    #[test]
    fn reads_and_writes() {
        for m in [
            "crm.deal.get",
            "crm.deal.list",
            "crm.deal.fields",
            "crm.item.list",
            "user.current",
            "User.Current",
            "profile",
            "methods",
            "crm.deal.userfield.getList",
            "telephony.externalCall.searchCrmEntities",
            "timeman.status",
            "crm.requisite.preset.countries",
        ] {
            assert!(by_name(m), "{m}");
        }
        for m in [
            "crm.deal.add",
            "crm.deal.update",
            "crm.deal.delete",
            "telephony.externalcall.register",
            "im.message.add",
            "catalog.document.deleteList",
            "batch",
            "",
            "crm.deal.",
            "ge",
        ] {
            assert!(!by_name(m), "{m}");
        }
    }
}
