//! Typed `PLACEMENT_OPTIONS`: what a placement handler receives when the portal opens it.

/// The typed `PLACEMENT_OPTIONS` of one placement; generated from `specs/placements`.
pub trait PlacementOptions: serde::de::DeserializeOwned + Send + 'static {
    /// The placement code, e.g. `CALL_CARD`.
    const PLACEMENT: &'static str;
}

/// Why `PLACEMENT_OPTIONS` could not be read as a placement's options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionsError {
    /// The request opened another placement than the options type is for.
    #[error("PLACEMENT `{got}` is not `{expected}`")]
    WrongPlacement {
        /// The code (or family pattern) of the options type.
        expected: &'static str,
        /// The `PLACEMENT` the portal sent.
        got: String,
    },
    /// The options are not a JSON object of the documented shape.
    #[error("PLACEMENT_OPTIONS of `{placement}`: {message}")]
    Malformed {
        /// The placement code.
        placement: &'static str,
        /// What was wrong.
        message: String,
    },
}

/// Whether placement `code` belongs to `pattern`: equal, or equal with each
/// `XXX` of a family pattern (`CRM_XXX_DETAIL_TAB`) standing for one or more
/// upper-case letters, digits and `_` (`CRM_DEAL_DETAIL_TAB`,
/// `CRM_DYNAMIC_183_DETAIL_TAB`).
pub fn code_matches(pattern: &str, code: &str) -> bool {
    fn go(p: &[u8], c: &[u8]) -> bool {
        match p.strip_prefix(b"XXX") {
            Some(rest) => (1..=c.len()).any(|n| {
                c[..n]
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
                    && go(rest, &c[n..])
            }),
            None => match (p.first(), c.first()) {
                (None, None) => true,
                (Some(a), Some(b)) if a == b => go(&p[1..], &c[1..]),
                _ => false,
            },
        }
    }
    go(pattern.as_bytes(), code.as_bytes())
}

/// Decodes the `PLACEMENT_OPTIONS` form value (a JSON string) of a request
/// that opened `placement`. The placement must be `T`'s code or belong to its
/// family. An empty value, and the `[]` PHP writes for an empty array, are
/// the empty object. Scalars are read leniently (`"8061"` for an integer),
/// as the generated fields' decoders do.
pub fn decode<T: PlacementOptions>(placement: &str, raw_options: &str) -> Result<T, OptionsError> {
    if !code_matches(T::PLACEMENT, placement) {
        return Err(OptionsError::WrongPlacement {
            expected: T::PLACEMENT,
            got: placement.to_owned(),
        });
    }
    let raw = raw_options.trim();
    let value = match raw {
        "" | "[]" => serde_json::Value::Object(serde_json::Map::new()),
        _ => serde_json::from_str(raw).map_err(|e| OptionsError::Malformed {
            placement: T::PLACEMENT,
            message: format!("not JSON: {e}"),
        })?,
    };
    if !value.is_object() {
        return Err(OptionsError::Malformed {
            placement: T::PLACEMENT,
            message: format!("expected a JSON object, found {value}"),
        });
    }
    serde_json::from_value(value).map_err(|e| OptionsError::Malformed {
        placement: T::PLACEMENT,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Tab {
        #[serde(rename = "ID", deserialize_with = "crate::lenient::int")]
        id: i64,
        #[serde(rename = "URI", default)]
        uri: Option<String>,
    }

    impl PlacementOptions for Tab {
        const PLACEMENT: &'static str = "CRM_XXX_DETAIL_TAB";
    }

    #[test]
    fn family_patterns_match_their_codes_only() {
        assert!(code_matches("CALL_CARD", "CALL_CARD"));
        assert!(!code_matches("CALL_CARD", "CALL_CARDS"));
        assert!(code_matches("CRM_XXX_DETAIL_TAB", "CRM_DEAL_DETAIL_TAB"));
        assert!(code_matches(
            "CRM_XXX_DETAIL_TAB",
            "CRM_DYNAMIC_183_DETAIL_TAB"
        ));
        assert!(!code_matches("CRM_XXX_DETAIL_TAB", "CRM__DETAIL_TAB"));
        assert!(!code_matches("CRM_XXX_DETAIL_TAB", "CRM_DEAL_LIST_MENU"));
        assert!(!code_matches("CRM_XXX_DETAIL_TAB", "crm_deal_detail_tab"));
    }

    #[test]
    fn decodes_the_documented_example_leniently() {
        let raw = r#"{"ID":"8061","URI":"\/crm\/deal\/details\/8061\/"}"#;
        let t: Tab = decode("CRM_DEAL_DETAIL_TAB", raw).expect("decodes");
        assert_eq!(t.id, 8061);
        assert_eq!(t.uri.as_deref(), Some("/crm/deal/details/8061/"));
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        assert!(matches!(
            decode::<Tab>("CALL_CARD", "{}"),
            Err(OptionsError::WrongPlacement { .. })
        ));
        assert!(matches!(
            decode::<Tab>("CRM_DEAL_DETAIL_TAB", "{not json"),
            Err(OptionsError::Malformed { .. })
        ));
        assert!(matches!(
            decode::<Tab>("CRM_DEAL_DETAIL_TAB", "42"),
            Err(OptionsError::Malformed { .. })
        ));
        // ID is required by this type: the empty object lacks it
        let e = decode::<Tab>("CRM_DEAL_DETAIL_TAB", "[]").expect_err("missing ID");
        assert!(e.to_string().contains("ID"), "{e}");
    }
}
